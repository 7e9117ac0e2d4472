//! The monkey test of the whole TUI: a seeded random sequence of messages — keys, pastes, resizes
//! from 1×1 to 300×100, ticks, and API replies of every shape answering the requests the app sent,
//! in any order, late or for requests long gone (`monkey/inputs.rs`) — fed to `App::update`, each
//! step drawn on a TestBackend at the current size. After every step:
//! - nothing panicked, and the screen stack is not empty;
//! - every request the app waits for is one it sent and did not cancel; and once the monkey has
//!   answered everything, the app waits for nothing (no request is waited on forever);
//! - keys are held back only while the screen waits for a reply;
//! - the frame the widgets drew — before the event loop's last guard — holds no control
//!   character, bidi control or line/paragraph separator.
//!
//! CI runs a fixed number of steps over several seeds. `GENIUS_MONKEY_SEED=S` replays one seed,
//! `GENIUS_MONKEY_STEPS=N` sets the steps per seed, and `GENIUS_MONKEY_SECONDS=T` runs seed after
//! seed for T seconds. A failure names the seed, the step and the last messages.
// Test code may unwrap what it set up itself: a panic there is the run failing, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "monkey/inputs.rs"]
mod inputs;
mod support;

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use genius::api::{ApiRequest, ApiToken, Client, ClientConfig};
use genius::cache::{CachedContact, ContactCache};
use genius::tui::app::Command;
use genius::tui::app::ProfileSession;
use genius::tui::app::msg::Msg;
use genius::tui::app::{App, AppOptions};
use genius::tui::model::RequestId;
use genius::tui::model::display::Clock;
use genius::tui::model::drafts::{Draft, DraftContent, DraftKey};
use genius::tui::model::profiles::ProfileEntry;
use genius::tui::model::recents::{RecentContact, RecentList};
use genius::tui::overlays::drafts::DraftsOverlay;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

use inputs::Inputs;

/// Steps per seed in CI.
const STEPS: usize = 600;
/// Seeds run in CI.
const SEEDS: [u64; 4] = [1, 2, 3, 4];
/// A request is answered within this many steps: the monkey is a server that always answers.
const MAX_WAIT: usize = 40;
/// Every so often the monkey answers everything, then checks nothing is awaited any more.
const SETTLE_EVERY: usize = 250;
/// How many of the last messages a failure prints.
const REMEMBERED: usize = 30;

/// A request the app sent and the monkey has not answered (or seen cancelled) yet.
struct Pending {
    id: RequestId,
    request: ApiRequest,
    sent_at: usize,
}

struct Monkey {
    seed: u64,
    inputs: Inputs,
    app: App,
    terminal: Terminal<TestBackend>,
    pending: Vec<Pending>,
    /// Messages the app's effects owe it (the answer to Ctrl-Z, to `$EDITOR`, to a profile).
    owed: VecDeque<Msg>,
    step: usize,
    sessions: usize,
    last: VecDeque<String>,
    /// How often each screen and overlay was on top after a step, to see the monkey went places.
    seen: std::collections::BTreeMap<String, usize>,
}

fn new_terminal(size: Size) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(size.width, size.height)).unwrap_or_else(|e| panic!("{e}"))
}

/// A fresh app: sometimes signed out, private, ASCII or read-only, with recents, a cache and
/// drafts left from an earlier session (offered back, as at start).
fn new_app(inputs: &mut Inputs) -> App {
    let now = support::clock().now;
    let mut recents = RecentList::default();
    let mut cached = Vec::new();
    for _ in 0..inputs.rng.usize(..6) {
        let contact = inputs.contact(None);
        recents.record(RecentContact::from_contact(&contact, now));
        if inputs.rng.bool() {
            cached.push(CachedContact::new(contact, now));
        }
    }
    let mut app = App::new(AppOptions {
        account_label: inputs.text(),
        recents,
        has_token: inputs.rng.u8(..20) != 0,
        clock: support::clock(),
        viewport: Size::new(80, 24),
        privacy: inputs.rng.u8(..5) == 0,
        ascii: inputs.rng.u8(..8) == 0,
        cached,
        cache_enabled: inputs.rng.bool(),
        account_time_zone: *inputs.pick(&[
            genius::api::time_zones::DEFAULT_ACCOUNT_TIME_ZONE,
            genius::api::time_zones::Zone::find_exact("Australia/Lord_Howe").unwrap(),
            genius::api::time_zones::Zone::find_exact("Pacific/Apia").unwrap(),
        ]),
        // Sometimes a budget that holds a contact or two, so eviction happens.
        cache_memory_bytes: if inputs.rng.bool() {
            inputs.rng.usize(..4096)
        } else {
            genius::cache::DEFAULT_MEMORY_BYTES
        },
        ..Default::default()
    });
    let uids = app
        .recents
        .entries
        .iter()
        .map(|entry| entry.uid.clone())
        .collect::<Vec<_>>();
    if app.cache_enabled && inputs.rng.bool() {
        app.update(Msg::CacheIndexLoaded { uids });
    }
    app.account.read_only = inputs.rng.u8(..10) == 0;
    app.account.profiles = (0..inputs.rng.usize(..3))
        .map(|i| ProfileEntry {
            name: format!("p{i}"),
            base_url: inputs.text(),
            read_only: inputs.rng.bool(),
        })
        .collect();
    for _ in 0..inputs.rng.usize(..3) {
        let uid = inputs.text();
        app.drafts.list.push(Draft {
            key: DraftKey::note(None, &uid),
            content: DraftContent::Note {
                text: inputs.text(),
            },
            contact_name: Some(inputs.text()),
            saved_at: Some(now),
            may_have_been_saved: inputs.rng.bool(),
        });
    }
    if !app.drafts.list.is_empty() {
        app.overlay = Some(genius::tui::app::Overlay::Drafts(DraftsOverlay::default()));
    }
    app
}

