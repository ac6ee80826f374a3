#!/usr/bin/env bash
# The window's speed and memory, measured on the real release build under X (Xvfb with Mesa's
# software renderer when no DISPLAY is given), each scenario driven with xdotool and read from
# the app's own measurement mode (JWT_WORKBENCH_PERF=1 prints it at exit):
#   start-up   time to the first frame, and resident memory after 3 s against a bare eframe
#              window (benches/reference/bare_window.rs: same renderer, features and size)
#   idle       CPU time over 10 s with no countdown on screen, and frames drawn over 10 s with one
#   typing     40 keystrokes into the payload of an HS256 token (frame CPU p50/p99/max)
#   rsa-4096   the same with an RSA-4096 private key (signing runs off the UI thread)
#   big        a token with a 1 MiB payload opened, then its payload scrolled with 60 wheel steps
# Usage: bash benches/window.sh      (needs Xvfb, xdotool; builds the release binaries)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
for tool in xdotool Xvfb; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install xvfb xdotool)" >&2; exit 2; }
done
cargo build --release --quiet --bins --example bare-window
APP=$ROOT/target/release/jwt-workbench-window
CLI=$ROOT/target/release/jwt-workbench
BARE=$ROOT/target/release/examples/bare-window
TMP=$(mktemp -d)
XVFB=""
cleanup() { pkill -f "$APP" 2>/dev/null || true; [ -n "$XVFB" ] && kill "$XVFB" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
    export DISPLAY=:77
    Xvfb :77 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB=$!
    sleep 1
fi
export XDG_CONFIG_HOME=$TMP/config JWT_WORKBENCH_PERF=1
SECRET=a-benchmark-secret-that-is-32-bytes-long
NO_EXP=$("$CLI" encode --secret "$SECRET" --no-iat '{"sub":"1","name":"Ada"}')
WITH_EXP=$("$CLI" encode --secret "$SECRET" --exp=3600 '{"sub":"1","name":"Ada"}')
RSA4096=$ROOT/tests/fixtures/rsa4096.pkcs8.pem
RS_NO_EXP=$("$CLI" encode --key "$RSA4096" --alg RS256 --no-iat '{"sub":"1","name":"Ada"}')
python3 - "$TMP/big.jwt" "$CLI" "$SECRET" <<'PY'
import json, subprocess, sys
path, cli, secret = sys.argv[1:]
lines = ",\n".join(f'  "line{i:05}": "{"x" * 40}"' for i in range(20000))
payload = "{\n" + lines + "\n}"
token = subprocess.run([cli, "encode", "--secret", secret, "-"], input=payload.encode(),
                       capture_output=True, check=True).stdout
open(path, "wb").write(token)
PY

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
window() { xdotool search --sync --name "$1" | head -1; }
# Starts the app with $1 (a token or file), waits for its window; sets PID and WIN.
start() {
    "$APP" "$@" 2>"$TMP/perf.txt" &
    PID=$!
    WIN=$(window "JWT Workbench")
    xdotool windowfocus "$WIN"
    sleep 1.5
}
stop() { xdotool windowfocus "$WIN" key ctrl+q; wait "$PID" || true; }
report() { grep -E "first frame|frames|signatures|CPU|slowest" "$TMP/perf.txt" | sed "s/^/  /"; }

echo "== start-up and memory"
"$BARE" 2>"$TMP/bare.txt" &
BPID=$!
window "Bare eframe" >/dev/null
sleep 3
BARE_RSS=$(rss_kb "$BPID")
kill "$BPID"; wait "$BPID" 2>/dev/null || true
start "$NO_EXP"
sleep 1.5
APP_RSS=$(rss_kb "$PID")
stop
echo "  bare eframe: $(cat "$TMP/bare.txt"), RSS $((BARE_RSS / 1024)) MiB"
echo "  workbench:   RSS $((APP_RSS / 1024)) MiB, ratio $(awk "BEGIN {printf \"%.2f\", $APP_RSS / $BARE_RSS}")"
report

echo "== idle"
start "$NO_EXP"
before=$(cpu_ticks "$PID"); sleep 10; after=$(cpu_ticks "$PID")
stop
echo "  no countdown: $((after - before)) CPU ticks (1/100 s) in 10 s"
report | grep frames
start "$WITH_EXP"
before=$(cpu_ticks "$PID"); sleep 10; after=$(cpu_ticks "$PID")
stop
echo "  countdown:    $((after - before)) CPU ticks (1/100 s) in 10 s"
report | grep frames

type_payload() {
    xdotool mousemove 900 300 click 1
    xdotool key ctrl+End
    for _ in $(seq 40); do xdotool key --delay 30 space; done
    sleep 2
}
echo "== typing (HS256)"
start "$NO_EXP"
type_payload
stop
report

echo "== typing (RS256 with an RSA-4096 key)"
start "$RS_NO_EXP"
xdotool mousemove 900 710 click 1   # "Key file path" at the default 1280x800
xdotool type --delay 5 "$RSA4096"
xdotool key Return
sleep 1
type_payload
stop
report

echo "== a 1 MiB payload: open, then scroll"
start "$TMP/big.jwt"
xdotool mousemove 900 300
for _ in $(seq 60); do xdotool click --delay 20 5; done
sleep 1
stop
report
