//! The ten operations of the reference, one function each: read the parameters, plan the change
//! against the caller's account and commit it under the account's lock, then — the lock released —
//! answer in the documented shape.

use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, SubsecRound, Utc};

use super::book::AccountBook;
use super::change::Change;
use super::input::Who;
use super::plan::{self, Field};
use super::reply::{self, SimError};
use super::state::Ctx;
use super::store::new_uid;
use super::view::{self, Reach, Shown};

/// The current time in whole seconds (the API's timestamps have no fractions).
fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

/// POST /api/contact → 201 with the new contact's uid, email, phone and name.
pub fn create(ctx: &Ctx<'_>) -> Result<Response, SimError> {
    let body = ctx.json_body()?;
    let fields = body.contact_fields()?;
    let note = body.text("note")?;
    let created = ctx.write(|writing| {
        let book = writing.book();
        let change = plan::create(book, &fields, note.as_deref(), new_uid(book), now())?;
        let uid = change.uid().to_string();
        writing.commit(&change)?;
        committed_contact(writing.book(), &uid)
    })?;
    Ok(reply::success(
        StatusCode::CREATED,
        "Contact created successfully",
        view::created(&created.contact),
    ))
}

/// The contact a write just committed, picked for the answer.
fn committed_contact(book: &AccountBook, uid: &str) -> Result<Shown, SimError> {
    book.contacts
        .by_uid(uid)
        .map(|contact| Shown::pick(book, contact))
        .ok_or_else(|| SimError::server_error("the contact vanished while being written"))
}

/// GET /api/contact?uid=|email=|phone= → the whole contact when one matches; when an email or phone
/// is shared, an array of summaries (uid, email, phone, firstName, lastName), as the reference lists
/// several matches.
pub fn get(ctx: &Ctx<'_>) -> Result<Response, SimError> {
    let who = ctx.query_params().who()?;
    let found: Vec<Shown> = {
        let book = ctx.state.store.read(ctx.account);
        book.find(&who)
            .into_iter()
            .map(|contact| Shown::pick(&book, contact))
            .collect()
    };
    match found.as_slice() {
        [] => Err(SimError::not_found("Contact not found")),
        [only] => Ok(reply::ok(
            "Contact retrieved successfully",
            view::contact(only),
        )),
        several => {
            let summaries: Vec<view::SummaryView<'_>> = several
                .iter()
                .map(|shown| view::summary(&shown.contact))
                .collect();
            Ok(reply::ok(
                &format!("{} contacts found", summaries.len()),
                summaries,
            ))
        }
    }
}

/// PUT /api/contact → the whole updated contact.
pub fn update(ctx: &Ctx<'_>) -> Result<Response, SimError> {
    let body = ctx.json_body()?;
    let uid = body.uid()?;
    let fields = body.contact_fields()?;
    let updated = ctx.write(|writing| {
        let book = writing.book();
        let contact = book.resolve_one(&Who::Uid(uid))?;
        let uid = contact.uid.clone();
        if let Some(change) = plan::update(book, contact, &fields, now())? {
            writing.commit(&change)?;
        }
        committed_contact(writing.book(), &uid)
    })?;
    Ok(reply::ok(
        "Contact updated successfully",
        view::contact(&updated),
    ))
}

/// DELETE /api/contact?uid= → the deleted uid.
pub fn delete(ctx: &Ctx<'_>) -> Result<Response, SimError> {
    let uid = ctx.query_params().uid()?;
    let removed = ctx.write(|writing| {
        let uid = writing.book().resolve_one(&Who::Uid(uid))?.uid.clone();
        writing.commit(&Change::Delete { uid: uid.clone() })?;
        Ok(uid)
    })?;
    Ok(reply::ok(
        "Contact deleted successfully",
        serde_json::json!({ "uid": removed }),
    ))
}

// The actions answer with the contact's identifiers only, so they copy those and keep no handle
// on the contact: a handle held across the change would make it copy the whole contact.

/// POST /api/contact/tag/add (a tag the contact has already succeeds and changes nothing).
pub fn add_tag(ctx: &Ctx<'_>) -> Result<Response, SimError> {
    let body = ctx.json_body()?;
    let who = body.who()?;
    let tag = body.required_text("tagName")?;
    let reach = ctx.write(|writing| {
        let contact = writing.book().resolve_one(&who)?;
        let reach = Reach::of(contact);
        if let Some(change) = plan::add_tag(contact, &tag, now()) {
            writing.commit(&change)?;
        }
        Ok(reach)
    })?;
    let mut answer = view::change(&reach);
    answer.tag_name = Some(&tag);
    Ok(reply::ok("Tag added to contact successfully", answer))
}

/// POST /api/contact/note/add (stored verbatim with the current minute).
pub fn add_note(ctx: &Ctx<'_>) -> Result<Response, SimError> {
    let body = ctx.json_body()?;
    let who = body.who()?;
    let note = body.required_text("note")?;
    let reach = ctx.write(|writing| {
        let contact = writing.book().resolve_one(&who)?;
        let reach = Reach::of(contact);
        let change = plan::add_note(contact, &note, now());
        writing.commit(&change)?;
        Ok(reach)
    })?;
    let mut answer = view::change(&reach);
    answer.note = Some(&note);
    Ok(reply::ok("Note added to contact successfully", answer))
}

/// PUT /api/contact/stage
pub fn change_stage(ctx: &Ctx<'_>) -> Result<Response, SimError> {
    set_single_field(ctx, Field::Stage)
}

/// PUT /api/contact/quality
pub fn change_quality(ctx: &Ctx<'_>) -> Result<Response, SimError> {
    set_single_field(ctx, Field::Quality)
}

/// PUT /api/contact/owner (the answer names the owner: `ownerName`).
pub fn change_owner(ctx: &Ctx<'_>) -> Result<Response, SimError> {
    set_single_field(ctx, Field::Owner)
}

fn set_single_field(ctx: &Ctx<'_>, field: Field) -> Result<Response, SimError> {
    let body = ctx.json_body()?;
    let who = body.who()?;
    let wanted = body.required_text(field.parameter())?;
    let (reach, value, owner_name) = ctx.write(|writing| {
        let book = writing.book();
        let value = field.canonical(book, &wanted)?;
        let contact = book.resolve_one(&who)?;
        let reach = Reach::of(contact);
        let owner_name = match field {
            Field::Owner => book.owner_name(Some(&value)).map(str::to_string),
            Field::Stage | Field::Quality => None,
        };
        if let Some(change) = plan::set_field(contact, field, &value, now()) {
            writing.commit(&change)?;
        }
        Ok((reach, value, owner_name))
    })?;
    let mut answer = view::change(&reach);
    let message = match field {
        Field::Stage => {
            answer.stage_name = Some(&value);
            "Contact stage updated successfully"
        }
        Field::Quality => {
            answer.quality_name = Some(&value);
            "Contact quality updated successfully"
        }
        Field::Owner => {
            answer.owner_email = Some(&value);
            answer.owner_name = owner_name.as_deref();
            "Contact owner updated successfully"
        }
    };
    Ok(reply::ok(message, answer))
}
