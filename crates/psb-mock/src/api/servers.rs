//! Servers: power actions, history, IP addresses with their PTR records, password, port,
//! reinstallation and IPv6. Actions are asynchronous as at the provider: each answers at once
//! and shows in the history as `pending` until it completes `transition_delay` later.

use axum::extract::State;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde_json::{json, Value};

use super::orders::{history_json, own_order, refuse_unless_live};
use crate::error::{ApiError, Issues, ValidationIssue};
use crate::extract::{CurrentUser, FormData, PathId};
use crate::shared::AppState;
use crate::state::*;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/order/{id}/server/start", post(start))
        .route("/order/{id}/server/stop", post(stop))
        .route("/order/{id}/server/restart", post(restart))
        .route("/order/{id}/server/history", get(history))
        .route("/order/{id}/server/ip-addresses", get(ip_addresses).post(add_ptr).put(update_ptr))
        .route("/order/{id}/server/change_password", put(change_password))
        .route("/order/{id}/server/change_port", put(change_port))
        .route("/order/{id}/server/change_operative_system", put(change_operative_system))
        .route("/order/{id}/server/assign_ipv6", post(assign_ipv6))
}

/// The caller's live server order: 404 for someone else's, 409 for a deleted or unpaid order
/// and for one that is not a server (A-VPN).
fn server_order(world: &mut World, user: CurrentUser, id: i64) -> Result<&mut Order, ApiError> {
    let order = own_order(world, user, id)?;
    refuse_unless_live(order)?;
    if order.server.is_none() {
        return Err(ApiError::conflict(format!("Order {id} is not a server")));
    }
    Ok(order)
}

fn server_of(order: &mut Order) -> &mut Server {
    order.server.as_mut().expect("server_order checked that the order is a server")
}

fn sent(what: &str) -> Json<Value> {
    Json(json!({ "message": format!("The request to {what} has been sent") }))
}

// ------------------------------------------------------------------ power

fn power(
    state: AppState,
    user: CurrentUser,
    id: i64,
    action: &'static str,
    target: ServerStatus,
) -> Result<(), ApiError> {
    let mut world = state.world();
    server_order(&mut world, user, id)?;
    world.queue_action(id, action, None, Effect::Power(target));
    Ok(())
}

async fn start(user: CurrentUser, State(state): State<AppState>, PathId(id): PathId) -> Result<Json<Value>, ApiError> {
    power(state, user, id, "host_start", ServerStatus::Active)?;
    Ok(sent("start the server"))
}

async fn stop(user: CurrentUser, State(state): State<AppState>, PathId(id): PathId) -> Result<Json<Value>, ApiError> {
    power(state, user, id, "host_stop", ServerStatus::Stopped)?;
    Ok(sent("stop the server"))
}

