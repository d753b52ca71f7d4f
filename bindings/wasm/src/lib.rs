//! The JS/TS binding of the psb SDK (npm `psb-hosting`), through wasm-bindgen.
//!
//! It converts and does nothing else: arguments come in as JS values and become the SDK's
//! types, results go back through serde-wasm-bindgen (JSON-compatible), and a `psb::Error`
//! becomes a JS `PsbError`. Validation, retries, pagination and uploads stay in `psb`.
//! The TypeScript types of the models come from `psb-model` (tsify); the signatures below
//! name them with `unchecked_return_type` / `unchecked_param_type`.

use futures_util::stream::{Stream, StreamExt};
use js_sys::{Array, Promise, Reflect, Uint8Array};
use psb::{Department, NewOrder, PaymentQuery, ServerStatus, Upload};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

#[wasm_bindgen(module = "/js/support.js")]
extern "C" {
    #[wasm_bindgen(js_name = PsbError)]
    type JsPsbError;
    #[wasm_bindgen(constructor, js_class = "PsbError")]
    fn new(
        kind: &str,
        message: &str,
        status: Option<u16>,
        detail: &str,
        retry_after: Option<f64>,
        validation: JsValue,
        operation: Option<String>,
    ) -> JsPsbError;

    #[wasm_bindgen(js_name = asyncIterable)]
    fn async_iterable(iterator: JsValue) -> JsValue;

    #[wasm_bindgen(js_name = abortPromise)]
    fn abort_promise(signal: &JsValue) -> Promise;

    #[wasm_bindgen(js_name = argumentJson, catch)]
    fn argument_json(value: &JsValue) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(typescript_custom_section)]
const TS_OPTIONS: &'static str = r#"
/** How a client is configured (`new Client({ token, baseUrl })`). */
export interface ClientOptions {
  /** The API token, sent as-is in `Authorization`. Without one only the catalog answers. */
  token?: string;
  /** Default `https://backend.psb.hosting`; `http://` only to a loopback host. */
  baseUrl?: string;
  /** One attempt's time limit, in milliseconds (default 60 000; a timed-out read is retried). */
  timeout?: number;
  /** Retries after the first attempt (default 2; 0 turns retrying off). */
  maxRetries?: number;
  /** Sent as `User-Agent` where the platform lets a page set it. */
  userAgent?: string;
  /** The backoff ceiling of the first retry, in milliseconds (default 500; full jitter below it). */
  initialBackoff?: number;
  /** The largest backoff ceiling, in milliseconds (default 8 000). */
  maxBackoff?: number;
  /** The longest `Retry-After` honoured, in milliseconds (default 60 000); a longer one is returned at once as RateLimited. */
  maxRetryAfter?: number;
}

/** A file to attach: a `File`, or a name with bytes (`Uint8Array`, `ArrayBuffer` or `Blob`). */
export type UploadInput =
  | File
  | { file_name: string; content_type?: string; content: Uint8Array | ArrayBuffer | Blob };

/** A new support ticket (`tickets.create`); its message and attachments open the ticket's chat. */
export interface NewTicketInput {
  title: string;
  department: Department;
  message: string;
  /** Orders the ticket is about. */
  order_ids?: number[];
  attachments?: UploadInput[];
}
"#;

// ---------------------------------------------------------------------------------------------
// Conversions

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // Through JSON text and one JSON.parse: as fast as a JS call per field (measured), and the
    // module needs one serializer (serde_json's) instead of two. A missing value stays
    // `undefined` (the models skip `None`), as the tsify types say (`field?: T`). Statuses and
    // departments by their English names, as in every binding.
    let json = psb::model::vocab::with_english_names(|| serde_json::to_string(value))
        .map_err(|e| invalid(&format!("cannot convert the result: {e}")))?;
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
    serde_json::from_str(&json).map_err(|e| {
        // serde_json's position is in the JSON text made above, which the caller never saw.
        let e = e.to_string();
        let e = e.rsplit_once(" at line ").map_or(e.as_str(), |(head, _)| head);
        invalid(&format!("invalid {what}: {e}"))
    })
}

