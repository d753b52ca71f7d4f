//! The public catalog: products (filterable by type) and recipes. No token needed.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::extract::{PathId, QueryParams};
use crate::money::Money;
use crate::shared::AppState;
use crate::state::{Product, Recipe};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/products", get(list_products))
        .route("/products/{id}", get(get_product))
        .route("/products/recipes", get(list_recipes))
        .route("/products/recipes/{id}", get(get_recipe))
}

/// `types` is a comma-separated list; each entry matches the types containing it, ignoring case
/// (`VPS` matches PSB VPS and HIGH-CPU PSB VPS).
async fn list_products(State(state): State<AppState>, query: QueryParams) -> Json<Value> {
    let wanted: Vec<String> = query
        .get("types")
        .unwrap_or("")
        .split(',')
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    let world = state.world();
    let products: Vec<Value> = world
        .catalog
        .products
        .values()
        .filter(|p| wanted.is_empty() || wanted.iter().any(|t| p.kind.as_str().to_lowercase().contains(t)))
        .map(|p| product_json(p, None))
        .collect();
    Json(Value::Array(products))
}

async fn get_product(State(state): State<AppState>, PathId(id): PathId) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let product = world.catalog.products.get(&id).ok_or_else(|| ApiError::not_found("Product not found"))?;
    Ok(Json(product_json(product, None)))
}

async fn list_recipes(State(state): State<AppState>) -> Json<Value> {
    let world = state.world();
    Json(Value::Array(world.catalog.recipes.values().map(recipe_json).collect()))
}

async fn get_recipe(State(state): State<AppState>, PathId(id): PathId) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let recipe = world.catalog.recipes.get(&id).ok_or_else(|| ApiError::not_found("Recipe not found"))?;
    Ok(Json(recipe_json(recipe)))
}

/// A product as the catalog lists it; `price_for_change` only among an order's products for
/// change.
pub fn product_json(product: &Product, price_for_change: Option<Money>) -> Value {
    let mut value = json!({
        "id": product.id,
        "title": product.title,
        "price": product.price,
        "bill_id": product.bill_id,
        "type": product.kind.as_str(),
        "country": product.country,
        "profit": product.profit,
        "status": product.on_sale,
        "characters": product.characters.iter().map(|c| json!({"id": c.id, "name": c.name, "content": c.content})).collect::<Vec<_>>(),
        "os": product.os.iter().map(|os| json!({"id": os.id, "name": os.name})).collect::<Vec<_>>(),
        "control_panel": product.control_panels.iter().map(|p| json!({"id": p.id, "name": p.name, "price": p.price})).collect::<Vec<_>>(),
        "periods": product.periods.iter().map(|p| json!({"id": p.id, "months": p.months, "price": p.price})).collect::<Vec<_>>(),
    });
    if let Some(price) = price_for_change {
        value["price_for_change"] = json!(price);
    }
    value
}

/// A product as orders embed it.
pub fn product_summary_json(product: &Product) -> Value {
    json!({
        "id": product.id,
        "title": product.title,
        "price": product.price,
        "bill_id": product.bill_id,
        "type": product.kind.as_str(),
        "country": product.country,
        "profit": product.profit,
        "status": product.on_sale,
    })
}

fn recipe_json(recipe: &Recipe) -> Value {
    json!({ "id": recipe.id, "name": recipe.name, "description": recipe.description })
}
