"""End-to-end: the crawler against hostile servers (issue 3).

Every case runs `citecheck check` on a tiny generated article citing the
hostile URL (a few use `citecheck fetch`), and asserts the fetch error or
status the report gives, the exit code, a time bound and a consistent
database (PRAGMA integrity_check, foreign_key_check).  robots.txt cases
start their own fixture server (tests/fixtures/server.py --robots-...),
since robots.txt belongs to one origin.  Needs CITECHECK_BIN and
CITECHECK_TEST_PORT (`make test` sets both).

Set CITECHECK_HOSTILE_LOG=FILE to append "case<TAB>seconds<TAB>outcome"
lines (the figures of the issue's closing note).
"""
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
import urllib.request

from e2e_env import BIN, PORT, ROOT
BASE = "http://127.0.0.1:%s" % PORT
SERVER = os.path.join(ROOT, "tests", "fixtures", "server.py")
BOUND = 20.0                      # seconds any one case may take
RSS_BOUND_KB = 200 * 1024         # peak RSS of any citecheck run
LOG = os.environ.get("CITECHECK_HOSTILE_LOG")

ARTICLE = ("Hostile source\n\nIn 2024, trade reached $3.8 billion [1].\n\n"
           "References\n\n[1] Test page, Example News, 10 Jan 2025. %s\n")

# a small real page (soft-404 detection rejects near-empty ones)
PAGE = "/_t/flaky?key=page&fail=0"
PAGE2 = "/_t/flaky?key=page2&fail=0"

# fast politeness for tests: 10 ms between requests to one host
FAST = ["--host-delay", "10"]


def log_case(name, secs, outcome):
    if LOG:
        with open(LOG, "a", encoding="utf-8") as fh:
            fh.write("%s\t%.2f\t%s\n" % (name, secs, outcome))


def stats(base=BASE):
    with urllib.request.urlopen(base + "/_t/stats", timeout=10) as r:
        return json.load(r)


