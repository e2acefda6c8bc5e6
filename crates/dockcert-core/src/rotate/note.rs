//! What a rotation tells the operator about the bundle it replaces, in
//! English and Chinese: what docker already refuses today, and why the
//! rotation goes on all the same (it is the way out).

use time::OffsetDateTime;

use super::error::RotateInput;
use crate::inspect::verify::{Refusal, Which};
use crate::lang::{display_in_english, Lang, Localized};
use crate::pki;
use crate::show;
use crate::Speaker;

/// How many out-of-date certificates are named one by one.
pub(super) const OUT_OF_DATE_SHOWN: usize = 20;

/// Something about the current bundle the operator should know.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RotateNote {
    /// The old CA's certificate has expired: docker already refuses every
    /// certificate it issued, so phase 1 changes nothing that works, and a
    /// connection comes back once both its ends have done phase 2. A
    /// warning, not a refusal: rotating is how one gets away from it
    /// (`dockcert new` would lose the bundle's names and addresses).
    OldCaExpired {
        /// Its name, made safe to show.
        name: String,
        /// Its notAfter.
        ended: OffsetDateTime,
    },
    /// A certificate docker refuses today for its dates alone (or its
    /// chain's); the old CA did issue it, and phase 2 replaces it.
    OutOfDate {
        /// Its path in the bundle.
        path: String,
        /// The judge's refusal at the rotation's moment.
        refusal: Refusal,
    },
    /// How many more out-of-date certificates there are than are named.
    MoreOutOfDate(usize),
}

impl RotateNote {
    /// A warning (said as one), rather than a note.
    pub fn is_warning(&self) -> bool {
        matches!(self, RotateNote::OldCaExpired { .. })
    }

    /// This note as `speaker` says it in `lang`: the CLI names the current
    /// bundle by its flag (`--from`), the page by its field's label.
    pub fn text_for(&self, speaker: Speaker, lang: Lang) -> String {
        use RotateNote as N;
        match (self, lang) {
            (N::OldCaExpired { name, ended }, Lang::En) => format!(
                "the old CA \"{name}\" expired on {}: docker already refuses every certificate it issued, so phase 1 (trust both) changes nothing that works; each connection comes back once its host and its client have both done phase 2. Run the phases in order all the same (README.txt)",
                pki::day(*ended)
            ),
            (N::OldCaExpired { name, ended }, Lang::Zh) => format!(
                "旧 CA“{name}”已于 {} 到期：docker 已经拒绝它签发的每一张证书，所以第 1 阶段（同时信任新旧 CA）不会改变任何仍在工作的连接；主机和客户端都完成第 2 阶段后，它们之间的连接就会恢复。仍请按顺序运行各个阶段（见 README.txt）",
                pki::day(*ended)
            ),
            (N::OutOfDate { path, refusal }, _) => {
                let from = RotateInput::From.named(speaker, lang);
                let path = show::quoted(path);
                let dates = dates(refusal, lang);
                match lang {
                    Lang::En => format!(
                        "{from} {path}: docker refuses it today: {dates}; its dates alone, the old CA did issue it, so the rotation goes on and phase 2 replaces it"
                    ),
                    Lang::Zh => format!(
                        "{from} {path}：docker 现在就会拒绝它：{dates}；只是日期问题，它确实由旧 CA 签发，所以轮换照常进行，第 2 阶段会替换它"
                    ),
                }
            }
            (N::MoreOutOfDate(n), Lang::En) => {
                format!("and {n} more certificates of the bundle that docker refuses today for their dates alone")
            }
            (N::MoreOutOfDate(n), Lang::Zh) => {
                format!("证书包中另有 {n} 张证书现在也只因日期问题被 docker 拒绝")
            }
        }
    }
}

impl Localized for RotateNote {
    fn text(&self, lang: Lang) -> String {
        self.text_for(Speaker::Cli, lang)
    }
}

display_in_english!(RotateNote);

/// Which certificate's dates, and what they are, for an out-of-date note.
fn dates(refusal: &Refusal, lang: Lang) -> String {
    let which = |at: &Which| match (at, lang) {
        (Which::Leaf, Lang::En) => "it".to_owned(),
        (Which::Leaf, Lang::Zh) => "它".to_owned(),
        (Which::Intermediate(i), Lang::En) => format!("certificate #{} of its file", i + 2),
        (Which::Intermediate(i), Lang::Zh) => format!("它的文件中的第 {} 张证书", i + 2),
        (Which::Root(_), Lang::En) => "the old CA".to_owned(),
        (Which::Root(_), Lang::Zh) => "旧 CA".to_owned(),
    };
    match (refusal, lang) {
        (Refusal::Expired { at, not_after, .. }, Lang::En) => {
            format!("{} expired on {}", which(at), pki::minute(*not_after))
        }
        (Refusal::Expired { at, not_after, .. }, Lang::Zh) => {
            format!("{}已于 {} 到期", which(at), pki::minute(*not_after))
        }
        (Refusal::NotYetValid { at, not_before, .. }, Lang::En) => {
            format!(
                "{} is not valid before {}",
                which(at),
                pki::minute(*not_before)
            )
        }
        (Refusal::NotYetValid { at, not_before, .. }, Lang::Zh) => {
            format!("{}要到 {} 才生效", which(at), pki::minute(*not_before))
        }
        (other, _) => other.text(lang),
    }
}
