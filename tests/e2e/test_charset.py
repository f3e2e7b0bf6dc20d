"""End-to-end: pages whose declared charset is wrong or missing are read
correctly (parser/charset_detect.c): a windows-1251 page labelled UTF-8,
a UTF-8 page labelled windows-1251, and an undeclared windows-1251 page
(tests/fixtures/sites/charset.example, labels in .headers sidecars).
"""
import json
import subprocess
import unittest

from e2e_env import BIN, PORT
BASE = "http://127.0.0.1:%s/charset.example/" % PORT


def page(name):
    p = subprocess.run([BIN, "page", BASE + name, "--format", "json",
                        "--allow-private"], capture_output=True, text=True,
                       timeout=60)
    return p, (json.loads(p.stdout) if p.returncode == 0 else None)


@unittest.skipUnless(PORT, "fixture server not running (use make test)")
class WrongCharset(unittest.TestCase):
    def assertRussian(self, name):
        p, pg = page(name)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(pg["title"], "Товарооборот Узбекистана и Казахстана")
        self.assertIn("составил 3,8 миллиарда долларов", pg["text"])
        self.assertNotIn("\ufffd", pg["text"])

    def test_cp1251_labelled_utf8(self):
        self.assertRussian("cp1251-labelled-utf8.html")

    def test_utf8_labelled_cp1251(self):
        self.assertRussian("utf8-labelled-cp1251.html")

    def test_cp1251_undeclared(self):
        self.assertRussian("cp1251-undeclared.txt")


if __name__ == "__main__":
    unittest.main()
