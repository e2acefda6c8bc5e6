//! Signatures and keys rcgen with ring cannot make (P-521, SHA-1, RSA of
//! any size, RSA-PSS), made by re-signing an rcgen certificate's
//! to-be-signed part; and the client's side of the handshake.

use crate::test_der::tlv;
use rand_chacha::rand_core::SeedableRng;
use rsa::pkcs8::EncodePublicKey;
use sha2::Sha256;
use time::macros::datetime;

use super::der::{self, Reader};
use super::tests::{ca, ca_params, judge, judge_with, leaf_of, p256, refusal, signed, Made};
use super::{signed_by, Refusal, Risk, Scheme, Usage, Which};

const ECDSA_SHA512: &[u8] = &[
    0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04,
];
const ECDSA_SHA1: &[u8] = &[
    0x30, 0x09, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01,
];
const RSA_SHA256: &[u8] = &[
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
];
const RSA_SHA1: &[u8] = &[
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05, 0x05, 0x00,
];
/// RSASSA-PSS, SHA-256, MGF1 SHA-256, salt 32.
const RSA_PSS_SHA256: &[u8] = &[
    0x30, 0x41, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a, 0x30, 0x34, 0xa0,
    0x0f, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00,
    0xa1, 0x1c, 0x30, 0x1a, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08, 0x30,
    0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0xa2, 0x03,
    0x02, 0x01, 0x20,
];

/// `der` with its signature algorithm (inner and outer) set to `alg`,
/// its key to `spki` when given, and signed again by `sign`.
fn resign(
    der: &[u8],
    alg: &[u8],
    spki: Option<&[u8]>,
    mut sign: impl FnMut(&[u8]) -> Vec<u8>,
) -> Vec<u8> {
    let cert = Reader::new(der).expect(der::SEQUENCE).expect("cert");
    let tbs = Reader::new(cert.body).expect(der::SEQUENCE).expect("tbs");
    let mut parts = Reader::new(tbs.body);
    let mut body = Vec::new();
    if let Some(version) = parts.optional(0xa0) {
        body.extend_from_slice(version.raw);
    }
    body.extend_from_slice(parts.any().expect("serial").raw);
    parts.any().expect("algorithm");
    body.extend_from_slice(alg);
    for _ in 0..3 {
        body.extend_from_slice(parts.any().expect("names and dates").raw);
    }
    let old_spki = parts.any().expect("spki");
    body.extend_from_slice(spki.unwrap_or(old_spki.raw));
    while let Some(rest) = parts.any() {
        body.extend_from_slice(rest.raw);
    }
    let new_tbs = tlv(der::SEQUENCE, &body);
    let mut bits = vec![0];
    bits.extend(sign(&new_tbs));
    tlv(
        der::SEQUENCE,
        &[new_tbs.as_slice(), alg, &tlv(der::BIT_STRING, &bits)].concat(),
    )
}

fn p521_key(seed: u8) -> p521::ecdsa::SigningKey {
    let mut secret = [seed; 66];
    secret[0] = 0;
    p521::ecdsa::SigningKey::from_slice(&secret).expect("p521 key")
}

fn p521_spki(key: &p521::ecdsa::SigningKey) -> Vec<u8> {
    let point = key.verifying_key().to_sec1_bytes();
    assert_eq!(point.first(), Some(&4));
    let alg = [
        0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x05, 0x2b, 0x81,
        0x04, 0x00, 0x23,
    ];
    let mut bits = vec![0];
    bits.extend_from_slice(&point);
    tlv(
        der::SEQUENCE,
        &[&alg[..], &tlv(der::BIT_STRING, &bits)].concat(),
    )
}

fn p521_sign(key: &p521::ecdsa::SigningKey, message: &[u8]) -> Vec<u8> {
    use p521::ecdsa::signature::Signer;
    let signature: p521::ecdsa::Signature = key.sign(message);
    signature.to_der().as_bytes().to_vec()
}

#[test]
fn a_p521_ca_and_leaf_are_checked_and_accepted() {
    let ca_key = p521_key(1);
    let root = ca("P-521 CA");
    let root_der = resign(&root.der, ECDSA_SHA512, Some(&p521_spki(&ca_key)), |tbs| {
        p521_sign(&ca_key, tbs)
    });
    let leaf = leaf_of(&root, |_| {});
    let good = resign(&leaf, ECDSA_SHA512, None, |tbs| p521_sign(&ca_key, tbs));
    let judgement = judge(&good, std::slice::from_ref(&root_der), "docker.lan");
    assert_eq!(judgement.refusal, None);
    assert_eq!(judgement.path, vec![Which::Leaf, Which::Root(0)]);

    let forged = resign(&leaf, ECDSA_SHA512, None, |tbs| {
        p521_sign(&p521_key(2), tbs)
    });
    assert_eq!(
        refusal(&judge(&forged, std::slice::from_ref(&root_der), "docker.lan")).docker_says(),
        "x509: certificate signed by unknown authority (possibly because of \"x509: ECDSA verification failure\" while trying to verify candidate authority certificate \"P-521 CA\")"
    );
}

