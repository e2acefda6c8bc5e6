//! The inventory of what a CA issued: `inventory.jsonl`, kept beside the
//! CA's key, one JSON object per line, one line per certificate made, lines
//! only ever appended (docs/INVENTORY.md). This module is the record and
//! its line ([`Record`]), and reading a file back ([`read`]) with bounded
//! work and memory: a damaged or hostile file gives typed problems naming
//! the line and the field ([`InventoryProblem`]), never a panic. Making a
//! bundle's lines is `bundle`'s (`bundle/inventory.rs`).

mod parse;
mod record;
mod words;

#[cfg(test)]
mod tests;

pub use parse::{read, Entry, Inventory};
pub use record::{Record, VERSION};
pub use words::{Found, InventoryProblem, Wanted};

/// The inventory's file name, in the folder that holds `ca-key.pem`.
pub const FILE_NAME: &str = "inventory.jsonl";

/// Largest inventory read, in bytes: a line is about 700 bytes, so some
/// 20,000 certificates (a fleet of 10,000 hosts made and renewed once).
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// Longest line read, in bytes: a record with a thousand SANs fits.
pub const MAX_LINE: usize = 64 * 1024;

/// Most problems kept from one file; the rest are counted.
pub const MAX_PROBLEMS: usize = 100;
