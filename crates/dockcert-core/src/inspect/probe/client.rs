//! What the server accepts of clients: the CA names dockerd announces in
//! its CertificateRequest, whether the client's certificate is one the
//! docker client would offer to them, and the client's chain judged by the
//! one judge as dockerd judges it (clientAuth), against the CA file given
//! to probe as the best guess at dockerd's own.

use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate, X509Name};

use super::notes::Note;
use crate::inspect::verify::{verify, Ask, Chain, Usage};

/// The line saying which CA names the server announced, from the
/// CertificateRequest's DER names; `None` when it named none (then Go's
/// client offers its certificate whatever its issuer).
pub fn announced(hints: &[Vec<u8>]) -> Option<Note> {
    if hints.is_empty() {
        return None;
    }
    Some(Note::Announced {
        names: hints.iter().map(|h| name_text(h)).collect(),
    })
}

/// What dockerd will make of the client's chain (`chain`: its file's leaf
/// and the certificates after it), given the names it announced (`hints`,
/// `None` when no CertificateRequest came) and judged against `ca_ders` at
/// `now`: one line per reason it will refuse it, then what it accepts that
/// is still wrong.
pub fn judge_client_chain(
    chain: &[Vec<u8>],
    ca_ders: &[Vec<u8>],
    hints: Option<&[Vec<u8>]>,
    now: OffsetDateTime,
) -> Vec<Note> {
    let mut notes = Vec::new();
    let Some((leaf, intermediates)) = chain.split_first() else {
        return notes;
    };
    let parsed: Vec<X509Certificate<'_>> = chain
        .iter()
        .filter_map(|der| X509Certificate::from_der(der).ok().map(|(_, c)| c))
        .collect();
    if let Some(hints) = hints.filter(|h| !h.is_empty()) {
        let given: Vec<&[u8]> = chain.iter().map(Vec::as_slice).collect();
        let names: Vec<&[u8]> = hints.iter().map(Vec::as_slice).collect();
        if !offers(&given, &names) {
            notes.push(Note::NotAnnounced {
                issuers: parsed.iter().map(|c| c.issuer().to_string()).collect(),
                names: hints.iter().map(|h| name_text(h)).collect(),
            });
        }
    }
    let judged = verify(
        &Chain {
            leaf,
            intermediates,
            roots: ca_ders,
        },
        &Ask {
            name: None,
            usage: Usage::Client,
            now,
        },
    );
    notes.extend(judged.refusal.map(Note::ClientRefusal));
    notes.extend(judged.risks.into_iter().map(Note::Risk));
    notes
}

/// Whether Go's client offers the certificate `chain` (DER, leaf first) to
/// a server that announced the CA names `announced` (DER): when it
/// announced none, or when one of the chain's certificates' issuer is byte
/// for byte one of them (`CertificateRequestInfo.SupportsCertificate`);
/// else Go sends no certificate at all.
pub fn offers(chain: &[&[u8]], announced: &[&[u8]]) -> bool {
    announced.is_empty()
        || chain.iter().any(|der| {
            X509Certificate::from_der(der)
                .is_ok_and(|(_, c)| announced.contains(&c.issuer().as_raw()))
        })
}

/// A DER Name as OpenSSL-like text (`CN=dockcert CA`), or its bytes in hex
/// when it cannot be read.
fn name_text(der: &[u8]) -> String {
    match X509Name::from_der(der) {
        Ok((_, name)) => name.to_string(),
        Err(_) => der.iter().map(|b| format!("{b:02x}")).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::tests_support::{now, one_of_each, plain};
    use crate::import::certificates;
    use crate::plan::PlanRequest;

    /// The CA's and alice's certificates (DER) of a bundle whose CA is `ca_name`.
    fn made(ca_name: &str) -> (Vec<u8>, Vec<u8>) {
        let b = plain(&PlanRequest {
            ca_name: Some(ca_name.into()),
            ..one_of_each()
        });
        let der = |path: &str| certificates(b.contents(path).unwrap()).unwrap().remove(0);
        (der("ca/ca.pem"), der("client/alice/cert.pem"))
    }

    fn subject(der: &[u8]) -> Vec<u8> {
        let (_, c) = X509Certificate::from_der(der).unwrap();
        c.subject().as_raw().to_vec()
    }

    #[test]
    fn the_announced_names_are_read_as_names() {
        let (alpha, _) = made("Alpha CA");
        assert_eq!(
            announced(&[subject(&alpha)]),
            Some(Note::Announced {
                names: vec!["CN=Alpha CA".into()]
            })
        );
        assert_eq!(announced(&[]), None);
        // A name that is not DER is shown as its bytes, not dropped.
        let Some(Note::Announced { names }) = announced(&[vec![0xde, 0xad]]) else {
            panic!("no note");
        };
        assert_eq!(names, ["dead"]);
    }

    #[test]
    fn a_client_of_a_ca_not_announced_is_said_to_be_refused() {
        let (alpha, _) = made("Alpha CA");
        let (beta, alice_of_beta) = made("Beta CA");
        let chain = [alice_of_beta];
        let notes = judge_client_chain(
            &chain,
            std::slice::from_ref(&alpha),
            Some(&[subject(&alpha)]),
            now(),
        );
        assert!(
            notes.contains(&Note::NotAnnounced {
                issuers: vec!["CN=Beta CA".into()],
                names: vec!["CN=Alpha CA".into()],
            }),
            "{notes:?}"
        );
        // Announced: the issuer is among the names, nothing to say of it.
        let notes = judge_client_chain(
            &chain,
            std::slice::from_ref(&beta),
            Some(&[subject(&beta)]),
            now(),
        );
        assert!(
            !notes.iter().any(|n| matches!(n, Note::NotAnnounced { .. })),
            "{notes:?}"
        );
        // No names (or no CertificateRequest): Go's client offers it anyway.
        for hints in [None, Some(&[][..])] {
            let notes = judge_client_chain(&chain, std::slice::from_ref(&alpha), hints, now());
            assert!(
                !notes.iter().any(|n| matches!(n, Note::NotAnnounced { .. })),
                "{notes:?}"
            );
        }
        assert!(judge_client_chain(&[], &[alpha], None, now()).is_empty());
    }

    /// Whatever the judge says of the client's chain is said, in dockerd's
    /// words: a refusal as `ClientRefusal`, a risk as `Risk`.
    #[test]
    fn the_judges_answer_on_the_client_chain_is_said() {
        let (alpha, _) = made("Alpha CA");
        let (_, alice_of_beta) = made("Beta CA");
        let chain = [alice_of_beta];
        let judged = verify(
            &Chain {
                leaf: &chain[0],
                intermediates: &[],
                roots: std::slice::from_ref(&alpha),
            },
            &Ask {
                name: None,
                usage: Usage::Client,
                now: now(),
            },
        );
        let notes = judge_client_chain(&chain, std::slice::from_ref(&alpha), None, now());
        let mut expected: Vec<Note> = judged
            .refusal
            .into_iter()
            .map(Note::ClientRefusal)
            .collect();
        expected.extend(judged.risks.into_iter().map(Note::Risk));
        assert_eq!(notes, expected);
        for note in &notes {
            if let Note::ClientRefusal(r) = note {
                assert_eq!(note.docker_says(), Some(r.docker_says()));
            }
        }
    }
}
