//! The page's section of docs/BENCHMARKS.md: its size, and its times in
//! each browser against an empty page and a bare form, and the goals.

use std::fmt::Write as _;

use super::sample::{ratio, secs, verdict, Sample};

/// The page's times in one browser.
pub(crate) struct PageRuns {
    /// How the report names the browser ("headless Firefox ESR").
    pub(crate) browser: &'static str,
    /// Open to its first frame for an empty page, alternated with the
    /// page's runs.
    pub(crate) empty: Sample,
    /// The same for the empty page with one bare control of each kind the
    /// page's form has: the floor of any form.
    pub(crate) bare_form: Sample,
    /// Per key type.
    pub(crate) cases: Vec<PageCase>,
    /// Open to the form on screen in a brand-new profile: the browser's
    /// first start ever, which writes its profile meanwhile. The runs above
    /// use a copy of a profile the browser has started in once.
    pub(crate) new_profile: Sample,
    /// The same for the empty page.
    pub(crate) empty_new_profile: Sample,
}

/// The page's times for one key type.
#[derive(Default)]
pub(crate) struct PageCase {
    pub(crate) key_type: String,
    /// Open to the first screen on screen, taking input (`data-shown-ms`).
    pub(crate) shown: Sample,
    /// Open to the app running (`data-ready-ms`).
    pub(crate) ready: Sample,
    /// Click to download.
    pub(crate) made: Sample,
}

/// The heading of the page's section, which `cargo xtask bench --page`
/// rewrites.
pub(crate) const PAGE_HEADING: &str = "## The page (dist/dockcert.html)";

/// The page's section: its size, and its times in each browser against the
/// goals (RSA-4096 against the recipe's `recipe_rsa` seconds).
pub(crate) fn page_section(page_size: u64, page_runs: &[PageRuns], recipe_rsa: f64) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "{PAGE_HEADING}\n");
    if page_runs.is_empty() {
        let _ = writeln!(t, "Not measured in this run (`--no-page`).");
        return t;
    }
    let mib = page_size as f64 / 1024.0 / 1024.0;
    let _ = writeln!(
        t,
        "Size on disk: {} bytes ({mib:.2} MiB); goal <= 1.0 MiB: {}.",
        page_size,
        verdict(mib <= 1.0)
    );
    let _ = writeln!(
        t,
        "\nEach run starts the browser anew and opens the page from file://, in a copy of a profile\n\
         the browser has started in once before, on a page no run measures, as a person's browser has.\n\
         The row \"in a brand-new profile\" opens it at the browser's first start ever instead."
    );
    for runs in page_runs {
        page_table(&mut t, runs, recipe_rsa);
    }
    let _ = writeln!(
        t,
        "\nThe page's RSA keys come from WebCrypto (`generateKey`, all at once, off the main thread); its\n\
         ECDSA and Ed25519 keys from the core in wasm; the CA key's PBKDF2 from WebCrypto `deriveBits`\n\
         when available. The page stays responsive throughout (progress per key is shown while RSA keys\n\
         are made).\n\nCore micro-benchmarks: `cargo bench -p dockcert-core` (criterion: each key type's bundle,\n\
         the RSA prime search, the PBKDF2 step, zip writing, fleet sizes)."
    );
    t
}

/// The page's times in one browser, against the goals.
fn page_table(t: &mut String, runs: &PageRuns, recipe_rsa: f64) {
    let _ = writeln!(t, "\n### In {}\n", runs.browser);
    let _ = writeln!(t, "| measure | result | goal | |\n|---|---|---|---|");
    let all = |pick: fn(&PageCase) -> &Sample| {
        Sample(runs.cases.iter().flat_map(|c| pick(c).0.clone()).collect())
    };
    let (shown, ready) = (all(|c| &c.shown), all(|c| &c.ready));
    let _ = writeln!(
        t,
        "| open to usable form: the form on screen, taking input (`data-shown-ms`, after its first frame), in a profile the browser has started in before | {} | <= 150 ms | {} |",
        shown.show(),
        verdict(shown.median() <= 0.15)
    );
    let _ = writeln!(
        t,
        "| open to the app running: buttons answer, and what was typed, ticked or clicked before is carried into it (`data-ready-ms`) | {} | | |",
        ready.show()
    );
    let _ = writeln!(
        t,
        "| an empty page's first frame, opened the same way between those runs (the browser's own share) | {} | | |",
        runs.empty.show()
    );
    let _ = writeln!(
        t,
        "| the same empty page with one bare control of each kind the form has (a text box, a list, a password box, a checkbox, a button): any form's floor | {} | | |",
        runs.bare_form.show()
    );
    let _ = writeln!(
        t,
        "| the page's own share of usable (the medians' difference with the empty page; with the bare form) | {}; {} | | |",
        secs(shown.median() - runs.empty.median()),
        secs(shown.median() - runs.bare_form.median())
    );
    let _ = writeln!(
        t,
        "| the same in a brand-new profile, the browser's first start ever (it writes its profile as it opens the page): the form on screen; the empty page | {}; {} | | |",
        runs.new_profile.show(),
        runs.empty_new_profile.show()
    );
    for PageCase { key_type, made, .. } in &runs.cases {
        let (goal, ok) = match key_type.as_str() {
            "ecdsa-p256" => ("<= 300 ms".to_owned(), Some(made.median() <= 0.3)),
            "rsa-4096" => (
                format!(
                    "<= 0.75x the recipe's {}: {}",
                    secs(recipe_rsa),
                    ratio(made.median(), recipe_rsa)
                ),
                Some(made.median() / recipe_rsa <= 0.75),
            ),
            _ => (String::new(), None),
        };
        let _ = writeln!(
            t,
            "| {key_type} bundle, click to download, CA key encrypted | {} | {goal} | {} |",
            made.show(),
            ok.map(verdict).unwrap_or("")
        );
    }
}
