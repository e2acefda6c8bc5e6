//! `cargo xtask screenshots`: pictures of the page for docs/ and the README,
//! taken by the same driver the end-to-end tests use (headless Chromium from
//! file://, inside a network namespace with only loopback when run as root).
//! The Inspect picture inspects what the classic openssl recipe makes (a CA
//! and a CN-only server certificate), made here with openssl.

use std::fs;
use std::path::Path;

use crate::cmd::{self, command, root};
use crate::page;

struct Shot {
    /// The driver's picture to keep ("before", "after" or "invalid"; a job
    /// with a "mode" takes "after" once its result shows; "shot" is the
    /// element a job's "shot_of" names, alone).
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

/// The result panel on a phone, 390 px wide, in `lang`: the certificates
/// and files as stacked rows, a host name longer than the line wrapping at
/// its dots.
fn phone(lang: &str) -> String {
    format!(
        r#"{{"servers": ["docker1.example.com,10.0.0.5", "registry-mirror.build.shanghai.example.com"], "clients": ["alice"], "passphrase": "correct horse battery staple", "lang": "{lang}", "width": 390, "height": 844, "shot_of": ".result-panel", "after_height": 6000}}"#
    )
}

/// Takes the screenshots and writes them to docs/.
pub(crate) fn run() -> Result<(), String> {
    let page = page::build()?;
    let driver = page::build_driver(false)?;
    let docs = root().join("docs");
    fs::create_dir_all(&docs).map_err(|e| e.to_string())?;
    let recipe = tempdir()?;
    let inspected = recipe_files(&recipe)?;
    let shots = [
        Shot { take: "before", name: "page-empty.png", job: job("") },
        Shot { take: "after", name: "page-done.png", job: job(r#", "after_height": 2300"#) },
        Shot { take: "after", name: "page-done-zh.png", job: job(r#", "lang": "zh-CN", "after_height": 1100"#) },
        Shot {
            take: "invalid",
            name: "page-invalid-narrow.png",
            job: r#"{"servers": ["docker1.example.com.", "my host"], "passphrase": "short", "screenshots": true, "expect_disabled": true, "width": 360, "height": 1100}"#.into(),
        },
        Shot { take: "shot", name: "page-phone.png", job: phone("en-US") },
        Shot { take: "shot", name: "page-phone-zh.png", job: phone("zh-CN") },
        Shot {
            take: "after",
            name: "page-inspect.png",
            job: format!(
                r#"{{"mode": "inspect", "inspect_files": {inspected}, "host": "docker1.example.com", "explain": "error during connect: Get \"https://docker1.example.com:2376/v1.51/version\": tls: failed to verify certificate: x509: certificate relies on legacy Common Name field, use SANs instead", "screenshots": true, "after_height": 1150}}"#
            ),
        },
    ];
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
        page::drive(&driver, &job_file)?;
        let from = work.join(format!("{}.png", shot.take));
        let to = docs.join(shot.name);
        fs::copy(&from, &to).map_err(|e| format!("{}: {e}", from.display()))?;
        println!("wrote {}", to.display());
        let _ = fs::remove_dir_all(&work);
    }
    let _ = fs::remove_dir_all(&recipe);
    Ok(())
}

/// Makes in `dir`, with openssl as the classic recipe does, a CA (no
/// keyUsage) and a server certificate that names the host only in its CN;
/// returns the files to inspect as a JSON list.
fn recipe_files(dir: &Path) -> Result<String, String> {
    let mut recipe = command("sh", &["-c", RECIPE_CN_ONLY]);
    recipe.current_dir(dir);
    cmd::run(recipe)?;
    let files: Vec<String> = ["ca.pem", "server-cert.pem", "server-key.pem"]
        .iter()
        .map(|f| format!("{:?}", dir.join(f).display().to_string()))
        .collect();
    Ok(format!("[{}]", files.join(", ")))
}

/// The classic recipe's CA (no keyUsage) and its CN-only server certificate.
const RECIPE_CN_ONLY: &str = "set -e
openssl ecparam -name prime256v1 -genkey -noout -out ca-key.pem
openssl req -x509 -new -key ca-key.pem -subj /CN=Example\\ CA -days 3650 -sha256 -out ca.pem
openssl ecparam -name prime256v1 -genkey -noout -out server-key.pem
openssl req -new -key server-key.pem -subj /CN=docker1.example.com -out server.csr
printf '[leaf]\\nextendedKeyUsage = serverAuth\\n' > leaf.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 30 \\
    -sha256 -extfile leaf.ext -extensions leaf -out server-cert.pem";

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
