//! Reading what a request carries — its JSON body or query string — into checked values, with a
//! 400 message naming the field whenever something is missing or of the wrong kind.

use serde_json::{Map, Value};

use super::reply::SimError;

/// How the client named a contact: by uid, or by an email or phone that may match several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    Uid(String),
    Email(String),
    Phone(String),
}

impl Who {
    /// The parameter's name: `uid`, `email` or `phone`.
    pub fn field(&self) -> &'static str {
        match self {
            Who::Uid(_) => "uid",
            Who::Email(_) => "email",
            Who::Phone(_) => "phone",
        }
    }
}

/// A JSON request body: an object of named parameters.
#[derive(Debug, Clone, Default)]
pub struct Body(Map<String, Value>);

impl Body {
    /// Parses a request body, insisting on a JSON object. `content_type` is the header, if sent.
    pub fn parse(content_type: Option<&str>, bytes: &[u8]) -> Result<Body, SimError> {
        if let Some(kind) = content_type
            && !kind.to_ascii_lowercase().contains("json")
        {
            return Err(SimError::bad_request(format!(
                "Content-Type must be application/json, not {kind:?}"
            )));
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(SimError::bad_request(
                "the request body is empty: send a JSON object",
            ));
        }
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(map)) => Ok(Body(map)),
            Ok(_) => Err(SimError::bad_request(
                "the request body must be a JSON object",
            )),
            Err(error) => Err(SimError::bad_request(format!(
                "malformed JSON in the request body: {error}"
            ))),
        }
    }

    /// Builds a body from query-string pairs (GET and DELETE take their parameters there).
    pub fn from_query(pairs: Vec<(String, String)>) -> Body {
        Body(
            pairs
                .into_iter()
                .map(|(key, value)| (key, Value::String(value)))
                .collect(),
        )
    }

    /// A text parameter: `None` when missing. The reference documents every parameter as a string,
    /// so anything else — a number, a boolean, null — is a 400 naming the field rather than a guess.
    pub fn text(&self, field: &str) -> Result<Option<String>, SimError> {
        match self.0.get(field) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(_) => Err(SimError::bad_request(format!("{field} must be a string"))),
        }
    }

    /// A text parameter that must be present and not blank ("tagName is required").
    pub fn required_text(&self, field: &str) -> Result<String, SimError> {
        self.text(field)?
            .filter(|text| !text.trim().is_empty())
            .ok_or_else(|| SimError::bad_request(format!("{field} is required")))
    }

    /// A text parameter where a blank value counts as not given (used for identifiers).
    fn non_blank(&self, field: &str) -> Result<Option<String>, SimError> {
        Ok(self.text(field)?.filter(|text| !text.trim().is_empty()))
    }

    /// The `tags` parameter: an array of strings.
    pub fn tags(&self) -> Result<Vec<String>, SimError> {
        let invalid = || SimError::bad_request("tags must be an array of strings");
        match self.0.get("tags") {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| item.as_str().map(str::to_string).ok_or_else(invalid))
                .collect(),
            Some(_) => Err(invalid()),
        }
    }

    /// The contact a request names: its uid, else its email, else its phone. Every one of the
    /// three that is present must be a string, even those not used.
    pub fn who(&self) -> Result<Who, SimError> {
        for field in ["uid", "email", "phone"] {
            self.text(field)?;
        }
        if let Some(uid) = self.non_blank("uid")? {
            return Ok(Who::Uid(uid.trim().to_string()));
        }
        if let Some(email) = self.non_blank("email")? {
            return Ok(Who::Email(email.trim().to_string()));
        }
        if let Some(phone) = self.non_blank("phone")? {
            return Ok(Who::Phone(phone.trim().to_string()));
        }
        Err(SimError::bad_request(
            "one of uid, email or phone is required",
        ))
    }

    /// The `uid` parameter, required (PUT and DELETE name the contact by uid only).
    pub fn uid(&self) -> Result<String, SimError> {
        self.non_blank("uid")?
            .map(|uid| uid.trim().to_string())
            .ok_or_else(|| SimError::bad_request("uid is required"))
    }

    /// The contact fields of a create or update body.
    pub fn contact_fields(&self) -> Result<ContactFields, SimError> {
        let birthday = self.text("birthday")?;
        if let Some(day) = birthday.as_deref().filter(|d| !d.is_empty()) {
            check_birthday(day)?;
        }
        Ok(ContactFields {
            name: self.text("name")?,
            first_name: self.text("firstName")?,
            last_name: self.text("lastName")?,
            email: self.text("email")?,
            phone: self.text("phone")?,
            business_name: self.text("businessName")?,
            birthday,
            address: self.text("address")?,
            city: self.text("city")?,
            state: self.text("state")?,
            zipcode: self.text("zipcode")?,
            time_zone: self.text("timeZone")?,
            value: self.text("value")?,
            stage_name: self.text("stageName")?,
            quality_name: self.text("qualityName")?,
            owner_email: self.text("ownerEmail")?,
            snapshot: self.text("snapshot")?,
            tags: self.tags()?,
        })
    }
}

