use super::{Ctx, Result};
use crate::cli::{ProductsCmd, RecipesCmd};

pub async fn account(ctx: &Ctx) -> Result {
    ctx.show(&ctx.client.account().get().await?);
    Ok(())
}

pub async fn products(ctx: &Ctx, cmd: ProductsCmd) -> Result {
    match cmd {
        ProductsCmd::List { types } => {
            let types: Vec<&str> = types.iter().map(String::as_str).collect();
            ctx.show(&ctx.client.products().list(&types).await?);
        }
        ProductsCmd::Get { id } => ctx.show(&ctx.client.products().get(id).await?),
    }
    Ok(())
}

pub async fn recipes(ctx: &Ctx, cmd: RecipesCmd) -> Result {
    match cmd {
        RecipesCmd::List => ctx.show(&ctx.client.recipes().list().await?),
        RecipesCmd::Get { id } => ctx.show(&ctx.client.recipes().get(id).await?),
    }
    Ok(())
}
