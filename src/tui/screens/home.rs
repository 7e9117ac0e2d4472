//! The start screen: the lookup input (focused on arrival) with a live hint of what the typed text
//! is, and the recent contacts below it, filtered by what is typed — or, when the text is not a
//! uid, email or phone (or is a word in lower case, which may be a name), the contacts seen that
//! match it by name (the app searches them), the best first. Rows show the stage and owner.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use crate::api::{Identifier, IdentifierError};
use crate::privacy::SensitiveField;
use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::model::display::relative_time;
use crate::tui::model::recents::{RecentContact, RecentList};
use crate::tui::widgets::layout::{cells, truncate};
use crate::tui::widgets::safe_text;
use crate::tui::widgets::text_input::{Edit, TextInput};
use crate::tui::widgets::{Component, Ctx, ViewCtx};

/// Which part of the start screen has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeFocus {
    /// Typing in the lookup input.
    Input,
    /// Moving through the recent contacts (`q` quits from here).
    Recents,
}

/// The start screen's state.
#[derive(Debug, Clone, PartialEq)]
pub struct HomeScreen {
    /// The lookup text, which also filters the recents.
    pub input: TextInput,
    /// The input or the recent list.
    pub focus: HomeFocus,
    /// The selected row among those shown, when one is selected.
    pub selected: Option<usize>,
    /// The contacts seen matching the text by name, best first (empty while the text is an
    /// identifier or blank): shown instead of the recents.
    pub matches: Vec<NameMatch>,
}

/// A contact seen before that matches the typed text. Text is the server's, verbatim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMatch {
    pub uid: String,
    pub name: String,
    pub business: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub stage: Option<String>,
    pub owner: Option<String>,
    /// When it was last fetched or viewed.
    pub seen_at: chrono::DateTime<chrono::Utc>,
}

impl NameMatch {
    fn of_recent(recent: &RecentContact) -> NameMatch {
        NameMatch {
            uid: recent.uid.clone(),
            name: recent.name.clone(),
            business: recent.business.clone(),
            email: recent.email.clone(),
            phone: recent.phone.clone(),
            stage: recent.stage.clone(),
            owner: recent.owner.clone(),
            seen_at: recent.viewed_at,
        }
    }
}

impl Default for HomeScreen {
    fn default() -> Self {
        HomeScreen {
            input: TextInput::default(),
            focus: HomeFocus::Input,
            selected: None,
            matches: Vec::new(),
        }
    }
}

/// What the start screen asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HomeOutcome {
    /// Nothing to do.
    None,
    /// Enter: reopen the selected recent contact (`selected_uid`), or look up what is typed.
    LookUp {
        typed: String,
        selected_uid: Option<String>,
    },
}

impl HomeScreen {
    /// The recent contacts matching what is typed.
    pub fn visible_recents<'a>(&'a self, recents: &'a RecentList) -> Vec<&'a RecentContact> {
        recents.filtered(self.input.value()).collect()
    }

    /// How many rows there are, nothing copied (asked on every key in the list).
    pub fn row_count(&self, recents: &RecentList) -> usize {
        if self.matches.is_empty() {
            recents.filtered(self.input.value()).count()
        } else {
            self.matches.len()
        }
    }

    /// Rows `skip..skip + take` of those shown (the name matches when there are some, else the
    /// recents that match): only the rows a frame shows are copied.
    pub fn rows_window(&self, recents: &RecentList, skip: usize, take: usize) -> Vec<NameMatch> {
        if self.matches.is_empty() {
            recents
                .filtered(self.input.value())
                .skip(skip)
                .take(take)
                .map(NameMatch::of_recent)
                .collect()
        } else {
            self.matches.iter().skip(skip).take(take).cloned().collect()
        }
    }

    /// The contacts seen matching the text by name (from the app's search).
    pub fn set_matches(&mut self, matches: Vec<NameMatch>) {
        if matches != self.matches {
            self.matches = matches;
            self.selected = None;
        }
    }

