//! The page's components. They render an [`AppState`] and send [`Msg`]s;
//! they hold no state of their own and touch the browser only through
//! [`crate::browser`].

mod controls;
mod existing_ca;
mod expiry;
mod explainer;
mod files;
mod guide;
mod inspect;
mod inventory;
mod new_ca;
mod renewal;
mod result;
mod rotate;

use std::rc::Rc;

use yew::prelude::*;

use crate::browser;
use crate::i18n::{self, Lang, Text};
use crate::state::{
    AppState, Mode, Msg, Phase, Task, ISSUED_ZIP, NEW_ZIP, RENEWED_ZIP, ROTATED_ZIP,
};

/// The state as a Yew reducer.
#[derive(Clone, PartialEq)]
struct Shared(AppState);

impl Reducible for Shared {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = self.0.clone();
        next.apply(msg);
        Rc::new(Shared(next))
    }
}

type Send = Callback<Msg>;

/// What every component gets: the state as rendered, and the way to change it.
#[derive(Clone)]
struct Ctx {
    handle: UseReducerHandle<Shared>,
    send: Send,
}

impl Ctx {
    /// The state this render shows.
    fn s(&self) -> &AppState {
        &self.handle.0
    }

    fn lang(&self) -> Lang {
        self.s().lang
    }
}

/// What the page starts from. The browser gives it at every start
/// ([`Start::from_browser`]); the build gives fixed ones to render the first
/// screen ahead of time (`src/bin/prerender.rs`), so that the form is on
/// screen before the wasm is compiled.
#[derive(Clone, Copy, PartialEq, Properties)]
pub struct Start {
    pub lang: Lang,
    pub today: time::Date,
    pub served_over_network: bool,
    /// The commit the page was built from, for its footer: the wasm's own
    /// (`dockcert_provenance::COMMIT`), or the one the prerender is told
    /// the wasm is built from.
    pub commit: &'static str,
}

impl Start {
    /// The browser's language, today's date, how the page came, and the
    /// commit this wasm was built from.
    pub fn from_browser() -> Start {
        Start {
            lang: browser::language(),
            today: browser::now().date(),
            served_over_network: browser::served_over_network(),
            commit: dockcert_provenance::COMMIT,
        }
    }
}

/// The whole page.
#[function_component(App)]
pub fn app(start: &Start) -> Html {
    let handle = use_reducer(|| {
        Shared(AppState::new(
            start.lang,
            start.today,
            start.served_over_network,
        ))
    });
    let send: Send = {
        let dispatcher = handle.dispatcher();
        Callback::from(move |msg| dispatcher.dispatch(msg))
    };
    use_effect_with((), |_| {
        browser::keep_stray_drops_on_the_page();
        browser::carry_over_early_input();
        browser::mark_ready();
    });
    use_effect_with(handle.0.lang, |lang| browser::set_document_lang(*lang));
    // A zip of keys stays downloadable only while its result is shown: when
    // a new bundle is made (or the page goes), the old one is withdrawn.
    use_effect_with(offered(&handle.0.phase), withdraw_when_replaced);
    use_effect_with(offered(&handle.0.existing.phase), withdraw_when_replaced);

    let ctx = Ctx { handle, send };
    let s = ctx.s();
    let lang = s.lang;
    html! {
        <div class="app">
            { header(lang, &ctx.send) }
            if s.served_over_network {
                <p class="notice warn" role="note"><strong>{ "! " }</strong>{ Text::ServedOverNetwork.tr(lang) }</p>
            }
            <main class="layout">
                <section class="panel form-panel" aria-labelledby="form-title">
                    { mode_switch(&ctx) }
                    {
                        match s.mode {
                            Mode::NewCa => new_ca::panel(&ctx),
                            Mode::ExistingCa => existing_ca::panel(&ctx),
                            Mode::Inspect => inspect::panel(&ctx),
                        }
                    }
                </section>
                <section class="panel result-panel" aria-labelledby="result-title">
                    {
                        match s.mode {
                            Mode::NewCa => result::view(&s.phase, i18n::line(&s.before_first(), lang), NEW_ZIP, &ctx),
                            Mode::ExistingCa => {
                                let zip = match s.existing.task {
                                    Task::Issue => ISSUED_ZIP,
                                    Task::Renew => RENEWED_ZIP,
                                    Task::Rotate => ROTATED_ZIP,
                                };
                                result::view(&s.existing.phase, i18n::line(&s.before_first(), lang), zip, &ctx)
                            }
                            Mode::Inspect => inspect::report(&ctx),
                        }
                    }
                </section>
            </main>
            { footer(lang, start.commit) }
        </div>
    }
}

