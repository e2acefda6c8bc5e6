//! The "Inspect" mode: certificates, keys, daemon.json, systemd units or a
//! bundle zip, gathered and judged by the core exactly as `dockcert inspect`
//! gathers and judges them; and pasted error messages explained.

use dockcert_core::inspect::expiry::{self, Ending, Expiry};
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
    /// Every certificate in the files by its end, soonest first, as
    /// `dockcert expiry` lists them; once there are files.
    pub expiry: Option<Expiry>,
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
            expiry: None,
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
        self.expiry = None;
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
        self.expiry = given.then(|| expiry::expiry(&self.gathered, self.now));
    }
}

/// How a certificate's end stands against `dockcert expiry`'s default
/// `--within` days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ends {
    /// It has ended.
    Ended,
    /// It ends within [`expiry::DEFAULT_WITHIN_DAYS`].
    Soon,
    /// Later.
    Later,
}

impl Ends {
    /// Each listed certificate of `found` with how its end stands: those
    /// `Expiry::within` the default days are the first, as the CLI counts them.
    pub fn of(found: &Expiry) -> impl Iterator<Item = (&Ending, Ends)> {
        let soon = found.within(expiry::DEFAULT_WITHIN_DAYS).count();
        found.certificates.iter().enumerate().map(move |(i, e)| {
            let ends = if e.not_after <= found.now {
                Ends::Ended
            } else if i < soon {
                Ends::Soon
            } else {
                Ends::Later
            };
            (e, ends)
        })
    }
}
