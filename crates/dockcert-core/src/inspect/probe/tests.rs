//! The checks, their verdict, `--json`'s schema and every line in Chinese.

use super::*;

#[test]
fn findings_carry_docker_words_explained() {
    let check = plain_http_check(PlainAnswer::OpenApi);
    assert_eq!(check.status, Status::Finding);
    assert_eq!(check.explanation, Some(Explanation::HttpToTls));
    let v = verdict(&[check], "127.0.0.1:2375");
    assert_eq!(
        v,
        Verdict::OpenPlain {
            address: "127.0.0.1:2375".into()
        }
    );
    assert!(!v.healthy());
    let other = plain_http_check(PlainAnswer::OtherHttp);
    assert_eq!(
        verdict(&[other], "h:1"),
        Verdict::NoTls {
            address: "h:1".into()
        }
    );
}

#[test]
fn an_unclear_answer_is_never_a_pass() {
    let checks = [
        Check::ok(
            CheckName::Reachable,
            Summary::Connected {
                address: "127.0.0.1:2376".into(),
                millis: 1,
            },
        ),
        Check::unknown(
            CheckName::NoClientCertificate,
            Summary::AnonymousUnclear(Unclear::NoAnswer { seconds: 3 }),
        ),
    ];
    let v = verdict(&checks, "127.0.0.1:2376");
    assert_eq!(
        v,
        Verdict::UnknownWithoutCertificate {
            address: "127.0.0.1:2376".into()
        }
    );
    assert!(!v.healthy());
    let late = [Check::unknown(
        CheckName::ClientCertificate,
        Summary::RequestUnclear {
            path: "/_ping".into(),
            seen: Unclear::NoAnswer { seconds: 5 },
        },
    )];
    assert_eq!(
        verdict(&late, "h:1"),
        Verdict::Unclear {
            check: CheckName::ClientCertificate
        }
    );
    assert_eq!(serde_json::to_value(Status::Unknown).unwrap(), "unknown");
}

#[test]
fn all_well_is_healthy() {
    let checks: Vec<Check> = CheckName::ALL
        .into_iter()
        .map(|name| Check::ok(name, Summary::Plain(PlainAnswer::NoHttp)))
        .collect();
    let v = verdict(&checks, "h:2376");
    assert!(v.healthy());
    let unreachable = [
        Check::finding(
            CheckName::Reachable,
            Summary::ConnectionRefused {
                address: "h:2376".into(),
            },
            None,
        ),
        Check::skipped(CheckName::PlainHttp, Skip::NotReachable),
    ];
    assert_eq!(
        verdict(&unreachable, "h:2376"),
        Verdict::NotReachable {
            address: "h:2376".into()
        }
    );
}

/// `--json` stays English, its schema as before: the summary a string,
/// the verdict `healthy` and `text`, the explanation four strings.
#[test]
fn json_stays_english_with_its_schema() {
    let check = Check::finding(
        CheckName::ClientCertificate,
        Summary::ClientRefused {
            said: "remote error: tls: bad certificate".into(),
        },
        Some("remote error: tls: bad certificate".into()),
    );
    let value = serde_json::to_value(&check).unwrap();
    assert_eq!(value["name"], "client-certificate");
    assert_eq!(value["status"], "finding");
    assert_eq!(
        value["summary"],
        "refused: remote error: tls: bad certificate"
    );
    assert_eq!(
        value["explanation"]["said_by"],
        "the docker client, reporting dockerd's refusal"
    );
    let verdict = serde_json::to_value(verdict(&[check], "h:1")).unwrap();
    assert_eq!(
        verdict,
        serde_json::json!({
            "healthy": false,
            "text": "the daemon refuses the client's certificate (see above)"
        })
    );
}

