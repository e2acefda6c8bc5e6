//! Dockerfiles and compose files that would put a private key where it
//! does not belong: `COPY`/`ADD` of a key into an image (every layer keeps
//! it, and everyone who pulls the image has it), a key in the build context
//! that no `.dockerignore` keeps out (it is sent to the builder, and one
//! `COPY .` bakes it in), and a compose volume that mounts the CA key (or a
//! key file) into a container.

use super::input::{base_name, dir_name, InputFile};
use super::report::{FileSummary, Findings};

/// Whether a file's name says it holds a private key: `key.pem`,
/// `*-key.pem` (dockcert's and the openssl recipe's names) or `*.key`.
fn key_name(name: &str) -> bool {
    name == "key.pem" || name.ends_with("-key.pem") || name.ends_with(".key")
}

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
/// Dockerfiles and compose files.
pub(crate) fn check(files: &[InputFile], summaries: &mut [FileSummary], findings: &mut Findings) {
    let keys: Vec<&str> = files
        .iter()
        .zip(summaries.iter())
        .filter(|(f, s)| s.kind.contains("private key") || key_name(base_name(&f.path)))
        .map(|(f, _)| f.path.as_str())
        .collect();
    for (file, summary) in files.iter().zip(summaries.iter_mut()) {
        let name = base_name(&file.path);
        if is_dockerfile(name) {
            summary.kind = "Dockerfile".into();
            dockerfile(file, files, &keys, findings);
        } else if is_compose(name) {
            summary.kind = "compose file".into();
            compose(file, findings);
        } else if name == ".dockerignore" {
            summary.kind = ".dockerignore".into();
        }
    }
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

/// `path` cleaned for matching: no leading `./` or `/`.
fn clean(path: &str) -> &str {
    let mut p = path;
    loop {
        if let Some(rest) = p.strip_prefix("./") {
            p = rest;
        } else if let Some(rest) = p.strip_prefix('/') {
            p = rest;
        } else {
            return p.trim_end_matches('/');
        }
    }
}

/// Whether the glob `pattern` (`*`, `?` within a name, `**` across folders)
/// matches `path` or one of its parent folders.
fn covers(pattern: &str, path: &str) -> bool {
    let pattern = clean(pattern);
    if pattern.is_empty() || pattern == "." {
        return true;
    }
    let pat: Vec<&str> = pattern.split('/').collect();
    let segs: Vec<&str> = path.split('/').collect();
    (1..=segs.len()).any(|n| segments_match(&pat, &segs[..n]))
}

fn segments_match(pat: &[&str], segs: &[&str]) -> bool {
    match pat.split_first() {
        None => segs.is_empty(),
        Some((&"**", rest)) => (0..=segs.len()).any(|skip| segments_match(rest, &segs[skip..])),
        Some((p, rest)) => match segs.split_first() {
            Some((s, tail)) => {
                name_matches(p.as_bytes(), s.as_bytes()) && segments_match(rest, tail)
            }
            None => false,
        },
    }
}

fn name_matches(p: &[u8], s: &[u8]) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some((b'*', rest)) => (0..=s.len()).any(|skip| name_matches(rest, &s[skip..])),
        Some((b'?', rest)) => !s.is_empty() && name_matches(rest, &s[1..]),
        Some((c, rest)) => s.first() == Some(c) && name_matches(rest, &s[1..]),
    }
}

/// Whether `.dockerignore`'s rules keep `path` out of the build context:
/// the last rule that matches decides, `!` rules let a path back in.
fn ignored(rules: &[&str], path: &str) -> bool {
    let mut out = false;
    for rule in rules {
        let (keep, pattern) = match rule.strip_prefix('!') {
            Some(p) => (true, p.trim()),
            None => (false, *rule),
        };
        if covers(pattern, path) {
            out = !keep;
        }
    }
    out
}

