//! The globs of Dockerfile `COPY`/`ADD` sources and `.dockerignore` rules:
//! `*` and `?` within a name, `**` across folders, as Go's `filepath.Match`
//! and docker's `.dockerignore` read them (character classes and `\`
//! escapes aside: they are taken literally).
//!
//! Matching never backtracks more than one star deep: within a name, only
//! the last `*` seen is retried (the classic wildcard algorithm), and
//! across folders only the last `**`. A pattern of `p` characters against a
//! path of `n` takes at most about `p × n` steps, and every step is paid
//! from a [`Budget`] shared by the whole images check, so no set of
//! Dockerfiles, rules and paths can make it run long.

/// The steps left for the images check: matching characters, and looking
/// at a key for a Dockerfile. When they run out, the check stops and says
/// so.
#[derive(Debug)]
pub(super) struct Budget {
    left: u64,
}

/// The budget ran out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Spent;

impl Budget {
    pub(super) fn new(steps: u64) -> Self {
        Budget { left: steps }
    }

    /// Takes `n` steps, or says none are left.
    pub(super) fn spend(&mut self, n: u64) -> Result<(), Spent> {
        match self.left.checked_sub(n) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => {
                self.left = 0;
                Err(Spent)
            }
        }
    }
}

/// One folder level of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Level<'a> {
    /// `**`: any number of folders, none included.
    AnyFolders,
    /// A name, with `*` and `?` in it.
    Name(&'a str),
}

/// A `COPY` source or `.dockerignore` pattern, split into folder levels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Glob<'a> {
    /// The levels, then `**`: a pattern covers a path when it matches the
    /// path or one of its parent folders. `None` for a pattern that covers
    /// everything (`.`, `/`, the empty pattern).
    levels: Option<Vec<Level<'a>>>,
}

impl<'a> Glob<'a> {
    /// The pattern `text`, read as docker reads it: leading `./` and `/`,
    /// empty levels and `.` levels dropped.
    pub(super) fn new(text: &'a str) -> Self {
        let mut levels: Vec<Level<'a>> = clean(text)
            .split('/')
            .filter(|l| !l.is_empty() && *l != ".")
            .map(|l| {
                if l == "**" {
                    Level::AnyFolders
                } else {
                    Level::Name(l)
                }
            })
            .collect();
        if levels.is_empty() {
            return Glob { levels: None };
        }
        levels.push(Level::AnyFolders);
        Glob {
            levels: Some(levels),
        }
    }

    /// Whether the pattern matches `path` (relative, `/`-separated) or one
    /// of its parent folders.
    pub(super) fn covers(&self, path: &str, budget: &mut Budget) -> Result<bool, Spent> {
        match &self.levels {
            None => Ok(true),
            Some(levels) => levels_match(levels, path, budget),
        }
    }
}

