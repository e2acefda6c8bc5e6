//! The "Inspect" mode: certificates, keys, daemon.json, systemd units or a
//! bundle zip, gathered and judged by the core exactly as `dockcert inspect`
//! gathers and judges them; and pasted error messages explained.

use dockcert_core::inspect::explain::{self, Explanation};
use dockcert_core::inspect::{self, Gathered, Options, Report};
use time::OffsetDateTime;

use super::files::PickedFile;

/// Everything the Inspect mode holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Inspection {
    /// The files to inspect (zips unpacked), and those that could not be.
    pub gathered: Gathered,
    /// The name clients dial (`--host`); empty: not checked.
    pub host: String,
    /// A pasted error message (`--explain`).
    pub explain: String,
    /// The report on the files, once there are any.
    pub report: Option<Report>,
    /// When the files were given, to judge validity at.
    now: OffsetDateTime,
}

impl Default for Inspection {
    fn default() -> Self {
        Inspection {
            gathered: Gathered::default(),
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
            match &file.bytes {
                Ok(bytes) => self.gathered.add(&file.name, Ok(bytes.to_vec()), None),
                Err(problem) => self.gathered.skip(&file.name, problem.for_inspect()),
            }
        }
        self.rerun();
    }

    /// Forgets every file.
    pub fn clear(&mut self) {
        self.gathered = Gathered::default();
        self.report = None;
    }

    /// Sets the host to check the server certificates against.
    pub fn set_host(&mut self, host: String) {
        self.host = host;
        self.rerun();
    }

    /// The known messages found in the pasted text.
    pub fn explanations(&self) -> Vec<Explanation> {
        explain::explain(&self.explain)
    }

    fn rerun(&mut self) {
        let host = self.host.trim();
        let given = !self.gathered.files.is_empty() || !self.gathered.skipped.is_empty();
        self.report = given.then(|| {
            inspect::inspect(
                &self.gathered,
                &Options {
                    host: (!host.is_empty()).then(|| host.to_owned()),
                    now: self.now,
                },
            )
        });
    }
}
