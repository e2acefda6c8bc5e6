//! The closing summary, like mkcert's: what was made, where, with which
//! modes, when it expires, and what to run next. It goes to stderr; stdout
//! stays free for data.

use std::fmt::Write;

use dockcert_core::bundle::layout::{mode_text, FileKind};
use dockcert_core::bundle::{Bundle, CaSource, Layout, NextSteps};
use dockcert_core::pki::{self as cert, CertRole, CA_KEY_PBKDF2_ROUNDS};

use crate::output::Target;

/// Lists every file when there are at most this many; otherwise one line per folder kind.
const FULL_LISTING_MAX: usize = 40;

/// The summary text for `bundle` written to `target`.
pub fn summary(bundle: &Bundle, target: &Target) -> String {
    let mut t = String::new();
    let plan = &bundle.plan;
    let (what, prefix) = match target {
        Target::Zip { top, .. } => ("zip", format!("{top}/")),
        Target::Dir { .. } => ("folder", String::new()),
    };
    let _ = writeln!(
        t,
        "Made a Docker TLS bundle ({} keys): {} host{}, {} client{}, in the {what} {}\n",
        plan.key_type,
        plan.servers.len(),
        plural(plan.servers.len()),
        plan.clients.len(),
        plural(plan.clients.len()),
        target.path().display(),
    );

    for c in &bundle.certificates {
        let info = &c.info;
        let label = match info.role {
            CertRole::Ca => "CA",
            CertRole::Server => "host",
            CertRole::Client => "client",
        };
        let sans = if info.sans.is_empty() {
            String::new()
        } else {
            format!("  [{}]", info.sans.join(", "))
        };
        let _ = writeln!(
            t,
            "  {label:6} {:24} expires {}{sans}",
            info.name,
            cert::day(info.not_after)
        );
    }
    if let Some(ca) = bundle.ca() {
        let _ = writeln!(t, "  CA fingerprint (SHA-256) {}", ca.fingerprint_sha256);
    }
    t.push('\n');

    if bundle.files.len() <= FULL_LISTING_MAX {
        let width = bundle.files.iter().map(|f| f.path.len()).max().unwrap_or(0) + prefix.len();
        for f in &bundle.files {
            let note = match f.kind {
                FileKind::CaKey if bundle.ca_source == (CaSource::New { encrypted: true }) => {
                    format!(
                        "  encrypted (PBKDF2-SHA256, {CA_KEY_PBKDF2_ROUNDS} rounds, AES-256-CBC)"
                    )
                }
                FileKind::CaKey => "  NOT encrypted".to_owned(),
                _ => String::new(),
            };
            let _ = writeln!(
                t,
                "  {:width$}  {}{note}",
                format!("{prefix}{}", f.path),
                mode_text(f.mode())
            );
        }
    } else {
        let _ = writeln!(
            t,
            "  {} files: keys 0400, certificates 0444, scripts 0755, the rest 0644 (README.txt lists them all)",
            bundle.files.len()
        );
    }

    if !bundle.warnings.is_empty() {
        t.push('\n');
        for w in &bundle.warnings {
            let _ = writeln!(t, "warning: {w}");
        }
    }

    t.push_str("\nNext steps\n");
    if Layout::of(bundle) == Layout::Dind {
        let _ = writeln!(
            t,
            "  Beside {prefix}compose.yaml: docker compose up   (docker:dind with certs/, and a client)\n  \
             Or mount {prefix}certs/ca and {prefix}certs/server at /certs/ca and /certs/server of a docker:dind\n  \
             container with DOCKER_TLS_CERTDIR=/certs; clients use {prefix}certs/client as DOCKER_CERT_PATH.\n  \
             Keep {prefix}ca/ offline. README.txt has the details."
        );
        return t;
    }
    let steps = NextSteps::for_plan(&bundle.plan);
    let folder = |kind: &str, name: &str| format!("{prefix}{kind}/{name}/");
    steps_for(
        &mut t,
        &steps.servers,
        |name| {
            format!(
                "On the host {name}: copy {} there, then in that folder",
                folder("server", name)
            )
        },
        "on the other {} hosts",
    );
    steps_for(
        &mut t,
        &steps.clients,
        |name| {
            format!(
                "For the client {name}: copy {} to its machine, then as its user",
                folder("client", name)
            )
        },
        "for the other {} clients",
    );
    let _ = writeln!(
        t,
        "  Keep {prefix}ca/ offline: ca-key.pem signs new certificates. README.txt has the details."
    );
    t
}

/// The commands for the first few of `each`, then how many more there are.
fn steps_for(
    t: &mut String,
    each: &[(String, Vec<String>)],
    heading: impl Fn(&str) -> String,
    others: &str,
) {
    const SHOWN: usize = 3;
    for (name, commands) in each.iter().take(SHOWN) {
        let _ = writeln!(t, "  {}", heading(name));
        for c in commands {
            let _ = writeln!(t, "      {c}");
        }
    }
    if each.len() > SHOWN {
        let _ = writeln!(
            t,
            "  ... and the same {}",
            others.replace("{}", &(each.len() - SHOWN).to_string())
        );
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// What `--json` prints: where the bundle was written, as what, the warnings,
/// and the bundle's own manifest.json (every file's mode and SHA-256, every
/// certificate's fingerprint and dates), so a script reads one definition.
pub fn made_json(bundle: &Bundle, target: &Target) -> Result<String, crate::failure::Failure> {
    let manifest = bundle
        .file("manifest.json")
        .and_then(|f| serde_json::from_slice::<serde_json::Value>(&f.contents).ok())
        .ok_or_else(|| crate::failure::Failure::run("the bundle has no readable manifest.json"))?;
    let (kind, top) = match target {
        Target::Zip { top, .. } => ("zip", Some(top.as_str())),
        Target::Dir { .. } => ("folder", None),
    };
    let mut value = serde_json::json!({
        "written": target.path().to_string_lossy(),
        "as": kind,
        "warnings": bundle.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "manifest": manifest,
    });
    if let Some(top) = top {
        value["top_folder"] = top.into();
    }
    serde_json::to_string_pretty(&value)
        .map_err(|e| crate::failure::Failure::run(format!("could not write the JSON: {e}")))
}
