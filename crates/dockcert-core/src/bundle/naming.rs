//! A bundle's warnings and errors as the page says them: the ones that name
//! a flag (`--days`, `--layout`, `--server`) name the page's fields instead.
//! The CLI's and README.txt's words are [`Warning`]'s and [`BundleError`]'s
//! `Localized`, unchanged.

use super::error::BundleError;
use super::warnings::Warning;
use crate::lang::{Lang, Localized};
use crate::plan::Field;
use crate::Speaker;

impl Warning {
    /// This warning as `speaker` says it in `lang`.
    pub fn text_for(&self, speaker: Speaker, lang: Lang) -> String {
        match (self, speaker, lang) {
            (Warning::DaysFitCa { days, expires }, Speaker::Page, Lang::En) => format!(
                "the CA expires on {expires}, so these certificates are valid for {days} days and end with it (not the default 365; a longer \"{}\" is refused). Plan a new CA before then.",
                Field::Days.label(lang)
            ),
            (Warning::DaysFitCa { days, expires }, Speaker::Page, Lang::Zh) => format!(
                "CA 将于 {expires} 到期，所以这些证书的有效期为 {days} 天，与 CA 同时到期（而不是默认的 365 天；超过 CA 有效期的“{}”会被拒绝）。请在此之前准备新的 CA。",
                Field::Days.label(lang)
            ),
            _ => self.text(lang),
        }
    }
}

impl BundleError {
    /// This error as `speaker` says it in `lang`.
    pub fn text_for(&self, speaker: Speaker, lang: Lang) -> String {
        let (hosts, clients) = (Field::Server.label(lang), Field::Client.label(lang));
        match (self, speaker, lang) {
            (BundleError::DindNeedsOne { servers, clients: given }, Speaker::Page, Lang::En) => format!(
                "the docker:dind tree is for one dockerd and one client: give exactly one host in \"{hosts}\" and one client in \"{clients}\" (given: {servers} and {given})"
            ),
            (BundleError::DindNeedsOne { servers, clients: given }, Speaker::Page, Lang::Zh) => format!(
                "dind（Docker-in-Docker）目录结构只对应一个 dockerd 和一个客户端：请在“{hosts}”中恰好填写一台主机，在“{clients}”中恰好填写一个客户端（现在是 {servers} 台主机、{given} 个客户端）"
            ),
            _ => self.text(lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_names_the_days_field_not_the_flag() {
        let w = Warning::DaysFitCa {
            days: 99,
            expires: "2027-03-14".into(),
        };
        for lang in [Lang::En, Lang::Zh] {
            assert!(w.text(lang).contains("--days"));
            assert_eq!(w.text_for(Speaker::Cli, lang), w.text(lang));
            let page = w.text_for(Speaker::Page, lang);
            assert!(!page.contains("--"), "{page}");
            assert!(page.contains(Field::Days.label(lang)), "{page}");
            assert!(page.contains("2027-03-14") && page.contains("99"), "{page}");
        }
    }

    #[test]
    fn the_page_names_its_fields_for_the_dind_tree() {
        let e = BundleError::DindNeedsOne {
            servers: 2,
            clients: 0,
        };
        for lang in [Lang::En, Lang::Zh] {
            assert_eq!(e.text_for(Speaker::Cli, lang), e.text(lang));
            assert!(e.text(lang).contains("--server"));
            let page = e.text_for(Speaker::Page, lang);
            assert!(!page.contains("--"), "{page}");
            assert!(page.contains(Field::Server.label(lang)), "{page}");
            assert!(page.contains(Field::Client.label(lang)), "{page}");
        }
    }
}
