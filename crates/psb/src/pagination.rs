//! Lazy walks over paged lists: a `Stream` that asks for the next page only when the current one
//! is used up, and stops after the last.

use crate::error::Result;
use futures_util::stream::{self, Stream, StreamExt};
use std::future::Future;
use std::pin::Pin;

/// A stream of items, fetched page by page. It owns a handle on the client, so it can outlive
/// the expression that made it.
#[cfg(not(target_arch = "wasm32"))]
pub type PageStream<T> = Pin<Box<dyn Stream<Item = Result<T>> + Send + 'static>>;
/// A stream of items, fetched page by page. It owns a handle on the client, so it can outlive
/// the expression that made it.
#[cfg(target_arch = "wasm32")]
pub type PageStream<T> = Pin<Box<dyn Stream<Item = Result<T>> + 'static>>;

/// One fetched page: its items, and whether another page follows.
pub(crate) struct Fetched<T> {
    pub items: Vec<T>,
    pub more: bool,
}

/// Walks pages 1, 2, ... (or offsets, as `fetch` decides from the page number) until `fetch`
/// says there is no more; an error ends the stream after it is yielded.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn walk<T, F, Fut>(fetch: F) -> PageStream<T>
where
    T: Send + 'static,
    F: FnMut(u32) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Fetched<T>>> + Send + 'static,
{
    Box::pin(walk_inner(fetch))
}

#[cfg(target_arch = "wasm32")]
pub(crate) fn walk<T, F, Fut>(fetch: F) -> PageStream<T>
where
    T: 'static,
    F: FnMut(u32) -> Fut + 'static,
    Fut: Future<Output = Result<Fetched<T>>> + 'static,
{
    Box::pin(walk_inner(fetch))
}

fn walk_inner<'a, T, F, Fut>(fetch: F) -> impl Stream<Item = Result<T>> + 'a
where
    T: 'a,
    F: FnMut(u32) -> Fut + 'a,
    Fut: Future<Output = Result<Fetched<T>>> + 'a,
{
    // State: the fetcher, the next page number, and whether to go on.
    stream::unfold((fetch, 1u32, true), |(mut fetch, page, go_on)| async move {
        if !go_on {
            return None;
        }
        match fetch(page).await {
            Ok(f) => {
                let more = f.more && !f.items.is_empty();
                let items: Vec<Result<T>> = f.items.into_iter().map(Ok).collect();
                Some((stream::iter(items), (fetch, page + 1, more)))
            }
            Err(e) => Some((stream::iter(vec![Err(e)]), (fetch, page + 1, false))),
        }
    })
    .flatten()
}
