//! `cargo xtask wasm`: the npm package `psb-hosting` (bindings/wasm through wasm-bindgen) into
//! target/npm/psb-hosting/, and its tests (node's test runner against the sandbox, and a page in
//! headless Chromium). Every tool comes from a registry: wasm-bindgen-cli from crates.io at
//! exactly the version of the wasm-bindgen crate in Cargo.lock, wasm-opt from npm's `binaryen`
//! (Debian's binaryen 108 produces a module that fails to load), Chromium from Debian,
//! playwright-core and typescript from npm.

use crate::install::{self, cargo, run};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub const BINARYEN: &str = "binaryen@132.0.0";
pub const PLAYWRIGHT_CORE: &str = "playwright-core@1.65.1";
pub const TYPESCRIPT: &str = "typescript@5.9.3";
/// Node's types, for the type checks of a Node program (Node 20, the oldest `engines` claims).
pub const TYPES_NODE: &str = "@types/node@20.19.43";
pub const ESBUILD: &str = "esbuild@0.28.2";
pub const PUBLINT: &str = "publint@0.3.25";
pub const ATTW: &str = "@arethetypeswrong/cli@0.18.5";
pub const DENO: &str = "deno@2.9.6";
pub const BUN: &str = "bun@1.4.5";
pub const MINIFLARE: &str = "miniflare@4.20260730.0";
/// The oldest Node `engines` claims (`>=20`) and the newest release, besides the Node that runs
/// the tests: each imports and requires the package (tests/runtimes/main.mjs, main.cjs).
pub const NODE_VERSIONS: &[&str] = &["20.0.0", "26.12.1"];
/// The bundlers of the browser test (tests/bundlers.test.mjs), each in its default setup.
pub const BUNDLERS: &[(&str, &str)] = &[
    ("rollup@4.69.3", "rollup"),
    ("@rollup/plugin-node-resolve@16.0.3", ""),
    ("vite@8.4.1", "vite"),
    ("webpack@5.113.0", "webpack"),
    ("webpack-cli@7.3.1", "webpack-cli"),
];
const TARGET: &str = "wasm32-unknown-unknown";
/// The release package's toolchain: a pinned nightly, for `-Zbuild-std` with
/// `panic = "immediate-abort"` (the standard library rebuilt without panic messages and their
/// formatting: 27 KB gzipped less, BENCHMARKS.md). Everything else builds with stable.
pub const NIGHTLY: &str = "nightly-2026-05-20";
/// The features rustc's wasm32 target enables by default; wasm-opt must accept them all.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

pub fn package_dir(root: &Path) -> PathBuf {
    root.join("target/npm/psb-hosting")
}

/// `cargo xtask wasm`: a release build, wasm-opt -Oz, and the size figures.
pub fn release(root: &Path) -> Result<()> {
    let dir = build(root, true)?;
    let sizes = sizes(&dir)?;
    eprintln!("{sizes}");
    Ok(())
}

/// Builds the package (debug for tests: no wasm-opt; release: the pinned nightly with the
/// standard library rebuilt, opt-level z, LTO, panic = "immediate-abort", wasm-opt -Oz).
pub fn build(root: &Path, release: bool) -> Result<PathBuf> {
    let wasm = if release {
        // Size settings for this one build only, in a target dir of its own (another toolchain).
        install::rustup_toolchain(NIGHTLY, TARGET)?;
        let target_dir = root.join("target/nightly");
        run(Command::new("cargo")
            .current_dir(root)
            .arg(format!("+{NIGHTLY}"))
            .args(["build", "--quiet", "-p", "psb-wasm", "--features", "small", "--target", TARGET, "--release"])
            .args(["-Zbuild-std=std,panic_abort", "-Zpanic-immediate-abort", "--target-dir"])
            .arg(&target_dir)
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "z")
            .env("CARGO_PROFILE_RELEASE_LTO", "true")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "1")
            .env("CARGO_PROFILE_RELEASE_PANIC", "immediate-abort")
            .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
            // Not `strip = true`: wasm-bindgen reads the target_features section.
            .env("CARGO_PROFILE_RELEASE_STRIP", "debuginfo"))?;
        target_dir.join(format!("{TARGET}/release/psb_wasm.wasm"))
    } else {
        install::rustup_target(TARGET)?;
        run(cargo(root).args(["build", "--quiet", "-p", "psb-wasm", "--features", "small", "--target", TARGET]))?;
        root.join(format!("target/{TARGET}/debug/psb_wasm.wasm"))
    };

    let dir = package_dir(root);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir)?;
    run(Command::new(wasm_bindgen(root)?)
        .args(["--target", "web", "--out-name", "psb_wasm", "--out-dir"])
        .arg(&dir)
        .arg(&wasm))?;
    if release {
        let bg = dir.join("psb_wasm_bg.wasm");
        let wasm_opt = install::npm_bin(root, BINARYEN, "wasm-opt")?;
        run(Command::new(wasm_opt).arg("-Oz").args(WASM_FEATURES).arg(&bg).arg("-o").arg(&bg))?;
    }
    write_package(root, &dir)?;
    Ok(dir)
}

