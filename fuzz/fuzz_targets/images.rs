//! `cargo xtask fuzz images`: see [`dockcert_fuzz::images`] for what it feeds the core and checks.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dockcert_fuzz::images(data));
