//! Whether the certificate a daemon serves is the one in its file on disk.
//! dockerd reads its certificate only when it starts: a renewed file it has
//! not been restarted to read is served by no one until it is (moby/moby#45611).
//! The faces find the file (`--compare`, or dockerd's own settings on its
//! host); here is how settings name it and what the comparison says.

use serde::Serialize;
use sha2::Digest;
use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate};

use crate::import;
use crate::pki;

/// What told where the file is.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FoundBy {
    /// `--compare` named it, or the folder it is in.
    Given,
    /// The `--tlscert` of the dockerd listening on the port (its process id).
    DaemonFlag {
        /// Its process id.
        pid: u32,
    },
    /// `tlscert` in a daemon.json.
    DaemonJson {
        /// Which daemon.json.
        path: String,
    },
    /// `--tlscert` among the flags a file gives dockerd (a systemd drop-in's
    /// `ExecStart`, `/etc/default/docker`'s `DOCKER_OPTS`).
    Flags {
        /// That file.
        path: String,
    },
}

/// What the comparison found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Compared {
    /// The file holds the certificate served.
    Same {
        /// The file.
        path: String,
        /// What named it.
        found_by: FoundBy,
        /// The certificate's SHA-256 (of its DER).
        sha256: String,
    },
    /// The file holds another certificate: dockerd has not read it.
    Differs {
        /// The file.
        path: String,
        /// What named it.
        found_by: FoundBy,
        /// The served certificate's SHA-256 and end.
        served: (String, OffsetDateTime),
        /// The file's certificate's SHA-256 and end.
        file: (String, OffsetDateTime),
    },
    /// The file holds no certificate that can be read: dockerd would not
    /// start with it.
    Unreadable {
        /// The file.
        path: String,
        /// What named it.
        found_by: FoundBy,
        /// Why (the reader's or the system's words).
        why: String,
    },
    /// Run on the daemon's host, but no setting names its file.
    NotFound {
        /// The port whose listening dockerd was looked for (its process
        /// is seen only by root).
        port: u16,
        /// The files dockcert looked in.
        looked: Vec<String>,
    },
    /// Not run on the daemon's host, and no `--compare`.
    NotOnHost,
}

/// Compares the served leaf's DER with the first certificate in `file`
/// (PEM or DER, as dockerd's `--tlscert` takes it), by SHA-256.
pub fn compare(served: &[u8], path: &str, found_by: FoundBy, file: &[u8]) -> Compared {
    let theirs = match import::certificates(file) {
        Ok(ders) if !ders.is_empty() => ders,
        Ok(_) => {
            return Compared::Unreadable {
                path: path.to_owned(),
                found_by,
                why: String::new(),
            }
        }
        Err(e) => {
            return Compared::Unreadable {
                path: path.to_owned(),
                found_by,
                why: e.to_string(),
            }
        }
    };
    let fingerprint = |der: &[u8]| pki::colon_hex(&sha2::Sha256::digest(der));
    let served_sum = fingerprint(served);
    let first = theirs.first().map_or(&[][..], Vec::as_slice);
    if first == served {
        return Compared::Same {
            path: path.to_owned(),
            found_by,
            sha256: served_sum,
        };
    }
    let end = |der: &[u8]| {
        X509Certificate::from_der(der).map_or(OffsetDateTime::UNIX_EPOCH, |(_, c)| {
            pki::time_of(c.validity().not_after)
        })
    };
    Compared::Differs {
        path: path.to_owned(),
        found_by,
        served: (served_sum, end(served)),
        file: (fingerprint(first), end(first)),
    }
}

/// The file daemon.json's `tlscert` names, if it names one.
pub fn tlscert_in_daemon_json(text: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    Some(value.get("tlscert")?.as_str()?.to_owned()).filter(|p| !p.is_empty())
}

/// The file `--tlscert` names among flags written as a shell or systemd
/// would split them plainly (`--tlscert=FILE` or `--tlscert FILE`, quoted
/// or not); the last one counts, as the flag parser keeps the last.
pub fn tlscert_in_flags<'a>(words: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let unquote = |w: &'a str| w.trim_matches(|c| c == '"' || c == '\'');
    let mut found = None;
    let mut words = words.into_iter().map(unquote);
    while let Some(word) = words.next() {
        if let Some(value) = word.strip_prefix("--tlscert=") {
            found = Some(unquote(value).to_owned());
        } else if word == "--tlscert" {
            found = words.next().map(str::to_owned);
        }
    }
    found.filter(|p| !p.is_empty())
}

