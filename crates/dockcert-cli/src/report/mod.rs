//! The closing summary, like mkcert's: what was made, where, with which
//! modes, when it expires, and what to run next. It goes to stderr; stdout
//! stays free for data.

mod words;

use std::fmt::Write;

use dockcert_core::bundle::layout::{mode_text, FileKind};
use dockcert_core::bundle::{shared_notes, Bundle, CaSource, Layout, Note, StepNote, Steps};
use dockcert_core::pad;
use dockcert_core::pki as cert;
use dockcert_core::plan::{Field, Plan};
use dockcert_core::{Lang, Localized};

pub(crate) use self::words::Said;
use crate::inventory::{Appended, InventorySaid};
use crate::output::Target;
use crate::problem::Problem;

/// Lists every file when there are at most this many; otherwise one line per folder kind.
const FULL_LISTING_MAX: usize = 40;

/// The summary text for `bundle` written to `target`, in the bundle's language.
/// `inventory`: what `issue` or `renew` appended to the CA's inventory.
pub(crate) fn summary(bundle: &Bundle, target: &Target, inventory: Option<&Appended>) -> String {
    let mut t = String::new();
    let plan = &bundle.plan;
    let lang = plan.lang;
    let (zip, prefix) = match target {
        Target::Zip { top, .. } => (true, format!("{top}/")),
        Target::Dir { .. } => (false, String::new()),
    };
    let path = dockcert_core::show::safe_owned(target.path().display().to_string());
    let files = bundle.files();
    let rotation = files.iter().any(|f| f.kind == FileKind::ServerRotate);
    let made = Said::Made {
        key_type: &plan.key_type.to_string(),
        hosts: plan.servers.len(),
        clients: plan.clients.len(),
        zip,
        path: &path,
        rotation,
    };
    let _ = writeln!(t, "{}", made.text(lang));
    for (field, value) in named_by_default(plan) {
        let value = dockcert_core::show::safe(&value);
        let said = match field {
            Field::CaName => Said::DefaultCaName(&value),
            _ => Said::DefaultClient(&value),
        };
        let _ = writeln!(t, "{}", said.text(lang));
    }
    t.push('\n');

    for c in &bundle.certificates {
        let info = &c.info;
        let sans = if info.sans.is_empty() {
            String::new()
        } else {
            format!("  [{}]", info.sans.join(", "))
        };
        let _ = writeln!(
            t,
            "  {} {:24} {}{sans}",
            pad(&Said::Role(info.role).text(lang), 6),
            dockcert_core::show::safe(&info.name),
            Said::Expires(&cert::day(info.not_after)).text(lang)
        );
    }
    if let Some(ca) = bundle.ca() {
        let label = Said::CaFingerprint.text(lang);
        let _ = writeln!(t, "  {label} {}", ca.fingerprint_sha256);
    }
    if let Some(appended) = inventory {
        let _ = writeln!(t, "  {}", InventorySaid::from(appended).text(lang));
    }
    t.push('\n');

    if files.len() <= FULL_LISTING_MAX {
        let width = files.iter().map(|f| f.path.len()).max().unwrap_or(0) + prefix.len();
        for f in files {
            let note = match f.kind {
                FileKind::CaKey if bundle.ca_source == (CaSource::New { encrypted: true }) => {
                    format!("  {}", Said::CaKeyEncrypted.text(lang))
                }
                FileKind::CaKey => format!("  {}", Said::CaKeyPlain.text(lang)),
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
        let _ = writeln!(t, "  {}", Said::ManyFiles(files.len()).text(lang));
    }

    if !bundle.warnings.is_empty() {
        t.push('\n');
        let label = Said::Warning.text(lang);
        for w in &bundle.warnings {
            let _ = writeln!(t, "{label}{}", w.text(lang));
        }
    }

    let _ = writeln!(t, "\n{}", Said::NextSteps.text(lang));
    if rotation {
        let _ = writeln!(t, "{}", Said::Rotation { prefix: &prefix }.text(lang));
        return t;
    }
    if bundle.layout() == Layout::Dind {
        let _ = writeln!(t, "{}", Said::Dind { prefix: &prefix }.text(lang));
        return t;
    }
    if zip {
        let zip = dockcert_core::show::shell_word(&path);
        let _ = writeln!(
            t,
            "  {}",
            Said::UnzipFirst {
                zip: &zip,
                prefix: &prefix
            }
            .text(lang)
        );
    }
    let steps = bundle.next_steps();
    steps_for(
        &mut t,
        lang,
        &steps.servers,
        |s| {
            let folder = format!("{prefix}{}", s.folder);
            Said::OnHost {
                name: &s.name,
                folder: &folder,
            }
            .text(lang)
        },
        Said::OtherHosts,
    );
    for (names, note) in shared_notes(&steps.servers) {
        // A note not every host has names the ones it is for.
        if names.len() < steps.servers.len() {
            let _ = writeln!(t, "  {}:", names.join(", "));
        }
        say_note(&mut t, lang, note);
    }
    steps_for(
        &mut t,
        lang,
        &steps.clients,
        |s| {
            let folder = format!("{prefix}{}", s.folder);
            Said::ForClient {
                name: &s.name,
                folder: &folder,
            }
            .text(lang)
        },
        Said::OtherClients,
    );
    for (_, note) in shared_notes(&steps.clients) {
        say_note(&mut t, lang, note);
    }
    for note in &steps.existing_clients {
        // Said once, after the clients' check, when the bundle has clients.
        if note.says == StepNote::CheckFails && !steps.clients.is_empty() {
            continue;
        }
        say_note(&mut t, lang, note);
    }
    let keep = match bundle.ca_source {
        CaSource::New { .. } => Said::KeepCa { prefix: &prefix },
        // The CA's key was read from where it is kept, and is not here.
        CaSource::Existing => Said::KeepCaKey,
    };
    let _ = writeln!(t, "  {}", keep.text(lang));
    t
}

/// `note`'s words, wrapped, and its commands under them.
fn say_note(t: &mut String, lang: Lang, note: &Note) {
    for line in dockcert_core::wrap(&note.says.text(lang), 78) {
        let _ = writeln!(t, "  {line}");
    }
    for c in &note.commands {
        let _ = writeln!(t, "      {c}");
    }
}

/// Each name `plan` took by default (no `--client`, no `--ca-name`), with
/// the name it took, in the table's order.
fn named_by_default(plan: &Plan) -> Vec<(Field, String)> {
    plan.named_by_default
        .iter()
        .filter_map(|field| match field {
            Field::Client => plan.clients.first().map(|c| (*field, c.name.clone())),
            Field::CaName => Some((*field, plan.ca_name.clone())),
            _ => None,
        })
        .collect()
}

/// The commands for the first few of `each`, then how many more there are.
fn steps_for(
    t: &mut String,
    lang: Lang,
    each: &[Steps],
    heading: impl Fn(&Steps) -> String,
    others: impl Fn(usize) -> Said<'static>,
) {
    const SHOWN: usize = 3;
    for steps in each.iter().take(SHOWN) {
        let _ = writeln!(t, "  {}", heading(steps));
        for c in &steps.commands {
            let _ = writeln!(t, "      {c}");
        }
    }
    if each.len() > SHOWN {
        let _ = writeln!(t, "  {}", others(each.len() - SHOWN).text(lang));
    }
}

/// What `--json` prints: where the bundle was written, as what, the warnings,
/// each name taken by default (`named_by_default`: `[{"flag": "--client",
/// "value": "client"}]`, empty when every name was given), and the bundle's own manifest.json (`manifest`: every file's mode and
/// SHA-256, every certificate's fingerprint and dates), so a script reads one
/// definition.
pub(crate) fn made_json(
    bundle: &Bundle,
    manifest: Option<&[u8]>,
    target: &Target,
    inventory: Option<&Appended>,
) -> Result<String, crate::failure::Failure> {
    let manifest = manifest
        .and_then(|m| serde_json::from_slice::<serde_json::Value>(m).ok())
        .ok_or_else(|| crate::failure::Failure::run(Problem::NoManifest))?;
    let (kind, top) = match target {
        Target::Zip { top, .. } => ("zip", Some(top.as_str())),
        Target::Dir { .. } => ("folder", None),
    };
    let mut value = serde_json::json!({
        "written": target.path().to_string_lossy(),
        "as": kind,
        "warnings": bundle.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "named_by_default": named_by_default(&bundle.plan)
            .into_iter()
            .map(|(field, value)| serde_json::json!({ "flag": format!("--{}", field.name()), "value": value }))
            .collect::<Vec<_>>(),
        "manifest": manifest,
    });
    if let Some(top) = top {
        value["top_folder"] = top.into();
    }
    if let Some(appended) = inventory {
        value["inventory"] = appended.json();
    }
    serde_json::to_string_pretty(&value)
        .map_err(|e| crate::failure::Failure::run(Problem::Json(e.to_string())))
}
