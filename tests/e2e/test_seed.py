"""End-to-end: check the seed article against its stand-in pages.

Asserts every row of ../shared/seed/FINDINGS.md (copied as the bundled
example), its "Never" list, the JSON shape of CONTRACT.md, the cache and
--offline behaviour, and exit codes.  Needs the fixture server
(CITECHECK_TEST_PORT) and the binary (CITECHECK_BIN); `make test` sets both.
"""
import json
import os
import sqlite3
import subprocess
import tempfile
import unittest
import urllib.request

from e2e_env import BIN, PORT, ROOT
SEED = os.path.join(ROOT, "examples", "uz-kz-partnership.txt")
BASE = "http://127.0.0.1:%s/" % PORT


def run(args, **kw):
    return subprocess.run([BIN] + args, capture_output=True, text=True,
                          timeout=120, **kw)


def check_args(db, extra=()):
    return ["check", SEED, "--format", "json", "--db", db,
            "--map", "https://=" + BASE, "--map", "http://=" + BASE,
            "--allow-private", "-j", "4"] + list(extra)


def stats():
    with urllib.request.urlopen(BASE + "_t/stats", timeout=10) as r:
        return json.load(r)


@unittest.skipUnless(PORT, "fixture server not running (use make test)")
class SeedCheck(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "seed.db")
        cls.proc = run(check_args(cls.db))
        cls.report = json.loads(cls.proc.stdout) if cls.proc.stdout else None
        cls.doc = cls.report["documents"][0] if cls.report else None

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    # ---- helpers --------------------------------------------------------
    def findings(self, kind=None, line=None, ref=None, value=None):
        out = []
        for f in self.doc["findings"]:
            c = f.get("claim") or {}
            if kind and f["kind"] != kind:
                continue
            if line is not None:
                lines = line if isinstance(line, (list, tuple, range)) else [line]
                if c.get("line") not in lines:
                    continue
            if ref is not None and f["reference"] != ref:
                continue
            if value is not None and not (c.get("value") is not None and
                                          abs(c["value"] - value) <= 1e-6 * abs(value)):
                continue
            out.append(f)
        return out

    def assertFinding(self, kind, **kw):
        got = self.findings(kind, **kw)
        if not got:
            near = [(f["kind"], f["reference"], (f.get("claim") or {}).get("line"),
                     (f.get("claim") or {}).get("value"))
                    for f in self.doc["findings"]]
            self.fail("no %s finding for %r; findings: %s" % (kind, kw, near))
        return got[0]

    def assertEvidence(self, f, ref, value=None, period_start=None):
        for e in f["evidence"]:
            if e["reference"] != ref:
                continue
            if value is not None and (e.get("value") is None or
                                      abs(e["value"] - value) > 1e-6 * value):
                continue
            if period_start and ((e.get("period") or {}).get("start") != period_start):
                continue
            return e
        self.fail("finding %s has no evidence from %s value %s period %s: %s"
                  % (f["kind"], ref, value, period_start, f["evidence"]))

    # ---- the run itself ---------------------------------------------------
    def test_exit_code_and_shape(self):
        self.assertEqual(self.proc.returncode, 1, self.proc.stderr)
        r = self.report
        self.assertEqual(r["tool"]["name"], "citecheck")
        self.assertIn("version", r["tool"])
        self.assertEqual(self.doc["as_of"], "2025-11-14")
        self.assertTrue(self.doc["path"].endswith("uz-kz-partnership.txt"))
        for key in ("claims", "findings"):
            self.assertIn(key, r["summary"])
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.doc["findings"]:
            counts[f["severity"]] += 1
            for key in ("kind", "severity", "reference", "claim", "evidence",
                        "message"):
                self.assertIn(key, f)
            self.assertTrue(f["message"])
        self.assertEqual(r["summary"]["findings"], counts)

    def test_references(self):
        refs = {r["label"]: r for r in self.doc["references"]}
        self.assertEqual(sorted(refs, key=int), [str(n) for n in range(14, 22)])
        self.assertIsNone(refs["14"]["url"])
        self.assertEqual(refs["16"]["url"],
                         "https://caspianpost.com/economics/kazakhstan-becomes-"
                         "uzbekistan-s-third-largest-trade-partner-with-3-8-"
                         "billion-in-trade")
        self.assertEqual(refs["17"]["url"],
                         "https://primeminister.kz/en/news/kazakhstan-uzbekistan-"
                         "trade-and-economic-cooperation-olzhas-bektenov-pays-"
                         "working-visit-to-tashkent-27547")
        self.assertEqual(refs["15"]["url"],
                         "https://www.trend.az/casia/uzbekistan/3882828.html")
        self.assertIn("$1.4 billion", refs["19"]["title"])
        self.assertEqual(refs["15"]["date"], "2024-04-07")
        for label in map(str, range(15, 22)):
            self.assertEqual(refs[label]["fetch"]["status"], 200, label)
            self.assertIsNone(refs[label]["fetch"]["error"], label)
        # 17 reaches its page through one redirect to the trailing-slash URL
        self.assertTrue(refs["17"]["fetch"]["final_url"].endswith("27547/"))

    # ---- FINDINGS.md rows ---------------------------------------------------
    def test_s1_no_url(self):
        self.assertFinding("no_url", ref="14", line=54)

    def test_s2_s3_supported(self):
        self.assertFinding("supported", line=64, ref="15", value=2.9e9)
        self.assertFinding("supported", line=66, ref="15", value=4.9e9)

    def test_s4_supported_and_sources_disagree(self):
        self.assertFinding("supported", line=66, ref="15", value=4.4e9)
        f = self.assertFinding("sources_disagree", line=66, value=4.4e9)
        self.assertEvidence(f, "17", 4.5e9)

    def test_s5_wrong_year(self):
        self.assertFinding("not_found", line=72, ref="16", value=4.3e9)
        f = self.assertFinding("contradicted_by_other_source", line=72,
                               value=4.3e9)
        self.assertEvidence(f, "15", 3.9e9, "2021-01-01")
        self.assertEvidence(f, "21", 4.3e9, "2024-01-01")
        self.assertEqual(f["claim"]["period"],
                         {"start": "2021-01-01", "end": "2021-12-31"})

    def test_s6_future_year(self):
        self.assertFinding("source_predates", line=range(72, 75), ref="16",
                           value=5e9)
        f = self.assertFinding("period_incomplete", line=range(72, 75),
                               value=5e9)
        self.assertTrue(f["claim"]["approx"])

    def test_s7_target_year(self):
        f = self.assertFinding("period_unconfirmed", line=74, ref="16",
                               value=1e10)
        self.assertTrue(any(e["reference"] == "21" for e in f["evidence"]),
                        f["evidence"])

    def test_s8_name_and_metadata(self):
        self.assertFinding("name_not_in_source", line=86, ref="17")
        self.assertFinding("metadata_mismatch", ref="17")

    def test_s9_parts_supported(self):
        for v in (3.8e9, 1.3e9, 2.5e9):
            f = self.assertFinding("supported", line=134, ref="18", value=v)
            self.assertEqual(f["claim"]["period"],
                             {"start": "2024-01-01", "end": "2024-11-30"})
        self.assertEqual(self.findings("sum_mismatch"), [])

    def test_s10_four_months(self):
        self.assertFinding("supported", line=144, ref="19", value=1.4e9)
        f = self.assertFinding("supported", line=144, ref="19", value=5)
        self.assertEqual(f["claim"]["unit"], "percent")

    def test_s11_joint_ventures(self):
        f = self.assertFinding("not_found", line=range(152, 155), ref="20",
                               value=6500)
        self.assertEqual(f["claim"]["unit"], "count")

    def test_s12_uncited_portfolio(self):
        f = self.assertFinding("uncited_claim", line=156, value=8e9)
        self.assertIsNone(f["reference"])
        self.assertEqual(f["evidence"], [])

    def test_s13_meeting_after_source(self):
        self.assertFinding("source_predates", line=range(166, 169), ref="21",
                           value=1e10)

    def test_s14_internal_conflict(self):
        f = self.assertFinding("internal_conflict", line=225, value=3.8e9)
        self.assertTrue(any(e.get("line") == 134 for e in f["evidence"]),
                        f["evidence"])

    def test_s15_internal_conflict_ventures(self):
        f = self.assertFinding("internal_conflict", line=range(225, 228),
                               value=6500)
        self.assertTrue(any(e.get("line") in (152, 154) for e in f["evidence"]),
                        f["evidence"])

    def test_s16_uncited_meeting(self):
        self.assertFinding("uncited_claim", line=237, value=1e10)

    # ---- Never -------------------------------------------------------------
    def test_never_errors_on_good_claims(self):
        good = [(64, 2.9e9), (66, 4.9e9), (134, 3.8e9), (134, 1.3e9),
                (134, 2.5e9), (144, 1.4e9), (144, 5)]
        for f in self.doc["findings"]:
            c = f.get("claim") or {}
            if f["severity"] not in ("error", "warning"):
                continue
            for line, v in good:
                if c.get("line") == line and c.get("value") is not None and \
                        abs(c["value"] - v) <= 1e-6 * v:
                    self.fail("%s on a good claim: %s" % (f["kind"], f))

    def test_never_distractor_evidence(self):
        distractors = ["198.1", "Russia ranks", "73.4", "price", "Tajikistan"]
        for f in self.doc["findings"]:
            for e in f["evidence"]:
                for d in distractors:
                    self.assertNotIn(d, e.get("snippet") or "", f)
                if e["reference"] == "16" and e.get("value"):
                    self.assertNotAlmostEqual(e["value"], 4.3e9, delta=1)
                    self.assertNotAlmostEqual(e["value"], 4.9, delta=0.01)

    def test_never_unreachable(self):
        self.assertEqual(self.findings("unreachable"), [])

    # ---- storage ---------------------------------------------------------------
    def test_database_contents(self):
        con = sqlite3.connect(self.db)
        try:
            self.assertGreaterEqual(
                con.execute("select count(*) from fetches").fetchone()[0], 7)
            self.assertGreaterEqual(
                con.execute("select count(*) from findings").fetchone()[0],
                len(self.doc["findings"]))
            self.assertEqual(con.execute("pragma foreign_key_check").fetchall(), [])
            self.assertGreater(con.execute("pragma user_version").fetchone()[0], 0)
        finally:
            con.close()


