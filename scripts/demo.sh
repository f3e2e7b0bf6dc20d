#!/usr/bin/env bash
# scripts/demo.sh -- check the seed article against the stand-in pages of
# tests/fixtures/sites, served by the fixture server, and print the report.
#
# usage: scripts/demo.sh [BIN [ARTICLE [DB]]]
#   defaults: ./citecheck, examples/uz-kz-partnership.txt, build/demo.db
#             (removed first, so every demo fetches afresh)
# Extra arguments for `citecheck check` can be given in CITECHECK_DEMO_ARGS
# (e.g. "--format json").  Exit 0 when check exits 0 or 1 (findings are the
# point of the demo); check's own status when it is 2 or more.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 2
BIN=${1:-./citecheck}
ARTICLE=${2:-examples/uz-kz-partnership.txt}
DB=${3:-build/demo.db}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/citecheck-demo.XXXXXX") || exit 2
source "$ROOT/scripts/fixture-server.sh"
trap 'fixture_server_stop; rm -rf "$TMP"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

mkdir -p "$(dirname "$DB")"
rm -f "$DB" "$DB-wal" "$DB-shm"
fixture_server_start "$TMP" "$TMP/server.log" || exit 3
P=$CITECHECK_TEST_PORT

# shellcheck disable=SC2086  # CITECHECK_DEMO_ARGS is meant to split
"$BIN" check "$ARTICLE" \
    --map "https://=http://127.0.0.1:$P/" --map "http://=http://127.0.0.1:$P/" \
    --allow-private --db "$DB" ${CITECHECK_DEMO_ARGS:-}
rc=$?
if [ "$rc" -ge 2 ]; then
    echo "demo: citecheck check exited $rc" >&2
    exit "$rc"
fi
if [ "$rc" -eq 1 ]; then
    echo "demo: citecheck check exited 1 (findings at or above --fail-on)" >&2
fi
exit 0
