"""End-to-end: --warc writes the run's evidence, --replay re-runs it
offline with identical findings.

Checks the WARC/1.1 records (warcinfo, request, response, metadata),
their digests (sha1 + base32 over the block, and over the payload of
responses), that --replay makes no request to the server, that a URL not
in the file is "replay: not in WARC", and that the archive traffic of
--archive is recorded and replayed too.
"""
import base64
import hashlib
import json
import os
import re
import subprocess
import tempfile
import unittest
import urllib.request

from e2e_env import BIN, PORT, ROOT
SEED = os.path.join(ROOT, "examples", "uz-kz-partnership.txt")
DEAD = os.path.join(ROOT, "tests", "fixtures", "articles", "dead-links.txt")
BASE = "http://127.0.0.1:%s/" % PORT


def run(article, db, extra=()):
    args = [BIN, "check", article, "--format", "json", "--db", db,
            "--map", "https://=" + BASE, "--allow-private", "-j", "4",
            "--fail-on", "never"] + list(extra)
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


def requests_served():
    with urllib.request.urlopen(BASE + "_t/stats", timeout=10) as r:
        return json.load(r)["total"]


def records(path):
    """Parse a WARC file into (headers dict, block bytes) pairs."""
    with open(path, "rb") as fh:
        data = fh.read()
    out, pos = [], 0
    while pos < len(data):
        end = data.index(b"\r\n\r\n", pos)
        lines = data[pos:end].decode("utf-8").split("\r\n")
        assert lines[0] == "WARC/1.1", lines[0]
        hdrs = dict(l.split(": ", 1) for l in lines[1:])
        n = int(hdrs["Content-Length"])
        block = data[end + 4:end + 4 + n]
        assert data[end + 4 + n:end + 8 + n] == b"\r\n\r\n"
        out.append((hdrs, block))
        pos = end + 8 + n
    return out


def sha1_b32(b):
    return "sha1:" + base64.b32encode(hashlib.sha1(b).digest()).decode()


@unittest.skipUnless(PORT, "fixture server not running (use make test)")
class WarcReplay(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.warc = os.path.join(self.tmp.name, "run.warc")

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def test_round_trip_seed(self):
        live = run(SEED, self.path("live.db"), ["--warc", self.warc])
        self.assertEqual(live.returncode, 0, live.stderr)
        recs = records(self.warc)
        types = [h["WARC-Type"] for h, _ in recs]
        self.assertEqual(types[0], "warcinfo")
        self.assertEqual(types.count("response"), 7)
        self.assertEqual(types.count("request"), 7)
        self.assertIn("metadata", types)    # the 301 of footnote 17
        ids = set()
        for h, block in recs:
            self.assertRegex(h["WARC-Record-ID"],
                             r"^<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-"
                             r"[89ab][0-9a-f]{3}-[0-9a-f]{12}>$")
            ids.add(h["WARC-Record-ID"])
            self.assertRegex(h["WARC-Date"],
                             r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
            self.assertEqual(h["WARC-Block-Digest"], sha1_b32(block))
            if h["WARC-Type"] == "response":
                self.assertEqual(h["Content-Type"],
                                 "application/http;msgtype=response")
                self.assertTrue(h["WARC-Target-URI"].startswith(BASE))
                head, _, payload = block.partition(b"\r\n\r\n")
                self.assertTrue(head.startswith(b"HTTP/1.1 200"))
                self.assertEqual(h["WARC-Payload-Digest"], sha1_b32(payload))
                m = re.search(rb"\r\nContent-Length: (\d+)", head)
                self.assertEqual(int(m.group(1)), len(payload))
        self.assertEqual(len(ids), len(recs))
        # uza.uz is served gzip-encoded: stored decoded, header renamed
        uza = [b for h, b in recs if h["WARC-Type"] == "response"
               and "uza.uz" in h["WARC-Target-URI"]][0]
        self.assertIn(b"X-Citecheck-Orig-Content-Encoding: gzip", uza)
        self.assertIn(b"<html", uza)

        before = requests_served()
        replay = run(SEED, self.path("replay.db"), ["--replay", self.warc])
        self.assertEqual(replay.returncode, 0, replay.stderr)
        self.assertEqual(requests_served(), before, "replay used the network")
        self.assertEqual(json.loads(replay.stdout), json.loads(live.stdout))
        self.assertEqual(replay.stdout, live.stdout)

    def test_cached_responses_recorded(self):
        # responses reused from the database are written too, so the file
        # alone replays the run
        db = self.path("shared.db")
        first = run(SEED, db)
        self.assertEqual(first.returncode, 0, first.stderr)
        before = requests_served()
        cached = run(SEED, db, ["--warc", self.warc])
        self.assertEqual(cached.returncode, 0, cached.stderr)
        self.assertEqual(requests_served(), before, "cache not used")
        types = [h["WARC-Type"] for h, _ in records(self.warc)]
        self.assertEqual(types.count("response"), 7)
        replay = run(SEED, self.path("fresh.db"), ["--replay", self.warc])
        self.assertEqual(replay.returncode, 0, replay.stderr)
        # the findings are the same; only "changed" (history of this
        # database: nothing fetched vs first fetch) may differ
        got = json.loads(replay.stdout)["documents"][0]
        want = json.loads(cached.stdout)["documents"][0]
        self.assertEqual(got["findings"], want["findings"])
        for g, w in zip(got["references"], want["references"]):
            for ref in (g, w):
                ref.pop("changed", None)
                if ref.get("fetch"):
                    ref["fetch"].pop("changed", None)
            self.assertEqual(g, w)

    def test_replay_unknown_url(self):
        live = run(DEAD, self.path("a.db"), ["--warc", self.warc])
        self.assertEqual(live.returncode, 0, live.stderr)
        other = run(SEED, self.path("b.db"), ["--replay", self.warc])
        self.assertEqual(other.returncode, 0, other.stderr)
        doc = json.loads(other.stdout)["documents"][0]
        errors = [r["fetch"]["error"] for r in doc["references"]
                  if r["fetch"]]
        self.assertTrue(errors)
        self.assertTrue(all(e == "replay: not in WARC" for e in errors),
                        errors)

    def test_archive_traffic_replayed(self):
        extra = ["--archive", BASE + "_archive/available"]
        live = run(DEAD, self.path("a.db"), extra + ["--warc", self.warc])
        self.assertEqual(live.returncode, 0, live.stderr)
        uris = [h.get("WARC-Target-URI", "") for h, _ in records(self.warc)]
        self.assertTrue(any("/_archive/available?" in u for u in uris))
        self.assertTrue(any("/_archive/web/" in u for u in uris))
        before = requests_served()
        replay = run(DEAD, self.path("b.db"), extra + ["--replay", self.warc])
        self.assertEqual(requests_served(), before)
        self.assertEqual(replay.stdout, live.stdout)
        ref1 = json.loads(replay.stdout)["documents"][0]["references"][0]
        self.assertEqual(ref1["archived"]["timestamp"], "20241220103000")

    def test_bad_files(self):
        p = run(SEED, self.path("x.db"), ["--replay", self.path("none.warc")])
        self.assertEqual(p.returncode, 2)
        self.assertIn("none.warc", p.stderr)
        p = run(SEED, self.path("y.db"),
                ["--warc", os.path.join(self.tmp.name, "no", "dir.warc")])
        self.assertEqual(p.returncode, 2)
        self.assertIn("dir.warc", p.stderr)


if __name__ == "__main__":
    unittest.main()
