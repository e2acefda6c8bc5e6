//! Dockerfiles and compose files that would put a private key where it
//! does not belong: `COPY`/`ADD` of a key into an image (every layer keeps
//! it, and everyone who pulls the image has it), a key in the build context
//! that no `.dockerignore` keeps out (it is sent to the builder, and one
//! `COPY .` bakes it in), and a compose volume that mounts the CA key (or a
//! key file) into a container.
//!
//! The work is bounded like the input: globs are matched without
//! backtracking blow-up ([`glob`]), every step is paid from one budget for
//! the whole check, and findings group keys and are capped in number and
//! length. A check cut short is an error that says so.

use std::collections::{BTreeMap, HashMap};

mod dockerfile;
mod findings;
mod glob;

use dockerfile::{dockerfile, key_name, Context};
use findings::{short, Out};
use glob::{Budget, Spent};

use super::file_kind::Kind;
use super::input::{base_name, dir_name, InputFile};
use super::problem::Problem;
use super::report::{FileSummary, Findings};

/// Steps the images check may take in all: matching a pattern character
/// against a name character, or looking at a key for a Dockerfile. A
/// project's Dockerfiles and .dockerignore need thousands; this is about a
/// quarter of a second, and only crafted input gets near it.
const STEPS: u64 = 100_000_000;

fn is_dockerfile(name: &str) -> bool {
    name == "Dockerfile"
        || name == "Containerfile"
        || name.starts_with("Dockerfile.")
        || name.ends_with(".Dockerfile")
        || name.ends_with(".dockerfile")
}

fn is_compose(name: &str) -> bool {
    let stem = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"));
    matches!(stem, Some(s) if s == "compose" || s == "docker-compose" || s.starts_with("docker-compose.") || s.starts_with("compose."))
}

/// The checks, over every file given; `summaries` learn which files are
/// Dockerfiles and compose files. The work is bounded by [`STEPS`] and the
/// findings by [`MAX_FINDINGS`]; a check cut short says so in a finding.
pub(crate) fn check(files: &[InputFile], summaries: &mut [FileSummary], findings: &mut Findings) {
    check_within(STEPS, files, summaries, findings);
}

/// [`check`], in at most `steps` steps.
fn check_within(
    steps: u64,
    files: &[InputFile],
    summaries: &mut [FileSummary],
    findings: &mut Findings,
) {
    let mut keys: Vec<&str> = files
        .iter()
        .zip(summaries.iter())
        .filter(|(f, s)| s.kind.is_private_key() || key_name(base_name(&f.path)))
        .map(|(f, _)| f.path.as_str())
        .collect();
    // Sorted, the keys of one build context are one run of this list.
    keys.sort_unstable();
    keys.dedup();
    let mut ignores: HashMap<&str, &InputFile> = HashMap::new();
    let mut by_context: BTreeMap<&str, Vec<&InputFile>> = BTreeMap::new();
    let mut out = Out::default();
    for (file, summary) in files.iter().zip(summaries.iter_mut()) {
        let name = base_name(&file.path);
        if is_dockerfile(name) {
            summary.kind = Kind::Dockerfile;
            by_context
                .entry(dir_name(&file.path))
                .or_default()
                .push(file);
        } else if is_compose(name) {
            summary.kind = Kind::Compose;
            compose(file, &mut out);
        } else if name == ".dockerignore" {
            summary.kind = Kind::DockerIgnore;
            ignores.entry(file.path.as_str()).or_insert(file);
        }
    }
    let mut budget = Budget::new(steps);
    let mut unchecked: Vec<&str> = Vec::new();
    for (dir, dockerfiles) in by_context {
        let context = match Context::new(dir, &ignores, &keys, &mut budget) {
            Ok(context) => context,
            Err(Spent) => {
                unchecked.extend(dockerfiles.iter().map(|f| f.path.as_str()));
                continue;
            }
        };
        for file in dockerfiles {
            if dockerfile(file, &context, &mut budget, &mut out).is_err() {
                unchecked.push(&file.path);
            }
        }
    }
    out.close(findings, &unchecked, steps);
}

