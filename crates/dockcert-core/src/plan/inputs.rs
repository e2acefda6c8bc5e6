//! The plan's inputs, made from the table (`settings.rs`): [`Field`], the
//! rows, the text typed for each setting ([`PlanRequest`], and
//! [`ServerRequest`] for a host's own), read into and merged; and what each
//! face asks of a row (its flag, label, hint, `--help`).

use super::declare::declare_inputs;
use super::request::{CaLifetime, Purpose, Renews, Typed};
use super::settings::settings_table;
use super::spec::{
    DEFAULT_CA_DAYS, DEFAULT_CLIENT, DEFAULT_DAYS, DEFAULT_INSTALL_DIR, DEFAULT_LISTEN,
    MAX_CA_DAYS, MAX_DAYS, MAX_SUBJECT_ORG, MAX_SUBJECT_UNIT,
};
use crate::lang::Lang;
use crate::pki::KeyType;

/// Where a fleet file holds a setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FleetKey {
    /// The plan-wide table: `ca` or `defaults`.
    pub table: &'static str,
    /// The key in it (and in a `[[host]]`, when `per_host`).
    pub key: &'static str,
    /// Whether a `[[host]]` may set its own.
    pub per_host: bool,
    /// What TOML value holds it.
    pub value: FleetValue,
    /// Its place among its table's keys, as a file's unknown key is told
    /// them (`expected one of `name`, `days`, `key_type``).
    pub place: usize,
}

/// What TOML value holds a setting in a fleet file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FleetValue {
    /// A string.
    Text,
    /// An integer.
    Number,
    /// An array of strings.
    List,
}

/// One input of a plan, everything each face needs to offer it.
#[derive(Clone, Copy, Debug)]
pub struct Setting {
    /// The input.
    pub field: Field,
    /// The CLI flag without its dashes, and the page field's `name`.
    pub flag: &'static str,
    /// The value's name in `--help` (`--days <N>`).
    pub value_name: &'static str,
    /// Whether the flag may be repeated (a list: hosts, clients, networks).
    pub list: bool,
    /// Whether a value may start with `-` (so the rule, not the parser,
    /// refuses `--days -5` in its own words).
    pub hyphen_values: bool,
    /// Whether `new`, `issue` and `renew` all take its flag, made from this
    /// row (the CLI's `cli/settings.rs`); the others are fields of the
    /// commands that take them, their attributes from this row.
    pub shared: bool,
    /// Where a fleet file holds it (hosts and clients have tables of their own).
    pub fleet: Option<FleetKey>,
    /// The page's label: English, Chinese.
    pub label: [&'static str; 2],
    /// The page's hint under the field, if it has one: English, Chinese.
    pub hint: Option<[&'static str; 2]>,
}

const fn fleet(
    (table, place): (&'static str, usize),
    key: &'static str,
    value: FleetValue,
    per_host: bool,
) -> Option<FleetKey> {
    Some(FleetKey {
        table,
        key,
        per_host,
        value,
        place,
    })
}

settings_table!(declare_inputs);

fn pick(words: [&'static str; 2], lang: Lang) -> &'static str {
    match lang {
        Lang::En => words[0],
        Lang::Zh => words[1],
    }
}

impl Field {
    /// This input's row of the table.
    pub fn setting(self) -> &'static Setting {
        // The table is in the enum's order (a test holds it to that).
        &SETTINGS[self as usize]
    }

    /// The CLI flag without its dashes, which is also the form field's `name`.
    pub fn name(self) -> &'static str {
        self.setting().flag
    }

    /// The page's label for this input, in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        pick(self.setting().label, lang)
    }

    /// The page's hint under this input's field, in `lang`, if it has one.
    pub fn hint(self, lang: Lang) -> Option<&'static str> {
        self.setting().hint.map(|h| pick(h, lang))
    }

    /// The value's name in `--help`.
    pub fn value_name(self) -> &'static str {
        self.setting().value_name
    }
}

impl From<&str> for ServerRequest {
    fn from(spec: &str) -> Self {
        ServerRequest {
            spec: spec.to_owned(),
            ..ServerRequest::default()
        }
    }
}

impl From<String> for ServerRequest {
    fn from(spec: String) -> Self {
        ServerRequest {
            spec,
            ..ServerRequest::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: &[Field] = Field::ALL;

    #[test]
    fn each_field_has_its_own_row_and_names() {
        let mut flags = std::collections::HashSet::new();
        let mut keys = std::collections::HashSet::new();
        for &field in FIELDS {
            let s = field.setting();
            assert_eq!(s.field, field);
            assert!(flags.insert(s.flag), "{field:?}");
            if let Some(f) = s.fleet {
                assert!(keys.insert((f.table, f.key)), "{field:?}");
            }
            assert!(!field.label(Lang::Zh).is_empty());
        }
    }

    #[test]
    fn each_fleet_table_s_keys_have_places_one_after_another() {
        for table in ["ca", "defaults"] {
            let mut places: Vec<usize> = FIELDS
                .iter()
                .filter_map(|f| f.setting().fleet.filter(|k| k.table == table))
                .map(|k| k.place)
                .collect();
            places.sort_unstable();
            assert_eq!(places, (0..places.len()).collect::<Vec<_>>(), "{table}");
        }
    }

    #[test]
    fn a_request_holds_what_is_set_for_each_field() {
        assert_eq!(FIELDS.len(), SETTINGS.len());
        for &field in FIELDS {
            let mut req = PlanRequest::default();
            assert!(!req.gives(field), "{field:?}");
            req.set(field, vec!["a".into(), "b".into()]);
            assert!(req.gives(field), "{field:?}");
        }
        let mut req = PlanRequest::default();
        req.set(
            Field::AllowFrom,
            vec!["10.0.0.0/8".into(), "fd00::/8".into()],
        );
        assert_eq!(req.allow_from, ["10.0.0.0/8", "fd00::/8"]);
        req.set(Field::Days, vec!["30".into()]);
        assert_eq!(req.days.as_deref(), Some("30"));
    }

    #[test]
    fn help_gives_the_defaults_and_limits_the_rules_use() {
        let days = Field::Days.help();
        assert!(days.contains(&format!("default {DEFAULT_DAYS}, at most {MAX_DAYS}")));
        let ca_days = Field::CaDays.help();
        assert!(ca_days.contains(&format!("default {DEFAULT_CA_DAYS}, at most {MAX_CA_DAYS}")));
        assert!(Field::InstallDir.help().contains(DEFAULT_INSTALL_DIR));
        assert!(Field::Listen.help().contains(DEFAULT_LISTEN));
        let key_types = Field::KeyType.help();
        for k in KeyType::ALL {
            assert!(key_types.contains(k.as_str()), "{k:?}");
        }
    }

    /// The Chinese `--help` of each flag is Chinese and gives every
    /// number, path, address and name the English one gives.
    #[test]
    fn help_in_chinese_says_the_same_values() {
        let han = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for &field in FIELDS {
            let (en, zh) = (field.help_in(Lang::En), field.help_in(Lang::Zh));
            assert!(!han(&en) && han(&zh), "{field:?}: {en} / {zh}");
            let values = |t: &str| -> Vec<String> {
                t.split(|c: char| !(c.is_ascii_alphanumeric() || "./:-*_[]".contains(c)))
                    .filter(|w| w.chars().any(|c| c.is_ascii_digit()) || w.contains('/'))
                    .map(|w| w.trim_end_matches('.').to_owned())
                    .collect()
            };
            assert_eq!(values(&en), values(&zh), "{field:?}: {en} / {zh}");
        }
    }
}
