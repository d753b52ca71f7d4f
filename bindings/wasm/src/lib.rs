//! The JS/TS binding of the psb SDK (npm `psb-hosting`), through wasm-bindgen.
//!
//! It converts and does nothing else: arguments come in as JS values and become the SDK's
//! types, results go back as JSON text and one `JSON.parse`, and a `psb::Error` becomes the
//! JS error class of its kind. Validation, retries, pagination, uploads and sending (one JS
//! `fetch` per attempt) stay in `psb`.
//! The TypeScript types of the models come from `psb-model` (tsify); the signatures name them
//! with `unchecked_return_type` / `unchecked_param_type`.
//!
//! The resource classes, their methods and their options types are generated from the
//! operation table (`resources.rs`); this file holds the client and the conversions they use.

// Only the wasm build has a binding in it: psb sends through JS `fetch` there, and nowhere else.
#![cfg(target_arch = "wasm32")]

mod resources;

pub use resources::*;

use futures_util::stream::{Stream, StreamExt};
use js_sys::{Array, Promise, Reflect, Uint8Array};
use psb::Upload;
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

// The error classes: a subclass of PsbError per kind, generated from the table.
#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = psbError)]
    fn psb_error(
        kind: &str,
        message: &str,
        status: Option<u16>,
        detail: &str,
        retry_after: Option<f64>,
        validation: JsValue,
        operation: Option<String>,
        request_id: Option<String>,
        cause: JsValue,
    ) -> JsValue;
}

#[wasm_bindgen(module = "/js/support.js")]
extern "C" {
    #[wasm_bindgen(js_name = callSite)]
    fn call_site() -> JsValue;

    #[wasm_bindgen(js_name = withCallSite)]
    fn with_call_site(error: JsValue, site: &JsValue) -> JsValue;

    #[wasm_bindgen(js_name = asyncIterable)]
    fn async_iterable(iterator: JsValue) -> JsValue;

    #[wasm_bindgen(js_name = abortPromise)]
    fn abort_promise(signal: &JsValue) -> Promise;

    #[wasm_bindgen(js_name = eitherSignal)]
    fn either_signal(a: &JsValue, b: &JsValue) -> JsValue;

    #[wasm_bindgen(js_name = argumentJson, catch)]
    fn argument_json(value: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = parseWithSecrets)]
    fn parse_with_secrets(json: &str) -> JsValue;
}

#[wasm_bindgen(typescript_custom_section)]
const TS_OPTIONS: &'static str = r#"
/** A lazy walk over every page of a list: `for await (const item of walk)` item by item, or a
 * page at a time with `walk.pages()`. The next page is fetched when the loop asks for it. */
export interface PageWalk<T> extends AsyncIterableIterator<T> {
  /** The same walk a page at a time (an array each); for a walk whose items have not been taken yet. */
  pages(): AsyncIterableIterator<T[]>;
}

/** A call's own options, the last argument of every resource method. */
export interface RequestOptions {
  /** Stops this call (and a page walk it starts): it rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Each attempt of this call, instead of the client's `timeout`. In milliseconds. */
  timeout?: number | undefined;
}

/** A file to attach: a `File`, or a name with bytes (`Uint8Array`, `ArrayBuffer` or `Blob`). */
export type UploadInput =
  | File
  | { file_name: string; content_type?: string | undefined; content: Uint8Array | ArrayBuffer | Blob };

/** A new support ticket (`tickets.create`); its message and attachments open the ticket's chat. */
export interface NewTicket {
  title: string;
  department: DepartmentInput;
  message: string;
  /** Orders the ticket is about. */
  order_ids?: number[] | undefined;
  attachments?: UploadInput[] | undefined;
}

/** What the `fetch` option is called with: the global `fetch` fits, and so does a test's stub. */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  /** An `ArrayBuffer` (JSON) or `FormData` (uploads): both fit every lib's `BodyInit`. */
  body?: ArrayBuffer | FormData;
  signal: AbortSignal;
}

/** What the SDK reads of the answer of a `fetch` (a `Response` has it). */
export interface FetchResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A `fetch` implementation: `(url, init) => Promise<Response>`. */
export type Fetch = (url: string, init: FetchInit) => Promise<FetchResponse>;

