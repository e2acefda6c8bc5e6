use time::Duration;

use super::*;
use crate::bundle::tests_support::{now, one_of_each, plain};
use crate::inspect::InputFile;
use crate::lang::{Lang, Localized};
use crate::pki::CertFacts;
use crate::plan::PlanRequest;

/// A bundle's files as inspect gathers them.
fn gathered(request: &PlanRequest) -> Gathered {
    let b = plain(request);
    Gathered::of_files(
        b.with_contents()
            .map(|(f, c)| InputFile {
                path: f.path.clone(),
                bytes: c.to_vec(),
                mode: Some(f.mode()),
            })
            .collect(),
    )
}

fn facts(g: &Gathered, path: &str) -> CertFacts {
    let f = g.files.iter().find(|f| f.path == path).unwrap();
    CertFacts::of_der(&import::certificates(&f.bytes).unwrap()[0]).unwrap()
}

#[test]
fn each_certificate_once_with_every_path_soonest_first() {
    let g = gathered(&one_of_each());
    let e = expiry(&g, now());
    let roles: Vec<Role> = e.certificates.iter().map(|c| c.role).collect();
    // The leaves end before the CA; the host's and the client's on the
    // same day, ordered by name.
    assert_eq!(roles, [Role::Client, Role::Server, Role::Ca], "{e:#?}");
    let ca = &e.certificates[2];
    assert_eq!(
        ca.paths,
        [
            "ca/ca.pem",
            "client/alice/ca.pem",
            "server/docker1.example.com/ca.pem"
        ]
    );
    let server = &e.certificates[1];
    let f = facts(&g, "server/docker1.example.com/server-cert.pem");
    assert_eq!(server.serial, f.serial);
    assert_eq!(server.not_after, f.not_after);
    assert_eq!(server.name, "docker1.example.com");
    assert_eq!(e.certificates[0].name, "alice");
    // Keys, daemon.json, scripts: read, no certificate in them.
    assert!(e.without_certificate > 5, "{}", e.without_certificate);
    assert!(e.unreadable.is_empty(), "{:?}", e.unreadable);
    assert!(e.within(30).next().is_none());
}

#[test]
fn days_left_count_whole_days_and_go_negative_once_ended() {
    let g = gathered(&one_of_each());
    let end = expiry(&g, now()).certificates[1].not_after;
    for (before_end, days) in [
        (Duration::days(10), 10),
        (Duration::days(10) - Duration::seconds(1), 9),
        (Duration::seconds(1), 0),
        (Duration::seconds(-1), -1),
        (Duration::days(-3), -3),
    ] {
        let e = expiry(&g, end - before_end);
        assert_eq!(e.certificates[1].days_left, days, "{before_end}");
    }
    let e = expiry(&g, end - Duration::days(20));
    let within: Vec<Role> = e.within(30).map(|c| c.role).collect();
    assert_eq!(within, [Role::Client, Role::Server]);
    assert!(e.within(19).next().is_none());
    assert_eq!(
        e.verdict(30).text(Lang::En),
        "2 of 3 certificates end within 30 days: renew before then (dockcert renew)."
    );
    assert_eq!(
        e.verdict(30).text(Lang::Zh),
        "3 张证书中有 2 张在 30 天内到期：请在此之前续期（dockcert renew）。"
    );
    assert_eq!(
        e.verdict(19).text(Lang::En),
        "None of 3 certificates ends within 19 days; the first to end is alice, in 20 days."
    );
    let ended = expiry(&g, end + Duration::days(2) + Duration::hours(1));
    assert_eq!(
        ended.certificates[0].days_text(Lang::En),
        "ended 2 days ago"
    );
    assert_eq!(ended.certificates[0].days_text(Lang::Zh), "已过期 2 天");
    let just = expiry(&g, end + Duration::hours(1));
    assert_eq!(
        just.certificates[0].days_text(Lang::En),
        "ended less than a day ago"
    );
    assert!(ended
        .verdict(0)
        .text(Lang::En)
        .contains("(2 already ended)"));
}

