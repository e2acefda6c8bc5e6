//! `dockcert inspect` against real broken setups made with OpenSSL (the
//! recipe's own CN-only server certificate among them): the right diagnosis
//! and a non-zero exit for each; a healthy bundle passes; `--json` carries the
//! same findings; and `--explain` reads the messages a real docker client and
//! a real dockerd print.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use dockcert_tests::judge::{HostSetup, Stage, HOST};
use dockcert_tests::recipe::{cn_only_server, recipe_ca, recipe_leaf, CaKey, RecipeCa};
use dockcert_tests::{dockcert, free_port, make_bundle, new_dir, openssl, require_tool, run, Run};

fn inspect(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["inspect"];
    all.extend_from_slice(args);
    dockcert(dir, &all)
}

/// The finding codes of a JSON report.
fn codes(json: &str) -> Vec<String> {
    let v: serde_json::Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("not JSON ({e}):\n{json}"));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

/// Inspects `path`, expecting exit 1 with finding `code` whose text has
/// `says`, in the human report and the same code in `--json`.
#[track_caller]
fn diagnosed(dir: &Path, path: &Path, extra: &[&str], code: &str, says: &str) {
    let mut args = vec![path.to_str().unwrap()];
    args.extend_from_slice(extra);
    let human = inspect(dir, &args);
    assert_eq!(human.status, 1, "{}", human.all());
    assert!(
        human.stdout.contains(&format!("[{code}]")),
        "no [{code}] in:\n{}",
        human.stdout
    );
    assert!(
        human.stdout.contains(says),
        "expected {says:?} in:\n{}",
        human.stdout
    );
    args.push("--json");
    let json = inspect(dir, &args);
    assert_eq!(json.status, 1);
    assert!(
        codes(&json.stdout).contains(&code.to_owned()),
        "{}",
        json.stdout
    );
    let text_codes: Vec<String> = human
        .stdout
        .lines()
        .filter_map(|l| {
            l.split_once('[')
                .and_then(|(_, r)| r.split_once(']'))
                .map(|(c, _)| c.to_owned())
        })
        .collect();
    let mut a = codes(&json.stdout);
    let mut b = text_codes;
    a.sort();
    b.sort();
    assert_eq!(a, b, "--json and the text report disagree");
}

/// A folder laid out like a host's /etc/docker: ca.pem, server-cert.pem,
/// server-key.pem from the recipe CA with the given extensions.
fn host_folder(
    ca: &RecipeCa,
    root: &Path,
    extensions: &str,
    dates: Option<(&str, &str)>,
) -> std::path::PathBuf {
    let dir = root.join("etc-docker");
    let (cert, key) = recipe_leaf(
        ca,
        "",
        &root.join("made"),
        "server",
        "docker1.example.com",
        extensions,
        dates,
    );
    fs::create_dir_all(&dir).unwrap();
    fs::copy(&ca.cert, dir.join("ca.pem")).unwrap();
    fs::copy(cert, dir.join("server-cert.pem")).unwrap();
    fs::copy(key, dir.join("server-key.pem")).unwrap();
    fs::set_permissions(
        dir.join("server-key.pem"),
        fs::Permissions::from_mode(0o400),
    )
    .unwrap();
    dir
}

const GOOD_SERVER: &str = "extendedKeyUsage = serverAuth\nkeyUsage = critical,digitalSignature\nsubjectAltName = DNS:docker1.example.com,IP:10.0.0.5";

#[test]
fn a_healthy_bundle_passes_as_zip_and_as_folder() {
    let b = make_bundle(&[
        "--server",
        "docker1.example.com,10.0.0.5",
        "--client",
        "alice",
    ]);
    for path in [
        b.zip.clone(),
        b.root.clone(),
        b.path("server/docker1.example.com"),
        b.path("client/alice/cert.pem"),
    ] {
        let out = inspect(
            b.tmp.path(),
            &[path.to_str().unwrap(), "--host", "docker1.example.com"],
        );
        assert_eq!(out.status, 0, "{}:\n{}", path.display(), out.all());
        let json = inspect(b.tmp.path(), &[path.to_str().unwrap(), "--json"]);
        assert_eq!(json.status, 0);
        assert!(codes(&json.stdout).is_empty(), "{}", json.stdout);
    }
    let out = inspect(b.tmp.path(), &[b.root.to_str().unwrap()]);
    for kind in [
        "ca/ca.pem: CA certificate",
        "server-cert.pem: server certificate",
        "client/alice/cert.pem: client certificate",
        "daemon.json: daemon.json",
        "server-key.pem: private key (ecdsa-p256), mode 0400",
        "dockcert.conf: systemd unit",
    ] {
        assert!(
            out.stdout.contains(kind),
            "{kind:?} missing from:\n{}",
            out.stdout
        );
    }
    assert!(
        out.stdout
            .contains("the key of server/docker1.example.com/server-cert.pem"),
        "{}",
        out.stdout
    );
    // The host check by IP: in the SANs, and not.
    let ok = inspect(
        b.tmp.path(),
        &[b.root.to_str().unwrap(), "--host", "10.0.0.5"],
    );
    assert_eq!(ok.status, 0, "{}", ok.all());
}

