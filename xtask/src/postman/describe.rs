//! Descriptions: HTML to plain text, and the typing hints that Postman authors write in prose
//! ("Required, integer", "Max value - 10", "Available values: 1 - By balance, 3 - Lava").

use regex::Regex;
use serde_json::{json, Map, Value};
use std::sync::LazyLock;

/// Postman descriptions are either a string or `{content, type}`; published exports hold HTML.
pub fn description_text(v: Option<&Value>) -> Option<String> {
    let raw = match v? {
        Value::String(s) => s.as_str(),
        Value::Object(o) => o.get("content")?.as_str()?,
        _ => return None,
    };
    let text = html_to_text(raw);
    (!text.is_empty()).then_some(text)
}

static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<[^>]*>").unwrap());
static BLOCK_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)</(p|div|li|h[1-6]|tr)>|<br\s*/?>").unwrap());
static BLANKS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\n[ \t]*\n+").unwrap());

pub fn html_to_text(s: &str) -> String {
    if !s.contains('<') {
        return html_escape::decode_html_entities(s).trim().to_string();
    }
    let s = BLOCK_END.replace_all(s, "\n");
    // <head> holds no prose (Postman wraps collection descriptions in a whole document).
    let s = Regex::new(r"(?is)<head>.*?</head>").unwrap().replace_all(&s, "");
    let s = TAG.replace_all(&s, "");
    let s = html_escape::decode_html_entities(&s);
    let lines: Vec<&str> = s.lines().map(str::trim).collect();
    BLANKS.replace_all(lines.join("\n").trim(), "\n").into_owned()
}

/// What a description says about a value.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Hints {
    pub required: Option<bool>,
    /// An OpenAPI type name (`integer`, `string`, `number`, `boolean`) or `binary` for bytes.
    pub ty: Option<&'static str>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    /// Allowed values with their labels, in the order written.
    pub values: Vec<(String, Option<String>)>,
}

static REQ: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^\W*(required|optional)\b").unwrap());
static TYPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:(?:required|optional)\s*[,.;]?\s*)?(integer|int|string|str|number|float|decimal|boolean|bool|bytes|binary|file)\b").unwrap()
});
static MAX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bmax(?:imum)?(?:\s+value)?\s*(?:[-:=]|is)\s*(-?\d+(?:\.\d+)?)").unwrap());
static MIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bmin(?:imum)?(?:\s+value)?\s*(?:[-:=]|is)\s*(-?\d+(?:\.\d+)?)").unwrap());
// "Available for: Bulletproof servers" names where a field applies, not its values: only the
// listed nouns (or none) may stand between "available" and the colon.
static AVAILABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bavailable(?:\s+(?:values|types|options|sort\s+parameters|parameters))?\s*:\s*(.+)").unwrap()
});
static LABELLED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"^["“”']?(.+?)["“”']?\s+[-–—]\s+(.+)$"#).unwrap());

pub fn hints(text: &str) -> Hints {
    let mut h = Hints::default();
    if let Some(c) = REQ.captures(text) {
        h.required = Some(c[1].eq_ignore_ascii_case("required"));
    }
    if let Some(c) = TYPE.captures(text) {
        h.ty = Some(match c[1].to_ascii_lowercase().as_str() {
            "integer" | "int" => "integer",
            "string" | "str" => "string",
            "number" | "float" | "decimal" => "number",
            "boolean" | "bool" => "boolean",
            _ => "binary",
        });
    }
    h.maximum = MAX.captures(text).and_then(|c| c[1].parse().ok());
    h.minimum = MIN.captures(text).and_then(|c| c[1].parse().ok());
    if let Some(c) = AVAILABLE.captures(text) {
        // The list runs to the end of its sentence (or line).
        let list = c[1].lines().next().unwrap_or("");
        let list = list.split(". ").next().unwrap_or(list).trim().trim_end_matches('.');
        let sep = if list.contains(',') { ',' } else { '/' };
        for item in list.split(sep).map(str::trim).filter(|s| !s.is_empty()) {
            match LABELLED.captures(item) {
                Some(c) => h.values.push((unquote(&c[1]), Some(c[2].trim().to_string()))),
                None => h.values.push((unquote(item), None)),
            }
        }
        let all_bool = !h.values.is_empty() && h.values.iter().all(|(v, _)| v == "true" || v == "false");
        if all_bool {
            h.values.clear();
            h.ty.get_or_insert("boolean");
        }
    }
    h
}

fn unquote(s: &str) -> String {
    s.trim().trim_matches(|c| matches!(c, '"' | '“' | '”' | '\'')).to_string()
}

