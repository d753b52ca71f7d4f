//! `cargo xtask dist`: every release artifact, cross-built on this machine into target/dist/,
//! each checked there, and a manifest of them (platform, size, sha256).
//!
//! Native code is built with zig as the C compiler and linker (PyPI's `ziglang`): maturin `--zig`
//! builds the wheels, cargo-zigbuild the CLI. The Kotlin jar carries the libraries taken out of
//! the wheels, so each platform's library is built once. There is no macOS SDK here: macOS builds
//! link against stub frameworks made from `xtask/dist/apple-frameworks.txt` (see [`apple_stubs`]).

use crate::install::{self, cargo, run};
use anyhow::{bail, ensure, Context, Result};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

const ZIG: &str = "ziglang==0.17.1";
// Not the 0.24.0 that maturin 1.16 builds with inside: the two versions' zig wrappers live at
// different paths, so on macOS (one target for the wheel and the CLI) each build relinks what the
// other built. Pinning 0.24.0 should end that; not yet measured.
const ZIGBUILD: &str = "cargo-zigbuild==0.24.1";
const TWINE: &str = "twine==7.0.0";
const AUDITWHEEL: &str = "auditwheel==6.8.2";
const WHEEL: &str = "wheel==0.48.0";
/// The Cargo profile of everything dist builds (see the root Cargo.toml). Its host artifacts
/// (build scripts, proc macros) share target/dist/ with the outputs, so a run clears only the
/// outputs ([`OUTPUTS`]).
const PROFILE: &str = "dist";
/// What a run writes into target/dist/ (and clears first).
const OUTPUTS: &[&str] = &["python", "cli", "kotlin", "npm", "crates", "manifest.json", "SHA256SUMS"];
/// Debian's MinGW-w64 C compiler, the Windows linker (see [`Platform::mingw`]).
const MINGW_GCC: &str = "x86_64-w64-mingw32-gcc";
/// The crates published to crates.io, in dependency order.
pub const CRATES: &[&str] = &["psb-model", "psb-api", "psb", "psb-mock", "psb-cli"];

