//! `dockcert expiry` against real files and real peers: bundles whose
//! leaves end in 5, 20 and 400 days, the serials OpenSSL reads from the
//! same files, the metrics checked by a real promtool and served by a real
//! node_exporter's textfile collector, bad input refused with status 2.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};

use dockcert_tests::dockerd::Daemon;
use dockcert_tests::{
    dockcert, dockcert_in_locale, fed, free_port, make_bundle, new_dir, openssl, require_tool,
    three_endings, wait_for_listener, Run,
};

fn expiry(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["expiry"];
    all.extend_from_slice(args);
    dockcert(dir, &all)
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.all()))
}

/// The serial `openssl x509 -serial` reads from `cert`.
fn openssl_serial(cert: &Path) -> String {
    let out = openssl(
        cert.parent().unwrap(),
        &["x509", "-in", cert.to_str().unwrap(), "-noout", "-serial"],
    )
    .ok();
    out.stdout
        .trim()
        .strip_prefix("serial=")
        .unwrap()
        .to_owned()
}

#[test]
fn what_ends_within_the_days_asked_soonest_first() {
    let b = three_endings("en");
    let dir = b[0].tmp.path();
    let paths = [
        b[0].root.to_str().unwrap(),
        b[1].zip.to_str().unwrap(),
        b[2].root.to_str().unwrap(),
    ];
    let mut args = paths.to_vec();
    args.push("--json");
    let out = expiry(dir, &args);
    assert_eq!(out.status, 1, "{}", out.all());
    let v = json(&out);
    let listed: Vec<(String, String, i64)> = v["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["role"].as_str().unwrap().to_owned(),
                c["name"].as_str().unwrap().to_owned(),
                c["days_left"].as_i64().unwrap(),
            )
        })
        .collect();
    let names: Vec<(&str, &str)> = listed
        .iter()
        .map(|(r, n, _)| (r.as_str(), n.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("client", "c5"),
            ("server", "docker5.example.com"),
            ("client", "c20"),
            ("server", "docker20.example.com"),
        ],
        "{}",
        out.stdout
    );
    // Made seconds ago for N days: N-1 whole days and some hours are left.
    for (_, name, days) in &listed {
        let digits: String = name.chars().filter(char::is_ascii_digit).collect();
        let made_for: i64 = digits.parse().unwrap();
        assert_eq!(*days, made_for - 1, "{name}: {}", out.stdout);
    }
    assert_eq!(v["ending"], 4);
    assert_eq!(v["later"], 5, "three CAs and the 400-day leaves");
    assert_eq!(v["within_days"], 30);

    // The serials and ends are those OpenSSL reads from the same files,
    // and each CA is one certificate at all of its paths.
    let all = expiry(dir, &[paths[0], "--all", "--json"]);
    let v = json(&all);
    for c in v["certificates"].as_array().unwrap() {
        let first = c["paths"][0].as_str().unwrap();
        let file = b[0].root.join(first);
        assert_eq!(
            c["serial"].as_str().unwrap(),
            openssl_serial(&file),
            "{first}"
        );
        if c["role"] == "ca" {
            let paths: Vec<&str> = c["paths"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap())
                .collect();
            assert_eq!(
                paths,
                [
                    "ca/ca.pem",
                    "client/c5/ca.pem",
                    "server/docker5.example.com/ca.pem"
                ]
            );
        }
    }

    let quiet = expiry(dir, &[paths[0], paths[1], paths[2], "--within", "3"]);
    assert_eq!(quiet.status, 0, "{}", quiet.all());
    assert!(
        quiet.stdout.contains(
            "None of 9 certificates ends within 3 days; the first to end is c5, in 4 days."
        ),
        "{}",
        quiet.stdout
    );
    assert!(!quiet.stdout.contains("DAYS LEFT"), "{}", quiet.stdout);

    // The table in English and in Chinese.
    let en = expiry(dir, &paths);
    assert_eq!(en.status, 1);
    let lines: Vec<&str> = en.stdout.lines().collect();
    assert!(
        lines[0].starts_with("DAYS LEFT  NOT AFTER (UTC)"),
        "{}",
        en.stdout
    );
    assert!(lines[1].starts_with("4 "), "{}", en.stdout);
    assert!(lines[1].contains(" client "), "{}", en.stdout);
    assert!(
        en.stdout.contains(
            "4 of 9 certificates end within 30 days: renew before then (dockcert renew)."
        ),
        "{}",
        en.stdout
    );
    let mut zh_args = vec!["expiry"];
    zh_args.extend_from_slice(&paths);
    let zh = dockcert_in_locale(dir, &zh_args, &[("LANG", "zh_CN.UTF-8")]);
    assert_eq!(zh.status, 1);
    assert!(zh.stdout.starts_with("剩余天数"), "{}", zh.stdout);
    assert!(zh.stdout.contains(" 客户端 "), "{}", zh.stdout);
    assert!(
        zh.stdout
            .contains("9 张证书中有 4 张在 30 天内到期：请在此之前续期（dockcert renew）。"),
        "{}",
        zh.stdout
    );
}

