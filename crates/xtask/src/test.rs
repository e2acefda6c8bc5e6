//! `cargo xtask test`: the README's test command. It sets the machine up,
//! then runs every check, and ends with one line counting every test run.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::cmd::{self, command};
use crate::{page, setup};

/// The crates whose tests also run on wasm32, in a browser.
const WASM_TESTED: [&str; 2] = ["crates/dockcert-core", "web"];

/// Totals over every `cargo test` run.
#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
    ignored: u64,
}

/// Runs everything; an error names the first step that failed.
pub(crate) fn run() -> Result<(), String> {
    setup::run()?;
    if !cmd::is_root() {
        return Err("the tests start a real dockerd and must run as root".into());
    }
    cmd::run(command("cargo", &["fmt", "--all", "--check"]))?;
    // Native, then the page on its own target (its browser glue only builds
    // there), then its prerender (built only with the feature `ssr`).
    for scope in [
        &["--workspace"][..],
        &["-p", "dockcert-web", "--target", "wasm32-unknown-unknown"][..],
        &["-p", "dockcert-web", "--features", "ssr"][..],
    ] {
        let mut args = vec!["clippy"];
        args.extend_from_slice(scope);
        args.extend_from_slice(&["--all-targets", "--quiet", "--", "-D", "warnings"]);
        cmd::run(command("cargo", &args))?;
    }
    // The dependency policy (deny.toml): licenses, sources, one version of each crate.
    cmd::run(command(
        "cargo",
        &[
            "deny",
            "--log-level",
            "error",
            "check",
            "bans",
            "licenses",
            "sources",
        ],
    ))?;
    // The core must stay pure enough for the browser.
    cmd::run(command(
        "cargo",
        &[
            "build",
            "--quiet",
            "-p",
            "dockcert-core",
            "--target",
            "wasm32-unknown-unknown",
        ],
    ))?;
    let bin = cmd::debug_dockcert()?;
    // The benchmarks must build (they run with `cargo xtask bench`).
    cmd::run(command(
        "cargo",
        &["bench", "--quiet", "-p", "dockcert-core", "--no-run"],
    ))?;
    let page = page::build()?;

    let mut tally = Tally::default();
    // Native: unit tests, then the cross-tool tests (openssl, pkilint, dockerd,
    // and the page in Chromium through chromedriver).
    let mut native = command("cargo", &["test", "--workspace", "--no-fail-fast"]);
    native
        .env("DOCKCERT_BIN", &bin)
        .env("DOCKCERT_PAGE", &page)
        .env("DOCKCERT_TOOLS", setup::tools_dir());
    let mut result = counted(&mut native, &mut tally);
    // wasm32, as docs/TESTING.md says to run it by hand: `wasm-pack test` in
    // headless Chromium and Firefox (Debian's, through chromedriver and
    // geckodriver), for the core's round trip for every key type and the
    // page's state and browser tests. `--mode no-install`: the drivers and the
    // wasm-bindgen-test-runner setup installed, never a download.
    for dir in WASM_TESTED {
        for browser in ["--chrome", "--firefox"] {
            let mut wasm = command(
                "wasm-pack",
                &["test", "--headless", browser, "--mode", "no-install", dir],
            );
            wasm.env("WASM_BINDGEN_TEST_TIMEOUT", "900");
            let outcome = counted(&mut wasm, &mut tally);
            if result.is_ok() {
                result = outcome;
            }
        }
    }

    println!(
        "\ntotal: {} passed, {} failed, {} skipped",
        tally.passed, tally.failed, tally.ignored
    );
    result?;
    if tally.failed > 0 {
        return Err(format!("{} tests failed", tally.failed));
    }
    if tally.passed == 0 {
        return Err("no test ran".into());
    }
    Ok(())
}

/// Runs a `cargo test` (or a `wasm-pack test`, which runs one), passing its
/// output through and adding its "test result:" lines to `tally`.
fn counted(cmd: &mut Command, tally: &mut Tally) -> Result<(), String> {
    let program = cmd.get_program().to_string_lossy().into_owned();
    eprintln!("\n$ {program} test ...");
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {program} test: {e}"))?;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some(rest) = line.strip_prefix("test result: ") {
                tally.passed += count(rest, " passed");
                tally.failed += count(rest, " failed");
                tally.ignored += count(rest, " ignored");
            }
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{program} test failed ({status})"))
    }
}

/// The number before `label` in "ok. 7 passed; 0 failed; 1 ignored; ...".
fn count(text: &str, label: &str) -> u64 {
    text.split(';')
        .find_map(|part| {
            let part = part
                .trim()
                .trim_start_matches("ok. ")
                .trim_start_matches("FAILED. ");
            part.strip_suffix(label.trim_start())
                .and_then(|n| n.trim().parse().ok())
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::count;
    use crate::cmd::root;

    /// The README opens with two set-up commands, the page's and the tests';
    /// the second is what CI runs (`.ci/run` ends with it), so the command a
    /// reader is told runs every test is the one CI runs.
    #[test]
    fn the_readme_test_command_is_what_ci_runs() {
        let read = |rel: &str| std::fs::read_to_string(root().join(rel)).unwrap();
        let readme = read("README.md");
        let first_block: Vec<&str> = readme
            .lines()
            .skip_while(|l| *l != "```sh")
            .skip(1)
            .take_while(|l| *l != "```")
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .collect();
        assert_eq!(first_block, ["cargo xtask page", "cargo xtask test"]);
        let ci = read(".ci/run");
        let last = ci
            .lines()
            .rfind(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .unwrap();
        assert_eq!(last.trim(), first_block[1], ".ci/run's last command");
    }

    #[test]
    fn counts_cargo_test_results() {
        let line =
            "ok. 7 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out; finished in 16.09s";
        assert_eq!(count(line, " passed"), 7);
        assert_eq!(count(line, " failed"), 0);
        assert_eq!(count(line, " ignored"), 2);
        assert_eq!(count("FAILED. 1 passed; 6 failed; 0 ignored", " failed"), 6);
    }
}
