use crate::pagination::{walk, Fetched, PageStream};
use crate::reconcile::{self, Look};
use crate::resources::{check_not_empty, Tickets};
use crate::Result;
use psb_api::operations;
use psb_api::{multipart, types};
use psb_model::{NewTicket, Ticket};
use std::collections::HashSet;

/// How many of the newest tickets `create` reads to find one whose answer was lost (newest
/// first; the API serves at most 10 a page).
const NEWEST: i64 = 10;

impl Tickets<'_> {
    /// Every ticket, page after page, fetched as the stream is read.
    pub fn iter(&self, page_size: Option<i64>) -> PageStream<Ticket> {
        let client = self.client.clone();
        walk(move |n| {
            let client = client.clone();
            async move {
                let page = client.tickets().list(Some(i64::from(n)), page_size).await?;
                Ok(Fetched { more: page.page < page.pages, items: page.items })
            }
        })
    }

    /// `POST /tickets` (multipart): the message and attachments become the ticket chat's first
    /// message. Exactly once: never sent again once it may have left; the newest tickets are read
    /// first, and when the answer is lost the new ticket is looked for among them and returned
    /// (else OutcomeUnknown).
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
        let before: HashSet<i64> = self.list(Some(1), Some(NEWEST)).await?.items.iter().map(|t| t.id).collect();
        let created = self
            .client
            .send_multipart(
                &operations::TICKETS_CREATE_TICKET,
                &multipart::TICKETS_CREATE_TICKET,
                None,
                &fields,
                &ticket.attachments,
            )
            .await;
        let what = format!("a new ticket {:?}", ticket.title);
        reconcile::exactly_once(created, self.client.settle(), &what, || async {
            let new: Vec<Ticket> = self
                .list(Some(1), Some(NEWEST))
                .await?
                .items
                .into_iter()
                .filter(|t| !before.contains(&t.id) && t.title == ticket.title)
                .collect();
            Ok(Look::the_one(new, &what))
        })
        .await
    }
}
