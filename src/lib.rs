//! JWT Workbench: decode, verify and sign JSON Web Tokens, offline.
//!
//! `core` holds all token logic and never touches the window; `ui` draws it; `cli` is the
//! command line on the same core.

pub mod cli;
pub mod core;
pub mod fetch;
pub mod secrets;
pub mod settings;
pub mod ui;
