//! The two languages dockcert speaks: English, the words operators search
//! for and the CLI's default, and Simplified Chinese (the glossary is
//! shared/UI.md). Every message a person reads comes from one place in the
//! core, in both languages, so the page and the CLI say the same thing.

/// A language for messages and bundle text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The language for a tag such as a browser's "zh-CN" or a terminal's
    /// `LANG=zh_CN.UTF-8`: Chinese for any `zh`, English otherwise.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
}

/// Something a person reads, in either language. Its `Display` is English.
pub trait Localized {
    /// The text in `lang`.
    fn text(&self, lang: Lang) -> String;
}

/// Each of `items` in `lang`, one a line.
pub(crate) fn lines<T: Localized>(items: &[T], lang: Lang) -> String {
    items
        .iter()
        .map(|e| e.text(lang))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `Display` in English for a [`Localized`] type.
macro_rules! display_in_english {
    ($($ty:ty),+ $(,)?) => {$(
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&$crate::lang::Localized::text(self, $crate::lang::Lang::En))
            }
        }
    )+};
}
pub(crate) use display_in_english;

/// `Display` in English and `std::error::Error` for a [`Localized`] error.
macro_rules! localized_error {
    ($($ty:ty),+ $(,)?) => {$(
        $crate::lang::display_in_english!($ty);
        impl std::error::Error for $ty {}
    )+};
}
pub(crate) use localized_error;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_pick_the_language() {
        for (tag, lang) in [
            ("zh-CN", Lang::Zh),
            ("zh-Hant-TW", Lang::Zh),
            ("zh_CN.UTF-8", Lang::Zh),
            ("en-US", Lang::En),
            ("C.UTF-8", Lang::En),
            ("de", Lang::En),
            ("", Lang::En),
        ] {
            assert_eq!(Lang::from_tag(tag), lang, "{tag}");
        }
        assert_eq!(Lang::Zh.tag(), "zh-CN");
    }
}