/// Writes the hints into a schema; a type already inferred from a value yields to the hint's.
pub fn apply(h: &Hints, schema: &mut Map<String, Value>) {
    match h.ty {
        Some("binary") => {
            schema.insert("type".into(), json!("string"));
            schema.insert("format".into(), json!("binary"));
        }
        Some(t) => {
            schema.insert("type".into(), json!(t));
            if t != "string" {
                schema.remove("format");
            }
        }
        None => {}
    }
    if let Some(min) = h.minimum {
        schema.insert("minimum".into(), num(min));
    }
    if let Some(max) = h.maximum {
        schema.insert("maximum".into(), num(max));
    }
    if !h.values.is_empty() {
        let ints: Option<Vec<i64>> = h.values.iter().map(|(v, _)| v.parse().ok()).collect();
        let ty = schema.get("type").and_then(Value::as_str).unwrap_or("string");
        let values: Vec<Value> = match (ints, ty) {
            (Some(ints), "integer" | "number") => ints.into_iter().map(Value::from).collect(),
            _ => {
                schema.insert("type".into(), json!("string"));
                h.values.iter().map(|(v, _)| json!(v)).collect()
            }
        };
        schema.insert("enum".into(), Value::Array(values));
        if h.values.iter().all(|(_, l)| l.is_some()) {
            let names: Vec<Value> = h.values.iter().map(|(_, l)| json!(pascal(l.as_deref().unwrap()))).collect();
            let labels: Vec<Value> = h.values.iter().map(|(_, l)| json!(l.as_deref().unwrap())).collect();
            schema.insert("x-enum-varnames".into(), Value::Array(names));
            schema.insert("x-enum-descriptions".into(), Value::Array(labels));
        }
        // An example that is not one of the values would make the document contradict itself.
        if let Some(ex) = schema.get("example") {
            if !schema["enum"].as_array().unwrap().contains(ex) {
                schema.remove("example");
            }
        }
    }
    if matches!(h.ty, Some("integer")) {
        if let Some(Value::String(s)) = schema.get("example") {
            match s.parse::<i64>() {
                Ok(n) => {
                    schema.insert("example".into(), json!(n));
                }
                Err(_) => {
                    schema.remove("example");
                }
            }
        }
    }
}

fn num(f: f64) -> Value {
    if f.fract() == 0.0 && f.abs() < 9e15 {
        json!(f as i64)
    } else {
        json!(f)
    }
}

/// "By balance" → "ByBalance"; anything that is not an ASCII letter or digit separates words.
pub fn pascal(s: &str) -> String {
    words(s)
        .iter()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + &c.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        })
        .collect()
}

pub fn snake(s: &str) -> String {
    words(s).iter().map(|w| w.to_ascii_lowercase()).collect::<Vec<_>>().join("_")
}

/// Splits on non-alphanumerics and on lower→upper case changes ("getUserOrders" → get, User, Orders).
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() {
            if ch.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = ch.is_ascii_lowercase() || ch.is_ascii_digit();
            cur.push(ch);
        } else {
            prev_lower = false;
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_plain_text() {
        assert_eq!(
            html_to_text("<p>Line one &amp; more.</p>\n<p>'Активна' - Active</p>\n"),
            "Line one & more.\n'Активна' - Active"
        );
        assert_eq!(
            html_to_text("<html><head></head><body><p>Hi <a href=\"x\">there</a></p></body></html>"),
            "Hi there"
        );
    }

    #[test]
    fn required_and_type() {
        let h = hints("Required, integer, id product for buy.");
        assert_eq!((h.required, h.ty), (Some(true), Some("integer")));
        let h = hints("required, string. One of the IP addresses");
        assert_eq!((h.required, h.ty), (Some(true), Some("string")));
        let h = hints("Optional, bytes.");
        assert_eq!((h.required, h.ty), (Some(false), Some("binary")));
        let h = hints("Optional, integer. (ID Period) Can be obtained by GET request products.");
        assert_eq!((h.required, h.ty), (Some(false), Some("integer")));
        assert_eq!(hints("Page number"), Hints::default());
    }

    #[test]
    fn bounds() {
        let h = hints("Optional, integer. Max value - 10");
        assert_eq!((h.minimum, h.maximum), (None, Some(10.0)));
        let h = hints("Count items per page, min: 1, max: 1000");
        assert_eq!((h.minimum, h.maximum), (Some(1.0), Some(1000.0)));
        assert_eq!(hints("Optional, integer. Max value: 100").maximum, Some(100.0));
    }

    #[test]
    fn available_values() {
        let h = hints("Required, integer, id payment type. Available values: 1 - By balance, 3 - Lava, 4 - Heleket.");
        assert_eq!(
            h.values,
            vec![
                ("1".into(), Some("By balance".into())),
                ("3".into(), Some("Lava".into())),
                ("4".into(), Some("Heleket".into()))
            ]
        );
        let h = hints("Available sort parameters: id, type, date, status");
        assert_eq!(h.values.iter().map(|v| v.0.as_str()).collect::<Vec<_>>(), ["id", "type", "date", "status"]);
        let h = hints("Sort order parameter, available: ASC, DESC");
        assert_eq!(h.values.len(), 2);
        let h = hints(
            r#"Required, string. Available types: "Отдел продаж" - sales department, "Технический отдел" - technical department"#,
        );
        assert_eq!(h.values[1], ("Технический отдел".into(), Some("technical department".into())));
        // Not a list of values.
        assert!(hints("Optional, string, Available for: Bulletproof servers.").values.is_empty());
        let h = hints("Available values: true/false");
        assert_eq!((h.values.len(), h.ty), (0, Some("boolean")));
    }

    #[test]
    fn applying_labelled_integers_names_the_variants() {
        let mut s = Map::new();
        apply(&hints("Required, integer. Available values: 1 - By balance, 3 - Lava"), &mut s);
        assert_eq!(
            Value::Object(s),
            json!({"type": "integer", "enum": [1, 3], "x-enum-varnames": ["ByBalance", "Lava"],
                   "x-enum-descriptions": ["By balance", "Lava"]})
        );
    }

    #[test]
    fn case_conversions() {
        assert_eq!(snake("Get Order by id"), "get_order_by_id");
        assert_eq!(snake("early-termination "), "early_termination");
        assert_eq!(snake("getUserOrders"), "get_user_orders");
        assert_eq!(pascal("order get_products_for_change"), "OrderGetProductsForChange");
    }
}
