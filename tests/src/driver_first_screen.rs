//! What the page driver does for a job with `"first_screen"`: the page's
//! first screen, rendered ahead of time (`<template id="dockcert-en">` and
//! `-zh`, shown by the page's first script while the wasm compiles), read
//! back beside the app that replaces it (tests/tests/page_first_screen.rs).
//!
//! Both kinds open `"held_page"`: a copy of the page whose module script
//! (the wasm's loader) first sets `window.dockcertHeld` and then waits for
//! a `dockcert-go` event, so the app starts exactly when the driver says.
//! - `"first_screen": "compare"`: the held copy's first screen before the
//!   app starts (`"early"`) and the app once it runs (`"released"`), then
//!   `"page"` itself, unmodified, once the app runs (`"running"`). Each
//!   gives `<html lang>`, `<body data-shown-ms>` and `data-ready-ms`, and
//!   the DOM under `#app` and of each template as lists of nodes
//!   ([`DESCRIBE`]).
//! - `"first_screen": "held"`: on the held copy's first screen, the job's
//!   `"early"` steps (`{"keys": CSS, "text": …}` typed by WebDriver into
//!   that control, `{"click": CSS}`), then the go; [`FACTS`] (values,
//!   boxes, focus and selection, texts) before the go (`"before"`) and once
//!   the app runs and its state has settled (`"after"`).

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::webdriver::Session;

/// How long the app may take to start (Firefox compiles the whole wasm
/// first, slower in a debug-built browser driver under load).
const START: Duration = Duration::from_secs(60);

/// Runs a `"first_screen"` job and returns its report.
pub fn drive(s: &Session, job: &Value) -> Result<Value, String> {
    let held = job["held_page"].as_str().ok_or("job.held_page")?;
    match job["first_screen"].as_str() {
        Some("compare") => compare(s, job, held),
        Some("held") => held_input(s, job, held),
        other => Err(format!("job.first_screen {other:?}: compare or held")),
    }
}

fn compare(s: &Session, job: &Value, held: &str) -> Result<Value, String> {
    open_held(s, held)?;
    let early = snapshot(s)?;
    go(s)?;
    let released = snapshot(s)?;
    let page = job["page"].as_str().ok_or("job.page")?;
    s.go(&format!("file://{page}"))?;
    wait_ready(s)?;
    let running = snapshot(s)?;
    Ok(json!({ "early": early, "released": released, "running": running }))
}

fn held_input(s: &Session, job: &Value, held: &str) -> Result<Value, String> {
    open_held(s, held)?;
    let steps = job["early"].as_array().ok_or("job.early")?;
    for step in steps {
        if let Some(css) = step["keys"].as_str() {
            // As a person types, special keys such as arrows included.
            let text = step["text"].as_str().ok_or("a keys step without text")?;
            s.send_keys(css, text)?;
        } else if let Some(css) = step["click"].as_str() {
            s.click(css)?;
        } else {
            return Err(format!("job.early: {step}: neither keys nor click"));
        }
    }
    let before = s.eval(FACTS)?;
    let clicks =
        s.eval("return document.getElementById('app').getAttribute('data-early-clicks')")?;
    let ready_before = s.eval("return document.body.getAttribute('data-ready-ms')")?;
    go(s)?;
    let after = settled(s)?;
    Ok(json!({
        "before": before,
        "early_clicks": clicks,
        "ready_before_go": ready_before,
        "after": after,
    }))
}

/// Opens the held copy and waits until its first screen is shown and its
/// module script waits for the go.
fn open_held(s: &Session, held: &str) -> Result<(), String> {
    s.go(&format!("file://{held}"))?;
    s.wait_for("return window.dockcertHeld === true", START)?;
    s.wait_for("return document.body.getAttribute('data-shown-ms')", START)?;
    Ok(())
}

/// Lets the held copy's app start, and waits until it runs.
fn go(s: &Session) -> Result<(), String> {
    s.eval("window.dispatchEvent(new Event('dockcert-go')); return true")?;
    wait_ready(s)
}

fn wait_ready(s: &Session) -> Result<(), String> {
    s.wait_for("return document.body.getAttribute('data-ready-ms')", START)
        .map(|_| ())
}

