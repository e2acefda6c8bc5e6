//! `dockcert rotate` on a real dockerd 20.10 with the real docker 28
//! client (issue 26): a host installed by the bundle's install.sh, three
//! clients (alice and carol kept, bob dropped), a container running from an
//! image `docker import`ed from a busybox rootfs; then each phase run as
//! the rotation's README.txt writes its steps, host and clients one step at
//! a time, every current client checked after every step. The container
//! must come through all three restarts with its ID and start time; bob's
//! certificate must be accepted until phase 3 and refused after it, as
//! must alice's old files.
//!
//! The host is a folder: install.sh runs with `--root`, and dockerd runs
//! as the bundle's drop-in starts it (`dockerd`, no flags, so
//! /etc/docker/daemon.json) in a private mount namespace whose /etc/docker
//! is that folder's (`Daemon::installed`). `systemctl reload docker` is
//! SIGHUP to dockerd, `systemctl restart docker` SIGTERM to dockerd alone
//! and a new start. Each client has a HOME of its own.

// Test code: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use dockcert_tests::dockerd::{busybox_tar, Daemon};
use dockcert_tests::host_check::{facts_of, promtool_accepts};
use dockcert_tests::{dockcert, free_port, new_dir, run, with_hosts, Run};

const HOST: &str = "h1.dockcert.test";
/// The clients the rotation keeps.
const KEPT: [&str; 2] = ["alice", "carol"];
const DROPPED: &str = "bob";
/// What docker says when one side refuses the other's certificate: the
/// client refusing the host's (x509) or dockerd refusing the client's (tls).
const REFUSED: [&str; 3] = ["x509:", "tls:", "bad certificate"];

/// The machines of the test: the old bundle, the rotation bundle, the
/// host's root folder and its dockerd, and each client's HOME.
struct World {
    // Declared first so it stops (and its containers go) before the folder does.
    daemon: Option<Daemon>,
    work: tempfile::TempDir,
    port: u16,
}

impl World {
    /// `dockcert new` for HOST and alice, bob and carol, listening on a
    /// free loopback port; the host installed by its install.sh (`extra`:
    /// the old README's flags that the test follows) and dockerd started;
    /// each client's install.sh and docker-context.sh run in its own HOME.
    fn new(install_flags: &[&str]) -> World {
        let work = new_dir("rt26-");
        let port = free_port();
        let listen = format!("127.0.0.1:{port}");
        let server = format!("{HOST},127.0.0.1");
        dockcert(
            work.path(),
            &[
                "new",
                "--server",
                &server,
                "--client",
                "alice",
                "--client",
                DROPPED,
                "--client",
                "carol",
                "--listen",
                &listen,
                "--no-passphrase",
                "--out",
                "old",
            ],
        )
        .ok();
        fs::write(
            work.path().join("hosts"),
            format!("127.0.0.1 localhost\n127.0.0.1 {HOST}\n"),
        )
        .unwrap();
        let mut world = World {
            daemon: None,
            work,
            port,
        };
        let mut args = vec!["--root", "host-root"];
        args.extend_from_slice(install_flags);
        let installed = run(
            Command::new(world.path(&format!("old/server/{HOST}/install.sh")))
                .args(&args)
                .current_dir(world.path("")),
        );
        assert_eq!(installed.status, 0, "{}", installed.all());
        // The drop-in starts dockerd with no flags: what Daemon::installed runs.
        let drop_in = fs::read_to_string(
            world.path("host-root/etc/systemd/system/docker.service.d/dockcert.conf"),
        )
        .unwrap();
        let exec_start = drop_in
            .lines()
            .filter_map(|l| l.strip_prefix("ExecStart="))
            .next_back();
        assert!(
            exec_start.is_some_and(|c| c.ends_with("/dockerd") && !c.contains(' ')),
            "{drop_in}"
        );
        world.daemon = Some(Daemon::installed(
            &world.path("host-root/etc/docker"),
            world.work.path(),
        ));
        for client in ["alice", DROPPED, "carol"] {
            fs::create_dir(world.home(client)).unwrap();
            let dir = world.path(&format!("old/client/{client}"));
            world
                .as_client(client, &dir, "./install.sh && ./docker-context.sh")
                .ok();
        }
        world
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.work.path().join(rel)
    }

    fn home(&self, client: &str) -> PathBuf {
        self.path(&format!("home-{client}"))
    }

