//! `psb`: every operation of the PSB Hosting API from the terminal. See `psb --help`.

mod cli;
mod commands;
mod config;
mod output;

use std::process::ExitCode;

/// What can end a command, and the exit code each kind gets (documented in `psb --help`).
#[derive(Debug)]
pub enum Failure {
    Api(psb::Error),
    /// The command line or its input is not usable.
    Usage(String),
    Io(std::io::Error),
}

impl From<psb::Error> for Failure {
    fn from(e: psb::Error) -> Self {
        Failure::Api(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Io(e)
    }
}

impl Failure {
    fn exit_code(&self) -> u8 {
        use psb::ErrorKind::*;
        match self {
            Failure::Usage(_) => 2,
            Failure::Io(_) => 1,
            Failure::Api(e) => match e.kind() {
                InvalidArgument => 3,
                Unauthorized | Forbidden => 4,
                NotFound => 5,
                BadRequest | Conflict | Validation => 6,
                RateLimited => 7,
                Server => 8,
                Timeout | Connection => 9,
                Decode => 10,
                OutcomeUnknown => 11,
            },
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Api(e) => write!(f, "{e}"),
            Failure::Usage(m) => f.write_str(m),
            Failure::Io(e) => write!(f, "{e}"),
        }
    }
}

fn main() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let matches = cli::Cli::command().get_matches();
    let cli = cli::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    // `--token` typed on this command line, as opposed to PSB_API_TOKEN from the environment:
    // with --sandbox only the former is meant for the sandbox.
    let token_on_command_line = matches.value_source("token") == Some(clap::parser::ValueSource::CommandLine);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime");
    let outcome = runtime.block_on(async {
        tokio::select! {
            r = commands::run(cli, token_on_command_line) => Some(r),
            // Ctrl-C: stop cleanly, spinner cleared (dropped with the command's future).
            _ = tokio::signal::ctrl_c() => None,
        }
    });
    match outcome {
        Some(Ok(())) => ExitCode::SUCCESS,
        Some(Err(e)) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
        None => {
            eprintln!("interrupted");
            ExitCode::from(130)
        }
    }
}