/// The JS side: package.json, the two entries (browsers/bundlers, Node), the types, the README.
fn write_package(root: &Path, dir: &Path) -> Result<()> {
    let src = root.join("bindings/wasm/npm");
    // wasm-bindgen puts the JS that Rust imports (PsbError) under snippets/<crate>-<hash>/.
    let snippets = dir.join("snippets");
    let support = std::fs::read_dir(&snippets)
        .with_context(|| format!("no {}", snippets.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("js/support.js"))
        .find(|p| p.exists())
        .context("wasm-bindgen wrote no js/support.js snippet")?;
    let errors = support.with_file_name("errors.js");
    let support = format!("./{}", support.strip_prefix(dir)?.to_string_lossy());
    let errors = format!("./{}", errors.strip_prefix(dir)?.to_string_lossy());
    let table = crate::read_json(&root.join(crate::surface::TABLE))?;
    let error_classes = crate::surface::wasm::error_classes(&table);
    let version = workspace_setting(root, "version")?;
    let repository = workspace_setting(root, "repository")?;
    let dts = public_declarations(&std::fs::read_to_string(dir.join("psb_wasm.d.ts"))?);
    std::fs::write(dir.join("psb_wasm.d.ts"), &dts)?;
    let (classes, types) = public_names(&dts);
    for name in
        ["package.json", "index.js", "node.js", "node-cjs.js", "workerd.js", "index.d.ts", "errors.d.ts", "README.md"]
    {
        let text =
            std::fs::read_to_string(src.join(name)).with_context(|| format!("cannot read bindings/wasm/npm/{name}"))?;
        let text = text
            .replace("@SUPPORT@", &support)
            .replace("@ERRORS_MODULE@", &errors)
            .replace("@ERRORS@", &error_classes.join(", "))
            .replace("@VERSION@", &version)
            .replace("@REPOSITORY@", &repository)
            .replace("@CLASSES@", &classes.join(", "))
            .replace("@TYPES@", &types.join(", "));
        std::fs::write(dir.join(name), text)?;
    }
    // wasm-bindgen's own package.json/.gitignore are not ours.
    let _ = std::fs::remove_file(dir.join(".gitignore"));
    write_inline_module(dir)?;
    for file in ["LICENSE-MIT", "LICENSE-APACHE", "CHANGELOG.md"] {
        std::fs::copy(root.join(file), dir.join(file)).with_context(|| format!("no {file} at the root"))?;
    }
    // The CommonJS entry: node-cjs.js bundled with the glue and the snippets (Node < 20.19 has
    // no require(esm)); its types are the .d.ts twins as .d.cts, so that a `require` resolves
    // to CommonJS declarations (what @arethetypeswrong checks).
    let esbuild = install::npm_bin(root, ESBUILD, "esbuild")?;
    run(Command::new(esbuild)
        .current_dir(dir)
        .args(["node-cjs.js", "--bundle", "--format=cjs", "--platform=node", "--target=node20"])
        .args(["--outfile=node.cjs", "--log-level=warning", "--log-override:empty-import-meta=silent"])
        // wasm-bindgen names a snippet once per import in its imports object: the same module.
        .arg("--log-override:duplicate-object-key=silent"))?;
    std::fs::remove_file(dir.join("node-cjs.js"))?;
    for name in ["index", "errors", "psb_wasm"] {
        let dts = std::fs::read_to_string(dir.join(format!("{name}.d.ts")))?;
        let cts = ["index", "errors", "psb_wasm"]
            .iter()
            .fold(dts, |t, n| t.replace(&format!("'./{n}.js'"), &format!("'./{n}.cjs'")));
        std::fs::write(dir.join(format!("{name}.d.cts")), cts)?;
    }
    Ok(())
}

/// psb_wasm_inline.js: the wasm module gzipped and in base64, for the bundlers that do not emit
/// the .wasm file (index.js imports it only when that file cannot be fetched). Decompressed with
/// `DecompressionStream`, which every browser of the last years has.
fn write_inline_module(dir: &Path) -> Result<()> {
    let out = Command::new("gzip").args(["-9", "-n", "-k", "-f"]).arg(dir.join("psb_wasm_bg.wasm")).status()?;
    if !out.success() {
        bail!("gzip failed");
    }
    let gz = dir.join("psb_wasm_bg.wasm.gz");
    let b64 = Command::new("base64").arg("-w0").arg(&gz).output().context("base64 is needed")?;
    std::fs::remove_file(&gz)?;
    let text = format!(
        "// The wasm module of psb-hosting, gzipped, in base64 (see index.js). Written by `cargo xtask`.\n\
         const data = '{}';\n\n\
         export async function wasmBytes() {{\n  \
           const gzipped = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));\n  \
           const stream = new Blob([gzipped]).stream().pipeThrough(new DecompressionStream('gzip'));\n  \
           return new Uint8Array(await new Response(stream).arrayBuffer());\n}}\n",
        String::from_utf8(b64.stdout)?.trim()
    );
    std::fs::write(dir.join("psb_wasm_inline.js"), text)?;
    Ok(())
}

/// wasm-bindgen's declarations without its memory plumbing: the module's init functions and
/// types (they name DOM types, `RequestInfo` and `BufferSource`, that a Node-only `lib` lacks;
/// the package's entries initialise the module themselves), each class's `free()` and
/// `[Symbol.dispose]()` (the garbage collector frees the objects: FinalizationRegistry), and
/// the stream adapters reqwest's wasm-streams exports, which the SDK never hands out.
fn public_declarations(dts: &str) -> String {
    let dts = dts.split("\nexport type InitInput").next().unwrap_or(dts);
    let mut out = String::new();
    let mut skipping = false;
    for line in dts.lines() {
        if line.starts_with("export class IntoUnderlying") || line.starts_with("export type ReadableStreamType") {
            skipping = !line.ends_with(';');
            continue;
        }
        if skipping {
            skipping = line != "}";
            continue;
        }
        if matches!(line.trim(), "free(): void;" | "[Symbol.dispose](): void;") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// What the package exports, from wasm-bindgen's .d.ts: our classes and every model type, but
/// not the module's init functions nor the stream adapters wasm-streams exports for reqwest.
fn public_names(dts: &str) -> (Vec<String>, Vec<String>) {
    let internal = |n: &str| {
        n.starts_with("IntoUnderlying")
            // Returned as `AsyncIterableIterator<T>`: never named by a user.
            || matches!(n, "InitInput" | "InitOutput" | "SyncInitInput" | "ReadableStreamType" | "PageIterator")
    };
    let (mut classes, mut types) = (Vec::new(), Vec::new());
    for line in dts.lines() {
        let mut words = line.split(|c: char| c.is_whitespace() || c == '<' || c == '{' || c == '=');
        let (Some("export"), Some(what), Some(name)) = (words.next(), words.next(), words.next()) else {
            continue;
        };
        if name.is_empty() || internal(name) {
            continue;
        }
        match what {
            "class" => classes.push(name.to_string()),
            "interface" | "type" if !types.iter().any(|t| t == name) => types.push(name.to_string()),
            _ => {}
        }
    }
    (classes, types)
}

/// A `[workspace.package]` setting of the root Cargo.toml (`version`, `repository`).
pub fn workspace_setting(root: &Path, key: &str) -> Result<String> {
    let toml = std::fs::read_to_string(root.join("Cargo.toml"))?;
    let after = toml.split("[workspace.package]").nth(1).context("no [workspace.package]")?;
    after
        .lines()
        .find_map(|l| l.trim().strip_prefix(&format!("{key} = ")).map(|v| v.trim_matches('"').to_string()))
        .with_context(|| format!("no workspace {key}"))
}

/// The version of the wasm-bindgen crate the build links (Cargo.lock), which the CLI must match.
fn wasm_bindgen_version(root: &Path) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = ")) {
                return Ok(v.trim_matches('"').to_string());
            }
        }
    }
    bail!("wasm-bindgen is not in Cargo.lock")
}

