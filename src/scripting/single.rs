//! The one-contact commands: get, create, update, delete, tag add, note add, stage/quality/owner set.
//! `--json` prints the API's `data` as it came (made safe for a terminal); otherwise a short human
//! text. `get` of an email or phone several contacts share prints the summaries the API lists (a
//! table), and in an export format fetches each match by uid. Also the output helpers the other
//! commands share.

use std::io::{IsTerminal, Read, Write};

use serde_json::Value;

use crate::api::{
    ApiRequest, Client, Contact, ContactChange, ContactPatch, Documented, Identifier, Lookup,
    NewContact, client::decode_data,
};
use crate::config::RunConfig;
use crate::export::{ExportFormat, export as render};
use crate::text::safe_line;

use super::connect::{Access, client, client_for, connection};
use super::failure::{Exit, Failure, Outcome};
use super::output::{BlockContext, Style, contact_block, summary_table};
use super::{SetField, ShowFormat, Task};

/// Runs the one-contact tasks (every [`Task`] that is not bulk, query or export).
pub async fn run(task: Task, config: &RunConfig) -> Outcome {
    match task {
        Task::Get { who, json, format } => get(&who, json, format, config).await,
        Task::Create { contact, json } => create(&contact, json, config).await,
        Task::Update { patch, json } => update(&patch, json, config).await,
        Task::Delete { uid, ask, json } => delete(&uid, ask, json, config).await,
        Task::AddTags { who, tags, json } => add_tags(&who, &tags, json, config).await,
        Task::AddNote { who, text, json } => add_note(&who, text, json, config).await,
        Task::Set {
            who,
            field,
            value,
            json,
        } => set(&who, field, &value, json, config).await,
        _ => Err(Failure::usage("not a one-contact command")),
    }
}

/// Sends a request and returns the API's `data` — already checked by the client against what the
/// reference documents for this request — or the failure with what was being done.
async fn send(client: &Client, request: &ApiRequest, doing: &str) -> Result<Value, Failure> {
    client
        .send(request, None)
        .await
        .map(|success| success.data)
        .map_err(|error| Failure::api(doing, &error))
}

fn decode<T: Documented>(data: Value) -> Result<T, Failure> {
    decode_data(data).map_err(|error| Failure::new(Exit::of(&error), error.to_string()))
}

fn print_json(data: &Value) -> Outcome {
    let text = serde_json::to_string_pretty(data)
        .map_err(|error| Failure::new(Exit::Network, error.to_string()))?;
    write_stdout(&format!("{}\n", crate::export::json_for_terminal(&text)))
}

/// Writes to stdout (after wiping a rate-limit countdown off the terminal); a closed pipe
/// (`| head`) is not an error worth a message.
pub fn write_stdout(text: &str) -> Outcome {
    super::waiting::settle();
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(error) => Err(Failure::usage(format!("cannot write the output: {error}"))),
    }
}

/// Prints one whole contact as a block, or in an export format.
fn print_contact(contact: &Contact, format: ShowFormat, context: &BlockContext) -> Outcome {
    let text = match format {
        ShowFormat::Table => contact_block(contact, context, Style::for_stdout()),
        ShowFormat::Export(format) => render_export(std::slice::from_ref(contact), format)?,
    };
    write_stdout(&text)
}

/// Renders contacts in an export format; a rendering failure is reported as a usage error.
pub fn render_export(contacts: &[Contact], format: ExportFormat) -> Result<String, Failure> {
    render(contacts, format).map_err(|error| Failure::usage(error.to_string()))
}

async fn get(who: &Identifier, json: bool, format: ShowFormat, config: &RunConfig) -> Outcome {
    let connection = connection(config)?;
    let context = BlockContext::for_connection(&connection);
    let client = client_for(connection, Access::Read)?;
    let data = send(&client, &ApiRequest::get(who), &format!("looking up {who}")).await?;
    // An empty list is no contact, with --json too: exit 0 would read as "found".
    let found = decode::<Lookup>(data.clone())?;
    if found.is_empty() {
        return Err(Failure::new(
            Exit::NotFound,
            format!("no contact with {who}"),
        ));
    }
    if json {
        return print_json(&data);
    }
    let summaries = match found {
        Lookup::One(contact) => return print_contact(&contact, format, &context),
        Lookup::Several(summaries) => summaries,
    };
    let text = match format {
        ShowFormat::Table => summary_table(&summaries, Style::for_stdout()),
        ShowFormat::Export(format) => {
            // The list holds summaries; an export is of whole contacts, fetched one by one.
            let mut contacts = Vec::with_capacity(summaries.len());
            for summary in &summaries {
                let doing = format!("fetching uid {} (it has {who})", safe_line(&summary.uid));
                let contact = client
                    .get_whole(&summary.uid)
                    .await
                    .map_err(|error| Failure::api(&doing, &error))?;
                contacts.push(contact);
            }
            render_export(&contacts, format)?
        }
    };
    write_stdout(&text)
}

async fn create(contact: &NewContact, json: bool, config: &RunConfig) -> Outcome {
    if let Err(reason) = super::bulk::rows::check_new_contact(contact, None) {
        return Err(Failure::usage(reason));
    }
    let connection = connection(config)?;
    let context = BlockContext::for_connection(&connection);
    let client = client_for(connection, Access::Write)?;
    let data = send(
        &client,
        &ApiRequest::create(contact),
        "creating the contact",
    )
    .await?;
    if json {
        return print_json(&data);
    }
    let created: Contact = decode(data)?;
    print_contact(&created, ShowFormat::Table, &context)
}