/// The fields a create or update may carry; `None` means "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactFields {
    pub name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub business_name: Option<String>,
    pub birthday: Option<String>,
    pub address: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub zipcode: Option<String>,
    pub time_zone: Option<String>,
    pub value: Option<String>,
    pub stage_name: Option<String>,
    pub quality_name: Option<String>,
    pub owner_email: Option<String>,
    pub snapshot: Option<String>,
    pub tags: Vec<String>,
}

/// A birthday must be a real calendar date written exactly `YYYY-MM-DD`.
fn check_birthday(day: &str) -> Result<(), SimError> {
    let shaped = day.len() == 10
        && day.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if shaped && chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok() {
        Ok(())
    } else {
        Err(SimError::bad_request(
            "birthday must be a real date in YYYY-MM-DD",
        ))
    }
}

/// "Ana Clara Souza" → ("Ana", "Clara Souza"); one word → (word, "").
pub fn split_name(name: &str) -> (String, String) {
    let name = name.trim();
    match name.split_once(' ') {
        Some((first, last)) => (first.to_string(), last.trim_start().to_string()),
        None => (name.to_string(), String::new()),
    }
}

/// The digits of a phone number: formatting (+, spaces, dashes, dots, parentheses) is ignored.
pub fn phone_digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_at_the_first_space() {
        assert_eq!(
            split_name("Ana Clara Souza"),
            ("Ana".into(), "Clara Souza".into())
        );
        assert_eq!(split_name("Cher"), ("Cher".into(), String::new()));
        assert_eq!(
            split_name("  João  da Silva "),
            ("João".into(), "da Silva".into())
        );
    }

    #[test]
    fn birthdays_must_be_real_dates() {
        assert!(check_birthday("1990-02-28").is_ok());
        assert!(check_birthday("2024-02-29").is_ok());
        for bad in [
            "1990-02-30",
            "1990-2-3",
            "90-02-03",
            "1990/02/03",
            "1990-02-03T00:00",
        ] {
            assert_eq!(
                check_birthday(bad).unwrap_err().message,
                "birthday must be a real date in YYYY-MM-DD",
                "{bad}"
            );
        }
    }

    #[test]
    fn bodies_name_the_problem() {
        let err = Body::parse(Some("application/json"), b"{\"a\":").unwrap_err();
        assert!(err.message.starts_with("malformed JSON"), "{}", err.message);
        let err = Body::parse(Some("text/plain"), b"{}").unwrap_err();
        assert!(err.message.contains("Content-Type"));
        let err = Body::parse(None, b"[1]").unwrap_err();
        assert_eq!(err.message, "the request body must be a JSON object");
        let body = Body::parse(
            None,
            br#"{"value": 5000, "tags": "VIP", "city": true, "state": null, "zipcode": "0"}"#,
        )
        .unwrap();
        for field in ["value", "city", "state"] {
            assert_eq!(
                body.text(field).unwrap_err().message,
                format!("{field} must be a string")
            );
        }
        assert_eq!(body.text("zipcode").unwrap().as_deref(), Some("0"));
        assert_eq!(
            body.tags().unwrap_err().message,
            "tags must be an array of strings"
        );
    }

    #[test]
    fn every_identifier_present_is_checked_not_only_the_one_used() {
        let who = |json: &str| Body::parse(None, json.as_bytes()).unwrap().who();
        assert_eq!(
            who(r#"{"uid": "ABC12345", "email": ["x@y.z"]}"#)
                .unwrap_err()
                .message,
            "email must be a string"
        );
        assert_eq!(
            who(r#"{"phone": "1", "uid": 7}"#).unwrap_err().message,
            "uid must be a string"
        );
        assert_eq!(
            who(r#"{"uid": " ", "email": " a@b.c "}"#).unwrap(),
            Who::Email("a@b.c".into())
        );
        assert_eq!(
            who(r#"{"uid": "", "email": ""}"#).unwrap_err().message,
            "one of uid, email or phone is required"
        );
    }

    #[test]
    fn phones_compare_by_digits() {
        assert_eq!(phone_digits("+55 (11) 98765-4321"), "5511987654321");
        assert_eq!(phone_digits("+1.555.010.2030"), "15550102030");
    }
}
