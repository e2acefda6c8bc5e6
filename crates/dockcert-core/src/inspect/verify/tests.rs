//! The verifier against certificates made here with rcgen, each a good
//! chain with one thing changed; the typed refusal and Go's exact words
//! are asserted.

use rcgen::{
    BasicConstraints, CertificateParams, CidrSubnet, CustomExtension, DistinguishedName, DnType,
    ExtendedKeyUsagePurpose, GeneralSubtree, IsCa, Issuer, KeyPair, KeyUsagePurpose,
    NameConstraints, SanType, SignatureAlgorithm,
};
use time::macros::datetime;
use time::OffsetDateTime;

use super::*;

/// A certificate made for a test, and what it takes to sign with it.
pub(super) struct Made {
    pub der: Vec<u8>,
    pub issuer: Issuer<'static, KeyPair>,
}

pub(super) fn now() -> OffsetDateTime {
    datetime!(2026-12-05 02:40:29 UTC)
}

pub(super) fn key(alg: &'static SignatureAlgorithm) -> KeyPair {
    KeyPair::generate_for(alg).expect("key")
}

pub(super) fn p256() -> KeyPair {
    key(&rcgen::PKCS_ECDSA_P256_SHA256)
}

pub(super) fn named(cn: &str) -> DistinguishedName {
    let mut name = DistinguishedName::new();
    name.push(DnType::CommonName, cn);
    name
}

/// A CA's parameters: CA:TRUE, keyCertSign, a year around `now`.
pub(super) fn ca_params(cn: &str) -> CertificateParams {
    let mut params = CertificateParams::default();
    params.distinguished_name = named(cn);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.not_before = datetime!(2026-01-01 0:00 UTC);
    params.not_after = datetime!(2027-06-01 0:00 UTC);
    params
}

/// A server leaf's parameters for docker.lan and 10.0.0.5, serverAuth.
pub(super) fn leaf_params() -> CertificateParams {
    let mut params = CertificateParams::new(vec!["docker.lan".to_string()]).expect("params");
    params
        .subject_alt_names
        .push(SanType::IpAddress("10.0.0.5".parse().expect("ip")));
    params.distinguished_name = named("docker.lan");
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.not_before = datetime!(2026-02-01 0:00 UTC);
    params.not_after = datetime!(2026-12-04 0:00 UTC) + time::Duration::days(100);
    params
}

pub(super) fn self_signed(params: CertificateParams, key: KeyPair) -> Made {
    let der = params
        .self_signed(&key)
        .expect("self-signed")
        .der()
        .to_vec();
    Made {
        der,
        issuer: Issuer::new(params, key),
    }
}

pub(super) fn signed(params: CertificateParams, key: KeyPair, by: &Made) -> Made {
    let der = params
        .signed_by(&key, &by.issuer)
        .expect("signed")
        .der()
        .to_vec();
    Made {
        der,
        issuer: Issuer::new(params, key),
    }
}

pub(super) fn ca(cn: &str) -> Made {
    self_signed(ca_params(cn), p256())
}

pub(super) fn leaf_of(ca: &Made, edit: impl FnOnce(&mut CertificateParams)) -> Vec<u8> {
    let mut params = leaf_params();
    edit(&mut params);
    signed(params, p256(), ca).der
}

pub(super) fn judge_with(
    leaf: &[u8],
    intermediates: &[Vec<u8>],
    roots: &[Vec<u8>],
    name: Option<&str>,
    usage: Usage,
) -> Judgement {
    verify(
        &Chain {
            leaf,
            intermediates,
            roots,
        },
        &Ask {
            name,
            usage,
            now: now(),
        },
    )
}

pub(super) fn judge(leaf: &[u8], roots: &[Vec<u8>], name: &str) -> Judgement {
    judge_with(leaf, &[], roots, Some(name), Usage::Server)
}

pub(super) fn refusal(judgement: &Judgement) -> Refusal {
    judgement.refusal.clone().expect("docker refuses")
}

#[test]
fn a_good_p256_chain_is_accepted_leaf_then_root() {
    let root = ca("Docker CA");
    let leaf = leaf_of(&root, |_| {});
    let judgement = judge(&leaf, std::slice::from_ref(&root.der), "docker.lan");
    assert_eq!(judgement.refusal, None);
    assert_eq!(judgement.path, vec![Which::Leaf, Which::Root(0)]);
    assert_eq!(judgement.risks, vec![]);
}

