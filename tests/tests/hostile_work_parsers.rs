//! Small files that once cost minutes or gigabytes, built here and given to
//! the real CLI: a 2,000,000-bit RSA key in every form and inside a
//! certificate, fleet files of dotted keys and other shapes, and a probe of
//! a daemon that answers too slowly and of a name that never resolves. Each
//! is refused or judged with the right message and exit status, writing
//! nothing. Every run has a watchdog; time and memory themselves are
//! measured by `cargo xtask bench`, not here.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::net::UdpSocket;
use std::path::Path;
use std::process::{Command, Stdio};

use dockcert_tests::der::{huge_rsa_ca_cert, pem, pkcs8_of, rsa_pkcs1};
use dockcert_tests::judge::isolate;
use dockcert_tests::openssl_certs::ec_ca;
use dockcert_tests::{
    dockcert_bin, files_under, free_port, make_bundle, new_dir, openssl, require_tool, run,
    wait_for_listener, Run, WATCHDOG_SECONDS,
};

/// `dockcert ARGS` in `cwd`, killed by the watchdog if it runs away.
fn dockcert(cwd: &Path, args: &[&str]) -> Run {
    let mut cmd = Command::new("timeout");
    cmd.current_dir(cwd)
        .arg(WATCHDOG_SECONDS)
        .arg(dockcert_bin())
        .args(args);
    isolate(&mut cmd, cwd);
    run(&mut cmd)
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
    assert!(!run.all().contains("panicked"), "{}", run.all());
    assert_eq!(files_under(dir), before, "{args:?}: something was written");
    run
}

// ---- RSA numbers longer than anything dockcert reads ----

/// The bits of the hostile modulus: 250,000 bytes, under every file cap.
pub const HUGE_BITS: usize = 2_000_000;

/// `der` encrypted as OpenSSL's legacy PEM does (`Proc-Type: 4,ENCRYPTED`,
/// AES-128-CBC, the key from EVP_BytesToKey with MD5), by `openssl enc`.
fn legacy_encrypted(dir: &Path, der: &[u8], passphrase: &str) -> String {
    let iv = "00112233445566778899AABBCCDDEEFF";
    let derived = openssl(
        dir,
        &[
            "enc",
            "-aes-128-cbc",
            "-md",
            "md5",
            "-S",
            &iv[..16],
            "-pass",
            &format!("pass:{passphrase}"),
            "-P",
        ],
    )
    .ok()
    .stdout;
    let key = derived
        .lines()
        .find_map(|l| l.strip_prefix("key="))
        .unwrap()
        .trim()
        .to_owned();
    fs::write(dir.join("plain.der"), der).unwrap();
    openssl(
        dir,
        &[
            "enc",
            "-aes-128-cbc",
            "-K",
            &key,
            "-iv",
            iv,
            "-in",
            "plain.der",
            "-out",
            "sealed.bin",
        ],
    )
    .ok();
    let sealed = fs::read(dir.join("sealed.bin")).unwrap();
    fs::remove_file(dir.join("plain.der")).unwrap();
    fs::remove_file(dir.join("sealed.bin")).unwrap();
    pem(
        "RSA PRIVATE KEY",
        &format!("Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,{iv}\n\n"),
        &sealed,
    )
}

