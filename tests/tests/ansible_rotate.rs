//! `dockcert rotate --ansible`: ansible/rotate.yml judged by the real
//! ansible-core and ansible-lint (syntax check and the production profile,
//! in English and Chinese), then run for real on this machine
//! (`ansible_connection=local`, the host's files under a root of the
//! test's own): each phase installs the files install.sh --phase N installs,
//! by SHA-256 and mode; a second run changes nothing; a phase out of order
//! is refused with nothing written; the phase is taken from --tags phaseN
//! as from -e dockcert_phase=N, and no phase, two, or a tag and a variable
//! that differ are refused (in English and Chinese) with nothing written.
//! Then the three phases against a real dockerd 20.10 installed from the
//! old bundle, with a container running: the playbook reloads and restarts
//! that dockerd (through a command the test answers, as systemd would),
//! checks it over TLS itself, and the real docker 28 client of each
//! phase's files is answered after each phase, the dropped client refused
//! after phase 3, the container still running. Last, fleets of three hosts,
//! one batch at a time: each with its own real dockerd and container, each
//! answering the new CA's client before the next host's files change; and
//! a first host that fails its TLS check stops the rollout, the others'
//! files untouched.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use dockcert_tests::ansible::{ansible, assert_lint_passes, assert_syntax_passes, changed, under};
use dockcert_tests::dockerd::{busybox_tar, Daemon, Turn};
use dockcert_tests::{ansible_tool, dockcert, free_port, mode_of, new_dir, run, Run};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const HOST: &str = "h1.dockcert.test";

/// `dockcert new` (alice, bob) listening on `port` into `old`, then
/// [`rotation`].
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
    rotation(work, langs);
}

/// `dockcert new --config fleet.toml` into `old`: a host hN.dockcert.test
/// (SAN 127.0.0.1) listening on 127.0.0.1 and each of `ports`, clients
/// alice and bob; then [`rotation`] in English. The hosts' names.
fn fleet_bundles(work: &Path, ports: &[u16]) -> Vec<String> {
    let names: Vec<String> = (1..=ports.len())
        .map(|n| format!("h{n}.dockcert.test"))
        .collect();
    let mut config = String::new();
    for (name, port) in names.iter().zip(ports) {
        config.push_str(&format!(
            "[[host]]\nname = \"{name}\"\nsans = [\"127.0.0.1\"]\nlisten = \"127.0.0.1:{port}\"\n\n"
        ));
    }
    config.push_str("[[client]]\nname = \"alice\"\n\n[[client]]\nname = \"bob\"\n");
    fs::write(work.join("fleet.toml"), config).unwrap();
    dockcert(
        work,
        &[
            "new",
            "--config",
            "fleet.toml",
            "--no-passphrase",
            "--out",
            "old",
        ],
    )
    .ok();
    rotation(work, &["en"]);
    names
}

