//! install.sh, run as root, against what a careless or hostile host may hold:
//! symbolic links planted where it writes, its temporary files and its
//! backups; folders others may write to; a umask that makes new folders
//! private; a folder made private on purpose. And daemon.json, which it
//! merges into the host's own: judged by serde_json, by mawk, gawk and
//! busybox awk writing the same bytes, and by a real dockerd started from the
//! merged file, with the real docker client connecting over TLS and seeing
//! the host's own settings in force.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{chown, symlink, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use dockcert_tests::dockerd::Daemon;
use dockcert_tests::judge::isolate;
use dockcert_tests::{
    awks, dockcert, free_port, make_bundle, mode_of, new_dir, openssl, require_tool, run,
    MadeBundle, Run,
};
use serde_json::Value;

const HOST: &str = "docker1.dockcert.test";
/// nobody: a user who is neither root nor the one running the tests.
const NOBODY: u32 = 65534;
/// The files install.sh writes, under --root, with their modes.
const PLACED: [(&str, u32); 5] = [
    ("etc/docker/ca.pem", 0o444),
    ("etc/docker/server-cert.pem", 0o444),
    ("etc/docker/server-key.pem", 0o400),
    ("etc/docker/daemon.json", 0o644),
    ("etc/systemd/system/docker.service.d/dockcert.conf", 0o644),
];

/// A bundle for one host, and the folder install.sh --root installs under.
struct Host {
    bundle: MadeBundle,
    root: PathBuf,
}

impl Host {
    fn new() -> Host {
        Host::with_args(&[])
    }

    /// A bundle for HOST (also reached as 127.0.0.1) and the client alice.
    fn with_args(extra: &[&str]) -> Host {
        let mut args = vec![
            "--server",
            "docker1.dockcert.test,127.0.0.1",
            "--client",
            "alice",
        ];
        args.extend_from_slice(extra);
        let bundle = make_bundle(&args);
        let root = bundle.tmp.path().join("host-root");
        Host { bundle, root }
    }

    fn folder(&self) -> PathBuf {
        self.bundle.path(&format!("server/{HOST}"))
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn daemon_json(&self) -> PathBuf {
        self.path("etc/docker/daemon.json")
    }

    /// The bundle's own daemon.json, parsed.
    fn ours(&self) -> serde_json::Map<String, Value> {
        object(&fs::read_to_string(self.folder().join("daemon.json")).unwrap())
    }

    /// `./install.sh ARGS --root ROOT`, from the host's folder.
    fn install(&self, args: &[&str]) -> Run {
        run(Command::new("./install.sh")
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .current_dir(self.folder()))
    }

    /// `sh -c SCRIPT ARGS...` in the host's folder: for a script that plants
    /// something and then `exec`s install.sh, keeping the shell's `$$`.
    fn shell(&self, script: &str, args: &[&Path]) -> Run {
        run(Command::new("sh")
            .arg("-c")
            .arg(script)
            .args(args)
            .current_dir(self.folder()))
    }

    /// Makes `rel` under the root, and every folder above it up to the root,
    /// with `mode`.
    fn make_folders(&self, rel: &str, mode: u32) {
        let mut path = self.root.clone();
        for part in std::iter::once("").chain(rel.split('/')) {
            path.push(part);
            if !path.exists() {
                fs::create_dir(&path).unwrap();
                set_mode(&path, mode);
            }
        }
    }

    /// The host's daemon.json before install.sh runs, in a folder of mode 0755.
    fn existing_daemon_json(&self, text: &str) {
        self.make_folders("etc/docker", 0o755);
        fs::write(self.daemon_json(), text).unwrap();
        set_mode(&self.daemon_json(), 0o644);
    }

    /// Every file install.sh places is a file (not a link) owned by root
    /// with its mode, and the certificates and key are the bundle's bytes.
    fn assert_installed(&self) {
        for (rel, mode) in PLACED {
            let path = self.path(rel);
            let meta = fs::symlink_metadata(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
            assert!(meta.file_type().is_file(), "{rel} is not a plain file");
            assert_eq!(meta.mode() & 0o7777, mode, "{rel}: mode");
            assert_eq!((meta.uid(), meta.gid()), (0, 0), "{rel}: owner");
        }
        for name in ["ca.pem", "server-cert.pem", "server-key.pem"] {
            assert_eq!(
                fs::read(self.path(&format!("etc/docker/{name}"))).unwrap(),
                fs::read(self.folder().join(name)).unwrap(),
                "{name}"
            );
        }
    }
}

fn set_mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

fn object(text: &str) -> serde_json::Map<String, Value> {
    match serde_json::from_str(text) {
        Ok(Value::Object(map)) => map,
        other => panic!("not a JSON object ({other:?}):\n{text}"),
    }
}

/// Someone else's file, which install.sh must never change.
struct Bystander {
    path: PathBuf,
    bytes: Vec<u8>,
}

impl Bystander {
    /// `bytes` in `dir/name`, mode 0600, owned by nobody.
    fn new(dir: &Path, name: &str, bytes: &[u8]) -> Bystander {
        let path = dir.join(name);
        fs::write(&path, bytes).unwrap();
        set_mode(&path, 0o600);
        chown(&path, Some(NOBODY), Some(NOBODY)).unwrap();
        Bystander {
            path,
            bytes: bytes.to_vec(),
        }
    }

    fn assert_untouched(&self) {
        let meta = fs::symlink_metadata(&self.path).unwrap();
        assert!(meta.file_type().is_file());
        assert_eq!(fs::read(&self.path).unwrap(), self.bytes, "its bytes");
        assert_eq!(meta.mode() & 0o7777, 0o600, "its mode");
        assert_eq!((meta.uid(), meta.gid()), (NOBODY, NOBODY), "its owner");
    }
}

/// Everything under a folder, down to inode numbers and change times: two
/// equal snapshots mean nothing was written, renamed, or had its mode changed.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(path) = stack.pop() {
        let meta = match fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(_) => continue,
        };
        let kind = meta.file_type();
        let what = if kind.is_symlink() {
            format!("link to {}", fs::read_link(&path).unwrap().display())
        } else if kind.is_dir() {
            for entry in fs::read_dir(&path).unwrap() {
                stack.push(entry.unwrap().path());
            }
            "folder".to_owned()
        } else {
            format!(
                "file {:?}",
                String::from_utf8_lossy(&fs::read(&path).unwrap())
            )
        };
        out.insert(
            path,
            format!(
                "{what}, mode {:o}, owner {}:{}, inode {}, changed {}.{}",
                meta.mode() & 0o7777,
                meta.uid(),
                meta.gid(),
                meta.ino(),
                meta.ctime(),
                meta.ctime_nsec()
            ),
        );
    }
    out
}

