//! Drawing the whole app from its state: the title line, the top screen, the status bar, and the
//! overlay on top; below the usable size, only the "window too small" notice. Each part is a view
//! built here from the state it shows and a `ViewCtx` — no view sees the whole app. Drawing never
//! changes state.
//!
//! Every view draws outside text through `widgets::safe_text`; [`draw`] then runs that module's
//! last guard over the finished frame, so a cell holding a control character, a bidi control or a
//! line separator never reaches the terminal even if a view forgot.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::tui::app::{App, Notice, Overlay, Screen};
use crate::tui::overlays::command_line::CommandLineView;
use crate::tui::overlays::confirm_delete::ConfirmDeleteView;
use crate::tui::overlays::confirm_undo::UndoConfirmView;
use crate::tui::overlays::copy_menu::CopyMenuView;
use crate::tui::overlays::drafts::DraftsView;
use crate::tui::overlays::export::ExportView;
use crate::tui::overlays::help::HelpView;
use crate::tui::overlays::picker::PickerOverlayView;
use crate::tui::overlays::profiles::ProfilesView;
use crate::tui::overlays::reader::ReaderView;
use crate::tui::screens::contact::ContactView;
use crate::tui::screens::create::CreateView;
use crate::tui::screens::edit::EditView;
use crate::tui::screens::home::HomeView;
use crate::tui::screens::note::NoteView;
use crate::tui::screens::results::ResultsView;
use crate::tui::screens::setup::SetupView;
use crate::tui::screens::worklist::WorklistView;
use crate::tui::widgets::chrome::{
    Activity, MIN_HEIGHT, MIN_WIDTH, Message, StatusView, TitleView, TooSmallView,
};
use crate::tui::widgets::{ViewCtx, safe_text};

/// Draws `app` into the frame, then makes every cell of it safe: what the event loop calls.
pub fn draw(app: &App, frame: &mut Frame) {
    render(app, frame);
    safe_text::guard_frame(frame.buffer_mut());
}

/// Draws `app` into the frame: the views only, without the last guard of [`draw`].
pub fn render(app: &App, frame: &mut Frame) {
    let ctx = app.view_ctx();
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        frame.render_widget(&TooSmallView { ctx }, area);
        return;
    }
    let status_view = app.status_view(ctx);
    let [title, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(app.status_rows()),
    ])
    .areas(area);
    frame.render_widget(&app.title_view(ctx), title);
    render_screen(app, ctx, body, frame);
    frame.render_widget(&status_view, status);
    render_overlay(app, ctx, body, frame);
    if app.ascii {
        asciify(frame.buffer_mut());
    }
}

fn render_screen(app: &App, ctx: ViewCtx, body: Rect, frame: &mut Frame) {
    match app.top() {
        Screen::Home(home) => {
            let view = HomeView {
                home,
                recents: &app.recents,
                lookup: app.requests.lookup().map(|r| r.description.as_str()),
                overlay_open: app.overlay.is_some(),
                ctx,
            };
            frame.render_widget(&view, body);
            if let Some(cursor) = view.cursor(body) {
                frame.set_cursor_position(cursor);
            }
        }
        Screen::Results(results) => frame.render_widget(&ResultsView { results, ctx }, body),
        Screen::Contact(screen) => frame.render_widget(&ContactView { screen, ctx }, body),
        Screen::Setup => frame.render_widget(&SetupView { ctx }, body),
        Screen::Edit(screen) => frame.render_widget(&EditView { screen, ctx }, body),
        Screen::Create(screen) => frame.render_widget(&CreateView { screen, ctx }, body),
        Screen::Note(screen) => frame.render_widget(&NoteView { screen, ctx }, body),
        Screen::Worklist(screen) => {
            let view = WorklistView {
                screen,
                position: app.worklist.as_ref().map(|s| s.list.position()),
                ctx,
            };
            frame.render_widget(&view, body);
        }
    }
}

