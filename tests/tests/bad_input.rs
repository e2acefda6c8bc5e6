//! Every bad input: exit status 2, one line on stderr that names the flag,
//! echoes the value and says what is allowed; never a panic, never a partial
//! bundle, never a touched existing file.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;

use dockcert_tests::{cert_text, dockcert, files_under, line_after, MadeBundle};

/// Runs `dockcert new` with `args` plus a passphrase file and `--out` in a
/// fresh folder, and checks the refusal.
#[track_caller]
fn refused(args: &[&str], flag: &str, echoed: &str, says: &str) {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("pass.txt"), "a good passphrase\n").unwrap();
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    if !args.contains(&"--passphrase-file")
        && !args.contains(&"--no-passphrase")
        && !args.contains(&"--passphrase-env")
    {
        all.extend(["--passphrase-file", "pass.txt"]);
    }
    if !args.contains(&"--out") {
        all.extend(["--out", "bundle.zip"]);
    }
    let before = files_under(tmp.path());
    let run = dockcert(tmp.path(), &all);
    assert_eq!(run.status, 2, "{all:?}: exit status\n{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "{all:?}: expected one line, got:\n{}",
        run.stderr
    );
    let line = lines[0];
    assert!(
        line.starts_with(&format!("dockcert: {flag}")),
        "{all:?}: {line}"
    );
    assert!(
        line.contains(echoed),
        "{all:?}: value {echoed:?} not echoed: {line}"
    );
    assert!(line.contains(says), "{all:?}: expected {says:?} in: {line}");
    assert!(!line.contains("panicked"), "{line}");
    assert!(run.stdout.is_empty());
    assert_eq!(
        files_under(tmp.path()),
        before,
        "{all:?}: something was written"
    );
}

#[test]
fn servers() {
    refused(
        &[],
        "--server",
        "--server",
        "at least one server is required",
    );
    refused(&["--server", ""], "--server", "\"\"", "empty host name");
    refused(
        &["--server", "docker1,,10.0.0.1"],
        "--server",
        "\"docker1,,10.0.0.1\"",
        "empty subject alternative name",
    );
    refused(
        &["--server", "docker1,"],
        "--server",
        "\"docker1,\"",
        "empty subject alternative name",
    );
    refused(
        &["--server", "my host"],
        "--server",
        "\"my host\"",
        "must not contain spaces",
    );
    refused(
        &["--server", "bad!name"],
        "--server",
        "\"bad!name\"",
        "'!' is not allowed: use letters, digits and hyphens",
    );
    refused(
        &["--server", "-docker1"],
        "--server",
        "\"-docker1\"",
        "starts or ends with a hyphen",
    );
    refused(
        &["--server", "docker1-"],
        "--server",
        "\"docker1-\"",
        "starts or ends with a hyphen",
    );
    refused(
        &["--server", "docker1.example.com."],
        "--server",
        "\"docker1.example.com.\"",
        "must not end with a dot",
    );
    refused(
        &["--server", "docker1,alias.example.com."],
        "--server",
        "alias.example.com.",
        "must not end with a dot",
    );
    let long_label = format!("{}.example.com", "a".repeat(64));
    refused(
        &["--server", &long_label],
        "--server",
        &long_label,
        "at most 63 are allowed",
    );
    let long_name = vec!["abcdefghi"; 26].join(".");
    refused(
        &["--server", &long_name],
        "--server",
        &long_name,
        "at most 253 are allowed",
    );
    refused(
        &["--server", "999.1.1.1"],
        "--server",
        "\"999.1.1.1\"",
        "not a valid IPv4 address",
    );
    refused(
        &["--server", "docker1,999.1.1.1"],
        "--server",
        "999.1.1.1",
        "not a valid IPv4 address",
    );
    refused(
        &["--server", "docker1", "--server", "docker1"],
        "--server",
        "\"docker1\"",
        "given twice",
    );
    refused(
        &["--server", "docker1,docker1"],
        "--server",
        "\"docker1,docker1\"",
        "listed twice",
    );
    refused(
        &["--server", "*.example.com"],
        "--server",
        "*.example.com",
        "a wildcard cannot name a host",
    );
}

