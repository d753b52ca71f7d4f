use crate::{Client, Result};
use psb_api::operations;
use psb_model::Recipe;

/// Scripts the provider can run on a new PSB VPS or HIGH-CPU PSB VPS. Public.
#[derive(Debug, Clone, Copy)]
pub struct Recipes<'a> {
    pub(crate) client: &'a Client,
}

impl Recipes<'_> {
    /// `GET /products/recipes`.
    pub async fn list(&self) -> Result<Vec<Recipe>> {
        self.client.call(&operations::RECIPES_GET_ALL, |api| api.recipes_get_all().send()).await
    }

    /// `GET /products/recipes/{id}`.
    pub async fn get(&self, id: i64) -> Result<Recipe> {
        self.client.call(&operations::RECIPES_GET_BY_ID, |api| api.recipes_get_by_id().id(id).send()).await
    }
}
