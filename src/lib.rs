//! JWT Workbench: decode, verify and sign JSON Web Tokens, offline.
//!
//! `core` holds all token logic and never touches the window; `ui` draws it; `cli` is the
//! command line on the same core.

// Tests may unwrap: a panic there is a failed test, not a crash in front of a user.
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod cli;
pub mod core;
pub mod secrets;
pub mod settings;
pub mod ui;
