//! The CLI's resource commands, from the operation table (as oxide.rs derives its CLI from the
//! spec its SDK comes from): `crates/psb-cli/src/commands/generated.rs`, one clap subcommand
//! per resource and one per method that psb generates too, with the dispatch to that method.
//! Path parameters are positional, every other argument a `--flag`; a method that starts a
//! server action takes `--wait`/`--timeout`; a secret is read from the terminal or stdin,
//! never from the command line; `x-psb.confirm` asks for `--yes`; a list with a page walk
//! takes `--all`. Commands with behaviour of their own (records to build, files, waits) are
//! written in the resource's module (`commands/<resource>.rs`, its `More` subcommands), which
//! the generated subcommand flattens in.

use super::{arr, doc_comment};
use anyhow::{bail, Result};
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write;

pub const COMMANDS: &str = "crates/psb-cli/src/commands/generated.rs";

/// Resources whose module adds hand-written commands (`commands/<resource>.rs`, `More`).
pub fn hand_written(table: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for r in arr(table, "resources") {
        let methods = arr(r, "methods");
        let absorbed =
            |m: &Value| m["kind"] == "iter" && methods.iter().any(|o| generated(o) && o["operation"] == m["operation"]);
        if methods.iter().any(|m| !generated(m) && !absorbed(m)) {
            out.insert(r["name"].as_str().unwrap_or_default().to_string());
        }
    }
    out
}

/// Whether the method's command is generated: psb generates the method, or it writes it by hand
/// for behaviour the command does not see (`x-psb.cli: generated`, e.g. exactly-once writes).
fn generated(m: &Value) -> bool {
    m["kind"] == "operation" && (m.get("hand").is_none() || m["cli"] == "generated")
}

pub fn formatted(root: &std::path::Path, table: &Value) -> Result<String> {
    super::rustfmt(root, &render(table)?)
}

fn pascal(s: &str) -> String {
    s.split('_').filter(|w| !w.is_empty()).map(|w| w[..1].to_uppercase() + &w[1..]).collect()
}

/// An argument doc worth showing: the provider's bare "Required, integer" says nothing that
/// the usage line does not.
fn useful(doc: &str) -> bool {
    let d = doc.trim().trim_end_matches('.').to_ascii_lowercase();
    let bare = ["required", "optional"].iter().any(|p| {
        d.strip_prefix(p).is_some_and(|rest| ["", ", integer", ", string", ", bytes"].contains(&rest.trim_end()))
    });
    !d.is_empty() && !bare
}

pub fn render(table: &Value) -> Result<String> {
    let hand = hand_written(table);
    let mut enums = String::new();
    let mut runs = String::new();
    let mut top = String::from(
        "/// The API's resources, one subcommand each.\n#[derive(Subcommand, Debug)]\npub enum ResourceCmd {\n",
    );
    let mut dispatch = String::from(
        "/// Runs a resource command.\npub async fn run(ctx: &Ctx, cmd: ResourceCmd) -> Result {\n    match cmd {\n",
    );
    for r in arr(table, "resources") {
        let resource = r["name"].as_str().unwrap_or_default();
        let variant = pascal(resource);
        let ty = format!("{variant}Cmd");
        doc_comment(&mut top, r["doc"].as_str().unwrap_or_default(), "    ");
        let _ = writeln!(top, "    #[command(subcommand)]\n    {variant}({ty}),");
        let _ = writeln!(dispatch, "        ResourceCmd::{variant}(cmd) => {resource}(ctx, cmd).await,");

        let methods = arr(r, "methods");
        let _ = writeln!(enums, "\n/// `psb {resource} ...`.\n#[derive(Subcommand, Debug)]\npub enum {ty} {{");
        let any = methods.iter().any(generated);
        let _ = writeln!(
            runs,
            "\nasync fn {resource}(ctx: &Ctx, cmd: {ty}) -> Result {{\n{}    match cmd {{",
            if any { format!("    let r = ctx.client.{resource}();\n") } else { String::new() }
        );
        for m in methods.iter().filter(|m| generated(m)) {
            command(&mut enums, &mut runs, &ty, m, methods)?;
        }
        if hand.contains(resource) {
            let _ = writeln!(enums, "    #[command(flatten)]\n    More(super::{resource}::More),");
            let _ = writeln!(runs, "        {ty}::More(cmd) => super::{resource}::more(ctx, cmd).await,");
        }
        enums += "}\n";
        runs += "    }\n}\n";
    }
    top += "}\n";
    dispatch += "    }\n}\n";

    let mut out = String::from(
        "//! The resources' commands and the methods they call (xtask/src/surface/cli.rs). Commands\n\
         //! with behaviour of their own are each resource module's `More`.\n\n\
         #![allow(clippy::large_enum_variant)]\n\n\
         use super::{act, read_secret_line, Ctx, Result};\n\
         use crate::cli::Wait;\n\
         use clap::Subcommand;\n\
         use futures_util::TryStreamExt;\n\n",
    );
    out += &top;
    out += "\n";
    out += &dispatch;
    out += &enums;
    out += &runs;
    for (name, used) in [("act, ", out.contains("act(ctx")), ("read_secret_line, ", out.contains("read_secret_line("))]
    {
        if !used {
            out = out.replacen(name, "", 1);
        }
    }
    if !out.contains("Wait,") && !out.contains("wait: Wait") {
        out = out.replacen("use crate::cli::Wait;\n", "", 1);
    }
    if !out.contains("try_collect") {
        out = out.replacen("use futures_util::TryStreamExt;\n", "", 1);
    }
    Ok(out)
}

