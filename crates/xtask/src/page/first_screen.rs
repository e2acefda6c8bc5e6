//! The page's first screen, rendered ahead of time: the app's first render
//! in English and Chinese (web/src/bin/prerender.rs), the `<template>`s
//! that hold them, and the first script that shows one at once and then
//! starts the wasm's loader.

use crate::cmd::command;

/// The app's first screen in `lang` (`en` or `zh`), rendered natively
/// ahead of time by web/src/bin/prerender.rs, with `commit` in its footer:
/// the one the page's wasm is built from ([`crate::repro::commit`], which
/// [`crate::repro::apply`] gives Trunk's build, "HEAD-dirty" when files
/// differ from HEAD, which the provenance crate alone cannot see), or the
/// first screen would name another commit than the app that replaces it.
/// It is built as the tests build natively (no `DOCKCERT_COMMIT` in its
/// environment), so the two share the core's build.
pub(super) fn prerender(lang: &str, commit: &str) -> Result<String, String> {
    let mut run = command(
        "cargo",
        &[
            "run",
            "--quiet",
            "-p",
            "dockcert-web",
            "--features",
            "ssr",
            "--bin",
            "prerender",
            "--",
            lang,
            commit,
        ],
    );
    let out = run
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("could not start the prerender: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "the prerender of the {lang} first screen failed ({})",
            out.status
        ));
    }
    String::from_utf8(out.stdout).map_err(|_| "the prerender printed text that is not UTF-8".into())
}

/// The two `<template>`s of the first screen and [`SHOW_FIRST`], which
/// shows the one in the browser's language at once. `render` gives the
/// markup of a language.
pub(super) fn first_screens(
    render: impl Fn(&str) -> Result<String, String>,
) -> Result<String, String> {
    let mut out = String::new();
    for lang in ["en", "zh"] {
        let markup = render(lang)?;
        if !markup.starts_with("<div class=\"app\">") {
            return Err(format!(
                "the {lang} first screen does not start with the app's <div>"
            ));
        }
        for bad in ["<script", "</template", "<style", "<!--"] {
            if markup.contains(bad) {
                return Err(format!("the {lang} first screen contains {bad}"));
            }
        }
        out.push_str(&format!(
            "<template id=\"dockcert-{lang}\">{markup}</template>"
        ));
    }
    out.push_str(&format!("<script>{SHOW_FIRST}</script>"));
    Ok(out)
}

/// Shows the first screen in the browser's language (the rule of
/// `Lang::from_tag`) while the wasm is unpacked and compiled, which takes
/// Firefox longer than a person takes to see the form, and records the
/// buttons clicked until the app starts (`data-early-clicks` on `#app`),
/// for the app to click again; what is typed, ticked and opened the app
/// reads from the form itself. `<body data-shown-ms>` marks when the form
/// was first on screen.
///
/// Only then does it start the loader (the glue and [`super::LOADER`], kept inert
/// in `<script type="text/plain" id="dockcert-loader">`) as a module
/// script, once the document is parsed: a module script waiting in the
/// page cost Firefox 10 to 20 ms before the form's first frame
/// (docs/BENCHMARKS.md). The policy's hash of the loader's text allows the
/// module made of it. A browser without WebAssembly keeps the loading line,
/// which the loader, started at once, replaces with why dockcert cannot
/// start.
pub(super) const SHOW_FIRST: &str = r#"
(() => {
  const load = () => {
    const loader = document.getElementById('dockcert-loader');
    const module = document.createElement('script');
    module.type = 'module';
    module.textContent = loader.textContent;
    loader.remove();
    document.body.append(module);
  };
  const loadWhenParsed = () => {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', load);
    else load();
  };
  const root = document.getElementById('app');
  const zh = /^\s*zh/i.test(navigator.language || '');
  const form = document.getElementById(zh ? 'dockcert-zh' : 'dockcert-en');
  if (!root || !form || typeof WebAssembly !== 'object' || typeof DecompressionStream !== 'function') {
    loadWhenParsed();
    return;
  }
  root.replaceChildren(form.content.cloneNode(true));
  document.documentElement.lang = zh ? 'zh-CN' : 'en';
  const clicks = [];
  root.firstElementChild.addEventListener('click', (e) => {
    const button = e.target.closest('button');
    if (!button) return;
    clicks.push([...root.querySelectorAll('button')].indexOf(button));
    root.setAttribute('data-early-clicks', clicks.join(' '));
  });
  requestAnimationFrame(() => setTimeout(() => {
    document.body.setAttribute('data-shown-ms', performance.now().toFixed(1));
    loadWhenParsed();
  }));
})();
"#;
