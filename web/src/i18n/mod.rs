//! The page's words in English and Chinese (glossary: shared/UI.md). Error
//! messages about inputs come from the core, in the CLI's words but naming
//! each field by its label (the core's `Field::label`, which the labels of
//! the plan's fields here are) rather than by its flag.

mod guide;
mod rotation;
mod text;
mod words;

use dockcert_core::bundle::Layout;
use dockcert_core::import::{KeyFormat, KeyState};

pub use dockcert_core::Lang;
pub use guide::Guide;
pub use rotation::{members, phase_title, Rot};
pub use text::Text;

/// A key type's label in the select.
pub fn key_type_label(key_type: dockcert_core::pki::KeyType, lang: Lang) -> &'static str {
    use dockcert_core::pki::KeyType;
    match (key_type, lang) {
        (KeyType::EcdsaP256, Lang::En) => "ECDSA P-256 (recommended)",
        (KeyType::EcdsaP256, Lang::Zh) => "ECDSA P-256（推荐）",
        (KeyType::EcdsaP384, _) => "ECDSA P-384",
        (KeyType::Ed25519, _) => "Ed25519",
        (KeyType::Rsa2048, _) => "RSA 2048",
        (KeyType::Rsa3072, _) => "RSA 3072",
        (KeyType::Rsa4096, Lang::En) => "RSA 4096 (takes seconds)",
        (KeyType::Rsa4096, Lang::Zh) => "RSA 4096（需要几秒钟）",
    }
}

/// A layout's label in the select.
pub fn layout_label(layout: Layout, lang: Lang) -> &'static str {
    match (layout, lang) {
        (Layout::Standard, Lang::En) => "Standard: a folder per host and per client",
        (Layout::Standard, Lang::Zh) => "标准：每台主机和每个客户端各一个目录",
        (Layout::Dind, Lang::En) => "docker-in-docker (dind): the tree docker:dind reads",
        (Layout::Dind, Lang::Zh) => "dind（Docker-in-Docker）目录结构：docker:dind 读取的目录",
    }
}

/// How a CA key is stored, in `lang`.
pub fn key_format(format: KeyFormat, lang: Lang) -> &'static str {
    match (format, lang) {
        (KeyFormat::Pkcs8, _) => "PKCS#8",
        (KeyFormat::EncryptedPkcs8, _) => "PKCS#8 (PBES2)",
        (KeyFormat::Pkcs1, Lang::En) => "PKCS#1 (RSA PRIVATE KEY)",
        (KeyFormat::Pkcs1, Lang::Zh) => "PKCS#1（PEM “RSA PRIVATE KEY”）",
        (KeyFormat::Sec1, Lang::En) => "SEC1 (EC PRIVATE KEY)",
        (KeyFormat::Sec1, Lang::Zh) => "SEC1（PEM “EC PRIVATE KEY”）",
        (KeyFormat::LegacyEncrypted, Lang::En) => "legacy PEM with DEK-Info",
        (KeyFormat::LegacyEncrypted, Lang::Zh) => "传统 PEM（DEK-Info）",
    }
}

/// How a CA key is stored and whether it is encrypted, in `lang`.
pub fn key_words(state: KeyState, lang: Lang) -> String {
    let format = key_format(state.format(), lang);
    match state {
        KeyState::Plain(_) => format.to_owned(),
        KeyState::Encrypted(_) => format!("{format} · {}", Text::Encrypted.tr(lang)),
    }
}

/// What the CA's inventory lists: "lists 12 certificates; 1 damaged line,
/// given back as it is".
pub fn inventory_status(records: usize, damaged: usize, lang: Lang) -> String {
    let s = if records == 1 { "" } else { "s" };
    match (lang, damaged) {
        (Lang::En, 0) => format!("lists {records} certificate{s}; the new ones are added to it"),
        (Lang::En, d) => format!(
            "lists {records} certificate{s}; {d} damaged line{} kept as {}, the new ones added after",
            if d == 1 { "" } else { "s" },
            if d == 1 { "it is" } else { "they are" }
        ),
        (Lang::Zh, 0) => format!("列出 {records} 张证书；新证书会追加到其中"),
        (Lang::Zh, d) => format!("列出 {records} 张证书；{d} 行已损坏，保持原样，新证书追加在后面"),
    }
}

/// `texts` as one line in `lang`: English sentences spaced, Chinese ones
/// run together.
pub fn line(texts: &[Text], lang: Lang) -> String {
    let words: Vec<&str> = texts.iter().map(|t| t.tr(lang)).collect();
    match lang {
        Lang::En => words.join(" "),
        Lang::Zh => words.concat(),
    }
}

/// "3 files read."
pub fn files_read(n: usize, lang: Lang) -> String {
    match (lang, n) {
        (Lang::En, 1) => "1 file read.".to_owned(),
        (Lang::En, n) => format!("{n} files read."),
        (Lang::Zh, n) => format!("已读取 {n} 个文件。"),
    }
}

/// The mark of a certificate that ends within `days` days.
pub fn expires_within(days: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!("expires within {days} days"),
        Lang::Zh => format!("{days} 天内到期"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dockcert_core::bundle::layout::FileKind;

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn glossary_terms_are_used() {
        assert!(Text::OfflineBadge.tr(Lang::Zh).contains("离线运行"));
        assert!(Text::SanTerm.tr(Lang::Zh).contains("主题备用名称"));
        assert_eq!(Text::Advanced.tr(Lang::Zh), "高级选项");
        assert_eq!(Text::Generate.tr(Lang::Zh), "生成");
        assert!(FileKind::CaKey.purpose(Lang::Zh).contains("私钥"));
        assert_eq!(Text::ModeInspect.tr(Lang::Zh), "检查");
        assert!(
            layout_label(Layout::Dind, Lang::Zh).starts_with("dind（Docker-in-Docker）目录结构")
        );
        assert_eq!(Text::Issue.tr(Lang::Zh), "签发");
        assert_eq!(Text::Renew.tr(Lang::Zh), "续期");
        assert!(Text::ModeExistingCa.tr(Lang::Zh).contains("导入"));
        assert!(Text::CaPassphrase.tr(Lang::Zh).contains("口令"));
        assert_eq!(
            FileKind::CaKey.purpose(Lang::En),
            FileKind::CaKey.spec().purpose
        );
    }
}
