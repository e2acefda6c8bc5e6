//! The parser's bounds and its problems, line by line.

use time::macros::datetime;

use super::read;
use crate::import::inventory::{
    Found, InventoryProblem, Record, Wanted, MAX_BYTES, MAX_LINE, MAX_PROBLEMS,
};
use crate::lang::{Lang, Localized};
use crate::pki::CertRole;

fn record(serial: &str) -> Record {
    Record {
        serial: serial.to_owned(),
        role: CertRole::Server,
        name: "docker1".to_owned(),
        subject: "CN=docker1".to_owned(),
        sans: vec!["DNS:docker1".to_owned(), "IP:10.0.0.5".to_owned()],
        key_type: "ecdsa-p256".to_owned(),
        not_before: datetime!(2026-12-05 09:00:00 UTC),
        not_after: datetime!(2027-12-05 09:00:00 UTC),
        sha256: ["AB"; 32].join(":"),
        ca_sha256: ["CD"; 32].join(":"),
        bundle: Some("docker-tls.zip".to_owned()),
        made: datetime!(2026-12-05 09:01:00 UTC),
    }
}

#[test]
fn a_line_reads_back_as_its_record() {
    let mut text = record("4A01").line();
    text.push('\n'); // a blank line is passed over
    text.push_str(&record("4A02").line());
    let inv = read(text.as_bytes());
    assert!(inv.is_whole(), "{:?}", inv.problems);
    assert_eq!(inv.records.len(), 2);
    assert_eq!(inv.records[0].record, record("4A01"));
    assert_eq!(inv.records[1].line, 3);
    // Fingerprints are kept in upper case, as OpenSSL prints them.
    let lower = Record {
        sha256: ["ab"; 32].join(":"),
        ..record("4A03")
    };
    let read = read(lower.line().as_bytes());
    assert_eq!(read.records[0].record.sha256, ["AB"; 32].join(":"));
}

#[test]
fn a_line_is_one_object_with_the_schema_and_both_times() {
    let line = record("4A01").line();
    assert_eq!(line.matches('\n').count(), 1);
    assert!(
        line.starts_with(r#"{"v":1,"serial":"4A01","role":"server","#),
        "{line}"
    );
    assert!(
        line.contains(r#""not_after":"2027-12-05T09:00:00Z","not_after_unix":1827997200"#),
        "{line}"
    );
    let named = Record {
        name: "a\nb".to_owned(),
        ..record("01")
    };
    assert_eq!(
        named.line().matches('\n').count(),
        1,
        "a newline in a name is escaped"
    );
}

#[test]
fn each_damaged_line_names_its_line_and_field() {
    let good = record("4A01").line();
    let no_serial = good.replace(r#""serial":"4A01","#, "");
    let bad_time = good.replace("2027-12-05T09:00:00Z", "next year");
    let other_moment = good.replace("1827997200", "1827997201");
    let text = format!(
        "{good}not json\n[1,2]\n{no_serial}{bad_time}{other_moment}{}",
        good.replace(r#""v":1"#, r#""v":2"#)
    );
    let inv = read(text.as_bytes());
    assert_eq!(inv.records.len(), 1);
    assert_eq!(
        inv.problems,
        [
            InventoryProblem::NotJson { line: 2, column: 2 },
            InventoryProblem::NotAnObject { line: 3 },
            InventoryProblem::Field {
                line: 4,
                field: "serial",
                found: Found::Missing,
                wanted: Wanted::Serial
            },
            InventoryProblem::Field {
                line: 5,
                field: "not_after",
                found: Found::Wrong,
                wanted: Wanted::Time
            },
            InventoryProblem::Field {
                line: 6,
                field: "not_after_unix",
                found: Found::Wrong,
                wanted: Wanted::SameMoment("not_after")
            },
            InventoryProblem::NewerVersion {
                line: 7,
                version: "2".to_owned()
            },
        ]
    );
    assert_eq!(
        inv.problems[2].text(Lang::En),
        r#"line 4: "serial" is missing: it must be the serial number in hex"#
    );
    assert_eq!(
        inv.problems[4].text(Lang::Zh).split('：').next(),
        Some("第 6 行")
    );
}

#[test]
fn a_file_past_the_cap_is_not_read() {
    let big = vec![b' '; MAX_BYTES + 1];
    let inv = read(&big);
    assert!(inv.records.is_empty());
    assert_eq!(
        inv.problems,
        [InventoryProblem::TooLarge {
            size: MAX_BYTES + 1,
            max: MAX_BYTES
        }]
    );
}

#[test]
fn a_line_past_the_cap_is_not_parsed() {
    let long = format!("{}\n{}", "[".repeat(MAX_LINE + 1), record("01").line());
    let inv = read(long.as_bytes());
    assert_eq!(inv.records.len(), 1);
    assert_eq!(
        inv.problems,
        [InventoryProblem::LineTooLong {
            line: 1,
            size: MAX_LINE + 1,
            max: MAX_LINE
        }]
    );
}

#[test]
fn deep_nesting_and_many_bad_lines_stay_bounded() {
    // Nesting past serde_json's limit, within the line cap: refused, not a stack overflow.
    let deep = "[".repeat(MAX_LINE - 1);
    let inv = read(deep.as_bytes());
    assert!(matches!(
        inv.problems[..],
        [InventoryProblem::NotJson { line: 1, .. }]
    ));
    // A million bad lines keep MAX_PROBLEMS problems and count the rest.
    let many = "x\n".repeat(1_000_000);
    let inv = read(many.as_bytes());
    assert_eq!(inv.problems.len(), MAX_PROBLEMS);
    assert_eq!(inv.more_problems, 1_000_000 - MAX_PROBLEMS);
    // Bytes that are not UTF-8, and every byte value, never panic.
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let inv = read(&bytes);
    assert!(inv.records.is_empty());
}

#[test]
fn wrong_types_are_named() {
    let good = record("4A01").line();
    for (from, to, field, wanted) in [
        (
            r#""role":"server""#,
            r#""role":"admin""#,
            "role",
            Wanted::Role,
        ),
        (
            r#""sans":["DNS:docker1","IP:10.0.0.5"]"#,
            r#""sans":[1]"#,
            "sans",
            Wanted::Texts,
        ),
        (
            r#""bundle":"docker-tls.zip""#,
            r#""bundle":7"#,
            "bundle",
            Wanted::TextOrNull,
        ),
        (
            r#""serial":"4A01""#,
            r#""serial":"4G""#,
            "serial",
            Wanted::Serial,
        ),
    ] {
        let line = good.replace(from, to);
        let inv = read(line.as_bytes());
        assert_eq!(
            inv.problems,
            [InventoryProblem::Field {
                line: 1,
                field,
                found: Found::Wrong,
                wanted
            }],
            "{line}"
        );
    }
    let unfingerprinted = good.replacen(&["AB"; 32].join(":"), "AB:CD", 1);
    let inv = read(unfingerprinted.as_bytes());
    assert!(matches!(
        inv.problems[..],
        [InventoryProblem::Field {
            field: "sha256",
            wanted: Wanted::Fingerprint,
            ..
        }]
    ));
}
