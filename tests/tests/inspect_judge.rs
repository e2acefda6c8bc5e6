//! `dockcert inspect` of a CA and a server certificate given as several
//! paths (`dockcert inspect ca.pem server-cert.pem --host H`), on chains
//! made with OpenSSL at test time, judged as the docker client judges them:
//! the paths are shown as typed, one file given twice or by two names is
//! read once, and each verdict is the same in English and in Chinese.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;

use dockcert_tests::openssl_certs::{ec_ca, ec_leaf};
use dockcert_tests::{dockcert, english_runs, new_dir, Run};

/// The extensions of a good server certificate for `docker1.example.com`.
const SERVER_EXT: &str = "subjectAltName=DNS:docker1.example.com,IP:10.0.0.5\n\
                          extendedKeyUsage=serverAuth\n\
                          keyUsage=critical,digitalSignature\n";

/// `dockcert inspect ARGS --json`, parsed.
fn json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["inspect"];
    all.extend_from_slice(args);
    all.push("--json");
    let run = dockcert(dir, &all);
    let v = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.all()));
    (run.status, v)
}

/// The codes of the report's errors.
fn errors(v: &serde_json::Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

/// The paths of the report's files, as shown.
fn paths(v: &serde_json::Value) -> Vec<String> {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect()
}

/// `dockcert inspect ARGS --lang LANG`, as a person reads it.
fn human(dir: &Path, args: &[&str], lang: &str) -> Run {
    let mut all = vec!["inspect"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--lang", lang]);
    dockcert(dir, &all)
}

/// The Chinese report has Chinese prose and no English sentence left.
#[track_caller]
fn chinese(run: &Run) {
    assert!(
        run.stdout
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{}",
        run.all()
    );
    let runs = english_runs(&run.stdout);
    assert!(runs.is_empty(), "English left: {runs:?} in\n{}", run.stdout);
}

/// A folder with a CA `ca.pem` and a server certificate `server-cert.pem`
/// it signed for docker1.example.com and 10.0.0.5.
fn healthy() -> tempfile::TempDir {
    let tmp = new_dir("inspect-judge");
    ec_ca(tmp.path(), "ca", "Judge CA", &[]);
    ec_leaf(tmp.path(), "server-cert", "ca", "docker1", SERVER_EXT);
    tmp
}

#[test]
fn a_ca_and_a_server_certificate_given_as_two_paths_are_one_setup() {
    let tmp = healthy();
    let dir = tmp.path();
    let (status, v) = json(
        dir,
        &["ca.pem", "server-cert.pem", "--host", "docker1.example.com"],
    );
    assert_eq!(errors(&v), Vec::<String>::new(), "{v:#}");
    assert_eq!(status, 0, "{v:#}");
    let shown = paths(&v);
    assert_eq!(shown, ["ca.pem", "server-cert.pem"], "{v:#}");
    let kinds: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["CA certificate", "server certificate"], "{v:#}");

    // Files, folders and paths as typed, mixed: each file is shown as typed,
    // a folder's under it.
    fs::create_dir(dir.join("keys")).unwrap();
    fs::rename(dir.join("server-cert-key.pem"), dir.join("keys/key.pem")).unwrap();
    let (_, v) = json(
        dir,
        &[
            "./ca.pem",
            &format!("{}/server-cert.pem", dir.display()),
            "keys/",
        ],
    );
    assert_eq!(
        paths(&v),
        [
            "./ca.pem".to_owned(),
            format!("{}/server-cert.pem", dir.display()),
            "keys/key.pem".to_owned()
        ],
        "{v:#}"
    );
}

#[test]
fn one_file_given_twice_or_by_two_names_is_read_once() {
    let tmp = healthy();
    let dir = tmp.path();
    fs::hard_link(dir.join("ca.pem"), dir.join("same-ca.pem")).unwrap();
    std::os::unix::fs::symlink("ca.pem", dir.join("link.pem")).unwrap();
    let once = json(dir, &["ca.pem", "server-cert.pem"]).1;
    for args in [
        &["ca.pem", "server-cert.pem", "ca.pem"][..],
        &[
            "ca.pem",
            "./server-cert.pem",
            "server-cert.pem",
            "same-ca.pem",
        ],
        &["ca.pem", "server-cert.pem", "link.pem"],
    ] {
        let (status, v) = json(dir, args);
        assert_eq!(status, 0, "{args:?}: {v:#}");
        let codes = |v: &serde_json::Value| {
            let all = v["findings"].as_array().unwrap();
            all.iter().map(|f| f["code"].clone()).collect::<Vec<_>>()
        };
        assert_eq!(codes(&v), codes(&once), "{args:?}: {v:#}");
        assert_eq!(v["files"].as_array().unwrap().len(), 2, "{args:?}: {v:#}");
    }
    // The folder and a file of it: the file once, as first reached (a link
    // in a folder is not followed, and says so: not this test's point).
    fs::remove_file(dir.join("link.pem")).unwrap();
    let (_, v) = json(dir, &["ca.pem", "."]);
    let shown = paths(&v);
    assert_eq!(shown.iter().filter(|p| p.ends_with("ca.pem")).count(), 1);
    assert!(shown.contains(&"ca.pem".to_owned()), "{shown:?}");
    assert_eq!(errors(&v), Vec::<String>::new(), "{v:#}");
}

#[test]
fn a_name_the_server_certificate_does_not_cover_is_docker_s_refusal() {
    let tmp = healthy();
    let dir = tmp.path();
    let args = ["ca.pem", "server-cert.pem", "--host", "docker9.example.com"];
    let (status, v) = json(dir, &args);
    assert_eq!(status, 1);
    assert_eq!(errors(&v), ["host-not-covered"], "{v:#}");
    let docker =
        "x509: certificate is valid for docker1.example.com, 10.0.0.5, not docker9.example.com";
    for lang in ["en", "zh"] {
        let run = human(dir, &args, lang);
        assert_eq!(run.status, 1, "{}", run.all());
        assert!(run.stdout.contains(docker), "{lang}: {}", run.stdout);
        if lang == "zh" {
            chinese(&run);
        }
    }
}

#[test]
fn a_path_that_cannot_be_read_among_several_is_refused() {
    let tmp = healthy();
    let run = dockcert(tmp.path(), &["inspect", "ca.pem", "gone.pem"]);
    assert_eq!(run.status, 2, "{}", run.all());
    assert!(run.stderr.contains("gone.pem"), "{}", run.all());
}
