//! A bad input, named as the CLI names its flags ([`FieldError`]: which
//! input, the value given, its [`InputProblem`]), and every bad input of a
//! plan ([`PlanErrors`]).

use std::fmt;

use crate::lang::{display_in_english, Lang, Localized};

pub use super::input_problem::InputProblem;
pub use super::inputs::Field;

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "--{}", self.name())
    }
}

/// One bad input: `--server "a..b": "a..b" is not a valid DNS name or IP address: empty label`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// Which input.
    pub field: Field,
    /// The value as given, echoed back; `None` when the input was missing.
    pub value: Option<String>,
    /// What is wrong and what is allowed.
    pub problem: InputProblem,
    /// For a host's or client's input, which one (its index in the
    /// request's list), so a fleet file can name its line.
    pub entry: Option<usize>,
}

impl FieldError {
    /// `value` given for `field` has `problem`.
    pub fn new(field: Field, value: &str, problem: InputProblem) -> Self {
        FieldError {
            field,
            value: Some(value.to_owned()),
            problem,
            entry: None,
        }
    }

    pub(crate) fn missing(field: Field, problem: InputProblem) -> Self {
        FieldError {
            field,
            value: None,
            problem,
            entry: None,
        }
    }

    /// The same error, about the host or client at `index`.
    pub(crate) fn at(self, index: usize) -> Self {
        FieldError {
            entry: Some(index),
            ..self
        }
    }
}

impl Localized for FieldError {
    fn text(&self, lang: Lang) -> String {
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        match &self.value {
            Some(value) => format!(
                "{} \"{}\"{colon}{}",
                self.field,
                echoed(value),
                self.problem.text(lang)
            ),
            None => format!("{}{colon}{}", self.field, self.problem.text(lang)),
        }
    }
}

/// A typed value as echoed in quotes: every character as itself (张三, a
/// full-width comma), but a control or format character written out as
/// [`crate::show::safe`] writes it and a quote as `\"`.
pub(crate) fn echoed(value: &str) -> String {
    crate::show::safe(value).replace('"', "\\\"")
}

/// Every bad input of a plan at once, so a form can mark each field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanErrors(pub(crate) Vec<FieldError>);

impl PlanErrors {
    /// The errors for one field, for showing next to it.
    pub fn for_field(&self, field: Field) -> impl Iterator<Item = &FieldError> {
        self.0.iter().filter(move |e| e.field == field)
    }

    /// Whether the only problem is that no host (or, from an existing CA, no
    /// host or client) was given yet: a form that is merely not filled in.
    pub fn only_missing_hosts(&self) -> bool {
        matches!(
            self.0.as_slice(),
            [FieldError {
                problem: InputProblem::NeedServer | InputProblem::NeedHostOrClient,
                ..
            }]
        )
    }
}

impl Localized for PlanErrors {
    fn text(&self, lang: Lang) -> String {
        crate::lang::lines(&self.0, lang)
    }
}

display_in_english!(FieldError, PlanErrors);
impl std::error::Error for FieldError {}
impl std::error::Error for PlanErrors {}
