//! The OpenAPI description served at /openapi.json, held to the simulator: exactly the served routes,
//! the reference's examples accepted as they stand, links from a create to every operation on the
//! contact, and "not blank" spelled with exactly the characters the simulator trims.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{Value, json};

use super::{call, start};

async fn document() -> Value {
    let sim = start().await;
    let answer = call(Method::GET, "/openapi.json")
        .token(None)
        .send(&sim)
        .await;
    sim.shutdown().await;
    answer.json
}

#[tokio::test]
async fn the_openapi_document_describes_exactly_the_served_routes() {
    let sim = start().await;
    let answer = call(Method::GET, "/openapi.json")
        .token(None)
        .send(&sim)
        .await;
    assert_eq!(answer.status, 200);
    let document = answer.json;
    assert_eq!(document["openapi"], "3.1.0");
    let mut documented = BTreeSet::new();
    for (path, operations) in document["paths"].as_object().expect("paths") {
        for method in operations.as_object().unwrap().keys() {
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    let served: BTreeSet<(String, String)> = genius::sim::routes::served_routes()
        .into_iter()
        .map(|(method, path)| (method.to_string(), path.to_string()))
        .collect();
    assert_eq!(documented, served);

    let all_methods = ["GET", "POST", "PUT", "DELETE", "PATCH"];
    let paths: BTreeSet<&String> = documented.iter().map(|(_, path)| path).collect();
    for path in paths {
        for method in all_methods {
            let listed = documented.contains(&(method.to_string(), path.clone()));
            let answer = call(Method::from_bytes(method.as_bytes()).unwrap(), path)
                .json(&json!({}))
                .send(&sim)
                .await;
            if listed {
                assert!(
                    !matches!(answer.status, 404 | 405)
                        || answer.error_message() == "Contact not found",
                    "{method} {path} is documented but answered {}",
                    answer.text
                );
                let operation = &document["paths"][path][method.to_lowercase()];
                let statuses = operation["responses"].as_object().unwrap();
                assert!(
                    statuses.contains_key(&answer.status.to_string()),
                    "{method} {path} answered {} which the document does not list",
                    answer.status
                );
            } else {
                assert_eq!(
                    answer.status, 405,
                    "{method} {path} is not documented: {}",
                    answer.text
                );
            }
        }
    }
    // Every $ref points at something the document defines.
    let mut refs = Vec::new();
    collect_refs(&document, &mut refs);
    assert!(
        refs.len() > 20,
        "the document shares its schemas by reference"
    );
    for reference in refs {
        let pointer = reference.strip_prefix('#').expect("a local reference");
        assert!(
            document.pointer(pointer).is_some(),
            "dangling $ref {reference}"
        );
    }
    let rate_limited = &document["components"]["responses"]["RateLimited"];
    assert!(rate_limited["headers"].get("Retry-After").is_some());
    for (path, operations) in document["paths"].as_object().unwrap() {
        if path.starts_with("/api/") {
            for (method, operation) in operations.as_object().unwrap() {
                for status in ["400", "401", "403", "405", "429", "500"] {
                    assert!(
                        operation["responses"].get(status).is_some(),
                        "{method} {path} lacks {status}"
                    );
                }
            }
        }
    }
    sim.shutdown().await;
}

fn collect_refs(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner) {
                    ("$ref", Value::String(target)) => into.push(target.clone()),
                    _ => collect_refs(inner, into),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_refs(item, into)),
        _ => {}
    }
}

#[tokio::test]
async fn every_example_of_the_reference_is_accepted() {
    let document = document().await;
    let mut tried = 0;
    for (path, operations) in document["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            let media = &operation["requestBody"]["content"]["application/json"];
            let mut query: Vec<String> = Vec::new();
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                if let Some(value) = parameter["examples"]["reference"]["value"].as_str() {
                    query.push(format!("{}={value}", parameter["name"].as_str().unwrap()));
                }
            }
            let body = media["examples"]["reference"]["value"].clone();
            if body.is_null() && query.is_empty() {
                continue;
            }
            // A fresh demo each time: the delete example must not take John Doe from the others.
            let sim = start().await;
            let target = match query.is_empty() {
                true => path.clone(),
                false => format!("{path}?{}", query.join("&")),
            };
            let mut request = call(
                Method::from_bytes(method.to_uppercase().as_bytes()).unwrap(),
                &target,
            );
            if !body.is_null() {
                request = request.json(&body.clone());
            }
            let answer = request.send(&sim).await;
            assert!(
                (200..300).contains(&answer.status),
                "{method} {path} with the reference's example {body}: {}",
                answer.text
            );
            tried += 1;
            sim.shutdown().await;
        }
    }
    assert_eq!(
        tried, 9,
        "every API operation carries the reference's example"
    );
}

