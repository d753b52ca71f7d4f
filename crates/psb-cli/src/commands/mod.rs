//! The commands: the resources' (generated from the operation table, `generated.rs`), each
//! resource's commands with behaviour of their own (`<resource>.rs`, flattened into the
//! generated ones), and `auth` and `tour`.

mod auth;
mod chats;
pub mod generated;
mod orders;
mod payments;
mod products;
mod servers;
mod tickets;
mod tour;

pub use servers::act;

use crate::cli::{Cli, Command, Format};
use crate::{config, output, Failure};
use psb::Client;
use psb_mock::{Sandbox, SandboxConfig, SandboxHandle};

pub type Result<T = ()> = std::result::Result<T, Failure>;

/// What every command gets: a client, the output format, and the sandbox it may be using.
pub struct Ctx {
    pub client: Client,
    pub format: Format,
    /// Print server passwords in JSON/YAML (masked otherwise).
    pub show_secrets: bool,
    /// Vocabularies in JSON/YAML as the server spells them (English names otherwise).
    pub wire: bool,
    /// Where the token came from (for `auth status`).
    pub token_source: &'static str,
    /// Kept alive while the command runs.
    pub _sandbox: Option<SandboxHandle>,
}

impl Ctx {
    pub fn show<T: serde::Serialize + output::Tabular + ?Sized>(&self, value: &T) {
        output::show(self.format, self.show_secrets, self.wire, value);
    }
}

pub async fn run(cli: Cli, token_on_command_line: bool) -> Result {
    let format = output::resolve(cli.global.output);
    if let Command::Completions { shell } = cli.command {
        use clap::CommandFactory;
        clap_complete::generate(shell, &mut Cli::command(), "psb", &mut std::io::stdout());
        return Ok(());
    }
    let sandbox = if cli.global.sandbox { Some(Sandbox::start(SandboxConfig::default()).await?) } else { None };
    // With --sandbox, a PSB_API_TOKEN from the environment (a real token) is not the sandbox's:
    // only a --token typed for this command is used.
    let token = cli.global.token.clone().filter(|_| sandbox.is_none() || token_on_command_line);
    let (token, token_source) = match (token, &sandbox) {
        (Some(t), _) if token_on_command_line => (Some(t), "--token"),
        (Some(t), _) => (Some(t), "PSB_API_TOKEN"),
        (None, Some(_)) => (Some(psb_mock::DEFAULT_TOKEN.to_string()), "the sandbox"),
        (None, None) => match config::stored_token() {
            Some(t) => (Some(t), "the stored token (psb auth login)"),
            None => (None, "none"),
        },
    };
    let base_url = match (&sandbox, &cli.global.base_url) {
        (Some(s), _) => Some(s.url().to_string()),
        (None, url) => url.clone(),
    };
    let mut builder = Client::builder();
    if let Some(t) = token {
        builder = builder.token(t);
    }
    if let Some(u) = base_url {
        builder = builder.base_url(u);
    }
    // The tour is for people: a table unless asked otherwise.
    let format = if matches!(cli.command, Command::Tour) { cli.global.output.unwrap_or(Format::Table) } else { format };
    let ctx = Ctx {
        client: builder.build()?,
        format,
        show_secrets: cli.global.show_secrets,
        wire: cli.global.wire,
        token_source,
        _sandbox: sandbox,
    };

    match cli.command {
        Command::Resource(c) => generated::run(&ctx, c).await,
        Command::Auth(c) => auth::run(&ctx, c).await,
        Command::Tour => tour::run(&ctx).await,
        Command::Completions { .. } => unreachable!("handled above"),
    }
}

/// Reads a secret (a token, a password) from stdin: without echo when stdin is a terminal, as
/// one line when it is a pipe.
pub fn read_secret_line(prompt: &str) -> Result<String> {
    use std::io::{BufRead, IsTerminal};
    let line = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!("{prompt}: "))?
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line
    };
    let line = line.trim_end_matches(['\n', '\r']).to_string();
    if line.is_empty() {
        return Err(Failure::Usage(format!("expected {prompt} on stdin")));
    }
    Ok(line)
}

/// Files to attach, read from their paths (a usage error names one that cannot be read).
fn uploads(paths: &[std::path::PathBuf]) -> Result<Vec<psb::Upload>> {
    paths
        .iter()
        .map(|p| psb::Upload::from_path(p).map_err(|e| Failure::Usage(format!("cannot read {}: {e}", p.display()))))
        .collect()
}
