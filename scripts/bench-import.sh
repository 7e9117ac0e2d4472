#!/usr/bin/env bash
# Import throughput as a fraction of the simulator's rate limit (the goal: at least 95%).
# Starts `genius serve --rate-limit RATE`, imports ROWS generated leads with `genius import
# --rate-limit RATE`, and reports rows per second over the import's whole wall time (process start,
# reading the file and the journal's synced writes included).
#
#   scripts/bench-import.sh                 # 2,000 rows at 20/s, about 100 s
#   ROWS=500 RATE=50 scripts/bench-import.sh
#   GENIUS_BIN=target/release/genius scripts/bench-import.sh
set -euo pipefail

rows=${ROWS:-2000}
rate=${RATE:-20}
bin=${GENIUS_BIN:-target/debug/genius}
cd "$(dirname "$0")/.."
if [[ ! -x $bin ]]; then
    cargo build --quiet --bin genius
fi

work=$(mktemp -d)
sim_pid=
cleanup() {
    [[ -n $sim_pid ]] && kill "$sim_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

"$bin" serve --addr 127.0.0.1:0 --rate-limit "$rate" --control >"$work/serve.out" 2>/dev/null &
sim_pid=$!
url=
for _ in $(seq 1 200); do
    url=$(sed -n 's/^listening on //p' "$work/serve.out")
    [[ -n $url ]] && break
    sleep 0.05
done
[[ -n $url ]] || { echo "the simulator did not start" >&2; exit 1; }

{
    echo "Name,Email,Phone,Stage,Tags"
    seq 1 "$rows" | awk '{ printf "Bench Lead %d,bench%d@bench.test,+55 11 9%04d-0000,New Lead,Trade Show;Feira\n", $1, $1, $1 % 10000 }'
} >"$work/leads.csv"

start=$(date +%s.%N)
GENIUS_BASE_URL=$url GENIUS_TOKEN=demo-token NO_COLOR=1 \
    "$bin" import "$work/leads.csv" --rate-limit "$rate" >"$work/summary.txt" 2>"$work/progress.txt"
end=$(date +%s.%N)

created=$(awk '$1 == "created" { print $2 }' "$work/summary.txt")
rate_limited=$(curl -sf "$url/__sim/stats" 2>/dev/null | sed -n 's/.*"rate_limited":\([0-9]*\).*/\1/p' || true)
awk -v n="$created" -v s="$start" -v e="$end" -v r="$rate" -v want="$rows" 'BEGIN {
    t = e - s; per = n / t;
    printf "imported %d of %d rows in %.1f s: %.2f rows/s = %.1f%% of the %d/s rate limit\n", n, want, t, per, 100 * per / r, r
}'
[[ -n ${rate_limited:-} ]] && echo "429 answers from the simulator: $rate_limited"
cat "$work/summary.txt"
