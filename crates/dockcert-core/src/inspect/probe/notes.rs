//! The lines under a check beside docker's words: why the one judge
//! refuses a chain, what docker accepts that is still wrong, what
//! dockcert's own TLS library could not do, and what the server accepts of
//! clients. Typed facts, worded in `wording/notes.rs`.

use serde::{Serialize, Serializer};

use super::days::Part;
use super::server::ServerKey;
use crate::inspect::verify::{Refusal, Risk};
use crate::lang::{Lang, Localized};

/// One line under a check.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Note {
    /// Why docker refuses the chain, and what to do (the judge's words).
    Why(Refusal),
    /// What docker accepts today that is still wrong.
    Risk(Risk),
    /// dockcert's TLS library (rustls on ring) could not finish a handshake
    /// that Go's would: the chain was judged by the core's verifier instead.
    TlsLibrary(Unsupported),
    /// The CA names dockerd announced in its CertificateRequest: the only
    /// issuers whose clients the docker client offers a certificate to it.
    Announced {
        /// Each name, as text (`CN=dockcert CA`).
        names: Vec<String>,
    },
    /// The client's certificate was issued by none of the announced CAs:
    /// Go's client then sends no certificate at all, and dockerd refuses.
    NotAnnounced {
        /// The issuers of the client's certificates, leaf first.
        issuers: Vec<String>,
        /// The names dockerd announced.
        names: Vec<String>,
    },
    /// dockerd, judging the client's chain against the CA file given to
    /// probe (a guess at its own), would refuse it: it logs the refusal's
    /// words and the client sees `remote error: tls: bad certificate`.
    ClientRefusal(Refusal),
    /// This certificate of the chain ends soon or has ended: what to do.
    RenewBefore(Part),
    /// dockerd serves another certificate than its file: restart it.
    Restart,
}

/// What dockcert's TLS library cannot do that Go's can.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unsupported {
    /// Check the server's handshake signature made with this key (P-521:
    /// ring has no P-521).
    ServerKey(ServerKey),
    /// Check a TLS 1.2 handshake signature over SHA-1, which docker 28
    /// (Go 1.24) still takes and RFC 9155 forbids.
    Sha1Signature,
}

impl Note {
    /// docker's (or dockerd's) own message for this line, when it has one.
    pub fn docker_says(&self) -> Option<String> {
        match self {
            Note::Why(r) | Note::ClientRefusal(r) => Some(r.docker_says()),
            _ => None,
        }
    }
}

/// `--json` gains `notes`: each one English string.
impl Serialize for Note {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::explain::Explanation;
    use crate::inspect::probe::{CheckName, ServerChain, Status};
    use crate::inspect::verify::Which;

    fn chain(refusal: Option<Refusal>, risks: Vec<Risk>) -> ServerChain {
        ServerChain {
            subject: "CN=docker1".into(),
            sans: vec!["docker1.example.com".into()],
            issuer: "CN=dockcert CA".into(),
            not_after: time::macros::datetime!(2027-11-26 0:00 UTC),
            key: ServerKey::Ecdsa {
                curve: Some("P-256"),
            },
            refusal,
            risks,
        }
    }

    /// The judge's refusal is docker's words (explained from the table) and
    /// its own reason under them; a risk is a line under an ok check.
    #[test]
    fn the_judges_answer_becomes_the_checks_lines() {
        let refused =
            chain(Some(Refusal::UnknownAuthority), Vec::new()).check("docker1.example.com");
        assert_eq!(refused.status, Status::Finding);
        assert_eq!(refused.name, CheckName::ServerCertificate);
        assert_eq!(
            refused.docker_says,
            Some(Refusal::UnknownAuthority.docker_says())
        );
        assert_eq!(refused.explanation, Some(Explanation::UnknownAuthority));
        assert_eq!(refused.notes, [Note::Why(Refusal::UnknownAuthority)]);

        let risk = Risk::NoEku { at: Which::Leaf };
        let accepted = chain(None, vec![risk.clone()]).check("docker1.example.com");
        assert_eq!(accepted.status, Status::Ok);
        assert_eq!(accepted.docker_says, None);
        assert_eq!(accepted.notes, [Note::Risk(risk)]);
    }

    /// `--json` gains `notes` (English strings) only where there are some.
    #[test]
    fn json_gains_notes_only_when_there_are_some() {
        let plain = chain(None, Vec::new()).check("docker1.example.com");
        let value = serde_json::to_value(&plain).unwrap();
        assert!(value.get("notes").is_none(), "{value}");
        let refused = chain(Some(Refusal::UnknownAuthority), Vec::new()).check("h");
        let value = serde_json::to_value(&refused).unwrap();
        assert_eq!(
            value["notes"],
            serde_json::json!([Note::Why(Refusal::UnknownAuthority).text(Lang::En)])
        );
    }

    /// Every note in Chinese: Chinese prose, names and docker's words kept.
    #[test]
    fn every_note_speaks_both_languages() {
        let key = ServerKey::Ecdsa {
            curve: Some("P-521"),
        };
        let notes = [
            Note::Why(Refusal::UnknownAuthority),
            Note::Risk(Risk::NoEku { at: Which::Leaf }),
            Note::TlsLibrary(Unsupported::ServerKey(key)),
            Note::TlsLibrary(Unsupported::Sha1Signature),
            Note::Announced {
                names: vec!["CN=Alpha CA".into(), "CN=Beta CA".into()],
            },
            Note::NotAnnounced {
                issuers: vec!["CN=Gamma CA".into()],
                names: vec!["CN=Alpha CA".into()],
            },
            Note::ClientRefusal(Refusal::UnknownAuthority),
            Note::RenewBefore(Part::Leaf),
            Note::RenewBefore(Part::Ca),
            Note::Restart,
        ];
        for note in &notes {
            let (en, zh) = (note.text(Lang::En), note.text(Lang::Zh));
            assert_ne!(en, zh);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
        }
        let said = Refusal::UnknownAuthority.docker_says();
        for lang in [Lang::En, Lang::Zh] {
            let text = notes[6].text(lang);
            assert!(text.contains(&said), "{text}");
            assert!(
                text.contains("remote error: tls: bad certificate"),
                "{text}"
            );
            assert!(notes[4].text(lang).contains("CN=Beta CA"));
            assert!(notes[3].text(lang).contains("SHA-1"));
            assert!(notes[2].text(lang).contains("P-521"));
        }
        for lang in [Lang::En, Lang::Zh] {
            assert!(notes[7].text(lang).contains("dockcert renew"));
            assert!(notes[8].text(lang).contains("dockcert new"));
            assert!(notes[9].text(lang).contains("systemctl restart docker"));
            assert!(notes[9].text(lang).contains("live-restore"));
        }
        assert_eq!(notes[0].docker_says(), Some(said));
        assert_eq!(notes[4].docker_says(), None);
    }
}
