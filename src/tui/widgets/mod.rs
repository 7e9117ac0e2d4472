//! What screens and overlays are drawn with, and the recipe they follow: [`context`] (the
//! `Component` trait, `Ctx` and `ViewCtx`), [`safe_text`] (the one door outside text takes to the
//! terminal, and the last guard over each frame), the title and status bars ([`chrome`]), the
//! single-line [`text_input`], the contact [`form`] and the [`picker`] (components other screens
//! and overlays embed), the note [`timeline`], [`layout`] helpers and word [`wrap`]ping.
//! Widgets may use the model, the keymap and the theme; never the app, the effects or the runtime.

pub mod chrome;
pub mod context;
pub mod form;
pub mod layout;
pub mod picker;
pub mod safe_text;
pub mod text_input;
pub mod timeline;
pub mod wrap;
pub mod wrap_heights;

pub use context::{Component, Ctx, ViewCtx};
