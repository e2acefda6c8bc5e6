//! dockcert's project tasks, run as `cargo xtask TASK`:
//!
//! - `setup`: install every tool the build and the tests need on a Debian
//!   machine (idempotent; tools already there are kept).
//! - `page`: build the offline page, one self-contained `dist/dockcert.html`.
//! - `dist`: every release artefact in `dist/`, proven, with its SHA-256;
//!   `--verify` builds them all again in a clean clone and compares.
//! - `test`: `setup`, then every test: formatting, clippy, the core on wasm32,
//!   unit tests, and the cross-tool tests against openssl, pkilint and a real
//!   dockerd.
//! - `fuzz`: the core's fuzz targets (fuzz/), N minutes each, on nightly.

#![forbid(unsafe_code)]

mod bench;
mod cmd;
mod dist;
mod fuzz;
mod layers;
mod pack;
mod page;
mod repro;
mod screenshots;
mod setup;
mod test;

use std::process::ExitCode;

const HELP: &str = "\
cargo xtask TASK

Tasks:
  setup   install what the build and the tests need (Debian packages, pkilint,
          the wasm32 target, trunk, wasm-bindgen-cli); safe to repeat
  test    setup, then run every test (the README's test command)
  page    build the offline page, dist/dockcert.html (--open: open it)
  dist    every release artefact in dist/ (page, static binaries, .deb, SBOMs,
          SHA256SUMS), checked; --verify: build all again in a clean clone
          elsewhere and compare byte for byte
  screenshots  pictures of the page for docs/, from headless Chromium
  bench   dockcert against the openssl recipe, and the page; writes docs/BENCHMARKS.md
          (--quick: fewer rounds; --hostile: only the hostile inputs, their tables rewritten;
          --page: only the page, its section rewritten; --rotate: only `dockcert rotate`
          of 1,000 hosts and 1,000 clients, printed)
  fuzz    [--minutes N] [TARGET...]  the core's fuzz targets, N minutes each (default 10),
          one at a time on one core, each input held to 2 s and 512 MB; installs
          cargo-fuzz (nightly) if missing. Targets: key_import certificate
          zip_inspect fleet plan_request explain images folder_inspect
  help    this text";

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "setup" => setup::run(),
        "test" => test::run(),
        "page" => page::run(&std::env::args().skip(2).collect::<Vec<_>>()),
        "dist" => dist::run(&std::env::args().skip(2).collect::<Vec<_>>()),
        "screenshots" => screenshots::run(),
        "bench" => bench::run(&std::env::args().skip(2).collect::<Vec<_>>()),
        "fuzz" => fuzz::run(&std::env::args().skip(2).collect::<Vec<_>>()),
        "help" | "--help" | "-h" | "" => {
            println!("{HELP}");
            Ok(())
        }
        other => Err(format!("unknown task {other:?}\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
