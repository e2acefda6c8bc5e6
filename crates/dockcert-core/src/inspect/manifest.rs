//! A bundle's manifest.json, checked against the files beside it: a file
//! changed since dockcert made it, or a mode that is not the one promised.

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};

use super::file_kind::Kind;
use super::input::{base_name, dir_name, InputFile};
use super::problem::Problem;
use super::report::{FileSummary, Findings};

/// What the bundle's (and the installed expiry check's) files that are
/// neither certificates nor keys are.
pub(crate) fn name_kinds(summaries: &mut [FileSummary]) {
    for s in summaries.iter_mut().filter(|s| s.kind == Kind::Other) {
        let kind = match base_name(&s.path) {
            "README.txt" => Kind::BundleReadme,
            "manifest.json" => Kind::BundleManifest,
            "docker.env" => Kind::DockerEnv,
            "docker-context.sh" => Kind::ContextScript,
            "install.sh" => Kind::InstallScript,
            "dockerd-flags.txt" => Kind::DockerdFlags,
            "nftables.conf" => Kind::Nftables,
            "firewalld.sh" => Kind::Firewalld,
            "default-docker" => Kind::DefaultDocker,
            "sysconfig-docker" => Kind::SysconfigDocker,
            // The host's expiry check as the bundle carries it and as
            // install.sh --expiry-check installs it.
            "dockcert-expiry-check.sh" | "dockcert-expiry-check" => Kind::ExpiryCheck,
            // A rotation bundle's host folder: the rows each phase puts
            // in certificates.tsv.
            "certificates.tsv"
            | "certificates-phase1.tsv"
            | "certificates-phase2.tsv"
            | "certificates-phase3.tsv" => Kind::ExpiryCheckData,
            "dockcert-expiry.service" | "dockcert-expiry.timer" => Kind::SystemdUnit,
            "dockcert-expiry" => Kind::ExpiryCron,
            "dockcert.rules.yml" => Kind::PrometheusRules,
            name if name.ends_with(".dockercontext") => Kind::ContextFile,
            _ => continue,
        };
        s.kind = kind;
    }
}

/// Checks every dockcert manifest.json against the files beside it. Files
/// are looked up by path, each is hashed once however many entries (of
/// however many manifests) name it, and each manifest's entry for a path is
/// judged once: the work is linear in the files and the manifests' bytes.
pub(crate) fn check(files: &[InputFile], findings: &mut Findings) {
    let by_path: HashMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.as_str(), i))
        .collect();
    let mut digests: HashMap<usize, String> = HashMap::new();
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
        let mut judged: HashSet<String> = HashSet::new();
        let mut repeated = 0usize;
        for entry in json["files"].as_array().into_iter().flatten() {
            let (Some(rel), Some(sha)) = (entry["path"].as_str(), entry["sha256"].as_str()) else {
                continue;
            };
            let path = if top.is_empty() {
                rel.to_owned()
            } else {
                format!("{top}/{rel}")
            };
            let Some(&i) = by_path.get(path.as_str()) else {
                continue;
            };
            if !judged.insert(path.clone()) {
                repeated += 1;
                continue;
            }
            let file = &files[i];
            let actual = digests.entry(i).or_insert_with(|| {
                Sha256::digest(&file.bytes)
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect()
            });
            if actual.as_str() != sha {
                findings.add(Problem::ChangedSinceMade {
                    path: path.clone(),
                    manifest: m.path.clone(),
                });
            }
            let promised = entry["mode"]
                .as_str()
                .and_then(|t| u32::from_str_radix(t, 8).ok());
            if let (Some(promised), Some(mode)) = (promised, file.mode) {
                // A private key opened to others is reported as key-readable already.
                let key_opened = promised & 0o077 == 0 && mode & 0o077 != 0;
                if promised != mode && !key_opened {
                    findings.add(Problem::ModeChanged {
                        path: path.clone(),
                        mode,
                        promised,
                    });
                }
            }
        }
        if repeated > 0 {
            findings.add(Problem::ManifestRepeats {
                path: m.path.clone(),
                repeated,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_named_many_times_is_judged_once_and_the_repeats_are_a_warning() {
        let entry = r#"{"path":"big.bin","sha256":"00","mode":"0644"}"#;
        let manifest = format!(
            r#"{{"tool":"dockcert","files":[{}]}}"#,
            [entry; 5].join(",")
        );
        let files = [
            InputFile {
                path: "b/big.bin".into(),
                bytes: vec![b'x'; 1000],
                mode: Some(0o644),
            },
            InputFile {
                path: "b/manifest.json".into(),
                bytes: manifest.into_bytes(),
                mode: Some(0o644),
            },
        ];
        let mut findings = Findings::default();
        check(&files, &mut findings);
        let codes: Vec<&str> = findings.0.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["changed-since-made", "manifest-repeats"]);
        assert_eq!(
            findings.0[1].problem,
            Problem::ManifestRepeats {
                path: "b/manifest.json".into(),
                repeated: 4
            }
        );
    }
}