#[test]
fn signed_by_checks_a_p521_handshake_signature() {
    let key = p521_key(3);
    let spki = p521_spki(&key);
    let signature = p521_sign(&key, b"handshake");
    let scheme = Scheme::Ecdsa { hash_bits: 512 };
    assert!(signed_by(&spki, scheme, b"handshake", &signature));
    assert!(!signed_by(&spki, scheme, b"another", &signature));
    assert!(!signed_by(
        &spki,
        Scheme::Ecdsa { hash_bits: 256 },
        b"handshake",
        &signature
    ));

    // TLS 1.2 may pair P-521 with SHA-256: Go takes the short hash as it is.
    use p521::ecdsa::signature::hazmat::PrehashSigner;
    use sha2::Digest;
    let mut digest = vec![0u8];
    digest.extend_from_slice(&Sha256::digest(b"handshake"));
    let short: p521::ecdsa::Signature = key.sign_prehash(&digest).expect("sign");
    let short = short.to_der().as_bytes().to_vec();
    let scheme = Scheme::Ecdsa { hash_bits: 256 };
    assert!(signed_by(&spki, scheme, b"handshake", &short));
    assert!(!signed_by(&spki, scheme, b"other", &short));
}

#[test]
fn sha1_is_insecure_and_never_checked() {
    let root = ca("Docker CA");
    let leaf = leaf_of(&root, |_| {});
    // Not even a signature: Go refuses the algorithm before looking.
    let sha1 = resign(&leaf, ECDSA_SHA1, None, |_| vec![0x30, 0x00]);
    let refused = refusal(&judge(&sha1, std::slice::from_ref(&root.der), "docker.lan"));
    assert_eq!(
        refused,
        Refusal::UnknownAuthorityBecause {
            candidate: Which::Root(0),
            candidate_name: "Docker CA".into(),
            because: Box::new(Refusal::InsecureAlgorithm {
                at: Which::Leaf,
                algorithm: "ECDSA-SHA1".into()
            })
        }
    );
    assert_eq!(
        refused.docker_says(),
        "x509: certificate signed by unknown authority (possibly because of \"x509: cannot verify signature: insecure algorithm ECDSA-SHA1\" while trying to verify candidate authority certificate \"Docker CA\")"
    );
    // A root's own SHA-1 self-signature is never checked.
    let root_sha1 = resign(&root.der, ECDSA_SHA1, None, |_| vec![0x30, 0x00]);
    assert_eq!(judge(&leaf, &[root_sha1], "docker.lan").refusal, None);
}

#[test]
fn rsa_of_any_size_pkcs1_and_pss_is_checked_and_small_keys_are_a_risk() {
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(7);
    let ca_key = rsa::PrivateKey::new(&mut rng, 1024).expect("rsa key");
    let ca_spki = ca_key
        .to_public_key()
        .to_public_key_der()
        .expect("spki")
        .as_bytes()
        .to_vec();
    let root = ca("RSA CA");
    let root_der = resign(&root.der, RSA_SHA256, Some(&ca_spki), |tbs| {
        ca_key.pkcs1v15_sign::<Sha256>(tbs).expect("sign")
    });
    let roots = std::slice::from_ref(&root_der);
    let leaf = leaf_of(&root, |_| {});
    let pkcs1 = resign(&leaf, RSA_SHA256, None, |tbs| {
        ca_key.pkcs1v15_sign::<Sha256>(tbs).expect("sign")
    });
    let judgement = judge(&pkcs1, roots, "docker.lan");
    assert_eq!(judgement.refusal, None);
    assert_eq!(
        judgement.risks,
        vec![Risk::WeakRsaKey {
            at: Which::Root(0),
            bits: 1024
        }]
    );
    let mut pss_rng = rand_chacha::ChaCha20Rng::seed_from_u64(8);
    let pss = resign(&leaf, RSA_PSS_SHA256, None, |tbs| {
        ca_key
            .pss_sign_with_rng::<Sha256, _>(&mut pss_rng, tbs)
            .expect("sign")
    });
    assert_eq!(judge(&pss, roots, "docker.lan").refusal, None);
    let sha1 = resign(&leaf, RSA_SHA1, None, |_| vec![1; 128]);
    assert_eq!(
        refusal(&judge(&sha1, roots, "docker.lan")).docker_says(),
        "x509: certificate signed by unknown authority (possibly because of \"x509: cannot verify signature: insecure algorithm SHA1-RSA\" while trying to verify candidate authority certificate \"RSA CA\")"
    );
    // An ECDSA signature algorithm under an RSA CA.
    let mismatch = resign(&leaf, ECDSA_SHA512, None, |_| vec![0x30, 0x00]);
    assert_eq!(
        refusal(&judge(&mismatch, roots, "docker.lan")).docker_says(),
        "x509: certificate signed by unknown authority (possibly because of \"x509: signature algorithm specifies an ECDSA public key, but have public key of type *rsa.PublicKey\" while trying to verify candidate authority certificate \"RSA CA\")"
    );
}

