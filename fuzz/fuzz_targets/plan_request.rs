//! `cargo xtask fuzz plan_request`: see [`dockcert_fuzz::plan_request`] for what it feeds the core and checks.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dockcert_fuzz::plan_request(data));