fn render_overlay(app: &App, ctx: ViewCtx, body: Rect, frame: &mut Frame) {
    let Some(overlay) = &app.overlay else {
        return;
    };
    match overlay {
        Overlay::Help(help) => {
            let contexts = app.screen_contexts();
            let view = HelpView {
                help,
                screen_name: app.top_screen_name(),
                contexts: &contexts,
                log_dir: app.log_dir.as_deref(),
                ctx,
            };
            frame.render_widget(&view, body);
        }
        Overlay::Reader(reader) => frame.render_widget(&ReaderView { reader, ctx }, body),
        Overlay::Picker(overlay) => frame.render_widget(&PickerOverlayView { overlay, ctx }, body),
        Overlay::ConfirmDelete(confirm) => {
            frame.render_widget(&ConfirmDeleteView { confirm, ctx }, body);
        }
        Overlay::CommandLine(line) => frame.render_widget(&CommandLineView { line, ctx }, body),
        Overlay::Drafts(overlay) => {
            let view = DraftsView {
                overlay,
                drafts: &app.drafts.list,
                ctx,
            };
            frame.render_widget(&view, body);
        }
        Overlay::CopyMenu(menu) => frame.render_widget(&CopyMenuView { menu, ctx }, body),
        Overlay::ConfirmUndo(confirm) => {
            frame.render_widget(&UndoConfirmView { confirm, ctx }, body);
        }
        Overlay::Export(prompt) => {
            let view = ExportView { prompt, ctx };
            frame.render_widget(&view, body);
            if let Some(cursor) = view.cursor(body) {
                frame.set_cursor_position(cursor);
            }
        }
        Overlay::Profiles(switcher) => {
            let view = ProfilesView {
                switcher,
                profiles: &app.account.profiles,
                active: app.account.profile.as_deref(),
                ctx,
            };
            frame.render_widget(&view, body);
        }
    }
}

impl App {
    /// What every view may read besides the state it shows.
    pub fn view_ctx(&self) -> ViewCtx<'_> {
        ViewCtx {
            theme: &self.theme,
            clock: &self.clock,
            privacy: self.privacy,
            ascii: self.ascii,
            keymap: &self.keymap,
            spinner_frame: self.spinner_frame,
            zones: self.time_zones(),
            vocabulary: &self.vocabulary,
        }
    }

    fn title_view<'a>(&'a self, ctx: ViewCtx<'a>) -> TitleView<'a> {
        TitleView {
            crumbs: self.screens.iter().map(Screen::title).collect(),
            account: &self.account.label,
            switching: self.account.switching.as_deref(),
            read_only: self.account.read_only,
            ctx,
        }
    }

    /// How many rows the status bar takes now: more than one while a long message wraps.
    pub(crate) fn status_rows(&self) -> u16 {
        self.status_view(self.view_ctx()).rows(self.viewport.width)
    }

    fn status_view<'a>(&'a self, ctx: ViewCtx<'a>) -> StatusView<'a> {
        // A request nobody waits for on screen (Esc while a write was on its way) gives way to
        // the notice, which says what became of it and of the keys typed meanwhile.
        let activity =
            self.requests
                .latest()
                .filter(|request| !request.detached || self.notice.is_none())
                .map(|request| Activity {
                    description: &request.description,
                    retry_in_seconds: request.retry_at.filter(|at| *at > self.clock.now).map(
                        |at| {
                            let millis = (at - self.clock.now).num_milliseconds().max(0);
                            (millis + 999) / 1000
                        },
                    ),
                    typed_ahead: self.typeahead.len(),
                });
        let message = match &self.notice {
            Some(Notice::Error(text)) => Some(Message::Error(text)),
            Some(Notice::Info(text)) => Some(Message::Info(text)),
            None => None,
        };
        StatusView {
            activity,
            message,
            hints: self.keymap.hints_for(&self.contexts()),
            ctx,
        }
    }
}

/// `--ascii`: every symbol the TUI draws (box drawing, arrows, bullets, the spinner…) replaced by
/// a plain ASCII look-alike, in one pass over the finished frame, so no widget can forget it.
pub fn asciify(buffer: &mut Buffer) {
    for cell in buffer.content.iter_mut() {
        if let Some(plain) = ascii_for(cell.symbol()) {
            cell.set_symbol(plain);
        }
    }
}

fn ascii_for(symbol: &str) -> Option<&'static str> {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    Some(match c {
        // The spinner's frames turn as - \ | /.
        '─' | '━' | '—' | '–' | '·' | '•' | '⠹' | '⠦' => "-",
        '│' | '┃' | '⠋' | '⠼' | '⠇' => "|",
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '╭' | '╮' | '╰' | '╯' => {
            "+"
        }
        '›' | '→' => ">",
        '←' => "<",
        '↑' => "^",
        '↓' => "v",
        '…' => "~",
        '✗' | '×' => "x",
        '“' | '”' => "\"",
        '⠙' | '⠴' | '⠏' => "/",
        '⠸' | '⠧' => "\\",
        '●' => "*",
        '○' => "o",
        // Placeholders a view drew without `ViewCtx` (which writes `^[` where it can).
        '\u{2400}'..='\u{2421}' | '\u{2424}' | '\u{FFFD}' => "?",
        _ => return None,
    })
}
