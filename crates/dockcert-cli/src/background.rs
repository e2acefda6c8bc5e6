//! The writer on a thread of its own: the core makes the next files while
//! the last ones are deflated and written.

use std::sync::mpsc::{self, SyncSender};
use std::thread::JoinHandle;

use time::OffsetDateTime;

use dockcert_core::bundle::layout::FileKind;
use dockcert_core::bundle::{BundleError, BundleFile, FileSink};

use crate::failure::{io_reason, Failure};
use crate::output::Target;
use crate::problem::Problem;
use crate::writer::{open, Writer};

/// Starts writing to `target`, on a thread of its own, a bundle made at
/// `created`: the core makes the next files while the last ones are
/// deflated and written.
pub(crate) fn open_in_background(
    target: &Target,
    created: OffsetDateTime,
) -> Result<Background, Failure> {
    let mut writer = open(target, created)?;
    // A few files in flight at most: memory stays bounded.
    let (send, receive) = mpsc::sync_channel::<BundleFile>(64);
    let worker = std::thread::Builder::new()
        .name("dockcert-writer".into())
        .spawn(move || {
            for file in receive {
                if let Err(e) = writer.add(&file.path, file.kind, &file.contents) {
                    let failure = writer.failed(e);
                    return (writer, Err(failure));
                }
            }
            (writer, Ok(()))
        })
        .map_err(|e| Failure::run(Problem::StartWriting(io_reason(&e))))?;
    Ok(Background {
        send: Some(send),
        worker: Some(worker),
        manifest: None,
    })
}

/// A [`Writer`] on its own thread, fed through a bounded channel.
pub(crate) struct Background {
    send: Option<SyncSender<BundleFile>>,
    worker: Option<JoinHandle<(Writer, Result<(), Failure>)>>,
    /// manifest.json's bytes, kept as they pass when `--json` will print them.
    manifest: Option<Option<Vec<u8>>>,
}

impl FileSink for Background {
    fn put(&mut self, file: BundleFile) -> Result<(), BundleError> {
        if let Some(kept) = &mut self.manifest {
            if file.kind == FileKind::Manifest {
                *kept = Some(file.contents.to_vec());
            }
        }
        let stopped = |file: BundleFile| BundleError::Write {
            path: file.path,
            // The writer stopped; why is told by `failed`.
            why: "the writer stopped".into(),
        };
        match &self.send {
            // A file not taken comes back with the error: its path names it.
            Some(send) => send.send(file).map_err(|e| stopped(e.0)),
            None => Err(stopped(file)),
        }
    }
}

impl Background {
    /// Keeps manifest.json's bytes as they pass.
    pub(crate) fn keep_manifest(&mut self) {
        self.manifest = Some(None);
    }

    /// manifest.json's bytes, if kept.
    pub(crate) fn kept_manifest(&mut self) -> Option<Vec<u8>> {
        self.manifest.take().flatten()
    }

    /// Waits for the writer: what it wrote (removed when dropped unless
    /// committed) and whether all of it went well.
    fn join(&mut self) -> Option<(Writer, Result<(), Failure>)> {
        self.send = None;
        let worker = self.worker.take()?;
        Some(
            worker
                .join()
                .unwrap_or_else(|_| (Writer::stopped(), Err(Failure::run(Problem::WriterStopped)))),
        )
    }

    /// The failure that stopped the bundle: the writer's, if it stopped
    /// first, else `e`'s. Nothing written is left behind.
    pub(crate) fn failed(mut self, e: BundleError) -> Failure {
        match self.join() {
            Some((_, Err(failure))) => failure,
            Some((mut writer, Ok(()))) => writer.failed(e),
            None => Failure::run(e),
        }
    }

    /// Waits for every file to be written, then gives the bundle its name.
    pub(crate) fn commit(mut self) -> Result<(), Failure> {
        match self.join() {
            Some((writer, Ok(()))) => writer.commit(),
            Some((_, Err(failure))) => Err(failure),
            None => Err(Failure::run(Problem::AlreadyWritten)),
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        // The writer, dropped uncommitted, removes what it wrote.
        let _ = self.join();
    }
}