#[test]
fn an_expired_leaf_is_refused_with_both_moments_in_rfc3339() {
    let root = ca("Docker CA");
    let leaf = leaf_of(&root, |p| p.not_after = datetime!(2026-12-04 0:00 UTC));
    let refused = refusal(&judge(&leaf, std::slice::from_ref(&root.der), "docker.lan"));
    assert_eq!(
        refused,
        Refusal::Expired {
            at: Which::Leaf,
            now: now(),
            not_after: datetime!(2026-12-04 0:00 UTC)
        }
    );
    assert_eq!(
        refused.docker_says(),
        "x509: certificate has expired or is not yet valid: current time 2026-12-05T02:40:29Z is after 2026-12-04T00:00:00Z"
    );
}

#[test]
fn a_leaf_not_yet_valid_is_refused() {
    let root = ca("Docker CA");
    let leaf = leaf_of(&root, |p| p.not_before = datetime!(2026-12-06 0:00 UTC));
    assert_eq!(
        refusal(&judge(&leaf, std::slice::from_ref(&root.der), "docker.lan")).docker_says(),
        "x509: certificate has expired or is not yet valid: current time 2026-12-05T02:40:29Z is before 2026-12-06T00:00:00Z"
    );
}

#[test]
fn an_expired_ca_is_refused_as_expired_not_as_unknown() {
    let mut params = ca_params("Docker CA");
    params.not_after = datetime!(2026-12-01 0:00 UTC);
    let root = self_signed(params, p256());
    let leaf = leaf_of(&root, |_| {});
    let refused = refusal(&judge(&leaf, std::slice::from_ref(&root.der), "docker.lan"));
    assert_eq!(
        refused,
        Refusal::Expired {
            at: Which::Root(0),
            now: now(),
            not_after: datetime!(2026-12-01 0:00 UTC)
        }
    );
}

#[test]
fn a_leaf_of_another_ca_is_an_unknown_authority_without_hint() {
    let root = ca("Docker CA");
    let other = ca("Other CA");
    let leaf = leaf_of(&other, |_| {});
    let refused = refusal(&judge(&leaf, std::slice::from_ref(&root.der), "docker.lan"));
    assert_eq!(refused, Refusal::UnknownAuthority);
    assert_eq!(
        refused.docker_says(),
        "x509: certificate signed by unknown authority"
    );
    assert!(refused.is_unknown_authority());
}

#[test]
fn another_ca_with_the_same_name_is_a_bad_signature_hint() {
    let root = ca("Docker CA");
    let twin = ca("Docker CA");
    let leaf = leaf_of(&twin, |_| {});
    let refused = refusal(&judge(&leaf, std::slice::from_ref(&root.der), "docker.lan"));
    assert_eq!(
        refused,
        Refusal::UnknownAuthorityBecause {
            candidate: Which::Root(0),
            candidate_name: "Docker CA".into(),
            because: Box::new(Refusal::BadSignature {
                at: Which::Leaf,
                parent: Which::Root(0),
                go_says: "x509: ECDSA verification failure".into()
            })
        }
    );
    assert_eq!(
        refused.docker_says(),
        "x509: certificate signed by unknown authority (possibly because of \"x509: ECDSA verification failure\" while trying to verify candidate authority certificate \"Docker CA\")"
    );
}

#[test]
fn a_ca_false_root_or_one_without_key_cert_sign_cannot_sign() {
    for edit in [
        (|p: &mut CertificateParams| p.is_ca = IsCa::ExplicitNoCa) as fn(&mut CertificateParams),
        |p| p.is_ca = IsCa::NoCa,
        |p| p.key_usages = vec![KeyUsagePurpose::DigitalSignature],
    ] {
        let mut params = ca_params("Docker CA");
        edit(&mut params);
        let root = self_signed(params, p256());
        let leaf = leaf_of(&root, |_| {});
        let refused = refusal(&judge(&leaf, std::slice::from_ref(&root.der), "docker.lan"));
        assert_eq!(
            refused.docker_says(),
            "x509: certificate signed by unknown authority (possibly because of \"x509: invalid signature: parent certificate cannot sign this kind of certificate\" while trying to verify candidate authority certificate \"Docker CA\")"
        );
        assert_eq!(refused.about(), Some(Which::Root(0)));
    }
}

