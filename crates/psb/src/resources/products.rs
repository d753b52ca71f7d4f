use crate::resources::{check_known, Products};
use crate::Result;
use psb_api::operations;
use psb_model::{Product, ProductType};

impl Products<'_> {
    /// `GET /products`: the catalog, or only the products of `types` (none: every product).
    /// The server matches each type as a part of the name (PSB VPS would bring HIGH-CPU PSB VPS
    /// too); the list keeps exactly the types asked for.
    pub async fn list(&self, types: &[ProductType]) -> Result<Vec<Product>> {
        let known: Vec<String> = ProductType::KNOWN.iter().map(|t| t.name().to_owned()).collect();
        for t in types {
            check_known("product type", t.as_str(), t.is_unknown(), &known)?;
        }
        let query = (!types.is_empty()).then(|| types.iter().map(ProductType::as_str).collect::<Vec<_>>().join(","));
        let mut products = self
            .client
            .call(&operations::PRODUCTS_GET_ALL, |api| {
                let mut call = api.products_get_all();
                if let Some(t) = &query {
                    call = call.types(t.clone());
                }
                call.send()
            })
            .await?;
        if !types.is_empty() {
            products.retain(|p| types.contains(&p.product_type));
        }
        Ok(products)
    }
}