#[test]
fn a_huge_rsa_key_is_refused_by_its_length_in_every_form() {
    let dir = new_dir("dockcert-hostile-rsa-");
    let d = dir.path();
    ec_ca(d, "ca", "Test CA", &[]);
    let pkcs1 = rsa_pkcs1(HUGE_BITS, 17);
    let passphrase = "a passphrase for the legacy key";
    fs::write(d.join("pass.txt"), format!("{passphrase}\n")).unwrap();
    let forms = [
        ("pkcs1.pem", pem("RSA PRIVATE KEY", "", &pkcs1).into_bytes()),
        (
            "pkcs8.pem",
            pem("PRIVATE KEY", "", &pkcs8_of(&pkcs1)).into_bytes(),
        ),
        ("pkcs8.der", pkcs8_of(&pkcs1)),
        (
            "legacy.pem",
            legacy_encrypted(d, &pkcs1, passphrase).into_bytes(),
        ),
    ];
    for (name, bytes) in &forms {
        assert!(bytes.len() < 1024 * 1024, "{name} is under the file cap");
        fs::write(d.join(name), bytes).unwrap();
    }
    for (name, _) in &forms {
        let mut args = vec![
            "issue",
            "--ca-cert",
            "ca.pem",
            "--ca-key",
            name,
            "--client",
            "bob",
            "--out",
            "out.zip",
        ];
        if name.starts_with("legacy") {
            args.extend(["--passphrase-file", "pass.txt"]);
        }
        refused(
            d,
            &args,
            &format!("dockcert: --ca-key \"{name}\": its RSA modulus is 2000000 bits long; dockcert reads RSA keys of at most 16384 bits (refused before reading the key)"),
        );
    }
    // inspect reads the plain PEM ones (it never decrypts, and takes a DER
    // file for something else) and says so as a finding.
    for name in ["pkcs1.pem", "pkcs8.pem"] {
        let run = dockcert(d, &["inspect", name]);
        assert_eq!(run.status, 1, "{}", run.all());
        assert!(
            run.stdout.contains(&format!(
                "[key-too-large] {name}: its RSA modulus is 2000000 bits long"
            )),
            "{}",
            run.all()
        );
    }

    // A public exponent as long: refused the same way, by its length.
    let huge_e = pem("RSA PRIVATE KEY", "", &rsa_pkcs1(4096, HUGE_BITS));
    fs::write(d.join("exponent.pem"), huge_e).unwrap();
    refused(
        d,
        &[
            "issue",
            "--ca-cert",
            "ca.pem",
            "--ca-key",
            "exponent.pem",
            "--client",
            "bob",
            "--out",
            "out.zip",
        ],
        "--ca-key \"exponent.pem\": its RSA public exponent is 2000000 bits long",
    );
}

#[test]
fn a_certificate_with_a_huge_rsa_key_is_refused_by_its_length() {
    let dir = new_dir("dockcert-hostile-rsa-cert-");
    let d = dir.path();
    ec_ca(d, "ca", "Test CA", &[]);
    let cert = pem("CERTIFICATE", "", &huge_rsa_ca_cert(HUGE_BITS));
    fs::write(d.join("huge-ca.pem"), cert).unwrap();
    // A certificate OpenSSL reads: the refusal is about its key, not its form.
    let subject = openssl(d, &["x509", "-in", "huge-ca.pem", "-noout", "-subject"]).ok();
    assert!(subject.stdout.contains("Huge CA"), "{}", subject.all());

    refused(
        d,
        &[
            "issue", "--ca-cert", "huge-ca.pem", "--ca-key", "ca-key.pem", "--client", "bob",
            "--out", "out.zip",
        ],
        "dockcert: --ca-cert \"huge-ca.pem\": its RSA modulus is 2000000 bits long; dockcert reads RSA keys of at most 16384 bits",
    );
    let run = dockcert(d, &["inspect", "huge-ca.pem"]);
    assert_eq!(run.status, 1, "{}", run.all());
    assert!(
        run.stdout
            .contains("[key-too-large] huge-ca.pem: its RSA modulus is 2000000 bits long"),
        "{}",
        run.all()
    );
    assert!(!run.all().contains("All is well"), "{}", run.all());
}

// ---- fleet files built whole before their schema was checked ----