#[test]
fn clients() {
    let s = ["--server", "docker1.example.com"];
    refused(
        &[&s[..], &["--client", ""]].concat(),
        "--client",
        "\"\"",
        "empty client name",
    );
    refused(
        &[&s[..], &["--client", "a/b"]].concat(),
        "--client",
        "\"a/b\"",
        "must not contain '/'",
    );
    refused(
        &[&s[..], &["--client", ".."]].concat(),
        "--client",
        "\"..\"",
        "must not contain '..'",
    );
    refused(
        &[&s[..], &["--client", "a..b"]].concat(),
        "--client",
        "\"a..b\"",
        "must not contain '..'",
    );
    refused(
        &[&s[..], &["--client", "alice", "--client", "alice"]].concat(),
        "--client",
        "\"alice\"",
        "given twice",
    );
    refused(
        &[&s[..], &["--client", "bob smith"]].concat(),
        "--client",
        "\"bob smith\"",
        "is not allowed",
    );
}

#[test]
fn key_types() {
    let s = ["--server", "docker1.example.com"];
    refused(
        &[&s[..], &["--key-type", "rsa-1024"]].concat(),
        "--key-type",
        "\"rsa-1024\"",
        "too weak; allowed: ecdsa-p256, ecdsa-p384, ed25519, rsa-2048, rsa-3072, rsa-4096",
    );
    refused(
        &[&s[..], &["--key-type", "dsa"]].concat(),
        "--key-type",
        "\"dsa\"",
        "too weak",
    );
    refused(
        &[&s[..], &["--key-type", "rsa-9999"]].concat(),
        "--key-type",
        "\"rsa-9999\"",
        "unknown key type; allowed: ecdsa-p256",
    );
    refused(
        &[&s[..], &["--key-type", "P-256"]].concat(),
        "--key-type",
        "\"P-256\"",
        "unknown key type",
    );
}

#[test]
fn days() {
    let s = ["--server", "docker1.example.com"];
    for bad in [
        "0",
        "-5",
        "ten",
        "1.5",
        "",
        "99999999",
        "99999999999999999999999",
    ] {
        refused(
            &[&s[..], &["--days", bad]].concat(),
            "--days",
            &format!("{bad:?}"),
            "must be a whole number of days from 1 to 3650",
        );
        refused(
            &[&s[..], &["--ca-days", bad]].concat(),
            "--ca-days",
            &format!("{bad:?}"),
            "must be a whole number of days from 1 to 7300",
        );
    }
    refused(
        &[&s[..], &["--days", "3651"]].concat(),
        "--days",
        "\"3651\"",
        "from 1 to 3650",
    );
    refused(
        &[&s[..], &["--days", "400", "--ca-days", "300"]].concat(),
        "--days",
        "\"400\"",
        "would outlive the CA (--ca-days 300); use at most 300",
    );
    refused(
        &[&s[..], &["--ca-days", "100"]].concat(),
        "--days",
        "\"365\"",
        "would outlive the CA (--ca-days 100)",
    );
}

#[test]
fn listen_and_install_dir() {
    let s = ["--server", "docker1.example.com"];
    refused(
        &[&s[..], &["--listen", "0.0.0.0"]].concat(),
        "--listen",
        "\"0.0.0.0\"",
        "must be HOST:PORT, like 0.0.0.0:2376",
    );
    refused(
        &[&s[..], &["--listen", "0.0.0.0:70000"]].concat(),
        "--listen",
        "\"0.0.0.0:70000\"",
        "the port must be a number from 1 to 65535",
    );
    refused(
        &[&s[..], &["--listen", "0.0.0.0:0"]].concat(),
        "--listen",
        "\"0.0.0.0:0\"",
        "from 1 to 65535",
    );
    refused(
        &[&s[..], &["--listen", "0.0.0.0:http"]].concat(),
        "--listen",
        "\"0.0.0.0:http\"",
        "from 1 to 65535",
    );
    refused(
        &[&s[..], &["--listen", "::1:2376"]].concat(),
        "--listen",
        "\"::1:2376\"",
        "in brackets",
    );
    refused(
        &[&s[..], &["--listen", "bad host:2376"]].concat(),
        "--listen",
        "\"bad host:2376\"",
        "not an IP address or a DNS name",
    );
    refused(
        &[&s[..], &["--install-dir", "etc/docker"]].concat(),
        "--install-dir",
        "\"etc/docker\"",
        "must be an absolute path",
    );
    refused(
        &[&s[..], &["--install-dir", "/etc/my docker"]].concat(),
        "--install-dir",
        "\"/etc/my docker\"",
        "' ' is not allowed",
    );
    refused(
        &[&s[..], &["--install-dir", "/etc/../tmp"]].concat(),
        "--install-dir",
        "\"/etc/../tmp\"",
        "'..'",
    );
}

