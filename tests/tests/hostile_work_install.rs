//! The host's install.sh and the Ansible playbook, run by the real sh, the
//! real awks and the real ansible-playbook on the same host trees, must do
//! the same: the same files with the same contents, owners and modes, the
//! same refusals. Neither widens a mode the host chose (a daemon.json of
//! 0600 with a proxy password in it stays 0600; a folder of 0700 stays
//! 0700), and both refuse, with the same words and nothing written, a
//! setting of dockcert's the host sets otherwise, a certificate or drop-in
//! that differs and a symbolic link in a file's place unless forced, and a
//! link to a folder or a daemon.json that sets "hosts" twice even then.
//! And a daemon.json holding a 1 MB string, which took install.sh's awk
//! merge 17 s before it was made linear, is merged by every awk a Docker
//! host may have (under a watchdog, so a slow one fails).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::Command;

use dockcert_tests::{ansible_tool, awks, make_bundle, mode_of, new_dir, run, Run};
use serde_json::{json, Value};

const HOST: &str = "docker1.dockcert.test";
/// The host's own settings, with a secret in them.
const PRIVATE_SETTINGS: &str = "{\n  \"proxies\": {\"http-proxy\": \"http://user:s3cret@proxy.lan:3128\"},\n  \"debug\": true\n}\n";
/// A host whose daemon.json listens on systemd's socket only.
const CONFLICTING: &str = "{\"hosts\": [\"fd://\"], \"debug\": true}\n";

/// What a host tree holds: each path under the root with its kind, owner,
/// mode and content (daemon.json parsed, a backup of it named by what it
/// is rather than by the name each tool gives it).
type Tree = BTreeMap<String, (char, u32, u32, Content)>;

#[derive(Debug, PartialEq)]
enum Content {
    Folder,
    Json(Value),
    Bytes(Vec<u8>),
}

fn snapshot(root: &Path) -> Tree {
    let mut tree = Tree::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            let mut rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let (kind, content) = if meta.is_dir() {
                stack.push(path.clone());
                ('d', Content::Folder)
            } else if meta.file_type().is_file() {
                let bytes = fs::read(&path).unwrap();
                if rel.ends_with("daemon.json") {
                    ('f', Content::Json(serde_json::from_slice(&bytes).unwrap()))
                } else {
                    ('f', Content::Bytes(bytes))
                }
            } else if meta.file_type().is_symlink() {
                let to = fs::read_link(&path).unwrap();
                (
                    'l',
                    Content::Bytes(to.into_os_string().into_encoded_bytes()),
                )
            } else {
                ('?', Content::Bytes(Vec::new()))
            };
            // install.sh's NAME.dockcert-backup-TIME, Ansible's NAME.PID.DATE~.
            if let Some(at) = rel.find(".dockcert-backup-") {
                rel = format!("{} (the old one, kept)", &rel[..at]);
            } else if rel.ends_with('~') {
                let name = rel.rsplitn(3, '.').last().unwrap().to_owned();
                rel = format!("{name} (the old one, kept)");
            }
            let (uid, mode) = (meta.uid(), meta.mode() & 0o7777);
            assert!(
                tree.insert(rel.clone(), (kind, uid, mode, content))
                    .is_none(),
                "{rel} twice"
            );
        }
    }
    tree
}

/// Makes `rel` under `root` (and the folders above it, 0755) with `mode`.
fn folder(root: &Path, rel: &str, mode: u32) {
    let path = root.join(rel);
    fs::create_dir_all(&path).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
}

fn file(root: &Path, rel: &str, text: &str, mode: u32) {
    let path = root.join(rel);
    fs::write(&path, text).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
}

/// A host tree to install into, as a host may hold it.
struct Case {
    name: &'static str,
    prepare: fn(&Path),
    force: bool,
    /// Both refuse, saying this (install.sh's `--force` is the playbook's
    /// `dockcert_force`, so neither is in it).
    refused: Option<&'static str>,
}

/// The refusal of [`CONFLICTING`]'s hosts.
const HOSTS_REFUSED: &str = "sets \"hosts\" to [\"fd://\"]; dockcert sets it to [\"unix:///var/run/docker.sock\",\"tcp://0.0.0.0:2376\"]; not changing it";

/// A host with an older CA of its own in dockcert's place, 0644.
fn older_ca(root: &Path) {
    folder(root, "etc/docker", 0o755);
    file(root, "etc/docker/ca.pem", "an older CA\n", 0o644);
}

