//! The page's components. They render an [`AppState`] and send [`Msg`]s;
//! they hold no state of their own and touch the browser only through
//! [`crate::browser`].

use std::rc::Rc;

use dockcert_core::cert::{self, CertRole};
use dockcert_core::keys::KeyType;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::browser;
use crate::generate;
use crate::i18n::{self, Lang, Text};
use crate::state::{AppState, Check, Input, Msg, Outcome, Phase, Progress, Step};

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

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        Shared(AppState::new(
            browser::language(),
            browser::now().date(),
            browser::served_over_network(),
        ))
    });
    let send: Send = {
        let dispatcher = state.dispatcher();
        Callback::from(move |msg| dispatcher.dispatch(msg))
    };
    use_effect_with((), |_| browser::mark_ready());
    use_effect_with(state.0.lang, |lang| browser::set_document_lang(*lang));

    let s = &state.0;
    let lang = s.lang;
    let check = s.check();
    let on_submit = {
        let state = state.clone();
        let send = send.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if state.0.busy() {
                return;
            }
            let check = state.0.check();
            if let (Ok(plan), Ok(protection)) = (check.plan, check.protection) {
                let send = send.clone();
                spawn_local(generate::run(plan, protection, move |msg| send.emit(msg)));
            }
        })
    };

    html! {
        <div class="app">
            { header(lang, &send) }
            if s.served_over_network {
                <p class="notice warn" role="note"><strong>{ "! " }</strong>{ Text::ServedOverNetwork.tr(lang) }</p>
            }
            <main class="layout">
                <section class="panel form-panel" aria-labelledby="form-title">
                    <h2 id="form-title">{ Text::FormTitle.tr(lang) }</h2>
                    { form(s, &check, &send, on_submit) }
                </section>
                <section class="panel result-panel" aria-labelledby="result-title">
                    { result(s, &send) }
                </section>
            </main>
        </div>
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
                <span class="version">{ format!("{} {}", Text::Version.tr(lang), dockcert_core::VERSION) }</span>
            </div>
        </header>
    }
}

/// One labelled control with its hint and its problems.
struct Control<'a> {
    input: Input,
    label: Html,
    hint: Option<Html>,
    kind: ControlKind,
    state: &'a AppState,
    check: &'a Check,
    send: &'a Send,
}

enum ControlKind {
    Area {
        rows: u32,
        placeholder: &'static str,
    },
    Text {
        placeholder: String,
        numeric: bool,
    },
    Password,
}

impl Control<'_> {
    fn render(self) -> Html {
        let name = self.input.name();
        let id = format!("f-{name}");
        let hint_id = format!("h-{name}");
        let error_id = format!("e-{name}");
        let errors = if self.state.touched.contains(&self.input) {
            self.check.errors_for(self.input)
        } else {
            Vec::new()
        };
        let invalid = !errors.is_empty();
        let mut described: Vec<&str> = Vec::new();
        if self.hint.is_some() {
            described.push(&hint_id);
        }
        if matches!(self.input, Input::Passphrase | Input::PassphraseConfirm) {
            described.push("h-passphrase-pair");
        }
        if invalid {
            described.push(&error_id);
        }
        let described = described.join(" ");
        let input = self.input;
        let send = self.send.clone();
        let oninput =
            Callback::from(move |e: InputEvent| send.emit(Msg::Edit(input, event_value(&e))));
        let value = self.state.form.get(self.input).to_owned();
        let disabled = self.state.busy();
        let control = match self.kind {
            ControlKind::Area { rows, placeholder } => html! {
                <textarea id={id.clone()} name={name} rows={rows.to_string()} {value} {oninput} {disabled} {placeholder}
                    spellcheck="false" autocapitalize="off" autocomplete="off"
                    aria-invalid={invalid.to_string()} aria-describedby={described.clone()} />
            },
            ControlKind::Text {
                placeholder,
                numeric,
            } => html! {
                <input id={id.clone()} name={name} type="text" {value} {oninput} {disabled} {placeholder}
                    inputmode={if numeric { "numeric" } else { "text" }}
                    spellcheck="false" autocapitalize="off" autocomplete="off"
                    aria-invalid={invalid.to_string()} aria-describedby={described.clone()} />
            },
            ControlKind::Password => html! {
                <input id={id.clone()} name={name} type="password" {value} {oninput} {disabled}
                    autocomplete="new-password"
                    aria-invalid={invalid.to_string()} aria-describedby={described.clone()} />
            },
        };
        html! {
            <div class={classes!("field", invalid.then_some("invalid"))}>
                <label for={id}>{ self.label }</label>
                if let Some(hint) = self.hint {
                    <p class="hint" id={hint_id}>{ hint }</p>
                }
                { control }
                <div class="errors" id={error_id} aria-live="polite">
                    { for errors.iter().map(|e| html! { <p class="error"><span class="error-mark" aria-hidden="true">{ "✕" }</span>{ e }</p> }) }
                </div>
            </div>
        }
    }
}

