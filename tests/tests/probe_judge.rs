//! `dockcert probe` judges as the real docker client does, case for case:
//! each case is a good CA and server certificate with one thing changed,
//! made by OpenSSL at test time, served by `openssl s_server` on 127.0.0.1
//! (asking for a client certificate of the CA, so it announces the CA's
//! name), and judged by both the real docker client and the real CLI. They
//! must agree: docker refuses exactly when probe's server-certificate check
//! is a finding, and then probe quotes docker's `x509:` message. Then what
//! the server accepts of clients: a client of another CA is said to be
//! refused, with the CA names the server announced, as docker is. Each case
//! also states what docker does, so a broken harness cannot pass.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use dockcert_tests::judge::isolate;
use dockcert_tests::openssl_certs::{ec_ca_dated, ec_leaf_with, LeafSpec};
use dockcert_tests::{
    dockcert_bin, english_runs, free_port, new_dir, openssl, run, wait_for_listener, Run,
};

/// How long the docker client may take for one case.
const DOCKER_SECONDS: &str = "30";

/// A CA's extensions as a good CA has them.
const GOOD_CA: &str = "basicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\nsubjectKeyIdentifier = hash\n";
/// A server certificate's extensions for 127.0.0.1, as a good one has them.
const GOOD_SERVER: &str = "subjectAltName = DNS:localhost, IP:127.0.0.1\nextendedKeyUsage = serverAuth\nkeyUsage = critical, digitalSignature\n";
/// A client certificate's extensions.
const CLIENT: &str = "extendedKeyUsage = clientAuth\nkeyUsage = critical, digitalSignature\n";

/// A self-signed CA `{stem}.pem`/`{stem}-key.pem` in `dir` on `curve`,
/// named `cn`, with the extensions `ext`, valid from `start` to `end`
/// (`openssl ca`'s YYYYMMDDHHMMSSZ, so it can be back-dated).
fn ca(dir: &Path, stem: &str, cn: &str, ext: &str, dates: (&str, &str)) {
    ec_ca_dated(dir, stem, cn, "P-256", ext, dates);
}

/// A CA valid from 2020 to 2040.
fn good_ca(dir: &Path, stem: &str, cn: &str, ext: &str) {
    ca(dir, stem, cn, ext, ("20200101000000Z", "20400101000000Z"));
}

/// A leaf `{stem}.pem`/`{stem}-key.pem` on `curve`, signed by `{ca}` for
/// 90 days (past probe's 30-day warning), with the extensions `ext`.
fn leaf(dir: &Path, stem: &str, ca: &str, curve: &str, ext: &str) {
    let extra = ["-set_serial", "0x1234"];
    let spec = LeafSpec {
        curve,
        days: "90",
        ext,
        extra: &extra,
    };
    ec_leaf_with(dir, stem, ca, stem, spec);
}

/// `openssl s_server` serving `server.pem` on 127.0.0.1:`port`, asking for
/// a client certificate of `ca.pem` (so it announces that CA's name),
/// stopped when dropped.
struct Server(Child);

impl Server {
    fn start(dir: &Path, port: u16) -> Server {
        Server::start_with(dir, port, &[])
    }

