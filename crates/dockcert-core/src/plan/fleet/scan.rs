//! A fleet file's shape, bounded before it is parsed. The TOML parser
//! builds the whole document before serde sees its schema, so 16 MiB of
//! dotted keys (`a.a.a… = 1`) or of one-line tables became gigabytes of
//! tables first (one reached 9 GB; each table costs the parser about 1 KB).
//! This scan reads the text once, in linear time and no memory, and refuses
//! a file nested deeper, or opening more tables or holding more values, than
//! any fleet needs, naming the line where it went past.
//! Where it cannot follow the text (not TOML, or TOML it does not know), only
//! the text up to the end of that line goes to the parser, which says what
//! is wrong there: given the whole file, the parser reads on past its first
//! error (16 MiB of dotted keys after one bad line still took 2 GB).

use super::problems::FleetError;
use crate::plan::error::InputProblem;

/// Deepest nesting read: tables, keys and arrays from the top. The
/// deepest a fleet file needs is 4, `host = [{ allow_from = ["…"] }]`.
pub(crate) const MAX_FLEET_DEPTH: usize = 8;

/// Most tables read (headers, each part of a dotted key but the last, and
/// inline tables): one per host and client, `[ca]` and `[defaults]`, and
/// room for dotted keys.
pub(crate) const MAX_FLEET_TABLES: usize = 2 * crate::plan::MAX_ENTRIES + 100;

/// Most values read (every key's value, every array element, every table
/// header): 10,000 hosts and 10,000 clients with a few names each need
/// about 150,000.
pub(crate) const MAX_FLEET_VALUES: usize = 250_000;

/// What the scan found a fleet file to be, when within the limits.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// Followed to its end: the parser may read it all.
    Bounded,
    /// Followed up to the line ending at byte `end` (exclusive), where the
    /// scan could not follow it: only that much may be parsed.
    LostAt {
        /// The end of the line it was lost on.
        end: usize,
    },
}

/// Refuses `text` (named `file`) if it nests deeper than
/// [`MAX_FLEET_DEPTH`], opens more than [`MAX_FLEET_TABLES`] tables or
/// holds more than [`MAX_FLEET_VALUES`] values.
pub(super) fn check_shape(file: &str, text: &str) -> Result<Shape, FleetError> {
    let mut scan = Scan {
        text: text.as_bytes(),
        at: 0,
        line: 1,
        values: 0,
        tables: 0,
    };
    match scan.document() {
        Ok(()) => Ok(Shape::Bounded),
        Err(Stop::Confused) => {
            let rest = text.as_bytes().get(scan.at..).unwrap_or_default();
            let end = memchr::memchr(b'\n', rest).map_or(text.len(), |n| scan.at + n + 1);
            Ok(Shape::LostAt { end })
        }
        Err(Stop::Refused(problem)) => Err(FleetError {
            file: file.to_owned(),
            line: scan.line,
            field: String::new(),
            value: None,
            problem: Box::new(problem),
        }),
    }
}

enum Stop {
    /// Not TOML this scan follows: the parser says what is wrong.
    Confused,
    /// Past a limit.
    Refused(InputProblem),
}

struct Scan<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
    values: usize,
    tables: usize,
}