async fn restart(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Json<Value>, ApiError> {
    power(state, user, id, "host_restart", ServerStatus::Active)?;
    Ok(sent("restart the server"))
}

/// The history stays readable after deletion (the operation has no 409); a VPN has none.
async fn history(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let order = own_order(&mut world, user, id)?;
    Ok(Json(order.server.as_ref().map_or(json!([]), history_json)))
}

// ------------------------------------------------------------------ addresses

fn ip_json(address: &IpAddress) -> Value {
    json!({ "ip": address.ip, "type": address.kind.as_str(), "ptr": address.ptr })
}

async fn ip_addresses(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let server = server_of(server_order(&mut world, user, id)?);
    Ok(Json(Value::Array(server.ips.iter().map(ip_json).collect())))
}

async fn add_ptr(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
    form: FormData,
) -> Result<Json<Value>, ApiError> {
    set_ptr(state, user, id, form)
}

async fn update_ptr(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
    form: FormData,
) -> Result<Json<Value>, ApiError> {
    set_ptr(state, user, id, form)
}

/// Adding and updating a PTR record both set it: the provider's collection sends the same
/// request to both, and either succeeds whether or not a record was there.
fn set_ptr(state: AppState, user: CurrentUser, id: i64, form: FormData) -> Result<Json<Value>, ApiError> {
    let mut issues = Issues::default();
    let ip = form.required_text("ip", &mut issues);
    let domain = form.required_text("domain", &mut issues);
    if let Some(domain) = domain.as_deref().filter(|d| !is_hostname(d)) {
        issues
            .push(ValidationIssue::new("body", "domain", "value_error", "Not a valid domain name").with_input(domain));
    }
    let (ip, domain) = issues.finish((ip, domain))?;
    let (ip, domain) = (ip.expect("reported if missing"), domain.expect("reported if missing"));

    let mut world = state.world();
    let server = server_of(server_order(&mut world, user, id)?);
    // Someone else's address is as unknown here as one that does not exist.
    let Some(address) = server.ips.iter_mut().find(|a| a.ip == ip) else {
        return Err(ApiError::not_found(format!("IP address {ip} is not assigned to order {id}")));
    };
    address.ptr = Some(domain);
    Ok(Json(ip_json(address)))
}

fn is_hostname(text: &str) -> bool {
    let name = text.strip_suffix('.').unwrap_or(text);
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

async fn assign_ipv6(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let order = server_order(&mut world, user, id)?;
    // Assigning twice hands back the address already assigned.
    if let Some(existing) = server_of(order).ips.iter().find(|a| a.kind == IpKind::V6) {
        return Ok(Json(ip_json(existing)));
    }
    let address = format!("2001:db8:{id:x}::1");
    let subnet = format!("2001:db8:{id:x}::/64");
    if let Some(Issued::Vps(vps)) = order.issued.as_mut() {
        vps.ipv6_addr = Some(address.clone());
        vps.ipv6_subnet = Some(subnet);
    }
    let assigned = IpAddress { ip: address.clone(), kind: IpKind::V6, ptr: None };
    let body = ip_json(&assigned);
    server_of(order).ips.push(assigned);
    world.queue_action(id, "assign_ipv6", Some(json!({ "ip": address })), Effect::Nothing);
    Ok(Json(body))
}

// ------------------------------------------------------------------ settings

async fn change_password(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
    form: FormData,
) -> Result<Json<Value>, ApiError> {
    let mut issues = Issues::default();
    let password = form.required_text("password", &mut issues);
    let password = issues.finish(password)?.expect("reported if missing");
    let mut world = state.world();
    server_order(&mut world, user, id)?;
    world.queue_action(id, "change_password", None, Effect::Password(password));
    Ok(sent("change the server password"))
}

/// Only Windows servers of the VPS types have a changeable remote-access port.
async fn change_port(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
    form: FormData,
) -> Result<Json<Value>, ApiError> {
    let mut issues = Issues::default();
    let port = form.required_int("port", 1, Some(65535), &mut issues);
    let port = issues.finish(port)?.expect("reported if missing") as u16;
    let mut world = state.world();
    let order = server_order(&mut world, user, id)?;
    let windows = order.os.as_deref().is_some_and(|os| os.starts_with("Windows"));
    let product_id = order.product_id;
    let vps = world.catalog.products[&product_id].kind.is_vps();
    if !(windows && vps) {
        return Err(ApiError::conflict(
            "Changing the port is only available for Windows servers of PSB VPS and HIGH-CPU PSB VPS",
        ));
    }
    world.queue_action(id, "change_port", Some(json!({ "port": port })), Effect::Port(port));
    Ok(sent("change the server port"))
}

async fn change_operative_system(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
    form: FormData,
) -> Result<Json<Value>, ApiError> {
    let mut issues = Issues::default();
    let os_id = form.required_int("os", i64::MIN, None, &mut issues);
    let os_id = issues.finish(os_id)?.expect("reported if missing");
    let mut world = state.world();
    let order = server_order(&mut world, user, id)?;
    let (old_os, product_id) = (order.os.clone().unwrap_or_default(), order.product_id);
    let product = &world.catalog.products[&product_id];
    let os = product
        .os_by_id(os_id)
        .cloned()
        .ok_or_else(|| ApiError::not_found(format!("Operating system {os_id} is not offered for this server")))?;
    let superuser = if os.is_windows() { "Administrator" } else { "root" }.to_owned();
    let params = json!({ "new_os": os.name, "old_os": old_os });
    world.queue_action(id, "host_reinstall", Some(params), Effect::Reinstall { os: os.name.to_owned(), superuser });
    Ok(sent("reinstall the server"))
}