/// A `PsbError` of kind InvalidArgument (a JS value that does not convert).
fn invalid(message: &str) -> JsValue {
    JsPsbError::new("InvalidArgument", message, None, message, None, Array::new().into(), None).into()
}

/// A `psb::Error` as a JS `PsbError`.
fn error(e: psb::Error) -> JsValue {
    let validation = to_js(&e.validation()).unwrap_or_else(|_| Array::new().into());
    JsPsbError::new(
        e.kind().as_str(),
        &e.to_string(),
        e.status(),
        e.message(),
        e.retry_after().map(|d| d.as_secs_f64()),
        validation,
        e.operation().map(str::to_owned),
    )
    .into()
}

/// An id: a JS number that is a safe integer.
fn id(name: &str, v: f64) -> Result<i64, JsValue> {
    if v.is_finite() && v.fract() == 0.0 && v.abs() <= 9_007_199_254_740_991.0 {
        Ok(v as i64)
    } else {
        Err(invalid(&format!("{name} must be an integer, not {v}")))
    }
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
        futures_util::future::Either::Left((result, _)) => result,
        futures_util::future::Either::Right((reason, _)) => Err(reason.unwrap_or_else(|e| e)),
    }
}

/// Runs an SDK call and settles a promise with its converted result or error.
fn promise<T, F>(abort: &Option<Abort>, call: F) -> Promise
where
    T: Serialize + 'static,
    F: Future<Output = psb::Result<T>> + 'static,
{
    settle(
        abort,
        Box::pin(async move {
            match call.await {
                Ok(v) => to_js(&v),
                Err(e) => Err(error(e)),
            }
        }),
    )
}

type JsCall = Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>;

/// The one place a call becomes a promise. Not generic, so the promise machinery and the
/// abort race are compiled once, not once per method (most of the module was such copies).
#[inline(never)]
fn settle(abort: &Option<Abort>, call: JsCall) -> Promise {
    future_to_promise(cancellable(abort.clone(), call))
}

fn rejected(e: JsValue) -> Promise {
    Promise::reject(&e)
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

/// The options of spec/SURFACE.md, by their camelCase names; an unknown one is refused rather
/// than ignored (a misspelt option would otherwise change nothing, silently).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ClientOptions {
    token: Option<String>,
    base_url: Option<String>,
    timeout: Option<f64>,
    max_retries: Option<u32>,
    user_agent: Option<String>,
    initial_backoff: Option<f64>,
    max_backoff: Option<f64>,
    max_retry_after: Option<f64>,
}

