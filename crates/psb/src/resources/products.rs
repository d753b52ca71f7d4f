use crate::resources::Products;
use crate::Result;
use psb_api::operations;
use psb_model::Product;

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
}
