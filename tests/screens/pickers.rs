//! The pickers drawn alone: stage, owner, tags, time zone; filtered, empty, free entry, refused.

use super::*;

#[test]
fn stage_picker_with_the_current_value() {
    let picker = Picker::stage(&vocabulary(), Some("Qualified"));
    insta::assert_snapshot!(
        "picker_stage@80x24",
        screen(SMALL, |a, b, t| picker.render(a, b, t))
    );
}

#[test]
fn stage_picker_filtered() {
    let mut picker = Picker::stage(&vocabulary(), Some("New Lead"));
    type_into(|k| drop(picker.handle_key(k)), "clo");
    insta::assert_snapshot!(
        "picker_filtered@80x24",
        screen(SMALL, |a, b, t| picker.render(a, b, t))
    );
}

#[test]
fn picker_empty_vocabulary() {
    let picker = Picker::quality(&Vocabulary::new(), None);
    insta::assert_snapshot!(
        "picker_empty@80x24",
        screen(SMALL, |a, b, t| picker.render(a, b, t))
    );
}

#[test]
fn picker_free_entry() {
    let mut picker = Picker::stage(&vocabulary(), None);
    type_into(|k| drop(picker.handle_key(k)), "Negotiation");
    insta::assert_snapshot!(
        "picker_free_entry@80x24",
        screen(SMALL, |a, b, t| picker.render(a, b, t))
    );
}

#[test]
fn owner_picker_names_emails_and_hostile_names() {
    let picker = Picker::owner(&vocabulary(), Some("sales@yourcompany.com"));
    insta::assert_snapshot!(
        "picker_owner@80x24",
        screen(SMALL, |a, b, t| picker.render(a, b, t))
    );
    let mut refused = Picker::owner(&vocabulary(), None);
    type_into(|k| drop(refused.handle_key(k)), "carol");
    refused.handle_key(key(KeyCode::Enter));
    insta::assert_snapshot!(
        "picker_owner_refused@80x24",
        screen(SMALL, |a, b, t| refused.render(a, b, t))
    );
}

#[test]
fn tags_picker_collecting() {
    let mut picker = Picker::tags(&vocabulary(), &john_with_address().tags);
    type_into(|k| drop(picker.handle_key(k)), "vip");
    picker.handle_key(key(KeyCode::Enter));
    type_into(|k| drop(picker.handle_key(k)), "Trade Show,q1");
    insta::assert_snapshot!(
        "picker_tags@80x24",
        screen(SMALL, |a, b, t| picker.render(a, b, t))
    );
    insta::assert_snapshot!(
        "picker_tags@160x48",
        screen(LARGE, |a, b, t| picker.render(a, b, t))
    );
}

#[test]
fn time_zone_picker_filtered() {
    let mut picker = Picker::time_zone(Some("America/New_York"));
    type_into(|k| drop(picker.handle_key(k)), "sao");
    insta::assert_snapshot!(
        "picker_time_zone@80x24",
        screen(SMALL, |a, b, t| picker.render(a, b, t))
    );
}

/// In a short window the stage picker cannot show all six stages: its border says one more is
/// below, and moving down to it says one more is above.
#[test]
fn a_picker_too_short_for_its_rows_says_how_many_more() {
    let tiny = Size::new(50, 11);
    let mut picker = Picker::stage(&vocabulary(), Some("Qualified"));
    let top = screen(tiny, |a, b, t| picker.render(a, b, t));
    assert!(top.contains("↓ 1 more"), "{top}");
    insta::assert_snapshot!("picker_stage_scroll_hint@50x11", top);
    for _ in 0..7 {
        picker.handle_key(key(KeyCode::Down));
    }
    let bottom = screen(tiny, |a, b, t| picker.render(a, b, t));
    assert!(
        bottom.contains("↑ 1 more") && bottom.contains("Closed Lost"),
        "{bottom}"
    );
}