/// A host whose daemon.json is a link to a file elsewhere, which has the
/// host's settings.
fn daemon_json_link(root: &Path) {
    folder(root, "etc/docker", 0o755);
    folder(root, "srv", 0o755);
    file(root, "srv/daemon.json", PRIVATE_SETTINGS, 0o600);
    std::os::unix::fs::symlink(
        root.join("srv/daemon.json"),
        root.join("etc/docker/daemon.json"),
    )
    .unwrap();
}

const CASES: [Case; 13] = [
    Case {
        name: "a fresh host",
        prepare: |_| {},
        force: false,
        refused: None,
    },
    Case {
        name: "a 0600 daemon.json with the host's settings, in 0700 folders",
        prepare: |root| {
            folder(root, "etc/docker", 0o700);
            folder(root, "etc/systemd/system/docker.service.d", 0o700);
            file(root, "etc/docker/daemon.json", PRIVATE_SETTINGS, 0o600);
        },
        force: false,
        refused: None,
    },
    Case {
        name: "a 0640 daemon.json with conflicting hosts",
        prepare: |root| {
            folder(root, "etc/docker", 0o750);
            file(root, "etc/docker/daemon.json", CONFLICTING, 0o640);
        },
        force: false,
        refused: Some(HOSTS_REFUSED),
    },
    Case {
        name: "a 0640 daemon.json with conflicting hosts, forced",
        prepare: |root| {
            folder(root, "etc/docker", 0o750);
            file(root, "etc/docker/daemon.json", CONFLICTING, 0o640);
        },
        force: true,
        refused: None,
    },
    Case {
        name: "a 0600 daemon.json with dockcert's settings already in it",
        prepare: |root| {
            folder(root, "etc/docker", 0o755);
            file(
                root,
                "etc/docker/daemon.json",
                "{\"tlsverify\": true, \"tlscacert\": \"/etc/docker/ca.pem\", \"tlscert\": \"/etc/docker/server-cert.pem\", \"tlskey\": \"/etc/docker/server-key.pem\", \"hosts\": [\"unix:///var/run/docker.sock\", \"tcp://0.0.0.0:2376\"], \"icc\": false}",
                0o600,
            );
        },
        force: false,
        refused: None,
    },
    Case {
        name: "a ca.pem of the host's that differs",
        prepare: older_ca,
        force: false,
        refused: Some("etc/docker/ca.pem already exists and differs; not replacing it"),
    },
    Case {
        name: "a ca.pem of the host's that differs, forced",
        prepare: older_ca,
        force: true,
        refused: None,
    },
    Case {
        name: "a drop-in of the host's that differs",
        prepare: |root| {
            folder(root, "etc/systemd/system/docker.service.d", 0o755);
            file(
                root,
                "etc/systemd/system/docker.service.d/dockcert.conf",
                "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd://\n",
                0o644,
            );
        },
        force: false,
        refused: Some(
            "etc/systemd/system/docker.service.d/dockcert.conf already exists and differs; not replacing it",
        ),
    },
    Case {
        name: "a symbolic link in server-key.pem's place",
        prepare: |root| {
            folder(root, "etc/docker", 0o755);
            folder(root, "srv", 0o700);
            file(root, "srv/key.pem", "the host's own key\n", 0o400);
            std::os::unix::fs::symlink(
                root.join("srv/key.pem"),
                root.join("etc/docker/server-key.pem"),
            )
            .unwrap();
        },
        force: false,
        refused: Some("etc/docker/server-key.pem is a symbolic link; not following it"),
    },
    Case {
        name: "a daemon.json that is a link to a file",
        prepare: daemon_json_link,
        force: false,
        refused: Some("etc/docker/daemon.json is a symbolic link; not following it"),
    },
    Case {
        name: "a daemon.json that is a link to a file, forced",
        prepare: daemon_json_link,
        force: true,
        refused: None,
    },
    Case {
        name: "a daemon.json that is a link to a folder, forced",
        prepare: |root| {
            folder(root, "etc/docker", 0o755);
            folder(root, "srv/docker", 0o755);
            std::os::unix::fs::symlink(root.join("srv/docker"), root.join("etc/docker/daemon.json"))
                .unwrap();
        },
        force: true,
        refused: Some(
            "etc/docker/daemon.json is a symbolic link to a folder; not following it, and not replacing it even with",
        ),
    },
    Case {
        // The second "hosts" spelled with an escape, a third one nested
        // (another setting's, not counted).
        name: "a daemon.json that sets hosts twice, forced",
        prepare: |root| {
            folder(root, "etc/docker", 0o755);
            file(
                root,
                "etc/docker/daemon.json",
                "{\"hosts\": [\"fd://\"], \"x\": {\"hosts\": 1}, \"debug\": true, \"host\\u0073\": [\"fd://\"]}\n",
                0o644,
            );
        },
        force: true,
        refused: Some("sets \"hosts\" 2 times, and dockerd uses only the last; keep one"),
    },
];

