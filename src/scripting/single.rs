//! The one-contact commands: get, create, update, delete, tag add, note add, stage/quality/owner set.
//! `--json` prints the API's `data` as it came (made safe for a terminal); otherwise a short human
//! text. Also the output helpers the other commands share.

use std::io::{IsTerminal, Read, Write};

use serde_json::Value;

use crate::api::{
    ApiRequest, Client, Contact, ContactChange, Documented, Identifier, Lookup, client::decode_data,
};
use crate::cli::GlobalArgs;
use crate::export::{ExportFormat, export as render};
use crate::text::safe_line;

use super::connect::{Access, client};
use super::failure::{Exit, Failure, Outcome};
use super::output::{Style, contact_block, contact_table};
use super::{
    CreateArgs, DeleteArgs, GetArgs, NoteCommand, ScriptCommand, SetCommand, ShowFormat,
    TagCommand, UpdateArgs, Who,
};

/// Runs the one-contact commands (every [`ScriptCommand`] that is not bulk, query or shell).
pub async fn run(command: ScriptCommand, global: &GlobalArgs) -> Outcome {
    match command {
        ScriptCommand::Get(args) => get(args, global).await,
        ScriptCommand::Create(args) => create(*args, global).await,
        ScriptCommand::Update(args) => update(*args, global).await,
        ScriptCommand::Delete(args) => delete(args, global).await,
        ScriptCommand::Tag(TagCommand::Add { who, tags, json }) => {
            add_tags(&who, &tags, json, global).await
        }
        ScriptCommand::Note(NoteCommand::Add { who, text, json }) => {
            add_note(&who, text, json, global).await
        }
        ScriptCommand::Stage(SetCommand::Set { who, value, json }) => {
            set(&who, Setting::Stage, &value, json, global).await
        }
        ScriptCommand::Quality(SetCommand::Set { who, value, json }) => {
            set(&who, Setting::Quality, &value, json, global).await
        }
        ScriptCommand::Owner(SetCommand::Set { who, value, json }) => {
            set(&who, Setting::Owner, &value, json, global).await
        }
        _ => Err(Failure::usage("not a one-contact command")),
    }
}