// The options the table does not list (JS's own), merged into the generated ClientOptions.
export interface ClientOptions {
  /** The `fetch` every attempt goes out through. Default: the global `fetch`, looked up at each call. */
  fetch?: Fetch | undefined;
}
"#;

// ---------------------------------------------------------------------------------------------
// Conversions

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // Through JSON text and one JSON.parse: as fast as a JS call per field (measured), and the
    // module needs one serializer (serde_json's) instead of two. A missing value stays
    // `undefined` (the models skip `None`), as the tsify types say (`field?: T`). Statuses and
    // departments by their English names, as in every binding. A secret crosses marked and
    // becomes a JS `Secret` (support.js walks the parsed value, only for answers that hold one).
    let (json, secrets) =
        psb::model::with_marked_secrets(|| psb::model::vocab::with_english_names(|| serde_json::to_string(value)));
    let json = json.map_err(|e| invalid(&format!("cannot convert the result: {e}")))?;
    if secrets {
        return Ok(parse_with_secrets(&json));
    }
    js_sys::JSON::parse(&json)
}

fn from_js<T: for<'de> Deserialize<'de>>(what: &str, value: JsValue) -> Result<T, JsValue> {
    // Throws on a BigInt, a cycle or a non-finite number; undefined for a function.
    let json = match argument_json(&value) {
        Ok(j) => j.as_string().ok_or_else(|| invalid(&format!("invalid {what}: not a plain object")))?,
        Err(e) => {
            let why = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
            return Err(invalid(&format!("invalid {what}: {why}")));
        }
    };
    serde_json::from_slice(json.as_bytes()).map_err(|e| {
        // serde_json's position is in the JSON text made above, which the caller never saw.
        let e = e.to_string();
        let e = e.rsplit_once(" at line ").map_or(e.as_str(), |(head, _)| head);
        invalid(&format!("invalid {what}: {e}"))
    })
}

/// A `PsbError` of kind InvalidArgument (a JS value that does not convert).
fn invalid(message: &str) -> JsValue {
    psb_error("InvalidArgument", message, None, message, None, Array::new().into(), None, None, JsValue::UNDEFINED)
}

/// A `psb::Error` as a JS `PsbError`.
fn error(e: psb::Error) -> JsValue {
    let validation = to_js(&e.validation()).unwrap_or_else(|_| Array::new().into());
    psb_error(
        e.kind().as_str(),
        &e.to_string(),
        e.status(),
        e.message(),
        e.retry_after().map(|d| d.as_secs_f64()),
        validation,
        e.operation().map(str::to_owned),
        e.request_id().map(str::to_owned),
        js_cause(&e),
    )
}

/// What `fetch` threw, when that is what failed: the JS error's `cause`.
fn js_cause(e: &psb::Error) -> JsValue {
    let mut next = std::error::Error::source(e);
    while let Some(s) = next {
        if let Some(js) = s.downcast_ref::<psb::fetch::JsCause>() {
            return js.value().clone();
        }
        next = s.source();
    }
    JsValue::UNDEFINED
}

/// An `AbortSignal` a client's calls obey: the signal, and a promise that resolves with its
/// reason when it aborts (made once per signal, so calls add no listeners).
#[derive(Clone)]
struct Abort {
    signal: JsValue,
    aborted: Promise,
}

/// Runs `call` unless the signal aborts first: then the call's future is dropped (reqwest aborts
/// its fetch) and the promise rejects with the signal's reason, as `fetch` does.
async fn cancellable(abort: Option<Abort>, call: JsCall) -> Result<JsValue, JsValue> {
    let Some(abort) = abort else {
        return call.await;
    };
    if prop(&abort.signal, "aborted").is_truthy() {
        return Err(prop(&abort.signal, "reason"));
    }
    match futures_util::future::select(call, JsFuture::from(abort.aborted)).await {
        // The fetch may have seen the abort first: the caller gets the signal's reason all the same.
        futures_util::future::Either::Left((Err(_), _)) if prop(&abort.signal, "aborted").is_truthy() => {
            Err(prop(&abort.signal, "reason"))
        }
        futures_util::future::Either::Left((result, _)) => result,
        futures_util::future::Either::Right((reason, _)) => Err(reason.unwrap_or_else(|e| e)),
    }
}