#[test]
fn a_link_planted_at_the_temporary_name_is_not_written_through() {
    let host = Host::new();
    host.make_folders("etc/docker", 0o755);
    host.make_folders("etc/systemd/system/docker.service.d", 0o755);
    let bystander = Bystander::new(host.bundle.tmp.path(), "unrelated", b"someone else's\n");
    // Links at `.NAME.dockcert-PID` for every file, with the PID install.sh
    // will have: `exec` keeps the shell's process, and so its $$.
    let plant = r#"for f in ca.pem server-cert.pem server-key.pem daemon.json; do
            ln -s "$0" "$1/etc/docker/.$f.dockcert-$$"
        done
        ln -s "$0" "$1/etc/systemd/system/docker.service.d/.dockcert.conf.dockcert-$$"
        exec ./install.sh --root "$1""#;
    let out = host.shell(plant, &[&bystander.path, &host.root]).ok();
    bystander.assert_untouched();
    host.assert_installed();
    // The planted links are not install.sh's to remove; they still point where they did.
    let planted: Vec<PathBuf> = fs::read_dir(host.path("etc/docker"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| fs::symlink_metadata(p).unwrap().file_type().is_symlink())
        .collect();
    assert_eq!(planted.len(), 4, "{planted:?}\n{}", out.all());
    for link in planted {
        assert_eq!(fs::read_link(&link).unwrap(), bystander.path);
    }
}

#[test]
fn a_link_planted_at_the_backup_name_is_not_written_through() {
    let host = Host::new();
    host.install(&[]).ok();
    // An older certificate in place, which --force replaces and keeps.
    let cert = host.path("etc/docker/server-cert.pem");
    fs::remove_file(&cert).unwrap();
    fs::write(&cert, "an older certificate\n").unwrap();
    let bystander = Bystander::new(host.bundle.tmp.path(), "unrelated", b"someone else's\n");
    // Links at NAME.dockcert-backup-TIME for every second of the next minute.
    let plant = r#"now=$(date +%s)
        i=-1
        while [ $i -le 60 ]; do
            ln -s "$0" "$1.dockcert-backup-$(date -d "@$((now + i))" +%Y%m%d%H%M%S)"
            i=$((i + 1))
        done
        exec ./install.sh --force --root "$2""#;
    let out = host
        .shell(plant, &[&bystander.path, &cert, &host.root])
        .ok();
    bystander.assert_untouched();
    host.assert_installed();
    let mut links = 0;
    let mut backups = Vec::new();
    for entry in fs::read_dir(host.path("etc/docker")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("server-cert.pem.dockcert-backup-") {
            continue;
        }
        if fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_symlink()
        {
            assert_eq!(fs::read_link(&path).unwrap(), bystander.path);
            links += 1;
        } else {
            backups.push(path);
        }
    }
    assert_eq!(links, 62, "every planted link is still there");
    assert_eq!(backups.len(), 1, "{backups:?}\n{}", out.all());
    assert_eq!(
        fs::read_to_string(&backups[0]).unwrap(),
        "an older certificate\n"
    );
    assert!(
        out.stdout
            .contains(&format!("kept the old file as {}", backups[0].display())),
        "{}",
        out.all()
    );
}

#[test]
fn a_link_at_a_destination_is_a_conflict_and_is_never_followed() {
    let host = Host::new();
    host.install(&[]).ok();
    // A link to someone else's file holding the very bytes of ca.pem: a script
    // that compares through the link takes it for "unchanged", and a chown or
    // chmod of that name changes the file behind it.
    let ca = host.path("etc/docker/ca.pem");
    let bystander = Bystander::new(
        host.bundle.tmp.path(),
        "unrelated",
        &fs::read(host.folder().join("ca.pem")).unwrap(),
    );
    fs::remove_file(&ca).unwrap();
    symlink(&bystander.path, &ca).unwrap();
    let before = snapshot(&host.root);

    let refused = host.install(&[]).failed();
    assert!(
        refused.stderr.contains(&format!(
            "install.sh: {} is a symbolic link; not following it (use --force to replace the link itself)",
            ca.display()
        )),
        "{}",
        refused.all()
    );
    assert!(refused.stderr.contains("nothing was installed"));
    assert_eq!(snapshot(&host.root), before, "a refused run writes nothing");
    bystander.assert_untouched();

    let forced = host.install(&["--force"]).ok();
    assert!(
        forced.stdout.contains(&format!(
            "replacing the symbolic link {} itself (--force); not following it",
            ca.display()
        )),
        "{}",
        forced.all()
    );
    bystander.assert_untouched();
    host.assert_installed();

    // A link to a folder: replacing it by renaming onto it would move the
    // file into that folder, so not even --force does.
    let key = host.path("etc/docker/server-key.pem");
    fs::remove_file(&key).unwrap();
    symlink(host.bundle.tmp.path(), &key).unwrap();
    let before = snapshot(host.bundle.tmp.path());
    let refused = host.install(&["--force"]).failed();
    assert!(
        refused.stderr.contains(&format!(
            "{} is a symbolic link to a folder; not following it",
            key.display()
        )),
        "{}",
        refused.all()
    );
    assert_eq!(snapshot(host.bundle.tmp.path()), before);
}

#[test]
fn a_folder_others_may_write_to_is_refused_before_anything_is_written() {
    let host = Host::new();
    let refused_naming = |folder: &Path, why: &str| {
        let before = snapshot(&host.root);
        let refused = host.install(&[]).failed();
        assert!(
            refused
                .stderr
                .contains(&format!("install.sh: {} {why}", folder.display())),
            "{}",
            refused.all()
        );
        assert!(refused.stderr.contains("nothing was installed"));
        assert_eq!(snapshot(&host.root), before, "a refused run writes nothing");
    };
    let docker = host.path("etc/docker");
    let etc = host.path("etc");

    // The destination folder itself, writable by its group.
    host.make_folders("etc/docker", 0o755);
    set_mode(&docker, 0o775);
    refused_naming(
        &docker,
        "is writable by group or others; not writing under it",
    );

    // A folder above missing ones (etc/systemd/...), writable by others.
    set_mode(&docker, 0o755);
    set_mode(&etc, 0o757);
    refused_naming(&etc, "is writable by group or others; not writing under it");

    // Reached through a link: the folder the link leads to counts.
    set_mode(&etc, 0o755);
    fs::remove_dir(&docker).unwrap();
    let elsewhere = host.bundle.tmp.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    set_mode(&elsewhere, 0o777);
    symlink(&elsewhere, &docker).unwrap();
    refused_naming(
        &elsewhere,
        "is writable by group or others; not writing under it",
    );
    fs::remove_file(&docker).unwrap();
    fs::create_dir(&docker).unwrap();
    set_mode(&docker, 0o755);

    // Another user's folder.
    chown(&docker, Some(NOBODY), None).unwrap();
    refused_naming(&docker, "belongs to another user; not writing under it");
    chown(&docker, Some(0), None).unwrap();

    // A sticky folder, like /tmp, is fine: others cannot rename or remove what root puts there.
    set_mode(&etc, 0o1777);
    host.install(&[]).ok();
    host.assert_installed();
}

#[test]
fn missing_folders_are_made_0755_and_existing_ones_keep_their_mode() {
    let host = Host::new();
    // An admin made /etc/docker private; root's dockerd reads it all the same.
    host.make_folders("etc/docker", 0o700);
    let out = host
        .shell("umask 077; exec ./install.sh --root \"$0\"", &[&host.root])
        .ok();
    for (rel, mode) in [
        ("", 0o700),
        ("etc", 0o700),
        ("etc/docker", 0o700),
        ("etc/systemd", 0o755),
        ("etc/systemd/system", 0o755),
        ("etc/systemd/system/docker.service.d", 0o755),
    ] {
        assert_eq!(mode_of(&host.path(rel)), mode, "{rel:?}\n{}", out.all());
    }
    host.assert_installed();
    assert!(out.stdout.contains(&format!(
        "created    0755  {}/",
        host.path("etc/systemd").display()
    )));
}

/// A client's bundle folder and a home to install into.
fn client_install(home: &Path, args: &[&str]) -> (MadeBundle, Run) {
    let b = make_bundle(&["--server", HOST, "--client", "alice"]);
    let out = run(Command::new("sh")
        .arg("-c")
        .arg("umask 077; exec ./install.sh \"$@\"")
        .arg("install.sh")
        .args(args)
        .current_dir(b.path("client/alice"))
        .env("HOME", home));
    (b, out)
}

#[test]
fn client_install_makes_missing_folders_0755_and_leaves_existing_ones() {
    let tmp = new_dir("ci");
    let home = tmp.path().join("home");
    fs::create_dir(&home).unwrap();
    set_mode(&home, 0o700);
    fs::create_dir(home.join(".docker")).unwrap();
    set_mode(&home.join(".docker"), 0o700);
    let (b, out) = client_install(&home, &[]);
    let out = out.ok();
    let dir = home.join(".docker/dockcert/alice");
    for (path, mode) in [
        (home.clone(), 0o700),
        (home.join(".docker"), 0o700),
        (home.join(".docker/dockcert"), 0o755),
        (dir.clone(), 0o700),
        (dir.join("ca.pem"), 0o444),
        (dir.join("cert.pem"), 0o444),
        (dir.join("key.pem"), 0o400),
    ] {
        assert_eq!(mode_of(&path), mode, "{}\n{}", path.display(), out.all());
    }
    assert_eq!(
        fs::read(dir.join("key.pem")).unwrap(),
        fs::read(b.path("client/alice/key.pem")).unwrap()
    );

    // A link where key.pem goes: not followed, replaced only with --force.
    let bystander = Bystander::new(tmp.path(), "unrelated", b"someone else's\n");
    fs::remove_file(dir.join("key.pem")).unwrap();
    symlink(&bystander.path, dir.join("key.pem")).unwrap();
    let refused = run(Command::new("./install.sh")
        .current_dir(b.path("client/alice"))
        .env("HOME", &home))
    .failed();
    assert!(
        refused
            .stderr
            .contains("key.pem is a symbolic link; not following it"),
        "{}",
        refused.all()
    );
    run(Command::new("./install.sh")
        .arg("--force")
        .current_dir(b.path("client/alice"))
        .env("HOME", &home))
    .ok();
    bystander.assert_untouched();
    assert!(fs::symlink_metadata(dir.join("key.pem")).unwrap().is_file());
    assert_eq!(mode_of(&dir.join("key.pem")), 0o400);
}

/// `dockcert renew` of `cert` (from the bundle `b`'s CA) into the folder
/// `out` beside the bundle; its client/alice folder.
fn renewed_alice(b: &MadeBundle, cert: &Path, out: &str) -> PathBuf {
    let pass = b.passphrase_file.to_str().unwrap();
    let (ca, key) = (b.path("ca/ca.pem"), b.path("ca/ca-key.pem"));
    let args = [
        "renew",
        cert.to_str().unwrap(),
        "--ca-cert",
        ca.to_str().unwrap(),
        "--ca-key",
        key.to_str().unwrap(),
        "--passphrase-file",
        pass,
        "--out",
        out,
    ];
    dockcert(b.tmp.path(), &args).ok();
    b.tmp.path().join(out).join("client/alice")
}

#[test]
fn a_client_renewal_replaces_the_certificate_it_renews_and_nothing_else() {
    let tmp = new_dir("cr");
    let home = tmp.path().join("home");
    fs::create_dir(&home).unwrap();
    set_mode(&home, 0o700);
    let (b, out) = client_install(&home, &[]);
    out.ok();
    let dir = home.join(".docker/dockcert/alice");
    let install = |folder: &Path| {
        run(Command::new("./install.sh")
            .current_dir(folder)
            .env("HOME", &home))
    };
    // renew is handed the old certificate as DER: the renewal still knows
    // it on the client, which holds it as the old bundle's PEM.
    let der = b.tmp.path().join("alice.der");
    let (pem, der_arg) = (b.path("client/alice/cert.pem"), der.to_str().unwrap());
    let args = [
        "x509",
        "-in",
        pem.to_str().unwrap(),
        "-outform",
        "der",
        "-out",
        der_arg,
    ];
    openssl(b.tmp.path(), &args).ok();
    let renewed = renewed_alice(&b, &der, "renewed");

    // Another certificate where alice's goes (another CA's alice):
    // not the one renewed, so a difference that still needs --force.
    let other = make_bundle(&["--server", HOST, "--client", "alice"]);
    fs::remove_file(dir.join("cert.pem")).unwrap();
    fs::copy(other.path("client/alice/cert.pem"), dir.join("cert.pem")).unwrap();
    let refused = install(&renewed).failed();
    for name in ["cert.pem", "key.pem"] {
        let differs = format!("{name} already exists and differs; not replacing it (use --force");
        assert!(refused.stderr.contains(&differs), "{}", refused.all());
    }
    assert!(!refused.all().contains("renews"), "{}", refused.all());
    assert_eq!(
        fs::read(dir.join("cert.pem")).unwrap(),
        fs::read(other.path("client/alice/cert.pem")).unwrap()
    );

    // The certificate renewed: it and its key are replaced without
    // --force, the old files kept; ca.pem, the same, stays.
    fs::remove_file(dir.join("cert.pem")).unwrap();
    fs::copy(&pem, dir.join("cert.pem")).unwrap();
    set_mode(&dir.join("cert.pem"), 0o444);
    let done = install(&renewed).ok();
    let says = format!(
        "{} is the certificate this bundle renews: replacing it and its key",
        dir.join("cert.pem").display()
    );
    assert!(done.stdout.contains(&says), "{}", done.all());
    for name in ["cert.pem", "key.pem", "ca.pem"] {
        assert_eq!(
            fs::read(dir.join(name)).unwrap(),
            fs::read(renewed.join(name)).unwrap(),
            "{name}"
        );
    }
    let mut kept: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".dockcert-backup-"))
        .collect();
    kept.sort();
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(kept[0].starts_with("cert.pem.dockcert-backup-"), "{kept:?}");
    assert!(kept[1].starts_with("key.pem.dockcert-backup-"), "{kept:?}");
    assert_eq!(
        fs::read(dir.join(&kept[0])).unwrap(),
        fs::read(&pem).unwrap()
    );
    assert_eq!(
        fs::read(dir.join(&kept[1])).unwrap(),
        fs::read(b.path("client/alice/key.pem")).unwrap()
    );
    // An issue bundle's install.sh (the old one) still refuses them.
    let refused = install(&b.path("client/alice")).failed();
    assert!(refused
        .stderr
        .contains("cert.pem already exists and differs"));
}

