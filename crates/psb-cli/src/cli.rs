//! The command line, as clap reads it: one subcommand per resource, one per method, as in
//! spec/SURFACE.md.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

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
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Yaml,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// The account the token belongs to.
    #[command(subcommand)]
    Account(AccountCmd),
    /// The catalog (public).
    #[command(subcommand)]
    Products(ProductsCmd),
    /// Scripts for new servers (public).
    #[command(subcommand)]
    Recipes(RecipesCmd),
    #[command(subcommand)]
    Orders(OrdersCmd),
    #[command(subcommand)]
    Payments(PaymentsCmd),
    /// Power, access and network of the server behind an order.
    #[command(subcommand)]
    Servers(ServersCmd),
    #[command(subcommand)]
    Tickets(TicketsCmd),
    #[command(subcommand)]
    Chats(ChatsCmd),
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

#[derive(Subcommand, Debug)]
pub enum AccountCmd {
    /// Show the account and its balance.
    Get,
}

#[derive(Subcommand, Debug)]
pub enum ProductsCmd {
    /// List products, optionally of some types (`--type VPS`).
    List {
        #[arg(long = "type")]
        types: Vec<String>,
    },
    Get {
        id: i64,
    },
}

#[derive(Subcommand, Debug)]
pub enum RecipesCmd {
    List,
    Get { id: i64 },
}

#[derive(Subcommand, Debug)]
pub enum OrdersCmd {
    List,
    Get {
        id: i64,
    },
    /// Buy a product.
    Create(CreateOrder),
    /// One more period, charged to the balance.
    Prolong {
        id: i64,
        #[arg(long)]
        period: Option<i64>,
    },
    /// Turn automatic prolonging on or off.
    ToggleAutoProlong {
        id: i64,
    },
    /// Products the order can switch to.
    ProductsForChange {
        id: i64,
    },
    /// Switch the order to another product (charges its price for change).
    ChangeProduct {
        id: i64,
        #[arg(long)]
        product: i64,
    },
    /// End the order now and delete its server. Needs --yes.
    Terminate {
        id: i64,
        /// Confirm: there is no undo.
        #[arg(long)]
        yes: bool,
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

#[derive(Subcommand, Debug)]
pub enum PaymentsCmd {
    List {
        #[arg(long)]
        page: Option<i64>,
        #[arg(long)]
        page_size: Option<i64>,
        #[arg(long, value_enum)]
        sort_by: Option<SortBy>,
        #[arg(long, value_enum)]
        order: Option<Order>,
        /// Every page.
        #[arg(long)]
        all: bool,
    },
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

#[derive(Subcommand, Debug)]
pub enum ServersCmd {
    Start {
        order_id: i64,
        #[command(flatten)]
        wait: Wait,
    },
    Stop {
        order_id: i64,
        #[command(flatten)]
        wait: Wait,
    },
    Restart {
        order_id: i64,
        #[command(flatten)]
        wait: Wait,
    },
    /// Wait until the server reaches a state.
    Wait {
        order_id: i64,
        #[arg(long, value_enum, default_value = "active")]
        status: State,
        #[arg(long, default_value_t = 300)]
        timeout: u64,
    },
    /// The actions on the server and how they went.
    History {
        order_id: i64,
    },
    /// The server's IP addresses with their PTR records.
    Ips {
        order_id: i64,
    },
    AddPtr {
        order_id: i64,
        #[arg(long)]
        ip: String,
        #[arg(long)]
        domain: String,
    },
    UpdatePtr {
        order_id: i64,
        #[arg(long)]
        ip: String,
        #[arg(long)]
        domain: String,
    },
    /// Set a new root/Administrator password, read from stdin (never from the command line,
    /// where other users could see it).
    /// A new root/Administrator password, read from the terminal or stdin.
    ChangePassword {
        order_id: i64,
        #[command(flatten)]
        wait: Wait,
    },
    /// A new remote-access port.
    ChangePort {
        order_id: i64,
        port: i64,
        #[command(flatten)]
        wait: Wait,
    },
    /// Reinstall with another operating system (wipes the disk).
    Reinstall {
        order_id: i64,
        #[arg(long)]
        os: i64,
        /// Confirm: the disk is wiped.
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        wait: Wait,
    },
    AssignIpv6 {
        order_id: i64,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum State {
    Active,
    Stopped,
}

#[derive(Subcommand, Debug)]
pub enum TicketsCmd {
    List {
        #[arg(long)]
        page: Option<i64>,
        #[arg(long)]
        page_size: Option<i64>,
        #[arg(long)]
        all: bool,
    },
    Get {
        id: i64,
    },
    Close {
        id: i64,
    },
    Create {
        #[arg(long)]
        title: String,
        #[arg(long, value_enum)]
        department: Department,
        #[arg(long)]
        message: String,
        /// An order the ticket is about (repeatable).
        #[arg(long = "order")]
        orders: Vec<i64>,
        /// A file to attach (repeatable).
        #[arg(long = "attach")]
        attach: Vec<PathBuf>,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum Department {
    Sales,
    Technical,
}

#[derive(Subcommand, Debug)]
pub enum ChatsCmd {
    Messages {
        chat_id: i64,
        #[arg(long)]
        limit: Option<i64>,
        #[arg(long)]
        offset: Option<i64>,
        /// Every message.
        #[arg(long)]
        all: bool,
    },
    Send {
        chat_id: i64,
        #[arg(long)]
        text: Option<String>,
        #[arg(long = "attach")]
        attach: Vec<PathBuf>,
    },
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