/// Fleet files of each hostile shape, with the line and the words each is
/// refused with: `(file name, text, line, words)`.
pub fn hostile_fleets() -> Vec<(&'static str, String, usize, &'static str)> {
    let deep = "nest deeper than the 8 levels a fleet file may use";
    let tables = "opens more than the 20100 tables a fleet file may have";
    let values = "holds more than the 250000 values a fleet file may have";
    // The file: one key dotted as deep as the file cap allows.
    let dotted = format!("a{} = 1\n", ".a".repeat(8 * 1024 * 1024 - 8));
    let dotted_lines: String = (0..=20_100).map(|i| format!("k{i}.a = 1\n")).collect();
    let many_tables: String = (0..=20_100).map(|i| format!("[t{i}]\n")).collect();
    let many_keys: String = (0..=250_000).map(|i| format!("k{i} = 1\n")).collect();
    let long_array = format!("[ca]\nx = [{}]\n", "1,".repeat(250_001));
    let nested_inline = format!("x = {}1{}\n", "{a = ".repeat(100_000), "}".repeat(100_000));
    let nested_arrays = format!(
        "# arrays\nx = {}{}\n",
        "[".repeat(1_000_000),
        "]".repeat(1_000_000)
    );
    // One line the parser refuses, then what it would otherwise read on
    // through: 160,000 tables, never counted past the bad line.
    let bad_then_dotted = format!(
        "= 1\n{}",
        (0..20_000)
            .map(|i| format!("k{i}.a.b.c.d.e.f.g = 1\n"))
            .collect::<String>()
    );
    vec![
        ("dotted.toml", dotted, 1, deep),
        (
            "bad-line.toml",
            bad_then_dotted,
            1,
            "unquoted keys cannot be empty",
        ),
        ("dotted-lines.toml", dotted_lines, 20_101, tables),
        ("tables.toml", many_tables, 20_101, tables),
        ("keys.toml", many_keys, 250_001, values),
        ("array.toml", long_array, 2, values),
        ("inline.toml", nested_inline, 1, deep),
        ("arrays.toml", nested_arrays, 2, deep),
    ]
}

#[test]
fn fleet_files_are_bounded_before_they_are_parsed() {
    let dir = new_dir("dockcert-hostile-fleet-");
    let d = dir.path();
    fs::write(d.join("pass.txt"), "correct horse battery staple\n").unwrap();
    for (name, text, _, _) in hostile_fleets() {
        fs::write(d.join(name), text).unwrap();
    }
    for (name, _, line, words) in hostile_fleets() {
        let run = refused(
            d,
            &[
                "new",
                "--config",
                name,
                "--passphrase-file",
                "pass.txt",
                "--out",
                "out.zip",
            ],
            &format!("dockcert: {name}:{line}: "),
        );
        assert!(
            run.stderr.contains(words),
            "{name}: {words:?} not in {}",
            run.stderr
        );
    }
    // A fleet file near every limit from the other side is still read.
    let hosts: String = (0..2_000)
        .map(|i| {
            format!(
                "[[host]]\nname = \"docker{i}.example.com\"\nsans = [\"10.0.{}.{}\"]\n",
                i / 250,
                i % 250 + 1
            )
        })
        .collect();
    fs::write(
        d.join("fleet.toml"),
        format!("[ca]\nname = \"Fleet CA\"\n{hosts}[[client]]\nname = \"alice\"\n"),
    )
    .unwrap();
    let made = dockcert(
        d,
        &[
            "new",
            "--config",
            "fleet.toml",
            "--passphrase-file",
            "pass.txt",
            "--out",
            "out.zip",
        ],
    );
    assert_eq!(made.status, 0, "{}", made.all());
    assert!(d.join("out.zip").is_file());
}

// ---- probe: one deadline, and "refused" only when the server says so ----

/// `dockcert probe ARGS --json` under the watchdog, with no DOCKER_* settings.
fn probe_json(work: &Path, wrap: &[&str], args: &[&str]) -> (Run, serde_json::Value) {
    let mut cmd = Command::new("timeout");
    cmd.arg(WATCHDOG_SECONDS)
        .args(wrap)
        .arg(dockcert_bin())
        .arg("probe")
        .args(args)
        .arg("--json");
    isolate(&mut cmd, work);
    let out = run(cmd.current_dir(work));
    let json = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("probe printed no JSON ({e}):\n{}", out.all()));
    (out, json)
}

fn check<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no check {name} in {report:#}"))
}

