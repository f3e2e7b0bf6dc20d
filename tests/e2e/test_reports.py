"""End-to-end: `citecheck check` on the seed in every report format.

- sarif: validated against the SARIF 2.1.0 JSON schema (the one shipped in
  the npm package @microsoft/jest-sarif, sarif-2.1.0-rtm.5.json, draft-04)
  with ajv-draft-04 + ajv-formats; rules, levels, locations and
  fingerprints checked against the json report.
- junit: well-formed XML 1.0 by xmllint (Debian libxml2-utils), one
  testcase per claim, failures for error/warning findings.
- md: structure, and escaping of hostile text.
- html: opened in headless Chromium (Debian `chromium`, driven by
  playwright-core from npm): no console errors, no network requests, the
  kind and footnote filters work, a hostile page title stays inert; a
  screenshot is saved to build/report-screenshots/.

Node modules go into build/e2e-node/ (git-ignored; installed with npm on
first use, under a lock, from the npm registry only).  A missing chromium
is installed with apt-get when running as root.  When a tool cannot be had
the test that needs it is skipped with the reason, and the structural
checks still run.
"""
import fcntl
import glob
import html.parser
import http.server
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import threading
import unittest
import xml.etree.ElementTree as ET

from e2e_env import BIN, PORT, ROOT
SEED = os.path.join(ROOT, "examples", "uz-kz-partnership.txt")
BASE = "http://127.0.0.1:%s/" % PORT
HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS_JS = os.path.join(HERE, "report_tools.js")
NODE_DIR = os.environ.get("CITECHECK_NODE_DIR",
                          os.path.join(ROOT, "build", "e2e-node"))
SHOTS = os.path.join(ROOT, "build", "report-screenshots")
NODE_PKGS = ["ajv@8.20.0", "ajv-draft-04@1.0.0", "ajv-formats@3.0.1"]
# playwright-core 1.65 needs Node 20 (this machine's); Debian 12's own
# nodejs is 18, for which 1.49 is the last release
PLAYWRIGHT = {True: "playwright-core@1.65.1", False: "playwright-core@1.49.1"}
SCHEMA_PKG = "@microsoft/jest-sarif@1.0.0-beta.0"
SCHEMA_IN_PKG = "package/lib/schemas/sarif-2.1.0-rtm.5.json"
KINDS = ["supported", "value_mismatch", "period_mismatch",
         "contradicted_by_other_source", "source_predates",
         "internal_conflict", "sum_mismatch", "not_found",
         "period_unconfirmed", "period_incomplete", "name_not_in_source",
         "metadata_mismatch", "unreachable", "no_url", "uncited_claim",
         "sources_disagree"]
LEVEL = {"error": "error", "warning": "warning", "info": "note"}

EVIL_TITLE = ("Evil <script>window.__citecheck_pwned=true;alert(1)</script>"
              " ]]> \u202edesrever")
EVIL_PAGE = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
             "Evil &lt;script&gt;window.__citecheck_pwned=true;alert(1)"
             "&lt;/script&gt; ]]&gt; &#x202E;desrever</title>"
             "<meta property=\"article:published_time\" content=\"2024-05-01\">"
             "</head><body><article><p>In 2021, trade between the countries "
             "reached $3.9 billion &lt;img src=x onerror=alert(2)&gt; | *bold* "
             "[link](javascript:alert(3)) ]]&gt;.</p><p>More text about the "
             "partnership and other things that happened during the year.</p>"
             "</article></body></html>").encode("utf-8")
EVIL_ARTICLE = (b"Hostile <script>window.__citecheck_pwned=true</script> report"
                b" ]]> test \x01 with \xe2\x80\xae bidi and bad \xff byte.\n\n"
                b"In 2021, trade between the countries reached $4.3 billion "
                b"<img src=x onerror=alert(1)> | *x* [y](javascript:z) 1.\n\n"
                b"References\n\n1 Evil Site. Trade <script>alert(1)</script> "
                b"news, 2024. %s\n")


def run(args, **kw):
    return subprocess.run([BIN] + args, capture_output=True, timeout=300, **kw)


def seed_args(db, fmt, out, offline=False):
    a = ["check", SEED, "--format", fmt, "--db", db, "-o", out,
         "--map", "https://=" + BASE, "--map", "http://=" + BASE,
         "--allow-private", "-j", "4"]
    return a + (["--offline"] if offline else [])


# ---- tools -------------------------------------------------------------

def _locked(fn):
    os.makedirs(NODE_DIR, exist_ok=True)
    with open(os.path.join(NODE_DIR, ".lock"), "w") as lk:
        fcntl.flock(lk, fcntl.LOCK_EX)
        try:
            return fn()
        finally:
            fcntl.flock(lk, fcntl.LOCK_UN)


