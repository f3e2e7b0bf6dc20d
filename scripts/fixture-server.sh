# scripts/fixture-server.sh -- sourced by scripts/test.sh and scripts/demo.sh:
# start and stop tests/fixtures/server.py on 127.0.0.1 with an OS-chosen port.
#
#   fixture_server_start DIR LOGFILE   sets FIXTURE_PID and FIXTURE_PORT,
#                                      exports CITECHECK_TEST_PORT and
#                                      CITECHECK_TEST_URL; returns 1 when the
#                                      server did not come up within 10 s
#   fixture_server_stop                kills it (safe to call twice)

FIXTURE_PID=""
FIXTURE_PORT=""

fixture_server_start() {
    local dir=$1 log=$2 root
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    rm -f "$dir/port"
    python3 "$root/tests/fixtures/server.py" --port-file "$dir/port" \
        --log "$log" --parent-pid $$ </dev/null >/dev/null 2>>"$log" &
    FIXTURE_PID=$!
    local i
    for ((i = 0; i < 100; i++)); do
        if [ -s "$dir/port" ]; then
            FIXTURE_PORT=$(cat "$dir/port")
            export CITECHECK_TEST_PORT=$FIXTURE_PORT
            export CITECHECK_TEST_URL="http://127.0.0.1:$FIXTURE_PORT"
            return 0
        fi
        if ! kill -0 "$FIXTURE_PID" 2>/dev/null; then
            break
        fi
        sleep 0.1
    done
    echo "fixture server did not start; its log ($log):" >&2
    tail -n 20 "$log" >&2 || true
    fixture_server_stop
    return 1
}

fixture_server_stop() {
    if [ -n "$FIXTURE_PID" ]; then
        kill "$FIXTURE_PID" 2>/dev/null || true
        wait "$FIXTURE_PID" 2>/dev/null || true
        FIXTURE_PID=""
    fi
}
