"""A cited source that is a PDF is read with poppler and checked like a
page: the figure in the PDF supports the claim, a missing one is not_found.
Needs python3-cairo (to write the PDF) and the fixture server."""
import json
import os
import subprocess
import tempfile
import unittest
import urllib.request

from e2e_env import BIN, PORT

WRITER = r'''
import sys, cairo
s = cairo.PDFSurface(sys.argv[1], 595, 842)
c = cairo.Context(s)
c.select_font_face("DejaVu Sans")
c.set_font_size(12)
for i, line in enumerate(sys.argv[2:]):
    c.move_to(60, 80 + 20 * i)
    c.show_text(line)
s.finish()
'''


def write_pdf(path, lines):
    for py in ("python3", "/usr/bin/python3"):
        try:
            r = subprocess.run([py, "-c", WRITER, path] + lines,
                               capture_output=True, timeout=60)
        except OSError:
            continue
        if r.returncode == 0 and os.path.getsize(path) > 0:
            return True
    return False


@unittest.skipUnless(PORT, "fixture server not running (use make test)")
class PdfSource(unittest.TestCase):
    def test_pdf_source_supports_claim(self):
        with tempfile.TemporaryDirectory() as tmp:
            pdf = os.path.join(tmp, "report.pdf")
            if not write_pdf(pdf, ["Annual trade report 2024",
                                   "In 2024, trade turnover between the two",
                                   "countries reached $3.8 billion."]):
                self.skipTest("python3-cairo not available to write a PDF")
            with open(pdf, "rb") as f:
                body = f.read()
            req = urllib.request.Request(
                "http://127.0.0.1:%s/_t/mutable/pdfsrc?ct=application/pdf" % PORT,
                data=body, method="POST")
            urllib.request.urlopen(req, timeout=10).read()
            art = os.path.join(tmp, "a.txt")
            with open(art, "w") as f:
                f.write("Trade between the countries reached $3.8 billion in "
                        "2024, the report says 1. Exports reached $9.9 billion "
                        "in 2024, it adds 1.\n\n"
                        "1 Annual trade report, Example Agency, 10 Feb 2025. "
                        "https://pdf.example/_t/mutable/pdfsrc\n")
            p = subprocess.run(
                [BIN, "check", art, "--format", "json", "--db",
                 os.path.join(tmp, "p.db"), "--allow-private",
                 "--map", "https://pdf.example/=http://127.0.0.1:%s/" % PORT],
                capture_output=True, text=True, timeout=60)
            self.assertIn(p.returncode, (0, 1), p.stderr)
            doc = json.loads(p.stdout)["documents"][0]
            kinds = {(f["kind"], (f.get("claim") or {}).get("value"))
                     for f in doc["findings"]}
            self.assertIn(("supported", 3.8e9), kinds, doc["findings"])
            self.assertIn(("not_found", 9.9e9), kinds, doc["findings"])
            self.assertEqual(doc["references"][0]["fetch"]["status"], 200)


if __name__ == "__main__":
    unittest.main()
