//! `dockcert probe` tells the days and compares with the file on disk,
//! against a real dockerd 20.10 on loopback: a leaf ending in 10 days is a
//! warning; after the file on disk is replaced by a renewed one (dockcert
//! renew) without restarting dockerd, the certificate served differs from
//! it; after a restart they match and nothing ends soon.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use dockcert_tests::dockerd::Daemon;
use dockcert_tests::judge::isolate;
use dockcert_tests::{
    dockcert, dockcert_bin, free_port, make_bundle, new_dir, openssl, run, MadeBundle, Run,
};

/// `dockcert probe ARGS` (`--json` when `json`), with no DOCKER_* settings
/// from the machine and the language `lang`.
fn probe(work: &Path, args: &[&str], lang: &str) -> Run {
    let mut cmd = Command::new(dockcert_bin());
    cmd.arg("probe").args(args).args(["--lang", lang]);
    isolate(&mut cmd, work);
    run(&mut cmd)
}

fn json(work: &Path, args: &[&str]) -> (Run, serde_json::Value) {
    let mut all = args.to_vec();
    all.push("--json");
    let out = probe(work, &all, "en");
    let value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("probe printed no JSON ({e}):\n{}", out.all()));
    (out, value)
}

fn check<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no check {name} in {report:#}"))
}

/// The SHA-256 fingerprint openssl reads from `cert`.
fn fingerprint(cert: &Path) -> String {
    let out = openssl(
        cert.parent().unwrap(),
        &[
            "x509",
            "-in",
            cert.to_str().unwrap(),
            "-noout",
            "-fingerprint",
            "-sha256",
        ],
    )
    .ok();
    out.stdout.trim().split_once('=').unwrap().1.to_owned()
}

/// A dockerd serving the files in `etc` (as /etc/docker on a host) on
/// 127.0.0.1:`port`, named by its flags.
fn start(etc: &Path, work: &Path, port: u16) -> Daemon {
    let socket = work.join("docker.sock");
    let file = |name: &str| etc.join(name).display().to_string();
    let flags: Vec<String> = vec![
        "--tlsverify".into(),
        format!("--tlscacert={}", file("ca.pem")),
        format!("--tlscert={}", file("server-cert.pem")),
        format!("--tlskey={}", file("server-key.pem")),
        "-H".into(),
        format!("unix://{}", socket.display()),
        "-H".into(),
        format!("tcp://127.0.0.1:{port}"),
    ];
    Daemon::with_flags(&flags, &socket, work)
}

fn copy_host_files(from: &Path, to: &Path) {
    for name in ["ca.pem", "server-cert.pem", "server-key.pem"] {
        fs::copy(from.join(name), to.join(name)).unwrap();
    }
}

/// The renewed host folder of `b`'s docker1.example.com, for 400 days.
fn renewed(b: &MadeBundle, work: &Path) -> PathBuf {
    let out = dockcert(
        work,
        &[
            "renew",
            b.path("server/docker1.example.com/server-cert.pem")
                .to_str()
                .unwrap(),
            "--ca-cert",
            b.path("ca/ca.pem").to_str().unwrap(),
            "--ca-key",
            b.path("ca/ca-key.pem").to_str().unwrap(),
            "--passphrase-file",
            b.passphrase_file.to_str().unwrap(),
            "--days",
            "400",
            "--out",
            "renewed",
        ],
    );
    assert_eq!(out.status, 0, "{}", out.all());
    work.join("renewed/server/docker1.example.com")
}

