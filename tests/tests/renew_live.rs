//! `dockcert renew` of a host's certificate keeps its containers (issue 26:
//! "`renew` of a server certificate follows the same path" as a rotation's
//! phase), on a real dockerd 20.10: a host installed from a `new` bundle
//! without --live-restore (as hosts were before it was the default), a
//! container running; then the renewal bundle's host steps run as its
//! README.txt lists them. install.sh --live-restore merges live-restore
//! into daemon.json, which the running dockerd does not have yet (the
//! merge alone would let the restart stop the container); the reload turns
//! it on, the check says so, and the restart serves the new certificate
//! with the container still running, same ID and start time.
//!
//! The host is a folder, as in rotate.rs: install.sh runs with `--root`,
//! dockerd as the bundle's drop-in starts it (`Daemon::installed`), the
//! reload is SIGHUP to it, the restart SIGTERM and a new start.

// Test code: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;
use std::process::Command;

use dockcert_tests::dockerd::Daemon;
use dockcert_tests::judge::isolate;
use dockcert_tests::{dockcert, dockcert_bin, free_port, new_dir, openssl, run};

const HOST: &str = "renew1.dockcert.test";

/// The commands README.txt lists for HOST: the indented lines after the
/// one that says to copy its folder there and run them.
fn host_steps(readme: &str) -> Vec<String> {
    let folder = format!("server/{HOST}/");
    let steps: Vec<String> = readme
        .lines()
        .skip_while(|l| !(l.contains(&folder) && l.ends_with(':')))
        .skip(1)
        .map_while(|l| l.strip_prefix("      ").filter(|c| !c.starts_with(' ')))
        .map(str::to_owned)
        .collect();
    assert!(!steps.is_empty(), "no steps for {folder} in:\n{readme}");
    steps
}