#[test]
fn the_recipes_cn_only_server_certificate() {
    let tmp = new_dir("ix");
    let ca = recipe_ca(&tmp.path().join("ca"), CaKey::RsaLegacyAes256, "Recipe CA");
    let recipe_ca_key_passin = "env:PASS";
    let (cert, _) = cn_only_server(
        &ca,
        recipe_ca_key_passin,
        &tmp.path().join("leaf"),
        "docker1.example.com",
    );
    diagnosed(
        tmp.path(),
        &cert,
        &[],
        "server-no-san",
        "x509: certificate relies on legacy Common Name field, use SANs instead",
    );
}

#[test]
fn the_host_must_be_among_the_sans() {
    let b = make_bundle(&["--server", "docker1.example.com,10.0.0.5"]);
    let dir = b.path("server/docker1.example.com");
    diagnosed(
        b.tmp.path(),
        &dir,
        &["--host", "docker2.example.com"],
        "host-not-covered",
        "x509: certificate is valid for docker1.example.com, not docker2.example.com",
    );
    diagnosed(
        b.tmp.path(),
        &dir,
        &["--host", "10.0.0.6"],
        "host-not-covered",
        "not 10.0.0.6",
    );
}

/// `cert.pem` is the client's name in ~/.docker, but many hosts' guides
/// name the server's certificate so too: what the certificate says of
/// itself (serverAuth only) decides. A `client-cert.pem` says its role
/// plainly, and a server certificate under that name is still refused.
#[test]
fn a_server_certificate_named_cert_pem_is_judged_as_a_server() {
    let tmp = new_dir("ic");
    let ca = recipe_ca(&tmp.path().join("ca"), CaKey::EcSec1, "Recipe CA");
    let dates = Some(("20260101000000Z", "20360101000000Z"));
    let dir = host_folder(&ca, tmp.path(), GOOD_SERVER, dates);
    fs::rename(dir.join("server-cert.pem"), dir.join("cert.pem")).unwrap();
    fs::rename(dir.join("server-key.pem"), dir.join("key.pem")).unwrap();
    let out = inspect(
        tmp.path(),
        &[dir.to_str().unwrap(), "--host", "docker1.example.com"],
    );
    assert_eq!(out.status, 0, "{}", out.all());
    assert!(
        out.stdout.contains("cert.pem: server certificate"),
        "{}",
        out.stdout
    );
    let json = inspect(tmp.path(), &[dir.to_str().unwrap(), "--json"]);
    assert!(codes(&json.stdout).is_empty(), "{}", json.stdout);

    fs::rename(dir.join("cert.pem"), dir.join("client-cert.pem")).unwrap();
    let out = inspect(tmp.path(), &[dir.to_str().unwrap(), "--json"]);
    assert_eq!(out.status, 1, "{}", out.all());
}

