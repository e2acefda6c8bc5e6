//! Writing a big zip out to disk while it is still being made: every so
//! many bytes, a thread of its own asks the kernel to put what was written
//! so far on disk (fdatasync). The sync at the end, before the zip takes its
//! name, then waits for little (a fleet's zip is a few hundred megabytes).

use std::fs::File;
use std::sync::mpsc::{self, SyncSender, TrySendError};
use std::thread::JoinHandle;

/// How many bytes are written between two early syncs.
const EVERY: u64 = 32 * 1024 * 1024;

pub(super) struct EarlySync {
    nudge: Option<SyncSender<()>>,
    worker: Option<JoinHandle<()>>,
    unsynced: u64,
}

impl EarlySync {
    /// Early syncs of `file` (a handle of its own to the zip being
    /// written); none if the thread cannot start (the end's sync still
    /// puts every byte on disk).
    pub(super) fn new(file: std::io::Result<File>) -> Self {
        let started = file.ok().and_then(|file| {
            let (nudge, nudged) = mpsc::sync_channel::<()>(1);
            std::thread::Builder::new()
                .name("dockcert-sync".into())
                .spawn(move || {
                    for () in nudged {
                        // A failure here shows again in the end's sync.
                        let _ = file.sync_data();
                    }
                })
                .ok()
                .map(|worker| (nudge, worker))
        });
        let (nudge, worker) = started.unzip();
        EarlySync {
            nudge,
            worker,
            unsynced: 0,
        }
    }

    /// Counts `n` more bytes written; past [`EVERY`], starts a sync unless
    /// one is still running.
    pub(super) fn wrote(&mut self, n: usize) {
        self.unsynced += n as u64;
        if self.unsynced >= EVERY {
            if let Some(nudge) = &self.nudge {
                match nudge.try_send(()) {
                    Ok(()) | Err(TrySendError::Full(())) => {}
                    Err(TrySendError::Disconnected(())) => self.nudge = None,
                }
            }
            self.unsynced = 0;
        }
    }
}

impl Drop for EarlySync {
    fn drop(&mut self) {
        self.nudge = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}