#[tokio::test]
async fn a_create_links_to_every_operation_on_the_new_contact() {
    let document = document().await;
    let links = document["paths"]["/api/contact"]["post"]["responses"]["201"]["links"]
        .as_object()
        .expect("links from a create");
    let mut targets = BTreeSet::new();
    for link in links.values() {
        targets.insert(link["operationId"].as_str().unwrap().to_string());
        let uid = link["parameters"]["uid"]
            .as_str()
            .or_else(|| link["requestBody"]["uid"].as_str());
        assert_eq!(uid, Some("$response.body#/data/uid"), "{link}");
    }
    let expected: BTreeSet<String> = [
        "getContact",
        "updateContact",
        "deleteContact",
        "addTag",
        "addNote",
        "changeStage",
        "changeQuality",
        "changeOwner",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(targets, expected);
}

#[tokio::test]
async fn the_groups_and_types_the_simulator_enforces_are_stated() {
    let document = document().await;
    let schemas = &document["components"]["schemas"];
    let required_groups = |schema: &Value| -> Vec<Vec<String>> {
        let groups = schema["allOf"]
            .as_array()
            .cloned()
            .unwrap_or_else(|| vec![schema.clone()]);
        groups
            .iter()
            .filter_map(|group| group["anyOf"].as_array())
            .map(|choices| {
                choices
                    .iter()
                    .map(|c| {
                        let name = c["required"][0].as_str().unwrap().to_string();
                        assert_eq!(
                            c["properties"][&name]["minLength"], 1,
                            "{name} is not blank"
                        );
                        name
                    })
                    .collect()
            })
            .collect()
    };
    assert_eq!(
        required_groups(&schemas["NewContact"]),
        [
            vec!["name", "firstName", "lastName"],
            vec!["email", "phone"]
        ]
    );
    assert_eq!(
        required_groups(&schemas["ContactRef"]),
        [vec!["uid", "email", "phone"]]
    );
    for field in ["name", "email", "value", "stageName", "note"] {
        assert_eq!(
            schemas["NewContact"]["properties"][field]["type"], "string",
            "{field}"
        );
    }
    assert_eq!(
        schemas["NewContact"]["properties"]["tags"]["items"]["type"],
        "string"
    );
    assert_eq!(schemas["ContactUpdate"]["required"], json!(["uid"]));
}

#[tokio::test]
async fn not_blank_means_what_the_simulator_trims() {
    let document = document().await;
    let pattern =
        document["components"]["schemas"]["ContactUpdate"]["properties"]["uid"]["pattern"]
            .as_str()
            .expect("a pattern for a non-blank uid");
    let class: Vec<char> = pattern
        .strip_prefix("[^")
        .and_then(|rest| rest.strip_suffix(']'))
        .expect("one negated class")
        .chars()
        .collect();
    let mut listed = BTreeSet::new();
    let mut index = 0;
    while index < class.len() {
        if class.get(index + 1) == Some(&'-') && index + 2 < class.len() {
            listed.extend(class[index]..=class[index + 2]);
            index += 3;
        } else {
            listed.insert(class[index]);
            index += 1;
        }
    }
    let trimmed: BTreeSet<char> = (char::MIN..=char::MAX)
        .filter(|c| c.is_whitespace())
        .collect();
    assert_eq!(listed, trimmed);
}

#[tokio::test]
async fn several_matches_are_described_and_answered_as_the_reference_shows_them() {
    let sim = start().await;
    let document = call(Method::GET, "/openapi.json")
        .token(None)
        .send(&sim)
        .await
        .json;
    let answer = call(Method::GET, "/api/contact?email=john@example.com")
        .send(&sim)
        .await;
    sim.shutdown().await;
    let get = &document["paths"]["/api/contact"]["get"]["responses"]["200"]["content"]["application/json"];
    // The documented example is what the demo answers, word for word.
    assert_eq!(get["examples"]["several"]["value"], answer.json);
    // The schema of each listed match is exactly the five fields, nothing more.
    let listed = &get["schema"]["allOf"][1]["properties"]["data"]["oneOf"][1];
    assert_eq!(
        listed["items"]["$ref"],
        "#/components/schemas/ContactSummary"
    );
    let summary = &document["components"]["schemas"]["ContactSummary"];
    assert_eq!(summary["additionalProperties"], false);
    let required: BTreeSet<&str> = summary["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let answered: BTreeSet<&str> = answer.json["data"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(required, answered);
}