    fn daemon(&mut self) -> &mut Daemon {
        self.daemon.as_mut().unwrap()
    }

    /// `sh -c SCRIPT` in `dir` as `client`: its HOME, no DOCKER_* settings,
    /// HOST resolving to 127.0.0.1.
    fn as_client(&self, client: &str, dir: &Path, script: &str) -> Run {
        let mut cmd = with_hosts(&self.path("hosts"), "sh", &["-c", script]);
        for var in [
            "DOCKER_HOST",
            "DOCKER_TLS_VERIFY",
            "DOCKER_CERT_PATH",
            "DOCKER_CONTEXT",
            "DOCKER_TLS",
            "DOCKER_CONFIG",
        ] {
            cmd.env_remove(var);
        }
        run(cmd.env("HOME", self.home(client)).current_dir(dir))
    }

    /// docker on the host itself, as root, over daemon.json's unix socket.
    fn on_host(&self, args: &[&str]) -> Run {
        let socket = format!("unix://{}", self.path("run/docker.sock").display());
        run(Command::new("docker").arg("-H").arg(socket).args(args))
    }

    /// `docker version` and `docker ps` as `client` both ways its bundle
    /// gives (the context docker-context.sh made and install.sh updates;
    /// docker.env over the installed files) must be answered by dockerd.
    fn assert_accepted(&self, client: &str, when: &str) {
        let dir = self.path(&format!("old/client/{client}"));
        let script = format!(
            "docker --context {HOST} version --format '{{{{.Server.Version}}}}' && \
             docker --context {HOST} ps --format '{{{{.Names}}}}' && \
             . ./docker.env && docker version --format '{{{{.Server.Version}}}}' && \
             docker ps --format '{{{{.Names}}}}'"
        );
        let out = self.as_client(client, &dir, &script);
        assert!(
            out.status == 0 && out.stdout.matches("keeper").count() == 2,
            "{when}: {client} was not answered:\n{}",
            out.all()
        );
    }

    fn assert_current_clients_accepted(&self, when: &str) {
        for client in KEPT {
            self.assert_accepted(client, when);
        }
    }

    /// `docker version` as `client` with `cert` and `key`, trusting `ca`
    /// (`--tlsverify`), or, with `check_host` false, not checking the
    /// host's certificate at all (`--tls`: docker still reads `ca`).
    fn version_with(
        &self,
        client: &str,
        (ca, check_host): (&Path, bool),
        cert: &Path,
        key: &Path,
    ) -> Run {
        let script = format!(
            "docker {} --tlscacert={} --tlscert={} --tlskey={} -H tcp://{HOST}:{} version --format '{{{{.Server.Version}}}}'",
            if check_host { "--tlsverify" } else { "--tls" },
            ca.display(),
            cert.display(),
            key.display(),
            self.port
        );
        self.as_client(client, self.work.path(), &script)
    }

    /// The dropped client's certificate, presented without checking the
    /// host's (a dropped client need not trust anything to try).
    fn bob_untrusting(&self) -> Run {
        let dir = self.path(&format!("old/client/{DROPPED}"));
        self.version_with(
            DROPPED,
            (&dir.join("ca.pem"), false),
            &dir.join("cert.pem"),
            &dir.join("key.pem"),
        )
    }

