#!/usr/bin/env bash
# Records the order the linker lays out genius's functions in (link/start-order.txt): the functions
# that run to the start screen first, then those of a little work. The kernel maps 64 KB of the
# binary around each page touched, so start-up code laid out together keeps ~6 MB less resident
# than the same code spread over the whole text (BENCHMARKS.md, peak RSS on the start screen).
# Run it after changes to the start path or a toolchain/dependency update (symbol names carry
# hashes of both); a stale file costs memory, never correctness. Installs valgrind with apt-get when
# missing, builds genius in release, records under callgrind (~1 minute), and rebuilds.
#
#   scripts/record-start-order.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind is not installed: installing the 'valgrind' package with apt-get" >&2
    sudo=
    [[ $(id -u) -ne 0 ]] && sudo=sudo
    $sudo apt-get install -y valgrind || { $sudo apt-get update && $sudo apt-get install -y valgrind; }
fi

# The binary people build, copied aside: `cargo bench` builds genius again with the features its
# dev-dependencies add, over target/release/genius, and those symbol names differ.
echo "building genius in release (cargo build --release --bin genius)" >&2
cargo build --release --bin genius
mkdir -p target/bench-tui
cp target/release/genius target/bench-tui/genius-recorded
cargo bench --bench tui_side_by_side -- \
    --genius target/bench-tui/genius-recorded --noisy-ok --lookups 10 --huge-notes 10 \
    --record-start-order link/start-order.txt
echo "relinking genius with the new order (cargo build --release --bin genius)" >&2
cargo build --release --bin genius
recorded=$(grep -v '^#' link/start-order.txt | sort -u)
defined=$(nm --defined-only target/release/genius | awk '{print $3}' | sort -u)
unknown=$(comm -23 <(echo "$recorded") <(echo "$defined") | wc -l)
echo "$(echo "$recorded" | wc -l) functions recorded; $unknown of them not in the new binary" >&2
