//! Every key type's bundle against a real dockerd, started from the bundle's
//! own daemon.json (only its unix socket moved into a temporary folder), and
//! the real docker client using the bundle's client files: by DNS name, by IP
//! address and by wildcard, via flags, via docker.env and via the docker
//! contexts docker-context.sh makes. And everything that must be refused is.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dockcert_tests::dockerd::Daemon;
use dockcert_tests::judge::{self, assert_refused, HostSetup, Stage, HOST};
use dockcert_tests::make_bundle;

const SERVER_ARG: &str = "docker.dockcert.test,127.0.0.1,*.swarm.dockcert.test";

fn stage(key_type: &str) -> Stage {
    let setup = HostSetup::new();
    let (listen, install_dir) = (setup.listen(), setup.install_dir());
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
        &install_dir,
    ]);
    Stage::new(bundle, setup)
}

fn check(key_type: &str) {
    judge::docker_access(&mut stage(key_type), key_type, "alice", true);
}

dockcert_tests::test_every_key_type!(check);

/// dockerd-flags.txt does what daemon.json does, for hosts without systemd.
#[test]
fn dockerd_flags_file_starts_the_same_daemon() {
    let stage = stage("ecdsa-p256");
    let text = stage
        .bundle
        .read(&format!("server/{HOST}/dockerd-flags.txt"));
    let line = text
        .lines()
        .rfind(|l| !l.starts_with('#') && !l.trim().is_empty())
        .unwrap();
    let flags: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
    starts_the_same_daemon(&stage, flags);
}

/// default-docker and sysconfig-docker, sourced by a real shell as the init
/// scripts do, give dockerd the flags that serve the bundle's clients.
#[test]
fn default_docker_and_sysconfig_docker_start_the_same_daemon() {
    let stage = stage("ecdsa-p256");
    for (file, var) in [
        ("default-docker", "DOCKER_OPTS"),
        ("sysconfig-docker", "OPTIONS"),
    ] {
        let dir = stage.bundle.path(&format!("server/{HOST}"));
        // The init scripts run `dockerd $DOCKER_OPTS`: the shell splits the value.
        let out = dockcert_tests::run(
            std::process::Command::new("sh")
                .args(["-c", &format!(". ./{file} && printf '%s\\n' ${var}")])
                .current_dir(&dir),
        )
        .ok();
        let flags: Vec<String> = out.stdout.lines().map(str::to_owned).collect();
        assert!(flags.len() > 4, "{file}: {}", out.all());
        starts_the_same_daemon(&stage, flags);
    }
}

/// Starts dockerd with `flags` (only the unix socket moved into the test's
/// folder) and checks that the bundle's client gets in and a client without
/// a certificate does not.
fn starts_the_same_daemon(stage: &Stage, flags: Vec<String>) {
    let socket = format!("unix://{}", stage.socket().display());
    let flags: Vec<String> = flags
        .into_iter()
        .map(|f| {
            if f == "unix:///var/run/docker.sock" {
                socket.clone()
            } else {
                f
            }
        })
        .collect();
    assert!(flags.contains(&"--tlsverify".to_owned()), "{flags:?}");
    let daemon = Daemon::with_flags(&flags, &stage.socket(), stage.work());
    let version = stage
        .docker_tls("alice", "127.0.0.1", "cert.pem", "key.pem")
        .ok();
    assert!(!version.stdout.trim().is_empty(), "{}", version.all());
    assert_refused(
        stage.docker(
            &stage.client_dir("alice"),
            &[
                "--tlsverify",
                "--tlscacert=ca.pem",
                "-H",
                &format!("tcp://127.0.0.1:{}", stage.port()),
                "version",
            ],
        ),
        "no client certificate",
        // With TLS 1.3 the alert can lose the race with the client's first write.
        &[
            "bad certificate",
            "certificate required",
            "connection reset by peer",
            "broken pipe",
        ],
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !daemon.log_text().contains("TLS handshake error") {
        assert!(
            std::time::Instant::now() < deadline,
            "dockerd logged no TLS handshake error"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
