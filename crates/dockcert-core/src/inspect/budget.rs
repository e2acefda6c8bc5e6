//! The work one run of inspect does on its costliest steps, bounded.
//!
//! Reading a private key derives or checks its public key, and checking a
//! leaf's signature runs its CA's public-key operation: tens to hundreds of
//! microseconds each, so the 64 MiB inspect reads ([`super::MAX_GATHERED`])
//! could hold 100,000 distinct keys or leaves, a minute of work. Each such
//! step is weighed in units (about a microsecond each, measured with
//! `dockcert inspect` of a zip of thousands of distinct keys or leaves, on
//! a release build on a busy 2-core machine) and taken from one [`BUDGET`]
//! per run; past it, what is left is not checked, and one error per kind
//! says how many files that left unchecked, so a run that checked less than
//! it was given never says all is well.

use pkcs8::der::Decode;
use pkcs8::ObjectIdentifier;

use super::problem::Problem;
use super::report::Findings;
use crate::import::pem;

/// Units one run may spend: about a second of the steps below, so that
/// with the rest of the work on the most inspect reads (64 MiB of distinct
/// leaves under one CA: 2.2 s of CPU for reading them, measured) a run ends
/// within about 3 s. A bundle of P-256 keys (dockcert's default) costs
/// about 160 units a host (its key read, its certificate's signature
/// checked), so the largest that fits the 64 MiB inspect reads (about 1,450
/// hosts) takes 240,000; one of P-384 keys costs about 1,450 a host, and is
/// cut past about 690 hosts.
pub(super) const BUDGET: u64 = 1_000_000;

/// Reading a P-256 key (0.094 ms measured: 20,000 distinct keys in 1.9 s),
/// and the least any key read is charged (Ed25519's costs less).
const KEY_P256: u64 = 100;
/// Reading a P-384 key (0.60 ms: 5,000 keys in 3.0 s).
const KEY_P384: u64 = 650;
/// An RSA key is charged by its DER length squared over this: 2,048 bits
/// (1,190 bytes) 200 units, measured 0.2 ms; 4,096 bits (2,350 bytes) 770,
/// measured 0.68 ms; the 16,384 bits read at most (9,400 bytes) 12,300.
const RSA_KEY_DIVISOR: u64 = 7_200;
/// The longest RSA key charged for: eight numbers of 16,384 bits. One with
/// a longer number is refused by that number's encoded length
/// ([`crate::pki::check_rsa_numbers`]) before any of them is read.
const RSA_KEY_MOST_BYTES: u64 = 16_500;
/// Checking a signature with a P-256 CA key (0.06 ms: 95,000 leaves in
/// 5.5 s more than without their CA), and the least any check is charged.
const SIGNATURE_P256: u64 = 60;
/// Checking a signature with a P-384 CA key (0.79 ms: 10,000 leaves in
/// 7.9 s more than without their CA).
const SIGNATURE_P384: u64 = 800;
/// A signature by an RSA CA key is charged by the key's length squared
/// over this: 4,096 bits (526 bytes) 86 units, measured 0.086 ms; 16,384
/// bits 1,330.
const RSA_SIGNATURE_DIVISOR: u64 = 3_200;

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
const P384_TEXT: &str = "1.3.132.0.34";

/// What one run has left to spend, and what it could not check.
pub(super) struct Budget {
    left: u64,
    /// Key files not read for want of budget, and the first.
    keys: (usize, Option<String>),
    /// Leaves whose signature was not checked, and the first.
    signatures: (usize, Option<String>),
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new(BUDGET)
    }
}

impl Budget {
    pub(super) fn new(units: u64) -> Self {
        Budget {
            left: units,
            keys: (0, None),
            signatures: (0, None),
        }
    }

    /// Takes `units` if they are left; `false` once the budget is spent.
    fn take(&mut self, units: u64) -> bool {
        match self.left.checked_sub(units) {
            Some(left) => {
                self.left = left;
                true
            }
            None => {
                // Spent: nothing costlier than what is left runs, and
                // nothing at all after the first refusal, so which files
                // are checked does not depend on their sizes' order.
                self.left = 0;
                false
            }
        }
    }

    /// Whether the key in `bytes` (the file at `path`) may be read.
    pub(super) fn key(&mut self, bytes: &[u8], path: &str) -> bool {
        let ok = self.take(key_units(bytes));
        if !ok {
            note(&mut self.keys, path);
        }
        ok
    }

    /// Whether the leaf at `path` may have its signature checked, at
    /// `units` ([`signature_units`] of its CA's key).
    pub(super) fn signature(&mut self, units: u64, path: &str) -> bool {
        let ok = self.take(units);
        if !ok {
            note(&mut self.signatures, path);
        }
        ok
    }

