#!/usr/bin/env bash
# bench/fetch.sh -- fetch throughput: citecheck against curl, same URLs,
# same run (issue 3, item 9).
#
# usage: bench/fetch.sh [CITECHECK_BIN]      (make bench-fetch)
#
# Generates BENCH_PAGES (5000) news-like pages of 30-80 KB
# (bench/gen_pages.py), serves them with a private nginx (gzip on,
# 127.0.0.1, a free port, its own prefix in a temporary folder; installs
# nginx and GNU time with apt-get when missing), then, after one warm-up
# pass, alternates BENCH_ROUNDS (2) times
#   curl --parallel --parallel-max J --compressed  (every body to /dev/null)
#   citecheck fetch - -j J --per-host J --host-delay 0 --allow-private
#                   --db TMP/bench.db                (fetch + store)
# with J = BENCH_JOBS (64), and prints the best rate of each (URLs/s), the
# ratio and citecheck's peak RSS (GNU time).  All URLs are on one host, so
# the per-host cap and the politeness delay are lifted for citecheck, as
# curl has neither.  CPU seconds (user+sys) are printed too: on a shared
# machine they are steadier than wall-clock rates.  With BENCH_CHECK=1 (default) it also times
# `citecheck check` of articles (500 claims each) citing every page
# (pages/s and peak RSS; pages are read on one thread per core while the
# rest is fetched), then a bare Gumbo parse of the same page files on all
# cores (bench/parse --bare --threads NCORES; BENCH_PARSE names the
# program, default build/bench/parse, built by make bench-fetch) and prints
# the ratio check/bare (target >= 0.7), and the same ratio from CPU
# seconds (bare CPU / check CPU).  Then, when the Debian package
# installs, linkchecker on the same URLs (one page linking all of them,
# 64 threads, its per-host request limit lifted through the LinkChecker
# header the bench nginx sends) for comparison (URLs/s).
# BENCH_KEEP=1 keeps the temporary folder.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${1:-$ROOT/citecheck}
N=${BENCH_PAGES:-5000}
J=${BENCH_JOBS:-64}
ROUNDS=${BENCH_ROUNDS:-2}
CHECK=${BENCH_CHECK:-1}
PARSE=${BENCH_PARSE:-$ROOT/build/bench/parse}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
[ -x "$BIN" ] || { echo "bench: $BIN is not built (make)" >&2; exit 2; }

need_pkg() {   # command package
    if command -v "$1" >/dev/null 2>&1 || [ -x "$1" ] || [ -x "/usr/sbin/$1" ]; then
        return 0
    fi
    echo "bench: installing $2" >&2
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends "$2" >/dev/null
}
need_pkg nginx nginx-light
need_pkg /usr/bin/time time
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

