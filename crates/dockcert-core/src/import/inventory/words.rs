//! What can be wrong with an inventory file, and its words in English and
//! Chinese. Each problem names its line (from 1) and, when it is one
//! field's, the field.

use serde::Serialize;

use crate::lang::{localized_error, Lang, Localized};

/// Why a line of `inventory.jsonl` (or the whole file) was not read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum InventoryProblem {
    /// The file is larger than any inventory: not read at all.
    TooLarge {
        /// Its size in bytes.
        size: usize,
        /// The most read.
        max: usize,
    },
    /// A line longer than any record.
    LineTooLong {
        /// The line, from 1.
        line: usize,
        /// Its length in bytes.
        size: usize,
        /// The longest read.
        max: usize,
    },
    /// A line that is not JSON.
    NotJson {
        /// The line, from 1.
        line: usize,
        /// Where the JSON went wrong, from 1.
        column: usize,
    },
    /// JSON, but not an object.
    NotAnObject {
        /// The line, from 1.
        line: usize,
    },
    /// A later schema than this dockcert reads.
    NewerVersion {
        /// The line, from 1.
        line: usize,
        /// Its `"v"`.
        version: String,
    },
    /// A field missing or not what it must be.
    Field {
        /// The line, from 1.
        line: usize,
        /// The field's key.
        field: &'static str,
        /// Missing, or there but wrong.
        found: Found,
        /// What it must be.
        wanted: Wanted,
    },
}

/// Whether a field was missing or wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Found {
    /// Not on the line.
    Missing,
    /// There, but not what it must be.
    Wrong,
}

/// What a field must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Wanted {
    /// The number 1.
    Version,
    /// `ca`, `server` or `client`.
    Role,
    /// Hex digits.
    Serial,
    /// A string.
    Text,
    /// A string or null.
    TextOrNull,
    /// A list of strings.
    Texts,
    /// An RFC 3339 time.
    Time,
    /// The Unix seconds of the field named.
    SameMoment(&'static str),
    /// 32 bytes as colon-separated hex.
    Fingerprint,
}

impl InventoryProblem {
    /// The line it is about, if it is one line's.
    pub fn line(&self) -> Option<usize> {
        match self {
            InventoryProblem::TooLarge { .. } => None,
            InventoryProblem::LineTooLong { line, .. }
            | InventoryProblem::NotJson { line, .. }
            | InventoryProblem::NotAnObject { line }
            | InventoryProblem::NewerVersion { line, .. }
            | InventoryProblem::Field { line, .. } => Some(*line),
        }
    }
}

impl Localized for Wanted {
    fn text(&self, lang: Lang) -> String {
        use Wanted as W;
        match (self, lang) {
            (W::Version, Lang::En) => "the number 1 (the schema's version)".to_owned(),
            (W::Version, Lang::Zh) => "数字 1（格式版本）".to_owned(),
            (W::Role, Lang::En) => "\"ca\", \"server\" or \"client\"".to_owned(),
            (W::Role, Lang::Zh) => "\"ca\"、\"server\" 或 \"client\"".to_owned(),
            (W::Serial, Lang::En) => "the serial number in hex".to_owned(),
            (W::Serial, Lang::Zh) => "十六进制的序列号".to_owned(),
            (W::Text, Lang::En) => "a string".to_owned(),
            (W::Text, Lang::Zh) => "字符串".to_owned(),
            (W::TextOrNull, Lang::En) => "a string or null".to_owned(),
            (W::TextOrNull, Lang::Zh) => "字符串或 null".to_owned(),
            (W::Texts, Lang::En) => "a list of strings".to_owned(),
            (W::Texts, Lang::Zh) => "字符串列表".to_owned(),
            (W::Time, Lang::En) => "a time in RFC 3339 (2027-11-23T09:00:00Z)".to_owned(),
            (W::Time, Lang::Zh) => "RFC 3339 格式的时间（2027-11-23T09:00:00Z）".to_owned(),
            (W::SameMoment(field), Lang::En) => {
                format!("Unix seconds, the same moment as \"{field}\"")
            }
            (W::SameMoment(field), Lang::Zh) => format!("Unix 秒数，与 \"{field}\" 是同一时刻"),
            (W::Fingerprint, Lang::En) => "a SHA-256 fingerprint (AB:CD:..., 32 bytes)".to_owned(),
            (W::Fingerprint, Lang::Zh) => "SHA-256 指纹（AB:CD:...，32 字节）".to_owned(),
        }
    }
}

impl Localized for InventoryProblem {
    fn text(&self, lang: Lang) -> String {
        use InventoryProblem as P;
        match (self, lang) {
            (P::TooLarge { size, max }, Lang::En) => format!(
                "{size} bytes, larger than any inventory (at most {max}): not read"
            ),
            (P::TooLarge { size, max }, Lang::Zh) => {
                format!("{size} 字节，超过签发清单的上限（最多 {max} 字节）：未读取")
            }
            (P::LineTooLong { line, size, max }, Lang::En) => format!(
                "line {line}: {size} bytes, longer than any record (at most {max}): not read"
            ),
            (P::LineTooLong { line, size, max }, Lang::Zh) => {
                format!("第 {line} 行：{size} 字节，超过一条记录的上限（最多 {max} 字节）：未读取")
            }
            (P::NotJson { line, column }, Lang::En) => {
                format!("line {line}: not JSON (at column {column}): each line is one JSON object")
            }
            (P::NotJson { line, column }, Lang::Zh) => {
                format!("第 {line} 行：不是 JSON（第 {column} 列出错）：每行应是一个 JSON 对象")
            }
            (P::NotAnObject { line }, Lang::En) => {
                format!("line {line}: JSON, but not an object: each line is one JSON object")
            }
            (P::NotAnObject { line }, Lang::Zh) => {
                format!("第 {line} 行：是 JSON，但不是对象：每行应是一个 JSON 对象")
            }
            (P::NewerVersion { line, version }, Lang::En) => format!(
                "line {line}: \"v\" is {version}, a later format than this dockcert reads (1): use a newer dockcert"
            ),
            (P::NewerVersion { line, version }, Lang::Zh) => format!(
                "第 {line} 行：\"v\" 为 {version}，比此版本 dockcert 能读取的格式（1）更新：请使用更新的 dockcert"
            ),
            (P::Field { line, field, found, wanted }, Lang::En) => {
                let wanted = wanted.text(lang);
                match found {
                    Found::Missing => {
                        format!("line {line}: \"{field}\" is missing: it must be {wanted}")
                    }
                    Found::Wrong => format!("line {line}: \"{field}\" is not {wanted}"),
                }
            }
            (P::Field { line, field, found, wanted }, Lang::Zh) => {
                let how = match found {
                    Found::Missing => "缺失",
                    Found::Wrong => "不正确",
                };
                format!("第 {line} 行：\"{field}\" {how}：应为{}", wanted.text(lang))
            }
        }
    }
}

localized_error!(InventoryProblem);
