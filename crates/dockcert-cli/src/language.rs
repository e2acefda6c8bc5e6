//! The language dockcert speaks in a run: `--lang`, else the terminal's
//! locale (the rule is the core's [`Lang::from_locale`]).

use dockcert_core::Lang;

use crate::cli::BundleLang;

/// `--lang` when given, else the locale's language.
pub(crate) fn chosen(flag: Option<BundleLang>) -> Lang {
    match flag {
        Some(BundleLang::En) => Lang::En,
        Some(BundleLang::Zh) => Lang::Zh,
        None => {
            let var = |name| std::env::var(name).ok();
            Lang::from_locale(
                var("LC_ALL").as_deref(),
                var("LC_MESSAGES").as_deref(),
                var("LANG").as_deref(),
            )
        }
    }
}
