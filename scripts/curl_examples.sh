#!/usr/bin/env bash
# The curl examples of the README, runnable and checked: each one is sent to a running simulator and
# its HTTP status compared with the documented one. Start the simulator first, in another terminal:
#     cargo run --release -- serve            # listening on http://127.0.0.1:8787
# then:  scripts/curl_examples.sh [BASE_URL]   (exits non-zero if any answer differs)
# The examples change the demo data (ABC12345 is edited, XYZ67890 deleted): restart the simulator to reset.
set -uo pipefail

GENIUS=${1:-http://127.0.0.1:8787}
AUTH="Authorization: Bearer demo-token"
JSON="Content-Type: application/json"
failures=0

# check EXPECTED_STATUS TITLE -- CURL_ARGS...
check() {
    local expected=$1 title=$2
    shift 3
    local body status
    body=$(curl -s -w '\n%{http_code}' "$@")
    status=${body##*$'\n'}
    body=${body%$'\n'*}
    if [[ $status == "$expected" ]]; then
        printf 'ok   %s  %s\n     %.160s\n' "$status" "$title" "$body"
    else
        printf 'FAIL %s (expected %s)  %s\n     %s\n' "$status" "$expected" "$title" "$body"
        failures=$((failures + 1))
    fi
}

check 201 "Create a contact" -- -X POST "$GENIUS/api/contact" -H "$AUTH" -H "$JSON" \
    -d '{"name":"Ana Clara Souza","email":"ana@example.com.br","phone":"+55 11 91234-5678","businessName":"Souza & Filhos","value":"5000","stageName":"New Lead","qualityName":"High","ownerEmail":"sales@yourcompany.com","note":"Initial contact made through website form","tags":["Hot Lead","Website"]}'
check 200 "Get a contact by uid" -- "$GENIUS/api/contact?uid=ABC12345" -H "$AUTH"
check 200 "Get by email (two contacts share it: an array)" -- "$GENIUS/api/contact?email=john@example.com" -H "$AUTH"
check 200 "Get by phone (formatting ignored)" -- -G "$GENIUS/api/contact" --data-urlencode "phone=+1 (555) 987-6543" -H "$AUTH"
check 200 "Update a contact (answers the whole contact)" -- -X PUT "$GENIUS/api/contact" -H "$AUTH" -H "$JSON" \
    -d '{"uid":"ABC12345","city":"Los Angeles","state":"CA","value":"10000","stageName":"Qualified","snapshot":"Follow-up scheduled for next week.","tags":["Premium Interest"]}'
check 200 "Add a tag" -- -X POST "$GENIUS/api/contact/tag/add" -H "$AUTH" -H "$JSON" \
    -d '{"uid":"ABC12345","tagName":"VIP Customer"}'
check 200 "Add a note" -- -X POST "$GENIUS/api/contact/note/add" -H "$AUTH" -H "$JSON" \
    -d '{"uid":"ABC12345","note":"Customer called to inquire about enterprise pricing. Scheduled demo for next Tuesday at 2 PM."}'
check 200 "Change the stage" -- -X PUT "$GENIUS/api/contact/stage" -H "$AUTH" -H "$JSON" \
    -d '{"uid":"ABC12345","stageName":"Qualified"}'
check 200 "Change the quality (by phone)" -- -X PUT "$GENIUS/api/contact/quality" -H "$AUTH" -H "$JSON" \
    -d '{"phone":"+15551234567","qualityName":"High"}'
check 200 "Change the owner (answers ownerName)" -- -X PUT "$GENIUS/api/contact/owner" -H "$AUTH" -H "$JSON" \
    -d '{"uid":"ABC12345","ownerEmail":"sales@yourcompany.com"}'
check 200 "Delete a contact" -- -X DELETE "$GENIUS/api/contact?uid=XYZ67890" -H "$AUTH"
check 401 "No token: UNAUTHORIZED" -- "$GENIUS/api/contact?uid=ABC12345"
check 401 "Unknown token: AUTH_ERROR" -- "$GENIUS/api/contact?uid=ABC12345" -H "Authorization: Bearer wrong-token"
check 403 "Free plan: FORBIDDEN" -- "$GENIUS/api/contact?uid=ABC12345" -H "Authorization: Bearer free-token"
check 400 "A field the account does not have: BAD_REQUEST" -- -X PUT "$GENIUS/api/contact/stage" -H "$AUTH" -H "$JSON" \
    -d '{"uid":"ABC12345","stageName":"Foo"}'
check 400 "An email shared by several contacts names no one: BAD_REQUEST" -- -X POST "$GENIUS/api/contact/note/add" -H "$AUTH" -H "$JSON" \
    -d '{"email":"contato@padariaestrela.com.br","note":"hi"}'
check 404 "Unknown contact: NOT_FOUND" -- "$GENIUS/api/contact?uid=NOPE0000" -H "$AUTH"
check 405 "Wrong method: METHOD_NOT_ALLOWED" -- -X PATCH "$GENIUS/api/contact" -H "$AUTH"
check 200 "The OpenAPI description" -- "$GENIUS/openapi.json"

if ((failures > 0)); then
    echo "$failures example(s) did not answer as documented"
    exit 1
fi
echo "every example answered as documented"