type JsCall = Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>;

/// The one place a call becomes a promise. Not generic, so the promise machinery and the
/// abort race are compiled once, not once per method (most of the module was such copies).
#[inline(never)]
fn settle(abort: &Option<Abort>, call: JsCall) -> Promise {
    // Taken now, while the caller's frames are on the stack (a `new Error()`, formatted only
    // if the call fails).
    let site = call_site();
    let abort = abort.clone();
    future_to_promise(async move { cancellable(abort, call).await.map_err(|e| with_call_site(e, &site)) })
}

fn prop(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

async fn bytes_of(content: JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(a) = content.dyn_ref::<Uint8Array>() {
        return Ok(a.to_vec());
    }
    if content.is_instance_of::<js_sys::ArrayBuffer>() {
        return Ok(Uint8Array::new(&content).to_vec());
    }
    if let Some(blob) = content.dyn_ref::<web_sys::Blob>() {
        let buffer = JsFuture::from(blob.array_buffer()).await?;
        return Ok(Uint8Array::new(&buffer).to_vec());
    }
    Err(invalid("an attachment's content must be a Uint8Array, an ArrayBuffer or a Blob"))
}

/// A `File`, or `{ file_name, content_type?, content }`, as the SDK's `Upload`.
async fn upload(v: JsValue) -> Result<Upload, JsValue> {
    let (file_name, content_type, content) = if let Some(file) = v.dyn_ref::<web_sys::File>() {
        (file.name(), file.type_(), v.clone())
    } else if v.is_object() {
        let name = prop(&v, "file_name").as_string().or_else(|| prop(&v, "fileName").as_string());
        let Some(name) = name else {
            return Err(invalid("an attachment needs a file_name (or pass a File)"));
        };
        let ct = prop(&v, "content_type").as_string().or_else(|| prop(&v, "contentType").as_string());
        (name, ct.unwrap_or_default(), prop(&v, "content"))
    } else {
        return Err(invalid("an attachment is a File or { file_name, content }"));
    };
    let content_type =
        if content_type.is_empty() { psb_model::content_type_for(&file_name).to_owned() } else { content_type };
    Ok(Upload::from_bytes(file_name, content_type, bytes_of(content).await?))
}

async fn uploads(list: JsValue) -> Result<Vec<Upload>, JsValue> {
    if list.is_undefined() || list.is_null() {
        return Ok(Vec::new());
    }
    if !Array::is_array(&list) {
        return Err(invalid("attachments must be an array"));
    }
    let mut out = Vec::new();
    for v in Array::from(&list).iter() {
        out.push(upload(v).await?);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// The client

/// A number of milliseconds as a Duration: finite and not negative.
pub(crate) fn millis(name: &str, ms: f64) -> Result<Duration, JsValue> {
    if !(ms.is_finite() && ms >= 0.0) {
        return Err(invalid(&format!("{name} must be a number of milliseconds, not {ms}")));
    }
    Duration::try_from_secs_f64(ms / 1000.0).map_err(|_| invalid(&format!("{name} is too large")))
}

/// The `fetch` option: a function, or absent.
fn fetch_option(options: &JsValue) -> Result<Option<JsValue>, JsValue> {
    if !options.is_object() {
        return Ok(None);
    }
    let fetch = prop(options, "fetch");
    if fetch.is_undefined() || fetch.is_null() {
        Ok(None)
    } else if fetch.is_function() {
        Ok(Some(fetch))
    } else {
        Err(invalid("the fetch option must be a function (a fetch implementation)"))
    }
}

/// A PSB Hosting API client. The token stays inside the wasm module: neither
/// `JSON.stringify(client)` nor `console.log(client)` can show it.
#[wasm_bindgen]
pub struct Client {
    inner: psb::Client,
    abort: Option<Abort>,
}

#[wasm_bindgen]
impl Client {
    /// `new Client({ token, baseUrl })`. Throws a `PsbError` (InvalidArgument) when the options
    /// are wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "ClientOptions")] options: Option<JsValue>,
    ) -> Result<Client, JsValue> {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        // `fetch` is JS's own option (a function does not cross as JSON: read apart, first).
        let fetch = fetch_option(&options)?;
        let o: ClientOptions = if options.is_undefined() || options.is_null() {
            ClientOptions::default()
        } else {
            from_js("client options", options.clone())?
        };
        let builder = o.builder()?;
        let builder = match fetch {
            Some(fetch) => builder.fetch(fetch),
            None => builder,
        };
        Ok(Client { inner: builder.build().map_err(error)?, abort: None })
    }

    /// A client from `PSB_API_TOKEN` and `PSB_API_URL` (Node's `process.env`).
    #[wasm_bindgen(js_name = fromEnv)]
    pub fn from_env() -> Result<Client, JsValue> {
        let env = prop(&prop(&js_sys::global(), "process"), "env");
        let Some(token) = prop(&env, "PSB_API_TOKEN").as_string() else {
            return Err(invalid("PSB_API_TOKEN is not set"));
        };
        let mut b = psb::Client::builder().token(token);
        if let Some(url) = prop(&env, "PSB_API_URL").as_string() {
            b = b.base_url(url);
        }
        Ok(Client { inner: b.build().map_err(error)?, abort: None })
    }

    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_owned()
    }

    /// What `JSON.stringify` shows: the base URL, never the token.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ baseUrl: string }")]
    pub fn to_json(&self) -> JsValue {
        let o = js_sys::Object::new();
        let _ = Reflect::set(&o, &"baseUrl".into(), &self.inner.base_url().into());
        o.into()
    }

    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("Client({})", self.inner.base_url())
    }

    /// The same client (same connection settings and token), whose calls and page walks stop
    /// when `signal` aborts: they reject with the signal's reason (an `AbortError`, or a
    /// `TimeoutError` for `AbortSignal.timeout(ms)`). A call whose signal has already aborted
    /// sends nothing.
    #[wasm_bindgen(js_name = withSignal)]
    pub fn with_signal(&self, #[wasm_bindgen(unchecked_param_type = "AbortSignal")] signal: JsValue) -> Client {
        let aborted = abort_promise(&signal);
        // The signal also goes to each fetch, which then closes its connection.
        let inner = self.inner.with_call_options(Some(signal.clone()), None);
        Client { inner, abort: Some(Abort { signal, aborted }) }
    }

    // The resource getters (`client.orders`, ...) are generated: resources.rs.
}

