//! The client's check: what dockerd will make of the client's chain (the
//! CA names it announced, the chain judged as dockerd judges it, by the
//! core), then `/_ping` and `/version` with the client's certificate;
//! unless dockcert's TLS library cannot finish that handshake, which is
//! then said as such, never as dockerd's refusal.

use std::net::SocketAddr;
use std::sync::Arc;

use dockcert_core::inspect::probe::{
    certificate_key, judge_client_chain, Check, CheckName, DaemonVersion, Note, ServerKey, Skip,
    Summary, Unclear,
};
use rustls::sign::CertifiedKey;
use time::OffsetDateTime;

use super::answer::{refused, tls_words, unclear};
use super::client_files::ClientFiles;
use super::deadline::Deadline;
use super::wire::{exchange, Exchange, Target};

/// The client's check, after `anonymous`, the exchange without a
/// certificate (its CertificateRequest's CA names, and whether our TLS
/// library could finish it).
pub(super) fn with_client(
    addrs: &[SocketAddr],
    target: &Target,
    files: &ClientFiles,
    anonymous: &Exchange,
    t: Deadline,
) -> Check {
    let name = CheckName::ClientCertificate;
    let chain: Vec<Vec<u8>> = files.cert.certs.iter().map(|c| c.to_vec()).collect();
    let notes = judge_client_chain(
        &chain,
        &files.ca,
        anonymous.announced.as_deref(),
        OffsetDateTime::now_utc(),
    );
    if anonymous.unchecked {
        // Nothing was tried without a certificate either: no verdict here.
        return Check::unknown(name, Summary::Skipped(Skip::OwnTlsLibrary)).with_notes(notes);
    }
    let check = match (
        files.cert.signing(),
        chain.first().and_then(|l| certificate_key(l)),
    ) {
        (Ok(key), _) => requests(addrs, target, &key, t),
        (Err(_), Some(key)) => judged_instead(key, &notes),
        (Err(e), None) => Check::unknown(
            name,
            Summary::RequestUnclear {
                path: "/_ping".into(),
                seen: Unclear::Other(e.to_string()),
            },
        ),
    };
    check.with_notes(notes)
}

/// The client's check when dockcert's TLS library cannot sign with its
/// key (P-521), which docker can: the judge's answer on its chain instead
/// of a handshake, never a refusal of dockcert's own making.
fn judged_instead(key: ServerKey, notes: &[Note]) -> Check {
    let name = CheckName::ClientCertificate;
    let dockerd_says = notes.iter().find_map(Note::docker_says);
    let not_offered = notes.iter().any(|n| matches!(n, Note::NotAnnounced { .. }));
    let refused = dockerd_says.is_some() || not_offered;
    let summary = Summary::ClientJudged { key, refused };
    if refused {
        Check::finding(name, summary, dockerd_says)
    } else {
        Check::ok(name, summary)
    }
}

/// The most of `/_ping`'s body shown: dockerd says `OK`; a server that is
/// not dockerd may answer a whole page.
const PING_SHOWN: usize = 64;

/// The first `n` characters of `text`, and `…` when there were more.
fn first_chars(text: &str, n: usize) -> String {
    match text.char_indices().nth(n) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// `/_ping`, then `/version`, with the client's certificate.
fn requests(addrs: &[SocketAddr], target: &Target, key: &Arc<CertifiedKey>, t: Deadline) -> Check {
    let name = CheckName::ClientCertificate;
    let ping = exchange(addrs, target, Some(key), "/_ping", t).answer;
    let ping = match ping {
        Ok(answer) => answer,
        Err(e) if refused(&e) => {
            let said = tls_words(&e);
            return Check::finding(
                name,
                Summary::ClientRefused { said: said.clone() },
                Some(said),
            );
        }
        Err(e) => {
            return Check::unknown(
                name,
                Summary::RequestUnclear {
                    path: "/_ping".into(),
                    seen: unclear(&e, t),
                },
            );
        }
    };
    if ping.status != 200 {
        return Check::finding(
            name,
            Summary::Answered {
                path: "/_ping".into(),
                status_line: ping.status_line,
            },
            None,
        );
    }
    let version = match exchange(addrs, target, Some(key), "/version", t).answer {
        Ok(answer) if answer.status == 200 => DaemonVersion::from_json(&answer.body),
        Ok(answer) => {
            return Check::finding(
                name,
                Summary::Answered {
                    path: "/version".into(),
                    status_line: answer.status_line,
                },
                None,
            )
        }
        Err(e) if refused(&e) => {
            let said = tls_words(&e);
            return Check::finding(
                name,
                Summary::RefusedAt {
                    path: "/version".into(),
                    said: said.clone(),
                },
                Some(said),
            );
        }
        Err(e) => {
            return Check::unknown(
                name,
                Summary::RequestUnclear {
                    path: "/version".into(),
                    seen: unclear(&e, t),
                },
            );
        }
    };
    Check::ok(
        name,
        Summary::ClientAccepted {
            ping: first_chars(String::from_utf8_lossy(&ping.body).trim(), PING_SHOWN),
            version,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_ping_answer_is_cut() {
        assert_eq!(first_chars("OK", PING_SHOWN), "OK");
        assert_eq!(first_chars("ab乙de", 3), "ab乙…");
        assert_eq!(
            first_chars(&"x".repeat(500), PING_SHOWN).chars().count(),
            65
        );
    }
}