#[test]
fn a_critical_key_identifier_is_a_parse_error() {
    let root = ca("Docker CA");
    let leaf = leaf_of(&root, |p| {
        let mut ext =
            rcgen::CustomExtension::from_oid_content(&[2, 5, 29, 14], vec![0x04, 0x01, 0x07]);
        ext.set_criticality(true);
        p.custom_extensions.push(ext);
    });
    assert_eq!(
        refusal(&judge(&leaf, std::slice::from_ref(&root.der), "docker.lan")).docker_says(),
        "tls: failed to parse certificate from server: x509: subject key identifier incorrectly marked critical"
    );
}

#[test]
fn a_bare_wildcard_matches_nothing() {
    let root = ca("Docker CA");
    let leaf = leaf_of(&root, |p| {
        p.subject_alt_names = vec![rcgen::SanType::DnsName("*".try_into().expect("name"))];
    });
    assert_eq!(
        refusal(&judge(&leaf, std::slice::from_ref(&root.der), "judgehost")).docker_says(),
        "x509: certificate is valid for *, not judgehost"
    );
}

#[test]
fn a_client_certificate_is_sent_only_when_its_file_names_dockerd_ca() {
    let root = ca("Docker CA");
    let client = |issuer: &Made| {
        leaf_of(issuer, |p| {
            p.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
            p.subject_alt_names = vec![];
        })
    };
    let as_client = |leaf: &[u8], intermediates: &[Vec<u8>]| {
        judge_with(
            leaf,
            intermediates,
            std::slice::from_ref(&root.der),
            None,
            Usage::Client,
        )
    };
    assert_eq!(as_client(&client(&root), &[]).refusal, None);

    let inter = signed(ca_params("Intermediate CA"), p256(), &root);
    let leaf = client(&inter);
    assert_eq!(
        as_client(&leaf, std::slice::from_ref(&inter.der)).path,
        vec![Which::Leaf, Which::Intermediate(0), Which::Root(0)]
    );
    let refused = as_client(&leaf, &[]).refusal.expect("refused");
    assert_eq!(refused, Refusal::ClientCertNotSent);
    assert_eq!(
        refused.docker_says(),
        "tls: client didn't provide a certificate"
    );

    let expired = leaf_of(&root, |p| {
        p.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
        p.not_after = datetime!(2026-12-04 0:00 UTC);
    });
    assert!(matches!(
        as_client(&expired, &[]).refusal,
        Some(Refusal::Expired {
            at: Which::Leaf,
            ..
        })
    ));
    let server_only = leaf_of(&root, |_| {});
    assert_eq!(
        as_client(&server_only, &[]).refusal,
        Some(Refusal::IncompatibleUsage {
            usage: Usage::Client
        })
    );
}

/// `der` with the serial number `serial` (an INTEGER's contents), signed
/// again by `by` with ECDSA P-256 SHA-256.
fn with_serial(der: &[u8], serial: &[u8], by: &Made) -> Vec<u8> {
    use rcgen::SigningKey;
    let cert = Reader::new(der).expect(der::SEQUENCE).expect("cert");
    let mut fields = Reader::new(cert.body);
    let tbs = fields.expect(der::SEQUENCE).expect("tbs");
    let alg = fields.expect(der::SEQUENCE).expect("algorithm");
    let mut parts = Reader::new(tbs.body);
    let mut body = Vec::new();
    body.extend_from_slice(parts.optional(0xa0).expect("v3").raw);
    parts.any().expect("serial");
    body.extend(tlv(der::INTEGER, serial));
    while let Some(rest) = parts.any() {
        body.extend_from_slice(rest.raw);
    }
    let new_tbs = tlv(der::SEQUENCE, &body);
    let mut bits = vec![0];
    bits.extend(by.issuer.key().sign(&new_tbs).expect("sign"));
    tlv(
        der::SEQUENCE,
        &[new_tbs.as_slice(), alg.raw, &tlv(der::BIT_STRING, &bits)].concat(),
    )
}

