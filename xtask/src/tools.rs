use anyhow::Result;
use std::path::Path;

pub fn compare_converters(_root: &Path) -> Result<()> {
    Ok(())
}
