//! `--layout dind`: the tree the docker:dind image's entrypoint reads under
//! DOCKER_TLS_CERTDIR, judged by [`dockcert_tests::dind::judge_tree`] (the
//! entrypoint's own checks, a real dockerd started with its flags and the
//! real docker client, docker-compose and a YAML parser); the page's dind
//! zip is judged the same way (tests/page.rs).

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dockcert_tests::{dind, dockcert, new_dir};

const NAME: &str = "dind.dockcert.test";

#[test]
fn a_dockerd_started_as_dind_starts_it_serves_the_client_side() {
    let tmp = new_dir("dockcert-dind-");
    let dir = tmp.path();
    dind::make(dir, &format!("{NAME},127.0.0.1"), "b");
    dind::judge_tree(&dir.join("b"), NAME);
}

#[test]
fn more_than_one_host_is_refused_before_anything_is_made() {
    let tmp = new_dir("dockcert-dind-");
    let out = dockcert(
        tmp.path(),
        &[
            "new",
            "--server",
            "a.example.com",
            "--server",
            "b.example.com",
            "--no-passphrase",
            "--layout",
            "dind",
            "--out",
            "b",
        ],
    );
    assert_eq!(out.status, 2, "{}", out.all());
    assert!(
        out.stderr
            .contains("--layout dind: the docker:dind tree is for one dockerd and one client"),
        "{}",
        out.stderr
    );
    assert!(!tmp.path().join("b").exists());
}
