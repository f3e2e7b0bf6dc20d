"""End-to-end: dead links, soft 404s and archived copies (--archive).

tests/fixtures/articles/dead-links.txt cites
  [1] deadnews.example, which has no live page (HTTP 404) but two copies in
      the stand-in archive (tests/fixtures/archive/): 2019 (no figure for
      the claim) and 2024-12-20 (supports it); the reference is dated
      2024-12-20, so the 2024 copy must be chosen;
  [2] softdead.example, a 200 page titled "Страница не найдена" (a soft
      404) with no archived copy.

The Memento tests (--archive memento:URL, RFC 7089) use the stand-in
TimeGates under /_memento/ of tests/fixtures/server.py on an article citing
only [1], so the exit code under --fail-on warning tells whether the
archived copy was used (0: supported) or not (1: unreachable).
"""
import json
import os
import subprocess
import tempfile
import unittest
import urllib.request

from e2e_env import BIN, PORT, ROOT
ARTICLE = os.path.join(ROOT, "tests", "fixtures", "articles", "dead-links.txt")
BASE = "http://127.0.0.1:%s/" % PORT


def check(db, extra=()):
    args = [BIN, "check", ARTICLE, "--format", "json", "--db", db,
            "--map", "https://=" + BASE, "--allow-private", "--fail-on",
            "never"] + list(extra)
    p = subprocess.run(args, capture_output=True, text=True, timeout=120)
    return p, (json.loads(p.stdout) if p.stdout else None)


def refs(report):
    return {r["label"]: r for r in report["documents"][0]["references"]}


def findings(report, ref):
    return [f for f in report["documents"][0]["findings"]
            if f["reference"] == ref]


