//! What the monkey throws at the app: keys (any Unicode character, every control key, F1–F12,
//! modifiers), pastes (hostile, huge, multi-line), resizes from 1×1 to 300×100, ticks, and API
//! replies of every shape for the requests the app sent — contacts with hostile text in every
//! field, huge and empty notes, every error, answers that are not what was asked.

use std::time::Duration;

use genius::api::{ApiError, ApiRequest, ApiSuccess, Contact, Operation, RetryWait};
use genius::tui::app::msg::Msg;
use genius::tui::effects::typed_reply;

use crate::support::as_reply;
use genius::tui::model::RequestId;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseEvent, MouseEventKind,
};
use serde_json::{Value, json};

/// Text that is hard on a terminal or on string handling: accents, CJK, emoji with ZWJ, flags and
/// skin tones, right-to-left with marks, controls, escape sequences, bidi overrides, separators.
pub const NASTY: &[&str] = &[
    "José",
    "Conceição",
    "Camila Damião",
    "张伟",
    "東京寿司 🍣",
    "👩‍👩‍👧‍👦",
    "🇧🇷🇯🇵",
    "👍🏽",
    "שרה\u{200F}",
    "مريم\u{200F} \u{061C}",
    "\u{1b}]0;pwned\u{7}",
    "\u{1b}[2J\u{1b}[H",
    "\u{9b}31m",
    "\u{202e}evil\u{202c}",
    "\u{2066}iso\u{2069}",
    "line\u{2028}sep\u{2029}para",
    "a\r\nb\rc\nd",
    "\t\u{0}\u{7f}\u{85}",
    "e\u{301}\u{301}\u{301}",
    "\u{FEFF}bom",
    "+55 11\u{a0}98765-4321",
    "",
    " ",
    "2025-08-12 09:35 ",
    "called\n\n2025-08-12 09:35 two notes in one",
    "ana@example.com",
    "K42VX3EQ",
];

/// Identifiers worth looking up (the keys typed to reach contact screens).
const LOOKUPS: &[&str] = &[
    "K42VX3EQ",
    "ABC12345",
    "john@example.com",
    "+15551234567",
    "José",
    "张伟",
    "quinta@",
];

/// `:` commands, to reach the command line's every branch.
const LINES: &[&str] = &[
    "note hi there",
    "stage Won",
    "quality High",
    "owner ana@example.com",
    "tag a, b,José",
    "open José",
    "open K42VX3EQ",
    "new",
    "edit",
    "delete",
    "refresh",
    "help",
    "sta",
    "work leads.csv",
    "",
];

/// A seeded source of messages.
pub struct Inputs {
    pub rng: fastrand::Rng,
}

