//! Dockerfiles, .dockerignore files and compose files built to make
//! `dockcert inspect` work for minutes or print gigabytes: each is answered
//! by the real CLI with the verdict the files call for. Every run has a
//! watchdog (the adversarial globs once ran for minutes); speed and memory
//! are measured by `cargo xtask bench`, not here.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;
use std::process::Command;

use dockcert_tests::{new_dir, require_tool, watched, Run};

/// `dockcert inspect TARGET --json` in `cwd`, killed by the watchdog if it
/// runs away.
fn inspect(cwd: &Path, target: &str) -> Run {
    watched(cwd, &["inspect", target, "--json"])
}

/// The report's findings as (code, file, message), after checking that the
/// run ended with `status` and printed a report.
#[track_caller]
fn findings(run: &Run, status: i32) -> Vec<(String, String, String)> {
    assert_eq!(run.status, status, "{}", run.all());
    assert!(!run.all().contains("panicked"), "{}", run.all());
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
            (text("code"), text("file"), text("message"))
        })
        .collect()
}

fn codes(found: &[(String, String, String)]) -> Vec<(&str, &str)> {
    found
        .iter()
        .map(|(code, file, _)| (code.as_str(), file.as_str()))
        .collect()
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// `*a*a…*a` with `stars` stars.
fn stars(stars: usize) -> String {
    "*a".repeat(stars)
}

/// A key with a 60-letter name, and a Dockerfile whose COPY sources are
/// the globs that ran for minutes: `*a*a…*ab` (40 stars), which does not
/// match the key, and `*a*a…*a*`, which does.
#[test]
fn an_adversarial_copy_glob_is_answered() {
    let dir = new_dir("dockcert-glob-");
    let app = dir.path().join("app");
    let key = format!("{}.key", "a".repeat(56));
    write(&app.join(&key), "");
    write(
        &app.join("Dockerfile"),
        &format!("FROM scratch\nCOPY {}b /x/\n", stars(40)),
    );
    // The glob that does not match leaves the key in the build context.
    let found = findings(&inspect(dir.path(), "app"), 0);
    assert_eq!(codes(&found), [("build-context-key", "Dockerfile")]);
    assert!(found[0].2.contains(&key), "{}", found[0].2);

    // The one that matches copies it into the image.
    write(
        &app.join("Dockerfile"),
        &format!(
            "FROM scratch\nCOPY {}b /x/\nCOPY {}* /y/\n",
            stars(40),
            stars(40)
        ),
    );
    let found = findings(&inspect(dir.path(), "app"), 1);
    assert_eq!(codes(&found), [("dockerfile-copies-key", "Dockerfile")]);
    assert!(
        found[0].2.contains(&format!(
            "copies the private key {key} from the build context"
        )),
        "{}",
        found[0].2
    );
}

/// A key 60 folders deep, and a .dockerignore of `**/a/` chains and star
/// runs (40 of each) that do not match it, then one that does.
#[test]
fn an_adversarial_dockerignore_is_answered() {
    let dir = new_dir("dockcert-glob-");
    let app = dir.path().join("app");
    let key = format!("{}{}.key", "a/".repeat(60), "a".repeat(56));
    write(&app.join(&key), "");
    write(&app.join("Dockerfile"), "FROM scratch\nCOPY . /x/\n");
    let rules = format!("{}b\n{}b\n", "**/a/".repeat(40), stars(40));
    write(&app.join(".dockerignore"), &rules);
    let found = findings(&inspect(dir.path(), "app"), 1);
    assert_eq!(codes(&found), [("dockerfile-copies-key", "Dockerfile")]);

    // A rule as adversarial that matches keeps the key out: all is well.
    let rules = format!("{rules}{}{}*.key\n", "**/*a*/".repeat(20), stars(20));
    write(&app.join(".dockerignore"), &rules);
    let run = inspect(dir.path(), "app");
    let found = findings(&run, 0);
    assert!(found.is_empty(), "{found:?}");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["files"].as_array().unwrap().len(), 3);
}

/// 100,000 .dockerignore rules against 1,000 keys: more matching than
/// dockcert spends, so the check stops and says so (an error), instead of
/// running for half a minute.
#[test]
fn too_many_rules_times_keys_is_an_error_not_a_pass() {
    let dir = new_dir("dockcert-glob-");
    let app = dir.path().join("app");
    write(&app.join("Dockerfile"), "FROM scratch\nCOPY . /x/\n");
    let rules: String = (0..100_000).map(|i| format!("n{i}*z\n")).collect();
    write(&app.join(".dockerignore"), &rules);
    for i in 0..1_000 {
        write(&app.join(format!("k/{i}.key")), "");
    }
    let found = findings(&inspect(dir.path(), "app"), 1);
    assert_eq!(codes(&found), [("images-not-checked", "Dockerfile")]);
    assert!(found[0].2.contains("was not checked to the end"));
}

/// A zip of 1,000 Dockerfiles that each copy 5,000 keys, and a Dockerfile
/// and a compose file of 20,000 lines that each name a key: a few hundred
/// findings, each naming a few keys, instead of millions.
#[test]
fn findings_about_many_keys_are_grouped_and_capped() {
    let dir = new_dir("dockcert-glob-");
    require_tool("python3");
    let made = Command::new("python3")
        .current_dir(dir.path())
        .args([
            "-c",
            "import zipfile\n\
             with zipfile.ZipFile('many.zip', 'w') as z:\n\
             \x20   for i in range(1000):\n\
             \x20       z.writestr(f'p/Dockerfile.{i}', 'COPY . /x/\\n')\n\
             \x20   for i in range(5000):\n\
             \x20       z.writestr(f'p/k/{i:04}-key.pem', '')\n\
             \x20   z.writestr('p/Dockerfile', ''.join(f'COPY k{i}.key /\\n' for i in range(20000)))\n\
             \x20   z.writestr('p/compose.yaml', ''.join(f'- ./k{i}.key:/k\\n' for i in range(20000)))\n",
        ])
        .status()
        .unwrap();
    assert!(made.success());
    let run = inspect(dir.path(), "many.zip");
    let found = findings(&run, 1);
    assert!(run.stdout.len() < 2_000_000, "{} bytes", run.stdout.len());
    assert_eq!(found.len(), 501, "{:?}", &found[..3]);
    let grouped = found
        .iter()
        .find(|(code, file, _)| code == "dockerfile-copies-key" && file == "p/Dockerfile.0")
        .unwrap();
    assert!(
        grouped.2.contains(
            "copies the private keys k/0000-key.pem, k/0001-key.pem, k/0002-key.pem, k/0003-key.pem, k/0004-key.pem and 4995 more"
        ),
        "{}",
        grouped.2
    );
    let (code, _, message) = found.last().unwrap();
    assert_eq!(code, "images-not-listed");
    // 1,000 + 20,000 errors, 20,000 + 1 warnings (p/Dockerfile leaves
    // the keys in the context), 500 errors listed.
    assert!(
        message.starts_with("20500 more error(s) and 20001 more warning(s)"),
        "{message}"
    );
}