/// `dockcert rotate --drop bob --ansible` of `old` into `rot-LANG`.
fn rotation(work: &Path, langs: &[&str]) {
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

/// The old bundle's host `name` installed under `root` by its install.sh
/// with `flags`.
fn install_old(work: &Path, name: &str, root: &Path, flags: &[&str]) {
    let out = run(
        Command::new(work.join(format!("old/server/{name}/install.sh")))
            .arg("--root")
            .arg(root)
            .args(flags)
            .current_dir(work),
    );
    assert_eq!(out.status, 0, "{}", out.all());
}

/// The old bundle's host installed under `work/root` by its install.sh.
fn install_old_host(work: &Path) -> PathBuf {
    let root = work.join("root");
    install_old(work, HOST, &root, &["--live-restore"]);
    root
}

/// ansible-playbook of `top`'s rotate.yml on its inventory and then each
/// of `inventories` (the hosts' own variables), with `args`; `vars` (and
/// local connection) the extra variables, through the file `vars_file`.
fn playbook(
    top: &Path,
    inventories: &[&Path],
    args: &[&str],
    vars: &Value,
    vars_file: &Path,
) -> Run {
    let mut all = json!({
        "ansible_connection": "local",
        "ansible_python_interpreter": ansible_tool("python"),
    });
    for (k, v) in vars.as_object().unwrap() {
        all[k] = v.clone();
    }
    fs::write(vars_file, all.to_string()).unwrap();
    let mut argv = vec!["-i".to_owned(), "ansible/inventory.yml".to_owned()];
    for inventory in inventories {
        argv.extend(["-i".to_owned(), inventory.display().to_string()]);
    }
    argv.extend([
        "ansible/rotate.yml".to_owned(),
        "-e".to_owned(),
        format!("@{}", vars_file.display()),
    ]);
    argv.extend(args.iter().map(|a| (*a).to_owned()));
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    ansible("ansible-playbook", top, &argv)
}

/// rotate.yml of `top` with `args`, the host's files under `root`, `vars`
/// added to the extra variables.
fn play_args(top: &Path, root: &Path, args: &[&str], vars: Value) -> Run {
    let mut all = json!({ "dockcert_root": root });
    for (k, v) in vars.as_object().unwrap() {
        all[k] = v.clone();
    }
    playbook(top, &[], args, &all, &root.with_extension("vars.json"))
}

/// rotate.yml of `top` with `-e dockcert_phase=PHASE`, the host's files
/// under `root`, `vars` added to the extra variables.
fn play(top: &Path, root: &Path, phase: &str, vars: Value) -> Run {
    play_args(top, root, &["-e", &format!("dockcert_phase={phase}")], vars)
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
                "    ansible-playbook -i ansible/inventory.yml ansible/rotate.yml --tags phaseN\n"
            ),
            "{readme}"
        );
        assert!(readme.contains("-e dockcert_phase=N"), "{readme}");
        let tags = ansible(
            "ansible-playbook",
            &top,
            &[
                "-i",
                "ansible/inventory.yml",
                "ansible/rotate.yml",
                "--list-tags",
            ],
        )
        .ok();
        assert!(
            tags.stdout
                .contains("      TASK TAGS: [always, phase1, phase2, phase3]\n"),
            "{}",
            tags.all()
        );
        assert_syntax_passes(&top, "rotate.yml");
        assert_lint_passes(&top.join("ansible"), "rotate.yml");
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
    let (by_script, by_play) = (work.path().join("root-sh"), work.path().join("root-play"));
    for root in [&by_script, &by_play] {
        install_old(
            work.path(),
            HOST,
            root,
            &["--live-restore", "--expiry-check"],
        );
    }
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

#[test]
fn the_phase_comes_from_its_tag_and_none_two_or_a_contradicting_one_is_refused() {
    let work = new_dir("ar-tags");
    bundles(work.path(), 2376, &["en", "zh"]);
    let off = json!({ "dockcert_restart": false, "dockcert_check": false });
    let refusals: [(&[&str], [&str; 2]); 5] = [
        (&[], ["say which phase to run", "请指定要运行的阶段"]),
        (
            &["--tags", "all"],
            ["say which phase to run", "请指定要运行的阶段"],
        ),
        (
            &["--tags", "nophase"],
            ["say which phase to run", "请指定要运行的阶段"],
        ),
        (
            &["--tags", "phase1,phase2"],
            ["one phase at a time", "一次只能运行一个阶段"],
        ),
        (
            &["--tags", "phase2", "-e", "dockcert_phase=1"],
            ["name different phases", "指定的阶段不同"],
        ),
    ];
    for (i, lang) in ["en", "zh"].into_iter().enumerate() {
        let top = work.path().join(format!("rot-{lang}"));
        let root = work.path().join(format!("root-{lang}"));
        install_old(work.path(), HOST, &root, &["--live-restore"]);
        let old = installed(&root);
        let daemon_json = fs::read(under(&root, "/etc/docker/daemon.json")).unwrap();
        for (args, says) in refusals {
            let out = play_args(&top, &root, args, off.clone());
            assert_ne!(out.status, 0, "{args:?} ({lang}):\n{}", out.all());
            assert!(
                out.stdout.contains(says[i]),
                "{args:?} ({lang}):\n{}",
                out.stdout
            );
            assert_eq!(changed(&out, HOST), 0, "{args:?}");
            assert_eq!(installed(&root), old, "{args:?} ({lang}) wrote something");
            assert_eq!(
                fs::read(under(&root, "/etc/docker/daemon.json")).unwrap(),
                daemon_json
            );
        }
    }
    // --tags phase1 runs phase 1, as -e dockcert_phase=1 does; both agreeing too.
    let top = work.path().join("rot-en");
    let root = work.path().join("root-en");
    let both = sha256_of(&top.join(format!("server/{HOST}/ca-both.pem")));
    let first = play_args(&top, &root, &["--tags", "phase1"], off.clone()).ok();
    assert_eq!(changed(&first, HOST), 1, "{}", first.stdout);
    assert_eq!(installed(&root)[0], both);
    let again = play_args(
        &top,
        &root,
        &["--tags", "phase1", "-e", "dockcert_phase=1"],
        off.clone(),
    )
    .ok();
    assert_eq!(changed(&again, HOST), 0, "{}", again.stdout);
    // The tag is the phase: phase 3 before phase 2 is refused as with -e.
    let early = play_args(&top, &root, &["--tags", "phase3"], off);
    assert_ne!(early.status, 0);
    assert!(
        early.stdout.contains("is not what phase 2 installs"),
        "{}",
        early.stdout
    );
    assert_eq!(installed(&root)[0], both);
}

