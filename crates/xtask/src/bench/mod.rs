//! `cargo xtask bench`: dockcert against the openssl recipe it replaces, side
//! by side on the same machine in the same run, and the page in headless
//! Chromium and headless Firefox ESR. Rounds are interleaved (recipe, then
//! dockcert, then again) so both see the same machine. Writes docs/BENCHMARKS.md and
//! docs/bench-hosts.svg (see [`report`]).

mod command_line;
mod hostile;
mod page_report;
mod report;
mod sample;

use command_line::{Bench, PASSPHRASE};
use hostile::{hostile_tables, AFTER_HOSTILE, HOSTILE_HEADING};
use page_report::{page_section, PageCase, PageRuns, PAGE_HEADING};
use report::{machine, markdown, plot, rotation_line, Results};
use sample::Sample;

use std::fs;
use std::path::Path;

use crate::cmd::{self, command, root};
use crate::page;

const SERVER: &str = "docker1.example.com,10.0.0.5,127.0.0.1";

/// The fleet `dockcert rotate` is timed on: hosts and clients (issue 26).
const ROTATED: (usize, usize) = (1000, 1000);

/// The line in docs/BENCHMARKS.md after which `cargo xtask bench` changes
/// nothing.
const HAND_WRITTEN: &str =
    "<!-- Written by hand below: `cargo xtask bench` keeps what follows as it is. -->";

