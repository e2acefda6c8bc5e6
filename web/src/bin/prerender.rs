//! Renders the page's first screen ahead of time, for `cargo xtask page` to
//! put in the page as `<template id="dockcert-en">` and `-zh`: the page's
//! first script shows it while the browser still compiles the wasm, and the
//! app, once started, replaces it with its own first render and keeps what
//! was typed there (`browser::carry_over_early_input`).
//!
//! `prerender en|zh COMMIT` prints the markup of the app's first render in
//! that language, exactly as the app renders it on a page opened from a
//! file, with COMMIT in its footer: the commit the page's wasm is built
//! from, which `cargo xtask page` gives both.
//! That render must not depend on the day: it is rendered for 1 January 1970
//! and a century later and refused if they differ.

use std::process::ExitCode;

use dockcert_web::app::{App, Start};
use dockcert_web::i18n::Lang;
use time::{Date, Duration, OffsetDateTime};

fn render(lang: Lang, today: Date, commit: &'static str) -> String {
    let start = Start {
        lang,
        today,
        served_over_network: false,
        commit,
    };
    futures::executor::block_on(
        yew::ServerRenderer::<App>::with_props(move || start)
            .hydratable(false)
            .render(),
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (lang, commit) = match args.as_slice() {
        [lang, commit] if lang == "en" => (Lang::En, commit),
        [lang, commit] if lang == "zh" => (Lang::Zh, commit),
        _ => {
            eprintln!("usage: prerender en|zh COMMIT");
            return ExitCode::from(2);
        }
    };
    // Rendered twice and printed once: the one string lives as long as the run.
    let commit: &'static str = Box::leak(commit.clone().into_boxed_str());
    let epoch = OffsetDateTime::UNIX_EPOCH.date();
    let markup = render(lang, epoch, commit);
    if markup != render(lang, epoch.saturating_add(Duration::days(36_525)), commit) {
        eprintln!(
            "prerender: the page's first screen differs by date, so it cannot be rendered ahead of time"
        );
        return ExitCode::FAILURE;
    }
    print!("{markup}");
    ExitCode::SUCCESS
}
