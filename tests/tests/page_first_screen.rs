//! The page's first screen, rendered ahead of time, in Debian's Chromium and
//! Firefox ESR (offline, as the other page tests). The page carries the
//! app's first render in English and in Chinese (`<template
//! id="dockcert-en">`, `-zh`, made by web/src/bin/prerender.rs) and a first
//! script shows the one in the browser's language while the wasm compiles;
//! the app then replaces it with its own render and carries over what a
//! person did there (web/src/browser.rs).
//!
//! - That screen is the app's first render: the same elements in the same
//!   order, with the same attributes and text, in each language, as the
//!   running app shows; the first script set `<html lang>` as the app does
//!   and showed the template of the browser's language; `<body
//!   data-shown-ms>` is a time.
//! - What a person does there before the app starts is kept. The start is
//!   held: the test runs a copy of the page whose wasm loader first waits
//!   for an event the test sends ([`held_copy`]), so the typing surely
//!   happens before the app runs. Hosts, passphrases and a client typed by
//!   WebDriver's key events, Advanced opened or the no-passphrase box
//!   ticked, the other language's button clicked, the caret and a
//!   selection left in the Clients box: the app shows them all, and its
//!   state has them (Generate is enabled, nothing says a host is missing).

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use base64::Engine;
use dockcert_tests::page::{self, assert_offline_with};
use dockcert_tests::webdriver::Browser;
use dockcert_tests::{in_each_browser, new_dir, page_path};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

in_each_browser!(
    the_first_screen_is_the_apps_first_render_in_english,
    the_first_screen_is_the_apps_first_render_in_chinese,
    what_is_typed_opened_and_clicked_before_the_start_is_kept,
    a_box_ticked_before_the_start_stays_ticked,
);

/// What the held copy's module script does first: it says it waits, then
/// waits for the test's go.
const HOLD: &str = "window.dockcertHeld = true; await new Promise((go) => addEventListener('dockcert-go', go, { once: true }));";

/// A copy of the built page, in `dir`, whose loader (the wasm's module
/// script, kept as `<script type="text/plain" id="dockcert-loader">` until
/// the first script starts it) runs only once the page receives a
/// `dockcert-go` event
/// ([`HOLD`] before it), with that script's hash in the
/// Content-Security-Policy replaced by the new text's, so the browser runs
/// it (a wrong hash is a console error, which [`assert_offline_with`]
/// refuses, and the app would never start).
fn held_copy(dir: &Path) -> PathBuf {
    let html = std::fs::read_to_string(page_path()).unwrap();
    let open = "<script type=\"text/plain\" id=\"dockcert-loader\">";
    assert_eq!(html.matches(open).count(), 1, "one loader");
    let from = html.find(open).unwrap() + open.len();
    let to = from + html[from..].find("</script>").unwrap();
    let script = &html[from..to];
    // The policy lists the first script's hash, the module's, the style's.
    let csp = html
        .find("http-equiv=\"Content-Security-Policy\" content=\"")
        .expect("the page has a policy");
    let csp_end = csp + html[csp..].find("\">").unwrap();
    let policy = &html[csp..csp_end];
    let hashes: Vec<&str> = policy
        .split('\'')
        .filter(|w| w.starts_with("sha256-"))
        .collect();
    assert_eq!(hashes.len(), 3, "{policy}");
    assert_eq!(
        hashes[1],
        csp_hash(script),
        "the module script's hash is the second"
    );
    let copy = format!(
        "{}{}{}{HOLD}{}",
        &html[..csp],
        policy.replace(hashes[1], &csp_hash(&format!("{HOLD}{script}"))),
        &html[csp_end..from],
        &html[from..]
    );
    let path = dir.join("dockcert-held.html");
    std::fs::write(&path, copy).unwrap();
    path
}

/// `sha256-…` of `text`, as a Content-Security-Policy names a script.
fn csp_hash(text: &str) -> String {
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
    )
}

/// Runs a first-screen job in `browser` set to `lang`, on the page and its
/// held copy, and checks that nothing left the page.
fn drive(browser: Browser, lang: &str, mut job: Value) -> Value {
    let dir = new_dir("pf");
    let held = held_copy(dir.path());
    job["held_page"] = held.to_string_lossy().into_owned().into();
    job["lang"] = lang.into();
    let (report, _out) = page::drive(env!("CARGO_BIN_EXE_page-driver"), browser, job);
    assert_offline_with(&report, &[&held]);
    report
}

fn the_first_screen_is_the_apps_first_render_in_english(browser: Browser) {
    first_screen_is_first_render(browser, "en-US", "en", "en");
}

fn the_first_screen_is_the_apps_first_render_in_chinese(browser: Browser) {
    first_screen_is_first_render(browser, "zh-CN", "zh", "zh-CN");
}