@unittest.skipUnless(PORT, "fixture server not running (use make test)")
class CacheAndOffline(unittest.TestCase):
    def test_second_run_reuses_and_offline(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "c.db")
            first = run(check_args(db))
            self.assertEqual(first.returncode, 1, first.stderr)
            before = stats()
            second = run(check_args(db))
            after = stats()
            self.assertEqual(second.returncode, 1, second.stderr)
            page_hits = lambda s: sum(v for k, v in s.get("paths", s).items()
                                      if isinstance(v, int) and "/_t/" not in k)
            self.assertEqual(page_hits(after), page_hits(before),
                             "second run fetched again")
            offline = run(check_args(db, ["--offline"]))
            self.assertEqual(offline.returncode, 1, offline.stderr)
            a = json.loads(first.stdout)["documents"][0]["findings"]
            b = json.loads(offline.stdout)["documents"][0]["findings"]
            self.assertEqual([f["kind"] for f in a], [f["kind"] for f in b])

    def test_offline_empty_db_is_unreachable_not_network(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "empty.db")
            before = stats()
            p = run(check_args(db, ["--offline"]))
            after = stats()
            self.assertEqual(p.returncode, 1, p.stderr)
            doc = json.loads(p.stdout)["documents"][0]
            unreachable = [f for f in doc["findings"] if f["kind"] == "unreachable"]
            self.assertEqual(len(unreachable), 7)
            self.assertIn("offline", unreachable[0]["message"])
            self.assertEqual(before, after)


