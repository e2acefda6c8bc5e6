//! A real dockerd for one test: its own data-root, exec-root, pidfile and
//! unix socket in a temporary folder, loopback TCP only, no iptables, no
//! bridge, the vfs storage driver. One test's run at a time (they share the
//! machine's two cores and containerd's start-up): one dockerd, or a fleet's
//! several started under one [`Turn`]; a dockerd that does not
//! come up fails the test with its log. It can be reloaded (SIGHUP) and
//! restarted (SIGTERM to dockerd alone, then started again as before), as
//! `systemctl reload docker` and `systemctl restart docker` do; containers
//! it leaves running (live-restore) are removed when it is dropped.

use std::fs;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::rc::Rc;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::{require_tool, run};

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// One test's turn to run dockerds: the others wait until every dockerd
/// started under it is dropped. A test with a fleet takes it once and
/// starts each host's dockerd with it ([`Daemon::installed_in`]).
#[derive(Clone)]
pub struct Turn {
    _held: Rc<MutexGuard<'static, ()>>,
}

impl Turn {
    /// Waits for the turn.
    pub fn take() -> Turn {
        let held = ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        Turn {
            _held: Rc::new(held),
        }
    }
}

/// How long dockerd may take to answer on its unix socket.
const START_TIMEOUT: Duration = Duration::from_secs(90);

/// A running dockerd, stopped on drop.
pub struct Daemon {
    child: Child,
    /// The program and arguments it was started with, to start it again.
    command: (PathBuf, Vec<String>),
    /// The unix socket it serves (for the test's own checks).
    pub socket: PathBuf,
    log: PathBuf,
    work: PathBuf,
    _turn: Turn,
}

/// The flags every test dockerd gets besides its TLS settings: everything
/// that would touch the machine is moved into `work` or switched off.
fn isolation_flags(work: &Path) -> Vec<String> {
    vec![
        format!("--data-root={}", work.join("data").display()),
        format!("--exec-root={}", work.join("exec").display()),
        format!("--pidfile={}", work.join("docker.pid").display()),
        "--iptables=false".into(),
        "--ip6tables=false".into(),
        "--bridge=none".into(),
        "--storage-driver=vfs".into(),
    ]
}

impl Daemon {
    /// Starts dockerd with `--config-file config` (a bundle's daemon.json,
    /// whose unix socket the test has moved into `work`).
    pub fn with_config(config: &Path, socket: &Path, work: &Path) -> Daemon {
        let mut args = vec![format!("--config-file={}", config.display())];
        args.extend(isolation_flags(work));
        Daemon::start(args, socket, work)
    }

    /// Starts dockerd with the given TLS and `-H` flags (a bundle's
    /// dockerd-flags.txt) and an empty configuration file.
    pub fn with_flags(flags: &[String], socket: &Path, work: &Path) -> Daemon {
        let empty = work.join("empty-daemon.json");
        fs::write(&empty, "{}\n").unwrap();
        let mut args = vec![format!("--config-file={}", empty.display())];
        args.extend(flags.iter().cloned());
        args.extend(isolation_flags(work));
        Daemon::start(args, socket, work)
    }

    /// Starts dockerd as a host's installed service starts it: the
    /// bundle's systemd drop-in runs `dockerd` with no flags, so it reads
    /// /etc/docker/daemon.json, and here only the isolation flags are
    /// added. It runs in a private mount namespace where /etc/docker is
    /// `etc_docker` (what install.sh --root wrote) and /run is `WORK/run`:
    /// daemon.json's paths hold as written, and its
    /// unix:///var/run/docker.sock is `WORK/run/docker.sock` here.
    pub fn installed(etc_docker: &Path, work: &Path) -> Daemon {
        Daemon::installed_in(&Turn::take(), etc_docker, work)
    }

    /// [`Daemon::installed`] under `turn`, which the test already holds:
    /// one of a fleet's hosts, each with its own `work` folder.
    pub fn installed_in(turn: &Turn, etc_docker: &Path, work: &Path) -> Daemon {
        require_tool("unshare");
        let run_dir = work.join("run");
        fs::create_dir_all(&run_dir).unwrap();
        let mut args: Vec<String> = [
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            "mount --bind \"$0\" /etc/docker && mount --bind \"$1\" /run && shift && exec \"$@\"",
        ]
        .map(String::from)
        .into();
        args.push(etc_docker.to_string_lossy().into_owned());
        args.push(run_dir.to_string_lossy().into_owned());
        args.push(require_tool("dockerd").to_string_lossy().into_owned());
        args.push("--config-file=/etc/docker/daemon.json".into());
        args.extend(isolation_flags(work));
        Daemon::spawn_and_wait(
            turn.clone(),
            (require_tool("unshare"), args),
            &run_dir.join("docker.sock"),
            work,
        )
    }

    fn start(args: Vec<String>, socket: &Path, work: &Path) -> Daemon {
        Daemon::spawn_and_wait(Turn::take(), (require_tool("dockerd"), args), socket, work)
    }

    fn spawn_and_wait(
        turn: Turn,
        command: (PathBuf, Vec<String>),
        socket: &Path,
        work: &Path,
    ) -> Daemon {
        require_tool("docker");
        let log = work.join("dockerd.log");
        let child = spawn(&command, &log);
        let mut daemon = Daemon {
            child,
            command,
            socket: socket.to_path_buf(),
            log,
            work: work.to_path_buf(),
            _turn: turn,
        };
        daemon.wait_until_ready();
        daemon
    }

