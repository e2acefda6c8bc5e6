//! Every finding, file kind and detail worded in both languages: English
//! as `dockcert inspect` has always said it, Chinese as Chinese prose.

use time::macros::datetime;

use super::super::input::{SkipReason, Skipped};
use super::super::problem::{Listed, Named, Problem, Side};
use super::super::{Detail, Kind};
use crate::import::{ForeignKey, ImportError};
use crate::lang::{Lang, Localized};
use crate::pki::{KeyType, RsaNumber, RsaTooLarge};

fn s(text: &str) -> String {
    text.to_owned()
}

fn listed(shown: &[&str], more: usize) -> Listed<String> {
    Listed {
        shown: shown.iter().map(|t| s(t)).collect(),
        more,
    }
}

fn named(path: &str, name: &str) -> Named {
    Named {
        path: s(path),
        name: s(name),
    }
}

/// One of every problem.
fn every_problem() -> Vec<Problem> {
    use Problem as P;
    let path = || s("server/docker1/server-cert.pem");
    let day = datetime!(2027-11-26 10:30 UTC);
    let cas = Listed {
        shown: vec![named("a/ca.pem", "CN=A"), named("b/ca.pem", "CN=B")],
        more: 0,
    };
    vec![
        P::NotRead(Skipped {
            path: s("link.pem"),
            reason: SkipReason::Symlink,
        }),
        P::BadCertificate {
            path: path(),
            why: s("Parsing Error"),
        },
        P::KeyTooLarge {
            path: path(),
            too_large: RsaTooLarge {
                number: RsaNumber::Modulus,
                bits: 20_000,
            },
        },
        P::Expired {
            path: path(),
            on: day,
        },
        P::NotYetValid {
            path: path(),
            from: day,
        },
        P::ExpiresSoon {
            path: path(),
            days: 9,
            on: day,
        },
        P::NotACa { path: path() },
        P::CaCannotSign { path: path() },
        P::NoEku { path: path() },
        P::LeafWithoutEku {
            path: path(),
            side: Side::Host,
        },
        P::LeafWithoutEku {
            path: path(),
            side: Side::Client,
        },
        P::WrongEku {
            path: path(),
            side: Side::Host,
        },
        P::WrongEku {
            path: path(),
            side: Side::Client,
        },
        P::ExtraEku {
            path: path(),
            side: Side::Client,
        },
        P::WeakKey {
            path: path(),
            bits: 1024,
        },
        P::WeakSignature {
            path: path(),
            hash: "SHA-1",
        },
        P::ServerNoSan {
            path: path(),
            cn: s("docker1"),
        },
        P::SanTrailingDot {
            path: path(),
            san: s("docker1.example.com."),
        },
        P::HostNotCovered {
            path: path(),
            host: s("10.0.0.9"),
            valid: vec![s("docker1.example.com")],
            no_ip_sans: true,
        },
        P::Refused {
            path: path(),
            refusal: crate::inspect::verify::Refusal::UnknownAuthority,
        },
        P::Accepted {
            path: path(),
            risk: crate::inspect::verify::Risk::NoEku {
                at: crate::inspect::verify::Which::Leaf,
            },
        },
        P::SelfSigned { path: path() },
        P::IssuedByOther {
            path: path(),
            issuer: s("CN=Other"),
            cas: cas.clone(),
        },
        P::NotSignedBy {
            path: path(),
            issuer: s("CN=A"),
            ca: s("a/ca.pem"),
        },
        P::NoneIssued {
            leaves: Listed {
                shown: vec![named("x/1.pem", "CN=Z"), named("x/2.pem", "CN=Z")],
                more: 5,
            },
            cas,
        },
        P::NoneSigned {
            ca: named("a/ca.pem", "CN=A"),
            leaves: Listed {
                shown: vec![named("x/1.pem", "CN=A")],
                more: 1,
            },
        },
        P::KeysNotRead {
            first: s("k/1/key.pem"),
            count: 250,
        },
        P::SignaturesNotChecked {
            first: s("k/1/cert.pem"),
            count: 1,
        },
        P::LeafKeyEncrypted { path: s("key.pem") },
        P::CaKeyUnencrypted {
            path: s("ca/ca-key.pem"),
        },
        P::UnsupportedKey {
            path: s("key.pem"),
            what: ForeignKey::Curve(s("secp256k1")),
        },
        P::BadKey {
            path: s("key.pem"),
            why: ImportError::WrongPassphrase,
        },
        P::KeyReadable {
            path: s("client/alice/key.pem"),
            mode: 0o644,
        },
        P::KeyMismatch {
            path: s("server-key.pem"),
            cert: s("server-cert.pem"),
        },
        P::KeyOrphan { path: s("key.pem") },
        P::DaemonJsonInvalid {
            path: s("daemon.json"),
            line: 1,
            column: 2,
            why: s("key must be a string at line 1 column 2"),
        },
        P::TcpWithoutTlsverify {
            path: s("daemon.json"),
            listeners: vec![s("tcp://0.0.0.0:2375")],
        },
        P::TlsOn2375 {
            path: s("daemon.json"),
            listener: s("tcp://0.0.0.0:2375"),
        },
        P::TlsFileUnset {
            path: s("daemon.json"),
            key: "tlskey",
        },
        P::TlsFileElsewhere {
            path: s("daemon.json"),
            named: s("/etc/docker/x.pem"),
        },
        P::HostsConflict {
            files: listed(&["a/daemon.json", "b/daemon.json", "c/daemon.json"], 2),
            unit: s("docker.service"),
            command: s("/usr/bin/dockerd -H fd://"),
        },
        P::ChangedSinceMade {
            path: s("b/docker.env"),
            manifest: s("b/manifest.json"),
        },
        P::ModeChanged {
            path: s("b/cert.pem"),
            mode: 0o644,
            promised: 0o444,
        },
        P::ManifestRepeats {
            path: s("b/manifest.json"),
            repeated: 4,
        },
        P::ImagesNotListed {
            errors: 3,
            warnings: 103,
            most: 500,
        },
        P::ImagesNotChecked {
            path: s("Dockerfile"),
            others: 2,
            steps: 1000,
        },
        P::ComposeMountsCaKey {
            path: s("compose.yaml"),
            line: 4,
            item: s("- ./ca-key.pem:/x"),
        },
        P::ComposeMountsKey {
            path: s("compose.yaml"),
            line: 5,
            item: s("- ./key.pem:/y"),
            source: s("./key.pem"),
        },
        P::DockerfileCopiesKey {
            path: s("Dockerfile"),
            instruction: s("COPY ca-key.pem k.key /k/"),
            keys: listed(&["ca-key.pem", "k.key"], 0),
            ca_key: true,
        },
        P::DockerfileCopiesKey {
            path: s("Dockerfile"),
            instruction: s("COPY k.key /k/"),
            keys: listed(&["k.key"], 0),
            ca_key: false,
        },
        P::DockerfileCopiesContextKey {
            path: s("Dockerfile"),
            instruction: s("COPY . /app/"),
            keys: listed(
                &[
                    "a-key.pem",
                    "b-key.pem",
                    "c-key.pem",
                    "d-key.pem",
                    "e-key.pem",
                ],
                7,
            ),
            ignore_path: s(".dockerignore"),
        },
        P::BuildContextKey {
            path: s("Dockerfile.test"),
            keys: listed(&["a-key.pem"], 0),
            ignore_path: s(".dockerignore"),
        },
    ]
}

