//! Dockerfiles and their build contexts: which keys a `.dockerignore`
//! leaves in the context, and which a `COPY`/`ADD` takes into the image.

use std::collections::HashMap;

use super::findings::{keys_listed, short, Out, LISTED};
use super::glob::{clean, Budget, Glob, Spent};
use crate::inspect::input::{base_name, InputFile};
use crate::inspect::problem::Problem;

/// Whether a file's name says it holds a private key: `key.pem`,
/// `*-key.pem` (dockcert's and the openssl recipe's names) or `*.key`.
pub(super) fn key_name(name: &str) -> bool {
    name == "key.pem" || name.ends_with("-key.pem") || name.ends_with(".key")
}

/// One build context: the folder of one or more Dockerfiles, its
/// `.dockerignore`, and the keys in it that no rule keeps out.
pub(super) struct Context<'a> {
    ignore_path: String,
    /// Each key's path in the context, and as given.
    exposed: Vec<(&'a str, &'a str)>,
}

impl<'a> Context<'a> {
    pub(super) fn new(
        dir: &str,
        ignores: &HashMap<&str, &InputFile>,
        keys: &[&'a str],
        budget: &mut Budget,
    ) -> Result<Self, Spent> {
        budget.spend(1)?;
        let (ignore_path, prefix) = if dir.is_empty() {
            (".dockerignore".to_owned(), String::new())
        } else {
            (format!("{dir}/.dockerignore"), format!("{dir}/"))
        };
        let text = ignores
            .get(ignore_path.as_str())
            .map(|f| String::from_utf8_lossy(&f.bytes))
            .unwrap_or_default();
        let rules = rules(&text);
        let first = keys.partition_point(|k| *k < prefix.as_str());
        let mut exposed = Vec::new();
        for path in &keys[first..] {
            let Some(rel) = path.strip_prefix(prefix.as_str()) else {
                break;
            };
            budget.spend(1)?;
            if !ignored(&rules, rel, budget)? {
                exposed.push((rel, *path));
            }
        }
        Ok(Context {
            ignore_path,
            exposed,
        })
    }
}

/// A `.dockerignore`'s rules, in order: whether each lets paths back in
/// (`!`), and its pattern.
fn rules(text: &str) -> Vec<(bool, Glob<'_>)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|rule| match rule.strip_prefix('!') {
            Some(p) => (true, Glob::new(p.trim())),
            None => (false, Glob::new(rule)),
        })
        .collect()
}

/// Whether `.dockerignore`'s rules keep `path` out of the build context:
/// the last rule that matches decides, `!` rules let a path back in.
fn ignored(rules: &[(bool, Glob)], path: &str, budget: &mut Budget) -> Result<bool, Spent> {
    for (keep, glob) in rules.iter().rev() {
        if glob.covers(path, budget)? {
            return Ok(!keep);
        }
    }
    Ok(false)
}

