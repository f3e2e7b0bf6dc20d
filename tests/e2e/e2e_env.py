"""tests/e2e/e2e_env.py -- where the end-to-end tests find things.

CITECHECK_ROOT (default: this repository), CITECHECK_BIN (default:
ROOT/citecheck) and CITECHECK_TEST_PORT (the fixture server's port; `make
test` sets it).  scripts/test.sh puts tests/e2e on PYTHONPATH.
"""
import os

ROOT = os.environ.get("CITECHECK_ROOT",
                      os.path.dirname(os.path.dirname(os.path.dirname(
                          os.path.abspath(__file__)))))
BIN = os.environ.get("CITECHECK_BIN", os.path.join(ROOT, "citecheck"))
PORT = os.environ.get("CITECHECK_TEST_PORT")
