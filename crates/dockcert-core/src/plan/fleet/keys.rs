//! A fleet file's `[ca]`, `[defaults]` and `[[host]]` read by walking the
//! table of settings (`settings.rs`): each key is found by its row's
//! [`FleetKey`](crate::plan::FleetKey) and read as its TOML value, with
//! serde's own words for a key or a value that does not fit (`unknown
//! field `instal_dir`, expected one of ...`, `invalid type: ...`) at its
//! line, as a derived struct would say them.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use crate::plan::{Field, FleetValue};

/// One setting as a fleet file gives it: the values and where they are.
pub(super) struct Given {
    pub(super) field: Field,
    pub(super) key: &'static str,
    pub(super) values: Vec<String>,
    pub(super) span: Range<usize>,
}

/// `[ca]`: its settings.
pub(super) struct CaSection(pub(super) Vec<Given>);

/// `[defaults]`: its settings.
pub(super) struct Defaults(pub(super) Vec<Given>);

/// One `[[host]]`: its name, its names and addresses, its own settings.
pub(super) struct HostEntry {
    pub(super) name: Spanned<String>,
    pub(super) sans: Vec<Spanned<String>>,
    pub(super) own: Vec<Given>,
}

/// A key of a table: a setting's, or one of a host's own two.
#[derive(Clone, Copy)]
enum Key {
    Setting(Field, &'static str, FleetValue),
    Name,
    Sans,
}

impl Key {
    fn name(self) -> &'static str {
        match self {
            Key::Setting(_, key, _) => key,
            Key::Name => "name",
            Key::Sans => "sans",
        }
    }
}

/// The keys of `table` (`ca`, `defaults`), in their places.
fn section_keys(table: &str) -> Vec<Key> {
    let mut keys: Vec<(usize, Key)> = Field::ALL
        .iter()
        .filter_map(|f| {
            let at = f.setting().fleet.filter(|k| k.table == table)?;
            Some((at.place, Key::Setting(*f, at.key, at.value)))
        })
        .collect();
    keys.sort_by_key(|(place, _)| *place);
    keys.into_iter().map(|(_, key)| key).collect()
}

/// A `[[host]]`'s keys: `name`, `sans`, then each setting a host may set.
fn host_keys() -> Vec<Key> {
    let own = Field::ALL.iter().filter_map(|f| {
        let at = f.setting().fleet.filter(|k| k.per_host)?;
        Some(Key::Setting(*f, at.key, at.value))
    });
    [Key::Name, Key::Sans].into_iter().chain(own).collect()
}

/// serde's words for a key no table has (`unknown field ...`).
fn unknown<E: de::Error>(key: &str, keys: &[Key]) -> E {
    let names: Vec<String> = keys.iter().map(|k| format!("`{}`", k.name())).collect();
    match names.as_slice() {
        [] => E::custom(format_args!("unknown field `{key}`, there are no fields")),
        [one] => E::custom(format_args!("unknown field `{key}`, expected {one}")),
        [a, b] => E::custom(format_args!("unknown field `{key}`, expected {a} or {b}")),
        _ => E::custom(format_args!(
            "unknown field `{key}`, expected one of {}",
            names.join(", ")
        )),
    }
}

/// Reads a key, refusing one the table does not have, at its line.
struct KeySeed<'a>(&'a [Key]);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        self.0
            .iter()
            .find(|k| k.name() == v)
            .copied()
            .ok_or_else(|| unknown(v, self.0))
    }
}

/// What a key's value was read as.
enum Read {
    Setting(Given),
    Name(Spanned<String>),
    Sans(Vec<Spanned<String>>),
}

/// Reads the value of a key as its TOML value.
struct ValueSeed(Key);

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Read;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Read, D::Error> {
        let (field, key, value) = match self.0 {
            Key::Name => return Spanned::<String>::deserialize(d).map(Read::Name),
            Key::Sans => return Vec::<Spanned<String>>::deserialize(d).map(Read::Sans),
            Key::Setting(field, key, value) => (field, key, value),
        };
        let given = |values, span| {
            Read::Setting(Given {
                field,
                key,
                values,
                span,
            })
        };
        Ok(match value {
            FleetValue::Text => {
                let v = Spanned::<String>::deserialize(d)?;
                given(vec![v.get_ref().clone()], v.span())
            }
            FleetValue::Number => {
                let v = Spanned::<i64>::deserialize(d)?;
                given(vec![v.get_ref().to_string()], v.span())
            }
            FleetValue::List => {
                let v = Spanned::<Vec<String>>::deserialize(d)?;
                let span = v.span();
                given(v.into_inner(), span)
            }
        })
    }
}

/// Reads a table (or, as serde reads a struct, an array of its values in
/// its keys' order) of `keys`, as the struct `name`.
struct TableVisitor<T> {
    name: &'static str,
    keys: Vec<Key>,
    into: PhantomData<T>,
}

impl<T> TableVisitor<T> {
    fn new(name: &'static str, keys: Vec<Key>) -> Self {
        TableVisitor {
            name,
            keys,
            into: PhantomData,
        }
    }
}

/// What a table's values make.
trait FromReads: Sized {
    fn from_reads<E: de::Error>(reads: Vec<Read>) -> Result<Self, E>;
}