fn event_value(e: &InputEvent) -> String {
    e.target()
        .and_then(|t| js_sys::Reflect::get(&t, &"value".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn form(s: &AppState, check: &Check, send: &Send, on_submit: Callback<SubmitEvent>) -> Html {
    let lang = s.lang;
    let control = |input, label: Html, hint: Option<Html>, kind| {
        Control {
            input,
            label,
            hint,
            kind,
            state: s,
            check,
            send,
        }
        .render()
    };
    let san_term = html! {
        <span class="term" tabindex="0">{ Text::SanTerm.tr(lang) }<span class="tip" role="tooltip">{ Text::SanHint.tr(lang) }</span></span>
    };
    let key_type_select = {
        let send = send.clone();
        let onchange = Callback::from(move |e: Event| {
            let value = e
                .target()
                .and_then(|t| js_sys::Reflect::get(&t, &"value".into()).ok())
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            send.emit(Msg::Edit(Input::KeyType, value));
        });
        html! {
            <div class="field">
                <label for="f-key-type">{ Text::KeyType.tr(lang) }</label>
                <p class="hint" id="h-key-type">{ Text::KeyTypeHint.tr(lang) }</p>
                <select id="f-key-type" name="key-type" {onchange} disabled={s.busy()} aria-describedby="h-key-type">
                    { for KeyType::ALL.iter().map(|k| html! {
                        <option value={k.as_str()} selected={s.form.key_type == k.as_str()}>{ i18n::key_type_label(*k, lang) }</option>
                    }) }
                </select>
            </div>
        }
    };
    let no_passphrase = {
        let send = send.clone();
        let onchange = Callback::from(move |e: Event| {
            let on = e
                .target()
                .and_then(|t| js_sys::Reflect::get(&t, &"checked".into()).ok())
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            send.emit(Msg::SetNoPassphrase(on));
        });
        html! {
            <div class="field check">
                <input id="f-no-passphrase" name="no-passphrase" type="checkbox" checked={s.form.no_passphrase}
                    {onchange} disabled={s.busy()} aria-describedby={s.form.no_passphrase.then_some("w-no-passphrase")} />
                <label for="f-no-passphrase">{ Text::NoPassphrase.tr(lang) }</label>
                if s.form.no_passphrase {
                    <p class="warning" id="w-no-passphrase" role="note">{ Text::NoPassphraseWarning.tr(lang) }</p>
                }
            </div>
        }
    };
    let advanced_toggle = {
        let send = send.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target()
                .and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok())
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            send.emit(Msg::SetAdvanced(open));
        })
    };
    let blocker = check.blocker();
    let disabled = blocker.is_some() || s.busy();
    let text = |numeric| ControlKind::Text {
        placeholder: String::new(),
        numeric,
    };
    html! {
        <form novalidate=true onsubmit={on_submit}>
            { control(Input::Server, html!{ { Text::Hosts.tr(lang) } },
                Some(html!{ <>{ Text::HostsHint.tr(lang) }{ " " }{ san_term }{ if lang == Lang::Zh { "。" } else { "." } }</> }),
                ControlKind::Area { rows: 3, placeholder: "docker1.example.com,10.0.0.5" }) }
            { control(Input::Client, html!{ { Text::Clients.tr(lang) } }, Some(html!{ { Text::ClientsHint.tr(lang) } }),
                ControlKind::Area { rows: 2, placeholder: "alice" }) }
            { key_type_select }
            if !s.form.no_passphrase {
                <div class="pair">
                    { control(Input::Passphrase, html!{ { Text::Passphrase.tr(lang) } }, None, ControlKind::Password) }
                    { control(Input::PassphraseConfirm, html!{ { Text::PassphraseAgain.tr(lang) } }, None, ControlKind::Password) }
                </div>
                <p class="hint pair-hint" id="h-passphrase-pair">{ Text::PassphraseHint.tr(lang) }</p>
            }
            { no_passphrase }
            <details class="advanced" open={s.advanced_open} ontoggle={advanced_toggle}>
                <summary>{ Text::Advanced.tr(lang) }</summary>
                <div class="advanced-grid">
                    { control(Input::Days, html!{ { Text::Days.tr(lang) } }, None, text(true)) }
                    { control(Input::CaDays, html!{ { Text::CaDays.tr(lang) } }, None, text(true)) }
                    { control(Input::CaName, html!{ { Text::CaName.tr(lang) } }, Some(html!{ { Text::CaNameHint.tr(lang) } }),
                        ControlKind::Text { placeholder: format!("dockcert CA {}", s.today), numeric: false }) }
                    { control(Input::Listen, html!{ { Text::Listen.tr(lang) } }, Some(html!{ { Text::ListenHint.tr(lang) } }), text(false)) }
                    { control(Input::InstallDir, html!{ { Text::InstallDir.tr(lang) } }, Some(html!{ { Text::InstallDirHint.tr(lang) } }), text(false)) }
                    { control(Input::AllowFrom, html!{ { Text::AllowFrom.tr(lang) } }, Some(html!{ { Text::AllowFromHint.tr(lang) } }),
                        ControlKind::Text { placeholder: "10.0.0.0/24 192.168.1.0/24".into(), numeric: false }) }
                </div>
            </details>
            <div class="actions">
                <button type="submit" name="generate" class="primary" {disabled}
                    aria-describedby={blocker.map(|_| "why-disabled")}>{ Text::Generate.tr(lang) }</button>
                if let Some(blocker) = blocker {
                    <p class="why" id="why-disabled">{ Text::CannotGenerate.tr(lang) }{ " " }{ blocker.text().tr(lang) }</p>
                }
            </div>
        </form>
    }
}