/// Runs of three or more English words, once quoted values ("…", “…”,
/// `…`) and every word with more than letters in it (paths, flags,
/// numbers) are taken out; anything not ASCII ends a run.
fn english_runs(text: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match (closing, c) {
            (Some(end), c) if c == end => closing = None,
            (Some(_), _) => {}
            (None, '"') => closing = Some('"'),
            (None, '“') => closing = Some('”'),
            (None, '`') => closing = Some('`'),
            (None, c) if !c.is_ascii() => plain.push('\n'),
            (None, c) => plain.push(c),
        }
    }
    let mut runs = Vec::new();
    for segment in plain.lines() {
        let mut run: Vec<&str> = Vec::new();
        for token in segment.split_whitespace().chain([""]) {
            let word = token.trim_matches(|c: char| ",;:.()".contains(c));
            if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') {
                run.push(word);
            } else {
                if run.len() >= 3 {
                    runs.push(run.join(" "));
                }
                run.clear();
            }
        }
    }
    runs
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_finding_is_chinese_prose_with_a_fix_where_english_has_one() {
    for p in every_problem() {
        let zh = p.text(Lang::Zh);
        assert!(has_chinese(&zh), "{p:?}: {zh}");
        assert_eq!(english_runs(&zh), Vec::<String>::new(), "{p:?}: {zh}");
        assert_ne!(zh, p.text(Lang::En));
        match (p.fix(Lang::En), p.fix(Lang::Zh)) {
            (None, None) => {}
            (Some(_), Some(fix)) if fix.starts_with("chmod ") => {}
            (Some(_), Some(fix)) => {
                assert!(has_chinese(&fix), "{p:?}: {fix}");
                assert_eq!(english_runs(&fix), Vec::<String>::new(), "{p:?}: {fix}");
            }
            (en, zh) => panic!("{p:?}: a fix in one language only: {en:?} {zh:?}"),
        }
    }
}

