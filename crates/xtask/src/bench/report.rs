//! The benchmark report: docs/BENCHMARKS.md's text and the SVG plot of
//! time against number of hosts.

use std::fmt::Write as _;
use std::fs;
use std::process::Command;

use super::hostile::{hostile_tables, HostileRow};
use super::page_report::{page_section, PageRuns};
use super::sample::{ratio, secs, verdict, Sample};
use crate::cmd::output;

pub(crate) struct Results {
    pub(crate) recipe_ec: Sample,
    pub(crate) ec_plain: Sample,
    pub(crate) ec_pass: Sample,
    pub(crate) pbkdf2: f64,
    pub(crate) recipe_rsa: Sample,
    pub(crate) rsa: Sample,
    pub(crate) fleets: Vec<(usize, Sample, u64)>,
    /// The same fleets written as a folder.
    pub(crate) fleet_folders: Vec<(usize, Sample, u64)>,
    pub(crate) page_size: u64,
    /// The page, in each browser (none with `--no-page`).
    pub(crate) page_runs: Vec<PageRuns>,
    /// What a hostile reviewer tried: wall time and peak memory (KiB).
    pub(crate) hostile: Vec<(String, Sample, u64, f64)>,
    /// Hostile inputs whose work must be bounded, each answered.
    pub(crate) hostile_work: Vec<HostileRow>,
    /// `dockcert expiry` of the 10,000-host fleet's folder: wall time and
    /// peak memory (KiB).
    pub(crate) expiry: (Sample, u64),
    /// `dockcert rotate` of 1,000 hosts and 1,000 clients, to a zip and to
    /// a folder: wall time and peak memory (KiB).
    pub(crate) rotation: [(Sample, u64); 2],
}

pub(crate) fn machine() -> String {
    let first = |cmdline: &[&str]| {
        output(Command::new(cmdline[0]).args(&cmdline[1..]))
            .and_then(|s| s.lines().next().map(str::to_owned))
            .unwrap_or_else(|| "?".into())
    };
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_default();
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .next()
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_owned())
        })
        .and_then(|k| k.parse::<u64>().ok())
        .map(|k| format!("{:.0} GiB", k as f64 / 1024.0 / 1024.0))
        .unwrap_or_default();
    let os = fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|t| {
            t.lines().find(|l| l.starts_with("PRETTY_NAME=")).map(|l| {
                l.trim_start_matches("PRETTY_NAME=")
                    .trim_matches('"')
                    .to_owned()
            })
        })
        .unwrap_or_default();
    format!(
        "- {} cores ({cpu}), {mem}, {os}, Linux {}\n- {}, {}, {}, {}\n",
        first(&["nproc"]),
        first(&["uname", "-r"]),
        first(&["openssl", "version"]),
        first(&["rustc", "--version"]),
        first(&["chromium", "--version"]),
        first(&["firefox-esr", "--version"]),
    )
}