/// A host of a test with a real dockerd: its root folder (what install.sh
/// wrote), its dockerd started from it, and the folder where the
/// playbook's reload and restart commands ask the test for them, as
/// systemd would be asked.
struct Host {
    // Declared first so it stops (and its containers go) before the rest.
    daemon: Daemon,
    name: String,
    port: u16,
    root: PathBuf,
    requests: PathBuf,
}

impl Host {
    /// The old bundle's `name` installed by its install.sh (`flags`) under
    /// `work/NAME/root`, its dockerd started under `turn` in `work/NAME`.
    fn start(turn: &Turn, work: &Path, name: &str, port: u16, flags: &[&str]) -> Host {
        let dir = work.join(name);
        let root = dir.join("root");
        let requests = dir.join("requests");
        fs::create_dir_all(&requests).unwrap();
        install_old(work, name, &root, flags);
        Host {
            daemon: Daemon::installed_in(turn, &under(&root, "/etc/docker"), &dir),
            name: name.to_owned(),
            port,
            root,
            requests,
        }
    }

    fn socket(&self) -> String {
        format!("unix://{}", self.daemon.socket.display())
    }

    /// The docker client on the host's unix socket.
    fn docker(&self, args: &[&str]) -> Run {
        run(Command::new("docker")
            .arg("-H")
            .arg(self.socket())
            .args(args))
    }

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

    /// The playbook's variables for this host: its root, its reload and
    /// restart commands, its dockerd's socket and the URL of its TLS check.
    fn vars(&self) -> Value {
        json!({
            "dockcert_root": self.root,
            "dockcert_reload_command": self.command("reload"),
            "dockcert_restart_command": self.command("restart"),
            "dockcert_docker_host": self.socket(),
            "dockcert_check_url": format!("https://127.0.0.1:{}/version", self.port),
        })
    }

