//! `dockcert inspect` of a CA and a server certificate given as several
//! paths (`dockcert inspect ca.pem server-cert.pem --host H`), on chains
//! made with OpenSSL at test time, judged as the docker client judges them:
//! the paths are shown as typed, one file given twice or by two names is
//! read once, and each verdict is the same in English and in Chinese.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;

use dockcert_tests::openssl_certs::{ec_ca, ec_ca_dated, ec_leaf, ec_leaf_with, LeafSpec};
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
    let docker = "x509: certificate is valid for docker1.example.com, not docker9.example.com";
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

/// A CA `{stem}.pem` (`{stem}-key.pem`) named `cn` on a key made by
/// `newkey` (`ec -pkeyopt ec_paramgen_curve:P-521`, say), valid from
/// `start` to `end` (YYYYMMDDHHMMSSZ), self-signed through `openssl ca` so
/// the dates may be in the past.
fn ca_dated(dir: &Path, stem: &str, cn: &str, curve: &str, dates: (&str, &str)) {
    let v3 = "basicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n";
    ec_ca_dated(dir, stem, cn, curve, v3, dates);
}

/// A certificate `{stem}.pem` (`{stem}-key.pem`, P-256) for `cn` signed by
/// `{ca}.pem` with `digest` (`-sha256`, `-sha1`) and the extensions `ext`.
fn signed(dir: &Path, stem: &str, ca: &str, cn: &str, digest: &str, ext: &str) {
    let spec = LeafSpec {
        curve: "P-256",
        days: "60",
        ext,
        extra: &[digest],
    };
    ec_leaf_with(dir, stem, ca, cn, spec);
}

/// The findings of a JSON report, as (severity, code, docker's words).
fn findings(v: &serde_json::Value) -> Vec<(String, String, Option<String>)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_owned(),
                f["code"].as_str().unwrap().to_owned(),
                f["docker"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

/// `inspect ca.pem server-cert.pem --host docker1.example.com` in `dir`:
/// its JSON, and the English and Chinese reports, the Chinese all Chinese
/// prose with docker's words quoted as they are.
fn judged(dir: &Path) -> (i32, serde_json::Value, Run) {
    let args = ["ca.pem", "server-cert.pem", "--host", "docker1.example.com"];
    let (status, v) = json(dir, &args);
    let en = human(dir, &args, "en");
    assert_eq!(en.status, status, "{}", en.all());
    let zh = human(dir, &args, "zh");
    assert_eq!(zh.status, status, "{}", zh.all());
    chinese(&zh);
    for (_, _, docker) in findings(&v) {
        if let Some(said) = docker {
            // Up to the time it was judged at, which each run reads anew.
            let said = said.split("current time").next().unwrap();
            assert!(zh.stdout.contains(said), "{said} not in\n{}", zh.stdout);
            assert!(en.stdout.contains(said), "{said} not in\n{}", en.stdout);
        }
    }
    (status, v, en)
}

/// No finding says another CA signed it.
#[track_caller]
fn no_other_ca(v: &serde_json::Value) {
    let codes: Vec<String> = findings(v).into_iter().map(|(_, c, _)| c).collect();
    assert!(!codes.contains(&"other-ca".to_owned()), "{v:#}");
}

#[test]
fn an_expired_ca_is_docker_s_refusal_in_its_words_not_another_ca() {
    let tmp = new_dir("inspect-judge-old-ca");
    let dir = tmp.path();
    ca_dated(
        dir,
        "ca",
        "Old CA",
        "P-256",
        ("20200101000000Z", "20210101000000Z"),
    );
    signed(dir, "server-cert", "ca", "docker1", "-sha256", SERVER_EXT);
    let (status, v, _) = judged(dir);
    assert_eq!(status, 1);
    no_other_ca(&v);
    let refused: Vec<_> = findings(&v)
        .into_iter()
        .filter(|(s, _, d)| s == "error" && d.is_some())
        .collect();
    assert_eq!(refused.len(), 1, "{v:#}");
    let (_, code, docker) = &refused[0];
    assert_eq!(code, "ca-expired", "{v:#}");
    // Go returns the CA's own date check as it is.
    let docker = docker.as_deref().unwrap();
    assert!(
        docker.starts_with("x509: certificate has expired or is not yet valid: current time ")
            && docker.ends_with(" is after 2021-01-01T00:00:00Z"),
        "{docker}"
    );
}

#[test]
fn a_p521_ca_is_accepted_as_docker_accepts_it() {
    let tmp = new_dir("inspect-judge-p521");
    let dir = tmp.path();
    ca_dated(
        dir,
        "ca",
        "P-521 CA",
        "P-521",
        ("20250101000000Z", "20350101000000Z"),
    );
    signed(dir, "server-cert", "ca", "docker1", "-sha256", SERVER_EXT);
    let (status, v, _) = judged(dir);
    no_other_ca(&v);
    assert_eq!(errors(&v), Vec::<String>::new(), "{v:#}");
    assert_eq!(status, 0, "{v:#}");
}

#[test]
fn a_sha1_leaf_is_refused_for_its_algorithm_not_for_another_ca() {
    let tmp = new_dir("inspect-judge-sha1");
    let dir = tmp.path();
    ec_ca(dir, "ca", "Judge CA", &[]);
    signed(dir, "server-cert", "ca", "docker1", "-sha1", SERVER_EXT);
    let (status, v, _) = judged(dir);
    assert_eq!(status, 1);
    no_other_ca(&v);
    assert_eq!(errors(&v), ["weak-signature"], "{v:#}");
    let docker = findings(&v)
        .into_iter()
        .find_map(|(_, code, docker)| docker.filter(|_| code == "weak-signature"))
        .unwrap();
    assert!(docker.contains("insecure algorithm"), "{docker}");
}

#[test]
fn a_leaf_and_its_intermediate_in_one_file_is_one_chain() {
    let tmp = new_dir("inspect-judge-chain");
    let dir = tmp.path();
    ec_ca(dir, "ca", "Root CA", &[]);
    signed(
        dir,
        "mid",
        "ca",
        "Middle CA",
        "-sha256",
        "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n",
    );
    signed(dir, "leaf", "mid", "docker1", "-sha256", SERVER_EXT);
    let mut both = fs::read(dir.join("leaf.pem")).unwrap();
    both.extend(fs::read(dir.join("mid.pem")).unwrap());
    fs::write(dir.join("server-cert.pem"), both).unwrap();
    let (status, v, en) = judged(dir);
    assert_eq!(errors(&v), Vec::<String>::new(), "{v:#}");
    assert_eq!(status, 0, "{v:#}");
    // The intermediate is not a CA file of its own, nor the file's kind.
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2, "{v:#}");
    assert_eq!(files[1]["kind"], "server certificate", "{v:#}");
    assert_eq!(
        en.stdout.matches("CA certificate").count(),
        1,
        "{}",
        en.stdout
    );

    // Without its intermediate, docker knows no authority for it.
    fs::copy(dir.join("leaf.pem"), dir.join("server-cert.pem")).unwrap();
    let (status, v, _) = judged(dir);
    assert_eq!(status, 1, "{v:#}");
    assert_eq!(errors(&v), ["other-ca"], "{v:#}");
}