#[test]
fn metrics_that_promtool_accepts_and_node_exporter_serves() {
    let b = make_bundle(&[
        "--server",
        "docker1.example.com,10.0.0.5",
        "--client",
        "alice",
        "--days",
        "10",
    ]);
    let out = expiry(b.tmp.path(), &[b.root.to_str().unwrap(), "--prometheus"]);
    assert_eq!(out.status, 1, "{}", out.all());
    let series: Vec<&str> = out.stdout.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(series.len(), 6, "{}", out.stdout);

    let promtool = require_tool("promtool");
    let checked = fed(
        Command::new(promtool).args(["check", "metrics"]),
        out.stdout.as_bytes(),
    );
    assert!(
        checked.status == 0 && checked.stdout.is_empty() && checked.stderr.is_empty(),
        "promtool check metrics: {}",
        checked.all()
    );

    // node_exporter reads the file as its textfile collector does on a host.
    let textfile = new_dir("prom");
    fs::write(textfile.path().join("dockcert.prom"), &out.stdout).unwrap();
    let port = free_port();
    let exporter = require_tool("prometheus-node-exporter");
    let mut server = Command::new(exporter)
        .arg(format!("--web.listen-address=127.0.0.1:{port}"))
        .arg("--collector.disable-defaults")
        .arg("--collector.textfile")
        .arg(format!(
            "--collector.textfile.directory={}",
            textfile.path().display()
        ))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let scraped = scrape(port);
    server.kill().ok();
    server.wait().ok();
    let scraped = scraped.unwrap_or_else(|e| panic!("node_exporter on {port}: {e}"));
    // node_exporter sorts the labels and writes values as floats.
    let served: Vec<Series> = scraped.lines().filter_map(series_of).collect();
    for line in series {
        let ours = series_of(line).unwrap();
        assert!(served.contains(&ours), "{line} not served:\n{scraped}");
    }
    assert!(
        scraped.contains("node_textfile_scrape_error 0"),
        "{scraped}"
    );
}

/// A series: its metric name, its labels sorted, and its value.
#[derive(Debug, PartialEq)]
struct Series {
    name: String,
    labels: Vec<(String, String)>,
    value: f64,
}

/// A line of the text format with labels (none of whose values holds a
/// quote or a comma here), or `None`.
fn series_of(line: &str) -> Option<Series> {
    let (name, rest) = line.split_once('{')?;
    let (labels, value) = rest.rsplit_once("} ")?;
    let mut labels: Vec<(String, String)> = labels
        .split("\",")
        .map(|pair| {
            let (k, v) = pair.split_once("=\"").unwrap();
            (k.to_owned(), v.trim_end_matches('"').to_owned())
        })
        .collect();
    labels.sort();
    Some(Series {
        name: name.to_owned(),
        labels,
        value: value.parse().ok()?,
    })
}