    /// Starts the container "keeper" (busybox sleeping, from the image
    /// `tar` by docker import); its state.
    fn start_keeper(&self, tar: &Path) -> String {
        self.docker(&["import", tar.to_str().unwrap(), "dockcert-test/busybox:1"])
            .ok();
        self.docker(&[
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
        let state = self.keeper();
        assert!(state.trim().ends_with(" true"), "{state}");
        state
    }

    /// The keeper's ID, start time and whether it runs.
    fn keeper(&self) -> String {
        self.docker(&[
            "inspect",
            "--format",
            "{{.Id}} {{.State.StartedAt}} {{.State.Running}}",
            "keeper",
        ])
        .ok()
        .stdout
    }

    /// The real docker client's `docker version` over TLS to the host's
    /// port with the client files `(ca, cert, key)`.
    fn version(&self, (ca, cert, key): &Files, config: &Path) -> Run {
        run(Command::new("docker")
            .arg("--tlsverify")
            .arg(format!("--tlscacert={}", ca.display()))
            .arg(format!("--tlscert={}", cert.display()))
            .arg(format!("--tlskey={}", key.display()))
            .args([
                "-H",
                &format!("tcp://127.0.0.1:{}", self.port),
                "version",
                "--format",
                "{{.Server.Version}}",
            ])
            .env("DOCKER_CONFIG", config))
    }
}

/// A client's ca.pem, cert.pem and key.pem.
type Files = (PathBuf, PathBuf, PathBuf);

/// What alice holds once she has finished the phase before each phase
/// (old: her old bundle's folder, new: the rotation's): the files the host
/// must answer after that phase.
fn current_clients(old: &Path, new: &Path) -> [(&'static str, Files); 3] {
    let files = |ca: &Path, cert: &Path| {
        (
            ca.to_path_buf(),
            cert.join("cert.pem"),
            cert.join("key.pem"),
        )
    };
    [
        ("1", files(&old.join("ca.pem"), old)),
        ("2", files(&new.join("ca-both.pem"), old)),
        ("3", files(&new.join("ca-both.pem"), new)),
    ]
}

/// Runs `playbook` while serving the reload and restart requests of
/// `hosts` on their dockerds; `before(hosts, i)` is called before host i's
/// request is served, and says what is wrong then, if anything. The
/// requests served, in order (host, what), and what `before` said.
fn serve(
    hosts: &mut [Host],
    playbook: impl FnOnce() -> Run + Send + 'static,
    mut before: impl FnMut(&[Host], usize) -> Option<String>,
) -> (Run, Vec<(usize, String)>, Vec<String>) {
    let handle = std::thread::spawn(playbook);
    let mut done = Vec::new();
    let mut wrong = Vec::new();
    while !handle.is_finished() {
        for i in 0..hosts.len() {
            for what in ["reload", "restart"] {
                let ask = hosts[i].requests.join(what);
                if !ask.exists() {
                    continue;
                }
                fs::remove_file(&ask).unwrap();
                wrong.extend(before(hosts, i));
                let host = &mut hosts[i];
                match what {
                    "reload" => host.daemon.reload(),
                    _ => host.daemon.restart(),
                }
                fs::write(host.requests.join(format!("{what}.done")), "").unwrap();
                done.push((i, what.to_owned()));
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    (handle.join().unwrap(), done, wrong)
}

#[test]
fn three_phases_on_a_real_dockerd_keep_the_container_and_cut_off_the_dropped_client() {
    let work = new_dir("ar-dockerd");
    let port = free_port();
    bundles(work.path(), port, &["en"]);
    let w = work.path().to_path_buf();
    // The old host as its install.sh installed it, but without live-restore:
    // the playbook adds it and reloads dockerd before its first restart.
    let mut hosts = [Host::start(&Turn::take(), &w, HOST, port, &[])];
    let before = hosts[0].start_keeper(&busybox_tar(&w));

    let (old, new) = (w.join("old/client/alice"), w.join("rot-en/client/alice"));
    let bob = w.join("old/client/bob");
    let config = w.join("docker-config");
    let mut vars = hosts[0].vars();
    vars["dockcert_live_restore"] = true.into();
    let root = hosts[0].root.clone();
    for (phase, client) in current_clients(&old, &new) {
        let (top, root2, vars2) = (w.join("rot-en"), root.clone(), vars.clone());
        let started = Instant::now();
        let (out, done, _) = serve(
            &mut hosts,
            move || play(&top, &root2, phase, vars2),
            |_, _| None,
        );
        assert_eq!(out.status, 0, "phase {phase}:\n{}", out.all());
        let expected: &[&str] = if phase == "1" {
            &["reload", "restart"]
        } else {
            &["restart"]
        };
        let done: Vec<&str> = done.iter().map(|(_, what)| what.as_str()).collect();
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
        let answer = hosts[0].version(&client, &config);
        assert_eq!(answer.status, 0, "phase {phase}: alice:\n{}", answer.all());
        // Again: nothing changes, no restart.
        let (top, root2, vars2) = (w.join("rot-en"), root.clone(), vars.clone());
        let (again, done, _) = serve(
            &mut hosts,
            move || play(&top, &root2, phase, vars2),
            |_, _| None,
        );
        assert_eq!(changed(&again.ok(), HOST), 0);
        assert!(done.is_empty(), "{done:?}");
    }
    let refused = hosts[0].version(
        &(
            new.join("ca.pem"),
            bob.join("cert.pem"),
            bob.join("key.pem"),
        ),
        &config,
    );
    assert_ne!(refused.status, 0, "bob after phase 3:\n{}", refused.all());
    let old_alice = hosts[0].version(
        &(
            new.join("ca.pem"),
            old.join("cert.pem"),
            old.join("key.pem"),
        ),
        &config,
    );
    assert_ne!(old_alice.status, 0, "alice's old files after phase 3");
    assert_eq!(
        hosts[0].keeper(),
        before,
        "the container kept its ID and start time"
    );
}

/// `n` loopback ports free now, all different.
fn free_ports(n: usize) -> Vec<u16> {
    let mut ports: Vec<u16> = Vec::new();
    while ports.len() < n {
        let port = free_port();
        if !ports.contains(&port) {
            ports.push(port);
        }
    }
    ports
}

/// An inventory, read after the bundle's, that gives each host its own
/// variables; written in `work`.
fn hosts_inventory(work: &Path, hosts: impl IntoIterator<Item = (String, Value)>) -> PathBuf {
    let hosts: serde_json::Map<String, Value> = hosts.into_iter().collect();
    let path = work.join("hosts.yml");
    // JSON is YAML.
    fs::write(
        &path,
        json!({ "dockcert_hosts": { "hosts": hosts } }).to_string(),
    )
    .unwrap();
    path
}

#[test]
fn a_fleet_rotates_one_host_at_a_time_each_answering_before_the_next_starts() {
    let work = new_dir("ar-fleet");
    let w = work.path().to_path_buf();
    let ports = free_ports(3);
    let names = fleet_bundles(&w, &ports);
    let started = Instant::now();
    let turn = Turn::take();
    let mut hosts: Vec<Host> = names
        .iter()
        .zip(&ports)
        .map(|(name, port)| Host::start(&turn, &w, name, *port, &["--live-restore"]))
        .collect();
    eprintln!("three dockerds: {:?}", started.elapsed());
    let tar = busybox_tar(&w);
    let kept: Vec<String> = hosts.iter().map(|h| h.start_keeper(&tar)).collect();
    let inventory = hosts_inventory(&w, hosts.iter().map(|h| (h.name.clone(), h.vars())));
    let top = w.join("rot-en");
    let (old, new) = (w.join("old/client/alice"), top.join("client/alice"));
    // The client of the new CA the playbook's check presents: answered
    // after every phase.
    let new_client = (
        new.join("ca-both.pem"),
        new.join("cert.pem"),
        new.join("key.pem"),
    );
    let config = w.join("docker-config");
    let vars = json!({ "dockcert_serial": 1 });
    for (phase, client) in current_clients(&old, &new) {
        let files: Vec<[String; 3]> = hosts.iter().map(|h| installed(&h.root)).collect();
        let (top2, inventory2, vars2) = (top.clone(), inventory.clone(), vars.clone());
        let vars_file = w.join(format!("vars-{phase}.json"));
        let started = Instant::now();
        let (out, done, wrong) = serve(
            &mut hosts,
            move || {
                let tag = format!("phase{phase}");
                playbook(&top2, &[&inventory2], &["--tags", &tag], &vars2, &vars_file)
            },
            // When host i asks for its restart, its files are written: the
            // hosts before it have finished theirs and answer the new
            // client, those after it have not been touched.
            |hosts, i| {
                let mut wrong = Vec::new();
                for earlier in &hosts[..i] {
                    let answer = earlier.version(&new_client, &config);
                    if answer.status != 0 {
                        wrong.push(format!(
                            "{} before {}: {}",
                            earlier.name,
                            hosts[i].name,
                            answer.all()
                        ));
                    }
                }
                for (later, was) in hosts.iter().zip(&files).skip(i + 1) {
                    if &installed(&later.root) != was {
                        wrong.push(format!(
                            "{} changed before {} restarted",
                            later.name, hosts[i].name
                        ));
                    }
                }
                wrong.first().cloned().map(|_| wrong.join("\n"))
            },
        );
        eprintln!("phase {phase} on three hosts: {:?}", started.elapsed());
        assert_eq!(out.status, 0, "phase {phase}:\n{}", out.all());
        assert!(
            wrong.is_empty(),
            "phase {phase}: {wrong:#?}\n{}",
            out.stdout
        );
        let expected: Vec<(usize, String)> = (0..hosts.len())
            .map(|i| (i, "restart".to_owned()))
            .collect();
        assert_eq!(done, expected, "phase {phase}:\n{}", out.stdout);
        for host in &hosts {
            let name = &host.name;
            assert!(
                out.stdout.contains(&format!("ok: [{name} -> localhost]")),
                "phase {phase}: no TLS check of {name}:\n{}",
                out.stdout
            );
            let server = top.join(format!("server/{name}"));
            let ca = if phase == "3" {
                "ca.pem"
            } else {
                "ca-both.pem"
            };
            let (cert, key) = if phase == "1" {
                let old_server = w.join(format!("old/server/{name}"));
                (
                    sha256_of(&old_server.join("server-cert.pem")),
                    sha256_of(&old_server.join("server-key.pem")),
                )
            } else {
                (
                    sha256_of(&server.join("server-cert.pem")),
                    sha256_of(&server.join("server-key.pem")),
                )
            };
            assert_eq!(
                installed(&host.root),
                [sha256_of(&server.join(ca)), cert, key],
                "phase {phase}: {name}"
            );
            for files in [&client, &new_client] {
                let answer = host.version(files, &config);
                assert_eq!(
                    answer.status,
                    0,
                    "phase {phase}: {name}: {files:?}\n{}",
                    answer.all()
                );
            }
        }
    }
    let bob = w.join("old/client/bob");
    for (host, before) in hosts.iter().zip(&kept) {
        let refused = host.version(
            &(
                new.join("ca.pem"),
                bob.join("cert.pem"),
                bob.join("key.pem"),
            ),
            &config,
        );
        assert_ne!(refused.status, 0, "bob after phase 3 on {}", host.name);
        assert_eq!(
            &host.keeper(),
            before,
            "{}: the container kept its ID and start time",
            host.name
        );
    }
}

#[test]
fn a_host_that_fails_its_check_stops_the_rollout_before_the_next_batch() {
    let work = new_dir("ar-stop");
    let w = work.path().to_path_buf();
    let names = fleet_bundles(&w, &free_ports(3));
    let closed = free_port();
    let roots: Vec<PathBuf> = names.iter().map(|n| w.join(n).join("root")).collect();
    for (name, root) in names.iter().zip(&roots) {
        install_old(&w, name, root, &["--live-restore"]);
    }
    // The first host's check asks where nothing listens.
    let inventory = hosts_inventory(
        &w,
        names.iter().zip(&roots).map(|(name, root)| {
            (
                name.clone(),
                json!({
                    "dockcert_root": root,
                    "dockcert_check_url": format!("https://127.0.0.1:{closed}/version"),
                }),
            )
        }),
    );
    let before: Vec<[String; 3]> = roots.iter().map(|r| installed(r)).collect();
    let vars = json!({
        "dockcert_restart": false,
        "dockcert_check_seconds": 1,
        "dockcert_serial": 1,
        "dockcert_max_fail_percentage": 0,
    });
    let top = w.join("rot-en");
    let out = playbook(
        &top,
        &[&inventory],
        &["--tags", "phase1"],
        &vars,
        &w.join("vars.json"),
    );
    assert_ne!(out.status, 0, "{}", out.all());
    assert!(
        out.stdout.contains(&format!("{} did not answer", names[0])),
        "{}",
        out.stdout
    );
    // The first batch's host has its phase 1 files; the next batch never started.
    let both = sha256_of(&top.join(format!("server/{}/ca-both.pem", names[0])));
    assert_eq!(installed(&roots[0])[0], both);
    for ((name, root), was) in names.iter().zip(&roots).zip(&before).skip(1) {
        assert_eq!(&installed(root), was, "{name} was touched");
        assert!(
            !out.stdout.contains(&format!("[{name}]")),
            "{name} ran:\n{}",
            out.stdout
        );
    }
}