#[test]
fn client_install_refuses_a_home_others_may_write_to() {
    let tmp = new_dir("ci");
    let home = tmp.path().join("home");
    fs::create_dir(&home).unwrap();
    set_mode(&home, 0o770);
    let (_b, out) = client_install(&home, &[]);
    let refused = out.failed();
    assert!(
        refused.stderr.contains(&format!(
            "install.sh: {} is writable by group or others; not writing under it",
            home.display()
        )),
        "{}",
        refused.all()
    );
    assert!(refused.stderr.contains("nothing was installed"));
    assert_eq!(
        fs::read_dir(&home).unwrap().count(),
        0,
        "nothing is written"
    );
}

/// Run as the user who runs docker (nobody here), the files are theirs.
#[test]
fn client_install_as_a_user_gives_the_files_to_that_user() {
    require_tool("setpriv");
    let tmp = new_dir("ci");
    set_mode(tmp.path(), 0o755);
    let home = tmp.path().join("home");
    fs::create_dir(&home).unwrap();
    set_mode(&home, 0o700);
    let b = make_bundle(&["--server", HOST, "--client", "alice"]);
    // The user's own copy of the bundle folder, as they would have it.
    let folder = home.join("alice");
    run(Command::new("cp")
        .arg("-r")
        .arg(b.path("client/alice"))
        .arg(&folder))
    .ok();
    run(Command::new("chown").args(["-R", "65534:65534"]).arg(&home)).ok();
    let out = run(Command::new("setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "./install.sh",
        ])
        .current_dir(&folder)
        .env("HOME", &home))
    .ok();
    let dir = home.join(".docker/dockcert/alice");
    for (name, mode) in [("ca.pem", 0o444), ("cert.pem", 0o444), ("key.pem", 0o400)] {
        let meta = fs::symlink_metadata(dir.join(name)).unwrap();
        assert_eq!(meta.mode() & 0o7777, mode, "{name}\n{}", out.all());
        assert_eq!((meta.uid(), meta.gid()), (NOBODY, NOBODY), "{name}");
    }
    // Someone else's folder in the way: refused, even though the user may write there.
    let shared = tmp.path().join("shared");
    fs::create_dir(&shared).unwrap();
    set_mode(&shared, 0o755);
    chown(&shared, Some(1), Some(1)).unwrap();
    let inner = shared.join("certs");
    fs::create_dir(&inner).unwrap();
    chown(&inner, Some(NOBODY), Some(NOBODY)).unwrap();
    let refused = run(Command::new("setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "./install.sh",
            "--dir",
        ])
        .arg(&inner)
        .current_dir(&folder)
        .env("HOME", &home))
    .failed();
    assert!(
        refused.stderr.contains(&format!(
            "install.sh: {} belongs to another user; not writing under it (every folder on the way must belong to root or to you)",
            shared.display()
        )),
        "{}",
        refused.all()
    );
}

