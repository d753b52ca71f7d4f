//! Tomorrow's vocabulary today: `POST /__sandbox/vocabulary` makes the API answer with other
//! values in place of known ones (a status the provider renames or adds), so every client can
//! prove that a value it does not know still decodes.

use std::collections::BTreeMap;

use serde_json::Value;

#[derive(Default)]
pub struct Vocabulary {
    replace: BTreeMap<String, String>,
}

impl Vocabulary {
    pub fn set(&mut self, replace: BTreeMap<String, String>) {
        self.replace = replace;
    }

    pub fn clear(&mut self) {
        self.replace.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.replace.is_empty()
    }

    pub fn replacements(&self) -> &BTreeMap<String, String> {
        &self.replace
    }

    /// Replaces every string value (not key) equal to a replaced word, anywhere in `v`.
    pub fn apply(&self, v: &mut Value) {
        match v {
            Value::String(s) => {
                if let Some(to) = self.replace.get(s.as_str()) {
                    *s = to.clone();
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|i| self.apply(i)),
            Value::Object(map) => map.values_mut().for_each(|i| self.apply(i)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn replaces_values_not_keys() {
        let mut vocab = Vocabulary::default();
        vocab.set([("Активна".to_string(), "Перезагружается".to_string())].into());
        let mut v = json!({"status_machine": "Активна", "list": ["Активна", "x"], "Активна": 1});
        vocab.apply(&mut v);
        assert_eq!(v, json!({"status_machine": "Перезагружается", "list": ["Перезагружается", "x"], "Активна": 1}));
    }
}
