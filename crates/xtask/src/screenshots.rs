//! `cargo xtask screenshots`: pictures of the page for docs/ and the README,
//! taken by the same driver the end-to-end tests use (headless Chromium from
//! file://, inside a network namespace with only loopback when run as root).

use std::fs;
use std::path::Path;

use crate::cmd::{self, command, root};
use crate::page;

struct Shot {
    /// The driver's picture to keep ("before", "after" or "invalid").
    take: &'static str,
    /// Its name under docs/.
    name: &'static str,
    job: String,
}

fn job(extra: &str) -> String {
    format!(
        r#"{{"servers": ["docker1.example.com,10.0.0.5", "docker2.example.com,10.0.0.6"], "clients": ["alice", "ci-runner"], "passphrase": "correct horse battery staple", "screenshots": true {extra}}}"#
    )
}

/// Takes the screenshots and writes them to docs/.
pub fn run() -> Result<(), String> {
    let page = page::build()?;
    cmd::run(command(
        "cargo",
        &[
            "build",
            "--quiet",
            "-p",
            "dockcert-tests",
            "--bin",
            "page-driver",
        ],
    ))?;
    let driver = root().join("target/debug/page-driver");
    let docs = root().join("docs");
    fs::create_dir_all(&docs).map_err(|e| e.to_string())?;
    let shots = [
        Shot { take: "before", name: "page-empty.png", job: job("") },
        Shot { take: "after", name: "page-done.png", job: job(r#", "after_height": 2300"#) },
        Shot { take: "after", name: "page-done-zh.png", job: job(r#", "lang": "zh-CN", "after_height": 1100"#) },
        Shot {
            take: "invalid",
            name: "page-invalid-narrow.png",
            job: r#"{"servers": ["docker1.example.com.", "my host"], "passphrase": "short", "screenshots": true, "expect_disabled": true, "width": 360, "height": 1100}"#.into(),
        },
    ];
    let as_root =
        cmd::output(std::process::Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    for shot in shots {
        let work = tempdir()?;
        let mut job: String = shot.job.clone();
        job.insert_str(
            1,
            &format!(
                r#""page": "{}", "out": "{}", "#,
                page.display(),
                work.display()
            ),
        );
        let job_file = work.join("job.json");
        fs::write(&job_file, job).map_err(|e| e.to_string())?;
        let (driver_str, job_str) = (
            driver.to_string_lossy().into_owned(),
            job_file.to_string_lossy().into_owned(),
        );
        if as_root {
            cmd::run(command(
                "unshare",
                &[
                    "--net",
                    "sh",
                    "-c",
                    "ip link set lo up && exec \"$0\" \"$1\"",
                    &driver_str,
                    &job_str,
                ],
            ))?;
        } else {
            cmd::run(command(&driver_str, &[&job_str]))?;
        }
        let from = work.join(format!("{}.png", shot.take));
        let to = docs.join(shot.name);
        fs::copy(&from, &to).map_err(|e| format!("{}: {e}", from.display()))?;
        println!("wrote {}", to.display());
        let _ = fs::remove_dir_all(&work);
    }
    Ok(())
}

fn tempdir() -> Result<std::path::PathBuf, String> {
    let base =
        std::env::temp_dir().join(format!("dockcert-shot-{}-{}", std::process::id(), nanos()));
    fs::create_dir_all(&base).map_err(|e| e.to_string())?;
    Ok(Path::new(&base).to_path_buf())
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}