/// wasm-bindgen-cli at exactly the crate's version, under target/tools/cargo.
fn wasm_bindgen(root: &Path) -> Result<PathBuf> {
    let version = wasm_bindgen_version(root)?;
    let bin = install::tools_dir(root).join("cargo/bin/wasm-bindgen");
    let installed = Command::new(&bin)
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if installed.as_deref() != Some(&format!("wasm-bindgen {version}")) {
        // Not --locked: the CLI's lock file pins a webpki-roots release the registry no longer
        // serves; its dependencies resolve fine without it.
        run(Command::new("cargo")
            .args(["install", "--quiet", "--force", "--version", &version, "--root"])
            .arg(install::tools_dir(root).join("cargo"))
            .arg("wasm-bindgen-cli"))?;
    }
    Ok(bin)
}

/// Gzipped size of the .wasm plus the JS glue (the files a browser loads).
fn sizes(dir: &Path) -> Result<String> {
    let mut report = String::new();
    let mut total_raw = 0u64;
    let mut total_gz = 0u64;
    let mut files = vec![dir.join("psb_wasm_bg.wasm"), dir.join("psb_wasm.js"), dir.join("index.js")];
    // Every JS file wasm-bindgen copied from the crates (the binding's support.js, psb's fetch.js).
    let mut snippets = Vec::new();
    for e in std::fs::read_dir(dir.join("snippets"))? {
        for js in std::fs::read_dir(e?.path().join("js"))? {
            snippets.push(js?.path());
        }
    }
    snippets.sort();
    files.extend(snippets);
    for f in &files {
        let raw = std::fs::metadata(f)?.len();
        let out = Command::new("gzip").args(["-9", "-c"]).arg(f).output().context("gzip is needed")?;
        let gz = out.stdout.len() as u64;
        total_raw += raw;
        total_gz += gz;
        report.push_str(&format!("{:>10} B  {:>9} B gzipped  {}\n", raw, gz, f.strip_prefix(dir)?.display()));
    }
    report.push_str(&format!("{:>10} B  {:>9} B gzipped  total (budget 204800 B gzipped)\n", total_raw, total_gz));
    Ok(report)
}