    /// One error for the keys, and one for the signatures, not checked.
    pub(super) fn report(&self, findings: &mut Findings) {
        if let (count, Some(first)) = &self.keys {
            findings.add(Problem::KeysNotRead {
                first: first.clone(),
                count: *count,
            });
        }
        if let (count, Some(first)) = &self.signatures {
            findings.add(Problem::SignaturesNotChecked {
                first: first.clone(),
                count: *count,
            });
        }
    }
}

fn note(count: &mut (usize, Option<String>), path: &str) {
    count.0 += 1;
    count.1.get_or_insert_with(|| path.to_owned());
}

/// What reading the first private key in `bytes` costs, judged from its
/// encoding alone (its kind, curve and length), before any of that work.
pub(super) fn key_units(bytes: &[u8]) -> u64 {
    let blocks = pem::blocks(bytes);
    let (label, der): (&str, &[u8]) = match blocks.iter().find(|b| b.label.ends_with("PRIVATE KEY"))
    {
        Some(b) => (b.label.as_str(), b.der.as_slice()),
        None => ("PRIVATE KEY", bytes),
    };
    let rsa = || (der.len() as u64).min(RSA_KEY_MOST_BYTES).pow(2) / RSA_KEY_DIVISOR;
    let units = match label {
        "RSA PRIVATE KEY" => rsa(),
        // Read as P-256 first, then as P-384.
        "EC PRIVATE KEY" => match sec1::EcPrivateKey::from_der(der)
            .ok()
            .and_then(|k| k.parameters)
            .and_then(|p| p.named_curve())
        {
            Some(curve) if curve != P384 => KEY_P256,
            _ => KEY_P256 + KEY_P384,
        },
        _ => match pkcs8::PrivateKeyInfoRef::from_der(der) {
            Ok(info) if info.algorithm.oid == RSA_ENCRYPTION => rsa(),
            Ok(info) if info.algorithm.parameters_oid().ok() == Some(P384) => KEY_P384,
            Ok(_) => KEY_P256,
            // Not a key dockcert reads: refused before any costly step.
            Err(_) => KEY_P256.max(rsa()),
        },
    };
    units.max(KEY_P256)
}

