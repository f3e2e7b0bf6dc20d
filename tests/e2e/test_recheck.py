"""End-to-end: recheck, history, --baseline, many documents in one run,
config file lookup and precedence, the man page and the example config.

Pages that change between runs are the fixture server's /_t/mutable/<name>
routes (POST sets the body and status).  Needs CITECHECK_TEST_PORT and
CITECHECK_BIN; `make test` sets both.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import urllib.request
import uuid

from e2e_env import BIN, PORT, ROOT, clean_env, post_mutable
BASE = "http://127.0.0.1:%s" % PORT

PAGE = ("<!DOCTYPE html><html><head><title>Trade between the countries"
        "</title><meta property=\"article:published_time\" "
        "content=\"2025-02-01\"></head><body><article><h1>Trade between the "
        "countries</h1><p>In 2024 trade between the two countries reached "
        "%s, the ministry said.</p></article></body></html>")
EXPORTS = ("<html><head><title>Export report</title><meta property="
           "\"article:published_time\" content=\"2025-02-01\"></head><body>"
           "<article><p>Exports grew to $1.3 billion in 2024.</p></article>"
           "</body></html>")
ARTICLE = """Introduction

In 2024 trade between the two countries reached $3.8 billion, the ministry said 1. It is a record for both sides.

Exports grew to $1.3 billion in 2024, the data show 2.

References

