//! Rust's surface against the operation table (spec/surface.json): every resource, method,
//! argument name, handle, option, error kind and vocabulary value of the table is in the `psb`
//! crate (read from its source with syn: the public API is what the source declares), each
//! method with a doc comment. Compiled into xtask's tests (`cargo test -p xtask`).

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// A public method: its argument names (without `self`) and whether it has a doc comment.
type Methods = BTreeMap<String, (Vec<String>, bool)>;

/// Every `impl Type { pub fn ... }` in the files under `dir`, by type name.
fn impls(dir: &Path) -> BTreeMap<String, Methods> {
    let mut out: BTreeMap<String, Methods> = BTreeMap::new();
    let mut files = vec![dir.to_path_buf()];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let file = syn::parse_file(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for item in file.items {
            let syn::Item::Impl(imp) = item else { continue };
            if imp.trait_.is_some() {
                continue;
            }
            let syn::Type::Path(ty) = &*imp.self_ty else { continue };
            let name = ty.path.segments.last().unwrap().ident.to_string();
            for it in imp.items {
                let syn::ImplItem::Fn(f) = it else { continue };
                if !matches!(f.vis, syn::Visibility::Public(_)) {
                    continue;
                }
                let args = f
                    .sig
                    .inputs
                    .iter()
                    .filter_map(|a| match a {
                        syn::FnArg::Typed(t) => match &*t.pat {
                            syn::Pat::Ident(i) => Some(i.ident.to_string()),
                            _ => None,
                        },
                        syn::FnArg::Receiver(_) => None,
                    })
                    .collect();
                let documented = f.attrs.iter().any(|a| a.path().is_ident("doc"));
                out.entry(name.clone()).or_default().insert(f.sig.ident.to_string(), (args, documented));
            }
        }
    }
    out
}

/// The type `Client::<resource>()` returns (the accessors are generated, beside the resources).
fn accessor_type(root: &Path, resource: &str) -> Option<String> {
    let path = root.join("crates/psb/src/resources/generated.rs");
    let file = syn::parse_file(&std::fs::read_to_string(path).unwrap()).unwrap();
    for item in file.items {
        let syn::Item::Impl(imp) = item else { continue };
        for it in imp.items {
            let syn::ImplItem::Fn(f) = it else { continue };
            if f.sig.ident != resource {
                continue;
            }
            if let syn::ReturnType::Type(_, ty) = &f.sig.output {
                if let syn::Type::Path(p) = &**ty {
                    return Some(p.path.segments.last().unwrap().ident.to_string());
                }
            }
        }
    }
    None
}

fn strs(v: &Value, key: &str) -> Vec<String> {
    v[key].as_array().into_iter().flatten().map(|p| p["name"].as_str().unwrap().to_string()).collect()
}

#[test]
fn the_rust_surface_has_everything_the_table_has() {
    let missing = problems(&crate::root());
    assert!(missing.is_empty(), "the Rust surface differs from spec/surface.json:\n{}", missing.join("\n"));
}

/// What the `psb` crate under `root` lacks of the table beside it (also run on the next-release
/// test's scratch copy).
pub fn problems(root: &Path) -> Vec<String> {
    let table: Value = serde_json::from_str(&std::fs::read_to_string(root.join("spec/surface.json")).unwrap()).unwrap();
    let impls = impls(&root.join("crates/psb/src"));
    let mut missing = Vec::new();
    let check = |missing: &mut Vec<String>, owner: &str, ty: &str, m: &Value| {
        let name = m["name"].as_str().unwrap();
        match impls.get(ty).and_then(|ms| ms.get(name)) {
            None => missing.push(format!("{owner}.{name}: no `pub fn {name}` on {ty}")),
            Some((args, documented)) => {
                if *args != strs(m, "params") {
                    missing.push(format!("{owner}.{name}: arguments {args:?}, the table says {:?}", strs(m, "params")));
                }
                if !documented {
                    missing.push(format!("{owner}.{name}: no doc comment"));
                }
            }
        }
    };
    for r in table["resources"].as_array().unwrap() {
        let resource = r["name"].as_str().unwrap();
        let Some(ty) = accessor_type(root, resource) else {
            missing.push(format!("Client has no accessor `{resource}()`"));
            continue;
        };
        for m in r["methods"].as_array().unwrap() {
            check(&mut missing, resource, &ty, m);
        }
    }
    for h in table["handles"].as_array().unwrap() {
        let ty = h["name"].as_str().unwrap();
        for f in strs(h, "fields") {
            if !impls.get(ty).is_some_and(|ms| ms.contains_key(&f)) {
                missing.push(format!("{ty}: no accessor `{f}()`"));
            }
        }
        for m in h["methods"].as_array().unwrap() {
            check(&mut missing, ty, ty, m);
        }
    }
    let builder = impls.get("ClientBuilder").cloned().unwrap_or_default();
    // Every binding's constructor sets an option through the builder method of its name.
    for o in strs(&table, "options") {
        if !builder.contains_key(&o) {
            missing.push(format!("option {o}: no ClientBuilder method `{o}`"));
        }
    }
    let errors = std::fs::read_to_string(root.join("crates/psb-model/src/errors.rs")).unwrap();
    for e in table["errors"].as_array().unwrap() {
        let kind = e["kind"].as_str().unwrap();
        if !errors.contains(&format!("    {kind},")) {
            missing.push(format!("ErrorKind has no {kind}"));
        }
    }
    let vocab = std::fs::read_to_string(root.join("crates/psb-model/src/vocab/known.rs")).unwrap();
    for v in table["vocabularies"].as_array().unwrap() {
        let name = v["name"].as_str().unwrap();
        let Some(body) = vocab.split(&format!("    {name} {{\n")).nth(1).and_then(|b| b.split("\n    }").next()) else {
            missing.push(format!("vocabulary {name} is not in psb-model"));
            continue;
        };
        for value in v["values"].as_array().unwrap() {
            let line = format!("{} = {},", value["name"].as_str().unwrap(), value["wire"]);
            if !body.contains(&line) {
                missing.push(format!("{name}: no `{line}`"));
            }
        }
    }
    missing
}

/// Every package's README states its defaults: each names every client option of the table, in
/// its language's spelling (the defaults beside them are the README's to state).
#[test]
fn every_readme_names_every_option() {
    let root = crate::root();
    let table: Value = serde_json::from_str(&std::fs::read_to_string(root.join("spec/surface.json")).unwrap()).unwrap();
    let camel = |s: &str| {
        let mut out = String::new();
        let mut up = false;
        for c in s.chars() {
            if c == '_' {
                up = true;
            } else {
                out.push(if up { c.to_ascii_uppercase() } else { c });
                up = false;
            }
        }
        out
    };
    let mut missing = Vec::new();
    for (readme, camel_case) in [
        ("crates/psb/README.md", false),
        ("bindings/python/README.md", false),
        ("bindings/wasm/npm/README.md", true),
        ("bindings/kotlin/README.md", true),
    ] {
        let text = std::fs::read_to_string(root.join(readme)).unwrap();
        for o in table["options"].as_array().unwrap() {
            let name = o["name"].as_str().unwrap();
            let name = if camel_case { camel(name) } else { name.to_string() };
            if !regex::Regex::new(&format!(r"\b{name}\b")).unwrap().is_match(&text) {
                missing.push(format!("{readme} does not name the option {name}"));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