/// The instructions of a Dockerfile, continuation lines joined, comments dropped.
fn instructions(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if current.is_empty() && (trimmed.starts_with('#') || trimmed.is_empty()) {
            continue;
        }
        match trimmed.strip_suffix('\\') {
            Some(head) => {
                current.push_str(head.trim_end());
                current.push(' ');
            }
            None => {
                current.push_str(trimmed);
                out.push(std::mem::take(&mut current));
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The sources of a `COPY`/`ADD` (its arguments but the last), or `None`
/// for another instruction or a copy from another build stage.
fn copy_sources(instruction: &str) -> Option<Vec<String>> {
    let (word, rest) = instruction.split_once(char::is_whitespace)?;
    if !word.eq_ignore_ascii_case("COPY") && !word.eq_ignore_ascii_case("ADD") {
        return None;
    }
    let mut args: Vec<String> = Vec::new();
    let mut rest = rest.trim();
    while let Some(flag) = rest.strip_prefix("--") {
        let (f, tail) = flag.split_once(char::is_whitespace).unwrap_or((flag, ""));
        if f.starts_with("from=") {
            return None;
        }
        rest = tail.trim_start();
    }
    if rest.starts_with('[') {
        args = serde_json::from_str(rest).ok()?;
    } else {
        args.extend(rest.split_whitespace().map(str::to_owned));
    }
    args.pop()?;
    Some(args)
}

/// A Dockerfile's `COPY`/`ADD` lines: a source named like a key, or a
/// source that takes a key from the build context, is an error (one per
/// instruction); keys left in the context are a warning.
pub(super) fn dockerfile(
    file: &InputFile,
    context: &Context,
    budget: &mut Budget,
    out: &mut Out,
) -> Result<(), Spent> {
    budget.spend(1)?;
    let text = String::from_utf8_lossy(&file.bytes);
    let ignore_path = &context.ignore_path;
    // Which keys of the context this Dockerfile copies, and how many: made
    // at the first `COPY` that could copy one.
    let mut copied: Vec<bool> = Vec::new();
    let mut copies = 0;
    for instruction in instructions(&text) {
        let Some(sources) = copy_sources(&instruction) else {
            continue;
        };
        let shown = short(&instruction);
        let (named, globs): (Vec<&String>, Vec<&String>) =
            sources.iter().partition(|s| key_name(base_name(clean(s))));
        if !named.is_empty() {
            let names: Vec<&str> = named.iter().map(|s| s.as_str()).collect();
            out.add(Problem::DockerfileCopiesKey {
                path: file.path.clone(),
                instruction: shown.clone(),
                keys: keys_listed(&names, names.len()),
                ca_key: names.iter().any(|s| base_name(clean(s)) == "ca-key.pem"),
            });
        }
        let mut newly = Vec::new();
        for source in globs {
            if copied.is_empty() {
                budget.spend(context.exposed.len() as u64)?;
                copied = vec![false; context.exposed.len()];
            }
            let glob = Glob::new(source);
            for ((rel, _), copied) in context.exposed.iter().zip(copied.iter_mut()) {
                budget.spend(1)?;
                if !*copied && glob.covers(rel, budget)? {
                    *copied = true;
                    newly.push(*rel);
                }
            }
        }
        copies += newly.len();
        if !newly.is_empty() {
            out.add(Problem::DockerfileCopiesContextKey {
                path: file.path.clone(),
                instruction: shown,
                keys: keys_listed(&newly, newly.len()),
                ignore_path: ignore_path.clone(),
            });
        }
    }
    let left = context.exposed.len() - copies;
    if left > 0 {
        let names: Vec<&str> = context
            .exposed
            .iter()
            .enumerate()
            .filter(|(i, _)| !copied.get(*i).copied().unwrap_or(false))
            .map(|(_, (rel, _))| *rel)
            .take(LISTED)
            .collect();
        out.add(Problem::BuildContextKey {
            path: file.path.clone(),
            keys: keys_listed(&names, left),
            ignore_path: ignore_path.clone(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockerignore_rules() {
        let ignored = |text: &str, path: &str| {
            ignored(&rules(text), path, &mut Budget::new(u64::MAX)).unwrap()
        };
        assert!(ignored("*.pem", "key.pem"));
        assert!(!ignored("*.pem\n!key.pem", "key.pem"));
        assert!(ignored(
            "*.pem\n!key.pem\n# a comment\n\n  key.pem  ",
            "key.pem"
        ));
        assert!(ignored("certs", "certs/key.pem"));
        assert!(!ignored("certs\n! certs/key.pem", "certs/key.pem"));
        assert!(ignored("**/*key.pem", "a/b/server-key.pem"));
        assert!(!ignored("# key.pem", "key.pem"));
        assert!(!ignored("", "key.pem"));
    }

    #[test]
    fn copy_sources_skip_flags_and_other_stages() {
        assert_eq!(
            copy_sources("COPY --chown=1:1 a b /dst/").unwrap(),
            ["a", "b"]
        );
        assert_eq!(copy_sources("add [\"k.key\", \"/x\"]").unwrap(), ["k.key"]);
        assert!(copy_sources("COPY --from=build /app /app").is_none());
        assert!(copy_sources("RUN cp key.pem /").is_none());
        assert_eq!(
            instructions("# c\nCOPY a \\\n  b /d\nRUN x\n"),
            ["COPY a b /d", "RUN x"]
        );
    }
}