fn identifier(who: &Who) -> Result<Identifier, Failure> {
    who.identifier()
        .ok_or_else(|| Failure::usage("give one of --uid, --email or --phone (not empty)"))
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

fn print_contacts(contacts: &[Contact], format: ShowFormat) -> Outcome {
    let style = Style::for_stdout();
    let text = match format {
        ShowFormat::Table if contacts.len() == 1 => contact_block(&contacts[0], style),
        ShowFormat::Table => contact_table(contacts, style),
        ShowFormat::Vcard => render_export(contacts, ExportFormat::VCard3)?,
        ShowFormat::Vcard4 => render_export(contacts, ExportFormat::VCard4)?,
        ShowFormat::Csv => render_export(contacts, ExportFormat::Csv)?,
    };
    write_stdout(&text)
}

/// Renders contacts in an export format; a rendering failure is reported as a usage error.
pub fn render_export(contacts: &[Contact], format: ExportFormat) -> Result<String, Failure> {
    render(contacts, format).map_err(|error| Failure::usage(error.to_string()))
}

async fn get(args: GetArgs, global: &GlobalArgs) -> Outcome {
    let who = identifier(&args.who)?;
    let client = client(global, Access::Read)?;
    let data = send(
        &client,
        &ApiRequest::get(&who),
        &format!("looking up {who}"),
    )
    .await?;
    // An empty list is no contact, with --json too: exit 0 would read as "found".
    let contacts = decode::<Lookup>(data.clone())?.into_contacts();
    if contacts.is_empty() {
        return Err(Failure::new(
            Exit::NotFound,
            format!("no contact with {who}"),
        ));
    }
    if args.json {
        return print_json(&data);
    }
    print_contacts(&contacts, args.format)
}

async fn create(args: CreateArgs, global: &GlobalArgs) -> Outcome {
    let contact = args.fields.new_contact(args.note);
    if let Err(reason) = super::bulk::rows::check_new_contact(&contact, None) {
        return Err(Failure::usage(reason));
    }
    let client = client(global, Access::Write)?;
    let data = send(
        &client,
        &ApiRequest::create(&contact),
        "creating the contact",
    )
    .await?;
    if args.json {
        return print_json(&data);
    }
    let created: Contact = decode(data)?;
    print_contacts(&[created], ShowFormat::Table)
}

async fn update(args: UpdateArgs, global: &GlobalArgs) -> Outcome {
    let uid = args.uid.trim().to_ascii_uppercase();
    let patch = args.fields.patch(&uid);
    if patch.is_empty() {
        return Err(Failure::usage(
            "nothing to change: give at least one field (see --help)",
        ));
    }
    if let Some(birthday) = &patch.birthday {
        super::bulk::rows::check_birthday(birthday).map_err(Failure::usage)?;
    }
    let client = client(global, Access::Write)?;
    let data = send(
        &client,
        &ApiRequest::update(&patch),
        &format!("updating uid {uid}"),
    )
    .await?;
    if args.json {
        return print_json(&data);
    }
    let updated: Contact = decode(data)?;
    print_contacts(&[updated], ShowFormat::Table)
}

async fn delete(args: DeleteArgs, global: &GlobalArgs) -> Outcome {
    let uid = args.uid.trim().to_ascii_uppercase();
    let client = client(global, Access::Write)?;
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            return Err(Failure::usage(
                "refusing to delete without asking: add --yes",
            ));
        }
        let who = Identifier::Uid(uid.clone());
        let found = send(
            &client,
            &ApiRequest::get(&who),
            &format!("looking up {who}"),
        )
        .await?;
        let name = decode::<Lookup>(found)?
            .into_contacts()
            .first()
            .map(Contact::display_name)
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
        &ApiRequest::delete(&uid),
        &format!("deleting uid {uid}"),
    )
    .await?;
    if args.json {
        return print_json(&data);
    }
    write_stdout(&format!("deleted {}\n", safe_line(&uid)))
}

async fn add_tags(who: &Who, tags: &[String], json: bool, global: &GlobalArgs) -> Outcome {
    let who = identifier(who)?;
    let tags: Vec<&str> = tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if tags.is_empty() {
        return Err(Failure::usage("give at least one tag that is not empty"));
    }
    let client = client(global, Access::Write)?;
    let mut answers = Vec::new();
    for tag in &tags {
        let doing = format!("adding the tag {tag:?} to {who}");
        answers.push(send(&client, &ApiRequest::add_tag(&who, tag), &doing).await?);
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

async fn add_note(who: &Who, text: Option<String>, json: bool, global: &GlobalArgs) -> Outcome {
    let who = identifier(who)?;
    let note = note_text(text)?;
    let client = client(global, Access::Write)?;
    let doing = format!("adding the note to {who}");
    let data = send(&client, &ApiRequest::add_note(&who, &note), &doing).await?;
    if json {
        return print_json(&data);
    }
    let change: ContactChange = decode(data)?;
    write_stdout(&format!("{}: note added\n", safe_line(&change.contact_uid)))
}

/// Which single value `set` changes.
#[derive(Debug, Clone, Copy)]
enum Setting {
    Stage,
    Quality,
    Owner,
}

async fn set(who: &Who, setting: Setting, value: &str, json: bool, global: &GlobalArgs) -> Outcome {
    let who = identifier(who)?;
    let value = value.trim();
    if value.is_empty() {
        return Err(Failure::usage("the new value is empty"));
    }
    let client = client(global, Access::Write)?;
    let (request, name) = match setting {
        Setting::Stage => (ApiRequest::change_stage(&who, value), "stage"),
        Setting::Quality => (ApiRequest::change_quality(&who, value), "quality"),
        Setting::Owner => (ApiRequest::change_owner(&who, value), "owner"),
    };
    let data = send(&client, &request, &format!("changing the {name} of {who}")).await?;
    if json {
        return print_json(&data);
    }
    let change: ContactChange = decode(data)?;
    let now = match setting {
        Setting::Stage => change.stage_name,
        Setting::Quality => change.quality_name,
        Setting::Owner => change
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
