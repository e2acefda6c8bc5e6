//! What docker's and dockerd's TLS error messages mean, and what to do. The
//! first question when a remote Docker API breaks is what the error means;
//! `dockcert inspect --explain "..."` answers it for the messages below (all
//! seen from docker 28 and dockerd 20.10 on the machines dockcert is tested on).
//!
//! Each known message is an [`Explanation`]: who says it ([`SaidBy`]), its
//! [`Cause`] and its [`Fix`], each [`Localized`]; docker's own words
//! ([`Explanation::matched`]) stay as docker says them in either language.
//! The English is in `explain/en.rs`, the Chinese in `explain/zh.rs`.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::lang::{Lang, Localized};

mod en;
mod message;
mod zh;

pub use message::{Cause, Explanation, Fix, SaidBy};

/// A known message: the part of it that is recognised, and who says it.
struct Known {
    explanation: Explanation,
    matched: &'static str,
    said_by: SaidBy,
}

/// Every known message, in the order they are told (the first that a text
/// holds is the one `dockcert probe` shows).
const KNOWN: &[Known] = &[
    Known {
        explanation: Explanation::LegacyCommonName,
        matched: "x509: certificate relies on legacy Common Name field",
        said_by: SaidBy::Client,
    },
    Known {
        explanation: Explanation::NoIpSans,
        matched: "doesn't contain any ip sans",
        said_by: SaidBy::Client,
    },
    Known {
        explanation: Explanation::NotValidFor,
        matched: "x509: certificate is valid for",
        said_by: SaidBy::Client,
    },
    Known {
        explanation: Explanation::UnknownAuthority,
        matched: "x509: certificate signed by unknown authority",
        said_by: SaidBy::ClientOrDaemonAboutClient,
    },
    Known {
        explanation: Explanation::Expired,
        matched: "x509: certificate has expired or is not yet valid",
        said_by: SaidBy::ClientOrDaemon,
    },
    Known {
        explanation: Explanation::BadCertificate,
        matched: "remote error: tls: bad certificate",
        said_by: SaidBy::ClientForDaemon,
    },
    Known {
        explanation: Explanation::CertificateRequired,
        matched: "remote error: tls: certificate required",
        said_by: SaidBy::ClientForDaemon,
    },
    Known {
        explanation: Explanation::UnknownCa,
        matched: "remote error: tls: unknown certificate authority",
        said_by: SaidBy::ClientForDaemon,
    },
    Known {
        explanation: Explanation::IncompatibleUsage,
        matched: "certificate specifies an incompatible key usage",
        said_by: SaidBy::ClientOrDaemon,
    },
    Known {
        explanation: Explanation::KeyMismatch,
        matched: "tls: private key does not match public key",
        said_by: SaidBy::DaemonAtStartOrClient,
    },
    Known {
        explanation: Explanation::UnreadableKey,
        matched: "failed to parse private key",
        said_by: SaidBy::DaemonAtStartOrClient,
    },
    Known {
        explanation: Explanation::NoPemKey,
        matched: "failed to find any pem data in key input",
        said_by: SaidBy::DaemonAtStartOrClient,
    },
    Known {
        explanation: Explanation::HttpToHttps,
        matched: "client sent an http request to an https server",
        said_by: SaidBy::Daemon,
    },
    Known {
        explanation: Explanation::HttpToTls,
        matched: "server gave http response to https client",
        said_by: SaidBy::Client,
    },
    Known {
        explanation: Explanation::NotTls,
        matched: "first record does not look like a tls handshake",
        said_by: SaidBy::Client,
    },
    Known {
        explanation: Explanation::FlagAndFile,
        matched: "specified both as a flag and in the configuration file",
        said_by: SaidBy::DaemonAtStart,
    },
    Known {
        explanation: Explanation::BadDaemonJson,
        matched: "unable to configure the docker daemon with file",
        said_by: SaidBy::DaemonAtStart,
    },
    Known {
        explanation: Explanation::NoCaFile,
        matched: "could not read ca certificate",
        said_by: SaidBy::ClientOrDaemonAtStart,
    },
    Known {
        explanation: Explanation::MissingFile,
        matched: "open /etc/docker/",
        said_by: SaidBy::DaemonAtStart,
    },
    Known {
        explanation: Explanation::NotRunning,
        matched: "is the docker daemon running",
        said_by: SaidBy::Client,
    },
    Known {
        explanation: Explanation::ConnectionRefused,
        matched: "connection refused",
        said_by: SaidBy::Client,
    },
];

/// Every known message found in `text` (a pasted error, any case).
pub fn explain(text: &str) -> Vec<Explanation> {
    let lower = text.to_ascii_lowercase();
    KNOWN
        .iter()
        .filter(|k| lower.contains(&k.matched.to_ascii_lowercase()))
        .map(|k| k.explanation)
        .collect()
}