def _apt_install(*pkgs):
    """apt-get install pkgs when root; returns an error string or None."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return "not root or no apt-get: install %s" % " ".join(pkgs)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in (["apt-get", "install", "-y", "-q", "--no-install-recommends"]
                + list(pkgs),):
        p = subprocess.run(cmd, capture_output=True, text=True, env=env,
                           timeout=900)
        if p.returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], capture_output=True,
                           env=env, timeout=600)
            p = subprocess.run(cmd, capture_output=True, text=True, env=env,
                               timeout=900)
        if p.returncode != 0:
            return "apt-get install %s failed: %s" % (
                " ".join(pkgs), p.stderr[-400:])
    return None


_node_state = {}


def node_tools():
    """(NODE_PATH, schema path) or raises unittest.SkipTest."""
    if "err" in _node_state:
        raise unittest.SkipTest(_node_state["err"])
    if "ok" in _node_state:
        return _node_state["ok"]

    def install():
        if not shutil.which("node") or not shutil.which("npm"):
            err = _apt_install("nodejs", "npm")
            if err:
                return err
        v = subprocess.run(["node", "--version"], capture_output=True,
                           text=True).stdout.strip().lstrip("v")
        try:
            major = int(v.split(".")[0])
        except ValueError:
            return "cannot tell the Node.js version (%r)" % v
        if major < 18:
            return "Node.js %s is too old (18 or later needed)" % v
        pkgs = NODE_PKGS + [PLAYWRIGHT[major >= 20]]
        mods = os.path.join(NODE_DIR, "node_modules")
        schema = os.path.join(NODE_DIR, "sarif-2.1.0-rtm.5.json")
        stamp = os.path.join(NODE_DIR, ".installed")
        want = " ".join(pkgs + [SCHEMA_PKG])
        if os.path.exists(stamp) and os.path.exists(schema):
            with open(stamp) as f:
                if f.read() == want:
                    return (mods, schema)
        pj = os.path.join(NODE_DIR, "package.json")
        if not os.path.exists(pj):
            with open(pj, "w") as f:
                f.write('{"private": true}\n')
        p = subprocess.run(["npm", "install", "--no-audit", "--no-fund",
                            "--ignore-scripts", "--no-save"] + pkgs,
                           cwd=NODE_DIR, capture_output=True, text=True,
                           timeout=600)
        if p.returncode != 0:
            return "npm install failed: " + p.stderr[-400:]
        p = subprocess.run(["npm", "pack", SCHEMA_PKG], cwd=NODE_DIR,
                           capture_output=True, text=True, timeout=300)
        if p.returncode != 0:
            return "npm pack %s failed: %s" % (SCHEMA_PKG, p.stderr[-400:])
        tgz = os.path.join(NODE_DIR, p.stdout.strip().splitlines()[-1])
        with tarfile.open(tgz) as t:
            with t.extractfile(SCHEMA_IN_PKG) as src, open(schema, "wb") as dst:
                dst.write(src.read())
        os.unlink(tgz)
        with open(stamp, "w") as f:
            f.write(want)
        return (mods, schema)

    res = _locked(install)
    if isinstance(res, str):
        _node_state["err"] = res
        raise unittest.SkipTest(res)
    _node_state["ok"] = res
    return res


def chromium():
    for c in ("/usr/bin/chromium", shutil.which("chromium") or ""):
        if c and os.path.exists(c):
            return c
    err = _locked(lambda: _apt_install("chromium"))
    if err or not os.path.exists("/usr/bin/chromium"):
        raise unittest.SkipTest("no chromium: %s" % err)
    return "/usr/bin/chromium"


def xmllint():
    if not shutil.which("xmllint"):
        err = _apt_install("libxml2-utils")
        if err:
            raise unittest.SkipTest("no xmllint: " + err)
    return shutil.which("xmllint")


def node(*args):
    mods, _ = node_tools()
    p = subprocess.run(["node", TOOLS_JS] + list(args), capture_output=True,
                       text=True, timeout=300,
                       env=dict(os.environ, NODE_PATH=mods))
    if p.returncode != 0:
        raise AssertionError("report_tools.js %s failed: %s"
                             % (args[0], p.stderr[-2000:]))
    return json.loads(p.stdout)


# ---- the hostile page server ---------------------------------------------

class _Evil(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(EVIL_PAGE)))
        self.end_headers()
        self.wfile.write(EVIL_PAGE)

    def log_message(self, *a):
        pass


class _HTMLCheck(html.parser.HTMLParser):
    """Collects the elements and attributes of a page, to assert that no
    hostile text became markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self.hrefs, self.handlers = [], 0, [], []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "script":
            self.scripts += 1
        if tag == "title":
            self._in_title = True
        for k, v in attrs:
            if k.startswith("on"):
                self.handlers.append(k)
            if k == "href":
                self.hrefs.append(v)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


