#!/usr/bin/env bash
# Whole-process speed of the command line against jwt-cli (and PyJWT when it is installed):
# decode HS256, verify HS256, encode RS256 and encode ES256 on the same token and keys.
#
# Usage: bash benches/cli-vs-jwt-cli.sh [ROUNDS] [RUNS_PER_ROUND]
#
# Installs jwt-cli with `cargo install` when `jwt` is missing, builds the release binary, makes
# its keys and tokens in a temporary folder, and times the commands in ROUNDS rounds (default
# 15) of RUNS_PER_ROUND runs each (default 40). Each round runs both tools back to back, so a
# busy machine slows both alike; the table gives the median of the per-round medians and the
# median of the per-round ratios (jwt-workbench / jwt-cli: below 1.0 means faster).
# WB=/path/to/binary times that build instead of building one (an older build, for
# before/after). Uses hyperfine when it is installed (apt-get install hyperfine), else a paired
# loop in bash (whose fork cost is then part of every figure).
set -euo pipefail

ROUNDS=${1:-15}
RUNS=${2:-40}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

if ! command -v jwt >/dev/null 2>&1; then
    echo "jwt-cli not found: cargo install jwt-cli --version ${JWT_CLI_VERSION:-6.2.0} --locked" >&2
    cargo install jwt-cli --version "${JWT_CLI_VERSION:-6.2.0}" --locked >&2
fi
JWT=$(command -v jwt)

if [ -z "${WB:-}" ]; then
    echo "building the release binary..." >&2
    cargo build --release --quiet
    TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
    WB="$TARGET_DIR/release/jwt-workbench"
fi
[ -x "$WB" ] || { echo "no binary at $WB" >&2; exit 2; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cp tests/fixtures/rsa2048.pkcs8.pem "$TMP/rsa.pem"
cp tests/fixtures/ec256.pkcs8.pem "$TMP/ec.pem"
SECRET="a-benchmark-secret-that-is-32-bytes-long"
PAYLOAD='{"sub":"1234567890","name":"John Doe","admin":true,"exp":4102444800}'
TOKEN=$("$WB" encode --secret "$SECRET" "$PAYLOAD")
cd "$TMP"

PY=""
if command -v python3 >/dev/null 2>&1 &&
    python3 -c 'import jwt, cryptography' >/dev/null 2>&1; then
    # The interpreter itself, not a version manager's shim script.
    PY=$(python3 -c 'import sys; print(sys.executable)')
fi

# name | jwt-workbench | jwt-cli | PyJWT (may be empty)
CASES=(
    "decode HS256|$WB decode $TOKEN|$JWT decode $TOKEN|$PY -c 'import jwt,sys; print(jwt.decode(sys.argv[1], options={\"verify_signature\": False}))' $TOKEN"
    "verify HS256|$WB verify $TOKEN --secret $SECRET|$JWT decode -S $SECRET $TOKEN|$PY -c 'import jwt,sys; print(jwt.decode(sys.argv[1], sys.argv[2], algorithms=[\"HS256\"]))' $TOKEN $SECRET"
    "encode RS256|$WB encode --key rsa.pem --alg RS256 '{\"sub\":\"1\"}'|$JWT encode -A RS256 -S @rsa.pem '{\"sub\":\"1\"}'|$PY -c 'import jwt,time; print(jwt.encode({\"sub\":\"1\",\"iat\":int(time.time())}, open(\"rsa.pem\").read(), algorithm=\"RS256\"))'"
    "encode ES256|$WB encode --key ec.pem --alg ES256 '{\"sub\":\"1\"}'|$JWT encode -A ES256 -S @ec.pem '{\"sub\":\"1\"}'|$PY -c 'import jwt,time; print(jwt.encode({\"sub\":\"1\",\"iat\":int(time.time())}, open(\"ec.pem\").read(), algorithm=\"ES256\"))'"
)

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# Times one round of each command; prints one median (ms) per command on one line.
round() {
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N --warmup 3 --runs "$RUNS" --export-json round.json "$@" >/dev/null 2>&1
        sed -n 's/.*"median": *\([0-9.e+-]*\).*/\1/p' round.json |
            awk '{printf "%s ", $1 * 1000} END {print ""}'
    else
        local i c t0 t1
        local -a files=()
        for c in "$@"; do files+=("$(mktemp -p .)"); done
        for ((i = 0; i < RUNS; i++)); do
            local k=0
            for c in "$@"; do
                t0=$(date +%s%N)
                eval "$c" >/dev/null
                t1=$(date +%s%N)
                echo "$(((t1 - t0) / 1000))" >>"${files[$k]}"
                k=$((k + 1))
            done
        done
        for f in "${files[@]}"; do printf "%s " "$(median <"$f" | awk '{print $1 / 1000}')"; done
        echo
        rm -f "${files[@]}"
    fi
}

printf "%-14s %14s %10s %8s %10s %10s\n" "operation" "jwt-workbench" "jwt-cli" "ratio" "PyJWT" "ratio-py"
for case in "${CASES[@]}"; do
    IFS='|' read -r name ours theirs py <<<"$case"
    cmds=("$ours" "$theirs")
    [ -n "$PY" ] && cmds+=("$py")
    for c in "${cmds[@]}"; do
        eval "$c" >/dev/null || { echo "$name: failed: $c" >&2; exit 2; }
    done
    : >a.txt; : >b.txt; : >p.txt; : >r.txt; : >rp.txt
    for ((r = 0; r < ROUNDS; r++)); do
        read -r a b p <<<"$(round "${cmds[@]}")"
        echo "$a" >>a.txt
        echo "$b" >>b.txt
        awk -v a="$a" -v b="$b" 'BEGIN {print a / b}' >>r.txt
        if [ -n "${p:-}" ]; then
            echo "$p" >>p.txt
            awk -v a="$a" -v p="$p" 'BEGIN {print a / p}' >>rp.txt
        fi
    done
    ma=$(median <a.txt); mb=$(median <b.txt); mr=$(median <r.txt)
    if [ -s p.txt ]; then mp=$(median <p.txt); mrp=$(median <rp.txt); else mp="-"; mrp="-"; fi
    printf "%-14s %11.2f ms %7.2f ms %8.2f %7s ms %10s\n" "$name" "$ma" "$mb" "$mr" \
        "$(printf '%.1f' "$mp" 2>/dev/null || echo -)" "$(printf '%.2f' "$mrp" 2>/dev/null || echo -)"
done
echo "(medians of per-round medians; ratio = median over rounds of jwt-workbench / other; $ROUNDS rounds x $RUNS runs)"