#[test]
fn subject_attributes() {
    let s = ["--server", "docker1.example.com"];
    refused(
        &[&s[..], &["--subject-country", "China"]].concat(),
        "--subject-country",
        "\"China\"",
        "the country (C) must be a two-letter ISO 3166 code in ASCII letters, like CN, US or DE",
    );
    // Two letters, but no country's.
    refused(
        &[&s[..], &["--subject-country", "ZZ"]].concat(),
        "--subject-country",
        "\"ZZ\"",
        "two-letter ISO 3166 code",
    );
    refused(
        &[&s[..], &["--subject-unit", "Ops\u{7}"]].concat(),
        "--subject-unit",
        "\"Ops\\u{7}\"",
        "the organizational unit (OU) must not contain control characters",
    );
    let org = "公".repeat(65);
    refused(
        &[&s[..], &["--subject-org", &org]].concat(),
        "--subject-org",
        &format!("\"{org}\""),
        "the organization (O) is 65 characters long; at most 64 are allowed (RFC 5280)",
    );
    // Sixty-four characters of UTF-8 (192 bytes) are within the bound.
    let tmp = tempfile::tempdir().unwrap();
    let org = "公".repeat(64);
    dockcert(
        tmp.path(),
        &[
            "new",
            "--server",
            "d1.example.com",
            "--subject-org",
            &org,
            "--no-passphrase",
            "--out",
            "b",
        ],
    )
    .ok();
    let text = cert_text(tmp.path(), &tmp.path().join("b/ca/ca.pem"));
    assert!(text.contains("Subject: O = "), "{text}");
}

#[test]
fn passphrases() {
    let s = ["--server", "docker1.example.com"];
    refused(
        &[&s[..], &["--passphrase-file", "missing.txt"]].concat(),
        "--passphrase-file",
        "\"missing.txt\"",
        "cannot read it: No such file or directory",
    );
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty.txt");
    fs::write(&empty, "").unwrap();
    let empty = empty.to_str().unwrap();
    refused(
        &[&s[..], &["--passphrase-file", empty]].concat(),
        "--passphrase-file",
        empty,
        "the file is empty",
    );
    let blank = tmp.path().join("blank.txt");
    fs::write(&blank, "\nsecond line\n").unwrap();
    let blank = blank.to_str().unwrap();
    refused(
        &[&s[..], &["--passphrase-file", blank]].concat(),
        "--passphrase-file",
        blank,
        "the passphrase is empty",
    );
    let short = tmp.path().join("short.txt");
    fs::write(&short, "hunter2\n").unwrap();
    let short = short.to_str().unwrap();
    refused(
        &[&s[..], &["--passphrase-file", short]].concat(),
        "--passphrase-file",
        short,
        "at least 8 are required",
    );
    refused(
        &[
            &s[..],
            &["--passphrase-env", "DOCKCERT_TEST_UNSET_VARIABLE"],
        ]
        .concat(),
        "--passphrase-env",
        "\"DOCKCERT_TEST_UNSET_VARIABLE\"",
        "is not set",
    );
}

#[test]
fn no_passphrase_choice_without_a_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let run = dockcert(
        tmp.path(),
        &["new", "--server", "docker1.example.com", "--out", "b.zip"],
    );
    assert_eq!(run.status, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("--passphrase-file FILE or --passphrase-env VAR, or --no-passphrase"),
        "{}",
        run.stderr
    );
    assert!(files_under(tmp.path()).is_empty());
}

#[test]
fn out() {
    let s = ["--server", "docker1.example.com"];
    refused(
        &[&s[..], &["--out", "missing/b.zip"]].concat(),
        "--out",
        "\"missing/b.zip\"",
        "the folder \"missing\" does not exist",
    );
    refused(
        &[&s[..], &["--out", "missing/dir"]].concat(),
        "--out",
        "\"missing/dir\"",
        "does not exist",
    );
    refused(
        &[&s[..], &["--out", ".zip"]].concat(),
        "--out",
        "\".zip\"",
        "needs a name before .zip",
    );
}

