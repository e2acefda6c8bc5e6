//! The bundle as files: `unzip` restores exactly the promised modes, the
//! folder output matches the zip, manifest.json's hashes match `sha256sum`,
//! the scripts pass shellcheck, and install.sh puts files in place as root
//! with the right owner and modes and refuses to clobber.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::Command;

use dockcert_tests::{dockcert, files_under, make_bundle, mode_of, require_tool, run, MadeBundle};

const HOST: &str = "docker1.dockcert.test";

fn bundle() -> MadeBundle {
    make_bundle(&[
        "--server",
        "docker1.dockcert.test,10.0.0.5",
        "--client",
        "alice",
        "--client",
        "bob",
    ])
}

fn expected_mode(path: &str) -> u32 {
    let name = path.rsplit('/').next().unwrap();
    match name {
        "ca-key.pem" | "server-key.pem" | "key.pem" => 0o400,
        "ca.pem" | "server-cert.pem" | "cert.pem" => 0o444,
        "install.sh" | "docker-context.sh" | "dockcert-expiry-check.sh" => 0o755,
        // It holds the client's key.
        _ if name.ends_with(".dockercontext") => 0o400,
        _ => 0o644,
    }
}

fn manifest_modes(b: &MadeBundle) -> BTreeMap<String, (u32, String)> {
    let manifest: serde_json::Value = serde_json::from_str(&b.read("manifest.json")).unwrap();
    manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let mode = u32::from_str_radix(f["mode"].as_str().unwrap(), 8).unwrap();
            (
                f["path"].as_str().unwrap().to_owned(),
                (mode, f["sha256"].as_str().unwrap().to_owned()),
            )
        })
        .collect()
}

#[test]
fn unzip_restores_the_modes_and_the_manifest_matches() {
    let b = bundle();
    let files = files_under(&b.root);
    let listed = manifest_modes(&b);
    let mut expected: Vec<String> = listed.keys().cloned().collect();
    expected.push("manifest.json".into());
    expected.sort();
    assert_eq!(
        files, expected,
        "the manifest must list every file but itself"
    );
    for path in &files {
        let mode = mode_of(&b.path(path));
        assert_eq!(
            mode,
            expected_mode(path),
            "{path}: mode {mode:o} after unzip"
        );
        if let Some((manifest_mode, sha)) = listed.get(path) {
            assert_eq!(*manifest_mode, mode, "{path}: manifest mode");
            require_tool("sha256sum");
            let sum = run(Command::new("sha256sum").arg(b.path(path))).ok().stdout;
            assert_eq!(
                sum.split_whitespace().next().unwrap(),
                sha,
                "{path}: manifest hash"
            );
        }
    }
    for dir in [
        "",
        "ca",
        "server",
        &format!("server/{HOST}"),
        &format!("server/{HOST}/docker.service.d"),
        "client/alice",
    ] {
        assert_eq!(mode_of(&b.path(dir)), 0o755, "folder {dir:?}");
    }
    // The zip itself holds private keys: only its owner may read it.
    assert_eq!(mode_of(&b.zip), 0o600);
    // Entries carry today's date (UTC), not 1980.
    let today = run(Command::new("date").args(["-u", "+%Y%m%d"]))
        .ok()
        .stdout;
    let info = run(Command::new("zipinfo").arg("-T").arg(&b.zip))
        .ok()
        .stdout;
    let entry = info
        .lines()
        .find(|l| l.ends_with("bundle/ca/ca.pem"))
        .unwrap();
    assert!(entry.contains(today.trim()), "{entry}");
    assert!(entry.starts_with("-r--r--r--"), "{entry}");
}

