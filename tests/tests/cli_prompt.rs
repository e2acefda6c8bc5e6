//! The CA key's passphrase asked on a terminal: `script` gives dockcert a
//! real pseudo-terminal, and types the answers.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use dockcert_tests::{files_under, openssl, Run};

/// `dockcert new ARGS` on a real terminal, in English.
fn on_a_terminal(dir: &std::path::Path, args: &str, typed: &str) -> Run {
    dockcert_tests::on_a_terminal(dir, &format!("new {args}"), typed, &[])
}

#[test]
fn asks_twice_and_encrypts_with_the_answer() {
    let tmp = tempfile::tempdir().unwrap();
    let run = on_a_terminal(
        tmp.path(),
        "--server a.dockcert.test --out b.zip",
        "typed on a tty\ntyped on a tty\n",
    );
    assert_eq!(run.status, 0, "{}", run.all());
    assert!(
        run.stdout.contains("Passphrase for the CA key:")
            && run.stdout.contains("The same passphrase again:"),
        "{}",
        run.stdout
    );
    let key = tmp.path().join("key.pem");
    let zip = tmp.path().join("b.zip");
    let unzip = Command::new("unzip")
        .arg("-p")
        .arg(&zip)
        .arg("b/ca/ca-key.pem")
        .output()
        .unwrap();
    std::fs::write(&key, unzip.stdout).unwrap();
    openssl(
        tmp.path(),
        &[
            "pkey",
            "-in",
            "key.pem",
            "-passin",
            "pass:typed on a tty",
            "-noout",
        ],
    )
    .ok();
}

#[test]
fn two_different_answers_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let run = on_a_terminal(
        tmp.path(),
        "--server a.dockcert.test --out b.zip",
        "first answer\nsecond answer\n",
    );
    assert_eq!(run.status, 2, "{}", run.all());
    assert!(
        run.stdout
            .contains("dockcert: passphrase: the two entries differ; nothing was written"),
        "{}",
        run.stdout
    );
    assert!(files_under(tmp.path()).is_empty());
}

#[test]
fn a_short_answer_is_refused_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let run = on_a_terminal(
        tmp.path(),
        "--server a.dockcert.test --out b.zip",
        "short\n",
    );
    assert_eq!(run.status, 2, "{}", run.all());
    assert!(
        run.stdout
            .contains("passphrase: the passphrase is 5 characters long; at least 8 are required"),
        "{}",
        run.stdout
    );
    assert!(files_under(tmp.path()).is_empty());
}