#[test]
fn broken_certificates_and_keys() {
    let tmp = new_dir("iy");
    let ca = recipe_ca(&tmp.path().join("ca"), CaKey::EcSec1, "Recipe CA");
    let case = |name: &str, ext: &str, dates: Option<(&str, &str)>| {
        host_folder(&ca, &tmp.path().join(name), ext, dates)
    };

    let dot = case(
        "dot",
        "extendedKeyUsage = serverAuth\nsubjectAltName = DNS:docker1.example.com.",
        None,
    );
    diagnosed(tmp.path(), &dot, &[], "san-trailing-dot", "ends with a dot");

    let wrong = case(
        "wrong-eku",
        "extendedKeyUsage = clientAuth\nsubjectAltName = DNS:docker1.example.com",
        None,
    );
    diagnosed(tmp.path(), &wrong, &[], "wrong-eku", "lacks serverAuth");

    // docker accepts a server certificate without extendedKeyUsage (Go
    // takes it for any use): a warning that says so, not an error.
    let missing = case("no-eku", "subjectAltName = DNS:docker1.example.com", None);
    let accepted = inspect(tmp.path(), &[missing.to_str().unwrap()]);
    assert_eq!(accepted.status, 0, "{}", accepted.all());
    assert!(
        accepted.stdout.contains("warning [missing-eku]"),
        "{}",
        accepted.stdout
    );

    let expired = case(
        "expired",
        GOOD_SERVER,
        Some(("20200101000000Z", "20210101000000Z")),
    );
    diagnosed(
        tmp.path(),
        &expired,
        &[],
        "expired",
        "expired on 2021-01-01",
    );
    // Its validity line says it has ended, not "0 days left".
    let shown = inspect(tmp.path(), &[expired.to_str().unwrap()]);
    assert!(
        shown
            .stdout
            .contains("valid 2020-01-01 to 2021-01-01 (expired)"),
        "{}",
        shown.stdout
    );
    assert!(!shown.stdout.contains("0 days left"), "{}", shown.stdout);

    let future = case(
        "future",
        GOOD_SERVER,
        Some(("20400101000000Z", "20410101000000Z")),
    );
    diagnosed(
        tmp.path(),
        &future,
        &[],
        "not-yet-valid",
        "is not valid until 2040-01-01",
    );

    let other = recipe_ca(&tmp.path().join("other-ca"), CaKey::Ed25519, "Other CA");
    let chain = case("chain", GOOD_SERVER, None);
    fs::copy(&other.cert, chain.join("ca.pem")).unwrap();
    diagnosed(
        tmp.path(),
        &chain,
        &[],
        "other-ca",
        "was issued by \"CN=Recipe CA\"",
    );

    let mismatch = case("mismatch", GOOD_SERVER, None);
    let stranger = new_dir("iz");
    openssl(
        stranger.path(),
        &[
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-noout",
            "-out",
            "k.pem",
        ],
    )
    .ok();
    let key = mismatch.join("server-key.pem");
    fs::set_permissions(&key, fs::Permissions::from_mode(0o600)).unwrap();
    fs::copy(stranger.path().join("k.pem"), &key).unwrap();
    fs::set_permissions(&key, fs::Permissions::from_mode(0o400)).unwrap();
    diagnosed(
        tmp.path(),
        &mismatch,
        &[],
        "key-mismatch",
        "tls: private key does not match public key",
    );

    let readable = case("readable", GOOD_SERVER, None);
    fs::set_permissions(
        readable.join("server-key.pem"),
        fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    diagnosed(tmp.path(), &readable, &[], "key-readable", "has mode 0644");

    let encrypted = case("encrypted", GOOD_SERVER, None);
    let k = encrypted.join("server-key.pem");
    fs::set_permissions(&k, fs::Permissions::from_mode(0o600)).unwrap();
    openssl(
        &encrypted,
        &[
            "pkey",
            "-in",
            "server-key.pem",
            "-aes256",
            "-passout",
            "pass:leafpass",
            "-out",
            "enc.pem",
        ],
    )
    .ok();
    fs::rename(encrypted.join("enc.pem"), &k).unwrap();
    fs::set_permissions(&k, fs::Permissions::from_mode(0o400)).unwrap();
    diagnosed(
        tmp.path(),
        &encrypted,
        &[],
        "leaf-key-encrypted",
        "neither dockerd nor the docker client can read an encrypted key",
    );

    // A healthy recipe-made host folder passes: the checks are not noise.
    let healthy = case("healthy", GOOD_SERVER, None);
    let out = inspect(
        tmp.path(),
        &[healthy.to_str().unwrap(), "--host", "docker1.example.com"],
    );
    assert_eq!(out.status, 0, "{}", out.all());
}

#[test]
fn hosts_in_daemon_json_with_h_in_the_unit() {
    let b = make_bundle(&["--server", "docker1.example.com"]);
    let dir = b.path("server/docker1.example.com");
    // The bundle's own drop-in resets ExecStart: with the stock unit, no clash.
    let stock = b.tmp.path().join("docker.service");
    fs::write(&stock, "[Unit]\nDescription=Docker\n[Service]\nExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock\n").unwrap();
    let ok = inspect(
        b.tmp.path(),
        &[dir.to_str().unwrap(), "--unit", stock.to_str().unwrap()],
    );
    assert_eq!(ok.status, 0, "{}", ok.all());
    // Without the drop-in, the stock unit's -H clashes with "hosts".
    fs::remove_dir_all(dir.join("docker.service.d")).unwrap();
    diagnosed(
        b.tmp.path(),
        &dir,
        &["--unit", stock.to_str().unwrap()],
        "hosts-conflict",
        "the following directives are specified both as a flag and in the configuration file: hosts",
    );
}

#[test]
fn bad_paths_are_input_errors() {
    let tmp = new_dir("ip");
    let out = inspect(tmp.path(), &["missing"]);
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr.trim(),
        "dockcert: \"missing\": cannot read it: No such file or directory"
    );
}