    /// Back to typing, with an empty input.
    pub fn start_typing(&mut self) {
        self.input.reset();
        self.focus = HomeFocus::Input;
        self.selected = None;
        self.matches.clear();
    }

    /// Moves the selection by `delta` rows among `count` visible recents; moving up from the
    /// first row returns to the input.
    pub fn move_selection(&mut self, delta: isize, count: usize) {
        if count == 0 {
            self.selected = None;
            return;
        }
        self.selected = match self.selected {
            None if delta > 0 => Some(0),
            None => None,
            Some(row) => row
                .checked_add_signed(delta)
                .map(|target| target.min(count - 1)),
        };
    }
}

impl Component for HomeScreen {
    type Outcome = HomeOutcome;

    fn context(&self) -> Context {
        match self.focus {
            HomeFocus::Input => Context::HomeInput,
            HomeFocus::Recents => Context::HomeRecents,
        }
    }

    fn handle(&mut self, input: UserInput, ctx: &Ctx) -> HomeOutcome {
        let visible = self.row_count(ctx.recents);
        match input {
            // ↓ and Tab are the only ways into the list, and it shows (the heading is marked).
            UserInput::Action(Action::Down) => {
                self.move_selection(1, visible);
                self.focus = HomeFocus::Recents;
            }
            UserInput::Action(Action::Up) => {
                self.move_selection(-1, visible);
                if self.selected.is_none() {
                    self.focus = HomeFocus::Input;
                }
            }
            UserInput::Action(Action::Top) => self.selected = (visible > 0).then_some(0),
            UserInput::Action(Action::Bottom) => self.selected = visible.checked_sub(1),
            UserInput::Action(Action::Submit) => {
                // A name typed opens the best match of the contacts seen.
                let row = self
                    .selected
                    .or_else(|| (!self.matches.is_empty()).then_some(0));
                let selected_uid = row.and_then(|row| {
                    self.rows_window(ctx.recents, row, 1)
                        .pop()
                        .map(|found| found.uid)
                });
                return HomeOutcome::LookUp {
                    typed: self.input.value().to_string(),
                    selected_uid,
                };
            }
            UserInput::Paste(text) => {
                self.input.paste_identifier(&text);
                self.selected = None;
            }
            other
                if self.focus == HomeFocus::Input
                    && self.input.handle(&other) != Edit::NotAnEdit =>
            {
                self.selected = None;
            }
            _ => {}
        }
        HomeOutcome::None
    }
}

/// What the start screen says about text that is not a uid, an email or a phone.
pub const UNRECOGNISED: &str =
    "not recognised — a uid is 8 letters/digits, an email has @, a phone is digits";

/// What the typed text was recognised as, in words, and whether it can be looked up. The value
/// is repeated only when it differs from what is typed (a uid typed in lower case, a pasted phone
/// cleaned up): the input right above already shows it, and a hint that changes with every key
/// costs bytes on every key (over a slow link, bytes are latency).
pub fn describe_query(text: &str) -> (String, bool) {
    let typed = text.trim();
    let (verb, kind, value) = match Identifier::parse(text) {
        Ok(Identifier::Uid(uid)) => ("opens", "uid", uid),
        Ok(Identifier::Email(email)) => ("looks up", "email", email),
        Ok(Identifier::Phone(phone)) => ("looks up", "phone", phone),
        Err(IdentifierError::Empty) => return (IdentifierError::Empty.to_string(), false),
        Err(_) => return (UNRECOGNISED.to_string(), false),
    };
    if value == typed {
        (format!("Enter {verb} this {kind}"), true)
    } else {
        (format!("Enter {verb} {kind} {value}"), true)
    }
}

/// Draws the start screen.
pub struct HomeView<'a> {
    pub home: &'a HomeScreen,
    pub recents: &'a RecentList,
    /// What the lookup in flight is doing, while there is one.
    pub lookup: Option<&'a str>,
    /// An overlay is open: the cursor belongs to it.
    pub overlay_open: bool,
    pub ctx: ViewCtx<'a>,
}

/// Where the parts of the start screen go.
struct HomeLayout {
    label: Rect,
    input: Rect,
    hint: Rect,
    recents: Rect,
}

