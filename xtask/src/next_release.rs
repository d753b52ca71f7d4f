//! The provider's next release, rehearsed: a copy of the repository whose collection has one
//! request more (a GET with a path parameter and a JSON example, as the provider would publish
//! it), `cargo xtask codegen` run there, and the new method looked for in all four languages.
//! No file but the collection is edited; everything else that changes must be generated.

use crate::install::{cargo, run};
use anyhow::{bail, ensure, Context, Result};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What the rehearsal expects the pipeline to make of the new request.
const ADDED: &str = "added orders.get_order_invoice(id: int) -> json [GET /order/{id}/invoice]";

pub fn test(root: &Path) -> Result<()> {
    let scratch = root.join("target/next-release/repo");
    copy_repository(root, &scratch)?;
    add_request(&scratch.join(crate::codegen::COLLECTION))?;
    // The formatters codegen runs are the repository's, already installed.
    std::fs::create_dir_all(scratch.join("target"))?;
    std::os::unix::fs::symlink(root.join("target/tools"), scratch.join("target/tools"))?;

    let files = crate::codegen::generate(&scratch).context("codegen on the next release")?;
    let change = crate::codegen::surface_change(&scratch, &files)?;
    ensure!(change == [ADDED], "the surface change reads {change:?}, not [{ADDED:?}]");
    let mut written = Vec::new();
    for (rel, text) in &files {
        if std::fs::read_to_string(scratch.join(rel)).unwrap_or_default() != *text {
            crate::write_atomic(&scratch.join(rel), text)?;
            written.push(rel.display().to_string());
        }
    }
    eprintln!("next release: {ADDED}; regenerated {}", written.join(", "));

    // Every Rust layer compiles with the new operation: psb, the uniffi exports (Python and
    // Kotlin), the CLI, and the JS binding for wasm32. Registry crates are shared with the
    // main build; only the copy's own crates are checked again.
    let target = root.join("target");
    run(cargo(&scratch).env("CARGO_TARGET_DIR", &target).args([
        "check",
        "--quiet",
        "-p",
        "psb",
        "-p",
        "psb-uniffi",
        "-p",
        "psb-cli",
    ]))?;
    run(cargo(&scratch).env("CARGO_TARGET_DIR", &target).args([
        "check",
        "--quiet",
        "-p",
        "psb-wasm",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;

    // And each language has the method, spelled its way.
    let missing = crate::rust_surface::problems(&scratch);
    ensure!(missing.is_empty(), "Rust, after the next release:\n{}", missing.join("\n"));
    let read = |rel: &str| std::fs::read_to_string(scratch.join(rel)).with_context(|| format!("cannot read {rel}"));
    let expect = |what: &str, rel: &str, needle: &str| -> Result<()> {
        ensure!(read(rel)?.contains(needle), "{what}: {rel} has no `{needle}`");
        Ok(())
    };
    expect(
        "uniffi",
        crate::surface::uniffi::RESOURCES,
        "pub async fn get_order_invoice(&self, id: i64) -> Result<String>",
    )?;
    expect("Kotlin", crate::surface::kotlin::RESOURCES, "suspend fun getOrderInvoice(id: Long): String")?;
    expect(
        "JS",
        crate::surface::wasm::RESOURCES,
        "js_name = getOrderInvoice, unchecked_return_type = \"Promise<unknown>\"",
    )?;
    python_has(&scratch.join(crate::surface::python::RESOURCES), &["Orders", "AsyncOrders"], "get_order_invoice")?;
    expect("the CLI", crate::surface::cli::COMMANDS, "OrdersCmd::GetOrderInvoice { id } => {")?;
    Ok(())
}

/// The repository's files (tracked and new, not ignored) copied to `to`, which is emptied first.
fn copy_repository(root: &Path, to: &Path) -> Result<()> {
    if to.exists() {
        std::fs::remove_dir_all(to).with_context(|| format!("cannot clear {}", to.display()))?;
    }
    let out = Command::new("git")
        .current_dir(root)
        .args(["ls-files", "-z", "--cached", "--others", "--exclude-standard"])
        .output()
        .context("cannot run git ls-files")?;
    ensure!(out.status.success(), "git ls-files failed");
    for rel in out.stdout.split(|b| *b == 0).filter(|p| !p.is_empty()) {
        let rel = PathBuf::from(String::from_utf8_lossy(rel).into_owned());
        let from = root.join(&rel);
        if !from.is_file() {
            continue; // deleted in the working tree
        }
        let dest = to.join(&rel);
        std::fs::create_dir_all(dest.parent().unwrap())?;
        std::fs::copy(&from, &dest).with_context(|| format!("cannot copy {}", rel.display()))?;
    }
    Ok(())
}

/// One request more in the collection's `order` folder, as Postman exports one: a path variable,
/// a description, and a saved 200 response with a JSON body the SDK has no model for.
fn add_request(path: &Path) -> Result<()> {
    let mut collection: Value = crate::read_json(path)?;
    let folder = collection["item"]
        .as_array_mut()
        .and_then(|items| items.iter_mut().find(|i| i["name"] == "order"))
        .context("the collection has no order folder")?;
    let auth = json!([{ "key": "Authorization", "value": "{{API_TOKEN}}", "type": "text" }]);
    let body = json!({
        "id": 901,
        "order_id": 25284,
        "amount": 20,
        "currency": "USD",
        "paid": false,
        "lines": [{ "title": "NL-300, one month", "price": 20 }]
    });
    let request = json!({
        "name": "Get order invoice",
        "request": {
            "method": "GET",
            "header": auth,
            "url": "{{API_URL}}/order/:id/invoice",
            "description": "<p>This endpoint is used to retrieve the invoice of an order.</p>\n",
            "urlObject": {
                "path": ["order", ":id", "invoice"],
                "host": ["{{API_URL}}"],
                "query": [],
                "variable": [{ "description": { "content": "<p>Required, integer</p>\n", "type": "text/plain" }, "type": "any", "value": "25284", "key": "id" }]
            }
        },
        "response": [{
            "name": "Get order invoice",
            "originalRequest": { "method": "GET", "header": auth, "url": "{{API_URL}}/order/25284/invoice" },
            "status": "OK",
            "code": 200,
            "_postman_previewlanguage": "json",
            "header": [{ "key": "content-type", "value": "application/json" }],
            "body": serde_json::to_string_pretty(&body)?,
        }]
    });
    match folder["item"].as_array_mut() {
        Some(items) => items.push(request),
        None => bail!("the order folder has no items"),
    }
    std::fs::write(path, serde_json::to_string(&collection)?)?;
    Ok(())
}

/// Each of `classes` in the Python module has a method `method` (read with Python's own parser).
fn python_has(module: &Path, classes: &[&str], method: &str) -> Result<()> {
    let script = r#"
import ast, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
methods = {c.name: {f.name for f in c.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}
           for c in tree.body if isinstance(c, ast.ClassDef)}
missing = [c for c in sys.argv[3:] if sys.argv[2] not in methods.get(c, ())]
sys.exit(f"no {sys.argv[2]} in {missing}" if missing else 0)
"#;
    run(Command::new("python3").arg("-c").arg(script).arg(module).arg(method).args(classes))
}