/// What a real docker client says to a CN-only host certificate, and what a
/// real dockerd says when hosts come from both a flag and daemon.json: both
/// must be explained.
#[test]
fn explain_reads_real_docker_and_dockerd_messages() {
    let tmp = new_dir("ie");
    let ca = recipe_ca(&tmp.path().join("ca"), CaKey::EcSec1, "Recipe CA");
    let setup = HostSetup::new();
    let b = make_bundle(&[
        "--server",
        "docker.dockcert.test,127.0.0.1",
        "--client",
        "alice",
        "--listen",
        &setup.listen(),
        "--install-dir",
        &setup.install_dir(),
    ]);
    let mut stage = Stage::new(b, setup);
    // Replace the host's certificate with a CN-only one from the recipe CA, and
    // give the client that CA.
    let (cert, key) = cn_only_server(&ca, "", &tmp.path().join("cn-only"), HOST);
    let install = stage.work().join("etc-docker");
    for (from, to) in [
        (&ca.cert, "ca.pem"),
        (&cert, "server-cert.pem"),
        (&key, "server-key.pem"),
    ] {
        let dest = install.join(to);
        fs::set_permissions(&dest, fs::Permissions::from_mode(0o600)).unwrap();
        fs::copy(from, &dest).unwrap();
    }
    let client_dir = stage.client_dir("alice");
    let (client_cert, client_key) = recipe_leaf(
        &ca,
        "",
        &tmp.path().join("client"),
        "client",
        "alice",
        "extendedKeyUsage = clientAuth",
        None,
    );
    stage.start_from_daemon_json();
    let ca_arg = format!("--tlscacert={}", ca.cert.display());
    let url = format!("tcp://{HOST}:{}", stage.port());
    let said = stage.docker(
        &client_dir,
        &[
            "--tlsverify",
            &ca_arg,
            &format!("--tlscert={}", client_cert.display()),
            &format!("--tlskey={}", client_key.display()),
            "-H",
            &url,
            "version",
        ],
    );
    assert_ne!(said.status, 0);
    assert!(
        said.stderr.contains("legacy Common Name field"),
        "{}",
        said.stderr
    );
    let explained = inspect(tmp.path(), &["--explain", said.stderr.trim()]);
    assert_eq!(explained.status, 0, "{}", explained.all());
    assert!(
        explained.stdout.contains("dockcert renew"),
        "{}",
        explained.stdout
    );

    let plain = stage.docker(
        &client_dir,
        &[
            "-H",
            &format!("tcp://127.0.0.1:{}", stage.port()),
            "version",
        ],
    );
    let explained = inspect(tmp.path(), &["--explain", &plain.all()]);
    assert_eq!(explained.status, 0, "{}", plain.all());
    assert!(
        explained.stdout.contains("DOCKER_TLS_VERIFY"),
        "{}",
        explained.stdout
    );
    drop(stage);

    // dockerd with hosts in daemon.json and a -H flag refuses to start.
    require_tool("dockerd");
    let work = new_dir("ih");
    let config = work.path().join("daemon.json");
    let sock = work.path().join("d.sock");
    fs::write(
        &config,
        format!("{{\"hosts\": [\"unix://{}\"]}}\n", sock.display()),
    )
    .unwrap();
    let start = run(Command::new("dockerd")
        .arg(format!("--config-file={}", config.display()))
        .args(["-H", &format!("tcp://127.0.0.1:{}", free_port())])
        .arg(format!(
            "--data-root={}",
            work.path().join("data").display()
        ))
        .arg(format!(
            "--exec-root={}",
            work.path().join("exec").display()
        ))
        .arg(format!("--pidfile={}", work.path().join("pid").display())));
    assert_ne!(start.status, 0, "dockerd must refuse the clash");
    let explained = inspect(tmp.path(), &["--explain", &start.all()]);
    assert_eq!(explained.status, 0, "{}", start.all());
    assert!(explained.stdout.contains("drop-in"), "{}", explained.stdout);

    let unknown = inspect(
        tmp.path(),
        &["--explain", "something that is not a docker message"],
    );
    assert_eq!(unknown.status, 1);
}

