#!/usr/bin/env python3
"""Kill `frontline ingest` in the middle of a batch, run it again, and check that nothing was
lost or doubled: the database is consistent after the kill, and after the second run it holds
exactly what one uninterrupted run stores (same documents, events, mentions, control periods,
and the same events, field for field).

usage: kill_ingest_test.py FRONTLINE GAZETTEER WORKDIR [POSTGRES_URI]

With POSTGRES_URI the killed run writes to PostgreSQL (in a schema of its own) and is compared
with the uninterrupted SQLite run: the back ends must agree too.
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


TABLES = ("documents", "events", "mentions", "event_sources", "control", "sentences")


class Postgres:
    """Just enough of a DB-API connection over psql for the checks below."""

    def __init__(self, uri):
        self.uri = uri

    def execute(self, sql):
        out = subprocess.run(["psql", self.uri, "-XAtqc", sql], check=True, capture_output=True,
                             text=True).stdout
        rows = [tuple(int(v) if v.lstrip("-").isdigit() else v for v in line.split("|"))
                for line in out.splitlines()]
        return Rows(rows)

    def close(self):
        pass


class Rows:
    def __init__(self, rows):
        self.rows = rows

    def fetchone(self):
        return self.rows[0]

    def fetchall(self):
        return self.rows


def connect(db):
    return Postgres(db) if db.startswith("postgresql://") else sqlite3.connect(db)


def counts(db):
    con = connect(db)
    try:
        return {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def check_consistent(db):
    con = connect(db)
    try:
        if not db.startswith("postgresql://"):
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
        row.pop("id", None)  # PostgreSQL's identity and SQLite's keys need not agree
    return rows


def main():
    frontline, gazetteer, work = sys.argv[1:4]
    postgres = sys.argv[4] if len(sys.argv) > 4 else ""
    if not os.path.exists(gazetteer):
        print(f"skipped: no gazetteer index at {gazetteer}")
        return 0
    os.makedirs(work, exist_ok=True)
    corpus = os.path.join(work, "corpus.jsonl")
    # PostgreSQL takes a statement a round trip, so its run is slower and needs fewer documents
    # to be caught mid-run.
    documents = os.environ.get("FRONTLINE_TEST_KILL_DOCUMENTS") or ("500" if postgres else "1500")
    if postgres and os.environ.get("FRONTLINE_TEST_KILL_DOCUMENTS"):
        documents = str(max(150, int(documents) // 2))
    run([sys.executable, os.path.join(HERE, "make_corpus.py"), documents, corpus])
    ingest = [frontline, "--gazetteer", gazetteer, "ingest", "--batch", "25", "-j", "2",
              "--progress", "lines", corpus, "--db"]

    clean = os.path.join(work, "clean.db")
    killed = os.path.join(work, "killed.db")
    schema = ""
    if postgres:
        schema = f"kill_{os.getpid()}"
        subprocess.run(["psql", postgres, "-Xqc", f"SET client_min_messages TO warning; "
                        f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"], check=True)
        killed = postgres + ("&" if "?" in postgres else "?") + f"options=-csearch_path%3D{schema}"
    try:
        return scenario(frontline, ingest, clean, killed)
    finally:
        if schema:
            subprocess.run(["psql", postgres, "-Xqc", f"SET client_min_messages TO warning; "
                            f"DROP SCHEMA IF EXISTS {schema} CASCADE"], check=True)


def scenario(frontline, ingest, clean, killed):
    for path in (clean, killed):
        if path.startswith("postgresql://"):
            continue
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
        except (sqlite3.Error, subprocess.CalledProcessError):
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
