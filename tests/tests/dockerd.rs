//! Every key type's bundle against a real dockerd, started from the bundle's
//! own daemon.json (only its unix socket moved into a temporary folder), and
//! the real docker client using the bundle's client files: by DNS name, by IP
//! address and by wildcard, via flags, via docker.env and via the docker
//! contexts docker-context.sh makes. And everything that must be refused is.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use dockcert_tests::dockerd::Daemon;
use dockcert_tests::{free_port, make_bundle, mode_of, run, with_hosts, MadeBundle, Run};

const HOST: &str = "docker.dockcert.test";
const SERVER_ARG: &str = "docker.dockcert.test,127.0.0.1,*.swarm.dockcert.test";

/// A docker host with this bundle's server files, and a place for the client.
struct Stage {
    // Declared first so it stops (and unmounts) before its folder is removed.
    daemon: Option<Daemon>,
    bundle: MadeBundle,
    work: tempfile::TempDir,
    port: u16,
    hosts: PathBuf,
}

impl Stage {
    /// Makes the bundle with `key_type` and lays out the host's files where
    /// the bundle's daemon.json says they are.
    fn new(key_type: &str) -> Stage {
        let work = tempfile::Builder::new()
            .prefix("dd")
            .tempdir_in("/tmp")
            .unwrap();
        let port = free_port();
        let install_dir = work.path().join("etc-docker");
        let listen = format!("127.0.0.1:{port}");
        let bundle = make_bundle(&[
            "--server",
            SERVER_ARG,
            "--client",
            "alice",
            "--key-type",
            key_type,
            "--listen",
            &listen,
            "--install-dir",
            install_dir.to_str().unwrap(),
        ]);
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
            bundle,
            work,
            port,
            hosts,
            daemon: None,
        }
    }

    fn socket(&self) -> PathBuf {
        self.work.path().join("docker.sock")
    }

    /// Starts dockerd with the bundle's daemon.json, changing only the unix
    /// socket (the machine's own /var/run/docker.sock is not ours to take).
    fn start_from_daemon_json(&mut self) {
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

    fn client_dir(&self) -> PathBuf {
        self.bundle.path("client/alice")
    }

    /// The docker client, in `dir`, with test host names mapped to
    /// 127.0.0.1 and no DOCKER_* settings or docker config from the machine.
    fn docker(&self, dir: &Path, args: &[&str]) -> Run {
        let mut cmd = with_hosts(&self.hosts, "docker", args);
        isolate(&mut cmd, self.work.path());
        run(cmd.current_dir(dir))
    }

    fn docker_tls(&self, host: &str, cert: &str, key: &str) -> Run {
        let url = format!("tcp://{host}:{}", self.port);
        let (cert, key) = (format!("--tlscert={cert}"), format!("--tlskey={key}"));
        self.docker(
            &self.client_dir(),
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

    /// A shell in the client folder with HOME and DOCKER_CONFIG in the work folder.
    fn client_shell(&self, script: &str) -> Run {
        let mut cmd = with_hosts(&self.hosts, "sh", &["-c", script]);
        isolate(&mut cmd, self.work.path());
        run(cmd.current_dir(self.client_dir()))
    }
}

fn isolate(cmd: &mut Command, work: &Path) {
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

fn assert_refused(run: Run, why: &str, needles: &[&str]) {
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

fn check(key_type: &str) {
    let mut stage = Stage::new(key_type);
    stage.start_from_daemon_json();

    // The client's own files, by DNS SAN, by IP SAN and by the wildcard SAN.
    for host in [HOST, "127.0.0.1", "node1.swarm.dockcert.test"] {
        let out = stage.docker_tls(host, "cert.pem", "key.pem").ok();
        assert!(
            !out.stdout.trim().is_empty(),
            "{host}: no server version in {}",
            out.all()
        );
    }

    // install.sh, then docker.env, as a user would.
    let installed = stage.client_shell("./install.sh").ok();
    assert!(
        installed.stdout.contains("installed  0400"),
        "{}",
        installed.all()
    );
    let cert_dir = stage.work.path().join("home/.docker/dockcert/alice");
    assert_eq!(mode_of(&cert_dir.join("key.pem")), 0o400);
    assert_eq!(mode_of(&cert_dir.join("cert.pem")), 0o444);
    let env = stage
        .client_shell(&format!(
            ". ./docker.env && test \"$DOCKER_HOST\" = tcp://{HOST}:{} && docker version --format '{{{{.Server.Version}}}}'",
            stage.port
        ))
        .ok();
    assert!(!env.stdout.trim().is_empty(), "{}", env.all());

    // docker-context.sh, then the context.
    stage.client_shell("./docker-context.sh").ok();
    let ctx = stage
        .docker(
            &stage.client_dir(),
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

    // Refusals.
    let url = format!("tcp://127.0.0.1:{}", stage.port);
    assert_refused(
        stage.docker(
            &stage.client_dir(),
            &["--tlsverify", "--tlscacert=ca.pem", "-H", &url, "version"],
        ),
        "no client certificate",
        &["bad certificate", "certificate required"],
    );
    assert_refused(
        stage.docker(&stage.client_dir(), &["-H", &url, "version"]),
        "plain HTTP",
        &["Client sent an HTTP request to an HTTPS server"],
    );
    let server_cert = stage.bundle.path(&format!("server/{HOST}/server-cert.pem"));
    let server_key = stage.bundle.path(&format!("server/{HOST}/server-key.pem"));
    assert_refused(
        stage.docker_tls(
            "127.0.0.1",
            server_cert.to_str().unwrap(),
            server_key.to_str().unwrap(),
        ),
        "the server certificate used as a client certificate",
        &[
            "bad certificate",
            "unsupported certificate",
            "certificate required",
        ],
    );
    let stranger = make_bundle(&[
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
    assert_refused(
        stage.docker_tls(HOST, cert.to_str().unwrap(), key.to_str().unwrap()),
        "a client of another CA",
        &["bad certificate", "unknown certificate authority"],
    );
    assert_refused(
        stage.docker(
            &stage.client_dir(),
            &[
                "--tlsverify",
                &format!("--tlscacert={}", stranger.path("ca/ca.pem").display()),
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
        stage.docker_tls("other.dockcert.test", "cert.pem", "key.pem"),
        "an address not in the SANs",
        &["certificate is valid for docker.dockcert.test"],
    );
}

#[test]
fn ecdsa_p256() {
    check("ecdsa-p256");
}

#[test]
fn ecdsa_p384() {
    check("ecdsa-p384");
}

#[test]
fn ed25519() {
    check("ed25519");
}

#[test]
fn rsa_2048() {
    check("rsa-2048");
}

#[test]
fn rsa_3072() {
    check("rsa-3072");
}

#[test]
fn rsa_4096() {
    check("rsa-4096");
}

/// dockerd-flags.txt does what daemon.json does, for hosts without systemd.
#[test]
fn dockerd_flags_file_starts_the_same_daemon() {
    let stage = Stage::new("ecdsa-p256");
    let text = stage
        .bundle
        .read(&format!("server/{HOST}/dockerd-flags.txt"));
    let line = text
        .lines()
        .rfind(|l| !l.starts_with('#') && !l.trim().is_empty())
        .unwrap();
    let socket = format!("unix://{}", stage.socket().display());
    let flags: Vec<String> = line
        .split_whitespace()
        .map(|f| {
            if f == "unix:///var/run/docker.sock" {
                socket.clone()
            } else {
                f.to_owned()
            }
        })
        .collect();
    assert!(flags.contains(&"--tlsverify".to_owned()), "{line}");
    let _daemon = Daemon::with_flags(&flags, &stage.socket(), stage.work.path());
    stage.docker_tls("127.0.0.1", "cert.pem", "key.pem").ok();
    assert_refused(
        stage.docker(
            &stage.client_dir(),
            &[
                "--tlsverify",
                "--tlscacert=ca.pem",
                "-H",
                &format!("tcp://127.0.0.1:{}", stage.port),
                "version",
            ],
        ),
        "no client certificate",
        &["bad certificate", "certificate required"],
    );
}