/// A real project: a Dockerfile whose `COPY .` takes a key along, and a
/// compose file that mounts the CA key. inspect flags both; a real dockerd
/// proves the first: the image it builds holds the key, and after the fix
/// inspect gives (`**/*key.pem` in .dockerignore) neither inspect nor the
/// rebuilt image has it.
#[test]
fn dockerfiles_and_compose_files_that_leak_keys() {
    let tmp = new_dir("dockcert-leak-");
    let dir = tmp.path();
    dockcert(
        dir,
        &[
            "new",
            "--server",
            "d1.example.com",
            "--client",
            "ci",
            "--no-passphrase",
            "--out",
            "b",
        ],
    )
    .ok();
    let project = dir.join("project");
    let app = project.join("app");
    fs::create_dir_all(app.join("certs")).unwrap();
    fs::copy(
        dir.join("b/server/d1.example.com/server-key.pem"),
        app.join("certs/server-key.pem"),
    )
    .unwrap();
    fs::write(app.join("hello.txt"), "hello\n").unwrap();
    fs::write(
        app.join("Dockerfile"),
        "FROM scratch\n# the whole folder\nCOPY . /app/\n",
    )
    .unwrap();
    fs::write(app.join(".dockerignore"), "*.md\n").unwrap();
    fs::write(
        project.join("compose.yaml"),
        "services:\n  web:\n    build: ./app\n    volumes:\n      - ./ca/ca-key.pem:/ca-key.pem:ro\n",
    )
    .unwrap();
    require_tool("docker-compose");
    run(Command::new("docker-compose")
        .args(["-f", "compose.yaml", "config", "-q"])
        .current_dir(&project))
    .ok();

    let report = dockcert(dir, &["inspect", "project", "--json"]);
    assert_eq!(report.status, 1, "{}", report.all());
    let json: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
    let codes: Vec<(&str, &str)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap(),
                f["file"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(
        codes.contains(&("dockerfile-copies-key", "app/Dockerfile")),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("compose-mounts-key", "compose.yaml")),
        "{codes:?}"
    );

    // The real builder: the key is in the image.
    let work = tempfile::Builder::new()
        .prefix("dd")
        .tempdir_in("/tmp")
        .unwrap();
    let socket = work.path().join("docker.sock");
    let _daemon = dockcert_tests::dockerd::Daemon::with_flags(
        &[format!("--host=unix://{}", socket.display())],
        &socket,
        work.path(),
    );
    let host = format!("unix://{}", socket.display());
    let docker = |args: &[&str]| {
        let mut cmd = Command::new("docker");
        dockcert_tests::judge::isolate(&mut cmd, work.path());
        run(cmd
            .arg("-H")
            .arg(&host)
            .args(args)
            .env("DOCKER_BUILDKIT", "0")
            .current_dir(&project))
    };
    let key_in_image = |tag: &str| {
        docker(&["build", "-q", "-t", tag, "app"]).ok();
        docker(&["create", "--name", tag, tag, "/none"]).ok();
        let copied = docker(&["cp", &format!("{tag}:/app/certs/server-key.pem"), "-"]);
        let hello = docker(&["cp", &format!("{tag}:/app/hello.txt"), "-"]).ok();
        assert!(!hello.stdout.is_empty(), "the build context was not copied");
        copied.status == 0
    };
    assert!(
        key_in_image("leaky"),
        "the builder left the key out: the finding is wrong"
    );

    // The fix inspect gives.
    fs::write(app.join(".dockerignore"), "*.md\n**/*key.pem\n").unwrap();
    let report = dockcert(dir, &["inspect", "project/app", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
    assert!(
        !json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "dockerfile-copies-key" || f["code"] == "build-context-key"),
        "{}",
        report.stdout
    );
    assert!(
        !key_in_image("fixed"),
        "the rebuilt image still holds the key"
    );
}

/// The findings of a `--json` report: (code, file, message).
fn findings(json: &str) -> Vec<(String, String, String)> {
    let v: serde_json::Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("not JSON ({e}):\n{json}"));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
            (s("code"), s("file"), s("message"))
        })
        .collect()
}

