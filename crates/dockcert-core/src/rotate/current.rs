//! The bundle being replaced, as `new` or `issue` wrote it and both faces
//! gather it (`inspect::Gathered`: a folder's files, or a zip's entries
//! under its top folder, bounded as inspect bounds them): each host's name
//! and SANs from `server/NAME/server-cert.pem`, each client's name from
//! `client/NAME/cert.pem`, read as `renew` reads an old certificate, and
//! the SHA-256 of what each install.sh installed (ca.pem, the certificate,
//! the key), which the rotation's scripts expect to find before phase 1
//! and 2. Work is one pass over the files and one map lookup for each.

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};

use super::error::RotateError;
use super::folders::{installed_in, listening_on, member_folder, reads, CLIENT, HOST};
use super::issued::{judge, refused, Issued};
use super::note::{RotateNote, OUT_OF_DATE_SHOWN};
use crate::import::renew::{renewal, Renewal};
use crate::import::{certificates, ImportError};
use crate::inspect::verify::{Refusal, Usage, Which};
use crate::inspect::{Gathered, SkipReason};
use crate::lang::{Lang, Localized};
use crate::pki::CertFacts;
use crate::plan::{PlanRequest, Purpose, ServerRequest, MAX_CA_NAME};
use time::{Date, OffsetDateTime};

/// A host or a client of the current bundle.
#[derive(Clone, Debug)]
pub struct Member {
    /// Its name (its folder's, as its certificate names it).
    pub name: String,
    /// What renews its certificate: names, SANs, subject, key type.
    renewal: Renewal,
    /// SHA-256 of its `ca.pem`, certificate and key as the bundle holds them.
    pub(crate) ca: Option<[u8; 32]>,
    pub(crate) cert: [u8; 32],
    pub(crate) key: Option<[u8; 32]>,
    /// Where the host's install.sh put its files (its daemon.json's
    /// `tlscacert` folder), when the bundle says.
    install_dir: Option<String>,
    /// Where its dockerd listens (its daemon.json's `tcp://` host), when
    /// the bundle says: the clients' contexts go on dialling that port.
    listen: Option<String>,
}

/// The hosts and clients of the current bundle, less those dropped.
#[derive(Clone, Debug, Default)]
pub struct Current {
    hosts: Vec<Member>,
    clients: Vec<Member>,
    dropped: Vec<String>,
    notes: Vec<RotateNote>,
    /// Out-of-date certificates past those named in `notes`.
    more_out_of_date: usize,
}

