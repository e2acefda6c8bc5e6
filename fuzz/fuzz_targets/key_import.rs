//! `cargo xtask fuzz key_import`: see [`dockcert_fuzz::key_import`] for what it feeds the core and checks.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dockcert_fuzz::key_import(data));