/// Runs the benchmarks and writes docs/BENCHMARKS.md.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let quick = args.iter().any(|a| a == "--quick");
    let with_page = !args.iter().any(|a| a == "--no-page");
    let rounds = |n: usize| if quick { 2.max(n / 3) } else { n };
    for tool in [
        "openssl",
        "chromium",
        "chromedriver",
        "firefox-esr",
        "geckodriver",
    ] {
        if !cmd::has(tool, "--version") && !cmd::has(tool, "version") {
            return Err(format!("{tool} is missing: run `cargo xtask setup`"));
        }
    }
    if !Path::new("/usr/bin/time").is_file() {
        cmd::run(
            command("apt-get", &["install", "-y", "-qq", "time"])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
    }
    let page_alone = args.iter().any(|a| a == "--page");
    if !page_alone {
        cmd::run(command(
            "cargo",
            &["build", "--release", "--quiet", "-p", "dockcert-cli"],
        ))?;
    }
    let page_path = if with_page && !args.iter().any(|a| a == "--hostile" || a == "--rotate") {
        page::build_driver(true)?;
        Some(page::build()?)
    } else {
        None
    };
    let work = std::env::temp_dir().join(format!("dockcert-bench-{}", std::process::id()));
    fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let mut b = Bench::new(work.clone());
    if let (true, Some(page)) = (page_alone, &page_path) {
        let result = page_only(&mut b, &work, page, &rounds);
        let _ = fs::remove_dir_all(&work);
        return result;
    }
    if args.iter().any(|a| a == "--rotate") {
        eprintln!("dockcert rotate of a 1,000-host, 1,000-client fleet");
        let result = b.rotation(ROTATED.0, ROTATED.1, rounds(5));
        let _ = fs::remove_dir_all(&work);
        println!("{}", rotation_line(&result?));
        return Ok(());
    }
    if args.iter().any(|a| a == "--hostile") {
        let result = hostile_only(&mut b, &work, rounds(3));
        let _ = fs::remove_dir_all(&work);
        return result;
    }

    eprintln!("\nECDSA P-256: recipe vs dockcert, interleaved");
    let (mut recipe_ec, mut ec_plain, mut ec_pass) =
        (Sample::default(), Sample::default(), Sample::default());
    for _ in 0..rounds(11) {
        recipe_ec.0.push(b.recipe("ec")?);
        ec_plain
            .0
            .push(b.dockcert(&["--server", SERVER, "--client", "client"], false)?);
        ec_pass
            .0
            .push(b.dockcert(&["--server", SERVER, "--client", "client"], true)?);
    }
    eprintln!("RSA-4096: recipe vs dockcert, interleaved");
    let (mut recipe_rsa, mut rsa) = (Sample::default(), Sample::default());
    for _ in 0..rounds(7) {
        recipe_rsa.0.push(b.recipe("rsa")?);
        rsa.0.push(b.dockcert(
            &[
                "--server",
                SERVER,
                "--client",
                "client",
                "--key-type",
                "rsa-4096",
            ],
            true,
        )?);
    }
    eprintln!("fleets of 10 to 10,000 hosts, as a zip and as a folder");
    let mut fleets: Vec<(usize, Sample, u64)> = Vec::new();
    let mut fleet_folders: Vec<(usize, Sample, u64)> = Vec::new();
    for hosts in [10usize, 100, 1000, 10_000] {
        for (out, list) in [("fleet.zip", &mut fleets), ("fleet", &mut fleet_folders)] {
            if out == "fleet" && hosts < 1000 {
                continue;
            }
            let mut wall = Sample::default();
            let mut peak = 0;
            let n = if hosts >= 10_000 {
                rounds(3)
            } else {
                rounds(5)
            };
            for _ in 0..n {
                let (w, rss) = b.fleet(hosts, out)?;
                wall.0.push(w);
                peak = peak.max(rss);
            }
            list.push((hosts, wall, peak));
        }
    }
    eprintln!("dockcert expiry of a 10,000-host folder");
    let expiry = b.expiry(10_000, rounds(5))?;
    eprintln!("dockcert rotate of a 1,000-host, 1,000-client fleet");
    let rotation = b.rotation(ROTATED.0, ROTATED.1, rounds(5))?;
    eprintln!("hostile inputs, refused");
    let hostile = b.hostile()?;
    eprintln!("hostile inputs whose work must be bounded");
    let hostile_work = hostile::run(&work, &root().join("target/release/dockcert"), rounds(3))?;
    let page_size = match &page_path {
        Some(p) => fs::metadata(p).map_err(|e| e.to_string())?.len(),
        None => 0,
    };
    let page_runs = match &page_path {
        Some(p) => page_part(&work, p, &rounds)?,
        None => Vec::new(),
    };
    let _ = fs::remove_dir_all(&work);

    let pbkdf2 = (ec_pass.median() - ec_plain.median()).max(0.0);
    let results = Results {
        recipe_ec,
        ec_plain,
        ec_pass,
        pbkdf2,
        recipe_rsa,
        rsa,
        fleets,
        fleet_folders,
        page_size,
        page_runs,
        hostile,
        hostile_work,
        expiry,
        rotation,
    };
    let docs = root().join("docs");
    fs::create_dir_all(&docs).map_err(|e| e.to_string())?;
    fs::write(docs.join("bench-hosts.svg"), plot(&results.fleets)).map_err(|e| e.to_string())?;
    let path = docs.join("BENCHMARKS.md");
    let report = markdown(&results, &machine());
    // Records written by hand (reproducibility, measurements made outside
    // this run) follow the marker and are kept as they are.
    let kept = fs::read_to_string(&path)
        .ok()
        .and_then(|old| old.find(HAND_WRITTEN).map(|at| old[at..].to_owned()))
        .unwrap_or_else(|| format!("{HAND_WRITTEN}\n"));
    fs::write(&path, format!("{report}\n{kept}")).map_err(|e| e.to_string())?;
    println!("{report}");
    println!("wrote docs/BENCHMARKS.md and docs/bench-hosts.svg");
    Ok(())
}

