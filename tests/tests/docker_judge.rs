//! The differential test for server certificates: every case of
//! `judge_cases` (a good chain with one thing changed, made at test time)
//! served by `openssl s_server` and judged by the real docker client; then
//! `dockcert inspect` (the CA file and the server's file, `--host` the name
//! dialled) and `dockcert probe` (the same server, the same CA file) must
//! judge it the same way, quote docker's `x509:` words when it refuses, and
//! never claim "another CA" unless another key signed. Every disagreement is
//! collected and the test fails once, at the end, with the whole table.
//!
//! `DOCKCERT_JUDGE_TRUTH=FILE` also writes docker's verdicts, as a Markdown
//! table, to FILE.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dockcert_tests::judge_cases::dockcert::{inspect, inspect_said, probe, probe_said, Said};
use dockcert_tests::judge_cases::docker::{docker_version, serve, verdict_of, Verdict};
use dockcert_tests::judge_cases::report::{in_parallel, table};
use dockcert_tests::judge_cases::{hosts_file, make_server_cases, probe_client, ServerCase};
use dockcert_tests::{english_runs, new_dir};

/// What docker, inspect and probe said about one case.
struct Judged {
    docker: Verdict,
    inspect: Result<Said, String>,
    probe: Result<Said, String>,
}

/// Serves the case once: docker judges it, then probe; inspect reads the files.
fn judge(case: &ServerCase, work: &std::path::Path, hosts: &std::path::Path) -> Judged {
    let served = serve(case);
    let out = docker_version(
        work,
        hosts,
        &case.file("ca.pem"),
        &case.dial,
        served.port,
        &[],
    );
    let docker = verdict_of(&case.name, &out);
    let probed = probe(case, served.port, hosts, work, &probe_client(work));
    drop(served);
    Judged {
        docker,
        inspect: inspect_said(case),
        probe: probe_said(&probed),
    }
}

fn docker_says(v: &Verdict) -> String {
    match v {
        Verdict::Accepted => "accepted".into(),
        Verdict::Refused(m) => format!("refused: `{m}`"),
    }
}

/// docker's verdict on every case, as a table (case | what changed |
/// dialled name | docker says).
fn truth_table(cases: &[ServerCase], judged: &[Judged]) -> String {
    let rows: Vec<Vec<String>> = cases
        .iter()
        .zip(judged)
        .map(|(c, j)| {
            vec![
                format!("`{}`", c.name),
                c.what.clone(),
                format!("`{}`", c.dial),
                docker_says(&j.docker),
            ]
        })
        .collect();
    table(
        &["case", "what changed", "dialled name", "docker says"],
        &rows,
    )
}

/// Where one report departs from docker on `case`: "" when it agrees.
fn departures(case: &ServerCase, docker: &Verdict, said: &Result<Said, String>) -> String {
    let said = match said {
        Ok(said) => said,
        Err(why) => return format!("no report: {why}"),
    };
    let mut wrong = Vec::new();
    match (docker.accepted(), said.accepted) {
        (true, false) => wrong.push(format!("refuses ({})", said.codes.join(", "))),
        (false, true) => wrong.push("accepts".to_owned()),
        _ => {}
    }
    if !docker.accepted() && !said.accepted && !said.quotes(docker.quotable()) {
        wrong.push(format!(
            "does not quote docker ({}): {}",
            said.codes.join(", "),
            said.text.lines().next().unwrap_or("")
        ));
    }
    if said.other_ca && !case.other_key {
        wrong.push("claims another CA".to_owned());
    }
    wrong.join("; ")
}

/// The refusals whose Chinese inspect report is read too.
const IN_CHINESE: [&str; 6] = [
    "leaf-expired",
    "ca-expired",
    "nc-permitted-dns-nomatch",
    "inter-root-pathlen0",
    "leaf-duplicate-san",
    "leaf-uri-san-only",
];

/// Where the Chinese inspect report on a refused case goes wrong: it must
/// still quote docker's words, and leave no English sentence.
fn chinese_departures(case: &ServerCase, docker: &Verdict) -> String {
    let out = inspect(case, &["--lang", "zh"], &[]);
    let mut wrong = Vec::new();
    if !out.stdout.contains(docker.quotable()) {
        wrong.push("does not quote docker".to_owned());
    }
    let english = english_runs(&out.stdout);
    if !english.is_empty() {
        wrong.push(format!("English left: {english:?}"));
    }
    wrong.join("; ")
}

#[test]
fn server_cases_judged_as_docker_judges_them() {
    let tmp = new_dir("dj");
    let cases = make_server_cases(tmp.path());
    assert!(cases.len() >= 70, "only {} cases", cases.len());
    let hosts = hosts_file(tmp.path());
    let judged = in_parallel(&cases, |c| judge(c, tmp.path(), &hosts));
    let truth = truth_table(&cases, &judged);
    println!("docker's verdicts:\n{truth}");
    if let Some(file) = std::env::var_os("DOCKCERT_JUDGE_TRUTH") {
        std::fs::write(file, &truth).unwrap();
    }
    // The harness itself: the good chain gets through, a foreign CA does not.
    let docker_on = |name: &str| {
        let i = cases.iter().position(|c| c.name == name).unwrap();
        &judged[i].docker
    };
    assert_eq!(docker_on("baseline"), &Verdict::Accepted, "{truth}");
    assert!(
        docker_on("other-ca")
            .x509()
            .starts_with("x509: certificate signed by unknown authority"),
        "{truth}"
    );

    let mut rows = Vec::new();
    let (mut inspect_agrees, mut probe_agrees) = (0, 0);
    for (case, j) in cases.iter().zip(&judged) {
        let (i, p) = (
            departures(case, &j.docker, &j.inspect),
            departures(case, &j.docker, &j.probe),
        );
        inspect_agrees += usize::from(i.is_empty());
        probe_agrees += usize::from(p.is_empty());
        if !i.is_empty() || !p.is_empty() {
            rows.push(vec![case.name.clone(), docker_says(&j.docker), i, p]);
        }
    }
    for name in IN_CHINESE {
        let i = cases.iter().position(|c| c.name == name).unwrap();
        let docker = &judged[i].docker;
        assert!(!docker.accepted(), "{name} was meant to be a refusal");
        let zh = chinese_departures(&cases[i], docker);
        if !zh.is_empty() {
            rows.push(vec![
                format!("{name} (--lang zh)"),
                docker_says(docker),
                zh,
                String::new(),
            ]);
        }
    }
    let n = cases.len();
    assert!(
        rows.is_empty(),
        "inspect agrees with docker on {inspect_agrees}/{n} cases, probe on {probe_agrees}/{n}; \
         every departure:\n{}",
        table(&["case", "docker", "inspect", "probe"], &rows)
    );
}
