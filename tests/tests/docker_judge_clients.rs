//! The differential test for client certificates: every client case of
//! `judge_cases` (a good client with one thing changed, made at test time)
//! shown by the real docker client to a real dockerd started with
//! `--tlsverify`; then `dockcert probe` with the same client files (its
//! `client-certificate` check) and `dockcert inspect ca.pem cert.pem` must
//! judge it the same way and, on a refusal, quote what docker printed or
//! what dockerd logged (its `x509:` reason). Every disagreement is collected
//! and the test fails once, at the end, with the whole table.
//!
//! `DOCKCERT_JUDGE_TRUTH=FILE` also writes the verdicts, as a Markdown
//! table, to FILE.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::time::{Duration, Instant};

use dockcert_tests::dockerd::Daemon;
use dockcert_tests::judge_cases::dockcert::{
    inspect_files, probe_check_said, probe_with, said_by_inspect, Said,
};
use dockcert_tests::judge_cases::docker::{docker_version, refusal_words, Verdict};
use dockcert_tests::judge_cases::report::table;
use dockcert_tests::judge_cases::{hosts_file, make_client_cases, ClientCase, HOST};
use dockcert_tests::{free_port, new_dir};

/// What docker, dockerd, probe and inspect said about one client.
struct Judged {
    docker: Verdict,
    /// dockerd's logged reason (`tls: …`/`x509: …`), "" when it let the client in.
    dockerd: String,
    inspect: Result<Said, String>,
    probe: Result<Said, String>,
}

/// The `TLS handshake error` lines of dockerd's log.
fn handshake_errors(daemon: &Daemon) -> Vec<String> {
    daemon
        .log_text()
        .lines()
        .filter(|l| l.contains("TLS handshake error"))
        .map(str::to_owned)
        .collect()
}

