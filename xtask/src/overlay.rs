//! OpenAPI Overlay 1.0: an ordered list of actions, each a JSONPath (RFC 9535) target with an
//! `update` (merged into every node it selects) or `remove: true`.

use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;
use serde_json_path::JsonPath;

pub fn apply(doc: &mut Value, overlay: &Value) -> Result<()> {
    let version = overlay.get("overlay").and_then(Value::as_str).unwrap_or("");
    if !version.starts_with("1.0.") {
        bail!("overlay: unsupported Overlay version {version:?} (expected 1.0.x)");
    }
    let actions =
        overlay.get("actions").and_then(Value::as_array).ok_or_else(|| anyhow!("overlay: no `actions` list"))?;
    for (i, action) in actions.iter().enumerate() {
        let target = action
            .get("target")
            .and_then(Value::as_str)
            .ok_or_else(|| anyhow!("overlay action #{}: no `target`", i + 1))?;
        let label = action
            .get("description")
            .and_then(Value::as_str)
            .map(|d| format!("{target} ({d})"))
            .unwrap_or_else(|| target.to_string());
        apply_action(doc, target, action).with_context(|| format!("overlay action #{} {label}", i + 1))?;
    }
    Ok(())
}

fn apply_action(doc: &mut Value, target: &str, action: &Value) -> Result<()> {
    let path = JsonPath::parse(target).map_err(|e| anyhow!("invalid JSONPath: {e}"))?;
    let mut pointers: Vec<String> = path.query_located(doc).locations().map(|l| l.to_json_pointer()).collect();
    // A selector may name a node twice (`[0,0]`) or out of document order (`[2,0]`).
    pointers.sort_by_key(|p| pointer_order(p));
    pointers.dedup();
    // A target that selects nothing is almost always a typo or a spec that moved: say so.
    if pointers.is_empty() {
        bail!("the target selects nothing");
    }
    let remove = action.get("remove").and_then(Value::as_bool).unwrap_or(false);
    if remove {
        // Last in document order first, so a removal never shifts an index still to come.
        for p in pointers.iter().rev() {
            let (parent, key) = p.rsplit_once('/').ok_or_else(|| anyhow!("cannot remove the root"))?;
            let key = key.replace("~1", "/").replace("~0", "~");
            match doc.pointer_mut(parent) {
                Some(Value::Object(m)) => {
                    m.shift_remove(&key);
                }
                Some(Value::Array(a)) => {
                    let i: usize = key.parse()?;
                    if i >= a.len() {
                        bail!("{p} is past the end of its array");
                    }
                    a.remove(i);
                }
                _ => bail!("the parent of {p} is not a container"),
            }
        }
    } else if let Some(update) = action.get("update") {
        for p in &pointers {
            let node = doc.pointer_mut(p).ok_or_else(|| anyhow!("{p} vanished"))?;
            merge(node, update);
        }
    } else {
        bail!("neither `update` nor `remove: true`");
    }
    Ok(())
}

/// A pointer's segments, with array indices compared as numbers (`/a/10` after `/a/2`).
fn pointer_order(p: &str) -> Vec<(u8, usize, String)> {
    p.split('/')
        .map(|seg| match seg.parse::<usize>() {
            Ok(i) => (0, i, String::new()),
            Err(_) => (1, 0, seg.to_string()),
        })
        .collect()
}

/// Objects merge key by key (recursively); an array target gets the update appended (each
/// element, when the update is an array); anything else is replaced.
fn merge(target: &mut Value, update: &Value) {
    match (target, update) {
        (Value::Object(t), Value::Object(u)) => {
            for (k, v) in u {
                match t.get_mut(k) {
                    Some(existing) if existing.is_object() && v.is_object() => merge(existing, v),
                    _ => {
                        t.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (Value::Array(t), Value::Array(u)) => t.extend(u.iter().cloned()),
        (Value::Array(t), u) => t.push(u.clone()),
        (t, u) => *t = u.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn overlay(actions: Value) -> Value {
        json!({"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": actions})
    }

    #[test]
    fn update_merges_recursively_and_appends_to_arrays() {
        let mut doc = json!({"a": {"b": 1, "c": {"d": 1}}, "tags": [{"name": "x"}]});
        apply(
            &mut doc,
            &overlay(json!([
                {"target": "$.a", "update": {"c": {"e": 2}, "f": 3}},
                {"target": "$.tags", "update": {"name": "y"}},
            ])),
        )
        .unwrap();
        assert_eq!(doc, json!({"a": {"b": 1, "c": {"d": 1, "e": 2}, "f": 3}, "tags": [{"name": "x"}, {"name": "y"}]}));
    }

    #[test]
    fn remove_and_filters() {
        let mut doc = json!({"paths": {"/a": {"get": {"x": 1}}, "/b": {"get": {"x": 2}, "post": {"x": 2}}}});
        apply(
            &mut doc,
            &overlay(json!([
                {"target": "$.paths['/a']", "remove": true},
                {"target": "$.paths.*[?@.x == 2]", "update": {"y": true}},
            ])),
        )
        .unwrap();
        assert_eq!(doc, json!({"paths": {"/b": {"get": {"x": 2, "y": true}, "post": {"x": 2, "y": true}}}}));
    }

    #[test]
    fn removing_several_array_elements_in_any_order() {
        let mut doc = json!({"a": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]});
        apply(&mut doc, &overlay(json!([{"target": "$.a[2,0,0,10]", "remove": true}]))).unwrap();
        assert_eq!(doc, json!({"a": [1, 3, 4, 5, 6, 7, 8, 9, 11]}));
    }

    #[test]
    fn a_target_that_selects_nothing_is_an_error() {
        let mut doc = json!({});
        let err = apply(&mut doc, &overlay(json!([{"target": "$.nope", "remove": true}]))).unwrap_err();
        assert!(format!("{err:#}").contains("selects nothing"), "{err:#}");
    }

    #[test]
    fn other_versions_are_refused() {
        let mut doc = json!({});
        assert!(apply(&mut doc, &json!({"overlay": "2.0.0", "actions": []})).is_err());
    }
}