impl<'de, T: FromReads> Visitor<'de> for TableVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut reads = Vec::new();
        let mut seen = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed(&self.keys))? {
            if seen.contains(&key.name()) {
                return Err(de::Error::duplicate_field(key.name()));
            }
            seen.push(key.name());
            reads.push(map.next_value_seed(ValueSeed(key))?);
        }
        T::from_reads(reads)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
        let mut reads = Vec::new();
        for (i, key) in self.keys.iter().enumerate() {
            match (seq.next_element_seed(ValueSeed(*key))?, key) {
                (Some(read), _) => reads.push(read),
                // serde's default for `sans`.
                (None, Key::Sans) => reads.push(Read::Sans(Vec::new())),
                (None, _) => {
                    let expected =
                        format!("struct {} with {} elements", self.name, self.keys.len());
                    return Err(de::Error::invalid_length(i, &expected.as_str()));
                }
            }
        }
        T::from_reads(reads)
    }
}

fn settings(reads: Vec<Read>) -> Vec<Given> {
    reads
        .into_iter()
        .filter_map(|r| match r {
            Read::Setting(given) => Some(given),
            Read::Name(_) | Read::Sans(_) => None,
        })
        .collect()
}

impl FromReads for CaSection {
    fn from_reads<E: de::Error>(reads: Vec<Read>) -> Result<Self, E> {
        Ok(CaSection(settings(reads)))
    }
}

impl FromReads for Defaults {
    fn from_reads<E: de::Error>(reads: Vec<Read>) -> Result<Self, E> {
        Ok(Defaults(settings(reads)))
    }
}

impl FromReads for HostEntry {
    fn from_reads<E: de::Error>(reads: Vec<Read>) -> Result<Self, E> {
        let (mut name, mut sans, mut own) = (None, Vec::new(), Vec::new());
        for read in reads {
            match read {
                Read::Name(n) => name = Some(n),
                Read::Sans(s) => sans = s,
                Read::Setting(given) => own.push(given),
            }
        }
        let name = name.ok_or_else(|| E::missing_field("name"))?;
        Ok(HostEntry { name, sans, own })
    }
}

impl<'de> Deserialize<'de> for CaSection {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let keys = section_keys("ca");
        d.deserialize_struct("CaSection", &[], TableVisitor::new("CaSection", keys))
    }
}

impl<'de> Deserialize<'de> for Defaults {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let keys = section_keys("defaults");
        d.deserialize_struct("Defaults", &[], TableVisitor::new("Defaults", keys))
    }
}

impl<'de> Deserialize<'de> for HostEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_struct(
            "HostEntry",
            &[],
            TableVisitor::new("HostEntry", host_keys()),
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::plan::fleet::Fleet;
    use crate::plan::{Field, FleetValue, InputProblem};

    /// A TOML value of `kind` whose text (as the request holds it) is `text`.
    fn value(kind: FleetValue, text: &str) -> String {
        match kind {
            FleetValue::Text => format!("{text:?}"),
            FleetValue::Number => text.to_owned(),
            FleetValue::List => format!("[{text:?}]"),
        }
    }

    #[test]
    fn every_key_of_the_table_is_read_into_its_field_at_its_line() {
        let mut ca = String::from("[ca]\n");
        let mut defaults = String::from("[defaults]\n");
        let mut host = String::from("[[host]]\nname = \"docker1\"\n");
        for field in Field::ALL {
            let Some(key) = field.setting().fleet else {
                continue;
            };
            let line = format!("{} = {}\n", key.key, value(key.value, "7"));
            match key.table {
                "ca" => ca.push_str(&line),
                _ => defaults.push_str(&line),
            }
            if key.per_host {
                host.push_str(&line);
            }
        }
        let text = format!("{ca}{defaults}{host}");
        let fleet = Fleet::parse("fleet.toml", &text).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for field in Field::ALL {
            let Some(key) = field.setting().fleet else {
                continue;
            };
            assert!(fleet.request.gives(*field), "{field:?}");
            let at = format!("{}.{}", key.table, key.key);
            let line = fleet.lines[&at];
            assert!(lines[line - 1].starts_with(key.key), "{at}");
            if key.per_host {
                let own = format!("host[1].{}", key.key);
                assert!(fleet.lines[&own] > fleet.lines["host[1].name"], "{own}");
            }
        }
        let host = &fleet.request.servers[0];
        assert_eq!(host.listen.as_deref(), Some("7"));
        assert_eq!(host.install_dir.as_deref(), Some("7"));
        assert_eq!(host.allow_from.as_deref(), Some(&["7".to_owned()][..]));
    }

    #[test]
    fn an_unknown_key_is_told_its_tables_keys_in_their_places() {
        let cases = [
            (
                "[ca]\nfoo = 1\n",
                2,
                "`name`, `days`, `key_type`, `subject_org`, `subject_unit`, `subject_country`",
            ),
            (
                "[defaults]\ninstal_dir = \"/x\"\n",
                2,
                "`days`, `listen`, `install_dir`, `allow_from`",
            ),
            (
                "[[host]]\nname = \"a\"\n\nfoo = 1\n",
                4,
                "`name`, `sans`, `listen`, `install_dir`, `allow_from`",
            ),
        ];
        for (text, line, keys) in cases {
            let e = Fleet::parse("fleet.toml", text).unwrap_err();
            assert_eq!(e.line, line, "{text}");
            let InputProblem::Toml(message) = *e.problem else {
                panic!("{text}: {:?}", e.problem);
            };
            assert!(
                message.ends_with(&format!("expected one of {keys}")),
                "{message}"
            );
        }
    }

    #[test]
    fn a_value_of_the_wrong_type_is_refused_at_its_line() {
        let e = Fleet::parse("fleet.toml", "[ca]\nname = \"x\"\n\ndays = \"ten\"\n").unwrap_err();
        assert_eq!(e.line, 4);
        assert!(matches!(*e.problem, InputProblem::Toml(_)));
        let e = Fleet::parse("fleet.toml", "[[host]]\nlisten = \"a:1\"\n").unwrap_err();
        assert_eq!(e.line, 1);
    }
}