#[test]
fn a_file_that_claims_a_certificate_it_does_not_hold_is_named() {
    let g = Gathered::of_files(vec![
        InputFile {
            path: "broken.pem".into(),
            bytes: b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".to_vec(),
            mode: None,
        },
        InputFile {
            path: "request.csr".into(),
            bytes:
                b"-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"
                    .to_vec(),
            mode: None,
        },
    ]);
    let e = expiry(&g, now());
    assert_eq!(e.unreadable.len(), 1, "{e:#?}");
    assert_eq!(e.unreadable[0].path, "broken.pem");
    assert_eq!(e.without_certificate, 1);
    assert!(e.read_anything());
    assert_eq!(
        e.verdict(30).text(Lang::En),
        "No certificate found; nothing ends within 30 days."
    );
}

#[test]
fn metrics_carry_each_certificate_once_with_escaped_labels() {
    let mut g = gathered(&one_of_each());
    for f in &mut g.files {
        if f.path == "client/alice/cert.pem" {
            f.path = "odd \"dir\"\\\nalice.pem".into();
        }
    }
    let e = expiry(&g, now());
    let text = e.prometheus();
    let series: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(series.len(), 6, "{text}");
    let alice = &e.certificates[0];
    assert!(
        text.contains(&format!(
            "dockcert_certificate_not_after_seconds{{role=\"client\",name=\"alice\",serial=\"{}\",path=\"odd \\\"dir\\\"\\\\\\nalice.pem\"}} {}\n",
            alice.serial,
            alice.not_after.unix_timestamp()
        )),
        "{text}"
    );
    assert!(text.contains(",copies=\"3\"} 1\n"), "{text}");
}

#[test]
fn an_inventory_lists_what_the_ca_issued_with_or_without_the_files() {
    let g = gathered(&one_of_each());
    let with_files = expiry(&g, now());
    assert_eq!(with_files.certificates.len(), 3, "each certificate once");
    for c in &with_files.certificates {
        assert!(!c.paths.is_empty(), "{c:?}");
        assert_eq!(c.inventory.len(), 1, "{c:?}");
        assert!(c.inventory[0].starts_with("ca/inventory.jsonl:"), "{c:?}");
    }
    // The inventory alone: the same certificates, found at its lines.
    let alone = Gathered::of_files(
        g.files
            .iter()
            .filter(|f| f.path == "ca/inventory.jsonl")
            .cloned()
            .collect(),
    );
    let from_inventory = expiry(&alone, now());
    let key = |e: &Expiry| {
        e.certificates
            .iter()
            .map(|c| (c.role, c.serial.clone(), c.sha256.clone(), c.not_after))
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&from_inventory), key(&with_files));
    let ca = from_inventory.certificates.last().unwrap();
    assert_eq!(ca.where_text(Lang::En), "ca/inventory.jsonl:1");
    assert!(ca.paths.is_empty());
    assert!(from_inventory.damaged.is_empty());
}

#[test]
fn a_damaged_inventory_line_is_named() {
    let g = gathered(&one_of_each());
    let inv = g
        .files
        .iter()
        .find(|f| f.path == "ca/inventory.jsonl")
        .unwrap();
    let mut bytes = inv.bytes.clone();
    bytes.extend_from_slice(b"{\"v\":1}\n");
    let e = expiry(
        &Gathered::of_files(vec![InputFile {
            path: "old/inventory.jsonl".into(),
            bytes,
            mode: None,
        }]),
        now(),
    );
    assert_eq!(e.certificates.len(), 3);
    assert_eq!(e.damaged.len(), 1);
    assert_eq!(
        e.damaged[0].text(Lang::En),
        "\"old/inventory.jsonl\": inventory: line 4: \"role\" is missing: it must be \"ca\", \"server\" or \"client\""
    );
    assert!(e.read_anything());
}