/// `cargo xtask test` step: the debug package, then node's test runner against the sandbox
/// (every operation, errors, faults, coverage, the README quickstart, the types) and the page
/// in headless Chromium; then the release package, the one `npm publish` sends: its tarball's
/// checks and the smoke test in every runtime.
pub fn test(root: &Path) -> Result<()> {
    let t = Instant::now();
    let dir = build(root, false)?;
    eprintln!("package built in {:.1}s", t.elapsed().as_secs_f64());

    // The tests import `psb-hosting` as a user would: target/npm/node_modules/psb-hosting.
    let npm = root.join("target/npm");
    let modules = npm.join("node_modules");
    std::fs::create_dir_all(&modules)?;
    let link = modules.join("psb-hosting");
    let _ = std::fs::remove_file(&link);
    let _ = std::fs::remove_dir_all(&link);
    std::os::unix::fs::symlink(&dir, &link)?;
    let tests = npm.join("tests");
    if tests.exists() {
        std::fs::remove_dir_all(&tests)?;
    }
    std::fs::create_dir_all(&tests)?;
    // The package's own tests, and the cross-language suites of tests/ (tests/README.md).
    let own = std::fs::read_dir(root.join("bindings/wasm/tests"))?.map(|e| e.map(|e| e.path()));
    let shared = ["tests/parity/npm_surface.test.mjs", "tests/scenarios/npm_scenarios.test.mjs"];
    for p in own.chain(shared.iter().map(|p| Ok(root.join(p)))) {
        let p = p?;
        if p.is_file() {
            std::fs::copy(&p, tests.join(p.file_name().unwrap()))?;
        }
    }
    // The page program every bundler builds (bundlers.test.mjs).
    std::fs::create_dir_all(tests.join("bundlers"))?;
    for e in std::fs::read_dir(root.join("bindings/wasm/tests/bundlers"))? {
        let p = e?.path();
        std::fs::copy(&p, tests.join("bundlers").join(p.file_name().unwrap()))?;
    }

    let tsc = install::npm_bin(root, TYPESCRIPT, "tsc")?;
    install::npm_bin(root, TYPES_NODE, "")?;
    install::npm_bin(root, PLAYWRIGHT_CORE, "playwright-core")?;
    let playwright = install::tools_dir(root).join("node/node_modules/playwright-core/index.mjs");
    let chromium = chromium()?;
    install::npm_bin(root, ESBUILD, "esbuild")?;
    for (package, bin) in BUNDLERS {
        install::npm_bin(root, package, bin)?;
    }

    let (_sandbox, url) = crate::sandbox::start(root, &["--transition-ms", "50"])?;
    run(Command::new("node")
        .current_dir(&tests)
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .env("PSB_SANDBOX_URL", &url)
        .env("PSB_HOSTING_DIR", &dir)
        .env("PSB_README", dir.join("README.md"))
        .env("PSB_TSC", &tsc)
        .env("PSB_TYPE_ROOTS", install::tools_dir(root).join("node/node_modules/@types"))
        .env("PSB_SURFACE", root.join(crate::surface::TABLE))
        .env("PSB_SCENARIOS", root.join("tests/scenarios/cases.json"))
        .env("PSB_PLAYWRIGHT", &playwright)
        .env("PSB_CHROMIUM", &chromium)
        .env("PSB_TOOLS_NODE", install::tools_dir(root).join("node")))?;

    let t = Instant::now();
    let dir = build(root, true)?;
    eprintln!("release package built in {:.1}s", t.elapsed().as_secs_f64());
    check_tarball(root, &dir)?;
    runtimes(root, &url)
}