/// A number of milliseconds as a Duration: finite and not negative (`positive` refuses 0).
fn millis(name: &str, ms: f64, positive: bool) -> Result<Duration, JsValue> {
    if !(ms.is_finite() && (ms > 0.0 || (!positive && ms == 0.0))) {
        let what = if positive { "a positive number" } else { "a number" };
        return Err(invalid(&format!("{name} must be {what} of milliseconds, not {ms}")));
    }
    Duration::try_from_secs_f64(ms / 1000.0).map_err(|_| invalid(&format!("{name} is too large")))
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
    pub fn new(#[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: JsValue) -> Result<Client, JsValue> {
        let o: ClientOptions = if options.is_undefined() || options.is_null() {
            ClientOptions::default()
        } else {
            from_js("client options", options)?
        };
        let mut b = psb::Client::builder();
        if let Some(t) = o.token {
            b = b.token(t);
        }
        if let Some(u) = o.base_url {
            b = b.base_url(u);
        }
        if let Some(ms) = o.timeout {
            b = b.timeout(millis("timeout", ms, true)?);
        }
        if let Some(ua) = o.user_agent {
            b = b.user_agent(ua);
        }
        let mut retry = psb::RetryPolicy::default();
        if let Some(n) = o.max_retries {
            retry.max_retries = n;
        }
        if let Some(ms) = o.initial_backoff {
            retry.initial_backoff = millis("initialBackoff", ms, false)?;
        }
        if let Some(ms) = o.max_backoff {
            retry.max_backoff = millis("maxBackoff", ms, false)?;
        }
        if let Some(ms) = o.max_retry_after {
            retry.max_retry_after = millis("maxRetryAfter", ms, false)?;
        }
        b = b.retry_policy(retry);
        Ok(Client { inner: b.build().map_err(error)?, abort: None })
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
        Client { inner: self.inner.clone(), abort: Some(Abort { signal, aborted }) }
    }

    #[wasm_bindgen(getter)]
    pub fn account(&self) -> AccountApi {
        AccountApi { c: self.inner.clone(), abort: self.abort.clone() }
    }
    #[wasm_bindgen(getter)]
    pub fn products(&self) -> ProductsApi {
        ProductsApi { c: self.inner.clone(), abort: self.abort.clone() }
    }
    #[wasm_bindgen(getter)]
    pub fn recipes(&self) -> RecipesApi {
        RecipesApi { c: self.inner.clone(), abort: self.abort.clone() }
    }
    #[wasm_bindgen(getter)]
    pub fn orders(&self) -> OrdersApi {
        OrdersApi { c: self.inner.clone(), abort: self.abort.clone() }
    }
    #[wasm_bindgen(getter)]
    pub fn payments(&self) -> PaymentsApi {
        PaymentsApi { c: self.inner.clone(), abort: self.abort.clone() }
    }
    #[wasm_bindgen(getter)]
    pub fn servers(&self) -> ServersApi {
        ServersApi { c: self.inner.clone(), abort: self.abort.clone() }
    }
    #[wasm_bindgen(getter)]
    pub fn tickets(&self) -> TicketsApi {
        TicketsApi { c: self.inner.clone(), abort: self.abort.clone() }
    }
    #[wasm_bindgen(getter)]
    pub fn chats(&self) -> ChatsApi {
        ChatsApi { c: self.inner.clone(), abort: self.abort.clone() }
    }
}

// ---------------------------------------------------------------------------------------------
// Resources

/// The account the token belongs to.
#[wasm_bindgen]
pub struct AccountApi {
    c: psb::Client,
    abort: Option<Abort>,
}

#[wasm_bindgen]
impl AccountApi {
    /// `GET /users/me`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Account>")]
    pub fn get(&self) -> Promise {
        let c = self.c.clone();
        promise(&self.abort, async move { c.account().get().await })
    }
}

/// The catalog (public).
#[wasm_bindgen]
pub struct ProductsApi {
    c: psb::Client,
    abort: Option<Abort>,
}

#[wasm_bindgen]
impl ProductsApi {
    /// `GET /products`; `types` filters by product type (`["VPS"]` lists PSB VPS and HIGH-CPU
    /// PSB VPS).
    #[wasm_bindgen(unchecked_return_type = "Promise<Product[]>")]
    pub fn list(&self, types: Option<Vec<String>>) -> Promise {
        let c = self.c.clone();
        promise(&self.abort, async move {
            let types = types.unwrap_or_default();
            let refs: Vec<&str> = types.iter().map(String::as_str).collect();
            c.products().list(&refs).await
        })
    }

    /// `GET /products/{id}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Product>")]
    pub fn get(&self, id: f64) -> Promise {
        let c = self.c.clone();
        match self::id("id", id) {
            Ok(id) => promise(&self.abort, async move { c.products().get(id).await }),
            Err(e) => rejected(e),
        }
    }
}

/// Scripts for new servers (public).
#[wasm_bindgen]
pub struct RecipesApi {
    c: psb::Client,
    abort: Option<Abort>,
}

#[wasm_bindgen]
impl RecipesApi {
    /// `GET /products/recipes`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Recipe[]>")]
    pub fn list(&self) -> Promise {
        let c = self.c.clone();
        promise(&self.abort, async move { c.recipes().list().await })
    }

