use super::{read_secret_line, Ctx, Result};
use crate::cli::AuthCmd;
use crate::config;
use psb::Client;

pub async fn run(ctx: &Ctx, cmd: AuthCmd) -> Result {
    match cmd {
        AuthCmd::Login => {
            let token = read_secret_line("API token")?;
            // Checked before it is kept: a typo should not be stored.
            let client = Client::builder().token(token.as_str()).base_url(ctx.client.base_url()).build()?;
            let account = client.account().get().await?;
            let path = config::store_token(&token)?;
            eprintln!("Logged in as {} ({}); token stored in {}", account.username, account.email, path.display());
        }
        AuthCmd::Status => {
            println!("API:   {}", ctx.client.base_url());
            println!("token: from {}", ctx.token_source);
            match ctx.client.account().get().await {
                Ok(a) => println!("valid: yes, for {} ({})", a.username, a.email),
                Err(e) => {
                    println!("valid: no");
                    return Err(e.into());
                }
            }
        }
        AuthCmd::Logout => {
            if config::forget_token()? {
                eprintln!("Stored token removed.");
            } else {
                eprintln!("No stored token.");
            }
        }
    }
    Ok(())
}
