//! The one judge, `inspect::verify`, on chains of any bytes.

use dockcert_core::inspect::verify::{self, Ask, Chain, Usage, Which};

use super::{now, render};

/// `inspect::verify::verify` on a chain framed in the input: a flags byte
/// (bit 0: judged as a client's; bit 1: a name follows), the number of
/// roots (its low 3 bits), the name when asked (one length byte, then the
/// name, lossy UTF-8), then certificates, each a big-endian `u16` length and
/// its DER: the leaf, the roots, then the intermediates.
///
/// Checks: docker's words are Go's (`x509: …` or `tls: …`, one line), every
/// refusal and risk is worded in both languages, and an accepted chain
/// starts at the leaf and names only certificates that were given.
pub fn verify(data: &[u8]) {
    let [flags, roots, rest @ ..] = data else {
        return;
    };
    let usage = if flags & 1 == 1 {
        Usage::Client
    } else {
        Usage::Server
    };
    let (name, mut rest) = match (flags & 2 == 2, rest) {
        (true, [len, tail @ ..]) => {
            let len = usize::from(*len).min(tail.len());
            let (name, tail) = tail.split_at(len);
            (Some(String::from_utf8_lossy(name).into_owned()), tail)
        }
        _ => (None, rest),
    };
    let mut ders = Vec::new();
    while let [hi, lo, tail @ ..] = rest {
        let len = usize::from(u16::from_be_bytes([*hi, *lo])).min(tail.len());
        let (der, tail) = tail.split_at(len);
        ders.push(der.to_vec());
        rest = tail;
    }
    let Some((leaf, others)) = ders.split_first() else {
        return;
    };
    let roots_given = usize::from(roots & 7).min(others.len());
    let (roots, intermediates) = others.split_at(roots_given);
    let judgement = verify::verify(
        &Chain {
            leaf,
            intermediates,
            roots,
        },
        &Ask {
            name: name.as_deref(),
            usage,
            now: now(),
        },
    );
    match &judgement.refusal {
        Some(refusal) => {
            let said = refusal.docker_says();
            // Go's words, or (no certificate in the CA file) those of
            // docker's go-connections, which never reaches Verify.
            assert!(
                said.starts_with("x509: ")
                    || said.starts_with("tls: ")
                    || said.starts_with("remote error: ")
                    || (*refusal == verify::Refusal::NoRoots
                        && said == "failed to append certificates from PEM file"),
                "not docker's words: {said}"
            );
            assert!(!said.contains('\n'), "docker's words on two lines: {said}");
            render(refusal);
        }
        None => {
            assert_eq!(judgement.path.first(), Some(&Which::Leaf));
            for link in &judgement.path {
                match *link {
                    Which::Leaf => {}
                    Which::Intermediate(i) => assert!(i < intermediates.len()),
                    Which::Root(i) => assert!(i < roots.len()),
                }
            }
        }
    }
    for risk in &judgement.risks {
        render(risk);
    }
}
