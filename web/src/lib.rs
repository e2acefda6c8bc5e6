//! dockcert's offline page: the whole Docker TLS bundle, made in the browser
//! from one self-contained HTML file. `state` and `i18n` are pure and tested
//! natively; `browser` is the one module that touches web-sys.

#![forbid(unsafe_code)]

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

pub mod app;
pub mod browser;
pub mod generate;
pub mod i18n;
pub mod state;

/// Mounts the app on `<div id="app">`, replacing the form rendered ahead of
/// time (or the loading message). What a person typed, ticked, opened or
/// clicked in that form before now is kept and handed to the app once it
/// has rendered ([`browser::carry_over_early_input`]).
pub fn start() {
    let start = app::Start::from_browser();
    match browser::app_root() {
        Some(root) => yew::Renderer::<app::App>::with_root_and_props(root, start).render(),
        None => yew::Renderer::<app::App>::with_props(start).render(),
    };
}
