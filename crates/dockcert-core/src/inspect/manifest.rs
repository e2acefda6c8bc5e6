//! A bundle's manifest.json, checked against the files beside it: a file
//! changed since dockcert made it, or a mode that is not the one promised.

use sha2::{Digest, Sha256};

use super::input::{base_name, dir_name, InputFile};
use super::report::{FileSummary, Findings};

/// What the bundle files that are neither certificates nor keys are.
pub(crate) fn name_kinds(summaries: &mut [FileSummary]) {
    for s in summaries.iter_mut().filter(|s| s.kind == "other") {
        let kind = match base_name(&s.path) {
            "README.txt" => "bundle README",
            "manifest.json" => "bundle manifest",
            "docker.env" => "docker client settings (docker.env)",
            "docker-context.sh" => "docker context script",
            "install.sh" => "install script",
            "dockerd-flags.txt" => "dockerd flags",
            "nftables.conf" => "nftables rules",
            "firewalld.sh" => "firewalld rules",
            _ => continue,
        };
        s.kind = kind.to_owned();
    }
}

pub(crate) fn check(files: &[InputFile], findings: &mut Findings) {
    for m in files
        .iter()
        .filter(|f| base_name(&f.path) == "manifest.json")
    {
        let Ok(json) = serde_json::from_slice::<serde_json::Value>(&m.bytes) else {
            continue;
        };
        if json["tool"] != "dockcert" {
            continue;
        }
        let top = dir_name(&m.path);
        for entry in json["files"].as_array().into_iter().flatten() {
            let (Some(rel), Some(sha)) = (entry["path"].as_str(), entry["sha256"].as_str()) else {
                continue;
            };
            let path = if top.is_empty() {
                rel.to_owned()
            } else {
                format!("{top}/{rel}")
            };
            let Some(file) = files.iter().find(|f| f.path == path) else {
                continue;
            };
            let actual: String = Sha256::digest(&file.bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            if actual != sha {
                findings.warning(
                    "changed-since-made",
                    Some(&path),
                    format!(
                        "{path} differs from what dockcert made (its SHA-256 is not the one in {})",
                        m.path
                    ),
                    Some(
                        "if nobody meant to change it, take the file from the original bundle"
                            .into(),
                    ),
                );
            }
            let promised = entry["mode"]
                .as_str()
                .and_then(|t| u32::from_str_radix(t, 8).ok());
            if let (Some(promised), Some(mode)) = (promised, file.mode) {
                // A private key opened to others is reported as key-readable already.
                let key_opened = promised & 0o077 == 0 && mode & 0o077 != 0;
                if promised != mode && !key_opened {
                    findings.warning(
                        "mode-changed",
                        Some(&path),
                        format!(
                            "{path} has mode {}, the bundle made it {}",
                            crate::bundle::layout::mode_text(mode),
                            crate::bundle::layout::mode_text(promised)
                        ),
                        Some(format!(
                            "chmod {} {}",
                            crate::bundle::layout::mode_text(promised),
                            crate::show::shell_word(base_name(&path))
                        )),
                    );
                }
            }
        }
    }
}
