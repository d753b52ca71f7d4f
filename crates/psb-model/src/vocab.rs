//! The API's vocabularies. The server speaks Russian; these enums give each value an English
//! name, keep the raw value ([`OrderStatus::as_str`]), and keep any value they do not know in
//! `Unknown(raw)`, so decoding never fails on a value the provider adds later.

#[cfg(feature = "english-names")]
thread_local! {
    static ENGLISH: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Serializes the vocabularies inside `f` by their English names instead of the server's
/// spelling. For what goes to a caller (the JS binding, the CLI's output): the wire always gets the
/// server's spelling, since nothing else turns this on.
#[cfg(feature = "english-names")]
pub fn with_english_names<R>(f: impl FnOnce() -> R) -> R {
    crate::scoped::with_set(&ENGLISH, true, f)
}

#[cfg(feature = "english-names")]
fn english_names_on() -> bool {
    ENGLISH.with(|e| e.get())
}

#[cfg(not(feature = "english-names"))]
#[inline(always)]
fn english_names_on() -> bool {
    false
}

macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $raw:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* #[doc = $raw] $variant, )+
            /// A value this version does not know yet, as the server sent it.
            Unknown(String),
        }

        impl $name {
            /// Every known value, in the provider's order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The value as the server spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $raw, )+
                    $name::Unknown(raw) => raw,
                }
            }

            /// The English name (`Unknown` values give their raw spelling).
            pub fn name(&self) -> &str {
                match self {
                    $( $name::$variant => stringify!($variant), )+
                    $name::Unknown(raw) => raw,
                }
            }

            /// From the server's spelling, or (case-insensitively) the English name.
            pub fn parse(s: &str) -> Self {
                match s {
                    $( $raw => $name::$variant, )+
                    other => {
                        $( if other.eq_ignore_ascii_case(stringify!($variant)) { return $name::$variant; } )+
                        $name::Unknown(other.to_owned())
                    }
                }
            }

            pub fn is_unknown(&self) -> bool {
                matches!(self, $name::Unknown(_))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::parse(s))
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                if english_names_on() {
                    s.serialize_str(self.name())
                } else {
                    s.serialize_str(self.as_str())
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> de::Visitor<'de> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " string"))
                    }
                    // Borrowed: a known value decodes without allocating. The English name is
                    // taken too (what a binding hands back), case-insensitively.
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$name, E> {
                        Ok(match v {
                            $( $raw => $name::$variant, )+
                            other => $name::parse(other),
                        })
                    }
                }
                d.deserialize_str(V)
            }
        }

        // Across uniffi a vocabulary value is a string: the English name of a known value, the
        // server's spelling of an unknown one; `parse` takes either back. (As a uniffi enum the
        // `Unknown(raw)` arm made every value a data-carrying variant, which Python can neither
        // compare to a constant nor type-check.)
        #[cfg(feature = "uniffi")]
        uniffi::custom_type!($name, String, {
            lower: |v| v.name().to_owned(),
            try_lift: |s| Ok($name::parse(&s)),
        });

        #[cfg(feature = "wasm")]
        const _: () = {
            #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
            const TS: &'static str = concat!(
                "/** By its English name (the server's Russian value is translated); a value this version does not know passes through as the server sent it. */\n",
                "export type ", stringify!($name), " = ", $( "\"", stringify!($variant), "\" | ", )+ "(string & {});\n",
                "/** As an argument: an English name or the server's own spelling (a misspelt one does not type-check). */\n",
                "export type ", stringify!($name), "Input = ", $( "\"", stringify!($variant), "\" | \"", $raw, "\" | ", )+ "never;\n"
            );
        };
    };
}

// The vocabularies themselves are generated from the spec (x-enum-varnames in spec/overlay.yaml).
mod known;
pub use known::*;

impl ProductType {
    /// Server products: they have an OS, a server history and power actions.
    pub fn is_server(&self) -> bool {
        matches!(self, ProductType::PsbVps | ProductType::HighCpuPsbVps | ProductType::Bulletproof)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_get_english_names_and_keep_their_spelling() {
        let s: ServerStatus = serde_json::from_str("\"Остановлена\"").unwrap();
        assert_eq!(s, ServerStatus::Stopped);
        assert_eq!(s.to_string(), "Stopped");
        assert_eq!(s.as_str(), "Остановлена");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"Остановлена\"");
    }

    #[test]
    fn unknown_values_decode_and_round_trip() {
        let s: OrderStatus = serde_json::from_str("\"Заморожен\"").unwrap();
        assert_eq!(s, OrderStatus::Unknown("Заморожен".into()));
        assert!(s.is_unknown());
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"Заморожен\"");
    }

    #[test]
    fn parse_takes_english_names_too() {
        assert_eq!(Department::parse("technical"), Department::Technical);
        assert_eq!(Department::parse("Отдел продаж"), Department::Sales);
    }

    #[test]
    fn english_names_decode_too() {
        let d: Department = serde_json::from_str("\"Technical\"").unwrap();
        assert_eq!(d, Department::Technical);
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"Технический отдел\"", "the wire gets the server's spelling");
    }

    #[test]
    fn a_non_string_is_a_decode_error() {
        assert!(serde_json::from_str::<TicketStatus>("5").is_err());
    }
}