/// GET /metrics from 127.0.0.1:`port`, once something listens there.
fn scrape(port: u16) -> Result<String, String> {
    wait_for_listener(port);
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    s.write_all(b"GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        .map_err(|e| e.to_string())?;
    let mut body = String::new();
    s.read_to_string(&mut body).map_err(|e| e.to_string())?;
    Ok(body)
}

#[test]
fn what_a_live_dockerd_serves() {
    let b = make_bundle(&[
        "--server",
        "docker1.example.com,127.0.0.1",
        "--client",
        "alice",
        "--days",
        "10",
    ]);
    let work = new_dir("exd");
    let dir = b.path("server/docker1.example.com");
    let port = free_port();
    let socket = work.path().join("docker.sock");
    let flags: Vec<String> = vec![
        "--tlsverify".into(),
        format!("--tlscacert={}", dir.join("ca.pem").display()),
        format!("--tlscert={}", dir.join("server-cert.pem").display()),
        format!("--tlskey={}", dir.join("server-key.pem").display()),
        "-H".into(),
        format!("unix://{}", socket.display()),
        "-H".into(),
        format!("tcp://127.0.0.1:{port}"),
    ];
    let daemon = Daemon::with_flags(&flags, &socket, work.path());
    let live = format!("tcp://127.0.0.1:{port}");
    let out = expiry(work.path(), &[&live, "--json"]);
    assert_eq!(out.status, 1, "{}", out.all());
    let v = json(&out);
    let listed = v["certificates"].as_array().unwrap();
    assert_eq!(listed.len(), 1, "{}", out.stdout);
    assert_eq!(listed[0]["role"], "server");
    assert_eq!(listed[0]["name"], "docker1.example.com");
    assert_eq!(listed[0]["days_left"], 9);
    assert_eq!(listed[0]["paths"][0], live.as_str());
    let on_disk = openssl_serial(&dir.join("server-cert.pem"));
    assert_eq!(listed[0]["serial"], on_disk.as_str());
    let quiet = expiry(work.path(), &[&live, "--within", "5"]);
    assert_eq!(quiet.status, 0, "{}", quiet.all());
    drop(daemon);

    // Nothing listens there now: refused with probe's words, status 2.
    let gone = expiry(work.path(), &[&live]);
    assert_eq!(gone.status, 2, "{}", gone.all());
    assert!(
        gone.stderr
            .contains(&format!("{live}: served no certificate:")),
        "{}",
        gone.all()
    );
    let bad = expiry(work.path(), &["tcp://docker1.example.com:port"]);
    assert_eq!(bad.status, 2, "{}", bad.all());
    assert!(
        bad.stderr.contains("expected tcp://HOST:PORT"),
        "{}",
        bad.all()
    );
}

#[test]
fn bad_input_is_refused_with_status_2() {
    let tmp = new_dir("ex");
    let dir = tmp.path();
    let missing = expiry(dir, &["no-such-folder"]);
    assert_eq!(missing.status, 2, "{}", missing.all());
    assert!(
        missing.stderr.contains("no-such-folder"),
        "{}",
        missing.all()
    );

    let days = expiry(dir, &[".", "--within", "soon"]);
    assert_eq!(days.status, 2, "{}", days.all());
    assert!(days.stderr.contains("--within"), "{}", days.all());

    fs::write(dir.join("notes.txt"), "no certificate here\n").unwrap();
    let none = expiry(dir, &["."]);
    assert_eq!(none.status, 2, "{}", none.all());
    assert!(
        none.stderr.contains("holds no certificate"),
        "{}",
        none.all()
    );

    fs::write(
        dir.join("broken.pem"),
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    let broken = expiry(dir, &["."]);
    assert_eq!(broken.status, 2, "{}", broken.all());
    assert!(
        broken
            .stdout
            .contains("\"broken.pem\": holds a certificate that cannot be read"),
        "{}",
        broken.all()
    );
}