/// `--host` in a four-host bundle made by the real CLI judges that host's
/// certificate only (by its folder or by the names in it, as Go matches
/// them), says which others it skipped, and still finds a wrong
/// certificate in the host's own folder; a name no certificate is for is
/// judged against every one.
#[test]
fn host_applies_to_its_own_certificates_in_a_multi_host_bundle() {
    let b = make_bundle(&[
        "--server",
        "docker1.example.com",
        "--server",
        "docker2.example.com",
        "--server",
        "docker3.example.com",
        "--server",
        "docker4.example.com,10.0.0.4",
        "--client",
        "alice",
    ]);
    let dir = b.tmp.path();
    let others = ["docker1", "docker2", "docker3"]
        .map(|h| format!("server/{h}.example.com/server-cert.pem"));
    for path in [&b.zip, &b.root] {
        let path = path.to_str().unwrap();
        for host in ["docker4.example.com", "DOCKER4.example.com", "10.0.0.4"] {
            let human = inspect(dir, &[path, "--host", host]);
            assert_eq!(human.status, 0, "{host}:\n{}", human.all());
            assert!(
                !human.stdout.contains("host-not-covered"),
                "{}",
                human.stdout
            );
            let json = inspect(dir, &[path, "--host", host, "--json"]);
            assert_eq!(json.status, 0, "{}", json.all());
            let found = findings(&json.stdout);
            assert_eq!(
                found.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
                ["host-skipped"],
                "{}",
                json.stdout
            );
            let message = &found[0].2;
            for other in &others {
                assert!(message.contains(other), "{other} not in {message}");
            }
            assert!(
                !message.contains("docker4.example.com/server-cert"),
                "{message}"
            );
            assert!(
                human.stdout.contains(&format!("[host-skipped] {message}")),
                "{}",
                human.stdout
            );
        }
    }

    // A name none of them is for: each is judged against it, nothing skipped.
    let json = inspect(
        dir,
        &[
            b.root.to_str().unwrap(),
            "--host",
            "docker9.example.com",
            "--json",
        ],
    );
    assert_eq!(json.status, 1, "{}", json.all());
    let found = findings(&json.stdout);
    let not_covered = found.iter().filter(|f| f.0 == "host-not-covered").count();
    assert_eq!(not_covered, 4, "{}", json.stdout);
    assert!(
        found.iter().all(|f| f.0 != "host-skipped"),
        "{}",
        json.stdout
    );

    // docker1's certificate put in docker4's folder: its folder makes it
    // docker4's, and it does not cover docker4.
    for file in ["server-cert.pem", "server-key.pem"] {
        let from = b.root.join("server/docker1.example.com").join(file);
        let to = b.root.join("server/docker4.example.com").join(file);
        fs::set_permissions(&to, fs::Permissions::from_mode(0o600)).unwrap();
        fs::copy(from, &to).unwrap();
    }
    let json = inspect(
        dir,
        &[
            b.root.to_str().unwrap(),
            "--host",
            "docker4.example.com",
            "--json",
        ],
    );
    assert_eq!(json.status, 1, "{}", json.all());
    let found = findings(&json.stdout);
    let refused: Vec<&str> = found
        .iter()
        .filter(|f| f.0 == "host-not-covered")
        .map(|f| f.1.as_str())
        .collect();
    assert_eq!(refused.len(), 1, "{}", json.stdout);
    assert!(
        refused[0].ends_with("server/docker4.example.com/server-cert.pem"),
        "{refused:?}"
    );
    let skipped = found.iter().find(|f| f.0 == "host-skipped").unwrap();
    assert!(skipped.2.contains(&others[0]), "{}", skipped.2);
}