/// One subcommand: its variant in the resource's enum and its arm in the resource's `match`.
fn command(enums: &mut String, runs: &mut String, ty: &str, m: &Value, methods: &[Value]) -> Result<()> {
    let name = m["name"].as_str().unwrap_or_default();
    let variant = pascal(name);
    let mut fields = String::new();
    let mut bound = Vec::new();
    let mut prepare = Vec::new();
    let mut args = Vec::new();
    for p in arr(m, "params") {
        let pname = p["name"].as_str().unwrap_or_default();
        let ty = p["type"].as_str().unwrap_or_default();
        let optional = ty.ends_with('?');
        let positional = p["wire"].as_str().unwrap_or_default().starts_with("path:");
        let rust = match ty.trim_end_matches('?') {
            "int" => "i64",
            "float" => "f64",
            "bool" => "bool",
            "string" => "String",
            "secret" => {
                prepare.push(format!("let {pname} = read_secret_line(\"the new {}\")?;", pname.replace('_', " ")));
                args.push(pname.to_string());
                continue;
            }
            other => bail!("{ty}::{variant}: the CLI cannot take `{other}`; mark the method x-psb.hand"),
        };
        let doc = p["doc"].as_str().unwrap_or_default();
        if useful(doc) {
            doc_comment(&mut fields, doc, "        ");
        }
        if !positional {
            fields += "        #[arg(long)]\n";
        }
        let field_ty = if optional { format!("Option<{rust}>") } else { rust.to_string() };
        let _ = writeln!(fields, "        {pname}: {field_ty},");
        bound.push(pname.to_string());
        args.push(match rust {
            "String" if optional => format!("{pname}.as_deref()"),
            "String" => format!("&{pname}"),
            _ => pname.to_string(),
        });
    }
    let call = format!("r.{name}({})", args.join(", "));
    let mut body = String::new();
    if let Some(why) = m.get("confirm").and_then(Value::as_str) {
        let _ = writeln!(fields, "        /// Confirm: {why}.\n        #[arg(long)]\n        yes: bool,");
        bound.push("yes".into());
        let _ = writeln!(
            body,
            "if !yes {{\n return Err(crate::Failure::Usage(\"{} {why}: add --yes to confirm\".into()));\n }}",
            name.replace('_', " ")
        );
    }
    for p in &prepare {
        body += p;
        body += "\n";
    }
    let walk = methods.iter().find(|i| i["kind"] == "iter" && i["operation"] == m["operation"]);
    if m.get("action").is_some() {
        fields += "        #[command(flatten)]\n        wait: Wait,\n";
        bound.push("wait".into());
        let _ = writeln!(body, "act(ctx, wait, {call}).await");
    } else if let Some(walk) = walk {
        let _ = writeln!(fields, "        /// Every item, page after page.\n        #[arg(long)]\n        all: bool,");
        bound.push("all".into());
        let walk_args: Vec<String> =
            arr(walk, "params").iter().map(|p| p["name"].as_str().unwrap_or_default().to_string()).collect();
        let _ = writeln!(
            body,
            "if all {{\n let items: Vec<_> = r.{}({}).try_collect().await?;\n ctx.show(&items);\n }} else {{\n ctx.show(&{call}.await?);\n }}\nOk(())",
            walk["name"].as_str().unwrap_or_default(),
            walk_args.join(", ")
        );
    } else {
        let _ = writeln!(body, "ctx.show(&{call}.await?);\nOk(())");
    }

    doc_comment(enums, m["doc"].as_str().unwrap_or_default(), "    ");
    if fields.is_empty() {
        let _ = writeln!(enums, "    {variant},");
        let _ = writeln!(runs, "        {ty}::{variant} => {{\n{body}}}");
    } else {
        let _ = writeln!(enums, "    {variant} {{\n{fields}    }},");
        let _ = writeln!(runs, "        {ty}::{variant} {{ {} }} => {{\n{body}}}", bound.join(", "));
    }
    Ok(())
}
