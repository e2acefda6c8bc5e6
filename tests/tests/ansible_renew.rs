//! A renewal bundle's playbook (`dockcert renew --ansible`) does what its
//! install.sh does: where the host's server-cert.pem is the certificate it
//! renews (the SHA-256 of its DER, read on the host), it replaces that
//! file, its key and the expiry check's certificates.tsv without
//! dockcert_force, keeping the old ones as backups. The real
//! ansible-playbook on this machine (local connection, everything under a
//! root of the test's own, no restart) and the real install.sh of the same
//! renewal on a copy of the same host tree leave the same files; a host whose
//! server-cert.pem is another certificate is still refused, nothing written.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use dockcert_tests::ansible::{assert_lint_passes, assert_syntax_passes, changed, play};
use dockcert_tests::{dockcert, files_under, make_bundle, run, MadeBundle};

const HOST: &str = "renew1.dockcert.test";
/// The systemd drop-in install.sh and the playbook write.
const DROP_IN: &str = "etc/systemd/system/docker.service.d/dockcert.conf";
/// What install.sh --expiry-check and the playbook place under a root.
const PLACED: [&str; 10] = [
    "etc/docker/ca.pem",
    "etc/docker/server-cert.pem",
    "etc/docker/server-key.pem",
    "etc/docker/daemon.json",
    DROP_IN,
    "usr/local/sbin/dockcert-expiry-check",
    "etc/dockcert/certificates.tsv",
    "etc/systemd/system/dockcert-expiry.service",
    "etc/systemd/system/dockcert-expiry.timer",
    "etc/cron.d/dockcert-expiry",
];

/// The host's install.sh --expiry-check of the bundle at `top`, under `root`.
fn install_sh(top: &Path, root: &Path, extra: &[&str]) -> dockcert_tests::Run {
    run(Command::new("./install.sh")
        .arg("--expiry-check")
        .args(extra)
        .arg("--root")
        .arg(root)
        .current_dir(top.join(format!("server/{HOST}"))))
}

