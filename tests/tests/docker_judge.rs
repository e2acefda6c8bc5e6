//! The differential test for server certificates: every case of
//! `judge_cases` (a good chain with one thing changed, made at test time)
//! served by `openssl s_server` and judged by the real docker client; then
//! `dockcert inspect` and `dockcert probe` must judge it the same way and
//! quote docker's words. Every disagreement is collected and the test fails
//! once, at the end, with the whole table.
//!
//! `DOCKCERT_JUDGE_TRUTH=FILE` also writes docker's verdicts, as a Markdown
//! table, to FILE.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dockcert_tests::judge_cases::docker::{docker_judges, Verdict};
use dockcert_tests::judge_cases::report::{in_parallel, table};
use dockcert_tests::judge_cases::{hosts_file, make_server_cases, ServerCase};
use dockcert_tests::new_dir;

fn docker_says(v: &Verdict) -> String {
    match v {
        Verdict::Accepted => "accepted".into(),
        Verdict::Refused(m) => format!("refused: `{m}`"),
    }
}

/// docker's verdict on every case, as a table (case | what changed |
/// dialled name | docker says).
fn truth_table(cases: &[ServerCase], verdicts: &[Verdict]) -> String {
    let rows: Vec<Vec<String>> = cases
        .iter()
        .zip(verdicts)
        .map(|(c, v)| {
            vec![
                format!("`{}`", c.name),
                c.what.clone(),
                format!("`{}`", c.dial),
                docker_says(v),
            ]
        })
        .collect();
    table(
        &["case", "what changed", "dialled name", "docker says"],
        &rows,
    )
}

#[test]
fn server_cases_judged_as_docker_judges_them() {
    let tmp = new_dir("dj");
    let cases = make_server_cases(tmp.path());
    assert!(cases.len() >= 70, "only {} cases", cases.len());
    let hosts = hosts_file(tmp.path());
    let verdicts = in_parallel(&cases, |c| docker_judges(c, tmp.path(), &hosts));
    let truth = truth_table(&cases, &verdicts);
    println!("{truth}");
    if let Some(file) = std::env::var_os("DOCKCERT_JUDGE_TRUTH") {
        std::fs::write(file, &truth).unwrap();
    }
    // The harness itself: the good chain gets through, a foreign CA does not.
    let of = |name: &str| {
        let i = cases.iter().position(|c| c.name == name).unwrap();
        &verdicts[i]
    };
    assert_eq!(of("baseline"), &Verdict::Accepted, "{truth}");
    assert!(
        of("other-ca")
            .x509()
            .starts_with("x509: certificate signed by unknown authority"),
        "{truth}"
    );
}
