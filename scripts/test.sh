#!/usr/bin/env bash
# scripts/test.sh -- run citecheck's test suite against one build.
#
# usage: scripts/test.sh [--bin PATH] [--unit-dir DIR] [--logs DIR]
#                        [--only SUBSTRING] [--summary-file FILE] [UNIT_EXE...]
#
# Starts tests/fixtures/server.py (127.0.0.1, OS-chosen port), then runs
#   1. the Check unit test executables (UNIT_EXE..., else DIR/test_*;
#      after "--" exactly those given, maybe none),
#   2. tests/e2e/test_*.py with python3 -m unittest (cwd = repository root,
#      tests/e2e on PYTHONPATH),
#   3. tests/e2e/*.sh with bash (one test each; exit 0 = pass),
# always stops the server, and ends with one line "N passed, N failed"
# (", N skipped" added when some were skipped).  Exit status 1 when anything
# failed or nothing ran.
#
# --summary-file FILE (or env CITECHECK_SUMMARY_FILE) appends
# "PASSED FAILED SKIPPED" to FILE, for .ci/run's grand total.
#
# Each test sees:
#   CITECHECK_ROOT       absolute path of the repository
#   CITECHECK_BIN        absolute path of the citecheck binary under test
#   CITECHECK_TEST_PORT  port of the fixture server on 127.0.0.1
#   CITECHECK_TEST_URL   http://127.0.0.1:$CITECHECK_TEST_PORT
#   CITECHECK_FIXTURES   $CITECHECK_ROOT/tests/fixtures
#   CITECHECK_TEST_TMP   scratch folder for this run (removed at the end)
#   XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME  inside CITECHECK_TEST_TMP,
#                        so no test touches the user's real database
# and no proxy variables.  Counting: Check's "Checks: N, Failures: F,
# Errors: E" lines; unittest's "Ran N tests" and its OK/FAILED line; a
# program that exits non-zero without reporting a failure counts one more.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${CITECHECK_BIN:-$ROOT/citecheck}
UNIT_DIR=$ROOT/build/tests
LOGS=""
ONLY=""
SUMMARY_FILE=${CITECHECK_SUMMARY_FILE:-}
UNIT_EXES=()
EXPLICIT=0
TIMEOUT=${CITECHECK_TEST_TIMEOUT:-1800}

while [ $# -gt 0 ]; do
    case $1 in
        --bin) BIN=$2; shift 2 ;;
        --unit-dir) UNIT_DIR=$2; shift 2 ;;
        --logs) LOGS=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        --summary-file) SUMMARY_FILE=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        --) shift; EXPLICIT=1; UNIT_EXES+=("$@"); break ;;
        -*) echo "test.sh: unknown option $1" >&2; exit 2 ;;
        *) UNIT_EXES+=("$1"); shift ;;
    esac
done

