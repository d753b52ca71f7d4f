use crate::pagination::{walk, Fetched, PageStream};
use crate::resources::{check_not_empty, check_range};
use crate::{Client, Result};
use psb_api::operations;
use psb_api::{multipart, types};
use psb_model::{NewTicket, Ticket, TicketPage};

/// Support tickets.
#[derive(Debug, Clone, Copy)]
pub struct Tickets<'a> {
    pub(crate) client: &'a Client,
}

impl Tickets<'_> {
    /// `GET /tickets`: one page (`page_size` 1 to 10).
    pub async fn list(&self, page: Option<u32>, page_size: Option<u32>) -> Result<TicketPage> {
        if let Some(size) = page_size {
            check_range("page_size", size.into(), 1, 10)?;
        }
        if let Some(p) = page {
            check_range("page", p.into(), 1, i64::from(u32::MAX))?;
        }
        self.client
            .call(&operations::TICKETS_GET_TICKET_LIST, |api| {
                let mut call = api.tickets_get_ticket_list();
                if let Some(p) = page {
                    call = call.page(std::num::NonZeroU64::new(p.into()).expect("checked"));
                }
                if let Some(s) = page_size {
                    call = call.page_size(std::num::NonZeroU64::new(s.into()).expect("checked"));
                }
                call.send()
            })
            .await
    }

    /// Every ticket, page after page, fetched as the stream is read.
    pub fn iter(&self, page_size: Option<u32>) -> PageStream<Ticket> {
        let client = self.client.clone();
        walk(move |n| {
            let client = client.clone();
            async move {
                let page = client.tickets().list(Some(n), page_size).await?;
                Ok(Fetched { more: page.page < page.pages, items: page.items })
            }
        })
    }

    /// `GET /tickets/{id}`.
    pub async fn get(&self, id: i64) -> Result<Ticket> {
        self.client
            .call(&operations::TICKETS_GET_TICKET_BY_ID, |api| api.tickets_get_ticket_by_id().id(id).send())
            .await
    }

    /// `PUT /tickets/{id}/close`.
    pub async fn close(&self, id: i64) -> Result<Ticket> {
        self.client.call(&operations::TICKETS_CLOSE_TICKET, |api| api.tickets_close_ticket().id(id).send()).await
    }

    /// `POST /tickets` (multipart): the message and attachments become the ticket chat's first
    /// message. Never retried once sent.
    pub async fn create(&self, new_ticket: &NewTicket) -> Result<Ticket> {
        let ticket = new_ticket;
        check_not_empty("title", &ticket.title)?;
        check_not_empty("message", &ticket.message)?;
        let order_ids = (!ticket.order_ids.is_empty())
            .then(|| ticket.order_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
        let fields = serde_json::json!({
            "title": ticket.title,
            "type": ticket.department,
            "message": ticket.message,
            "order_ids": order_ids,
        });
        // The generated type checks the text fields as the spec states them.
        let fields: types::TicketsCreateTicketRequestFields = serde_json::from_value(fields)
            .map_err(|e| crate::Error::invalid_argument(format!("invalid ticket: {e}")))?;
        self.client
            .send_multipart(
                &operations::TICKETS_CREATE_TICKET,
                &multipart::TICKETS_CREATE_TICKET,
                None,
                &fields,
                &ticket.attachments,
            )
            .await
    }
}
