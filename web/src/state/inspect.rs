//! The "Inspect" mode: certificates, keys, daemon.json, systemd units or a
//! bundle zip, judged by the core's `inspect` exactly as `dockcert inspect`
//! judges them; and pasted error messages explained by `explain`.

use dockcert_core::archive;
use dockcert_core::explain::{self, Explanation};
use dockcert_core::inspect::{self, InputFile, Options, Report};
use time::OffsetDateTime;

use super::files::{PickedFile, MAX_FILE, MAX_READ};

/// Everything the Inspect mode holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Inspection {
    /// The files to inspect, zips unpacked (paths keep the zip's top folder).
    pub files: Vec<InputFile>,
    /// Files not read, with why.
    pub skipped: Vec<String>,
    /// The name clients dial (`--host`); empty: not checked.
    pub host: String,
    /// A pasted error message (`--explain`).
    pub explain: String,
    /// The report on `files`, once there are any.
    pub report: Option<Report>,
    /// When the files were given, to judge validity at.
    now: OffsetDateTime,
}

impl Default for Inspection {
    fn default() -> Self {
        Inspection {
            files: Vec::new(),
            skipped: Vec::new(),
            host: String::new(),
            explain: String::new(),
            report: None,
            now: OffsetDateTime::UNIX_EPOCH,
        }
    }
}

impl Inspection {
    /// Adds picked or dropped files (a file of the same name replaces the
    /// old one), unpacking zips as `dockcert inspect BUNDLE.zip` does.
    pub fn add(&mut self, picked: Vec<PickedFile>, now: OffsetDateTime) {
        self.now = now;
        for file in picked {
            let is_zip = matches!(&file.bytes, Ok(b) if b.starts_with(b"PK\x03\x04"));
            let limit = if is_zip { MAX_READ } else { MAX_FILE };
            let bytes = match file.contents(limit) {
                Ok(bytes) => bytes,
                Err(problem) => {
                    self.skipped.push(problem);
                    continue;
                }
            };
            let found = if is_zip {
                match archive::read_zip(bytes) {
                    Ok(files) => files,
                    Err(e) => {
                        self.skipped.push(format!("{:?}: {e}", file.name));
                        continue;
                    }
                }
            } else {
                vec![InputFile {
                    path: file.name.clone(),
                    bytes: bytes.to_vec(),
                    mode: None,
                }]
            };
            for f in found {
                self.files.retain(|old| old.path != f.path);
                self.files.push(f);
            }
        }
        self.rerun();
    }

    /// Forgets every file.
    pub fn clear(&mut self) {
        self.files.clear();
        self.skipped.clear();
        self.report = None;
    }

    /// Sets the host to check the server certificates against.
    pub fn set_host(&mut self, host: String) {
        self.host = host;
        self.rerun();
    }

    /// The known messages found in the pasted text.
    pub fn explanations(&self) -> Vec<&'static Explanation> {
        explain::explain(&self.explain)
    }

    fn rerun(&mut self) {
        let host = self.host.trim();
        self.report = (!self.files.is_empty()).then(|| {
            inspect::inspect(
                &self.files,
                &Options {
                    host: (!host.is_empty()).then(|| host.to_owned()),
                    now: self.now,
                },
            )
        });
    }
}