    fn wait_until_ready(&mut self) {
        let started = Instant::now();
        let host = format!("unix://{}", self.socket.display());
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "dockerd exited ({status}) before it was ready; its log:\n{}",
                    self.log_text()
                );
            }
            if self.socket.exists() {
                let probe = run(Command::new("docker").args([
                    "-H",
                    &host,
                    "version",
                    "--format",
                    "{{.Server.Version}}",
                ]));
                if probe.status == 0 {
                    return;
                }
            }
            if started.elapsed() > START_TIMEOUT {
                panic!(
                    "dockerd did not answer on {host} within {START_TIMEOUT:?}; its log:\n{}",
                    self.log_text()
                );
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// dockerd's log so far.
    pub fn log_text(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// `systemctl reload docker`: SIGHUP to dockerd, which reads its
    /// configuration file again; returns once its log says it did.
    pub fn reload(&mut self) {
        let done = |log: &str| {
            log.matches("Reloaded configuration").count()
                + log.matches("Error reconfiguring the daemon").count()
        };
        let before = done(&self.log_text());
        signal("-HUP", self.child.id());
        let started = Instant::now();
        while done(&self.log_text()) <= before {
            assert!(
                started.elapsed() < START_TIMEOUT,
                "dockerd did not reload within {START_TIMEOUT:?}; its log:\n{}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// `systemctl restart docker`: SIGTERM to dockerd alone (containerd's
    /// shims and the containers are not its process group's to kill), wait
    /// until it has exited, start it again as it was started, with its work
    /// folder (data-root, mounts) as it left it; returns once it answers.
    pub fn restart(&mut self) {
        signal("-TERM", self.child.id());
        // dockerd waits up to its shutdown-timeout (15 s) for containers it stops.
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "dockerd did not stop within 60 s of SIGTERM; its log:\n{}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        self.child = spawn(&self.command, &self.log);
        self.wait_until_ready();
    }

    /// Removes every container, while dockerd still answers: a dockerd
    /// with live-restore leaves them running when it stops.
    fn remove_containers(&self) {
        let host = format!("unix://{}", self.socket.display());
        let listed = run(Command::new("docker").args(["-H", &host, "ps", "-aq"]));
        let ids: Vec<&str> = listed.stdout.split_whitespace().collect();
        if listed.status == 0 && !ids.is_empty() {
            let _ = run(Command::new("docker")
                .args(["-H", &host, "rm", "-f"])
                .args(&ids));
        }
    }
}

/// A busybox root folder (`sleep` in it) as a tar for `docker import`,
/// made in `work`.
pub fn busybox_tar(work: &Path) -> PathBuf {
    let rootfs = work.join("rootfs");
    fs::create_dir_all(rootfs.join("bin")).unwrap();
    fs::copy(require_tool("busybox"), rootfs.join("bin/busybox")).unwrap();
    std::os::unix::fs::symlink("busybox", rootfs.join("bin/sleep")).unwrap();
    let tar = work.join("rootfs.tar");
    run(Command::new("tar")
        .arg("-C")
        .arg(&rootfs)
        .arg("-cf")
        .arg(&tar)
        .arg("."))
    .ok();
    tar
}

/// Starts `command` in a process group of its own, its output appended to `log`.
fn spawn(command: &(PathBuf, Vec<String>), log: &Path) -> Child {
    let log_file = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .unwrap();
    Command::new(&command.0)
        .args(&command.1)
        .stdin(Stdio::null())
        .stdout(log_file.try_clone().unwrap())
        .stderr(log_file)
        .process_group(0)
        .spawn()
        .expect("dockerd could not be started (the tests must run as root)")
}

fn signal(which: &str, pid: u32) {
    let _ = Command::new("kill")
        .args([which, &pid.to_string()])
        .status();
}

/// The processes whose command line names `folder` (containerd's shims,
/// which are in process groups of their own), and their children (the
/// containers' first processes).
fn left_in(folder: &str) -> Vec<u32> {
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    let mut parents = Vec::new();
    let mut all = Vec::new();
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let cmdline = fs::read(entry.path().join("cmdline")).unwrap_or_default();
        let stat = fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        // The parent's pid is the second field after the command in brackets.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if String::from_utf8_lossy(&cmdline).contains(folder) && pid != std::process::id() {
            parents.push(pid);
        }
        all.push((pid, ppid));
    }
    let children = all
        .iter()
        .filter(|(_, ppid)| ppid.is_some_and(|p| parents.contains(&p)))
        .map(|(pid, _)| *pid);
    parents.iter().copied().chain(children).collect()
}

impl Drop for Daemon {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.remove_containers();
        }
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut stopped = false;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                stopped = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        if !stopped {
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
            let _ = self.child.wait();
        }
        // Whatever outlived dockerd: a shim, a container (a test that
        // failed before its dockerd could remove them).
        let work = self.work.join("exec").to_string_lossy().into_owned();
        for pid in left_in(&work) {
            signal("-KILL", pid);
        }
        // dockerd bind-mounts its data-root onto itself and leaves it mounted;
        // undo that so the temporary folder can be removed.
        let mounts = fs::read_to_string("/proc/self/mounts").unwrap_or_default();
        let work = self.work.to_string_lossy().into_owned();
        let mut ours: Vec<&str> = mounts
            .lines()
            .filter_map(|l| l.split(' ').nth(1))
            .filter(|m| m.starts_with(&work))
            .collect();
        ours.sort_by_key(|m| std::cmp::Reverse(m.len()));
        for mount_point in ours {
            let _ = Command::new("umount").args(["-l", mount_point]).status();
        }
    }
}