/// A platform users install on.
pub struct Platform {
    /// Our name for it, in file names and the manifest.
    pub id: &'static str,
    /// The Rust target of the library.
    target: &'static str,
    /// The Rust target of the CLI: on Linux musl, so the binary is static.
    cli_target: &'static str,
    /// JNA's resource folder (`Platform.RESOURCE_PREFIX`), where the jar keeps the library.
    jna: &'static str,
    library: &'static str,
    exe: &'static str,
    format: Format,
    /// Windows links with Debian's MinGW-w64 gcc, not zig: cargo-zigbuild and maturin `--zig`
    /// drop the `.def` file rustc passes, which leaves a DLL that exports nothing.
    mingw: bool,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Format {
    Elf { machine: u16 },
    MachO { cpu: u32 },
    Pe { machine: u16 },
}

pub const PLATFORMS: &[Platform] = &[
    Platform {
        id: "linux-x86_64",
        target: "x86_64-unknown-linux-gnu",
        cli_target: "x86_64-unknown-linux-musl",
        jna: "linux-x86-64",
        library: "libpsb_uniffi.so",
        exe: "psb",
        format: Format::Elf { machine: 62 },
        mingw: false,
    },
    Platform {
        id: "linux-aarch64",
        target: "aarch64-unknown-linux-gnu",
        cli_target: "aarch64-unknown-linux-musl",
        jna: "linux-aarch64",
        library: "libpsb_uniffi.so",
        exe: "psb",
        format: Format::Elf { machine: 183 },
        mingw: false,
    },
    Platform {
        id: "macos-aarch64",
        target: "aarch64-apple-darwin",
        cli_target: "aarch64-apple-darwin",
        jna: "darwin-aarch64",
        library: "libpsb_uniffi.dylib",
        exe: "psb",
        format: Format::MachO { cpu: 0x0100_000c },
        mingw: false,
    },
    Platform {
        id: "macos-x86_64",
        target: "x86_64-apple-darwin",
        cli_target: "x86_64-apple-darwin",
        jna: "darwin-x86-64",
        library: "libpsb_uniffi.dylib",
        exe: "psb",
        format: Format::MachO { cpu: 0x0100_0007 },
        mingw: false,
    },
    Platform {
        id: "windows-x86_64",
        target: "x86_64-pc-windows-gnu",
        cli_target: "x86_64-pc-windows-gnu",
        jna: "win32-x86-64",
        library: "psb_uniffi.dll",
        exe: "psb.exe",
        format: Format::Pe { machine: 0x8664 },
        mingw: true,
    },
];

/// One file of target/dist/, as the manifest lists it.
struct Artifact {
    path: PathBuf,
    kind: &'static str,
    platform: &'static str,
}

/// Builds and checks every artifact (or only those of `only`'s platforms, plus the
/// platform-independent ones), then writes target/dist/manifest.json and SHA256SUMS.
pub fn run_dist(root: &Path, only: &[String]) -> Result<()> {
    let platforms: Vec<&Platform> =
        PLATFORMS.iter().filter(|p| only.is_empty() || only.iter().any(|o| o == p.id)).collect();
    if let Some(unknown) = only.iter().find(|o| !PLATFORMS.iter().any(|p| p.id == *o)) {
        let known: Vec<_> = PLATFORMS.iter().map(|p| p.id).collect();
        bail!("no platform {unknown}; the platforms are {}", known.join(", "));
    }
    let version = check_release_files(root)?;
    let out = root.join("target/dist");
    let work = root.join("target/dist-work");
    for old in OUTPUTS.iter().map(|o| out.join(o)).chain([work.clone()]) {
        if old.is_dir() {
            std::fs::remove_dir_all(&old).with_context(|| format!("cannot clear {}", old.display()))?;
        } else if old.exists() {
            std::fs::remove_file(&old)?;
        }
    }
    std::fs::create_dir_all(&work)?;
    let bin = install::venv(root, &[crate::python::MATURIN, ZIG, ZIGBUILD, TWINE, AUDITWHEEL, WHEEL])?;
    let stubs = apple_stubs(root, &work)?;
    let mut artifacts = Vec::new();

    // Native code: a wheel and a CLI per platform, the library kept for the jar.
    let natives = work.join("native");
    for p in &platforms {
        if p.mingw {
            install::apt_install(&format!("/usr/bin/{MINGW_GCC}"), &["gcc-mingw-w64-x86-64"])?;
        }
        install::rustup_target(p.target)?;
        install::rustup_target(p.cli_target)?;
        let wheel = wheel(root, &bin, p, &stubs, &out.join("python"))?;
        let library = natives.join(p.jna).join(p.library);
        std::fs::create_dir_all(library.parent().unwrap())?;
        std::fs::write(&library, read_zip_entry(&wheel, &format!("psb_hosting/_native/{}", p.library))?)?;
        check_binary(root, &library, p).with_context(|| format!("the {} library in {}", p.id, wheel.display()))?;
        check_exports(root, &library, p.format)?;
        if let Format::MachO { .. } = p.format {
            let id = macho_install_name(root, &library)?;
            let expected = format!("@rpath/{}", p.library);
            ensure!(id.as_deref() == Some(expected.as_str()), "the {} library's install name is {id:?}", p.id);
        }
        artifacts.push(Artifact { path: wheel, kind: "wheel", platform: p.id });
        let cli = cli(root, &bin, p, &stubs, &version, &out.join("cli"), &work)?;
        artifacts.push(Artifact { path: cli, kind: "cli", platform: p.id });
    }
    check_wheels(root, &bin, &artifacts, &work)?;

    if !platforms.is_empty() {
        for path in crate::kotlin::dist(
            root,
            &natives,
            &platforms.iter().map(|p| (p.jna, p.library)).collect::<Vec<_>>(),
            &out.join("kotlin"),
        )? {
            artifacts.push(Artifact { path, kind: "maven", platform: "any" });
        }
    }
    artifacts.push(Artifact { path: npm(root, &out.join("npm"))?, kind: "npm", platform: "any" });
    for path in crates(root, &out.join("crates"))? {
        artifacts.push(Artifact { path, kind: "crate", platform: "any" });
    }
    write_manifest(&out, &version, &artifacts)
}

/// The one version every artifact carries (the workspace's), checked against the pom and the
/// CHANGELOG, which must have its section; the licences must be at the root.
pub fn check_release_files(root: &Path) -> Result<String> {
    let version = crate::wasm::workspace_setting(root, "version")?;
    let pom = std::fs::read_to_string(root.join("bindings/kotlin/pom.xml"))?;
    let pom_version = pom
        .split("</artifactId>")
        .nth(1)
        .and_then(|rest| rest.split("<version>").nth(1))
        .and_then(|rest| rest.split("</version>").next())
        .context("the pom has no version")?;
    ensure!(pom_version == version, "bindings/kotlin/pom.xml is version {pom_version}, the workspace {version}");
    let changelog = std::fs::read_to_string(root.join("CHANGELOG.md")).context("no CHANGELOG.md at the root")?;
    ensure!(
        changelog.lines().any(|l| l.starts_with(&format!("## [{version}]"))),
        "CHANGELOG.md has no `## [{version}]` section"
    );
    for license in ["LICENSE-MIT", "LICENSE-APACHE"] {
        ensure!(root.join(license).exists(), "no {license} at the root");
    }
    // Each package carries the root's files through links; a checkout that turned a link into a
    // text file holding its path (seen once) would ship "../../LICENSE-MIT" as the licence.
    let mut copies: Vec<(String, &str)> = Vec::new();
    for dir in CRATES.iter().map(|k| format!("crates/{k}")) {
        copies.extend(["LICENSE-MIT", "LICENSE-APACHE", "CHANGELOG.md"].map(|f| (format!("{dir}/{f}"), f)));
    }
    copies.extend(["LICENSE-MIT", "LICENSE-APACHE"].map(|f| (format!("bindings/python/{f}"), f)));
    copies.push(("bindings/python/python/psb_hosting/CHANGELOG.md".into(), "CHANGELOG.md"));
    for (copy, file) in copies {
        let same = std::fs::read(root.join(&copy)).ok() == Some(std::fs::read(root.join(file))?);
        ensure!(same, "{copy} is not the root's {file} (it should be a link to it)");
    }
    for needed in ["<url>", "<licenses>", "<developers>", "<scm>", "<description>"] {
        ensure!(pom.contains(needed), "bindings/kotlin/pom.xml has no {needed}, which Maven Central requires");
    }
    check_crate_metadata(root)?;
    Ok(version)
}

/// Each published crate has the metadata crates.io shows (and `cargo publish` asks for), and its
/// package lists the README, the licences and the CHANGELOG (links to the root's).
fn check_crate_metadata(root: &Path) -> Result<()> {
    let out = cargo(root).args(["metadata", "--quiet", "--no-deps", "--format-version", "1"]).output()?;
    ensure!(out.status.success(), "cargo metadata failed: {}", String::from_utf8_lossy(&out.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    for krate in CRATES {
        let package = metadata["packages"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["name"] == *krate))
            .with_context(|| format!("no crate {krate} in the workspace"))?;
        for field in ["description", "license", "repository", "readme", "rust_version"] {
            ensure!(package[field].as_str().is_some_and(|v| !v.is_empty()), "crate {krate} has no {field}");
        }
        for field in ["keywords", "categories"] {
            ensure!(package[field].as_array().is_some_and(|v| !v.is_empty()), "crate {krate} has no {field}");
        }
        ensure!(package["publish"].is_null(), "crate {krate} is not publishable");
        let out = cargo(root).args(["package", "--quiet", "--allow-dirty", "--list", "-p", krate]).output()?;
        ensure!(out.status.success(), "cargo package --list -p {krate}: {}", String::from_utf8_lossy(&out.stderr));
        let listing = String::from_utf8_lossy(&out.stdout);
        for needed in ["LICENSE-MIT", "LICENSE-APACHE", "README.md", "CHANGELOG.md"] {
            ensure!(listing.lines().any(|l| l == needed), "the {krate} package would have no {needed}");
        }
    }
    Ok(())
}

/// Writes the stub frameworks macOS builds link against: for each framework a `.tbd` (the text
/// form of a dylib Apple's SDK ships) exporting the symbols psb uses, under the framework's real
/// install name, so the library loads the system's own framework at run time. A symbol missing
/// from the list fails the link by name. Returns the folder to pass as `-F`.
fn apple_stubs(root: &Path, work: &Path) -> Result<PathBuf> {
    let list = std::fs::read_to_string(root.join("xtask/dist/apple-frameworks.txt"))?;
    let symbols: Vec<&str> = list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let dir = work.join("apple-frameworks");
    for framework in ["CoreFoundation", "Security"] {
        let is_cf = |s: &&str| s.trim_start_matches('_').trim_start_matches('k').starts_with("CF");
        let mine: Vec<String> =
            symbols.iter().filter(|s| is_cf(s) == (framework == "CoreFoundation")).map(|s| format!("'{s}'")).collect();
        let folder = dir.join(format!("{framework}.framework"));
        std::fs::create_dir_all(&folder)?;
        let targets = "[ x86_64-macos, arm64-macos ]";
        std::fs::write(
            folder.join(format!("{framework}.tbd")),
            format!(
                "--- !tapi-tbd\ntbd-version: 4\ntargets: {targets}\n\
                 install-name: '/System/Library/Frameworks/{framework}.framework/Versions/A/{framework}'\n\
                 exports:\n  - targets: {targets}\n    symbols: [ {} ]\n...\n",
                mine.join(", ")
            ),
        )?;
    }
    Ok(dir)
}

/// Environment for a cross build: the venv's zig and cargo-zigbuild on PATH, for Apple targets
/// the stub frameworks, for Windows MinGW's gcc (all per target, so host build scripts are
/// untouched).
fn zig_env(cmd: &mut Command, bin: &Path, target: &str, stubs: &Path) {
    let path = std::env::var("PATH").unwrap_or_default();
    cmd.env("PATH", format!("{}:{path}", bin.display())).env("CARGO", install::cargo_program());
    if target.ends_with("-windows-gnu") {
        let var = target.to_uppercase().replace('-', "_");
        cmd.env(format!("CARGO_TARGET_{var}_LINKER"), MINGW_GCC)
            .env(format!("CC_{}", target.replace('-', "_")), MINGW_GCC)
            .env(format!("AR_{}", target.replace('-', "_")), "x86_64-w64-mingw32-ar");
    }
    if target.ends_with("-apple-darwin") {
        let var = format!("CARGO_TARGET_{}_RUSTFLAGS", target.to_uppercase().replace('-', "_"));
        cmd.env(var, format!("-C link-arg=-F{}", stubs.display()));
    }
}

/// One platform's wheel (maturin `--zig`; glibc 2.17 on Linux, i.e. manylinux2014).
fn wheel(root: &Path, bin: &Path, p: &Platform, stubs: &Path, out: &Path) -> Result<PathBuf> {
    let staging = root.join("target/dist-work/wheel").join(p.id);
    std::fs::create_dir_all(&staging)?;
    let mut cmd = Command::new(bin.join("maturin"));
    cmd.current_dir(root.join("bindings/python"))
        .args(["build", "--quiet", "--profile", PROFILE, "--target", p.target, "--out"])
        .arg(&staging);
    if !p.mingw {
        cmd.arg("--zig");
    }
    if p.target.contains("linux") {
        cmd.args(["--compatibility", "manylinux2014"]);
    }
    if let Format::MachO { .. } = p.format {
        // The library's own name, as loaders and linkers see it: not a path on this machine.
        // (rustc flags after `--` reach the last crate only, so nothing else rebuilds.)
        cmd.arg("--").arg(format!("-Clink-arg=-Wl,-install_name,@rpath/{}", p.library));
    }
    zig_env(&mut cmd, bin, p.target, stubs);
    run(&mut cmd)?;
    // maturin has generated the bindings from the library's symbols; now the symbols can go.
    // `wheel unpack`/`pack` rewrite the RECORD with the stripped library's hash.
    let built = only_file(&staging, ".whl")?;
    let unpacked = staging.join("unpacked");
    run(Command::new(bin.join("wheel")).arg("unpack").arg(&built).arg("-d").arg(&unpacked))?;
    let tree = only_entry(&unpacked)?;
    strip(root, &tree.join("psb_hosting/_native").join(p.library), p.format)?;
    std::fs::create_dir_all(out)?;
    run(Command::new(bin.join("wheel")).arg("pack").arg(&tree).arg("-d").arg(out))?;
    let dest = out.join(built.file_name().unwrap());
    ensure!(dest.exists(), "wheel pack did not write {}", dest.display());
    Ok(dest)
}

/// Removes a binary's symbol table and debug info, keeping what the loader needs: on Mach-O
/// only the local symbols go (`-x`), since a dylib's exported names are global symbols there.
fn strip(root: &Path, file: &Path, format: Format) -> Result<()> {
    let mut cmd = Command::new(llvm_tool(root, "llvm-strip")?);
    match format {
        Format::MachO { .. } => cmd.args(["-x", "--strip-debug"]),
        _ => cmd.arg("--strip-all"),
    };
    run(cmd.arg(file))
}

/// `twine check` on every wheel, `auditwheel show` on the Linux ones (their tag must be
/// manylinux2014's), and the README quickstart from this machine's wheel in a clean venv.
fn check_wheels(root: &Path, bin: &Path, artifacts: &[Artifact], work: &Path) -> Result<()> {
    let wheels: Vec<&Artifact> = artifacts.iter().filter(|a| a.kind == "wheel").collect();
    if wheels.is_empty() {
        return Ok(());
    }
    run(Command::new(bin.join("twine")).args(["check", "--strict"]).args(wheels.iter().map(|w| &w.path)))?;
    for w in &wheels {
        let names = zip_names(&w.path)?;
        for needed in
            ["licenses/LICENSE-MIT", "licenses/LICENSE-APACHE", "psb_hosting/CHANGELOG.md", "psb_hosting/py.typed"]
        {
            ensure!(names.iter().any(|n| n.ends_with(needed)), "{} has no {needed}: {names:?}", w.path.display());
        }
    }
    for w in wheels.iter().filter(|w| w.platform.starts_with("linux")) {
        let arch = w.platform.trim_start_matches("linux-");
        let out = Command::new(bin.join("auditwheel")).arg("show").arg(&w.path).output()?;
        let text = String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
        let tag = format!("manylinux_2_17_{arch}");
        ensure!(
            out.status.success() && text.contains(&format!("\"{tag}\"")),
            "auditwheel does not give {} the tag {tag}: {text}",
            w.path.display()
        );
        eprintln!("auditwheel: {} is {tag}", w.path.file_name().unwrap().to_string_lossy());
    }
    if let Some(host) = wheels.iter().find(|w| w.platform == "linux-x86_64") {
        let venv = work.join("venv");
        run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
        let python = venv.join("bin/python");
        run(Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "pytest==9.2.0"])
            .arg(&host.path))?;
        run(cargo(root).args(["build", "--quiet", "-p", "psb-mock"]))?;
        // The test reads the installed package: run it from outside the source tree's python/.
        run(Command::new(&python)
            .current_dir(root.join("bindings/python"))
            .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_readme.py", "-k", "quickstart"])
            .env("PSB_MOCK_BIN", root.join("target/debug/psb-mock")))?;
    }
    Ok(())
}