/// An end `days` away from 2027-11-26.
fn end(part: Part, days: i64) -> End {
    let now = time::macros::datetime!(2027-11-26 0:00 UTC);
    let not_after = now + time::Duration::days(days) + time::Duration::hours(1);
    End {
        part,
        name: "docker1".into(),
        not_after,
        days_left: days,
        level: crate::inspect::expiry::Level::of(not_after, now),
    }
}

/// The days and the file on disk name the verdict when nothing worse
/// does: a file not read first, an end within 7 days, an unclear
/// check, then an end within 30 days.
#[test]
fn time_and_the_file_on_disk_in_the_verdict() {
    let ok = |name| Check::ok(name, Summary::Plain(PlainAnswer::NoHttp));
    let mut checks: Vec<Check> = CheckName::ALL[..5].iter().map(|&n| ok(n)).collect();
    checks.push(days_check(vec![end(Part::Leaf, 20), end(Part::Ca, 400)]));
    assert_eq!(checks[5].status, Status::Warning);
    let v = verdict(&checks, "h:1");
    assert_eq!(v, Verdict::EndsSoon(end(Part::Leaf, 20)));
    assert!(!v.healthy());
    checks.push(Check::unknown(
        CheckName::OnDisk,
        Summary::Plain(PlainAnswer::NoHttp),
    ));
    assert_eq!(
        verdict(&checks, "h:1"),
        Verdict::Unclear {
            check: CheckName::OnDisk
        }
    );
    checks[5] = days_check(vec![end(Part::Leaf, 400), end(Part::Ca, 3)]);
    assert_eq!(verdict(&checks, "h:1"), Verdict::EndsNow(end(Part::Ca, 3)));
    checks[6] = on_disk_check(Compared::Differs {
        path: "/etc/docker/server-cert.pem".into(),
        found_by: FoundBy::Given,
        served: ("A".into(), OffsetDateTime::UNIX_EPOCH),
        file: ("B".into(), OffsetDateTime::UNIX_EPOCH),
    });
    assert_eq!(
        verdict(&checks, "h:1"),
        Verdict::NotRestarted {
            path: "/etc/docker/server-cert.pem".into()
        }
    );
    checks[5] = days_check(vec![end(Part::Leaf, 400)]);
    checks[6] = on_disk_check(Compared::NotOnHost);
    assert!(verdict(&checks, "h:1").healthy());
    let json = serde_json::to_value(&checks[5]).unwrap();
    assert_eq!(json["status"], "ok");
    assert_eq!(json["name"], "days-left");
    let json = serde_json::to_value(Compared::NotOnHost).unwrap();
    assert_eq!(json["outcome"], "not-on-host");
    assert_eq!(serde_json::to_value(Status::Warning).unwrap(), "warning");
}