    /// `GET /products/recipes/{id}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Recipe>")]
    pub fn get(&self, id: f64) -> Promise {
        let c = self.c.clone();
        match self::id("id", id) {
            Ok(id) => promise(&self.abort, async move { c.recipes().get(id).await }),
            Err(e) => rejected(e),
        }
    }
}

/// Orders: buying, prolonging, changing and ending them.
#[wasm_bindgen]
pub struct OrdersApi {
    c: psb::Client,
    abort: Option<Abort>,
}

/// A call taking an id: the id is checked, then the call runs under the client's signal.
macro_rules! by_id {
    ($this:ident, $name:literal, $v:expr, action |$cl:ident, $i:ident| $call:expr) => {{
        let $cl = $this.c.clone();
        match id($name, $v) {
            Ok($i) => action_promise(&$this.abort, async move { $call.await }),
            Err(e) => rejected(e),
        }
    }};
    ($this:ident, $name:literal, $v:expr, |$cl:ident, $i:ident| $call:expr) => {{
        let $cl = $this.c.clone();
        match id($name, $v) {
            Ok($i) => promise(&$this.abort, async move { $call.await }),
            Err(e) => rejected(e),
        }
    }};
}

#[wasm_bindgen]
impl OrdersApi {
    /// `GET /order`: every order of the account.
    #[wasm_bindgen(unchecked_return_type = "Promise<Order[]>")]
    pub fn list(&self) -> Promise {
        let c = self.c.clone();
        promise(&self.abort, async move { c.orders().list().await })
    }

    /// `GET /order/{id}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<OrderDetail>")]
    pub fn get(&self, id: f64) -> Promise {
        by_id!(self, "id", id, |c, id| c.orders().get(id))
    }

    /// `POST /order`. Never retried once sent: an order is never placed twice.
    #[wasm_bindgen(unchecked_return_type = "Promise<OrderCreated>")]
    pub fn create(&self, #[wasm_bindgen(unchecked_param_type = "NewOrder")] order: JsValue) -> Promise {
        let c = self.c.clone();
        match from_js::<NewOrder>("order", order) {
            Ok(order) => promise(&self.abort, async move { c.orders().create(&order).await }),
            Err(e) => rejected(e),
        }
    }

    /// `POST /order/{id}/prolong`: one more period (the order's own, or `period`).
    #[wasm_bindgen(unchecked_return_type = "Promise<Order>")]
    pub fn prolong(&self, id: f64, period: Option<f64>) -> Promise {
        let period = match period.map(|p| self::id("period", p)).transpose() {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        by_id!(self, "id", id, |c, id| c.orders().prolong(id, period))
    }

    /// `PUT /order/{id}/make_auto_prolong`: turns automatic prolonging on or off.
    #[wasm_bindgen(js_name = toggleAutoProlong, unchecked_return_type = "Promise<Order>")]
    pub fn toggle_auto_prolong(&self, id: f64) -> Promise {
        by_id!(self, "id", id, |c, id| c.orders().toggle_auto_prolong(id))
    }

    /// `GET /order/{id}/get_products_for_change`.
    #[wasm_bindgen(js_name = productsForChange, unchecked_return_type = "Promise<ProductsForChange>")]
    pub fn products_for_change(&self, id: f64) -> Promise {
        by_id!(self, "id", id, |c, id| c.orders().products_for_change(id))
    }

    /// `PUT /order/{id}/change_product`.
    #[wasm_bindgen(js_name = changeProduct, unchecked_return_type = "Promise<Order>")]
    pub fn change_product(&self, id: f64, product_id: f64) -> Promise {
        let product_id = match self::id("productId", product_id) {
            Ok(p) => p,
            Err(e) => return rejected(e),
        };
        by_id!(self, "id", id, |c, id| c.orders().change_product(id, product_id))
    }

    /// `POST /order/{id}/early-termination`: ends the order now and deletes its server.
    #[wasm_bindgen(unchecked_return_type = "Promise<Order>")]
    pub fn terminate(&self, id: f64) -> Promise {
        by_id!(self, "id", id, |c, id| c.orders().terminate(id))
    }
}

/// The payment ledger.
#[wasm_bindgen]
pub struct PaymentsApi {
    c: psb::Client,
    abort: Option<Abort>,
}

fn payment_query(query: JsValue) -> Result<PaymentQuery, JsValue> {
    if query.is_undefined() || query.is_null() {
        Ok(PaymentQuery::default())
    } else {
        from_js("payment query", query)
    }
}

#[wasm_bindgen]
impl PaymentsApi {
    /// `GET /payment`: one page (`page_size` 1 to 1000).
    #[wasm_bindgen(unchecked_return_type = "Promise<PaymentPage>")]
    pub fn list(&self, #[wasm_bindgen(unchecked_param_type = "PaymentQuery | undefined")] query: JsValue) -> Promise {
        let c = self.c.clone();
        match payment_query(query) {
            Ok(q) => promise(&self.abort, async move { c.payments().list(&q).await }),
            Err(e) => rejected(e),
        }
    }

