//! `genius query`: the address-book contract of mutt (`query_command`) and aerc (`address-book-cmd`).
//! The output is one line per contact with an email, `email<TAB>name<TAB>extra`; mutt skips the first
//! line (a status message), aerc does not, hence `--no-header`. The API looks contacts up by email,
//! phone or uid only, so the query must be one of those.

use crate::api::{Contact, Identifier};
use crate::cli::GlobalArgs;
use crate::text::safe_line;

use super::QueryArgs;
use super::connect::{Access, client};
use super::failure::{Exit, Failure, Outcome};
use super::single::write_stdout;

/// How to wire `genius query` into mail clients (shown in `genius query --help`).
pub const QUERY_HELP: &str = "\
mutt / neomutt (~/.muttrc):
  set query_command = \"genius query %s\"
aerc (aerc.conf, [compose]):
  address-book-cmd = genius query --no-header %s

Exit status: 0 with matches, 2 with none.";

/// Runs `genius query`.
pub async fn run(args: QueryArgs, global: &GlobalArgs) -> Outcome {
    let who = Identifier::parse(&args.query)
        .map_err(|error| Failure::usage(format!("{error} (the API cannot search by name)")))?;
    let client = client(global, Access::Read)?;
    let contacts = match client.get(&who).await {
        Ok(found) => found.into_contacts(),
        Err(error) if error.kind() == crate::api::ErrorKind::NotFound => Vec::new(),
        Err(error) => return Err(Failure::api(&format!("looking up {who}"), &error)),
    };
    let lines = address_lines(&contacts);
    if lines.is_empty() {
        if !args.no_header {
            write_stdout("genius: no match\n")?;
        }
        return Err(Failure::new(Exit::NotFound, String::new()));
    }
    let mut text = String::new();
    if !args.no_header {
        text.push_str(&format!("genius: {} found\n", lines.len()));
    }
    for line in lines {
        text.push_str(&line);
        text.push('\n');
    }
    write_stdout(&text)
}

/// One `email<TAB>name<TAB>extra` line per contact that has an email; server text is made safe, so a
/// tab or newline inside a name cannot break the columns.
pub fn address_lines(contacts: &[Contact]) -> Vec<String> {
    contacts
        .iter()
        .filter_map(|contact| {
            let email = contact
                .email
                .as_deref()
                .map(str::trim)
                .filter(|e| !e.is_empty())?;
            let name = match (&contact.first_name, &contact.last_name) {
                (None, None) => String::new(),
                _ => contact.display_name(),
            };
            let extra: Vec<&str> = [&contact.business_name, &contact.stage_name]
                .into_iter()
                .flatten()
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
mod tests {
    use super::*;

    #[test]
    fn lines_have_three_tab_separated_columns_and_skip_contacts_without_email() {
        let contacts = vec![
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
        assert_eq!(
            address_lines(&contacts),
            vec![
                "john@example.com\tJohn\u{2409}X Doe\tAcme · New Lead".to_string(),
                "jo@example.com\t\tXYZ67890".to_string(),
            ]
        );
    }
}
