//! `cargo xtask bench`: dockcert against the openssl recipe it replaces, side
//! by side on the same machine in the same run, and the page in headless
//! Chromium. Rounds are interleaved (recipe, then dockcert, then again) so
//! both see the same machine. Writes docs/BENCHMARKS.md and
//! docs/bench-hosts.svg.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::cmd::{self, command, output, root};
use crate::page;

const PASSPHRASE: &str = "correct horse battery staple";

/// Times in seconds, with their median and spread.
#[derive(Clone, Debug, Default)]
struct Sample(Vec<f64>);

impl Sample {
    fn median(&self) -> f64 {
        let mut v = self.0.clone();
        v.sort_by(f64::total_cmp);
        match v.len() {
            0 => f64::NAN,
            n if n % 2 == 1 => v[n / 2],
            n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
        }
    }

    fn min(&self) -> f64 {
        self.0.iter().copied().fold(f64::INFINITY, f64::min)
    }

    fn max(&self) -> f64 {
        self.0.iter().copied().fold(f64::NEG_INFINITY, f64::max)
    }

    /// "0.123 s (0.110 to 0.140, n=7)"
    fn show(&self) -> String {
        format!(
            "{} ({} to {}, n={})",
            secs(self.median()),
            secs(self.min()),
            secs(self.max()),
            self.0.len()
        )
    }
}

fn secs(s: f64) -> String {
    if s < 1.0 {
        format!("{:.0} ms", s * 1000.0)
    } else {
        format!("{s:.2} s")
    }
}