#[test]
fn english_is_as_inspect_has_always_said_it() {
    let all = every_problem();
    let find = |code: &str, n: usize| {
        all.iter()
            .filter(|p| p.code() == code)
            .nth(n)
            .unwrap()
            .clone()
    };
    let en = |p: &Problem| (p.text(Lang::En), p.fix(Lang::En));
    assert_eq!(
        en(&find("host-not-covered", 0)),
        (
            s("server/docker1/server-cert.pem does not cover \"10.0.0.9\": a client that dials it gets \"x509: cannot validate certificate for 10.0.0.9 because it doesn't contain any IP SANs\""),
            Some(s("issue it again with 10.0.0.9 among its SANs, or dial one of: docker1.example.com"))
        )
    );
    assert_eq!(
        en(&find("key-readable", 0)),
        (
            s("client/alice/key.pem has mode 0644: other users on the machine can read this private key"),
            Some(s("chmod 0400 key.pem"))
        )
    );
    assert_eq!(
        find("other-ca", 2).text(Lang::En),
        "7 certificates were issued by none of a/ca.pem (CN=A) and b/ca.pem (CN=B): x/1.pem (issued by \"CN=Z\"), x/2.pem (issued by \"CN=Z\") and 5 more; verifiers will say \"x509: certificate signed by unknown authority\" (or dockerd: \"remote error: tls: bad certificate\")"
    );
    assert_eq!(
        find("hosts-conflict", 0).text(Lang::En),
        "5 daemon.json files (a/daemon.json, b/daemon.json, c/daemon.json and 2 more) set \"hosts\" and docker.service starts `/usr/bin/dockerd -H fd://`, which also gives -H: dockerd refuses to start (\"the following directives are specified both as a flag and in the configuration file: hosts\")"
    );
    assert!(find("not-checked", 0)
        .text(Lang::En)
        .starts_with("250 private key files were not read, k/1/key.pem the first"));
    assert!(find("not-checked", 1).text(Lang::En).starts_with(
        "1 certificate was not checked for its CA's signature, k/1/cert.pem the first"
    ));
    assert_eq!(
        find("dockerfile-copies-key", 2).text(Lang::En),
        "`COPY . /app/` copies the private keys a-key.pem, b-key.pem, c-key.pem, d-key.pem, e-key.pem and 7 more from the build context into the image: no .dockerignore rule keeps them out"
    );
    assert_eq!(
        find("images-not-checked", 0).text(Lang::En),
        "this Dockerfile (and 2 other Dockerfiles) was not checked to the end for private keys it would put into an image: its COPY sources, the .dockerignore rules and the keys in its build context need more than the 1000 matching steps dockcert spends on them"
    );
}

