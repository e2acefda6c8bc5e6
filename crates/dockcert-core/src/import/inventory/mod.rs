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

pub use parse::{read, Entry, Inventory, MAX_BYTES, MAX_LINE, MAX_PROBLEMS};
pub use record::{Record, VERSION};
pub use words::{Found, InventoryProblem, Wanted};

/// The inventory's file name, in the folder that holds `ca-key.pem`.
pub const FILE_NAME: &str = "inventory.jsonl";

/// Whether a file named `name` (its last component) is read as an
/// inventory: `inventory.jsonl`, or any name ending in `.jsonl` (a copy
/// kept under another name, given by name).
pub fn is_inventory(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".jsonl")
}
