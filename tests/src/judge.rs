//! How a bundle is judged, whoever made it (the CLI or the page): by
//! OpenSSL and pkilint ([`openssl_and_pkilint`]) and by a real dockerd with
//! the real docker client ([`docker_access`]).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::dockerd::Daemon;
use crate::{files_under, free_port, mode_of, openssl, pkilint, run, with_hosts, MadeBundle, Run};

/// Every OpenSSL and pkilint check, on a bundle made for [`SERVERS`] and
/// [`CLIENTS`] with `key_type` and the passphrase in `b.passphrase_file`.
pub fn openssl_and_pkilint(b: &MadeBundle, key_type: &str) {
    check_chains_and_purposes(b);
    check_ca_key_and_key_matches(b);
    check_profile(b, key_type);
    check_serials_dates_and_manifest(b);
    check_pkilint(b);
}

/// The hosts every key type's bundle is judged with: name, `--server` value.
pub const SERVERS: [(&str, &str); 2] = [
    ("docker.dockcert.test", "docker.dockcert.test,127.0.0.1,::1"),
    ("10.0.0.2", "10.0.0.2,docker2.dockcert.test"),
];
/// The clients every key type's bundle is judged with.
pub const CLIENTS: [&str; 2] = ["alice", "ci.runner"];

fn text(b: &MadeBundle, cert: &str) -> String {
    openssl(&b.root, &["x509", "-in", cert, "-noout", "-text"])
        .ok()
        .stdout
}

/// The extension block that follows `name` in `openssl x509 -text` output.
fn extension<'a>(text: &'a str, name: &str) -> Option<(&'a str, bool)> {
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix(name) {
            let critical = rest.contains("critical");
            return lines.next().map(|v| (v.trim(), critical));
        }
    }
    None
}

pub fn check_chains_and_purposes(b: &MadeBundle) {
    chains_and_purposes(b, true);
}

/// [`check_chains_and_purposes`] without `-x509_strict`, for bundles issued by
/// a CA made with the classic recipe, which has no keyUsage: strict OpenSSL
/// refuses any chain through such a CA (Go, and so docker, accepts it).
pub fn check_chains_and_purposes_lenient(b: &MadeBundle) {
    chains_and_purposes(b, false);
}

fn chains_and_purposes(b: &MadeBundle, strict: bool) {
    let verify = |purpose: Option<&str>, ca: &str, cert: &str| {
        let mut args = vec!["verify"];
        if strict {
            args.push("-x509_strict");
        }
        if let Some(p) = purpose {
            args.extend(["-purpose", p]);
        }
        args.extend(["-CAfile", ca, cert]);
        openssl(&b.root, &args)
    };
    let refused = |run: Run| {
        let run = run.failed();
        assert!(
            run.all().contains("unsuitable certificate purpose"),
            "{}",
            run.all()
        );
    };
    for (name, _) in SERVERS {
        let cert = format!("server/{name}/server-cert.pem");
        for ca in ["ca/ca.pem", &format!("server/{name}/ca.pem")] {
            let ok = verify(Some("sslserver"), ca, &cert).ok();
            assert!(ok.stdout.contains(": OK"), "{}", ok.stdout);
        }
        refused(verify(Some("sslclient"), "ca/ca.pem", &cert));
    }
    for name in CLIENTS {
        let cert = format!("client/{name}/cert.pem");
        for ca in ["ca/ca.pem", &format!("client/{name}/ca.pem")] {
            verify(Some("sslclient"), ca, &cert).ok();
        }
        refused(verify(Some("sslserver"), "ca/ca.pem", &cert));
    }
    verify(None, "ca/ca.pem", "ca/ca.pem").ok();
}

