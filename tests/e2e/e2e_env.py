"""tests/e2e/e2e_env.py -- where the end-to-end tests find things.

CITECHECK_ROOT (default: this repository), CITECHECK_BIN (default:
ROOT/citecheck) and CITECHECK_TEST_PORT (the fixture server's port; `make
test` sets it).  scripts/test.sh puts tests/e2e on PYTHONPATH.
"""
import os
import urllib.parse
import urllib.request

ROOT = os.environ.get("CITECHECK_ROOT",
                      os.path.dirname(os.path.dirname(os.path.dirname(
                          os.path.abspath(__file__)))))
BIN = os.environ.get("CITECHECK_BIN", os.path.join(ROOT, "citecheck"))
PORT = os.environ.get("CITECHECK_TEST_PORT")


def clean_env(**extra):
    """The environment without CITECHECK_* settings that would change a
    run (the test's own ROOT, BIN and PORT kept), plus extra."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("CITECHECK_") or k in (
               "CITECHECK_TEST_PORT", "CITECHECK_ROOT", "CITECHECK_BIN")}
    env.update(extra)
    return env


def post_mutable(name, body, status=200, ctype=None):
    """Set what the fixture server's /_t/mutable/NAME answers: body, with
    status and, when given, a Content-Type."""
    url = "http://127.0.0.1:%s/_t/mutable/%s?status=%d" % (PORT, name, status)
    if ctype:
        url += "&ct=" + urllib.parse.quote(ctype)
    req = urllib.request.Request(url, data=body.encode("utf-8"),
                                 method="POST")
    with urllib.request.urlopen(req, timeout=10) as r:
        r.read()