pub(crate) fn markdown(r: &Results, machine: &str) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "# Benchmarks\n");
    let _ = writeln!(
        t,
        "Measured by `cargo xtask bench`: dockcert (release build) and the openssl recipe it replaces\n\
         ([bench/recipe.sh](../bench/recipe.sh): genpkey/genrsa, req and x509 for a CA with an encrypted key,\n\
         one server with DNS and IP SANs, one client, chmod), interleaved round by round in the same run\n\
         on the same machine; the page in headless Chromium and headless Firefox ESR, opened from file:// in a network namespace\n\
         without network, by the tests' page driver with the browser's request and console log off (the tests keep\n\
         it on; recording costs the page time). Times are medians, with the fastest and slowest round and the number of rounds.\n\
         Ratios are dockcert / recipe (lower is better).\n\nThe machine:\n\n{machine}"
    );
    let ec = r.recipe_ec.median();
    let rsa = r.recipe_rsa.median();
    let _ = writeln!(t, "## Command line against the recipe\n");
    let _ = writeln!(
        t,
        "| case | recipe | dockcert | ratio | goal | |\n|---|---|---|---|---|---|"
    );
    let _ = writeln!(
        t,
        "| ECDSA P-256, 1 host + 1 client, `--no-passphrase` (recipe: CA key encrypted) | {} | {} | {} | <= 0.10x | {} |",
        r.recipe_ec.show(),
        r.ec_plain.show(),
        ratio(r.ec_plain.median(), ec),
        verdict(r.ec_plain.median() / ec <= 0.10)
    );
    let _ = writeln!(
        t,
        "| ECDSA P-256, CA key encrypted (dockcert: 600,000 PBKDF2 rounds; recipe: OpenSSL's 2,048) | {} | {} | {} | <= 1.5x | {} |",
        r.recipe_ec.show(),
        r.ec_pass.show(),
        ratio(r.ec_pass.median(), ec),
        verdict(r.ec_pass.median() / ec <= 1.5)
    );
    let _ = writeln!(
        t,
        "| RSA-4096, 1 host + 1 client, CA key encrypted | {} | {} | {} | <= 0.5x | {} |",
        r.recipe_rsa.show(),
        r.rsa.show(),
        ratio(r.rsa.median(), rsa),
        verdict(r.rsa.median() / rsa <= 0.5)
    );
    let _ = writeln!(
        t,
        "\nWith a passphrase, the 600,000-round PBKDF2 that protects the CA key is {} of dockcert's {} ({:.0}%).\n",
        secs(r.pbkdf2),
        secs(r.ec_pass.median()),
        100.0 * r.pbkdf2 / r.ec_pass.median()
    );
    let _ = writeln!(
        t,
        "## Fleets (ECDSA P-256, DNS and IP SANs per host, one client)\n\n\
         Each host gets 9 files and the client a context file per host (10,000 hosts:\n\
         about 120,000 files). Goals: 100 hosts in 0.25 s and 64 MiB; 10,000 hosts in\n\
         3 s as a zip and 10 s as a folder, at most 128 MiB, time per host at 10,000\n\
         within 1.5 times that at 1,000 (linear).\n"
    );
    let _ = writeln!(
        t,
        "| hosts | written as | wall time | per host | peak memory | goal |\n|---|---|---|---|---|---|"
    );
    let per_host = |list: &[(usize, Sample, u64)], n: usize| {
        list.iter()
            .find(|(h, _, _)| *h == n)
            .map(|(h, w, _)| w.median() / *h as f64)
    };
    for (list, kind, limit) in [(&r.fleets, "zip", 3.0), (&r.fleet_folders, "folder", 10.0)] {
        for (hosts, wall, rss) in list {
            let mib = *rss as f64 / 1024.0;
            let goal = match hosts {
                100 => format!(
                    "<= 0.25 s and <= 64 MiB: {}",
                    verdict(wall.median() <= 0.25 && mib <= 64.0)
                ),
                10_000 => {
                    let linear = match (per_host(list, 1000), per_host(list, 10_000)) {
                        (Some(a), Some(b)) => b <= 1.5 * a,
                        _ => false,
                    };
                    format!(
                        "<= {limit} s, <= 128 MiB, linear: {}",
                        verdict(wall.median() <= limit && mib <= 128.0 && linear)
                    )
                }
                _ => String::new(),
            };
            let _ = writeln!(
                t,
                "| {hosts} | {kind} | {} | {:.2} ms | {mib:.1} MiB | {goal} |",
                wall.show(),
                1000.0 * wall.median() / *hosts as f64,
            );
        }
    }
    let _ = writeln!(t, "\n![Time against number of hosts](bench-hosts.svg)\n");
    let (wall, rss) = &r.expiry;
    let _ = writeln!(
        t,
        "`dockcert expiry` of the 10,000-host folder (every certificate read, the CA's\n\
         10,001 copies parsed once; goal: at most 1 s): {}, peak {:.1} MiB: {}.\n",
        wall.show(),
        *rss as f64 / 1024.0,
        verdict(wall.median() <= 1.0)
    );
    let _ = writeln!(t, "{}", rotation_line(&r.rotation));
    t.push_str(&hostile_tables(&r.hostile, &r.hostile_work));
    t.push_str(&page_section(r.page_size, &r.page_runs, rsa));
    t
}

