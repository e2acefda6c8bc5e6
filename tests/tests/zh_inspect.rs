//! `dockcert inspect` in Chinese: broken bundles made by the real CLI (a
//! short leaf, a host not covered, a key others can read, a CA that did not
//! issue the host's certificate, files changed since), daemon.json files and
//! systemd units with every kind of mistake, Dockerfiles and compose files
//! that would leak keys, and OpenSSL's own weak certificates and encrypted
//! keys, inspected under `LANG=zh_CN.UTF-8` and with `--lang zh`. Every
//! finding, fix, file description and detail is Chinese prose (commands,
//! paths, flags and docker's quoted messages aside); under `LANG=C` the
//! report says exactly what `--json` says, in English, and `--json` is the
//! same English in either language.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use dockcert_tests::{
    dockcert, dockcert_in_locale, english_runs, make_bundle, new_dir, openssl, Run,
};

const ZH: (&str, &str) = ("LANG", "zh_CN.UTF-8");
const C: (&str, &str) = ("LANG", "C");

#[test]
fn a_broken_bundle_is_reported_in_chinese() {
    let bundle = make_bundle(&[
        "--server",
        "docker1.example.com,10.0.0.5",
        "--client",
        "alice",
        "--days",
        "10",
    ]);
    let other = make_bundle(&["--server", "docker2.example.com", "--client", "bob"]);
    let root = &bundle.root;
    chmod(&root.join("client/alice/key.pem"), 0o644);
    chmod(&root.join("client/alice/cert.pem"), 0o644);
    let env = root.join("client/alice/docker.env");
    let mut text = fs::read_to_string(&env).unwrap();
    text.push_str("export DOCKER_HOST=tcp://elsewhere:2376\n");
    fs::write(&env, text).unwrap();
    // The host's folder holds another CA: its certificate was not issued by it.
    fs::copy(
        other.root.join("ca/ca.pem"),
        root.join("server/docker1.example.com/ca.pem"),
    )
    .unwrap();

    let codes = judged(
        bundle.tmp.path(),
        &["bundle", "--host", "docker9.example.com"],
    );
    for code in [
        "expires-soon",
        "host-not-covered",
        "key-readable",
        "mode-changed",
        "changed-since-made",
        "other-ca",
    ] {
        assert!(codes.contains(&code.to_owned()), "{code} not in {codes:?}");
    }
}

#[test]
fn daemon_settings_images_and_weak_certificates_are_reported_in_chinese() {
    let tmp = new_dir("zhinspect");
    let dir = tmp.path().join("setup");
    let bundle = make_bundle(&["--server", "docker1.example.com", "--client", "alice"]);

    // daemon.json beside the unit that also gives -H, TLS on 2375, files unset.
    write(
        &dir.join("host/daemon.json"),
        r#"{"hosts":["tcp://0.0.0.0:2375"],"tlsverify":true,"tlscert":"/etc/docker/elsewhere.pem"}"#,
    );
    write(
        &dir.join("host/docker.service"),
        "[Service]\nExecStart=/usr/bin/dockerd -H fd://\n",
    );
    write(
        &dir.join("open/daemon.json"),
        r#"{"hosts":["tcp://0.0.0.0:2375"]}"#,
    );
    write(&dir.join("broken/daemon.json"), "{\"hosts\": [\n");

    // A project that copies a key into its image and mounts the CA key.
    let key = bundle.read("server/docker1.example.com/server-key.pem");
    write(&dir.join("app/server-key.pem"), &key);
    chmod(&dir.join("app/server-key.pem"), 0o400);
    write(
        &dir.join("app/Dockerfile"),
        "FROM alpine\nCOPY server-key.pem /certs/\nCOPY . /app/\n",
    );
    write(&dir.join("app/Dockerfile.test"), "FROM alpine\nRUN true\n");
    write(
        &dir.join("app/compose.yaml"),
        "services:\n  app:\n    volumes:\n      - ./ca-key.pem:/ca/ca-key.pem\n      - ./server-key.pem:/certs/key.pem\n",
    );

    // OpenSSL's own: a 1024-bit RSA, SHA-1, self-signed certificate of one
    // day without extendedKeyUsage, and an encrypted host key.
    fs::create_dir_all(dir.join("old")).unwrap();
    openssl(
        &dir.join("old"),
        &[
            "req", "-x509", "-newkey", "rsa:1024", "-sha1", "-nodes", "-keyout", "key.pem", "-out",
            "cert.pem", "-subj", "/CN=old", "-days", "1",
        ],
    )
    .ok();
    fs::create_dir_all(dir.join("enc")).unwrap();
    openssl(
        &dir.join("enc"),
        &[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-aes256",
            "-pass",
            "pass:abcdefgh",
            "-out",
            "server-key.pem",
        ],
    )
    .ok();
    chmod(&dir.join("enc/server-key.pem"), 0o400);

    let codes = judged(tmp.path(), &["setup"]);
    for code in [
        "hosts-conflict",
        "tls-on-2375",
        "tls-file-unset",
        "tls-file-elsewhere",
        "tcp-without-tlsverify",
        "daemon-json-invalid",
        "dockerfile-copies-key",
        "build-context-key",
        "compose-mounts-key",
        "weak-key",
        "weak-signature",
        "self-signed",
        "missing-eku",
        "expires-soon",
        "unsupported-key",
        "leaf-key-encrypted",
    ] {
        assert!(codes.contains(&code.to_owned()), "{code} not in {codes:?}");
    }
}

