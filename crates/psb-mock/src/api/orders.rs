//! Orders: list, detail, purchase, prolongation, auto-prolongation, product change and early
//! termination.

use axum::extract::State;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::Utc;
use serde_json::{json, Value};

use super::catalog::{product_json, product_summary_json};
use crate::error::{ApiError, Issues, ValidationIssue};
use crate::extract::{CurrentUser, FormData, JsonBody, PathId};
use crate::money::Money;
use crate::seed;
use crate::shared::AppState;
use crate::state::*;
use crate::timefmt::{naive, with_offset};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/order", get(list_orders).post(new_order))
        .route("/order/{id}", get(get_order))
        .route("/order/{id}/prolong", post(prolong))
        .route("/order/{id}/make_auto_prolong", put(toggle_auto_prolong))
        .route("/order/{id}/get_products_for_change", get(products_for_change))
        .route("/order/{id}/change_product", put(change_product))
        .route("/order/{id}/early-termination", post(early_termination))
}

// ------------------------------------------------------------------ reads

async fn list_orders(user: CurrentUser, State(state): State<AppState>) -> Json<Value> {
    let mut world = state.world();
    let now = std::time::Instant::now();
    let ids: Vec<i64> = world.orders.values().filter(|o| o.user_id == user.id).map(|o| o.id).rev().collect();
    let mut orders = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(order) = world.orders.get_mut(&id) {
            order.settle(now);
        }
        orders.push(order_json(&world, &world.orders[&id]));
    }
    Json(Value::Array(orders))
}

async fn get_order(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    own_order(&mut world, user, id)?;
    Ok(Json(order_detail_json(&world, &world.orders[&id])))
}

async fn products_for_change(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let product_id = own_order(&mut world, user, id)?.product_id;
    let current = &world.catalog.products[&product_id];
    let products: Vec<Value> = world
        .catalog
        .products_for_change(current)
        .into_iter()
        .map(|(product, price)| product_json(product, Some(price)))
        .collect();
    Ok(Json(json!({ "products": products })))
}

// ------------------------------------------------------------------ purchase

/// What `POST /order` asks for, validated against the product.
struct NewOrder {
    product_id: i64,
    method: PaymentMethod,
    os: Option<OsImage>,
    panel: Option<ControlPanel>,
    domain: Option<String>,
    recipe_id: Option<i64>,
    period: Period,
    name: String,
}

async fn new_order(user: CurrentUser, State(state): State<AppState>, form: FormData) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let request = validate_new_order(&world, &form)?;
    let product = world.catalog.products[&request.product_id].clone();
    if !product.on_sale {
        return Err(ApiError::bad_request(format!("Product {} is not available for order", product.id)));
    }
    let months = request.period.months;
    let price = price_of(&request.period, request.panel.as_ref());
    if request.method == PaymentMethod::Balance {
        // Charged before anything is created: a refused purchase leaves no trace.
        world
            .charge(user.id, price, &format!("{} for {months} month(s)", product.title))
            .map_err(ApiError::BadRequest)?;
    }

    let id = IdCounters::next(&mut world.ids.order);
    let now = Utc::now();
    let order = Order {
        id,
        code: order_code(id),
        user_id: user.id,
        product_id: product.id,
        os: request.os.as_ref().map(|os| os.name.to_owned()),
        control_panel: request.panel.clone(),
        period_months: Some(months),
        domain: request.domain.clone(),
        name: request.name.clone(),
        recipe_id: request.recipe_id,
        auto_refresh: false,
        status: OrderStatus::AwaitingPayment,
        date_create: now,
        date_end: now.checked_add_months(chrono::Months::new(months)),
        issued: None,
        server: product.kind.is_server().then(|| Server {
            status: ServerStatus::Ordered,
            ips: Vec::new(),
            history: Vec::new(),
        }),
    };
    let code = order.code.clone();
    world.orders.insert(id, order);

    let payment_url = if request.method == PaymentMethod::Balance {
        world.record_payment(user.id, price, request.method, PaymentStatus::Paid, Some((id, code)));
        fulfil(&mut world, id);
        None
    } else {
        let payment_id = world.record_payment(user.id, price, request.method, PaymentStatus::Pending, Some((id, code)));
        Some(format!("{}/__sandbox/pay/{payment_id}", world.base_url))
    };
    let order = order_json(&world, &world.orders[&id]);
    Ok(Json(json!({ "order": order, "payment_url": payment_url })))
}