/// `bundle`'s renewal of its host's certificate, with --ansible, at `out`.
fn renewal(bundle: &MadeBundle, out: &Path) {
    let path = |rel: &str| bundle.path(rel).to_str().unwrap().to_owned();
    dockcert(
        bundle.tmp.path(),
        &[
            "renew",
            &path(&format!("server/{HOST}/server-cert.pem")),
            "--ca-cert",
            &path("ca/ca.pem"),
            "--ca-key",
            &path("ca/ca-key.pem"),
            "--passphrase-file",
            bundle.passphrase_file.to_str().unwrap(),
            "--days",
            "400",
            "--ansible",
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .ok();
}

/// The renewal's playbook on HOST under `root`, restarting nothing, its
/// drop-in starting the dockerd install.sh found there (this machine's).
fn play_renewal(renewed: &Path, root: &Path, extra: &[&str]) -> dockcert_tests::Run {
    let drop_in = fs::read_to_string(root.join(DROP_IN)).unwrap();
    let dockerd = drop_in
        .lines()
        .filter_map(|l| l.strip_prefix("ExecStart="))
        .find(|l| !l.is_empty())
        .unwrap();
    let dockerd = format!("dockcert_dockerd={dockerd}");
    let mut args = vec!["-e", "dockcert_restart=false", "-e", &dockerd];
    args.extend_from_slice(extra);
    play(renewed, HOST, root, &args)
}

/// The files in `root`'s `folder` whose name starts with `name.` and that
/// hold `bytes`: the backups of `name`.
fn backups(root: &Path, folder: &str, name: &str, bytes: &[u8]) -> Vec<PathBuf> {
    fs::read_dir(root.join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let file = p.file_name().unwrap().to_string_lossy().into_owned();
            file.starts_with(&format!("{name}.")) && fs::read(p).unwrap() == bytes
        })
        .collect()
}

/// `cp -a` of `from` to `to`.
fn copy_tree(from: &Path, to: &Path) {
    run(Command::new("cp").arg("-a").arg(from).arg(to)).ok();
}

#[test]
fn the_renewal_playbook_replaces_the_renewed_certificate_as_install_sh_does() {
    let bundle = make_bundle(&["--server", HOST, "--client", "alice", "--ansible"]);
    let renewed = bundle.tmp.path().join("renewed");
    renewal(&bundle, &renewed);
    // The renewal's playbook passes the syntax check and the strictest lint.
    assert_syntax_passes(&renewed, "dockcert.yml");
    assert_lint_passes(&renewed.join("ansible"), "dockcert.yml");

    // One host tree, installed by the old bundle's install.sh, twice.
    let theirs = bundle.tmp.path().join("install-sh-root");
    install_sh(&bundle.root, &theirs, &[]).ok();
    let ours = bundle.tmp.path().join("playbook-root");
    copy_tree(&theirs, &ours);
    let old: Vec<Vec<u8>> = PLACED
        .iter()
        .map(|rel| fs::read(ours.join(rel)).unwrap())
        .collect();

    let sh = install_sh(&renewed, &theirs, &[]).ok();
    assert!(
        sh.all().contains("certificate this bundle renews"),
        "{}",
        sh.all()
    );
    let played = play_renewal(&renewed, &ours, &[]).ok();
    let said = format!(
        "{}/etc/docker/server-cert.pem is the certificate this bundle renews: replacing it and its key (the old files are kept)",
        ours.display()
    );
    assert!(played.stdout.contains(&said), "{}", played.all());
    assert!(changed(&played, HOST) > 0, "{}", played.stdout);

    for (rel, before) in PLACED.iter().zip(&old) {
        let (a, b) = (ours.join(rel), theirs.join(rel));
        assert_eq!(fs::read(&a).unwrap(), fs::read(&b).unwrap(), "{rel}");
        let (ma, mb) = (fs::metadata(&a).unwrap(), fs::metadata(&b).unwrap());
        assert_eq!(ma.mode(), mb.mode(), "{rel}");
        assert_eq!((ma.uid(), ma.gid()), (mb.uid(), mb.gid()), "{rel}");
        let renewed_file = [
            "etc/docker/server-cert.pem",
            "etc/docker/server-key.pem",
            "etc/dockcert/certificates.tsv",
        ]
        .contains(rel);
        assert_eq!(fs::read(&a).unwrap() != *before, renewed_file, "{rel}");
        if renewed_file {
            let (folder, name) = rel.rsplit_once('/').unwrap();
            assert_eq!(backups(&ours, folder, name, before).len(), 1, "{rel}");
        }
    }
    assert_eq!(
        fs::read(ours.join(PLACED[1])).unwrap(),
        fs::read(renewed.join(format!("server/{HOST}/server-cert.pem"))).unwrap()
    );

    // Played again: the host's certificate is the renewed one now, and
    // nothing changes.
    let again = play_renewal(&renewed, &ours, &[]).ok();
    assert_eq!(changed(&again, HOST), 0, "{}", again.stdout);
    assert!(!again.stdout.contains(&said), "{}", again.stdout);
}

#[test]
fn the_renewal_playbook_still_refuses_another_certificate_of_its_ca_without_force() {
    let bundle = make_bundle(&["--server", HOST, "--ansible"]);
    let renewed = bundle.tmp.path().join("renewed");
    renewal(&bundle, &renewed);
    // Another certificate of the same CA for the same host.
    let other = bundle.tmp.path().join("other");
    let path = |rel: &str| bundle.path(rel).to_str().unwrap().to_owned();
    dockcert(
        bundle.tmp.path(),
        &[
            "issue",
            "--ca-cert",
            &path("ca/ca.pem"),
            "--ca-key",
            &path("ca/ca-key.pem"),
            "--passphrase-file",
            bundle.passphrase_file.to_str().unwrap(),
            "--server",
            HOST,
            "--out",
            other.to_str().unwrap(),
        ],
    )
    .ok();
    let root = bundle.tmp.path().join("root");
    install_sh(&other, &root, &[]).ok();
    let before = contents_under(&root);

    let refused = play_renewal(&renewed, &root, &[]).failed();
    for (file, differs) in [
        ("etc/docker/ca.pem", false),
        ("etc/docker/server-cert.pem", true),
        ("etc/docker/server-key.pem", true),
        ("etc/dockcert/certificates.tsv", true),
    ] {
        let line = format!("{} already exists and differs", root.join(file).display());
        assert_eq!(
            refused.stdout.contains(&line),
            differs,
            "{line}:\n{}",
            refused.all()
        );
    }
    assert!(
        !refused
            .stdout
            .contains("is the certificate this bundle renews"),
        "{}",
        refused.all()
    );
    let after = contents_under(&root);
    assert_eq!(after, before, "nothing written");

    // dockcert_force still replaces it.
    play_renewal(&renewed, &root, &["-e", "dockcert_force=true"]).ok();
    assert_eq!(
        fs::read(root.join("etc/docker/server-cert.pem")).unwrap(),
        fs::read(renewed.join(format!("server/{HOST}/server-cert.pem"))).unwrap()
    );
}

/// Every file under `root` with its bytes: two equal readings mean nothing
/// under it was written.
fn contents_under(root: &Path) -> Vec<(String, Vec<u8>)> {
    files_under(root)
        .into_iter()
        .map(|rel| {
            let bytes = fs::read(root.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}