/// Inspects `args` in `dir` in Chinese (by locale and by `--lang zh`) and
/// in English, checks each report, and returns the findings' codes.
#[track_caller]
fn judged(dir: &Path, args: &[&str]) -> Vec<String> {
    let inspect = |extra: &[&str], locale: &[(&str, &str)]| -> Run {
        let mut all = vec!["inspect"];
        all.extend_from_slice(args);
        all.extend_from_slice(extra);
        dockcert_in_locale(dir, &all, locale)
    };
    let zh = inspect(&[], &[ZH]);
    let zh_flag = inspect(&["--lang", "zh"], &[]);
    let en = inspect(&[], &[C]);
    let json = inspect(&["--json"], &[C]);
    let json_zh = inspect(&["--json"], &[ZH]);
    assert_eq!(zh.status, 1, "{}", zh.all());
    assert_eq!(en.status, 1, "{}", en.all());
    assert_eq!(zh.stdout, zh_flag.stdout, "the locale and --lang zh differ");
    assert_eq!(
        json.stdout, json_zh.stdout,
        "--json is English in any locale"
    );
    assert_eq!(
        en.stdout,
        dockcert(dir, &[&["inspect"], args, &["--lang", "en"]].concat()).stdout
    );

    let findings = findings_of(&json.stdout);
    let codes: Vec<String> = findings.iter().map(|f| f.0.clone()).collect();

    // English: each finding's line and fix are the JSON's words, most of
    // them English prose the check below would refuse.
    let mut prose = 0;
    for (code, message, fix) in &findings {
        let line = format!("[{code}] {message}");
        let shown = en.stdout.lines().find(|l| l.ends_with(&line));
        let shown = shown.unwrap_or_else(|| panic!("no {line:?} in:\n{}", en.stdout));
        prose += usize::from(!english_runs(shown).is_empty());
        if let Some(fix) = fix {
            assert!(
                en.stdout.contains(&format!("          fix: {fix}\n")),
                "no fix {fix:?} in:\n{}",
                en.stdout
            );
        }
    }

    assert!(2 * prose > findings.len(), "{prose} of {}", findings.len());

    // Chinese: the same findings, every line Chinese prose.
    let lines: Vec<&str> = zh.stdout.lines().collect();
    let mut zh_codes = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((_, rest)) = line.split_once(" [") else {
            continue;
        };
        let Some((code, _)) = rest.split_once("] ") else {
            continue;
        };
        zh_codes.push(code.to_owned());
        assert!(
            line.starts_with("  错误 [") || line.starts_with("  警告 ["),
            "{line}"
        );
        chinese(line);
        if let Some(next) = lines
            .get(i + 1)
            .filter(|l| l.trim_start().starts_with("解决办法："))
        {
            chinese(next);
        }
    }
    let (mut a, mut b) = (zh_codes, codes.clone());
    a.sort();
    b.sort();
    assert_eq!(
        a, b,
        "the Chinese report and --json disagree:\n{}",
        zh.stdout
    );
    assert!(zh.stdout.contains("\n问题：\n"), "{}", zh.stdout);

    // Every file's description and detail, and the verdict.
    for line in lines.iter().take_while(|l| !l.is_empty()) {
        if let Some(detail) = line.strip_prefix("    ") {
            no_english(detail);
        } else {
            let (_, kind) = line.rsplit_once(": ").unwrap_or_else(|| panic!("{line}"));
            assert!(kind.contains("，文件权限 "), "{line}");
            no_english(kind);
        }
    }
    let verdict = lines.last().unwrap();
    assert!(
        verdict.ends_with(" 个警告。") && verdict.contains(" 个错误，"),
        "{verdict}"
    );
    codes
}

