//! `cargo xtask bench`: dockcert against the openssl recipe it replaces, side
//! by side on the same machine in the same run, and the page in headless
//! Chromium and headless Firefox ESR. Rounds are interleaved (recipe, then
//! dockcert, then again) so both see the same machine. Writes docs/BENCHMARKS.md and
//! docs/bench-hosts.svg (see [`report`]).

mod command_line;
mod hostile;
mod page_report;
mod page_runs;
mod report;
mod sample;

use command_line::Bench;
use hostile::{hostile_tables, AFTER_HOSTILE, HOSTILE_HEADING};
use page_report::{page_section, PAGE_HEADING};
use page_runs::page_part;
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
