//! `dockcert probe` against a real dockerd on loopback, one situation at a
//! time: a healthy bundle, `--tls` without `--tlsverify`, plain TCP, a
//! server certificate the client's CA did not sign, a name not among the
//! SANs, an expired server certificate (made by openssl, back-dated), and
//! nothing listening. Each verdict is checked against what the real docker
//! client does in the same situation.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;

use dockcert_tests::dockerd::Daemon;
use dockcert_tests::judge::{assert_refused, isolate, HostSetup, Stage, HOST};
use dockcert_tests::recipe::{recipe_ca, recipe_leaf, CaKey};
use dockcert_tests::{dockcert, dockcert_bin, make_bundle, run, with_hosts, Run};

fn stage() -> Stage {
    stage_for(&format!("{HOST},127.0.0.1"))
}

fn stage_for(server: &str) -> Stage {
    let setup = HostSetup::new();
    let (listen, install_dir) = (setup.listen(), setup.install_dir());
    let bundle = make_bundle(&[
        "--server",
        server,
        "--client",
        "alice",
        "--listen",
        &listen,
        "--install-dir",
        &install_dir,
    ]);
    Stage::new(bundle, setup)
}

/// `dockcert probe ARGS` as JSON, with no DOCKER_* settings from the machine.
fn probe(work: &Path, args: &[&str]) -> (Run, serde_json::Value) {
    let mut cmd = Command::new(dockcert_bin());
    cmd.arg("probe").args(args).arg("--json");
    isolate(&mut cmd, work);
    let out = run(&mut cmd);
    let json = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("probe printed no JSON ({e}):\n{}", out.all()));
    (out, json)
}

/// The status of the check named `name` ("reachable", "plain-http", ...).
fn status<'a>(report: &'a serde_json::Value, name: &str) -> &'a str {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no check {name} in {report:#}"))["status"]
        .as_str()
        .unwrap()
}

fn check<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap()
}

fn url(port: u16) -> String {
    format!("tcp://127.0.0.1:{port}")
}

