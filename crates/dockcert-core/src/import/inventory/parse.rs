//! Reading `inventory.jsonl` back: bounded before anything is built (the
//! file's size, each line's length, the problems kept), each line read on
//! its own so one damaged line costs only itself.

use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::record::{Record, VERSION};
use super::words::{Found, InventoryProblem, Wanted};
use crate::pki::CertRole;

/// Largest inventory read, in bytes: a line is about 700 bytes, so some
/// 20,000 certificates (a fleet of 10,000 hosts made and renewed once).
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// Longest line read, in bytes: a record with a thousand SANs fits.
pub const MAX_LINE: usize = 64 * 1024;

/// Most problems kept from one file; the rest are counted.
pub const MAX_PROBLEMS: usize = 100;

/// One record and the line it was read from (counted from 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Its line number, from 1.
    pub line: usize,
    /// What it says.
    pub record: Record,
}

/// What an inventory file holds: its records, in the file's order, and
/// what was wrong with the lines that are not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inventory {
    /// Every line read as a record.
    pub records: Vec<Entry>,
    /// The first [`MAX_PROBLEMS`] problems.
    pub problems: Vec<InventoryProblem>,
    /// How many more problems there were.
    pub more_problems: usize,
}

impl Inventory {
    /// Whether every line was read.
    pub fn is_whole(&self) -> bool {
        self.problems.is_empty()
    }

    fn problem(&mut self, p: InventoryProblem) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(p);
        } else {
            self.more_problems += 1;
        }
    }
}

/// Reads an inventory: every line that is a record, and a problem for every
/// one that is not (blank lines are passed over). A file past
/// [`MAX_BYTES`] is refused whole, before any line is read.
pub fn read(bytes: &[u8]) -> Inventory {
    let mut inventory = Inventory::default();
    if bytes.len() > MAX_BYTES {
        inventory.problem(InventoryProblem::TooLarge {
            size: bytes.len(),
            max: MAX_BYTES,
        });
        return inventory;
    }
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let number = i + 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match record(line, number) {
            Ok(record) => inventory.records.push(Entry {
                line: number,
                record,
            }),
            Err(p) => inventory.problem(p),
        }
    }
    inventory
}

/// The record on line `line`, or what is wrong with it.
fn record(bytes: &[u8], line: usize) -> Result<Record, InventoryProblem> {
    if bytes.len() > MAX_LINE {
        return Err(InventoryProblem::LineTooLong {
            line,
            size: bytes.len(),
            max: MAX_LINE,
        });
    }
    // serde_json refuses nesting past 128 levels, so a line of brackets is
    // bounded as well as its length.
    let value: Value = serde_json::from_slice(bytes).map_err(|e| InventoryProblem::NotJson {
        line,
        column: e.column(),
    })?;
    let Value::Object(object) = value else {
        return Err(InventoryProblem::NotAnObject { line });
    };
    let fields = Fields { object, line };
    match fields.object.get("v") {
        Some(Value::Number(n)) if n.as_u64() == Some(VERSION) => {}
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v > VERSION) => {
            return Err(InventoryProblem::NewerVersion {
                line,
                version: n.to_string(),
            })
        }
        found => return Err(fields.wrong("v", found, Wanted::Version)),
    }
    let role = match fields.text("role", Wanted::Role)? {
        "ca" => CertRole::Ca,
        "server" => CertRole::Server,
        "client" => CertRole::Client,
        _ => return Err(fields.wrong("role", fields.object.get("role"), Wanted::Role)),
    };
    let serial = fields.text("serial", Wanted::Serial)?;
    if serial.is_empty() || !serial.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(fields.wrong("serial", fields.object.get("serial"), Wanted::Serial));
    }
    Ok(Record {
        serial: serial.to_ascii_uppercase(),
        role,
        name: fields.text("name", Wanted::Text)?.to_owned(),
        subject: fields.text("subject", Wanted::Text)?.to_owned(),
        sans: fields.texts("sans")?,
        key_type: fields.text("key_type", Wanted::Text)?.to_owned(),
        not_before: fields.moment("not_before")?,
        not_after: fields.moment("not_after")?,
        sha256: fields.fingerprint("sha256")?,
        ca_sha256: fields.fingerprint("ca_sha256")?,
        bundle: match fields.object.get("bundle") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            found => return Err(fields.wrong("bundle", found, Wanted::TextOrNull)),
        },
        made: fields.moment("made")?,
    })
}

/// A line's object, and its number for the problems.
struct Fields {
    object: Map<String, Value>,
    line: usize,
}

impl Fields {
    fn wrong(
        &self,
        field: &'static str,
        found: Option<&Value>,
        wanted: Wanted,
    ) -> InventoryProblem {
        InventoryProblem::Field {
            line: self.line,
            field,
            found: match found {
                None => Found::Missing,
                Some(_) => Found::Wrong,
            },
            wanted,
        }
    }

    fn text(&self, field: &'static str, wanted: Wanted) -> Result<&str, InventoryProblem> {
        match self.object.get(field) {
            Some(Value::String(s)) => Ok(s),
            found => Err(self.wrong(field, found, wanted)),
        }
    }

    fn texts(&self, field: &'static str) -> Result<Vec<String>, InventoryProblem> {
        let found = self.object.get(field);
        let Some(Value::Array(items)) = found else {
            return Err(self.wrong(field, found, Wanted::Texts));
        };
        items
            .iter()
            .map(|item| match item {
                Value::String(s) => Ok(s.clone()),
                _ => Err(self.wrong(field, found, Wanted::Texts)),
            })
            .collect()
    }

    /// `field` (RFC 3339) and `field_unix` (Unix seconds): the same moment.
    fn moment(&self, field: &'static str) -> Result<OffsetDateTime, InventoryProblem> {
        let text = self.text(field, Wanted::Time)?;
        let t = OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
            .map_err(|_| self.wrong(field, self.object.get(field), Wanted::Time))?;
        let unix = match field {
            "not_before" => "not_before_unix",
            "not_after" => "not_after_unix",
            _ => "made_unix",
        };
        match self.object.get(unix) {
            Some(Value::Number(n)) if n.as_i64() == Some(t.unix_timestamp()) => Ok(t),
            found => Err(self.wrong(unix, found, Wanted::SameMoment(field))),
        }
    }

    /// A SHA-256 fingerprint: 32 bytes as `AB:CD:...` (case aside).
    fn fingerprint(&self, field: &'static str) -> Result<String, InventoryProblem> {
        let text = self.text(field, Wanted::Fingerprint)?;
        let good = text.len() == 32 * 3 - 1
            && text
                .split(':')
                .all(|b| b.len() == 2 && b.bytes().all(|c| c.is_ascii_hexdigit()));
        if good {
            Ok(text.to_ascii_uppercase())
        } else {
            Err(self.wrong(field, self.object.get(field), Wanted::Fingerprint))
        }
    }
}