#[test]
fn existing_outputs_are_never_touched() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(dir.join("existing.zip"), b"original bytes").unwrap();
    fs::create_dir(dir.join("full")).unwrap();
    fs::write(dir.join("full/keep.txt"), b"keep me").unwrap();
    fs::write(dir.join("plain-file"), b"not a folder").unwrap();
    let before = files_under(dir);
    let base = [
        "new",
        "--server",
        "docker1.example.com",
        "--no-passphrase",
        "--out",
    ];

    let zip = dockcert(dir, &[&base[..], &["existing.zip"]].concat());
    assert_eq!(zip.status, 2);
    assert_eq!(
        zip.stderr.trim(),
        "dockcert: --out \"existing.zip\": already exists; add --force to replace it"
    );
    let full = dockcert(dir, &[&base[..], &["full", "--force"]].concat());
    assert_eq!(full.status, 2);
    assert!(
        full.stderr
            .contains("--out \"full\": is a folder that is not empty"),
        "{}",
        full.stderr
    );
    let file = dockcert(dir, &[&base[..], &["plain-file"]].concat());
    assert_eq!(file.status, 2);
    assert!(
        file.stderr
            .contains("--out \"plain-file\": already exists and is not a folder"),
        "{}",
        file.stderr
    );

    assert_eq!(files_under(dir), before);
    assert_eq!(
        fs::read(dir.join("existing.zip")).unwrap(),
        b"original bytes"
    );
    assert_eq!(fs::read(dir.join("full/keep.txt")).unwrap(), b"keep me");

    // With --force the zip is replaced whole, by a real bundle.
    let forced = dockcert(dir, &[&base[..], &["existing.zip", "--force"]].concat());
    assert_eq!(forced.status, 0, "{}", forced.stderr);
    assert!(fs::read(dir.join("existing.zip"))
        .unwrap()
        .starts_with(b"PK"));
    // An empty folder may be used.
    fs::create_dir(dir.join("empty")).unwrap();
    assert_eq!(dockcert(dir, &[&base[..], &["empty"]].concat()).status, 0);
    assert!(dir.join("empty/ca/ca.pem").is_file());
    // Nothing temporary is left behind.
    assert!(
        files_under(dir).iter().all(|f| !f.contains("dockcert-tmp")),
        "{:?}",
        files_under(dir)
    );
}

#[test]
fn several_problems_are_all_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let run = dockcert(
        tmp.path(),
        &[
            "new",
            "--server",
            "bad!",
            "--days",
            "0",
            "--key-type",
            "rsa-1024",
            "--no-passphrase",
            "--out",
            "b.zip",
        ],
    );
    assert_eq!(run.status, 2);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    assert!(
        lines.iter().all(|l| l.starts_with("dockcert: --")),
        "{}",
        run.stderr
    );
    assert!(files_under(tmp.path()).is_empty());
}

#[test]
fn help_shows_an_example() {
    let tmp = tempfile::tempdir().unwrap();
    let help = dockcert(tmp.path(), &["new", "--help"]);
    assert_eq!(help.status, 0);
    assert!(
        help.stdout
            .contains("dockcert new --server docker1.example.com,10.0.0.5"),
        "{}",
        help.stdout
    );
    assert!(help.stdout.contains("Exit status"), "{}", help.stdout);
}

/// A disk that fills while the bundle is written (it is written file by file
/// as it is made): exit status 1 naming the bundle and the reason, and
/// nothing left behind, neither the bundle nor its temporary sibling. A
/// real tmpfs of 256 KiB (the tests run as root) takes a few hosts' files.
#[test]
fn a_disk_that_fills_midway_leaves_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let disk = tmp.path().join("small");
    fs::create_dir(&disk).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(&disk)
        .status()
        .unwrap();
    assert!(mounted.success(), "mounting a tmpfs needs root");
    let hosts: Vec<String> = (0..200)
        .flat_map(|i| ["--server".to_owned(), format!("docker{i}.example.com")])
        .collect();
    let mut results = Vec::new();
    for out in ["fleet.zip", "fleet"] {
        let mut args = vec!["new", "--client", "ci", "--no-passphrase", "--out", out];
        args.extend(hosts.iter().map(String::as_str));
        let run = dockcert(&disk, &args);
        // Folders too: the temporary one is made before the first file.
        let mut left = files_under(&disk);
        left.extend(
            fs::read_dir(&disk)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned()),
        );
        results.push((out, run.status, run.stderr, left));
    }
    let unmounted = std::process::Command::new("umount")
        .arg(&disk)
        .status()
        .unwrap();
    assert!(unmounted.success());
    for (out, status, stderr, left) in results {
        assert_eq!(status, 1, "{out}: {stderr}");
        assert!(
            stderr.contains(&format!("could not write {out}"))
                || stderr.contains(&format!("could not write the folder {out}")),
            "{out}: {stderr}"
        );
        assert!(
            stderr.contains("No space left on device"),
            "{out}: {stderr}"
        );
        assert!(left.is_empty(), "{out}: left behind {left:?}");
    }
}

