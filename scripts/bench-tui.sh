#!/usr/bin/env bash
# genius beside abook and less, in pseudo-terminals of the same size: first frame, key latency,
# bytes per key, idle cost, peak RSS, the biggest contact, and a day of lookups against the contact
# cache (benches/tui_side_by_side). Installs abook (and less) with apt-get when missing, builds genius
# in release, and writes the figures into BENCHMARKS.md. Refuses to measure on a loaded machine
# (1-minute load average over 1.5) unless --noisy-ok, which marks the figures as not final.
#
#   scripts/bench-tui.sh                          # 15 rounds at 100x30 and 80x24, 2,000 lookups
#   scripts/bench-tui.sh --reps 5 --skip-cache    # quicker
#   scripts/bench-tui.sh --wait-quiet-secs 600    # wait up to 10 minutes for a quiet machine
#   scripts/bench-tui.sh --noisy-ok               # measure anyway, figures marked not final
#   scripts/bench-tui.sh --no-update              # print the sections, leave BENCHMARKS.md alone
#   scripts/bench-tui.sh --help                   # every option of the harness
set -euo pipefail
cd "$(dirname "$0")/.."

# Installs the Debian package $2 when the program $1 is not on PATH, saying so.
install_missing() {
    local program=$1 package=$2 sudo=
    command -v "$program" >/dev/null 2>&1 && return 0
    echo "$program is not installed: installing the '$package' package with apt-get" >&2
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "there is no apt-get here: install $package with your package manager, then run again" >&2
        exit 1
    fi
    if [[ $(id -u) -ne 0 ]]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "installing $package needs root: run 'apt-get install -y $package' as root" >&2
            exit 1
        fi
        sudo=sudo
    fi
    $sudo apt-get install -y "$package" || { $sudo apt-get update && $sudo apt-get install -y "$package"; }
    if ! command -v "$program" >/dev/null 2>&1; then
        echo "$program is still missing after installing $package" >&2
        exit 1
    fi
}

update=(--update BENCHMARKS.md)
pass=()
for arg in "$@"; do
    case $arg in
        --no-update) update=() ;;
        --help | -h)
            exec cargo bench --quiet --bench tui_side_by_side -- --help ;;
        *) pass+=("$arg") ;;
    esac
done

install_missing abook abook
install_missing less less

# The binary people build, copied aside: `cargo bench` builds genius again with the features its
# dev-dependencies add, over target/release/genius, and its symbol names then differ from those
# link/start-order.txt records (the start screen's layout would be lost).
echo "building genius in release (cargo build --release --bin genius)" >&2
cargo build --release --bin genius
mkdir -p target/bench-tui
cp target/release/genius target/bench-tui/genius
cargo bench --bench tui_side_by_side -- \
    --genius target/bench-tui/genius \
    --recorded-command "scripts/bench-tui.sh${*:+ $*}" \
    ${update[@]+"${update[@]}"} ${pass[@]+"${pass[@]}"}