/// `dockcert probe` of the host's port as alice, comparing with the
/// certificate installed in `etc_docker`: the SHA-256 of the one served,
/// once it is that file.
fn served_sha256(work: &Path, port: u16, etc_docker: &Path) -> String {
    let mut cmd = Command::new(dockcert_bin());
    cmd.args(["probe", &format!("tcp://127.0.0.1:{port}"), "--client"])
        .arg(work.join("old/client/alice"))
        .arg("--compare")
        .arg(etc_docker)
        .arg("--json");
    isolate(&mut cmd, work);
    let out = run(&mut cmd);
    let report: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("probe printed no JSON ({e}):\n{}", out.all()));
    assert_eq!(out.status, 0, "{report:#}");
    assert_eq!(report["on_disk"]["outcome"], "same", "{report:#}");
    report["on_disk"]["served_sha256"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn serial(cert: &Path) -> String {
    let out = openssl(
        cert.parent().unwrap(),
        &["x509", "-in", cert.to_str().unwrap(), "-noout", "-serial"],
    )
    .ok();
    out.stdout.trim().to_owned()
}

#[test]
fn a_renewal_reloads_dockerd_before_the_restart_and_keeps_the_container() {
    let work = new_dir("renew26-");
    let at = |rel: &str| work.path().join(rel);
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    dockcert(
        work.path(),
        &[
            "new",
            "--server",
            &format!("{HOST},127.0.0.1"),
            "--client",
            "alice",
            "--listen",
            &listen,
            "--no-passphrase",
            "--out",
            "old",
        ],
    )
    .ok();
    // Installed as before --live-restore was the default, with the expiry
    // check, whose record of the certificates the renewal replaces too.
    run(Command::new(at(&format!("old/server/{HOST}/install.sh")))
        .args(["--expiry-check", "--root", "host-root"])
        .current_dir(work.path()))
    .ok();
    let etc_docker = at("host-root/etc/docker");
    let mut daemon = Daemon::installed(&etc_docker, work.path());
    assert!(!daemon.live_restore_enabled());
    let keeper = daemon.start_sleeper("keeper", work.path());
    let old_sha256 = served_sha256(work.path(), port, &etc_docker);
    let old_serial = serial(&etc_docker.join("server-cert.pem"));

    dockcert(
        work.path(),
        &[
            "renew",
            &format!("old/server/{HOST}/server-cert.pem"),
            "--ca-cert",
            "old/ca/ca.pem",
            "--ca-key",
            "old/ca/ca-key.pem",
            "--listen",
            &listen,
            "--out",
            "renewed",
        ],
    )
    .ok();
    let steps = host_steps(&fs::read_to_string(at("renewed/README.txt")).unwrap());
    let folder = at(&format!("renewed/server/{HOST}"));
    // Each step as the host runs it; what it must have done is asserted
    // after it, and the restart must come after a check that said true.
    let mut checked = false;
    let mut done = Vec::new();
    for step in &steps {
        match step.as_str() {
            "sudo ./install.sh --live-restore --expiry-check" => {
                let install = |extra: &[&str]| {
                    run(Command::new("./install.sh")
                        .args(step.split(' ').skip(2))
                        .args(extra)
                        .arg("--root")
                        .arg(at("host-root"))
                        .current_dir(&folder))
                };
                // The host has the old certificate, its key and the
                // expiry check's record of them: the renewal replaces
                // exactly those without --force, says so, and keeps the
                // old files.
                let installed = install(&[]).ok();
                let cert = etc_docker.join("server-cert.pem");
                assert!(
                    installed.stdout.contains(&format!(
                        "{} is the certificate this bundle renews: replacing it and its key",
                        cert.display()
                    )),
                    "{}",
                    installed.all()
                );
                let kept: Vec<String> = installed
                    .stdout
                    .lines()
                    .filter_map(|l| l.strip_prefix("kept the old file as "))
                    .map(|p| Path::new(p).file_name().unwrap().to_string_lossy().into())
                    .collect();
                assert_eq!(kept.len(), 4, "{}", installed.all());
                for (kept, name) in kept.iter().zip([
                    "server-cert.pem",
                    "server-key.pem",
                    "daemon.json",
                    "certificates.tsv",
                ]) {
                    assert!(
                        kept.starts_with(&format!("{name}.dockcert-backup-")),
                        "{kept}"
                    );
                }
                // What it says to do next is the same path.
                let said: Vec<&str> = installed.stdout.lines().map(str::trim).collect();
                let next = said
                    .iter()
                    .position(|l| *l == "systemctl daemon-reload && systemctl reload docker")
                    .unwrap_or_else(|| panic!("no reload in:\n{}", installed.stdout));
                assert_eq!(
                    said[next + 1..next + 3],
                    [
                        "docker info --format '{{.LiveRestoreEnabled}}'",
                        "systemctl restart docker"
                    ],
                    "{}",
                    installed.stdout
                );
                let merged: serde_json::Value = serde_json::from_str(
                    &fs::read_to_string(etc_docker.join("daemon.json")).unwrap(),
                )
                .unwrap();
                assert_eq!(merged["live-restore"], true);
                // The file alone is not enough: the running dockerd has
                // not taken it, and a restart now would stop the container.
                assert!(!daemon.live_restore_enabled(), "on before the reload?");
            }
            "sudo systemctl daemon-reload && sudo systemctl reload docker" => {
                daemon.reload();
                let log = daemon.log_text();
                assert!(!log.contains("Error reconfiguring"), "{log}");
            }
            "sudo docker info --format '{{.LiveRestoreEnabled}}'" => {
                checked = daemon.live_restore_enabled();
                assert!(checked, "the reload did not turn live-restore on");
            }
            "sudo systemctl restart docker" => {
                assert!(checked, "a restart before the check said true: {steps:?}");
                daemon.restart();
            }
            "sudo systemctl enable --now dockcert-expiry.timer" => {
                assert!(at("host-root/etc/systemd/system/dockcert-expiry.timer").is_file());
            }
            other => panic!("a host step this test does not know: {other}\n{steps:?}"),
        }
        done.push(step);
    }
    assert_eq!(done.len(), 5, "{steps:?}");

    // The container came through the restart; dockerd serves the renewed
    // certificate, the one now on disk.
    assert_eq!(daemon.running("keeper"), keeper);
    let new_sha256 = served_sha256(work.path(), port, &etc_docker);
    assert_ne!(new_sha256, old_sha256);
    let new_serial = serial(&etc_docker.join("server-cert.pem"));
    assert_ne!(new_serial, old_serial);
    assert_eq!(
        new_serial,
        serial(&folder.join("server-cert.pem")),
        "the renewed file is installed"
    );
}

/// The negative: a renewal's install.sh replaces only the certificate it
/// renews. A host whose server-cert.pem is another certificate (another
/// bundle's for the same name) is refused without --force, as any issue
/// bundle refuses it, and nothing is installed.
#[test]
fn a_renewal_still_refuses_another_certificate_without_force() {
    let work = new_dir("renew26o-");
    let at = |rel: &str| work.path().join(rel);
    for out in ["old", "other"] {
        let server = format!("{HOST},127.0.0.1");
        let args = ["new", "--server", &server, "--no-passphrase", "--out", out];
        dockcert(work.path(), &args).ok();
    }
    let renew = [
        "renew",
        &format!("old/server/{HOST}/server-cert.pem"),
        "--ca-cert",
        "old/ca/ca.pem",
        "--ca-key",
        "old/ca/ca-key.pem",
        "--out",
        "renewed",
    ];
    dockcert(work.path(), &renew).ok();
    run(Command::new(at(&format!("other/server/{HOST}/install.sh")))
        .args(["--root", "host-root"])
        .current_dir(work.path()))
    .ok();
    let host_cert = at("host-root/etc/docker/server-cert.pem");
    let before = fs::read(&host_cert).unwrap();
    let install = |extra: &[&str]| {
        run(Command::new("./install.sh")
            .args(["--live-restore", "--expiry-check"])
            .args(extra)
            .arg("--root")
            .arg(at("host-root"))
            .current_dir(at(&format!("renewed/server/{HOST}"))))
    };
    let refused = install(&[]).failed();
    for name in ["server-cert.pem", "server-key.pem"] {
        let differs = format!("{name} already exists and differs; not replacing it (use --force");
        assert!(refused.stderr.contains(&differs), "{}", refused.all());
    }
    assert!(!refused.all().contains("renews"), "{}", refused.all());
    assert_eq!(fs::read(&host_cert).unwrap(), before, "installed nothing");
    assert!(!at("host-root/etc/dockcert/certificates.tsv").exists());
    // --force still replaces it, as before.
    install(&["--force"]).ok();
    assert_eq!(
        serial(&host_cert),
        serial(&at(&format!("renewed/server/{HOST}/server-cert.pem")))
    );
}
