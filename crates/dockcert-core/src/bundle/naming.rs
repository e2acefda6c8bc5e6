//! A bundle's warnings as the page says them: the one that names a flag
//! (`--days`) names the page's field instead. The CLI's and README.txt's
//! words are [`Warning`]'s `Localized`, unchanged.

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
}