/// The CLI for one platform, archived with its README, the licences and the CHANGELOG
/// (`.zip` on Windows, `.tar.gz` elsewhere). On this machine's platform it also runs.
fn cli(root: &Path, bin: &Path, p: &Platform, stubs: &Path, version: &str, out: &Path, work: &Path) -> Result<PathBuf> {
    let mut cmd = cargo(root);
    cmd.args([
        if p.mingw { "build" } else { "zigbuild" },
        "--quiet",
        "-p",
        "psb-cli",
        "--bin",
        "psb",
        "--profile",
        PROFILE,
        "--target",
        p.cli_target,
    ]);
    zig_env(&mut cmd, bin, p.cli_target, stubs);
    run(&mut cmd)?;
    let name = format!("psb-{version}-{}", p.id);
    let stage = work.join("cli").join(&name);
    std::fs::create_dir_all(&stage)?;
    let exe = stage.join(p.exe);
    std::fs::copy(root.join("target").join(p.cli_target).join(PROFILE).join(p.exe), &exe)?;
    strip(root, &exe, p.format)?;
    check_binary(root, &exe, p).with_context(|| format!("the {} CLI", p.id))?;
    if p.cli_target.contains("musl") {
        ensure!(
            !elf_has_interpreter(&std::fs::read(&exe)?)?,
            "{} is not static: it names a dynamic loader",
            exe.display()
        );
    }
    // Both Linux CLIs are static, so each runs here: x86_64 as it is, aarch64 under qemu's user
    // mode (Debian's qemu-user-static), with no sysroot.
    let host = cfg!(all(target_os = "linux", target_arch = "x86_64"));
    if host && p.id == "linux-x86_64" {
        check_cli_runs(Command::new(&exe), &exe, version)?;
    }
    if host && p.id == "linux-aarch64" {
        const QEMU: &str = "/usr/bin/qemu-aarch64-static";
        install::apt_install(QEMU, &["qemu-user-static"])?;
        let mut cmd = Command::new(QEMU);
        cmd.arg(&exe);
        check_cli_runs(cmd, &exe, version)?;
    }
    std::fs::copy(root.join("crates/psb-cli/README.md"), stage.join("README.md"))?;
    for file in ["LICENSE-MIT", "LICENSE-APACHE", "CHANGELOG.md"] {
        std::fs::copy(root.join(file), stage.join(file))?;
    }
    std::fs::create_dir_all(out)?;
    let archive = if p.exe.ends_with(".exe") {
        let path = out.join(format!("{name}.zip"));
        run(Command::new("python3").current_dir(work.join("cli")).args(["-m", "zipfile", "-c"]).arg(&path).arg(&name))?;
        path
    } else {
        let path = out.join(format!("{name}.tar.gz"));
        run(Command::new("tar").current_dir(work.join("cli")).arg("czf").arg(&path).arg(&name))?;
        path
    };
    Ok(archive)
}