/// A profile ready to switch to.
fn profile(inputs: &mut Inputs, name: &str) -> ProfileSession {
    ProfileSession {
        name: name.to_string(),
        account_label: inputs.text(),
        client: Client::new(ClientConfig::new("http://127.0.0.1:9", ApiToken::new("t"))).ok(),
        read_only: inputs.rng.bool(),
        theme: genius::tui::theme::Theme::monochrome(),
        recents: RecentList::default(),
        recents_path: std::path::PathBuf::from("/nonexistent/recents.json"),
        cache: ContactCache::disabled(),
        cache_enabled: false,
        cache_memory_bytes: genius::cache::DEFAULT_MEMORY_BYTES,
        vocabulary: Default::default(),
        drafts: Vec::new(),
        account_time_zone: *inputs.pick(&[
            genius::api::time_zones::DEFAULT_ACCOUNT_TIME_ZONE,
            genius::api::time_zones::Zone::UTC,
            genius::api::time_zones::Zone::find_exact("Pacific/Chatham").unwrap(),
        ]),
    }
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "a panic".to_string())
}

impl Monkey {
    fn new(seed: u64) -> Monkey {
        let mut inputs = Inputs {
            rng: fastrand::Rng::with_seed(seed),
        };
        let app = new_app(&mut inputs);
        Monkey {
            seed,
            inputs,
            terminal: new_terminal(app.viewport),
            app,
            pending: Vec::new(),
            owed: VecDeque::new(),
            step: 0,
            sessions: 1,
            last: VecDeque::new(),
            seen: Default::default(),
        }
    }

    fn fail(&self, what: &str) -> ! {
        let last: Vec<String> = self.last.iter().cloned().collect();
        panic!(
            "monkey seed {} step {} (session {}): {what}\nthe last messages, oldest first:\n  {}\nreplay: GENIUS_MONKEY_SEED={} GENIUS_MONKEY_STEPS={} cargo test --test monkey",
            self.seed,
            self.step,
            self.sessions,
            last.join("\n  "),
            self.seed,
            self.step + 1,
        );
    }

    /// The next message: owed ones first (mostly), a request waiting too long, else anything.
    fn next_msg(&mut self) -> Msg {
        if !self.owed.is_empty() && self.inputs.rng.u8(..4) != 0 {
            return self.owed.pop_front().unwrap_or(Msg::Tick);
        }
        if let Some(oldest) = self
            .pending
            .iter()
            .position(|p| self.step.saturating_sub(p.sent_at) > MAX_WAIT)
        {
            return self.answer(oldest);
        }
        match self.inputs.rng.u8(..100) {
            0..=39 => self.inputs.key(),
            40..=47 => {
                let mut burst: VecDeque<Msg> = self.inputs.burst().into();
                let first = burst.pop_front().unwrap_or(Msg::Tick);
                burst.extend(self.owed.drain(..));
                self.owed = burst;
                first
            }
            48..=50 => self.inputs.paste(),
            51..=52 => self.inputs.resize(),
            53..=56 => Msg::Tick,
            57 if self.inputs.rng.bool() => Msg::ClockTick,
            // A preview timer, current or long gone.
            57 => Msg::PreviewDue {
                generation: self.inputs.rng.u64(..8),
            },
            58 => self.inputs.mouse(),
            59..=84 if !self.pending.is_empty() => {
                let index = self.inputs.rng.usize(..self.pending.len());
                if self.inputs.rng.u8(..10) == 0 {
                    let id = self.pending[index].id;
                    self.inputs.rate_limited(id)
                } else {
                    self.answer(index)
                }
            }
            85 => {
                let id = RequestId(self.inputs.rng.u64(1_000_000..));
                let request = ApiRequest::get(&genius::api::Identifier::Uid("STALE001".into()));
                self.inputs.reply(id, &request)
            }
            86 => Msg::EffectFailed {
                what: self.inputs.text(),
                error: self.inputs.text(),
            },
            87 => Msg::Stop,
            88 => Msg::Resumed,
            89 if self.inputs.rng.u8(..10) == 0 => Msg::Terminate,
            90 => match self.inputs.rng.u8(..3) {
                0 => Msg::ProfileFailed {
                    name: self.inputs.text(),
                    error: self.inputs.text(),
                },
                1 => Msg::Exported {
                    path: self.inputs.text().into(),
                },
                _ => Msg::ExportExists {
                    path: self.inputs.text().into(),
                    contents: self.inputs.text(),
                },
            },
            91 => Msg::EditedExternally {
                uid: self.inputs.pick(&["K42VX3EQ", "ABC12345"]).to_string(),
                result: if self.inputs.rng.bool() {
                    Ok(self.inputs.text())
                } else {
                    Err(self.inputs.text())
                },
            },
            93 => Msg::WorklistOpened(Box::new(self.inputs.worklist())),
            94 => Msg::SearchIndexReady(self.inputs.search_index()),
            92 => {
                let later = self.app.clock.now
                    + chrono::Duration::seconds(self.inputs.rng.i64(-100..100_000));
                self.app
                    .set_clock(Clock::fixed(later, self.app.clock.local_offset));
                Msg::Tick
            }
            _ => self.inputs.key(),
        }
    }

