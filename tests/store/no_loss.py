"""What the store's failure tests share (full disk, locked database): a corpus, a reference run
and the checks that nothing stored was lost.

The checks themselves (counts, consistency, events) are kill_ingest_test's.
"""
import os
import shutil
import sqlite3
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from kill_ingest_test import check_consistent, counts, events, run  # noqa: E402,F401


def remove_db(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def make_corpus(work, documents, first_share=0.5):
    """Writes a corpus of `documents` and its first part (`first_share` of it); returns both
    paths."""
    corpus = os.path.join(work, "corpus.jsonl")
    first = os.path.join(work, "first.jsonl")
    run([sys.executable, os.path.join(HERE, "make_corpus.py"), str(documents), corpus])
    with open(corpus, encoding="utf-8") as f:
        lines = f.readlines()
    with open(first, "w", encoding="utf-8") as f:
        f.writelines(lines[: int(len(lines) * first_share)])
    return corpus, first


def prepare(frontline, gazetteer, work, documents, first_share=0.5):
    """A fresh WORKDIR with the corpus, its first part and an uninterrupted run of it into
    clean.db: returns (corpus, first, ingest command, clean.db); None when there is no gazetteer
    index (said on stdout: the test is skipped)."""
    if not os.path.exists(gazetteer):
        print(f"skipped: no gazetteer index at {gazetteer}")
        return None
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    corpus, first = make_corpus(work, documents, first_share)
    ingest = ingest_command(frontline, gazetteer)
    clean = os.path.join(work, "clean.db")
    run(ingest + ["--db", clean, corpus])
    print("uninterrupted run:", counts(clean))
    return corpus, first, ingest, clean


def ingest_command(frontline, gazetteer):
    return [frontline, "--gazetteer", gazetteer, "ingest", "--batch", "25", "-j", "2",
            "--progress", "lines"]


def stored(db):
    """What a failure must not take away: every document's id and every event's id with its
    number of reports (a later batch may add reports, never remove one)."""
    con = sqlite3.connect(db)
    try:
        documents = {row[0] for row in con.execute("SELECT id FROM documents")}
        reported = dict(con.execute("SELECT id, mentions FROM events"))
        return documents, reported
    finally:
        con.close()


def check_nothing_lost(before, after):
    documents_before, events_before = before
    documents_after, events_after = after
    lost = documents_before - documents_after
    assert not lost, f"{len(lost)} stored documents lost"
    for event, reports in events_before.items():
        assert event in events_after, f"stored event {event} lost"
        assert events_after[event] >= reports, f"event {event} lost reports"


def check_clear_error(process, words):
    """The failed run says what happened, that earlier batches are kept, and how to finish."""
    message = process.stderr
    assert process.returncode != 0, "the failed run exited with 0"
    for word in words + ["earlier batch is kept", "same command again"]:
        assert word in message, f"the error does not say {word!r}:\n{message}"
    assert "Traceback" not in message and "AddressSanitizer" not in message, message
