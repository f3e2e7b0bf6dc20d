"""End-to-end verdict set: every folder of tests/cases/ is one case.

A case folder holds
  article.txt      the article (English, Russian or Uzbek), footnotes at the end
  pages.json       the cited pages, by cited URL:
                   {"https://host/path": {"title": "...", "site": "...",
                    "published": "YYYY-MM-DD", "lang": "en",
                    "paragraphs": ["...", "..."]}}
                   rendered to simple HTML article pages; and/or
  sites/<host>/<path>  pages served as they are (any HTML)
  expected.json    {"description": "...", "as_of": "YYYY-MM-DD" (optional),
                    "expect": [{"kind": K, "line": N, "value": V,
                                "reference": "1", "message": "words"}, ...],
                    "forbid": [{"kind": K, "line": N, "value": V}, ...]}
                   every field of an expect/forbid entry but "kind" is
                   optional; "kind" may be "error" or "warning" to mean any
                   finding of that severity.

One fixture server (tests/fixtures/server.py --root TMP) serves every case:
the case's pages live under TMP/<case>/sites/, and the check maps
https:// and http:// to http://127.0.0.1:PORT/<case>/sites/, so the cited
URLs, hosts and publishers stay those of the article.  Besides its own
"forbid" list, every case asserts that no claim it expects to be
`supported` also draws an `error` finding.  Adding a case needs no code.
"""
import html
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

from e2e_env import BIN, ROOT
CASES = os.path.join(ROOT, "tests", "cases")
SERVER = os.path.join(ROOT, "tests", "fixtures", "server.py")


def render_page(p):
    """A plain news-article page from a pages.json entry."""
    lang = p.get("lang", "en")
    title = html.escape(p.get("title", ""))
    head = ['<meta charset="utf-8">', "<title>%s</title>" % title,
            '<meta property="og:title" content="%s">' % title]
    if p.get("site"):
        head.append('<meta property="og:site_name" content="%s">'
                    % html.escape(p["site"]))
    if p.get("published"):
        head.append('<meta property="article:published_time" content="%sT09:00:00Z">'
                    % html.escape(p["published"]))
    body = "".join("<p>%s</p>\n" % html.escape(t) for t in p.get("paragraphs", []))
    return ('<!DOCTYPE html>\n<html lang="%s"><head>%s</head><body>\n'
            "<header><nav><a href=\"/\">Home</a></nav></header>\n"
            "<main><article><h1>%s</h1>\n%s</article></main>\n"
            "<footer>All rights reserved.</footer></body></html>\n"
            % (lang, "".join(head), title, body))


def page_path(url):
    rest = url.split("://", 1)[1]
    host, _, path = rest.partition("/")
    path = path.split("?", 1)[0].split("#", 1)[0]
    if path == "" or path.endswith("/"):
        path += "index.html"
    return host, path


def case_names():
    if not os.path.isdir(CASES):
        return []
    return sorted(d for d in os.listdir(CASES)
                  if os.path.isfile(os.path.join(CASES, d, "expected.json")))


def build_root(tmp):
    """Lay out every case's pages under tmp/<case>/sites/."""
    for name in case_names():
        src = os.path.join(CASES, name)
        dst = os.path.join(tmp, name, "sites")
        os.makedirs(dst, exist_ok=True)
        if os.path.isdir(os.path.join(src, "sites")):
            shutil.copytree(os.path.join(src, "sites"), dst, dirs_exist_ok=True)
        pj = os.path.join(src, "pages.json")
        if os.path.isfile(pj):
            with open(pj, encoding="utf-8") as f:
                pages = json.load(f)
            for url, p in pages.items():
                host, path = page_path(url)
                out = os.path.join(dst, host, path)
                os.makedirs(os.path.dirname(out), exist_ok=True)
                with open(out, "w", encoding="utf-8") as f:
                    f.write(render_page(p))


def matches(f, e):
    c = f.get("claim") or {}
    k = e["kind"]
    if k in ("error", "warning", "info"):
        if f["severity"] != k:
            return False
    elif f["kind"] != k:
        return False
    if "line" in e and c.get("line") != e["line"]:
        return False
    if "reference" in e and f.get("reference") != e["reference"]:
        return False
    if "value" in e:
        v = c.get("value")
        if v is None or abs(v - e["value"]) > 1e-6 * abs(e["value"]):
            return False
    if "message" in e and e["message"] not in (f.get("message") or ""):
        return False
    return True


def brief(fs):
    return ["%s ref=%s line=%s value=%s: %s" % (
        f["kind"], f["reference"], (f.get("claim") or {}).get("line"),
        (f.get("claim") or {}).get("value"), f.get("message")) for f in fs]


class Server:
    def __init__(self, root, tmp):
        self.port_file = os.path.join(tmp, "port")
        self.proc = subprocess.Popen(
            [sys.executable, SERVER, "--root", root, "--port-file",
             self.port_file, "--parent-pid", str(os.getpid())],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 20
        while time.time() < deadline:
            if os.path.exists(self.port_file):
                with open(self.port_file) as f:
                    txt = f.read().strip()
                if txt:
                    self.port = int(txt)
                    return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("fixture server did not start")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class VerdictSet(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="cc-cases-")
        cls.root = os.path.join(cls.tmp, "root")
        build_root(cls.root)
        cls.server = Server(cls.root, cls.tmp)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_case(self, name):
        case = os.path.join(CASES, name)
        with open(os.path.join(case, "expected.json"), encoding="utf-8") as f:
            exp = json.load(f)
        base = "http://127.0.0.1:%d/%s/sites/" % (self.server.port, name)
        args = [BIN, "check", os.path.join(case, "article.txt"),
                "--format", "json", "--db", os.path.join(self.tmp, name + ".db"),
                "--map", "https://=" + base, "--map", "http://=" + base,
                "--allow-private", "--fail-on", "never"]
        if exp.get("as_of"):
            args += ["--as-of", exp["as_of"]]
        p = subprocess.run(args, capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        findings = json.loads(p.stdout)["documents"][0]["findings"]
        for e in exp.get("expect", []):
            if not any(matches(f, e) for f in findings):
                self.fail("%s: expected %s; got:\n  %s" % (
                    name, e, "\n  ".join(brief(findings))))
        for e in exp.get("forbid", []):
            bad = [f for f in findings if matches(f, e)]
            if bad:
                self.fail("%s: forbidden %s found:\n  %s" % (
                    name, e, "\n  ".join(brief(bad))))
        for e in exp.get("expect", []):
            if e["kind"] != "supported":
                continue
            probe = {k: v for k, v in e.items() if k in ("line", "value")}
            probe["kind"] = "error"
            bad = [f for f in findings if matches(f, probe)]
            if bad:
                self.fail("%s: error on a supported claim:\n  %s" % (
                    name, "\n  ".join(brief(bad))))


def _make(name):
    def test(self):
        self.run_case(name)
    test.__doc__ = "case %s" % name
    return test


for _name in case_names():
    setattr(VerdictSet, "test_" + _name.replace("-", "_"), _make(_name))


if __name__ == "__main__":
    unittest.main()
