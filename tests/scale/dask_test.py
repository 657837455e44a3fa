#!/usr/bin/env python3
"""frontline under an existing distributed engine: a Dask cluster of several worker processes
(Debian's python3-distributed, a LocalCluster on this machine) runs `frontline extract` on
partitions of a corpus, each writing a gzip-compressed JSONL part; `frontline ingest
--extracted` merges the parts into one store. Its events must equal those of one process
ingesting the whole corpus.

usage: dask_test.py FRONTLINE GAZETTEER WORKDIR   (run with the Python that has `distributed`)
"""
import gzip
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WORKERS = 3


def extract_part(binary, gazetteer, source, target):
    """Runs on a Dask worker: one partition in, one compressed JSONL part out."""
    result = subprocess.run([binary, "--gazetteer", gazetteer, "extract", "-j", "1", source],
                            capture_output=True)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"extract {source}: exit {result.returncode}: {result.stderr.decode()[-500:]}")
    with gzip.open(target, "wb") as out:
        out.write(result.stdout)
    return target, result.stdout.count(b"\n")


def events(binary, gazetteer, db):
    out = subprocess.run([binary, "--gazetteer", gazetteer, "events", "--db", db, "--format", "jsonl",
                          "--limit", "0"], capture_output=True, text=True, check=True).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    for row in rows:
        row.pop("updated_at")
    return rows


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    binary, gazetteer, work = (os.path.abspath(a) for a in sys.argv[1:4])
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("dask_test: the Python module `distributed` is missing (apt-get install python3-distributed)")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    corpus = os.path.join(work, "corpus.jsonl")
    subprocess.run([sys.executable, os.path.join(ROOT, "tests", "store", "make_corpus.py"), "240", corpus],
                   check=True)
    with open(corpus) as f:
        lines = f.readlines()
    # Contiguous partitions, so that the parts in order are the corpus in order.
    size = (len(lines) + WORKERS - 1) // WORKERS
    partitions = []
    for i in range(WORKERS):
        path = os.path.join(work, f"partition-{i}.jsonl")
        with open(path, "w") as f:
            f.writelines(lines[i * size:(i + 1) * size])
        partitions.append(path)

    single = os.path.join(work, "single.db")
    subprocess.run([binary, "--gazetteer", gazetteer, "ingest", "--db", single, "--progress", "none", corpus],
                   check=True)

    cluster = LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        with Client(cluster) as client:
            assert len(client.scheduler_info()["workers"]) == WORKERS
            futures = [client.submit(extract_part, binary, gazetteer, p, os.path.join(work, f"part-{i}.jsonl.gz"),
                                     pure=False) for i, p in enumerate(partitions)]
            parts = client.gather(futures)
    finally:
        cluster.close()
    assert sum(n for _, n in parts) == len(lines), (parts, len(lines))
    merged = os.path.join(work, "dask.db")
    subprocess.run([binary, "--gazetteer", gazetteer, "ingest", "--extracted", "--db", merged, "--progress", "none",
                    *[p for p, _ in parts]], check=True)

    expected, got = events(binary, gazetteer, single), events(binary, gazetteer, merged)
    assert len(expected) > 100, len(expected)
    if got != expected:
        for a, b in zip(expected, got):
            if a != b:
                print("first difference:\n single:", json.dumps(a)[:600], "\n dask:  ", json.dumps(b)[:600])
                break
        print(f"dask_test: {len(got)} events from the Dask run, {len(expected)} from one process")
        return 1
    print(f"dask_test: {WORKERS} Dask workers, {len(lines)} documents, {len(got)} events, the same as one process")
    return 0


if __name__ == "__main__":
    sys.exit(main())
