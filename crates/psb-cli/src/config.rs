//! Where the token comes from: `--token`, `PSB_API_TOKEN`, or the file `psb auth login` wrote
//! (readable by its owner only).

use std::io::Write;
use std::path::PathBuf;

/// `$PSB_CONFIG_DIR`, else the platform's config directory + `psb`.
pub fn dir() -> Option<PathBuf> {
    std::env::var_os("PSB_CONFIG_DIR").map(PathBuf::from).or_else(|| dirs::config_dir().map(|d| d.join("psb")))
}

pub fn token_file() -> Option<PathBuf> {
    dir().map(|d| d.join("token"))
}

pub fn stored_token() -> Option<String> {
    let text = std::fs::read_to_string(token_file()?).ok()?;
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

pub fn store_token(token: &str) -> std::io::Result<PathBuf> {
    let path = token_file().ok_or_else(|| std::io::Error::other("no config directory on this system"))?;
    std::fs::create_dir_all(path.parent().unwrap())?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        // An existing file keeps its mode on open: tighten it first.
        if path.exists() {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    let mut f = options.open(&path)?;
    writeln!(f, "{token}")?;
    Ok(path)
}

pub fn forget_token() -> std::io::Result<bool> {
    match token_file() {
        Some(p) if p.exists() => std::fs::remove_file(p).map(|_| true),
        _ => Ok(false),
    }
}