1 Trade between the countries, Example News, 1 Feb 2025. %s
2 Export report, Example News, 1 Feb 2025. %s
"""


def run(args, cwd=None, env=None, stdin=None):
    return subprocess.run([BIN] + args, capture_output=True, text=True,
                          timeout=120, cwd=cwd, input=stdin,
                          env=env if env is not None else clean_env())


def stats():
    with urllib.request.urlopen(BASE + "/_t/stats", timeout=10) as r:
        return json.load(r)


@unittest.skipUnless(PORT, "fixture server not running (use make test)")
class Recheck(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="cc_recheck_")
        self.db = os.path.join(self.tmp, "r.db")
        tag = uuid.uuid4().hex[:10]
        self.n1, self.n2 = "trade-" + tag, "exports-" + tag
        self.u1 = "%s/_t/mutable/%s" % (BASE, self.n1)
        self.u2 = "%s/_t/mutable/%s" % (BASE, self.n2)
        self.doc = os.path.join(self.tmp, "article.txt")
        with open(self.doc, "w", encoding="utf-8") as fh:
            fh.write(ARTICLE % (self.u1, self.u2))
        post_mutable(self.n1, PAGE % "$3.8 billion")
        post_mutable(self.n2, EXPORTS)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def cc(self, *args):
        return run(list(args) + ["--db", self.db, "--allow-private"])

    def check_json(self, *extra):
        p = self.cc("check", self.doc, "--format", "json", *extra)
        self.assertIn(p.returncode, (0, 1), p.stderr)
        return p, json.loads(p.stdout)

    @staticmethod
    def keys(findings):
        return sorted((f["kind"], f["reference"]) for f in findings)

    def test_first_run_then_changes(self):
        _, first = self.check_json()
        kinds = self.keys(first["documents"][0]["findings"])
        self.assertIn(("supported", "1"), kinds)
        self.assertIn(("supported", "2"), kinds)

        # nothing changed: empty change lists
        p = self.cc("recheck", "--format", "json")
        self.assertIn(p.returncode, (0, 1), p.stderr)
        ch = json.loads(p.stdout)["documents"][0]["changes"]
        for key in ("new", "resolved", "newly_unreachable", "changed_pages"):
            self.assertEqual(ch[key], [], key)
        self.assertIsNotNone(ch["previous_run"])
        self.assertFalse(ch["document_changed"])

        # page 1 now says another figure; page 2 is gone
        post_mutable(self.n1, PAGE % "$4.1 billion")
        post_mutable(self.n2, "gone", status=404)
        p = self.cc("recheck", self.doc, "--format", "json")
        self.assertIn(p.returncode, (0, 1), p.stderr)
        doc = json.loads(p.stdout)["documents"][0]
        ch = doc["changes"]
        self.assertEqual([c["url"] for c in ch["changed_pages"]], [self.u1])
        self.assertNotEqual(ch["changed_pages"][0]["hash"],
                            ch["changed_pages"][0]["previous_hash"])
        self.assertEqual([c["url"] for c in ch["newly_unreachable"]],
                         [self.u2])
        self.assertEqual(ch["newly_unreachable"][0]["status"], 404)
        resolved = self.keys(ch["resolved"])
        self.assertIn(("supported", "1"), resolved)
        self.assertIn(("supported", "2"), resolved)
        new = self.keys(ch["new"])
        self.assertIn(("unreachable", "2"), new)
        self.assertTrue(any(ref == "1" and kind != "supported"
                            for kind, ref in new), new)
        # every new finding is one of this run's findings
        now = self.keys(doc["findings"])
        for k in new:
            self.assertIn(k, now)

        # text output shows the same changes
        post_mutable(self.n2, EXPORTS)
        p = self.cc("recheck", self.doc, "--color", "never")
        self.assertIn(p.returncode, (0, 1), p.stderr)
        self.assertIn("changes since run", p.stdout)
        self.assertIn("resolved", p.stdout)
        self.assertRegex(p.stdout, r"\+ line \d+\s+warning\s+unreachable|"
                                   r"- line \d+\s+warning\s+unreachable")

    def test_history(self):
        self.check_json()
        post_mutable(self.n1, PAGE % "$4.1 billion")
        self.cc("recheck", self.doc)
        p = self.cc("history", self.u1, "--format", "json")
        self.assertEqual(p.returncode, 0, p.stderr)
        h = json.loads(p.stdout)
        self.assertEqual(h["url"], self.u1)
        self.assertEqual(len(h["fetches"]), 2)
        self.assertEqual([f["changed"] for f in h["fetches"]], [True, False])
        self.assertEqual(h["fetches"][0]["status"], 200)
        self.assertRegex(h["fetches"][0]["hash"], r"^[0-9a-f]{16}$")
        p = self.cc("history", self.u1, "--color", "never")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("2 fetches", p.stdout)
        self.assertIn("changed", p.stdout)

        p = self.cc("history", self.doc, "--format", "json")
        self.assertEqual(p.returncode, 0, p.stderr)
        runs = json.loads(p.stdout)["runs"]
        self.assertEqual(len(runs), 2)
        self.assertGreater(runs[0]["run"], runs[1]["run"])
        for r in runs:
            self.assertEqual(set(r["findings"]), {"error", "warning", "info"})
        p = self.cc("history", self.doc)
        self.assertIn("2 runs", p.stdout)
        p = self.cc("history", os.path.join(self.tmp, "never.txt"))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("nothing stored", p.stdout)
        p = self.cc("history")
        self.assertEqual(p.returncode, 2)
        self.assertIn("history --help", p.stderr)

    def test_rebuilt_when_file_gone(self):
        _, first = self.check_json()
        os.unlink(self.doc)
        p = self.cc("recheck", "--format", "json")
        self.assertIn(p.returncode, (0, 1), p.stderr)
        self.assertIn("file gone", p.stderr)
        doc = json.loads(p.stdout)["documents"][0]
        self.assertTrue(doc["changes"]["rebuilt_from_database"])
        self.assertEqual(doc["changes"]["new"], [])
        self.assertEqual(doc["changes"]["resolved"], [])
        self.assertEqual(self.keys(doc["findings"]),
                         self.keys(first["documents"][0]["findings"]))

    def test_recheck_errors(self):
        p = self.cc("recheck")
        self.assertEqual(p.returncode, 2)
        self.assertIn("no documents", p.stderr)
        self.assertIn("citecheck check", p.stderr)
        p = self.cc("recheck", os.path.join(self.tmp, "nope.txt"))
        self.assertEqual(p.returncode, 2)
        self.assertIn("nope.txt", p.stderr)

    def test_baseline(self):
        base = os.path.join(self.tmp, "baseline.json")
        p = self.cc("check", self.doc, "--format", "json", "-o", base,
                    "--fail-on", "warning")
        self.assertEqual(p.returncode, 1, p.stderr)   # metadata warnings
        p, rep = self.check_json("--fail-on", "warning", "--baseline", base)
        self.assertEqual(p.returncode, 0, p.stderr)
        fs = rep["documents"][0]["findings"]
        self.assertTrue(fs)
        self.assertTrue(all(f.get("baselined") for f in fs))
        p = self.cc("check", self.doc, "--fail-on", "warning", "--baseline",
                    base, "--color", "never")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("(baselined)", p.stdout)
        # a new finding still fails
        post_mutable(self.n2, "gone", status=404)
        p, rep = self.check_json("--fail-on", "warning", "--baseline", base,
                                 "--max-age", "0")
        self.assertEqual(p.returncode, 1, p.stderr)
        fresh = [f for f in rep["documents"][0]["findings"]
                 if not f.get("baselined")]
        self.assertIn(("unreachable", "2"), self.keys(fresh))
        # unreadable or foreign baselines are usage errors naming the file
        p = self.cc("check", self.doc, "--baseline",
                    os.path.join(self.tmp, "missing.json"))
        self.assertEqual(p.returncode, 2)
        self.assertIn("missing.json", p.stderr)
        other = os.path.join(self.tmp, "other.json")
        with open(other, "w") as fh:
            fh.write('{"x": 1}')
        p = self.cc("check", self.doc, "--baseline", other)
        self.assertEqual(p.returncode, 2)
        self.assertIn("other.json", p.stderr)

    def test_many_documents_share_fetches(self):
        docs = []
        for i in range(3):
            path = os.path.join(self.tmp, "doc%d.txt" % i)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(ARTICLE % (self.u1, self.u2))
            docs.append(path)
        before = stats()["paths"]
        p = run(["check"] + docs + ["--db", self.db, "--allow-private",
                                    "--format", "json"])
        self.assertIn(p.returncode, (0, 1), p.stderr)
        self.assertEqual(len(json.loads(p.stdout)["documents"]), 3)
        after = stats()["paths"]
        for name in (self.n1, self.n2):
            path = "/_t/mutable/" + name
            self.assertEqual(after.get(path, 0) - before.get(path, 0), 1,
                             path)


class Config(unittest.TestCase):
    """Lookup order --config > $CITECHECK_CONFIG > ./citecheck.conf >
    $XDG_CONFIG_HOME/citecheck/config; precedence flags > env > file."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="cc_config_")
        self.cwd = os.path.join(self.tmp, "work")
        self.xdg = os.path.join(self.tmp, "xdg")
        os.makedirs(self.cwd)
        os.makedirs(os.path.join(self.xdg, "citecheck"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, path, text):
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        return path

    def fmt(self, *args, **env):
        """Run extract on a small text: 'json' or 'text' by its output."""
        e = clean_env(XDG_CONFIG_HOME=self.xdg, **env)
        p = run(["extract", "-"] + list(args), cwd=self.cwd, env=e,
                stdin="Trade reached $3.8 billion in 2024.\n")
        return p, ("json" if p.stdout.lstrip().startswith("{") else "text")

    def test_lookup_order(self):
        _, f = self.fmt()
        self.assertEqual(f, "text")                      # defaults
        self.write(os.path.join(self.xdg, "citecheck", "config"),
                   "format = json\n")
        _, f = self.fmt()
        self.assertEqual(f, "json")                      # per-user file
        self.write(os.path.join(self.cwd, "citecheck.conf"),
                   "[citecheck]\nformat = text\n")
        _, f = self.fmt()
        self.assertEqual(f, "text")                      # ./citecheck.conf
        envfile = self.write(os.path.join(self.tmp, "env.conf"),
                             "format = json\n")
        _, f = self.fmt(CITECHECK_CONFIG=envfile)
        self.assertEqual(f, "json")                      # $CITECHECK_CONFIG
        flagfile = self.write(os.path.join(self.tmp, "flag.conf"),
                              "format = text\n")
        _, f = self.fmt("--config", flagfile, CITECHECK_CONFIG=envfile)
        self.assertEqual(f, "text")                      # --config

    def test_precedence(self):
        self.write(os.path.join(self.cwd, "citecheck.conf"), "format = text\n")
        _, f = self.fmt(CITECHECK_FORMAT="json")
        self.assertEqual(f, "json")                      # env > file
        _, f = self.fmt("--format", "text", CITECHECK_FORMAT="json")
        self.assertEqual(f, "text")                      # flag > env
        p, _ = self.fmt(CITECHECK_FORMAT="yaml")
        self.assertEqual(p.returncode, 2)
        self.assertIn("CITECHECK_FORMAT", p.stderr)

    def test_errors(self):
        p, _ = self.fmt("--config", os.path.join(self.tmp, "none.conf"))
        self.assertEqual(p.returncode, 2)
        self.assertIn("none.conf", p.stderr)
        p, _ = self.fmt(CITECHECK_CONFIG=os.path.join(self.tmp, "no.conf"))
        self.assertEqual(p.returncode, 2)
        self.assertIn("no.conf", p.stderr)
        self.write(os.path.join(self.cwd, "citecheck.conf"),
                   "jobs = 4\n\nfromat = json\n")
        p, _ = self.fmt()
        self.assertEqual(p.returncode, 2)
        self.assertIn("citecheck.conf:3:", p.stderr)
        self.assertIn("fromat", p.stderr)
        self.write(os.path.join(self.cwd, "citecheck.conf"), "jobs = lots\n")
        p, _ = self.fmt()
        self.assertEqual(p.returncode, 2)
        self.assertIn("citecheck.conf:1:", p.stderr)

    def test_db_from_env(self):
        db = os.path.join(self.tmp, "env.db")
        e = clean_env(XDG_CONFIG_HOME=self.xdg, CITECHECK_DB=db)
        p = run(["history", "https://example.org/"], cwd=self.cwd, env=e)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(os.path.exists(db))

    def test_example_config_is_valid_and_complete(self):
        example = os.path.join(ROOT, "config", "citecheck.conf.example")
        keys, lines = set(), []
        with open(example, encoding="utf-8") as fh:
            for line in fh:
                m = re.match(r"^; ([a-z-]+) = (.*)$", line)
                if m:
                    keys.add(m.group(1))
                    lines.append("%s = %s\n" % (m.group(1), m.group(2)))
                else:
                    lines.append(line)
        # every key loads with its example value
        live = self.write(os.path.join(self.tmp, "live.conf"),
                          "".join(lines))
        p, _ = self.fmt("--config", live)
        self.assertEqual(p.returncode, 0, p.stderr)
        # every option of --help that is a key is in the example
        opts = set(re.findall(r"--([a-z][a-z-]+)", run(["--help"]).stdout))
        self.assertIn("baseline", opts)
        self.assertEqual(opts - keys - {"help", "version", "config",
                                        "verbose"}, set())


class Usability(unittest.TestCase):
    def test_man_page_renders_and_lists_every_option(self):
        page = os.path.join(ROOT, "citecheck.1")
        if shutil.which("man"):
            p = subprocess.run(["man", "-l", page], capture_output=True,
                               text=True, timeout=60,
                               env=dict(os.environ, MANPAGER="cat",
                                        PAGER="cat", MANWIDTH="80"))
        elif shutil.which("groff"):
            p = subprocess.run(["groff", "-man", "-Tutf8", page],
                               capture_output=True, text=True, timeout=60)
        else:
            self.skipTest("neither man nor groff installed")
        self.assertEqual(p.returncode, 0, p.stderr)
        text = re.sub(r".\x08", "", p.stdout)
        for word in ("recheck", "history", "CITECHECK_CONFIG",
                     "EXIT STATUS", "--baseline"):
            self.assertIn(word, text)
        if shutil.which("groff"):
            w = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", page],
                               capture_output=True, text=True, timeout=60)
            self.assertEqual(w.stderr.strip(), "", "groff warnings")
        with open(page, encoding="utf-8") as fh:
            src = fh.read().replace("\\-", "-")
        opts = set(re.findall(r"--([a-z][a-z-]+)", run(["--help"]).stdout))
        self.assertTrue(opts)
        self.assertEqual({o for o in opts if "--" + o not in src}, set())

    def test_help_version(self):
        p = run(["--version"])
        self.assertEqual(p.returncode, 0)
        self.assertRegex(p.stdout, r"^citecheck \d+\.\d+")
        for cmd in ("check", "recheck", "history", "extract", "page",
                    "fetch"):
            p = run([cmd, "--help"])
            self.assertEqual(p.returncode, 0, cmd)
            self.assertIn("usage: citecheck " + cmd, p.stdout)
            self.assertIn("example", p.stdout)
        p = run(["--help"])
        self.assertIn("recheck", p.stdout)
        self.assertIn("history", p.stdout)
        p = run(["frobnicate"])
        self.assertEqual(p.returncode, 2)
        self.assertIn("--help", p.stderr)


if __name__ == "__main__":
    unittest.main()
