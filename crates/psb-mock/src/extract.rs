//! Request parsing the way the provider's FastAPI server does it: the token raw in
//! `Authorization`, integer path ids, bounded query integers, and forms sent either as
//! multipart/form-data or as application/x-www-form-urlencoded. Every failure is an
//! [`ApiError`] in FastAPI's shape, never a panic.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Multipart, Path, RawQuery, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde_json::Value;

use crate::error::{ApiError, Issues, ValidationIssue};
use crate::shared::AppState;

/// The caller, from the token in `Authorization` (as-is, no scheme word).
#[derive(Clone, Copy, Debug)]
pub struct CurrentUser {
    pub id: i64,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .ok_or(ApiError::Unauthorized("Not authenticated"))?;
        let world = state.world();
        let user = world.user_by_token(token).ok_or(ApiError::Unauthorized("Invalid token"))?;
        Ok(CurrentUser { id: user.id })
    }
}

/// The `{id}` of a path, which must be an integer.
#[derive(Clone, Copy, Debug)]
pub struct PathId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::invalid(ValidationIssue::missing("path", "id")))?;
        parse_integer(&raw)
            .map(PathId)
            .ok_or_else(|| ApiError::invalid(ValidationIssue::not_an_integer("path", "id", &raw)))
    }
}

/// The query string as pairs; typed access through [`QueryParams::int`] and friends.
#[derive(Debug, Default)]
pub struct QueryParams(Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for QueryParams {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let RawQuery(raw) = RawQuery::from_request_parts(parts, state).await.unwrap_or(RawQuery(None));
        let pairs = serde_urlencoded::from_str(raw.as_deref().unwrap_or("")).map_err(|_| {
            ApiError::invalid(ValidationIssue::new("query", "", "value_error", "Malformed query string"))
        })?;
        Ok(QueryParams(pairs))
    }
}

impl QueryParams {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    /// An optional integer within `min..=max`, `default` when absent.
    pub fn int(&self, name: &str, default: i64, min: i64, max: Option<i64>, issues: &mut Issues) -> i64 {
        match self.get(name) {
            None => default,
            Some(raw) => checked_int("query", name, raw, min, max, issues).unwrap_or(default),
        }
    }

    /// An optional value from a fixed set, `default` when absent.
    pub fn choice<'a>(&self, name: &str, default: &'a str, allowed: &[&'a str], issues: &mut Issues) -> &'a str {
        match self.get(name) {
            None => default,
            Some(raw) => match allowed.iter().find(|a| **a == raw) {
                Some(found) => found,
                None => {
                    issues.push(enum_issue("query", name, raw, allowed));
                    default
                }
            },
        }
    }
}

fn enum_issue(location: &str, name: &str, raw: &str, allowed: &[&str]) -> ValidationIssue {
    let quoted: Vec<String> = allowed.iter().map(|a| format!("'{a}'")).collect();
    let listed = match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.join(""),
    };
    ValidationIssue::new(location, name, "enum", format!("Input should be {listed}")).with_input(raw)
}

/// An integer, as Python reads one: any number of digits. Beyond `i64` it saturates, which
/// keeps its meaning here: an id that large names nothing (404), a bounded value that large is
/// out of bounds (422), a page that far is empty.
pub fn parse_integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.parse::<i64>().unwrap_or(if text.starts_with('-') { i64::MIN } else { i64::MAX }))
}

/// Parses an integer and checks its bounds, reporting as pydantic does.
fn checked_int(location: &str, name: &str, raw: &str, min: i64, max: Option<i64>, issues: &mut Issues) -> Option<i64> {
    let Some(value) = parse_integer(raw.trim()) else {
        issues.push(ValidationIssue::not_an_integer(location, name, raw));
        return None;
    };
    if value < min {
        issues.push(
            ValidationIssue::new(
                location,
                name,
                "greater_than_equal",
                format!("Input should be greater than or equal to {min}"),
            )
            .with_input(raw),
        );
        return None;
    }
    if let Some(max) = max.filter(|max| value > *max) {
        issues.push(
            ValidationIssue::new(
                location,
                name,
                "less_than_equal",
                format!("Input should be less than or equal to {max}"),
            )
            .with_input(raw),
        );
        return None;
    }
    Some(value)
}

/// A file part of a multipart form.
#[derive(Clone, Debug)]
pub struct Upload {
    pub file_name: String,
    pub content_type: String,
    pub data: Bytes,
}

/// A form, from multipart/form-data or application/x-www-form-urlencoded alike. A body of any
/// other type reads as an empty form, so the required fields are reported missing, as FastAPI
/// does.
#[derive(Debug, Default)]
pub struct FormData {
    fields: Vec<(String, String)>,
    pub files: Vec<Upload>,
}

impl FromRequest<AppState> for FormData {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        let content_type = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        if content_type.starts_with("multipart/form-data") {
            read_multipart(request, state).await
        } else if content_type.starts_with("application/x-www-form-urlencoded") {
            let body = read_body(request, state).await?;
            let fields = serde_urlencoded::from_bytes(&body).map_err(|_| unparsable_body())?;
            Ok(FormData { fields, files: Vec::new() })
        } else {
            // Drain the body so that an oversized one is still refused with 413.
            read_body(request, state).await?;
            Ok(FormData::default())
        }
    }
}