    /// The reply to the pending request at `index`, which stops being pending.
    fn answer(&mut self, index: usize) -> Msg {
        let pending = self.pending.remove(index);
        self.inputs.reply(pending.id, &pending.request)
    }

    fn remember(&mut self, msg: &Msg) {
        let text: String = format!("{msg:?}").chars().take(240).collect();
        self.last.push_back(text);
        if self.last.len() > REMEMBERED {
            self.last.pop_front();
        }
    }

    /// One message through `App::update`, its commands performed as the effects runner would,
    /// the frame drawn, and every invariant checked.
    fn feed(&mut self, msg: Msg) {
        self.remember(&msg);
        let app = &mut self.app;
        let commands = match catch_unwind(AssertUnwindSafe(|| app.update(msg))) {
            Ok(commands) => commands,
            Err(payload) => self.fail(&format!("update panicked: {}", panic_text(&*payload))),
        };
        self.perform(commands);
        self.draw_and_check();
        if self.app.quitting {
            self.sessions += 1;
            self.app = new_app(&mut self.inputs);
            self.pending.clear();
            self.owed.clear();
        }
    }

    fn perform(&mut self, commands: Vec<Command>) {
        for command in commands {
            match command {
                Command::Send { id, request } => self.pending.push(Pending {
                    id,
                    request,
                    sent_at: self.step,
                }),
                Command::Cancel { id } => self.pending.retain(|p| p.id != id),
                Command::OpenWorklist { .. } => {
                    let list = self.inputs.worklist();
                    self.owed.push_back(Msg::WorklistOpened(Box::new(list)));
                }
                Command::LoadSearchIndex => {
                    let index = self.inputs.search_index();
                    self.owed.push_back(Msg::SearchIndexReady(index));
                }
                Command::Suspend => self.owed.push_back(Msg::Resumed),
                // A timer fires later: owed, so other messages may come first.
                Command::After { msg, .. } => self.owed.push_back(*msg),
                Command::EditExternally { uid, draft } => {
                    let result = match self.inputs.rng.u8(..3) {
                        0 => Err(self.inputs.text()),
                        1 => Ok(draft),
                        _ => Ok(self.inputs.text()),
                    };
                    self.owed.push_back(Msg::EditedExternally { uid, result });
                }
                Command::ResolveProfile { name } => {
                    let answer = if self.inputs.rng.bool() {
                        Msg::ProfileReady(Box::new(profile(&mut self.inputs, &name)))
                    } else {
                        Msg::ProfileFailed {
                            name,
                            error: self.inputs.text(),
                        }
                    };
                    self.owed.push_back(answer);
                }
                Command::LoadCacheIndex => {
                    let uids = (0..self.inputs.rng.usize(..4))
                        .map(|_| self.inputs.pick(&["K42VX3EQ", "ABC12345"]).to_string())
                        .collect();
                    self.owed.push_back(Msg::CacheIndexLoaded { uids });
                }
                Command::ReadCachedContact { uid } => {
                    let cached = self.inputs.rng.bool().then(|| {
                        let mut copy = CachedContact::new(
                            self.inputs.contact(Some(&uid)),
                            self.app.clock.now - chrono::Duration::hours(5),
                        );
                        copy.notes_cut = self.inputs.rng.bool();
                        Box::new(copy)
                    });
                    self.owed.push_back(Msg::CachedContactRead { uid, cached });
                }
                Command::Export {
                    path,
                    contents,
                    replace,
                } => self.owed.push_back(if replace || self.inputs.rng.bool() {
                    Msg::Exported { path }
                } else {
                    Msg::ExportExists { path, contents }
                }),
                _ => {}
            }
        }
    }