impl Current {
    /// Reads the current bundle from `gathered`, every certificate issued by
    /// the old CA (`old_ca`: its certificate, DER, and facts) as docker
    /// judges it at `now`, as a server's or a client's certificate. Refused
    /// if any file was not read (a rotation that missed a host would lock
    /// it out), in `lang`'s words, or if docker refuses a certificate for
    /// another reason than its dates: those, and an expired old CA, are
    /// [`Current::notes`], since rotating is how one gets out of them.
    pub fn read(
        gathered: &Gathered,
        (old_der, old_ca): (&[u8], &CertFacts),
        now: OffsetDateTime,
        lang: Lang,
    ) -> Result<Current, RotateError> {
        // A file it does not read may be left out (a fleet's README.txt
        // outgrows what inspect reads of one); past a limit, which files
        // were left out is not known.
        let missed = gathered.skipped.iter().find(|s| {
            reads(&s.path)
                || matches!(
                    s.reason,
                    SkipReason::TooMany { .. } | SkipReason::TooMuch { .. }
                )
        });
        if let Some(skipped) = missed {
            return Err(RotateError::NotRead {
                what: skipped.text(lang),
            });
        }
        let by_path: HashMap<&str, &[u8]> = gathered
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.bytes.as_slice()))
            .collect();
        let mut current = Current::default();
        if now > old_ca.not_after {
            current.notes.push(RotateNote::OldCaExpired {
                name: crate::show::safe(old_ca.name()).into_owned(),
                ended: old_ca.not_after,
            });
        }
        let roots = [old_der.to_vec()];
        let mut seen = HashSet::new();
        for file in &gathered.files {
            let Some((folder, role, name)) = member_folder(&file.path) else {
                continue;
            };
            if !seen.insert((role, name)) {
                return Err(RotateError::Twice {
                    name: name.to_owned(),
                });
            }
            let names = if role == "server" { &HOST } else { &CLIENT };
            let hash = |file: &str| -> Option<[u8; 32]> {
                by_path
                    .get(format!("{folder}{file}").as_str())
                    .map(|bytes| Sha256::digest(bytes).into())
            };
            let at_fault = |error| RotateError::Certificate {
                path: file.path.clone(),
                error,
            };
            let renewal = renewal(&file.bytes).map_err(at_fault)?;
            let chain = certificates(&file.bytes).map_err(at_fault)?;
            let (leaf, rest) = chain
                .split_first()
                .ok_or_else(|| at_fault(ImportError::NoCertificate))?;
            let usage = match role {
                "server" => Usage::Server,
                _ => Usage::Client,
            };
            match judge((leaf, rest), &roots, usage, now) {
                Ok(Issued::Accepted) => {}
                Ok(Issued::OutOfDate(refusal)) => current.out_of_date(&file.path, refusal),
                Err(refusal) => {
                    return Err(refused(&file.path, &renewal, old_ca, refusal));
                }
            }
            let daemon_json = by_path
                .get(format!("{folder}daemon.json").as_str())
                .and_then(|bytes| serde_json::from_slice(bytes).ok());
            let member = Member {
                name: name.to_owned(),
                renewal,
                ca: hash(names.ca),
                cert: Sha256::digest(&file.bytes).into(),
                key: hash(names.key),
                install_dir: daemon_json.as_ref().and_then(installed_in),
                listen: daemon_json.as_ref().and_then(listening_on),
            };
            match role {
                "server" => current.hosts.push(member),
                _ => current.clients.push(member),
            }
        }
        if current.hosts.is_empty() {
            return Err(RotateError::NoHosts);
        }
        if current.more_out_of_date > 0 {
            let more = RotateNote::MoreOutOfDate(current.more_out_of_date);
            current.notes.push(more);
        }
        // Folders come in the gathered order; a plan lists them by name.
        current.hosts.sort_by(|a, b| a.name.cmp(&b.name));
        current.clients.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(current)
    }

    /// Leaves out each of `names` (a host or a client): `--drop`, the only
    /// revocation dockerd has. An unknown name is refused, naming the
    /// bundle's; so is dropping every host.
    pub fn drop_names(&mut self, names: &[String]) -> Result<(), RotateError> {
        for name in names {
            let before = self.hosts.len() + self.clients.len();
            self.hosts.retain(|m| &m.name != name);
            self.clients.retain(|m| &m.name != name);
            if self.hosts.len() + self.clients.len() == before {
                if self.dropped.contains(name) {
                    continue;
                }
                let known = self
                    .hosts
                    .iter()
                    .chain(&self.clients)
                    .map(|m| m.name.as_str());
                return Err(RotateError::unknown_drop(
                    name,
                    known.chain(self.dropped.iter().map(String::as_str)),
                ));
            }
            self.dropped.push(name.clone());
        }
        if self.hosts.is_empty() {
            return Err(RotateError::NoHostLeft);
        }
        // Phase 2 replaces nothing of theirs: their notes would mislead.
        let dropped = &self.dropped;
        self.notes
            .retain(|note| !dropped.iter().any(|d| note.concerns(d)));
        Ok(())
    }

    /// The plan request of the new CA's bundle: the hosts and clients kept,
    /// with `settings` (validity, key type, subject, the new CA's name and
    /// days, language) where given, else the old certificates' key type and
    /// subject, and each host's install folder and (unless `--listen` says)
    /// its listen address as its daemon.json says.
    /// The new CA is named as the old with `today`'s date (its own date,
    /// if it ends in one, replaced), unless `--ca-name` says otherwise: two
    /// CAs of one name would be told apart by their keys alone.
    pub fn request(&self, settings: PlanRequest, old_ca: &CertFacts, today: Date) -> PlanRequest {
        let first = self.hosts.first().map(|m| &m.renewal);
        let old = |pick: fn(&Renewal) -> Option<String>| first.and_then(pick);
        PlanRequest {
            servers: self
                .hosts
                .iter()
                .map(|m| ServerRequest {
                    install_dir: m.install_dir.clone(),
                    listen: settings
                        .listen
                        .is_none()
                        .then(|| m.listen.clone())
                        .flatten(),
                    ..ServerRequest::from(m.renewal.spec.as_str())
                })
                .collect(),
            clients: self
                .clients
                .iter()
                .map(|m| m.renewal.spec.clone())
                .collect(),
            key_type: settings
                .key_type
                .clone()
                .or_else(|| old(|r| r.key_type.map(|k| k.as_str().to_owned()))),
            subject_org: settings
                .subject_org
                .clone()
                .or_else(|| old(|r| r.subject.org.clone())),
            subject_unit: settings
                .subject_unit
                .clone()
                .or_else(|| old(|r| r.subject.unit.clone())),
            subject_country: settings
                .subject_country
                .clone()
                .or_else(|| old(|r| r.subject.country.clone())),
            ca_name: settings
                .ca_name
                .clone()
                .or_else(|| old_ca.common_name.as_deref().map(|old| renamed(old, today))),
            purpose: Purpose::NewCa,
            no_default_client: self.clients.is_empty(),
            ..settings
        }
    }

    /// The hosts kept, by name.
    pub fn hosts(&self) -> &[Member] {
        &self.hosts
    }

    /// The clients kept, by name.
    pub fn clients(&self) -> &[Member] {
        &self.clients
    }

    /// The names dropped, as given.
    pub fn dropped(&self) -> &[String] {
        &self.dropped
    }

    /// What the operator should know of the bundle replaced: an expired
    /// old CA first, then the certificates docker refuses today for their
    /// dates alone (the first [`OUT_OF_DATE_SHOWN`], then how many more).
    pub fn notes(&self) -> &[RotateNote] {
        &self.notes
    }

    /// Notes the certificate at `path` as refused for its dates alone,
    /// unless only the old CA's are at fault (its own note says so).
    fn out_of_date(&mut self, path: &str, refusal: Refusal) {
        if let Refusal::Expired {
            at: Which::Root(_), ..
        }
        | Refusal::NotYetValid {
            at: Which::Root(_), ..
        } = refusal
        {
            return;
        }
        let named = self
            .notes
            .iter()
            .filter(|n| matches!(n, RotateNote::OutOfDate { .. }))
            .count();
        if named < OUT_OF_DATE_SHOWN {
            self.notes.push(RotateNote::OutOfDate {
                path: path.to_owned(),
                refusal,
            });
        } else {
            self.more_out_of_date += 1;
        }
    }
}