/// What a host's daemon.json may hold that `docker info` (and a container's
/// log settings) show, in the way people write it by hand.
const HOST_SETTINGS: &str = r#"{
    "labels": ["dockcert.test=merged", "rack=b2"],
    "log-driver": "local",
    "log-opts": {
        "max-size": "5m",
        "max-file": "2"
    },
    "live-restore": true,
    "debug": true
}
"#;

#[test]
fn daemon_json_is_merged_and_a_real_dockerd_runs_with_the_hosts_settings() {
    let work = new_dir("dm");
    let port = free_port();
    // The files go to ROOT/INSTALL_DIR; INSTALL_DIR is a link to there, so
    // the merged daemon.json's paths hold as written.
    let install_dir = work.path().join("certs");
    let host = Host::with_args(&[
        "--listen",
        &format!("127.0.0.1:{port}"),
        "--install-dir",
        install_dir.to_str().unwrap(),
    ]);
    host.existing_daemon_json(HOST_SETTINGS);
    let first = host.install(&[]).ok();
    assert!(
        first.stdout.contains(
            "daemon.json: added \"tlsverify\" \"tlscacert\" \"tlscert\" \"tlskey\" \"hosts\"; the host's other settings are kept as they were"
        ),
        "{}",
        first.all()
    );
    let merged_text = fs::read_to_string(host.daemon_json()).unwrap();
    let merged = object(&merged_text);
    let theirs = object(HOST_SETTINGS);
    let ours = host.ours();
    for (key, value) in theirs.iter().chain(ours.iter()) {
        assert_eq!(merged.get(key), Some(value), "{key} in\n{merged_text}");
    }
    assert_eq!(merged.len(), theirs.len() + ours.len(), "{merged_text}");
    // The host's members are written back as the host wrote them.
    assert!(
        merged_text.starts_with(HOST_SETTINGS.trim_end().trim_end_matches('}').trim_end()),
        "{merged_text}"
    );
    // The old file is kept, byte for byte.
    let backups: Vec<PathBuf> = fs::read_dir(host.path("etc/docker"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("daemon.json.dockcert-backup-"))
        .collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(fs::read_to_string(&backups[0]).unwrap(), HOST_SETTINGS);

    // A second run changes nothing at all.
    let before = snapshot(&host.root);
    let again = host.install(&[]).ok();
    assert_eq!(snapshot(&host.root), before, "{}", again.all());
    assert_eq!(
        again.stdout.matches("unchanged  ").count(),
        5,
        "{}",
        again.all()
    );

    // dockerd from the merged file, with only the unix socket moved off the machine's own.
    let installed = host.path(install_dir.to_str().unwrap().trim_start_matches('/'));
    symlink(&installed, &install_dir).unwrap();
    let socket = work.path().join("docker.sock");
    let config = work.path().join("daemon.json");
    fs::write(
        &config,
        merged_text.replace(
            "unix:///var/run/docker.sock",
            &format!("unix://{}", socket.display()),
        ),
    )
    .unwrap();
    let _daemon = Daemon::with_config(&config, &socket, work.path());

    // The docker client, over TLS with the bundle's client certificate.
    let docker = |args: &[&str]| {
        let mut cmd = Command::new("docker");
        cmd.args([
            "--tlsverify",
            "--tlscacert=ca.pem",
            "--tlscert=cert.pem",
            "--tlskey=key.pem",
            "-H",
            &format!("tcp://127.0.0.1:{port}"),
        ])
        .args(args)
        .current_dir(host.bundle.path("client/alice"));
        isolate(&mut cmd, work.path());
        run(&mut cmd).ok().stdout
    };
    let info: Value = serde_json::from_str(&docker(&["info", "--format", "{{json .}}"])).unwrap();
    // dockerd reports labels in no fixed order (it dedups them through a map).
    let mut labels: Vec<&str> = info["Labels"]
        .as_array()
        .expect("docker info has Labels")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    labels.sort_unstable();
    assert_eq!(labels, ["dockcert.test=merged", "rack=b2"]);
    assert_eq!(info["LoggingDriver"], "local");
    assert_eq!(info["LiveRestoreEnabled"], true);
    assert_eq!(info["Debug"], true);
    // log-opts show in what a new container gets: an image from an empty
    // tarball (no registry needed) and a container that is never started.
    let rootfs = work.path().join("rootfs");
    fs::create_dir(&rootfs).unwrap();
    fs::write(rootfs.join("hello"), "hello\n").unwrap();
    let tarball = work.path().join("rootfs.tar");
    run(Command::new("tar")
        .arg("-C")
        .arg(&rootfs)
        .arg("-cf")
        .arg(&tarball)
        .arg("."))
    .ok();
    docker(&["import", tarball.to_str().unwrap(), "dockcert-test/hello:1"]);
    docker(&[
        "create",
        "--name",
        "merged",
        "dockcert-test/hello:1",
        "/hello",
    ]);
    let log_config: Value = serde_json::from_str(&docker(&[
        "inspect",
        "--format",
        "{{json .HostConfig.LogConfig}}",
        "merged",
    ]))
    .unwrap();
    assert_eq!(
        log_config,
        serde_json::json!({"Type": "local", "Config": {"max-size": "5m", "max-file": "2"}})
    );
}

/// `install.sh --live-restore`, as every host's steps run it: "live-restore":
/// true merged into a daemon.json that has other settings, every one kept; a
/// real dockerd 20.10 starts from the result with live-restore on and the
/// host's settings. Without a daemon.json it is dockcert's own plus
/// live-restore; a host that turns it off keeps that unless --force.
#[test]
fn live_restore_is_merged_in_and_a_real_dockerd_runs_with_it() {
    const THEIRS: &str = "{\n    \"log-driver\": \"local\",\n    \"labels\": [\"rack=b2\"],\n    \"debug\": true\n}\n";
    let work = new_dir("lr");
    let port = free_port();
    let install_dir = work.path().join("certs");
    let host = Host::with_args(&[
        "--listen",
        &format!("127.0.0.1:{port}"),
        "--install-dir",
        install_dir.to_str().unwrap(),
    ]);
    host.existing_daemon_json(THEIRS);
    let first = host.install(&["--live-restore"]).ok();
    assert!(
        first
            .stdout
            .contains("\"hosts\" \"live-restore\"; the host's other settings are kept"),
        "{}",
        first.all()
    );
    let merged_text = fs::read_to_string(host.daemon_json()).unwrap();
    let merged = object(&merged_text);
    let theirs = object(THEIRS);
    let ours = host.ours();
    assert!(
        !ours.contains_key("live-restore"),
        "the bundle's own daemon.json is left alone"
    );
    for (key, value) in theirs.iter().chain(ours.iter()) {
        assert_eq!(merged.get(key), Some(value), "{key} in\n{merged_text}");
    }
    assert_eq!(merged.get("live-restore"), Some(&Value::Bool(true)));
    assert_eq!(merged.len(), theirs.len() + ours.len() + 1, "{merged_text}");
    // Run again, it is all in place.
    let again = host.install(&["--live-restore"]).ok();
    assert_eq!(
        again.stdout.matches("unchanged  ").count(),
        5,
        "{}",
        again.all()
    );

    // dockerd 20.10 from the merged file, the unix socket moved off the machine's own.
    let installed = host.path(install_dir.to_str().unwrap().trim_start_matches('/'));
    symlink(&installed, &install_dir).unwrap();
    let socket = work.path().join("docker.sock");
    let config = work.path().join("daemon.json");
    fs::write(
        &config,
        merged_text.replace(
            "unix:///var/run/docker.sock",
            &format!("unix://{}", socket.display()),
        ),
    )
    .unwrap();
    let _daemon = Daemon::with_config(&config, &socket, work.path());
    let mut cmd = Command::new("docker");
    cmd.args([
        "--tlsverify",
        "--tlscacert=ca.pem",
        "--tlscert=cert.pem",
        "--tlskey=key.pem",
        "-H",
        &format!("tcp://127.0.0.1:{port}"),
        "info",
        "--format",
        "{{json .}}",
    ])
    .current_dir(host.bundle.path("client/alice"));
    isolate(&mut cmd, work.path());
    let info: Value = serde_json::from_str(&run(&mut cmd).ok().stdout).unwrap();
    assert_eq!(info["LiveRestoreEnabled"], true);
    assert_eq!(info["LoggingDriver"], "local");
    assert_eq!(info["Debug"], true);

    // No daemon.json on the host: dockcert's settings and live-restore.
    let fresh = Host::new();
    fresh.install(&["--live-restore"]).ok();
    let mut expected = fresh.ours();
    expected.insert("live-restore".into(), Value::Bool(true));
    assert_eq!(
        object(&fs::read_to_string(fresh.daemon_json()).unwrap()),
        expected
    );

    // A host that turned it off keeps that, unless --force.
    let off = Host::new();
    off.existing_daemon_json("{\"live-restore\": false}\n");
    let refused = off.install(&["--live-restore"]).failed();
    assert!(
        refused
            .stderr
            .contains("sets \"live-restore\" to false; dockcert sets it to true"),
        "{}",
        refused.all()
    );
    off.install(&["--live-restore", "--force"]).ok();
    let forced = object(&fs::read_to_string(off.daemon_json()).unwrap());
    assert_eq!(forced.get("live-restore"), Some(&Value::Bool(true)));
}

#[test]
fn a_setting_of_dockcerts_the_host_sets_otherwise_needs_force() {
    let host = Host::new();
    // "tls\u0076erify" is "tlsverify" to dockerd's JSON reader; tlscacert is
    // already what dockcert sets, written with escaped slashes.
    let old = r#"{
  "debug": true,
  "tls\u0076erify": false,
  "tlscacert": "\/etc\/docker\/ca.pem",
  "hosts": ["fd://"]
}
"#;
    host.existing_daemon_json(old);
    let before = snapshot(&host.root);
    let refused = host.install(&[]).failed();
    let daemon_json = host.daemon_json();
    for needle in [
        format!("install.sh: {} sets \"tlsverify\" to false; dockcert sets it to true; not changing it (use --force to take dockcert's value; the old file is kept)", daemon_json.display()),
        format!("install.sh: {} sets \"hosts\" to [\"fd://\"]; dockcert sets it to [\"unix:///var/run/docker.sock\",\"tcp://0.0.0.0:2376\"]; not changing it", daemon_json.display()),
        "install.sh: nothing was installed".to_owned(),
    ] {
        assert!(refused.stderr.contains(&needle), "{needle}\n{}", refused.all());
    }
    assert!(
        !refused.all().contains("\"tlscacert\""),
        "an equal value is no conflict: {}",
        refused.all()
    );
    assert_eq!(snapshot(&host.root), before, "a refused run writes nothing");

    let forced = host.install(&["--force"]).ok();
    assert!(
        forced.stdout.contains(&format!(
            "replacing \"hosts\" in {}: [\"fd://\"] there, [\"unix:///var/run/docker.sock\",\"tcp://0.0.0.0:2376\"] from dockcert (--force)",
            daemon_json.display()
        )),
        "{}",
        forced.all()
    );
    let text = fs::read_to_string(&daemon_json).unwrap();
    let merged = object(&text);
    let ours = host.ours();
    for (key, value) in &ours {
        assert_eq!(merged.get(key), Some(value), "{key} in\n{text}");
    }
    assert_eq!(merged["debug"], true);
    assert_eq!(merged.len(), ours.len() + 1, "{text}");
    // dockcert's value took the host's member's place; no second tlsverify.
    assert!(text.contains("\"tls\\u0076erify\": true"), "{text}");
    assert!(!text.contains("\"tlsverify\""), "{text}");
    assert!(
        text.contains("\"tlscacert\": \"\\/etc\\/docker\\/ca.pem\""),
        "{text}"
    );
    let backup: Vec<PathBuf> = fs::read_dir(host.path("etc/docker"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("daemon.json.dockcert-backup-"))
        .collect();
    assert_eq!(backup.len(), 1);
    assert_eq!(fs::read_to_string(&backup[0]).unwrap(), old);
    host.assert_installed();
}

#[test]
fn dockcerts_settings_already_in_place_leave_daemon_json_untouched() {
    let host = Host::new();
    // The same values as the bundle's, spaced and ordered as a person might.
    let text = r#"{"icc": false,
    "hosts": [ "unix:///var/run/docker.sock" , "tcp://0.0.0.0:2376" ],
    "tlskey": "/etc/docker/server-key.pem", "tlscert": "/etc/docker/server-cert.pem",
    "tlscacert": "/etc/docker/ca.pem", "tlsverify": true}"#;
    host.existing_daemon_json(text);
    let inode = fs::metadata(host.daemon_json()).unwrap().ino();
    let out = host.install(&[]).ok();
    assert!(
        out.stdout.contains(&format!(
            "unchanged  0644  {}",
            host.daemon_json().display()
        )),
        "{}",
        out.all()
    );
    assert_eq!(fs::read_to_string(host.daemon_json()).unwrap(), text);
    assert_eq!(fs::metadata(host.daemon_json()).unwrap().ino(), inode);
    host.assert_installed();
}

