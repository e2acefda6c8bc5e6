//! The command line's runs for `cargo xtask bench`: the openssl recipe,
//! `dockcert new` with and without a passphrase, fleets, and the hostile
//! inputs that must be refused, each timed in a fresh folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use super::sample::Sample;
use crate::cmd::root;

/// The passphrase every encrypted CA key in the benchmarks gets.
pub(super) const PASSPHRASE: &str = "correct horse battery staple";

/// Runs `cmd`, which must be refused (exit status 2), and returns its wall time.
fn refused(mut cmd: Command) -> Result<f64, String> {
    let started = Instant::now();
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{cmd:?}: {e}"))?;
    let wall = started.elapsed().as_secs_f64();
    if out.status.code() != Some(2) {
        return Err(format!(
            "{cmd:?} was not refused ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(wall)
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

/// The peak resident memory (KiB) in the report `/usr/bin/time -f "%e %M"`
/// wrote at `report`.
pub(super) fn peak_kib(report: &Path) -> Result<u64, String> {
    let text = fs::read_to_string(report).map_err(|e| e.to_string())?;
    text.lines()
        .last()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|k| k.parse().ok())
        .ok_or_else(|| format!("cannot read /usr/bin/time's report: {text}"))
}

/// Where the runs happen and what they run.
pub(super) struct Bench {
    /// The folder each run gets a fresh folder in.
    work: PathBuf,
    /// The dockcert binary.
    dockcert: PathBuf,
    /// bench/recipe.sh.
    recipe: PathBuf,
    /// How many runs so far (names their folders).
    round: usize,
}

impl Bench {
    /// Runs in folders under `work`, of the release build's dockcert and
    /// bench/recipe.sh.
    pub(super) fn new(work: PathBuf) -> Self {
        Bench {
            work,
            dockcert: root().join("target/release/dockcert"),
            recipe: root().join("bench/recipe.sh"),
            round: 0,
        }
    }

    /// A new folder for the next run.
    fn fresh(&mut self) -> Result<PathBuf, String> {
        self.round += 1;
        let dir = self.work.join(format!("r{}", self.round));
        fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        Ok(dir)
    }

    /// Wall seconds of the openssl recipe making `kind` (`ec` or `rsa`).
    pub(super) fn recipe(&mut self, kind: &str) -> Result<f64, String> {
        let dir = self.fresh()?;
        let mut cmd = Command::new("sh");
        cmd.arg(&self.recipe)
            .arg(kind)
            .arg(&dir)
            .env("PASS", PASSPHRASE);
        timed(cmd)
    }

    /// Wall seconds of `dockcert new ARGS`, with the CA key encrypted if
    /// `passphrase`.
    pub(super) fn dockcert(&mut self, args: &[&str], passphrase: bool) -> Result<f64, String> {
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

    /// Wall seconds and peak resident memory (KiB) of a fleet of `hosts`,
    /// written to `out` (`fleet.zip` or the folder `fleet`).
    pub(super) fn fleet(&mut self, hosts: usize, out: &str) -> Result<(f64, u64), String> {
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
        args.extend(["--client", "client", "--no-passphrase", "--out", out].map(String::from));
        self.measured(&dir, &args, true)
    }

    /// Wall seconds and peak resident memory (KiB) of `rounds` runs of
    /// `dockcert expiry` over a fleet of `hosts` written as a folder.
    pub(super) fn expiry(&mut self, hosts: usize, rounds: usize) -> Result<(Sample, u64), String> {
        self.fleet(hosts, "fleet")?;
        let dir = self.work.join(format!("r{}", self.round));
        let mut wall = Sample::default();
        let mut peak = 0;
        for _ in 0..rounds {
            let args = ["expiry", "fleet", "--within", "30"].map(String::from);
            let (w, rss) = self.measured(&dir, &args, true)?;
            wall.0.push(w);
            peak = peak.max(rss);
        }
        Ok((wall, peak))
    }

    /// `dockcert rotate` of a fleet of `hosts` hosts and `clients` clients,
    /// `rounds` times to a zip and to a folder, alternated, each written
    /// fresh: wall seconds and peak resident memory (KiB) of each. The old
    /// bundle is made beforehand, not timed: `dockcert new` of the hosts and
    /// the first client as a folder, and `dockcert issue` of the other
    /// clients by the same CA, their folders moved in beside it. Without
    /// hosts `issue` writes no docker contexts, which `new` would (a
    /// million files, 8.9 GB, for 1,000 hosts and 1,000 clients); rotate
    /// neither lists nor reads them.
    pub(super) fn rotation(
        &mut self,
        hosts: usize,
        clients: usize,
        rounds: usize,
    ) -> Result<[(Sample, u64); 2], String> {
        self.fleet(hosts, "fleet")?;
        let dir = self.work.join(format!("r{}", self.round));
        if clients > 1 {
            let mut args: Vec<String> = ["issue", "--ca-cert", "fleet/ca/ca.pem"]
                .map(String::from)
                .to_vec();
            args.extend(["--ca-key", "fleet/ca/ca-key.pem", "--out", "more"].map(String::from));
            for i in 1..clients {
                args.push("--client".into());
                args.push(format!("client{i}"));
            }
            self.measured(&dir, &args, true)?;
            for i in 1..clients {
                let name = format!("client{i}");
                fs::rename(
                    dir.join("more/client").join(&name),
                    dir.join("fleet/client").join(&name),
                )
                .map_err(|e| format!("moving {name} into the fleet: {e}"))?;
            }
        }
        let mut runs = [(Sample::default(), 0), (Sample::default(), 0)];
        for round in 0..rounds {
            for (out, (wall, peak)) in ["rotated.zip", "rotated"].iter().zip(runs.iter_mut()) {
                let out = format!("{round}-{out}");
                let args = [
                    "rotate",
                    "--ca-cert",
                    "fleet/ca/ca.pem",
                    "--ca-key",
                    "fleet/ca/ca-key.pem",
                    "--from",
                    "fleet",
                    "--no-new-passphrase",
                    "--out",
                    &out,
                ]
                .map(String::from);
                let (w, rss) = self.measured(&dir, &args, true)?;
                wall.0.push(w);
                *peak = (*peak).max(rss);
            }
        }
        Ok(runs)
    }

    /// Wall seconds and peak resident memory (KiB) of dockcert `args` in
    /// `dir`, which must succeed (or, with `succeeds` false, be refused).
    fn measured(&self, dir: &Path, args: &[String], succeeds: bool) -> Result<(f64, u64), String> {
        let report = dir.join("time.txt");
        let mut cmd = Command::new("/usr/bin/time");
        cmd.current_dir(dir)
            .args(["-f", "%e %M", "-o"])
            .arg(&report)
            .arg(&self.dockcert)
            .args(args);
        let wall = if succeeds { timed(cmd)? } else { refused(cmd)? };
        Ok((wall, peak_kib(&report)?))
    }

    /// What a hostile reviewer tried: each must be refused, and is timed
    /// with its peak memory.
    pub(super) fn hostile(&mut self) -> Result<Vec<(String, Sample, u64, f64)>, String> {
        let dir = self.fresh()?;
        let fixtures = root().join("crates/dockcert-core/tests/fixtures");
        fs::copy(
            fixtures.join("hostile-scrypt-key.pem"),
            dir.join("hostile-key.pem"),
        )
        .map_err(|e| e.to_string())?;
        fs::copy(fixtures.join("recipe-ca.pem"), dir.join("ca.pem")).map_err(|e| e.to_string())?;
        fs::write(dir.join("pass.txt"), "anything at all\n").map_err(|e| e.to_string())?;
        fs::File::create(dir.join("huge.pem"))
            .and_then(|f| f.set_len(2 << 30))
            .map_err(|e| e.to_string())?;
        let sans: Vec<String> = (0..200_000)
            .map(|i| format!("\"h{i}.example.com\""))
            .collect();
        fs::write(
            dir.join("fleet.toml"),
            format!(
                "[[host]]\nname = \"docker1.example.com\"\nsans = [{}]\n",
                sans.join(",")
            ),
        )
        .map_err(|e| e.to_string())?;
        // Each with the most seconds it may take: a fleet file's TOML is parsed
        // whole (4.6 MB here) before its host is refused.
        let cases: [(&str, f64, &[&str]); 4] = [
            (
                "an encrypted CA key asking for scrypt N=2^20, r=16, p=16 (2 GiB)",
                1.0,
                &[
                    "issue",
                    "--ca-cert",
                    "ca.pem",
                    "--ca-key",
                    "hostile-key.pem",
                    "--passphrase-file",
                    "pass.txt",
                    "--client",
                    "c",
                    "--out",
                    "o.zip",
                ],
            ),
            ("`inspect` of a 2 GiB file", 1.0, &["inspect", "huge.pem"]),
            (
                "`--passphrase-file /dev/zero`",
                1.0,
                &[
                    "new",
                    "--server",
                    "d.example.com",
                    "--passphrase-file",
                    "/dev/zero",
                    "--out",
                    "o.zip",
                ],
            ),
            (
                "a fleet host with 200,000 SANs",
                2.0,
                &[
                    "new",
                    "--config",
                    "fleet.toml",
                    "--no-passphrase",
                    "--out",
                    "o.zip",
                ],
            ),
        ];
        let mut results = Vec::new();
        for (what, goal, args) in cases {
            let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
            let (mut wall, mut peak) = (Sample::default(), 0);
            for _ in 0..3 {
                let (w, rss) = self.measured(&dir, &args, false)?;
                wall.0.push(w);
                peak = peak.max(rss);
            }
            results.push((what.to_owned(), wall, peak, goal));
        }
        Ok(results)
    }
}