/// Every line the probe can print, in Chinese: Chinese prose, the facts
/// (addresses, paths, flags, docker's words in “”) kept as they are.
#[test]
fn every_summary_and_verdict_speaks_chinese() {
    let chain = ServerChain {
        subject: "CN=docker1".into(),
        sans: vec!["docker1.example.com".into(), "10.0.0.5".into()],
        issuer: "CN=dockcert CA".into(),
        not_after: time::macros::datetime!(2027-11-26 0:00 UTC),
        key: ServerKey::Ecdsa {
            curve: Some("P-256"),
        },
        refusal: None,
        risks: Vec::new(),
    };
    let address = || "docker1.example.com:2376".to_owned();
    let said = || "remote error: tls: bad certificate".to_owned();
    let summaries = [
        Summary::Unresolved {
            host: "nowhere.test".into(),
            why: Lookup::Failed("failed to lookup address information".into()),
        },
        Summary::Unresolved {
            host: "nowhere.test".into(),
            why: Lookup::TooSlow { seconds: 5 },
        },
        Summary::Connected {
            address: address(),
            millis: 3,
        },
        Summary::ConnectionRefused { address: address() },
        Summary::Plain(PlainAnswer::OpenApi),
        Summary::Plain(PlainAnswer::OtherHttp),
        Summary::Plain(PlainAnswer::NoHttp),
        Summary::NoHandshake { said: said() },
        Summary::Chain {
            chain: chain.clone(),
            dialled: "docker1.example.com".into(),
        },
        Summary::Unjudged(ProbeError::BadCa),
        Summary::Unjudged(ProbeError::NoCertificate),
        Summary::AnonymousAccepted {
            status_line: "HTTP/1.1 200 OK".into(),
        },
        Summary::AnonymousRefused { said: said() },
        Summary::ClientRefused { said: said() },
        Summary::ClientAccepted {
            ping: "OK".into(),
            version: DaemonVersion {
                version: "28.2.2".into(),
                api_version: "1.50".into(),
            },
        },
        Summary::ClientJudged {
            key: ServerKey::Ecdsa {
                curve: Some("P-521"),
            },
            refused: false,
        },
        Summary::Skipped(Skip::ServerRefused),
        Summary::Skipped(Skip::OwnTlsLibrary),
        Summary::Skipped(Skip::OutOfTime { seconds: 5 }),
        Summary::Days(vec![end(Part::Leaf, 9), end(Part::Ca, -3)]),
        Summary::OnDisk(Compared::Same {
            path: "/etc/docker/server-cert.pem".into(),
            found_by: FoundBy::DaemonFlag { pid: 42 },
            sha256: "AB:CD".into(),
        }),
        Summary::OnDisk(Compared::Differs {
            path: "/etc/docker/server-cert.pem".into(),
            found_by: FoundBy::DaemonJson {
                path: "/etc/docker/daemon.json".into(),
            },
            served: ("AB:CD".into(), chain.not_after),
            file: ("EF:01".into(), chain.not_after),
        }),
        Summary::OnDisk(Compared::Unreadable {
            path: "/x.pem".into(),
            found_by: FoundBy::Given,
            why: String::new(),
        }),
        Summary::OnDisk(Compared::NotFound {
            port: 2376,
            looked: vec!["/etc/docker/daemon.json".into()],
        }),
        Summary::OnDisk(Compared::NotOnHost),
    ];
    for s in &summaries {
        let (en, zh) = (s.text(Lang::En), s.text(Lang::Zh));
        assert_ne!(en, zh);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
    }
    let days = summaries[19].text(Lang::En);
    assert!(
        days.contains("the daemon's certificate docker1: 9 days left (ends 2027-12-05 01:00 UTC)")
            && days.contains("the CA docker1: ended 2 days ago"),
        "{days}"
    );
    assert!(
        summaries[19]
            .text(Lang::Zh)
            .contains("守护进程的证书“docker1”：剩余 9 天"),
        "{}",
        summaries[19].text(Lang::Zh)
    );
    let chain_zh = summaries[8].text(Lang::Zh);
    assert!(
        chain_zh.contains("docker1.example.com、10.0.0.5") && chain_zh.contains("2027-11-26 到期"),
        "{chain_zh}"
    );
    for v in [
        Verdict::NotReachable { address: address() },
        Verdict::OpenPlain { address: address() },
        Verdict::OpenWithoutCertificate { address: address() },
        Verdict::NoHandshake { address: address() },
        Verdict::ServerRefused,
        Verdict::Unclear {
            check: CheckName::NoClientCertificate,
        },
        Verdict::Healthy { address: address() },
        Verdict::NotRestarted {
            path: "/etc/docker/server-cert.pem".into(),
        },
        Verdict::EndsNow(end(Part::Leaf, -1)),
        Verdict::EndsSoon(end(Part::Ca, 20)),
    ] {
        assert!(
            v.text(Lang::Zh).chars().any(|c| c == '：' || c == '（'),
            "{v:?}"
        );
    }
    for name in CheckName::ALL {
        assert!(!name.text(Lang::Zh).is_ascii(), "{name:?}");
    }
}