    /// The same, with `more` of s_server's options (its TLS versions,
    /// suites and groups).
    fn start_with(dir: &Path, port: u16, more: &[&str]) -> Server {
        let child = Command::new("openssl")
            .current_dir(dir)
            .args(["s_server", "-quiet", "-www", "-accept"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-cert", "server.pem", "-key", "server-key.pem"])
            .args(["-Verify", "1", "-CAfile", "ca.pem"])
            .args(more)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_for_listener(port);
        Server(child)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The real docker client against 127.0.0.1:`port`, trusting `ca.pem`,
/// with `{client}.pem`. `DOCKER_API_VERSION` skips the `/_ping` that
/// s_server never answers as dockerd would.
fn docker(dir: &Path, port: u16, client: &str) -> Run {
    let mut cmd = Command::new("timeout");
    cmd.current_dir(dir)
        .args([
            DOCKER_SECONDS,
            "docker",
            "--tlsverify",
            "--tlscacert=ca.pem",
        ])
        .arg(format!("--tlscert={client}.pem"))
        .arg(format!("--tlskey={client}-key.pem"))
        .args(["-H", &format!("tcp://127.0.0.1:{port}"), "version"])
        .env("DOCKER_API_VERSION", "1.45");
    isolate(&mut cmd, dir);
    run(&mut cmd)
}

/// `dockcert probe` against 127.0.0.1:`port` with the same files, with
/// `more` flags.
fn probe(dir: &Path, port: u16, client: &str, more: &[&str]) -> Run {
    let mut cmd = Command::new(dockcert_bin());
    cmd.current_dir(dir)
        .args(["probe", &format!("tcp://127.0.0.1:{port}")])
        .args(["--tlscacert", "ca.pem"])
        .args(["--tlscert", &format!("{client}.pem")])
        .args(["--tlskey", &format!("{client}-key.pem")])
        .args(["--timeout", "10"])
        .args(more);
    isolate(&mut cmd, dir);
    run(&mut cmd)
}

fn json_of(out: &Run) -> serde_json::Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("probe printed no JSON ({e}):\n{}", out.all()))
}

fn check<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no check {name} in {report:#}"))
}

/// docker's `x509: …` message, up to the moment it names (which differs
/// from run to run), when it refused the server's certificate.
fn x509_refusal(docker: &Run) -> Option<String> {
    let all = docker.all();
    let at = all.find("x509: ")?;
    let said = all[at..].lines().next().unwrap_or_default();
    Some(
        said.split(": current time")
            .next()
            .unwrap()
            .trim()
            .to_owned(),
    )
}

/// What docker does with a case's server certificate.
#[derive(Debug, PartialEq)]
enum Docker {
    Accepts,
    Refuses(&'static str),
}

/// One case: the files in `dir` (ca.pem, server.pem, client.pem) served,
/// judged by docker and by probe: both as `expected`.
fn agree(what: &str, dir: &Path, expected: Docker) -> serde_json::Value {
    agree_served(what, dir, &[], expected)
}

/// [`agree`], the server started with `more` of s_server's options.
fn agree_served(what: &str, dir: &Path, more: &[&str], expected: Docker) -> serde_json::Value {
    let port = free_port();
    let _server = Server::start_with(dir, port, more);
    let docker = docker(dir, port, "client");
    let docker_refusal = x509_refusal(&docker);
    match &expected {
        Docker::Accepts => {
            assert_eq!(docker_refusal, None, "{what}: docker:\n{}", docker.all());
            assert!(
                !docker.all().contains("tls:"),
                "{what}: docker's TLS failed:\n{}",
                docker.all()
            );
        }
        Docker::Refuses(said) => assert_eq!(
            docker_refusal.as_deref(),
            Some(*said),
            "{what}: docker:\n{}",
            docker.all()
        ),
    }
    let out = probe(dir, port, "client", &["--json"]);
    let report = json_of(&out);
    let server = check(&report, "server-certificate");
    match docker_refusal {
        None => {
            assert_eq!(server["status"], "ok", "{what}: probe refused:\n{report:#}");
            assert_ne!(
                report["verdict"]["text"],
                "the docker client refuses this daemon's certificate (see above)"
            );
        }
        Some(docker_said) => {
            assert_eq!(server["status"], "finding", "{what}: {report:#}");
            let probe_said = server["docker_says"].as_str().unwrap();
            assert_eq!(
                probe_said.split(": current time").next().unwrap(),
                docker_said,
                "{what}: probe and docker say different things"
            );
            assert_eq!(out.status, 1, "{what}");
        }
    }
    report
}

#[test]
fn an_expired_ca_is_refused_as_docker_refuses_it() {
    let dir = new_dir("dockcert-judge-");
    ca(
        dir.path(),
        "ca",
        "Expired CA",
        GOOD_CA,
        ("20240101000000Z", "20250101000000Z"),
    );
    leaf(dir.path(), "server", "ca", "P-256", GOOD_SERVER);
    leaf(dir.path(), "client", "ca", "P-256", CLIENT);
    agree(
        "expired CA",
        dir.path(),
        Docker::Refuses("x509: certificate has expired or is not yet valid"),
    );
    // In Chinese: docker's words kept as they are, the rest Chinese.
    let port = free_port();
    let _server = Server::start(dir.path(), port);
    let zh = probe(dir.path(), port, "client", &["--lang", "zh"]);
    assert!(
        zh.stdout
            .contains("“x509: certificate has expired or is not yet valid"),
        "{}",
        zh.stdout
    );
    assert_eq!(
        english_runs(&zh.stdout),
        Vec::<String>::new(),
        "{}",
        zh.stdout
    );
}

#[test]
fn a_ca_that_is_not_a_ca_is_refused_as_docker_refuses_it() {
    let dir = new_dir("dockcert-judge-");
    good_ca(
        dir.path(),
        "ca",
        "Not A CA",
        "basicConstraints = critical, CA:FALSE\nkeyUsage = critical, keyCertSign, cRLSign\n",
    );
    leaf(dir.path(), "server", "ca", "P-256", GOOD_SERVER);
    leaf(dir.path(), "client", "ca", "P-256", CLIENT);
    agree(
        "CA:FALSE",
        dir.path(),
        Docker::Refuses(
            "x509: certificate signed by unknown authority (possibly because of \"x509: invalid signature: parent certificate cannot sign this kind of certificate\" while trying to verify candidate authority certificate \"Not A CA\")",
        ),
    );
}

/// A good CA ("Judge CA", ca.pem), a P-256 server certificate of it with
/// the extensions `server_ext` (server.pem) and a client (client.pem).
fn one_ca_server(server_ext: &str) -> tempfile::TempDir {
    let dir = new_dir("dockcert-judge-");
    good_ca(dir.path(), "ca", "Judge CA", GOOD_CA);
    leaf(dir.path(), "server", "ca", "P-256", server_ext);
    leaf(dir.path(), "client", "ca", "P-256", CLIENT);
    dir
}

#[test]
fn any_extended_key_usage_is_accepted_as_docker_accepts_it() {
    let dir =
        one_ca_server("subjectAltName = IP:127.0.0.1\nextendedKeyUsage = anyExtendedKeyUsage\n");
    agree("anyExtendedKeyUsage", dir.path(), Docker::Accepts);
}

#[test]
fn a_leaf_that_is_also_a_ca_is_accepted_as_docker_accepts_it() {
    let dir = one_ca_server("basicConstraints = critical, CA:TRUE\nsubjectAltName = IP:127.0.0.1\nextendedKeyUsage = serverAuth\n");
    agree("a leaf that is a CA", dir.path(), Docker::Accepts);
}

#[test]
fn an_ipv4_mapped_ipv6_san_is_accepted_for_its_ipv4_as_docker_accepts_it() {
    let dir =
        one_ca_server("subjectAltName = IP:::ffff:127.0.0.1\nextendedKeyUsage = serverAuth\n");
    agree("IPv4-mapped IPv6 SAN", dir.path(), Docker::Accepts);
}

#[test]
fn a_server_of_another_ca_is_refused_as_docker_refuses_it() {
    let dir = new_dir("dockcert-judge-");
    good_ca(dir.path(), "ca", "Judge CA", GOOD_CA);
    good_ca(dir.path(), "other", "Other CA", GOOD_CA);
    leaf(dir.path(), "server", "other", "P-256", GOOD_SERVER);
    leaf(dir.path(), "client", "ca", "P-256", CLIENT);
    let report = agree(
        "another CA",
        dir.path(),
        Docker::Refuses("x509: certificate signed by unknown authority"),
    );
    // docker stops there, and so does probe.
    assert_eq!(check(&report, "client-certificate")["status"], "skipped");
}

/// A P-521 server key, which docker takes and ring cannot check: probe
/// never reports its own TLS library's limit as docker's refusal. When the
/// handshake could not be finished it says so, in English and Chinese.
#[test]
fn a_p521_server_is_accepted_and_probes_own_limit_is_said_as_such() {
    let dir = new_dir("dockcert-judge-");
    good_ca(dir.path(), "ca", "Judge CA", GOOD_CA);
    leaf(dir.path(), "server", "ca", "P-521", GOOD_SERVER);
    leaf(dir.path(), "client", "ca", "P-256", CLIENT);
    let report = agree("P-521 server key", dir.path(), Docker::Accepts);
    let server = check(&report, "server-certificate");
    assert!(
        server["summary"].as_str().unwrap().contains("ECDSA P-521"),
        "{report:#}"
    );
    let with_client = check(&report, "client-certificate");
    if with_client["status"] != "ok" {
        // Not finished by our TLS library: said as ours, never as docker's.
        assert_eq!(with_client["status"], "unknown", "{report:#}");
        assert_eq!(with_client["docker_says"], serde_json::Value::Null);
        let notes = server["notes"].to_string();
        assert!(notes.contains("dockcert's TLS library"), "{report:#}");
        let port = free_port();
        let _server = Server::start(dir.path(), port);
        let zh = probe(dir.path(), port, "client", &["--lang", "zh"]);
        assert!(
            zh.stdout.contains("dockcert 所用的 TLS 库"),
            "{}",
            zh.stdout
        );
        assert_eq!(
            english_runs(&zh.stdout),
            Vec::<String>::new(),
            "{}",
            zh.stdout
        );
    }
}

/// A server that asks for clients of its CA, and a client of another CA:
/// docker sends no certificate (its issuer is none of the names announced)
/// and is refused; probe names the CA the server announces, says why the
/// client is refused, and quotes the same refusal — in Chinese too.
#[test]
fn a_client_of_a_ca_the_server_does_not_announce_is_refused_as_docker_is() {
    let dir = new_dir("dockcert-judge-");
    good_ca(dir.path(), "ca", "Judge CA", GOOD_CA);
    good_ca(dir.path(), "other", "Other CA", GOOD_CA);
    leaf(dir.path(), "server", "ca", "P-256", GOOD_SERVER);
    leaf(dir.path(), "client", "other", "P-256", CLIENT);
    // probe and docker trust the server's CA; the client is the other's.
    let port = free_port();
    let _server = Server::start(dir.path(), port);
    let docker = docker(dir.path(), port, "client");
    assert_ne!(docker.status, 0, "{}", docker.all());
    assert!(
        docker
            .all()
            .contains("remote error: tls: certificate required"),
        "docker sent no certificate:\n{}",
        docker.all()
    );
    let out = probe(dir.path(), port, "client", &["--json"]);
    assert_eq!(out.status, 1, "{}", out.all());
    let report = json_of(&out);
    let anonymous = check(&report, "no-client-certificate");
    assert_eq!(anonymous["status"], "ok", "{report:#}");
    assert!(
        anonymous["notes"].to_string().contains("CN=Judge CA"),
        "the announced name: {report:#}"
    );
    let with_client = check(&report, "client-certificate");
    assert_eq!(with_client["status"], "finding", "{report:#}");
    assert_eq!(
        with_client["docker_says"], "remote error: tls: certificate required",
        "{report:#}"
    );
    let notes = with_client["notes"].to_string();
    assert!(
        notes.contains("issued by CN=Other CA, none of the CAs dockerd announces (CN=Judge CA)"),
        "{report:#}"
    );

    let zh = probe(dir.path(), port, "client", &["--lang", "zh"]);
    assert!(
        zh.stdout.contains(
            "客户端证书的颁发者是 CN=Other CA，不在 dockerd 公布的 CA（CN=Judge CA）之中"
        ),
        "{}",
        zh.stdout
    );
    assert_eq!(
        english_runs(&zh.stdout),
        Vec::<String>::new(),
        "{}",
        zh.stdout
    );

    // The client of the server's own CA is offered and let in, as docker is.
    leaf(dir.path(), "alice", "ca", "P-256", CLIENT);
    let docker = self::docker(dir.path(), port, "alice");
    assert!(!docker.all().contains("tls:"), "{}", docker.all());
    let report = json_of(&probe(dir.path(), port, "alice", &["--json"]));
    assert_eq!(
        check(&report, "client-certificate")["status"],
        "ok",
        "{report:#}"
    );
}

/// A client whose key is P-521, which docker signs with and ring cannot:
/// docker gets in, and so does probe, the core signing its side of the
/// handshake as docker's Go client does — on TLS 1.3 and TLS 1.2, with the
/// key as PKCS#8 or as SEC1 — and s_server checks that signature.
#[test]
fn a_p521_client_key_is_shown_to_the_server_as_docker_shows_it() {
    let dir = new_dir("dockcert-judge-");
    good_ca(dir.path(), "ca", "Judge CA", GOOD_CA);
    leaf(dir.path(), "server", "ca", "P-256", GOOD_SERVER);
    leaf(dir.path(), "client", "ca", "P-521", CLIENT);
    openssl(
        dir.path(),
        &["ec", "-in", "client-key.pem", "-out", "sec1-key.pem"],
    )
    .ok();
    fs::copy(dir.path().join("client.pem"), dir.path().join("sec1.pem")).unwrap();
    for more in [&[][..], &["-no_tls1_3"]] {
        let port = free_port();
        let _server = Server::start_with(dir.path(), port, more);
        for client in ["client", "sec1"] {
            let docker = docker(dir.path(), port, client);
            assert!(!docker.all().contains("tls:"), "{}", docker.all());
            let out = probe(dir.path(), port, client, &["--json"]);
            let report = json_of(&out);
            let with_client = check(&report, "client-certificate");
            assert_eq!(with_client["status"], "ok", "{more:?} {client}: {report:#}");
            assert_eq!(with_client["docker_says"], serde_json::Value::Null);
            assert!(
                with_client["summary"]
                    .as_str()
                    .unwrap()
                    .starts_with("accepted; /_ping "),
                "{more:?} {client}: {report:#}"
            );
            assert_eq!(out.status, 0, "{}", out.all());
        }
    }
}

/// A server that agrees keys only over P-521 (ECDHE secp521r1), which
/// docker's Go client offers and ring lacks: docker reaches it, and so does
/// probe (its TLS provider offers Go's groups, P-521 from the core), with
/// no TLS library's limit to report. On TLS 1.2 OpenSSL then also refuses
/// the P-256 client key ("wrong curve": not among the groups it takes), as
/// it does docker's; the key agreement itself went through for both.
#[test]
fn a_server_speaking_only_p521_key_agreement_is_reached_as_docker_reaches_it() {
    let dir = new_dir("dockcert-judge-");
    good_ca(dir.path(), "ca", "Judge CA", GOOD_CA);
    leaf(dir.path(), "server", "ca", "P-256", GOOD_SERVER);
    leaf(dir.path(), "client", "ca", "P-256", CLIENT);
    let report = agree_served(
        "P-521 key agreement only",
        dir.path(),
        &["-groups", "P-521"],
        Docker::Accepts,
    );
    let server = check(&report, "server-certificate");
    assert_eq!(server["notes"], serde_json::Value::Null, "{report:#}");
    assert_eq!(check(&report, "client-certificate")["status"], "ok");

    let port = free_port();
    let _server = Server::start_with(dir.path(), port, &["-groups", "P-521", "-no_tls1_3"]);
    let docker = docker(dir.path(), port, "client");
    let said = "remote error: tls: illegal parameter";
    assert!(docker.all().contains(said), "{}", docker.all());
    let report = json_of(&probe(dir.path(), port, "client", &["--json"]));
    let server = check(&report, "server-certificate");
    assert_eq!(server["status"], "ok", "{report:#}");
    assert_eq!(server["notes"], serde_json::Value::Null, "{report:#}");
    let with_client = check(&report, "client-certificate");
    assert!(
        with_client["summary"].as_str().unwrap().contains(said),
        "{report:#}"
    );
}

/// A TLS 1.2 server whose only suite is one docker's client does not offer
/// (ECDHE-ECDSA-CHACHA20-POLY1305: docker's tlsconfig offers AES-GCM only,
/// though ring has it): docker cannot finish a handshake, and neither does
/// probe, which quotes docker's words for it, never calls it healthy, and
/// does not blame the certificate it never saw.
#[test]
fn a_suite_docker_does_not_offer_is_refused_as_docker_is() {
    let dir = new_dir("dockcert-judge-");
    good_ca(dir.path(), "ca", "Judge CA", GOOD_CA);
    leaf(dir.path(), "server", "ca", "P-256", GOOD_SERVER);
    leaf(dir.path(), "client", "ca", "P-256", CLIENT);
    let port = free_port();
    let more = ["-no_tls1_3", "-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305"];
    let _server = Server::start_with(dir.path(), port, &more);
    let docker = docker(dir.path(), port, "client");
    let said = "remote error: tls: handshake failure";
    assert!(docker.all().contains(said), "{}", docker.all());
    let out = probe(dir.path(), port, "client", &["--json"]);
    assert_eq!(out.status, 1, "{}", out.all());
    let report = json_of(&out);
    let server = check(&report, "server-certificate");
    assert_eq!(server["status"], "finding", "{report:#}");
    assert_eq!(server["docker_says"], said, "{report:#}");
    assert_eq!(
        report["verdict"]["text"],
        format!(
            "the docker client cannot finish a TLS handshake with 127.0.0.1:{port}, so never sees its certificate (see above)"
        ),
        "{report:#}"
    );
}

/// A TLS 1.2 server that signs its handshake only with ECDSA over SHA-1:
/// docker 28 (Go 1.24) still takes it; ring and the core do not check it.
/// probe judges the chain it recorded as docker does (accepted) and says
/// plainly that its own TLS library stopped there, in English and Chinese,
/// never that docker refuses the server.
#[test]
fn a_sha1_handshake_signature_is_probes_own_limit_not_a_refusal() {
    let dir = new_dir("dockcert-judge-");
    good_ca(dir.path(), "ca", "Judge CA", GOOD_CA);
    leaf(dir.path(), "server", "ca", "P-256", GOOD_SERVER);
    leaf(dir.path(), "client", "ca", "P-256", CLIENT);
    let more = [
        "-no_tls1_3",
        "-sigalgs",
        "ECDSA+SHA1",
        "-client_sigalgs",
        "ECDSA+SHA256",
        "-cipher",
        "DEFAULT@SECLEVEL=0",
    ];
    let report = agree_served(
        "SHA-1 handshake signature",
        dir.path(),
        &more,
        Docker::Accepts,
    );
    let server = check(&report, "server-certificate");
    assert!(
        server["notes"].to_string().contains("made over SHA-1"),
        "{report:#}"
    );
    assert_eq!(check(&report, "no-client-certificate")["status"], "skipped");
    assert_eq!(check(&report, "client-certificate")["status"], "unknown");
    assert_eq!(
        check(&report, "client-certificate")["docker_says"],
        serde_json::Value::Null
    );
    let port = free_port();
    let _server = Server::start_with(dir.path(), port, &more);
    let zh = probe(dir.path(), port, "client", &["--lang", "zh"]);
    assert!(
        zh.stdout
            .contains("无法校验服务器用 SHA-1 所做的 TLS 1.2 握手签名"),
        "{}",
        zh.stdout
    );
    assert_eq!(
        english_runs(&zh.stdout),
        Vec::<String>::new(),
        "{}",
        zh.stdout
    );
}