#[test]
fn a_folder_bundle_has_the_same_files_and_modes_as_the_zip() {
    let b = bundle();
    let out = b.tmp.path().join("as-folder");
    let made = dockcert(
        b.tmp.path(),
        &[
            "new",
            "--server",
            "docker1.dockcert.test,10.0.0.5",
            "--client",
            "alice",
            "--client",
            "bob",
            "--no-passphrase",
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .ok();
    assert!(
        made.stderr
            .contains("warning: --no-passphrase: the CA key will be written unencrypted")
            && made.stderr.contains("NOT encrypted"),
        "{}",
        made.stderr
    );
    let from_zip = files_under(&b.root);
    assert_eq!(files_under(&out), from_zip);
    for path in &from_zip {
        assert_eq!(mode_of(&out.join(path)), mode_of(&b.path(path)), "{path}");
    }
    assert_eq!(mode_of(&out), 0o755);
    let key = fs::read_to_string(out.join("ca/ca-key.pem")).unwrap();
    assert!(
        key.starts_with("-----BEGIN PRIVATE KEY-----"),
        "--no-passphrase writes the CA key in the clear"
    );
}

#[test]
fn scripts_pass_shellcheck() {
    let b = bundle();
    require_tool("shellcheck");
    run(Command::new("shellcheck")
        .args(["-s", "sh", "-S", "style"])
        .arg(b.path(&format!("server/{HOST}/install.sh")))
        .arg(b.path(&format!("server/{HOST}/dockcert-expiry-check.sh")))
        .arg(b.path("client/alice/install.sh"))
        .arg(b.path("client/alice/docker-context.sh")))
    .ok();
}

#[test]
fn readme_explains_the_bundle() {
    let b = bundle();
    let readme = b.read("README.txt");
    let manifest: serde_json::Value = serde_json::from_str(&b.read("manifest.json")).unwrap();
    assert!(readme.contains(manifest["ca_fingerprint_sha256"].as_str().unwrap()));
    for f in manifest["files"].as_array().unwrap() {
        assert!(
            readme.contains(f["path"].as_str().unwrap()),
            "README.txt does not list {}",
            f["path"]
        );
    }
    for needle in [
        "dockerd has no revocation list",
        "specified both as a flag and in",
        "sudo ./install.sh",
        "systemctl daemon-reload",
        "docker context create docker1.dockcert.test",
        "Keep ca/",
        "expires",
    ] {
        assert!(readme.contains(needle), "README.txt lacks {needle:?}");
    }
}

fn sh(dir: &Path, script: &str) -> dockcert_tests::Run {
    run(Command::new("sh").arg("-c").arg(script).current_dir(dir))
}

#[test]
fn server_install_puts_files_in_place_as_root() {
    let b = bundle();
    let folder = b.path(&format!("server/{HOST}"));
    let root = b.tmp.path().join("host-root");
    let root_arg = root.to_str().unwrap();
    let first = sh(&folder, &format!("./install.sh --root {root_arg}")).ok();
    assert!(first.stdout.contains("Done."), "{}", first.all());

    let placed = [
        ("etc/docker/ca.pem", 0o444, "ca.pem"),
        ("etc/docker/server-cert.pem", 0o444, "server-cert.pem"),
        ("etc/docker/server-key.pem", 0o400, "server-key.pem"),
        ("etc/docker/daemon.json", 0o644, "daemon.json"),
    ];
    for (dest, mode, src) in placed {
        let path = root.join(dest);
        let meta = fs::metadata(&path).unwrap_or_else(|e| panic!("{dest}: {e}"));
        assert_eq!(meta.mode() & 0o7777, mode, "{dest}");
        assert_eq!((meta.uid(), meta.gid()), (0, 0), "{dest}: owner");
        assert_eq!(
            fs::read(&path).unwrap(),
            fs::read(folder.join(src)).unwrap(),
            "{dest}"
        );
    }
    let drop_in =
        fs::read_to_string(root.join("etc/systemd/system/docker.service.d/dockcert.conf")).unwrap();
    let dockerd = require_tool("dockerd");
    assert!(
        drop_in.contains(&format!("\nExecStart=\nExecStart={}\n", dockerd.display())),
        "{drop_in}"
    );

    // A second run changes nothing.
    let again = sh(&folder, &format!("./install.sh --root {root_arg}")).ok();
    assert!(again.stdout.contains("unchanged  0400"), "{}", again.all());

    // A different file in the way: refused, and nothing at all is written.
    // (daemon.json is merged instead: tests/install_script.rs.)
    let cert = root.join("etc/docker/server-cert.pem");
    fs::remove_file(&cert).unwrap();
    fs::write(&cert, "an older certificate\n").unwrap();
    fs::remove_file(root.join("etc/docker/ca.pem")).unwrap();
    let refused = sh(&folder, &format!("./install.sh --root {root_arg}")).failed();
    assert!(
        refused
            .stderr
            .contains("already exists and differs; not replacing it (use --force"),
        "{}",
        refused.all()
    );
    assert!(refused.stderr.contains("nothing was installed"));
    assert!(
        !root.join("etc/docker/ca.pem").exists(),
        "a refused run must write nothing"
    );
    assert_eq!(fs::read_to_string(&cert).unwrap(), "an older certificate\n");

    // --force replaces it and keeps the old one.
    let forced = sh(&folder, &format!("./install.sh --force --root {root_arg}")).ok();
    assert!(
        forced.stdout.contains("kept the old file as"),
        "{}",
        forced.all()
    );
    assert_eq!(
        fs::read(&cert).unwrap(),
        fs::read(folder.join("server-cert.pem")).unwrap()
    );
    let backups: Vec<String> = files_under(&root.join("etc/docker"))
        .into_iter()
        .filter(|f| f.contains("dockcert-backup"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    // No temporary file is left, and no key is readable by group or others.
    for f in files_under(&root) {
        let name = f.rsplit('/').next().unwrap();
        assert!(!name.starts_with('.'), "left behind: {f}");
        if f.ends_with("key.pem") {
            assert_eq!(mode_of(&root.join(&f)) & 0o077, 0, "{f}");
        }
    }

    let usage = sh(&folder, "./install.sh --bogus").failed();
    assert_eq!(usage.status, 2);
    assert!(
        usage.stderr.contains("unknown option '--bogus'"),
        "{}",
        usage.all()
    );
}

#[test]
fn client_install_puts_files_where_docker_env_points() {
    let b = bundle();
    let folder = b.path("client/alice");
    let home = b.tmp.path().join("home");
    fs::create_dir(&home).unwrap();
    let out = run(Command::new("sh")
        .arg("-c")
        .arg("./install.sh && . ./docker.env && echo \"$DOCKER_CERT_PATH\"")
        .current_dir(&folder)
        .env("HOME", &home))
    .ok();
    let cert_path = out.stdout.lines().last().unwrap().to_owned();
    assert_eq!(Path::new(&cert_path), home.join(".docker/dockcert/alice"));
    for (f, mode) in [("ca.pem", 0o444), ("cert.pem", 0o444), ("key.pem", 0o400)] {
        assert_eq!(mode_of(&Path::new(&cert_path).join(f)), mode, "{f}");
    }
    assert_eq!(mode_of(Path::new(&cert_path)), 0o700);

    // Another client's files in the same place are not overwritten without --force.
    let bob = b.path("client/bob");
    let refused = run(Command::new("sh")
        .arg("-c")
        .arg(format!("./install.sh --dir {cert_path}"))
        .current_dir(&bob)
        .env("HOME", &home))
    .failed();
    assert!(
        refused.stderr.contains("already exists and differs"),
        "{}",
        refused.all()
    );
    assert_eq!(
        fs::read(Path::new(&cert_path).join("cert.pem")).unwrap(),
        fs::read(folder.join("cert.pem")).unwrap()
    );
}
