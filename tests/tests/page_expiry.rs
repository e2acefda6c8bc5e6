//! The Inspect mode's expiry table against `dockcert expiry`, in Debian's
//! Chromium and Firefox ESR (offline, as the other page tests), in English
//! and in Chinese: a zip of three bundles made by the CLI, whose leaves end
//! in 5, 20 and 400 days, is dropped on the page, and the rows as the
//! browser laid them out (each cell's value as shown) are the rows of
//! `dockcert expiry --all` in the same language, in the same order, with the
//! serials of its `--json`; the rows it counts as ending within its default
//! 30 days, and only those, are marked in words; the page's closing line is
//! the CLI's.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dockcert_tests::page::{self, assert_offline};
use dockcert_tests::webdriver::Browser;
use dockcert_tests::{dockcert, in_each_browser, three_endings_zip};
use serde_json::{json, Value};

in_each_browser!(
    the_table_is_the_clis_in_english,
    the_table_is_the_clis_in_chinese
);

fn the_table_is_the_clis_in_english(browser: Browser) {
    the_table_is_the_clis(browser, "en", "! expires within 30 days");
}

fn the_table_is_the_clis_in_chinese(browser: Browser) {
    the_table_is_the_clis(browser, "zh", "! 30 天内到期");
}

/// The rows of the CLI's table (its heading and the lines after the table
/// left out), each cut into its cells where two or more spaces part them.
fn table_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| {
            l.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

fn the_table_is_the_clis(browser: Browser, lang: &str, soon_mark: &str) {
    let (tmp, zip) = three_endings_zip(lang);
    let listed = dockcert(tmp.path(), &["expiry", "fleet.zip", "--all", "--json"]);
    assert_eq!(listed.status, 1, "{}", listed.all());
    let v: Value = serde_json::from_str(&listed.stdout).unwrap();
    let table = dockcert(
        tmp.path(),
        &["expiry", "fleet.zip", "--all", "--lang", lang],
    );
    assert_eq!(table.status, 1, "{}", table.all());
    let cli_rows = table_rows(&table.stdout);
    let verdict = table.stdout.lines().last().unwrap();
    // The premise: three CAs and six leaves, four of them within 30 days.
    assert_eq!(cli_rows.len(), 9, "{}", table.stdout);
    assert_eq!(v["ending"], 4, "{}", listed.stdout);
    assert!(cli_rows.iter().all(|r| r.len() == 6), "{cli_rows:?}");

    let locale = if lang == "en" { "en-US" } else { "zh-CN" };
    let (report, _out) = page::drive(
        env!("CARGO_BIN_EXE_page-driver"),
        browser,
        json!({ "mode": "inspect", "lang": locale, "drop_inspect": [zip.to_str().unwrap()] }),
    );
    assert_offline(&report);
    let rows = report["expiry_rows"].as_array().unwrap();
    let page_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r["cells"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().trim().to_owned())
                .collect()
        })
        .collect();
    assert_eq!(page_rows, cli_rows, "{}: {lang}", browser.name());
    let serials: Vec<&str> = v["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["serial"].as_str().unwrap())
        .collect();
    let shown: Vec<&str> = page_rows.iter().map(|r| r[4].as_str()).collect();
    assert_eq!(shown, serials, "the serials in --json's order");

    // Marked in words: the four that end within 30 days, no other.
    let marks: Vec<(&str, Option<&str>)> = rows
        .iter()
        .map(|r| (r["ends"].as_str().unwrap(), r["mark"].as_str()))
        .collect();
    let mut wanted = vec![("soon", Some(soon_mark)); 4];
    wanted.extend([("later", None); 5]);
    assert_eq!(marks, wanted, "{}: {lang}", browser.name());
    assert_eq!(report["expiry_verdict"], verdict);
}