async fn update(patch: &ContactPatch, json: bool, config: &RunConfig) -> Outcome {
    let uid = &patch.uid;
    if patch.is_empty() {
        return Err(Failure::usage(
            "nothing to change: give at least one field (see --help)",
        ));
    }
    if let Some(birthday) = &patch.birthday {
        super::bulk::rows::check_birthday(birthday).map_err(Failure::usage)?;
    }
    let connection = connection(config)?;
    let context = BlockContext::for_connection(&connection);
    let client = client_for(connection, Access::Write)?;
    let data = send(
        &client,
        &ApiRequest::update(patch),
        &format!("updating uid {uid}"),
    )
    .await?;
    if json {
        return print_json(&data);
    }
    let updated: Contact = decode(data)?;
    print_contact(&updated, ShowFormat::Table, &context)
}

async fn delete(uid: &str, ask: bool, json: bool, config: &RunConfig) -> Outcome {
    let client = client(config, Access::Write)?;
    if ask {
        if !std::io::stdin().is_terminal() {
            return Err(Failure::usage(
                "refusing to delete without asking: add --yes",
            ));
        }
        let who = Identifier::Uid(uid.to_string());
        let found = send(
            &client,
            &ApiRequest::get(&who),
            &format!("looking up {who}"),
        )
        .await?;
        let name = decode::<Lookup>(found)?
            .summaries()
            .first()
            .map(crate::api::ContactSummary::display_name)
            .unwrap_or_default();
        eprint!("Delete {} ({uid}) for good? [y/N] ", safe_line(&name));
        let mut answer = String::new();
        if std::io::stdin().read_line(&mut answer).is_err()
            || !matches!(answer.trim(), "y" | "Y" | "yes" | "YES" | "Yes")
        {
            return Err(Failure::usage("not deleted"));
        }
    }
    let data = send(
        &client,
        &ApiRequest::delete(uid),
        &format!("deleting uid {uid}"),
    )
    .await?;
    if json {
        return print_json(&data);
    }
    write_stdout(&format!("deleted {}\n", safe_line(uid)))
}

async fn add_tags(who: &Identifier, tags: &[String], json: bool, config: &RunConfig) -> Outcome {
    let tags: Vec<&str> = tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if tags.is_empty() {
        return Err(Failure::usage("give at least one tag that is not empty"));
    }
    let client = client(config, Access::Write)?;
    let mut answers = Vec::new();
    for tag in &tags {
        let doing = format!("adding the tag {tag:?} to {who}");
        answers.push(send(&client, &ApiRequest::add_tag(who, tag), &doing).await?);
    }
    if json {
        return print_json(&Value::Array(answers));
    }
    let mut text = String::new();
    for answer in answers {
        let change: ContactChange = decode(answer)?;
        let tag = change.tag_name.unwrap_or_default();
        text.push_str(&format!(
            "{}: tagged {}\n",
            safe_line(&change.contact_uid),
            safe_line(&tag)
        ));
    }
    write_stdout(&text)
}

/// The note from the argument, or from stdin when the argument is `-` or missing.
fn note_text(text: Option<String>) -> Result<String, Failure> {
    let text = match text {
        Some(text) if text != "-" => text,
        _ => {
            if std::io::stdin().is_terminal() {
                eprintln!("Type the note; end with Ctrl-D on a line of its own.");
            }
            let mut buffer = String::new();
            std::io::stdin()
                .read_to_string(&mut buffer)
                .map_err(|error| {
                    Failure::usage(format!("cannot read the note from stdin: {error}"))
                })?;
            buffer
        }
    };
    let text = text.trim().to_string();
    if text.is_empty() {
        return Err(Failure::usage("the note is empty"));
    }
    Ok(text)
}

async fn add_note(
    who: &Identifier,
    text: Option<String>,
    json: bool,
    config: &RunConfig,
) -> Outcome {
    let note = note_text(text)?;
    let client = client(config, Access::Write)?;
    let doing = format!("adding the note to {who}");
    let data = send(&client, &ApiRequest::add_note(who, &note), &doing).await?;
    if json {
        return print_json(&data);
    }
    let change: ContactChange = decode(data)?;
    write_stdout(&format!("{}: note added\n", safe_line(&change.contact_uid)))
}

async fn set(
    who: &Identifier,
    field: SetField,
    value: &str,
    json: bool,
    config: &RunConfig,
) -> Outcome {
    let value = value.trim();
    if value.is_empty() {
        return Err(Failure::usage("the new value is empty"));
    }
    let client = client(config, Access::Write)?;
    let (request, name) = match field {
        SetField::Stage => (ApiRequest::change_stage(who, value), "stage"),
        SetField::Quality => (ApiRequest::change_quality(who, value), "quality"),
        SetField::Owner => (ApiRequest::change_owner(who, value), "owner"),
    };
    let data = send(&client, &request, &format!("changing the {name} of {who}")).await?;
    if json {
        return print_json(&data);
    }
    let change: ContactChange = decode(data)?;
    let now = match field {
        SetField::Stage => change.stage_name,
        SetField::Quality => change.quality_name,
        SetField::Owner => change
            .owner_name
            .filter(|n| !n.trim().is_empty())
            .map(|n| format!("{n} <{}>", change.owner_email.clone().unwrap_or_default()))
            .or(change.owner_email),
    }
    .unwrap_or_else(|| value.to_string());
    write_stdout(&format!(
        "{}: {name} is now {}\n",
        safe_line(&change.contact_uid),
        safe_line(&now)
    ))
}
