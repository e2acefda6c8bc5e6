//! `dockcert rotate --ansible`: ansible/rotate.yml judged by the real
//! ansible-core and ansible-lint (syntax check and the production profile,
//! in English and Chinese), then run for real on this machine
//! (`ansible_connection=local`, the host's files under a root of the
//! test's own): each phase installs the files install.sh --phase N installs,
//! by SHA-256 and mode; a second run changes nothing; a phase out of order
//! is refused with nothing written. Last, the three phases against a real
//! dockerd 20.10 installed from the old bundle, with a container running:
//! the playbook reloads and restarts that dockerd (through a command the
//! test answers, as systemd would), checks it over TLS itself, and the real
//! docker 28 client of each phase's files is answered after each phase,
//! the dropped client refused after phase 3, the container still running.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use dockcert_tests::ansible::{ansible, changed, under};
use dockcert_tests::dockerd::Daemon;
use dockcert_tests::{ansible_tool, dockcert, free_port, mode_of, new_dir, require_tool, run, Run};
use serde_json::json;
use sha2::{Digest, Sha256};

const HOST: &str = "h1.dockcert.test";

/// `dockcert new` (alice, bob) listening on `port` into `old`, then
/// `dockcert rotate --drop bob --ansible` into `rot-LANG`.
fn bundles(work: &Path, port: u16, langs: &[&str]) {
    let listen = format!("127.0.0.1:{port}");
    let server = format!("{HOST},127.0.0.1");
    dockcert(
        work,
        &[
            "new",
            "--server",
            &server,
            "--client",
            "alice",
            "--client",
            "bob",
            "--listen",
            &listen,
            "--no-passphrase",
            "--out",
            "old",
        ],
    )
    .ok();
    for lang in langs {
        dockcert(
            work,
            &[
                "rotate",
                "--ca-cert",
                "old/ca/ca.pem",
                "--ca-key",
                "old/ca/ca-key.pem",
                "--from",
                "old",
                "--drop",
                "bob",
                "--no-new-passphrase",
                "--ansible",
                "--lang",
                lang,
                "--out",
                &format!("rot-{lang}"),
            ],
        )
        .ok();
    }
}

/// The old bundle's host installed under `work/root` by its install.sh.
fn install_old_host(work: &Path) -> PathBuf {
    install_old_host_at(work, "root", &[])
}

/// The old bundle's host installed under `work/NAME` by its install.sh
/// with `extra` flags.
fn install_old_host_at(work: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let root = work.join(name);
    let out = run(
        Command::new(work.join(format!("old/server/{HOST}/install.sh")))
            .args(["--root", name, "--live-restore"])
            .args(extra)
            .current_dir(work),
    );
    assert_eq!(out.status, 0, "{}", out.all());
    root
}

/// rotate.yml of `top` with phase `phase`, the host's files under `root`,
/// `vars` added to the extra variables.
fn play(top: &Path, root: &Path, phase: &str, vars: serde_json::Value) -> Run {
    let mut all = json!({
        "ansible_connection": "local",
        "ansible_python_interpreter": ansible_tool("python"),
        "dockcert_root": root,
        "dockcert_phase": phase,
    });
    for (k, v) in vars.as_object().unwrap() {
        all[k] = v.clone();
    }
    let file = root.with_extension(format!("vars-{phase}.json"));
    fs::write(&file, all.to_string()).unwrap();
    let at = format!("@{}", file.display());
    ansible(
        "ansible-playbook",
        top,
        &[
            "-i",
            "ansible/inventory.yml",
            "ansible/rotate.yml",
            "-e",
            &at,
        ],
    )
}

