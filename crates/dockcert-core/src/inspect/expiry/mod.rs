//! `dockcert expiry`: every certificate given (files, folders, zips, a
//! fleet's whole tree), when it ends, soonest first; whether any ends within
//! a number of days; and the same as Prometheus metrics
//! ([`Expiry::prometheus`]).
//!
//! A certificate found at several paths (the CA's `ca.pem` in every host's
//! and client's folder) is one certificate, listed once with every path.
//!
//! Inventories (`inventory.jsonl`) add every certificate a CA issued,
//! whether or not its file is at hand: one also read from a file is listed
//! once (by its SHA-256), with the inventory's line beside its paths; an
//! inventory's damaged lines are named, line by line ([`Damaged`]).

mod prometheus;
pub mod words;

use std::collections::HashMap;

use serde::Serialize;
use sha2::Digest;
use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate};

use super::input::Gathered;
use super::material::role_by_name;
use super::material::Role as FileRole;
use super::names::parse_extensions;
use crate::import::{self, inventory::InventoryProblem};
use crate::pki::{self, CertRole};

/// From how many days before its end a certificate is a warning: `expiry`'s
/// default `--within`, the host's timer's `daemon.warning` and the
/// Prometheus rules' warning.
pub const WARNING_DAYS: i64 = 30;

/// From how many days before its end, and once it has ended, a certificate
/// is an error: the host's timer's `daemon.err`, the rules' critical alerts.
pub const ERROR_DAYS: i64 = 7;

/// How near a certificate's end is, by [`WARNING_DAYS`] and [`ERROR_DAYS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// More than [`WARNING_DAYS`] left.
    Info,
    /// At most [`WARNING_DAYS`] left, more than [`ERROR_DAYS`].
    Warning,
    /// At most [`ERROR_DAYS`] left, or ended.
    Error,
}

impl Level {
    /// The level of a certificate ending at `not_after`, seen at `now`: as
    /// the host's timer compares seconds left with 7 and 30 days.
    pub fn of(not_after: OffsetDateTime, now: OffsetDateTime) -> Level {
        let left = not_after - now;
        if left <= time::Duration::days(ERROR_DAYS) {
            Level::Error
        } else if left <= time::Duration::days(WARNING_DAYS) {
            Level::Warning
        } else {
            Level::Info
        }
    }
}

/// The days `dockcert expiry --within` counts by default, and within which
/// the page marks a certificate as ending soon: [`WARNING_DAYS`].
pub const DEFAULT_WITHIN_DAYS: u32 = WARNING_DAYS as u32;

/// What a certificate is for, by what it says of itself (its name's role
/// when it says nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// It signs certificates (basicConstraints CA).
    Ca,
    /// A Docker host's: for servers only.
    Server,
    /// A client's: for clients only.
    Client,
    /// Neither, both or any: what its usage allows is not one side's.
    Other,
}

impl Role {
    /// The word `--json` and the metric's `role` label use.
    pub fn id(self) -> &'static str {
        match self {
            Role::Ca => "ca",
            Role::Server => "server",
            Role::Client => "client",
            Role::Other => "other",
        }
    }
}

/// One certificate and when it ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ending {
    /// What it is for.
    pub role: Role,
    /// Its Common Name, or its first SAN, or its subject.
    pub name: String,
    /// Its serial number in upper-case hex, as `openssl x509 -serial` shows it.
    pub serial: String,
    /// Its last valid moment.
    #[serde(with = "time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
    /// Whole days from now to its end; negative once it has ended.
    pub days_left: i64,
    /// Every path it was found at, sorted.
    pub paths: Vec<String>,
    /// Where an inventory records it (`PATH:LINE`), whether or not a file
    /// holds it.
    pub inventory: Vec<String>,
    /// SHA-256 of its DER, colon-separated upper-case hex.
    pub sha256: String,
}

/// A file that claims to hold a certificate no one can read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unreadable {
    /// Its path.
    pub path: String,
    /// Why (the parser's words).
    pub why: String,
}