abspath() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac; }
BIN=$(abspath "$BIN")
UNIT_DIR=$(abspath "$UNIT_DIR")
[ -n "$LOGS" ] || LOGS=$(dirname "$UNIT_DIR")/test-logs
LOGS=$(abspath "$LOGS")
mkdir -p "$LOGS"
rm -f "$LOGS"/*.log

cd "$ROOT" || exit 2
shopt -s nullglob

PASSED=0
FAILED=0
SKIPPED=0
FAILED_NAMES=()

finish() {
    local line="$PASSED passed, $FAILED failed"
    [ "$SKIPPED" -gt 0 ] && line="$line, $SKIPPED skipped"
    if [ -n "$SUMMARY_FILE" ]; then
        echo "$PASSED $FAILED $SKIPPED" >>"$SUMMARY_FILE"
    fi
    echo
    if [ ${#FAILED_NAMES[@]} -gt 0 ]; then
        echo "failed: ${FAILED_NAMES[*]} (logs in $LOGS)"
    fi
    if [ $((PASSED + FAILED)) -eq 0 ]; then
        echo "no test ran"
    fi
    echo "$line"
    if [ "$FAILED" -gt 0 ] || [ $((PASSED + FAILED)) -eq 0 ]; then
        exit 1
    fi
    exit 0
}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/citecheck-test.XXXXXX") || exit 2
source "$ROOT/scripts/fixture-server.sh"
cleanup() {
    fixture_server_stop
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY \
      ftp_proxy FTP_PROXY no_proxy NO_PROXY
export CITECHECK_ROOT=$ROOT
export CITECHECK_BIN=$BIN
export CITECHECK_FIXTURES=$ROOT/tests/fixtures
export CITECHECK_TEST_TMP=$TMP
export XDG_DATA_HOME=$TMP/xdg/data
export XDG_CONFIG_HOME=$TMP/xdg/config
export XDG_CACHE_HOME=$TMP/xdg/cache
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"

if [ ! -x "$BIN" ]; then
    echo "test.sh: no binary at $BIN" >&2
    FAILED=1
    FAILED_NAMES+=("binary")
    finish
fi

if ! fixture_server_start "$TMP" "$LOGS/server.log"; then
    FAILED=1
    FAILED_NAMES+=("fixture-server")
    finish
fi
echo "fixture server on 127.0.0.1:$CITECHECK_TEST_PORT; binary $BIN"

selected() { [ -z "$ONLY" ] || [[ $1 == *"$ONLY"* ]]; }

# record NAME PASS FAIL SKIP RC: add one program's counts.
record() {
    local name=$1 p=$2 f=$3 s=$4 rc=$5 note=""
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
        if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then note=" (timed out)"
        else note=" (exit $rc)"; fi
    fi
    PASSED=$((PASSED + p))
    FAILED=$((FAILED + f))
    SKIPPED=$((SKIPPED + s))
    if [ "$f" -gt 0 ]; then
        FAILED_NAMES+=("$name")
        echo "== FAIL $name: $p passed, $f failed$note"
    else
        echo "== ok   $name: $p passed"
    fi
}

# 1. Check unit tests
if [ ${#UNIT_EXES[@]} -eq 0 ] && [ "$EXPLICIT" -eq 0 ]; then
    for exe in "$UNIT_DIR"/test_*; do
        case $exe in *.o|*.d) continue ;; esac
        [ -f "$exe" ] && [ -x "$exe" ] && UNIT_EXES+=("$exe")
    done
fi
for exe in "${UNIT_EXES[@]}"; do
    name=$(basename "$exe")
    selected "$name" || continue
    log=$LOGS/$name.log
    echo "== run  $name"
    timeout -k 10 "$TIMEOUT" "$(abspath "$exe")" 2>&1 </dev/null | tee "$log"
    rc=${PIPESTATUS[0]}
    read -r checks fails errs < <(grep -Eao 'Checks: [0-9]+, Failures: [0-9]+, Errors: [0-9]+' "$log" |
        awk '{gsub(/,/, ""); c += $2; f += $4; e += $6} END {print c + 0, f + 0, e + 0}')
    bad=$((fails + errs))
    record "$name" $((checks - bad)) "$bad" 0 "$rc"
done

# 2. Python end-to-end tests
for py in tests/e2e/test_*.py; do
    mod=$(basename "$py" .py)
    selected "$mod" || continue
    log=$LOGS/$mod.log
    echo "== run  $mod"
    PYTHONPATH=$ROOT/tests/e2e${PYTHONPATH:+:$PYTHONPATH} \
        timeout -k 10 "$TIMEOUT" python3 -m unittest -v "$mod" 2>&1 </dev/null | tee "$log"
    rc=${PIPESTATUS[0]}
    read -r ran f s < <(awk '
        /^Ran [0-9]+ tests? in / { ran += $2 }
        /^(OK|FAILED)( \(|$)/ {
            if (match($0, /\(.*\)/)) {
                n = split(substr($0, RSTART + 1, RLENGTH - 2), kv, ", ")
                for (i = 1; i <= n; i++) {
                    split(kv[i], p, "=")
                    if (p[1] == "failures" || p[1] == "errors" || p[1] == "unexpected successes") f += p[2]
                    else if (p[1] == "skipped") s += p[2]
                }
            }
        }
        END { print ran + 0, f + 0, s + 0 }' "$log")
    p=$((ran - f - s))
    [ "$p" -lt 0 ] && p=0
    record "$mod" "$p" "$f" "$s" "$rc"
done

# 3. Shell end-to-end tests
for sh in tests/e2e/*.sh; do
    name=$(basename "$sh")
    selected "$name" || continue
    log=$LOGS/$name.log
    echo "== run  $name"
    timeout -k 10 "$TIMEOUT" bash "$sh" 2>&1 </dev/null | tee "$log"
    rc=${PIPESTATUS[0]}
    if [ "$rc" -eq 0 ]; then record "$name" 1 0 0 0; else record "$name" 0 0 0 "$rc"; fi
done

finish
