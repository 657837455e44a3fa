#!/usr/bin/env python3
"""`frontline serve` over HTTP: every endpoint, pagination, every error path, the static page's
files, and the server's defences (loopback by default, no path traversal, bound parameters,
body and URL limits, no CORS unless asked, a slow client does not stop others, a slow query is
cut short). A second server
with --allow-ingest takes JSONL batches.

usage: api_test.py FRONTLINE GAZETTEER WEB_DIR WORKDIR
"""
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import unittest
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = GAZETTEER = WEB = WORK = None

# The project's own test article (written for this test), as a feed line.
OWN_REPORT = {
    "url": "https://example.org/frontline-test/saraqib",
    "title": "Government forces retake Saraqib",
    "published": "2020-03-03",
    "text": ("Government forces recaptured the town of Saraqib in Idlib province on Monday, "
             "March 2, 2020, after two days of heavy clashes with rebel fighters, a military "
             "source said.\n\nAt least 12 fighters were killed in the fighting, the source added."),
}


class Server:
    """A `frontline serve` process on a free loopback port."""

    def __init__(self, db, *extra):
        args = [BINARY, "--gazetteer", GAZETTEER, "serve", "--db", db, "--port", "0", "--web", WEB,
                *extra]
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("frontline serve: http://"):
            self.process.kill()
            raise RuntimeError(f"server did not start: {line!r} {self.process.stderr.read()}")
        url = urllib.parse.urlparse(line.split(": ", 1)[1].strip())
        self.host, self.port = url.hostname, url.port

    def request(self, method, path, body=None, headers=None):
        # Generous: the first place search builds its index, slowly under the sanitizers.
        connection = http.client.HTTPConnection(self.host, self.port, timeout=180)
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, dict((k.lower(), v) for k, v in response.getheaders()), data

    def get(self, path, status=200):
        code, headers, data = self.request("GET", path)
        assert code == status, f"GET {path}: {code} (wanted {status}): {data[:300]!r}"
        if headers.get("content-type", "").startswith("application/json"):
            return json.loads(data)
        return data

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=60)
        finally:
            if self.process.poll() is None:
                self.process.kill()
        self.process.stdout.close()
        self.process.stderr.close()
        return code


def query(path, **params):
    return path + "?" + urllib.parse.urlencode(params, doseq=True)


def frontline(*args):
    result = subprocess.run([BINARY, "--gazetteer", GAZETTEER, *args], capture_output=True, text=True)
    assert result.returncode == 0, f"{args}: {result.stderr}"
    return result.stdout