/// [`FACTS`] once two readings a tenth of a second apart agree: the app's
/// renders after its first (those the carried-over events cause, and the
/// `toggle` event a `<details>` fires later) are done.
fn settled(s: &Session) -> Result<Value, String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut last = s.eval(FACTS)?;
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let now = s.eval(FACTS)?;
        if now == last {
            return Ok(now);
        }
        if Instant::now() > deadline {
            return Err(format!("the page did not settle: {last} then {now}"));
        }
        last = now;
    }
}

fn snapshot(s: &Session) -> Result<Value, String> {
    s.eval(&format!(
        "{DESCRIBE}; return {{ \
           lang: document.documentElement.getAttribute('lang'), \
           shown_ms: document.body.getAttribute('data-shown-ms'), \
           ready_ms: document.body.getAttribute('data-ready-ms'), \
           app: describe(document.getElementById('app')), \
           en: describe(document.importNode(document.getElementById('dockcert-en').content, true)), \
           zh: describe(document.importNode(document.getElementById('dockcert-zh').content, true)) }}"
    ))
}

/// `describe(node)`: the nodes under `node` in document order, each element
/// as `{tag, ns, attrs: [[name, value]…] (sorted by name)}` with the
/// properties a control has besides its attributes (`value`, `checked`,
/// `selected`, `open`), then `{end: tag}` after its children; each run of
/// adjacent text nodes as one `{text}` (empty runs left out: how the text
/// is cut into nodes is not what a person sees); any other node as
/// `{other: nodeType}`. A template's content is imported into the page's
/// document first, where its controls have their properties.
const DESCRIBE: &str = r#"
const describe = (root) => {
  const out = [];
  const walk = (node) => {
    let text = '';
    const flush = () => { if (text) out.push({ text }); text = ''; };
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) { text += child.data; continue; }
      flush();
      if (child.nodeType !== Node.ELEMENT_NODE) { out.push({ other: child.nodeType }); continue; }
      const attrs = [...child.attributes].map((a) => [a.name, a.value])
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const el = { tag: child.localName, ns: child.namespaceURI, attrs };
      const tag = child.localName;
      if (tag === 'input' || tag === 'textarea' || tag === 'select') el.value = child.value;
      if (tag === 'input') el.checked = child.checked;
      if (tag === 'option') el.selected = child.selected;
      if (tag === 'details') el.open = child.open;
      out.push(el);
      walk(child);
      out.push({ end: tag });
    }
    flush();
  };
  walk(root);
  return out;
}"#;

/// What the form holds and says, read from the page as it is: each named
/// control's value, the no-passphrase box, the Advanced disclosure, the
/// focus and its selection, the language, and the lines that say what is
/// missing.
const FACTS: &str = r#"
const q = (css) => document.querySelector(css);
const value = (name) => { const el = q(`[name=${name}]`); return el ? el.value : null; };
const active = document.activeElement;
const grid = q('details.advanced .advanced-grid');
const why = q('#why-disabled');
const generate = q('[name=generate]');
return {
  lang: document.documentElement.getAttribute('lang'),
  pressed: [...document.querySelectorAll('.lang-button')].map((b) => [b.textContent, b.getAttribute('aria-pressed')]),
  form_title: q('#form-title') ? q('#form-title').textContent : null,
  server: value('server'),
  client: value('client'),
  passphrase: value('passphrase'),
  passphrase_confirm: value('passphrase-confirm'),
  no_passphrase: q('[name=no-passphrase]') ? q('[name=no-passphrase]').checked : null,
  advanced_open: q('details.advanced') ? q('details.advanced').open : null,
  advanced_fields: grid ? grid.querySelectorAll('input, select, textarea').length : 0,
  focus: active && active.getAttribute('name'),
  selection: active && 'selectionStart' in active
    ? [active.selectionStart, active.selectionEnd, active.selectionDirection] : null,
  why_disabled: why ? why.textContent : null,
  generate_disabled: generate ? generate.disabled : null,
  result: q('.result-panel') ? q('.result-panel').textContent : null,
  ready_ms: document.body.getAttribute('data-ready-ms'),
};"#;