/// A static Linux CLI answers `--version` and reads the account from its own built-in sandbox.
/// `psb` is the command that starts it (the binary, or an emulator given the binary).
fn check_cli_runs(psb: Command, exe: &Path, version: &str) -> Result<()> {
    let run_with = |args: &[&str]| -> Result<(bool, String)> {
        let out = Command::new(psb.get_program()).args(psb.get_args()).args(args).output()?;
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        Ok((out.status.success(), text))
    };
    let (ok, said) = run_with(&["--version"])?;
    ensure!(ok && said.contains(version), "`psb --version` printed {said:?}");
    let (ok, text) = run_with(&["--sandbox", "--output", "json", "account", "get"])?;
    ensure!(ok && text.contains("\"balance\""), "`psb --sandbox account get` failed: {text}");
    eprintln!("cli: {} runs: {}, and reads the sandbox's account", exe.display(), said.trim());
    Ok(())
}

/// The file is a binary for `p`'s format and CPU; a Mach-O or PE file also links only the
/// operating system's own libraries (read with llvm-objdump from rustup's llvm-tools).
fn check_binary(root: &Path, file: &Path, p: &Platform) -> Result<()> {
    let bytes = std::fs::read(file)?;
    let found = binary_format(&bytes).with_context(|| format!("{} is not a binary this knows", file.display()))?;
    ensure!(found == p.format, "{} is {found:?}, not {:?}", file.display(), p.format);
    let system: &dyn Fn(&str) -> bool = match p.format {
        Format::Elf { .. } => return Ok(()),
        Format::MachO { .. } => {
            &|lib: &str| lib.starts_with("/usr/lib/") || lib.starts_with("/System/Library/Frameworks/")
        }
        Format::Pe { .. } => &|lib: &str| {
            let lib = lib.to_ascii_lowercase();
            WINDOWS_SYSTEM_DLLS.contains(&lib.as_str()) || lib.starts_with("api-ms-win-")
        },
    };
    let libs = linked_libraries(root, file, p.format)?;
    ensure!(!libs.is_empty(), "found no library that {} links", file.display());
    let foreign: Vec<&String> = libs.iter().filter(|l| !system(l)).collect();
    ensure!(foreign.is_empty(), "{} links libraries a user's system does not have: {foreign:?}", file.display());
    Ok(())
}