#[test]
fn without_host_each_name_the_server_certificate_lists_is_dialled() {
    let tmp = new_dir("inspect-judge-own-names");
    let dir = tmp.path();
    ec_ca(dir, "ca", "Judge CA", &[]);
    // An address written as a DNS name: Go matches an address dialled
    // against IP SANs only. A wildcard is no name to dial.
    let ext = "subjectAltName=DNS:docker1.example.com,DNS:10.0.0.5,DNS:*.example.com\n\
               extendedKeyUsage=serverAuth\n";
    signed(dir, "server-cert", "ca", "docker1", "-sha256", ext);
    let args = ["ca.pem", "server-cert.pem"];
    let (status, v) = json(dir, &args);
    assert_eq!(status, 1, "{v:#}");
    assert_eq!(errors(&v), ["host-not-covered"], "{v:#}");
    let docker =
        "x509: cannot validate certificate for 10.0.0.5 because it doesn't contain any IP SANs";
    assert_eq!(v["findings"][0]["docker"], docker, "{v:#}");
    let zh = human(dir, &args, "zh");
    chinese(&zh);
    assert!(zh.stdout.contains(docker), "{}", zh.stdout);

    // The same names as they should be: nothing to say.
    let ext = "subjectAltName=DNS:docker1.example.com,IP:10.0.0.5,DNS:*.example.com\n\
               extendedKeyUsage=serverAuth\n";
    signed(dir, "server-cert", "ca", "docker1", "-sha256", ext);
    let (status, v) = json(dir, &args);
    assert_eq!(errors(&v), Vec::<String>::new(), "{v:#}");
    assert_eq!(status, 0, "{v:#}");
}