    /// Asserts that `attempt` failed with docker's words for a refused
    /// certificate, and, when dockerd is the one refusing, that its log
    /// has a TLS handshake error for it (TLS 1.3 may let the client see
    /// only a reset before dockerd's alert).
    fn assert_refused(&mut self, attempt: impl FnOnce(&World) -> Run, by_dockerd: bool, why: &str) {
        let errors = |w: &mut World| w.daemon().log_text().matches("TLS handshake error").count();
        let before = errors(self);
        let out = attempt(self);
        let said = out.all();
        assert_ne!(out.status, 0, "{why}: accepted:\n{said}");
        let worded = REFUSED.iter().any(|w| said.contains(w));
        let raced = ["connection reset by peer", ": EOF"]
            .iter()
            .any(|w| said.contains(w));
        assert!(
            worded || (by_dockerd && raced),
            "{why}: not a refusal of a certificate:\n{said}"
        );
        if by_dockerd {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
            while errors(self) <= before {
                assert!(
                    std::time::Instant::now() < deadline,
                    "{why}: dockerd logged no TLS handshake error\n{said}"
                );
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
    }

    /// A busybox image made by `docker import` and a container of it
    /// running `sleep`; its ID and start time.
    fn start_container(&self, name: &str) -> (String, String) {
        if !self.path("rootfs").exists() {
            let tar = busybox_tar(self.work.path());
            let dir = self.path("old/client/alice");
            let script = format!(
                "docker --context {HOST} import {} dockcert-test/busybox:1",
                tar.display()
            );
            self.as_client("alice", &dir, &script).ok();
        }
        let dir = self.path("old/client/alice");
        let script = format!(
            "docker --context {HOST} run -d --name {name} --network none dockcert-test/busybox:1 /bin/sleep 100000"
        );
        self.as_client("alice", &dir, &script).ok();
        self.state_of(name)
    }

    /// The container's ID and `State.StartedAt`, asserting it runs.
    fn state_of(&self, name: &str) -> (String, String) {
        self.daemon.as_ref().unwrap().running(name)
    }

    /// `dockcert rotate --drop bob` of the old bundle, into `rot`.
    fn rotate(&self, lang: &str) {
        dockcert(
            self.work.path(),
            &[
                "rotate",
                "--ca-cert",
                "old/ca/ca.pem",
                "--ca-key",
                "old/ca/ca-key.pem",
                "--from",
                "old",
                "--drop",
                DROPPED,
                "--no-new-passphrase",
                "--lang",
                lang,
                "--out",
                &format!("rot-{lang}"),
            ],
        )
        .ok();
    }

    /// The host's steps of phase `n` as README.txt writes them (`steps`),
    /// each run as it would be on a host with systemd; `after` is called
    /// after each one.
    fn host_phase(
        &mut self,
        n: u32,
        steps: &[String],
        extra: &[&str],
        after: &mut dyn FnMut(&mut World, &str),
    ) {
        for step in steps {
            let step = step.replace("--phase N", &format!("--phase {n}"));
            match step.as_str() {
                s if s == format!("sudo ./install.sh --phase {n}") => {
                    // The expiry check the phase runs logs to no syslog of
                    // the machine's, and writes its metric under the root.
                    let out = run(Command::new("./install.sh")
                        .args(["--phase", &n.to_string(), "--root"])
                        .arg(self.path("host-root"))
                        .args(extra)
                        .env("DOCKCERT_LOG_SOCKET", self.path("no-syslog.sock"))
                        .env("DOCKCERT_TEXTFILE_DIR", TEXTFILE_DIR)
                        .current_dir(self.path(&format!("rot-en/server/{HOST}"))));
                    assert_eq!(out.status, 0, "phase {n} on the host:\n{}", out.all());
                    if self
                        .path("host-root/etc/dockcert/certificates.tsv")
                        .exists()
                    {
                        assert!(
                            out.stdout.contains("The expiry check (/")
                                && out.stdout.contains("none ends within 30 days"),
                            "{}",
                            out.all()
                        );
                    }
                }
                "systemctl reload docker" => self.daemon().reload(),
                "docker info --format '{{.LiveRestoreEnabled}}'" => {
                    let out = self
                        .on_host(&["info", "--format", "{{.LiveRestoreEnabled}}"])
                        .ok();
                    assert_eq!(
                        out.stdout.trim(),
                        "true",
                        "phase {n}: README.txt says it must print true"
                    );
                }
                "systemctl restart docker" => self.daemon().restart(),
                other => panic!("README.txt has a host step this test cannot run: {other}"),
            }
            after(self, &format!("phase {n}, host: {step}"));
        }
    }

    /// A client's steps of phase `n` as README.txt writes them.
    fn client_phase(&self, n: u32, client: &str, steps: &[String]) {
        for step in steps {
            let step = step.replace("--phase N", &format!("--phase {n}"));
            assert_eq!(
                step,
                format!("./install.sh --phase {n}"),
                "a client step this test cannot run"
            );
            let dir = self.path(&format!("rot-en/client/{client}"));
            let out = self.as_client(client, &dir, &step);
            assert_eq!(out.status, 0, "phase {n} for {client}:\n{}", out.all());
            assert!(
                out.stdout
                    .contains(&format!("updated    docker context {HOST}")),
                "{}",
                out.all()
            );
        }
    }
}

/// Where the host's expiry check writes its metric, under the host's root.
const TEXTFILE_DIR: &str = "/var/lib/dockcert-textfile";

impl World {
    /// After the host's phase `n`: the expiry check's data lists exactly
    /// the certificates installed, as sha256sum and openssl read them (in
    /// phases 1 and 2, ca.pem's two CAs), and the check the phase ran wrote
    /// a metric that promtool accepts, with the new CA's serial (and from
    /// phase 2 the new server certificate's).
    fn assert_check_data(&self, n: u32) {
        let root = self.path("host-root");
        let tsv = fs::read_to_string(root.join("etc/dockcert/certificates.tsv")).unwrap();
        let rows: Vec<(String, [String; 4])> = tsv
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                assert_eq!(f.len(), 7, "{tsv}");
                (f[0].to_owned(), [f[1], f[2], f[5], f[6]].map(str::to_owned))
            })
            .collect();
        let mut paths: Vec<&str> = rows.iter().map(|(p, _)| p.as_str()).collect();
        paths.dedup();
        assert_eq!(
            paths,
            ["/etc/docker/ca.pem", "/etc/docker/server-cert.pem"],
            "phase {n}: the rows in place of the old ones:\n{tsv}"
        );
        for path in paths {
            let listed: Vec<[String; 4]> = rows
                .iter()
                .filter(|(p, _)| p == path)
                .map(|(_, f)| f.clone())
                .collect();
            let file = root.join(path.trim_start_matches('/'));
            assert_eq!(listed, facts_of(&file), "phase {n}: {path}:\n{tsv}");
        }
        let cas = rows.iter().filter(|(p, _)| p.ends_with("/ca.pem")).count();
        assert_eq!(cas, if n < 3 { 2 } else { 1 }, "phase {n}:\n{tsv}");

        let metric = root
            .join(TEXTFILE_DIR.trim_start_matches('/'))
            .join("dockcert.prom");
        let metric = fs::read_to_string(metric).unwrap();
        promtool_accepts(&metric);
        let mut new = vec![self.path("rot-en/ca/ca.pem")];
        if n >= 2 {
            new.push(self.path(&format!("rot-en/server/{HOST}/server-cert.pem")));
        }
        for cert in new {
            let serial = &facts_of(&cert)[0][2];
            assert!(
                metric.contains(&format!("serial=\"{serial}\"")),
                "phase {n}: {}:\n{metric}",
                cert.display()
            );
        }
    }
}

