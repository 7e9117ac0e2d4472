//! The fixtures every test shares: the fixed clock, the screen sizes, the contacts (the
//! reference's John Doe and his namesake, sparse, long, CJK, hostile, and the lead-working John),
//! three recents, the profiles, and contacts as JSON.

use chrono::{FixedOffset, TimeZone, Utc};
use genius::api::{ApiToken, Client, ClientConfig, Contact};
use genius::cache::ContactCache;
use genius::tui::app::ProfileSession;
use genius::tui::model::display::Clock;
use genius::tui::model::profiles::ProfileEntry;
use genius::tui::model::recents::{RecentContact, RecentList};
use genius::tui::theme::Theme;
use ratatui::layout::Size;
use serde_json::Value;

/// Tuesday 10 March 2026, 17:05 UTC; the user is at UTC-3 (14:05 for them).
pub fn clock() -> Clock {
    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 17, 5, 0)
        .single()
        .expect("a valid fixed date");
    Clock::fixed(
        now,
        FixedOffset::west_opt(3 * 3600).expect("a valid offset"),
    )
}

/// The usual terminal.
pub const SMALL: Size = Size::new(80, 24);
/// A wide one.
pub const LARGE: Size = Size::new(160, 48);

/// Three recent contacts, viewed 5 minutes, 2 hours and 3 days before the fixed clock.
pub fn recents() -> RecentList {
    let now = clock().now;
    let mut list = RecentList::default();
    for (contact, minutes_ago) in [
        (mary_jones(), 3 * 24 * 60),
        (john_smith(), 120),
        (john_doe(), 5),
    ] {
        list.record(RecentContact::from_contact(
            &contact,
            now - chrono::Duration::minutes(minutes_ago),
        ));
    }
    list
}

pub fn json_of(contact: &Contact) -> Value {
    serde_json::to_value(contact).expect("contacts serialise")
}

/// The reference's John Doe, every field filled.
pub fn john_doe() -> Contact {
    Contact {
        uid: "ABC12345".into(),
        email: Some("john@example.com".into()),
        phone: Some("+15551234567".into()),
        first_name: Some("John".into()),
        last_name: Some("Doe".into()),
        business_name: Some("Acme Corp".into()),
        birthday: Some("1985-03-12".into()),
        address: Some("123 Main St".into()),
        city: Some("New York".into()),
        state: Some("NY".into()),
        zipcode: Some("10001".into()),
        time_zone: Some("America/New_York".into()),
        value: Some("5000".into()),
        stage_name: Some("New Lead".into()),
        quality_name: Some("High".into()),
        owner_email: Some("sales@yourcompany.com".into()),
        owner_name: Some("Jane Smith".into()),
        snapshot: Some("Interested in enterprise solution, contacted via website. Wants a demo for the whole sales team before the end of the quarter.".into()),
        notes: Some("2025-08-12 09:35 Talked to lead and he said to call back in 2 days.\n\n2025-08-14 10:46 Called as requested and sent the prices.\n\n2026-03-07 16:20 Follow-up call: he compared us with two other vendors; sending a case study and scheduling the demo for next Tuesday at 2 PM.".into()),
        tags: vec!["Hot Lead".into(), "Website".into()],
        created: Some("2024-01-15T10:30:00Z".into()),
        last_update: Some("2026-03-07T16:20:00Z".into()),
    }
}

/// The other John sharing john@example.com.
pub fn john_smith() -> Contact {
    Contact {
        uid: "XYZ67890".into(),
        email: Some("john@example.com".into()),
        phone: Some("+15559876543".into()),
        first_name: Some("John".into()),
        last_name: Some("Smith".into()),
        business_name: Some("Smith & Sons Hardware".into()),
        stage_name: Some("Qualified".into()),
        owner_email: Some("ana@yourcompany.com".into()),
        owner_name: Some("Ana Lima".into()),
        last_update: Some("2026-02-01T12:00:00Z".into()),
        ..Contact::default()
    }
}

pub fn mary_jones() -> Contact {
    Contact {
        uid: "MJ000001".into(),
        phone: Some("+44 20 7946 0958".into()),
        first_name: Some("Mary".into()),
        last_name: Some("Jones".into()),
        business_name: Some("Jones Logistics".into()),
        ..Contact::default()
    }
}

/// Only what the API cannot do without: a uid and an email.
pub fn sparse() -> Contact {
    Contact {
        uid: "SPRS0001".into(),
        email: Some("lead@unknown.example".into()),
        ..Contact::default()
    }
}