pub fn check_ca_key_and_key_matches(b: &MadeBundle) {
    let pass_arg = format!("file:{}", b.passphrase_file.display());
    let pem = b.read("ca/ca-key.pem");
    assert!(
        pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"),
        "{pem}"
    );
    let params = openssl(&b.root, &["asn1parse", "-in", "ca/ca-key.pem"])
        .ok()
        .stdout;
    assert!(
        params.contains(":PBES2")
            && params.contains(":PBKDF2")
            && params.contains(":hmacWithSHA256")
            && params.contains(":aes-256-cbc"),
        "{params}"
    );
    // 600,000 = 0x0927C0
    assert!(params.contains("INTEGER           :0927C0"), "{params}");

    openssl(
        &b.root,
        &[
            "pkey",
            "-in",
            "ca/ca-key.pem",
            "-passin",
            &pass_arg,
            "-noout",
        ],
    )
    .ok();
    let wrong = openssl(
        &b.root,
        &[
            "pkey",
            "-in",
            "ca/ca-key.pem",
            "-passin",
            "pass:not the passphrase",
            "-noout",
        ],
    )
    .failed();
    // Refused as a wrong passphrase. With AES-CBC about one wrong key in 256
    // still unpads cleanly, and OpenSSL then finds no key in what it
    // decrypted instead of saying "bad decrypt" (seen in CI). The right
    // passphrase opened this very file above, so either way it is the
    // passphrase that was wrong, not the file.
    let said = wrong.all();
    assert!(
        [
            "bad decrypt",
            "maybe wrong password",
            "No supported data to decode"
        ]
        .iter()
        .any(|words| said.contains(words)),
        "{said}"
    );
    openssl(
        &b.root,
        &["pkey", "-in", "ca/ca-key.pem", "-passin", "pass:", "-noout"],
    )
    .failed();

    let mut pairs = vec![("ca/ca.pem".to_owned(), "ca/ca-key.pem".to_owned())];
    for (name, _) in SERVERS {
        pairs.push((
            format!("server/{name}/server-cert.pem"),
            format!("server/{name}/server-key.pem"),
        ));
    }
    for name in CLIENTS {
        pairs.push((
            format!("client/{name}/cert.pem"),
            format!("client/{name}/key.pem"),
        ));
    }
    for (cert, key) in pairs {
        let from_cert = openssl(&b.root, &["x509", "-in", &cert, "-noout", "-pubkey"])
            .ok()
            .stdout;
        let from_key = openssl(
            &b.root,
            &["pkey", "-in", &key, "-passin", &pass_arg, "-pubout"],
        )
        .ok()
        .stdout;
        assert_eq!(from_cert, from_key, "{key} does not match {cert}");
        if key != "ca/ca-key.pem" {
            let pem = b.read(&key);
            assert!(
                pem.starts_with("-----BEGIN PRIVATE KEY-----\n"),
                "{key} must be unencrypted PKCS#8"
            );
        }
    }
}

fn signature_name(key_type: &str) -> &'static str {
    match key_type {
        "ecdsa-p256" => "ecdsa-with-SHA256",
        "ecdsa-p384" => "ecdsa-with-SHA384",
        "ed25519" => "ED25519",
        _ => "sha256WithRSAEncryption",
    }
}

pub fn check_profile(b: &MadeBundle, key_type: &str) {
    let ca = text(b, "ca/ca.pem");
    assert_eq!(
        extension(&ca, "X509v3 Basic Constraints:"),
        Some(("CA:TRUE, pathlen:0", true)),
        "{ca}"
    );
    assert_eq!(
        extension(&ca, "X509v3 Key Usage:"),
        Some(("Certificate Sign, CRL Sign", true)),
        "{ca}"
    );
    assert!(
        extension(&ca, "X509v3 Subject Key Identifier:").is_some(),
        "{ca}"
    );
    assert!(
        extension(&ca, "X509v3 Extended Key Usage:").is_none(),
        "a CA must carry no EKU:\n{ca}"
    );
    assert!(ca.contains("Subject: CN = dockcert CA "), "{ca}");

    let rsa = key_type.starts_with("rsa");
    let server_ku = if rsa {
        "Digital Signature, Key Encipherment"
    } else {
        "Digital Signature"
    };
    let expected_sans = [
        "DNS:docker.dockcert.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1",
        "IP Address:10.0.0.2, DNS:docker2.dockcert.test",
    ];
    for ((name, _), sans) in SERVERS.iter().zip(expected_sans) {
        let t = text(b, &format!("server/{name}/server-cert.pem"));
        assert!(t.contains(&format!("Subject: CN = {name}\n")), "{t}");
        assert_eq!(
            extension(&t, "X509v3 Subject Alternative Name:"),
            Some((sans, false)),
            "{t}"
        );
        assert_eq!(
            extension(&t, "X509v3 Extended Key Usage:"),
            Some(("TLS Web Server Authentication", false)),
            "{t}"
        );
        assert_eq!(
            extension(&t, "X509v3 Key Usage:"),
            Some((server_ku, true)),
            "{t}"
        );
        assert_eq!(
            extension(&t, "X509v3 Basic Constraints:"),
            Some(("CA:FALSE", true)),
            "{t}"
        );
        assert!(
            extension(&t, "X509v3 Authority Key Identifier:").is_some(),
            "{t}"
        );
        assert!(
            extension(&t, "X509v3 Subject Key Identifier:").is_some(),
            "{t}"
        );
        assert!(
            t.contains(&format!(
                "Signature Algorithm: {}",
                signature_name(key_type)
            )),
            "{t}"
        );
    }
    for name in CLIENTS {
        let t = text(b, &format!("client/{name}/cert.pem"));
        assert!(t.contains(&format!("Subject: CN = {name}\n")), "{t}");
        assert_eq!(
            extension(&t, "X509v3 Extended Key Usage:"),
            Some(("TLS Web Client Authentication", false)),
            "{t}"
        );
        assert_eq!(
            extension(&t, "X509v3 Key Usage:"),
            Some(("Digital Signature", true)),
            "{t}"
        );
        assert_eq!(
            extension(&t, "X509v3 Basic Constraints:"),
            Some(("CA:FALSE", true)),
            "{t}"
        );
        assert!(
            extension(&t, "X509v3 Authority Key Identifier:").is_some(),
            "{t}"
        );
    }
}

