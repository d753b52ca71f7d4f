//! The 31 operations of `spec/openapi.json`, by operationId, and how a request maps onto one.
//! Coverage and fault matching both go through [`find`], so they agree on what a request is.

use axum::http::Method;

pub struct Operation {
    pub id: &'static str,
    pub method: Method,
    /// The path as the spec writes it, `{id}` for the parameter.
    pub template: &'static str,
    /// The template split at `/`, once, since every request is matched against it.
    segments: Vec<&'static str>,
}

impl Operation {
    fn new(id: &'static str, method: Method, template: &'static str) -> Self {
        let segments = template.trim_start_matches('/').split('/').collect();
        Self { id, method, template, segments }
    }
}

macro_rules! operations {
    ($($method:ident $template:literal => $id:literal,)*) => {
        /// Every operationId of the spec, in the spec's order.
        pub const OPERATION_IDS: &[&str] = &[$($id),*];

        pub fn all() -> &'static [Operation] {
            static ALL: std::sync::OnceLock<Vec<Operation>> = std::sync::OnceLock::new();
            ALL.get_or_init(|| vec![$(Operation::new($id, Method::$method, $template)),*])
        }
    };
}

operations! {
    GET "/users/me" => "users_get_data",
    POST "/order" => "order_new_order",
    GET "/order" => "order_get_user_orders",
    GET "/order/{id}" => "order_get_order_by_id",
    POST "/order/{id}/prolong" => "order_prolong_order",
    PUT "/order/{id}/make_auto_prolong" => "order_change_auto_prolong",
    PUT "/order/{id}/change_product" => "order_change_product",
    POST "/order/{id}/early-termination" => "order_early_termination",
    GET "/payment" => "payment_get_all",
    GET "/products" => "products_get_all",
    GET "/products/{id}" => "products_get_by_id",
    GET "/products/recipes" => "recipes_get_all",
    GET "/products/recipes/{id}" => "recipes_get_by_id",
    POST "/order/{id}/server/restart" => "server_restart",
    POST "/order/{id}/server/stop" => "server_stop",
    GET "/order/{id}/server/history" => "server_get_history",
    GET "/order/{id}/server/ip-addresses" => "server_get_ip_addresses",
    POST "/order/{id}/server/ip-addresses" => "server_add_ptr_record_to_ip",
    PUT "/order/{id}/server/ip-addresses" => "server_update_ptr_record_to_ip",
    POST "/order/{id}/server/start" => "server_start",
    PUT "/order/{id}/server/change_password" => "server_change_password",
    PUT "/order/{id}/server/change_port" => "server_change_port",
    PUT "/order/{id}/server/change_operative_system" => "server_change_operative_system",
    POST "/order/{id}/server/assign_ipv6" => "server_assign_ipv6",
    GET "/tickets" => "tickets_get_ticket_list",
    POST "/tickets" => "tickets_create_ticket",
    GET "/tickets/{id}" => "tickets_get_ticket_by_id",
    PUT "/tickets/{id}/close" => "tickets_close_ticket",
    GET "/chats/{id}/messages" => "chats_get_chat_messages_by_id",
    POST "/chats/{id}/messages" => "chats_create_chat_message",
    GET "/order/{id}/get_products_for_change" => "order_get_products_for_change",
}

/// The operation a request is for. A literal segment beats a parameter, so `/products/recipes`
/// is `recipes_get_all`, not `products_get_by_id` with id "recipes".
pub fn find(method: &Method, path: &str) -> Option<&'static Operation> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    all()
        .iter()
        .filter(|op| op.method == *method)
        .filter_map(|op| match_template(&op.segments, &segments).map(|params| (op, params)))
        .min_by_key(|(_, params)| *params)
        .map(|(op, _)| op)
}

/// The number of parameters used when `segments` fit `template`.
fn match_template(parts: &[&str], segments: &[&str]) -> Option<usize> {
    if parts.len() != segments.len() {
        return None;
    }
    let mut params = 0;
    for (part, segment) in parts.iter().zip(segments) {
        if part.starts_with('{') {
            if segment.is_empty() {
                return None;
            }
            params += 1;
        } else if part != segment {
            return None;
        }
    }
    Some(params)
}

pub fn by_id(id: &str) -> Option<&'static Operation> {
    all().iter().find(|op| op.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_segments_win_over_parameters() {
        assert_eq!(find(&Method::GET, "/products/recipes").unwrap().id, "recipes_get_all");
        assert_eq!(find(&Method::GET, "/products/190").unwrap().id, "products_get_by_id");
        assert_eq!(
            find(&Method::PUT, "/order/25284/server/ip-addresses").unwrap().id,
            "server_update_ptr_record_to_ip"
        );
        assert!(find(&Method::DELETE, "/order/1").is_none());
        assert!(find(&Method::GET, "/order/").is_none());
        assert_eq!(OPERATION_IDS.len(), 31);
    }
}
