//! The ten operations of the reference, one function each: read the parameters, apply the change to
//! the caller's account under the store's lock, save, and answer in the documented shape.

use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, SubsecRound, Utc};

use super::book::{self, Field};
use super::input::Who;
use super::reply::{self, SimError};
use super::state::Ctx;
use super::view;

/// The current time in whole seconds (the API's timestamps have no fractions).
fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

/// POST /api/contact → 201 with the new contact's uid, email, phone and name.
pub fn create(ctx: &Ctx<'_>) -> Result<Response, SimError> {
    let body = ctx.json_body()?;
    let fields = body.contact_fields()?;
    let note = body.text("note")?;
    let mut store = ctx.state.lock_store();
    let uid = store.new_uid(ctx.account);
    let index = book::create(store.account_mut(ctx.account), &fields, note, uid, now())?;
    store.save()?;
    let contact = &store.account(ctx.account).contacts[index];
    Ok(reply::success(
        StatusCode::CREATED,
        "Contact created successfully",
        view::created(contact),
    ))
}

/// GET /api/contact?uid=|email=|phone= → one contact, or an array when an email or phone is shared.
pub fn get(ctx: &Ctx<'_>) -> Result<Response, SimError> {
    let who = ctx.query_params().who()?;
    let store = ctx.state.lock_store();
    let account = store.account(ctx.account);
    let found = book::find(account, &who);
    match found.as_slice() {
        [] => Err(SimError::not_found("Contact not found")),
        [only] => Ok(reply::ok(
            "Contact retrieved successfully",
            view::contact(account, &account.contacts[*only]),
        )),
        several => {
            let contacts: Vec<view::ContactView<'_>> = several
                .iter()
                .map(|index| view::contact(account, &account.contacts[*index]))
                .collect();
            Ok(reply::ok(
                &format!("{} contacts found", contacts.len()),
                contacts,
            ))
        }
    }
}

/// PUT /api/contact → the whole updated contact.
pub fn update(ctx: &Ctx<'_>) -> Result<Response, SimError> {
    let body = ctx.json_body()?;
    let uid = body.uid()?;
    let fields = body.contact_fields()?;
    let mut store = ctx.state.lock_store();
    let index = book::resolve_one(store.account(ctx.account), &Who::Uid(uid))?;
    if book::update(store.account_mut(ctx.account), index, &fields, now())? {
        store.save()?;
    }
    let account = store.account(ctx.account);
    Ok(reply::ok(
        "Contact updated successfully",
        view::contact(account, &account.contacts[index]),
    ))
}

/// DELETE /api/contact?uid= → the deleted uid.
pub fn delete(ctx: &Ctx<'_>) -> Result<Response, SimError> {
    let uid = ctx.query_params().uid()?;
    let mut store = ctx.state.lock_store();
    let index = book::resolve_one(store.account(ctx.account), &Who::Uid(uid))?;
    let removed = store.account_mut(ctx.account).contacts.remove(index);
    store.save()?;
    Ok(reply::ok(
        "Contact deleted successfully",
        serde_json::json!({ "uid": removed.uid }),
    ))
}

/// POST /api/contact/tag/add (a tag the contact has already succeeds and changes nothing).
pub fn add_tag(ctx: &Ctx<'_>) -> Result<Response, SimError> {
    let body = ctx.json_body()?;
    let who = body.who()?;
    let tag = body.required_text("tagName")?;
    let mut store = ctx.state.lock_store();
    let index = book::resolve_one(store.account(ctx.account), &who)?;
    if book::add_tag(store.account_mut(ctx.account), index, &tag, now()) {
        store.save()?;
    }
    let mut answer = view::change(&store.account(ctx.account).contacts[index]);
    answer.tag_name = Some(&tag);
    Ok(reply::ok("Tag added to contact successfully", answer))
}

/// POST /api/contact/note/add (stored verbatim with the current minute).
pub fn add_note(ctx: &Ctx<'_>) -> Result<Response, SimError> {
    let body = ctx.json_body()?;
    let who = body.who()?;
    let note = body.required_text("note")?;
    let mut store = ctx.state.lock_store();
    let index = book::resolve_one(store.account(ctx.account), &who)?;
    book::add_note(store.account_mut(ctx.account), index, &note, now());
    store.save()?;
    let mut answer = view::change(&store.account(ctx.account).contacts[index]);
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
    let parameter = match field {
        Field::Stage => "stageName",
        Field::Quality => "qualityName",
        Field::Owner => "ownerEmail",
    };
    let wanted = body.required_text(parameter)?;
    let mut store = ctx.state.lock_store();
    let account = store.account(ctx.account);
    let value = match field {
        Field::Stage => book::stage(account, &wanted)?,
        Field::Quality => book::quality(account, &wanted)?,
        Field::Owner => book::owner(account, &wanted)?,
    };
    let index = book::resolve_one(account, &who)?;
    if book::set_field(
        store.account_mut(ctx.account),
        index,
        field,
        value.clone(),
        now(),
    ) {
        store.save()?;
    }
    let account = store.account(ctx.account);
    let mut answer = view::change(&account.contacts[index]);
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
            answer.owner_name = view::owner_name(account, Some(&value));
            "Contact owner updated successfully"
        }
    };
    Ok(reply::ok(message, answer))
}