/// Validates a purchase in two steps, as the rest of the sandbox does: first the form itself
/// and the rules of the product's type (422 with every issue), then the ids it names, each of
/// which must exist for this product (404, "no such object").
fn validate_new_order(world: &World, form: &FormData) -> Result<NewOrder, ApiError> {
    let mut issues = Issues::default();
    let product_id = form.required_int("product_id", 1, None, &mut issues);
    let payment_type = form.required_int("payment_type", i64::MIN, None, &mut issues);
    let os_id = form.optional_int("os", i64::MIN, None, &mut issues);
    let panel_id = form.optional_int("control_panel", i64::MIN, None, &mut issues);
    let recipe_id = form.optional_int("recipe_id", i64::MIN, None, &mut issues);
    let period_id = form.optional_int("period", i64::MIN, None, &mut issues);
    let domain = form.text("domain").map(str::to_owned);
    let name = form.text("order_name").unwrap_or("").to_owned();
    let method = payment_type.and_then(|code| {
        let method = PaymentMethod::from_code(code);
        if method.is_none() {
            issues.push(
                ValidationIssue::new("body", "payment_type", "literal_error", "Input should be 1, 3 or 4")
                    .with_input(code),
            );
        }
        method
    });
    let product = product_id.and_then(|id| world.catalog.products.get(&id));

    // The rules of the product's type.
    if let Some(product) = product {
        let value_error = |field: &str, msg: &str| ValidationIssue::new("body", field, "value_error", msg);
        if product.kind.is_server() {
            for field in ["os", "control_panel"] {
                if form.text(field).is_none() {
                    issues.push(ValidationIssue::missing("body", field));
                }
            }
        }
        match (product.kind == ProductType::Bulletproof, &domain) {
            (true, None) => issues.push(ValidationIssue::missing("body", "domain")),
            (false, Some(_)) => issues.push(value_error("domain", "A domain is only accepted for Bulletproof servers")),
            _ => {}
        }
        if recipe_id.is_some() && !product.kind.is_vps() {
            issues.push(value_error("recipe_id", "Recipes are only available for PSB VPS and HIGH-CPU PSB VPS"));
        }
    }
    let (product_id, method) = issues.finish((product_id, method))?;
    let (Some(product_id), Some(method)) = (product_id, method) else {
        unreachable!("a missing product_id or payment_type is reported above")
    };

    // The ids named must exist for this product.
    let product = product.ok_or_else(|| ApiError::not_found(format!("Product {product_id} not found")))?;
    let not_offered =
        |what: &str, id: i64| ApiError::not_found(format!("{what} {id} is not offered for product {product_id}"));
    let (mut os, mut panel) = (None, None);
    if product.kind.is_server() {
        let os_id = os_id.expect("required for servers, checked above");
        os = Some(product.os_by_id(os_id).cloned().ok_or_else(|| not_offered("Operating system", os_id))?);
        let panel_id = panel_id.expect("required for servers, checked above");
        panel = Some(product.panel_by_id(panel_id).cloned().ok_or_else(|| not_offered("Control panel", panel_id))?);
    }
    if let Some(id) = recipe_id.filter(|id| !world.catalog.recipes.contains_key(id)) {
        return Err(ApiError::not_found(format!("Recipe {id} not found")));
    }
    let period = match period_id {
        None => product.default_period(),
        Some(id) => product.period_by_id(id).cloned().ok_or_else(|| not_offered("Period", id))?,
    };
    Ok(NewOrder { product_id, method, os, panel, domain, recipe_id, period, name })
}

/// Delivers a paid order: a server is queued for creation (issued once `host_create`
/// completes), a VPN is issued at once.
pub fn fulfil(world: &mut World, order_id: i64) {
    let Some(order) = world.orders.get_mut(&order_id) else { return };
    if order.status != OrderStatus::AwaitingPayment {
        return;
    }
    let Some(server) = order.server.as_mut() else {
        order.issued = Some(seed::vpn_access(order_id));
        order.status = OrderStatus::Issued;
        return;
    };
    order.status = OrderStatus::Processing;
    let ip = format!("198.18.{}.{}", (order_id >> 8) & 0xff, order_id & 0xff);
    server.ips = vec![IpAddress { ip: ip.clone(), kind: IpKind::V4, ptr: None }];
    let os_name = order.os.clone().unwrap_or_default();
    let windows = os_name.starts_with("Windows");
    let product = &world.catalog.products[&order.product_id];
    let character =
        |name: &str| product.characters.iter().find(|c| c.name == name).map_or(0, |c| leading_number(&c.content));
    let params = json!({
        "cpu": character("vCPU"),
        "ram": character("RAM") * 1024,
        "disk": character("SSD") * 1024,
        "ip": [ip.clone()],
        "os": os_name,
    });
    let issued = IssuedVps {
        id: order_id,
        ip,
        port: if windows { 3389 } else { 22 },
        superuser: if windows { "Administrator" } else { "root" }.into(),
        password: server_password(order_id),
        ipv6_addr: None,
        ipv6_subnet: None,
    };
    world.queue_action(order_id, "host_create", Some(params), Effect::Create(issued));
}