/// An inventory with lines that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Damaged {
    /// The inventory's path.
    pub path: String,
    /// What was wrong, line by line (the first
    /// [`import::inventory::MAX_PROBLEMS`]).
    pub problems: Vec<InventoryProblem>,
    /// How many more problems there were.
    pub more: usize,
}

/// Every certificate read, soonest end first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Expiry {
    /// When the days were counted from.
    #[serde(with = "time::serde::rfc3339")]
    pub now: OffsetDateTime,
    /// The certificates, soonest end first (then by name and serial).
    pub certificates: Vec<Ending>,
    /// Files that say they hold a certificate but hold none that can be read.
    pub unreadable: Vec<Unreadable>,
    /// Files read that hold no certificate (keys, daemon.json).
    pub without_certificate: usize,
    /// Inventories with lines that could not be read.
    pub damaged: Vec<Damaged>,
}

/// Lists every certificate in `gathered` with its end counted from `now`.
/// Each certificate is parsed once, however many files hold it.
pub fn expiry(gathered: &Gathered, now: OffsetDateTime) -> Expiry {
    let mut certificates: Vec<Ending> = Vec::new();
    let mut at: HashMap<[u8; 32], usize> = HashMap::new();
    let mut unreadable = Vec::new();
    let mut without_certificate = 0;
    let mut inventories = Vec::new();
    for f in &gathered.files {
        // Read after every file, so a certificate at hand is listed with
        // what its file says.
        if import::inventory::is_inventory(super::input::base_name(&f.path)) {
            inventories.push(f);
            continue;
        }
        let ders = match import::certificates(&f.bytes) {
            Ok(ders) if !ders.is_empty() => ders,
            _ if claims_a_certificate(&f.bytes) => {
                unreadable.push(Unreadable {
                    path: f.path.clone(),
                    why: import::certificates(&f.bytes)
                        .err()
                        .map_or_else(String::new, |e| e.to_string()),
                });
                continue;
            }
            _ => {
                without_certificate += 1;
                continue;
            }
        };
        let hint = role_by_name(super::input::base_name(&f.path));
        for (n, der) in ders.iter().enumerate() {
            let digest: [u8; 32] = sha2::Sha256::digest(der).into();
            if let Some(&i) = at.get(&digest) {
                certificates[i].paths.push(f.path.clone());
                continue;
            }
            // Only a file's first certificate is what its name says.
            let hint = hint.filter(|_| n == 0);
            match ending(der, hint, &digest, now) {
                Ok(mut e) => {
                    e.paths.push(f.path.clone());
                    at.insert(digest, certificates.len());
                    certificates.push(e);
                }
                Err(why) => unreadable.push(Unreadable {
                    path: f.path.clone(),
                    why,
                }),
            }
        }
    }
    let mut damaged = Vec::new();
    for f in inventories {
        let file = (f.path.as_str(), f.bytes.as_slice());
        add_inventory(file, now, &mut certificates, &mut at, &mut damaged);
    }
    for c in &mut certificates {
        c.paths.sort();
    }
    certificates
        .sort_by(|a, b| (a.not_after, &a.name, &a.serial).cmp(&(b.not_after, &b.name, &b.serial)));
    Expiry {
        now,
        certificates,
        unreadable,
        without_certificate,
        damaged,
    }
}