@unittest.skipUnless(PORT, "fixture server not running (use make test)")
class Archive(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def db(self, name):
        return os.path.join(self.tmp.name, name)

    def test_without_archive_dead_and_soft404(self):
        p, r = check(self.db("a.db"))
        self.assertEqual(p.returncode, 0, p.stderr)
        kinds1 = [f["kind"] for f in findings(r, "1")]
        self.assertIn("unreachable", kinds1)
        self.assertEqual(refs(r)["1"]["fetch"]["status"], 404)
        self.assertNotIn("archived", refs(r)["1"])
        f2 = findings(r, "2")
        self.assertTrue(f2 and all(f["kind"] == "unreachable" for f in f2), f2)
        self.assertIn("soft 404", refs(r)["2"]["fetch"]["error"])
        self.assertIn("soft 404", f2[0]["message"])

    def test_archived_copy_supports_claim(self):
        endpoint = BASE + "_archive/available"
        p, r = check(self.db("b.db"), ["--archive", endpoint])
        self.assertEqual(p.returncode, 0, p.stderr)
        ref1 = refs(r)["1"]
        self.assertEqual(ref1["archived"]["timestamp"], "20241220103000")
        self.assertIn("/_archive/web/20241220103000/https://deadnews.example/",
                      ref1["archived"]["url"])
        self.assertEqual(ref1["fetch"]["status"], 200)
        self.assertIsNone(ref1["fetch"]["error"])
        f1 = findings(r, "1")
        sup = [f for f in f1 if f["kind"] == "supported"]
        self.assertTrue(sup, f1)
        self.assertAlmostEqual(sup[0]["claim"]["value"], 3.8e9, delta=1e3)
        self.assertIn("archived copy of 2024-12-20", sup[0]["message"])
        self.assertIn("HTTP 404", sup[0]["message"])
        # no copy of the soft 404: it stays unreachable
        self.assertNotIn("archived", refs(r)["2"])
        self.assertTrue(all(f["kind"] == "unreachable"
                            for f in findings(r, "2")))

    def test_archive_endpoint_down(self):
        # an endpoint that answers 404: the dead link stays dead, no crash
        p, r = check(self.db("c.db"), ["--archive", BASE + "_t/status/404"])
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotIn("archived", refs(r)["1"])
        self.assertIn("unreachable", [f["kind"] for f in findings(r, "1")])


DEAD = "https://deadnews.example/economy/trade-story-123"
COPY_2024 = BASE + "_archive/web/20241220103000/" + DEAD
COPY_2019 = BASE + "_archive/web/20190301000000/" + DEAD
ONE_REF = """Trade between Uzbekistan and Kazakhstan

In January–November 2024, trade turnover between Uzbekistan and Kazakhstan \
reached $3.8 billion [1].

References

[1] Uzbekistan and Kazakhstan trade tops $3.8 billion, Dead News%s. %s
"""


def stats():
    with urllib.request.urlopen(BASE + "_t/stats", timeout=30) as f:
        return json.load(f)["paths"]


@unittest.skipUnless(PORT, "fixture server not running (use make test)")
class Memento(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.n = 0

    def run_check(self, timegate, dated=True, extra=()):
        """check the one-reference article with --archive memento:..."""
        self.n += 1
        art = os.path.join(self.tmp.name, "a%d.txt" % self.n)
        with open(art, "w", encoding="utf-8") as f:
            f.write(ONE_REF % (", 20 Dec 2024" if dated else "", DEAD))
        args = [BIN, "check", art, "--format", "json",
                "--db", os.path.join(self.tmp.name, "m%d.db" % self.n),
                "--map", "https://=" + BASE, "--allow-private",
                "--fail-on", "warning",
                "--archive", "memento:" + BASE + "_memento/" + timegate + "/"
                ] + list(extra)
        p = subprocess.run(args, capture_output=True, text=True, timeout=120)
        self.assertTrue(p.stdout, p.stderr)
        r = json.loads(p.stdout)
        return p, refs(r)["1"], findings(r, "1")

    def assert_used(self, p, ref, f, url, ts, when):
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(ref["archived"], {"url": url, "timestamp": ts})
        self.assertEqual(ref["fetch"]["status"], 200)
        self.assertEqual(ref["fetch"]["final_url"], url)
        self.assertEqual([x["kind"] for x in f], ["supported"], f)
        self.assertAlmostEqual(f[0]["claim"]["value"], 3.8e9, delta=1e3)
        self.assertIn("checked against an archived copy of %s, %s; the live "
                      "page: HTTP 404" % (when, url), f[0]["message"])

    def assert_not_used(self, p, ref, f, why):
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertNotIn("archived", ref)
        self.assertEqual(ref["fetch"]["status"], 404)
        self.assertEqual([x["kind"] for x in f], ["unreachable"], f)
        self.assertIn("HTTP 404", f[0]["message"])
        self.assertIn("no archived copy used: archive: " + why,
                      f[0]["message"])

    def test_302_pattern(self):
        # the TimeGate redirects to the copy closest to Accept-Datetime
        # (the reference's date); that response is read, not fetched again
        urllib.request.urlopen(BASE + "_t/reset", timeout=30).read()
        p, ref, f = self.run_check("timegate")
        self.assert_used(p, ref, f, COPY_2024, "20241220103000",
                         "2024-12-20 10:30:00 UTC")
        self.assertEqual(stats().get("/_archive/web/20241220103000/" + DEAD),
                         1)

    def test_200_pattern(self):
        # 200 with the memento itself: Content-Location (relative) names it
        p, ref, f = self.run_check("timegate200")
        self.assert_used(p, ref, f, COPY_2024, "20241220103000",
                         "2024-12-20 10:30:00 UTC")

    def test_closest_memento_from_link(self):
        # the TimeGate redirects to the 2019 copy, but its Link header
        # lists the 2024 one, closer to the reference's date: that is used
        p, ref, f = self.run_check("oldest")
        self.assert_used(p, ref, f, COPY_2024, "20241220103000",
                         "2024-12-20 10:30:00 UTC")

    def test_replay_repeats_the_choice(self):
        # --warc keeps the TimeGate's redirect headers (its Link names the
        # closer copy) and Accept-Datetime; --replay then picks the same copy
        warc = os.path.join(self.tmp.name, "m.warc")
        p, ref, f = self.run_check("oldest", extra=["--warc", warc])
        self.assert_used(p, ref, f, COPY_2024, "20241220103000",
                         "2024-12-20 10:30:00 UTC")
        with open(warc, "rb") as w:
            data = w.read()
        self.assertIn(b"Accept-Datetime: Fri, 20 Dec 2024 12:00:00 GMT\r\n",
                      data)
        self.assertIn(b"citecheck-redirect-header: Link:", data)
        p, ref, f = self.run_check("oldest", extra=["--replay", warc])
        self.assert_used(p, ref, f, COPY_2024, "20241220103000",
                         "2024-12-20 10:30:00 UTC")

    def test_article_date_without_reference_date(self):
        # an undated reference: Accept-Datetime is the article's date
        p, ref, f = self.run_check("timegate", dated=False,
                                   extra=["--as-of", "2019-03-05"])
        self.assertEqual(ref["archived"], {"url": COPY_2019,
                                           "timestamp": "20190301000000"})
        self.assertTrue(f)
        self.assertIn("archived copy of 2019-03-01 00:00:00 UTC, " +
                      COPY_2019, f[0]["message"])
        self.assertIn(p.returncode, (0, 1), p.stderr)

    def test_no_memento(self):
        p, ref, f = self.run_check("none")
        self.assert_not_used(p, ref, f, "no memento (TimeGate answered "
                                        "HTTP 404)")

    def test_garbage_link_header(self):
        # an unparsable Link header is ignored; the memento reached (with
        # its Memento-Datetime) is used, not the garbage's first link
        p, ref, f = self.run_check("garbage")
        self.assert_used(p, ref, f, COPY_2024, "20241220103000",
                         "2024-12-20 10:30:00 UTC")

    def test_redirect_to_file_refused(self):
        p, ref, f = self.run_check("to-file")
        self.assert_not_used(p, ref, f, "TimeGate: protocol: file not "
                                        "allowed (redirect to "
                                        "file:///etc/passwd)")

    def test_redirect_to_metadata_refused(self):
        # refused even with --allow-private
        p, ref, f = self.run_check("to-metadata")
        self.assert_not_used(p, ref, f, "TimeGate: refused: link-local/"
                                        "metadata address 169.254.169.254")

    def test_wayback_prefix(self):
        # "wayback:" names the availability endpoint explicitly
        p, ref, f = self.run_check("x", extra=[
            "--archive", "wayback:" + BASE + "_archive/available"])
        self.assert_used(p, ref, f, COPY_2024, "20241220103000",
                         "2024-12-20 10:30:00 UTC")


if __name__ == "__main__":
    unittest.main()