/// The indented command lines of README.txt from the line `heading` (THE
/// THREE PHASES) on, in blocks (the host's steps, then the client's, then
/// any later section's), each without what follows it after two spaces (a
/// note such as "(must print true)").
fn phase_steps(readme: &str, heading: &str) -> Vec<Vec<String>> {
    let mut blocks: Vec<Vec<String>> = Vec::new();
    let mut open = false;
    for line in readme.lines().skip_while(|l| l.trim() != heading) {
        match line.strip_prefix("    ") {
            Some(command) if !command.starts_with(' ') => {
                let command = command.split("  ").next().unwrap().trim().to_owned();
                if !open {
                    blocks.push(Vec::new());
                }
                blocks.last_mut().unwrap().push(command);
                open = true;
            }
            _ => open = open && !line.trim().is_empty(),
        }
    }
    assert!(
        blocks.len() >= 2,
        "README.txt: no host and client steps after {heading}:\n{readme}"
    );
    blocks
}

#[test]
fn a_rotation_keeps_every_current_client_and_the_container_and_cuts_off_the_dropped() {
    let mut world = World::new(&["--live-restore", "--expiry-check"]);
    let textfile = world
        .path("host-root")
        .join(TEXTFILE_DIR.trim_start_matches('/'));
    fs::create_dir_all(&textfile).unwrap();
    let (id, started) = world.start_container("keeper");
    world.assert_current_clients_accepted("before the rotation");
    world.assert_accepted(DROPPED, "before the rotation");

    world.rotate("en");
    world.rotate("zh");
    let readme = fs::read_to_string(world.path("rot-en/README.txt")).unwrap();
    let steps = phase_steps(&readme, "THE THREE PHASES");
    let (host_steps, client_steps) = (steps[0].clone(), steps[1].clone());
    // The Chinese README has the same steps, word for word.
    let zh = fs::read_to_string(world.path("rot-zh/README.txt")).unwrap();
    assert_eq!(phase_steps(&zh, "三个阶段"), steps, "{zh}");

    // Phase 1: alice, the host, carol; phase 2: carol, the host, alice
    // (any order, host by host); phase 3: alice, the host, carol.
    let orders = [
        ["alice", "", "carol"],
        ["carol", "", "alice"],
        ["alice", "", "carol"],
    ];
    let mut host_dropped_the_old_ca = false;
    for (n, order) in (1..=3).zip(orders) {
        for who in order {
            if who.is_empty() {
                // The metric the phase's run of the expiry check writes.
                let _ = fs::remove_file(textfile.join("dockcert.prom"));
                world.host_phase(n, &host_steps, &[], &mut |w, when| {
                    w.assert_current_clients_accepted(when);
                });
                world.assert_check_data(n);
            } else {
                world.client_phase(n, who, &client_steps);
                world.assert_current_clients_accepted(&format!("phase {n}, {who}"));
            }
            // Until phase 3 is done on the host, dockerd takes bob's certificate.
            host_dropped_the_old_ca |= n == 3 && who.is_empty();
            if !host_dropped_the_old_ca {
                let bob = world.bob_untrusting();
                assert_eq!(
                    bob.status,
                    0,
                    "phase {n}: bob refused before phase 3:\n{}",
                    bob.all()
                );
            }
        }
        let bob_dir = world.path(&format!("old/client/{DROPPED}"));
        if n == 1 {
            // Bob's own docker.env too, while the host still serves its old certificate.
            world.assert_accepted(DROPPED, "after phase 1");
        } else {
            // From phase 2 the host's certificate is the new CA's: bob's
            // client, trusting the old CA alone, refuses it.
            let out = world.as_client(DROPPED, &bob_dir, ". ./docker.env && docker version");
            assert!(
                out.status != 0
                    && out
                        .all()
                        .contains("x509: certificate signed by unknown authority"),
                "{}",
                out.all()
            );
        }
    }

    // After phase 3: bob's certificate and alice's old files are refused.
    world.assert_refused(|w| w.bob_untrusting(), true, "bob after phase 3");
    let old_alice = world.path("old/client/alice");
    let (cert, key) = (old_alice.join("cert.pem"), old_alice.join("key.pem"));
    let both = world.path("rot-en/client/alice/ca-both.pem");
    world.assert_refused(
        |w| w.version_with("alice", (&both, true), &cert, &key),
        true,
        "alice's old certificate after phase 3",
    );
    let old_ca = old_alice.join("ca.pem");
    world.assert_refused(
        |w| w.version_with("alice", (&old_ca, true), &cert, &key),
        false,
        "alice's old ca.pem after phase 3",
    );
    world.assert_current_clients_accepted("after phase 3");

    // The container came through three restarts: same ID, same start.
    assert_eq!(world.state_of("keeper"), (id, started));
}