#[test]
fn a_daemon_json_that_is_not_a_json_object_is_refused_even_with_force() {
    let host = Host::new();
    let bom_object = "\u{feff}{}";
    for (text, why) in [
        (
            "",
            "the file is empty; dockerd refuses an empty daemon.json too",
        ),
        ("[]\n", "line 1: expected '{'"),
        (
            "\n\n{\"debug\": true,}\n",
            "line 3: expected a name in double quotes",
        ),
        (
            "{\"debug\": true} {}\n",
            "line 1: more text after the object's closing '}'",
        ),
        ("// managed by hand\n{}\n", "line 1: expected '{'"),
        ("{\"debug\": tru}\n", "line 1: expected a value"),
        (
            "{\"labels\": [\"a\tb\"]}\n",
            "line 1: a control character in a string",
        ),
        (
            "{'debug': true}\n",
            "line 1: expected a name in double quotes",
        ),
        (
            "{\"debug\": 01}\n",
            "line 1: expected ',' or '}' after a value",
        ),
        (
            "{\"a\": \"\\x41\"}\n",
            "line 1: unknown escape \\x in a string",
        ),
        (
            "{\"a\": {\"b\": [1, 2}}\n",
            "line 1: expected ',' or ']' after a value",
        ),
        (
            "{\"a\": \"no end}\n",
            "line 1: a string is not closed before the end of its line",
        ),
        (bom_object, "line 1: expected '{'"),
        (
            "{\"hosts\": [\"fd://\"],\n \"hosts\": [\"tcp://0.0.0.0:2375\"]}\n",
            "it sets \"hosts\" 2 times, and dockerd uses only the last; keep one",
        ),
    ] {
        host.existing_daemon_json(text);
        let before = snapshot(&host.root);
        for args in [&[][..], &["--force"][..]] {
            let refused = host.install(args).failed();
            assert!(
                refused.stderr.contains(&format!(
                    "install.sh: {} is not a JSON object install.sh can merge into ({why}",
                    host.daemon_json().display()
                )),
                "{text:?} {args:?}:\n{}",
                refused.all()
            );
            assert!(refused.stderr.contains("nothing was installed"));
            assert_eq!(snapshot(&host.root), before, "{text:?}: nothing is written");
        }
    }
}

