//! The Kotlin package `hosting.psb` (bindings/kotlin, a Maven project over the uniffi crate
//! bindings/uniffi): `cargo xtask kotlin` builds the native library (debug) and generates the
//! uniffi Kotlin sources, both into target/kotlin/ where the pom expects them; `test` (a step of
//! `cargo xtask test`) then runs `mvn test` against the sandbox.

use crate::install::{self, run};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// JNA's resource folder for this platform (what `Native.load` looks for on the classpath).
const JNA_PLATFORM: &str = "linux-x86-64";
const LIBRARY: &str = "libpsb_uniffi.so";

/// Builds libpsb_uniffi.so (debug), generates the Kotlin sources into target/kotlin/generated and
/// puts the library into target/kotlin/native/linux-x86-64/ (JNA's layout, a resource folder of
/// the pom). Returns target/kotlin.
pub fn build(root: &Path) -> Result<PathBuf> {
    if !(cfg!(target_os = "linux") && cfg!(target_arch = "x86_64")) {
        bail!("the Kotlin package is packaged for linux-x86-64 only");
    }
    run(install::cargo(root).args(["build", "--quiet", "-p", "psb-uniffi", "--lib", "--bin", "uniffi-bindgen"]))?;
    let library = root.join("target/debug").join(LIBRARY);
    let out = root.join("target/kotlin");
    let generated = out.join("generated");
    // Only this build's sources: a renamed type must not leave a stale file behind.
    if generated.exists() {
        std::fs::remove_dir_all(&generated).with_context(|| format!("cannot remove {}", generated.display()))?;
    }
    run(Command::new(root.join("target/debug/uniffi-bindgen"))
        .current_dir(root)
        .args(["generate", "--no-format", "--language", "kotlin", "--library"])
        .arg(&library)
        .arg("--out-dir")
        .arg(&generated)
        .arg("--config")
        .arg(root.join("bindings/uniffi/uniffi.toml")))?;
    let native = out.join("native").join(JNA_PLATFORM);
    std::fs::create_dir_all(&native)?;
    std::fs::copy(&library, native.join(LIBRARY))
        .with_context(|| format!("cannot copy {} to {}", library.display(), native.display()))?;
    eprintln!("generated {} and {}", generated.display(), native.join(LIBRARY).display());
    Ok(out)
}

/// The sandbox binary, the generated sources, then `mvn test` (JUnit 5 against psb-mock).
/// Maven's repository lives under target/tools/m2, so a run depends on no ~/.m2 state.
pub fn test(root: &Path) -> Result<()> {
    run(install::cargo(root).args(["build", "--quiet", "-p", "psb-mock"]))?;
    build(root)?;
    let reports = root.join("bindings/kotlin/target/surefire-reports");
    if reports.exists() {
        std::fs::remove_dir_all(&reports).with_context(|| format!("cannot remove {}", reports.display()))?;
    }
    // `install`: the tests, then the jar into target/tools/m2, where the consumer finds it.
    run(mvn(root).args(["install"]))?;
    // `-q` hides Surefire's summary: one line from its reports instead.
    let (mut tests, mut failed, mut skipped) = (0, 0, 0);
    for entry in std::fs::read_dir(&reports).with_context(|| format!("no test reports in {}", reports.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "xml") {
            let text = std::fs::read_to_string(&path)?;
            let suite = text.split("<testsuite ").nth(1).unwrap_or("");
            tests += attribute(suite, "tests");
            failed += attribute(suite, "failures") + attribute(suite, "errors");
            skipped += attribute(suite, "skipped");
        }
    }
    if tests == 0 {
        bail!("mvn test ran no test");
    }
    eprintln!("kotlin: {} passed, {failed} failed, {skipped} skipped", tests - failed - skipped);
    consumer(root)
}

