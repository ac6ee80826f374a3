//! Tests of the command line: the built `jwt-workbench` binary run as a user runs it, exit codes
//! and output; and the window program as a process (no display, SIGKILL).
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

#[path = "cli/app_process.rs"]
mod app_process;
#[path = "cli/basics.rs"]
mod basics;
#[path = "cli/cli_attack.rs"]
mod cli_attack;
#[cfg(feature = "fetch")]
#[path = "cli/cli_fetch.rs"]
mod cli_fetch;
#[path = "cli/cli_files.rs"]
mod cli_files;
#[path = "cli/cli_jwe.rs"]
mod cli_jwe;
#[path = "cli/cli_jwe_json.rs"]
mod cli_jwe_json;
#[path = "cli/cli_mldsa.rs"]
mod cli_mldsa;
#[path = "cli/cli_modern.rs"]
mod cli_modern;
#[path = "cli/cli_profiles.rs"]
mod cli_profiles;
#[path = "cli/cli_sdjwt.rs"]
mod cli_sdjwt;
#[path = "cli/cli_x5c.rs"]
mod cli_x5c;
#[path = "cli/verdict_cases.rs"]
mod verdict_cases;