/// The page part: in each browser, per key type, the page opened and a
/// bundle made, alternated run by run with an empty page opened the same way.
fn page_part(
    work: &Path,
    page_path: &Path,
    rounds: &dyn Fn(usize) -> usize,
) -> Result<Vec<PageRuns>, String> {
    let driver = root().join("target/release/page-driver");
    let page_cases: &[(&str, usize)] = &[
        ("ecdsa-p256", 7),
        ("ed25519", 5),
        ("rsa-2048", 5),
        ("rsa-4096", 5),
    ];
    let empty_page = work.join("empty.html");
    fs::write(&empty_page, EMPTY_PAGE).map_err(|e| e.to_string())?;
    let bare_form = work.join("bare-form.html");
    fs::write(&bare_form, EMPTY_PAGE.replace("<body>", BARE_FORM)).map_err(|e| e.to_string())?;
    let mut page_runs: Vec<PageRuns> = Vec::new();
    for &(browser, shown) in &PAGE_BROWSERS {
        eprintln!("the page in {shown}");
        let mut runs = PageRuns {
            browser: shown,
            empty: Sample::default(),
            bare_form: Sample::default(),
            cases: Vec::new(),
        };
        for &(key_type, n) in page_cases {
            let n = rounds(n);
            let mut case = PageCase {
                key_type: key_type.to_owned(),
                ..PageCase::default()
            };
            for i in 0..n {
                // The browser's own share and any form's floor, alternated
                // with the page's runs so that all see the machine as it is
                // at that moment: each to its first frame.
                let first_frame = |page: &Path, name: &str| -> Result<f64, String> {
                    let out = work.join(format!("{name}-{browser}-{key_type}-{i}"));
                    let report = drive_job(&driver, &out, &ready_only_job(page, &out, browser))?;
                    report_secs(&report, "shown_ms")
                };
                runs.empty.0.push(first_frame(&empty_page, "empty")?);
                runs.bare_form.0.push(first_frame(&bare_form, "bare-form")?);
                let out = work.join(format!("page-{browser}-{key_type}-{i}"));
                let report = drive_job(
                    &driver,
                    &out,
                    &serde_json(page_path, &out, browser, key_type),
                )?;
                case.shown.0.push(report_secs(&report, "shown_ms")?);
                case.ready.0.push(report_secs(&report, "ready_ms")?);
                case.made.0.push(report_secs(&report, "generated_ms")?);
            }
            runs.cases.push(case);
        }
        page_runs.push(runs);
    }
    Ok(page_runs)
}

/// `cargo xtask bench --page`: the page alone, with the recipe's RSA-4096
/// that its RSA goal is measured against; the page's section rewritten in
/// docs/BENCHMARKS.md and the rest kept as it is.
fn page_only(
    b: &mut Bench,
    work: &Path,
    page: &Path,
    rounds: &dyn Fn(usize) -> usize,
) -> Result<(), String> {
    eprintln!("RSA-4096: the recipe, for the page's goal");
    let mut recipe_rsa = Sample::default();
    for _ in 0..rounds(7) {
        recipe_rsa.0.push(b.recipe("rsa")?);
    }
    let size = fs::metadata(page).map_err(|e| e.to_string())?.len();
    let section = page_section(size, &page_part(work, page, rounds)?, recipe_rsa.median());
    let path = root().join("docs/BENCHMARKS.md");
    let old = fs::read_to_string(&path).map_err(|e| e.to_string())?;
    let (Some(from), Some(to)) = (old.find(PAGE_HEADING), old.find(HAND_WRITTEN)) else {
        return Err(
            "docs/BENCHMARKS.md has no page section to replace: run the whole bench".into(),
        );
    };
    fs::write(&path, format!("{}{section}\n{}", &old[..from], &old[to..]))
        .map_err(|e| e.to_string())?;
    println!("{section}");
    println!("rewrote the page's section of docs/BENCHMARKS.md");
    Ok(())
}