/// In a browser set to `lang`: the template `template` is what the first
/// script shows, with `<html lang>` `html_lang`, and what the app renders.
fn first_screen_is_first_render(browser: Browser, lang: &str, template: &str, html_lang: &str) {
    let report = drive(browser, lang, json!({ "first_screen": "compare" }));
    let early = &report["early"];
    // Held: the first script has shown the form, the app has not started.
    assert_eq!(early["ready_ms"], Value::Null, "the app ran while held");
    assert_time(&early["shown_ms"], "data-shown-ms");
    assert_eq!(
        early["lang"], html_lang,
        "<html lang> as the first script set it"
    );
    // The form shown is the template of the browser's language, untouched.
    let other = if template == "en" { "zh" } else { "en" };
    assert_same(
        &early[template],
        &early["app"],
        "the template",
        "the first screen shown",
        &[],
    );
    assert_ne!(
        early[template], early[other],
        "the two languages' templates are the same"
    );
    for (run, what) in [
        (&report["released"], "the held copy, started"),
        (&report["running"], "the page"),
    ] {
        assert_time(&run["ready_ms"], "data-ready-ms");
        assert_time(&run["shown_ms"], "data-shown-ms");
        // The app's own lang is the first script's.
        assert_eq!(run["lang"], html_lang, "{what}: <html lang> the app set");
        assert_same(
            &run[template],
            &run["app"],
            "the template",
            what,
            PROPERTIES,
        );
    }
}

/// What Yew's app sets as a property and its server renderer writes as an
/// attribute or as text, so that the two cannot be compared as written:
/// (tag, attribute). The control's property is compared instead (`value`,
/// `checked` of each control as the browser has it). A `<textarea>`'s text
/// (the server renderer's way to give its value) is left out for the same
/// reason, its `value` compared.
const PROPERTIES: &[(&str, &str)] = &[("input", "value"), ("input", "checked")];

/// `<body data-…-ms>` holds a time in milliseconds.
#[track_caller]
fn assert_time(value: &Value, what: &str) {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("{what} is not set: {value}"));
    let ms: f64 = text
        .parse()
        .unwrap_or_else(|_| panic!("{what} is {text:?}, not a number"));
    assert!(ms.is_finite() && ms > 0.0, "{what} is {text}");
}