impl Inputs {
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.usize(..items.len())]
    }

    /// Any text: one of the nasty ones, random characters from anywhere in Unicode, or a mix.
    pub fn text(&mut self) -> String {
        match self.rng.u8(..10) {
            0..=4 => self.pick(NASTY).to_string(),
            5..=7 => (0..self.rng.usize(..24)).map(|_| self.any_char()).collect(),
            8 => format!("{} {}", self.pick(NASTY), self.pick(NASTY)),
            _ => self.pick(NASTY).repeat(self.rng.usize(1..400)),
        }
    }

    /// Any scalar value, with the awkward ranges over-represented.
    pub fn any_char(&mut self) -> char {
        let code = match self.rng.u8(..8) {
            0 => self.rng.u32(0..0x20),
            1 => self.rng.u32(0x7f..0xa0),
            2 => *self.pick(&[
                0x200e, 0x200f, 0x202a, 0x202e, 0x2066, 0x2069, 0x2028, 0x2029, 0x061c, 0x200d,
                0xfe0f, 0x301,
            ]),
            3 => self.rng.u32(0x4e00..0x9fff),
            4 => self.rng.u32(0x1f300..0x1faff),
            5 => self.rng.u32(0x20..0x7f),
            _ => self.rng.u32(0..0x11_0000),
        };
        char::from_u32(code).unwrap_or('\u{FFFD}')
    }

    /// A key: the app's own letters often (to reach its screens), any character, every special
    /// key, with any modifiers; now and then a repeat or a release.
    pub fn key(&mut self) -> Msg {
        let f_key = KeyCode::F(self.rng.u8(1..=12));
        let code = match self.rng.u8(..20) {
            0..=5 => KeyCode::Char(*self.pick(&[
                'j', 'k', 'g', 'G', 'q', 'O', 'r', 'v', 'y', 'Y', 'x', 'p', 'P', 'e', 'Q', 's',
                'o', 't', 'n', 'c', 'D', ':', '/', '?', 'i', 'd', 'a', 'u', 'b', 'y', 'l', '[',
                ']', '1', '2', '9',
            ])),
            6..=8 => KeyCode::Char(self.rng.u8(0x20..0x7f) as char),
            9..=10 => KeyCode::Char(self.any_char()),
            11..=13 => *self.pick(&[KeyCode::Enter, KeyCode::Esc, KeyCode::Tab]),
            _ => *self.pick(&[
                KeyCode::BackTab,
                KeyCode::Backspace,
                KeyCode::Delete,
                KeyCode::Left,
                KeyCode::Right,
                KeyCode::Up,
                KeyCode::Down,
                KeyCode::Home,
                KeyCode::End,
                KeyCode::PageUp,
                KeyCode::PageDown,
                KeyCode::Insert,
                KeyCode::Null,
                f_key,
                KeyCode::CapsLock,
                KeyCode::Menu,
                KeyCode::KeypadBegin,
            ]),
        };
        let modifiers = match self.rng.u8(..25) {
            0..=16 => KeyModifiers::NONE,
            17..=18 => KeyModifiers::SHIFT,
            19..=21 => KeyModifiers::CONTROL,
            22 => KeyModifiers::ALT,
            _ => KeyModifiers::from_bits_truncate(self.rng.u8(..=0xff)),
        };
        let kind = match self.rng.u8(..40) {
            0 => KeyEventKind::Release,
            1 => KeyEventKind::Repeat,
            _ => KeyEventKind::Press,
        };
        Msg::Key(KeyEvent {
            code,
            modifiers,
            kind,
            state: KeyEventState::NONE,
        })
    }

    /// A run of keys with a purpose: a lookup and Enter, a `:` command, a note and Ctrl-S.
    pub fn burst(&mut self) -> Vec<Msg> {
        let plain = |c: char| Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        let special = |code: KeyCode| Msg::Key(KeyEvent::new(code, KeyModifiers::NONE));
        let ctrl = |c: char| Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        let mut keys = Vec::new();
        match self.rng.u8(..6) {
            // Out of a form or editor, saying yes to "discard?".
            4 => keys.extend([special(KeyCode::Esc), plain('y'), special(KeyCode::Esc)]),
            5 => keys.extend([special(KeyCode::Esc), special(KeyCode::Esc), plain('/')]),
            0 | 1 => {
                keys.push(ctrl('u'));
                keys.extend(self.pick(LOOKUPS).chars().map(plain));
                keys.push(special(KeyCode::Enter));
            }
            2 => {
                keys.push(plain(':'));
                keys.extend(self.pick(LINES).chars().map(plain));
                keys.push(special(KeyCode::Enter));
            }
            _ => {
                keys.push(plain('n'));
                keys.extend(self.text().chars().take(60).map(plain));
                keys.push(ctrl('s'));
            }
        }
        keys
    }

    /// A worklist file: known uids and emails, phones, CSV or lines, and lines of any text.
    pub fn worklist(&mut self) -> genius::worklist::Worklist {
        let mut text = String::new();
        if self.rng.bool() {
            text.push_str("uid,name\n");
        }
        for _ in 0..self.rng.usize(1..12) {
            let line = match self.rng.u8(..5) {
                0 => "ABC12345".to_string(),
                1 => "K42VX3EQ".to_string(),
                2 => "john@example.com".to_string(),
                3 => "(11) 98771-6038".to_string(),
                _ => self.text(),
            };
            text.push_str(&line);
            text.push('\n');
        }
        let region = "BR".parse().ok();
        match genius::worklist::WorklistFile::parse(text.as_bytes(), region) {
            Ok(file) => genius::worklist::Worklist::new("/monkey/leads.csv", file),
            Err(_) => {
                let file = genius::worklist::WorklistFile::parse(b"ABC12345\n", None)
                    .expect("a one-lead list");
                genius::worklist::Worklist::new("/monkey/leads.txt", file)
            }
        }
    }

    /// The search index of some contacts seen.
    pub fn search_index(&mut self) -> genius::tui::app::search::SharedIndex {
        let now = crate::support::clock().now;
        let summaries: Vec<_> = (0..self.rng.usize(..20))
            .map(|_| {
                let contact = self.contact(None);
                genius::cache::ContactSummary::new(&contact, now, false, 10)
            })
            .collect();
        genius::tui::app::search::SharedIndex::of_summaries(&summaries)
    }

    /// Pasted text: short or huge, one line or many.
    pub fn paste(&mut self) -> Msg {
        let text = match self.rng.u8(..10) {
            0 => "x".repeat(self.rng.usize(10_000..120_000)),
            1 => (0..self.rng.usize(1..200))
                .map(|_| self.text() + "\n")
                .collect(),
            _ => self.text(),
        };
        Msg::Paste(text)
    }

    pub fn resize(&mut self) -> Msg {
        let (width, height) = match self.rng.u8(..6) {
            0 => (self.rng.u16(1..=300), self.rng.u16(1..=100)),
            1 => (self.rng.u16(1..20), self.rng.u16(1..8)),
            2 => (160, 48),
            _ => (80, 24),
        };
        Msg::Resize { width, height }
    }

    pub fn mouse(&mut self) -> Msg {
        Msg::Mouse(MouseEvent {
            kind: *self.pick(&[
                MouseEventKind::ScrollDown,
                MouseEventKind::ScrollUp,
                MouseEventKind::Moved,
            ]),
            column: self.rng.u16(..300),
            row: self.rng.u16(..100),
            modifiers: KeyModifiers::NONE,
        })
    }

    /// A contact with every field drawn from [`Inputs::text`], and notes from none to thousands.
    pub fn contact(&mut self, uid: Option<&str>) -> Contact {
        let field = |inputs: &mut Inputs| match inputs.rng.u8(..5) {
            0 => None,
            _ => Some(inputs.text()),
        };
        let notes = match self.rng.u8(..8) {
            0 => None,
            1 => Some(String::new()),
            2 => Some(
                (0..self.rng.usize(500..3000))
                    .map(|i| {
                        format!(
                            "2025-01-{:02} 10:{:02} note {i} {}",
                            1 + i % 28,
                            i % 60,
                            self.pick(NASTY)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\r\n\r\n"),
            ),
            _ => Some(
                (0..self.rng.usize(1..8))
                    .map(|_| {
                        format!(
                            "2025-03-0{} 09:{:02} {}",
                            self.rng.u8(1..10),
                            self.rng.u8(..60),
                            self.text()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            ),
        };
        Contact {
            uid: uid
                .map(str::to_string)
                .unwrap_or_else(|| match self.rng.u8(..6) {
                    0 => self.text(),
                    _ => format!("UID{:05}", self.rng.u32(..100_000)),
                }),
            email: field(self),
            phone: field(self),
            first_name: field(self),
            last_name: field(self),
            business_name: field(self),
            birthday: field(self).map(|b| {
                if self.rng.bool() {
                    "1985-03-12".into()
                } else {
                    b
                }
            }),
            address: field(self),
            city: field(self),
            state: field(self),
            zipcode: field(self),
            time_zone: field(self).map(|t| {
                if self.rng.bool() {
                    "America/Sao_Paulo".into()
                } else {
                    t
                }
            }),
            value: field(self).map(|v| if self.rng.bool() { "5000.5".into() } else { v }),
            stage_name: field(self),
            quality_name: field(self),
            owner_email: field(self),
            owner_name: field(self),
            snapshot: field(self),
            notes,
            tags: (0..self.rng.usize(..5)).map(|_| self.text()).collect(),
            created: field(self).map(|t| {
                if self.rng.bool() {
                    "2024-01-15T10:30:00Z".into()
                } else {
                    t
                }
            }),
            last_update: field(self),
        }
    }

    /// Any failure the client can report.
    pub fn error(&mut self) -> ApiError {
        match self.rng.u8(..9) {
            0 | 1 => ApiError::Api {
                status: *self.pick(&[400, 401, 403, 404, 409, 422, 500, 502, 503]),
                code: self.rng.bool().then(|| self.text()),
                message: self.text(),
            },
            2 => ApiError::RateLimited {
                attempts: self.rng.u32(1..6),
                retry_after: self
                    .rng
                    .bool()
                    .then(|| Duration::from_secs(self.rng.u64(..100))),
            },
            3 => ApiError::Timeout {
                after: Duration::from_secs(self.rng.u64(1..60)),
                maybe_applied: self.rng.bool(),
            },
            4 => ApiError::Network {
                message: self.text(),
                maybe_applied: self.rng.bool(),
            },
            5 => ApiError::NotJson {
                status: 502,
                reason: self.text(),
            },
            6 => ApiError::Undocumented {
                what: self.text(),
                write: self.rng.bool(),
            },
            7 => ApiError::Redirected {
                status: *self.pick(&[301, 302, 307, 308]),
                location: self.rng.bool().then(|| self.text()),
                base_url: self.rng.bool().then(|| self.text()),
            },
            _ => ApiError::Setup(self.text()),
        }
    }

    /// An answer to `request`: mostly of the right shape (the contact asked for, the change
    /// made), sometimes several contacts, an error, or data of the wrong shape.
    pub fn reply(&mut self, id: RequestId, request: &ApiRequest) -> Msg {
        let asked_uid = request
            .query
            .iter()
            .find(|(name, _)| *name == "uid")
            .map(|(_, value)| value.clone())
            .or_else(|| {
                request
                    .body
                    .as_ref()
                    .and_then(|body| body.get("uid").or_else(|| body.get("contactUid")))
                    .and_then(Value::as_str)
                    .map(str::to_string)
            });
        let roll = self.rng.u8(..20);
        // Now and then an answer of another kind than asked (a runner that got it wrong).
        let operation = if roll == 19 {
            *self.pick(&[
                Operation::Get,
                Operation::Update,
                Operation::Create,
                Operation::Delete,
                Operation::AddNote,
                Operation::ChangeStage,
            ])
        } else {
            request.operation
        };
        let data = match (request.operation, roll) {
            (_, 0..=3) => return typed_reply(id, operation, Err(self.error())),
            (_, 4) => json!({}),
            (_, 5) => self
                .pick(&[json!(null), json!([]), json!("text"), json!(42)])
                .clone(),
            // Several matches: documented summaries mostly, whole contacts now and then (a
            // server saying more than the reference; the extra fields are not believed).
            (Operation::Get, 6..=8) => json!(
                (0..self.rng.usize(2..6))
                    .map(|_| {
                        let mut listed =
                            serde_json::to_value(self.contact(None)).unwrap_or_default();
                        if self.rng.u8(..4) != 0
                            && let Some(fields) = listed.as_object_mut()
                        {
                            fields.retain(|name, _| {
                                ["uid", "email", "phone", "firstName", "lastName"]
                                    .contains(&name.as_str())
                            });
                        }
                        listed
                    })
                    .collect::<Vec<_>>()
            ),
            (Operation::Get | Operation::Update | Operation::Create, _) => {
                let uid = if self.rng.u8(..10) == 0 {
                    None
                } else {
                    asked_uid.as_deref()
                };
                serde_json::to_value(self.contact(uid)).unwrap_or_default()
            }
            (Operation::Delete, _) => json!({"uid": asked_uid}),
            _ => json!({
                "contactUid": asked_uid.clone().unwrap_or_else(|| self.text()),
                "stageName": self.text(),
                "qualityName": self.text(),
                "ownerEmail": self.text(),
                "ownerName": self.text(),
                "tagName": self.text(),
            }),
        };
        let result = Ok(ApiSuccess {
            status: 200,
            message: self.text(),
            data,
        });
        typed_reply(id, operation, as_reply(operation, result))
    }

    /// A 429 wait reported for `id`.
    pub fn rate_limited(&mut self, id: RequestId) -> Msg {
        Msg::RateLimited {
            id,
            wait: RetryWait {
                retry: 1,
                max_retries: 3,
                wait: Duration::from_millis(self.rng.u64(..120_000)),
            },
        }
    }
}
