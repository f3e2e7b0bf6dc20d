"""End-to-end: `check` reads pages on reader threads while it fetches
(cli/check.c); the outcome must not depend on how many there are or on
their timing.

An article with many references (pages POSTed to the fixture server's
/_t/mutable/<name> routes: matching, mismatching and other-period figures,
dead pages, a plain-text page, an unreadable type) is checked with 1, 2
and 5 reader threads (CITECHECK_PARSE_THREADS, a knob for tests and
measurements): the JSON reports, the warnings and the pages
stored in the database (in reference order) are identical, and an
--offline run from the database (pages read from stored responses) gives
the same findings.  Needs CITECHECK_TEST_PORT and CITECHECK_BIN; `make
test` sets both.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest
import uuid

from e2e_env import BIN, PORT, clean_env, post_mutable
BASE = "http://127.0.0.1:%s" % PORT
NREFS = 72

PAGE = ("<!DOCTYPE html><html><head><title>Trade with partner %d</title>"
        "<meta property=\"article:published_time\" content=\"2025-02-%02d\">"
        "</head><body><nav><a href=\"/\">Home</a></nav><article><h1>Trade "
        "with partner %d</h1><p>In %d trade with partner %d reached $%s "
        "billion, the ministry said.</p>%s</article></body></html>")
FILLER = "<p>Officials discussed transport, energy and customs rules.</p>"


@unittest.skipUnless(PORT, "fixture server not running (use make test)")
class ParseThreads(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="cc_threads_")
        tag = uuid.uuid4().hex[:10]
        claims, refs = [], []
        self.urls = []
        for i in range(1, NREFS + 1):
            name = "p%d-%s" % (i, tag)
            url = "%s/_t/mutable/%s" % (BASE, name)
            self.urls.append(url)
            value = "%d.%d" % (i % 7 + 1, i % 10)
            kind = i % 9
            if kind == 0:
                post_mutable(name, "gone\n", status=404)
            elif kind == 1:
                post_mutable(name, "In 2024 trade with partner %d reached $%s "
                     "billion.\n" % (i, value), ctype="text/plain")
            elif kind == 2:
                post_mutable(name, "\x00\x01binary", ctype="application/x-thing")
            else:
                # 3: another value, 4: another year, else the same figure
                shown = "9.9" if kind == 3 else value
                year = 2023 if kind == 4 else 2024
                post_mutable(name, PAGE % (i, i % 28 + 1, i, year, i, shown,
                                   FILLER * (i % 5)))
            claims.append("In 2024 trade with partner %d reached $%s "
                          "billion, the ministry said %d." % (i, value, i))
            refs.append("%d Trade with partner %d, Example News, 2025. %s"
                        % (i, i, url))
        self.doc = os.path.join(self.tmp, "article.txt")
        with open(self.doc, "w", encoding="utf-8") as fh:
            fh.write("Trade with the partners\n\n" + "\n\n".join(claims) +
                     "\n\nReferences\n\n" + "\n".join(refs) + "\n")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def check(self, threads, db, *extra):
        p = subprocess.run(
            [BIN, "check", self.doc, "--format", "json", "--db", db,
             "--allow-private", "-j", "8", "--per-host", "8",
             "--host-delay", "0", "--fail-on", "never"] +
            list(extra), capture_output=True, text=True, timeout=300,
            env=clean_env(CITECHECK_PARSE_THREADS=str(threads)))
        self.assertEqual(p.returncode, 0, p.stderr)
        return p

    @staticmethod
    def stored_pages(db):
        con = sqlite3.connect(db)
        try:
            return con.execute(
                "SELECT f.url, p.title, p.text FROM pages p JOIN fetches f"
                " ON f.id = p.fetch_id ORDER BY p.id").fetchall()
        finally:
            con.close()

    def test_same_outcome_with_any_thread_count(self):
        runs = {}
        for n in (1, 2, 5):
            db = os.path.join(self.tmp, "t%d.db" % n)
            runs[n] = (self.check(n, db), db)
        out1, db1 = runs[1]
        report = json.loads(out1.stdout)
        findings = report["documents"][0]["findings"]
        kinds = {f["kind"] for f in findings}
        # the article exercises reading, not just fetching
        for k in ("supported", "value_mismatch", "unreachable"):
            self.assertIn(k, kinds)
        self.assertEqual(len(report["documents"][0]["references"]), NREFS)
        pages1 = self.stored_pages(db1)
        # pages are stored in reference order, whatever finished first
        self.assertEqual([u for u, _, _ in pages1],
                         [u for u in self.urls if u in
                          {v for v, _, _ in pages1}])
        self.assertGreater(len(pages1), NREFS // 2)
        for n in (2, 5):
            out, db = runs[n]
            self.assertEqual(out.stdout, out1.stdout, "%d threads" % n)
            self.assertEqual(out.stderr, out1.stderr, "%d threads" % n)
            self.assertEqual(self.stored_pages(db), pages1, "%d threads" % n)

        # offline: every page comes from a stored response, read on the
        # reader threads the same way
        off = self.check(4, db1, "--offline")
        self.assertEqual(json.loads(off.stdout)["documents"][0]["findings"],
                         findings)


if __name__ == "__main__":
    unittest.main()
