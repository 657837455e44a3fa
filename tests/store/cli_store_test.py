#!/usr/bin/env python3
"""The store's commands end to end, on SQLite and on PostgreSQL: ingest the project's sample
articles, list events in every format (the CSV has ACLED's columns on every row, the GeoJSON
parses), show an event with its sources, ask who controls a place, and refuse bad arguments
with exit code 2. Both back ends must store the same events.

usage: cli_store_test.py FRONTLINE GAZETTEER WORKDIR [POSTGRES_URI]
"""
import csv
import io
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ACLED = ("event_id_cnty event_date year time_precision disorder_type event_type sub_event_type "
         "actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting "
         "iso region country admin1 admin2 admin3 location latitude longitude geo_precision source "
         "source_scale notes fatalities tags timestamp").split()


def frontline(binary, gazetteer, *args, code=0):
    result = subprocess.run([binary, "--gazetteer", gazetteer, *args], capture_output=True, text=True)
    assert result.returncode == code, f"{args}: exit {result.returncode}, stderr: {result.stderr}"
    return result


def check(binary, gazetteer, db):
    samples = os.path.join(ROOT, "examples", "store")
    frontline(binary, gazetteer, "ingest", "--db", db, "--progress", "none", samples)
    again = frontline(binary, gazetteer, "ingest", "--db", db, "--progress", "none", samples)
    assert "(0 added, 0 replaced, 4 already stored)" in again.stderr, again.stderr

    rows = [json.loads(line) for line in
            frontline(binary, gazetteer, "events", "--db", db, "--format", "jsonl", "--limit", "0").stdout.splitlines()]
    assert rows, "no events stored"
    captures = [r for r in rows if r["sub_event_type"] == "government_regains_territory"
                and r["location"] and r["location"]["geonameid"] == 167611]
    assert len(captures) == 1, f"{len(captures)} capture events of Maarat al-Numan"
    capture = captures[0]
    assert capture["sources"] == 3 and capture["date"]["start"] == "2020-01-28", capture

    table = csv.reader(io.StringIO(
        frontline(binary, gazetteer, "events", "--db", db, "--format", "csv", "--limit", "0").stdout, newline=""))
    lines = list(table)
    assert lines[0] == ACLED, lines[0]
    assert len(lines) == len(rows) + 1 and all(len(line) == len(ACLED) for line in lines)

    collection = json.loads(frontline(binary, gazetteer, "events", "--db", db, "--format", "geojson",
                                      "--limit", "0").stdout)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == len(rows)
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        if feature["geometry"] is not None:
            lon, lat = feature["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90

    page = frontline(binary, gazetteer, "events", "--db", db, "--limit", "2")
    assert "--after" in page.stderr, page.stderr
    cursor = page.stderr.split("--after ")[1].split()[0]
    rest = frontline(binary, gazetteer, "events", "--db", db, "--format", "jsonl", "--limit", "0", "--after", cursor)
    assert len(rest.stdout.splitlines()) == len(rows) - 2

    near = frontline(binary, gazetteer, "events", "--db", db, "--format", "jsonl", "--limit", "0",
                     "--place", "Maarat al-Numan", "--radius", "5", "--from", "2020-01-28", "--to", "2020-01-28",
                     "--type", "Government regains territory")
    assert [json.loads(l)["id"] for l in near.stdout.splitlines()] == [capture["id"]]

    shown = frontline(binary, gazetteer, "show", str(capture["id"]), "--db", db, "--sources").stdout
    assert shown.count("\nreport ") == capture["mentions"] and "joined event" in shown, shown
    detail = json.loads(frontline(binary, gazetteer, "show", str(capture["id"]), "--db", db, "--sources", "--json").stdout)
    assert len(detail["reports"]) == capture["mentions"] and detail["sources"] == 3

    control = frontline(binary, gazetteer, "control", "Maarat al-Numan", "--db", db).stdout
    assert "from 2020-01-28" in control, control
    at = frontline(binary, gazetteer, "control", "--at", "2020-02-01", "--country", "SY", "--db", db).stdout
    assert "Ma" in at

    for bad in (["events", "--db", db, "--near", "95,10"], ["events", "--db", db, "--type", "picnic"],
                ["events", "--db", db, "--from", "28/01/2020"], ["events", "--db", db, "--after", "x"],
                ["control", "--db", db], ["events"]):
        frontline(binary, gazetteer, *bad, code=2)
    frontline(binary, gazetteer, "show", "999999", "--db", db, code=1)
    return [{k: v for k, v in r.items() if k not in ("id", "updated_at")} for r in rows]


def main():
    binary, gazetteer, work = sys.argv[1:4]
    postgres = sys.argv[4] if len(sys.argv) > 4 else os.environ.get("FRONTLINE_TEST_POSTGRES", "")
    if not os.path.exists(gazetteer):
        print(f"skipped: no gazetteer index at {gazetteer}")
        return 0
    os.makedirs(work, exist_ok=True)
    db = os.path.join(work, "cli.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    sqlite_events = check(binary, gazetteer, db)
    print(f"SQLite: {len(sqlite_events)} events")
    if postgres:
        schema = f"cli_{os.getpid()}"
        subprocess.run(["psql", postgres, "-qc", f"SET client_min_messages TO warning; DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"],
                       check=True)
        try:
            uri = postgres + ("&" if "?" in postgres else "?") + f"options=-csearch_path%3D{schema}"
            pg_events = check(binary, gazetteer, uri)
            print(f"PostgreSQL: {len(pg_events)} events")
            assert pg_events == sqlite_events, "the back ends stored different events"
        finally:
            subprocess.run(["psql", postgres, "-qc", f"SET client_min_messages TO warning; DROP SCHEMA IF EXISTS {schema} CASCADE"], check=True)
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
