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

    /// The language a terminal's locale asks for messages in: the first
    /// non-empty of `LC_ALL`, `LC_MESSAGES` and `LANG`, in POSIX's order of
    /// precedence, read by [`Lang::from_tag`]. None set, `C` or `POSIX`:
    /// English. The caller reads the environment; this only decides.
    pub fn from_locale(
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Lang {
        [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|value| !value.is_empty())
            .map_or(Lang::En, Lang::from_tag)
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

/// An operating system's reason for a failed read or write, as Rust words it
/// (the C library's English `strerror`, "No such file or directory"), in
/// `lang`: in Chinese, the reasons a person meets reading and writing files
/// and connecting are said in Chinese (glibc's own zh_CN words); any other
/// stays as the system said it.
pub fn os_reason(why: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return why.to_owned();
    }
    const ZH: [(&str, &str); 16] = [
        ("No such file or directory", "没有那个文件或目录"),
        ("Permission denied", "权限不够"),
        ("Is a directory", "是一个目录"),
        ("Not a directory", "不是目录"),
        ("Too many levels of symbolic links", "符号链接的层数过多"),
        ("File exists", "文件已存在"),
        ("Operation not permitted", "不允许的操作"),
        ("Read-only file system", "只读文件系统"),
        ("No space left on device", "设备上没有空间"),
        ("Disk quota exceeded", "超出磁盘配额"),
        ("Input/output error", "输入/输出错误"),
        ("Connection refused", "拒绝连接"),
        ("Connection reset by peer", "连接被对方重置"),
        ("Network is unreachable", "网络不可达"),
        ("No route to host", "没有到主机的路由"),
        ("Broken pipe", "断开的管道"),
    ];
    ZH.iter()
        .find(|(en, _)| *en == why)
        .map_or_else(|| why.to_owned(), |(_, zh)| (*zh).to_owned())
}

/// `text` followed by spaces to fill `width` terminal columns, as `{:width$}`
/// does for ASCII: a Chinese character takes two columns (East Asian Wide
/// and Fullwidth characters, UAX #11), so tables in either language line up.
pub fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(columns(text))))
}

/// How many terminal columns `text` takes (see [`pad`]): its length, for
/// ASCII.
pub fn columns(text: &str) -> usize {
    text.chars().map(char_columns).sum()
}

/// `text` cut into lines of at most `width` columns, for README.txt and
/// the summary: at spaces, and between two wide characters (Chinese has no
/// spaces), never before a closing mark (，。）) nor after an opening one
/// (（“). A word longer than `width` stands on a line of its own, uncut, so
/// a command or path in the text stays whole.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    // Each piece: whether a space came before it, and its text.
    let mut pieces: Vec<(bool, String)> = Vec::new();
    let mut spaced = false;
    for c in text.chars() {
        if c == ' ' || c == '\n' {
            spaced = true;
            continue;
        }
        let wide = char_columns(c) == 2;
        let joins = match pieces.last() {
            None => false,
            Some(_) if spaced => false,
            Some((_, last)) => {
                let last_wide = last.chars().last().is_some_and(|l| char_columns(l) == 2);
                CLOSING.contains(c)
                    || last.chars().all(|l| OPENING.contains(l))
                    || (!wide && !last_wide)
            }
        };
        match pieces.last_mut() {
            Some((_, last)) if joins => last.push(c),
            _ => pieces.push((spaced, c.to_string())),
        }
        spaced = false;
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for (spaced, piece) in pieces {
        let gap = usize::from(spaced && !line.is_empty());
        if !line.is_empty() && columns(&line) + gap + columns(&piece) > width {
            lines.push(std::mem::take(&mut line));
        } else if gap == 1 {
            line.push(' ');
        }
        line.push_str(&piece);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Marks a line does not start with.
const CLOSING: &str = "，。、；：？！）》」』”’,.;:?!)]";
/// Marks a line does not end with.
const OPENING: &str = "（《「『“‘([";

/// How many terminal columns `c` takes: two for East Asian Wide and
/// Fullwidth characters (CJK ideographs and punctuation, Hangul, fullwidth
/// forms), one otherwise.
fn char_columns(c: char) -> usize {
    let wide = matches!(u32::from(c),
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
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
    #[test]
    fn common_system_reasons_are_said_in_chinese_and_others_kept() {
        use super::{os_reason, Lang};
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        let said = std::fs::read("/nonexistent/dockcert").unwrap_err();
        assert_eq!(missing.kind(), said.kind());
        let why = said.to_string();
        let why = why.split(" (os error").next().unwrap();
        assert_eq!(os_reason(why, Lang::Zh), "没有那个文件或目录");
        assert_eq!(os_reason(why, Lang::En), why);
        assert_eq!(os_reason("something else", Lang::Zh), "something else");
    }

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

    #[test]
    fn the_locale_follows_posix_precedence() {
        let zh = Some("zh_CN.UTF-8");
        let en = Some("en_US.UTF-8");
        assert_eq!(Lang::from_locale(None, None, None), Lang::En);
        assert_eq!(Lang::from_locale(None, None, zh), Lang::Zh);
        assert_eq!(
            Lang::from_locale(None, zh, en),
            Lang::Zh,
            "LC_MESSAGES beats LANG"
        );
        assert_eq!(Lang::from_locale(en, zh, zh), Lang::En, "LC_ALL beats both");
        assert_eq!(Lang::from_locale(zh, en, en), Lang::Zh);
        assert_eq!(
            Lang::from_locale(Some(""), Some(""), zh),
            Lang::Zh,
            "empty is unset"
        );
        assert_eq!(Lang::from_locale(Some("C"), None, zh), Lang::En);
        assert_eq!(Lang::from_locale(Some("POSIX"), None, zh), Lang::En);
        assert_eq!(Lang::from_locale(None, None, Some("C.UTF-8")), Lang::En);
    }

    #[test]
    fn padding_counts_columns_not_bytes() {
        assert_eq!(pad("host", 6), "host  ");
        assert_eq!(pad(&format!("{:6}", "host"), 6), "host  ");
        assert_eq!(pad("主机", 6), "主机  ");
        assert_eq!(pad("客户端", 6), "客户端");
        assert_eq!(pad("路径（SAN）", 4), "路径（SAN）");
        assert_eq!(pad("toolong", 3), "toolong");
        assert_eq!(columns("CA 指纹（SHA-256）："), 20);
    }

    #[test]
    fn wrap_cuts_at_spaces_and_between_chinese_characters_not_before_a_closing_mark() {
        assert_eq!(
            wrap("the restart stops every container", 12),
            ["the restart", "stops every", "container"]
        );
        assert_eq!(
            wrap("a sudo-./install.sh-long b", 5),
            ["a", "sudo-./install.sh-long", "b"]
        );
        let zh = wrap("重启会停止所有容器，除非设置了 live-restore（见下）。", 10);
        for line in &zh {
            assert!(columns(line) <= 10 || !line.contains(' '), "{line}");
            assert!(!line.starts_with(['，', '。', '）']), "{zh:?}");
            assert!(!line.ends_with('（'), "{zh:?}");
        }
        assert_eq!(
            zh.concat().replace(' ', ""),
            "重启会停止所有容器，除非设置了live-restore（见下）。"
        );
    }
}