#[test]
fn go_accepts_a_negative_serial_and_a_leaf_without_digital_signature_as_risks() {
    let root = ca("Docker CA");
    let leaf = leaf_of(&root, |p| {
        p.key_usages = vec![rcgen::KeyUsagePurpose::KeyCertSign];
    });
    let negative = with_serial(&leaf, &[0xfb], &root);
    let judgement = judge(&negative, std::slice::from_ref(&root.der), "docker.lan");
    assert_eq!(judgement.refusal, None);
    assert_eq!(
        judgement.risks,
        vec![
            Risk::NoDigitalSignature { at: Which::Leaf },
            Risk::NegativeSerial {
                at: Which::Leaf,
                serial: "-5".into()
            }
        ]
    );
}

#[test]
fn a_ca_key_go_does_not_know_is_unsupported_before_any_algorithm() {
    let root = ca("Odd CA");
    // SubjectPublicKeyInfo with the private OID 1.3.6.1.4.1.99999.
    let odd_spki = tlv(
        der::SEQUENCE,
        &[
            &tlv(
                der::SEQUENCE,
                &[0x06, 0x08, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x86, 0x8d, 0x1f][..],
            )[..],
            &tlv(der::BIT_STRING, &[0, 1, 2, 3])[..],
        ]
        .concat(),
    );
    let odd_root = resign(&root.der, ECDSA_SHA512, Some(&odd_spki), |_| {
        vec![0x30, 0x00]
    });
    let leaf = leaf_of(&root, |_| {});
    let sha1 = resign(&leaf, ECDSA_SHA1, None, |_| vec![0x30, 0x00]);
    assert_eq!(
        refusal(&judge(&sha1, &[odd_root], "docker.lan")).docker_says(),
        "x509: certificate signed by unknown authority (possibly because of \"x509: cannot verify signature: algorithm unimplemented\" while trying to verify candidate authority certificate \"Odd CA\")"
    );
}

#[test]
fn a_weak_leaf_key_is_a_risk_even_when_docker_refuses_for_another_reason() {
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(9);
    let key = rsa::PrivateKey::new(&mut rng, 1024).expect("rsa key");
    let spki = key
        .to_public_key()
        .to_public_key_der()
        .expect("spki")
        .as_bytes()
        .to_vec();
    let public = rcgen::SubjectPublicKeyInfo::from_der(&spki).expect("spki");
    let root = ca("Docker CA");
    let leaf = super::tests::leaf_params()
        .signed_by(&public, &root.issuer)
        .expect("signed")
        .der()
        .to_vec();
    let judgement = judge(&leaf, std::slice::from_ref(&root.der), "other.lan");
    assert!(matches!(
        judgement.refusal,
        Some(Refusal::NameMismatch { .. })
    ));
    assert_eq!(
        judgement.risks,
        vec![Risk::WeakRsaKey {
            at: Which::Leaf,
            bits: 1024
        }]
    );
}

#[test]
fn a_leaf_key_tls_cannot_use_fails_the_handshake_after_a_good_chain() {
    let root = ca("Docker CA");
    // An RSA-PSS-only key (id-RSASSA-PSS): Go parses no key from it.
    let pss_spki = tlv(
        der::SEQUENCE,
        &[
            &tlv(
                der::SEQUENCE,
                &[
                    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a,
                ][..],
            )[..],
            &tlv(der::BIT_STRING, &[0, 0x30, 0x00])[..],
        ]
        .concat(),
    );
    let leaf = leaf_of(&root, |_| {});
    let pss_leaf = {
        use rcgen::SigningKey;
        resign(&leaf, &leaf_algorithm(&leaf), Some(&pss_spki), |tbs| {
            root.issuer.key().sign(tbs).expect("sign")
        })
    };
    let refused = refusal(&judge(
        &pss_leaf,
        std::slice::from_ref(&root.der),
        "docker.lan",
    ));
    assert_eq!(
        refused,
        Refusal::UnsupportedLeafKey {
            usage: Usage::Server,
            go_type: "<nil>".into()
        }
    );
    assert_eq!(
        refused.docker_says(),
        "remote error: tls: handshake failure"
    );
}

/// The certificate's own signature AlgorithmIdentifier, DER.
fn leaf_algorithm(der: &[u8]) -> Vec<u8> {
    let cert = Reader::new(der).expect(der::SEQUENCE).expect("cert");
    let mut fields = Reader::new(cert.body);
    fields.any().expect("tbs");
    fields
        .expect(der::SEQUENCE)
        .expect("algorithm")
        .raw
        .to_vec()
}
