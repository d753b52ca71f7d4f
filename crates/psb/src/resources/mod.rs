//! The resources of spec/SURFACE.md. `generated.rs` (from the operation table) declares them,
//! with every method the spec describes completely; a module per resource adds the methods
//! with behaviour of their own (the overlay's `x-psb.hand` says which, and why). A method
//! checks its arguments, names its operation and builds the generated call;
//! `crate::transport` sends it.

mod chats;
mod generated;
mod orders;
mod payments;
mod products;
mod servers;
mod tickets;
mod upload;

pub use generated::*;
pub use servers::ServerAction;

use crate::error::{Error, Result};

/// The spec's `minimum` and `maximum` of an argument, or an InvalidArgument naming it.
pub(crate) fn check_bounds(name: &str, value: i64, min: Option<i64>, max: Option<i64>) -> Result<()> {
    let why = match (min, max) {
        (Some(lo), Some(hi)) if value < lo || value > hi => format!("between {lo} and {hi}"),
        (Some(lo), None) if value < lo => format!("at least {lo}"),
        (None, Some(hi)) if value > hi => format!("at most {hi}"),
        _ => return Ok(()),
    };
    Err(Error::invalid_argument(format!("{name} must be {why}, not {value}")))
}

/// A vocabulary value given as an argument must be one this version knows: an unknown one
/// (a typo such as "Actve") would match nothing, and a wait for it would wait out its timeout.
pub(crate) fn check_known(name: &str, raw: &str, unknown: bool, known: &[String]) -> Result<()> {
    if unknown {
        return Err(Error::invalid_argument(format!("{name} {raw:?} is none of {}", known.join(", "))));
    }
    Ok(())
}

/// A value already checked to be at least 1, as the generated client's type for it.
pub(crate) fn positive(value: i64) -> std::num::NonZeroU64 {
    u64::try_from(value).ok().and_then(std::num::NonZeroU64::new).expect("checked against the spec's minimum")
}

/// A value already checked to be at least 0, as the generated client's type for it.
pub(crate) fn unsigned(value: i64) -> u64 {
    u64::try_from(value).expect("checked against the spec's minimum")
}

pub(crate) fn check_not_empty(name: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid_argument(format!("{name} must not be empty")));
    }
    Ok(())
}

/// A host name as the API's PTR records take it (the spec's `pattern` and `maxLength` on
/// `domain`): dot-separated labels of 1–63 letters, digits and hyphens, no hyphen at either end
/// of a label, an optional final dot, 254 characters at most. Checked here rather than by a
/// regex in the generated types: the same rule in linear time, without a regex engine in every
/// build (regress was a quarter of the npm package, and backtracks exponentially on near-miss
/// names). The tests below hold it to the spec's regex.
pub(crate) fn check_hostname(name: &str, value: &str) -> Result<()> {
    let labels = value.strip_suffix('.').unwrap_or(value);
    let label_ok = |l: &str| {
        let b = l.as_bytes();
        (1..=63).contains(&b.len())
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
            && b[0] != b'-'
            && b[b.len() - 1] != b'-'
    };
    if value.len() > 254 || !labels.split('.').all(label_ok) {
        return Err(Error::invalid_argument(format!(
            "{name} must be a host name (labels of letters, digits and inner hyphens, separated by dots), not {value:?}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// The spec's own rule for PTR domains: its regex (the regex crate; regress, the engine
    /// typify uses, backtracks for minutes on near misses) and its maxLength, read once.
    fn spec(s: &str) -> bool {
        static RULE: std::sync::LazyLock<(regex::Regex, usize)> = std::sync::LazyLock::new(|| {
            let spec: serde_json::Value = serde_json::from_str(include_str!("../../../../spec/openapi.json")).unwrap();
            let domain = &spec["components"]["schemas"]["ServerAddPtrRecordToIpRequest"]["properties"]["domain"];
            let re = regex::Regex::new(domain["pattern"].as_str().expect("domain has a pattern")).unwrap();
            (re, domain["maxLength"].as_u64().unwrap() as usize)
        });
        let (re, max) = &*RULE;
        s.chars().count() <= *max && !s.is_empty() && re.is_match(s)
    }

    fn ours(s: &str) -> bool {
        super::check_hostname("domain", s).is_ok()
    }

    #[test]
    fn hostname_examples() {
        for s in [
            "example.com",
            "a",
            "a.",
            "x-1.example.org",
            "1.2.3.4",
            &"a".repeat(63),
            &format!("{}.com", "a".repeat(63)),
        ] {
            assert!(ours(s) && spec(s), "{s}");
        }
        for s in
            ["", ".", "-a.com", "a-.com", "a..b", "not a host!", "пример.рф", &"a".repeat(64), &["a"; 128].join(".")]
        {
            assert!(!ours(s) && !spec(s), "{s}");
        }
    }

    proptest! {
        #[test]
        fn hostname_check_is_the_spec_regex(s in "[a-z0-9.\\- !é]{0,70}|([a-z0-9-]{0,64}\\.){0,4}[a-z0-9-]{0,64}\\.?") {
            prop_assert_eq!(ours(&s), spec(&s), "{:?}", s);
        }
    }
}
