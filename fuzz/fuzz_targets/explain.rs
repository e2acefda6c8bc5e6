//! `cargo xtask fuzz explain`: see [`dockcert_fuzz::explain`] for what it feeds the core and checks.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dockcert_fuzz::explain(data));
