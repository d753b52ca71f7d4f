//! Lazy walks over paged lists: a `Stream` that asks for the next page only when the current one
//! is used up, and stops after the last; item by item, or page by page ([`PageStream::pages`]).

use crate::error::Result;
use futures_util::stream::{self, Stream, StreamExt};
use std::future::Future;
use std::pin::Pin;

/// The pages of a walk, one `Vec` each ([`PageStream::pages`]).
#[cfg(not(target_arch = "wasm32"))]
pub type Pages<T> = Pin<Box<dyn Stream<Item = Result<Vec<T>>> + Send + 'static>>;
/// The pages of a walk, one `Vec` each ([`PageStream::pages`]).
#[cfg(target_arch = "wasm32")]
pub type Pages<T> = Pin<Box<dyn Stream<Item = Result<Vec<T>>> + 'static>>;

/// A stream of items, fetched page by page: the next page is asked for only when the current
/// one is used up. It owns a handle on the client, so it can outlive the expression that made
/// it. [`PageStream::pages`] walks it a page at a time instead.
pub struct PageStream<T> {
    pages: Pages<T>,
    current: std::vec::IntoIter<T>,
}

impl<T> PageStream<T> {
    fn new(pages: Pages<T>) -> PageStream<T> {
        PageStream { pages, current: Vec::new().into_iter() }
    }

    /// The rest of the walk a page at a time (the items of the current page not yet taken, if
    /// any, come first as a page of their own). Empty pages are skipped.
    pub fn pages(self) -> Pages<T>
    where
        T: MaybeSend + 'static,
    {
        let rest: Vec<T> = self.current.collect();
        let first = (!rest.is_empty()).then_some(Ok(rest));
        Box::pin(stream::iter(first).chain(self.pages))
    }
}

// Nothing in it is pinned in place: the pages are boxed, and items are only moved out.
impl<T> Unpin for PageStream<T> {}

impl<T> Stream for PageStream<T> {
    type Item = Result<T>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Result<T>>> {
        use std::task::Poll;
        loop {
            if let Some(item) = self.current.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match self.pages.as_mut().poll_next(cx) {
                Poll::Ready(Some(Ok(page))) => self.current = page.into_iter(),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

/// `Send` where the walks are (native targets); nothing in wasm, which has one thread.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSend: Send {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Send> MaybeSend for T {}
/// `Send` where the walks are (native targets); nothing in wasm, which has one thread.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSend {}
#[cfg(target_arch = "wasm32")]
impl<T> MaybeSend for T {}

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
    PageStream::new(Box::pin(walk_pages(fetch)))
}

#[cfg(target_arch = "wasm32")]
pub(crate) fn walk<T, F, Fut>(fetch: F) -> PageStream<T>
where
    T: 'static,
    F: FnMut(u32) -> Fut + 'static,
    Fut: Future<Output = Result<Fetched<T>>> + 'static,
{
    PageStream::new(Box::pin(walk_pages(fetch)))
}

fn walk_pages<'a, T, F, Fut>(fetch: F) -> impl Stream<Item = Result<Vec<T>>> + 'a
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
                Some((Ok(f.items), (fetch, page + 1, more)))
            }
            Err(e) => Some((Err(e), (fetch, page + 1, false))),
        }
    })
    .filter(|page| std::future::ready(!matches!(page, Ok(items) if items.is_empty())))
}