/// The DLLs every Windows x64 has (Windows 10 and later).
const WINDOWS_SYSTEM_DLLS: &[&str] = &[
    "kernel32.dll",
    "combase.dll",
    "ntdll.dll",
    "advapi32.dll",
    "bcrypt.dll",
    "bcryptprimitives.dll",
    "crypt32.dll",
    "msvcrt.dll",
    "ole32.dll",
    "oleaut32.dll",
    "secur32.dll",
    "shell32.dll",
    "user32.dll",
    "userenv.dll",
    "ws2_32.dll",
    "ncrypt.dll",
    "iphlpapi.dll",
    "synchronization.dll",
];

fn linked_libraries(root: &Path, file: &Path, format: Format) -> Result<Vec<String>> {
    let objdump = llvm_tool(root, "llvm-objdump")?;
    let mut cmd = Command::new(objdump);
    match format {
        Format::MachO { .. } => cmd.args(["--macho", "--dylibs-used"]),
        _ => cmd.arg("-p"),
    };
    let out = cmd.arg(file).output().context("cannot run llvm-objdump")?;
    ensure!(
        out.status.success(),
        "llvm-objdump failed on {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    Ok(match format {
        // "\t/usr/lib/libSystem.B.dylib (compatibility version …)"; the first line names the file,
        // and a dylib lists its own install name too.
        Format::MachO { .. } => {
            let id = macho_install_name(root, file)?;
            let names = text.lines().skip(1).filter_map(|l| l.split_whitespace().next()).map(String::from);
            names.filter(|name| Some(name) != id.as_ref()).collect()
        }
        _ => text.lines().filter_map(|l| l.trim().strip_prefix("DLL Name: ")).map(String::from).collect(),
    })
}