// ---------------------------------------------------------------------------------------------
// What the generated methods (resources.rs) convert with

/// An integer argument: a JS number that is a safe integer.
pub(crate) fn int(name: &str, v: f64) -> Result<i64, JsValue> {
    if v.is_finite() && v.fract() == 0.0 && v.abs() <= 9_007_199_254_740_991.0 {
        Ok(v as i64)
    } else {
        Err(invalid(&format!("{name} must be an integer, not {v}")))
    }
}

/// A call's own `{ signal, timeout }` (the last argument of every resource method): the client
/// to make it with and the signal it races. Unknown keys are refused by name, as everywhere.
pub(crate) fn per_call(
    c: &psb::Client,
    abort: &Option<Abort>,
    request: Option<JsValue>,
) -> Result<(psb::Client, Option<Abort>), JsValue> {
    let Some(request) = request.filter(|r| !r.is_undefined() && !r.is_null()) else {
        return Ok((c.clone(), abort.clone()));
    };
    if !request.is_object() {
        return Err(invalid("request options are an object: { signal, timeout }"));
    }
    for key in js_sys::Object::keys(request.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if key != "signal" && key != "timeout" {
            return Err(invalid(&format!("unknown request option `{key}`, expected `signal` or `timeout`")));
        }
    }
    let timeout = match prop(&request, "timeout") {
        t if t.is_undefined() => None,
        t => match millis("timeout", t.as_f64().ok_or_else(|| invalid("timeout must be a number of milliseconds"))?)? {
            // As for the client's: a zero timeout would fail the call without sending it.
            d if d.is_zero() => return Err(invalid("the timeout must be longer than zero")),
            d => Some(d),
        },
    };
    let signal = prop(&request, "signal");
    let signal = if signal.is_undefined() {
        None
    } else if prop(&signal, "aborted").as_bool().is_some() && prop(&signal, "addEventListener").is_function() {
        Some(signal)
    } else {
        return Err(invalid("signal must be an AbortSignal"));
    };
    // A call of a client made with `withSignal` obeys both signals.
    let signal = match (signal, abort) {
        (Some(own), Some(client)) => Some(either_signal(&client.signal, &own)),
        (own, _) => own,
    };
    let client = c.with_call_options(signal.clone(), timeout);
    let abort = match signal {
        Some(signal) => Some(Abort { aborted: abort_promise(&signal), signal }),
        None => abort.clone(),
    };
    Ok((client, abort))
}