/// The nodes `describe` gave (tests/src/driver_first_screen.rs) as lines
/// to compare, without the attributes in `skip` and the text of a
/// `<textarea>` when `skip` is not empty.
fn lines(nodes: &Value, skip: &[(&str, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_textarea = 0;
    for node in nodes.as_array().unwrap() {
        if let Some(text) = node["text"].as_str() {
            if in_textarea == 0 || skip.is_empty() {
                out.push(format!("{text:?}"));
            }
        } else if let Some(tag) = node["end"].as_str() {
            in_textarea -= usize::from(tag == "textarea");
            out.push(format!("</{tag}>"));
        } else if let Some(tag) = node["tag"].as_str() {
            in_textarea += usize::from(tag == "textarea");
            let attrs: Vec<String> = node["attrs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| (a[0].as_str().unwrap(), a[1].as_str().unwrap()))
                .filter(|(name, _)| !skip.contains(&(tag, name)))
                .map(|(name, value)| format!(" {name}={value:?}"))
                .collect();
            let mut props = String::new();
            for prop in ["value", "checked", "selected", "open"] {
                if !node[prop].is_null() {
                    props.push_str(&format!(" .{prop}={}", node[prop]));
                }
            }
            let ns = node["ns"].as_str().unwrap_or_default();
            let ns = if ns.ends_with("xhtml") { "" } else { ns };
            out.push(format!("<{ns}{tag}{}>{props}", attrs.concat()));
        } else {
            out.push(format!("{node}"));
        }
    }
    out
}

/// `a` and `b` are the same nodes (but for `skip`); else the first
/// difference, with what comes before it.
#[track_caller]
fn assert_same(a: &Value, b: &Value, a_name: &str, b_name: &str, skip: &[(&str, &str)]) {
    let (a, b) = (lines(a, skip), lines(b, skip));
    // The premise: a whole form (its fields, buttons and texts) was read.
    assert!(a.len() > 200, "{a_name}: only {} nodes", a.len());
    if a == b {
        return;
    }
    let at = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let from = at.saturating_sub(4);
    panic!(
        "{a_name} ({} nodes) and {b_name} ({} nodes) differ at node {at}:\n  {a_name}:\n    {}\n  {b_name}:\n    {}",
        a.len(),
        b.len(),
        a[from..(at + 3).min(a.len())].join("\n    "),
        b[from..(at + 3).min(b.len())].join("\n    "),
    );
}

/// The host line, the passphrase and the client typed before the start.
const SERVER: &str = "docker1.example.com,10.0.0.5";
const PASSPHRASE: &str = "a passphrase typed early";
const CLIENT: &str = "ops-laptop";
/// WebDriver's keys: ← (U+E012), Shift (U+E008), and the release of the
/// modifiers (U+E000).
const LEFT: &str = "\u{e012}";
const SHIFT: &str = "\u{e008}";
const RELEASE: &str = "\u{e000}";

/// The held page in `browser` speaking `lang`, with `early` done on its
/// first screen before the app is let go; the report, once the premise
/// holds: all of it was done before the app ran.
fn held(browser: Browser, lang: &str, early: Value) -> Value {
    let report = drive(
        browser,
        lang,
        json!({ "first_screen": "held", "early": early }),
    );
    println!("before: {}\nafter: {}", report["before"], report["after"]);
    assert_eq!(
        report["ready_before_go"],
        Value::Null,
        "the app ran while held"
    );
    report
}

/// `CLIENT` typed, the caret moved back three places, then two characters
/// selected leftwards: the selection is 5..7, backward.
fn client_with_selection() -> Value {
    json!({ "keys": "[name=client]", "text": format!("{CLIENT}{LEFT}{LEFT}{LEFT}{SHIFT}{LEFT}{LEFT}{RELEASE}") })
}

fn what_is_typed_opened_and_clicked_before_the_start_is_kept(browser: Browser) {
    let report = held(
        browser,
        "en-US",
        json!([
            { "keys": "[name=server]", "text": SERVER },
            { "keys": "[name=passphrase]", "text": PASSPHRASE },
            { "keys": "[name=passphrase-confirm]", "text": PASSPHRASE },
            { "click": "details.advanced > summary" },
            { "click": ".lang-button[aria-pressed=false]" },
            client_with_selection(),
        ]),
    );
    let (before, after) = (&report["before"], &report["after"]);
    assert_eq!(before["lang"], "en");
    assert_eq!(before["server"], SERVER);
    assert_eq!(before["passphrase"], PASSPHRASE);
    assert_eq!(before["advanced_open"], true);
    assert_eq!(report["early_clicks"], "1", "the click on 中文 recorded");
    assert_eq!(before["focus"], "client");
    assert_eq!(before["selection"], json!([5, 7, "backward"]));
    // What the first screen said: a host is missing.
    assert_eq!(before["generate_disabled"], true);

    // In the app: the same values in its controls…
    assert_eq!(after["server"], SERVER);
    assert_eq!(after["passphrase"], PASSPHRASE);
    assert_eq!(after["passphrase_confirm"], PASSPHRASE);
    assert_eq!(after["client"], CLIENT);
    // …and in its state: with hosts and the passphrase twice, nothing is
    // missing, and the result panel no longer asks for a host.
    assert_eq!(after["why_disabled"], Value::Null, "{after}");
    assert_eq!(after["generate_disabled"], false);
    let result = after["result"].as_str().unwrap();
    assert!(!result.contains("至少填写一台 Docker 主机"), "{result}");
    // The click on 中文: the page speaks Chinese.
    assert_eq!(after["lang"], "zh-CN");
    assert_eq!(
        after["pressed"],
        json!([["English", "false"], ["中文", "true"]])
    );
    assert_eq!(after["form_title"], "要生成的内容");
    // Advanced open, as the app builds it: its fields are there.
    assert_eq!(after["advanced_open"], true);
    assert!(after["advanced_fields"].as_u64().unwrap() >= 5, "{after}");
    // The focus and the selection where they were.
    assert_eq!(after["focus"], "client");
    assert_eq!(after["selection"], before["selection"]);
}

fn a_box_ticked_before_the_start_stays_ticked(browser: Browser) {
    let report = held(
        browser,
        "zh-CN",
        json!([
            { "keys": "[name=server]", "text": SERVER },
            { "click": "[name=no-passphrase]" },
            { "click": ".lang-button[aria-pressed=false]" },
            client_with_selection(),
        ]),
    );
    let (before, after) = (&report["before"], &report["after"]);
    assert_eq!(before["lang"], "zh-CN");
    assert_eq!(before["no_passphrase"], true);
    assert_eq!(report["early_clicks"], "0", "the click on English recorded");
    assert_eq!(before["selection"], json!([5, 7, "backward"]));

    assert_eq!(after["no_passphrase"], true);
    // The app's state has the box: the passphrase fields are gone, and with
    // the hosts nothing is missing.
    assert_eq!(after["passphrase"], Value::Null, "{after}");
    assert_eq!(after["why_disabled"], Value::Null, "{after}");
    assert_eq!(after["generate_disabled"], false);
    assert_eq!(after["server"], SERVER);
    let result = after["result"].as_str().unwrap();
    assert!(
        !result.contains("Give at least one Docker host"),
        "{result}"
    );
    assert_eq!(after["lang"], "en");
    assert_eq!(after["form_title"], "What to make");
    assert_eq!(after["advanced_open"], false);
    assert_eq!(after["client"], CLIENT);
    assert_eq!(after["focus"], "client");
    assert_eq!(after["selection"], before["selection"]);
}
