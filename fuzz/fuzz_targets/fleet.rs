//! `cargo xtask fuzz fleet`: see [`dockcert_fuzz::fleet`] for what it feeds the core and checks.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dockcert_fuzz::fleet(data));