/// Multipart through axum's parser; when that refuses a body over a detail it is strict about
/// and Python's parser is not (control characters in a part's name, say), a lenient parse of the
/// same bytes, so the sandbox accepts what the provider's FastAPI server accepts.
async fn read_multipart(request: Request, state: &AppState) -> Result<FormData, ApiError> {
    let (parts, body) = request.into_parts();
    let body = read_body(Request::from_parts(parts.clone(), body), state).await?;
    let strict = Request::from_parts(parts.clone(), axum::body::Body::from(body.clone()));
    match read_multipart_strictly(strict, state).await {
        Ok(form) => Ok(form),
        Err(error @ ApiError::PayloadTooLarge) => Err(error),
        Err(error) => {
            let boundary = parts.headers.get(CONTENT_TYPE).and_then(|value| value.to_str().ok()).and_then(boundary_of);
            boundary.and_then(|boundary| parse_multipart_leniently(&body, &boundary)).ok_or(error)
        }
    }
}

async fn read_multipart_strictly(request: Request, state: &AppState) -> Result<FormData, ApiError> {
    let mut multipart = Multipart::from_request(request, state).await.map_err(|_| unparsable_body())?;
    let mut form = FormData::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => return Err(multipart_error(error.status())),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().unwrap_or("application/octet-stream").to_owned();
        let data = field.bytes().await.map_err(|error| multipart_error(error.status()))?;
        form.push_part(name, file_name, content_type, data);
    }
    Ok(form)
}

/// The `boundary` parameter of a multipart content type, unquoted.
fn boundary_of(content_type: &str) -> Option<String> {
    content_type.split(';').map(str::trim).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim().eq_ignore_ascii_case("boundary").then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// A forgiving multipart parser over a whole body: parts between `--boundary` lines, headers up
/// to the first blank line, names and file names read leniently. `None` unless the body ends
/// with the closing delimiter, so truncated bodies are still refused.
fn parse_multipart_leniently(body: &[u8], boundary: &str) -> Option<FormData> {
    let delimiter = format!("--{boundary}");
    let mut form = FormData::default();
    let mut rest = &body[find(body, delimiter.as_bytes())? + delimiter.len()..];
    loop {
        if rest.starts_with(b"--") {
            return Some(form);
        }
        let end = find(rest, format!("\r\n{delimiter}").as_bytes())?;
        let part = rest[..end].strip_prefix(b"\r\n")?;
        rest = &rest[end + 2 + delimiter.len()..];
        let split = find(part, b"\r\n\r\n")?;
        let (head, data) = (String::from_utf8_lossy(&part[..split]).into_owned(), &part[split + 4..]);
        let mut name = String::new();
        let mut file_name = None;
        let mut content_type = "application/octet-stream".to_owned();
        for line in head.split("\r\n") {
            let Some((header, value)) = line.split_once(':') else { continue };
            if header.trim().eq_ignore_ascii_case("content-disposition") {
                name = disposition_param(value, "name").unwrap_or_default();
                file_name = disposition_param(value, "filename");
            } else if header.trim().eq_ignore_ascii_case("content-type") {
                content_type = value.trim().to_owned();
            }
        }
        form.push_part(name, file_name, content_type, Bytes::copy_from_slice(data));
    }
}

/// `name="..."` (or `filename="..."`) of a Content-Disposition value.
fn disposition_param(value: &str, param: &str) -> Option<String> {
    value.split(';').map(str::trim).find_map(|item| {
        let (key, raw) = item.split_once('=')?;
        (key.trim() == param).then(|| raw.trim().trim_matches('"').to_owned())
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

fn multipart_error(status: StatusCode) -> ApiError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge
    } else {
        unparsable_body()
    }
}

fn unparsable_body() -> ApiError {
    ApiError::invalid(ValidationIssue::new("body", "", "value_error", "There was an error parsing the body"))
}

/// The whole body as bytes, an oversized one refused with FastAPI's JSON 413 (axum's own
/// `Bytes` extractor answers in plain text): the control API's bodies.
pub struct RawBody(pub Bytes);

impl FromRequest<AppState> for RawBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        read_body(request, state).await.map(RawBody)
    }
}

/// The whole body, within the 10 MB limit.
pub async fn read_body(request: Request, state: &AppState) -> Result<Bytes, ApiError> {
    Bytes::from_request(request, state).await.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge
        } else {
            unparsable_body()
        }
    })
}

impl FormData {
    /// A text field (kept even if it is not UTF-8, lossily, as unknown fields are ignored and
    /// known ones are checked by value) or a file.
    fn push_part(&mut self, name: String, file_name: Option<String>, content_type: String, data: Bytes) {
        match file_name {
            Some(file_name) => self.files.push(Upload { file_name, content_type, data }),
            None => self.fields.push((name, String::from_utf8_lossy(&data).into_owned())),
        }
    }