/// `cargo xtask bench --hostile`: the hostile inputs alone, their two
/// tables rewritten in docs/BENCHMARKS.md and the rest kept as it is.
fn hostile_only(b: &mut Bench, work: &Path, rounds: usize) -> Result<(), String> {
    eprintln!("hostile inputs, refused");
    let refused = b.hostile()?;
    eprintln!("hostile inputs whose work must be bounded");
    let work_rows = hostile::run(work, &root().join("target/release/dockcert"), rounds)?;
    let tables = hostile_tables(&refused, &work_rows);
    let path = root().join("docs/BENCHMARKS.md");
    let old = fs::read_to_string(&path).map_err(|e| e.to_string())?;
    let (Some(from), Some(to)) = (old.find(HOSTILE_HEADING), old.find(AFTER_HOSTILE)) else {
        return Err(
            "docs/BENCHMARKS.md has no hostile tables to replace: run the whole bench".into(),
        );
    };
    fs::write(&path, format!("{}{tables}{}", &old[..from], &old[to..]))
        .map_err(|e| e.to_string())?;
    println!("{tables}");
    println!("rewrote the hostile tables of docs/BENCHMARKS.md");
    Ok(())
}

/// The browsers the page is measured in: the page driver's name for each,
/// and how the report names it.
const PAGE_BROWSERS: [(&str, &str); 2] = [
    ("chromium", "headless Chromium"),
    ("firefox", "headless Firefox ESR"),
];

/// Runs the page driver on `job` with `out` as its folder; the report it
/// wrote there.
fn drive_job(driver: &Path, out: &Path, job: &str) -> Result<String, String> {
    fs::create_dir_all(out).map_err(|e| e.to_string())?;
    let job_file = out.join("job.json");
    fs::write(&job_file, job).map_err(|e| e.to_string())?;
    page::drive(driver, &job_file)?;
    fs::read_to_string(out.join("report.json")).map_err(|e| e.to_string())
}

/// A page that does nothing but say it is on screen, as dockcert's first
/// screen does (`<body data-shown-ms>`, after the first frame): its time is
/// the browser's own, from opening a file to showing it, which no page can
/// go below. It sets `data-ready-ms` too, which the page driver waits for.
const EMPTY_PAGE: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>empty</title></head><body><script>document.body.setAttribute('data-ready-ms', performance.now().toFixed(1)); requestAnimationFrame(() => setTimeout(() => document.body.setAttribute('data-shown-ms', performance.now().toFixed(1))));</script></body></html>\n";

/// What the empty page becomes to show the floor of any form: one control
/// of each kind the page's first screen has, unstyled. A browser builds its
/// form controls (Firefox's text editors, lists and password fields) before
/// it shows them, which no page with a form can skip.
const BARE_FORM: &str = "<body><textarea></textarea><select><option>a</option></select><input type=\"password\"><input type=\"checkbox\"><button>b</button>";

fn ready_only_job(page: &Path, out: &Path, browser: &str) -> String {
    format!(
        r#"{{"page": "{}", "out": "{}", "browser": "{browser}", "ready_only": true, "observe": false}}"#,
        page.display(),
        out.display()
    )
}

fn serde_json(page: &Path, out: &Path, browser: &str, key_type: &str) -> String {
    format!(
        r#"{{"page": "{}", "out": "{}", "browser": "{browser}", "servers": ["docker1.example.com,10.0.0.5,127.0.0.1"], "clients": ["client"], "key_type": "{key_type}", "passphrase": "{PASSPHRASE}", "observe": false}}"#,
        page.display(),
        out.display()
    )
}

/// A field in milliseconds of a flat JSON report (numbers may be quoted),
/// in seconds.
fn report_secs(text: &str, key: &str) -> Result<f64, String> {
    let at = text
        .find(&format!("\"{key}\""))
        .ok_or_else(|| format!("no {key} in the page report"))?;
    let rest = &text[at + key.len() + 2..];
    let value: String = rest
        .trim_start_matches([' ', ':'])
        .trim_start_matches('"')
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    value
        .parse::<f64>()
        .map(|ms| ms / 1000.0)
        .map_err(|_| format!("{key} is not a number in the page report"))
}
