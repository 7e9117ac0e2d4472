#!/usr/bin/env bash
# Holds `genius serve` to its OpenAPI description with schemathesis: every check (all of them are on
# unless the config turns one off, which it does only where it says why), every phase (examples,
# coverage, fuzzing, stateful), the demo token (and a second account's, to check that one account
# cannot read another's contacts). Exits non-zero on any failure.
#
#   scripts/schemathesis.sh                    # about 2-4 minutes
#   MAX_EXAMPLES=200 scripts/schemathesis.sh   # a deeper run
#   GENIUS_BIN=target/release/genius SCHEMATHESIS_VENV=/tmp/st scripts/schemathesis.sh
#   SEED=1 REPORT_DIR=/tmp/st REPORT_FORMATS=har scripts/schemathesis.sh   # replayable, with a report
#
# Needs python3 and PyPI (schemathesis is installed into a virtual environment, by default under
# target/), so it stays out of `cargo test`. The simulator runs with --state in a temporary
# directory, so the fuzzing goes through the journal too.
set -euo pipefail

SCHEMATHESIS_VERSION=4.32.5
cd "$(dirname "$0")/.."
venv=${SCHEMATHESIS_VENV:-target/schemathesis-venv}
bin=${GENIUS_BIN:-}
max_examples=${MAX_EXAMPLES:-60}

if [[ ! -x $venv/bin/schemathesis ]] || [[ $("$venv/bin/schemathesis" --version 2>/dev/null) != *"$SCHEMATHESIS_VERSION"* ]]; then
    echo "installing schemathesis $SCHEMATHESIS_VERSION into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

if [[ -z $bin ]]; then
    # Build (or bring up to date) the debug binary, so the run always tests the tree as it is.
    cargo build --quiet --bin genius
    bin=target/debug/genius
fi

work=$(mktemp -d)
sim_pid=
cleanup() {
    if [[ -n $sim_pid ]]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# The run's files: the accounts (the demo, plus a second account with API access: it gives
# object_level_authorization the two identities it needs, and another_account_cannot_read_a_new_contact
# asks for every new contact as that account), the two identities, and schemathesis's configuration.
python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
demo = json.load(open("assets/demo-account.json", encoding="utf-8"))
account = next(a for a in demo["accounts"] if a["token"] == "demo-token")
peer = {**account, "token": "peer-token", "plan": "Business", "name": "Peer (schemathesis)", "contacts": []}
demo["accounts"].append(peer)
json.dump(demo, open(f"{work}/accounts.json", "w", encoding="utf-8"))
identities = {"auth": [
    {"name": "owner", "fixedHeaders": [{"name": "Authorization", "value": "Bearer demo-token"}]},
    {"name": "peer", "fixedHeaders": [{"name": "Authorization", "value": "Bearer peer-token"}]},
]}
json.dump(identities, open(f"{work}/identities.json", "w", encoding="utf-8"))

def values(items):
    return "[" + ", ".join(json.dumps(item) for item in items) + "]"

config = f"""
# What schemathesis keeps between runs (failures it replays first) lives with the build output.
cache = {{ directory = {json.dumps(os.path.abspath("target/schemathesis-cache"))} }}

[auth.wfc]
path = "{work}/identities.json"
user = "owner"
peers = ["owner", "peer"]

# The names an account must have (stages, qualities, team) cannot be in a schema: schemathesis
# draws them from the demo account, the way a real client takes them from its account.
[dictionaries.stages]
values = {values(account["stages"])}
[dictionaries.qualities]
values = {values(account["qualities"])}
[dictionaries.owners]
values = {values(m["email"] for m in account["team"])}

[parameters]
"body.stageName" = {{ dictionary = "stages" }}
"body.qualityName" = {{ dictionary = "qualities" }}
"body.ownerEmail" = {{ dictionary = "owners" }}

# A schema-valid request can still be a 400 for a rule of the account's data (see
# scripts/schemathesis_hooks.py): the built-in check lets 400s through and
# valid_data_rejected_only_by_account_rules fails every one that is not such a rule.
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]

# schemathesis takes a request body as coming from a link even when it names another contact;
# created_contact_is_found_by_uid does this check for the operations that name it in their body.
[[operations]]
include-operation-id = ["updateContact", "addTag", "addNote", "changeStage", "changeQuality", "changeOwner"]
checks.ensure_resource_availability.enabled = false
"""
open(f"{work}/schemathesis.toml", "w", encoding="utf-8").write(config)
PY

# A fresh simulator on a free port; its first line says where.
"$bin" serve --addr 127.0.0.1:0 --data "$work/accounts.json" --state "$work/state.json" \
    >"$work/serve.out" 2>"$work/serve.err" &
sim_pid=$!
url=
for _ in $(seq 1 600); do
    url=$(sed -n 's/^listening on //p' "$work/serve.out")
    [[ -n $url ]] && break
    kill -0 "$sim_pid" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
    sleep 0.1
done
[[ -n $url ]] || { echo "genius serve did not start" >&2; exit 1; }

# Hypothesis keeps its example database beside schemathesis's cache, not in the source tree.
PYTHONPATH=scripts SCHEMATHESIS_HOOKS=schemathesis_hooks \
    HYPOTHESIS_STORAGE_DIRECTORY="$PWD/target/schemathesis-cache/hypothesis" \
    "$venv/bin/schemathesis" --config-file "$work/schemathesis.toml" run "$url/openapi.json" \
    --url "$url" \
    --phases examples,coverage,fuzzing,stateful \
    --max-examples "$max_examples" \
    --workers 1 \
    --seed "${SEED:-$RANDOM}" \
    --report-dir "${REPORT_DIR:-$work/report}" ${REPORT_FORMATS:+--report "$REPORT_FORMATS"}
