//! What can be wrong with a fleet plan, each problem with the file, the
//! line and the field it came from, in English or Chinese.

use crate::lang::{Lang, Localized};
use crate::plan::error::{FieldError, InputProblem};

/// A problem with a value from a fleet file: where, which field, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FleetError {
    /// The file's name as the user gave it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// The field, like `host[2].listen` (empty for a syntax error).
    pub field: String,
    /// The value, when there is one.
    pub value: Option<String>,
    /// What is wrong and what is allowed.
    pub problem: Box<InputProblem>,
}

impl Localized for FleetError {
    fn text(&self, lang: Lang) -> String {
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        let mut t = format!("{}:{}{colon}", self.file, self.line);
        if !self.field.is_empty() {
            t.push_str(&self.field);
            match &self.value {
                Some(v) => t.push_str(&format!(" \"{}\"{colon}", super::super::error::echoed(v))),
                None => t.push_str(colon),
            }
        }
        t.push_str(&self.problem.text(lang));
        t
    }
}

/// A problem with a fleet plan: in the file (with its line), or in a flag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FleetProblem {
    /// A value from the file.
    InFile(FleetError),
    /// A flag given with the file.
    Flag(FieldError),
}

impl Localized for FleetProblem {
    fn text(&self, lang: Lang) -> String {
        match self {
            FleetProblem::InFile(e) => e.text(lang),
            FleetProblem::Flag(e) => e.text(lang),
        }
    }
}

/// Every problem with a fleet plan at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FleetErrors(pub(crate) Vec<FleetProblem>);

impl Localized for FleetErrors {
    fn text(&self, lang: Lang) -> String {
        crate::lang::lines(&self.0, lang)
    }
}

crate::lang::display_in_english!(FleetError, FleetProblem, FleetErrors);
impl std::error::Error for FleetError {}
impl std::error::Error for FleetErrors {}

impl From<FleetError> for FleetErrors {
    fn from(e: FleetError) -> Self {
        FleetErrors(vec![FleetProblem::InFile(e)])
    }
}