/// Runs `cmd` once in a fresh folder and returns its wall time; fails loudly.
fn timed(mut cmd: Command) -> Result<f64, String> {
    let shown = format!("{cmd:?}");
    let start = Instant::now();
    let out = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output();
    let elapsed = start.elapsed().as_secs_f64();
    let out = out.map_err(|e| format!("{shown}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{shown} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(elapsed)
}

struct Bench {
    work: PathBuf,
    dockcert: PathBuf,
    recipe: PathBuf,
    round: usize,
}

impl Bench {
    fn fresh(&mut self) -> Result<PathBuf, String> {
        self.round += 1;
        let dir = self.work.join(format!("r{}", self.round));
        fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        Ok(dir)
    }

    fn recipe(&mut self, kind: &str) -> Result<f64, String> {
        let dir = self.fresh()?;
        let mut cmd = Command::new("sh");
        cmd.arg(&self.recipe)
            .arg(kind)
            .arg(&dir)
            .env("PASS", PASSPHRASE);
        timed(cmd)
    }

    fn dockcert(&mut self, args: &[&str], passphrase: bool) -> Result<f64, String> {
        let dir = self.fresh()?;
        let mut cmd = Command::new(&self.dockcert);
        cmd.current_dir(&dir)
            .arg("new")
            .args(args)
            .args(["--out", "bundle.zip"]);
        if passphrase {
            cmd.args(["--passphrase-env", "DOCKCERT_BENCH_PASS"])
                .env("DOCKCERT_BENCH_PASS", PASSPHRASE);
        } else {
            cmd.arg("--no-passphrase");
        }
        timed(cmd)
    }

    /// Wall seconds and peak resident memory (KiB) of a fleet of `hosts`.
    fn fleet(&mut self, hosts: usize) -> Result<(f64, u64), String> {
        let dir = self.fresh()?;
        let mut args: Vec<String> = vec!["new".into()];
        for i in 0..hosts {
            args.push("--server".into());
            args.push(format!(
                "docker{i}.example.com,10.{}.{}.{}",
                i / 65536 % 256,
                i / 256 % 256,
                i % 256
            ));
        }
        args.extend(
            [
                "--client",
                "client",
                "--no-passphrase",
                "--out",
                "fleet.zip",
            ]
            .map(String::from),
        );
        let report = dir.join("time.txt");
        let mut cmd = Command::new("/usr/bin/time");
        cmd.current_dir(&dir)
            .args(["-f", "%e %M", "-o"])
            .arg(&report)
            .arg(&self.dockcert)
            .args(&args);
        let wall = timed(cmd)?;
        let text = fs::read_to_string(&report).map_err(|e| e.to_string())?;
        let rss = text
            .split_whitespace()
            .nth(1)
            .and_then(|k| k.parse().ok())
            .ok_or_else(|| format!("cannot read /usr/bin/time's report: {text}"))?;
        Ok((wall, rss))
    }
}

const SERVER: &str = "docker1.example.com,10.0.0.5,127.0.0.1";

/// Runs the benchmarks and writes docs/BENCHMARKS.md.
pub fn run(args: &[String]) -> Result<(), String> {
    let quick = args.iter().any(|a| a == "--quick");
    let with_page = !args.iter().any(|a| a == "--no-page");
    let rounds = |n: usize| if quick { 2.max(n / 3) } else { n };
    for tool in ["openssl", "chromium", "chromedriver"] {
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
    cmd::run(command(
        "cargo",
        &["build", "--release", "--quiet", "-p", "dockcert-cli"],
    ))?;
    let page_path = if with_page {
        cmd::run(command(
            "cargo",
            &[
                "build",
                "--release",
                "--quiet",
                "-p",
                "dockcert-tests",
                "--bin",
                "page-driver",
            ],
        ))?;
        Some(page::build()?)
    } else {
        None
    };
    let work = std::env::temp_dir().join(format!("dockcert-bench-{}", std::process::id()));
    fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let mut b = Bench {
        dockcert: root().join("target/release/dockcert"),
        recipe: root().join("bench/recipe.sh"),
        work: work.clone(),
        round: 0,
    };

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
    eprintln!("fleets of 10, 100, 1,000 hosts");
    let mut fleets: Vec<(usize, Sample, u64)> = Vec::new();
    for hosts in [10usize, 100, 1000] {
        let mut wall = Sample::default();
        let mut peak = 0;
        for _ in 0..rounds(5) {
            let (w, rss) = b.fleet(hosts)?;
            wall.0.push(w);
            peak = peak.max(rss);
        }
        fleets.push((hosts, wall, peak));
    }
    let page_size = match &page_path {
        Some(p) => fs::metadata(p).map_err(|e| e.to_string())?.len(),
        None => 0,
    };
    let driver = root().join("target/release/page-driver");
    let mut page_runs: Vec<(String, Sample, Sample)> = Vec::new();
    let page_cases: &[(&str, usize)] = if page_path.is_some() {
        eprintln!("the page in headless Chromium");
        &[
            ("ecdsa-p256", 7),
            ("ed25519", 5),
            ("rsa-2048", 5),
            ("rsa-4096", 5),
        ]
    } else {
        &[]
    };
    let page_path = page_path.unwrap_or_default();
    for &(key_type, n) in page_cases {
        let n = rounds(n);
        let (mut ready, mut made) = (Sample::default(), Sample::default());
        for i in 0..n {
            let out = work.join(format!("page-{key_type}-{i}"));
            let job = serde_json(&page_path, &out, key_type);
            fs::create_dir_all(&out).map_err(|e| e.to_string())?;
            let job_file = out.join("job.json");
            fs::write(&job_file, job).map_err(|e| e.to_string())?;
            cmd::run(command(
                "unshare",
                &[
                    "--net",
                    "sh",
                    "-c",
                    "ip link set lo up && exec \"$0\" \"$1\"",
                    &driver.to_string_lossy(),
                    &job_file.to_string_lossy(),
                ],
            ))?;
            let report = fs::read_to_string(out.join("report.json")).map_err(|e| e.to_string())?;
            ready.0.push(json_number(&report, "ready_ms")? / 1000.0);
            made.0.push(json_number(&report, "generated_ms")? / 1000.0);
        }
        page_runs.push((key_type.to_owned(), ready, made));
    }
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
        page_size,
        page_runs,
    };
    let docs = root().join("docs");
    fs::create_dir_all(&docs).map_err(|e| e.to_string())?;
    fs::write(docs.join("bench-hosts.svg"), plot(&results.fleets)).map_err(|e| e.to_string())?;
    let report = markdown(&results, &machine());
    fs::write(docs.join("BENCHMARKS.md"), &report).map_err(|e| e.to_string())?;
    println!("{report}");
    println!("wrote docs/BENCHMARKS.md and docs/bench-hosts.svg");
    Ok(())
}

fn serde_json(page: &Path, out: &Path, key_type: &str) -> String {
    format!(
        r#"{{"page": "{}", "out": "{}", "servers": ["docker1.example.com,10.0.0.5,127.0.0.1"], "clients": ["client"], "key_type": "{key_type}", "passphrase": "{PASSPHRASE}"}}"#,
        page.display(),
        out.display()
    )
}

/// A number field of a flat JSON report (numbers may be quoted).
fn json_number(text: &str, key: &str) -> Result<f64, String> {
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
        .parse()
        .map_err(|_| format!("{key} is not a number in the page report"))
}

struct Results {
    recipe_ec: Sample,
    ec_plain: Sample,
    ec_pass: Sample,
    pbkdf2: f64,
    recipe_rsa: Sample,
    rsa: Sample,
    fleets: Vec<(usize, Sample, u64)>,
    page_size: u64,
    page_runs: Vec<(String, Sample, Sample)>,
}

fn machine() -> String {
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
        "- {} cores ({cpu}), {mem}, {os}, Linux {}\n- {}, {}, {}\n",
        first(&["nproc"]),
        first(&["uname", "-r"]),
        first(&["openssl", "version"]),
        first(&["rustc", "--version"]),
        first(&["chromium", "--version"]),
    )
}

fn ratio(a: f64, b: f64) -> String {
    format!("{:.3}x", a / b)
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT met"
    }
}