/// A TLS server that completes a handshake without a client certificate
/// and then never answers: `openssl s_server` with nothing on its input.
#[test]
fn a_daemon_that_answers_too_slowly_is_unknown_not_refusing() {
    require_tool("openssl");
    let bundle = make_bundle(&["--server", "127.0.0.1", "--client", "alice"]);
    let server = bundle.path("server/127.0.0.1");
    let port = free_port();
    let mut s_server = Command::new("openssl")
        .args(["s_server", "-accept", &format!("127.0.0.1:{port}"), "-cert"])
        .arg(server.join("server-cert.pem"))
        .arg("-key")
        .arg(server.join("server-key.pem"))
        // Asks for a client certificate, does not need one.
        .args(["-verify", "1", "-quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_listener(port);
    let client = bundle.path("client/alice");
    let (out, report) = probe_json(
        bundle.tmp.path(),
        &[],
        &[
            &format!("tcp://127.0.0.1:{port}"),
            "--client",
            client.to_str().unwrap(),
            "--timeout",
            "3",
        ],
    );
    s_server.kill().unwrap();
    s_server.wait().unwrap();
    assert_eq!(out.status, 1, "{}", out.all());
    // The handshake happened: the server's certificate was judged.
    assert_eq!(
        check(&report, "server-certificate")["status"],
        "ok",
        "{report:#}"
    );
    let anonymous = check(&report, "no-client-certificate");
    assert_eq!(anonymous["status"], "unknown", "{report:#}");
    assert_eq!(
        anonymous["summary"],
        "neither answered nor refused after a handshake without a certificate: no answer within the probe's 3s"
    );
    let with_client = check(&report, "client-certificate");
    assert_eq!(with_client["status"], "skipped", "{report:#}");
    assert_eq!(with_client["summary"], "the probe's 3s ran out");
    assert_eq!(report["verdict"]["healthy"], false);
    assert!(
        report["verdict"]["text"]
            .as_str()
            .unwrap()
            .starts_with(&format!(
            "UNKNOWN: 127.0.0.1:{port} neither answered nor refused a client without a certificate"
        )),
        "{report:#}"
    );
}

/// A name whose DNS server (a silent UDP socket on loopback, named by a
/// resolv.conf seen only by the probe, in a mount namespace of its own)
/// never answers: the lookup would take resolv.conf's 3 × 30 s.
#[test]
fn a_name_that_never_resolves_ends_at_the_probe_deadline() {
    require_tool("unshare");
    let dir = new_dir("dockcert-hostile-dns-");
    let d = dir.path();
    let dns = UdpSocket::bind("127.0.0.79:53").unwrap();
    fs::write(
        d.join("resolv.conf"),
        "nameserver 127.0.0.79\noptions timeout:30 attempts:3\n",
    )
    .unwrap();
    let bundle = make_bundle(&["--server", "127.0.0.1", "--client", "alice"]);
    let client = bundle.path("client/alice");
    let resolv = d.join("resolv.conf");
    let (out, report) = probe_json(
        d,
        &[
            "unshare",
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            "mount --bind \"$0\" /etc/resolv.conf && exec \"$@\"",
            resolv.to_str().unwrap(),
        ],
        &[
            "tcp://never.resolves.test:2376",
            "--client",
            client.to_str().unwrap(),
            "--timeout",
            "2",
        ],
    );
    assert_eq!(out.status, 1, "{}", out.all());
    let reachable = check(&report, "reachable");
    assert_eq!(reachable["status"], "finding", "{report:#}");
    assert_eq!(
        reachable["summary"],
        "never.resolves.test: the name lookup did not finish within the probe's 2s"
    );
    // The lookup reached the silent server: the deadline, not a quick
    // failure, ended it.
    dns.set_nonblocking(true).unwrap();
    let mut query = [0u8; 512];
    let (len, _) = dns.recv_from(&mut query).expect("no DNS query arrived");
    // The name as DNS carries it: \x05never\x08resolves\x04test.
    assert!(
        query[..len].windows(6).any(|w| w == b"\x05never"),
        "the query was not for the name"
    );
}