/// The release jar (`mvn -P dist install`, tests skipped: `test` runs them on the debug library)
/// with the given libraries (JNA folder, file name) from `natives`, its sources and javadoc jars
/// and its pom, copied into `out`; then the Kotlin 2.2 consumer builds and runs against it (on
/// this machine, that loads the jar's release library).
pub fn dist(root: &Path, natives: &Path, libraries: &[(&str, &str)], out: &Path) -> Result<Vec<PathBuf>> {
    build(root)?; // the generated sources
    run(mvn(root)
        .args(["-P", "dist", "-DskipTests", "clean", "install"])
        .arg(format!("-Dpsb.native={}", natives.display())))?;
    let version = crate::wasm::workspace_setting(root, "version")?;
    let target = root.join("bindings/kotlin/target");
    let name = format!("psb-hosting-{version}");
    let entries = crate::dist::zip_names;
    let jar = target.join(format!("{name}.jar"));
    let listing = entries(&jar)?;
    let mut needed: Vec<String> = libraries.iter().map(|(dir, lib)| format!("{dir}/{lib}")).collect();
    needed.extend(["META-INF/LICENSE-MIT", "META-INF/LICENSE-APACHE", "META-INF/CHANGELOG.md"].map(String::from));
    needed.push("hosting/psb/Client.class".into());
    for entry in &needed {
        anyhow::ensure!(listing.contains(entry), "{} has no {entry}", jar.display());
    }
    let sources = target.join(format!("{name}-sources.jar"));
    let listing = entries(&sources)?;
    for entry in ["hosting/psb/Resources.kt", "hosting/psb/ffi/psb_uniffi.kt", "META-INF/LICENSE-MIT"] {
        anyhow::ensure!(listing.iter().any(|e| e == entry), "{} has no {entry}", sources.display());
    }
    let binaries: Vec<_> = listing.iter().filter(|e| libraries.iter().any(|(_, lib)| e.ends_with(lib))).collect();
    anyhow::ensure!(binaries.is_empty(), "{} holds native libraries: {binaries:?}", sources.display());
    let javadoc = target.join(format!("{name}-javadoc.jar"));
    anyhow::ensure!(entries(&javadoc)?.iter().any(|e| e == "index.html"), "{} has no index.html", javadoc.display());
    consumer(root)?;
    std::fs::create_dir_all(out)?;
    let mut files = Vec::new();
    for (from, to) in [
        (jar, format!("{name}.jar")),
        (sources, format!("{name}-sources.jar")),
        (javadoc, format!("{name}-javadoc.jar")),
        (root.join("bindings/kotlin/pom.xml"), format!("{name}.pom")),
    ] {
        std::fs::copy(&from, out.join(&to)).with_context(|| format!("cannot copy {}", from.display()))?;
        files.push(out.join(to));
    }
    Ok(files)
}

/// bindings/kotlin/consumer, a user's project on Kotlin 2.2 (the oldest the package supports),
/// compiled with warnings as errors against the installed jar and run against a sandbox.
fn consumer(root: &Path) -> Result<()> {
    let (_sandbox, url) = crate::sandbox::start(root, &[])?;
    let out = mvn(root)
        .args(["-f", "consumer/pom.xml", "compile", "exec:java", &format!("-Dexec.args={url}")])
        .output()
        .context("cannot run mvn")?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() || !stdout.contains("order 25284: Issued") || !stdout.contains("not found: 404") {
        bail!("the Kotlin 2.2 consumer failed:\n{stdout}{}", String::from_utf8_lossy(&out.stderr));
    }
    eprintln!("kotlin: a Kotlin 2.2 project builds against the jar and runs");
    Ok(())
}

/// A numeric attribute of Surefire's `<testsuite ...>` tag (0 when absent).
fn attribute(tag: &str, name: &str) -> u64 {
    let tag = tag.split('>').next().unwrap_or("");
    tag.split(&format!(" {name}=\"")[..])
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// `mvn -B -q` in bindings/kotlin with the repository under target/tools/m2.
pub(crate) fn mvn(root: &Path) -> Command {
    let mut cmd = Command::new("mvn");
    cmd.current_dir(root.join("bindings/kotlin"))
        .args(["-B", "-q", "-ntp"])
        .arg(format!("-Dmaven.repo.local={}", install::tools_dir(root).join("m2").display()));
    cmd
}