/// A Mach-O dylib's own install name (`LC_ID_DYLIB`); none for an executable.
fn macho_install_name(root: &Path, file: &Path) -> Result<Option<String>> {
    let out = Command::new(llvm_tool(root, "llvm-objdump")?).args(["--macho", "--dylib-id"]).arg(file).output()?;
    ensure!(out.status.success(), "llvm-objdump --dylib-id failed on {}", file.display());
    Ok(String::from_utf8_lossy(&out.stdout).lines().nth(1).map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()))
}

/// The library exports uniffi's entry points (a linker that drops rustc's export list leaves a
/// library that loads and offers nothing).
fn check_exports(root: &Path, file: &Path, format: Format) -> Result<()> {
    const ENTRY: &str = "ffi_psb_uniffi_uniffi_contract_version";
    let mut cmd =
        Command::new(llvm_tool(root, if matches!(format, Format::Pe { .. }) { "llvm-objdump" } else { "llvm-nm" })?);
    match format {
        Format::Pe { .. } => cmd.arg("-p"),
        Format::Elf { .. } => cmd.args(["-D", "--defined-only"]),
        Format::MachO { .. } => cmd.args(["--extern-only", "--defined-only"]),
    };
    let out = cmd.arg(file).output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    ensure!(out.status.success() && text.contains(ENTRY), "{} does not export {ENTRY}", file.display());
    Ok(())
}

