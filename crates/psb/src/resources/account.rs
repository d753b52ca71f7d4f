use crate::transport::endpoint;
use crate::{Client, Result};

/// The account the token belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Account<'a> {
    pub(crate) client: &'a Client,
}

impl Account<'_> {
    /// `GET /users/me`.
    pub async fn get(&self) -> Result<psb_model::Account> {
        self.client.call(endpoint!("users_get_data", "GET", "/users/me"), |api| api.users_get_data().send()).await
    }
}