fn markdown(r: &Results, machine: &str) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "# Benchmarks\n");
    let _ = writeln!(
        t,
        "Measured by `cargo xtask bench`: dockcert (release build) and the openssl recipe it replaces\n\
         ([bench/recipe.sh](../bench/recipe.sh): genpkey/genrsa, req and x509 for a CA with an encrypted key,\n\
         one server with DNS and IP SANs, one client, chmod), interleaved round by round in the same run\n\
         on the same machine; the page in headless Chromium, opened from file:// in a network namespace\n\
         without network. Times are medians, with the fastest and slowest round and the number of rounds.\n\
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
        "## Fleets (ECDSA P-256, DNS and IP SANs per host, one client, one zip)\n"
    );
    let _ = writeln!(
        t,
        "| hosts | wall time | per host | peak memory | goal |\n|---|---|---|---|---|"
    );
    for (hosts, wall, rss) in &r.fleets {
        let goal = if *hosts == 100 {
            format!(
                "<= 0.25 s and <= 64 MiB: {}",
                verdict(wall.median() <= 0.25 && (*rss as f64) / 1024.0 <= 64.0)
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            t,
            "| {hosts} | {} | {:.2} ms | {:.1} MiB | {goal} |",
            wall.show(),
            1000.0 * wall.median() / *hosts as f64,
            *rss as f64 / 1024.0
        );
    }
    let _ = writeln!(t, "\n![Time against number of hosts](bench-hosts.svg)\n");
    let _ = writeln!(t, "## The page (dist/dockcert.html, headless Chromium)\n");
    if r.page_runs.is_empty() {
        let _ = writeln!(t, "Not measured in this run (`--no-page`).");
        return t;
    }
    let mib = r.page_size as f64 / 1024.0 / 1024.0;
    let _ = writeln!(t, "| measure | result | goal | |\n|---|---|---|---|");
    let _ = writeln!(
        t,
        "| size on disk | {} bytes ({mib:.2} MiB) | <= 1.5 MiB | {} |",
        r.page_size,
        verdict(mib <= 1.5)
    );
    let ready = Sample(
        r.page_runs
            .iter()
            .flat_map(|(_, ready, _)| ready.0.clone())
            .collect(),
    );
    let _ = writeln!(
        t,
        "| open to usable form | {} | <= 500 ms | {} |",
        ready.show(),
        verdict(ready.median() <= 0.5)
    );
    for (key_type, _, made) in &r.page_runs {
        let (goal, ok) = match key_type.as_str() {
            "ecdsa-p256" => ("<= 300 ms".to_owned(), Some(made.median() <= 0.3)),
            "rsa-4096" => (
                format!(
                    "<= 0.75x the recipe's {}: {}",
                    secs(rsa),
                    ratio(made.median(), rsa)
                ),
                Some(made.median() / rsa <= 0.75),
            ),
            _ => (String::new(), None),
        };
        let _ = writeln!(
            t,
            "| {key_type} bundle, click to download, CA key encrypted | {} | {goal} | {} |",
            made.show(),
            ok.map(verdict).unwrap_or("")
        );
    }
    let _ = writeln!(
        t,
        "\nThe page's RSA keys come from WebCrypto (`generateKey`, all at once, off the main thread); its\n\
         ECDSA and Ed25519 keys from the core in wasm; the CA key's PBKDF2 from WebCrypto `deriveBits`\n\
         when available. The page stays responsive throughout (progress per key is shown while RSA keys\n\
         are made).\n\nCore micro-benchmarks: `cargo bench -p dockcert-core` (criterion: each key type's bundle,\n\
         the RSA prime search, the PBKDF2 step, zip writing, fleet sizes)."
    );
    t
}

/// A small SVG: wall time against number of hosts, log-log, with the
/// linear-growth line through the 10-host point for comparison.
fn plot(fleets: &[(usize, Sample, u64)]) -> String {
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