/// (code, message, fix) of each finding of a `--json` report.
fn findings_of(json: &str) -> Vec<(String, String, Option<String>)> {
    let v: serde_json::Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("not JSON ({e}):\n{json}"));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
                f["fix"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

/// A line of Chinese prose: Chinese characters, and no English sentence.
#[track_caller]
fn chinese(line: &str) {
    assert!(
        line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "no Chinese in {line:?}"
    );
    no_english(line);
}

#[track_caller]
fn no_english(text: &str) {
    let runs = english_runs(text);
    assert!(runs.is_empty(), "English {runs:?} in {text:?}");
}

#[test]
fn the_english_check_finds_english_and_passes_what_stays_as_it_is() {
    assert_eq!(
        english_runs("错误 [expired] a.pem expired on 2026-01-01 (docker: \"x509: x y z\")"),
        Vec::<String>::new()
    );
    assert_eq!(
        english_runs("a.pem is not a readable X.509 certificate"),
        ["is not a readable"]
    );
    assert!(english_runs("解决办法：续期：dockcert renew").is_empty());
    assert!(english_runs("用 `dockcert issue --days 30 now` 签发“the CA said no”").is_empty());
    assert_eq!(english_runs("把它 issue it again"), ["issue it again"]);
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// `--host` in a multi-host bundle skips the other hosts' certificates and
/// says so in Chinese, naming them; `--json` stays English.
#[test]
fn the_skipped_hosts_are_named_in_chinese() {
    let b = make_bundle(&[
        "--server",
        "docker1.example.com",
        "--server",
        "docker2.example.com",
        "--server",
        "docker3.example.com",
        "--server",
        "docker4.example.com",
    ]);
    let dir = b.tmp.path();
    let args = ["inspect", "bundle.zip", "--host", "docker4.example.com"];
    let zh = dockcert_in_locale(dir, &args, &[ZH]);
    let en = dockcert_in_locale(dir, &args, &[C]);
    let json = dockcert_in_locale(dir, &[&args[..], &["--json"]].concat(), &[ZH]);
    for run in [&zh, &en, &json] {
        assert_eq!(run.status, 0, "{}", run.all());
        assert!(!run.stdout.contains("host-not-covered"), "{}", run.stdout);
    }
    let findings = findings_of(&json.stdout);
    assert_eq!(findings.len(), 1, "{}", json.stdout);
    assert_eq!(findings[0].0, "host-skipped");
    assert!(en.stdout.contains(&findings[0].1), "{}", en.stdout);
    let line = zh
        .stdout
        .lines()
        .find(|l| l.contains("[host-skipped]"))
        .unwrap_or_else(|| panic!("{}", zh.stdout));
    assert!(line.starts_with("  警告 ["), "{line}");
    chinese(line);
    for h in ["docker1", "docker2", "docker3"] {
        let file = format!("server/{h}.example.com/server-cert.pem");
        assert!(line.contains(&file), "{file} not in {line}");
        assert!(findings[0].1.contains(&file), "{}", findings[0].1);
    }
    assert!(!line.contains("docker4.example.com/server-cert"), "{line}");
    let fix = zh
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("解决办法："));
    chinese(fix.unwrap_or_else(|| panic!("{}", zh.stdout)));
}
