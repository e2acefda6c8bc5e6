//! A container on a test's dockerd, asked over its unix socket as root on
//! the host would: a busybox image made by `docker import` and a container
//! of it running `sleep`, its ID and start time (what must come through a
//! restart unchanged when live-restore is on), and whether the running
//! dockerd has live-restore on.

use std::path::Path;
use std::process::Command;

use crate::dockerd::{busybox_tar, Daemon};
use crate::{run, Run};

/// The image [`Daemon::start_sleeper`] imports.
const IMAGE: &str = "dockcert-test/busybox:1";

impl Daemon {
    /// `docker ARGS` over this dockerd's unix socket.
    pub fn docker(&self, args: &[&str]) -> Run {
        let host = format!("unix://{}", self.socket.display());
        run(Command::new("docker").arg("-H").arg(host).args(args))
    }

    /// What `docker info` says of live-restore in the running dockerd
    /// (not what its daemon.json says).
    pub fn live_restore_enabled(&self) -> bool {
        let out = self
            .docker(&["info", "--format", "{{.LiveRestoreEnabled}}"])
            .ok();
        match out.stdout.trim() {
            "true" => true,
            "false" => false,
            other => panic!("docker info said {other:?} of LiveRestoreEnabled"),
        }
    }

    /// A container `name` running `sleep`, from a busybox image imported
    /// from a rootfs tar made in `work` (once per dockerd); its ID and
    /// `State.StartedAt`.
    pub fn start_sleeper(&self, name: &str, work: &Path) -> (String, String) {
        if self.docker(&["image", "inspect", IMAGE]).status != 0 {
            let tar = busybox_tar(work);
            self.docker(&["import", tar.to_str().unwrap(), IMAGE]).ok();
        }
        self.docker(&[
            "run",
            "-d",
            "--name",
            name,
            "--network",
            "none",
            IMAGE,
            "/bin/sleep",
            "100000",
        ])
        .ok();
        self.running(name)
    }

    /// The container's ID and `State.StartedAt`, asserting it runs.
    pub fn running(&self, name: &str) -> (String, String) {
        let out = self
            .docker(&[
                "inspect",
                "--format",
                "{{.Id}} {{.State.StartedAt}} {{.State.Running}}",
                name,
            ])
            .ok();
        let words: Vec<&str> = out.stdout.split_whitespace().collect();
        assert_eq!(
            words.get(2),
            Some(&"true"),
            "{name} is not running: {}",
            out.stdout
        );
        (words[0].to_owned(), words[1].to_owned())
    }
}
