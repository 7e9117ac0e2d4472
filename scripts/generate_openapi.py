#!/usr/bin/env python3
"""Generates assets/openapi.json, the OpenAPI 3.1 description of the Contact API that the simulator
serves at /openapi.json. Run from anywhere: python3 scripts/generate_openapi.py (output committed).
tests/simulator.rs checks that every route the simulator serves is described here and vice versa."""

import json
from pathlib import Path

STR = {"type": "string"}
NSTR = {"type": ["string", "null"]}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def resp(name):
    return {"$ref": f"#/components/responses/{name}"}


CONTACT_FIELDS = [
    ("email", "Email address"), ("phone", "Phone number (any formatting)"),
    ("businessName", "Business or company name"), ("birthday", "Birthday, YYYY-MM-DD (a real date)"),
    ("address", "Street address"), ("city", "City"), ("state", "State or province"),
    ("zipcode", "ZIP or postal code"), ("timeZone", "Time zone (IANA name)"),
    ("value", "Projected value or deal amount (a number is accepted and kept as its text)"),
    ("stageName", "Name of a stage that exists in the account"),
    ("qualityName", "Name of a quality that exists in the account"),
    ("ownerEmail", "Email of the team member who owns the contact"),
    ("snapshot", "Summary or snapshot information about the contact"),
]
NAME_FIELDS = [("name", "Full name, split at the first space into firstName and lastName"),
               ("firstName", "First name"), ("lastName", "Last name")]


def props(fields):
    return {name: {**STR, "description": text} for name, text in fields}


TAGS_ARRAY = {"type": "array", "items": STR}

schemas = {
    "Contact": {
        "type": "object",
        "description": "A whole contact. Absent optional fields are null. Field order as shown.",
        "required": ["uid", "tags", "created", "lastUpdate"],
        "properties": {
            "uid": {**STR, "pattern": "^[A-Z0-9]{8}$"},
            "email": NSTR, "phone": NSTR, "firstName": NSTR, "lastName": NSTR, "businessName": NSTR,
            "birthday": {"type": ["string", "null"], "format": "date"}, "address": NSTR, "city": NSTR,
            "state": NSTR, "zipcode": NSTR, "timeZone": NSTR, "value": NSTR, "stageName": NSTR,
            "qualityName": NSTR, "ownerEmail": NSTR,
            "ownerName": {**NSTR, "description": "The owner's name, from the team"},
            "snapshot": NSTR,
            "notes": {**NSTR, "description": "Every note, oldest first, each 'YYYY-MM-DD HH:MM text' in the "
                      "account's time zone, separated by a blank line (\\n\\n)"},
            "tags": TAGS_ARRAY,
            "created": {"type": "string", "format": "date-time", "examples": ["2024-01-15T10:30:00Z"]},
            "lastUpdate": {"type": "string", "format": "date-time"},
        },
    },
    "CreatedContact": {
        "type": "object", "required": ["uid"],
        "properties": {"uid": STR, "email": NSTR, "phone": NSTR, "firstName": NSTR, "lastName": NSTR},
    },
    "NewContact": {
        "type": "object",
        "description": "Either name or firstName/lastName is required; at least one of email or phone.",
        "properties": {**props(NAME_FIELDS), **props(CONTACT_FIELDS),
                       "note": {**STR, "description": "Initial note"},
                       "tags": {**TAGS_ARRAY, "description": "Tag names (created if new)"}},
    },
    "ContactUpdate": {
        "type": "object", "required": ["uid"],
        "description": "Only the fields given change; an empty string clears a field. Tags are added, never removed.",
        "properties": {"uid": STR, **props(NAME_FIELDS), **props(CONTACT_FIELDS),
                       "tags": {**TAGS_ARRAY, "description": "Tag names to add (additive only)"}},
    },
    "ContactRef": {
        "type": "object",
        "description": "One of uid, email or phone names the contact (uid wins, then email, then phone). "
                       "An email or phone that matches several contacts is a 400: name the contact by uid.",
        "properties": {"uid": STR, "email": STR, "phone": STR},
    },
    "ChangeResult": {
        "type": "object", "required": ["contactUid"],
        "properties": {"contactUid": STR, "contactEmail": NSTR, "contactPhone": NSTR, "tagName": STR, "note": STR,
                       "stageName": STR, "qualityName": STR, "ownerEmail": STR, "ownerName": NSTR},
    },
    "Success": {
        "type": "object", "required": ["success", "message", "data"],
        "properties": {"success": {"const": True}, "message": STR, "data": {}},
    },
    "Error": {
        "type": "object", "required": ["success", "error", "code"],
        "properties": {
            "success": {"const": False}, "error": {**STR, "description": "What went wrong, naming the field"},
            "code": {"enum": ["AUTH_ERROR", "BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND",
                              "METHOD_NOT_ALLOWED", "RATE_LIMITED", "SERVER_ERROR"]},
        },
    },
}


def success(data_schema, description="OK"):
    return {"description": description, "content": {"application/json": {"schema": {
        "allOf": [ref("Success"), {"properties": {"data": data_schema}}]}}}}


def error_response(description, extra_headers=None):
    out = {"description": description, "content": {"application/json": {"schema": ref("Error")}}}
    if extra_headers:
        out["headers"] = extra_headers
    return out


