//! Name constraints of every kind and on intermediates, Go's budgets,
//! RSA keys too large for Go's TLS, and the small readers Go's words are
//! made with.

use crate::test_der::tlv;
use rcgen::{CidrSubnet, GeneralSubtree, NameConstraints, SanType};
use time::macros::datetime;

use super::cert;
use super::forms::{go_quote, ip_string};
use super::tests::{ca, ca_params, judge, judge_with, leaf_of, p256, refusal, self_signed, signed};
use super::{NameKind, Refusal, Usage, Which};

fn constrained_ca(
    permitted: Vec<GeneralSubtree>,
    excluded: Vec<GeneralSubtree>,
) -> super::tests::Made {
    let mut params = ca_params("Docker CA");
    params.name_constraints = Some(NameConstraints {
        permitted_subtrees: permitted,
        excluded_subtrees: excluded,
    });
    self_signed(params, p256())
}

#[test]
fn email_and_uri_names_are_constrained_too() {
    let root = constrained_ca(
        vec![GeneralSubtree::Rfc822Name("other.test".into())],
        vec![],
    );
    let leaf = leaf_of(&root, |p| {
        p.subject_alt_names.push(SanType::Rfc822Name(
            "admin@example.test".try_into().expect("email"),
        ));
    });
    let refused = refusal(&judge(&leaf, std::slice::from_ref(&root.der), "docker.lan"));
    assert_eq!(
        refused,
        Refusal::NameNotPermitted {
            at: Which::Root(0),
            kind: NameKind::Email,
            name: "admin@example.test".into()
        }
    );
    assert_eq!(
        refused.docker_says(),
        "x509: a root or intermediate certificate is not authorized to sign for this name: email address \"admin@example.test\" is not permitted by any constraint"
    );

    // A URI with an IP host cannot be matched against any constraint.
    let root = constrained_ca(vec![GeneralSubtree::DnsName("lan".into())], vec![]);
    let leaf = leaf_of(&root, |p| {
        p.subject_alt_names = vec![
            SanType::DnsName("docker.lan".try_into().expect("name")),
            SanType::URI("https://10.0.0.5:2376/".try_into().expect("uri")),
        ];
    });
    assert_eq!(
        judge(&leaf, std::slice::from_ref(&root.der), "docker.lan").refusal,
        None
    );
    let mut params = ca_params("Docker CA");
    params.name_constraints = Some(NameConstraints {
        permitted_subtrees: vec![],
        excluded_subtrees: vec![GeneralSubtree::DnsName("example.test".into())],
    });
    params.custom_extensions = vec![];
    let root = self_signed(params, p256());
    let leaf = leaf_of(&root, |p| {
        p.subject_alt_names = vec![SanType::DnsName("a.example.test".try_into().expect("name"))];
    });
    assert_eq!(
        refusal(&judge(&leaf, std::slice::from_ref(&root.der), "a.example.test")).docker_says(),
        "x509: a root or intermediate certificate is not authorized to sign for this name: DNS name \"a.example.test\" is excluded by constraint \"example.test\""
    );
}

#[test]
fn an_intermediate_constraints_and_dates_apply_below_it() {
    let root = ca("Root CA");
    let mut params = ca_params("Intermediate CA");
    params.name_constraints = Some(NameConstraints {
        permitted_subtrees: vec![GeneralSubtree::IpAddress(CidrSubnet::from_v4_prefix(
            [192, 168, 0, 0],
            16,
        ))],
        excluded_subtrees: vec![],
    });
    let inter = signed(params, p256(), &root);
    let leaf = leaf_of(&inter, |_| {});
    let refused = refusal(&judge_with(
        &leaf,
        std::slice::from_ref(&inter.der),
        std::slice::from_ref(&root.der),
        Some("docker.lan"),
        Usage::Server,
    ));
    assert_eq!(
        refused.docker_says(),
        "x509: a root or intermediate certificate is not authorized to sign for this name: IP address \"10.0.0.5\" is not permitted by any constraint"
    );
    assert_eq!(refused.about(), Some(Which::Intermediate(0)));

    let mut params = ca_params("Intermediate CA");
    params.not_after = datetime!(2026-12-01 0:00 UTC);
    let inter = signed(params, p256(), &root);
    let leaf = leaf_of(&inter, |_| {});
    assert!(matches!(
        refusal(&judge_with(
            &leaf,
            std::slice::from_ref(&inter.der),
            std::slice::from_ref(&root.der),
            Some("docker.lan"),
            Usage::Server,
        )),
        Refusal::Expired {
            at: Which::Intermediate(0),
            ..
        }
    ));
}