#[test]
fn the_hint_names_a_ca_by_organization_then_serial() {
    let mut params = ca_params("x");
    params.distinguished_name = DistinguishedName::new();
    params
        .distinguished_name
        .push(DnType::OrganizationName, "Acme");
    params.is_ca = IsCa::ExplicitNoCa;
    let root = self_signed(params, p256());
    let leaf = leaf_of(&root, |_| {});
    let Refusal::UnknownAuthorityBecause { candidate_name, .. } =
        refusal(&judge(&leaf, std::slice::from_ref(&root.der), "docker.lan"))
    else {
        panic!("a hint");
    };
    assert_eq!(candidate_name, "Acme");

    let mut params = ca_params("x");
    params.distinguished_name = DistinguishedName::new();
    params.distinguished_name.push(DnType::CountryName, "DE");
    params.serial_number = Some(rcgen::SerialNumber::from_slice(&[0x01, 0x00]));
    params.is_ca = IsCa::ExplicitNoCa;
    let root = self_signed(params, p256());
    let leaf = leaf_of(&root, |_| {});
    let Refusal::UnknownAuthorityBecause { candidate_name, .. } =
        refusal(&judge(&leaf, std::slice::from_ref(&root.der), "docker.lan"))
    else {
        panic!("a hint");
    };
    assert_eq!(candidate_name, "serial:256");
}

#[test]
fn an_intermediate_is_followed_and_must_be_a_ca_within_path_length() {
    let root = ca("Root CA");
    let inter = signed(ca_params("Intermediate CA"), p256(), &root);
    let leaf = leaf_of(&inter, |_| {});
    let judgement = judge_with(
        &leaf,
        std::slice::from_ref(&inter.der),
        std::slice::from_ref(&root.der),
        Some("docker.lan"),
        Usage::Server,
    );
    assert_eq!(
        judgement.path,
        vec![Which::Leaf, Which::Intermediate(0), Which::Root(0)]
    );

    let mut not_ca = ca_params("Intermediate CA");
    not_ca.is_ca = IsCa::NoCa;
    not_ca.key_usages = vec![];
    let inter = signed(not_ca, p256(), &root);
    // A v3 certificate without basicConstraints cannot sign: the hint.
    let leaf = leaf_of(&inter, |_| {});
    let refused = refusal(&judge_with(
        &leaf,
        std::slice::from_ref(&inter.der),
        std::slice::from_ref(&root.der),
        Some("docker.lan"),
        Usage::Server,
    ));
    assert!(matches!(
        refused,
        Refusal::UnknownAuthorityBecause { because, .. }
            if *because == Refusal::ParentCannotSign { parent: Which::Intermediate(0) }
    ));

    let mut zero = ca_params("Root CA");
    zero.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    let root = self_signed(zero, p256());
    let inter = signed(ca_params("Intermediate CA"), p256(), &root);
    let leaf = leaf_of(&inter, |_| {});
    let refused = refusal(&judge_with(
        &leaf,
        std::slice::from_ref(&inter.der),
        std::slice::from_ref(&root.der),
        Some("docker.lan"),
        Usage::Server,
    ));
    assert_eq!(
        refused,
        Refusal::TooManyIntermediates { at: Which::Root(0) }
    );
    assert_eq!(
        refused.docker_says(),
        "x509: too many intermediates for path length constraint"
    );
}