    fn draw_and_check(&mut self) {
        let size = self.app.viewport;
        if self.terminal.size().ok() != Some(size) {
            self.terminal = new_terminal(size);
        }
        let (terminal, app) = (&mut self.terminal, &self.app);
        let drawn = catch_unwind(AssertUnwindSafe(|| {
            terminal
                .draw(|frame| genius::tui::app::view::render(app, frame))
                .map(|_| ())
        }));
        match drawn {
            Ok(Ok(())) => {}
            Ok(Err(error)) => self.fail(&format!("drawing failed: {error}")),
            Err(payload) => self.fail(&format!("drawing panicked: {}", panic_text(&*payload))),
        }
        let buffer = self.terminal.backend().buffer();
        // Frames where hostile text was drawn as placeholders: proof it reached the widgets.
        if buffer.content.iter().any(|cell| {
            cell.symbol()
                .contains(['\u{241b}', genius::text::HIDDEN_CHARACTER])
        }) {
            *self.seen.entry("(placeholders drawn)".into()).or_default() += 1;
        }
        for (index, cell) in buffer.content.iter().enumerate() {
            if cell.symbol().chars().any(genius::text::is_unsafe) {
                let (x, y) = buffer.pos_of(index);
                self.fail(&format!(
                    "the frame holds {:?} at column {x}, row {y}",
                    cell.symbol()
                ));
            }
        }
        if self.app.screens.is_empty() {
            self.fail("the screen stack is empty");
        }
        let place = match &self.app.overlay {
            Some(_) => format!(
                "{} + {:?}",
                self.app.top_screen_name(),
                self.app.contexts()[0]
            ),
            None => self.app.top_screen_name().to_string(),
        };
        *self.seen.entry(place).or_default() += 1;
        for request in &self.app.requests.in_flight {
            if !self.pending.iter().any(|p| p.id == request.id) {
                self.fail(&format!(
                    "the app waits for request {} ({:?}), which it never sent or cancelled",
                    request.id, request.purpose
                ));
            }
        }
        if !self.app.quitting && !self.app.waits_for_the_screen() && !self.app.typeahead.is_empty()
        {
            self.fail("keys are held back while nothing is awaited");
        }
    }

    /// Answers every request (and what the answers ask for) and every owed message; then
    /// nothing may be awaited.
    fn settle(&mut self) {
        for _ in 0..500 {
            let msg = if !self.pending.is_empty() {
                let index = self.inputs.rng.usize(..self.pending.len());
                self.answer(index)
            } else if let Some(msg) = self.owed.pop_front() {
                msg
            } else {
                break;
            };
            self.feed(msg);
        }
        if !self.pending.is_empty() || !self.owed.is_empty() {
            self.fail("answering everything never ends: each answer asks for more");
        }
        if let Some(request) = self.app.requests.in_flight.first() {
            self.fail(&format!(
                "everything was answered, yet the app waits for {} ({:?})",
                request.id, request.purpose
            ));
        }
        if !self.app.typeahead.is_empty() {
            self.fail("everything was answered, yet keys are still held back");
        }
    }

    fn run(&mut self, steps: usize) {
        for step in 0..steps {
            self.step = step;
            let msg = self.next_msg();
            self.feed(msg);
            if step % SETTLE_EVERY == SETTLE_EVERY - 1 {
                self.settle();
            }
        }
        self.settle();
    }
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

#[test]
fn the_monkey_finds_no_panic_no_lost_request_and_nothing_unsafe_on_screen() {
    let steps = env_number("GENIUS_MONKEY_STEPS").map_or(STEPS, |n| n as usize);
    if let Some(seed) = env_number("GENIUS_MONKEY_SEED") {
        let mut monkey = Monkey::new(seed);
        monkey.run(steps);
        eprintln!(
            "monkey seed {seed}: {} sessions; on top: {:?}",
            monkey.sessions, monkey.seen
        );
        return;
    }
    if let Some(seconds) = env_number("GENIUS_MONKEY_SECONDS") {
        let started = Instant::now();
        let first = fastrand::u64(..u64::MAX / 2);
        let mut seed = first;
        while started.elapsed() < Duration::from_secs(seconds) {
            Monkey::new(seed).run(steps);
            seed += 1;
        }
        eprintln!(
            "monkey: seeds {first}..{seed} ({} seeds of {steps} steps) in {:?}",
            seed - first,
            started.elapsed()
        );
        return;
    }
    for seed in SEEDS {
        Monkey::new(seed).run(steps);
    }
}