class ReadOnlyApi(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.db = os.path.join(WORK, "events.db")
        frontline("ingest", "--db", cls.db, "--progress", "none", os.path.join(ROOT, "examples"))
        cls.all = [json.loads(line) for line in
                   frontline("events", "--db", cls.db, "--format", "jsonl", "--limit", "0").splitlines()]
        assert len(cls.all) > 20, len(cls.all)
        cls.server = Server(cls.db, "--timeout", "2", "--max-body", "100000")

    @classmethod
    def tearDownClass(cls):
        assert cls.server.stop() == 0

    def error(self, path, status=400, method="GET", body=None, contains=""):
        code, headers, data = self.server.request(method, path, body=body)
        self.assertEqual(code, status, f"{method} {path}: {data[:300]!r}")
        self.assertTrue(headers["content-type"].startswith("application/json"), headers)
        payload = json.loads(data)
        self.assertEqual(payload["error"]["status"], status)
        self.assertIn(contains, payload["error"]["message"])
        return payload["error"]["message"]

    def capture(self):
        page = self.server.get(query("/api/events", type="government_regains_territory",
                                     place="Maarat al-Numan", radius=10))
        found = [e for e in page["events"] if e["date"]["start"] == "2020-01-28"]
        self.assertEqual(len(found), 1, page)
        return found[0]

    # /api/stats

    def test_stats(self):
        stats = self.server.get("/api/stats")
        self.assertEqual(stats["events"], len(self.all))
        dated = sorted(e["date"]["start"] for e in self.all if e["date"]["start"])
        self.assertEqual(stats["first_date"], dated[0])
        self.assertEqual(stats, self.server.get("/api/stats"))  # the same on a second request
        self.error("/api/stats?x=1", contains='unknown parameter "x"')

    # /api/events

    def test_events_match_the_command_line(self):
        page = self.server.get(query("/api/events", limit=1000))
        self.assertEqual([e["id"] for e in page["events"]], [e["id"] for e in self.all])
        self.assertEqual(page["events"], self.all)
        self.assertIsNone(page["next"])

    def test_default_page_and_order(self):
        page = self.server.get("/api/events")
        self.assertEqual(len(page["events"]), min(100, len(self.all)))
        keys = [(e["date"]["start"], e["id"]) for e in page["events"]]
        self.assertEqual(keys, sorted(keys))

    def test_pagination_walks_every_event_once(self):
        seen, cursor, pages = [], None, 0
        while True:
            params = {"limit": 7}
            if cursor:
                params["cursor"] = cursor
            page = self.server.get(query("/api/events", **params))
            self.assertLessEqual(len(page["events"]), 7)
            seen += [e["id"] for e in page["events"]]
            pages += 1
            cursor = page["next"]
            if cursor is None:
                break
            last = page["events"][-1]
            self.assertEqual(cursor, f'{last["date"]["start"]}/{last["id"]}')
        self.assertEqual(seen, [e["id"] for e in self.all])
        self.assertEqual(pages, (len(self.all) + 6) // 7)

    def test_filters(self):
        def ids(**params):
            return {e["id"] for e in self.server.get(query("/api/events", limit=1000, **params))["events"]}
        everything = {e["id"] for e in self.all}
        by_country = ids(country="SY")
        self.assertEqual(by_country, {e["id"] for e in self.all if e["location"] and e["location"]["country"] == "SY"})
        self.assertEqual(ids(country="sy,ye"), by_country | ids(country="YE"))
        self.assertEqual(ids(country=["SY", "YE"]), ids(country="SY,YE"))
        self.assertEqual(ids(type="Battles"), {e["id"] for e in self.all if e["event_type"] == "Battles"})
        self.assertEqual(ids(type="government_regains_territory"),
                         {e["id"] for e in self.all if e["sub_event_type"] == "government_regains_territory"})
        self.assertEqual(ids(type="Government regains territory"), ids(type="government_regains_territory"))
        self.assertEqual(ids(min_sources=2), {e["id"] for e in self.all if e["sources"] >= 2})
        self.assertEqual(ids(modality="fact"), {e["id"] for e in self.all if e["modality"] == "fact"})
        self.assertEqual(ids(actor="sy.army"), {e["id"] for e in self.all if any(
            a and a["id"] == "sy.army" for a in (e["actor1"], e["actor2"]))})
        january = ids(**{"from": "2020-01-01", "to": "2020-01-31"})
        self.assertTrue(january)
        for e in self.all:
            overlaps = e["date"]["start"] and e["date"]["start"] <= "2020-01-31" and e["date"]["end"] >= "2020-01-01"
            self.assertEqual(e["id"] in january, bool(overlaps), e["date"])
        capture = self.capture()
        near = ids(near="35.6483,36.67693", radius=5)
        self.assertIn(capture["id"], near)
        self.assertIn(capture["id"], ids(bbox="36.5,35.5,36.8,35.8"))
        self.assertNotIn(capture["id"], ids(bbox="40,30,41,31"))
        self.assertIn(capture["id"], ids(q="Maarat"))
        self.assertEqual(ids(q="wordthatappearsnowhere"), set())
        self.assertTrue(ids(admin1=capture["location"]["admin1"]))
        self.assertLessEqual(ids(country="SY", type="Battles"), by_country)
        self.assertLessEqual(ids(), everything)

    def test_geojson(self):
        collection = self.server.get(query("/api/events", format="geojson", limit=1000))
        self.assertEqual(collection["type"], "FeatureCollection")
        self.assertEqual(len(collection["features"]), len(self.all))
        for feature, event in zip(collection["features"], self.all):
            self.assertEqual(feature["properties"], event)
            if event["location"] and event["location"]["lat"] is not None:
                self.assertEqual(feature["geometry"]["coordinates"], [event["location"]["lon"], event["location"]["lat"]])
            else:
                self.assertIsNone(feature["geometry"])

    def test_event_parameter_errors(self):
        cases = {
            "limit=0": "limit must be a whole number from 1 to 1000",
            "limit=1001": "limit must be",
            "limit=x": "limit must be",
            "limit=5&limit=6": "limit is given more than once",
            "cursor=nonsense": "cursor wants DATE/ID",
            "cursor=2020-01-01/0": "cursor wants",
            "from=2020-13-01": "from wants a date",
            "to=yesterday": "to wants a date",
            "from=2020-02-01&to=2020-01-01": "is after to",
            "near=91,0": "near wants LAT,LON",
            "near=35": "near wants",
            "near=1,2&place=Aden": "not both",
            "radius=-1&near=1,2": "radius wants kilometres",
            "radius=abc&near=1,2": "radius wants",
            "bbox=1,2,3": "bbox wants",
            "bbox=3,2,1,4": "bbox wants",
            "bbox=-200,0,0,10": "bbox wants",
            "type=nonsense": 'unknown event type or sub-type "nonsense"',
            "modality=certain": "modality wants",
            "country=SYR": "country wants ISO 3166 alpha-2",
            "min_sources=-1": "min_sources must be",
            "format=xml": "format wants json or geojson",
            "contry=SY": 'unknown parameter "contry"',
            "place=Nowhereville%20Xq": "no place named",
            "radius=0&near=1,2": "radius wants",
            "radius=20001&near=1,2": "radius wants",
            "country=S1": "country wants",
            "cursor=2020-13-01/5": "cursor wants",
            "min_sources=1000001": "min_sources must be",
            "bbox=1,2,3,4,5": "bbox wants",
            "format=json&format=geojson": "format is given more than once",
            "q=a&q=b": "q is given more than once",
            "from=2020-01-01&from=2020-02-01": "from is given more than once",
            "country=" + ",".join(f"{a}{b}" for a in "ABCDEFGHI" for b in "ABCDEFGH"): "country lists at most 64",
        }
        for params, message in cases.items():
            with self.subTest(params=params):
                self.error("/api/events?" + params, contains=message)

    def test_hostile_values_are_data(self):
        # SQL and full-text syntax in values are matched as text, never run.
        for params in ({"actor": "x' OR 1=1 --"}, {"q": '"zzqxv OR NEAR( * ) --'}, {"admin1": "'; DROP TABLE events; --"},
                       {"q": "\u0645\u0639\u0631\u0629 \u00e9\u00e8"}, {"actor": "%_%"}):
            with self.subTest(params=params):
                page = self.server.get(query("/api/events", **params))
                self.assertEqual(page["events"], [])
        self.assertEqual(self.server.get("/api/stats")["events"], len(self.all))
        # Control characters, quotes alone and bytes that are not UTF-8 match nothing.
        for params in ("admin1=%ff%fe", "q=%22", "q=%22%22%20%22", "actor=%ff"):
            with self.subTest(params=params):
                self.assertEqual(self.server.get("/api/events?" + params)["events"], [])
        for params in ("admin1=%ff%fe%00", "q=a%00b", "actor=%00", "q=a%0Ab", "country=S%7F"):
            with self.subTest(params=params):
                self.error("/api/events?" + params, contains="contains a control character")

    # /api/events/{id}

    def test_one_event_with_reports(self):
        capture = self.capture()
        event = self.server.get(f"/api/events/{capture['id']}")
        reports = event.pop("reports")
        self.assertEqual(event, capture)
        self.assertEqual(len(reports), capture["mentions"])
        self.assertGreaterEqual(len({r["document"] for r in reports}), 3)
        for r in reports:
            sentence = r["evidence"].encode("utf-8")
            span = r["trigger_span"]
            self.assertEqual(sentence[span["start"]:span["end"]].decode("utf-8"), r["trigger"])
            self.assertLess(r["evidence_span"]["start"], r["evidence_span"]["end"])
            self.assertTrue(r["merge"])

    def test_event_errors(self):
        self.error("/api/events/99999999", 404, contains="no event 99999999")
        self.error("/api/events/abc", 404)
        self.error("/api/events/-3", 404)
        self.error("/api/events/1?full=1", 400, contains='unknown parameter "full"')
        self.error("/api/events/0", 404)
        self.error("/api/events/99999999999999999999999", 404)
        self.error("/api/events/1/", 404)

    # /api/documents/{id}

    def test_document_segments(self):
        capture = self.capture()
        reports = self.server.get(f"/api/events/{capture['id']}")["reports"]
        report = reports[0]
        doc = self.server.get(query(f"/api/documents/{report['document']}", event=capture["id"]))
        self.assertEqual("".join(s["text"] for s in doc["segments"]), doc["text"])
        self.assertIn(capture["id"], doc["events"])
        marked = "".join(s["text"] for s in doc["segments"] if s["event"] == capture["id"])
        self.assertIn(report["evidence"], marked)
        triggers = [s["text"] for s in doc["segments"] if s["trigger"]]
        self.assertIn(report["trigger"], triggers)
        for s in doc["segments"]:
            self.assertTrue(s["event"] in (None, capture["id"]))
        whole = self.server.get(f"/api/documents/{report['document']}")
        self.assertEqual(whole["text"], doc["text"])
        self.assertGreaterEqual(len({s["event"] for s in whole["segments"] if s["event"]}), 1)

    def test_document_errors(self):
        self.error("/api/documents/99999999", 404, contains="no document")
        self.error("/api/documents/1?event=99999999", 404, contains="does not report event")
        self.error("/api/documents/1?event=x", 400, contains="event must be")
        self.error("/api/documents/x", 404)
        self.error("/api/documents/1?events=1", 400, contains='unknown parameter "events"')
        self.error("/api/documents/1?event=0", 400, contains="event must be")
        self.error("/api/documents/1?event=1&event=2", 400, contains="more than once")

    # /api/places

    def test_places(self):
        places = self.server.get(query("/api/places", q="Maarat al-Numan"))["places"]
        self.assertEqual(places[0]["geonameid"], 167611)
        self.assertEqual(places[0]["admin1"], "Idlib Governorate")
        prefix = self.server.get(query("/api/places", q="maarat al nu", limit=5))["places"]
        self.assertIn(167611, [p["geonameid"] for p in prefix])
        arabic = self.server.get(query("/api/places", q="\u0645\u0639\u0631\u0629 \u0627\u0644\u0646\u0639\u0645\u0627\u0646"))["places"]
        self.assertEqual(arabic[0]["geonameid"], 167611)
        yemen = self.server.get(query("/api/places", q="ad", country="YE", limit=50))["places"]
        self.assertTrue(yemen and all(p["country"] == "YE" for p in yemen))
        self.assertEqual(len(yemen), len({p["name"] + str(p["lat"]) for p in yemen}))

    def test_place_errors(self):
        self.error("/api/places", contains="at least 2 characters")
        self.error("/api/places?q=a", contains="at least 2 characters")
        self.error("/api/places?q=aden&limit=51", contains="limit must be")
        self.error("/api/places?q=aden&country=YEM", contains="alpha-2")
        self.error("/api/places?q=" + "a" * 300, contains="longer than")
        self.error("/api/places?q=aden&near=1", contains='unknown parameter "near"')
        self.error("/api/places?q=aden&limit=0", contains="limit must be")
        self.error("/api/places?q=aden&limit=x", contains="limit must be")
        self.error("/api/places?q=aden&q=sana", contains="more than once")
        self.error("/api/places?q=aden&country=1Y", contains="alpha-2")

    def test_places_short_prefix_finds_prominent_places(self):
        places = self.server.get(query("/api/places", q="al", country="SY", limit=10))["places"]
        self.assertIn("Aleppo", [p["name"] for p in places])
        self.assertTrue(all(p["matched"].startswith("al") or p["matched"] == "al" for p in places))

    # /api/actors

    def test_actors(self):
        actors = self.server.get("/api/actors")["actors"]
        self.assertTrue(actors)
        counts = [a["events"] for a in actors]
        self.assertEqual(counts, sorted(counts, reverse=True))
        army = self.server.get(query("/api/actors", q="sy.army"))["actors"]
        self.assertEqual(army[0]["id"], "sy.army")
        expected = sum(1 for e in self.all for a in (e["actor1"], e["actor2"]) if a and a["key"] == "sy.army")
        self.assertEqual(army[0]["events"], expected)
        self.error("/api/actors?limit=0", contains="limit must be")
        self.error("/api/actors?limit=501", contains="limit must be")
        self.error("/api/actors?limit=x", contains="limit must be")
        self.error("/api/actors?name=x", contains='unknown parameter "name"')
        self.error("/api/actors?q=a&q=b", contains="more than once")

    # /api/control

    def test_control(self):
        capture = self.capture()
        held = self.server.get(query("/api/control", at="2020-02-01", country="SY"))["control"]
        maarat = [c for c in held if c["place"]["geonameid"] == 167611]
        self.assertEqual(len(maarat), 1, held)
        self.assertEqual(maarat[0]["holder"]["sector"], "state")
        self.assertEqual(maarat[0]["event"], capture["id"])
        before = self.server.get(query("/api/control", at="2019-01-01", country="SY"))["control"]
        self.assertFalse([c for c in before if c["place"]["geonameid"] == 167611])
        timeline = self.server.get(query("/api/control", place="Maarat al-Numan"))["control"]
        self.assertTrue(timeline)
        boxed = self.server.get(query("/api/control", at="2020-02-01", bbox="36,35,37,36"))["control"]
        self.assertIn(167611, [c["place"]["geonameid"] for c in boxed])

    def test_control_errors(self):
        self.error("/api/control", contains="give at=DATE")
        self.error("/api/control?at=2020-01-01&place=Aden", contains="give at=DATE")
        self.error("/api/control?at=2020-02-30", contains="at wants a date")
        self.error("/api/control?at=2020-01-01&bbox=1,2", contains="bbox wants")
        self.error("/api/control?at=2020-01-01&country=SYR", contains="alpha-2")
        self.error("/api/control?place=Aden&country=YE", contains="go with at")
        self.error("/api/control?place=Aden&bbox=1,2,3,4", contains="go with at")
        self.error("/api/control?at=2020-01-01&when=1", contains='unknown parameter "when"')
        self.error("/api/control?at=2020-01-01&at=2020-01-02", contains="more than once")

    # /api/counts

    def test_counts(self):
        dated = [e for e in self.all if e["date"]["start"]]
        months = self.server.get("/api/counts")
        self.assertEqual(months["interval"], "month")
        self.assertEqual(sum(sum(b["counts"].values()) for b in months["buckets"]), len(dated))
        self.assertTrue(all(b["start"].endswith("-01") for b in months["buckets"]))
        self.assertEqual([b["start"] for b in months["buckets"]], sorted(b["start"] for b in months["buckets"]))
        self.assertEqual(set(months["types"]), {e["event_type"] for e in dated})
        weeks = self.server.get(query("/api/counts", interval="week", country="SY"))
        import datetime
        for b in weeks["buckets"]:
            self.assertEqual(datetime.date.fromisoformat(b["start"]).weekday(), 0, b)
        self.assertEqual(sum(sum(b["counts"].values()) for b in weeks["buckets"]),
                         len([e for e in dated if e["location"] and e["location"]["country"] == "SY"]))
        days = self.server.get(query("/api/counts", interval="day", type="Battles"))
        self.assertEqual(set(days["types"]) - {"Battles"}, set())
        self.error("/api/counts?interval=year", contains="interval wants day, week or month")
        self.error("/api/counts?limit=5", contains='unknown parameter "limit"')
        self.error("/api/counts?cursor=2020-01-01/1", contains='unknown parameter "cursor"')
        self.error("/api/counts?from=x", contains="from wants a date")
        self.error("/api/counts?interval=day&interval=week", contains="more than once")
        # With a start date, an event that began before it counts on that date.
        clamped = self.server.get(query("/api/counts", interval="day", **{"from": "2020-01-15"}))
        self.assertTrue(all(b["start"] >= "2020-01-15" for b in clamped["buckets"]), clamped)

    # /api/openapi.json and routing

    def test_openapi_lists_every_path(self):
        spec = self.server.get("/api/openapi.json")
        self.assertEqual(spec["openapi"][:2], "3.")
        for path, methods in spec["paths"].items():
            concrete = path.replace("{id}", "1")
            for method in methods:
                code, headers, data = self.server.request(method.upper(), concrete, body=b"" if method == "post" else None)
                self.assertNotEqual(code, 405, f"{method} {path}")
                self.assertTrue(headers["content-type"].startswith("application/json"))
                if code == 404:
                    self.assertNotIn("no such path", json.loads(data)["error"]["message"], path)
        self.assertIn("/api/events", spec["paths"])
        self.error("/api/openapi.json?v=2", contains='unknown parameter "v"')
        self.assertEqual(len(spec["paths"]), 10)

    def test_routing_errors(self):
        self.error("/api/nothing", 404, contains="no such path")
        self.error("/api", 404)
        self.error("/api/events", 405, method="POST", body=b"{}", contains="takes GET")
        self.error("/api/events", 405, method="DELETE")
        self.error("/api/ingest", 403, method="POST", body=b'{"text": "x"}', contains="--allow-ingest")
        self.error("/api/ingest", 405, method="GET")

    # The page and the server's defences

    def test_static_files(self):
        code, headers, body = self.server.request("GET", "/")
        self.assertEqual(code, 200)
        self.assertTrue(headers["content-type"].startswith("text/html"))
        self.assertIn(b"<title>", body)
        for path, kind in (("/app.js", "javascript"), ("/style.css", "text/css"),
                           ("/vendor/leaflet/leaflet.js", "javascript"), ("/vendor/countries-50m.json", "json")):
            code, headers, _ = self.server.request("GET", path)
            self.assertEqual(code, 200, path)
            self.assertIn(kind, headers["content-type"])
            self.assertEqual(headers.get("x-content-type-options"), "nosniff")
        self.error("/nothing.html", 404, contains="no such file")
        self.error("/", 405, method="POST", body=b"x")

    def test_no_path_traversal(self):
        for path in ("/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/vendor/../../../etc/passwd",
                     "/..%2f..%2f..%2fetc%2fpasswd", "//etc/passwd", "/vendor/leaflet/../../../CMakeCache.txt",
                     "/index.html%00.js", "/.%2e/.%2e/etc/passwd"):
            code, _, body = self.server.request("GET", path)
            self.assertIn(code, (400, 404), path)
            self.assertNotIn(b"root:", body)

    def test_head(self):
        code, headers, body = self.server.request("HEAD", "/api/stats")
        self.assertEqual((code, body), (200, b""))
        code, _, _ = self.server.request("HEAD", "/app.js")
        self.assertEqual(code, 200)

    def test_byte_ranges_are_not_served(self):
        ranges = "bytes=" + ",".join(["0-"] * 2000)
        code, headers, body = self.server.request("GET", "/vendor/countries-50m.json", headers={"Range": ranges})
        self.assertEqual(code, 200)
        self.assertLess(len(body), 3 * 1024 * 1024)
        self.assertNotIn("multipart", headers.get("content-type", ""))

    def test_foreign_host_names_are_refused(self):
        # DNS rebinding: a name that resolves to 127.0.0.1 but is not ours.
        code, _, data = self.server.request("GET", "/api/stats", headers={"Host": f"evil.example:{self.server.port}"})
        self.assertEqual(code, 421, data)
        for host in (f"localhost:{self.server.port}", f"127.0.0.1:{self.server.port}"):
            code, _, _ = self.server.request("GET", "/api/stats", headers={"Host": host})
            self.assertEqual(code, 200, host)

    def test_posts_from_other_sites_are_refused(self):
        code, _, data = self.server.request("POST", "/api/events", body=b"x",
                                            headers={"Origin": "https://evil.example"})
        self.assertEqual(code, 403, data)
        code, _, _ = self.server.request("OPTIONS", "/api/events", headers={"Origin": "https://evil.example"})
        self.assertEqual(code, 405)

    def test_cors_off_by_default(self):
        code, headers, _ = self.server.request("GET", "/api/stats", headers={"Origin": "https://evil.example"})
        self.assertEqual(code, 200)
        self.assertNotIn("access-control-allow-origin", headers)

    def test_listens_on_loopback_only(self):
        listening = []
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            if not os.path.exists(table):
                continue
            with open(table) as f:
                for line in f.readlines()[1:]:
                    local, state = line.split()[1], line.split()[3]
                    address, port = local.rsplit(":", 1)
                    if int(port, 16) == self.server.port and state == "0A":
                        listening.append(address)
        self.assertEqual(listening, ["0100007F"])

    def test_body_and_url_limits(self):
        code, _, data = self.server.request("POST", "/api/ingest", body=b"x" * 200000)
        self.assertEqual(code, 413)
        self.assertEqual(json.loads(data)["error"]["status"], 413)
        code, _, _ = self.server.request("GET", "/api/events?q=" + "a" * 20000)
        self.assertIn(code, (400, 414))

    def test_slow_client_does_not_block_others(self):
        slow = socket.create_connection((self.server.host, self.server.port))
        slow.sendall(b"GET /api/stats HTTP/1.1\r\nHost: x\r\n")  # and never finishes
        started = time.monotonic()
        self.assertEqual(self.server.get("/api/stats")["events"], len(self.all))
        self.assertLess(time.monotonic() - started, 1.5)
        # The server drops the slow one after --timeout (2 s).
        slow.settimeout(10)
        try:
            rest = slow.recv(4096)
        except ConnectionResetError:
            rest = b""
        self.assertLess(time.monotonic() - started, 8)
        self.assertNotIn(b"200 OK", rest)
        slow.close()

    def test_malformed_request_line(self):
        s = socket.create_connection((self.server.host, self.server.port))
        s.sendall(b"NONSENSE\r\n\r\n")
        s.settimeout(10)
        reply = s.recv(4096)
        s.close()
        self.assertTrue(reply.startswith(b"HTTP/1.1 400"), reply[:100])
        self.assertEqual(self.server.get("/api/stats")["events"], len(self.all))


class CacheFollowsTheDatabase(unittest.TestCase):
    def test_event_pages_change_when_another_process_writes(self):
        db = os.path.join(WORK, "cache.db")
        frontline("ingest", "--db", db, "--progress", "none", os.path.join(ROOT, "examples", "store"))
        server = Server(db)
        try:
            def capture():
                events = server.get(query("/api/events", type="government_regains_territory", limit=1000))["events"]
                return [e for e in events if e["location"] and e["location"]["geonameid"] == 167611]
            before = capture()
            self.assertEqual(len(before), 1)
            self.assertEqual(capture(), before)  # served again (from the cache)
            report = dict(OWN_REPORT, url="https://example.org/frontline-test/maarat", published="2020-01-29",
                          title="Army back in Maarat al-Numan",
                          text=("Syrian government troops recaptured Maarat al-Numan in Idlib province on "
                                "Tuesday, January 28, 2020, the army said in a statement."))
            feed = os.path.join(WORK, "cache-feed.jsonl")
            with open(feed, "w") as f:
                f.write(json.dumps(report) + "\n")
            frontline("ingest", "--db", db, "--progress", "none", feed)
            after = capture()
            self.assertEqual(len(after), 1)
            self.assertEqual(after[0]["id"], before[0]["id"])
            self.assertEqual(after[0]["sources"], before[0]["sources"] + 1, after[0])
        finally:
            self.assertEqual(server.stop(), 0)


class QueryTimeout(unittest.TestCase):
    def test_a_request_past_the_limit_is_cut_short_and_others_go_on(self):
        db = os.path.join(WORK, "events.db")  # ReadOnlyApi's: hundreds of events
        if not os.path.exists(db):
            frontline("ingest", "--db", db, "--progress", "none", os.path.join(ROOT, "examples"))
        # A microsecond: every query that reads rows runs past it.
        server = Server(db, "--query-timeout", "0.000001", "--cache-mb", "0")
        try:
            code, _, data = server.request("GET", "/api/events?limit=1000")
            self.assertEqual(code, 503, data[:300])
            message = json.loads(data)["error"]["message"]
            self.assertIn("--query-timeout", message)
            # The server goes on: what needs no database is served, and so is the next request.
            self.assertIn("openapi", server.get("/api/openapi.json"))
            code, _, _ = server.request("GET", "/api/events?limit=1000")
            self.assertEqual(code, 503)
        finally:
            self.assertEqual(server.stop(), 0)


class IngestApi(unittest.TestCase):
    def test_ingest_batch(self):
        db = os.path.join(WORK, "ingest.db")
        frontline("ingest", "--db", db, "--progress", "none", os.path.join(ROOT, "examples", "store"))
        server = Server(db, "--allow-ingest", "--max-body", "50000", "--cors", "https://maps.example.org")
        try:
            before = server.get("/api/stats")["events"]
            batch = "\n".join([json.dumps(OWN_REPORT), "{not json", json.dumps({"url": "https://example.org/x"}), ""])
            NDJSON = {"Content-Type": "application/x-ndjson"}
            code, _, data = server.request("POST", "/api/ingest", body=batch.encode(),
                                           headers={"Content-Type": "text/plain"})
            self.assertEqual(code, 415, data)
            code, _, data = server.request("POST", "/api/ingest", body=batch.encode(),
                                           headers=dict(NDJSON, Origin="https://evil.example"))
            self.assertEqual(code, 403, data)
            code, headers, data = server.request("POST", "/api/ingest", body=batch.encode(),
                                                 headers=dict(NDJSON, Origin="https://maps.example.org"))
            self.assertEqual(code, 200, data)
            self.assertEqual(headers.get("access-control-allow-origin"), "https://maps.example.org")
            result = json.loads(data)
            self.assertEqual((result["documents"], result["added"]), (3, 1))
            self.assertEqual([e["line"] for e in result["errors"]], [2, 3])
            self.assertGreater(result["events"], 0)
            after = server.get("/api/stats")
            self.assertGreater(after["events"], before)
            found = server.get(query("/api/events", q="Saraqib"))["events"]
            self.assertTrue(found and found[0]["location"]["name"].startswith("Sar"), found)
            # The same batch again stores nothing new.
            again = json.loads(server.request("POST", "/api/ingest", body=batch.encode(), headers=NDJSON)[2])
            self.assertEqual((again["added"], again["skipped"]), (0, 1))
            # Records as `frontline extract` writes them.
            record = subprocess.run([BINARY, "--gazetteer", GAZETTEER, "extract", "--format", "jsonl", "-"],
                                    input=json.dumps(dict(OWN_REPORT, url="https://example.org/y",
                                                          text=OWN_REPORT["text"] + " The army later shelled nearby villages.")),
                                    capture_output=True, text=True).stdout
            extracted = json.loads(server.request("POST", "/api/ingest?extracted=1", body=record.encode(),
                                                  headers=NDJSON)[2])
            self.assertEqual(extracted["added"], 1, extracted)
            for path, body, status in (("/api/ingest?extracted=2", record.encode(), 400),
                                       ("/api/ingest?batch=1", record.encode(), 400),
                                       ("/api/ingest?extracted=1", b"[1, 2]\n", 200),
                                       ("/api/ingest", b"  \n", 400),
                                       ("/api/ingest", b"x" * 60000, 413)):
                code, _, data = server.request("POST", path, body=body, headers=NDJSON)
                self.assertEqual(code, status, (path, data[:200]))
                if path.endswith("extracted=1"):
                    self.assertEqual(json.loads(data)["errors"][0]["line"], 1)
            # A preflight from the allowed origin is answered; from another, refused.
            code, headers, _ = server.request("OPTIONS", "/api/ingest", headers={
                "Origin": "https://maps.example.org", "Access-Control-Request-Method": "POST"})
            self.assertEqual(code, 204)
            self.assertIn("POST", headers["access-control-allow-methods"])
            code, _, _ = server.request("OPTIONS", "/api/ingest", headers={"Origin": "https://evil.example"})
            self.assertEqual(code, 405)
            self.assertEqual(server.get("/api/stats")["documents"], after["documents"] + 1)
        finally:
            self.assertEqual(server.stop(), 0)


def main():
    global BINARY, GAZETTEER, WEB, WORK
    if len(sys.argv) != 5:
        print(__doc__)
        return 2
    BINARY, GAZETTEER, WEB, WORK = sys.argv[1:5]
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    program = unittest.main(argv=[sys.argv[0], "-v"], exit=False)
    return 0 if program.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