    /// Every payment, page after page, fetched as the loop asks (`for await`).
    #[wasm_bindgen(unchecked_return_type = "AsyncIterableIterator<Payment>")]
    pub fn iter(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PaymentQuery | undefined")] query: JsValue,
    ) -> Result<JsValue, JsValue> {
        let q = payment_query(query)?;
        Ok(PageIterator::wrap(self.c.payments().iter(q), &self.abort))
    }
}

/// A server action the provider is carrying out (a restart, a reinstall, a new password, ...),
/// as the call that started it returns it: `await action.wait()` ends when its entry in the
/// server history has completed.
#[wasm_bindgen(js_name = ServerAction)]
pub struct JsServerAction {
    inner: psb::ServerAction,
    abort: Option<Abort>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct WaitOptions {
    timeout: Option<f64>,
}

#[wasm_bindgen(js_class = ServerAction)]
impl JsServerAction {
    /// The order whose server the action runs on.
    #[wasm_bindgen(getter, js_name = orderId)]
    pub fn order_id(&self) -> f64 {
        self.inner.order_id() as f64
    }

    /// The action's name in the server history (`host_restart`, `change_password`, ...).
    #[wasm_bindgen(getter)]
    pub fn action(&self) -> String {
        self.inner.action().to_owned()
    }

    /// The provider's acknowledgement.
    #[wasm_bindgen(getter)]
    pub fn message(&self) -> String {
        self.inner.message().to_owned()
    }

    /// The action's history entry once it has completed; rejects with a `Server` error if it
    /// failed, a `Timeout` (naming the last state seen) after `timeout` milliseconds (default
    /// 300 000).
    #[wasm_bindgen(unchecked_return_type = "Promise<ServerHistoryEntry>")]
    pub fn wait(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ timeout?: number } | undefined")] options: JsValue,
    ) -> Promise {
        let options: WaitOptions = if options.is_undefined() {
            WaitOptions::default()
        } else {
            match from_js("wait options", options) {
                Ok(o) => o,
                Err(e) => return rejected(e),
            }
        };
        let ms = options.timeout.unwrap_or(300_000.0);
        if !(ms.is_finite() && ms >= 0.0) {
            return rejected(invalid("timeout must be a number of milliseconds"));
        }
        let Ok(timeout) = Duration::try_from_secs_f64(ms / 1000.0) else {
            return rejected(invalid("timeout is too large"));
        };
        let action = self.inner.clone();
        promise(&self.abort, async move { action.wait(timeout).await })
    }

    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("ServerAction({} on order {})", self.inner.action(), self.inner.order_id())
    }
}

/// Runs a call that starts a server action; the promise resolves with its handle.
fn action_promise<F>(abort: &Option<Abort>, call: F) -> Promise
where
    F: Future<Output = psb::Result<psb::ServerAction>> + 'static,
{
    let keep = abort.clone();
    settle(
        abort,
        Box::pin(async move {
            match call.await {
                Ok(inner) => Ok(JsServerAction { inner, abort: keep }.into()),
                Err(e) => Err(error(e)),
            }
        }),
    )
}