#[test]
fn names_are_matched_as_go_matches_them() {
    let root = ca("Docker CA");
    let roots = [root.der.clone()];
    let leaf = leaf_of(&root, |p| {
        p.subject_alt_names = vec![
            SanType::DnsName("*.lan".try_into().expect("name")),
            SanType::DnsName("Docker.Example".try_into().expect("name")),
            SanType::IpAddress("10.0.0.5".parse().expect("ip")),
            SanType::IpAddress("fd00::1".parse().expect("ip")),
        ];
    });
    for accepted in [
        "host.lan",
        "HOST.LAN.",
        "docker.example",
        "docker.example.",
        "10.0.0.5",
        "::ffff:10.0.0.5",
        "[fd00::1]",
        "fd00:0::1",
    ] {
        assert_eq!(judge(&leaf, &roots, accepted).refusal, None, "{accepted}");
    }
    // The wildcard is one whole label: not two, not none.
    let refused = refusal(&judge(&leaf, &roots, "a.b.lan"));
    assert_eq!(
        refused.docker_says(),
        "x509: certificate is valid for *.lan, Docker.Example, not a.b.lan"
    );
    assert_eq!(
        refusal(&judge(&leaf, &roots, "lan")).docker_says(),
        "x509: certificate is valid for *.lan, Docker.Example, not lan"
    );
    assert_eq!(
        refusal(&judge(&leaf, &roots, "[10.0.0.6]")).docker_says(),
        "x509: certificate is valid for 10.0.0.5, fd00::1, not 10.0.0.6"
    );
}

#[test]
fn a_name_missing_is_worded_by_go_cases() {
    let root = ca("Docker CA");
    let roots = [root.der.clone()];
    let dns_only = leaf_of(&root, |p| {
        p.subject_alt_names = vec![SanType::DnsName("docker.lan".try_into().expect("name"))];
    });
    assert_eq!(
        refusal(&judge(&dns_only, &roots, "10.0.0.9")),
        Refusal::NameMismatch {
            name: "10.0.0.9".into(),
            miss: NameMiss::NoIpSans
        }
    );
    assert_eq!(
        refusal(&judge(&dns_only, &roots, "10.0.0.9")).docker_says(),
        "x509: cannot validate certificate for 10.0.0.9 because it doesn't contain any IP SANs"
    );
    let no_san = leaf_of(&root, |p| p.subject_alt_names = vec![]);
    assert_eq!(
        refusal(&judge(&no_san, &roots, "docker.lan")).docker_says(),
        "x509: certificate relies on legacy Common Name field, use SANs instead"
    );
    assert_eq!(
        refusal(&judge(&no_san, &roots, "other.lan")).docker_says(),
        "x509: certificate is not valid for any names, but wanted to match other.lan"
    );
    let uri_only = leaf_of(&root, |p| {
        p.subject_alt_names = vec![SanType::URI(
            "spiffe://docker.lan/x".try_into().expect("uri"),
        )];
    });
    assert_eq!(
        refusal(&judge(&uri_only, &roots, "docker.lan")).docker_says(),
        "x509: certificate is not valid for any names, but wanted to match docker.lan"
    );
}

#[test]
fn no_name_asked_checks_no_name() {
    let root = ca("Docker CA");
    let leaf = leaf_of(&root, |p| p.subject_alt_names = vec![]);
    let judgement = judge_with(
        &leaf,
        &[],
        std::slice::from_ref(&root.der),
        None,
        Usage::Server,
    );
    assert_eq!(judgement.refusal, None);
}

#[test]
fn extended_key_usage_nests_down_the_chain() {
    let root = ca("Docker CA");
    let roots = [root.der.clone()];
    let client_only = leaf_of(&root, |p| {
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    });
    let refused = refusal(&judge(&client_only, &roots, "docker.lan"));
    assert_eq!(
        refused,
        Refusal::IncompatibleUsage {
            usage: Usage::Server
        }
    );
    assert_eq!(
        refused.docker_says(),
        "x509: certificate specifies an incompatible key usage"
    );
    let as_client = judge_with(&client_only, &[], &roots, None, Usage::Client);
    assert_eq!(as_client.refusal, None);

    let any = leaf_of(&root, |p| {
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::Any]
    });
    let judgement = judge(&any, &roots, "docker.lan");
    assert_eq!(judgement.refusal, None);
    assert_eq!(judgement.risks, vec![Risk::AnyEku { at: Which::Leaf }]);

    let mut client_ca = ca_params("Client CA");
    client_ca.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    let client_ca = self_signed(client_ca, p256());
    let server = leaf_of(&client_ca, |_| {});
    assert_eq!(
        refusal(&judge(
            &server,
            std::slice::from_ref(&client_ca.der),
            "docker.lan"
        )),
        Refusal::IncompatibleUsage {
            usage: Usage::Server
        }
    );
    // A leaf without EKU under that CA is restricted by the CA's list.
    let no_eku = leaf_of(&client_ca, |p| p.extended_key_usages = vec![]);
    assert!(
        refusal(&judge(
            &no_eku,
            std::slice::from_ref(&client_ca.der),
            "docker.lan"
        )) == Refusal::IncompatibleUsage {
            usage: Usage::Server
        }
    );
}

