//! Reading the process's arguments quickly. clap's derived parser builds the whole command
//! tree (every subcommand, every argument) on each call, then frees it: about a third of a
//! `decode`'s own work. A call that names a subcommand builds only that one; anything it
//! cannot read (help, a mistake, no subcommand) goes to the full parser, which prints the
//! usual help and errors.

use super::{Cli, Command};
use clap::{Arg, ArgMatches, Args, FromArgMatches, Parser};
use std::ffi::OsString;

impl Cli {
    /// The arguments of this process.
    pub fn from_env() -> Cli {
        let args: Vec<OsString> = std::env::args_os().collect();
        Cli::quick(&args).unwrap_or_else(|| Cli::parse_from(args))
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