#[test]
fn an_intermediate_another_root_of_the_ca_s_name_signed_is_named_as_such() {
    let tmp = new_dir("inspect-judge-mid-other-root");
    let dir = tmp.path();
    ec_ca(dir, "ca", "Root CA", &[]);
    ec_ca(dir, "other", "Root CA", &[]);
    let mid_ext = "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n";
    signed(dir, "mid", "other", "Middle CA", "-sha256", mid_ext);
    signed(dir, "leaf", "mid", "docker1", "-sha256", SERVER_EXT);
    let mut both = fs::read(dir.join("leaf.pem")).unwrap();
    both.extend(fs::read(dir.join("mid.pem")).unwrap());
    fs::write(dir.join("server-cert.pem"), both).unwrap();
    let (status, v, en) = judged(dir);
    assert_eq!(status, 1, "{v:#}");
    // Another key of the CA's name did sign the intermediate: the finding
    // is about the intermediate's issuer, not the leaf's.
    assert_eq!(errors(&v), ["other-ca"], "{v:#}");
    assert!(
        en.stdout.contains(
            "server-cert.pem names \"CN=Root CA\" as its issuer, but ca.pem's key did not sign it"
        ),
        "{}",
        en.stdout
    );
    assert!(
        !en.stdout.contains("names \"CN=Middle CA\""),
        "{}",
        en.stdout
    );
}

#[test]
fn every_certificate_of_a_ca_file_is_a_root_named_by_its_place_in_the_file() {
    let tmp = new_dir("inspect-judge-ca-file-order");
    let dir = tmp.path();
    ec_ca(dir, "zed", "Zed CA", &[]);
    ec_ca(
        dir,
        "notca",
        "Not A CA",
        &["-addext", "basicConstraints=critical,CA:FALSE"],
    );
    signed(
        dir,
        "server-cert",
        "notca",
        "docker1",
        "-sha256",
        SERVER_EXT,
    );
    let mut both = fs::read(dir.join("zed.pem")).unwrap();
    both.extend(fs::read(dir.join("notca.pem")).unwrap());
    fs::write(dir.join("ca.pem"), both).unwrap();
    let (status, v, en) = judged(dir);
    assert_eq!(status, 1, "{v:#}");
    // The second certificate of ca.pem is a root Go turns down, not a
    // server certificate of its own, nor another CA.
    assert_eq!(errors(&v), ["ca-cannot-sign"], "{v:#}");
    assert!(
        en.stdout
            .contains("CA certificate #2 of the CA file cannot sign"),
        "{}",
        en.stdout
    );
    let docker = findings(&v)
        .into_iter()
        .find_map(|(_, _, docker)| docker)
        .unwrap();
    assert!(
        docker.contains("parent certificate cannot sign this kind of certificate"),
        "{docker}"
    );
}

#[test]
fn a_common_name_only_certificate_is_said_so_whatever_host_is_asked() {
    let tmp = new_dir("inspect-judge");
    ec_ca(tmp.path(), "ca", "Judge CA", &[]);
    let ext = "extendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n";
    ec_leaf(tmp.path(), "server-cert", "ca", "docker1.example.com", ext);
    // Dialled by its Common Name: Go's legacy-CN refusal, said once.
    let host = ["ca.pem", "server-cert.pem", "--host", "docker1.example.com"];
    let (status, v) = json(tmp.path(), &host);
    assert_eq!(status, 1);
    let legacy = "x509: certificate relies on legacy Common Name field, use SANs instead";
    let found = findings(&v);
    let no_san: Vec<_> = found.iter().filter(|f| f.1 == "server-no-san").collect();
    assert_eq!(no_san.len(), 1, "{found:?}");
    assert_eq!(no_san[0].2.as_deref(), Some(legacy), "{found:?}");
    assert!(
        !found.iter().any(|f| f.1 == "host-not-covered"),
        "{found:?}"
    );
    // Dialled by another name: docker's words for that name, and still the
    // fact that the certificate has no SANs at all, with no empty list of
    // names to dial instead.
    let other = ["ca.pem", "server-cert.pem", "--host", "docker4.example.com"];
    let (status, v) = json(tmp.path(), &other);
    assert_eq!(status, 1);
    let found = findings(&v);
    assert!(found.iter().any(|f| f.1 == "server-no-san"), "{found:?}");
    let not_covered = found.iter().find(|f| f.1 == "host-not-covered");
    assert_eq!(
        not_covered.and_then(|f| f.2.as_deref()),
        Some(
            "x509: certificate is not valid for any names, but wanted to match docker4.example.com"
        ),
        "{found:?}"
    );
    let run = human(tmp.path(), &other, "en");
    assert!(
        run.stdout
            .contains("issue it again with docker4.example.com among its SANs\n"),
        "{}",
        run.all()
    );
    chinese(&human(tmp.path(), &other, "zh"));
}