/// `old` with `today`'s date in place of its own, or after it, within
/// the longest name a CA may have.
fn renamed(old: &str, today: Date) -> String {
    let date = today.to_string();
    let dated = old.len() > date.len()
        && old.is_char_boundary(old.len() - date.len() - 1)
        && old[old.len() - date.len() - 1..].starts_with(' ')
        && Date::parse(
            &old[old.len() - date.len()..],
            &time::format_description::well_known::Iso8601::DATE,
        )
        .is_ok();
    let stem = match dated {
        true => &old[..old.len() - date.len() - 1],
        false => old,
    };
    let room = MAX_CA_NAME.saturating_sub(date.len() + 1);
    let stem: String = stem.trim().chars().take(room).collect();
    let new = match stem.is_empty() {
        true => date.clone(),
        false => format!("{stem} {date}"),
    };
    // Rotated again the day it was made: still a name of its own.
    match new == old {
        true => format!(
            "{} {date} 2",
            stem.chars()
                .take(room.saturating_sub(2))
                .collect::<String>()
        ),
        false => new,
    }
}

impl RotateNote {
    /// Whether the note is about a file of the host or client `name` (whose
    /// notes go when it is dropped: phase 2 replaces nothing of its).
    pub fn concerns(&self, name: &str) -> bool {
        match self {
            RotateNote::OutOfDate { path, .. } => {
                member_folder(path).is_some_and(|(_, _, member)| member == name)
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::renamed;
    use time::macros::date;

    #[test]
    fn the_new_ca_is_named_as_the_old_with_todays_date() {
        let today = date!(2027 - 03 - 04);
        assert_eq!(
            renamed("dockcert CA 2026-01-02", today),
            "dockcert CA 2027-03-04"
        );
        assert_eq!(
            renamed("Acme Docker CA", today),
            "Acme Docker CA 2027-03-04"
        );
        assert_eq!(renamed("2026-01-02", today), "2026-01-02 2027-03-04");
        assert_eq!(
            renamed("dockcert CA 2027-03-04", today),
            "dockcert CA 2027-03-04 2"
        );
        let long = "x".repeat(64);
        assert_eq!(renamed(&long, today).chars().count(), 64);
    }
}