# ---- the tests -------------------------------------------------------------

@unittest.skipUnless(PORT, "fixture server not running (use make test)")
class Reports(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        t = cls.tmp.name
        cls.db = os.path.join(t, "seed.db")
        cls.out = {}
        cls.proc = {}
        # json first (fetches); the others read the same stored pages
        for fmt in ("json", "sarif", "junit", "md", "html", "text"):
            path = os.path.join(t, "seed." + fmt)
            cls.proc[fmt] = run(seed_args(cls.db, fmt, path, fmt != "json"))
            cls.out[fmt] = path
        with open(cls.out["json"], encoding="utf-8") as f:
            cls.json = json.load(f)
        cls.findings = cls.json["documents"][0]["findings"]

        # the hostile article and page
        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Evil)
        cls.srv = srv
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        url = "http://127.0.0.1:%d/evil.html" % srv.server_address[1]
        cls.evil_dir = os.path.join(t, "evil <b>&'\"")
        os.makedirs(cls.evil_dir)
        cls.evil_article = os.path.join(cls.evil_dir, "art.txt")
        with open(cls.evil_article, "wb") as f:
            f.write(EVIL_ARTICLE % url.encode())
        cls.evil_db = os.path.join(t, "evil.db")
        cls.evil = {}
        for fmt in ("json", "sarif", "junit", "md", "html", "text"):
            path = os.path.join(t, "evil." + fmt)
            p = run(["check", cls.evil_article, "--format", fmt, "--db",
                     cls.evil_db, "--allow-private", "-o", path]
                    + (["--offline"] if fmt != "json" else []))
            cls.evil[fmt] = (p, path)

    @classmethod
    def tearDownClass(cls):
        cls.srv.shutdown()
        cls.srv.server_close()
        cls.tmp.cleanup()

    def read(self, path):
        with open(path, "rb") as f:
            return f.read()

    def test_exit_codes(self):
        for fmt, p in self.proc.items():
            self.assertEqual(p.returncode, 1, "%s: %s" % (fmt, p.stderr))
        for fmt, (p, _) in self.evil.items():
            self.assertEqual(p.returncode, 1, "%s: %s" % (fmt, p.stderr))

    def test_extract_rejects_report_formats(self):
        p = run(["extract", "--format", "sarif", "-"], input=b"$4 billion\n")
        self.assertEqual(p.returncode, 2)
        self.assertIn(b"not supported", p.stderr)

    def test_evil_fetched(self):
        doc = json.loads(self.read(self.evil["json"][1]))
        page = doc["documents"][0]["references"][0]["page"]
        self.assertEqual(page["title"], EVIL_TITLE)
        kinds = [f["kind"] for f in doc["documents"][0]["findings"]]
        self.assertIn("value_mismatch", kinds)

    # ---- sarif ----------------------------------------------------------
    def sarif(self):
        with open(self.out["sarif"], encoding="utf-8") as f:
            return json.load(f)

    def test_sarif_structure(self):
        s = self.sarif()
        self.assertEqual(s["version"], "2.1.0")
        run_ = s["runs"][0]
        drv = run_["tool"]["driver"]
        self.assertEqual(drv["name"], "citecheck")
        self.assertEqual(drv["version"], self.json["tool"]["version"])
        self.assertTrue(drv["informationUri"].startswith("https://"))
        ids = [r["id"] for r in drv["rules"]]
        self.assertEqual(sorted(ids), sorted(KINDS))
        sev = {}
        for r in drv["rules"]:
            self.assertTrue(r["shortDescription"]["text"])
            self.assertTrue(r["help"]["text"])
            sev[r["id"]] = r["defaultConfiguration"]["level"]
        self.assertEqual(sev["value_mismatch"], "error")
        self.assertEqual(sev["not_found"], "warning")
        self.assertEqual(sev["supported"], "note")
        res = run_["results"]
        self.assertEqual(len(res), len(self.findings))
        for r, f in zip(res, self.findings):
            self.assertEqual(r["ruleId"], f["kind"])
            self.assertEqual(drv["rules"][r["ruleIndex"]]["id"], r["ruleId"])
            self.assertEqual(r["level"], LEVEL[f["severity"]])
            self.assertEqual(r["message"]["text"], f["message"])
            loc = r["locations"][0]["physicalLocation"]
            self.assertEqual(loc["artifactLocation"]["uri"],
                             os.path.relpath(SEED, os.getcwd()))
            self.assertEqual(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%")
            if f["claim"]:
                self.assertEqual(loc["region"]["startLine"],
                                 f["claim"]["line"])
        fps = [r["partialFingerprints"]["citecheckFinding/v1"] for r in res]
        self.assertEqual(len(set(fps)), len(fps), "fingerprints collide")

    def test_sarif_fingerprints_stable(self):
        # the same findings on other lines keep their fingerprints
        t = self.tmp.name
        moved = os.path.join(t, "moved", "uz-kz-partnership.txt")
        os.makedirs(os.path.dirname(moved), exist_ok=True)
        with open(SEED, "rb") as f:
            data = f.read()
        with open(moved, "wb") as f:
            f.write(b"\n\n\n" + data)
        out = os.path.join(t, "moved.sarif")
        args = seed_args(self.db, "sarif", out, True)
        args[1] = moved
        p = run(args)
        self.assertEqual(p.returncode, 1, p.stderr)
        with open(out, encoding="utf-8") as f:
            m = json.load(f)["runs"][0]["results"]
        a = self.sarif()["runs"][0]["results"]
        self.assertEqual(len(a), len(m))
        same = sum(1 for x, y in zip(a, m)
                   if x["partialFingerprints"] == y["partialFingerprints"])
        self.assertEqual(same, len(a))
        self.assertEqual(
            m[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
            a[0]["locations"][0]["physicalLocation"]["region"]["startLine"] + 3)

    def test_sarif_schema(self):
        _, schema = node_tools()
        for path in (self.out["sarif"], self.evil["sarif"][1]):
            r = node("sarif", schema, path)
            self.assertTrue(r["valid"], "%s: %s" % (path, r["errors"]))
        # the validator does reject a broken log (not a vacuous pass)
        bad = self.sarif()
        bad["runs"][0]["results"][0]["level"] = "fatal"
        bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
            "region"]["startLine"] = 0
        path = os.path.join(self.tmp.name, "bad.sarif")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(bad, f)
        r = node("sarif", schema, path)
        self.assertFalse(r["valid"])
        self.assertGreaterEqual(len(r["errors"]), 2)

    def test_sarif_evil_uri(self):
        with open(self.evil["sarif"][1], encoding="utf-8") as f:
            s = json.load(f)
        uri = s["runs"][0]["artifacts"][0]["location"]["uri"]
        self.assertTrue(uri.startswith("file:///"), uri)
        self.assertNotRegex(uri, r"[ <>&'\"]")
        self.assertIn("evil%20%3Cb%3E%26%27%22/art.txt", uri)

    # ---- junit ----------------------------------------------------------
    def test_junit(self):
        lint = xmllint()
        for path in (self.out["junit"], self.evil["junit"][1]):
            p = subprocess.run([lint, "--noout", path], capture_output=True,
                               text=True)
            self.assertEqual(p.returncode, 0, p.stderr)
        root = ET.parse(self.out["junit"]).getroot()
        self.assertEqual(root.tag, "testsuites")
        suites = root.findall("testsuite")
        self.assertEqual(len(suites), 1)
        self.assertTrue(suites[0].get("name").endswith("uz-kz-partnership.txt"))
        cases = suites[0].findall("testcase")
        self.assertEqual(int(suites[0].get("tests")), len(cases))
        bad = [f for f in self.findings if f["severity"] != "info"]
        failures = [x for c in cases for x in c.findall("failure")]
        self.assertEqual(len(failures), len(bad))
        self.assertEqual(sorted(x.get("type") for x in failures),
                         sorted(f["kind"] for f in bad))
        failed = sum(1 for c in cases if c.findall("failure"))
        self.assertEqual(int(suites[0].get("failures")), failed)
        for c in cases:
            self.assertRegex(c.get("name"), r"^(line \d+|reference): ")
        names = [c.get("name") for c in cases]
        self.assertIn("line 72: $4.3 billion (2021)", names)
        c72 = [c for c in cases if c.get("name") == "line 72: $4.3 billion (2021)"]
        self.assertEqual(c72[0].get("classname"), "16")

    def test_junit_evil(self):
        data = self.read(self.evil["junit"][1])
        self.assertNotIn(b"\x01", data)
        self.assertNotIn(b"<![CDATA[", data)
        data.decode("utf-8")
        root = ET.fromstring(data)
        texts = " ".join(x.text or "" for x in root.iter("failure"))
        self.assertIn("<img src=x onerror=alert(1)>", texts)
        self.assertIn("]]>", texts)
        self.assertEqual(root.find("testsuite").get("name"), self.evil_article)

    # ---- md -------------------------------------------------------------
    def test_md(self):
        md = self.read(self.out["md"]).decode("utf-8")
        self.assertIn("| severity | findings |", md)
        n = {s: sum(1 for f in self.findings if f["severity"] == s)
             for s in ("error", "warning", "info")}
        self.assertIn("error | %d |" % n["error"], md)
        self.assertIn("warning | %d |" % n["warning"], md)
        for label in ("15", "16", "21"):
            self.assertIn("### \\[%s\\]" % label, md)
        self.assertEqual(md.count("<details>"), md.count("</details>"))
        for line in md.splitlines():
            if line.startswith("| ") and not line.startswith("|---"):
                # unescaped pipes would add cells
                cells = re.split(r"(?<!\\)\|", line)
                self.assertIn(len(cells), (4, 6), line)

    def test_md_evil(self):
        md = self.read(self.evil["md"][1]).decode("utf-8")
        self.assertNotIn("<script", md)
        self.assertNotIn("<img", md)
        self.assertNotIn("](javascript", md)
        self.assertNotIn("\u202e", md)
        self.assertIn("&lt;img src=x onerror=alert\\(1\\)&gt;", md)
        self.assertIn("\\*x\\*", md)

    # ---- html -----------------------------------------------------------
    def test_html_static(self):
        for path in (self.out["html"], self.evil["html"][1]):
            text = self.read(path).decode("utf-8")
            chk = _HTMLCheck()
            chk.feed(text)
            self.assertEqual(chk.scripts, 1, path)
            self.assertEqual(chk.handlers, [], path)
            self.assertNotIn("style=", text)
            csp = re.search(r'http-equiv="Content-Security-Policy" '
                            r'content="([^"]*)"', text).group(1)
            self.assertIn("default-src 'none'", csp)
            self.assertRegex(csp, r"script-src 'sha256-[A-Za-z0-9+/]{43}='")
            for h in chk.hrefs:
                self.assertRegex(h, r"^https?://")
            self.assertNotRegex(text, r"https?://(?!127\.0\.0\.1)[^\"<]*\.(js|css)")
        evil = self.read(self.evil["html"][1]).decode("utf-8")
        self.assertNotIn("<script>window", evil)
        self.assertNotIn("<img", evil)
        self.assertNotIn("\u202e", evil)
        self.assertIn("&lt;script&gt;window.__citecheck_pwned", evil)

    def browse(self, path, name):
        os.makedirs(SHOTS, exist_ok=True)
        shot = os.path.join(SHOTS, name + ".png")
        r = node("html", path, shot, chromium())
        self.assertTrue(os.path.getsize(shot) > 10000)
        errors = [m for m in r["console"] if m["type"] in ("error", "warning")]
        self.assertEqual(errors, [], "console: %s" % r["console"])
        self.assertEqual(r["pageErrors"], [])
        self.assertEqual(r["requests"], [], "network requests")
        self.assertEqual(r["dialogs"], [])
        self.assertFalse(r["injected"])
        return r

    def test_html_browser_seed(self):
        r = self.browse(self.out["html"], "seed")
        n = len(self.findings)
        self.assertEqual(r["initial"]["total"], n)
        self.assertEqual(r["initial"]["shown"], n)
        self.assertGreater(r["initial"]["marked"], 5)
        first = r["kinds"][0]
        self.assertEqual(r["onlyFirstKind"]["kindsShown"], [first])
        self.assertEqual(r["onlyFirstKind"]["shown"],
                         sum(1 for f in self.findings if f["kind"] == first))
        self.assertLess(r["onlyFirstKind"]["marked"], r["initial"]["marked"])
        ref = r["refOptions"][1]
        self.assertEqual(r["onlyFirstRef"]["refsShown"], [ref])
        self.assertEqual(r["onlyFirstRef"]["shown"],
                         sum(1 for f in self.findings if f["reference"] == ref))
        self.assertEqual(r["restored"]["shown"], n)
        self.assertEqual(sorted(r["afterClick"]), sorted(r["clickedIds"]))
        self.assertEqual(r["afterShowAll"]["shown"], n)

    def test_html_browser_evil(self):
        r = self.browse(self.evil["html"][1], "hostile")
        self.assertIn("<b>", r["title"])   # the path, shown as text
        self.assertGreaterEqual(r["initial"]["total"], 1)


if __name__ == "__main__":
    unittest.main()