class Server:
    """A private fixture server (for robots.txt variants and a second
    port); stopped by close()."""

    def __init__(self, tmp, *args):
        pf = os.path.join(tmp, "port-%d" % id(self))
        self.proc = subprocess.Popen(
            [sys.executable, SERVER, "--port-file", pf,
             "--parent-pid", str(os.getpid())] + list(args),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while not os.path.exists(pf):
            if time.time() > deadline or self.proc.poll() is not None:
                raise RuntimeError("fixture server did not start")
            time.sleep(0.02)
        with open(pf, encoding="ascii") as fh:
            self.port = int(fh.read().strip())
        self.base = "http://127.0.0.1:%d" % self.port

    def close(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


@unittest.skipUnless(PORT, "fixture server not running (use make test)")
class Hostile(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "h.db")
        self.servers = []

    def tearDown(self):
        for s in self.servers:
            s.close()
        self.tmp.cleanup()

    # ---- helpers ---------------------------------------------------------
    def server(self, *args):
        s = Server(self.tmp.name, *args)
        self.servers.append(s)
        return s

    def article(self, url):
        path = os.path.join(self.tmp.name, "a.txt")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(ARTICLE % url)
        return path

    def run_cli(self, args, name):
        t0 = time.monotonic()
        p = subprocess.run([BIN] + args, capture_output=True, text=True,
                           timeout=120)
        secs = time.monotonic() - t0
        self.assertLess(secs, BOUND, "%s took %.1f s" % (name, secs))
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        self.assertLess(rss, RSS_BOUND_KB, "%s: peak RSS %d KiB" % (name, rss))
        self.assertConsistent()
        return p, secs

    def check(self, url, extra=(), name=None):
        """Run check on an article citing url; returns (fetch object of the
        reference, findings, seconds)."""
        name = name or self.id().rsplit(".", 1)[-1]
        p, secs = self.run_cli(
            ["check", self.article(url), "--format", "json", "--db", self.db,
             "--allow-private", "-q", "--fail-on", "error"] + FAST +
            list(extra), name)
        self.assertEqual(p.returncode, 0, p.stderr)
        doc = json.loads(p.stdout)["documents"][0]
        fetch = doc["references"][0]["fetch"]
        log_case(name, secs, (fetch or {}).get("error") or
                 "HTTP %s" % (fetch or {}).get("status"))
        return fetch, doc["findings"], secs

    def assertUnreachable(self, findings, reason):
        msgs = [f["message"] for f in findings if f["kind"] == "unreachable"]
        self.assertTrue(msgs, findings)
        self.assertIn(reason, msgs[0])

    def assertConsistent(self):
        if not os.path.exists(self.db):
            return
        con = sqlite3.connect(self.db)
        try:
            self.assertEqual(con.execute("PRAGMA integrity_check").fetchall(),
                             [("ok",)])
            self.assertEqual(con.execute("PRAGMA foreign_key_check").fetchall(),
                             [])
        finally:
            con.close()

    # ---- redirects ---------------------------------------------------------
    def test_redirect_loop(self):
        f, fs, _ = self.check(BASE + "/_t/loop")
        self.assertEqual(f["error"], "http: too many redirects (max 10)")
        self.assertUnreachable(fs, "too many redirects")

    def test_redirect_chain_1000(self):
        f, fs, _ = self.check(BASE + "/_t/redirect/1000")
        self.assertEqual(f["error"], "http: too many redirects (max 10)")

    def test_redirect_to_file(self):
        f, fs, _ = self.check(BASE + "/_t/redirect-to?url=file:///etc/passwd")
        self.assertTrue(f["error"].startswith("protocol: file not allowed"),
                        f["error"])
        self.assertUnreachable(fs, "protocol: file not allowed")

    def test_redirect_to_ftp(self):
        f, fs, _ = self.check(BASE + "/_t/redirect-to?url=ftp://127.0.0.1/x")
        self.assertTrue(f["error"].startswith("protocol: ftp not allowed"),
                        f["error"])

    def test_redirect_to_metadata(self):
        # refused in the socket callback, even with --allow-private: no
        # connection attempt, so no connect timeout either
        f, fs, secs = self.check(
            BASE + "/_t/redirect-to?url=http://169.254.169.254/latest/meta-data/")
        self.assertTrue(f["error"].startswith(
            "refused: link-local/metadata address 169.254.169.254"), f["error"])
        self.assertLess(secs, 5)

    # ---- Retry-After and retries ------------------------------------------
    def flaky(self, key, **q):
        q = "&".join("%s=%s" % kv for kv in q.items())
        return BASE + "/_t/flaky?key=%s-%d-%s&%s" % (key, os.getpid(),
                                                     time.time(), q)

    def test_429_retry_after_2s(self):
        f, fs, secs = self.check(self.flaky("ra2", fail=1, s=2))
        self.assertIsNone(f["error"])
        self.assertEqual(f["status"], 200)
        self.assertGreaterEqual(secs, 2.0)

    def test_429_retry_after_huge_is_capped(self):
        f, fs, secs = self.check(self.flaky("rahuge", fail=1, s=999999999),
                                 ["--max-retry-after", "1"])
        self.assertEqual(f["status"], 200)
        self.assertGreaterEqual(secs, 1.0)
        self.assertLess(secs, 5.0)

    def test_429_retry_after_past_date(self):
        f, fs, secs = self.check(
            self.flaky("rapast", fail=1,
                       s="Wed,%2021%20Oct%202015%2007:28:00%20GMT"))
        self.assertEqual(f["status"], 200)
        self.assertLess(secs, 3.0)

    def test_429_retry_after_garbage_backs_off(self):
        f, fs, secs = self.check(self.flaky("ragarbage", fail=2,
                                            s="soon%2C%20maybe"))
        self.assertEqual(f["status"], 200)    # 0.5-0.75 s, then 1-1.5 s
        self.assertGreaterEqual(secs, 1.5)

    def test_503_exhausts_retries(self):
        url = self.flaky("r503", fail=10, code=503)
        f, fs, secs = self.check(url, ["--retries", "2"])
        self.assertEqual(f["status"], 503)
        self.assertUnreachable(fs, "503")

    def test_404_is_not_retried(self):
        key = "r404-%d-%s" % (os.getpid(), time.time())
        before = stats()["paths"].get("/_t/flaky", 0)
        f, fs, _ = self.check(BASE + "/_t/flaky?key=%s&fail=1&code=404" % key)
        after = stats()["paths"].get("/_t/flaky", 0)
        self.assertEqual(f["status"], 404)
        self.assertEqual(after - before, 1)

    # ---- slow, silent, broken bodies ---------------------------------------
    def test_slowloris(self):
        # one byte every 10 s: under the 100 B/s low-speed limit for 15 s
        f, fs, secs = self.check(BASE + "/_t/slow?bytes=100&delay=10",
                                 ["--retries", "0"])
        self.assertEqual(f["error"], "timeout: slower than 100 bytes/s for 15 s")
        self.assertGreaterEqual(secs, 14)

    def test_accepted_but_silent(self):
        f, fs, secs = self.check(BASE + "/_t/silent?s=60",
                                 ["--timeout", "3", "--retries", "1"])
        self.assertTrue(f["error"].startswith("timeout"), f["error"])
        self.assertGreaterEqual(secs, 6)     # two attempts of 3 s

    def test_short_body(self):
        f, fs, _ = self.check(BASE + "/_t/short", ["--retries", "0"])
        self.assertTrue(f["error"].startswith("http: body cut short"),
                        f["error"])

    def test_bad_chunk_size(self):
        f, fs, _ = self.check(BASE + "/_t/bad-chunk")
        self.assertTrue(f["error"].startswith("http: bad chunked encoding"),
                        f["error"])

    def test_400kb_header(self):
        f, fs, _ = self.check(BASE + "/_t/big-header?kb=400")
        self.assertEqual(f["error"], "size: headers over 65536 bytes")

    def test_gzip_bomb(self):
        f, fs, _ = self.check(BASE + "/_t/gzip-bomb?mb=10240")
        self.assertEqual(f["error"], "size: body over 10485760 bytes")

    def test_gzip_stacked_100(self):
        f, fs, _ = self.check(BASE + "/_t/gzip-stacked?n=100")
        self.assertTrue(f["error"].startswith("http: bad content encoding"),
                        f["error"])

    def test_gzip_header_on_plain_body(self):
        f, fs, _ = self.check(BASE + "/_t/gzip-lie")
        self.assertTrue(f["error"].startswith("http: bad content encoding"),
                        f["error"])

    def test_text_html_on_binary(self):
        f, fs, _ = self.check(BASE + "/_t/binary-html")
        # the transfer succeeds; the page has no readable text, so it is
        # reported as a dead ("soft 404") page, never as evidence
        self.assertEqual(f["status"], 200)
        self.assertIn(f["error"], (None, "soft 404: empty page (0 bytes of "
                                         "text, no title)"))
        self.assertFalse([x for x in fs if x["kind"] == "supported"])

    # ---- robots.txt ----------------------------------------------------------
    def robots(self, text, *args):
        path = os.path.join(self.tmp.name, "robots-%d.txt" % len(self.servers))
        with open(path, "wb") as fh:
            fh.write(text if isinstance(text, bytes) else text.encode())
        return self.server("--robots-file", path, *args)

    def assertDisallowed(self, s, f, fs):
        want = "robots: disallowed by %s/robots.txt" % s.base
        self.assertEqual(f["error"], want)
        self.assertUnreachable(fs, want)

    def test_robots_disallow_and_cache(self):
        s = self.robots("User-agent: *\nDisallow: /_t/flaky\n")
        f, fs, _ = self.check(s.base + PAGE)
        self.assertDisallowed(s, f, fs)
        self.assertEqual(stats(s.base)["paths"].get("/_t/flaky"), None)
        # the answer is cached in the database: no second robots.txt request
        f, fs, _ = self.check(s.base + PAGE2, name="robots cached")
        self.assertDisallowed(s, f, fs)
        self.assertEqual(stats(s.base)["paths"]["/robots.txt"], 1)

    def test_robots_500_disallows_all(self):
        s = self.server("--robots-status", "500")
        f, fs, _ = self.check(s.base + PAGE)
        self.assertEqual(f["error"], "robots: %s/robots.txt answered HTTP 500; "
                         "host treated as disallowed" % s.base)
        self.assertEqual(stats(s.base)["paths"].get("/_t/flaky"), None)

    def test_robots_404_allows_all(self):
        s = self.server("--robots-status", "404")
        f, fs, _ = self.check(s.base + PAGE)
        self.assertIsNone(f["error"])
        self.assertEqual(f["status"], 200)

    def test_robots_redirect_chain(self):
        s = self.robots("User-agent: *\nDisallow: /_t/\n",
                        "--robots-redirects", "5")
        f, fs, _ = self.check(s.base + PAGE)
        self.assertDisallowed(s, f, fs)
        # more than 5 redirects: robots.txt unavailable, everything allowed
        s = self.robots("User-agent: *\nDisallow: /_t/\n",
                        "--robots-redirects", "6")
        f, fs, _ = self.check(s.base + PAGE, name="robots 6 hops")
        self.assertEqual(f["status"], 200)

    def test_robots_10mb(self):
        # the rule that would allow the page lies past the first 500 KiB
        big = ("User-agent: *\nDisallow: /_t/\n" + "# padding\n" * 1000000 +
               "Allow: /_t/flaky\n")
        s = self.robots(big)
        f, fs, _ = self.check(s.base + PAGE)
        self.assertDisallowed(s, f, fs)

    def test_robots_bom(self):
        s = self.robots(b"\xef\xbb\xbfUser-agent: *\nDisallow: /_t/\n")
        f, fs, _ = self.check(s.base + PAGE)
        self.assertDisallowed(s, f, fs)

    def test_robots_mixed_case_keys_and_agent(self):
        text = ("USER-AGENT: CiteCheck\r\nDISALLOW: /_t/flaky\r\n\r\n"
                "user-AGENT: *\r\ndisallow:\r\n")
        s = self.robots(text)
        f, fs, _ = self.check(s.base + PAGE)
        self.assertDisallowed(s, f, fs)
        # another product token falls into the '*' group, which allows all
        f, fs, _ = self.check(s.base + PAGE,
                              ["--robots-agent", "otherbot", "--db",
                               os.path.join(self.tmp.name, "other.db")],
                              name="robots other agent")
        self.assertEqual(f["status"], 200)

    def test_robots_on_redirect_target(self):
        # a page on an allowing host redirects into a disallowed one
        s = self.robots("User-agent: *\nDisallow: /\n")
        f, fs, _ = self.check(BASE + "/_t/redirect-to?url=" +
                              urllib.parse.quote(s.base + PAGE, safe=""))
        self.assertDisallowed(s, f, fs)

    # ---- credentials -----------------------------------------------------------
    def test_credentials_not_forwarded_or_stored(self):
        other = self.server()
        url = ("http://user:s3cr3t@127.0.0.1:%s/_t/redirect-to?url="
               "%s/_t/headers" % (PORT, other.base))
        p, secs = self.run_cli(["fetch", "--db", self.db, "--allow-private",
                                "--format", "json", "-q", url] + FAST,
                               "credentials")
        log_case("credentials", secs, "see asserts")
        self.assertEqual(p.returncode, 0, p.stderr)
        line = json.loads(p.stdout.splitlines()[0])
        self.assertEqual(line["status"], 200)
        self.assertNotIn("s3cr3t", p.stdout + p.stderr)
        con = sqlite3.connect(self.db)
        try:
            body = con.execute("SELECT body FROM fetches ORDER BY id DESC"
                               " LIMIT 1").fetchone()[0].decode()
            dump = "\n".join(con.iterdump())
        finally:
            con.close()
        self.assertNotIn("Authorization", json.loads(body))
        self.assertNotIn("s3cr3t", dump)
        self.assertNotIn("user:", dump)

    def test_credentials_in_cited_url_refused_by_check(self):
        # `check` does not fetch a cited URL with credentials at all (the
        # article reader rejects it); nothing reaches the database
        url = "http://user:s3cr3t@127.0.0.1:%s%s" % (PORT, PAGE)
        p, _ = self.run_cli(["check", self.article(url), "--format", "json",
                             "--db", self.db, "--allow-private", "-q"] + FAST,
                            "creds check")
        doc = json.loads(p.stdout)["documents"][0]
        self.assertIsNone(doc["references"][0]["fetch"])
        con = sqlite3.connect(self.db)
        try:
            urls = con.execute("SELECT url FROM fetches UNION ALL"
                               " SELECT url FROM refs").fetchall()
        finally:
            con.close()
        self.assertFalse([u for (u,) in urls if u and "s3cr3t" in u])


def _free_port():
    import socket
    with socket.socket() as so:
        so.bind(("127.0.0.1", 0))
        return so.getsockname()[1]


def _openssl(*args, cwd):
    subprocess.run(["openssl"] + list(args), cwd=cwd, check=True,
                   capture_output=True, timeout=60)


@unittest.skipUnless(PORT, "fixture server not running (use make test)")
@unittest.skipUnless(shutil.which("openssl"), "openssl not installed")
class BadTls(unittest.TestCase):
    """Self-signed and expired certificates, served by openssl s_server."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        d = cls.tmp.name
        san = "subjectAltName=IP:127.0.0.1"
        _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                 "k.pem", "-out", "self.pem", "-days", "2", "-subj",
                 "/CN=127.0.0.1", "-addext", san, cwd=d)
        # an expired one: signed by itself with dates in the past
        os.mkdir(os.path.join(d, "ca"))
        open(os.path.join(d, "ca", "index.txt"), "w").close()
        with open(os.path.join(d, "ca", "serial"), "w") as fh:
            fh.write("01\n")
        with open(os.path.join(d, "ca.cnf"), "w") as fh:
            fh.write("[ca]\ndefault_ca = d\n[d]\ndatabase = ca/index.txt\n"
                     "serial = ca/serial\nnew_certs_dir = ca\n"
                     "default_md = sha256\npolicy = p\n"
                     "copy_extensions = copy\n[p]\ncommonName = supplied\n")
        _openssl("req", "-new", "-key", "k.pem", "-out", "r.csr", "-subj",
                 "/CN=127.0.0.1", "-addext", san, cwd=d)
        _openssl("ca", "-batch", "-config", "ca.cnf", "-selfsign", "-keyfile",
                 "k.pem", "-in", "r.csr", "-out", "old.pem", "-startdate",
                 "20200101000000Z", "-enddate", "20200102000000Z", cwd=d)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def serve(self, cert):
        port = _free_port()
        proc = subprocess.Popen(
            ["openssl", "s_server", "-accept", "127.0.0.1:%d" % port, "-cert",
             cert, "-key", "k.pem", "-www", "-quiet"], cwd=self.tmp.name,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        self.addCleanup(lambda: (proc.terminate(), proc.wait(timeout=10)))
        import socket
        deadline = time.time() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.05)
        return "https://127.0.0.1:%d/page" % port

    def fetch(self, url, extra=()):
        db = os.path.join(self.tmp.name, "t%d.db" % time.monotonic_ns())
        t0 = time.monotonic()
        p = subprocess.run([BIN, "fetch", "--db", db, "--allow-private",
                            "--format", "json", "-q", "--retries", "0", url] +
                           FAST + list(extra), capture_output=True,
                           text=True, timeout=60)
        secs = time.monotonic() - t0
        self.assertLess(secs, BOUND)
        return json.loads(p.stdout.splitlines()[0]), p.returncode, secs

    def test_self_signed(self):
        url = self.serve("self.pem")
        line, rc, secs = self.fetch(url)
        log_case("tls self-signed", secs, line["error"])
        self.assertEqual(rc, 1)
        self.assertTrue(line["error"].startswith("tls: "), line["error"])
        # trusted once its certificate is given with --cacert
        line, rc, _ = self.fetch(url, ["--cacert",
                                       os.path.join(self.tmp.name, "self.pem")])
        self.assertEqual(line["status"], 200, line)

    def test_expired(self):
        url = self.serve("old.pem")
        line, rc, secs = self.fetch(url, ["--cacert",
                                          os.path.join(self.tmp.name,
                                                       "old.pem")])
        log_case("tls expired", secs, line["error"])
        self.assertEqual(rc, 1)
        self.assertTrue(line["error"].startswith("tls: "), line["error"])
        self.assertIn("expired", line["error"])


@unittest.skipUnless(PORT, "fixture server not running (use make test)")
class Progress(unittest.TestCase):
    """The progress line appears on a terminal, and only there."""

    def test_progress_on_tty_only(self):
        import pty
        url = BASE + PAGE
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "p.db")
            out = os.path.join(tmp, "out.jsonl")
            master, slave = pty.openpty()
            try:
                p = subprocess.run([BIN, "fetch", "--db", db, "-o", out,
                                    "--allow-private", url, url + "&x=1"] +
                                   FAST, stderr=slave, stdout=subprocess.DEVNULL,
                                   timeout=60)
                os.close(slave)
                slave = None
                seen = b""
                while True:
                    try:
                        chunk = os.read(master, 4096)
                    except OSError:
                        break
                    if not chunk:
                        break
                    seen += chunk
            finally:
                if slave is not None:
                    os.close(slave)
                os.close(master)
            self.assertEqual(p.returncode, 0)
            self.assertIn(b"2/2", seen)
            self.assertIn(b"127.0.0.1", seen)
            # not a terminal: nothing
            p = subprocess.run([BIN, "fetch", "--db", db, "-o", out,
                                "--allow-private", url] + FAST,
                               capture_output=True, timeout=60)
            self.assertEqual(p.stderr, b"")


@unittest.skipUnless(PORT, "fixture server not running (use make test)")
class Incremental(unittest.TestCase):
    """Conditional re-checks: ETag -> If-None-Match, 304 reuses the body,
    "changed" in the JSON report."""

    def post(self, name, body):
        req = urllib.request.Request(BASE + "/_t/mutable/" + name,
                                     data=body.encode(), method="POST")
        with urllib.request.urlopen(req, timeout=10) as r:
            r.read()

    def run_check(self, path, db):
        p = subprocess.run([BIN, "check", path, "--format", "json", "--db", db,
                            "--allow-private", "-q", "--max-age", "0"] + FAST,
                           capture_output=True, text=True, timeout=60)
        self.assertIn(p.returncode, (0, 1), p.stderr)
        return json.loads(p.stdout)["documents"][0]["references"][0]["fetch"]

    def test_304_reuses_body_and_changed(self):
        name = "inc-%d-%d" % (os.getpid(), int(time.time() * 1000))
        page = ("<html><head><title>T</title></head><body><p>Trade reached "
                "$%s billion in 2024.</p></body></html>")
        self.post(name, page % "3.8")
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "i.db")
            path = os.path.join(tmp, "a.txt")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(ARTICLE % ("%s/_t/mutable/%s" % (BASE, name)))
            first = self.run_check(path, db)
            self.assertEqual(first["status"], 200)
            self.assertIs(first["changed"], False)
            second = self.run_check(path, db)        # If-None-Match -> 304
            self.assertEqual(second["status"], 200)
            self.assertIs(second["changed"], False)
            self.post(name, page % "4.1")
            third = self.run_check(path, db)
            self.assertIs(third["changed"], True)
            con = sqlite3.connect(db)
            try:
                rows = con.execute("SELECT status, req_etag IS NOT NULL,"
                                   " body_len FROM fetches ORDER BY id").fetchall()
            finally:
                con.close()
            self.assertEqual([r[0] for r in rows], [200, 304, 200])
            self.assertEqual(rows[1][1], 1)
            self.assertGreater(rows[1][2], 0)        # the 304 row has the body


if __name__ == "__main__":
    unittest.main()
