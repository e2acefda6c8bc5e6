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
fn two_different_answers_are_asked_again_then_taken() {
    let tmp = tempfile::tempdir().unwrap();
    let run = on_a_terminal(
        tmp.path(),
        "--server a.dockcert.test --out b.zip",
        "first answer\nsecond answer\nthe right one\nthe right one\n",
    );
    assert_eq!(run.status, 0, "{}", run.all());
    assert_eq!(
        run.stdout
            .matches("The two entries differ: type the passphrase again.")
            .count(),
        1,
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.matches("Passphrase for the CA key:").count(), 2);
    // The key is encrypted with the answer typed twice alike.
    let key = tmp.path().join("key.pem");
    let unzip = Command::new("unzip")
        .arg("-p")
        .arg(tmp.path().join("b.zip"))
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
            "pass:the right one",
            "-noout",
        ],
    )
    .ok();
}

#[test]
fn three_times_two_different_answers_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let run = on_a_terminal(
        tmp.path(),
        "--server a.dockcert.test --out b.zip",
        "first answer\nsecond answer\nfirst answer\nsecond answer\nfirst answer\nsecond answer\n",
    );
    assert_eq!(run.status, 2, "{}", run.all());
    assert_eq!(run.stdout.matches("Passphrase for the CA key:").count(), 3);
    assert_eq!(
        run.stdout.matches("type the passphrase again").count(),
        2,
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("dockcert: passphrase: the two entries differ; nothing was written"),
        "{}",
        run.stdout
    );
    assert!(files_under(tmp.path()).is_empty());
}

/// A bundle with an encrypted CA key, its passphrase from a file.
fn made_with_passphrase(dir: &std::path::Path) {
    std::fs::write(dir.join("pass.txt"), "the CA passphrase\n").unwrap();
    dockcert_tests::dockcert(
        dir,
        &[
            "new",
            "--server",
            "docker1.dockcert.test",
            "--out",
            "made",
            "--passphrase-file",
            "pass.txt",
        ],
    )
    .ok();
}

#[test]
fn a_wrong_ca_passphrase_is_asked_again_for_issue_and_renew() {
    let tmp = tempfile::tempdir().unwrap();
    made_with_passphrase(tmp.path());
    let ca = "--ca-cert made/ca/ca.pem --ca-key made/ca/ca-key.pem";
    for (args, out) in [
        (
            format!("issue {ca} --server docker2.dockcert.test --out more.zip"),
            "more.zip",
        ),
        (
            format!(
                "renew made/server/docker1.dockcert.test/server-cert.pem {ca} --out renewed.zip"
            ),
            "renewed.zip",
        ),
    ] {
        let run =
            dockcert_tests::on_a_terminal(tmp.path(), &args, "not it\nthe CA passphrase\n", &[]);
        assert_eq!(run.status, 0, "{args}: {}", run.all());
        assert_eq!(
            run.stdout
                .matches("That passphrase does not open the CA key: type it again.")
                .count(),
            1,
            "{}",
            run.stdout
        );
        assert_eq!(run.stdout.matches("Passphrase of the CA key:").count(), 2);
        assert!(tmp.path().join(out).is_file(), "{}", run.all());
    }
    // Three wrong answers: the same refusal as one used to be.
    let run = dockcert_tests::on_a_terminal(
        tmp.path(),
        &format!("issue {ca} --server docker3.dockcert.test --out none.zip"),
        "not it\nnor this\nnor that\n",
        &[],
    );
    assert_eq!(run.status, 2, "{}", run.all());
    assert_eq!(run.stdout.matches("Passphrase of the CA key:").count(), 3);
    assert!(
        run.stdout
            .contains("the passphrase does not open the CA key")
            && run.stdout.contains("nothing was written"),
        "{}",
        run.stdout
    );
    assert!(!tmp.path().join("none.zip").exists());
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
