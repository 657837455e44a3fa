#!/usr/bin/env python3
"""Runs the browser test of the web map (tests/web/browser_test.mjs, Playwright driving Debian's
Chromium) against `frontline serve` over a fresh store of the project's sample articles, with
the canonical article of ../shared/corpus when it is there. Screenshots go to SHOTS.

usage: run_browser_test.py FRONTLINE GAZETTEER WEB_DIR WORKDIR SHOTS
"""
import os
import shutil
import signal
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CANONICAL = os.path.join(ROOT, "..", "shared", "corpus", "idlib-maarat-al-numan-2020-01-28.txt")


def main():
    if len(sys.argv) != 6:
        print(__doc__)
        return 2
    binary, gazetteer, web, work, shots = sys.argv[1:6]
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(chromium):
        print(f"run_browser_test: no Chromium at {chromium} (scripts/install-deps.sh installs Debian's)")
        return 1
    if not os.path.isdir(os.path.join(ROOT, "node_modules", "playwright-core")):
        print("run_browser_test: node_modules/playwright-core is missing (scripts/install-deps.sh runs npm ci)")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    db = os.path.join(work, "events.db")
    inputs = [os.path.join(ROOT, "examples")]
    if os.path.exists(CANONICAL):
        inputs.append(CANONICAL)
    else:
        print("run_browser_test: ../shared is absent: the store holds the project's samples alone")
    subprocess.run([binary, "--gazetteer", gazetteer, "ingest", "--db", db, "--progress", "none", *inputs],
                   check=True)
    server = subprocess.Popen([binary, "--gazetteer", gazetteer, "serve", "--db", db, "--port", "0",
                               "--web", web], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        if not line.startswith("frontline serve: http://"):
            print(f"run_browser_test: the server did not start: {line!r}")
            return 1
        url = line.split(": ", 1)[1].strip()
        env = dict(os.environ, CHROMIUM=chromium)
        test = subprocess.run(["node", os.path.join(ROOT, "tests", "web", "browser_test.mjs"), url, shots],
                              cwd=ROOT, env=env, timeout=120)
        return test.returncode
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    sys.exit(main())
