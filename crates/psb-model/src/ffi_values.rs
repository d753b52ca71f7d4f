//! Serializing a value as the uniffi binding hands it to Python: the values uniffi's own lowering
//! gives (vocabularies by English name, amounts as exact decimal text, timestamps as Unix
//! milliseconds, a union by its variant), written by `bindings/uniffi/src/rows.rs` as JSON. Off
//! everywhere else: the wire and the CLI keep the API's shape.

#[cfg(feature = "uniffi")]
thread_local! {
    static ON: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Serializes inside `f` with uniffi's values instead of the API's.
#[cfg(feature = "uniffi")]
pub fn with_ffi_values<R>(f: impl FnOnce() -> R) -> R {
    crate::scoped::with_set(&ON, true, || crate::vocab::with_english_names(f))
}

#[cfg(feature = "uniffi")]
pub(crate) fn on() -> bool {
    ON.with(std::cell::Cell::get)
}

#[cfg(not(feature = "uniffi"))]
#[inline(always)]
pub(crate) fn on() -> bool {
    false
}