fn epoch(date: &str) -> i64 {
    let out = run(Command::new("date").args(["-u", "-d", date, "+%s"])).ok();
    out.stdout.trim().parse().unwrap()
}

pub fn check_serials_dates_and_manifest(b: &MadeBundle) {
    let manifest: serde_json::Value = serde_json::from_str(&b.read("manifest.json")).unwrap();
    let certs = manifest["certificates"].as_array().unwrap();
    assert_eq!(certs.len(), 1 + SERVERS.len() + CLIENTS.len());
    let now = epoch("now");
    let mut serials = HashSet::new();
    for c in certs {
        let path = c["path"].as_str().unwrap();
        let serial = openssl(&b.root, &["x509", "-in", path, "-noout", "-serial"])
            .ok()
            .stdout;
        let serial = serial.trim().strip_prefix("serial=").unwrap().to_owned();
        assert_eq!(serial, c["serial"].as_str().unwrap(), "{path}");
        assert!(
            serial.len() >= 16,
            "{path}: serial {serial} is under 64 bits"
        );
        assert!(
            u8::from_str_radix(&serial[..2], 16).unwrap() < 0x80,
            "{path}: serial must be positive"
        );
        assert!(serials.insert(serial), "{path}: serial repeated");

        let fp = openssl(
            &b.root,
            &["x509", "-in", path, "-noout", "-fingerprint", "-sha256"],
        )
        .ok()
        .stdout;
        assert_eq!(
            fp.trim().strip_prefix("sha256 Fingerprint=").unwrap(),
            c["fingerprint_sha256"].as_str().unwrap()
        );

        let dates = openssl(
            &b.root,
            &["x509", "-in", path, "-noout", "-startdate", "-enddate"],
        )
        .ok()
        .stdout;
        let not_before = epoch(
            dates
                .lines()
                .next()
                .unwrap()
                .trim_start_matches("notBefore="),
        );
        let not_after = epoch(
            dates
                .lines()
                .nth(1)
                .unwrap()
                .trim_start_matches("notAfter="),
        );
        assert!(
            not_before <= now - 30 * 60,
            "{path}: not-before must be a little in the past for clock skew"
        );
        let days = if c["role"] == "ca" { 3650 } else { 365 };
        assert!(
            (not_after - now - days * 86400).abs() < 600,
            "{path}: expected {days} days of validity"
        );
    }
    assert_eq!(
        manifest["ca_fingerprint_sha256"],
        certs[0]["fingerprint_sha256"]
    );
}

pub fn check_pkilint(b: &MadeBundle) {
    let root: &Path = &b.root;
    let ca = root.join("ca/ca.pem");
    let mut leaves = Vec::new();
    for (name, _) in SERVERS {
        leaves.push(root.join(format!("server/{name}/server-cert.pem")));
    }
    for name in CLIENTS {
        leaves.push(root.join(format!("client/{name}/cert.pem")));
    }
    for cert in std::iter::once(&ca).chain(&leaves) {
        let out = pkilint("lint_pkix_cert", &[cert]);
        assert!(
            out.status == 0 && out.stdout.trim().is_empty(),
            "pkilint on {}:\n{}",
            cert.display(),
            out.all()
        );
    }
    for cert in std::iter::once(&ca).chain(&leaves) {
        let out = pkilint("lint_pkix_signer_signee_cert_chain", &[&ca, cert]);
        assert!(
            out.status == 0 && out.stdout.trim().is_empty(),
            "pkilint chain to {}:\n{}",
            cert.display(),
            out.all()
        );
    }
}