/// A method's options object (absent: every option at its default).
pub(crate) fn options_of<T: for<'de> Deserialize<'de> + Default>(what: &str, v: Option<JsValue>) -> Result<T, JsValue> {
    match v {
        Some(v) if !v.is_undefined() && !v.is_null() => from_js(what, v),
        _ => Ok(T::default()),
    }
}

/// A number of milliseconds (or the default) as a Duration.
pub(crate) fn duration_ms(name: &str, ms: Option<f64>, default: f64) -> Result<Duration, JsValue> {
    millis(name, ms.unwrap_or(default))
}

/// A call's result as JS: the value converted, or the error as a `PsbError`.
pub(crate) fn done<T: Serialize>(result: psb::Result<T>) -> Result<JsValue, JsValue> {
    to_js(&result.map_err(error)?)
}

/// A record argument from JS. Most are their JSON form; a ticket carries files.
pub(crate) trait Input: Sized {
    async fn input(what: &str, v: JsValue) -> Result<Self, JsValue>;
}

impl Input for psb::NewOrder {
    async fn input(what: &str, v: JsValue) -> Result<Self, JsValue> {
        from_js(what, v)
    }
}

/// A new ticket's text fields (the attachments are read from the JS object apart).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TicketFields {
    title: String,
    department: psb::Department,
    message: String,
    #[serde(default)]
    order_ids: Vec<i64>,
    #[serde(default)]
    #[allow(dead_code)]
    attachments: Option<serde::de::IgnoredAny>,
}