/// What people type into a host line (a port, a URL, an input method's
/// commas) and a name in Chinese: the message names the field and says what
/// to write instead, in English and in Chinese.
#[test]
fn hosts_and_names_as_people_type_them() {
    for (server, host, port) in [
        ("docker1.corp.cn:2376", "docker1.corp.cn", "2376"),
        ("10.1.0.5:2376", "10.1.0.5", "2376"),
        ("[fd00::1]:2376", "fd00::1", "2376"),
    ] {
        refused(
            &["--server", &format!("docker1.corp.cn,{server}")],
            "--server",
            server,
            &format!("the port does not belong in a host line: write the host as {host} here, and the port in --listen, like --listen 0.0.0.0:{port}"),
        );
    }
    for (server, host) in [
        ("https://docker1.corp.cn:2376", "docker1.corp.cn"),
        ("tcp://10.1.0.5:2376", "10.1.0.5"),
    ] {
        refused(
            &["--server", server],
            "--server",
            server,
            &format!("a URL does not belong in a host line: write only the host, {host}, here, and the port in --listen"),
        );
    }
    refused(
        &["--server", "docker1.corp.cn", "--client", "张三"],
        "--client",
        "\"张三\"",
        "'张' is not allowed: use letters, digits, '.', '_', '@' and '-'",
    );
    for (args, says) in [
        (
            ["--server", "docker1.corp.cn:2376"],
            "--server \"docker1.corp.cn:2376\"：\"docker1.corp.cn:2376\" 不是有效的 DNS 名称或 IP 地址：主机行中不写端口：这里请写 docker1.corp.cn，端口写在 --listen 中",
        ),
        (
            ["--server", "https://docker1.corp.cn:2376"],
            "主机行中不写 URL：这里只写主机 docker1.corp.cn，端口写在 --listen 中",
        ),
        (["--client", "张三"], "--client \"张三\"：不允许使用 '张'"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let mut all = vec!["new", "--lang", "zh", "--server", "docker1.corp.cn"];
        all.extend(args);
        all.extend(["--no-passphrase", "--out", "b.zip"]);
        let run = dockcert(tmp.path(), &all);
        assert_eq!(run.status, 2, "{all:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{all:?}: {}", run.stderr);
        assert!(!run.stderr.contains("\\u{"), "{all:?}: {}", run.stderr);
    }
}

/// A Chinese input method's comma and ideographic comma separate a host's
/// names; an address no remote client can dial is made, with a warning.
#[test]
fn an_input_method_s_commas_separate_and_a_link_local_address_is_warned_of() {
    for (lang, warned) in [
        (
            "en",
            "fe80::1 (host docker1.corp.cn) is a link-local address",
        ),
        ("zh", "fe80::1（主机 docker1.corp.cn）是链路本地地址"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let run = dockcert(
            tmp.path(),
            &[
                "new",
                "--lang",
                lang,
                "--server",
                "docker1.corp.cn，10.1.0.5、fe80::1",
                "--no-passphrase",
                "--out",
                "b.zip",
            ],
        );
        assert_eq!(run.status, 0, "{}", run.all());
        assert!(run.all().contains(warned), "{}", run.all());
        // OpenSSL reads the three names, each its own SAN.
        let made = MadeBundle::unpack(&tmp.path().join("b.zip"), "");
        let text = cert_text(
            made.tmp.path(),
            &made.path("server/docker1.corp.cn/server-cert.pem"),
        );
        assert_eq!(
            line_after(&text, "X509v3 Subject Alternative Name"),
            "DNS:docker1.corp.cn, IP Address:10.1.0.5, IP Address:FE80:0:0:0:0:0:0:1",
            "{text}"
        );
    }
}