/// `path` cleaned for matching: no leading `./` or `/`, no trailing `/`.
pub(super) fn clean(path: &str) -> &str {
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

/// Whether `levels` match all of `path`'s names: each `**` any run of
/// names, each other level one name. When a level fails, only the last `**`
/// takes one more name and the levels after it start again: an earlier `**`
/// taking more could only leave the later ones less room.
fn levels_match(levels: &[Level], path: &str, budget: &mut Budget) -> Result<bool, Spent> {
    // Names are found by where they start in `path`; past its end, none is left.
    let next = |at: usize| {
        path.as_bytes()[at..]
            .iter()
            .position(|b| *b == b'/')
            .map_or(path.len() + 1, |end| at + end + 1)
    };
    let (mut l, mut n) = (0, 0);
    // After the last `**` seen: the level after it, and the name where the
    // levels after it start when they are tried again.
    let mut retry: Option<(usize, usize)> = None;
    while n <= path.len() {
        budget.spend(1)?;
        match levels.get(l) {
            Some(Level::AnyFolders) => {
                l += 1;
                retry = Some((l, n));
                continue;
            }
            Some(Level::Name(pattern)) => {
                let after = next(n);
                if name_matches(pattern, &path[n..after - 1], budget)? {
                    l += 1;
                    n = after;
                    continue;
                }
            }
            None => {}
        }
        match retry {
            Some((level, from)) => {
                let from = next(from);
                retry = Some((level, from));
                l = level;
                n = from;
            }
            None => return Ok(false),
        }
    }
    Ok(levels[l..].iter().all(|level| *level == Level::AnyFolders))
}

/// Whether `pattern` matches all of `name`: `*` any run of characters,
/// `?` one character, anything else itself. When a character fails, only
/// the last `*` takes one more character.
fn name_matches(pattern: &str, name: &str, budget: &mut Budget) -> Result<bool, Spent> {
    let (p, s) = (pattern.as_bytes(), name.as_bytes());
    let (mut pi, mut si) = (0, 0);
    // After the last `*` seen: the pattern after it, and where in the name
    // the rest is tried next.
    let mut retry: Option<(usize, usize)> = None;
    while si < s.len() {
        budget.spend(1)?;
        match p.get(pi) {
            Some(b'*') => {
                pi += 1;
                retry = Some((pi, si));
                continue;
            }
            Some(b'?') => {
                pi += 1;
                si += char_len(s, si);
                continue;
            }
            // Byte for byte is character for character: both are UTF-8,
            // and `si` is always at the start of a character here.
            Some(c) if *c == s[si] => {
                pi += 1;
                si += 1;
                continue;
            }
            _ => {}
        }
        match retry {
            Some((after, from)) => {
                let from = from + char_len(s, from);
                retry = Some((after, from));
                pi = after;
                si = from;
            }
            None => return Ok(false),
        }
    }
    Ok(p[pi..].iter().all(|c| *c == b'*'))
}

/// The length of the UTF-8 character that starts at `s[i]`.
fn char_len(s: &[u8], i: usize) -> usize {
    let len = match s.get(i) {
        Some(b) if *b >= 0xF0 => 4,
        Some(b) if *b >= 0xE0 => 3,
        Some(b) if *b >= 0xC0 => 2,
        _ => 1,
    };
    len.min(s.len() - i.min(s.len())).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covers(pattern: &str, path: &str) -> bool {
        Glob::new(pattern)
            .covers(path, &mut Budget::new(u64::MAX))
            .unwrap()
    }

    /// What `covers` did before it stopped backtracking: every way of
    /// splitting the name among the stars, and the path among the `**`.
    /// Exponential, so only for the short cases below.
    fn old_covers(pattern: &str, path: &str) -> bool {
        fn segments_match(pat: &[&str], segs: &[&str]) -> bool {
            match pat.split_first() {
                None => segs.is_empty(),
                Some((&"**", rest)) => {
                    (0..=segs.len()).any(|skip| segments_match(rest, &segs[skip..]))
                }
                Some((p, rest)) => match segs.split_first() {
                    Some((s, tail)) => {
                        name_matches(
                            &p.chars().collect::<Vec<_>>(),
                            &s.chars().collect::<Vec<_>>(),
                        ) && segments_match(rest, tail)
                    }
                    None => false,
                },
            }
        }
        fn name_matches(p: &[char], s: &[char]) -> bool {
            match p.split_first() {
                None => s.is_empty(),
                Some(('*', rest)) => (0..=s.len()).any(|skip| name_matches(rest, &s[skip..])),
                Some(('?', rest)) => !s.is_empty() && name_matches(rest, &s[1..]),
                Some((c, rest)) => s.first() == Some(c) && name_matches(rest, &s[1..]),
            }
        }
        let pattern = clean(pattern);
        if pattern.is_empty() || pattern == "." {
            return true;
        }
        let pat: Vec<&str> = pattern.split('/').collect();
        let segs: Vec<&str> = path.split('/').collect();
        (1..=segs.len()).any(|n| segments_match(&pat, &segs[..n]))
    }

    #[test]
    fn globs_as_before() {
        assert!(covers(".", "certs/key.pem"));
        assert!(covers("", "certs/key.pem"));
        assert!(covers("/", "key.pem"));
        assert!(covers("certs", "certs/key.pem"));
        assert!(covers("./certs/", "certs/key.pem"));
        assert!(covers("*.pem", "key.pem"));
        assert!(!covers("*.pem", "certs/key.pem"));
        assert!(covers("**/*.pem", "certs/key.pem"));
        assert!(covers("**/*.pem", "key.pem"));
        assert!(covers("**/*key.pem", "a/b/server-key.pem"));
        assert!(covers("a/**/key.pem", "a/key.pem"));
        assert!(covers("a/**/key.pem", "a/b/c/key.pem"));
        assert!(!covers("a/**/key.pem", "b/a/key.pem"));
        assert!(covers("**", "a/b"));
        assert!(covers("a/**", "a/b"));
        assert!(covers("c?rts/k*y.p?m", "certs/key.pem"));
        assert!(!covers("c?rts", "crts/key.pem"));
        assert!(!covers("app", "certs/key.pem"));
        assert!(!covers("cert", "certs/key.pem"));
        assert!(!covers("certs/key.pem/x", "certs/key.pem"));
        // `?` is one character, as in Go's filepath.Match, not one byte.
        assert!(covers("k?y.pem", "kéy.pem"));
        assert!(covers("*é*", "kéy.pem"));
        assert!(!covers("k??y.pem", "kéy.pem"));
        // Empty and `.` levels are dropped, as filepath.Clean drops them.
        assert!(covers("certs//key.pem", "certs/key.pem"));
        assert!(covers("certs/./key.pem", "certs/key.pem"));
    }

    /// Every pattern of up to five symbols from `a`, `b`, `*`, `?`, `/`,
    /// `**/`, against every path of up to five characters from `a`, `b`,
    /// `/`: the same answers as the backtracking matcher gave.
    #[test]
    fn every_short_pattern_matches_as_the_backtracking_matcher_did() {
        fn words(symbols: &[&str], up_to: usize) -> Vec<String> {
            let mut all = vec![String::new()];
            let mut last = vec![String::new()];
            for _ in 0..up_to {
                last = last
                    .iter()
                    .flat_map(|w| symbols.iter().map(move |s| format!("{w}{s}")))
                    .collect();
                all.extend(last.iter().cloned());
            }
            all
        }
        let patterns = words(&["a", "b", "*", "?", "/", "**/"], 5);
        let paths: Vec<String> = words(&["a", "b", "/"], 5)
            .into_iter()
            // inspect's paths are relative and have no empty levels.
            .filter(|p| !p.is_empty() && !p.starts_with('/') && !p.ends_with('/'))
            .filter(|p| !p.contains("//"))
            .collect();
        let mut checked = 0;
        for pattern in &patterns {
            // The old matcher kept empty levels ("a//b" matched nothing);
            // they are dropped now, as docker drops them.
            if clean(pattern).contains("//") {
                continue;
            }
            for path in &paths {
                assert_eq!(
                    covers(pattern, path),
                    old_covers(pattern, path),
                    "{pattern:?} against {path:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 1_000_000, "only {checked} cases");
    }

    /// The patterns that made the backtracking matcher run for minutes take
    /// at most (pattern + 1) × (path + 1) steps.
    #[test]
    fn adversarial_patterns_take_few_steps() {
        fn steps(pattern: &str, path: &str, matches: bool) -> u64 {
            let mut budget = Budget::new(u64::MAX);
            assert_eq!(Glob::new(pattern).covers(path, &mut budget), Ok(matches));
            let used = u64::MAX - budget.left;
            let bound = (pattern.len() as u64 + 1) * (path.len() as u64 + 1);
            assert!(used <= bound, "{pattern:?}: {used} steps");
            used
        }
        let name = "a".repeat(60);
        let path = ["a"; 60].join("/");
        for stars in [8, 10, 20, 40] {
            steps(&format!("{}b", "*a".repeat(stars)), &name, false);
            steps(&format!("{}a", "*a".repeat(stars)), &name, true);
            steps(&format!("{}b", "**/a/".repeat(stars)), &path, false);
            steps(&format!("{}a", "**/*a*/".repeat(stars)), &path, true);
            steps(
                &format!("{}b/**", "**/*a*a*a*/".repeat(stars)),
                &path,
                false,
            );
        }
        // Long names: the worst case of the last-star algorithm.
        let name = "a".repeat(4096);
        assert!(steps(&format!("*{}b", "a".repeat(64)), &name, false) > 4096 * 32);
    }

    /// A pattern and a path too long for the steps left stop the match and
    /// say so, instead of finishing late.
    #[test]
    fn the_budget_stops_a_long_match() {
        let name = "a".repeat(65_536);
        let pattern = format!("*{}b", "a".repeat(1_000));
        let mut budget = Budget::new(1_000_000);
        assert_eq!(Glob::new(&pattern).covers(&name, &mut budget), Err(Spent));
        assert_eq!(budget.spend(1), Err(Spent));
    }
}