fn dockerfile(file: &InputFile, files: &[InputFile], keys: &[&str], findings: &mut Findings) {
    let text = String::from_utf8_lossy(&file.bytes);
    let context = dir_name(&file.path);
    let in_context = |path: &str| -> Option<String> {
        if context.is_empty() {
            Some(path.to_owned())
        } else {
            path.strip_prefix(context)
                .and_then(|p| p.strip_prefix('/'))
                .map(str::to_owned)
        }
    };
    let ignore_path = if context.is_empty() {
        ".dockerignore".to_owned()
    } else {
        format!("{context}/.dockerignore")
    };
    let ignore_text = files
        .iter()
        .find(|f| f.path == ignore_path)
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .unwrap_or_default();
    let rules: Vec<&str> = ignore_text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let exposed: Vec<(String, &str)> = keys
        .iter()
        .filter_map(|k| in_context(k).map(|rel| (rel, *k)))
        .filter(|(rel, _)| !ignored(&rules, rel))
        .collect();
    let mut copied = Vec::new();
    for instruction in instructions(&text) {
        let Some(sources) = copy_sources(&instruction) else {
            continue;
        };
        for source in &sources {
            if key_name(base_name(clean(source))) {
                findings.error(
                    "dockerfile-copies-key",
                    Some(&file.path),
                    format!("`{instruction}` puts the private key {source} into the image: every layer keeps it, and anyone who can pull the image has the key"),
                    Some(key_fix(source)),
                );
                continue;
            }
            for (rel, path) in &exposed {
                if covers(source, rel) && !copied.contains(path) {
                    copied.push(*path);
                    findings.error(
                        "dockerfile-copies-key",
                        Some(&file.path),
                        format!("`{instruction}` copies the private key {rel} from the build context into the image: no .dockerignore rule keeps it out"),
                        Some(format!("Add `{rel}` (or `**/*key.pem`) to {ignore_path} so it never reaches the builder, move keys out of the build context, and give the container its key at run time (a read-only volume or a secret). An image already built keeps the key: rebuild it, and renew the key (dockcert renew).")),
                    );
                }
            }
        }
    }
    for (rel, path) in exposed {
        if !copied.contains(&path) {
            findings.warning(
                "build-context-key",
                Some(&file.path),
                format!("the private key {rel} is in this Dockerfile's build context and no .dockerignore rule keeps it out: `docker build` sends it to the builder, and one `COPY .` puts it in the image"),
                Some(format!("Add `{rel}` (or `**/*key.pem`) to {ignore_path}, or keep keys outside the folder you build.")),
            );
        }
    }
}

fn key_fix(source: &str) -> String {
    if base_name(clean(source)) == "ca-key.pem" {
        "Never put the CA key in an image or on a Docker host: it signs certificates every host trusts. Remove the line, rebuild, and since the key is in the old image's layers, make a new CA (dockcert new) and new certificates.".into()
    } else {
        "Remove the line and give the container its key at run time: a read-only volume (`-v /etc/docker/server-key.pem:/certs/key.pem:ro`) or a secret; for a build step, `RUN --mount=type=secret,id=key`. The old image's layers keep the key: renew it (dockcert renew).".into()
    }
}

/// Compose volumes that mount a key file: the short form `- SRC:DST[:MODE]`
/// and the long form `source: SRC`.
fn compose(file: &InputFile, findings: &mut Findings) {
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
        let at = format!("line {}: {}", n + 1, item);
        if name == "ca-key.pem" {
            findings.error(
                "compose-mounts-key",
                Some(&file.path),
                format!("{at}: mounts the CA key into a container: whoever controls the container can sign certificates every Docker host trusts"),
                Some("Remove the volume: the CA key stays offline, and only `dockcert issue`/`renew` on the offline machine uses it.".into()),
            );
        } else {
            findings.warning(
                "compose-mounts-key",
                Some(&file.path),
                format!("{at}: mounts the private key {source} into a container"),
                Some("If the container needs it, mount it read-only (`:ro`) from a folder only root can read, or use a compose secret; otherwise remove the volume.".into()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_and_dockerignore_rules() {
        assert!(covers(".", "certs/key.pem"));
        assert!(covers("certs", "certs/key.pem"));
        assert!(covers("./certs/", "certs/key.pem"));
        assert!(covers("*.pem", "key.pem"));
        assert!(!covers("*.pem", "certs/key.pem"));
        assert!(covers("**/*.pem", "certs/key.pem"));
        assert!(covers("**/*key.pem", "a/b/server-key.pem"));
        assert!(!covers("app", "certs/key.pem"));
        assert!(ignored(&["*.pem"], "key.pem"));
        assert!(!ignored(&["*.pem", "!key.pem"], "key.pem"));
        assert!(ignored(&["certs"], "certs/key.pem"));
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
