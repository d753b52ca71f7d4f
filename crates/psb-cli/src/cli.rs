//! The command line, as clap reads it: one subcommand per resource, one per method, as in
//! spec/SURFACE.md.

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(name = "psb", version, about = "The PSB Hosting API from the terminal", long_about = LONG_ABOUT)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

const LONG_ABOUT: &str = "The PSB Hosting API from the terminal.

Authentication: --token, else PSB_API_TOKEN, else the token stored by `psb auth login`.
Try everything without an account: `psb --sandbox <command>` runs against a built-in sandbox.

Exit codes: 0 success; 2 usage; 3 invalid argument; 4 unauthorized or forbidden; 5 not found;
6 refused (400, 409, 422); 7 rate limited; 8 server error; 9 timeout or connection; 10 decode;
130 interrupted.";

#[derive(Args, Debug)]
pub struct Global {
    /// The API token (default: PSB_API_TOKEN, then the stored one).
    #[arg(long, global = true, env = "PSB_API_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// The API's base URL.
    #[arg(long, global = true, env = "PSB_API_URL")]
    pub base_url: Option<String>,
    /// Run against a sandbox started in this process (no account needed).
    #[arg(long, global = true)]
    pub sandbox: bool,
    /// Output format (default: table on a terminal, JSON otherwise).
    #[arg(long, short, global = true, value_enum)]
    pub output: Option<Format>,
    /// Include server passwords in JSON/YAML output (shown as "***" otherwise, so that piping
    /// to a log does not leak them).
    #[arg(long, global = true)]
    pub show_secrets: bool,
    /// Show statuses and other vocabularies in JSON/YAML as the server spells them (Russian),
    /// not by their English names.
    #[arg(long, global = true)]
    pub wire: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Yaml,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    #[command(flatten)]
    Resource(crate::commands::generated::ResourceCmd),
    /// Store, check or forget the token.
    #[command(subcommand)]
    Auth(AuthCmd),
    /// A short guided tour of the API (best with --sandbox).
    Tour,
    /// Shell completions.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Args, Debug)]
pub struct CreateOrder {
    #[arg(long)]
    pub product: i64,
    #[arg(long, value_enum, default_value = "balance")]
    pub payment: Payment,
    #[arg(long)]
    pub os: Option<i64>,
    #[arg(long)]
    pub control_panel: Option<i64>,
    /// Bulletproof servers only.
    #[arg(long)]
    pub domain: Option<String>,
    /// PSB VPS and HIGH-CPU PSB VPS only.
    #[arg(long)]
    pub recipe: Option<i64>,
    #[arg(long)]
    pub period: Option<i64>,
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum Payment {
    Balance,
    Lava,
    Heleket,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum SortBy {
    Id,
    Type,
    Date,
    Status,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum Order {
    Asc,
    Desc,
}

#[derive(Args, Debug)]
pub struct Wait {
    /// Wait until the action has finished (a spinner shows how it goes).
    #[arg(long)]
    pub wait: bool,
    /// How long --wait waits, in seconds.
    #[arg(long, default_value_t = 300)]
    pub timeout: u64,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum State {
    Active,
    Stopped,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum Department {
    Sales,
    Technical,
}

#[derive(Subcommand, Debug)]
pub enum AuthCmd {
    /// Store a token (read from stdin) in the config directory, readable by you only.
    Login,
    /// Where the token comes from, and whether the API accepts it.
    Status,
    /// Forget the stored token.
    Logout,
}
