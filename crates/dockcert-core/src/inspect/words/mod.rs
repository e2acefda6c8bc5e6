//! What inspect's findings and file descriptions say, in either language:
//! `en/` (exactly what `dockcert inspect` and `--json` have always said)
//! and `zh.rs` word each [`Problem`]; `files.rs` words each [`Kind`] and
//! [`Detail`]. The checks only build the data.

mod en;
mod files;
mod zh;

use std::net::IpAddr;

use super::file_kind::{Detail, Kind};
use super::problem::Problem;
use crate::lang::{Lang, Localized};

impl Localized for Problem {
    /// What is wrong, with docker's own message where there is one.
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::message(self),
            Lang::Zh => zh::message(self),
        }
    }
}

crate::lang::display_in_english!(Problem);

impl Problem {
    /// What to do about it, when there is something to say.
    pub fn fix(&self, lang: Lang) -> Option<String> {
        match lang {
            Lang::En => en::fix::fix(self),
            Lang::Zh => zh::fix(self),
        }
    }
}

impl Localized for Kind {
    fn text(&self, lang: Lang) -> String {
        files::kind(self, lang)
    }
}

impl Localized for Detail {
    fn text(&self, lang: Lang) -> String {
        files::detail(self, lang)
    }
}

/// What docker's client says when it dials a host its certificate does not
/// cover (its own words, in either language): Go lists the IP SANs for an
/// address dialled, the DNS SANs for a name.
fn docker_says(p: &Problem) -> String {
    match p {
        Problem::HostNotCovered {
            host,
            valid,
            no_ip_sans,
            ..
        } => {
            let dialled_ip = host.parse::<IpAddr>().is_ok();
            if dialled_ip && *no_ip_sans {
                return format!(
                    "x509: cannot validate certificate for {host} because it doesn't contain any IP SANs"
                );
            }
            let listed: Vec<&str> = valid
                .iter()
                .map(String::as_str)
                .filter(|v| v.parse::<IpAddr>().is_ok() == dialled_ip)
                .collect();
            if listed.is_empty() {
                format!("x509: certificate is not valid for any names, but wanted to match {host}")
            } else {
                format!(
                    "x509: certificate is valid for {}, not {host}",
                    listed.join(", ")
                )
            }
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests;