/// The host name the dockerd checks connect by; it must be a SAN of the
/// bundle's first server.
pub const HOST: &str = "docker.dockcert.test";

/// Where a test dockerd will live: a temporary folder (socket, data-root,
/// install directory) and a free loopback port. Make the bundle with
/// `--listen` [`HostSetup::listen`] and `--install-dir` [`HostSetup::install_dir`].
pub struct HostSetup {
    work: tempfile::TempDir,
    port: u16,
}

impl HostSetup {
    /// A fresh folder and port.
    pub fn new() -> Self {
        HostSetup {
            work: tempfile::Builder::new()
                .prefix("dd")
                .tempdir_in("/tmp")
                .unwrap(),
            port: free_port(),
        }
    }

    /// The listen address to put in the bundle.
    pub fn listen(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The install directory to put in the bundle.
    pub fn install_dir(&self) -> String {
        self.work
            .path()
            .join("etc-docker")
            .to_string_lossy()
            .into_owned()
    }
}

impl Default for HostSetup {
    fn default() -> Self {
        HostSetup::new()
    }
}

/// A docker host with a bundle's server files, and a place for the client.
pub struct Stage {
    // Declared first so it stops (and unmounts) before its folder is removed.
    daemon: Option<Daemon>,
    /// The bundle under test.
    pub bundle: MadeBundle,
    work: tempfile::TempDir,
    port: u16,
    hosts: PathBuf,
}

impl Stage {
    /// Lays out the host's files where the bundle's daemon.json says they are.
    pub fn new(bundle: MadeBundle, setup: HostSetup) -> Stage {
        let HostSetup { work, port } = setup;
        let install_dir = work.path().join("etc-docker");
        fs::create_dir(&install_dir).unwrap();
        for f in ["ca.pem", "server-cert.pem", "server-key.pem"] {
            let src = bundle.path(&format!("server/{HOST}/{f}"));
            run(Command::new("cp")
                .arg("-p")
                .arg(&src)
                .arg(install_dir.join(f)))
            .ok();
        }
        assert_eq!(mode_of(&install_dir.join("server-key.pem")), 0o400);
        let hosts = work.path().join("hosts");
        fs::write(
            &hosts,
            format!("127.0.0.1 localhost\n127.0.0.1 {HOST} other.dockcert.test node1.swarm.dockcert.test\n"),
        )
        .unwrap();
        Stage {
            daemon: None,
            bundle,
            work,
            port,
            hosts,
        }
    }

    /// dockerd's log so far ("" before it starts).
    pub fn daemon_log(&self) -> String {
        self.daemon
            .as_ref()
            .map(Daemon::log_text)
            .unwrap_or_default()
    }

    /// The port dockerd listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The unix socket the test dockerd uses.
    pub fn socket(&self) -> PathBuf {
        self.work.path().join("docker.sock")
    }

    /// The test's own folder.
    pub fn work(&self) -> &Path {
        self.work.path()
    }

    /// Starts dockerd with the bundle's daemon.json, changing only the unix
    /// socket (the machine's own /var/run/docker.sock is not ours to take).
    pub fn start_from_daemon_json(&mut self) {
        let original = self.bundle.read(&format!("server/{HOST}/daemon.json"));
        let mut config: serde_json::Value = serde_json::from_str(&original).unwrap();
        assert_eq!(
            config["hosts"],
            serde_json::json!([
                "unix:///var/run/docker.sock",
                format!("tcp://127.0.0.1:{}", self.port)
            ])
        );
        config["hosts"][0] = format!("unix://{}", self.socket().display()).into();
        let path = self.work.path().join("daemon.json");
        fs::write(&path, serde_json::to_string_pretty(&config).unwrap()).unwrap();
        self.daemon = Some(Daemon::with_config(&path, &self.socket(), self.work.path()));
    }

    /// The folder of `client` in the bundle.
    pub fn client_dir(&self, client: &str) -> PathBuf {
        self.bundle.path(&format!("client/{client}"))
    }

    /// The docker client, in `dir`, with test host names mapped to
    /// 127.0.0.1 and no DOCKER_* settings or docker config from the machine.
    pub fn docker(&self, dir: &Path, args: &[&str]) -> Run {
        let mut cmd = with_hosts(&self.hosts, "docker", args);
        isolate(&mut cmd, self.work.path());
        run(cmd.current_dir(dir))
    }