#[test]
fn risks_docker_accepts_are_reported() {
    let root = ca("Docker CA");
    let roots = [root.der.clone()];
    let leaf = leaf_of(&root, |p| {
        p.extended_key_usages = vec![];
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        p.not_after = datetime!(2028-01-01 0:00 UTC);
    });
    let judgement = judge(&leaf, &roots, "docker.lan");
    assert_eq!(judgement.refusal, None);
    assert_eq!(
        judgement.risks,
        vec![
            Risk::NoEku { at: Which::Leaf },
            Risk::LeafIsCa { at: Which::Leaf },
            Risk::OutlivesIssuer {
                at: Which::Leaf,
                issuer: Which::Root(0),
                not_after: datetime!(2028-01-01 0:00 UTC),
                issuer_not_after: datetime!(2027-06-01 0:00 UTC)
            }
        ]
    );
}

#[test]
fn name_constraints_permit_and_exclude() {
    let constrained = |permitted: Vec<GeneralSubtree>, excluded: Vec<GeneralSubtree>| {
        let mut params = ca_params("Docker CA");
        params.name_constraints = Some(NameConstraints {
            permitted_subtrees: permitted,
            excluded_subtrees: excluded,
        });
        self_signed(params, p256())
    };
    let root = constrained(vec![GeneralSubtree::DnsName("example.com".into())], vec![]);
    let leaf = leaf_of(&root, |p| {
        p.subject_alt_names = vec![SanType::DnsName("docker.lan".try_into().expect("name"))];
    });
    let refused = refusal(&judge(&leaf, std::slice::from_ref(&root.der), "docker.lan"));
    assert_eq!(
        refused,
        Refusal::NameNotPermitted {
            at: Which::Root(0),
            kind: NameKind::Dns,
            name: "docker.lan".into()
        }
    );
    assert_eq!(
        refused.docker_says(),
        "x509: a root or intermediate certificate is not authorized to sign for this name: DNS name \"docker.lan\" is not permitted by any constraint"
    );

    let root = constrained(
        vec![GeneralSubtree::DnsName("lan".into())],
        vec![GeneralSubtree::IpAddress(CidrSubnet::from_v4_prefix(
            [10, 0, 0, 0],
            8,
        ))],
    );
    // The permitted DNS subtree says nothing about IP addresses; the
    // excluded range does.
    let leaf = leaf_of(&root, |_| {});
    assert_eq!(
        refusal(&judge(&leaf, std::slice::from_ref(&root.der), "docker.lan")).docker_says(),
        "x509: a root or intermediate certificate is not authorized to sign for this name: IP address \"10.0.0.5\" is excluded by constraint \"10.0.0.0/8\""
    );
    let root = constrained(
        vec![
            GeneralSubtree::DnsName("lan".into()),
            GeneralSubtree::IpAddress(CidrSubnet::from_v4_prefix([10, 0, 0, 0], 24)),
        ],
        vec![],
    );
    let leaf = leaf_of(&root, |_| {});
    assert_eq!(
        judge(&leaf, std::slice::from_ref(&root.der), "docker.lan").refusal,
        None
    );
}

#[test]
fn a_ca_in_the_roots_twice_is_one_candidate() {
    let root = ca("Docker CA");
    let leaf = leaf_of(&root, |_| {});
    let judgement = judge(&leaf, &[root.der.clone(), root.der.clone()], "docker.lan");
    assert_eq!(judgement.path, vec![Which::Leaf, Which::Root(0)]);
}