fn home_layout(area: Rect) -> HomeLayout {
    let [_, label, input, hint, _, recents] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .horizontal_margin(1)
    .areas(area);
    HomeLayout {
        label,
        input,
        hint,
        recents,
    }
}

impl HomeView<'_> {
    /// Where the terminal's cursor goes: in the input, while typing and nothing is on top.
    pub fn cursor(&self, area: Rect) -> Option<Position> {
        if self.home.focus != HomeFocus::Input || self.overlay_open {
            return None;
        }
        let inner = Block::bordered().inner(home_layout(area).input);
        if inner.width == 0 {
            return None;
        }
        let column = cells(
            self.home
                .input
                .shown(usize::from(inner.width))
                .cursor_column,
        );
        Some(Position::new(
            inner.x + column.min(inner.width - 1),
            inner.y,
        ))
    }

    fn hint(&self) -> (String, ratatui::style::Style) {
        let theme = self.ctx.theme;
        let ctx = &self.ctx;
        match self.lookup {
            Some(description) => (
                format!(
                    "{}… ({} cancels)",
                    safe_text::line(description),
                    ctx.key(Context::HomeInput, Action::Back)
                ),
                theme.accent,
            ),
            None if self.home.focus == HomeFocus::Recents => (
                format!(
                    "in the recent contacts: {} opens · {} to type · {} quits",
                    ctx.key(Context::HomeRecents, Action::Submit),
                    ctx.alternatives(Context::HomeRecents, Action::FocusLookup),
                    ctx.key(Context::HomeRecents, Action::Quit)
                ),
                theme.accent,
            ),
            None if !self.home.matches.is_empty() => (
                format!(
                    "a name — {} opens the best of the contacts seen below",
                    ctx.key(Context::HomeInput, Action::Submit)
                ),
                theme.muted,
            ),
            None => {
                let (hint, recognised) = describe_query(self.home.input.value());
                let style = if recognised || self.home.input.value().trim().is_empty() {
                    theme.muted
                } else {
                    theme.warning
                };
                (safe_text::line(&hint).into_owned(), style)
            }
        }
    }

    fn heading(&self, shown: usize) -> Line<'static> {
        let theme = self.ctx.theme;
        // The heading does not repeat the typed text (the input shows it): a heading that changes
        // with every key costs bytes on every key.
        let filtering = !self.home.input.value().trim().is_empty();
        // With the keyboard in the list, its heading says so: `q` quits from here.
        let (marker, heading_style) = match self.home.focus {
            HomeFocus::Recents => ("› ", theme.accent),
            HomeFocus::Input => ("", theme.label),
        };
        if !self.home.matches.is_empty() {
            return Line::from(vec![
                Span::styled(format!("{marker}Contacts seen"), heading_style),
                Span::styled(
                    format!(
                        "  {shown} match, best first · {} opens the first",
                        self.ctx.key(Context::HomeInput, Action::Submit)
                    ),
                    theme.muted,
                ),
            ]);
        }
        if self.recents.entries.is_empty() {
            Line::styled(format!("{marker}Recent contacts"), heading_style)
        } else if !filtering {
            Line::styled(format!("{marker}Recent contacts ({shown})"), heading_style)
        } else {
            Line::from(vec![
                Span::styled(format!("{marker}Recent contacts"), heading_style),
                Span::styled(
                    format!("  {shown} of {} match", self.recents.entries.len()),
                    theme.muted,
                ),
            ])
        }
    }

    fn render_recents(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.ctx.theme;
        if area.height == 0 {
            return;
        }
        let row_count = self.home.row_count(self.recents);
        let [heading_area, list_area] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        self.heading(row_count).render(heading_area, buf);
        if row_count == 0 && self.recents.entries.is_empty() {
            Line::styled(
                "None yet — the contacts you open will be listed here.",
                theme.muted,
            )
            .render(list_area, buf);
            return;
        }
        let rows = list_area.height as usize;
        let selected = self.home.selected;
        let first = match selected {
            Some(row) if row >= rows => row + 1 - rows,
            _ => 0,
        };
        let width = list_area.width as usize;
        let rows_shown = self.home.rows_window(self.recents, first, rows);
        for (index, row) in rows_shown.iter().enumerate() {
            let offset = first + index;
            let row_area = Rect {
                y: list_area.y + cells(index),
                height: 1,
                ..list_area
            };
            let is_selected = selected == Some(offset);
            if is_selected {
                buf.set_style(row_area, theme.selected);
            }
            let marker = if is_selected { "› " } else { "  " };
            // Each column's text is put at its place: the blanks between columns are the
            // buffer's own, never drawn character by character.
            let mut x = row_area.x;
            let columns = std::iter::once((marker.to_string(), 2, ratatui::style::Style::new()))
                .chain(self.row_columns(row, width.saturating_sub(2)));
            for (text, column_width, style) in columns {
                let room = usize::from(row_area.right().saturating_sub(x));
                if room == 0 {
                    break;
                }
                buf.set_stringn(x, row_area.y, &text, column_width.min(room), style);
                x = x.saturating_add(u16::try_from(column_width).unwrap_or(u16::MAX));
            }
        }
    }

    /// A row's columns: each one's text (cut to leave a blank before the next column), the
    /// columns it spans, and its style.
    fn row_columns(
        &self,
        row: &NameMatch,
        width: usize,
    ) -> Vec<(String, usize, ratatui::style::Style)> {
        let theme = self.ctx.theme;
        let name_width = (width / 5).clamp(12, 28);
        let business_width = (width / 8).clamp(8, 22);
        let stage_width = (width / 7).clamp(8, 16);
        let owner_width = (width / 7).clamp(8, 20);
        let time_width = 12;
        let reach_width = width
            .saturating_sub(name_width + business_width + stage_width + owner_width + time_width)
            .min(36);
        let reach = match (
            row.email.as_deref().filter(|e| !e.is_empty()),
            row.phone.as_deref(),
        ) {
            (Some(email), _) => self.ctx.masked(SensitiveField::Email, email),
            (None, Some(phone)) => self.ctx.masked(SensitiveField::Phone, phone),
            (None, None) => "".into(),
        };
        let cut = |text: &str, width: usize| truncate(text, width.saturating_sub(1));
        let mut columns: Vec<_> = [
            (self.ctx.free_text(&row.name), name_width, theme.text),
            (field(&row.business), business_width, theme.muted),
            (field(&row.stage), stage_width, theme.text),
            (field(&row.owner), owner_width, theme.muted),
        ]
        .into_iter()
        .map(|(text, width, style)| (cut(&text, width), width, style))
        .collect();
        // The email or phone when there is room for a useful piece of it.
        if reach_width >= 12 {
            columns.push((
                cut(&safe_text::line(&reach), reach_width),
                reach_width,
                theme.text,
            ));
        }
        let seen = relative_time(row.seen_at, self.ctx.clock.now);
        let seen_width = crate::text::terminal_width(&seen);
        columns.push((seen, seen_width, theme.muted));
        columns
    }
}

/// An optional field as the list shows it: made display-safe, empty when absent.
fn field(text: &Option<String>) -> std::borrow::Cow<'_, str> {
    safe_text::line(text.as_deref().unwrap_or(""))
}

impl Widget for &HomeView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.ctx.theme;
        let parts = home_layout(area);
        Line::styled("Look up a contact", theme.accent).render(parts.label, buf);
        let typing = self.home.focus == HomeFocus::Input;
        let border = if typing {
            theme.border_focused
        } else {
            theme.border
        };
        let block = Block::bordered().border_style(border);
        let inner = block.inner(parts.input);
        let shown = self.home.input.shown(usize::from(inner.width));
        Paragraph::new(shown.text)
            .style(theme.text)
            .block(block)
            .render(parts.input, buf);
        let (hint, hint_style) = self.hint();
        Line::styled(format!(" {hint}"), hint_style).render(parts.hint, buf);
        self.render_recents(parts.recents, buf);
    }
}
