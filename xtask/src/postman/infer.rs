//! JSON examples → JSON Schema. Several examples of one response are merged into one shape:
//! integer widens to number, `null` beside another type makes it nullable, an empty array takes
//! its item type from another example, and objects with no key in common become a `oneOf`.

use super::describe::pascal;
use regex::Regex;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub nullable: bool,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Only `null` or an empty array's items were seen.
    Unknown,
    Bool,
    Int,
    Num,
    Str(Option<&'static str>),
    Array(Box<Shape>),
    Object(Obj),
    OneOf(Vec<Shape>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Obj {
    /// Property shapes with the number of instances that had the key.
    pub props: Vec<(String, Shape, usize)>,
    pub instances: usize,
}

static DATE_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$").unwrap());
static EMAIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$").unwrap());

pub fn shape_of(v: &Value) -> Shape {
    let kind = match v {
        Value::Null => return Shape { nullable: true, kind: Kind::Unknown },
        Value::Bool(_) => Kind::Bool,
        Value::Number(n) if n.is_i64() || n.is_u64() => Kind::Int,
        Value::Number(_) => Kind::Num,
        Value::String(s) => Kind::Str(if DATE_TIME.is_match(s) {
            Some("date-time")
        } else if EMAIL.is_match(s) {
            Some("email")
        } else if s.starts_with("https://") || s.starts_with("http://") {
            Some("uri")
        } else {
            None
        }),
        Value::Array(items) => {
            let item =
                items.iter().map(shape_of).reduce(merge).unwrap_or(Shape { nullable: false, kind: Kind::Unknown });
            Kind::Array(Box::new(item))
        }
        Value::Object(o) => {
            Kind::Object(Obj { props: o.iter().map(|(k, v)| (k.clone(), shape_of(v), 1)).collect(), instances: 1 })
        }
    };
    Shape { nullable: false, kind }
}

pub fn merge(a: Shape, b: Shape) -> Shape {
    let nullable = a.nullable || b.nullable;
    let kind = merge_kind(a.kind, b.kind);
    Shape { nullable, kind }
}

fn merge_kind(a: Kind, b: Kind) -> Kind {
    use Kind::*;
    match (a, b) {
        (Unknown, k) | (k, Unknown) => k,
        (Int, Num) | (Num, Int) => Num,
        (Str(f), Str(g)) => Str(if f == g { f } else { None }),
        (Array(x), Array(y)) => Array(Box::new(merge(*x, *y))),
        (Object(x), Object(y)) => {
            let shared = x.props.iter().any(|(k, ..)| y.props.iter().any(|(k2, ..)| k == k2));
            if shared || x.props.is_empty() || y.props.is_empty() {
                Object(merge_obj(x, y))
            } else {
                OneOf(vec![Shape { nullable: false, kind: Object(x) }, Shape { nullable: false, kind: Object(y) }])
            }
        }
        (OneOf(mut xs), k) | (k, OneOf(mut xs)) => {
            add_variant(&mut xs, k);
            OneOf(xs)
        }
        (x, y) if x == y => x,
        (x, y) => OneOf(vec![Shape { nullable: false, kind: x }, Shape { nullable: false, kind: y }]),
    }
}

/// Folds a kind into the variant it can merge with (same family), or appends it.
fn add_variant(xs: &mut Vec<Shape>, k: Kind) {
    for x in xs.iter_mut() {
        let compatible = match (&x.kind, &k) {
            (Kind::Object(a), Kind::Object(b)) => {
                a.props.iter().any(|(ka, ..)| b.props.iter().any(|(kb, ..)| ka == kb))
            }
            (Kind::Int | Kind::Num, Kind::Int | Kind::Num) => true,
            (a, b) => std::mem::discriminant(a) == std::mem::discriminant(b),
        };
        if compatible {
            let old = std::mem::replace(&mut x.kind, Kind::Unknown);
            x.kind = merge_kind(old, k);
            return;
        }
    }
    xs.push(Shape { nullable: false, kind: k });
}

fn merge_obj(mut x: Obj, y: Obj) -> Obj {
    for (k, s, n) in y.props {
        match x.props.iter_mut().find(|(k2, ..)| *k2 == k) {
            Some(slot) => {
                let old = std::mem::replace(&mut slot.1, Shape { nullable: false, kind: Kind::Unknown });
                slot.1 = merge(old, s);
                slot.2 += n;
            }
            None => x.props.push((k, s, n)),
        }
    }
    x.instances += y.instances;
    x
}

/// Turns a shape into a schema; objects become named components (`name`, then `name` + the
/// property's PascalCase name, then `Item` for array items) so that other operations can
/// reference them.
pub fn to_schema(shape: &Shape, name: &str, components: &mut BTreeMap<String, Value>) -> Value {
    let mut s = match &shape.kind {
        Kind::Unknown => Map::new(),
        Kind::Bool => obj(json!({"type": "boolean"})),
        Kind::Int => obj(json!({"type": "integer"})),
        Kind::Num => obj(json!({"type": "number"})),
        Kind::Str(None) => obj(json!({"type": "string"})),
        Kind::Str(Some(f)) => obj(json!({"type": "string", "format": f})),
        Kind::Array(item) => {
            let items = to_schema(item, &format!("{name}Item"), components);
            obj(json!({"type": "array", "items": items}))
        }
        Kind::Object(o) => {
            let mut props = Map::new();
            let mut required = Vec::new();
            for (k, s, n) in &o.props {
                props.insert(k.clone(), to_schema(s, &format!("{name}{}", pascal(k)), components));
                if *n == o.instances {
                    required.push(json!(k));
                }
            }
            let mut schema = obj(json!({"type": "object", "properties": props}));
            if !required.is_empty() {
                schema.insert("required".into(), Value::Array(required));
            }
            let unique = unique_name(name, components);
            components.insert(unique.clone(), Value::Object(schema));
            obj(json!({"$ref": format!("#/components/schemas/{unique}")}))
        }
        Kind::OneOf(variants) => {
            let vs: Vec<Value> = variants
                .iter()
                .enumerate()
                .map(|(i, v)| to_schema(v, &format!("{name}Variant{}", i + 1), components))
                .collect();
            obj(json!({"oneOf": vs}))
        }
    };
    if shape.nullable {
        make_nullable(&mut s);
    }
    Value::Object(s)
}

/// OpenAPI 3.0 has no null type: `nullable` needs a `type` beside it (and means nothing
/// without one), so each kind of schema is made nullable its own way.
fn make_nullable(s: &mut Map<String, Value>) {
    if s.is_empty() {
        // Only `null` was seen: the type is unknown, and an unconstrained schema allows null.
    } else if s.contains_key("$ref") {
        // OpenAPI 3.0 ignores siblings of $ref, and tools read `nullable` beside `allOf`
        // differently (Prism rejects null there): `oneOf` the reference or a null-only schema.
        // Only objects become components, so the null branch's type is known.
        *s = obj(
            json!({"oneOf": [Value::Object(std::mem::take(s)), {"type": "object", "nullable": true, "enum": [null]}]}),
        );
    } else if let Some(Value::Array(variants)) = s.get_mut("oneOf") {
        // null must match exactly one variant: the first that carries a type of its own takes
        // it; if all are references (objects), a null-only variant joins them.
        match variants.iter_mut().find(|v| v.get("$ref").is_none()) {
            Some(Value::Object(v)) => {
                v.insert("nullable".into(), json!(true));
            }
            _ => variants.push(json!({"type": "object", "nullable": true, "enum": [null]})),
        }
    } else {
        s.insert("nullable".into(), json!(true));
    }
}

fn unique_name(name: &str, components: &BTreeMap<String, Value>) -> String {
    if !components.contains_key(name) {
        return name.to_string();
    }
    (2..).map(|i| format!("{name}{i}")).find(|n| !components.contains_key(n)).unwrap()
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => unreachable!(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn infer(examples: &[Value]) -> (Value, BTreeMap<String, Value>) {
        let shape = examples.iter().map(shape_of).reduce(merge).unwrap();
        let mut c = BTreeMap::new();
        let s = to_schema(&shape, "R", &mut c);
        (s, c)
    }

    #[test]
    fn integers_and_numbers() {
        let (s, _) = infer(&[json!(1)]);
        assert_eq!(s, json!({"type": "integer"}));
        let (s, _) = infer(&[json!([1, 2.5])]);
        assert_eq!(s, json!({"type": "array", "items": {"type": "number"}}));
    }

    #[test]
    fn null_beside_a_type_is_nullable() {
        let (_, c) = infer(&[json!({"a": null}), json!({"a": "x"})]);
        assert_eq!(c["R"]["properties"]["a"], json!({"type": "string", "nullable": true}));
        // null alone: nothing is known, and `nullable` without a `type` means nothing in 3.0
        let (_, c) = infer(&[json!({"a": null})]);
        assert_eq!(c["R"]["properties"]["a"], json!({}));
    }

    #[test]
    fn empty_arrays_take_items_from_another_example() {
        let (_, c) = infer(&[json!({"xs": []}), json!({"xs": [{"id": 1}]})]);
        assert_eq!(c["R"]["properties"]["xs"]["items"], json!({"$ref": "#/components/schemas/RXsItem"}));
        assert_eq!(c["RXsItem"]["properties"]["id"], json!({"type": "integer"}));
    }

    #[test]
    fn merged_examples_make_missing_keys_optional() {
        let (_, c) = infer(&[json!({"id": 1, "ip": "1.1.1.1"}), json!({"id": 2, "url": "https://x.y/z"})]);
        assert_eq!(c["R"]["required"], json!(["id"]));
        assert_eq!(c["R"]["properties"]["url"], json!({"type": "string", "format": "uri"}));
    }

    #[test]
    fn disjoint_objects_are_one_of() {
        let (s, c) = infer(&[json!({"ip": "1.1.1.1"}), json!({"url": "u"})]);
        assert_eq!(
            s,
            json!({"oneOf": [{"$ref": "#/components/schemas/RVariant1"}, {"$ref": "#/components/schemas/RVariant2"}]})
        );
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn formats() {
        let (_, c) = infer(&[
            json!({"d": "2025-04-24T15:39:23.574192+00:00", "e": "user@psb.hosting", "s": "2025-05-12 02:07:43"}),
        ]);
        assert_eq!(c["R"]["properties"]["d"]["format"], "date-time");
        assert_eq!(c["R"]["properties"]["e"]["format"], "email");
        assert_eq!(c["R"]["properties"]["s"], json!({"type": "string"}));
    }

    #[test]
    fn nullable_object_wraps_the_reference() {
        let (_, c) = infer(&[json!({"o": null}), json!({"o": {"a": true}})]);
        assert_eq!(
            c["R"]["properties"]["o"],
            json!({"oneOf": [{"$ref": "#/components/schemas/RO"}, {"type": "object", "nullable": true, "enum": [null]}]})
        );
    }
}