/// The dockerd install.sh names in the drop-in on this machine (it looks
/// for one on PATH), which the playbook is told to name too.
fn local_dockerd() -> String {
    let out = run(Command::new("sh").args(["-c", "command -v dockerd || true"]));
    match out.stdout.trim() {
        "" => "/usr/bin/dockerd".into(),
        path => path.into(),
    }
}

fn install_sh(bundle: &Path, root: &Path, force: bool) -> Run {
    // With the expiry check, as the bundle's steps run it and the playbook
    // installs it by default.
    let mut cmd = Command::new("./install.sh");
    cmd.arg("--expiry-check");
    if force {
        cmd.arg("--force");
    }
    run(cmd
        .arg("--root")
        .arg(root)
        .current_dir(bundle.join(format!("server/{HOST}"))))
}

/// ansible-playbook on this machine for HOST, everything under `root`,
/// restarting nothing.
fn playbook(bundle: &Path, root: &Path, force: bool) -> Run {
    let bin = ansible_tool("ansible-playbook");
    let mut vars = json!({
        "ansible_connection": "local",
        "ansible_python_interpreter": ansible_tool("python"),
        "dockcert_root": root,
        "dockcert_restart": false,
        "dockcert_dockerd": local_dockerd(),
    });
    if force {
        vars["force"] = true.into();
    }
    let vars_file = root.with_extension("vars.json");
    fs::write(&vars_file, vars.to_string()).unwrap();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![bin.parent().unwrap().to_path_buf()];
    dirs.extend(std::env::split_paths(&path));
    let scratch = root.with_extension("ansible");
    run(Command::new(&bin)
        .current_dir(bundle)
        .args(["-i", "ansible/inventory.yml", "ansible/dockcert.yml"])
        .args(["--limit", HOST, "-e"])
        .arg(format!("@{}", vars_file.display()))
        .env("PATH", std::env::join_paths(dirs).unwrap())
        .env("ANSIBLE_NOCOLOR", "1")
        .env("ANSIBLE_LOCAL_TEMP", scratch.join("tmp"))
        .env("ANSIBLE_HOME", scratch.join("home")))
}

#[test]
fn install_sh_and_the_playbook_do_the_same_on_the_same_host_trees() {
    let bundle = make_bundle(&["--server", &format!("{HOST},127.0.0.1"), "--ansible"]);
    let work = new_dir("same");
    for (n, case) in CASES.iter().enumerate() {
        let mut trees = Vec::new();
        for (tool, go) in [
            ("install.sh", install_sh as fn(&Path, &Path, bool) -> Run),
            ("the playbook", playbook),
        ] {
            let root = work.path().join(format!("{n}-{}", tool.replace(' ', "-")));
            folder(&root, "", 0o755);
            (case.prepare)(&root);
            let before = snapshot(&root);
            let out = go(&bundle.root, &root, case.force);
            let what = format!("{}, {tool}", case.name);
            if let Some(refusal) = case.refused {
                let out = out.failed();
                // Ansible shows its message as JSON.
                let said = out.all().replace("\\\"", "\"");
                assert!(said.contains(refusal), "{what}:\n{}", out.all());
                assert!(
                    said.to_lowercase().contains("nothing was installed"),
                    "{what}"
                );
                assert_eq!(snapshot(&root), before, "{what}: nothing is written");
                continue;
            }
            let out = out.ok();
            let after = snapshot(&root);
            // Again: nothing to change, nothing changed.
            go(&bundle.root, &root, case.force).ok();
            assert_eq!(
                snapshot(&root),
                after,
                "{what}: a second run changes nothing"
            );
            trees.push((tool, after, out));
        }
        if let [(_, sh, sh_out), (_, play, play_out)] = &trees[..] {
            assert_eq!(
                sh,
                play,
                "{}: install.sh and the playbook differ\n{}\n{}",
                case.name,
                sh_out.all(),
                play_out.all()
            );
            check_modes(case.name, sh);
        }
    }
}