impl Scan<'_> {
    fn document(&mut self) -> Result<(), Stop> {
        // The depth of the table the last header opened.
        let mut table = 0;
        loop {
            self.skip_blank_lines();
            match self.peek() {
                None => return Ok(()),
                Some(b'[') => {
                    self.at += 1;
                    let array = self.eat(b'[');
                    let segments = self.key()?;
                    if !(self.eat(b']') && (!array || self.eat(b']'))) {
                        return Err(Stop::Confused);
                    }
                    table = segments + usize::from(array);
                    self.count_tables(segments)?;
                    self.count_value(table)?;
                }
                Some(_) => {
                    let segments = self.key()?;
                    self.count_tables(segments - 1)?;
                    let depth = table + segments;
                    self.expect_equals()?;
                    self.value(depth)?;
                }
            }
            self.end_of_line()?;
        }
    }

    /// A value whose place is `depth` deep.
    fn value(&mut self, depth: usize) -> Result<(), Stop> {
        self.count_value(depth)?;
        self.skip_spaces();
        match self.peek() {
            Some(b'"') | Some(b'\'') => self.string(),
            Some(b'[') => {
                self.at += 1;
                loop {
                    self.skip_whitespace_and_comments();
                    if self.eat(b']') {
                        return Ok(());
                    }
                    self.value(depth + 1)?;
                    self.skip_whitespace_and_comments();
                    if self.eat(b']') {
                        return Ok(());
                    }
                    if !self.eat(b',') {
                        return Err(Stop::Confused);
                    }
                }
            }
            Some(b'{') => {
                self.at += 1;
                self.count_tables(1)?;
                loop {
                    self.skip_whitespace_and_comments();
                    if self.eat(b'}') {
                        return Ok(());
                    }
                    let segments = self.key()?;
                    self.count_tables(segments - 1)?;
                    let key_depth = depth + segments;
                    self.expect_equals()?;
                    self.value(key_depth)?;
                    self.skip_whitespace_and_comments();
                    if self.eat(b'}') {
                        return Ok(());
                    }
                    if !self.eat(b',') {
                        return Err(Stop::Confused);
                    }
                }
            }
            Some(_) => {
                // A number, a boolean or a date: up to what ends it.
                let start = self.at;
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b']' | b'}' | b'\n' | b'#' | b'\r') {
                        break;
                    }
                    self.at += 1;
                }
                if self.at == start {
                    return Err(Stop::Confused);
                }
                Ok(())
            }
            None => Err(Stop::Confused),
        }
    }

    /// One more value, `depth` deep: refused past either limit.
    fn count_value(&mut self, depth: usize) -> Result<(), Stop> {
        self.values += 1;
        if depth > MAX_FLEET_DEPTH {
            return Err(Stop::Refused(InputProblem::FleetTooDeep(MAX_FLEET_DEPTH)));
        }
        if self.values > MAX_FLEET_VALUES {
            return Err(Stop::Refused(InputProblem::FleetTooManyValues(
                MAX_FLEET_VALUES,
            )));
        }
        Ok(())
    }

    /// `more` tables opened.
    fn count_tables(&mut self, more: usize) -> Result<(), Stop> {
        self.tables += more;
        if self.tables > MAX_FLEET_TABLES {
            return Err(Stop::Refused(InputProblem::FleetTooManyTables(
                MAX_FLEET_TABLES,
            )));
        }
        Ok(())
    }

    /// A key, dotted or not: how many segments it has (at least one).
    fn key(&mut self) -> Result<usize, Stop> {
        let mut segments = 0;
        loop {
            self.skip_spaces();
            match self.peek() {
                Some(b'"') | Some(b'\'') => self.string()?,
                _ => {
                    let start = self.at;
                    while self.peek().is_some_and(|b| {
                        b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b >= 0x80
                    }) {
                        self.at += 1;
                    }
                    // (Letters beyond ASCII too, as TOML 1.1 allows: counted either way.)
                    if self.at == start {
                        return Err(Stop::Confused);
                    }
                }
            }
            segments += 1;
            // A dotted key longer than any depth is refused before it is read to its end.
            if segments > MAX_FLEET_DEPTH {
                return Err(Stop::Refused(InputProblem::FleetTooDeep(MAX_FLEET_DEPTH)));
            }
            self.skip_spaces();
            if !self.eat(b'.') {
                return Ok(segments);
            }
        }
    }

    /// A quoted string: basic or literal, on one line or several.
    fn string(&mut self) -> Result<(), Stop> {
        let Some(quote) = self.peek() else {
            return Err(Stop::Confused);
        };
        let triple = [quote; 3];
        let multi_line = self.text[self.at..].starts_with(&triple);
        self.at += if multi_line { 3 } else { 1 };
        while let Some(b) = self.peek() {
            self.at += 1;
            match b {
                b'\\' if quote == b'"' => {
                    // The escaped character; an escaped newline is still a line.
                    if self.peek() == Some(b'\n') {
                        self.line += 1;
                    }
                    self.at += 1;
                }
                b'\n' if multi_line => self.line += 1,
                b'\n' => {
                    // Lost on this line, not the next.
                    self.at -= 1;
                    return Err(Stop::Confused);
                }
                b if b == quote && !multi_line => return Ok(()),
                b if b == quote && self.text[self.at - 1..].starts_with(&triple) => {
                    // Up to two more quotes may close it (`""""` ends in a quote).
                    self.at += 2;
                    while self.peek() == Some(quote) {
                        self.at += 1;
                    }
                    return Ok(());
                }
                _ => {}
            }
        }
        Err(Stop::Confused)
    }

    fn expect_equals(&mut self) -> Result<(), Stop> {
        self.skip_spaces();
        if self.eat(b'=') {
            Ok(())
        } else {
            Err(Stop::Confused)
        }
    }

    /// Spaces, a comment, then a line's end or the file's.
    fn end_of_line(&mut self) -> Result<(), Stop> {
        self.skip_spaces();
        self.skip_comment();
        self.eat(b'\r');
        match self.peek() {
            None => Ok(()),
            Some(b'\n') => {
                self.at += 1;
                self.line += 1;
                Ok(())
            }
            Some(_) => Err(Stop::Confused),
        }
    }

    fn skip_blank_lines(&mut self) {
        loop {
            self.skip_spaces();
            self.skip_comment();
            self.eat(b'\r');
            if !self.eat(b'\n') {
                return;
            }
            self.line += 1;
        }
    }

    fn skip_whitespace_and_comments(&mut self) {
        loop {
            self.skip_blank_lines();
            self.skip_spaces();
            if self.peek() != Some(b'\n') && self.peek() != Some(b'#') {
                return;
            }
        }
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    fn skip_comment(&mut self) {
        if self.peek() == Some(b'#') {
            while self.peek().is_some_and(|b| b != b'\n') {
                self.at += 1;
            }
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        let matched = self.peek() == Some(byte);
        if matched {
            self.at += 1;
        }
        matched
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{Lang, Localized};

    fn refusal(text: &str) -> Option<(usize, String)> {
        check_shape("fleet.toml", text)
            .err()
            .map(|e| (e.line, e.text(Lang::En)))
    }

    fn shape(text: &str) -> Shape {
        check_shape("fleet.toml", text).unwrap()
    }

    #[test]
    fn a_fleet_file_passes() {
        let text = r#"
# A fleet
[ca]
name = "Acme \"Docker\" CA"   # --ca-name
days = 3650
[defaults]
allow_from = [
  "10.0.0.0/8", # the office
  '192.168.0.0/16',
]
[[host]]
name = """docker1
.example.com"""
sans = ["10.0.0.5"]
[[host]]
name = "docker2"
host = [{ name = "x", allow_from = ["10.0.0.0/8"] }]
"a.b".'c' = 1979-05-27 07:32:00Z
[[client]]
name = "alice"
"#;
        assert_eq!(shape(text), Shape::Bounded);
    }

    #[test]
    fn deep_or_crowded_files_are_refused_at_their_line() {
        let dotted = format!("[ca]\nname = \"x\"\n{} = 1\n", vec!["a"; 100_000].join("."));
        let (line, message) = refusal(&dotted).unwrap();
        assert_eq!(line, 3);
        assert_eq!(
            message,
            "fleet.toml:3: tables, keys and arrays nest deeper than the 8 levels a fleet file may use (the deepest a fleet needs is 4: host = [{ allow_from = [\"...\"] }])"
        );
        let dotted: String = (0..=MAX_FLEET_TABLES)
            .map(|i| format!("k{i}.a = 1\n"))
            .collect();
        let (line, message) = refusal(&dotted).unwrap();
        assert_eq!(line, MAX_FLEET_TABLES + 1);
        assert!(message.contains("more than the 20100 tables"), "{message}");
        let nested = format!("x = {}1{}\n", "[".repeat(50), "]".repeat(50));
        assert_eq!(refusal(&nested).unwrap().0, 1);
        let inline = format!("\n\nx = {}1{}\n", "{a = ".repeat(50), "}".repeat(50));
        assert_eq!(refusal(&inline).unwrap().0, 3);
        let header = format!("[{}]\n", ["t"; 9].join("."));
        assert!(refusal(&header).is_some());
        let keys: String = (0..MAX_FLEET_VALUES + 1)
            .map(|i| format!("k{i} = 1\n"))
            .collect();
        let (line, message) = refusal(&keys).unwrap();
        assert_eq!(line, MAX_FLEET_VALUES + 1);
        assert!(message.contains("more than the 250000 values"), "{message}");
        let array = format!("x = [{}]\n", "1,".repeat(MAX_FLEET_VALUES + 1));
        assert_eq!(refusal(&array).unwrap().0, 1);
        let zh = check_shape("f.toml", &nested).unwrap_err().text(Lang::Zh);
        assert!(zh.starts_with("f.toml:1："), "{zh}");
    }

    #[test]
    fn where_it_cannot_follow_the_text_it_says_how_far_to_parse() {
        let rest = "a.a.a.a = 1\n".repeat(10);
        for bad in [
            "x = \"open\n",
            "= 1\n",
            "[a\n",
            "x = [1, 2 3}\n",
            "x = {a = 1, = 2}\n",
        ] {
            let text = format!("[ca]\n{bad}{rest}");
            let end = 5 + bad.len();
            assert_eq!(shape(&text), Shape::LostAt { end }, "{bad:?}");
        }
        assert_eq!(shape("[ca]\nname = 'x"), Shape::LostAt { end: 14 });
        // A scalar runs to what ends it (dates hold spaces): the parser
        // refuses these, and every line was counted.
        assert_eq!(shape("x = [1 2]\ny = 1 z\n"), Shape::Bounded);
    }
}
