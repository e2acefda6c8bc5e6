//! `cargo xtask fuzz certificate`: see [`dockcert_fuzz::certificate`] for what it feeds the core and checks.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dockcert_fuzz::certificate(data));