/// Host files that test the merge's JSON reading: escapes, nesting, numbers,
/// white space and bytes of every kind; each with text the merged file must
/// hold verbatim.
const TRICKY: [(&str, &str); 7] = [
    (
        r#"{
  "a\"b": {"c": ["}", "{", "\\", "\u00e9\n", "]", ""]},
  "n": -1.5e-3, "z": null, "e": {}, "f": [ ], "t": [true, false, 0, 10, 1E+2],
  "nested": {"hosts": ["fd://"], "tlsverify": false}
}"#,
        r#""nested": {"hosts": ["fd://"], "tlsverify": false}"#,
    ),
    (r#"{"debug":true,"labels":["x=1"]}"#, r#""labels": ["x=1"]"#),
    (
        "{\r\n\t\"debug\": true,\r\n\t\"log-opts\": {\r\n\t\t\"max-size\": \"5m\"\r\n\t}\r\n}\r\n",
        "\t\"log-opts\": {\r\n\t\t\"max-size\": \"5m\"\r\n\t},\n\t\"tlsverify\": true",
    ),
    (
        "{\"labels\": [\"gr\u{f6}\u{df}e=gro\u{df}\", \"\u{540d}\u{524d}=\u{5024}\"], \"x\\u0000y\": \"\\ud83d\\ude00\"}",
        "\"x\\u0000y\": \"\\ud83d\\ude00\"",
    ),
    ("{}", "\"tlsverify\": true"),
    (
        "{\n    \"log-driver\": \"local\",\n    \"log-opts\": {\n        \"max-size\": \"5m\"\n    }\n}\n",
        "{\n    \"log-driver\": \"local\",\n    \"log-opts\": {\n        \"max-size\": \"5m\"\n    },\n    \"tlsverify\": true,",
    ),
    ("{\"deep\": DEEP}", "\"deep\": DEEP"),
];