/// The bundle's own daemon and client: every check passes, the human report
/// has one line per check and the verdict, and docker gets in too.
#[test]
fn healthy_bundle() {
    let mut stage = stage();
    stage.start_from_daemon_json();
    let client = stage.client_dir("alice");
    let (out, report) = probe(
        stage.work(),
        &[&url(stage.port()), "--client", client.to_str().unwrap()],
    );
    assert_eq!(out.status, 0, "{}", out.all());
    for name in [
        "reachable",
        "plain-http",
        "server-certificate",
        "no-client-certificate",
        "client-certificate",
    ] {
        assert_eq!(status(&report, name), "ok", "{name}: {report:#}");
    }
    assert_eq!(report["verdict"]["healthy"], true);
    let with_client = check(&report, "client-certificate")["summary"]
        .as_str()
        .unwrap();
    let docker = stage
        .docker_tls("alice", "127.0.0.1", "cert.pem", "key.pem")
        .ok();
    let server_version = docker.stdout.trim();
    assert!(
        with_client.contains(&format!("docker {server_version}, API 1.")),
        "{with_client} vs docker's {server_version}"
    );

    // The human report, with the files named one by one.
    let human = dockcert(
        &client,
        &[
            "probe",
            &url(stage.port()),
            "--tlscacert",
            "ca.pem",
            "--tlscert",
            "cert.pem",
            "--tlskey",
            "key.pem",
        ],
    )
    .ok();
    let lines: Vec<&str> = human.stdout.lines().collect();
    assert!(
        lines[1].trim_start().starts_with("ok      reachable:"),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .contains("SANs docker.dockcert.test, 127.0.0.1"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("ECDSA P-256"), "{}", human.stdout);
    assert!(
        human.stdout.contains("\nVerdict: healthy"),
        "{}",
        human.stdout
    );

    // As the docker client is set up: DOCKER_HOST and DOCKER_CERT_PATH.
    let mut cmd = Command::new(dockcert_bin());
    isolate(&mut cmd, stage.work());
    cmd.arg("probe")
        .env("DOCKER_HOST", url(stage.port()))
        .env("DOCKER_CERT_PATH", &client)
        .env("DOCKER_TLS_VERIFY", "1");
    let from_env = run(&mut cmd);
    assert_eq!(from_env.status, 0, "{}", from_env.all());

    // A docker context, as docker-context.sh makes it: by --context and by
    // DOCKER_CONTEXT, its endpoint and TLS files read from docker's store.
    let hosts = stage.work().join("probe-hosts");
    std::fs::write(
        &hosts,
        format!("127.0.0.1 localhost {HOST} other.dockcert.test\n"),
    )
    .unwrap();
    stage
        .client_shell("alice", "./install.sh && ./docker-context.sh")
        .ok();
    for via_env in [false, true] {
        let args: &[&str] = if via_env {
            &["probe", "--json"]
        } else {
            &["probe", "--context", HOST, "--json"]
        };
        let mut cmd = with_hosts(&hosts, dockcert_bin().to_str().unwrap(), args);
        isolate(&mut cmd, stage.work());
        if via_env {
            cmd.env("DOCKER_CONTEXT", HOST);
        }
        let out = run(&mut cmd);
        assert_eq!(out.status, 0, "{}", out.all());
        let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(
            report["target"],
            format!("tcp://{HOST}:{}", stage.port()),
            "{report:#}"
        );
        assert!(
            report["ca"].as_str().unwrap().contains("contexts/tls/"),
            "{report:#}"
        );
    }
    let unknown = dockcert(&client, &["probe", "--context", "nowhere"]);
    assert_eq!(unknown.status, 2, "{}", unknown.all());
    assert!(
        unknown
            .stderr
            .contains("--context \"nowhere\": no such docker context"),
        "{}",
        unknown.stderr
    );

    // A name not among the SANs: docker and probe both refuse the server.
    let other = format!("tcp://other.dockcert.test:{}", stage.port());
    let mut cmd = with_hosts(
        &hosts,
        dockcert_bin().to_str().unwrap(),
        &[
            "probe",
            &other,
            "--client",
            client.to_str().unwrap(),
            "--json",
        ],
    );
    isolate(&mut cmd, stage.work());
    let out = run(&mut cmd);
    assert_eq!(out.status, 1, "{}", out.all());
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let cert = check(&report, "server-certificate");
    assert_eq!(cert["status"], "finding");
    let said = cert["docker_says"].as_str().unwrap();
    assert_eq!(
        said,
        "x509: certificate is valid for docker.dockcert.test, not other.dockcert.test"
    );
    assert!(cert["explanation"]["fix"]
        .as_str()
        .unwrap()
        .contains("--server"));
    let docker = stage.docker_tls("alice", "other.dockcert.test", "cert.pem", "key.pem");
    assert_refused(docker, "a name not in the SANs", &[said]);

    // Bad input is refused with the flag named, exit status 2.
    let bad = dockcert(
        &client,
        &[
            "probe",
            &url(stage.port()),
            "--client",
            ".",
            "--tlskey",
            "ca.pem",
        ],
    );
    assert_eq!(bad.status, 2, "{}", bad.all());
    assert!(bad.stderr.contains("--tlskey \"ca.pem\""), "{}", bad.stderr);
    for flag in ["--tlscacert", "--tlscert"] {
        let bad = dockcert(
            &client,
            &[
                "probe",
                &url(stage.port()),
                "--client",
                ".",
                flag,
                "key.pem",
            ],
        );
        assert_eq!(bad.status, 2, "{}", bad.all());
        let said = format!("{flag} \"key.pem\": holds no certificate (PEM or DER)");
        assert!(bad.stderr.contains(&said), "{}", bad.stderr);
    }
    let bad = dockcert(&client, &["probe", "127.0.0.1:2376", "--client", "."]);
    assert_eq!(bad.status, 2, "{}", bad.all());
    assert!(
        bad.stderr.contains("expected tcp://HOST:PORT"),
        "{}",
        bad.stderr
    );
}

/// dockerd with the server's files from `stage` and `flags` before them.
fn daemon_with(stage: &Stage, tls_flags: &[&str]) -> Daemon {
    let dir = stage.bundle.path(&format!("server/{HOST}"));
    let mut flags: Vec<String> = tls_flags.iter().map(|f| (*f).to_owned()).collect();
    flags.extend([
        format!("--tlscacert={}", dir.join("ca.pem").display()),
        format!("--tlscert={}", dir.join("server-cert.pem").display()),
        format!("--tlskey={}", dir.join("server-key.pem").display()),
    ]);
    flags.extend(listen_flags(stage));
    Daemon::with_flags(&flags, &stage.socket(), stage.work())
}

fn listen_flags(stage: &Stage) -> Vec<String> {
    vec![
        "-H".into(),
        format!("unix://{}", stage.socket().display()),
        "-H".into(),
        url(stage.port()),
    ]
}

/// `--tls` without `--tlsverify`: a client without a certificate gets in.
/// (dockerd 20.10 turns verification on by itself when it has a tlscacert,
/// even its default ~/.docker/ca.pem, unless told `--tlsverify=false`, as
/// daemon.json's `"tlsverify": false` does.)
#[test]
fn tls_without_tlsverify_lets_anyone_in() {
    let stage = stage();
    let _daemon = daemon_with(&stage, &["--tls", "--tlsverify=false"]);
    let client = stage.client_dir("alice");
    let (out, report) = probe(
        stage.work(),
        &[&url(stage.port()), "--client", client.to_str().unwrap()],
    );
    assert_eq!(out.status, 1, "{}", out.all());
    assert_eq!(status(&report, "server-certificate"), "ok", "{report:#}");
    assert_eq!(
        status(&report, "no-client-certificate"),
        "finding",
        "{report:#}"
    );
    let verdict = report["verdict"]["text"].as_str().unwrap();
    assert!(
        verdict.starts_with("OPEN API") && verdict.contains("--tlsverify"),
        "{verdict}"
    );
    // The real client without a certificate gets in too.
    let docker = stage
        .docker(
            &client,
            &[
                "--tlsverify",
                "--tlscacert=ca.pem",
                "-H",
                &url(stage.port()),
                "version",
                "--format",
                "{{.Server.Version}}",
            ],
        )
        .ok();
    assert!(!docker.stdout.trim().is_empty(), "{}", docker.all());
}

/// The API on plain TCP: the worst finding.
#[test]
fn plain_tcp_is_an_open_api() {
    let stage = stage();
    let _daemon = Daemon::with_flags(&listen_flags(&stage), &stage.socket(), stage.work());
    let client = stage.client_dir("alice");
    let (out, report) = probe(
        stage.work(),
        &[&url(stage.port()), "--client", client.to_str().unwrap()],
    );
    assert_eq!(out.status, 1, "{}", out.all());
    assert_eq!(status(&report, "plain-http"), "finding", "{report:#}");
    assert_eq!(
        status(&report, "server-certificate"),
        "finding",
        "{report:#}"
    );
    let verdict = report["verdict"]["text"].as_str().unwrap();
    assert!(
        verdict.starts_with("OPEN API") && verdict.contains("without TLS"),
        "{verdict}"
    );
    // Anyone gets in with no TLS at all; docker with --tlsverify cannot talk to it.
    let open = stage
        .docker(
            &client,
            &[
                "-H",
                &url(stage.port()),
                "version",
                "--format",
                "{{.Server.Version}}",
            ],
        )
        .ok();
    assert!(!open.stdout.trim().is_empty(), "{}", open.all());
    assert_refused(
        stage.docker_tls("alice", "127.0.0.1", "cert.pem", "key.pem"),
        "TLS to a plain port",
        &[
            "server gave HTTP response to HTTPS client",
            "first record does not look like a TLS handshake",
        ],
    );
}

/// The client trusts another CA than the one that signed the server's
/// certificate: docker refuses the server, and so does probe, in its words.
#[test]
fn server_certificate_from_another_ca() {
    let mut stage = stage();
    stage.start_from_daemon_json();
    let stranger = make_bundle(&["--server", "elsewhere.dockcert.test", "--client", "mallory"]);
    let other_ca = stranger.path("ca/ca.pem");
    let client = stage.client_dir("alice");
    let (out, report) = probe(
        stage.work(),
        &[
            &url(stage.port()),
            "--client",
            client.to_str().unwrap(),
            "--tlscacert",
            other_ca.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status, 1, "{}", out.all());
    let cert = check(&report, "server-certificate");
    assert_eq!(cert["status"], "finding", "{report:#}");
    // Go's words in full: the candidate CA of the same name whose key did
    // not sign it; docker's own run must say the same (below).
    let said = cert["docker_says"].as_str().unwrap();
    assert!(
        said.starts_with("x509: certificate signed by unknown authority (possibly because of \"x509: ECDSA verification failure\" while trying to verify candidate authority certificate \"dockcert CA "),
        "{said}"
    );
    assert!(cert["explanation"]["cause"]
        .as_str()
        .unwrap()
        .contains("CA"));
    assert_eq!(status(&report, "no-client-certificate"), "ok", "{report:#}");
    let other_ca_flag = format!("--tlscacert={}", other_ca.display());
    assert_refused(
        stage.docker(
            &client,
            &[
                "--tlsverify",
                &other_ca_flag,
                "--tlscert=cert.pem",
                "--tlskey=key.pem",
                "-H",
                &url(stage.port()),
                "version",
            ],
        ),
        "a server certificate from another CA",
        &[said],
    );
}

/// Dialled by address when the certificate names the host only by DNS name:
/// Go's "doesn't contain any IP SANs", from docker and from probe.
#[test]
fn address_not_in_the_sans() {
    let mut stage = stage_for(HOST);
    stage.start_from_daemon_json();
    let client = stage.client_dir("alice");
    let (out, report) = probe(
        stage.work(),
        &[&url(stage.port()), "--client", client.to_str().unwrap()],
    );
    assert_eq!(out.status, 1, "{}", out.all());
    let cert = check(&report, "server-certificate");
    let said = cert["docker_says"].as_str().unwrap();
    assert_eq!(
        said,
        "x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs"
    );
    assert!(cert["explanation"]["cause"]
        .as_str()
        .unwrap()
        .contains("IP address"));
    assert_refused(
        stage.docker_tls("alice", "127.0.0.1", "cert.pem", "key.pem"),
        "an address not in the SANs",
        &[said],
    );
}

/// A server certificate that expired (made by openssl, back-dated with
/// `openssl ca`): docker refuses it, and probe says so in docker's words.
#[test]
fn expired_server_certificate() {
    let stage = stage();
    let ca = recipe_ca(&stage.work().join("recipe"), CaKey::EcSec1, "recipe CA");
    let out = stage.work().join("recipe-leaves");
    let (server_cert, server_key) = recipe_leaf(
        &ca,
        "",
        &out,
        "server",
        HOST,
        &format!("subjectAltName = DNS:{HOST},IP:127.0.0.1\nextendedKeyUsage = serverAuth"),
        Some(("20240101000000Z", "20250101000000Z")),
    );
    let (client_cert, client_key) = recipe_leaf(
        &ca,
        "",
        &out,
        "client",
        "alice",
        "extendedKeyUsage = clientAuth",
        None,
    );
    let mut flags: Vec<String> = vec![
        "--tlsverify".into(),
        format!("--tlscacert={}", ca.cert.display()),
        format!("--tlscert={}", server_cert.display()),
        format!("--tlskey={}", server_key.display()),
    ];
    flags.extend(listen_flags(&stage));
    let _daemon = Daemon::with_flags(&flags, &stage.socket(), stage.work());
    let (run_out, report) = probe(
        stage.work(),
        &[
            &url(stage.port()),
            "--tlscacert",
            ca.cert.to_str().unwrap(),
            "--tlscert",
            client_cert.to_str().unwrap(),
            "--tlskey",
            client_key.to_str().unwrap(),
        ],
    );
    assert_eq!(run_out.status, 1, "{}", run_out.all());
    let cert = check(&report, "server-certificate");
    assert_eq!(cert["status"], "finding", "{report:#}");
    // Go's words in full, the moment judged included; docker's own run
    // (below) says the same up to that moment, a few seconds later.
    let said = cert["docker_says"].as_str().unwrap();
    assert!(
        said.starts_with("x509: certificate has expired or is not yet valid: current time ")
            && said.ends_with(" is after 2025-01-01T00:00:00Z"),
        "{said}"
    );
    let said = said.split(": current time").next().unwrap();
    assert!(
        cert["summary"]
            .as_str()
            .unwrap()
            .contains("expires 2025-01-01"),
        "{cert:#}"
    );
    assert_refused(
        stage.docker(
            &out,
            &[
                "--tlsverify",
                &format!("--tlscacert={}", ca.cert.display()),
                &format!("--tlscert={}", client_cert.display()),
                &format!("--tlskey={}", client_key.display()),
                "-H",
                &url(stage.port()),
                "version",
            ],
        ),
        "an expired server certificate",
        &[said],
    );
}

/// Nothing listens: not reachable, and docker cannot connect either.
#[test]
fn nothing_listening() {
    let stage = stage();
    let client = stage.client_dir("alice");
    let (out, report) = probe(
        stage.work(),
        &[
            &url(stage.port()),
            "--client",
            client.to_str().unwrap(),
            "--timeout",
            "2",
        ],
    );
    assert_eq!(out.status, 1, "{}", out.all());
    assert_eq!(status(&report, "reachable"), "finding", "{report:#}");
    assert_eq!(status(&report, "plain-http"), "skipped", "{report:#}");
    assert!(
        report["verdict"]["text"]
            .as_str()
            .unwrap()
            .starts_with("not reachable"),
        "{report:#}"
    );
    assert_refused(
        stage.docker_tls("alice", "127.0.0.1", "cert.pem", "key.pem"),
        "nothing listening",
        &["Is the docker daemon running?"],
    );
}