/// The package in the oldest and newest Node, Deno, Bun and workerd, imported by its bare name
/// with no configuration: tests/runtimes/smoke.mjs in each, and main.cjs in each Node. workerd
/// runs through miniflare, the worker bundled as wrangler bundles it: esbuild with the
/// conditions workerd, worker, browser and `.wasm` kept a module.
fn runtimes(root: &Path, url: &str) -> Result<()> {
    let npm = root.join("target/npm");
    let dir = npm.join("runtimes");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    for e in std::fs::read_dir(root.join("bindings/wasm/tests/runtimes"))? {
        let p = e?.path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap()))?;
    }
    // A package.json above node_modules: Deno then resolves bare names from node_modules, as
    // it does in a user's npm project.
    std::fs::write(npm.join("package.json"), "{ \"private\": true, \"type\": \"module\" }\n")?;

    for version in NODE_VERSIONS {
        let node = install::node_version(root, version)?;
        for main in ["main.mjs", "main.cjs"] {
            run(Command::new(&node).current_dir(&dir).arg(main).env("PSB_SANDBOX_URL", url))?;
        }
    }
    let deno = install::npm_bin(root, DENO, "deno")?;
    run(Command::new(deno)
        .current_dir(&dir)
        .args(["run", "--no-lock", "--allow-net", "--allow-read", "--allow-env", "main.mjs"])
        .env("DENO_NO_UPDATE_CHECK", "1")
        .env("PSB_SANDBOX_URL", url))?;
    let bun = install::npm_bin(root, BUN, "bun")?;
    run(Command::new(bun).current_dir(&dir).arg("main.mjs").env("PSB_SANDBOX_URL", url))?;

    install::npm_bin(root, MINIFLARE, "miniflare")?;
    let esbuild = install::npm_bin(root, ESBUILD, "esbuild")?;
    run(Command::new(esbuild)
        .current_dir(&dir)
        .args(["worker.mjs", "--bundle", "--format=esm", "--platform=neutral", "--conditions=workerd,worker,browser"])
        .args(["--loader:.wasm=copy", "--outdir=dist", "--log-level=warning"])
        .arg("--log-override:duplicate-object-key=silent"))?;
    run(Command::new("node")
        .current_dir(&dir)
        .arg("workerd.cjs")
        .env("PSB_MINIFLARE", install::tools_dir(root).join("node/node_modules/miniflare"))
        .env("PSB_SANDBOX_URL", url))
}