#[test]
fn every_awk_merges_the_same_way_and_keeps_every_value() {
    let deep = format!("{}{}", "[".repeat(99), "]".repeat(99));
    let scratch = new_dir("aw");
    let awks = awks(scratch.path());
    let path = std::env::var("PATH").unwrap();
    let host = Host::new();
    for (text, verbatim) in TRICKY {
        let (text, verbatim) = (text.replace("DEEP", &deep), verbatim.replace("DEEP", &deep));
        let mut results = Vec::new();
        for (name, folder) in &awks {
            if host.root.exists() {
                fs::remove_dir_all(&host.root).unwrap();
            }
            host.existing_daemon_json(&text);
            let out = run(Command::new("./install.sh")
                .arg("--root")
                .arg(&host.root)
                .current_dir(host.folder())
                .env("PATH", format!("{}:{path}", folder.display())))
            .ok();
            let merged_text = fs::read_to_string(host.daemon_json()).unwrap();
            let merged = object(&merged_text);
            let theirs = object(&text);
            let ours = host.ours();
            for (key, value) in theirs.iter().chain(ours.iter()) {
                assert_eq!(
                    merged.get(key),
                    Some(value),
                    "{name}: {key} in\n{merged_text}"
                );
            }
            assert_eq!(
                merged.len(),
                theirs.len() + ours.len(),
                "{name}:\n{merged_text}"
            );
            assert!(
                merged_text.contains(&verbatim),
                "{name}: {verbatim:?} not in\n{merged_text}\n{}",
                out.all()
            );
            results.push((name, merged_text));
        }
        for (name, merged) in &results[1..] {
            assert_eq!(merged, &results[0].1, "{name} and {} differ", results[0].0);
        }
    }
    // One level deeper than the merge reads is refused, not crashed on.
    host.existing_daemon_json(&format!(
        "{{\"deep\": {}{}}}",
        "[".repeat(101),
        "]".repeat(101)
    ));
    let refused = host.install(&[]).failed();
    assert!(
        refused.stderr.contains("nested more than 100 levels deep"),
        "{}",
        refused.all()
    );
}