/// What checking one signature with a CA's public key costs: `algorithm`
/// and `curve` are OIDs as text, `key_len` the key's length in bytes.
pub(super) fn signature_units((algorithm, curve, key_len): (&str, Option<&str>, usize)) -> u64 {
    let units = match (algorithm, curve) {
        (EC_PUBLIC_KEY, Some(P384_TEXT)) => SIGNATURE_P384,
        (EC_PUBLIC_KEY, _) => SIGNATURE_P256,
        _ => (key_len as u64).pow(2) / RSA_SIGNATURE_DIVISOR,
    };
    units.max(SIGNATURE_P256)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sec1(curve: &[u8], scalar_len: usize) -> Vec<u8> {
        let mut body = vec![0x02, 0x01, 0x01, 0x04, scalar_len as u8];
        body.extend(std::iter::repeat_n(0x11, scalar_len));
        body.extend([0xa0, curve.len() as u8 + 2, 0x06, curve.len() as u8]);
        body.extend(curve);
        let mut der = vec![0x30, body.len() as u8];
        der.extend(body);
        pkcs8::der::pem::encode_string("EC PRIVATE KEY", pkcs8::LineEnding::LF, &der)
            .unwrap()
            .into_bytes()
    }

    #[test]
    fn keys_are_weighed_by_curve_and_length_before_they_are_read() {
        let p256 = sec1(&[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07], 32);
        let p384 = sec1(&[0x2b, 0x81, 0x04, 0x00, 0x22], 48);
        assert_eq!(key_units(&p256), KEY_P256);
        assert_eq!(key_units(&p384), KEY_P256 + KEY_P384);
        // An RSA key's numbers are not read to weigh it: only their length.
        let rsa = |len: usize| {
            pkcs8::der::pem::encode_string("RSA PRIVATE KEY", pkcs8::LineEnding::LF, &vec![0; len])
                .unwrap()
                .into_bytes()
        };
        assert_eq!(key_units(&rsa(1190)), 196);
        assert_eq!(key_units(&rsa(2350)), 767);
        assert_eq!(key_units(&rsa(9400)), 12_272);
        // Refused by its modulus's length, read no further: the most charged.
        assert_eq!(key_units(&rsa(250_000)), 37_812);
        // Not a key at all: the least charge.
        assert_eq!(key_units(b"hello"), KEY_P256);
    }

    #[test]
    fn signatures_are_weighed_by_their_ca_key() {
        assert_eq!(signature_units((EC_PUBLIC_KEY, None, 65)), SIGNATURE_P256);
        assert_eq!(
            signature_units((EC_PUBLIC_KEY, Some(P384_TEXT), 97)),
            SIGNATURE_P384
        );
        let rsa = "1.2.840.113549.1.1.1";
        assert_eq!(signature_units((rsa, None, 270)), SIGNATURE_P256);
        assert_eq!(signature_units((rsa, None, 526)), 86);
        assert_eq!(signature_units((rsa, None, 2062)), 1328);
    }

    #[test]
    fn past_the_budget_nothing_more_is_taken_and_the_rest_is_counted() {
        let p256 = sec1(&[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07], 32);
        let mut budget = Budget::new(3 * KEY_P256 + 10);
        let read: Vec<bool> = (0..6)
            .map(|i| budget.key(&p256, &format!("k{i}")))
            .collect();
        assert_eq!(read, [true, true, true, false, false, false]);
        // Spent: even the cheapest step is refused now.
        assert!(!budget.signature(SIGNATURE_P256, "leaf"));
        let mut findings = Findings::default();
        budget.report(&mut findings);
        let found: Vec<&Problem> = findings.0.iter().map(|f| &f.problem).collect();
        assert_eq!(
            found,
            [
                &Problem::KeysNotRead {
                    first: "k3".into(),
                    count: 3
                },
                &Problem::SignaturesNotChecked {
                    first: "leaf".into(),
                    count: 1
                }
            ]
        );
        assert!(findings
            .0
            .iter()
            .all(|f| f.code == "not-checked" && f.severity == crate::inspect::Severity::Error));
    }

    #[test]
    fn a_budget_not_spent_says_nothing() {
        let mut findings = Findings::default();
        Budget::default().report(&mut findings);
        assert!(findings.0.is_empty());
    }

    /// A SEC1 P-256 key from a scalar made of `i`: distinct keys, cheap to
    /// make (reading each derives its public key).
    fn p256_key(i: u32) -> Vec<u8> {
        let mut body = vec![0x02, 0x01, 0x01, 0x04, 0x20, 0x01];
        body.extend([0x5a; 27]);
        body.extend(i.to_be_bytes());
        body.extend([
            0xa0, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07,
        ]);
        let mut der = vec![0x30, body.len() as u8];
        der.extend(body);
        pkcs8::der::pem::encode_string("EC PRIVATE KEY", pkcs8::LineEnding::LF, &der)
            .unwrap()
            .into_bytes()
    }

    fn inspect_keys(keys: impl Iterator<Item = Vec<u8>>) -> crate::inspect::Report {
        let files = keys
            .enumerate()
            .map(|(i, bytes)| crate::inspect::InputFile {
                path: format!("k/{i}/key.pem"),
                bytes,
                mode: Some(0o400),
            })
            .collect();
        crate::inspect::inspect(
            &crate::inspect::Gathered::of_files(files),
            &crate::inspect::Options {
                host: None,
                now: crate::bundle::tests_support::now(),
            },
        )
    }

    #[test]
    fn distinct_keys_past_the_budget_are_one_error_and_never_all_is_well() {
        let fit = (BUDGET / KEY_P256) as u32;
        let report = inspect_keys((0..fit + 250).map(p256_key));
        let cut: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.code == "not-checked")
            .collect();
        assert_eq!(cut.len(), 1, "{:?}", report.findings);
        let first = format!("k/{fit}/key.pem");
        assert_eq!(cut[0].file.as_deref(), Some(first.as_str()));
        assert_eq!(
            cut[0].problem,
            Problem::KeysNotRead {
                first: first.clone(),
                count: 250
            }
        );
        assert!(!report.ok());
        assert_eq!(report.errors, 1);
        use crate::inspect::Kind;
        use crate::pki::KeyType;
        let kind = |i: u32| &report.files[i as usize].kind;
        assert_eq!(kind(0), &Kind::PrivateKey(Some(KeyType::EcdsaP256)));
        assert_eq!(kind(fit - 1), &Kind::PrivateKey(Some(KeyType::EcdsaP256)));
        assert_eq!(kind(fit), &Kind::PrivateKeyNotRead);
    }

    #[test]
    fn one_key_copied_past_the_budget_is_read_once_and_all_of_it_checked() {
        let fit = (BUDGET / KEY_P256) as usize;
        let report = inspect_keys(std::iter::repeat_n(p256_key(7), fit * 2));
        assert!(report.findings.is_empty(), "{:?}", report.findings);
        assert!(report.ok());
    }
}
