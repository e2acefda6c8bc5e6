//! How a `--layout dind` bundle is judged, whoever made it (the CLI or the
//! page): the tree the docker:dind image's entrypoint reads under
//! DOCKER_TLS_CERTDIR. A real dockerd started with the flags that entrypoint
//! uses, pointed at certs/server, serves the real docker client using
//! certs/client as DOCKER_CERT_PATH; the entrypoint's own checks pass (it
//! would use these files, not make its own); compose.yaml is valid for
//! docker-compose and gitlab-ci.yml is YAML.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::dockerd::Daemon;
use crate::judge::isolate;
use crate::{dockcert, free_port, mode_of, openssl, require_tool, run, with_hosts};

/// `dockcert new --layout dind` in `dir`, for the host `server` (`NAME,IP`)
/// and the client "ci", with no passphrase, written to `out`: the bundle the
/// CLI makes and the page's dind zip is held against.
pub fn make(dir: &Path, server: &str, out: &str) {
    dockcert(
        dir,
        &[
            "new",
            "--server",
            server,
            "--client",
            "ci",
            "--no-passphrase",
            "--layout",
            "dind",
            "--out",
            out,
        ],
    )
    .ok();
}

/// Every check of the dind tree at `b` (the bundle's top folder), made for
/// the one host `name` (with 127.0.0.1 among its SANs) and one client.
pub fn judge_tree(b: &Path, name: &str) {
    let certs = b.join("certs");
    // Never the CA key under certs/: the entrypoint would then make its own CA.
    assert!(!certs.join("ca/key.pem").exists());
    assert!(b.join("ca/ca-key.pem").exists());
    assert_eq!(mode_of(&certs.join("server/key.pem")), 0o400);
    assert_eq!(mode_of(&certs.join("client/key.pem")), 0o400);

    // The entrypoint's test for "the user manages the CA" (dockerd-entrypoint.sh,
    // _tls_generate_certs), then the check it runs before starting dockerd.
    let managed = run(Command::new("sh").args([
        "-c",
        "dir=\"$0\"; [ -s \"$dir/server/ca.pem\" ] && [ -s \"$dir/server/cert.pem\" ] && [ -s \"$dir/server/key.pem\" ] && [ ! -s \"$dir/ca/key.pem\" ] && [ -s \"$dir/ca/cert.pem\" ]",
    ]).arg(&certs));
    assert_eq!(
        managed.status, 0,
        "the entrypoint would make its own certificates"
    );
    openssl(
        &certs,
        &["verify", "-CAfile", "server/ca.pem", "server/cert.pem"],
    )
    .ok();

    // dockerd as the entrypoint starts it, on a loopback port instead of 0.0.0.0:2376.
    let work = tempfile::Builder::new()
        .prefix("dd")
        .tempdir_in("/tmp")
        .unwrap();
    let socket = work.path().join("docker.sock");
    let port = free_port();
    let s = |p: &str| certs.join(p).to_string_lossy().into_owned();
    let flags = vec![
        format!("--host=unix://{}", socket.display()),
        format!("--host=tcp://127.0.0.1:{port}"),
        "--tlsverify".to_owned(),
        "--tlscacert".to_owned(),
        s("server/ca.pem"),
        "--tlscert".to_owned(),
        s("server/cert.pem"),
        "--tlskey".to_owned(),
        s("server/key.pem"),
    ];
    let _daemon = Daemon::with_flags(&flags, &socket, work.path());

    // The client container's settings (compose.yaml), with the name mapped to loopback.
    let hosts = work.path().join("hosts");
    fs::write(&hosts, format!("127.0.0.1 localhost {name}\n")).unwrap();
    let mut docker = with_hosts(
        &hosts,
        "docker",
        &["version", "--format", "{{.Server.Version}}"],
    );
    isolate(&mut docker, work.path());
    docker
        .env("DOCKER_HOST", format!("tcp://{name}:{port}"))
        .env("DOCKER_TLS_VERIFY", "1")
        .env("DOCKER_CERT_PATH", certs.join("client"));
    let version = run(&mut docker).ok();
    assert!(!version.stdout.trim().is_empty(), "{}", version.all());
    // Without the client's certificate, dind refuses.
    let mut bare = with_hosts(
        &hosts,
        "docker",
        &[
            "--tlsverify",
            "--tlscacert",
            &s("client/ca.pem"),
            "-H",
            &format!("tcp://{name}:{port}"),
            "version",
        ],
    );
    isolate(&mut bare, work.path());
    assert_ne!(run(&mut bare).status, 0);

    let compose = fs::read_to_string(b.join("compose.yaml")).unwrap();
    assert!(
        compose.contains(&format!("DOCKER_HOST: tcp://{name}:2376")),
        "{compose}"
    );
    require_tool("docker-compose");
    run(Command::new("docker-compose")
        .args(["-f", "compose.yaml", "config", "-q"])
        .current_dir(b))
    .ok();
    let services = run(Command::new("docker-compose")
        .args(["-f", "compose.yaml", "config", "--services"])
        .current_dir(b))
    .ok();
    assert_eq!(services.stdout, "docker\nclient\n");
    require_tool("python3");
    let ci = run(Command::new("python3")
        .args([
            "-c",
            "import sys, yaml; job = yaml.safe_load(open(sys.argv[1]))['docker-job']; print(job['variables']['DOCKER_HOST'], job['services'][0]['alias'])",
        ])
        .arg(b.join("gitlab-ci.yml")))
    .ok();
    assert_eq!(ci.stdout, format!("tcp://{name}:2376 {name}\n"));
}
