//! Reading the process's arguments quickly. clap's derived parser builds the whole command
//! tree (every subcommand, every argument) on each call, then frees it: about a third of a
//! `decode`'s own work. A call that names a subcommand builds only that one; anything it
//! cannot read (help, a mistake, no subcommand) goes to the full parser, which prints the
//! usual help and errors.

use super::{Cli, Command};
use clap::{Arg, ArgMatches, Args, FromArgMatches, Parser};
use std::ffi::OsString;

impl Cli {
    /// The arguments of this process. A mistake is reported with every argument that could be
    /// a secret, a key or a token left out of the message (clap quotes what it cannot read),
    /// and ends the process with exit code 2; help and version print as usual.
    pub fn from_env() -> Cli {
        let args: Vec<OsString> = std::env::args_os().collect();
        if let Some(cli) = Cli::quick(&args) {
            return cli;
        }
        match Cli::try_parse_from(&args) {
            Ok(cli) => cli,
            Err(e) if !e.use_stderr() => e.exit(),
            Err(e) => {
                let message = redact(&e.render().to_string(), &args);
                eprint!("{}", crate::core::text::escape_lines(&message));
                std::process::exit(2);
            }
        }
    }

    /// `args` (program name first) read with only the named subcommand built; `None` when
    /// the full parser should read them.
    pub fn quick(args: &[OsString]) -> Option<Cli> {
        let name = args.get(1)?.to_str()?;
        let rest = args.get(1..)?;
        macro_rules! pick {
            ($($name:literal => $variant:ident),*) => {
                match name {
                    $($name => sub($name, rest).map(|(a, n)| (Command::$variant(a), n)),)*
                    _ => None,
                }
            };
        }
        let (command, now) = pick!(
            "decode" => Decode, "verify" => Verify, "encode" => Encode, "pair" => Pair,
            "refresh" => Refresh, "keygen" => Keygen, "key" => Key, "attack" => Attack,
            "decrypt" => Decrypt, "encrypt" => Encrypt
        )?;
        Some(Cli {
            command: Some(command),
            token: None,
            now,
        })
    }
}

/// Options whose values are secrets, keys or tokens wherever they appear.
const SECRET_OPTIONS: [&str; 3] = ["--secret", "-S", "--verify-secret"];

/// True for an argument a message may quote: an option name, or a short plain word (a number,
/// a file name, an algorithm) that is not the value of a secret option.
fn quotable(arg: &str) -> bool {
    let option = arg.strip_prefix("--").or_else(|| arg.strip_prefix('-'));
    if let Some(name) = option {
        return !name.is_empty()
            && name.len() <= 40
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    }
    arg.len() <= 24
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '/' | '-' | '+'))
}

/// `message` with every argument that may not be quoted replaced by a placeholder that says
/// which argument it was and how long, so no secret, key or token appears in an error.
pub fn redact(message: &str, args: &[OsString]) -> String {
    let mut hidden: Vec<(String, String)> = Vec::new();
    let mut after_secret_option = false;
    for (i, arg) in args.iter().enumerate().skip(1) {
        let arg = arg.to_string_lossy().into_owned();
        let (name, value) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with('-') => (Some(n.to_string()), Some(v.to_string())),
            _ => (None, None),
        };
        let secret_value =
            after_secret_option || name.as_deref().is_some_and(|n| SECRET_OPTIONS.contains(&n));
        after_secret_option = SECRET_OPTIONS.contains(&arg.as_str());
        // clap may quote an argument whole, or the part before or after its first `=`.
        let candidates = match (name, value) {
            (Some(n), Some(v)) => vec![arg.clone(), n, v],
            _ => vec![arg.clone()],
        };
        for text in candidates {
            if text.is_empty() || (!secret_value && quotable(&text)) {
                continue;
            }
            let shown = format!(
                "<argument {i}, {} characters, not shown>",
                text.chars().count()
            );
            hidden.push((text, shown));
        }
    }
    // Longest first, so a value inside a longer argument is not half replaced.
    hidden.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
    let mut out = message.to_string();
    for (text, shown) in hidden {
        out = out.replace(&text, &shown);
    }
    out
}

