//! The architecture, checked (docs/ARCHITECTURE.md): no module of any crate
//! uses, directly or through others, a module that uses it back, and each
//! part of the core uses only the parts below it. Read from the sources'
//! `use` lines (tests aside), as a reviewer would.

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::fs;
    use std::path::Path;

    use crate::cmd::root;

    /// The core's parts, bottom first: each may use only those before it.
    const CORE_LAYERS: [&str; 9] = [
        "lang", "show", "pki", "plan", "import", "docker", "bundle", "inspect", "rotate",
    ];

    /// Module path ("a::b") -> the modules its `use` lines name.
    fn uses(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
        let mut files = Vec::new();
        collect(src, &mut files);
        let module_of = |p: &Path| -> Vec<String> {
            let rel = p.strip_prefix(src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .iter()
                .map(|s| s.to_string_lossy().into_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            parts
        };
        let modules: BTreeSet<String> = files.iter().map(|f| module_of(f).join("::")).collect();
        let mut graph = BTreeMap::new();
        for file in &files {
            let here = module_of(file);
            let text = without_tests_and_comments(&fs::read_to_string(file).unwrap());
            let mut deps = BTreeSet::new();
            for path in use_paths(&text) {
                let mut segs: Vec<String> = path.split("::").map(str::to_owned).collect();
                let mut target = match segs.first().map(String::as_str) {
                    Some("crate") => Vec::new(),
                    Some("self") => here.clone(),
                    Some("super") => here.clone(),
                    _ => {
                        // A bare path starts at a child module, or at a crate.
                        let child = [here.clone(), vec![segs[0].clone()]].concat().join("::");
                        if !modules.contains(&child) {
                            continue;
                        }
                        here.clone()
                    }
                };
                let mut start = usize::from(matches!(segs[0].as_str(), "crate" | "self"));
                while segs.get(start).map(String::as_str) == Some("super") {
                    target.pop();
                    start += 1;
                }
                target.extend(segs.drain(start..));
                while !target.is_empty() {
                    let name = target.join("::");
                    if modules.contains(&name) {
                        if name != here.join("::") {
                            deps.insert(name);
                        }
                        break;
                    }
                    target.pop();
                }
            }
            graph.insert(here.join("::"), deps);
        }
        graph
    }

    fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The source before its test modules, without comments.
    fn without_tests_and_comments(text: &str) -> String {
        let mut code = String::new();
        let mut lines = text.lines().peekable();
        while let Some(line) = lines.next() {
            let next = lines.peek().map(|l| l.trim()).unwrap_or_default();
            if line.trim() == "#[cfg(test)]" && next.contains("mod ") && next.ends_with('{') {
                break;
            }
            code.push_str(line.split("//").next().unwrap_or_default());
            code.push('\n');
        }
        code
    }

    /// Every path a `use` names, braces expanded one level.
    fn use_paths(code: &str) -> Vec<String> {
        let mut paths = Vec::new();
        for stmt in code.split(';') {
            let Some(at) = stmt.find("use ") else {
                continue;
            };
            if !stmt[..at].trim().is_empty()
                && !stmt[..at].trim().ends_with("pub")
                && !stmt[..at].trim().ends_with(')')
            {
                continue;
            }
            let body: String = stmt[at + 4..].split_whitespace().collect();
            match body.split_once("::{") {
                Some((prefix, rest)) => {
                    for item in rest.trim_end_matches('}').split(',') {
                        let item = item.split(" as ").next().unwrap_or_default();
                        let item = item.trim_start_matches('{');
                        if !item.is_empty() && item != "self" {
                            paths.push(format!("{prefix}::{item}"));
                        } else if item == "self" {
                            paths.push(prefix.to_owned());
                        }
                    }
                }
                None => paths.push(body.split(" as ").next().unwrap_or_default().to_owned()),
            }
        }
        paths
    }

    fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<(String, String)> {
        let reaches = |from: &str, to: &str| {
            let mut seen = BTreeSet::new();
            let mut todo = vec![from.to_owned()];
            while let Some(m) = todo.pop() {
                if m == to {
                    return true;
                }
                for next in graph.get(&m).into_iter().flatten() {
                    if seen.insert(next.clone()) {
                        todo.push(next.clone());
                    }
                }
            }
            false
        };
        let mut found = Vec::new();
        for (a, deps) in graph {
            for b in deps {
                if reaches(b, a) {
                    found.push((a.clone(), b.clone()));
                }
            }
        }
        found
    }

    #[test]
    fn no_module_uses_one_that_uses_it_back() {
        for src in [
            "crates/dockcert-core/src",
            "crates/dockcert-cli/src",
            "web/src",
            "crates/xtask/src",
            "tests/src",
        ] {
            let graph = uses(&root().join(src));
            assert!(graph.len() > 3, "{src}: no modules read");
            assert_eq!(cycles(&graph), [], "import circles in {src}");
        }
    }

    #[test]
    fn each_part_of_the_core_uses_only_the_parts_below_it() {
        let graph = uses(&root().join("crates/dockcert-core/src"));
        let layer = |m: &str| {
            CORE_LAYERS
                .iter()
                .position(|l| m.split("::").next() == Some(*l))
        };
        let mut upward = Vec::new();
        for (from, deps) in &graph {
            for to in deps {
                if let (Some(a), Some(b)) = (layer(from), layer(to)) {
                    if b > a {
                        upward.push(format!("{from} uses {to}"));
                    }
                }
            }
        }
        assert_eq!(upward, Vec::<String>::new());
        // The check sees real edges: the bundle uses the plan.
        assert!(graph["bundle::assemble"]
            .iter()
            .any(|d| d.starts_with("plan")));
    }
}
