#!/usr/bin/env python3
"""Kill `frontline ingest` in the middle of a batch, run it again, and check that nothing was
lost or doubled: the database is consistent after the kill, and after the second run it holds
exactly what one uninterrupted run stores (same documents, events, mentions, control periods,
and the same events, field for field).

usage: kill_ingest_test.py FRONTLINE GAZETTEER WORKDIR
"""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def counts(db):
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("documents", "events", "mentions", "event_sources", "control", "sentences")}
    finally:
        con.close()


def check_consistent(db):
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check failed"
        assert not con.execute("PRAGMA foreign_key_check").fetchall(), "dangling references"
        orphans = con.execute("SELECT COUNT(*) FROM mentions WHERE event_id IS NULL").fetchone()[0]
        assert orphans == 0, f"{orphans} mentions without an event"
        empty = con.execute("SELECT COUNT(*) FROM events e WHERE NOT EXISTS "
                            "(SELECT 1 FROM mentions m WHERE m.event_id = e.id)").fetchone()[0]
        assert empty == 0, f"{empty} events without a mention"
        wrong = con.execute("SELECT COUNT(*) FROM events e WHERE e.mentions != "
                            "(SELECT COUNT(*) FROM mentions m WHERE m.event_id = e.id)").fetchone()[0]
        assert wrong == 0, f"{wrong} events whose mention count is off"
    finally:
        con.close()


def events(frontline, db):
    out = run([frontline, "events", "--db", db, "--format", "jsonl", "--limit", "0"]).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    for row in rows:
        row.pop("updated_at", None)
    return rows


def main():
    frontline, gazetteer, work = sys.argv[1:4]
    if not os.path.exists(gazetteer):
        print(f"skipped: no gazetteer index at {gazetteer}")
        return 0
    os.makedirs(work, exist_ok=True)
    corpus = os.path.join(work, "corpus.jsonl")
    run([sys.executable, os.path.join(HERE, "make_corpus.py"), "1500", corpus])
    ingest = [frontline, "--gazetteer", gazetteer, "ingest", "--batch", "25", "-j", "2",
              "--progress", "lines", corpus, "--db"]

    clean = os.path.join(work, "clean.db")
    killed = os.path.join(work, "killed.db")
    for path in (clean, killed):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
    run(ingest + [clean])
    expected = counts(clean)
    print("uninterrupted run:", expected)

    process = subprocess.Popen(ingest + [killed], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and process.poll() is None:
        time.sleep(0.05)
        try:
            stored = counts(killed)["documents"]
        except sqlite3.Error:
            continue  # the schema is not there yet
        if stored >= 100:
            break
    assert process.poll() is None, "ingest finished before it could be killed: use a bigger corpus"
    process.send_signal(signal.SIGKILL)
    process.wait()
    after_kill = counts(killed)
    print("after SIGKILL:", after_kill)
    check_consistent(killed)
    assert 0 < after_kill["documents"] < expected["documents"], "the kill did not land mid-run"

    second = run(ingest + [killed])
    print(second.stderr.strip().splitlines()[-2])
    check_consistent(killed)
    resumed = counts(killed)
    print("after the second run:", resumed)
    assert resumed == expected, f"counts differ: {resumed} != {expected}"
    assert events(frontline, killed) == events(frontline, clean), "stored events differ"
    # A third run stores nothing new.
    run(ingest + [killed])
    assert counts(killed) == expected, "a re-run changed the database"
    print("ok: nothing lost, nothing doubled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