    /// `docker --tlsverify` to `host` from `client`'s folder with that cert and key.
    pub fn docker_tls(&self, client: &str, host: &str, cert: &str, key: &str) -> Run {
        let url = format!("tcp://{host}:{}", self.port);
        let (cert, key) = (format!("--tlscert={cert}"), format!("--tlskey={key}"));
        self.docker(
            &self.client_dir(client),
            &[
                "--tlsverify",
                "--tlscacert=ca.pem",
                &cert,
                &key,
                "-H",
                &url,
                "version",
                "--format",
                "{{.Server.Version}}",
            ],
        )
    }

    /// A shell in `client`'s folder with HOME and DOCKER_CONFIG in the work folder.
    pub fn client_shell(&self, client: &str, script: &str) -> Run {
        self.shell_in(&self.client_dir(client), script)
    }

    /// A shell in `dir`, with test host names mapped to 127.0.0.1 and HOME
    /// and DOCKER_CONFIG in the work folder.
    pub fn shell_in(&self, dir: &Path, script: &str) -> Run {
        let mut cmd = with_hosts(&self.hosts, "sh", &["-c", script]);
        isolate(&mut cmd, self.work.path());
        run(cmd.current_dir(dir))
    }
}

/// Keeps the machine's own docker settings away from `cmd`: no DOCKER_*
/// variables, and HOME and DOCKER_CONFIG inside `work`.
pub fn isolate(cmd: &mut Command, work: &Path) {
    for var in [
        "DOCKER_HOST",
        "DOCKER_TLS_VERIFY",
        "DOCKER_CERT_PATH",
        "DOCKER_CONTEXT",
        "DOCKER_TLS",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("HOME", work.join("home"))
        .env("DOCKER_CONFIG", work.join("docker-config"));
}

/// Asserts that dockerd refused a client's certificate: docker failed, and
/// either said so (one of `needles`), or, when TLS 1.3 lets the client finish
/// its side of the handshake before the server's alert arrives, saw the
/// connection reset; in every case dockerd's own log records a TLS handshake
/// error for this attempt.
fn assert_client_refused(
    stage: &Stage,
    attempt: impl FnOnce() -> Run,
    why: &str,
    needles: &[&str],
) {
    let errors_before = stage.daemon_log().matches("TLS handshake error").count();
    let run = attempt();
    let all = run.all();
    assert_ne!(
        run.status, 0,
        "{why}: docker should have been refused, but:\n{all}"
    );
    let race = ["connection reset by peer", "broken pipe", ": EOF"];
    assert!(
        needles.iter().chain(race.iter()).any(|n| all.contains(n)),
        "{why}: expected one of {needles:?} in:\n{all}"
    );
    // dockerd writes the log line as it closes the connection; give it a moment.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while stage.daemon_log().matches("TLS handshake error").count() <= errors_before {
        assert!(
            std::time::Instant::now() < deadline,
            "{why}: dockerd logged no TLS handshake error"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Asserts that docker failed, with one of `needles` in what it said.
pub fn assert_refused(run: Run, why: &str, needles: &[&str]) {
    let all = run.all();
    assert_ne!(
        run.status, 0,
        "{why}: docker should have been refused, but:\n{all}"
    );
    assert!(
        needles.iter().any(|n| all.contains(n)),
        "{why}: expected one of {needles:?} in:\n{all}"
    );
}

/// Starts dockerd from the bundle's daemon.json and checks, with the real
/// docker client as `client`: access by DNS SAN, by IP SAN (and by the
/// wildcard SAN when `wildcard`), via flags, via install.sh + docker.env, via
/// docker-context.sh; and refusal of no client certificate, plain HTTP, the
/// server certificate as a client certificate, a client of another CA, a
/// client trusting another CA, and a name not in the SANs.
pub fn docker_access(stage: &mut Stage, key_type: &str, client: &str, wildcard: bool) {
    stage.start_from_daemon_json();
    let mut names = vec![HOST, "127.0.0.1"];
    if wildcard {
        names.push("node1.swarm.dockcert.test");
    }
    for host in names {
        let out = stage.docker_tls(client, host, "cert.pem", "key.pem").ok();
        assert!(
            !out.stdout.trim().is_empty(),
            "{host}: no server version in {}",
            out.all()
        );
    }

    let installed = stage.client_shell(client, "./install.sh").ok();
    assert!(
        installed.stdout.contains("installed  0400"),
        "{}",
        installed.all()
    );
    let cert_dir = stage.work().join(format!("home/.docker/dockcert/{client}"));
    assert_eq!(mode_of(&cert_dir.join("key.pem")), 0o400);
    assert_eq!(mode_of(&cert_dir.join("cert.pem")), 0o444);
    let env = stage
        .client_shell(
            client,
            &format!(
                ". ./docker.env && test \"$DOCKER_HOST\" = tcp://{HOST}:{} && docker version --format '{{{{.Server.Version}}}}'",
                stage.port()
            ),
        )
        .ok();
    assert!(!env.stdout.trim().is_empty(), "{}", env.all());

    stage.client_shell(client, "./docker-context.sh").ok();
    let ctx = stage
        .docker(
            &stage.client_dir(client),
            &[
                "--context",
                HOST,
                "version",
                "--format",
                "{{.Server.Version}}",
            ],
        )
        .ok();
    assert!(!ctx.stdout.trim().is_empty());

    // The context file, imported by the real docker client under another name.
    let tls_store = stage.work().join("docker-config/contexts/tls");
    let context_keys = || -> Vec<String> {
        files_under(&tls_store)
            .into_iter()
            .filter(|f| f.ends_with("/docker/key.pem"))
            .collect()
    };
    let before = context_keys();
    let imported = format!("{HOST}-imported");
    stage
        .docker(
            &stage.client_dir(client),
            &[
                "context",
                "import",
                &imported,
                &format!("{HOST}.dockercontext"),
            ],
        )
        .ok();
    let via_file = stage
        .docker(
            &stage.client_dir(client),
            &[
                "--context",
                &imported,
                "version",
                "--format",
                "{{.Server.Version}}",
            ],
        )
        .ok();
    assert!(!via_file.stdout.trim().is_empty(), "{}", via_file.all());
    let keys = context_keys();
    assert_eq!(
        keys.len(),
        before.len() + 1,
        "the import stored one key: {keys:?}"
    );
    for key in keys {
        let mode = mode_of(&tls_store.join(&key));
        assert_eq!(
            mode & 0o077,
            0,
            "{key}: mode {mode:o} lets others read the key"
        );
    }

    let dir = stage.client_dir(client);
    let url = format!("tcp://127.0.0.1:{}", stage.port());
    assert_client_refused(
        stage,
        || {
            stage.docker(
                &dir,
                &["--tlsverify", "--tlscacert=ca.pem", "-H", &url, "version"],
            )
        },
        "no client certificate",
        &["bad certificate", "certificate required"],
    );
    assert_refused(
        stage.docker(&dir, &["-H", &url, "version"]),
        "plain HTTP",
        &["Client sent an HTTP request to an HTTPS server"],
    );
    let server_cert = stage.bundle.path(&format!("server/{HOST}/server-cert.pem"));
    let server_key = stage.bundle.path(&format!("server/{HOST}/server-key.pem"));
    assert_client_refused(
        stage,
        || {
            stage.docker_tls(
                client,
                "127.0.0.1",
                server_cert.to_str().unwrap(),
                server_key.to_str().unwrap(),
            )
        },
        "the server certificate used as a client certificate",
        &[
            "bad certificate",
            "unsupported certificate",
            "certificate required",
        ],
    );
    let stranger = crate::make_bundle(&[
        "--server",
        "elsewhere.dockcert.test",
        "--client",
        "mallory",
        "--key-type",
        key_type,
    ]);
    let (cert, key) = (
        stranger.path("client/mallory/cert.pem"),
        stranger.path("client/mallory/key.pem"),
    );
    assert_client_refused(
        stage,
        || stage.docker_tls(client, HOST, cert.to_str().unwrap(), key.to_str().unwrap()),
        "a client of another CA",
        &["bad certificate", "unknown certificate authority"],
    );
    let other_ca = format!("--tlscacert={}", stranger.path("ca/ca.pem").display());
    assert_refused(
        stage.docker(
            &dir,
            &[
                "--tlsverify",
                &other_ca,
                "--tlscert=cert.pem",
                "--tlskey=key.pem",
                "-H",
                &url,
                "version",
            ],
        ),
        "a client that trusts another CA",
        &["certificate signed by unknown authority"],
    );
    assert_refused(
        stage.docker_tls(client, "other.dockcert.test", "cert.pem", "key.pem"),
        "a name not in the SANs",
        &["certificate is valid for docker.dockcert.test"],
    );
}