/// The reason in a handshake error line: from `tls: ` / `x509: ` on, without
/// the log line's closing quote.
fn reason(line: &str) -> String {
    let at = [line.find("tls: "), line.find("x509: ")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(0);
    line[at..].trim_end().trim_end_matches('"').to_owned()
}

/// dockerd's `x509: …` reason (the part after `tls: failed to verify
/// client certificate: `), without what changes every run (`: current time
/// … is after …`); its whole reason when it has no `x509:` part.
fn dockerd_quotable(reason: &str) -> String {
    let m = reason.find("x509: ").map_or(reason, |at| &reason[at..]);
    let m = m.find(": current time ").map_or(m, |at| &m[..at]);
    // Go 1.18 to 1.23 (Debian's dockerd 20.10) add a hint to the SHA-1
    // refusal that the docker client's Go 1.24 no longer has.
    m.replace(" (temporarily override with GODEBUG=x509sha1=1)", "")
}

/// docker's verdict on `client`, and dockerd's logged reason when it refused.
/// One client at a time, and before any probe: a refusal's line in dockerd's
/// log is then the next one.
fn docker_judges(
    client: &ClientCase,
    daemon: &Daemon,
    port: u16,
    work: &Path,
    hosts: &Path,
) -> (Verdict, String) {
    let (cert, key) = (client.dir.join("cert.pem"), client.dir.join("key.pem"));
    let before = handshake_errors(daemon).len();
    let run = || {
        docker_version(
            work,
            hosts,
            &client.dir.join("ca.pem"),
            HOST,
            port,
            &[
                &format!("--tlscert={}", cert.display()),
                &format!("--tlskey={}", key.display()),
            ],
        )
    };
    // With TLS 1.3 the client finishes its handshake before dockerd has
    // judged its certificate, and sends the request; when dockerd's alert
    // and close win that race the client reads the alert (`remote error:
    // tls: …`), otherwise its write meets a reset. Up to five tries for the
    // alert's words; every try is refused for the same reason.
    let mut out = run();
    for _ in 1..5 {
        if out.status == 0 || refusal_words(&out).is_some() {
            break;
        }
        out = run();
    }
    if out.status == 0 {
        return (Verdict::Accepted, String::new());
    }
    // dockerd writes the log line as it closes the connection.
    let deadline = Instant::now() + Duration::from_secs(10);
    let dockerd = loop {
        if let Some(line) = handshake_errors(daemon).get(before) {
            break reason(line);
        }
        if Instant::now() > deadline {
            break "(dockerd logged no TLS handshake error)".to_owned();
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    // With TLS 1.3 the client may see only the connection closing (reset,
    // EOF): then its last line is what it said.
    let docker = refusal_words(&out).map_or_else(
        || {
            let all = out.all();
            Verdict::Refused(
                all.lines()
                    .rfind(|l| !l.trim().is_empty())
                    .unwrap_or("")
                    .to_owned(),
            )
        },
        Verdict::Refused,
    );
    (docker, dockerd)
}

/// What probe (`client-certificate`) and inspect say about `client`.
fn dockcert_judges(
    client: &ClientCase,
    port: u16,
    work: &Path,
    hosts: &Path,
) -> (Result<Said, String>, Result<Said, String>) {
    let (cert, key) = (client.dir.join("cert.pem"), client.dir.join("key.pem"));
    let url = format!("tcp://{HOST}:{port}");
    let probed = probe_with(
        &client.dir,
        &url,
        &client.dir.join("ca.pem"),
        &(cert, key),
        hosts,
        work,
    );
    let inspected = inspect_files(&client.dir, &["ca.pem", "cert.pem"], &["--json"], &[]);
    (
        said_by_inspect(&inspected),
        probe_check_said(&probed, "client-certificate"),
    )
}

/// Where one report departs from docker on `client`: "" when it agrees.
fn departures(client: &ClientCase, j: &Judged, said: &Result<Said, String>) -> String {
    let said = match said {
        Ok(said) => said,
        Err(why) => return format!("no report: {why}"),
    };
    let mut wrong = Vec::new();
    match (j.docker.accepted(), said.accepted) {
        (true, false) => wrong.push(format!("refuses ({})", said.codes.join(", "))),
        (false, true) => wrong.push("accepts".to_owned()),
        _ => {}
    }
    if !j.docker.accepted()
        && !said.accepted
        && !said.quotes(j.docker.quotable())
        && !said.quotes(&dockerd_quotable(&j.dockerd))
    {
        wrong.push(format!(
            "quotes neither docker nor dockerd ({}): {}",
            said.codes.join(", "),
            said.text.lines().next().unwrap_or("")
        ));
    }
    if said.other_ca && !client.other_key {
        wrong.push("claims another CA".to_owned());
    }
    wrong.join("; ")
}

fn verdict_cell(j: &Judged) -> String {
    match &j.docker {
        Verdict::Accepted => "accepted".into(),
        Verdict::Refused(m) => format!("refused: `{m}`; dockerd: `{}`", j.dockerd),
    }
}

#[test]
fn client_cases_judged_as_dockerd_judges_them() {
    let tmp = new_dir("djc");
    let cases = make_client_cases(tmp.path());
    let hosts = hosts_file(tmp.path());
    let (port, socket) = (free_port(), tmp.path().join("docker.sock"));
    let server = |f: &str| cases.server.join(f).display().to_string();
    let flags = vec![
        "--tlsverify".to_owned(),
        format!("--tlscacert={}", server("ca.pem")),
        format!("--tlscert={}", server("server-cert.pem")),
        format!("--tlskey={}", server("server-key.pem")),
        "-H".into(),
        format!("unix://{}", socket.display()),
        "-H".into(),
        format!("tcp://127.0.0.1:{port}"),
    ];
    let work = tmp.path().join("dockerd");
    std::fs::create_dir(&work).unwrap();
    let daemon = Daemon::with_flags(&flags, &socket, &work);
    let docker: Vec<(Verdict, String)> = cases
        .clients
        .iter()
        .map(|c| docker_judges(c, &daemon, port, tmp.path(), &hosts))
        .collect();
    let judged: Vec<Judged> = cases
        .clients
        .iter()
        .zip(docker)
        .map(|(c, (docker, dockerd))| {
            let (inspect, probe) = dockcert_judges(c, port, tmp.path(), &hosts);
            Judged {
                docker,
                dockerd,
                inspect,
                probe,
            }
        })
        .collect();
    drop(daemon);

    let truth: Vec<Vec<String>> = cases
        .clients
        .iter()
        .zip(&judged)
        .map(|(c, j)| vec![format!("`{}`", c.name), c.what.clone(), verdict_cell(j)])
        .collect();
    let truth = table(&["case", "what changed", "docker / dockerd say"], &truth);
    println!("docker's verdicts:\n{truth}");
    if let Some(file) = std::env::var_os("DOCKCERT_JUDGE_TRUTH") {
        std::fs::write(file, &truth).unwrap();
    }
    // The harness itself: a good client gets in; another CA's does not
    // (docker does not even send it: dockerd's CertificateRequest names only
    // its own CA).
    let docker_on = |name: &str| {
        let i = cases.clients.iter().position(|c| c.name == name).unwrap();
        &judged[i]
    };
    assert!(docker_on("client-good").docker.accepted(), "{truth}");
    let other = docker_on("client-other-ca");
    assert!(
        !other.docker.accepted()
            && other
                .dockerd
                .contains("client didn't provide a certificate"),
        "{truth}"
    );

    let mut rows = Vec::new();
    for (client, j) in cases.clients.iter().zip(&judged) {
        let (i, p) = (
            departures(client, j, &j.inspect),
            departures(client, j, &j.probe),
        );
        if !i.is_empty() || !p.is_empty() {
            rows.push(vec![client.name.clone(), verdict_cell(j), i, p]);
        }
    }
    assert!(
        rows.is_empty(),
        "every departure from docker:\n{}",
        table(&["case", "docker / dockerd", "inspect", "probe"], &rows)
    );
}
