//! `cargo xtask fuzz folder_inspect`: see [`dockcert_fuzz::folder_inspect`] for what it feeds the core and checks.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dockcert_fuzz::folder_inspect(data));
