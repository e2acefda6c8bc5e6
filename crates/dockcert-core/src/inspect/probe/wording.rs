//! Everything the probe says, in English (`wording/en.rs`, word for word
//! what it said before it spoke Chinese) and Chinese (`wording/zh.rs`):
//! each check's name and status word, what it saw, the verdict, and why a
//! chain could not be judged.

use super::{CheckName, ProbeError, ServerKey, Status, Summary, Verdict};
use crate::lang::{Lang, Localized};

mod en;
mod ends;
mod notes;
mod zh;

/// The check's label on its line.
impl Localized for CheckName {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::check_name(*self),
            Lang::Zh => zh::check_name(*self),
        }
        .to_owned()
    }
}

/// The status word at the start of a check's line (`ok`, `FINDING`, ...).
impl Localized for Status {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::status(*self),
            Lang::Zh => zh::status(*self),
        }
        .to_owned()
    }
}

/// One sentence.
impl Localized for Verdict {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::verdict(self),
            Lang::Zh => zh::verdict(self),
        }
    }
}

impl Localized for Summary {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::summary(self),
            Lang::Zh => zh::summary(self),
        }
    }
}

impl Localized for ServerKey {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::server_key(self),
            Lang::Zh => zh::server_key(self),
        }
    }
}

impl Localized for ProbeError {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::probe_error(self),
            Lang::Zh => zh::probe_error(self),
        }
    }
}

crate::lang::localized_error!(ProbeError);