#[test]
fn a_leaf_in_the_ca_file_is_its_own_chain() {
    let mut params = leaf_params();
    params.not_after = datetime!(2027-01-01 0:00 UTC);
    let made = self_signed(params, p256());
    let judgement = judge(&made.der, std::slice::from_ref(&made.der), "docker.lan");
    assert_eq!(judgement.refusal, None);
    assert_eq!(judgement.path, vec![Which::Leaf]);
}

#[test]
fn a_critical_extension_go_does_not_know_is_refused() {
    let root = ca("Docker CA");
    let leaf = leaf_of(&root, |p| {
        let mut ext =
            CustomExtension::from_oid_content(&[1, 3, 6, 1, 4, 1, 99999, 1], vec![0x05, 0x00]);
        ext.set_criticality(true);
        p.custom_extensions.push(ext);
    });
    let refused = refusal(&judge(&leaf, std::slice::from_ref(&root.der), "docker.lan"));
    assert_eq!(
        refused,
        Refusal::UnhandledCriticalExtension {
            at: Which::Leaf,
            oid: "1.3.6.1.4.1.99999.1".into()
        }
    );
    assert_eq!(refused.docker_says(), "x509: unhandled critical extension");

    // Not critical: ignored.
    let leaf = leaf_of(&root, |p| {
        p.custom_extensions.push(CustomExtension::from_oid_content(
            &[1, 3, 6, 1, 4, 1, 99999, 1],
            vec![0x05, 0x00],
        ));
    });
    assert_eq!(
        judge(&leaf, std::slice::from_ref(&root.der), "docker.lan").refusal,
        None
    );

    // A critical SAN of only a registeredID is "unhandled" to Go.
    let leaf = leaf_of(&root, |p| {
        p.subject_alt_names = vec![];
        let mut ext = CustomExtension::from_oid_content(
            &[2, 5, 29, 17],
            vec![0x30, 0x05, 0x88, 0x03, 0x2a, 0x03, 0x04],
        );
        ext.set_criticality(true);
        p.custom_extensions.push(ext);
    });
    assert_eq!(
        refusal(&judge(&leaf, std::slice::from_ref(&root.der), "docker.lan")),
        Refusal::UnhandledCriticalExtension {
            at: Which::Leaf,
            oid: "2.5.29.17".into()
        }
    );
}

#[test]
fn a_second_san_extension_is_a_parse_error() {
    let root = ca("Docker CA");
    let leaf = leaf_of(&root, |p| {
        // SAN dNSName "x.lan"
        p.custom_extensions.push(CustomExtension::from_oid_content(
            &[2, 5, 29, 17],
            vec![0x30, 0x07, 0x82, 0x05, b'x', b'.', b'l', b'a', b'n'],
        ));
    });
    let refused = refusal(&judge(&leaf, std::slice::from_ref(&root.der), "docker.lan"));
    assert_eq!(
        refused,
        Refusal::DuplicateExtension {
            at: Which::Leaf,
            usage: Usage::Server,
            oid: "2.5.29.17".into()
        }
    );
    assert_eq!(
        refused.docker_says(),
        "tls: failed to parse certificate from server: x509: certificate contains duplicate extension with OID \"2.5.29.17\""
    );
}

#[test]
fn an_ed25519_and_a_p384_chain_are_accepted() {
    let root = self_signed(ca_params("Ed CA"), key(&rcgen::PKCS_ED25519));
    let leaf = signed(leaf_params(), key(&rcgen::PKCS_ED25519), &root).der;
    assert_eq!(
        judge(&leaf, std::slice::from_ref(&root.der), "docker.lan").refusal,
        None
    );
    let root = self_signed(ca_params("P-384 CA"), key(&rcgen::PKCS_ECDSA_P384_SHA384));
    let leaf = signed(leaf_params(), p256(), &root).der;
    assert_eq!(
        judge(&leaf, std::slice::from_ref(&root.der), "docker.lan").refusal,
        None
    );
}

#[test]
fn no_readable_root_is_docker_own_error() {
    let root = ca("Docker CA");
    let leaf = leaf_of(&root, |_| {});
    assert_eq!(
        refusal(&judge(
            &leaf,
            &[b"not a certificate".to_vec()],
            "docker.lan"
        )),
        Refusal::NoRoots
    );
}

