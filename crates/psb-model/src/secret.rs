//! Secrets (the API token, server passwords): values that never show in `Debug` or `Display`,
//! so they cannot leak through logs, panics or error messages.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A secret string. `{:?}` and `{}` print `***`; [`Secret::expose`] gives the value to the code
/// that must send or show it on purpose. It serializes as its value: serializing is a deliberate
/// act (a CLI's `--output json`, a binding handing it to its caller), logging is not.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret(s)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret(s.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[cfg(feature = "english-names")]
        if marking::on() {
            use serde::ser::SerializeMap;
            marking::seen();
            let mut map = s.serialize_map(Some(1))?;
            map.serialize_entry(marking::KEY, &self.0)?;
            return map.end();
        }
        s.serialize_str(&self.0)
    }
}

/// Serializes the secrets inside `f` as `{"$psb_secret": value}`, so that the JS binding can
/// turn each into a JS `Secret` that prints `***`; also says whether there was one (the JS side
/// then walks the parsed value, which it spares every answer without a secret).
#[cfg(feature = "english-names")]
pub fn with_marked_secrets<R>(f: impl FnOnce() -> R) -> (R, bool) {
    crate::scoped::with_set(&marking::STATE, (true, false), || {
        let result = f();
        (result, marking::STATE.with(|m| m.get().1))
    })
}

#[cfg(feature = "english-names")]
mod marking {
    pub const KEY: &str = "$psb_secret";
    thread_local! {
        /// (marking on, a secret seen)
        pub static STATE: std::cell::Cell<(bool, bool)> = const { std::cell::Cell::new((false, false)) };
    }
    pub fn on() -> bool {
        STATE.with(|m| m.get().0)
    }
    pub fn seen() {
        STATE.with(|m| m.set((true, true)));
    }
}

/// A string, or a number the API sent bare; an error never quotes the value it saw.
impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Secret;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a secret (a string)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Secret, E> {
                Ok(Secret(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Secret, E> {
                Ok(Secret(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Secret, E> {
                Ok(Secret(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Secret, E> {
                Ok(Secret(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Secret, E> {
                Err(E::custom("a secret of an unexpected type (a fractional number)"))
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Secret, E> {
                Err(E::custom("a secret of an unexpected type (a boolean)"))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(feature = "uniffi")]
uniffi::custom_type!(Secret, String, {
    lower: |s| s.0,
    try_lift: |s| Ok(Secret(s)),
});

#[cfg(feature = "wasm")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_SECRET: &'static str = "/** A secret (a server password): `String(s)`, `console.log`, `util.inspect` and \
    `JSON.stringify` show `***`; `expose()` gives the value, on purpose. */\n\
    export interface Secret {\n  expose(): string;\n  toString(): '***';\n  toJSON(): '***';\n}\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "english-names")]
    #[test]
    fn marked_secrets_serialize_as_a_marker_and_are_reported() {
        let (json, seen) = with_marked_secrets(|| serde_json::to_string(&vec![Secret::new("p")]).unwrap());
        assert_eq!((json.as_str(), seen), (r#"[{"$psb_secret":"p"}]"#, true));
        let (json, seen) = with_marked_secrets(|| serde_json::to_string(&5).unwrap());
        assert_eq!((json.as_str(), seen), ("5", false));
        assert_eq!(serde_json::to_string(&Secret::new("p")).unwrap(), r#""p""#, "marking ends with the scope");
    }

    #[test]
    fn never_prints() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?} {s}"), "*** ***");
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Holder {
            password: Secret,
        }
        assert!(!format!("{:?}", Holder { password: s.clone() }).contains("hunter2"));
        assert_eq!(s.expose(), "hunter2");
    }

    #[test]
    fn a_numeric_secret_decodes_and_errors_never_quote_it() {
        let s: Secret = serde_json::from_str("12345678").unwrap();
        assert_eq!(s.expose(), "12345678");
        let e = serde_json::from_str::<Secret>("true").unwrap_err().to_string();
        assert!(!e.contains("true") || e.contains("boolean"), "{e}");
        let e = serde_json::from_str::<Secret>("[\"hunter2\"]").unwrap_err().to_string();
        assert!(!e.contains("hunter2"), "{e}");
    }
}