#[test]
fn every_file_kind_and_detail_is_worded_in_both_languages() {
    use Kind as K;
    let kinds = [
        K::Other,
        K::CertificateSigningRequest,
        K::CertificateUnreadable,
        K::CertificateKeyTooLarge,
        K::CaCertificate,
        K::ServerCertificate,
        K::ClientCertificate,
        K::Certificate,
        K::EncryptedPrivateKey,
        K::PrivateKeyNotRead,
        K::PrivateKey(Some(KeyType::EcdsaP256)),
        K::PrivateKey(None),
        K::PrivateKeyTooLarge,
        K::PrivateKeyUnreadable,
        K::DaemonJson,
        K::SystemdUnit,
        K::BundleReadme,
        K::BundleManifest,
        K::DockerEnv,
        K::ContextScript,
        K::InstallScript,
        K::DockerdFlags,
        K::Nftables,
        K::Firewalld,
        K::DefaultDocker,
        K::SysconfigDocker,
        K::ContextFile,
        K::Dockerfile,
        K::Compose,
        K::DockerIgnore,
        K::ExpiryCheck,
        K::ExpiryCheckData,
        K::ExpiryCron,
        K::PrometheusRules,
    ];
    let names = [K::DaemonJson, K::Dockerfile, K::DockerIgnore];
    for kind in kinds {
        let (en, zh) = (kind.text(Lang::En), kind.text(Lang::Zh));
        assert_eq!(english_runs(&zh), Vec::<String>::new(), "{zh}");
        assert_eq!(names.contains(&kind), en == zh, "{kind:?}: {en} / {zh}");
    }
    assert_eq!(
        K::PrivateKey(Some(KeyType::EcdsaP256)).text(Lang::En),
        "private key (ecdsa-p256)"
    );
    let day = datetime!(2027-11-26 0:00 UTC);
    let details = [
        (Detail::Subject(s("CN=a")), "subject CN=a"),
        (Detail::Issuer(s("CN=b")), "issuer CN=b"),
        (
            Detail::Sans(vec![s("a"), s("10.0.0.1")]),
            "SANs a, 10.0.0.1",
        ),
        (
            Detail::Usage(vec!["serverAuth", "clientAuth"]),
            "usage serverAuth, clientAuth",
        ),
        (Detail::SignsCertificates, "usage: signs certificates"),
        (Detail::NoUsage, "usage: no extendedKeyUsage"),
        (
            Detail::Valid {
                from: day,
                to: day,
                days_left: Some(3),
            },
            "valid 2027-11-26 to 2027-11-26 (3 days left)",
        ),
        (
            Detail::Valid {
                from: day,
                to: day,
                days_left: None,
            },
            "valid 2027-11-26 to 2027-11-26 (expired)",
        ),
        (Detail::Sha256(s("AB:CD")), "SHA-256 AB:CD"),
        (Detail::KeyOf(s("cert.pem")), "the key of cert.pem"),
        (Detail::Hosts(vec![s("fd://")]), "hosts fd://"),
    ];
    for (detail, english) in details {
        assert_eq!(detail.text(Lang::En), english);
        let zh = detail.text(Lang::Zh);
        assert!(has_chinese(&zh), "{zh}");
    }
}

#[test]
fn a_client_s_refusal_says_what_dockerd_logs_and_what_the_client_prints() {
    use super::super::report::{ClientSees, Findings};
    use super::super::verify::{Refusal, Which};
    let path = || s("client/alice/cert.pem");
    let mut findings = Findings::default();
    let critical = Refusal::UnhandledCriticalExtension {
        at: Which::Leaf,
        oid: s("1.2.3.4"),
    };
    let sees = |newer| ClientSees { newer };
    for (refusal, newer) in [
        (critical, "bad certificate"),
        (Refusal::UnknownAuthority, "unknown certificate authority"),
    ] {
        let said = refusal.docker_says();
        let problem = Problem::Refused {
            path: path(),
            refusal,
        };
        findings.refused_client(problem, said, sees(newer));
    }
    let [bad, unknown] = &findings.0[..] else {
        panic!("two findings")
    };
    let en = bad.message(Lang::En);
    assert!(
        en.ends_with("; the docker client prints \"remote error: tls: bad certificate\""),
        "{en}"
    );
    assert!(
        en.contains("\"x509: unhandled critical extension\""),
        "{en}"
    );
    let en = unknown.message(Lang::En);
    assert!(
        en.ends_with(
            "; the docker client prints \"remote error: tls: bad certificate\" (dockerd 24 or older) or \"remote error: tls: unknown certificate authority\" (dockerd 25 or later)"
        ),
        "{en}"
    );
    for finding in [bad, unknown] {
        let zh = finding.message(Lang::Zh);
        let said = finding.docker.as_deref().unwrap();
        assert!(zh.contains(said) && zh.contains(ClientSees::OLDER), "{zh}");
        assert!(has_chinese(&zh), "{zh}");
        assert_eq!(english_runs(&zh), Vec::<String>::new(), "{zh}");
    }
}