/// Compose volumes that mount a key file: the short form `- SRC:DST[:MODE]`
/// and the long form `source: SRC`.
fn compose(file: &InputFile, out: &mut Out) {
    let text = String::from_utf8_lossy(&file.bytes);
    for (n, line) in text.lines().enumerate() {
        let item = line.trim();
        let source = if let Some(value) = item.strip_prefix("source:") {
            value.trim()
        } else if let Some(value) = item.strip_prefix("- ") {
            let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
            match value.split_once(':') {
                Some((src, _))
                    if src.starts_with('.') || src.starts_with('/') || src.starts_with('~') =>
                {
                    src
                }
                _ => continue,
            }
        } else {
            continue;
        };
        let source = source.trim_matches(|c| c == '"' || c == '\'');
        let name = base_name(source.trim_end_matches('/'));
        if !key_name(name) {
            continue;
        }
        let (path, line, item) = (file.path.clone(), n + 1, short(item));
        out.add(if name == "ca-key.pem" {
            Problem::ComposeMountsCaKey { path, line, item }
        } else {
            Problem::ComposeMountsKey {
                path,
                line,
                item,
                source: short(source),
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::findings::{MAX_FINDINGS, SHOWN};
    use super::*;
    use crate::inspect::{Listed, Severity};

    fn listed(shown: &[&str], more: usize) -> Listed<String> {
        Listed {
            shown: shown.iter().map(|s| (*s).to_owned()).collect(),
            more,
        }
    }

    /// The findings of the images check over `files` (path, contents).
    fn findings(files: &[(&str, String)]) -> Vec<super::super::Finding> {
        findings_within(STEPS, files)
    }

    fn findings_within(steps: u64, files: &[(&str, String)]) -> Vec<super::super::Finding> {
        let files: Vec<InputFile> = files
            .iter()
            .map(|(path, text)| InputFile {
                path: (*path).to_owned(),
                bytes: text.as_bytes().to_vec(),
                mode: Some(0o644),
            })
            .collect();
        let mut summaries = crate::inspect::report::summaries(&files);
        let mut findings = Findings::default();
        check_within(steps, &files, &mut summaries, &mut findings);
        findings.0
    }

    fn codes(found: &[super::super::Finding]) -> Vec<(&str, &str)> {
        found
            .iter()
            .map(|f| (f.code, f.file.as_deref().unwrap_or("")))
            .collect()
    }

    /// The glob that ran for minutes: answered, and the key a second glob
    /// copies is found.
    #[test]
    fn adversarial_copy_sources_are_judged() {
        let key = format!("{}.key", "a".repeat(56));
        let dockerfile = format!(
            "FROM scratch\nCOPY {}b /x/\nCOPY {}* /y/\n",
            "*a".repeat(40),
            "*a".repeat(40)
        );
        let found = findings(&[
            ("app/Dockerfile", dockerfile),
            (&format!("app/{key}"), String::new()),
        ]);
        assert_eq!(codes(&found), [("dockerfile-copies-key", "app/Dockerfile")]);
        let Problem::DockerfileCopiesContextKey { keys, .. } = &found[0].problem else {
            panic!("{found:?}");
        };
        assert_eq!(*keys, listed(&[&key], 0));
    }

    /// One finding per instruction, naming a few keys and counting the rest;
    /// another Dockerfile of the same context is warned of the same keys.
    #[test]
    fn keys_are_grouped_per_instruction() {
        let mut files = vec![
            (
                "Dockerfile",
                "FROM scratch\nCOPY . /app/\nCOPY ca-key.pem k.key /k/\n".to_owned(),
            ),
            ("Dockerfile.test", "FROM scratch\nRUN true\n".to_owned()),
            (".dockerignore", "*.md\n".to_owned()),
        ];
        let keys: Vec<String> = (0..12).map(|i| format!("certs/{i:02}-key.pem")).collect();
        files.extend(keys.iter().map(|k| (k.as_str(), String::new())));
        let found = findings(&files);
        assert_eq!(
            codes(&found),
            [
                ("dockerfile-copies-key", "Dockerfile"),
                ("dockerfile-copies-key", "Dockerfile"),
                ("build-context-key", "Dockerfile.test")
            ]
        );
        let first_five = [
            "certs/00-key.pem",
            "certs/01-key.pem",
            "certs/02-key.pem",
            "certs/03-key.pem",
            "certs/04-key.pem",
        ];
        assert_eq!(
            found[0].problem,
            Problem::DockerfileCopiesContextKey {
                path: "Dockerfile".into(),
                instruction: "COPY . /app/".into(),
                keys: listed(&first_five, 7),
                ignore_path: ".dockerignore".into(),
            }
        );
        assert_eq!(
            found[1].problem,
            Problem::DockerfileCopiesKey {
                path: "Dockerfile".into(),
                instruction: "COPY ca-key.pem k.key /k/".into(),
                keys: listed(&["ca-key.pem", "k.key"], 0),
                ca_key: true,
            }
        );
        assert_eq!(
            found[2].problem,
            Problem::BuildContextKey {
                path: "Dockerfile.test".into(),
                keys: listed(&first_five, 7),
                ignore_path: ".dockerignore".into(),
            }
        );
    }

    /// Rules × keys past the budget: the check stops, and says which
    /// Dockerfile it could not finish, as an error.
    #[test]
    fn too_much_matching_is_an_error_not_a_pass() {
        let rules: String = (0..1_000).map(|i| format!("n{i}*z\n")).collect();
        let mut files = vec![
            ("Dockerfile", "FROM scratch\nCOPY . /app/\n".to_owned()),
            (".dockerignore", rules),
        ];
        let keys: Vec<String> = (0..1_000).map(|i| format!("k/{i}.key")).collect();
        files.extend(keys.iter().map(|k| (k.as_str(), String::new())));
        let found = findings_within(1_000_000, &files);
        assert_eq!(codes(&found), [("images-not-checked", "Dockerfile")]);
        assert_eq!(found[0].severity, Severity::Error);
    }

    /// A compose file with hundreds of key volumes: 500 findings listed,
    /// errors first, the rest counted.
    #[test]
    fn findings_are_capped_errors_first() {
        let compose: String = (0..600)
            .map(|i| format!("      - ./k{i}.key:/k{i}.key:ro\n"))
            .collect();
        let dockerfile = "COPY a.key /\nCOPY b.key /\nCOPY c.key /\n".to_owned();
        let found = findings(&[("compose.yaml", compose), ("Dockerfile", dockerfile)]);
        assert_eq!(found.len(), MAX_FINDINGS + 1);
        let errors = found.iter().filter(|f| f.severity == Severity::Error);
        assert_eq!(errors.count(), 3);
        let last = &found[MAX_FINDINGS];
        assert_eq!(last.code, "images-not-listed");
        assert_eq!(last.severity, Severity::Warning);
        assert_eq!(
            last.problem,
            Problem::ImagesNotListed {
                errors: 0,
                warnings: 103,
                most: MAX_FINDINGS
            }
        );
    }

    /// Long instructions and names are shown shortened, their ends kept.
    #[test]
    fn long_text_is_shortened() {
        let name = format!("{}-key.pem", "x".repeat(100_000));
        let found = findings(&[("Dockerfile", format!("COPY {name} /k/\n"))]);
        assert_eq!(codes(&found), [("dockerfile-copies-key", "Dockerfile")]);
        let Problem::DockerfileCopiesKey {
            instruction, keys, ..
        } = &found[0].problem
        else {
            panic!("{found:?}");
        };
        for shown in [instruction, &keys.shown[0]] {
            assert!(shown.len() <= SHOWN + 4, "{}", shown.len());
            assert!(shown.contains("xx…xx"), "{shown}");
        }
        assert!(keys.shown[0].ends_with("xx-key.pem"));
        assert_eq!(
            short("日本語".repeat(100).as_str())
                .chars()
                .filter(|c| *c == '…')
                .count(),
            1
        );
    }

    /// A real project beside a bundle for 5,000 hosts (10,000 keys) and a
    /// .dockerignore of 30 rules is checked to the end, well within the
    /// budget.
    #[test]
    fn a_large_real_project_is_checked_to_the_end() {
        let mut ignore: String = (0..29).map(|i| format!("docs/**/*.{i}\n")).collect();
        ignore.push_str("**/*key.pem\n!server/docker1.example.com/server-key.pem\n");
        let mut files = vec![
            (
                "Dockerfile",
                "FROM scratch\nCOPY . /app/\nCOPY --from=x / /\n".to_owned(),
            ),
            (".dockerignore", ignore),
        ];
        let keys: Vec<String> = (1..=5_000)
            .flat_map(|i| {
                [
                    format!("server/docker{i}.example.com/server-key.pem"),
                    format!("client/user{i}/key.pem"),
                ]
            })
            .collect();
        files.extend(keys.iter().map(|k| (k.as_str(), String::new())));
        let found = findings_within(STEPS / 10, &files);
        assert_eq!(codes(&found), [("dockerfile-copies-key", "Dockerfile")]);
        let Problem::DockerfileCopiesContextKey { keys, .. } = &found[0].problem else {
            panic!("{found:?}");
        };
        assert_eq!(
            *keys,
            listed(&["server/docker1.example.com/server-key.pem"], 0)
        );
    }
}
