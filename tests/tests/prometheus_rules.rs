//! The bundle's Prometheus alerting rules (`prometheus/dockcert.rules.yml`)
//! checked by the real promtool: `promtool check rules` reads them (English
//! and Chinese bundles), and `promtool test rules` runs them on the very
//! series `dockcert expiry --prometheus` prints for bundles whose leaves end
//! in 5, 20 and 400 days, and says which alerts fire at which time: a
//! warning for 20 days, critical for 5, nothing for 400; sixteen days later
//! critical for the first and "ended" for the second. A rules file whose
//! thresholds are wrong fails the same test.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;

use dockcert_tests::{dockcert, make_bundle, require_tool, three_endings, MadeBundle, Run};

const RULES: &str = "prometheus/dockcert.rules.yml";
const DAY: i64 = 86_400;
/// The unit test's first evaluation, seconds after its time 0.
const FIRST_EVAL: i64 = 3_600;
/// The second evaluation, 16 days later.
const LATER_EVAL: i64 = FIRST_EVAL + 16 * DAY;
/// The `instance` label Prometheus adds when it scrapes node_exporter.
const INSTANCE: &str = "docker1:9100";

fn promtool(dir: &Path, args: &[&str]) -> Run {
    Command::new(require_tool("promtool"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
        .into()
}

/// One `dockcert_certificate_not_after_seconds` series as printed.
struct Series {
    /// The text between the braces, as printed.
    labels: String,
    role: String,
    name: String,
    serial: String,
    path: String,
    /// Unix time.
    not_after: i64,
}

/// The not-after series of `dockcert expiry --prometheus` over the bundles.
fn printed_series(bundles: &[MadeBundle; 3]) -> Vec<Series> {
    let dir = bundles[0].tmp.path();
    let roots: Vec<&str> = bundles.iter().map(|b| b.root.to_str().unwrap()).collect();
    let mut args = vec!["expiry", "--prometheus"];
    args.extend(roots);
    // Status 1: something ends within 30 days.
    let out = dockcert(dir, &args);
    assert_eq!(out.status, 1, "{}", out.all());
    let series: Vec<Series> = out
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("dockcert_certificate_not_after_seconds{"))
        .map(|l| {
            let (labels, value) = l.rsplit_once("} ").unwrap();
            let label = |k: &str| {
                let start = labels.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
                let len = labels[start..].find('"').unwrap();
                labels[start..start + len].to_owned()
            };
            Series {
                labels: labels.to_owned(),
                role: label("role"),
                name: label("name"),
                serial: label("serial"),
                path: label("path"),
                not_after: value.parse().unwrap(),
            }
        })
        .collect();
    // Three CAs, three servers, three clients.
    assert_eq!(series.len(), 9, "{}", out.stdout);
    series
}

/// The alert a certificate `days` from its end must raise, by the issue's
/// thresholds: warning within 30 days, critical within 7, and once ended.
fn expected_alert(days: f64) -> Option<(&'static str, &'static str)> {
    if days <= 0.0 {
        Some(("DockcertCertificateExpired", "critical"))
    } else if days <= 7.0 {
        Some(("DockcertCertificateExpiringSoon", "critical"))
    } else if days <= 30.0 {
        Some(("DockcertCertificateExpiring", "warning"))
    } else {
        None
    }
}

/// What an alert says, in `lang`, of `s` `days` days from its end (as
/// Prometheus' `humanize` prints a whole number).
fn annotations(lang: &str, s: &Series, days: f64) -> (String, String) {
    let n = days.abs().round();
    let (role, name, serial, path) = (&s.role, &s.name, &s.serial, &s.path);
    match (lang, expected_alert(days).unwrap().0) {
        ("en", alert) => {
            let summary = match alert {
                "DockcertCertificateExpired" => format!("The {role} certificate {name} has ended"),
                "DockcertCertificateExpiringSoon" => {
                    format!("The {role} certificate {name} ends within 7 days")
                }
                _ => format!("The {role} certificate {name} ends within 30 days"),
            };
            let what =
                format!("The {role} certificate {name} (serial {serial}) at {path} on {INSTANCE}");
            let description = if days <= 0.0 {
                format!("{what} ended {n} days ago: TLS connections that use it fail. Renew it with dockcert and install the new files.")
            } else {
                format!(
                    "{what} ends in {n} days. Renew it with dockcert and install the new files."
                )
            };
            (summary, description)
        }
        (_, alert) => {
            let summary = match alert {
                "DockcertCertificateExpired" => format!("{role} 证书 {name} 已过期"),
                "DockcertCertificateExpiringSoon" => format!("{role} 证书 {name} 将在 7 天内到期"),
                _ => format!("{role} 证书 {name} 将在 30 天内到期"),
            };
            let what = format!("{INSTANCE} 上 {path} 处的 {role} 证书 {name}（序列号 {serial}）");
            let description = if days <= 0.0 {
                format!("{what}已过期 {n} 天：使用它的 TLS 连接会失败。请用 dockcert 续期并安装新文件。")
            } else {
                format!("{what}还有 {n} 天到期。请用 dockcert 续期并安装新文件。")
            };
            (summary, description)
        }
    }
}

/// A YAML single-quoted string.
fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A promtool unit-test file for `rules`: the series as printed, shifted
/// by one constant so that the 20-day server certificate ends 20 days after
/// the first evaluation, sampled hourly; the alerts expected at the first
/// evaluation and 16 days later.
fn unit_test(rules: &Path, lang: &str, series: &[Series]) -> String {
    let twenty = series
        .iter()
        .find(|s| s.role == "server" && s.name == "docker20.example.com")
        .unwrap();
    let shift = FIRST_EVAL + 20 * DAY - twenty.not_after;
    let mut t = format!(
        "rule_files:\n  - {}\nevaluation_interval: 1h\ntests:\n  - interval: 1h\n    input_series:\n",
        quoted(rules.to_str().unwrap())
    );
    for s in series {
        let value = s.not_after + shift;
        let _ = writeln!(
            t,
            "      - series: {}\n        values: '{value}+0x500'",
            quoted(&format!(
                "dockcert_certificate_not_after_seconds{{{},instance=\"{INSTANCE}\"}}",
                s.labels
            ))
        );
    }
    t.push_str("    alert_rule_test:\n");
    let mut fired = 0;
    for eval in [FIRST_EVAL, LATER_EVAL] {
        for alert in [
            "DockcertCertificateExpiring",
            "DockcertCertificateExpiringSoon",
            "DockcertCertificateExpired",
        ] {
            let _ = writeln!(
                t,
                "      - eval_time: {eval}s\n        alertname: {alert}\n        exp_alerts:"
            );
            for s in series {
                let days = (s.not_after + shift - eval) as f64 / DAY as f64;
                let Some((name, severity)) = expected_alert(days) else {
                    continue;
                };
                if name != alert {
                    continue;
                }
                fired += 1;
                let (summary, description) = annotations(lang, s, days);
                let _ = writeln!(
                    t,
                    "          - exp_labels:\n              severity: {severity}\n              \
                     role: {}\n              name: {}\n              serial: {}\n              \
                     path: {}\n              instance: {}\n            exp_annotations:\n              \
                     summary: {}\n              description: {}",
                    quoted(&s.role),
                    quoted(&s.name),
                    quoted(&s.serial),
                    quoted(&s.path),
                    quoted(INSTANCE),
                    quoted(&summary),
                    quoted(&description),
                );
            }
        }
    }
    // First: the 20-day server and client warn, the 5-day ones are
    // critical. Later: those four again, as critical and ended.
    assert_eq!(fired, 8, "{t}");
    t
}

fn check_and_test(lang: &str) {
    let bundles = three_endings(lang);
    let dir = bundles[0].tmp.path();
    for b in &bundles {
        let rules = b.path(RULES);
        let out = promtool(dir, &["check", "rules", rules.to_str().unwrap()]).ok();
        assert!(
            out.all().contains("SUCCESS: 3 rules found"),
            "{}",
            out.all()
        );
    }
    let rules = bundles[0].path(RULES);
    let series = printed_series(&bundles);
    let test = dir.join("dockcert-rules-test.yml");
    fs::write(&test, unit_test(&rules, lang, &series)).unwrap();
    let out = promtool(dir, &["test", "rules", test.to_str().unwrap()]);
    assert_eq!(
        out.status,
        0,
        "{}\n{}",
        out.all(),
        fs::read_to_string(&test).unwrap()
    );
    assert!(out.all().contains("SUCCESS"), "{}", out.all());

    // The same test fails on rules that warn too late or never go critical.
    let text = fs::read_to_string(&rules).unwrap();
    for (from, to) in [("<= 30 > 7", "<= 10 > 7"), ("<= 7 > 0", "<= 3 > 0")] {
        assert!(text.contains(from), "{text}");
        let wrong = dir.join("wrong.rules.yml");
        fs::write(&wrong, text.replace(from, to)).unwrap();
        let test_wrong = dir.join("wrong-test.yml");
        fs::write(&test_wrong, unit_test(&wrong, lang, &series)).unwrap();
        let out = promtool(dir, &["test", "rules", test_wrong.to_str().unwrap()]);
        assert_ne!(out.status, 0, "rules with {to} passed:\n{}", out.all());
        assert!(out.all().contains("FAILED"), "{}", out.all());
    }
}

#[test]
fn english_rules_pass_promtool_and_fire_at_30_and_7_days() {
    check_and_test("en");
}

#[test]
fn chinese_rules_pass_promtool_and_fire_at_30_and_7_days() {
    check_and_test("zh");
}

#[test]
fn readme_lists_the_rules_and_the_manifest_hashes_them() {
    for lang in ["en", "zh"] {
        let b = make_bundle(&["--server", "docker1.example.com", "--lang", lang]);
        let readme = b.read("README.txt");
        assert!(readme.contains(RULES), "{readme}");
        assert!(readme.contains("rule_files:"), "{readme}");
        let manifest: serde_json::Value = serde_json::from_str(&b.read("manifest.json")).unwrap();
        let listed = manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == RULES)
            .unwrap_or_else(|| panic!("{RULES} not in manifest.json"));
        let bytes = fs::read(b.path(RULES)).unwrap();
        let sha = openssl_sha256(&b.path(RULES));
        assert_eq!(listed["sha256"], sha.as_str(), "{}", bytes.len());
        assert_eq!(listed["mode"], "0644");
    }
}

/// The SHA-256 `openssl dgst` computes of `file`, as hex.
fn openssl_sha256(file: &Path) -> String {
    let out = dockcert_tests::openssl(
        file.parent().unwrap(),
        &["dgst", "-sha256", "-r", file.to_str().unwrap()],
    )
    .ok();
    out.stdout.split_whitespace().next().unwrap().to_owned()
}