fn result(s: &AppState, send: &Send) -> Html {
    let lang = s.lang;
    match &s.phase {
        Phase::Editing => html! {
            <>
                <h2 id="result-title">{ Text::ResultTitle.tr(lang) }</h2>
                <p class="empty">{ Text::EmptyResult.tr(lang) }</p>
            </>
        },
        Phase::Generating(progress) => progress_view(progress, lang),
        Phase::Failed(message) => html! {
            <>
                <h2 id="result-title">{ Text::ResultTitle.tr(lang) }</h2>
                <p class="error" role="alert"><strong>{ Text::Failed.tr(lang) }</strong>{ " " }{ message }</p>
            </>
        },
        Phase::Done(outcome) => outcome_view(outcome, s, send),
    }
}

fn progress_view(p: &Progress, lang: Lang) -> Html {
    let made = p.done.iter().filter(|d| **d).count();
    let total = p.keys.len();
    html! {
        <div class="progress" aria-live="polite" aria-busy="true">
            <h2 id="result-title">{ Text::MakingKeys.tr(lang) }{ format!(" {made}/{total}") }</h2>
            <progress max={total.to_string()} value={made.to_string()}>{ format!("{made}/{total}") }</progress>
            <ol class="key-list">
                { for p.keys.iter().zip(&p.done).enumerate().map(|(i, (label, done))| html! {
                    <li class={classes!(done.then_some("done"))}>
                        { format!("{} {}/{} … ", label, i + 1, total) }
                        <span class="state">{ if *done { Text::KeyDone.tr(lang) } else { Text::KeyWaiting.tr(lang) } }</span>
                    </li>
                }) }
            </ol>
            if p.step != Step::Keys {
                <p>{ Text::Signing.tr(lang) }{ " …" }</p>
            }
            if p.step == Step::Packing {
                <p>{ Text::Packing.tr(lang) }{ " …" }</p>
            }
        </div>
    }
}

fn copy_button(text: &str, s: &AppState, send: &Send, label: &str) -> Html {
    let lang = s.lang;
    let copied = s.copied.as_deref() == Some(text);
    let onclick = {
        let send = send.clone();
        let text = text.to_owned();
        Callback::from(move |_| {
            let send = send.clone();
            let text = text.clone();
            spawn_local(async move {
                if browser::copy(&text).await.is_ok() {
                    send.emit(Msg::Copied(text));
                }
            });
        })
    };
    let visible = if copied {
        Text::Copied.tr(lang)
    } else {
        Text::Copy.tr(lang)
    };
    html! {
        <button type="button" class="copy" {onclick} aria-label={format!("{} {label}", Text::Copy.tr(lang))}>
            { visible }
        </button>
    }
}

fn command_block(text: String, s: &AppState, send: &Send, label: &str) -> Html {
    html! {
        <div class="command">
            <pre><code>{ text.clone() }</code></pre>
            { copy_button(&text, s, send, label) }
        </div>
    }
}

fn size_text(bytes: usize) -> String {
    if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
    }
}

