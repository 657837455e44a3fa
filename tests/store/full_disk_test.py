#!/usr/bin/env python3
"""A disk that fills up in the middle of `frontline ingest`: the run stops with a clear error,
the database stays consistent with every event stored before, and once there is room the same
command completes it, giving what one uninterrupted run stores.

Two kinds of full disk:
- a file size limit (RLIMIT_FSIZE: writes past it fail with EFBIG), which works anywhere;
- a real file system that runs out of space (ENOSPC): a small tmpfs mounted in a user and
  mount namespace of the test's own (unshare -rm), then grown, as when a user frees space.
  Skipped, saying so, where unprivileged namespaces are not allowed.

usage: full_disk_test.py FRONTLINE GAZETTEER WORKDIR
"""
import json
import os
import resource
import signal
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from no_loss import (check_clear_error, check_consistent, check_nothing_lost, counts,  # noqa: E402
                     events, ingest_command, prepare, remove_db, run, stored)


def db_bytes(db):
    return sum(os.path.getsize(db + s) for s in ("", "-wal", "-shm") if os.path.exists(db + s))


def fill_and_resume(frontline, ingest, corpus, half, db, reference, limit_run, make_room, words):
    """Ingests the first part of the corpus, then all of it on a disk with little room left (limit_run),
    checks the failure, makes room and runs the same command again."""
    run(ingest + ["--db", db, half])
    before = stored(db)
    print("before the disk fills:", counts(db))
    failed = limit_run(ingest + ["--db", db, corpus])
    print("failed run:", failed.stderr.strip().splitlines()[:1])
    check_clear_error(failed, words)
    check_consistent(db)
    check_nothing_lost(before, stored(db))
    after = counts(db)
    print("after the failure:", after)
    assert after["documents"] < reference["counts"]["documents"], "the disk never filled"
    make_room()
    run(ingest + ["--db", db, corpus])
    check_consistent(db)
    assert counts(db) == reference["counts"], f"{counts(db)} != {reference['counts']}"
    assert events(frontline, db) == reference["events"], "stored events differ"


def size_limit_scenario(frontline, ingest, corpus, half, work, reference):
    db = os.path.join(work, "limit.db")
    remove_db(db)
    state = {}

    def limited(cmd):
        limit = db_bytes(db) + 96 * 1024
        state["limit"] = limit

        def apply():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failing write, not a killed process
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        return subprocess.run(cmd, capture_output=True, text=True, preexec_fn=apply)

    fill_and_resume(frontline, ingest, corpus, half, db, reference, limited, lambda: None,
                    ["file size limit"])
    print(f"ok: file size limit of {state['limit']} bytes")


def tmpfs_scenario(frontline, ingest, corpus, half, work, reference):
    """Runs inside the namespace: the tmpfs lives as long as this process."""
    mount = os.path.join(work, "tmpfs")
    os.makedirs(mount, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256m", "frontline-test", mount], check=True)
    db = os.path.join(mount, "events.db")

    def used():
        st = os.statvfs(mount)
        return (st.f_blocks - st.f_bfree) * st.f_frsize

    def full(cmd):
        room = used() + 160 * 1024
        subprocess.run(["mount", "-o", f"remount,size={room}", mount], check=True)
        return subprocess.run(cmd, capture_output=True, text=True)

    def make_room():
        subprocess.run(["mount", "-o", "remount,size=256m", mount], check=True)

    fill_and_resume(frontline, ingest, corpus, half, db, reference, full, make_room,
                    ["disk is full"])
    print("ok: a full tmpfs")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--in-namespace":
        frontline, gazetteer, work, reference_path = sys.argv[2:6]
        with open(reference_path, encoding="utf-8") as f:
            reference = json.load(f)
        corpus, half = os.path.join(work, "corpus.jsonl"), os.path.join(work, "first.jsonl")
        tmpfs_scenario(frontline, ingest_command(frontline, gazetteer), corpus, half, work,
                       reference)
        return 0

    frontline, gazetteer, work = sys.argv[1:4]
    # A quarter first: the rest writes several times the limit's margin, WAL or not.
    prepared = prepare(frontline, gazetteer, work, 200, first_share=0.25)
    if prepared is None:
        return 0
    corpus, half, ingest, clean = prepared
    reference = {"counts": counts(clean), "events": events(frontline, clean)}

    size_limit_scenario(frontline, ingest, corpus, half, work, reference)

    reference_path = os.path.join(work, "reference.json")
    with open(reference_path, "w", encoding="utf-8") as f:
        json.dump(reference, f)
    # Namespaces may be allowed where mounting in them is not: probe with a real mount.
    probe_dir = os.path.join(work, "probe")
    os.makedirs(probe_dir, exist_ok=True)
    probe = subprocess.run(["unshare", "-rm", "mount", "-t", "tmpfs", "-o", "size=1m",
                            "frontline-probe", probe_dir], capture_output=True, text=True)
    if probe.returncode != 0:
        print("skipped the tmpfs scenario: a tmpfs cannot be mounted in a namespace here "
              f"(unshare -rm mount: {probe.stderr.strip()})")
        return 0
    inner = subprocess.run(["unshare", "-rm", sys.executable, os.path.abspath(__file__),
                            "--in-namespace", frontline, gazetteer, work, reference_path])
    return inner.returncode


if __name__ == "__main__":
    sys.exit(main())
