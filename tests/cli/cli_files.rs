//! `@FILE` for `encode`'s payload and header and `refresh`'s token, as `verify` and `decode`
//! take a token: read capped, one trailing newline dropped, a missing or non-UTF-8 file exit 2
//! with a message naming what it was for.

use crate::common::cli::workbench;
use crate::common::pki::{scratch, write};

const NOW: &str = "--now=1800000000";
const SECRET: &str = "correct-horse-battery-staple-42!";

#[test]
fn encode_reads_its_payload_and_header_from_files() {
    let dir = scratch("encode-files");
    write(&dir, "payload.json", "{\"sub\":\"from-file\",\"n\":1.50}\n");
    write(&dir, "header.json", r#"{"typ":"JWT","kid":"f1"}"#);
    let d = Some(dir.as_path());
    let run = workbench(
        &[
            "encode",
            "--secret",
            SECRET,
            "--header",
            "@header.json",
            "@payload.json",
            NOW,
        ],
        None,
        d,
    );
    run.expect(0, &[]);
    let token = run.stdout.trim().to_string();
    workbench(&["decode", &token, "--json"], None, None)
        .expect(0, &["from-file", "\"kid\": \"f1\""]);
    workbench(&["verify", &token, "--secret", SECRET, NOW], None, None).expect(0, &["valid"]);

    // refresh takes the token from a file too (this one was read: it is no refresh token).
    write(&dir, "t.jwt", &format!("{token}\n"));
    workbench(&["refresh", "@t.jwt", "--secret", SECRET, NOW], None, d)
        .expect(1, &["no \"type\" claim"]);

    workbench(&["encode", "--secret", SECRET, "@missing.json"], None, d)
        .expect(2, &["payload file"]);
    std::fs::write(dir.join("binary.json"), [0xff, 0xfe, 0x00]).unwrap();
    workbench(&["encode", "--secret", SECRET, "@binary.json"], None, d)
        .expect(2, &["payload file is not UTF-8"]);
}