/// One subcommand's arguments and the global `--now`, or `None` if they do not parse.
fn sub<T: Args + FromArgMatches>(
    name: &'static str,
    args: &[OsString],
) -> Option<(T, Option<i64>)> {
    let mut command = T::augment_args(clap::Command::new(name)).arg(
        Arg::new("now")
            .long("now")
            .value_parser(clap::value_parser!(i64)),
    );
    let parsed = command
        .try_get_matches_from_mut(args)
        .ok()
        .and_then(|mut m: ArgMatches| {
            let now = m.remove_one::<i64>("now");
            T::from_arg_matches_mut(&mut m).ok().map(|a| (a, now))
        });
    // The process ends soon after: freeing the tree would cost more than parsing with it.
    std::mem::forget(command);
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    /// The quick reading and the full parser agree, argument for argument.
    #[test]
    fn the_quick_path_reads_what_the_full_parser_reads() {
        let cases: &[&[&str]] = &[
            &["jwt-workbench", "decode", "a.b.c"],
            &["jwt-workbench", "decode", "--json", "a.b.c", "--now", "5"],
            &[
                "jwt-workbench",
                "verify",
                "a.b.c",
                "--secret",
                "s",
                "--alg",
                "HS256",
                "--leeway",
                "30",
            ],
            &[
                "jwt-workbench",
                "encode",
                "--alg",
                "RS256",
                "--key",
                "k.pem",
                "{\"sub\":\"1\"}",
            ],
            &[
                "jwt-workbench",
                "keygen",
                "--alg",
                "ES256",
                "--out-dir",
                "d",
            ],
            &[
                "jwt-workbench",
                "decrypt",
                "a.b.c.d.e",
                "--secret",
                "s",
                "--max-p2c",
                "20000",
            ],
            &["jwt-workbench", "attack", "a.b.c", "--secret", "s"],
        ];
        for case in cases {
            let args = os(case);
            let full = Cli::try_parse_from(&args).map(|c| format!("{c:?}"));
            let quick = Cli::quick(&args).map(|c| format!("{c:?}"));
            match (&full, &quick) {
                (Ok(f), Some(q)) => assert_eq!(f, q, "{case:?}"),
                (Ok(_), None) => panic!("{case:?}: the quick path could not read it"),
                (Err(e), _) => panic!("{case:?} is not a valid call: {e}"),
            }
        }
    }

    /// A mistake near a secret, a key or a token never quotes it.
    #[test]
    fn argument_errors_never_quote_secrets() {
        let pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
        for case in [
            vec!["jwt-workbench", "verify", "a.b.c", "--secret", pem],
            vec![
                "jwt-workbench",
                "verify",
                "a.b.c",
                "--secret=hunter2hunter2",
                "--leeway",
                "x",
            ],
            vec![
                "jwt-workbench",
                "verify",
                "a.b.c",
                "-S",
                "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}",
                "--bogus",
            ],
            vec![
                "jwt-workbench",
                "encode",
                "--secret",
                "s3cr3t-value",
                "--alg",
                "HS256",
                "--nope",
            ],
            vec![
                "jwt-workbench",
                "verify",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
                "--wat",
            ],
            // Base64 padding: clap cuts at the first `=` and quotes what comes before.
            vec![
                "jwt-workbench",
                "verify",
                "a.b.c",
                "--secret",
                "-----BEGIN PRIVATE KEY-----\nMIIEsecretsecretsecret==\n-----END PRIVATE KEY-----",
            ],
        ] {
            let args = os(&case);
            assert!(Cli::quick(&args).is_none(), "{case:?}");
            let err = Cli::try_parse_from(&args).unwrap_err().render().to_string();
            let shown = redact(&err, &args);
            for secret in [
                "MIIEvQIBADAN",
                "hunter2hunter2",
                "c2VjcmV0",
                "s3cr3t-value",
                "eyJzdWIiOiIxIn0",
                "MIIEsecret",
            ] {
                assert!(!shown.contains(secret), "{case:?}: {shown}");
            }
            assert!(shown.starts_with("error:"), "{shown}");
        }
        // What is safe to quote still helps: a bad number, an unknown option.
        let args = os(&[
            "jwt-workbench",
            "verify",
            "a.b.c",
            "--secret",
            "k",
            "--leeway",
            "soon",
        ]);
        let err = redact(
            &Cli::try_parse_from(&args).unwrap_err().render().to_string(),
            &args,
        );
        assert!(err.contains("'soon'") && err.contains("--leeway"), "{err}");
    }

    /// Help, mistakes and no subcommand go to the full parser and its messages.
    #[test]
    fn what_it_cannot_read_goes_to_the_full_parser() {
        for case in [
            &["jwt-workbench"][..],
            &["jwt-workbench", "token.jwt"],
            &["jwt-workbench", "decode", "--help"],
            &["jwt-workbench", "decode"],
            &["jwt-workbench", "verify", "a.b.c", "--leeway", "soon"],
            &["jwt-workbench", "--version"],
            &["jwt-workbench", "completions", "bash"],
        ] {
            assert!(Cli::quick(&os(case)).is_none(), "{case:?}");
        }
    }
}
