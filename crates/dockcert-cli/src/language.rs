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

/// The language before clap reads the command line, so that clap's own
/// words (usage errors, `--help`) can follow it: the last `--lang zh` or
/// `--lang=zh` (or `en`) before a `--`, else the locale. A value clap will
/// refuse is passed over here; clap then says so in the locale's language.
pub(crate) fn before_parse(args: &[std::ffi::OsString]) -> Lang {
    let mut flag = None;
    let mut args = args.iter().skip(1).map(|a| a.to_str());
    while let Some(arg) = args.next() {
        let value = match arg {
            Some("--") => break,
            Some("--lang") => args.next().flatten(),
            Some(other) => other.strip_prefix("--lang="),
            None => None,
        };
        match value {
            Some("zh") => flag = Some(BundleLang::Zh),
            Some("en") => flag = Some(BundleLang::En),
            _ => {}
        }
    }
    chosen(flag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(args: &[&str]) -> Lang {
        let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
        before_parse(&args)
    }

    #[test]
    fn lang_is_read_before_clap_in_both_spellings_and_not_after_a_double_dash() {
        assert_eq!(with(&["dockcert", "new", "--lang", "zh"]), Lang::Zh);
        assert_eq!(with(&["dockcert", "--bogus", "--lang=zh"]), Lang::Zh);
        assert_eq!(
            with(&["dockcert", "new", "--lang=zh", "--lang", "en"]),
            Lang::En
        );
        assert_eq!(
            with(&["dockcert", "renew", "--lang", "zh", "--", "--lang=en"]),
            Lang::Zh
        );
    }
}
