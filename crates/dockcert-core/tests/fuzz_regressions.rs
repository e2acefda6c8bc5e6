//! Every input the fuzzers ever crashed on stays fixed: each file under
//! `tests/fuzz-regressions/TARGET/`, and the committed seed corpus
//! `fuzz/seeds/TARGET/`, goes through the same function as fuzz target
//! TARGET (`fuzz/src/lib.rs`, compiled here on stable), which asserts that
//! nothing panics and that results agree. CI runs this with
//! `cargo test --workspace`; it never runs the fuzzer (docs/FUZZING.md).

#![cfg(not(target_arch = "wasm32"))]

// The fuzz crate's public functions, private here: its surface is its own.
#[allow(unreachable_pub)]
#[path = "../../../fuzz/src/lib.rs"]
mod fuzz_targets;

use std::fs;
use std::panic;
use std::path::{Path, PathBuf};

#[test]
fn every_committed_fuzz_input_passes_its_target() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut failures = Vec::new();
    let mut replayed = 0;
    for (target, check) in fuzz_targets::TARGETS {
        for dir in [
            here.join("tests/fuzz-regressions").join(target),
            here.join("../../fuzz/seeds").join(target),
        ] {
            for file in inputs(&dir) {
                let Ok(bytes) = fs::read(&file) else {
                    failures.push(format!("{}: unreadable", file.display()));
                    continue;
                };
                replayed += 1;
                if panic::catch_unwind(|| check(&bytes)).is_err() {
                    failures.push(format!("{target}: {}", file.display()));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "inputs that fail:\n{}",
        failures.join("\n")
    );
    assert!(replayed > 0, "no fuzz inputs found");
}

/// The files in `dir` (none if it does not exist), in a stable order.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    files
}
