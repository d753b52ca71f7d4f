//! Multipart requests (a ticket's first message, a chat message), which progenitor cannot send:
//! the text fields come from the generated types, the file parts from `psb_api::multipart`.

#[cfg(not(target_arch = "wasm32"))]
use crate::error::ErrorKind;
use crate::error::{Error, Result};
#[cfg(not(target_arch = "wasm32"))]
use crate::transport::from_reqwest;
use crate::transport::Operation;
use crate::Client;
use psb_api::multipart::MultipartOperation;
use psb_api::ClientInfo;
use psb_model::Upload;
#[cfg(not(target_arch = "wasm32"))]
use reqwest::multipart::Form;
use reqwest::multipart::Part;
use serde::de::DeserializeOwned;
use serde::Serialize;

impl Client {
    /// Sends `fields` and `files` as multipart/form-data to `operation` (its `{id}` filled in),
    /// through the same retry loop as every other call.
    pub(crate) async fn send_multipart<F: Serialize, T: DeserializeOwned + 'static>(
        &self,
        ep: &'static Operation,
        operation: &MultipartOperation,
        id: Option<i64>,
        fields: &F,
        files: &[Upload],
    ) -> Result<T> {
        let text = text_fields(fields)?;
        let (file_field, _many) = operation
            .file_fields
            .first()
            .copied()
            .ok_or_else(|| Error::invalid_argument("operation takes no files"))?;
        let path = match id {
            Some(id) => operation.path.replace("{id}", &id.to_string()),
            None => operation.path.to_string(),
        };
        let url = format!("{}{}", self.inner.base_url, path);
        // The content types are checked once, before anything is sent.
        for f in files {
            Part::bytes(Vec::new()).mime_str(&f.content_type).map_err(|_| {
                Error::invalid_argument(format!("{:?} is not a content type (file {:?})", f.content_type, f.file_name))
            })?;
        }
        #[cfg(target_arch = "wasm32")]
        return self.send_form_by_fetch(ep, &url, text, file_field, files).await;
        #[cfg(not(target_arch = "wasm32"))]
        self.run(ep, || {
            let mut form = Form::new();
            for (k, v) in &text {
                form = form.text(k.clone(), v.clone());
            }
            for f in files {
                let part = Part::bytes(f.content.clone())
                    .file_name(f.file_name.clone())
                    .mime_str(&f.content_type)
                    .expect("the same check passed above");
                form = form.part(file_field, part);
            }
            // The same token, timeout and headers as every generated call.
            let request = self.inner.http.post(&url).multipart(form).build().map(|mut r| {
                self.inner.api.inner().apply(&mut r);
                r
            });
            let http = self.inner.http.clone();
            async move {
                let response = http.execute(request.map_err(from_reqwest)?).await.map_err(from_reqwest)?;
                let status = response.status().as_u16();
                if !(200..300).contains(&status) {
                    return Err(crate::transport::from_response(response).await);
                }
                let sent = response.url().clone();
                let id = crate::transport::request_id(response.headers());
                let body = response.bytes().await.map_err(|e| {
                    Error::new(ErrorKind::Connection, "the response broke off before its end")
                        .with_source(e)
                        .answered(status, id.clone())
                        .sent_to(&sent)
                })?;
                match serde_json::from_slice(&body) {
                    Ok(v) => Ok((status, v)),
                    Err(e) => Err(crate::transport::decode_failure(&body, e).answered(status, id).sent_to(&sent)),
                }
            }
        })
        .await
    }
}

#[cfg(target_arch = "wasm32")]
impl Client {
    /// In wasm, the form leaves through `fetch` as a `FormData` (fetch.rs), with the same token,
    /// timeout and headers as every generated call.
    async fn send_form_by_fetch<T: DeserializeOwned + 'static>(
        &self,
        ep: &'static Operation,
        url: &str,
        text: Vec<(String, String)>,
        file_field: &str,
        files: &[Upload],
    ) -> Result<T> {
        let url =
            reqwest::Url::parse(url).map_err(|e| Error::invalid_argument(format!("{url:?} is not a URL: {e}")))?;
        let mut request = reqwest::Request::new(reqwest::Method::POST, url);
        self.inner.api.inner().apply(&mut request);
        self.run(ep, || {
            let files = files
                .iter()
                .map(|f| (file_field.to_owned(), f.content.clone(), f.file_name.clone(), f.content_type.clone()))
                .collect();
            let body = crate::fetch::Body::Form(text.clone(), files);
            let request = &request;
            async move {
                let answer = self
                    .inner
                    .fetch
                    .send(&self.call, "POST", request.url(), request.headers(), body, request.timeout().copied())
                    .await?;
                crate::transport::decode(answer, |status| (200..300).contains(&status))
            }
        })
        .await
    }
}

/// The generated fields type as (name, text) pairs, the way a form carries them.
fn text_fields<F: Serialize>(fields: &F) -> Result<Vec<(String, String)>> {
    let value =
        serde_json::to_value(fields).map_err(|e| Error::invalid_argument(format!("cannot encode the form: {e}")))?;
    let serde_json::Value::Object(map) = value else {
        return Err(Error::invalid_argument("the form is not an object"));
    };
    Ok(map
        .into_iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| {
            (
                k,
                match v {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                },
            )
        })
        .collect())
}
