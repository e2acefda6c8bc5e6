//! The inventory beside an existing CA's key (`inventory.jsonl` in the
//! folder of `--ca-key`): `issue` and `renew` open it before any key is
//! made (a folder that cannot take it is refused then, with nothing
//! made), and append the lines of what they made once the bundle is
//! written, never rewriting a line. A CA without one (made before
//! dockcert kept inventories, or elsewhere) gets one started, and the
//! summary says so. The bundle's `ca/` carries a copy of the file as it
//! will be (as the page's does), when it is at most
//! [`inventory::MAX_BYTES`].

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{FileExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use dockcert_core::import::inventory::{self, FILE_NAME};
use dockcert_core::import::ImportedCa;
use dockcert_core::{os_reason, show, Lang, Localized};

use crate::failure::{io_reason, Failure};

/// The inventory, open to be appended to.
pub(crate) struct Appender {
    path: PathBuf,
    file: File,
    /// It was made by this run (the CA had none).
    started: bool,
    /// Lines were written to it.
    appended: bool,
    /// Its bytes when opened, for the bundle's copy; `None` past
    /// [`inventory::MAX_BYTES`] (the bundle then carries none).
    before: Option<Vec<u8>>,
}

/// What was appended, for the summary and `--json`.
#[derive(Clone, Debug)]
pub(crate) struct Appended {
    /// The inventory's path.
    pub path: PathBuf,
    /// How many lines were added.
    pub added: usize,
    /// Whether this run started it.
    pub started: bool,
}

impl Appender {
    /// Opens the inventory in the folder of `ca_key` to append to, or starts
    /// one there; refused, before any key is made, when that cannot be done.
    pub(crate) fn open(ca_key: &Path) -> Result<Appender, Failure> {
        let folder = match ca_key.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let path = folder.join(FILE_NAME);
        let refused = |why: String| {
            Failure::input(InventorySaid::CannotOpen {
                path: path.clone(),
                why,
            })
        };
        let options = |create: bool| {
            let mut o = OpenOptions::new();
            o.read(true).append(true).create_new(create);
            // A FIFO in its place would hold `open`; it is refused below.
            o.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
            o
        };
        let (file, started) = match options(false).open(&path) {
            Ok(file) => (file, false),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (
                options(true)
                    .open(&path)
                    .map_err(|e| refused(io_reason(&e)))?,
                true,
            ),
            Err(e) => return Err(refused(io_reason(&e))),
        };
        let meta = file.metadata().map_err(|e| refused(io_reason(&e)))?;
        if !meta.is_file() {
            return Err(refused("not a regular file".into()));
        }
        let mut before = None;
        if meta.len() <= inventory::MAX_BYTES as u64 {
            let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
            (&file)
                .take(inventory::MAX_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| refused(io_reason(&e)))?;
            before = (bytes.len() <= inventory::MAX_BYTES).then_some(bytes);
        }
        Ok(Appender {
            path,
            file,
            started,
            appended: false,
            before,
        })
    }

    /// `ca` with the inventory as it stands, so the bundle's `ca/` carries
    /// the file as it will be once appended to.
    pub(crate) fn hand_to(&mut self, ca: ImportedCa) -> ImportedCa {
        match self.before.take() {
            Some(bytes) => ca.with_inventory(bytes),
            None => ca,
        }
    }

    /// Appends `lines` (whole lines, each ending in a newline) and makes
    /// them durable (fsync; the folder too when the file is new). A last
    /// line left without its newline (a write cut short) is ended first,
    /// so it stays one damaged line rather than spoiling the first new one.
    pub(crate) fn append(mut self, lines: &str) -> Result<Appended, Failure> {
        let failed = |why: String| {
            Failure::run(InventorySaid::CannotAppend {
                path: self.path.clone(),
                why,
            })
        };
        let len = self
            .file
            .metadata()
            .map_err(|e| failed(io_reason(&e)))?
            .len();
        let mut text = String::with_capacity(lines.len() + 1);
        if len > 0 {
            let mut last = [0u8; 1];
            self.file
                .read_exact_at(&mut last, len - 1)
                .map_err(|e| failed(io_reason(&e)))?;
            if last[0] != b'\n' {
                text.push('\n');
            }
        }
        text.push_str(lines);
        self.file
            .write_all(text.as_bytes())
            .and_then(|()| self.file.sync_all())
            .map_err(|e| failed(io_reason(&e)))?;
        if self.started {
            if let Some(folder) = self.path.parent() {
                let folder = if folder.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    folder
                };
                File::open(folder)
                    .and_then(|f| f.sync_all())
                    .map_err(|e| failed(io_reason(&e)))?;
            }
        }
        self.appended = true;
        Ok(Appended {
            path: self.path.clone(),
            added: lines.lines().count(),
            started: self.started,
        })
    }
}

