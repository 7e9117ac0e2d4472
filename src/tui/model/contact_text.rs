//! A contact as plain text, for the clipboard: its address as it goes on an envelope, and the whole
//! contact one labelled field a line (what `Y` copies). The server's text is kept as it is.

use crate::api::Contact;
use crate::tui::model::display::{format_money, present};

/// The address as it goes on an envelope: the street lines, then "city, state zip".
pub fn address_block(contact: &Contact) -> Option<String> {
    let mut lines: Vec<String> = present(&contact.address)
        .map(|a| a.lines().map(str::trim).map(str::to_string).collect())
        .unwrap_or_default();
    let place = [present(&contact.city), present(&contact.state)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let place = match present(&contact.zipcode) {
        Some(zip) if place.is_empty() => zip.to_string(),
        Some(zip) => format!("{place} {zip}"),
        None => place,
    };
    if !place.is_empty() {
        lines.push(place);
    }
    lines.retain(|line| !line.is_empty());
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The whole contact as plain text, one labelled field a line (what `Y` copies).
pub fn as_text(contact: &Contact) -> String {
    let mut lines = vec![contact.display_name()];
    let mut field = |label: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            let mut rows = value.lines();
            if let Some(first) = rows.next() {
                lines.push(format!("{label}: {first}"));
            }
            for row in rows {
                lines.push(format!("{:width$}  {row}", "", width = label.len()));
            }
        }
    };
    let text = |value: &Option<String>| present(value).map(str::to_string);
    field("Business", text(&contact.business_name));
    field("Email", text(&contact.email));
    field("Phone", text(&contact.phone));
    field("Address", address_block(contact));
    field("Stage", text(&contact.stage_name));
    field("Quality", text(&contact.quality_name));
    field(
        "Owner",
        present(&contact.owner_name)
            .or(present(&contact.owner_email))
            .map(str::to_string),
    );
    field(
        "Tags",
        (!contact.tags.is_empty()).then(|| contact.tags.join(", ")),
    );
    field("Value", present(&contact.value).map(format_money));
    field("Birthday", text(&contact.birthday));
    field("Time zone", text(&contact.time_zone));
    field("uid", Some(contact.uid.clone()));
    let mut out = lines.join("\n");
    out.push('\n');
    out
}
