//! `genius query`: the address-book contract of mutt (`query_command`) and aerc (`address-book-cmd`).
//! The output is one line per contact with an email, `email<TAB>name<TAB>extra`; mutt skips the first
//! line (a status message), aerc does not, hence `--no-header`. The API looks contacts up by exact
//! email, phone or uid only; what a person types in a mail client is often a name or part of an
//! address, so those are also matched against the contacts seen before (the profile's contact cache).
//! A shared email or phone answers summaries (uid, email, phone, name): enough for a line, whose
//! third column then holds the uid where a whole contact shows its business and stage.
#![deny(clippy::indexing_slicing)]

use crate::api::{Contact, ContactSummary, ErrorKind, Identifier, Lookup};
use crate::cache::ContactCache;
use crate::config::RunConfig;
use crate::text::safe_line;

use super::connect::{Access, client_for, connection};
use super::failure::{Exit, Failure, Outcome};
use super::single::write_stdout;

/// How to wire `genius query` into mail clients (shown in `genius query --help`).
pub const QUERY_HELP: &str = "\
mutt / neomutt (~/.muttrc):
  set query_command = \"genius query %s\"
aerc (aerc.conf, [compose]):
  address-book-cmd = genius query --no-header %s

A whole email, phone or uid is looked up on the server; a name or part of an address is
matched against the contacts seen before (the profile's contact cache), which also answer
when the server cannot be reached.
Exit status: 0 with matches, 2 with none, 5 when the server cannot be reached and nothing
seen before matches.";

/// Runs `genius query`; `header` adds the status line mutt expects first.
pub async fn run(query: &str, header: bool, config: &RunConfig) -> Outcome {
    let connection = connection(config)?;
    let cache = ContactCache::for_account(connection.account_name(), connection.cache_enabled());
    let mut found: Vec<Addressee> = Vec::new();
    let exact = Identifier::parse(query).ok();
    // Offline (network or server trouble), contacts seen before still answer; the failure is
    // the outcome only when they do not.
    let mut unreachable = None;
    if let Some(who) = &exact {
        let client = client_for(connection, Access::Read)?;
        match client.get(who).await {
            Ok(Lookup::One(contact)) => found.push(Addressee::from(contact.as_ref())),
            Ok(Lookup::Several(summaries)) => {
                found.extend(summaries.into_iter().map(Addressee::from));
            }
            Err(error) if error.kind() == ErrorKind::NotFound => {}
            Err(error)
                if matches!(
                    error.kind(),
                    ErrorKind::Network
                        | ErrorKind::Timeout
                        | ErrorKind::Server
                        | ErrorKind::RateLimited
                ) =>
            {
                unreachable = Some(Failure::api(&format!("looking up {who}"), &error));
            }
            Err(error) => return Err(Failure::api(&format!("looking up {who}"), &error)),
        }
    }
    // The index finds the names; only the matching contacts' files are read.
    let seen: Vec<Contact> = cache
        .search(query)
        .iter()
        .filter_map(|summary| cache.get(&summary.uid))
        .map(|cached| cached.contact)
        .collect();
    for contact in matching(&seen, query) {
        if !found.iter().any(|a| a.who.uid == contact.uid) {
            found.push(Addressee::from(&contact));
        }
    }
    let lines = address_lines(&found);
    if let Some(failure) = unreachable {
        if lines.is_empty() {
            return Err(failure);
        }
        eprintln!(
            "genius: {} (showing contacts seen before)",
            crate::text::safe_line(&failure.message)
        );
    }
    if lines.is_empty() {
        if header {
            write_stdout("genius: no match\n")?;
        }
        let hint = if exact.is_none() && !cache.is_enabled() {
            "no match: the API looks up exact emails, phones and uids, and the contact cache is off"
        } else {
            ""
        };
        return Err(Failure::new(Exit::NotFound, hint));
    }
    let mut text = String::new();
    if header {
        text.push_str(&format!("genius: {} found\n", lines.len()));
    }
    for line in lines {
        text.push_str(&line);
        text.push('\n');
    }
    write_stdout(&text)
}

/// The contacts whose name, email, phone digits or business contain every word of the query
/// (ignoring case), most recently seen first as given.
pub fn matching(contacts: &[Contact], query: &str) -> Vec<Contact> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    contacts
        .iter()
        .filter(|contact| {
            let haystack = [
                Some(contact.display_name()),
                contact.email.clone(),
                contact.phone.clone(),
                contact.business_name.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
            words.iter().all(|word| haystack.contains(word.as_str()))
        })
        .cloned()
        .collect()
}

/// Whom an address line names: the identity every match has, and what else is known of it (a
/// whole contact's business and stage; nothing for a summary).
#[derive(Debug, Clone, PartialEq)]
pub struct Addressee {
    pub who: ContactSummary,
    pub about: Vec<String>,
}

impl From<&Contact> for Addressee {
    fn from(contact: &Contact) -> Self {
        Addressee {
            who: ContactSummary::from(contact),
            about: [&contact.business_name, &contact.stage_name]
                .into_iter()
                .flatten()
                .cloned()
                .collect(),
        }
    }
}

impl From<ContactSummary> for Addressee {
    fn from(who: ContactSummary) -> Self {
        Addressee {
            who,
            about: Vec::new(),
        }
    }
}

/// One `email<TAB>name<TAB>extra` line per addressee that has an email; server text is made safe,
/// so a tab or newline inside a name cannot break the columns. The extra column is what is known
/// about the contact, else its uid.
pub fn address_lines(addressees: &[Addressee]) -> Vec<String> {
    addressees
        .iter()
        .filter_map(|addressee| {
            let contact = &addressee.who;
            let email = contact
                .email
                .as_deref()
                .map(str::trim)
                .filter(|e| !e.is_empty())?;
            let name = match (&contact.first_name, &contact.last_name) {
                (None, None) => String::new(),
                _ => contact.display_name(),
            };
            let extra: Vec<&str> = addressee
                .about
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect();
            let extra = if extra.is_empty() {
                contact.uid.clone()
            } else {
                extra.join(" · ")
            };
            Some(format!(
                "{}\t{}\t{}",
                safe_line(email),
                safe_line(name.trim()),
                safe_line(&extra)
            ))
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the fixtures they built
mod tests {
    use super::*;

    #[test]
    fn names_and_partial_addresses_match_every_word() {
        let ana = Contact {
            uid: "AAAAAAAA".into(),
            first_name: Some("Ana".into()),
            last_name: Some("Lima".into()),
            email: Some("ana@acme.example".into()),
            business_name: Some("Acme".into()),
            ..Contact::default()
        };
        let bia = Contact {
            uid: "BBBBBBBB".into(),
            first_name: Some("Bia".into()),
            email: Some("bia@other.example".into()),
            ..Contact::default()
        };
        let both = vec![ana.clone(), bia];
        assert_eq!(matching(&both, "ana"), vec![ana.clone()]);
        assert_eq!(matching(&both, "LIMA acme"), vec![ana.clone()]);
        assert_eq!(matching(&both, "@acme"), vec![ana]);
        assert_eq!(matching(&both, "example").len(), 2);
        assert!(matching(&both, "ana bia").is_empty());
        assert!(matching(&both, "  ").is_empty());
    }

    #[test]
    fn lines_have_three_tab_separated_columns_and_skip_contacts_without_email() {
        let contacts = [
            Contact {
                uid: "ABC12345".into(),
                email: Some("john@example.com".into()),
                first_name: Some("John\tX".into()),
                last_name: Some("Doe".into()),
                business_name: Some("Acme".into()),
                stage_name: Some("New Lead".into()),
                ..Contact::default()
            },
            Contact {
                uid: "NOEMAIL1".into(),
                phone: Some("+5511".into()),
                ..Contact::default()
            },
            Contact {
                uid: "XYZ67890".into(),
                email: Some("jo@example.com".into()),
                ..Contact::default()
            },
        ];
        let mut addressees: Vec<Addressee> = contacts.iter().map(Addressee::from).collect();
        addressees.push(Addressee::from(ContactSummary {
            uid: "SUMMARY1".into(),
            email: Some("ana@example.com".into()),
            first_name: Some("Ana".into()),
            last_name: Some("Lima".into()),
            ..ContactSummary::default()
        }));
        assert_eq!(
            address_lines(&addressees),
            vec![
                "john@example.com\tJohn\u{2409}X Doe\tAcme · New Lead".to_string(),
                "jo@example.com\t\tXYZ67890".to_string(),
                "ana@example.com\tAna Lima\tSUMMARY1".to_string(),
            ]
        );
    }
}