#[test]
fn days_left_and_the_file_dockerd_has_not_read() {
    let b = make_bundle(&[
        "--server",
        "docker1.example.com,127.0.0.1",
        "--client",
        "alice",
        "--days",
        "10",
    ]);
    let work = new_dir("pdays");
    let etc = work.path().join("etc-docker");
    fs::create_dir(&etc).unwrap();
    copy_host_files(&b.path("server/docker1.example.com"), &etc);
    let port = free_port();
    let daemon = start(&etc, work.path(), port);
    let url = format!("tcp://127.0.0.1:{port}");
    let client = b.path("client/alice");
    let client = client.to_str().unwrap();
    let etc_text = etc.to_str().unwrap();
    let cert_on_disk = etc.join("server-cert.pem");

    // Ten days: a warning (exit 1) for the leaf, the CA far off; the file
    // given is the one served.
    let (out, report) = json(
        work.path(),
        &[&url, "--client", client, "--compare", etc_text],
    );
    assert_eq!(out.status, 1, "{}", out.all());
    assert_eq!(check(&report, "client-certificate")["status"], "ok");
    assert_eq!(
        check(&report, "days-left")["status"],
        "warning",
        "{report:#}"
    );
    let served = report["served"].as_array().unwrap();
    assert_eq!(served.len(), 2, "{report:#}");
    assert_eq!(served[0]["part"], "leaf");
    assert_eq!(served[0]["name"], "docker1.example.com");
    assert_eq!(served[0]["days_left"], 9);
    assert_eq!(served[0]["level"], "warning");
    assert_eq!(served[1]["part"], "ca");
    assert_eq!(served[1]["level"], "info");
    assert_eq!(check(&report, "on-disk")["status"], "ok", "{report:#}");
    assert_eq!(report["on_disk"]["outcome"], "same");
    assert_eq!(report["on_disk"]["path"], cert_on_disk.to_str().unwrap());
    let old_sum = fingerprint(&cert_on_disk);
    assert_eq!(report["on_disk"]["served_sha256"], old_sum.as_str());
    assert_eq!(report["verdict"]["healthy"], false);
    assert!(
        report["verdict"]["text"].as_str().unwrap().starts_with(
            "works, but the daemon's certificate docker1.example.com ends soon: 9 days left"
        ),
        "{report:#}"
    );

    // On the daemon's host without --compare: the file is the one the
    // dockerd listening on the port was started with.
    let (_, report) = json(work.path(), &[&url, "--client", client]);
    assert_eq!(report["on_disk"]["outcome"], "same", "{report:#}");
    assert_eq!(report["on_disk"]["path"], cert_on_disk.to_str().unwrap());
    let found_by = report["on_disk"]["found_by"].as_str().unwrap();
    assert!(
        found_by.starts_with("named by --tlscert of the dockerd listening on the port, pid "),
        "{found_by}"
    );

    // Renewed on disk, dockerd not restarted: the served certificate is
    // not the file's.
    let renewed = renewed(&b, work.path());
    copy_host_files(&renewed, &etc);
    let new_sum = fingerprint(&cert_on_disk);
    assert_ne!(new_sum, old_sum);
    let (out, report) = json(
        work.path(),
        &[&url, "--client", client, "--compare", etc_text],
    );
    assert_eq!(out.status, 1, "{}", out.all());
    assert_eq!(check(&report, "on-disk")["status"], "finding", "{report:#}");
    assert_eq!(report["on_disk"]["outcome"], "differs");
    assert_eq!(report["on_disk"]["served_sha256"], old_sum.as_str());
    assert_eq!(report["on_disk"]["file_sha256"], new_sum.as_str());
    assert_eq!(
        report["verdict"]["text"],
        format!(
            "dockerd serves another certificate than {} holds: restart it to serve the renewed file (see above)",
            cert_on_disk.display()
        )
    );
    for (lang, words) in [
        (
            "en",
            [
                "FINDING file on disk: dockerd serves another certificate than",
                "fix:   dockerd reads its certificate only when it starts",
            ],
        ),
        (
            "zh",
            [
                "问题 磁盘上的文件：dockerd 提供的证书与",
                "解决办法：dockerd 只在启动时读取证书",
            ],
        ),
    ] {
        let human = probe(
            work.path(),
            &[&url, "--client", client, "--compare", etc_text],
            lang,
        );
        assert_eq!(human.status, 1, "{}", human.all());
        for w in words {
            assert!(human.stdout.contains(w), "{w}:\n{}", human.stdout);
        }
        assert!(human.stdout.contains("live-restore"), "{}", human.stdout);
    }

    // Restarted: it serves the renewed file, 399 days left.
    drop(daemon);
    let daemon = start(&etc, work.path(), port);
    let (out, report) = json(
        work.path(),
        &[&url, "--client", client, "--compare", etc_text],
    );
    assert_eq!(out.status, 0, "{}", out.all());
    assert_eq!(report["on_disk"]["outcome"], "same", "{report:#}");
    assert_eq!(report["on_disk"]["served_sha256"], new_sum.as_str());
    assert_eq!(check(&report, "days-left")["status"], "ok");
    assert_eq!(report["served"][0]["days_left"], 399);
    assert_eq!(report["verdict"]["healthy"], true);
    drop(daemon);
}

/// `--compare` with nothing to compare with is bad input (exit 2), named.
#[test]
fn compare_with_nothing_is_refused() {
    let b = make_bundle(&["--server", "127.0.0.1", "--client", "alice"]);
    let work = new_dir("pdays");
    let empty = work.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let port = free_port();
    let etc = work.path().join("etc-docker");
    fs::create_dir(&etc).unwrap();
    copy_host_files(&b.path("server/127.0.0.1"), &etc);
    let daemon = start(&etc, work.path(), port);
    let url = format!("tcp://127.0.0.1:{port}");
    let client = b.path("client/alice");
    let out = probe(
        work.path(),
        &[
            &url,
            "--client",
            client.to_str().unwrap(),
            "--compare",
            empty.to_str().unwrap(),
        ],
        "en",
    );
    drop(daemon);
    assert_eq!(out.status, 2, "{}", out.all());
    assert!(
        out.stderr.contains(&format!(
            "--compare \"{}\": holds no server certificate to compare with",
            empty.display()
        )),
        "{}",
        out.all()
    );
}
