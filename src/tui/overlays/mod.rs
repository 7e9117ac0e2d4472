//! What sits on top of a screen and takes the keys first: help, the reader, the command line,
//! the delete confirmation, the copy menu, the export prompt and the profile switcher.

pub mod command_line;
pub mod confirm_delete;
pub mod copy_menu;
pub mod export;
pub mod help;
pub mod profiles;
pub mod reader;
pub mod trust_render;