/// A tool of rustup's `llvm-tools` component (installed when missing).
fn llvm_tool(root: &Path, name: &str) -> Result<PathBuf> {
    let sysroot = Command::new("rustc").current_dir(root).args(["--print", "sysroot"]).output()?;
    let sysroot = PathBuf::from(String::from_utf8(sysroot.stdout)?.trim());
    let host = Command::new("rustc").current_dir(root).arg("-vV").output()?;
    let host = String::from_utf8(host.stdout)?
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(String::from))
        .context("rustc -vV names no host")?;
    let path = sysroot.join("lib/rustlib").join(host).join("bin").join(name);
    if !path.exists() {
        run(Command::new("rustup").current_dir(root).args(["component", "add", "llvm-tools"]))?;
    }
    Ok(path)
}

/// What kind of binary the bytes are: ELF (e_machine), 64-bit Mach-O (cputype) or PE (Machine).
fn binary_format(b: &[u8]) -> Option<Format> {
    let u16_at = |at: usize| b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]));
    let u32_at = |at: usize| b.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]));
    if b.starts_with(b"\x7fELF") {
        return Some(Format::Elf { machine: u16_at(18)? });
    }
    if u32_at(0)? == 0xfeed_facf {
        return Some(Format::MachO { cpu: u32_at(4)? });
    }
    if b.starts_with(b"MZ") {
        let pe = u32_at(0x3c)? as usize;
        if b.get(pe..pe + 4)? == b"PE\0\0" {
            return Some(Format::Pe { machine: u16_at(pe + 4)? });
        }
    }
    None
}