/// install.sh --phase N says dockerd takes live-restore on a reload: a host
/// installed without it, a container running; phase 1 refuses without
/// --live-restore, merges it with it; reload, check, restart: the container
/// is still running, with its start time. Without the reload the restart
/// stops a container (the control: the reload is what keeps it).
#[test]
fn live_restore_turned_on_by_a_reload_keeps_the_container_through_the_restart() {
    let mut world = World::new(&[]);
    let before = world
        .on_host(&["info", "--format", "{{.LiveRestoreEnabled}}"])
        .ok();
    assert_eq!(before.stdout.trim(), "false");
    world.start_container("stopped-by-restart");
    world.daemon().restart();
    let out = world
        .on_host(&[
            "inspect",
            "--format",
            "{{.State.Running}}",
            "stopped-by-restart",
        ])
        .ok();
    assert_eq!(
        out.stdout.trim(),
        "false",
        "a restart without live-restore keeps containers?"
    );

    let kept = world.start_container("keeper");
    world.rotate("en");
    let host = world.path(&format!("rot-en/server/{HOST}"));
    let refused = run(Command::new("./install.sh")
        .args(["--phase", "1", "--root"])
        .arg(world.path("host-root"))
        .current_dir(&host));
    assert!(
        refused.status != 0
            && refused
                .stderr
                .contains("does not set \"live-restore\": true"),
        "{}",
        refused.all()
    );
    let readme = fs::read_to_string(world.path("rot-en/README.txt")).unwrap();
    let steps = phase_steps(&readme, "THE THREE PHASES");
    world.host_phase(1, &steps[0], &["--live-restore"], &mut |_, _| {});
    assert_eq!(world.state_of("keeper"), kept);
    world.assert_current_clients_accepted("after the restart");
}