/// The tarball as `npm publish` would send it: publint (strict: warnings fail too) and
/// @arethetypeswrong/cli (every resolution mode: node10, node16 CJS and ESM, bundler) must
/// report nothing, and it must hold the licenses.
pub fn check_tarball(root: &Path, dir: &Path) -> Result<()> {
    let out_dir = root.join("target/npm/pack");
    if out_dir.exists() {
        std::fs::remove_dir_all(&out_dir)?;
    }
    std::fs::create_dir_all(&out_dir)?;
    let out = Command::new("npm")
        .args(["pack", "--json", "--loglevel=error", "--pack-destination"])
        .arg(&out_dir)
        .arg(dir)
        .output()
        .context("npm is needed")?;
    if !out.status.success() {
        bail!("npm pack failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let packed: serde_json::Value = serde_json::from_slice(&out.stdout).context("npm pack --json")?;
    let files: Vec<&str> =
        packed[0]["files"].as_array().into_iter().flatten().filter_map(|f| f["path"].as_str()).collect();
    for needed in ["LICENSE-MIT", "LICENSE-APACHE", "CHANGELOG.md", "node.cjs", "index.d.cts", "psb_wasm_bg.wasm"] {
        if !files.contains(&needed) {
            bail!("the tarball has no {needed}: {files:?}");
        }
    }
    entries_have_side_effects(dir)?;
    let tarball = out_dir.join(packed[0]["filename"].as_str().context("npm pack named no file")?);
    run(Command::new(install::npm_bin(root, PUBLINT, "publint")?).arg("--strict").arg(&tarball))?;
    run(Command::new(install::npm_bin(root, ATTW, "attw")?).arg(&tarball))?;
    Ok(())
}

/// Every entry `exports`, `main` or `module` can resolve to sets the module up when imported,
/// so each must be in `sideEffects`: a bundler drops an unlisted one's setup (webpack did, for
/// `workerd.js`).
fn entries_have_side_effects(dir: &Path) -> Result<()> {
    let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("package.json"))?)?;
    fn entries<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
        match v {
            serde_json::Value::String(s) if s.ends_with(".js") || s.ends_with(".cjs") => out.push(s),
            serde_json::Value::Object(m) => m.values().for_each(|v| entries(v, out)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    for root in [&manifest["exports"], &manifest["main"], &manifest["module"]] {
        entries(root, &mut found);
    }
    found.sort_unstable();
    found.dedup();
    let listed: Vec<&str> =
        manifest["sideEffects"].as_array().into_iter().flatten().filter_map(|v| v.as_str()).collect();
    let missing: Vec<&&str> = found.iter().filter(|e| !listed.contains(e)).collect();
    if found.is_empty() || !missing.is_empty() {
        bail!("package.json: entries {missing:?} are not in sideEffects {listed:?} (found {found:?})");
    }
    Ok(())
}

/// Debian's chromium (installed with apt-get when missing): no browser downloads.
fn chromium() -> Result<PathBuf> {
    install::apt_install("/usr/bin/chromium", &["chromium", "chromium-driver"])?;
    Ok(PathBuf::from("/usr/bin/chromium"))
}