class BadInput(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "bad.db")

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, data):
        path = os.path.join(self.tmp.name, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def assertUsageError(self, path, reason):
        p = run(["check", path, "--db", self.db, "--offline"])
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn(os.path.basename(path), p.stderr)
        self.assertIn(reason, p.stderr.lower())
        self.assertFalse(os.path.exists(self.db) and os.path.getsize(self.db) > 0
                         and self.rows(), "database written for bad input")

    def rows(self):
        con = sqlite3.connect(self.db)
        try:
            return con.execute("select count(*) from runs").fetchone()[0]
        finally:
            con.close()

    def test_missing(self):
        self.assertUsageError(os.path.join(self.tmp.name, "nope.txt"),
                              "no such file")

    def test_empty(self):
        self.assertUsageError(self.write("empty.txt", b""), "empty")

    def test_binary(self):
        self.assertUsageError(self.write("bin.txt", b"PK\x03\x04\x00\x00abc"),
                              "binary")

    def test_no_references(self):
        self.assertUsageError(self.write("plain.txt",
                                         b"Trade reached $3.8 billion in 2024.\n"),
                              "no references")

    def test_unknown_option_and_command(self):
        p = run(["check", "--bogus"])
        self.assertEqual(p.returncode, 2)
        self.assertIn("--bogus", p.stderr)
        p = run(["frobnicate"])
        self.assertEqual(p.returncode, 2)
        self.assertIn("frobnicate", p.stderr)

    def test_bad_option_values(self):
        for args, word in ((["--as-of", "2025-13-01"], "--as-of"),
                           (["-j", "0"], "-j"),
                           (["--fail-on", "sometimes"], "--fail-on"),
                           (["--format", "pdf"], "--format")):
            p = run(["check", SEED] + args)
            self.assertEqual(p.returncode, 2, args)
            self.assertIn(word, p.stderr)

    def test_malformed_reference_url(self):
        path = self.write("badurl.txt",
                          "Savdo 2024-yilda 3,8 milliard dollarga yetdi 1.\n\n"
                          "1 Some report, Example News, 2024. "
                          "ftp://example.org/report.pdf\n".encode())
        p = run(["check", path, "--db", self.db, "--format", "json",
                 "--offline"])
        self.assertIn("badurl.txt", p.stderr)
        doc = json.loads(p.stdout)["documents"][0]
        kinds = [f["kind"] for f in doc["findings"]]
        self.assertIn("unreachable", kinds)

    def test_fail_on_never(self):
        if not PORT:
            self.skipTest("fixture server not running")
        p = run(check_args(self.db, ["--fail-on", "never"]))
        self.assertEqual(p.returncode, 0, p.stderr)


if __name__ == "__main__":
    unittest.main()
