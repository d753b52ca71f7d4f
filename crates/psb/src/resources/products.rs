use crate::{Client, Result};
use psb_api::operations;
use psb_model::Product;

/// The catalog: what can be ordered. Public: no token needed.
#[derive(Debug, Clone, Copy)]
pub struct Products<'a> {
    pub(crate) client: &'a Client,
}

impl Products<'_> {
    /// `GET /products`; `types` filters by product type, each matching the types that contain
    /// it, ignoring case (`["VPS"]` lists PSB VPS and HIGH-CPU PSB VPS).
    pub async fn list(&self, types: &[&str]) -> Result<Vec<Product>> {
        let types = (!types.is_empty()).then(|| types.join(","));
        self.client
            .call(&operations::PRODUCTS_GET_ALL, |api| {
                let mut call = api.products_get_all();
                if let Some(t) = &types {
                    call = call.types(t.clone());
                }
                call.send()
            })
            .await
    }

    /// `GET /products/{id}`.
    pub async fn get(&self, id: i64) -> Result<Product> {
        self.client.call(&operations::PRODUCTS_GET_BY_ID, |api| api.products_get_by_id().id(id).send()).await
    }
}
