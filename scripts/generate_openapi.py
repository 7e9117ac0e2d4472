#!/usr/bin/env python3
"""Generates assets/openapi.json, the OpenAPI 3.1 description of the Contact API that the simulator
serves at /openapi.json. Run from anywhere: python3 scripts/generate_openapi.py (output committed).

The document says exactly what the simulator enforces, so a schema-driven fuzzer (schemathesis, see
scripts/schemathesis.sh) can hold it to it both ways: every request the document allows is accepted
and every one it forbids is a 400. Rules that depend on the account's data (a stage must exist, an
email may match several contacts, an update may not leave a contact without email and phone) are in
the descriptions. tests/simulator.rs checks that every route the simulator serves is described here
and vice versa, and that the examples are accepted."""

import json
from pathlib import Path

# The characters the simulator trims as white space (Unicode White_Space, as Rust's char::is_whitespace).
# A "non-blank" string has at least one character outside them; written out literally so every regex
# dialect reads the class the same way.
WHITE_SPACE = "\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
STR = {"type": "string"}
NSTR = {"type": ["string", "null"]}
NON_BLANK = {"type": "string", "minLength": 1, "pattern": f"[^{WHITE_SPACE}]",
             "description": "Not blank: at least one character that is not white space"}
BIRTHDAY = {"type": "string", "anyOf": [{"maxLength": 0}, {"format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}],
            "description": "Birthday, a real date written YYYY-MM-DD (an empty string clears it)"}
UID = {"type": "string", "pattern": "^[A-Z0-9]{8}$", "examples": ["ABC12345"]}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def resp(name):
    return {"$ref": f"#/components/responses/{name}"}


def desc(schema, text):
    return {**schema, "description": text}


CONTACT_FIELDS = [
    ("email", STR, "Email address (matched case-insensitively)"),
    ("phone", STR, "Phone number, any formatting (matched by its digits)"),
    ("businessName", STR, "Business or company name"), ("birthday", BIRTHDAY, None),
    ("address", STR, "Street address"), ("city", STR, "City"), ("state", STR, "State or province"),
    ("zipcode", STR, "ZIP or postal code"), ("timeZone", STR, "Time zone (IANA name)"),
    ("value", STR, "Projected value or deal amount, as text"),
    ("stageName", STR, "Name of a stage that exists in the account (matched case-insensitively)"),
    ("qualityName", STR, "Name of a quality that exists in the account (matched case-insensitively)"),
    ("ownerEmail", STR, "Email of a member of the account's team"),
    ("snapshot", STR, "Summary or snapshot information about the contact"),
]
NAME_FIELDS = [("name", STR, "Full name, split at the first space into firstName and lastName"),
               ("firstName", STR, "First name"), ("lastName", STR, "Last name")]


def props(fields):
    return {name: (desc(schema, text) if text else schema) for name, schema, text in fields}


def one_of_given(*names):
    """At least one of `names` is present and not blank."""
    return {"anyOf": [{"required": [name], "properties": {name: NON_BLANK}} for name in names]}


TAGS_ARRAY = {"type": "array", "items": STR}

# The reference's own examples.
EXAMPLE_CREATE = {
    "name": "John Doe", "email": "john@example.com", "phone": "+15551234567", "businessName": "Acme Corp",
    "city": "New York", "state": "NY", "value": "5000", "stageName": "New Lead", "qualityName": "High",
    "ownerEmail": "sales@yourcompany.com", "snapshot": "Interested in enterprise solution, contacted via website",
    "note": "Initial contact made through website form", "tags": ["Hot Lead", "Website", "Q1 2024"],
}
EXAMPLE_CONTACT = {
    "uid": "ABC12345", "email": "john@example.com", "phone": "+15551234567", "firstName": "John",
    "lastName": "Doe", "businessName": "Acme Corp", "birthday": None, "address": "123 Main St",
    "city": "New York", "state": "NY", "zipcode": "10001", "timeZone": "America/New_York", "value": "5000",
    "stageName": "New Lead", "qualityName": "High", "ownerEmail": "sales@yourcompany.com",
    "ownerName": "Jane Smith", "snapshot": "Interested in enterprise solution",
    "notes": "2025-08-12 09:35 Talked to lead and he said to call back in 2 days.\n\n"
             "2025-08-14 10:46 Called as requested and sent the prices.",
    "tags": ["Hot Lead", "Website"], "created": "2024-01-15T10:30:00Z", "lastUpdate": "2024-01-15T14:20:00Z",
}
EXAMPLE_SUMMARIES = [
    {"uid": "ABC12345", "email": "john@example.com", "phone": "+15551234567", "firstName": "John", "lastName": "Doe"},
    {"uid": "XYZ67890", "email": "john@example.com", "phone": "+15559876543", "firstName": "John",
     "lastName": "Smith"},
]
EXAMPLE_UPDATE = {
    "uid": "ABC12345", "city": "Los Angeles", "state": "CA", "value": "10000", "stageName": "Qualified",
    "snapshot": "Follow-up scheduled for next week. Very interested in premium package.",
    "tags": ["Premium Interest"],
}
EXAMPLE_REACH = {"contactUid": "ABC12345", "contactEmail": "john@example.com", "contactPhone": "+15551234567"}

schemas = {
    "Contact": {
        "type": "object",
        "description": "A whole contact. Absent optional fields are null. Field order as shown. `notes` are "
                       "written in the account's time zone; `created` and `lastUpdate` are UTC.",
        "required": ["uid", "email", "phone", "firstName", "lastName", "businessName", "birthday", "address",
                     "city", "state", "zipcode", "timeZone", "value", "stageName", "qualityName", "ownerEmail",
                     "ownerName", "snapshot", "notes", "tags", "created", "lastUpdate"],
        "properties": {
            "uid": UID,
            "email": NSTR, "phone": NSTR, "firstName": NSTR, "lastName": NSTR, "businessName": NSTR,
            "birthday": {"type": ["string", "null"], "format": "date"}, "address": NSTR, "city": NSTR,
            "state": NSTR, "zipcode": NSTR, "timeZone": NSTR, "value": NSTR, "stageName": NSTR,
            "qualityName": NSTR, "ownerEmail": NSTR,
            "ownerName": desc(NSTR, "The owner's name, from the team"),
            "snapshot": NSTR,
            "notes": desc(NSTR, "Every note, oldest first, each 'YYYY-MM-DD HH:MM text' in the account's time "
                                "zone (no zone is written), separated by a blank line (\\n\\n)"),
            "tags": TAGS_ARRAY,
            "created": {"type": "string", "format": "date-time", "description": "UTC, whole seconds",
                        "examples": ["2024-01-15T10:30:00Z"]},
            "lastUpdate": {"type": "string", "format": "date-time", "description": "UTC, whole seconds"},
        },
        "examples": [EXAMPLE_CONTACT],
    },
    "ContactSummary": {
        "type": "object",
        "description": "One of several contacts a lookup by email or phone matched: exactly the identity "
                       "the reference lists, no other field. Fetch a match by uid for the whole contact.",
        "required": ["uid", "email", "phone", "firstName", "lastName"],
        "properties": {"uid": UID, "email": NSTR, "phone": NSTR, "firstName": NSTR, "lastName": NSTR},
        "additionalProperties": False,
        "examples": [EXAMPLE_SUMMARIES[0]],
    },
    "CreatedContact": {
        "type": "object", "required": ["uid", "email", "phone", "firstName", "lastName"],
        "properties": {"uid": UID, "email": NSTR, "phone": NSTR, "firstName": NSTR, "lastName": NSTR},
    },
    "NewContact": {
        "type": "object",
        "description": "Either name or firstName/lastName is required (not blank); at least one of email or "
                       "phone (not blank). Other blank values are ignored. Every value is a string.",
        "properties": {**props(NAME_FIELDS), **props(CONTACT_FIELDS),
                       "note": desc(STR, "Initial note (ignored when blank)"),
                       "tags": desc(TAGS_ARRAY, "Tag names (created in the account if new; blank ones ignored)")},
        "allOf": [one_of_given("name", "firstName", "lastName"), one_of_given("email", "phone")],
    },
    "ContactUpdate": {
        "type": "object", "required": ["uid"],
        "description": "Only the fields given change; an empty (or blank) string clears a field. Tags are added, "
                       "never removed. An update that would leave the contact with neither email nor phone is "
                       "a 400.",
        "properties": {"uid": desc(NON_BLANK, "The contact to update"), **props(NAME_FIELDS),
                       **props(CONTACT_FIELDS),
                       "tags": desc(TAGS_ARRAY, "Tag names to add (additive only; blank ones ignored)")},
    },
    "ContactRef": {
        "type": "object",
        "description": "One of uid, email or phone names the contact, not blank (uid wins, then email, then "
                       "phone); each one present must be a string. An email or phone that matches several "
                       "contacts is a 400: name the contact by uid.",
        "properties": {"uid": STR, "email": STR, "phone": STR},
        **one_of_given("uid", "email", "phone"),
    },
    "ContactReach": {
        "type": "object", "required": ["contactUid", "contactEmail", "contactPhone"],
        "properties": {"contactUid": UID, "contactEmail": NSTR, "contactPhone": NSTR},
    },
    "Success": {
        "type": "object", "required": ["success", "message", "data"],
        "properties": {"success": {"const": True}, "message": STR, "data": {}},
    },
    "Error": {
        "type": "object", "required": ["success", "error", "code"],
        "properties": {
            "success": {"const": False}, "error": desc(STR, "What went wrong, naming the field"),
            "code": {"enum": ["AUTH_ERROR", "BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND",
                              "METHOD_NOT_ALLOWED", "RATE_LIMITED", "SERVER_ERROR"]},
        },
    },
}


def success(data_schema, description, example_data=None, message=None):
    media = {"schema": {"allOf": [ref("Success"), {"properties": {"data": data_schema}}]}}
    if example_data is not None:
        media["examples"] = {"reference": {"summary": "The reference's example", "value": {
            "success": True, "message": message or description, "data": example_data}}}
    return {"description": description, "headers": RATE_HEADERS, "content": {"application/json": media}}


def several_examples(response):
    """Adds the reference's "Multiple Contacts" example beside its single-contact one."""
    response["content"]["application/json"]["examples"]["several"] = {
        "summary": "The reference's example of several matches",
        "value": {"success": True, "message": "2 contacts found", "data": EXAMPLE_SUMMARIES}}
    return response


def error_response(description, extra_headers=None):
    return {"description": description, "headers": {**RATE_HEADERS, **(extra_headers or {})},
            "content": {"application/json": {"schema": ref("Error")}}}


RATE_HEADERS = {
    "X-RateLimit-Limit": {"description": "Requests allowed per second (only when a limit is on)",
                          "schema": {"type": "integer", "minimum": 1}},
    "X-RateLimit-Remaining": {"description": "Requests left in the current burst (only when a limit is on)",
                              "schema": {"type": "integer", "minimum": 0}},
}
responses = {
    "BadRequest": error_response("Missing or invalid parameter, malformed JSON, or a name the account does not "
                                 "have (code BAD_REQUEST)"),
    "Unauthorized": error_response("Missing or malformed Authorization header (UNAUTHORIZED) or unknown token "
                                   "(AUTH_ERROR). Checked before the rate limit."),
    "Forbidden": error_response("The account's plan (Free, Express) has no API access (FORBIDDEN)"),
    "NotFound": error_response("No such contact (NOT_FOUND)"),
    "MethodNotAllowed": error_response("The path does not support this method (METHOD_NOT_ALLOWED)"),
    "RateLimited": error_response("Too many requests (RATE_LIMITED)", {
        "Retry-After": {"description": "Seconds to wait (integer, at least 1)", "required": True,
                        "schema": {"type": "integer", "minimum": 1}}}),
    "ServerError": error_response("Internal server error (SERVER_ERROR)"),
}


def errors(*codes):
    names = {"400": "BadRequest", "401": "Unauthorized", "403": "Forbidden", "404": "NotFound",
             "405": "MethodNotAllowed", "429": "RateLimited", "500": "ServerError"}
    return {code: resp(names[code]) for code in codes}


def query_param(name, schema, description, required=False, example=None):
    param = {"name": name, "in": "query", "required": required, "schema": schema, "description": description}
    if example is not None:
        param["examples"] = {"reference": {"value": example}}
    return param


def body(schema, example):
    return {"required": True, "content": {"application/json": {
        "schema": schema, "examples": {"reference": {"summary": "The reference's example", "value": example}}}}}


COMMON = ("400", "401", "403", "404", "405", "429", "500")
UID_FROM_CREATE = "$response.body#/data/uid"


def link(operation_id, description, in_body=True):
    if in_body:
        return {"operationId": operation_id, "description": description,
                "requestBody": {"uid": UID_FROM_CREATE}}
    return {"operationId": operation_id, "description": description, "parameters": {"uid": UID_FROM_CREATE}}


CREATE_LINKS = {
    "GetContact": link("getContact", "Look the new contact up by its uid", in_body=False),
    "UpdateContact": link("updateContact", "Update the new contact"),
    "DeleteContact": link("deleteContact", "Delete the new contact", in_body=False),
    "AddTag": link("addTag", "Tag the new contact"),
    "AddNote": link("addNote", "Add a note to the new contact"),
    "ChangeStage": link("changeStage", "Move the new contact to another stage"),
    "ChangeQuality": link("changeQuality", "Change the new contact's quality"),
    "ChangeOwner": link("changeOwner", "Give the new contact another owner"),
}


def action(summary, op_id, field, description, message, example, answer):
    value = NON_BLANK if field != "note" else desc(NON_BLANK, description)
    return {
        "summary": summary, "operationId": op_id, "tags": ["contacts"],
        "requestBody": body({"allOf": [ref("ContactRef"), {
            "type": "object", "required": [field], "properties": {field: desc(value, description)}}]}, example),
        "responses": {"200": success({"allOf": [ref("ContactReach"), answer]}, message,
                                     {**EXAMPLE_REACH, **{k: v for k, v in example.items()
                                                          if k not in ("uid", "email", "phone")}}),
                      **errors(*COMMON)},
    }


def answers(field, extra=None):
    return {"type": "object", "required": [field], "properties": {field: STR, **(extra or {})}}


paths = {
    "/api/contact": {
        "post": {"summary": "Create Contact", "operationId": "createContact", "tags": ["contacts"],
                 "requestBody": body(ref("NewContact"), EXAMPLE_CREATE),
                 "responses": {"201": {**success(ref("CreatedContact"), "Contact created successfully", {
                     "uid": "ABC12345", "email": "john@example.com", "phone": "+15551234567",
                     "firstName": "John", "lastName": "Doe"}), "links": CREATE_LINKS},
                     **errors("400", "401", "403", "405", "429", "500")}},
        "get": {"summary": "Get Contact", "operationId": "getContact", "tags": ["contacts"],
                "description": "One of uid, email or phone is required (not blank); uid wins, then email, then "
                               "phone. By uid: one contact. By email or phone: one contact when exactly one "
                               "matches, an array (message 'N contacts found') when several do. Phone matching "
                               "ignores formatting; email matching ignores case. Several matches are listed "
                               "as summaries (uid, email, phone, firstName, lastName), as the reference shows.",
                "parameters": [query_param("uid", STR, "Unique identifier", example="ABC12345"),
                               query_param("email", STR, "Email address (may match several contacts)"),
                               query_param("phone", STR, "Phone number, any formatting (may match several)")],
                "responses": {"200": several_examples(success(
                                  {"oneOf": [ref("Contact"), {"type": "array", "minItems": 2,
                                                              "items": ref("ContactSummary")}]},
                                  "Contact retrieved successfully / N contacts found",
                                  EXAMPLE_CONTACT, "Contact retrieved successfully")),
                              **errors(*COMMON)}},
        "put": {"summary": "Update Contact", "operationId": "updateContact", "tags": ["contacts"],
                "requestBody": body(ref("ContactUpdate"), EXAMPLE_UPDATE),
                "responses": {"200": success(ref("Contact"), "Contact updated successfully (the whole contact)"),
                              **errors(*COMMON)}},
        "delete": {"summary": "Delete Contact", "operationId": "deleteContact", "tags": ["contacts"],
                   "parameters": [query_param("uid", NON_BLANK, "Unique identifier of the contact to delete",
                                              True, "ABC12345")],
                   "responses": {"200": success({"type": "object", "required": ["uid"], "properties": {"uid": UID}},
                                                "Contact deleted successfully", {"uid": "ABC12345"}),
                                 **errors(*COMMON)}},
    },
    "/api/contact/tag/add": {"post": action(
        "Add Tag to Contact", "addTag", "tagName", "Tag to add (created in the account if new; a set per contact)",
        "Tag added to contact successfully", {"uid": "ABC12345", "tagName": "VIP Customer"}, answers("tagName"))},
    "/api/contact/note/add": {"post": action(
        "Add Note to Contact", "addNote", "note", "Note text, stored verbatim with the current minute",
        "Note added to contact successfully",
        {"uid": "ABC12345", "note": "Customer called to inquire about enterprise pricing. Scheduled demo for next "
                                    "Tuesday at 2 PM."}, answers("note"))},
    "/api/contact/stage": {"put": action(
        "Change Contact Stage", "changeStage", "stageName", "A stage that exists in the account",
        "Contact stage updated successfully", {"uid": "ABC12345", "stageName": "Qualified"}, answers("stageName"))},
    "/api/contact/quality": {"put": action(
        "Change Contact Quality", "changeQuality", "qualityName", "A quality that exists in the account",
        "Contact quality updated successfully", {"phone": "+15551234567", "qualityName": "High"},
        answers("qualityName"))},
    "/api/contact/owner": {"put": action(
        "Change Contact Owner", "changeOwner", "ownerEmail", "Email of a team member",
        "Contact owner updated successfully", {"uid": "ABC12345", "ownerEmail": "sales@yourcompany.com"},
        answers("ownerEmail", {"ownerName": NSTR}))},
    "/openapi.json": {"get": {"summary": "This OpenAPI description", "operationId": "openapi", "tags": ["meta"],
                              "security": [],
                              "responses": {"200": {"description": "OpenAPI 3.1 document",
                                                    "content": {"application/json": {"schema": {"type": "object"}}}},
                                            "405": resp("MethodNotAllowed")}}},
}
# The reference's owner answer also names the owner.
paths["/api/contact/owner"]["put"]["responses"]["200"]["content"]["application/json"]["examples"]["reference"][
    "value"]["data"]["ownerName"] = "Jane Smith"

document = {
    "openapi": "3.1.0",
    "info": {
        "title": "8M Genius Contact API",
        "version": "1.0.0",
        "description": "RESTful API for managing CRM contacts, leads, tags, stages, quality and ownership. "
                       "Only Starter, Pro and Business plans have API access. Every answer is JSON: "
                       "{success: true, message, data} or {success: false, error, code}. Every parameter is a "
                       "string (tags: an array of strings); anything else is a 400 naming the field.",
    },
    "servers": [{"url": "https://contact-api.8mgenius.com.br", "description": "Production"},
                {"url": "http://127.0.0.1:8787", "description": "genius serve (local simulator)"}],
    "security": [{"bearerAuth": []}],
    "tags": [{"name": "contacts"}, {"name": "meta"}],
    "paths": paths,
    "components": {
        "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
                                           "description": "Authorization: Bearer YOUR_API_TOKEN"}},
        "schemas": schemas,
        "responses": responses,
    },
}

out = Path(__file__).resolve().parent.parent / "assets" / "openapi.json"
out.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
print(f"wrote {out}")