/// Which version and commit this page was built from, so a copy can be
/// matched to the source that rebuilds it (README, "Get it").
fn footer(lang: Lang, commit: &'static str) -> Html {
    html! {
        <footer class="provenance">
            { format!("dockcert {} {} · {} ", Text::Version.tr(lang), dockcert_provenance::VERSION, Text::Commit.tr(lang)) }
            <code class="commit">{ controls::breakable(commit) }</code>
        </footer>
    }
}

/// The download a result offers, if it offers one.
fn offered(phase: &Phase) -> Option<String> {
    match phase {
        Phase::Done(outcome) => Some(outcome.download_url.clone()),
        _ => None,
    }
}

/// An effect whose cleanup (run when the offer changes) revokes the old one.
fn withdraw_when_replaced(url: &Option<String>) -> impl FnOnce() {
    let url = url.clone();
    move || {
        if let Some(url) = url {
            browser::revoke(&url);
        }
    }
}

fn header(lang: Lang, send: &Send) -> Html {
    let toggle = |to: Lang, label: &'static str| {
        let send = send.clone();
        html! {
            <button type="button" class="lang-button" aria-pressed={(lang == to).to_string()}
                onclick={Callback::from(move |_| send.emit(Msg::SetLang(to)))}>{ label }</button>
        }
    };
    html! {
        <header class="top">
            <div class="brand">
                <svg class="logo" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M7 10V7a5 5 0 0 1 10 0v3h1.5A1.5 1.5 0 0 1 20 11.5v9A1.5 1.5 0 0 1 18.5 22h-13A1.5 1.5 0 0 1 4 20.5v-9A1.5 1.5 0 0 1 5.5 10zm2 0h6V7a3 3 0 0 0-6 0z"/>
                </svg>
                <div>
                    <h1>{ "dockcert" }</h1>
                    <p class="tagline">{ Text::Tagline.tr(lang) }</p>
                </div>
            </div>
            <p class="badge" role="note">
                <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5zm-1.2 14.2-3.5-3.5 1.4-1.4 2.1 2.1 4.9-4.9 1.4 1.4z"/></svg>
                { Text::OfflineBadge.tr(lang) }
            </p>
            <div class="top-right">
                <div class="lang" role="group" aria-label={Text::LanguageLabel.tr(lang)}>
                    { toggle(Lang::En, "English") }
                    { toggle(Lang::Zh, "中文") }
                </div>
            </div>
        </header>
    }
}

/// The three modes as one radio group: arrow keys move between them, and
/// the chosen one shows a focus ring when reached by keyboard.
fn mode_switch(ctx: &Ctx) -> Html {
    let s = ctx.s();
    let lang = s.lang;
    let option = |mode: Mode| {
        let send = ctx.send.clone();
        let id = format!("mode-{}", mode.value());
        let (label, hint) = match mode {
            Mode::NewCa => (Text::ModeNewCa, Text::ModeNewCaHint),
            Mode::ExistingCa => (Text::ModeExistingCa, Text::ModeExistingCaHint),
            Mode::Inspect => (Text::ModeInspect, Text::ModeInspectHint),
        };
        html! {
            <>
                <input type="radio" class="mode-radio" id={id.clone()} name="mode" value={mode.value()}
                    checked={s.mode == mode} disabled={s.busy() && s.mode != mode}
                    onchange={Callback::from(move |_| send.emit(Msg::SetMode(mode)))} />
                <label for={id} class="mode-option" title={hint.tr(lang)}>{ label.tr(lang) }</label>
            </>
        }
    };
    html! {
        <fieldset class="modes">
            <legend class="visually-hidden">{ Text::ModeLabel.tr(lang) }</legend>
            { for Mode::ALL.into_iter().map(option) }
        </fieldset>
    }
}