RATE_HEADERS = {
    "X-RateLimit-Limit": {"description": "Requests allowed per second (when a limit is on)", "schema": {"type": "integer"}},
    "X-RateLimit-Remaining": {"description": "Requests left in the current burst", "schema": {"type": "integer"}},
}
responses = {
    "BadRequest": error_response("Missing or invalid parameter, malformed JSON (code BAD_REQUEST)"),
    "Unauthorized": error_response("Missing or malformed Authorization header (UNAUTHORIZED) or unknown token (AUTH_ERROR)"),
    "Forbidden": error_response("The account's plan (Free, Express) has no API access (FORBIDDEN)"),
    "NotFound": error_response("No such contact (NOT_FOUND)"),
    "MethodNotAllowed": error_response("The path does not support this method (METHOD_NOT_ALLOWED)"),
    "RateLimited": error_response("Too many requests (RATE_LIMITED)", {
        "Retry-After": {"description": "Seconds to wait (integer, at least 1)", "schema": {"type": "integer", "minimum": 1}},
        **RATE_HEADERS}),
    "ServerError": error_response("Internal server error (SERVER_ERROR)"),
}


def errors(*codes):
    names = {"400": "BadRequest", "401": "Unauthorized", "403": "Forbidden", "404": "NotFound",
             "405": "MethodNotAllowed", "429": "RateLimited", "500": "ServerError"}
    return {code: resp(names[code]) for code in codes}


def query_param(name, description, required=False):
    return {"name": name, "in": "query", "required": required, "schema": STR, "description": description}


def body(schema_ref, extra=None):
    schema = ref(schema_ref) if extra is None else {"allOf": [ref(schema_ref), extra]}
    return {"required": True, "content": {"application/json": {"schema": schema}}}


COMMON = ("400", "401", "403", "404", "405", "429", "500")


def action(summary, op_id, field, description, message):
    return {
        "summary": summary, "operationId": op_id, "tags": ["contacts"],
        "requestBody": body("ContactRef", {"type": "object", "required": [field],
                                           "properties": {field: {**STR, "description": description}}}),
        "responses": {"200": success(ref("ChangeResult"), message), **errors(*COMMON)},
    }


paths = {
    "/api/contact": {
        "post": {"summary": "Create Contact", "operationId": "createContact", "tags": ["contacts"],
                 "requestBody": body("NewContact"),
                 "responses": {"201": success(ref("CreatedContact"), "Contact created successfully"),
                               **errors("400", "401", "403", "405", "429", "500")}},
        "get": {"summary": "Get Contact", "operationId": "getContact", "tags": ["contacts"],
                "description": "By uid: one contact. By email or phone: one contact when exactly one matches, "
                               "an array (message 'N contacts found') when several do. Phone matching ignores "
                               "formatting; email matching ignores case.",
                "parameters": [query_param("uid", "Unique identifier (one of uid, email, phone is required)"),
                               query_param("email", "Email address (may match several contacts)"),
                               query_param("phone", "Phone number, any formatting (may match several contacts)")],
                "responses": {"200": success({"oneOf": [ref("Contact"), {"type": "array", "items": ref("Contact")}]},
                                             "Contact retrieved successfully / N contacts found"),
                              **errors(*COMMON)}},
        "put": {"summary": "Update Contact", "operationId": "updateContact", "tags": ["contacts"],
                "requestBody": body("ContactUpdate"),
                "responses": {"200": success(ref("Contact"), "Contact updated successfully (the whole contact)"),
                              **errors(*COMMON)}},
        "delete": {"summary": "Delete Contact", "operationId": "deleteContact", "tags": ["contacts"],
                   "parameters": [query_param("uid", "Unique identifier of the contact to delete", True)],
                   "responses": {"200": success({"type": "object", "required": ["uid"], "properties": {"uid": STR}},
                                                "Contact deleted successfully"),
                                 **errors(*COMMON)}},
    },
    "/api/contact/tag/add": {"post": action("Add Tag to Contact", "addTag", "tagName",
                                            "Tag to add (created in the account if new; a set per contact)",
                                            "Tag added to contact successfully")},
    "/api/contact/note/add": {"post": action("Add Note to Contact", "addNote", "note",
                                             "Note text, stored verbatim with the current minute",
                                             "Note added to contact successfully")},
    "/api/contact/stage": {"put": action("Change Contact Stage", "changeStage", "stageName",
                                         "A stage that exists in the account", "Contact stage updated successfully")},
    "/api/contact/quality": {"put": action("Change Contact Quality", "changeQuality", "qualityName",
                                           "A quality that exists in the account",
                                           "Contact quality updated successfully")},
    "/api/contact/owner": {"put": action("Change Contact Owner", "changeOwner", "ownerEmail",
                                         "Email of a team member", "Contact owner updated successfully (with ownerName)")},
    "/openapi.json": {"get": {"summary": "This OpenAPI description", "operationId": "openapi", "tags": ["meta"],
                              "security": [],
                              "responses": {"200": {"description": "OpenAPI 3.1 document",
                                                    "content": {"application/json": {"schema": {"type": "object"}}}}}}},
}

document = {
    "openapi": "3.1.0",
    "info": {
        "title": "8M Genius Contact API",
        "version": "1.0.0",
        "description": "RESTful API for managing CRM contacts, leads, tags, stages, quality and ownership. "
                       "Only Starter, Pro and Business plans have API access. Every answer is JSON: "
                       "{success: true, message, data} or {success: false, error, code}.",
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