/// Adds the records of the inventory at `path` (`bytes`) to `certificates`,
/// each certificate once (`at`: where each SHA-256 is listed); a damaged
/// inventory's problems go to `damaged`.
fn add_inventory(
    (path, bytes): (&str, &[u8]),
    now: OffsetDateTime,
    certificates: &mut Vec<Ending>,
    at: &mut HashMap<[u8; 32], usize>,
    damaged: &mut Vec<Damaged>,
) {
    let read = import::inventory::read(bytes);
    for entry in &read.records {
        let r = &entry.record;
        let place = format!("{path}:{}", entry.line);
        let Some(digest) = digest(&r.sha256) else {
            continue;
        };
        if let Some(&i) = at.get(&digest) {
            certificates[i].inventory.push(place);
            continue;
        }
        at.insert(digest, certificates.len());
        certificates.push(Ending {
            role: match r.role {
                CertRole::Ca => Role::Ca,
                CertRole::Server => Role::Server,
                CertRole::Client => Role::Client,
            },
            name: crate::show::safe_owned(r.name.clone()),
            serial: r.serial.clone(),
            not_after: r.not_after,
            days_left: days_left(r.not_after, now),
            paths: Vec::new(),
            inventory: vec![place],
            sha256: r.sha256.clone(),
        });
    }
    if !read.is_whole() {
        damaged.push(Damaged {
            path: path.to_owned(),
            problems: read.problems,
            more: read.more_problems,
        });
    }
}

/// `AB:CD:...` (32 bytes, checked by the inventory's reader) as bytes.
fn digest(colon_hex: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    let mut parts = colon_hex.split(':');
    for b in &mut out {
        *b = u8::from_str_radix(parts.next()?, 16).ok()?;
    }
    parts.next().is_none().then_some(out)
}

/// Whether a file's text says it holds a certificate (a PEM line that
/// begins one), so a certificate that cannot be read is named, not passed
/// over. Text that only mentions one (a script, a tar's member) does not.
fn claims_a_certificate(bytes: &[u8]) -> bool {
    bytes
        .split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
        .any(|line| {
            matches!(
                line,
                b"-----BEGIN CERTIFICATE-----"
                    | b"-----BEGIN X509 CERTIFICATE-----"
                    | b"-----BEGIN TRUSTED CERTIFICATE-----"
            )
        })
}

/// One certificate's facts and end (`hint`: its file name's role).
pub(in crate::inspect) fn ending(
    der: &[u8],
    hint: Option<FileRole>,
    digest: &[u8; 32],
    now: OffsetDateTime,
) -> Result<Ending, String> {
    let (_, c) = X509Certificate::from_der(der).map_err(|e| e.to_string())?;
    let p = parse_extensions(&c);
    let role = if p.is_ca {
        Role::Ca
    } else {
        match (p.eku, hint) {
            (Some((true, false)), _) => Role::Server,
            (Some((false, true)), _) => Role::Client,
            (_, Some(FileRole::Server)) => Role::Server,
            (_, Some(FileRole::Client)) => Role::Client,
            _ => Role::Other,
        }
    };
    let cn = c
        .subject()
        .iter_common_name()
        .next()
        .and_then(|n| n.as_str().ok())
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    let name = cn
        .or_else(|| p.dns.first().cloned())
        .or_else(|| p.ips.first().map(ToString::to_string))
        .unwrap_or_else(|| c.subject().to_string());
    let not_after = pki::time_of(c.validity().not_after);
    Ok(Ending {
        role,
        name: crate::show::safe_owned(name),
        serial: pki::upper_hex(c.raw_serial()),
        not_after,
        days_left: days_left(not_after, now),
        paths: Vec::new(),
        inventory: Vec::new(),
        sha256: pki::colon_hex(digest),
    })
}

/// Whole days from `now` to `end`: 0 on its last day, -1 the day after.
fn days_left(end: OffsetDateTime, now: OffsetDateTime) -> i64 {
    let seconds = (end - now).whole_seconds();
    seconds.div_euclid(86_400)
}

impl Expiry {
    /// The certificates that end within `days` days of now, or have ended.
    pub fn within(&self, days: u32) -> impl Iterator<Item = &Ending> {
        let limit = self.now + time::Duration::days(i64::from(days));
        self.certificates
            .iter()
            .take_while(move |e| e.not_after <= limit)
    }

    /// Whether anything was read: a certificate, or a file that claims one.
    pub fn read_anything(&self) -> bool {
        !self.certificates.is_empty() || !self.unreadable.is_empty() || !self.damaged.is_empty()
    }
}

#[cfg(test)]
mod tests;