/// What each installed case holds: the files' modes, the host's settings
/// kept beside dockcert's, and no mode wider than the host's.
fn check_modes(case: &str, tree: &Tree) {
    let mode = |rel: &str| {
        tree.get(rel)
            .unwrap_or_else(|| panic!("{case}: no {rel} in {tree:#?}"))
            .2
    };
    let daemon = match &tree["etc/docker/daemon.json"].3 {
        Content::Json(value) => value.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(daemon["tlsverify"], true, "{case}: {daemon}");
    assert_eq!(
        daemon["hosts"],
        json!(["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"]),
        "{case}"
    );
    assert_eq!(mode("etc/docker/ca.pem"), 0o444, "{case}");
    assert_eq!(mode("etc/docker/server-key.pem"), 0o400, "{case}");
    assert_eq!(
        mode("etc/systemd/system/docker.service.d/dockcert.conf"),
        0o644,
        "{case}"
    );
    let (daemon_json, etc_docker, drop_ins) = match case {
        "a fresh host" => (0o644, 0o755, 0o755),
        "a 0600 daemon.json with the host's settings, in 0700 folders" => {
            assert_eq!(
                daemon["proxies"]["http-proxy"], "http://user:s3cret@proxy.lan:3128",
                "{case}"
            );
            assert_eq!(daemon["debug"], true, "{case}");
            (0o600, 0o700, 0o700)
        }
        "a ca.pem of the host's that differs, forced" => {
            let kept = &tree["etc/docker/ca.pem (the old one, kept)"];
            assert_eq!(kept.2, 0o644, "{case}: the old file keeps its mode");
            assert_eq!(kept.3, Content::Bytes(b"an older CA\n".to_vec()), "{case}");
            (0o644, 0o755, 0o755)
        }
        "a daemon.json that is a link to a file, forced" => {
            // The link itself replaced by dockcert's settings alone; the
            // file it pointed to as it was.
            assert_eq!(daemon.get("debug"), None, "{case}: {daemon}");
            assert_eq!(tree["etc/docker/daemon.json"].0, 'f', "{case}");
            assert_eq!(mode("srv/daemon.json"), 0o600, "{case}");
            assert_eq!(
                tree["srv/daemon.json"].3,
                Content::Json(serde_json::from_str(PRIVATE_SETTINGS).unwrap()),
                "{case}"
            );
            (0o644, 0o755, 0o755)
        }
        "a 0640 daemon.json with conflicting hosts, forced" => {
            assert_eq!(daemon["debug"], true, "{case}");
            (0o640, 0o750, 0o755)
        }
        _ => {
            assert_eq!(daemon["icc"], false, "{case}");
            (0o600, 0o755, 0o755)
        }
    };
    assert_eq!(mode("etc/docker/daemon.json"), daemon_json, "{case}");
    assert_eq!(mode("etc/docker"), etc_docker, "{case}");
    assert_eq!(
        mode("etc/systemd/system/docker.service.d"),
        drop_ins,
        "{case}"
    );
}

/// A daemon.json with a 1 MB string, and one of 1 MB of escapes, both 0600:
/// see [`hostile_daemon_json`].
#[test]
fn a_one_megabyte_string_is_merged_by_every_awk_and_the_mode_is_kept() {
    let bundle = make_bundle(&["--server", HOST]);
    let folder = bundle.path(&format!("server/{HOST}"));
    let ours: Value =
        serde_json::from_str(&bundle.read(&format!("server/{HOST}/daemon.json"))).unwrap();
    let scratch = new_dir("awk1m");
    let path = std::env::var("PATH").unwrap();
    for (name, awk) in awks(scratch.path()) {
        for (what, text) in [
            ("plain", hostile_daemon_json(1 << 20, "x")),
            ("escapes", hostile_daemon_json(1 << 20, "\\n\\u00e9\\\"")),
        ] {
            let root = scratch
                .path()
                .join(format!("{}-{what}", name.replace(' ', "-")));
            folder_with(&root, &text);
            // The watchdog: a merge that takes minutes fails here.
            let out = run(Command::new("timeout")
                .args(["60", "./install.sh", "--root"])
                .arg(&root)
                .current_dir(&folder)
                .env("PATH", format!("{}:{path}", awk.display())));
            assert_eq!(out.status, 0, "{name}, {what}: {}", out.all());
            let daemon_json = root.join("etc/docker/daemon.json");
            assert!(
                out.stdout
                    .contains(&format!("installed  0600  {}", daemon_json.display())),
                "{name}, {what}: {}",
                out.stdout
            );
            assert_eq!(mode_of(&daemon_json), 0o600, "{name}, {what}");
            let merged_text = fs::read_to_string(&daemon_json).unwrap();
            let merged: Value = serde_json::from_str(&merged_text).unwrap();
            let theirs: Value = serde_json::from_str(&text).unwrap();
            let mut expected = theirs.clone();
            for (key, value) in ours.as_object().unwrap() {
                expected[key] = value.clone();
            }
            assert_eq!(merged, expected, "{name}, {what}");
            // The host's value is written back as the host wrote it.
            let long = text.split("\"labels\": ").nth(1).unwrap();
            let long = &long[..long.find(']').unwrap() + 1];
            assert!(merged_text.contains(long), "{name}, {what}");
        }

        // A 1 MB value of a setting of dockcert's: refused at once, the
        // message showing the start of it, nothing written.
        let root = scratch
            .path()
            .join(format!("{}-conflict", name.replace(' ', "-")));
        let text = format!("{{\"hosts\": [\"{}\"]}}", "y".repeat(1 << 20));
        folder_with(&root, &text);
        let out = run(Command::new("timeout")
            .args(["60", "./install.sh", "--root"])
            .arg(&root)
            .current_dir(&folder)
            .env("PATH", format!("{}:{path}", awk.display())));
        assert_eq!(out.status, 1, "{name}: {}", out.all());
        assert!(
            out.stderr.contains("sets \"hosts\" to [\"yyyy")
                && out.stderr.contains("yyy...; dockcert sets it to"),
            "{name}: {}",
            &out.stderr[..out.stderr.len().min(3000)]
        );
        assert!(out.stderr.len() < 4096, "{name}: the message is cut short");
        assert_eq!(
            fs::read_to_string(root.join("etc/docker/daemon.json")).unwrap(),
            text
        );
        assert!(
            !root.join("etc/docker/ca.pem").exists(),
            "{name}: nothing was installed"
        );
    }
}

/// A daemon.json (as a host might hold, with a proxy password) whose
/// "labels" holds one string of `len` bytes: `unit` repeated.
pub fn hostile_daemon_json(len: usize, unit: &str) -> String {
    let long = unit.repeat(len / unit.len());
    format!(
        "{{\n  \"proxies\": {{\"http-proxy\": \"http://user:s3cret@proxy.lan:3128\"}},\n  \"labels\": [\"big={long}\"],\n  \"debug\": true\n}}\n"
    )
}

/// `root`/etc/docker (0755) with a daemon.json of mode 0600 holding `text`.
fn folder_with(root: &Path, text: &str) {
    folder(root, "etc/docker", 0o755);
    file(root, "etc/docker/daemon.json", text, 0o600);
}

/// The client's install.sh writes the same way: a file it replaces keeps
/// the stricter mode the user gave the old one, a folder keeps its own.
#[test]
fn the_clients_install_sh_keeps_stricter_modes_too() {
    let bundle = make_bundle(&["--server", HOST, "--client", "alice"]);
    let dir = new_dir("cm");
    let certs = dir.path().join("certs");
    folder(&certs, "", 0o700);
    // The user made ca.pem readable by no one else, and keeps an old cert.pem 0400.
    file(&certs, "ca.pem", "an older CA\n", 0o400);
    file(&certs, "cert.pem", "an older certificate\n", 0o400);
    let refused = run(Command::new("./install.sh")
        .arg("--dir")
        .arg(&certs)
        .current_dir(bundle.path("client/alice")))
    .failed();
    assert!(
        refused.stderr.contains("already exists and differs"),
        "{}",
        refused.all()
    );
    let out = run(Command::new("./install.sh")
        .args(["--force", "--dir"])
        .arg(&certs)
        .current_dir(bundle.path("client/alice")))
    .ok();
    for (name, mode) in [("ca.pem", 0o400), ("cert.pem", 0o400), ("key.pem", 0o400)] {
        assert_eq!(mode_of(&certs.join(name)), mode, "{name}:\n{}", out.all());
        assert_eq!(
            fs::read(certs.join(name)).unwrap(),
            fs::read(bundle.path(&format!("client/alice/{name}"))).unwrap(),
            "{name}"
        );
    }
    assert!(
        out.stdout.contains(&format!(
            "installed  0400  {}",
            certs.join("ca.pem").display()
        )),
        "{}",
        out.stdout
    );
    assert_eq!(mode_of(&certs), 0o700);
}