/// What a period of an order costs: the period's price, plus the control panel for each month.
fn price_of(period: &Period, panel: Option<&ControlPanel>) -> Money {
    period.price + panel.map_or(Money::ZERO, |p| p.price.scaled(period.months as i64, 1))
}

fn leading_number(text: &str) -> i64 {
    text.chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap_or(0)
}

// ------------------------------------------------------------------ changes to an order

async fn prolong(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
    form: FormData,
) -> Result<Json<Value>, ApiError> {
    let mut issues = Issues::default();
    let period_id = form.optional_int("period", i64::MIN, None, &mut issues);
    issues.finish(())?;

    let mut world = state.world();
    let order = own_order(&mut world, user, id)?;
    refuse_unless_live(order)?;
    let (product_id, panel) = (order.product_id, order.control_panel.clone());
    let product = &world.catalog.products[&product_id];
    let period = match period_id {
        None => product.default_period(),
        Some(period_id) => product.period_by_id(period_id).cloned().ok_or_else(|| {
            ApiError::not_found(format!("Period {period_id} is not offered for product {product_id}"))
        })?,
    };
    let price = price_of(&period, panel.as_ref());
    world
        .charge(user.id, price, &format!("Prolonging order {id} by {} month(s)", period.months))
        .map_err(ApiError::BadRequest)?;
    let order = world.orders.get_mut(&id).expect("checked above");
    order.extend(period.months, Utc::now());
    let code = order.code.clone();
    world.record_payment(user.id, price, PaymentMethod::Balance, PaymentStatus::Paid, Some((id, code)));
    Ok(Json(order_json(&world, &world.orders[&id])))
}

async fn toggle_auto_prolong(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let order = own_order(&mut world, user, id)?;
    if order.status == OrderStatus::Deleted {
        return Err(deleted(id));
    }
    order.auto_refresh = !order.auto_refresh;
    Ok(Json(order_json(&world, &world.orders[&id])))
}

async fn change_product(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
    form: FormData,
) -> Result<Json<Value>, ApiError> {
    let mut issues = Issues::default();
    let new_product_id = form.required_int("product_id", i64::MIN, None, &mut issues);
    let new_product_id = issues.finish(new_product_id)?.expect("a missing product_id was reported");

    let mut world = state.world();
    let order = own_order(&mut world, user, id)?;
    refuse_unless_live(order)?;
    let old_product_id = order.product_id;
    let current = &world.catalog.products[&old_product_id];
    if !current.kind.is_vps() {
        return Err(ApiError::conflict("Only PSB VPS and HIGH-CPU PSB VPS orders can change product"));
    }
    let price = world
        .catalog
        .products_for_change(current)
        .into_iter()
        .find(|(product, _)| product.id == new_product_id)
        .map(|(_, price)| price)
        .ok_or_else(|| ApiError::bad_request(format!("Product {new_product_id} is not available for order {id}")))?;
    world
        .charge(user.id, price, &format!("Changing order {id} to product {new_product_id}"))
        .map_err(ApiError::BadRequest)?;
    let order = world.orders.get_mut(&id).expect("checked above");
    order.product_id = new_product_id;
    let code = order.code.clone();
    if price > Money::ZERO {
        world.record_payment(user.id, price, PaymentMethod::Balance, PaymentStatus::Paid, Some((id, code)));
    }
    let params = json!({ "old_product": old_product_id, "new_product": new_product_id });
    world.queue_action(id, "change_product", Some(params), Effect::Nothing);
    Ok(Json(order_json(&world, &world.orders[&id])))
}

async fn early_termination(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
    JsonBody(body): JsonBody,
) -> Result<Json<Value>, ApiError> {
    let confirmed = match body.get("confirm_delete") {
        None => Err(ValidationIssue::missing("body", "confirm_delete")),
        Some(value) => parse_bool(value).ok_or_else(|| {
            ValidationIssue::new("body", "confirm_delete", "bool_parsing", "Input should be a valid boolean")
                .with_input(value.clone())
        }),
    }
    .map_err(ApiError::invalid)?;
    if !confirmed {
        return Err(ApiError::invalid(ValidationIssue::new(
            "body",
            "confirm_delete",
            "value_error",
            "confirm_delete must be true to terminate the order",
        )));
    }
    let mut world = state.world();
    let order = own_order(&mut world, user, id)?;
    if order.status == OrderStatus::Deleted {
        return Err(deleted(id));
    }
    order.terminate();
    Ok(Json(order_json(&world, &world.orders[&id])))
}

/// pydantic's lax booleans.
fn parse_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match n.as_i64() {
            Some(0) => Some(false),
            Some(1) => Some(true),
            _ => None,
        },
        Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" | "y" | "t" => Some(true),
            "false" | "0" | "no" | "off" | "n" | "f" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

