//! install.sh, run as root, against what a careless or hostile host may hold:
//! symbolic links planted where it writes, its temporary files and its
//! backups; folders others may write to; a umask that makes new folders
//! private; a folder made private on purpose.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{chown, symlink, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use dockcert_tests::{make_bundle, mode_of, new_dir, require_tool, run, MadeBundle, Run};

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
