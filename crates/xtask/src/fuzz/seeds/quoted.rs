//! The seeds users' own words give: the fleet files, command lines and
//! docker messages that the README, the CLI's help, the core and the tests
//! quote.

use std::fs;

use crate::cmd::root;

/// The sources whose quoted fleet files, command lines and docker messages
/// become seeds, with a line each must hold (the test below checks both, so
/// a moved file fails here, not in a fuzz run).
const FLEET_SOURCES: [&str; 2] = ["tests/tests/fleet_firewall.rs", FLEET_DOCS];
const FLEET_DOCS: &str = "crates/dockcert-core/src/plan/fleet/mod.rs";
const COMMAND_SOURCES: [&str; 2] = ["README.md", "crates/dockcert-cli/src/cli/examples.rs"];
const EXPLAIN_SOURCE: &str = "crates/dockcert-core/src/inspect/explain.rs";

/// What the README, the CLI's help, the core and the tests quote: fleet
/// files, command lines (as `plan_request` lines) and docker's error
/// messages, each as (target, file name, contents).
pub(super) fn quoted() -> Result<Vec<(&'static str, String, String)>, String> {
    let mut seeds = Vec::new();
    let read = |rel: &str| fs::read_to_string(root().join(rel)).map_err(|e| format!("{rel}: {e}"));
    let mut fleets = readme_fleets()?;
    for rel in FLEET_SOURCES {
        fleets.extend(
            raw_strings(&read(rel)?)
                .into_iter()
                .filter(|s| s.contains("[[host]]") || s.contains("[ca]")),
        );
    }
    fleets.extend(fenced(&read(FLEET_DOCS)?, "//! ```toml"));
    for (i, fleet) in fleets.into_iter().enumerate() {
        seeds.push(("fleet", format!("quoted-{i}.toml"), fleet));
    }

    let mut commands = Vec::new();
    for rel in COMMAND_SOURCES {
        commands.extend(command_lines(&read(rel)?));
    }
    for (i, line) in commands.iter().enumerate() {
        if let Some(request) = plan_lines(line) {
            seeds.push(("plan_request", format!("command-{i}.txt"), request));
        }
    }

    let mut messages: Vec<String> = Vec::new();
    for line in read("README.md")?.lines() {
        if let Some((_, quoted)) = line.split_once("--explain '") {
            messages.extend(quoted.split('\'').next().map(str::to_owned));
        }
    }
    let explain = read(EXPLAIN_SOURCE)?;
    for line in explain.lines().map(str::trim) {
        if let Some(rest) = line
            .strip_prefix("matched: \"")
            .or_else(|| line.strip_prefix("(\""))
        {
            messages.extend(string_literal(rest));
        }
    }
    for (i, message) in messages.into_iter().enumerate() {
        seeds.push(("explain", format!("quoted-{i}.txt"), message));
    }
    Ok(seeds)
}

/// The README's fleet files (its ```toml blocks).
pub(super) fn readme_fleets() -> Result<Vec<String>, String> {
    let readme = fs::read_to_string(root().join("README.md")).map_err(|e| e.to_string())?;
    Ok(fenced(&readme, "```toml"))
}

/// The blocks fenced by a line `open` (trimmed) and a closing line of
/// three backticks, their indentation and `//! ` prefixes removed.
fn fenced(text: &str, open: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let line = line.trim_start();
        let content = match line.strip_prefix("//!") {
            Some(rest) => rest.strip_prefix(' ').unwrap_or(rest),
            None => line,
        };
        let bare = content.trim();
        match current.as_mut() {
            None if line.trim() == open => current = Some(String::new()),
            None => {}
            Some(block) if bare == "```" => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(content);
                block.push('\n');
            }
        }
    }
    blocks
}

/// The contents of every `r#"..."#` in Rust source.
fn raw_strings(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find("r#\"") {
        let body = &rest[start + 3..];
        let Some(end) = body.find("\"#") else { break };
        found.push(body[..end].to_owned());
        rest = &body[end + 2..];
    }
    found
}

/// The text of a Rust string literal whose opening quote is already read.
fn string_literal(rest: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => out.push(chars.next()?),
            c => out.push(c),
        }
    }
    None
}

/// Every `dockcert new` or `dockcert issue` command line in `text`, with
/// its backslash continuations joined (and `\\` in Rust strings undone).
fn command_lines(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let line = line.trim().replace("\\\\", "\\");
        let start = line
            .find("dockcert new ")
            .or_else(|| line.find("dockcert issue "));
        let part = match (&current, start) {
            (None, Some(at)) => &line[at..],
            (Some(_), _) => line.as_str(),
            (None, None) => continue,
        };
        let (part, more) = match part.strip_suffix('\\') {
            Some(p) => (p, true),
            None => (part, false),
        };
        let joined = current.take().unwrap_or_default() + part + " ";
        if more {
            current = Some(joined);
        } else {
            found.push(joined);
        }
    }
    found
}

/// A command line as `plan_request` input: `--flag value` as `flag=value`
/// lines (comma lists of `--allow-from` split, as clap splits them), and
/// `existing-ca` for `dockcert issue`. `None` if it has no flag the plan reads.
fn plan_lines(command: &str) -> Option<String> {
    const FLAGS: &[&str] = &[
        "server",
        "client",
        "key-type",
        "days",
        "ca-days",
        "ca-name",
        "subject-org",
        "subject-unit",
        "subject-country",
        "listen",
        "install-dir",
        "allow-from",
    ];
    let words: Vec<&str> = command.split_whitespace().collect();
    let mut lines = Vec::new();
    if command.contains("dockcert issue") {
        lines.push("existing-ca".to_owned());
    }
    for pair in words.windows(2) {
        let Some(flag) = pair[0].strip_prefix("--") else {
            continue;
        };
        if !FLAGS.contains(&flag) {
            continue;
        }
        let value = pair[1].trim_matches(|c| c == '"' || c == '\'');
        if flag == "allow-from" {
            lines.extend(value.split(',').map(|v| format!("{flag}={v}")));
        } else {
            lines.push(format!("{flag}={value}"));
        }
    }
    (!lines.is_empty()).then(|| lines.join("\n") + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every source the quoted seeds come from is where they are read, and
    /// still quotes what is taken from it.
    #[test]
    fn the_quoted_sources_are_there_and_quote_what_is_taken() {
        let read = |rel: &str| fs::read_to_string(root().join(rel)).unwrap();
        for rel in FLEET_SOURCES {
            assert!(read(rel).contains("[[host]]"), "{rel} quotes no fleet file");
        }
        assert!(!fenced(&read(FLEET_DOCS), "//! ```toml").is_empty());
        for rel in COMMAND_SOURCES {
            assert!(
                !command_lines(&read(rel)).is_empty(),
                "{rel} quotes no dockcert command"
            );
        }
        assert!(read(EXPLAIN_SOURCE).contains("matched: \""));
    }
}
