//! `cargo xtask fuzz verify`: see [`dockcert_fuzz::verify`] for what it feeds the core and checks.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dockcert_fuzz::verify(data));