/// The server behind an order: power, access, network.
#[wasm_bindgen]
pub struct ServersApi {
    c: psb::Client,
    abort: Option<Abort>,
}

#[wasm_bindgen]
impl ServersApi {
    /// `POST /order/{id}/server/start`: starts `host_start`; `await action.wait()` until it is over.
    #[wasm_bindgen(unchecked_return_type = "Promise<ServerAction>")]
    pub fn start(&self, order_id: f64) -> Promise {
        by_id!(self, "orderId", order_id, action | c, id | c.servers().start(id))
    }

    /// `POST /order/{id}/server/stop`: starts `host_stop`.
    #[wasm_bindgen(unchecked_return_type = "Promise<ServerAction>")]
    pub fn stop(&self, order_id: f64) -> Promise {
        by_id!(self, "orderId", order_id, action | c, id | c.servers().stop(id))
    }

    /// `POST /order/{id}/server/restart`: starts `host_restart`.
    #[wasm_bindgen(unchecked_return_type = "Promise<ServerAction>")]
    pub fn restart(&self, order_id: f64) -> Promise {
        by_id!(self, "orderId", order_id, action | c, id | c.servers().restart(id))
    }

    /// `GET /order/{id}/server/history`: newest first.
    #[wasm_bindgen(unchecked_return_type = "Promise<ServerHistoryEntry[]>")]
    pub fn history(&self, order_id: f64) -> Promise {
        by_id!(self, "orderId", order_id, |c, id| c.servers().history(id))
    }

    /// `GET /order/{id}/server/ip-addresses`.
    #[wasm_bindgen(js_name = ipAddresses, unchecked_return_type = "Promise<ServerIpAddress[]>")]
    pub fn ip_addresses(&self, order_id: f64) -> Promise {
        by_id!(self, "orderId", order_id, |c, id| c.servers().ip_addresses(id))
    }

    /// `POST /order/{id}/server/ip-addresses`: a PTR record for one of the order's IPs.
    #[wasm_bindgen(js_name = addPtr, unchecked_return_type = "Promise<ServerIpAddress>")]
    pub fn add_ptr(&self, order_id: f64, ip: String, domain: String) -> Promise {
        by_id!(self, "orderId", order_id, |c, id| c.servers().add_ptr(id, &ip, &domain))
    }

    /// `PUT /order/{id}/server/ip-addresses`: changes a PTR record.
    #[wasm_bindgen(js_name = updatePtr, unchecked_return_type = "Promise<ServerIpAddress>")]
    pub fn update_ptr(&self, order_id: f64, ip: String, domain: String) -> Promise {
        by_id!(self, "orderId", order_id, |c, id| c.servers().update_ptr(id, &ip, &domain))
    }

    /// `PUT /order/{id}/server/change_password`: starts `change_password`.
    #[wasm_bindgen(js_name = changePassword, unchecked_return_type = "Promise<ServerAction>")]
    pub fn change_password(&self, order_id: f64, password: String) -> Promise {
        by_id!(self, "orderId", order_id, action | c, id | c.servers().change_password(id, password))
    }

    /// `PUT /order/{id}/server/change_port`: 1 to 65535; starts `change_port`.
    #[wasm_bindgen(js_name = changePort, unchecked_return_type = "Promise<ServerAction>")]
    pub fn change_port(&self, order_id: f64, port: f64) -> Promise {
        let port = match self::id("port", port) {
            // Out of u32's range stays out of range for the SDK's check.
            Ok(p) => p.clamp(0, i64::from(u32::MAX)) as u32,
            Err(e) => return rejected(e),
        };
        by_id!(self, "orderId", order_id, action | c, id | c.servers().change_port(id, port))
    }