TMP=$(mktemp -d /tmp/citecheck-bench.XXXXXX)
chmod 755 "$TMP"                  # nginx workers run as another user
NGINX_PID=""
cleanup() {
    if [ -n "$NGINX_PID" ]; then
        kill "$NGINX_PID" 2>/dev/null || true
        wait "$NGINX_PID" 2>/dev/null || true
    fi
    [ "${BENCH_KEEP:-0}" = 1 ] && echo "bench: kept $TMP" || rm -rf "$TMP"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
mkdir -p "$TMP/tmp"
sed -e "s|@PREFIX@|$TMP|g" -e "s|@PORT@|$PORT|g" "$ROOT/bench/nginx.conf.in" \
    >"$TMP/nginx.conf"
echo "bench: generating $N pages ..."
python3 "$ROOT/bench/gen_pages.py" "$TMP" "$N" "$BASE"
chmod -R a+rX "$TMP/www"
"$NGINX" -p "$TMP" -c "$TMP/nginx.conf" -e "$TMP/error.log" &
NGINX_PID=$!
for _ in $(seq 1 50); do
    curl -sf -o /dev/null "$BASE/p/1.html" && break
    sleep 0.1
done
curl -sf -o /dev/null "$BASE/p/1.html" || { echo "bench: nginx did not start" >&2; cat "$TMP/error.log" >&2; exit 1; }

awk '{ printf "url = \"%s\"\noutput = \"/dev/null\"\n", $0 }' "$TMP/urls.txt" \
    >"$TMP/curl.cfg"
BYTES=$(du -sb "$TMP/www/p" | cut -f1)
GZ=$(curl -s --compressed -o /dev/null -w '%{size_download}' "$BASE/p/1.html")
RAW=$(curl -s -o /dev/null -w '%{size_download}' "$BASE/p/1.html")
echo "bench: $N pages, $((BYTES / 1048576)) MiB on disk; page 1: $RAW bytes, $GZ gzip-encoded"

# --host-delay (per-host minimum interval) only where this build has it
POLITE=(--per-host "$J")
if "$BIN" fetch --help 2>&1 | grep -q -- --host-delay; then
    POLITE+=(--host-delay 0)
fi

now() { date +%s.%N; }
# Before each timed run: write back what earlier steps left dirty in the
# page cache (the generated pages, earlier databases), so the kernel's
# writeback does not run on the two cores during the next measurement.
settle() { sync; }
rate() { python3 -c "import sys; print('%.0f' % ($N / ($2 - $1)))" "" "$1" "$2"; }
best() { python3 -c "import sys; print(max(float(x) for x in sys.argv[1:]))" "$@"; }

run_curl() {
    local t0 t1
    settle
    t0=$(now)
    /usr/bin/time -f '%U %S' -o "$TMP/cpu.curl" curl --parallel \
        --parallel-max "$J" --compressed -s --no-progress-meter \
        -K "$TMP/curl.cfg" 2>/dev/null || true
    t1=$(now)
    rate "$t0" "$t1"
}

# user+sys seconds from a GNU time file ('%U %S' or -v)
cpu() {
    if grep -q 'User time' "$1"; then
        awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$1"
    else
        awk '{printf "%.2f", $1 + $2}' "$1"
    fi
}

run_citecheck() {   # round
    local t0 t1 rc=0
    rm -f "$TMP/bench.db" "$TMP/bench.db-wal" "$TMP/bench.db-shm"
    settle
    t0=$(now)
    /usr/bin/time -v -o "$TMP/time.$1" "$BIN" fetch - -j "$J" "${POLITE[@]}" \
        --allow-private --db "$TMP/bench.db" -q \
        <"$TMP/urls.txt" >"$TMP/fetch.$1" 2>"$TMP/fetch-err.$1" || rc=$?
    t1=$(now)
    if [ "$rc" -ne 0 ]; then
        echo "bench: citecheck fetch exited $rc:" >&2
        head -5 "$TMP/fetch-err.$1" >&2
        grep -v ' 200 ' "$TMP/fetch.$1" | head -5 >&2
    fi
    rate "$t0" "$t1"
}

echo "bench: warm-up (curl, one pass)"
run_curl >/dev/null
CURL_RATES=()
CC_RATES=()
RSS=0
for r in $(seq 1 "$ROUNDS"); do
    c=$(run_curl)
    x=$(run_citecheck "$r")
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.$r")
    [ "$kb" -gt "$RSS" ] && RSS=$kb
    echo "bench: round $r: curl $c URLs/s ($(cpu "$TMP/cpu.curl") s CPU)," \
         "citecheck $x URLs/s ($(cpu "$TMP/time.$r") s CPU)," \
         "peak RSS $((kb / 1024)) MiB"
    CURL_RATES+=("$c")
    CC_RATES+=("$x")
done
CURL_BEST=$(best "${CURL_RATES[@]}")
CC_BEST=$(best "${CC_RATES[@]}")
STORED=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from fetches').fetchone()[0])" "$TMP/bench.db" 2>/dev/null || echo "?")
echo
echo "curl      $CURL_BEST URLs/s"
echo "citecheck $CC_BEST URLs/s  (fetch + store; $STORED rows in fetches)"
python3 -c "import sys; r = float(sys.argv[2]) / float(sys.argv[1]); print('ratio     %.2f  (target >= 0.9) %s' % (r, 'ok' if r >= 0.9 else 'BELOW TARGET'))" "$CURL_BEST" "$CC_BEST"
python3 -c "import sys; m = int(sys.argv[1]) / 1024; print('peak RSS  %.1f MiB (target < 100) %s' % (m, 'ok' if m < 100 else 'ABOVE TARGET'))" "$RSS"

if [ "$CHECK" = 1 ]; then
    echo
    echo "bench: citecheck check of articles (500 claims each) citing all $N pages ..."
    rm -f "$TMP/check.db"*
    settle
    t0=$(now)
    rc=0
    /usr/bin/time -v -o "$TMP/time.check" "$BIN" check "$TMP"/article-*.txt \
        -j "$J" "${POLITE[@]}" --allow-private \
        --db "$TMP/check.db" --format json -o "$TMP/check.json" \
        --fail-on never -q 2>"$TMP/check-err" || rc=$?
    t1=$(now)
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.check")
    [ "$rc" -eq 0 ] || { echo "bench: check exited $rc" >&2; head -5 "$TMP/check-err" >&2; }
    CHECK_RATE=$(python3 - "$TMP/check.json" "$t0" "$t1" "$N" "$kb" "$(cpu "$TMP/time.check")" <<'PY'
import json, sys
path, t0, t1, n, kb, cpu = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
try:
    kinds = {}
    for doc in json.load(open(path))["documents"]:
        for f in doc["findings"]:
            kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
except (OSError, ValueError, KeyError, IndexError):
    kinds = "no report"
print("check     %.0f pages/s (%.1f s for %d pages, %s s CPU), peak RSS %.1f MiB; findings %s"
      % (n / (t1 - t0), t1 - t0, n, cpu, kb / 1024, kinds), file=sys.stderr)
print("%.1f" % (n / (t1 - t0)))
PY
)
    CORES=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
    if [ -x "$PARSE" ]; then
        settle
        BARE=$(/usr/bin/time -f '%U %S' -o "$TMP/time.bare" \
                   "$PARSE" --bare --threads "$CORES" "$TMP/www/p" |
               awk '$1 == "bare-gumbo" { for (i = 2; i < NF; i++)
                                           if ($i == "pages/s") print $(i + 1) }')
        echo "bare gumbo ${BARE:-?} pages/s (parse+free of the same $N page files on $CORES threads, $(cpu "$TMP/time.bare") s CPU)"
        [ -n "$BARE" ] && python3 -c "import sys; r = float(sys.argv[1]) / float(sys.argv[2]); print('ratio     %.2f  check/bare gumbo on all cores (target >= 0.7) %s' % (r, 'ok' if r >= 0.7 else 'BELOW TARGET'))" "$CHECK_RATE" "$BARE"
        # the same ratio from CPU seconds (bare / check): what it is when
        # both keep every core busy; steadier on a shared machine
        python3 -c "import sys; b, c = float(sys.argv[1]), float(sys.argv[2]); print('cpu ratio %.2f  bare gumbo CPU / check CPU (%.2f s / %.2f s)' % (b / c, b, c))" \
            "$(cpu "$TMP/time.bare")" "$(cpu "$TMP/time.check")"
    else
        echo "bench: $PARSE is not built (make bench-fetch builds it); no Gumbo baseline" >&2
    fi

    echo
    need_pkg linkchecker linkchecker 2>/dev/null || true
    if command -v linkchecker >/dev/null 2>&1; then
        python3 - "$TMP/urls.txt" "$TMP/www/links.html" <<'PY'
import html, sys
urls = open(sys.argv[1]).read().split()
with open(sys.argv[2], "w") as fh:
    fh.write("<!DOCTYPE html><html><head><title>links</title></head><body>\n")
    for i, u in enumerate(urls, 1):
        fh.write('<a href="%s">%d</a>\n' % (html.escape(u), i))
    fh.write("</body></html>\n")
PY
        chmod a+r "$TMP/www/links.html"
        # 64 threads; the per-host limit (default 10 requests/s) may only
        # be raised for servers sending a LinkChecker header, as ours does
        printf '[checking]\nthreads=64\nmaxrequestspersecond=100000\n' \
            >"$TMP/linkcheckerrc"
        chmod a+r "$TMP/linkcheckerrc"   # it drops root privileges
        t0=$(now)
        (cd "$TMP" && linkchecker -f "$TMP/linkcheckerrc" -t 64 -r 1 \
            --no-status --no-warnings -o text "$BASE/links.html" \
            >"$TMP/linkchecker.out" 2>"$TMP/linkchecker.err") || true
        t1=$(now)
        CHECKED=$(sed -n 's/.* links in \([0-9]*\) URLs checked.*/\1/p' "$TMP/linkchecker.out")
        if [ -n "$CHECKED" ]; then
            python3 -c "import sys; n = int(sys.argv[1]); t = float(sys.argv[3]) - float(sys.argv[2]); print('linkchecker %.0f URLs/s (%d URLs incl. the link page in %.1f s, 64 threads)' % (n / t, n, t))" "$CHECKED" "$t0" "$t1"
        else
            echo "linkchecker: no summary line (see $TMP/linkchecker.out)" >&2
        fi
    else
        echo "linkchecker: not installed (apt-get install linkchecker failed); skipped"
    fi
fi