    /// A field's value; FastAPI treats an empty form value as absent, and of a field sent twice
    /// reads the last (Starlette's `FormData.get`).
    pub fn text(&self, name: &str) -> Option<&str> {
        self.fields.iter().rev().find(|(key, _)| key == name).map(|(_, value)| value.as_str()).filter(|v| !v.is_empty())
    }

    pub fn required_text(&self, name: &str, issues: &mut Issues) -> Option<String> {
        let value = self.text(name).map(str::to_owned);
        if value.is_none() {
            issues.push(ValidationIssue::missing("body", name));
        }
        value
    }

    pub fn optional_int(&self, name: &str, min: i64, max: Option<i64>, issues: &mut Issues) -> Option<i64> {
        self.text(name).and_then(|raw| checked_int("body", name, raw, min, max, issues))
    }

    pub fn required_int(&self, name: &str, min: i64, max: Option<i64>, issues: &mut Issues) -> Option<i64> {
        match self.text(name) {
            Some(raw) => checked_int("body", name, raw, min, max, issues),
            None => {
                issues.push(ValidationIssue::missing("body", name));
                None
            }
        }
    }

    /// `files` must hold uploads: a plain text value there is refused, as FastAPI refuses a
    /// string where it expects an `UploadFile`.
    pub fn check_files_are_uploads(&self, issues: &mut Issues) {
        for (index, _) in self.fields.iter().filter(|(key, value)| key == "files" && !value.is_empty()).enumerate() {
            let issue =
                ValidationIssue::new("body", "files", "value_error", "Expected UploadFile, received: <class 'str'>");
            issues.push(ValidationIssue { loc: [issue.loc.clone(), vec![Value::from(index)]].concat(), ..issue });
        }
    }

    /// A field restricted to a fixed set of strings.
    pub fn required_choice<'a>(&self, name: &str, allowed: &[&'a str], issues: &mut Issues) -> Option<&'a str> {
        let raw = self.required_text(name, issues)?;
        let found = allowed.iter().find(|a| **a == raw).copied();
        if found.is_none() {
            issues.push(enum_issue("body", name, &raw, allowed));
        }
        found
    }
}

/// A JSON body (early termination takes one), reported as pydantic reports JSON errors.
/// FastAPI parses JSON only without a content type or for `application/json` and `+json`;
/// anything else reaches the model as bytes, which are not an object.
pub struct JsonBody(pub Value);

impl FromRequest<AppState> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        let content_type = request.headers().get(CONTENT_TYPE).map(|v| v.to_str().unwrap_or("?").to_ascii_lowercase());
        let is_json = content_type.as_deref().is_none_or(|ct| {
            let essence = ct.split(';').next().unwrap_or("").trim();
            essence.strip_prefix("application/").is_some_and(|sub| sub == "json" || sub.ends_with("+json"))
        });
        let body = read_body(request, state).await?;
        if !is_json {
            return Err(ApiError::Validation(vec![ValidationIssue {
                loc: vec![Value::from("body")],
                msg: "Input should be a valid dictionary or object to extract fields from".into(),
                kind: "model_attributes_type".into(),
                input: Some(Value::from(String::from_utf8_lossy(&body).into_owned())),
            }]));
        }
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(ApiError::invalid(ValidationIssue::missing("body", "")));
        }
        serde_json::from_slice(&body).map(JsonBody).map_err(|error| {
            ApiError::Validation(vec![ValidationIssue {
                loc: vec![Value::from("body"), Value::from(error.column())],
                msg: "JSON decode error".into(),
                kind: "json_invalid".into(),
                input: None,
            }])
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_beyond_i64_saturate_and_others_are_refused() {
        assert_eq!(parse_integer("25284"), Some(25284));
        assert_eq!(parse_integer("-7"), Some(-7));
        assert_eq!(parse_integer("+7"), Some(7));
        assert_eq!(parse_integer("99999999999999999999999"), Some(i64::MAX));
        assert_eq!(parse_integer("-99999999999999999999999"), Some(i64::MIN));
        for bad in ["", "-", "1.5", "1e3", "abc", " 1", "0x10"] {
            assert_eq!(parse_integer(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_lenient_multipart_parser_reads_odd_names_and_refuses_truncation() {
        let body = b"--XY\r\nContent-Disposition: form-data; name=\"\x02odd\"\r\n\r\nvalue\r\n\
--XY\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n\
--XY--\r\n";
        let form = parse_multipart_leniently(body, "XY").expect("parses");
        assert_eq!(form.text("\x02odd"), Some("value"));
        assert_eq!(form.files.len(), 1);
        assert_eq!(form.files[0].file_name, "a.txt");
        assert_eq!(form.files[0].content_type, "text/plain");
        assert_eq!(&form.files[0].data[..], b"hello");
        assert!(parse_multipart_leniently(b"--XY\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhalf", "XY")
            .is_none());
        assert_eq!(boundary_of("multipart/form-data; boundary=\"XY\""), Some("XY".into()));
    }
}
