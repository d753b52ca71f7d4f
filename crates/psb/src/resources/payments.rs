use crate::pagination::{walk, Fetched, PageStream};
use crate::resources::{check_bounds, positive, Payments};
use crate::Result;
use psb_api::operations;
use psb_model::{Payment, PaymentPage, PaymentQuery, PaymentSortBy, SortOrder};

impl Payments<'_> {
    /// `GET /payment`: one page (`page_size` 1 to 1000).
    pub async fn list(&self, query: &PaymentQuery) -> Result<PaymentPage> {
        if let Some(size) = query.page_size {
            check_bounds("page_size", size, Some(1), Some(1000))?;
        }
        if let Some(page) = query.page {
            check_bounds("page", page, Some(1), None)?;
        }
        let q = query.clone();
        self.client
            .call(&operations::PAYMENT_GET_ALL, |api| {
                let mut call = api.payment_get_all();
                if let Some(p) = q.page {
                    call = call.page(positive(p));
                }
                if let Some(s) = q.page_size {
                    call = call.page_size(positive(s));
                }
                if let Some(b) = q.sort_by {
                    call = call.sort_by(b.as_str().to_string());
                }
                if let Some(o) = q.sort_order {
                    call = call.sort_order(o.as_str().to_string());
                }
                call.send()
            })
            .await
    }

    /// Every payment, page after page, fetched as the stream is read (from `query.page`, or
    /// the first), in `list`'s order: without a sort, newest first by id. A payment made
    /// during the walk moves the newest-first pages down by one, so the item read last comes
    /// again at the top of the next page: in id order, the walk skips any id it has passed,
    /// so nothing comes twice (and, as payments are never deleted, nothing is skipped).
    pub fn iter(&self, query: PaymentQuery) -> PageStream<Payment> {
        let client = self.client.clone();
        let query = match query.sort_by {
            Some(_) => query,
            None => PaymentQuery {
                sort_by: Some(PaymentSortBy::Id),
                sort_order: Some(query.sort_order.unwrap_or(SortOrder::Desc)),
                ..query
            },
        };
        let by_id = query.sort_by == Some(PaymentSortBy::Id);
        let descending = query.sort_order != Some(SortOrder::Asc);
        let last_id = std::sync::Arc::new(std::sync::Mutex::new(None::<i64>));
        let first = query.page.unwrap_or(1);
        walk(move |n| {
            let q = PaymentQuery { page: Some(first.saturating_add(i64::from(n) - 1)), ..query.clone() };
            let (client, last_id) = (client.clone(), last_id.clone());
            async move {
                let page = client.payments().list(&q).await?;
                let more = page.page < page.pages;
                let mut items = page.items;
                if by_id {
                    let mut last = last_id.lock().expect("not poisoned");
                    items.retain(|p| last.is_none_or(|l| if descending { p.id < l } else { p.id > l }));
                    if let Some(p) = items.last() {
                        *last = Some(p.id);
                    }
                }
                Ok(Fetched { more, items })
            }
        })
    }
}