#[test]
fn hostile_pools_stop_at_one_hundred_signature_checks() {
    let root = ca("Docker CA");
    let leaf = leaf_of(&root, |_| {});
    // 120 intermediates named like the leaf's issuer, none of them its
    // signer, each of them a CA: every one costs a signature check.
    let decoys: Vec<Vec<u8>> = (0..120).map(|_| ca("Docker CA").der).collect();
    let refused = refusal(&judge_with(
        &leaf,
        &decoys,
        &[ca("Docker CA").der],
        Some("docker.lan"),
        Usage::Server,
    ));
    assert_eq!(refused, Refusal::SignatureCheckLimit);
    assert_eq!(
        refused.docker_says(),
        "x509: signature check attempts limit reached while verifying certificate chain"
    );
}

#[test]
fn every_refusal_and_risk_speaks_both_languages() {
    let samples = vec![
        Refusal::UnknownAuthority,
        Refusal::Expired {
            at: Which::Root(0),
            now: now(),
            not_after: now(),
        },
        Refusal::NameMismatch {
            name: "docker.lan".into(),
            miss: NameMiss::ValidFor(vec!["a.lan".into()]),
        },
        Refusal::UnknownAuthorityBecause {
            candidate: Which::Root(0),
            candidate_name: "CA".into(),
            because: Box::new(Refusal::ParentCannotSign {
                parent: Which::Root(0),
            }),
        },
        Refusal::IncompatibleUsage {
            usage: Usage::Client,
        },
        Refusal::NameExcluded {
            at: Which::Intermediate(0),
            kind: NameKind::Dns,
            name: "a.lan".into(),
            constraint: "lan".into(),
        },
        Refusal::NameMismatch {
            name: "docker.lan".into(),
            miss: NameMiss::LegacyCommonName,
        },
        Refusal::NameMismatch {
            name: "10.0.0.1".into(),
            miss: NameMiss::NoIpSans,
        },
        Refusal::DuplicateExtension {
            at: Which::Leaf,
            usage: Usage::Server,
            oid: "2.5.29.17".into(),
        },
        Refusal::UnhandledCriticalExtension {
            at: Which::Root(0),
            oid: "1.2.3".into(),
        },
        Refusal::TooManyIntermediates { at: Which::Root(0) },
        Refusal::NotAuthorizedToSign {
            at: Which::Intermediate(1),
        },
        Refusal::InsecureAlgorithm {
            at: Which::Leaf,
            algorithm: "SHA1-RSA".into(),
        },
        Refusal::BadSignature {
            at: Which::Leaf,
            parent: Which::Root(0),
            go_says: "x509: ECDSA verification failure".into(),
        },
        Refusal::RsaKeyTooLarge {
            at: Which::Leaf,
            usage: Usage::Server,
            bits: 9000,
        },
        Refusal::ClientCertNotSent,
        Refusal::SignatureCheckLimit,
    ];
    for refusal in samples {
        let en = refusal.text(Lang::En);
        let zh = refusal.text(Lang::Zh);
        assert!(en.is_ascii(), "{en}");
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        assert_eq!(english_run(&zh), None, "{zh}");
    }
    for risk in [
        Risk::NoEku { at: Which::Leaf },
        Risk::AnyEku { at: Which::Leaf },
        Risk::LeafIsCa { at: Which::Leaf },
        Risk::WeakRsaKey {
            at: Which::Root(0),
            bits: 1024,
        },
        Risk::NoDigitalSignature { at: Which::Leaf },
        Risk::NegativeSerial {
            at: Which::Leaf,
            serial: "-5".into(),
        },
        Risk::OutlivesIssuer {
            at: Which::Leaf,
            issuer: Which::Intermediate(0),
            not_after: now(),
            issuer_not_after: now(),
        },
    ] {
        let zh = risk.text(Lang::Zh);
        assert!(zh.starts_with("docker 目前接受它"), "{zh}");
        assert_eq!(english_run(&zh), None, "{zh}");
        assert!(risk.text(Lang::En).starts_with("docker accepts it today"));
    }
}

/// A run of three or more ASCII words (nothing but ASCII between them)
/// in `text`, if any.
fn english_run(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii()).find_map(|stretch| {
        let words: Vec<&str> = stretch
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        (words.len() >= 3).then(|| words.join(" "))
    })
}