impl Explanation {
    fn known(self) -> &'static Known {
        // Every variant has its row; the first row stands in were one missing.
        KNOWN
            .iter()
            .find(|k| k.explanation == self)
            .unwrap_or(&KNOWN[0])
    }

    /// The part of docker's message that is recognised, as docker says it
    /// (in lower case where docker's case varies).
    pub fn matched(self) -> &'static str {
        self.known().matched
    }

    /// Who says it.
    pub fn said_by(self) -> SaidBy {
        self.known().said_by
    }

    /// What causes it.
    pub fn cause(self) -> Cause {
        Cause(self)
    }

    /// What to do.
    pub fn fix(self) -> Fix {
        Fix(self)
    }
}

/// The cause and the fix of `e` in `lang`.
fn words(e: Explanation, lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => en::words(e),
        Lang::Zh => zh::words(e),
    }
}

impl Localized for Cause {
    fn text(&self, lang: Lang) -> String {
        words(self.0, lang).0.to_owned()
    }
}

impl Localized for Fix {
    fn text(&self, lang: Lang) -> String {
        words(self.0, lang).1.to_owned()
    }
}

impl Localized for SaidBy {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::said_by(*self),
            Lang::Zh => zh::said_by(*self),
        }
        .to_owned()
    }
}

/// `--json` (probe's) keeps its English schema: `matched`, `said_by`,
/// `cause`, `fix`, each a string.
impl Serialize for Explanation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Explanation", 4)?;
        s.serialize_field("matched", self.matched())?;
        s.serialize_field("said_by", &self.said_by().text(Lang::En))?;
        s.serialize_field("cause", &self.cause().text(Lang::En))?;
        s.serialize_field("fix", &self.fix().text(Lang::En))?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_messages_are_recognised() {
        let cases = [
            ("error during connect: Get \"https://h:2376/v1.50/version\": tls: failed to verify certificate: x509: certificate relies on legacy Common Name field, use SANs instead", Explanation::LegacyCommonName),
            ("x509: certificate is valid for docker.dockcert.test, not other.dockcert.test", Explanation::NotValidFor),
            ("remote error: tls: bad certificate", Explanation::BadCertificate),
            ("Error response from daemon: Client sent an HTTP request to an HTTPS server.", Explanation::HttpToHttps),
            ("unable to configure the Docker daemon with file /etc/docker/daemon.json: the following directives are specified both as a flag and in the configuration file: hosts: (from flag: [fd://], from file: [unix:///var/run/docker.sock])", Explanation::FlagAndFile),
        ];
        for (text, expected) in cases {
            assert!(explain(text).contains(&expected), "{text}");
        }
        assert_eq!(
            explain("x509: cannot validate certificate for 10.0.0.5 because it doesn't contain any IP SANs"),
            [Explanation::NoIpSans]
        );
        assert_eq!(
            explain("x509: certificate relies on legacy Common Name field")[0].said_by(),
            SaidBy::Client
        );
        assert!(explain("something else entirely").is_empty());
    }

    #[test]
    fn every_message_has_its_row_and_its_words_in_both_languages() {
        for (i, k) in KNOWN.iter().enumerate() {
            let e = k.explanation;
            assert_eq!(e.matched(), k.matched);
            assert_eq!(explain(k.matched).first(), Some(&e), "{}", k.matched);
            assert!(
                !KNOWN[..i].iter().any(|o| o.explanation == e),
                "{e:?} twice"
            );
            for lang in [Lang::En, Lang::Zh] {
                for said in [
                    e.cause().text(lang),
                    e.fix().text(lang),
                    e.said_by().text(lang),
                ] {
                    assert!(!said.is_empty(), "{e:?} {lang:?}");
                    assert_eq!(said.trim(), said, "{e:?} {lang:?}");
                }
            }
            let (cause, fix) = (e.cause().text(Lang::Zh), e.fix().text(Lang::Zh));
            assert!(cause.ends_with('。') && fix.ends_with('。'), "{e:?}");
            assert_ne!(cause, e.cause().text(Lang::En));
        }
        assert_eq!(KNOWN.len(), 21);
    }

    #[test]
    fn json_keeps_the_english_schema() {
        let value = serde_json::to_value(Explanation::NoIpSans).unwrap();
        assert_eq!(value["matched"], "doesn't contain any ip sans");
        assert_eq!(value["said_by"], "the docker client");
        assert_eq!(
            value["cause"],
            "You dial the host by IP address, and its certificate has no IP address among its SANs."
        );
        assert_eq!(value.as_object().unwrap().len(), 4);
    }
}