/// Whether a 64-bit little-endian ELF file has a PT_INTERP header (names a dynamic loader).
fn elf_has_interpreter(b: &[u8]) -> Result<bool> {
    let read = |at: usize, n: usize| -> Result<u64> {
        let s = b.get(at..at + n).context("a truncated ELF file")?;
        Ok(s.iter().rev().fold(0u64, |acc, &x| (acc << 8) | u64::from(x)))
    };
    ensure!(b.get(4) == Some(&2) && b.get(5) == Some(&1), "not a 64-bit little-endian ELF file");
    let (phoff, phentsize, phnum) = (read(0x20, 8)? as usize, read(0x36, 2)? as usize, read(0x38, 2)? as usize);
    const PT_INTERP: u64 = 3;
    for i in 0..phnum {
        if read(phoff + i * phentsize, 4)? == PT_INTERP {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The npm tarball: the release package (`cargo xtask wasm`), packed and checked as the tests do.
fn npm(root: &Path, out: &Path) -> Result<PathBuf> {
    let dir = crate::wasm::build(root, true)?;
    crate::wasm::check_tarball(root, &dir)?;
    let packed = only_file(&root.join("target/npm/pack"), ".tgz")?;
    std::fs::create_dir_all(out)?;
    let dest = out.join(packed.file_name().unwrap());
    std::fs::copy(&packed, &dest)?;
    Ok(dest)
}

/// `cargo package` of the published crates, together (so each resolves the others unpublished),
/// verified: each `.crate` builds on its own.
pub fn crates(root: &Path, out: &Path) -> Result<Vec<PathBuf>> {
    let mut cmd = cargo(root);
    cmd.args(["package", "--quiet", "--allow-dirty"]);
    for krate in CRATES {
        cmd.args(["-p", krate]);
    }
    run(&mut cmd)?;
    let version = crate::wasm::workspace_setting(root, "version")?;
    std::fs::create_dir_all(out)?;
    let mut files = Vec::new();
    for krate in CRATES {
        let name = format!("{krate}-{version}.crate");
        let file = root.join("target/package").join(&name);
        let listing = Command::new("tar").arg("tzf").arg(&file).output()?;
        let listing = String::from_utf8_lossy(&listing.stdout);
        for needed in ["LICENSE-MIT", "LICENSE-APACHE", "README.md", "CHANGELOG.md"] {
            // A link in the tree is a file in the package.
            ensure!(listing.lines().any(|l| l == format!("{krate}-{version}/{needed}")), "{name} has no {needed}");
        }
        std::fs::copy(&file, out.join(&name))?;
        files.push(out.join(name));
    }
    Ok(files)
}

fn write_manifest(out: &Path, version: &str, artifacts: &[Artifact]) -> Result<()> {
    let mut entries = Vec::new();
    let mut sums = String::new();
    eprintln!("\n{:<64} {:<15} {:>12}", "file", "platform", "bytes");
    for a in artifacts {
        let bytes = std::fs::read(&a.path)?;
        let sha256 = format!("{:x}", Sha256::digest(&bytes));
        let file = a.path.strip_prefix(out)?.to_string_lossy().into_owned();
        eprintln!("{file:<64} {:<15} {:>12}", a.platform, bytes.len());
        sums.push_str(&format!("{sha256}  {file}\n"));
        entries.push(
            json!({ "file": file, "kind": a.kind, "platform": a.platform, "size": bytes.len(), "sha256": sha256 }),
        );
    }
    let manifest = json!({ "version": version, "files": entries });
    std::fs::write(out.join("manifest.json"), crate::to_pretty_json(&manifest))?;
    std::fs::write(out.join("SHA256SUMS"), sums)?;
    eprintln!("wrote {} and SHA256SUMS", out.join("manifest.json").display());
    Ok(())
}

fn read_zip_entry(zip: &Path, entry: &str) -> Result<Vec<u8>> {
    let out = Command::new("python3")
        .args(["-c", "import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))"])
        .arg(zip)
        .arg(entry)
        .output()?;
    ensure!(out.status.success(), "{} has no {entry}: {}", zip.display(), String::from_utf8_lossy(&out.stderr));
    Ok(out.stdout)
}

/// The entries of a zip file (a wheel, a jar).
pub fn zip_names(zip: &Path) -> Result<Vec<String>> {
    let out = Command::new("python3")
        .args(["-c", "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))"])
        .arg(zip)
        .output()?;
    ensure!(out.status.success(), "cannot list {}: {}", zip.display(), String::from_utf8_lossy(&out.stderr));
    Ok(String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect())
}

/// The one file or folder in `dir`.
fn only_entry(dir: &Path) -> Result<PathBuf> {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        other => bail!("expected one entry in {}, found {other:?}", dir.display()),
    }
}

fn only_file(dir: &Path, suffix: &str) -> Result<PathBuf> {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        other => bail!("expected one {suffix} file in {}, found {other:?}", dir.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_formats_are_told_apart() {
        let mut elf = vec![0u8; 64];
        elf[..4].copy_from_slice(b"\x7fELF");
        elf[18] = 183;
        assert_eq!(binary_format(&elf), Some(Format::Elf { machine: 183 }));
        let mut macho = vec![0u8; 32];
        macho[..4].copy_from_slice(&0xfeed_facfu32.to_le_bytes());
        macho[4..8].copy_from_slice(&0x0100_000cu32.to_le_bytes());
        assert_eq!(binary_format(&macho), Some(Format::MachO { cpu: 0x0100_000c }));
        let mut pe = vec![0u8; 0x90];
        pe[..2].copy_from_slice(b"MZ");
        pe[0x3c] = 0x80;
        pe[0x80..0x84].copy_from_slice(b"PE\0\0");
        pe[0x84..0x86].copy_from_slice(&0x8664u16.to_le_bytes());
        assert_eq!(binary_format(&pe), Some(Format::Pe { machine: 0x8664 }));
        assert_eq!(binary_format(b"#!/bin/sh\n"), None);
    }

    #[test]
    fn a_dynamic_executable_names_its_loader() {
        let this = std::fs::read(std::env::current_exe().unwrap()).unwrap();
        // The test binary is a dynamic glibc executable.
        assert!(elf_has_interpreter(&this).unwrap());
    }
}