// ------------------------------------------------------------------ shared checks

/// The caller's order, settled; another user's is "not found".
pub fn own_order(world: &mut World, user: CurrentUser, id: i64) -> Result<&mut Order, ApiError> {
    world.own_order_mut(user.id, id).ok_or_else(|| ApiError::not_found("Order not found"))
}

pub fn deleted(id: i64) -> ApiError {
    ApiError::conflict(format!("Order {id} is deleted"))
}

/// Refuses a deleted order, or one still waiting for its payment.
pub fn refuse_unless_live(order: &Order) -> Result<(), ApiError> {
    match order.status {
        OrderStatus::Deleted => Err(deleted(order.id)),
        OrderStatus::AwaitingPayment => Err(ApiError::conflict(format!("Order {} is not paid yet", order.id))),
        _ => Ok(()),
    }
}

// ------------------------------------------------------------------ rendering

fn period_json(order: &Order) -> Value {
    order.period_months.map_or(Value::Null, |months| json!(months.to_string()))
}

fn issued_json(order: &Order) -> Value {
    match &order.issued {
        None => Value::Null,
        Some(Issued::Vps(vps)) => json!({
            "id": vps.id,
            "ip": vps.ip,
            "port": vps.port.to_string(),
            "superuser": vps.superuser,
            "password": vps.password,
            "order_id": order.id,
            "ipv6_addr": vps.ipv6_addr,
            "ipv6_subnet": vps.ipv6_subnet,
        }),
        Some(Issued::Vpn(vpn)) => json!({ "id": vpn.id, "url": vpn.url, "qr": vpn.qr, "order_id": order.id }),
    }
}

/// An order as the order list (and every order-changing operation) returns it.
pub fn order_json(world: &World, order: &Order) -> Value {
    let product = &world.catalog.products[&order.product_id];
    json!({
        "id": order.id,
        "order_id": order.code,
        "user_id": order.user_id,
        "product": product_summary_json(product),
        "os": order.os,
        "control_panel": order.control_panel.as_ref().map(|p| json!({"id": p.id, "name": p.name, "price": p.price})),
        "period": period_json(order),
        "domain": order.domain,
        "name": order.name,
        "recipe_id": order.recipe_id,
        "auto_refresh": order.auto_refresh,
        "status": order.status.as_str(),
        "date_create": with_offset(order.date_create),
        "date_end": order.date_end.map(with_offset),
        "issued_order": issued_json(order),
    })
}

/// An order's detail. Server orders carry the product's specification, the server history
/// (newest first) and the power state; VPN orders only what was issued, as the two provider
/// examples show.
pub fn order_detail_json(world: &World, order: &Order) -> Value {
    let product = &world.catalog.products[&order.product_id];
    let mut order_data = json!({
        "id": order.id,
        "order_id": order.code,
        "user_id": order.user_id,
        "product": product.id,
        "os": order.os,
        "control_panel": order.control_panel.as_ref().map(|p| p.content.clone()),
        "period": period_json(order),
        "domain": order.domain,
        "name": order.name,
        "recipe_id": order.recipe_id,
        "auto_refresh": order.auto_refresh,
        "status": order.status.as_str(),
        "date_create": with_offset(order.date_create),
        "date_end": order.date_end.map(with_offset),
    });
    let mut detail = json!({
        "order_data": {},
        "product_data": product_summary_json(product),
        "issued_order": issued_json(order),
    });
    match &order.server {
        None => {
            order_data["profit"] = json!(product.profit.to_string());
            order_data["bill_id"] = Value::Null;
        }
        Some(server) => {
            detail["product_characters"] = json!(product
                .characters
                .iter()
                .map(|c| json!({"id": c.id, "name": c.name, "content": c.content}))
                .collect::<Vec<_>>());
            detail["product_systems"] = json!(product
                .os
                .iter()
                .map(|os| json!({"id": os.id, "name": os.name, "content": os.content}))
                .collect::<Vec<_>>());
            detail["control_panel"] = order
                .control_panel
                .as_ref()
                .map_or(Value::Null, |p| json!({"id": p.id, "name": p.name, "content": p.content, "price": p.price}));
            detail["server_history"] = history_json(server);
            detail["status_machine"] = json!(server.status.as_str());
        }
    }
    detail["order_data"] = order_data;
    detail
}

/// A server's history, newest first.
pub fn history_json(server: &Server) -> Value {
    Value::Array(
        server
            .history
            .iter()
            .rev()
            .map(|entry| {
                json!({
                    "id": entry.id,
                    "name": entry.name,
                    "state": entry.state.as_str(),
                    "params": entry.params,
                    "date_create": naive(entry.date_create),
                })
            })
            .collect(),
    )
}
