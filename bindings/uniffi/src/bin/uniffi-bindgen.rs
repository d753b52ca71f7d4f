//! `uniffi-bindgen` at the workspace's uniffi version: maturin finds this binary in the crate
//! and runs it to generate the Python module (generator and scaffolding must match). Kotlin:
//! `cargo run -p psb-uniffi --bin uniffi-bindgen -- generate --library ... --language kotlin`.
fn main() {
    uniffi::uniffi_bindgen_main()
}
