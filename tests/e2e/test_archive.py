"""End-to-end: dead links, soft 404s and archived copies (--archive).

tests/fixtures/articles/dead-links.txt cites
  [1] deadnews.example, which has no live page (HTTP 404) but two copies in
      the stand-in archive (tests/fixtures/archive/): 2019 (no figure for
      the claim) and 2024-12-20 (supports it); the reference is dated
      2024-12-20, so the 2024 copy must be chosen;
  [2] softdead.example, a 200 page titled "Страница не найдена" (a soft
      404) with no archived copy.
"""
import json
import os
import subprocess
import tempfile
import unittest

ROOT = os.environ.get("CITECHECK_ROOT",
                      os.path.dirname(os.path.dirname(os.path.dirname(
                          os.path.abspath(__file__)))))
BIN = os.environ.get("CITECHECK_BIN", os.path.join(ROOT, "citecheck"))
PORT = os.environ.get("CITECHECK_TEST_PORT")
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


if __name__ == "__main__":
    unittest.main()
