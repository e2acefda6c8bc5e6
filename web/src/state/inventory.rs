//! The existing CA's inventory (`inventory.jsonl`), handed in beside its
//! certificate and key: read once, as the core reads it, to say how many
//! certificates it lists and which lines are damaged; the issued zip's
//! `ca/` folder gives it back with the new certificates appended (none
//! handed in: one is started there). Damaged lines do not block issuing:
//! lines are only appended, the file is given back with them as they were.

use dockcert_core::import::inventory::{self, InventoryProblem};
use dockcert_core::import::{ImportError, SourcedError};

use super::files::{FileBytes, PickedFile};

/// The inventory as loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InventoryFile {
    /// The file's name.
    pub name: String,
    /// Its bytes, given back with the new lines appended.
    pub bytes: FileBytes,
    /// How many certificates it lists.
    pub records: usize,
    /// Its damaged lines (the first [`inventory::MAX_PROBLEMS`]).
    pub problems: Vec<InventoryProblem>,
}

/// Whether a dropped file is an inventory, by its name (`inventory.jsonl`,
/// any `.jsonl`): its contents are JSON, neither a certificate nor a key.
pub(super) fn is_inventory(file: &PickedFile) -> bool {
    inventory::is_inventory(&file.name)
}

/// Reads `file` as an inventory, refused past [`inventory::MAX_BYTES`].
pub(super) fn load(file: PickedFile) -> Result<InventoryFile, SourcedError> {
    let bytes = file.contents(inventory::MAX_BYTES).map_err(|e| {
        let e = match e {
            ImportError::TooLarge { .. } => ImportError::TooLarge {
                limit: inventory::MAX_BYTES as u64,
            },
            other => other,
        };
        e.in_file(&file.name)
    })?;
    let read = inventory::read(bytes);
    Ok(InventoryFile {
        bytes: bytes.clone(),
        records: read.records.len(),
        problems: read.problems,
        name: file.name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inventory_is_known_by_its_name_and_read_as_the_core_reads_it() {
        let text = b"{\"v\":1}\n\nnot json\n".to_vec();
        let file = PickedFile::read("inventory.jsonl", text);
        assert!(is_inventory(&file));
        assert!(!is_inventory(&PickedFile::read("ca.pem", Vec::new())));
        let loaded = load(file).unwrap();
        assert_eq!(loaded.records, 0);
        assert_eq!(loaded.problems.len(), 2);
        assert_eq!(loaded.problems[1].line(), Some(3));
        let big = PickedFile::read("old.jsonl", vec![b'\n'; inventory::MAX_BYTES + 1]);
        assert!(load(big).is_err());
    }
}