impl Drop for Appender {
    /// An inventory this run started but never wrote to (the run stopped
    /// before the bundle was made) is removed: it would say nothing.
    fn drop(&mut self) {
        if self.started && !self.appended {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl Appended {
    /// What `--json` says of it.
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "path": self.path.to_string_lossy(),
            "added": self.added,
            "started": self.started,
        })
    }
}

/// What is said of the inventory: in the summary, or why a run stopped.
pub(crate) enum InventorySaid {
    /// Lines were appended to an inventory that was there.
    Added {
        /// Where.
        path: PathBuf,
        /// How many.
        added: usize,
    },
    /// The CA had no inventory: one was started with these lines.
    Started {
        /// Where.
        path: PathBuf,
        /// How many.
        added: usize,
    },
    /// It could not be opened or made: nothing was made.
    CannotOpen {
        /// Where.
        path: PathBuf,
        /// The system's words.
        why: String,
    },
    /// The bundle was written but its lines could not be appended.
    CannotAppend {
        /// Where.
        path: PathBuf,
        /// The system's words.
        why: String,
    },
}

impl From<&Appended> for InventorySaid {
    fn from(a: &Appended) -> Self {
        let (path, added) = (a.path.clone(), a.added);
        if a.started {
            InventorySaid::Started { path, added }
        } else {
            InventorySaid::Added { path, added }
        }
    }
}

impl Localized for InventorySaid {
    fn text(&self, lang: Lang) -> String {
        use InventorySaid as S;
        let shown = |p: &Path| show::safe_owned(p.display().to_string());
        match (self, lang) {
            (S::Added { path, added }, Lang::En) => format!(
                "Inventory: {added} certificate{} added to {}",
                if *added == 1 { "" } else { "s" },
                shown(path)
            ),
            (S::Added { path, added }, Lang::Zh) => {
                format!("签发清单：已向 {} 追加 {added} 张证书", shown(path))
            }
            (S::Started { path, added }, Lang::En) => format!(
                "Inventory: this CA had none; started {} with what was made now ({added} certificate{}); issue and renew add to it, dockcert expiry reads it",
                shown(path),
                if *added == 1 { "" } else { "s" },
            ),
            (S::Started { path, added }, Lang::Zh) => format!(
                "签发清单：此 CA 原先没有签发清单，已新建 {}，记录了本次生成的 {added} 张证书（issue 和 renew 会追加到其中，dockcert expiry 会读取它）",
                shown(path)
            ),
            (S::CannotOpen { path, why }, Lang::En) => format!(
                "the inventory {} beside --ca-key cannot be written: {why}; nothing was made (issue and renew record what they make there: make the folder writable)",
                shown(path)
            ),
            (S::CannotOpen { path, why }, Lang::Zh) => format!(
                "无法写入 --ca-key 旁的签发清单 {}：{}；未生成任何文件（issue 和 renew 会把生成的证书记录在其中：请让该目录可写）",
                shown(path),
                os_reason(why, lang)
            ),
            (S::CannotAppend { path, why }, Lang::En) => format!(
                "the bundle was written, but its certificates could not be added to the inventory {}: {why}",
                shown(path)
            ),
            (S::CannotAppend { path, why }, Lang::Zh) => format!(
                "证书包已写入，但无法把其中的证书追加到签发清单 {}：{}",
                shown(path),
                os_reason(why, lang)
            ),
        }
    }
}
