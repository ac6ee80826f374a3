//! Tests of the window: egui_kittest drives the real app headless, through its accessible names.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests: a panic is a failed test"
)]

#[path = "common/mod.rs"]
#[expect(
    dead_code,
    reason = "helpers shared by the three test binaries: each uses some of them"
)]
mod common;

#[path = "ui/defects.rs"]
mod defects;
#[path = "ui/ui_app.rs"]
mod ui_app;
#[path = "ui/ui_fetch.rs"]
mod ui_fetch;
#[cfg(feature = "fetch")]
#[path = "ui/ui_fetch_live.rs"]
mod ui_fetch_live;
#[path = "ui/ui_jwe.rs"]
mod ui_jwe;
#[path = "ui/ui_modern.rs"]
mod ui_modern;
#[path = "ui/ui_profiles.rs"]
mod ui_profiles;
#[path = "ui/ui_robust.rs"]
mod ui_robust;
#[path = "ui/ui_sdjwt.rs"]
mod ui_sdjwt;
#[path = "ui/ui_second_pass.rs"]
mod ui_second_pass;
#[path = "ui/ui_teaching.rs"]
mod ui_teaching;
#[path = "ui/ui_x5c.rs"]
mod ui_x5c;