fn outcome_view(o: &Outcome, s: &AppState, send: &Send) -> Html {
    let lang = s.lang;
    let role = |r: CertRole| match (r, lang) {
        (CertRole::Ca, _) => "CA",
        (CertRole::Server, Lang::En) => "host",
        (CertRole::Server, Lang::Zh) => "主机",
        (CertRole::Client, Lang::En) => "client",
        (CertRole::Client, Lang::Zh) => "客户端",
    };
    html! {
        <div class="outcome">
            <h2 id="result-title">{ Text::ResultTitle.tr(lang) }</h2>
            <p class="done" role="status">
                { Text::DownloadStarted.tr(lang) }{ " " }
                { format!("{:.2} {}", o.elapsed_ms / 1000.0, Text::Seconds.tr(lang)) }
            </p>
            <p>
                <a class="button" name="download" href={o.download_url.clone()} download={o.zip_name.clone()}>
                    { format!("{} {} ({})", Text::DownloadLink.tr(lang), o.zip_name, size_text(o.zip_size)) }
                </a>
            </p>
            if !o.warnings.is_empty() {
                <div class="notice warn">
                    <h3>{ Text::Warnings.tr(lang) }</h3>
                    <ul>{ for o.warnings.iter().map(|w| html! { <li>{ w }</li> }) }</ul>
                </div>
            }

            <h3>{ Text::Certificates.tr(lang) }</h3>
            <p class="fingerprint">{ Text::CaFingerprint.tr(lang) }{ " " }<code>{ o.ca_fingerprint.clone() }</code></p>
            <div class="table-wrap">
                <table class="certs">
                    <thead><tr><th scope="col">{ "" }</th><th scope="col">{ Text::Name.tr(lang) }</th><th scope="col">{ "SAN" }</th><th scope="col">{ Text::Expires.tr(lang) }</th></tr></thead>
                    <tbody>
                        { for o.certs.iter().map(|c| html! {
                            <tr>
                                <td>{ role(c.role) }</td>
                                <td><code>{ c.name.clone() }</code></td>
                                <td>{ c.sans.join(", ") }</td>
                                <td><time>{ cert::day(c.not_after) }</time></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="note">{ Text::Revocation.tr(lang) }</p>

            <h3>{ Text::Files.tr(lang) }</h3>
            <div class="table-wrap">
                <table class="tree">
                    <thead><tr><th scope="col">{ Text::Path.tr(lang) }</th><th scope="col">{ Text::FileMode.tr(lang) }</th><th scope="col">{ Text::Purpose.tr(lang) }</th></tr></thead>
                    <tbody>
                        { for o.tree.iter().map(|row| html! {
                            <tr class={classes!(row.kind.is_none().then_some("folder"))}
                                data-path={row.kind.map(|_| row.path.clone())} data-mode={row.kind.and(row.mode.clone())}>
                                <td class={format!("name d{}", row.depth.min(4))}><code>{ row.name.clone() }</code></td>
                                <td><code class={classes!("mode", row.kind.filter(|k| k.is_private_key()).map(|_| "secret"))}>{ row.mode.clone().unwrap_or_default() }</code></td>
                                <td>{ row.kind.map(|k| i18n::purpose(k, lang)).unwrap_or_default() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="note">{ Text::KeepCaOffline.tr(lang) }</p>

            <h3>{ Text::NextSteps.tr(lang) }</h3>
            { for o.hosts.iter().map(|h| html! {
                <div class="step">
                    <h4>{ Text::OnHost.tr(lang) }{ " " }<code>{ h.name.clone() }</code></h4>
                    <p><code>{ h.folder.clone() }</code>{ " " }{ Text::CopyServerFolder.tr(lang) }</p>
                    { command_block(h.commands.join("\n"), s, send, &h.name) }
                    <details>
                        <summary>{ Text::DaemonJson.tr(lang) }</summary>
                        { command_block(h.daemon_json.trim_end().to_owned(), s, send, "daemon.json") }
                    </details>
                </div>
            }) }
            { for o.clients.iter().map(|c| html! {
                <div class="step">
                    <h4>{ Text::ForClient.tr(lang) }{ " " }<code>{ c.name.clone() }</code></h4>
                    <p><code>{ c.folder.clone() }</code>{ " " }{ Text::CopyClientFolder.tr(lang) }</p>
                    { command_block(c.commands.join("\n"), s, send, &c.name) }
                    <p>{ Text::DockerEnv.tr(lang) }</p>
                    { command_block(c.env_command.clone(), s, send, "docker.env") }
                    <details>
                        <summary>{ Text::ContextsByHand.tr(lang) }</summary>
                        { command_block(c.contexts.join("\n"), s, send, "docker context create") }
                    </details>
                </div>
            }) }
        </div>
    }
}