    /// `PUT /order/{id}/server/change_operative_system`: reinstalls; the disk is wiped. Starts
    /// `host_reinstall`.
    #[wasm_bindgen(unchecked_return_type = "Promise<ServerAction>")]
    pub fn reinstall(&self, order_id: f64, os_id: f64) -> Promise {
        let os_id = match self::id("osId", os_id) {
            Ok(o) => o,
            Err(e) => return rejected(e),
        };
        by_id!(self, "orderId", order_id, action | c, id | c.servers().reinstall(id, os_id))
    }

    /// `POST /order/{id}/server/assign_ipv6`.
    #[wasm_bindgen(js_name = assignIpv6, unchecked_return_type = "Promise<ServerIpAddress>")]
    pub fn assign_ipv6(&self, order_id: f64) -> Promise {
        by_id!(self, "orderId", order_id, |c, id| c.servers().assign_ipv6(id))
    }

    /// Polls the order until its server reaches `status`; a Timeout `PsbError` after
    /// `timeoutMs`.
    #[wasm_bindgen(js_name = waitForStatus, unchecked_return_type = "Promise<OrderDetail>")]
    pub fn wait_for_status(
        &self,
        order_id: f64,
        #[wasm_bindgen(unchecked_param_type = "ServerStatus")] status: String,
        timeout_ms: f64,
    ) -> Promise {
        if !(timeout_ms.is_finite() && timeout_ms >= 0.0) {
            return rejected(invalid("timeoutMs must be a number of milliseconds"));
        }
        let status = ServerStatus::parse(&status);
        let Ok(timeout) = Duration::try_from_secs_f64(timeout_ms / 1000.0) else {
            return rejected(invalid("timeoutMs is too large"));
        };
        by_id!(self, "orderId", order_id, |c, id| c.servers().wait_for_status(id, status, timeout))
    }
}

/// Support tickets.
#[wasm_bindgen]
pub struct TicketsApi {
    c: psb::Client,
    abort: Option<Abort>,
}

/// A new ticket's text fields (the attachments are read from the JS object apart).
#[derive(Deserialize)]
struct TicketFields {
    title: String,
    department: Department,
    message: String,
    #[serde(default)]
    order_ids: Vec<i64>,
}

#[wasm_bindgen]
impl TicketsApi {
    /// `GET /tickets`: one page (`pageSize` 1 to 10).
    #[wasm_bindgen(unchecked_return_type = "Promise<TicketPage>")]
    pub fn list(&self, page: Option<u32>, page_size: Option<u32>) -> Promise {
        let c = self.c.clone();
        promise(&self.abort, async move { c.tickets().list(page, page_size).await })
    }

    /// Every ticket, page after page (`for await`).
    #[wasm_bindgen(unchecked_return_type = "AsyncIterableIterator<Ticket>")]
    pub fn iter(&self, page_size: Option<u32>) -> JsValue {
        PageIterator::wrap(self.c.tickets().iter(page_size), &self.abort)
    }

    /// `GET /tickets/{id}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Ticket>")]
    pub fn get(&self, id: f64) -> Promise {
        by_id!(self, "id", id, |c, id| c.tickets().get(id))
    }

    /// `PUT /tickets/{id}/close`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Ticket>")]
    pub fn close(&self, id: f64) -> Promise {
        by_id!(self, "id", id, |c, id| c.tickets().close(id))
    }

    /// `POST /tickets`: attachments may be `File`s or `{ file_name, content }`. Never retried
    /// once sent.
    #[wasm_bindgen(unchecked_return_type = "Promise<Ticket>")]
    pub fn create(&self, #[wasm_bindgen(unchecked_param_type = "NewTicketInput")] ticket: JsValue) -> Promise {
        let c = self.c.clone();
        settle(
            &self.abort,
            Box::pin(async move {
                let attachments = uploads(prop(&ticket, "attachments")).await?;
                let f: TicketFields = from_js("ticket", ticket)?;
                let ticket = psb::NewTicket {
                    title: f.title,
                    department: f.department,
                    message: f.message,
                    order_ids: f.order_ids,
                    attachments,
                };
                to_js(&c.tickets().create(&ticket).await.map_err(error)?)
            }),
        )
    }
}

