"""Two checks scripts/schemathesis.sh adds to schemathesis's own, each sharper than the built-in one it
stands beside.

valid_data_rejected_only_by_account_rules: a schema-valid request may still be a 400 for a reason only
the account's data decides — a stage, quality or owner it does not have, an email or phone shared by
several contacts, an update that would leave a contact with neither email nor phone, or (the one rule
OpenAPI cannot write) a lookup naming none of uid, email and phone. The built-in positive-data check is
told to accept 400s; this one then fails any 400 on valid data whose message is not one of those rules.

created_contact_is_found_by_uid: the built-in "created resource not found" check only knows which
query, path or header values came from a link, and takes a request body as linked even when it names
another contact; it is off for the operations that name the contact in their body, and this check
does that job for them: a 404 for the uid a create just answered, not deleted since, is a failure.

another_account_cannot_read_a_new_contact: every contact created is asked for with the second
account's token (scripts/schemathesis.sh adds that account), which must be told 404.
"""

import re
import urllib.error
import urllib.parse
import urllib.request

import schemathesis

NAMES = [
    r"stageName '.*' does not exist in this account",
    r"qualityName '.*' does not exist in this account",
    r"ownerEmail '.*' is not a member of the team",
]
SHARED = [r"\d+ contacts have this (email|phone); name the contact by uid"]
ACCOUNT_RULES = {
    "POST /api/contact": NAMES,
    "PUT /api/contact": NAMES + [r"email or phone is required"],
    "GET /api/contact": [r"one of uid, email or phone is required"],
    "POST /api/contact/tag/add": SHARED,
    "POST /api/contact/note/add": SHARED,
    "PUT /api/contact/stage": SHARED + NAMES,
    "PUT /api/contact/quality": SHARED + NAMES,
    "PUT /api/contact/owner": SHARED + NAMES,
}


def _error_message(response):
    try:
        return response.json().get("error", "")
    except Exception:
        return ""


@schemathesis.check
def valid_data_rejected_only_by_account_rules(ctx, response, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 400:
        return None
    message = _error_message(response)
    rules = ACCOUNT_RULES.get(case.operation.label, [])
    if not any(re.fullmatch(rule, message, re.DOTALL) for rule in rules):
        raise AssertionError(f"A schema-valid request was rejected for a reason the schema could state: {message!r}")
    return None


def _deleted(ctx, uid):
    for prior in ctx.internals.find_all_cases():
        if prior.operation.label != "DELETE /api/contact" or (prior.query or {}).get("uid") != uid:
            continue
        answer = ctx.internals.find_response(case_id=prior.id)
        if answer is not None and 200 <= answer.status_code < 300:
            return True
    return False


@schemathesis.check
def created_contact_is_found_by_uid(ctx, response, case):
    if response.status_code != 404 or not isinstance(case.body, dict) or ctx.internals is None:
        return None
    parent = ctx.internals.find_parent(case_id=case.id)
    if parent is None or parent.operation.label != "POST /api/contact":
        return None
    created = ctx.internals.find_response(case_id=parent.id)
    if created is None or created.status_code != 201:
        return None
    uid = (created.json().get("data") or {}).get("uid")
    if uid is None or case.body.get("uid") != uid or _deleted(ctx, uid):
        return None
    raise AssertionError(f"{case.operation.label} answered 404 for {uid}, which POST /api/contact had just created")


PEER_TOKEN = "peer-token"


@schemathesis.check
def another_account_cannot_read_a_new_contact(ctx, response, case):
    # The built-in object_level_authorization check follows ids in paths; this API names contacts in
    # the query, so this one asks for each new contact as the second account, which must not find it.
    if case.operation.label != "POST /api/contact" or response.status_code != 201:
        return None
    uid = (response.json().get("data") or {}).get("uid")
    if not uid:
        return None
    base = response.request.url.split("/api/contact", 1)[0]
    request = urllib.request.Request(f"{base}/api/contact?uid={urllib.parse.quote(uid)}",
                                     headers={"Authorization": f"Bearer {PEER_TOKEN}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            status = answer.status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 404:
        raise AssertionError(f"Another account asking for {uid}, created by the demo account, got {status}, not 404")
    return None