/// A host whose daemon.json turns live-restore off: phase 1 with
/// --live-restore names the setting and both values, and installs nothing;
/// with --force it takes dockcert's value.
#[test]
fn a_host_that_turned_live_restore_off_is_told_what_it_set() {
    let work = new_dir("rt26-");
    let server = format!("{HOST},127.0.0.1");
    let at = |rel: &str| work.path().join(rel);
    dockcert(
        work.path(),
        &[
            "new",
            "--server",
            &server,
            "--client",
            "alice",
            "--no-passphrase",
            "--out",
            "old",
        ],
    )
    .ok();
    run(Command::new(at(&format!("old/server/{HOST}/install.sh")))
        .args(["--root", "host-root"])
        .current_dir(work.path()))
    .ok();
    dockcert(
        work.path(),
        &[
            "rotate",
            "--ca-cert",
            "old/ca/ca.pem",
            "--ca-key",
            "old/ca/ca-key.pem",
            "--from",
            "old",
            "--no-new-passphrase",
            "--out",
            "rot",
        ],
    )
    .ok();
    let daemon_json = at("host-root/etc/docker/daemon.json");
    let theirs =
        fs::read_to_string(&daemon_json)
            .unwrap()
            .replacen('{', "{\n  \"live-restore\": false,", 1);
    fs::write(&daemon_json, &theirs).unwrap();
    let phase_1 = |extra: &[&str]| {
        run(Command::new("./install.sh")
            .args(["--phase", "1", "--live-restore", "--root"])
            .arg(at("host-root"))
            .args(extra)
            .current_dir(at(&format!("rot/server/{HOST}"))))
    };
    let refused = phase_1(&[]);
    assert!(
        refused.status != 0
            && refused
                .stderr
                .contains("sets \"live-restore\" to false; dockcert sets it to true"),
        "{}",
        refused.all()
    );
    assert_eq!(fs::read_to_string(&daemon_json).unwrap(), theirs);
    phase_1(&["--force"]).ok();
    let merged: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&daemon_json).unwrap()).unwrap();
    assert_eq!(merged["live-restore"], true);
}

/// rotate's own words: the summary says a rotation bundle was made; a
/// new-passphrase problem names rotate's flag; --layout dind is refused,
/// naming the flag, with nothing written.
#[test]
fn rotate_names_what_it_made_and_its_own_flags() {
    let work = new_dir("rt26-");
    dockcert(
        work.path(),
        &[
            "new",
            "--server",
            HOST,
            "--client",
            "alice",
            "--no-passphrase",
            "--out",
            "old",
        ],
    )
    .ok();
    let rotate = |extra: &[&str]| {
        let mut args = vec![
            "rotate",
            "--ca-cert",
            "old/ca/ca.pem",
            "--ca-key",
            "old/ca/ca-key.pem",
            "--from",
            "old",
            "--out",
            "rot",
        ];
        args.extend_from_slice(extra);
        dockcert(work.path(), &args)
    };
    let dind = rotate(&["--layout", "dind", "--no-new-passphrase"]);
    assert!(
        dind.status == 2 && dind.stderr.contains("--layout dind: a rotation bundle"),
        "{}",
        dind.all()
    );
    let unset = rotate(&["--new-passphrase-env", "DOCKCERT_TEST_UNSET_26"]);
    assert!(
        unset.status == 2
            && unset
                .stderr
                .contains("--new-passphrase-env \"DOCKCERT_TEST_UNSET_26\""),
        "{}",
        unset.all()
    );
    let no_terminal = rotate(&[]);
    assert!(
        no_terminal.status == 2
            && no_terminal.stderr.contains(
                "give --new-passphrase-file FILE or --new-passphrase-env VAR, or --no-new-passphrase"
            ),
        "{}",
        no_terminal.all()
    );
    assert!(
        !work.path().join("rot").exists(),
        "a refused rotate wrote rot"
    );
    let made = rotate(&["--no-new-passphrase"]).ok();
    assert!(
        made.stderr.lines().any(|l| l.starts_with(
            "Made a CA rotation bundle (ecdsa-p256 keys): 1 host, 1 client, in the folder"
        )),
        "{}",
        made.all()
    );
}