impl Input for psb::NewTicket {
    async fn input(what: &str, v: JsValue) -> Result<Self, JsValue> {
        let attachments = uploads(prop(&v, "attachments")).await?;
        let f: TicketFields = from_js(what, v)?;
        Ok(psb::NewTicket {
            title: f.title,
            department: f.department,
            message: f.message,
            order_ids: f.order_ids,
            attachments,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Page iterators

type JsStream = Pin<Box<dyn Stream<Item = Result<JsValue, JsValue>>>>;

/// An async iterator over one of the SDK's page streams (`for await (const p of
/// client.payments.iter())`). Pages are fetched as the loop asks for items.
#[wasm_bindgen]
pub struct PageIterator {
    state: Rc<RefCell<Option<Walking>>>,
    abort: Option<Abort>,
    /// The calls of `next()` still running, and the last one's promise: a call made while
    /// another runs waits for it, as with an async generator (`Promise.all([it.next(),
    /// it.next()])` gives two items in order, not an item and a false end).
    running: Rc<Cell<u32>>,
    last: RefCell<Option<Promise>>,
    /// Set by `return()`: the `next()` running then keeps its item but not the walk, so one
    /// queued behind it finds the walk over (where an async generator would give it one too).
    ended: Rc<Cell<bool>>,
}

/// Counts a `next()` as running until its future ends or is dropped (an abort drops it).
struct Running(Rc<Cell<u32>>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.set(self.0.get() - 1);
    }
}

/// A walk not started yet becomes a stream of items at the first `next()`, or of pages through
/// `pages()`: either way each value crosses as it comes.
enum Walking {
    Fresh(Box<dyn Walk>),
    Started(JsStream),
}

trait Walk {
    fn items(self: Box<Self>) -> JsStream;
    fn pages(self: Box<Self>) -> JsStream;
}

impl<T: Serialize + Send + 'static> Walk for psb::PageStream<T> {
    fn items(self: Box<Self>) -> JsStream {
        Box::pin((*self).map(|item| to_js(&item.map_err(error)?)))
    }

    fn pages(self: Box<Self>) -> JsStream {
        Box::pin((*self).pages().map(|page| to_js(&page.map_err(error)?)))
    }
}

impl PageIterator {
    fn wrap<T: Serialize + Send + 'static>(stream: psb::PageStream<T>, abort: &Option<Abort>) -> JsValue {
        PageIterator::of(Walking::Fresh(Box::new(stream)), abort)
    }

    fn of(walking: Walking, abort: &Option<Abort>) -> JsValue {
        let state = Rc::new(RefCell::new(Some(walking)));
        let running = Rc::new(Cell::new(0));
        let (last, ended) = (RefCell::new(None), Rc::new(Cell::new(false)));
        async_iterable(PageIterator { state, abort: abort.clone(), running, last, ended }.into())
    }
}

fn iter_result(done: bool, value: &JsValue) -> JsValue {
    let o = js_sys::Object::new();
    let _ = Reflect::set(&o, &"done".into(), &done.into());
    let _ = Reflect::set(&o, &"value".into(), value);
    o.into()
}

#[wasm_bindgen]
impl PageIterator {
    /// The next item, fetching the next page when this one is used up.
    #[wasm_bindgen(unchecked_return_type = "Promise<IteratorResult<unknown>>")]
    pub fn next(&self) -> Promise {
        let (slot, ended) = (self.state.clone(), self.ended.clone());
        // A loop's calls come one after another and wait for nothing here.
        let before = if self.running.get() > 0 { self.last.borrow().clone() } else { None };
        self.running.set(self.running.get() + 1);
        let running = Running(self.running.clone());
        // An abort drops the page being fetched, and the walk with it.
        let promise = settle(
            &self.abort,
            Box::pin(async move {
                let _running = running;
                if let Some(before) = before {
                    // Its failure is its own caller's; this call then finds the walk ended.
                    let _ = wasm_bindgen_futures::JsFuture::from(before).await;
                }
                // Taken out while a page is fetched: the RefCell is never borrowed across an await.
                let mut stream = match slot.borrow_mut().take() {
                    Some(Walking::Fresh(walk)) => walk.items(),
                    Some(Walking::Started(stream)) => stream,
                    None => return Ok(iter_result(true, &JsValue::UNDEFINED)),
                };
                match stream.next().await {
                    Some(Ok(v)) => {
                        if !ended.get() {
                            *slot.borrow_mut() = Some(Walking::Started(stream));
                        }
                        Ok(iter_result(false, &v))
                    }
                    // An error ends the walk.
                    Some(Err(e)) => Err(e),
                    None => Ok(iter_result(true, &JsValue::UNDEFINED)),
                }
            }),
        );
        *self.last.borrow_mut() = Some(promise.clone());
        promise
    }

    /// Stops the walk (`break` out of `for await`).
    #[wasm_bindgen(js_name = "return", unchecked_return_type = "Promise<IteratorResult<unknown>>")]
    pub fn finish(&self) -> Promise {
        self.ended.set(true);
        // The `next()` running keeps its item (it takes the walk and, ended, drops it).
        if self.running.get() == 0 {
            self.state.borrow_mut().take();
        }
        Promise::resolve(&iter_result(true, &JsValue::UNDEFINED))
    }

    /// The same walk a page at a time, each page an array (`for await (const page of
    /// client.payments.iter().pages())`); for a walk whose items have not been taken yet.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterableIterator<unknown[]>")]
    pub fn pages(&self) -> Result<JsValue, JsValue> {
        let mut state = self.state.borrow_mut();
        match state.take() {
            Some(Walking::Fresh(walk)) => Ok(PageIterator::of(Walking::Started(walk.pages()), &self.abort)),
            other => {
                *state = other;
                Err(invalid("pages() is for a walk not started yet: call it before taking items"))
            }
        }
    }
}