/// The `--config-file` among dockerd's flags, when one is given.
pub fn config_file_in_flags<'a>(words: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut found = None;
    let mut words = words.into_iter();
    while let Some(word) = words.next() {
        if let Some(value) = word.strip_prefix("--config-file=") {
            found = Some(value.to_owned());
        } else if word == "--config-file" {
            found = words.next().map(str::to_owned);
        }
    }
    found
}

/// `--json`'s `on_disk`: what was compared, in English.
impl Serialize for Compared {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use crate::lang::{Lang, Localized};
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Compared", 5)?;
        let (outcome, path, found_by) = match self {
            Compared::Same { path, found_by, .. } => ("same", Some(path), Some(found_by)),
            Compared::Differs { path, found_by, .. } => ("differs", Some(path), Some(found_by)),
            Compared::Unreadable { path, found_by, .. } => {
                ("unreadable", Some(path), Some(found_by))
            }
            Compared::NotFound { .. } => ("not-found", None, None),
            Compared::NotOnHost => ("not-on-host", None, None),
        };
        s.serialize_field("outcome", outcome)?;
        s.serialize_field("path", &path)?;
        s.serialize_field("found_by", &found_by.map(|f| f.text(Lang::En)))?;
        let (served, file) = match self {
            Compared::Same { sha256, .. } => (Some(sha256), Some(sha256)),
            Compared::Differs { served, file, .. } => (Some(&served.0), Some(&file.0)),
            _ => (None, None),
        };
        s.serialize_field("served_sha256", &served)?;
        s.serialize_field("file_sha256", &file)?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::probe::{on_disk_check, Note, Status};

    #[test]
    fn settings_name_the_file() {
        assert_eq!(
            tlscert_in_daemon_json(
                r#"{"tlsverify": true, "tlscert": "/etc/docker/server-cert.pem"}"#
            ),
            Some("/etc/docker/server-cert.pem".into())
        );
        assert_eq!(tlscert_in_daemon_json(r#"{"tlscert": ""}"#), None);
        assert_eq!(tlscert_in_daemon_json("[1]"), None);
        assert_eq!(tlscert_in_daemon_json("not json"), None);
        let line = r#"ExecStart=/usr/bin/dockerd --tlsverify --tlscert="/a b/cert.pem" -H fd://"#;
        // Split plainly: a quoted space is not kept together.
        assert_eq!(tlscert_in_flags(line.split_whitespace()), Some("/a".into()));
        let opts = r#"DOCKER_OPTS="--tlsverify --tlscert /etc/docker/server-cert.pem""#;
        assert_eq!(
            tlscert_in_flags(opts.split_whitespace()),
            Some("/etc/docker/server-cert.pem".into())
        );
        assert_eq!(
            tlscert_in_flags(["dockerd", "--tlscert=/x.pem", "--tlscert=/y.pem"]),
            Some("/y.pem".into())
        );
        assert_eq!(tlscert_in_flags(["dockerd", "--tlscert"]), None);
        assert_eq!(
            config_file_in_flags(["dockerd", "--config-file", "/c.json"]),
            Some("/c.json".into())
        );
    }

    #[test]
    fn the_same_certificate_or_another() {
        use crate::bundle::tests_support::{one_of_each, plain};
        let b = plain(&one_of_each());
        let server = b
            .files()
            .iter()
            .find(|f| f.path.ends_with("server-cert.pem"))
            .unwrap()
            .path
            .clone();
        let pem = b.contents(&server).unwrap();
        let served = import::certificates(pem).unwrap().remove(0);
        let ca = b.contents("ca/ca.pem").unwrap();
        let same = compare(&served, "/etc/docker/server-cert.pem", FoundBy::Given, pem);
        assert!(matches!(same, Compared::Same { .. }), "{same:?}");
        assert_eq!(on_disk_check(same).status, Status::Ok);
        let other = compare(&served, "/etc/docker/server-cert.pem", FoundBy::Given, ca);
        let Compared::Differs {
            served: s, file, ..
        } = &other
        else {
            panic!("{other:?}");
        };
        assert_ne!(s.0, file.0);
        let check = on_disk_check(other);
        assert_eq!(check.status, Status::Finding);
        assert_eq!(check.notes, [Note::Restart]);
        let broken = compare(&served, "/x", FoundBy::Given, b"no certificate");
        assert_eq!(on_disk_check(broken).status, Status::Finding);
        assert_eq!(on_disk_check(Compared::NotOnHost).status, Status::Skipped);
    }
}