#[test]
fn constraint_comparisons_stop_at_go_budget() {
    // 1,000 excluded names times 300 SANs: 300,000 comparisons, past
    // Go's 250,000.
    let excluded = (0..1000)
        .map(|i| GeneralSubtree::DnsName(format!("x{i}.test")))
        .collect();
    let root = constrained_ca(vec![], excluded);
    let leaf = leaf_of(&root, |p| {
        p.subject_alt_names = (0..300)
            .map(|i| SanType::DnsName(format!("h{i}.lan").try_into().expect("name")))
            .collect();
    });
    let refused = refusal(&judge(&leaf, std::slice::from_ref(&root.der), "h1.lan"));
    assert_eq!(refused, Refusal::TooManyConstraints { at: Which::Root(0) });
    // Go has no words of its own for this reason.
    assert_eq!(refused.docker_says(), "x509: unknown error");
}

#[test]
fn an_rsa_key_over_8192_bits_is_refused_by_the_tls_stack() {
    let root = ca("Docker CA");
    let leaf = leaf_of(&root, |_| {});
    // An odd 8208-bit modulus, exponent 65537: Go never gets to use it.
    let mut modulus = vec![0x00, 0x80];
    modulus.extend(std::iter::repeat_n(0x11, 1024));
    modulus.push(0x01);
    let rsa_public = tlv(0x30, &[tlv(0x02, &modulus), tlv(0x02, &[1, 0, 1])].concat());
    let mut bits = vec![0];
    bits.extend(rsa_public);
    let alg = [
        0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
    ];
    let spki = tlv(0x30, &[&alg[..], &tlv(0x03, &bits)].concat());
    let big = replace_spki(&leaf, &spki);
    let refused = refusal(&judge(&big, std::slice::from_ref(&root.der), "docker.lan"));
    assert_eq!(
        refused,
        Refusal::RsaKeyTooLarge {
            at: Which::Leaf,
            usage: Usage::Server,
            bits: 8208
        }
    );
    assert_eq!(
        refused.docker_says(),
        "tls: server sent certificate containing RSA key larger than 8192 bits"
    );
}

#[test]
fn go_quotes_and_prints_addresses_as_go_does() {
    assert_eq!(go_quote("a\"b\\c\n\u{1}"), "\"a\\\"b\\\\c\\n\\x01\"");
    assert_eq!(go_quote("中"), "\"中\"");
    assert_eq!(ip_string(&[10, 0, 0, 5]), "10.0.0.5");
    let mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1];
    assert_eq!(ip_string(&mapped), "127.0.0.1");
    let v6 = [0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    assert_eq!(ip_string(&v6), "fd00::1");
}

#[test]
fn serial_numbers_print_in_decimal_negative_ones_too() {
    let mut params = ca_params("x");
    params.serial_number = Some(rcgen::SerialNumber::from_slice(&[
        0x12, 0x34, 0x56, 0x78, 0x9a,
    ]));
    let made = self_signed(params, p256());
    assert_eq!(
        cert::parse(&made.der).expect("parses").serial,
        "78187493530"
    );
    // Go takes negative serials (x509negativeserial=1) and prints them so.
    assert_eq!(cert::decimal(&[0xfb]), "-5");
    assert_eq!(cert::decimal(&[0x80]), "-128");
    assert_eq!(cert::decimal(&[0x00, 0xff]), "255");
    assert_eq!(cert::decimal(&[0x00]), "0");
}

