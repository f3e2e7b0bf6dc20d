"""End-to-end: the seed article as Markdown, HTML, DOCX and PDF.

tests/e2e/seedconv.py writes each format from the seed text (footnotes
14-21 stay footnotes with their URLs); each is checked against the fixture
server like the text version, and must give the same findings, compared
as (kind, reference, claim value) since line numbers differ by format.
The PDF needs python3-cairo: when the running interpreter lacks it,
/usr/bin/python3 writes the PDF; without cairo at all the PDF tests skip.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seedconv  # noqa: E402

from e2e_env import BIN, PORT, ROOT
SEED = os.path.join(ROOT, "examples", "uz-kz-partnership.txt")
BASE = "http://127.0.0.1:%s/" % PORT
FORMATS = ("md", "html", "docx", "pdf")


def make_pdf(outdir):
    """seed.pdf in outdir, or None when no python3 here has cairo."""
    try:
        import cairo  # noqa: F401
        return seedconv.convert(SEED, outdir, ["pdf"])["pdf"]
    except ImportError:
        pass
    for py in ("/usr/bin/python3", shutil.which("python3")):
        if not py or not os.path.exists(py):
            continue
        p = subprocess.run([py, os.path.join(os.path.dirname(__file__),
                                             "seedconv.py"), SEED, outdir,
                            "pdf"], capture_output=True, text=True,
                           timeout=120)
        if p.returncode == 0:
            return os.path.join(outdir, "seed.pdf")
    return None


def check(path, db, stdin=None):
    args = [BIN, "check", path, "--format", "json", "--db", db,
            "--map", "https://=" + BASE, "--map", "http://=" + BASE,
            "--allow-private", "-j", "4"]
    p = subprocess.run(args, capture_output=True, text=True, timeout=180,
                       stdin=stdin)
    report = json.loads(p.stdout) if p.stdout.strip() else None
    return p, report


def key_set(doc):
    out = set()
    for f in doc["findings"]:
        c = f.get("claim") or {}
        v = c.get("value")
        out.add((f["kind"], f["reference"],
                 None if v is None else round(float(v), 3)))
    return out


@unittest.skipUnless(PORT, "fixture server not running (use make test)")
class Formats(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.files = seedconv.convert(SEED, cls.tmp.name, ["md", "html", "docx"])
        pdf = make_pdf(cls.tmp.name)
        if pdf:
            cls.files["pdf"] = pdf
        cls.runs = {}
        for name, path in [("txt", SEED)] + sorted(cls.files.items()):
            cls.runs[name] = check(path, os.path.join(cls.tmp.name,
                                                      name + ".db"))
        cls.summary = {}
        for name, (p, r) in cls.runs.items():
            if r:
                d = r["documents"][0]
                cls.summary[name] = {
                    "references": len(d["references"]),
                    "claims": r["summary"].get("claims"),
                    "findings": r["summary"].get("findings"),
                    "exit": p.returncode}
        out = os.environ.get("CITECHECK_TEST_TMP")
        if out:
            with open(os.path.join(out, "formats-summary.json"), "w") as f:
                json.dump(cls.summary, f)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def doc(self, name):
        if name not in self.runs:
            self.skipTest("%s fixture not made (python3-cairo missing)" % name)
        p, r = self.runs[name]
        self.assertIsNotNone(r, "%s: no JSON; stderr: %s" % (name, p.stderr))
        self.assertEqual(p.returncode, 1, p.stderr)
        return r["documents"][0]

    def same_as_text(self, name):
        text, other = self.doc("txt"), self.doc(name)
        refs = {r["label"]: r for r in other["references"]}
        self.assertEqual(sorted(refs, key=int), [str(n) for n in range(14, 22)])
        for r in text["references"]:
            self.assertEqual(refs[r["label"]]["url"], r["url"], r["label"])
        a, b = key_set(text), key_set(other)
        self.assertEqual(b, a, "%s differs from the text version:\n"
                         "  only in %s: %s\n  only in text: %s"
                         % (name, name, sorted(b - a, key=str),
                            sorted(a - b, key=str)))
        self.assertEqual(other["as_of"], text["as_of"])

    def test_markdown(self):
        self.same_as_text("md")

    def test_html(self):
        self.same_as_text("html")

    def test_docx(self):
        self.same_as_text("docx")

    def test_pdf(self):
        self.same_as_text("pdf")

    def test_lines_point_into_each_format(self):
        # the S2 claim (2020, $2.9 bn, footnote 15) sits on the line of
        # the converted file that holds "2020-yilda"
        for name in ("md", "html"):
            doc = self.doc(name)
            with open(self.files[name], encoding="utf-8") as f:
                lines = f.read().split("\n")
            hits = [f for f in doc["findings"]
                    if f["kind"] == "supported" and f["reference"] == "15" and
                    abs((f["claim"] or {}).get("value", 0) - 2.9e9) < 1]
            self.assertTrue(hits, name)
            ln = hits[0]["claim"]["line"]
            self.assertIn("2.9", lines[ln - 1] + lines[min(ln, len(lines) - 1)],
                          "%s line %d: %r" % (name, ln, lines[ln - 1]))

    def test_pdf_positions_are_page_and_line(self):
        # a PDF claim's running line comes with its page and the line on
        # that page, in every report; other formats carry no page
        doc = self.doc("pdf")
        claims = [f["claim"] for f in doc["findings"] if f.get("claim")]
        self.assertTrue(claims)
        last = (0, 0)
        for c in sorted(claims, key=lambda c: c["line"]):
            self.assertGreaterEqual(c["page"], 1, c)
            self.assertTrue(1 <= c["page_line"] <= c["line"], c)
            # later lines: a later page, or further down the same one
            self.assertGreaterEqual((c["page"], c["page_line"]), last, c)
            last = (c["page"], c["page_line"])
        self.assertGreater(max(c["page"] for c in claims), 1)
        for f in self.doc("txt")["findings"]:
            self.assertNotIn("page", f.get("claim") or {})
        c = claims[0]
        p = subprocess.run([BIN, "check", self.files["pdf"], "--offline",
                            "--db", os.path.join(self.tmp.name, "pdf.db"),
                            "--format", "text", "--color", "never"],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("page %d, line %d" % (c["page"], c["page_line"]),
                      p.stdout)
        self.assertNotIn("  line %d  " % c["line"], p.stdout)

    def test_stdin_detected_by_content(self):
        with open(self.files["md"], "rb") as f:
            p, r = check("-", os.path.join(self.tmp.name, "stdin.db"), stdin=f)
        self.assertIsNotNone(r, p.stderr)
        self.assertEqual(key_set(r["documents"][0]), key_set(self.doc("txt")))

    def test_extension_does_not_decide(self):
        # a DOCX named .txt is still read as DOCX
        path = os.path.join(self.tmp.name, "really-docx.txt")
        shutil.copy(self.files["docx"], path)
        p, r = check(path, os.path.join(self.tmp.name, "ext.db"))
        self.assertIsNotNone(r, p.stderr)
        self.assertEqual(key_set(r["documents"][0]), key_set(self.doc("txt")))

    def test_damaged_inputs_are_usage_errors(self):
        cases = {"bad.pdf": b"%PDF-1.4\n1 0 obj garbage\n",
                 "bad.docx": b"PK\x03\x04" + b"\x00" * 40,
                 "nodoc.docx": None}
        for name, data in cases.items():
            path = os.path.join(self.tmp.name, name)
            if data is None:
                import zipfile
                with zipfile.ZipFile(path, "w") as z:
                    z.writestr("hello.txt", "not word")
            else:
                with open(path, "wb") as f:
                    f.write(data)
            p, _ = check(path, os.path.join(self.tmp.name, "bad.db"))
            self.assertEqual(p.returncode, 2, (name, p.stderr))
            self.assertIn(name, p.stderr)


if __name__ == "__main__":
    unittest.main()
