//! The window. Draws and edits core state; holds no JWT logic of its own.

pub mod app;

pub use app::{WorkbenchApp, run_window};
