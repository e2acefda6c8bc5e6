//! What inspect finds in a CA's inventory (`inventory.jsonl`), and its
//! words in English and Chinese: a certificate signed by a CA whose
//! inventory was given that the inventory does not list, and a line of an
//! inventory that cannot be read.

use crate::import::inventory::InventoryProblem;
use crate::lang::{Lang, Localized};

/// A finding about an inventory.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InventoryFinding {
    /// A certificate whose issuer is a CA given with its inventory, and
    /// which that inventory does not list.
    NotListed {
        /// The certificate's file.
        path: String,
        /// The inventory.
        inventory: String,
        /// The certificate's SHA-256, `AB:CD:...`.
        sha256: String,
    },
    /// A line of an inventory that could not be read.
    Damaged {
        /// The inventory.
        path: String,
        /// What is wrong, and on which line.
        problem: InventoryProblem,
    },
}

impl InventoryFinding {
    /// Its stable code.
    pub(crate) fn code(&self) -> &'static str {
        match self {
            InventoryFinding::NotListed { .. } => "not-in-inventory",
            InventoryFinding::Damaged { .. } => "inventory-damaged",
        }
    }

    /// The file it is about.
    pub(crate) fn file(&self) -> &str {
        match self {
            InventoryFinding::NotListed { path, .. } | InventoryFinding::Damaged { path, .. } => {
                path
            }
        }
    }

    /// What to do about it.
    pub(crate) fn fix(&self, lang: Lang) -> String {
        match (self, lang) {
            (InventoryFinding::NotListed { .. }, Lang::En) => "If this CA's key made it outside dockcert, nothing is wrong but the record; otherwise find out who had the CA key. To list it, make it again with dockcert issue or renew, which record what they make.".to_owned(),
            (InventoryFinding::NotListed { .. }, Lang::Zh) => "如果它是在 dockcert 之外用此 CA 的私钥签发的，只是清单中缺少记录；否则请查明谁接触过 CA 私钥。要让清单记录它，请用 dockcert issue 或 renew 重新签发，它们会记录所生成的证书。".to_owned(),
            (InventoryFinding::Damaged { .. }, Lang::En) => "Lines are only ever appended: restore the file from a backup, or correct that line by hand as docs/INVENTORY.md describes.".to_owned(),
            (InventoryFinding::Damaged { .. }, Lang::Zh) => "签发清单只会追加新行：请从备份恢复该文件，或按 docs/INVENTORY.md 的说明手工修正这一行。".to_owned(),
        }
    }
}

impl Localized for InventoryFinding {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (InventoryFinding::NotListed { path, inventory, sha256 }, Lang::En) => format!(
                "{path} was signed by the CA whose inventory is {inventory}, which does not list it (SHA-256 {sha256})"
            ),
            (InventoryFinding::NotListed { path, inventory, sha256 }, Lang::Zh) => format!(
                "{path} 由 CA 签发，但该 CA 的签发清单 {inventory} 中没有它（SHA-256 {sha256}）"
            ),
            (InventoryFinding::Damaged { path, problem }, Lang::En) => {
                format!("{path}: the inventory cannot be read at {}", problem.text(lang))
            }
            (InventoryFinding::Damaged { path, problem }, Lang::Zh) => {
                format!("{path}：签发清单无法读取：{}", problem.text(lang))
            }
        }
    }
}