/// The chats of tickets.
#[wasm_bindgen]
pub struct ChatsApi {
    c: psb::Client,
    abort: Option<Abort>,
}

#[wasm_bindgen]
impl ChatsApi {
    /// `GET /chats/{id}/messages`: up to `limit` (1 to 100, default 50) from `offset`.
    #[wasm_bindgen(unchecked_return_type = "Promise<ChatMessage[]>")]
    pub fn messages(&self, chat_id: f64, limit: Option<u32>, offset: Option<u32>) -> Promise {
        by_id!(self, "chatId", chat_id, |c, id| c.chats().messages(id, limit, offset))
    }

    /// Every message of the chat, oldest first (`for await`).
    #[wasm_bindgen(js_name = iterMessages, unchecked_return_type = "AsyncIterableIterator<ChatMessage>")]
    pub fn iter_messages(&self, chat_id: f64) -> Result<JsValue, JsValue> {
        Ok(PageIterator::wrap(self.c.chats().iter_messages(id("chatId", chat_id)?), &self.abort))
    }

    /// `POST /chats/{id}/messages`: text, files, or both. Never retried once sent.
    #[wasm_bindgen(unchecked_return_type = "Promise<ChatMessage>")]
    pub fn send(
        &self,
        chat_id: f64,
        text: Option<String>,
        #[wasm_bindgen(unchecked_param_type = "UploadInput[] | undefined")] attachments: JsValue,
    ) -> Promise {
        let c = self.c.clone();
        let chat_id = match id("chatId", chat_id) {
            Ok(i) => i,
            Err(e) => return rejected(e),
        };
        settle(
            &self.abort,
            Box::pin(async move {
                let files = uploads(attachments).await?;
                to_js(&c.chats().send(chat_id, text.as_deref(), &files).await.map_err(error)?)
            }),
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Page iterators

type JsStream = Pin<Box<dyn Stream<Item = Result<JsValue, JsValue>>>>;

/// An async iterator over one of the SDK's page streams (`for await (const p of
/// client.payments.iter())`). Pages are fetched as the loop asks for items.
#[wasm_bindgen]
pub struct PageIterator {
    stream: Rc<RefCell<Option<JsStream>>>,
    abort: Option<Abort>,
}

impl PageIterator {
    fn wrap<T: Serialize + 'static>(stream: psb::PageStream<T>, abort: &Option<Abort>) -> JsValue {
        let stream: JsStream = Box::pin(stream.map(|item| match item {
            Ok(v) => to_js(&v),
            Err(e) => Err(error(e)),
        }));
        async_iterable(PageIterator { stream: Rc::new(RefCell::new(Some(stream))), abort: abort.clone() }.into())
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
        let slot = self.stream.clone();
        // An abort drops the page being fetched, and the walk with it.
        settle(
            &self.abort,
            Box::pin(async move {
                // Taken out while a page is fetched: the RefCell is never borrowed across an await.
                let Some(mut stream) = slot.borrow_mut().take() else {
                    return Ok(iter_result(true, &JsValue::UNDEFINED));
                };
                match stream.next().await {
                    Some(Ok(v)) => {
                        *slot.borrow_mut() = Some(stream);
                        Ok(iter_result(false, &v))
                    }
                    // An error ends the walk.
                    Some(Err(e)) => Err(e),
                    None => Ok(iter_result(true, &JsValue::UNDEFINED)),
                }
            }),
        )
    }

    /// Stops the walk (`break` out of `for await`).
    #[wasm_bindgen(js_name = "return", unchecked_return_type = "Promise<IteratorResult<unknown>>")]
    pub fn finish(&self) -> Promise {
        self.stream.borrow_mut().take();
        Promise::resolve(&iter_result(true, &JsValue::UNDEFINED))
    }
}
