use crate::{Client, Result};
use psb_api::operations;

/// The account the token belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Account<'a> {
    pub(crate) client: &'a Client,
}

impl Account<'_> {
    /// `GET /users/me`.
    pub async fn get(&self) -> Result<psb_model::Account> {
        self.client.call(&operations::USERS_GET_DATA, |api| api.users_get_data().send()).await
    }
}