fn sha256_of(path: &Path) -> String {
    Sha256::digest(fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The SHA-256 of the host's three files under `root`.
fn installed(root: &Path) -> [String; 3] {
    let dir = under(root, "/etc/docker");
    ["ca.pem", "server-cert.pem", "server-key.pem"].map(|f| sha256_of(&dir.join(f)))
}

#[test]
fn the_rotation_playbook_passes_the_syntax_check_and_ansible_lint() {
    let work = new_dir("ar-lint");
    bundles(work.path(), 2376, &["en", "zh"]);
    for lang in ["en", "zh"] {
        let top = work.path().join(format!("rot-{lang}"));
        let readme = fs::read_to_string(top.join("README.txt")).unwrap();
        assert!(
            readme.contains(
                "    ansible-playbook -i ansible/inventory.yml ansible/rotate.yml -e dockcert_phase=N\n"
            ),
            "{readme}"
        );
        let syntax = ansible(
            "ansible-playbook",
            &top,
            &[
                "-i",
                "ansible/inventory.yml",
                "ansible/rotate.yml",
                "--syntax-check",
            ],
        )
        .ok();
        assert!(
            syntax.stdout.contains("playbook: ansible/rotate.yml"),
            "{}",
            syntax.all()
        );
        let lint = ansible(
            "ansible-lint",
            &top.join("ansible"),
            &[
                "--offline",
                "--profile",
                "production",
                "rotate.yml",
                "inventory.yml",
            ],
        );
        assert_eq!(lint.status, 0, "ansible-lint ({lang}):\n{}", lint.all());
        assert!(
            lint.all()
                .contains("Profile 'production' was required, and it passed"),
            "{}",
            lint.all()
        );
    }
}

#[test]
fn each_phase_installs_its_files_once_and_a_phase_out_of_order_is_refused() {
    let work = new_dir("ar-files");
    bundles(work.path(), 2376, &["en"]);
    let root = install_old_host(work.path());
    let top = work.path().join("rot-en");
    let host = top.join(format!("server/{HOST}"));
    let off = json!({ "dockcert_restart": false, "dockcert_check": false });
    let old = installed(&root);

    for (phase, needs) in [("2", "phase 1"), ("3", "phase 2")] {
        let out = play(&top, &root, phase, off.clone());
        assert_ne!(out.status, 0, "phase {phase} first:\n{}", out.all());
        assert!(
            out.stdout
                .contains(&format!("is not what {needs} installs")),
            "{}",
            out.stdout
        );
        assert!(
            out.stdout.contains("Nothing was installed."),
            "{}",
            out.stdout
        );
        assert_eq!(
            installed(&root),
            old,
            "phase {phase} out of order wrote something"
        );
    }

    let expected = [
        (
            "1",
            [
                sha256_of(&host.join("ca-both.pem")),
                old[1].clone(),
                old[2].clone(),
            ],
        ),
        (
            "2",
            [
                sha256_of(&host.join("ca-both.pem")),
                sha256_of(&host.join("server-cert.pem")),
                sha256_of(&host.join("server-key.pem")),
            ],
        ),
        (
            "3",
            [
                sha256_of(&host.join("ca.pem")),
                sha256_of(&host.join("server-cert.pem")),
                sha256_of(&host.join("server-key.pem")),
            ],
        ),
    ];
    for (phase, hashes) in expected {
        let first = play(&top, &root, phase, off.clone()).ok();
        assert_eq!(changed(&first, HOST), 1, "phase {phase}:\n{}", first.stdout);
        assert_eq!(installed(&root), hashes, "phase {phase}");
        let dir = under(&root, "/etc/docker");
        for (file, mode) in [
            ("ca.pem", 0o444),
            ("server-cert.pem", 0o444),
            ("server-key.pem", 0o400),
        ] {
            assert_eq!(mode_of(&dir.join(file)), mode, "phase {phase}: {file}");
        }
        let again = play(&top, &root, phase, off.clone()).ok();
        assert_eq!(
            changed(&again, HOST),
            0,
            "phase {phase} again:\n{}",
            again.stdout
        );
        assert_eq!(installed(&root), hashes);
    }

    // A file someone changed is refused, nothing written, unless forced.
    let ca = under(&root, "/etc/docker/ca.pem");
    fs::set_permissions(&ca, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    fs::write(&ca, "not the CA\n").unwrap();
    let refused = play(&top, &root, "3", off.clone());
    assert_ne!(refused.status, 0);
    assert!(
        refused.stdout.contains("someone changed it"),
        "{}",
        refused.stdout
    );
    assert_eq!(fs::read_to_string(&ca).unwrap(), "not the CA\n");
    let mut forced = off.clone();
    forced["dockcert_force"] = true.into();
    play(&top, &root, "3", forced).ok();
    assert_eq!(sha256_of(&ca), sha256_of(&host.join("ca.pem")));

    // The TLS check: a host that does not answer fails the play.
    let closed = free_port();
    let check = json!({
        "dockcert_restart": false,
        "dockcert_check_seconds": 1,
        "dockcert_check_url": format!("https://127.0.0.1:{closed}/version"),
    });
    let silent = play(&top, &root, "3", check);
    assert_ne!(silent.status, 0, "{}", silent.all());
    assert!(
        silent.stdout.contains("did not answer"),
        "{}",
        silent.stdout
    );
}

/// The expiry check's data (install.sh --expiry-check) after each phase of
/// the playbook is, byte for byte, what install.sh --phase N writes from
/// the same start: the phase's rows in place of those for the same paths,
/// a row and a comment of someone else's kept; a second run changes nothing.
#[test]
fn each_phase_puts_the_same_check_data_as_install_sh() {
    let work = new_dir("ar-tsv");
    bundles(work.path(), 2376, &["en"]);
    let by_script = install_old_host_at(work.path(), "root-sh", &["--expiry-check"]);
    let by_play = install_old_host_at(work.path(), "root-play", &["--expiry-check"]);
    let data = |root: &Path| under(root, "/etc/dockcert/certificates.tsv");
    let mut start = fs::read_to_string(data(&by_script)).unwrap();
    start.push_str("# someone's note\n/srv/other.pem\tab\t1\tca\tother\t01\tAB:CD\n");
    for root in [&by_script, &by_play] {
        fs::write(data(root), &start).unwrap();
    }
    let top = work.path().join("rot-en");
    let host = top.join(format!("server/{HOST}"));
    let off = json!({ "dockcert_restart": false, "dockcert_check": false });
    for phase in ["1", "2", "3"] {
        let script = run(Command::new("./install.sh")
            .args(["--phase", phase, "--root"])
            .arg(&by_script)
            .env("DOCKCERT_LOG_SOCKET", work.path().join("no-syslog.sock"))
            .current_dir(&host));
        assert_eq!(script.status, 0, "phase {phase}:\n{}", script.all());
        // /srv/other.pem is not there: the check says so, the phase stands.
        assert!(
            script.stdout.contains("ended with status 1"),
            "{}",
            script.all()
        );
        let played = play(&top, &by_play, phase, off.clone()).ok();
        let written = fs::read_to_string(data(&by_script)).unwrap();
        assert_eq!(
            fs::read_to_string(data(&by_play)).unwrap(),
            written,
            "phase {phase}:\n{}",
            played.stdout
        );
        let rows = fs::read_to_string(host.join(format!("certificates-phase{phase}.tsv"))).unwrap();
        for row in rows.lines().skip(1) {
            assert!(
                written.contains(&format!("{row}\n")),
                "phase {phase}: {row}:\n{written}"
            );
        }
        assert!(
            written.contains("# someone's note\n/srv/other.pem\t"),
            "{written}"
        );
        assert_eq!(mode_of(&data(&by_play)), 0o644);
        let again = play(&top, &by_play, phase, off.clone()).ok();
        assert_eq!(
            changed(&again, HOST),
            0,
            "phase {phase} again:\n{}",
            again.stdout
        );
        assert_eq!(fs::read_to_string(data(&by_play)).unwrap(), written);
    }
    // After phase 3: no row of the old CA or the old server certificate left.
    let old_tsv = fs::read_to_string(
        work.path()
            .join(format!("old/server/{HOST}/certificates.tsv")),
    )
    .unwrap();
    let end = fs::read_to_string(data(&by_play)).unwrap();
    for row in old_tsv.lines().skip(1) {
        let serial = row.split('\t').nth(5).unwrap();
        assert!(!end.contains(serial), "{serial} left:\n{end}");
    }
}

/// The real dockerd the playbook restarts, a command the playbook runs to
/// ask for a reload or a restart and the test's own loop that does it.
struct Supervisor {
    requests: PathBuf,
}

impl Supervisor {
    /// `sh -c` text that asks for `what` and waits until it is done.
    fn command(&self, what: &str) -> String {
        let ask = self.requests.join(what);
        let done = self.requests.join(format!("{what}.done"));
        format!(
            "sh -c 'touch {ask}; while [ ! -f {done} ]; do sleep 0.2; done; rm -f {done}'",
            ask = ask.display(),
            done = done.display()
        )
    }

    /// Runs `playbook` while answering its requests on `daemon`; the names
    /// of the requests, in order.
    fn serve(
        &self,
        daemon: &mut Daemon,
        playbook: impl FnOnce() -> Run + Send + 'static,
    ) -> (Run, Vec<String>) {
        let handle = std::thread::spawn(playbook);
        let mut done = Vec::new();
        while !handle.is_finished() {
            for what in ["reload", "restart"] {
                let ask = self.requests.join(what);
                if ask.exists() {
                    fs::remove_file(&ask).unwrap();
                    match what {
                        "reload" => daemon.reload(),
                        _ => daemon.restart(),
                    }
                    fs::write(self.requests.join(format!("{what}.done")), "").unwrap();
                    done.push(what.to_owned());
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        (handle.join().unwrap(), done)
    }
}

#[test]
fn three_phases_on_a_real_dockerd_keep_the_container_and_cut_off_the_dropped_client() {
    let work = new_dir("ar-dockerd");
    let port = free_port();
    bundles(work.path(), port, &["en"]);
    let w = work.path().to_path_buf();
    // The old host as its install.sh installed it, but without live-restore:
    // the playbook adds it and reloads dockerd before its first restart.
    let root = w.join("root");
    let out = run(
        Command::new(w.join(format!("old/server/{HOST}/install.sh")))
            .args(["--root", "root"])
            .current_dir(&w),
    );
    assert_eq!(out.status, 0, "{}", out.all());
    let mut daemon = Daemon::installed(&under(&root, "/etc/docker"), &w);
    let socket = format!("unix://{}", w.join("run/docker.sock").display());
    let on_host = |args: &[&str]| run(Command::new("docker").arg("-H").arg(&socket).args(args));

    // A container from an image made by docker import of a busybox rootfs.
    let rootfs = w.join("rootfs");
    fs::create_dir_all(rootfs.join("bin")).unwrap();
    fs::copy(require_tool("busybox"), rootfs.join("bin/busybox")).unwrap();
    std::os::unix::fs::symlink("busybox", rootfs.join("bin/sleep")).unwrap();
    run(Command::new("tar")
        .arg("-C")
        .arg(&rootfs)
        .arg("-cf")
        .arg(w.join("rootfs.tar"))
        .arg("."))
    .ok();
    on_host(&[
        "import",
        w.join("rootfs.tar").to_str().unwrap(),
        "dockcert-test/busybox:1",
    ])
    .ok();
    on_host(&[
        "run",
        "-d",
        "--name",
        "keeper",
        "--network",
        "none",
        "dockcert-test/busybox:1",
        "/bin/sleep",
        "100000",
    ])
    .ok();
    let state = || {
        on_host(&[
            "inspect",
            "--format",
            "{{.Id}} {{.State.StartedAt}} {{.State.Running}}",
            "keeper",
        ])
        .ok()
        .stdout
    };
    let before = state();
    assert!(before.trim().ends_with(" true"), "{before}");

    let version = |ca: &Path, cert: &Path, key: &Path| {
        run(Command::new("docker")
            .arg("--tlsverify")
            .arg(format!("--tlscacert={}", ca.display()))
            .arg(format!("--tlscert={}", cert.display()))
            .arg(format!("--tlskey={}", key.display()))
            .args([
                "-H",
                &format!("tcp://127.0.0.1:{port}"),
                "version",
                "--format",
                "{{.Server.Version}}",
            ])
            .env("DOCKER_CONFIG", w.join("docker-config")))
    };
    let (old, new) = (w.join("old/client/alice"), w.join("rot-en/client/alice"));
    let bob = w.join("old/client/bob");
    let requests = w.join("requests");
    fs::create_dir(&requests).unwrap();
    let supervisor = Supervisor { requests };
    let vars = json!({
        "dockcert_live_restore": true,
        "dockcert_reload_command": supervisor.command("reload"),
        "dockcert_restart_command": supervisor.command("restart"),
        "dockcert_docker_host": socket.clone(),
        "dockcert_check_url": format!("https://127.0.0.1:{port}/version"),
    });
    // What each client holds once it has finished the phase before.
    let clients = [
        (
            "1",
            old.join("ca.pem"),
            old.join("cert.pem"),
            old.join("key.pem"),
        ),
        (
            "2",
            new.join("ca-both.pem"),
            old.join("cert.pem"),
            old.join("key.pem"),
        ),
        (
            "3",
            new.join("ca-both.pem"),
            new.join("cert.pem"),
            new.join("key.pem"),
        ),
    ];
    for (phase, ca, cert, key) in clients {
        let (top, root2, vars2) = (w.join("rot-en"), root.clone(), vars.clone());
        let started = Instant::now();
        let (out, done) = supervisor.serve(&mut daemon, move || play(&top, &root2, phase, vars2));
        assert_eq!(out.status, 0, "phase {phase}:\n{}", out.all());
        let expected: &[&str] = if phase == "1" {
            &["reload", "restart"]
        } else {
            &["restart"]
        };
        assert_eq!(done, expected, "phase {phase}:\n{}", out.stdout);
        assert!(
            out.stdout.contains(&format!("ok: [{HOST} -> localhost]")),
            "{}",
            out.stdout
        );
        eprintln!("phase {phase}: {:?}", started.elapsed());
        assert!(!out
            .stdout
            .contains(&format!("skipping: [{HOST} -> localhost]")));
        let answer = version(&ca, &cert, &key);
        assert_eq!(answer.status, 0, "phase {phase}: alice:\n{}", answer.all());
        // Again: nothing changes, no restart.
        let (top, root2, vars2) = (w.join("rot-en"), root.clone(), vars.clone());
        let (again, done) = supervisor.serve(&mut daemon, move || play(&top, &root2, phase, vars2));
        assert_eq!(changed(&again.ok(), HOST), 0);
        assert!(done.is_empty(), "{done:?}");
    }
    let refused = version(
        &new.join("ca.pem"),
        &bob.join("cert.pem"),
        &bob.join("key.pem"),
    );
    assert_ne!(refused.status, 0, "bob after phase 3:\n{}", refused.all());
    let old_alice = version(
        &new.join("ca.pem"),
        &old.join("cert.pem"),
        &old.join("key.pem"),
    );
    assert_ne!(old_alice.status, 0, "alice's old files after phase 3");
    assert_eq!(state(), before, "the container kept its ID and start time");
}