/// Every field long enough to need cutting or wrapping.
pub fn long_values() -> Contact {
    Contact {
        uid: "LONG0001".into(),
        first_name: Some("Maximiliano Alejandro Bartholomew".into()),
        last_name: Some("Fitzgerald-Vanderbilt de la Cruz".into()),
        business_name: Some("International Consolidated Widgets, Sprockets and Gears Holding Company Ltd.".into()),
        email: Some("maximiliano.alejandro.fitzgerald-vanderbilt@international-consolidated-widgets.example.com".into()),
        phone: Some("+55 (11) 98765-4321 ext. 1234".into()),
        address: Some("Avenida Brigadeiro Faria Lima, 3477, Torre Norte, 14º andar, conjunto 142".into()),
        city: Some("São Paulo".into()),
        state: Some("SP".into()),
        zipcode: Some("04538-133".into()),
        time_zone: Some("America/Sao_Paulo".into()),
        value: Some("123456789.5".into()),
        stage_name: Some("Negotiation / Legal Review".into()),
        quality_name: Some("Very High".into()),
        owner_name: Some("Bartholomew Montgomery-Smythe".into()),
        owner_email: Some("bartholomew.montgomery-smythe@yourcompany.com".into()),
        snapshot: Some("A very long snapshot. ".repeat(30)),
        tags: (1..=12).map(|i| format!("Campaign tag number {i}")).collect(),
        ..Contact::default()
    }
}

/// Names, business and notes in CJK and emoji (two columns each).
pub fn cjk() -> Contact {
    Contact {
        uid: "CJK00001".into(),
        first_name: Some("小明".into()),
        last_name: Some("王".into()),
        business_name: Some("東京寿司株式会社 🍣".into()),
        email: Some("wang@例え.jp".into()),
        phone: Some("+81 3-1234-5678".into()),
        city: Some("東京".into()),
        time_zone: Some("Asia/Tokyo".into()),
        stage_name: Some("商談中".into()),
        tags: vec!["VIP 🌟".into(), "日本".into()],
        notes: Some(
            "2026-03-09 09:00 電話しました。来週デモを予定 📅 お客様はとても興味があります。"
                .into(),
        ),
        ..Contact::default()
    }
}

/// A contact whose every field tries to take over the terminal.
pub fn hostile() -> Contact {
    Contact {
        uid: "EVIL0001".into(),
        first_name: Some("Eve\u{1b}]52;c;cm0gLXJmIH4=\u{7}".into()),
        last_name: Some("\u{1b}[2J\u{1b}[H".into()),
        business_name: Some("\u{202e}pleh\u{202c} Corp\u{9b}31m".into()),
        email: Some("eve@example.com\u{1b}]0;pwned\u{7}".into()),
        phone: Some("+1555\r\n0000".into()),
        snapshot: Some("line one\u{1b}[31m red\u{7f}".into()),
        notes: Some(
            "2026-03-01 10:00 \u{1b}]8;;http://evil.example\u{7}click\u{1b}]8;;\u{7}".into(),
        ),
        tags: vec!["\u{1b}[5mblink".into()],
        ..Contact::default()
    }
}

/// `count` timestamped notes, oldest first as the API keeps them.
pub fn many_notes(count: usize) -> String {
    (0..count)
        .map(|i| {
            let day = 1 + (i / 24) % 28;
            let month = 1 + (i / (24 * 28)) % 12;
            format!(
                "2025-{month:02}-{day:02} {:02}:{:02} Call {} — discussed the proposal; next step agreed.",
                i % 24,
                i % 60,
                i + 1
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// John Doe as the reference's example returns him, without the address, snapshot and notes
/// (what the lead-working components are tested with).
pub fn john() -> Contact {
    Contact {
        uid: "ABC12345".into(),
        email: Some("john@example.com".into()),
        phone: Some("+15551234567".into()),
        first_name: Some("John".into()),
        last_name: Some("Doe".into()),
        business_name: Some("Acme Corp".into()),
        city: Some("New York".into()),
        state: Some("NY".into()),
        time_zone: Some("America/New_York".into()),
        value: Some("5000".into()),
        stage_name: Some("New Lead".into()),
        quality_name: Some("High".into()),
        owner_email: Some("sales@yourcompany.com".into()),
        owner_name: Some("Jane Smith".into()),
        tags: vec!["Hot Lead".into(), "Website".into()],
        ..Contact::default()
    }
}

/// Two config profiles: `prod` (read-only) and `test`.
pub fn profile_entries() -> Vec<ProfileEntry> {
    vec![
        ProfileEntry {
            name: "prod".to_string(),
            base_url: "https://contact-api.8mgenius.com.br".to_string(),
            read_only: true,
        },
        ProfileEntry {
            name: "test".to_string(),
            base_url: "http://127.0.0.1:9".to_string(),
            read_only: false,
        },
    ]
}

/// A resolved session for `name` (a client that is never used: nothing is sent in model tests).
pub fn session(name: &str, read_only: bool, recents: RecentList) -> ProfileSession {
    let client = Client::new(ClientConfig::new(
        "http://127.0.0.1:9",
        ApiToken::new("s3cr3t-test-token"),
    ))
    .expect("a client");
    ProfileSession {
        name: name.to_string(),
        account_label: format!("{name} · 127.0.0.1"),
        client: Some(client),
        read_only,
        theme: Theme::monochrome(),
        recents,
        recents_path: std::path::PathBuf::from(format!("/nonexistent/recents-{name}.json")),
        cache: ContactCache::disabled(),
        cache_enabled: false,
        cache_memory_bytes: genius::cache::DEFAULT_MEMORY_BYTES,
        vocabulary: Default::default(),
        drafts: Vec::new(),
        account_time_zone: genius::api::time_zones::DEFAULT_ACCOUNT_TIME_ZONE,
    }
}
