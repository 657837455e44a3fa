#!/usr/bin/env python3
"""Another process writing the database while `frontline ingest` runs.

1. The other process holds the write lock longer than --lock-timeout: ingest stops with a
   clear error after the wait, having changed nothing, and every stored event is still there.
2. The other process lets go within the wait: ingest waits for it and completes, giving what
   one uninterrupted run stores.

3. With POSTGRES_URI, the same on PostgreSQL: another session holds the store's writer lock (an
   advisory lock) past --lock-timeout, then lets go within it.

usage: locked_db_test.py FRONTLINE GAZETTEER WORKDIR [POSTGRES_URI]
"""
import os
import sqlite3
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from no_loss import (check_clear_error, check_consistent, check_nothing_lost, counts,  # noqa: E402
                     events, prepare, run, stored)


def hold_write_lock(db):
    """A connection holding the database's write lock (as another writer mid-transaction)."""
    con = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO meta (key, value) VALUES ('locked-by-test', '1')")
    return con


def main():
    frontline, gazetteer, work = sys.argv[1:4]
    prepared = prepare(frontline, gazetteer, work, 120)
    if prepared is None:
        return 0
    corpus, half, ingest, clean = prepared
    expected = counts(clean)

    db = os.path.join(work, "locked.db")
    run(ingest + ["--db", db, half])
    before_counts, before = counts(db), stored(db)
    print("before the lock:", before_counts)

    # 1. Locked past the wait.
    holder = hold_write_lock(db)
    started = time.monotonic()
    failed = subprocess.run(ingest + ["--lock-timeout", "1", "--db", db, corpus],
                            capture_output=True, text=True)
    waited = time.monotonic() - started
    holder.rollback()
    holder.close()
    print(f"locked run ended after {waited:.1f} s:", failed.stderr.strip().splitlines()[:1])
    check_clear_error(failed, ["database is locked", "longer than the wait of 1 s"])
    assert waited < 60, f"ingest waited {waited:.0f} s for a 1 s lock timeout"
    check_consistent(db)
    check_nothing_lost(before, stored(db))
    assert counts(db) == before_counts, "the locked run changed the database"

    # 2. Let go within the wait (5 s: ingest is waiting by then, even under the sanitizers).
    holder = hold_write_lock(db)
    release = threading.Timer(5.0, lambda: (holder.rollback(), holder.close()))
    started = time.monotonic()
    release.start()
    try:
        waited_run = run(ingest + ["--lock-timeout", "120", "--db", db, corpus])
    finally:
        release.join()
    waited = time.monotonic() - started
    assert waited >= 4.5, f"ingest ended after {waited:.1f} s, before the lock was let go"
    print(waited_run.stderr.strip().splitlines()[-2])
    check_consistent(db)
    assert counts(db) == expected, f"{counts(db)} != {expected}"
    assert events(frontline, db) == events(frontline, clean), "stored events differ"
    print("ok: a locked database stops ingest cleanly, and a lock let go is waited for")
    if len(sys.argv) > 4:
        postgres_scenario(frontline, ingest, corpus, half, sys.argv[4], expected)
    return 0


def postgres_scenario(frontline, ingest, corpus, half, postgres, expected):
    schema = f"locked_{os.getpid()}"

    def psql(sql):
        subprocess.run(["psql", postgres, "-Xqc", "SET client_min_messages TO warning; " + sql],
                       check=True)

    psql(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}")
    db = postgres + ("&" if "?" in postgres else "?") + f"options=-csearch_path%3D{schema}"
    try:
        run(ingest + ["--db", db, half])
        before = counts(db)

        def holder(seconds):
            # The lock every writing batch takes (store.cc, Store::Begin), held by another session.
            return subprocess.Popen(["psql", postgres, "-Xqc",
                                     "BEGIN; SELECT pg_advisory_xact_lock(7428114); "
                                     f"SELECT pg_sleep({seconds}); COMMIT"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        held = holder(6)
        time.sleep(1)  # the session has the lock
        failed = subprocess.run(ingest + ["--lock-timeout", "1", "--db", db, corpus],
                                capture_output=True, text=True)
        held.wait()
        print("locked PostgreSQL run:", failed.stderr.strip().splitlines()[:1])
        check_clear_error(failed, ["lock timeout"])
        assert counts(db) == before, "the locked run changed the database"

        held = holder(4)
        time.sleep(1)
        started = time.monotonic()
        run(ingest + ["--lock-timeout", "120", "--db", db, corpus])
        held.wait()
        assert time.monotonic() - started >= 2.5, "ingest did not wait for the lock"
        assert counts(db) == expected, f"{counts(db)} != {expected}"
        print("ok: the same on PostgreSQL")
    finally:
        psql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


if __name__ == "__main__":
    sys.exit(main())