/// `der` with another SubjectPublicKeyInfo, its signature left as it was.
fn replace_spki(der: &[u8], spki: &[u8]) -> Vec<u8> {
    use super::der::{Reader, SEQUENCE};
    let cert = Reader::new(der).expect(SEQUENCE).expect("cert");
    let mut fields = Reader::new(cert.body);
    let tbs = fields.expect(SEQUENCE).expect("tbs");
    let mut parts = Reader::new(tbs.body);
    let mut body = Vec::new();
    for _ in 0..6 {
        body.extend_from_slice(parts.any().expect("field").raw);
    }
    parts.any().expect("spki");
    body.extend_from_slice(spki);
    while let Some(rest) = parts.any() {
        body.extend_from_slice(rest.raw);
    }
    let mut out = tlv(SEQUENCE, &body);
    while let Some(rest) = fields.any() {
        out.extend_from_slice(rest.raw);
    }
    tlv(SEQUENCE, &out)
}

#[test]
fn a_damaged_leaf_is_never_accepted_and_never_panics() {
    use rand_chacha::rand_core::{Rng, SeedableRng};
    let root = ca("Docker CA");
    let leaf = leaf_of(&root, |_| {});
    let roots = std::slice::from_ref(&root.der);
    assert_eq!(judge(&leaf, roots, "docker.lan").refusal, None);
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(23);
    for round in 0..3000u32 {
        let mut damaged = leaf.clone();
        if round % 10 == 0 {
            let cut = (rng.next_u32() as usize) % damaged.len();
            damaged.truncate(cut);
        } else {
            for _ in 0..=(rng.next_u32() % 3) {
                let at = (rng.next_u32() as usize) % damaged.len();
                let bit = 1u8 << (rng.next_u32() % 8);
                damaged[at] ^= bit;
            }
        }
        let judgement = judge(&damaged, roots, "docker.lan");
        assert!(
            judgement.refusal.is_some(),
            "round {round} accepted a damaged leaf"
        );
    }
}

#[test]
fn bytes_after_the_certificate_are_go_trailing_data() {
    let root = ca("Docker CA");
    let mut leaf = leaf_of(&root, |_| {});
    leaf.push(0);
    assert_eq!(
        refusal(&judge(&leaf, std::slice::from_ref(&root.der), "docker.lan")),
        Refusal::Malformed {
            at: Which::Leaf,
            usage: Usage::Server,
            go_says: "x509: trailing data".into()
        }
    );
}

#[test]
fn the_name_is_checked_before_the_usage_as_docker_does() {
    // A client certificate served as a daemon's, no SAN, its CN the
    // address dialled: docker 28 speaks of the Common Name, not the usage.
    let root = ca("Docker CA");
    let leaf = leaf_of(&root, |p| {
        p.subject_alt_names = vec![];
        p.distinguished_name = super::tests::named("127.0.0.1");
        p.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
    });
    assert_eq!(
        refusal(&judge(&leaf, std::slice::from_ref(&root.der), "127.0.0.1")).docker_says(),
        "x509: certificate relies on legacy Common Name field, use SANs instead"
    );
}

#[test]
fn a_root_constraints_cover_an_intermediate_own_names() {
    // As docker 28 does: the root's excluded subtree refuses a name the
    // intermediate itself carries, not only the leaf's.
    let root = constrained_ca(vec![], vec![GeneralSubtree::DnsName("bad.test".into())]);
    let mut params = ca_params("Intermediate CA");
    params.subject_alt_names = vec![SanType::DnsName("bad.test".try_into().expect("name"))];
    let inter = signed(params, p256(), &root);
    let leaf = leaf_of(&inter, |_| {});
    assert_eq!(
        refusal(&judge_with(
            &leaf,
            std::slice::from_ref(&inter.der),
            std::slice::from_ref(&root.der),
            Some("docker.lan"),
            Usage::Server,
        ))
        .docker_says(),
        "x509: a root or intermediate certificate is not authorized to sign for this name: DNS name \"bad.test\" is excluded by constraint \"bad.test\""
    );
}