/// The line of `dockcert rotate` of 1,000 hosts and 1,000 clients: to a
/// zip and to a folder, each against the 3 s goal.
pub(crate) fn rotation_line(runs: &[(Sample, u64); 2]) -> String {
    let [(zip, zip_rss), (folder, folder_rss)] = runs;
    let mib = |kib: &u64| *kib as f64 / 1024.0;
    format!(
        "`dockcert rotate` of a 1,000-host, 1,000-client fleet (ECDSA P-256, the old bundle made\n\
         beforehand, not timed; every certificate judged under the old CA; goal: at most 3 s): to a zip\n\
         {}, peak {:.1} MiB: {}; to a folder {}, peak {:.1} MiB: {}.\n",
        zip.show(),
        mib(zip_rss),
        verdict(zip.median() <= 3.0),
        folder.show(),
        mib(folder_rss),
        verdict(folder.median() <= 3.0)
    )
}

/// A small SVG: wall time against number of hosts, log-log, with the
/// linear-growth line through the 10-host point for comparison.
pub(crate) fn plot(fleets: &[(usize, Sample, u64)]) -> String {
    let (w, h, left, bottom, top, right) = (640.0, 400.0, 70.0, 50.0, 50.0, 70.0);
    let xs: Vec<f64> = fleets.iter().map(|(n, _, _)| (*n as f64).log10()).collect();
    let ys: Vec<f64> = fleets
        .iter()
        .map(|(_, s, _)| s.median().max(1e-4).log10())
        .collect();
    let (x0, x1) = (
        xs.iter().copied().fold(f64::INFINITY, f64::min),
        xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let (y0, y1) = (
        ys.iter().copied().fold(f64::INFINITY, f64::min) - 0.3,
        ys.iter().copied().fold(f64::NEG_INFINITY, f64::max) + 0.3,
    );
    let px = |x: f64| left + (x - x0) / (x1 - x0).max(1e-9) * (w - left - right);
    let py = |y: f64| h - bottom - (y - y0) / (y1 - y0).max(1e-9) * (h - bottom - top);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\" font-size=\"13\">\n\
         <rect width=\"{w}\" height=\"{h}\" fill=\"#fff\"/>\n\
         <text x=\"{}\" y=\"20\" text-anchor=\"middle\" font-weight=\"bold\">dockcert new: wall time against number of hosts (log-log)</text>\n\
         <line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>\n\
         <line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{}\" stroke=\"#333\"/>\n",
        w / 2.0,
        h - bottom,
        w - right,
        h - bottom,
        h - bottom
    );
    if let (Some(&fx), Some(&fy)) = (xs.first(), ys.first()) {
        let lx = x1;
        let ly = fy + (lx - fx);
        let _ = writeln!(
            s,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#999\" stroke-dasharray=\"6 4\"/>\n<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#666\" text-anchor=\"end\">linear growth</text>",
            px(fx),
            py(fy),
            px(lx),
            py(ly.min(y1)),
            px(lx) - 4.0,
            py(ly.min(y1)) - 6.0
        );
    }
    let points: Vec<String> = xs
        .iter()
        .zip(&ys)
        .map(|(x, y)| format!("{:.1},{:.1}", px(*x), py(*y)))
        .collect();
    let _ = writeln!(
        s,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#0a55a3\" stroke-width=\"2\"/>",
        points.join(" ")
    );
    for ((n, sample, _), (x, y)) in fleets.iter().zip(xs.iter().zip(&ys)) {
        let _ = writeln!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"#0a55a3\"/>\n<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{n}</text>\n<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"start\">{}</text>",
            px(*x),
            py(*y),
            px(*x),
            h - bottom + 18.0,
            px(*x) + 8.0,
            py(*y) - 8.0,
            secs(sample.median())
        );
    }
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">hosts</text>\n<text x=\"18\" y=\"{}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {})\">seconds</text>\n</svg>",
        (left + w - right) / 2.0,
        h - 12.0,
        h / 2.0,
        h / 2.0
    );
    s
}
