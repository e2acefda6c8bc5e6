//! A real dockerd for one test: its own data-root, exec-root, pidfile and
//! unix socket in a temporary folder, loopback TCP only, no iptables, no
//! bridge, the vfs storage driver. One runs at a time (they share the
//! machine's two cores and containerd's start-up); a dockerd that does not
//! come up fails the test with its log.

use std::fs;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::{require_tool, run};

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// How long dockerd may take to answer on its unix socket.
const START_TIMEOUT: Duration = Duration::from_secs(90);

/// A running dockerd, stopped on drop.
pub struct Daemon {
    child: Child,
    /// The unix socket it serves (for the test's own checks).
    pub socket: PathBuf,
    log: PathBuf,
    work: PathBuf,
    _turn: MutexGuard<'static, ()>,
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

    fn start(args: Vec<String>, socket: &Path, work: &Path) -> Daemon {
        let turn = ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let dockerd = require_tool("dockerd");
        require_tool("docker");
        let log = work.join("dockerd.log");
        let log_file = fs::File::create(&log).unwrap();
        let child = Command::new(dockerd)
            .args(&args)
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            .process_group(0)
            .spawn()
            .expect("dockerd could not be started (the tests must run as root)");
        let mut daemon = Daemon {
            child,
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
}

impl Drop for Daemon {
    fn drop(&mut self) {
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
