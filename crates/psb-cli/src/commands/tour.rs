//! `psb --sandbox tour`: a newcomer's first five minutes, against the built-in sandbox.

use super::{Ctx, Result};
use psb::{Department, NewTicket, PaymentQuery, ProductType};
use std::time::Duration;

fn heading(step: &str, command: &str) {
    println!("\n== {step}\n   $ psb {command}\n");
}

pub async fn run(ctx: &Ctx) -> Result {
    let c = &ctx.client;
    println!("A tour of the PSB Hosting API against {}.", c.base_url());

    heading("Your account", "account get");
    ctx.show(&c.account().get().await?);

    heading("What you can buy", "products list --type PsbVps --type HighCpuPsbVps");
    ctx.show(&c.products().list(&[ProductType::PsbVps, ProductType::HighCpuPsbVps]).await?);

    heading("Your orders (statuses shown by their English names)", "orders list");
    ctx.show(&c.orders().list().await?);

    heading("One server in detail", "orders get 25284");
    ctx.show(&c.orders().get(25284).await?);

    heading("Restart it and wait until it is back", "servers restart 25284 --wait");
    let restart = c.servers().restart(25284).await?;
    // The handle waits for the restart's own history entry (the server's state stays Active
    // throughout, so waiting for Active would return at once).
    ctx.show(&vec![restart.wait(Duration::from_secs(60)).await?]);

    heading("Ask support", "tickets create --title 'Hello' --department technical --message '...'");
    let ticket = c
        .tickets()
        .create(&NewTicket::new("Hello from the tour", Department::Technical, "Just trying the API.").order(25284))
        .await?;
    ctx.show(&ticket);

    heading("Your payments", "payments list --page-size 5");
    ctx.show(&c.payments().list(&PaymentQuery::new().page_size(5)).await?);

    println!("\nEverything here works against the real API too: psb auth login, then drop --sandbox.");
    Ok(())
}
