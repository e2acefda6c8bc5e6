//! The controls every mode shares: a labelled input with its hint and its
//! problems, the key type and layout selects, the Advanced disclosure, the
//! action button that says why it is disabled, and copyable command blocks.

use dockcert_core::bundle::Layout;
use dockcert_core::pki::KeyType;
use dockcert_core::plan::Field;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::{Ctx, Send};
use crate::browser;
use crate::i18n::{self, Lang, Text};
use crate::state::{AppState, Input, Msg};

/// One labelled control with its hint and its problems.
pub(super) struct Control<'a> {
    pub input: Input,
    pub label: Html,
    pub hint: Option<Html>,
    pub kind: ControlKind,
    pub value: String,
    /// The problems to show (already limited to touched inputs).
    pub errors: Vec<String>,
    pub disabled: bool,
    /// Another element that describes it (a shared hint).
    pub also_described_by: Option<&'static str>,
    pub send: &'a Send,
}

pub(super) enum ControlKind {
    Area { rows: u32, placeholder: String },
    Text { placeholder: String, numeric: bool },
    Password { autocomplete: &'static str },
}

impl Control<'_> {
    pub(super) fn render(self) -> Html {
        let name = self.input.name();
        let id = format!("f-{name}");
        let hint_id = format!("h-{name}");
        let error_id = format!("e-{name}");
        let invalid = !self.errors.is_empty();
        let mut described: Vec<&str> = Vec::new();
        if self.hint.is_some() {
            described.push(&hint_id);
        }
        if let Some(other) = self.also_described_by {
            described.push(other);
        }
        if invalid {
            described.push(&error_id);
        }
        let described = described.join(" ");
        let input = self.input;
        let send = self.send.clone();
        let oninput =
            Callback::from(move |e: InputEvent| send.emit(Msg::Edit(input, browser::value_of(&e))));
        let value = self.value;
        let disabled = self.disabled;
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
            ControlKind::Password { autocomplete } => html! {
                <input id={id.clone()} name={name} type="password" {value} {oninput} {disabled}
                    {autocomplete}
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
                { errors_block(&error_id, &self.errors) }
            </div>
        }
    }
}

/// Text from outside (a file's name, a certificate's subject, an echoed
/// value) as it may be shown: newlines, escapes and bidi overrides written
/// out.
pub(super) fn shown(text: &str) -> String {
    dockcert_core::show::safe(text).into_owned()
}

/// A host name, a path, a fingerprint or a list of them, made safe as
/// [`shown`] makes it, that may wrap only after a dot, slash, colon, hyphen,
/// underscore or comma: a `<wbr>` follows each, so text wider than a phone's line
/// breaks where a person would (`registry-mirror.` / `build.example.cn`),
/// never inside a word.
pub(super) fn name(text: &str) -> Html {
    breakable(&shown(text))
}

/// Text dockcert composed (already safe), with a `<wbr>` after each dot,
/// slash, colon, hyphen, underscore and comma, as [`name`] gives; its
/// newlines kept.
pub(super) fn breakable(text: &str) -> Html {
    let pieces = text.split_inclusive(['.', '/', ':', '-', '_', ',']);
    html! { <>{ for pieces.map(|p| html! { <>{ p.to_owned() }<wbr /></> }) }</> }
}

/// The label a table cell shows before its value where the table is laid
/// out as stacked rows (a narrow window, where the table's head is hidden).
pub(super) fn cell_label(text: &str) -> Html {
    html! { <span class="cell-label">{ text.to_owned() }</span> }
}

/// Problems in the CLI's words, each with a mark, read out as they change.
/// A problem is dockcert's own text (it may have lines of its own, the values
/// in it quoted and made safe where they were put in): its lines are kept.
pub(super) fn errors_block(id: &str, errors: &[String]) -> Html {
    html! {
        <div class="errors" id={id.to_owned()} aria-live="polite">
            { for errors.iter().map(|e| html! { <p class="error"><span class="error-mark" aria-hidden="true">{ "✕" }</span>{ breakable(&dockcert_core::show::safe_document(e)) }</p> }) }
        </div>
    }
}

/// The key type select; `first` is an extra first choice (value, label).
/// Without one, nothing chosen yet (`value` empty) shows the default chosen.
pub(super) fn key_type_select(
    value: &str,
    first: Option<(&'static str, String)>,
    hint: Text,
    disabled: bool,
    ctx: &Ctx,
) -> Html {
    let lang = ctx.lang();
    let default = Field::KeyType.default_text();
    let value = match (value, &first) {
        ("", None) => default.as_str(),
        _ => value,
    };
    let send = ctx.send.clone();
    let onchange = Callback::from(move |e: Event| {
        send.emit(Msg::Edit(
            Input::Setting(Field::KeyType),
            browser::value_of(&e),
        ))
    });
    html! {
        <div class="field">
            <label for="f-key-type">{ Text::KeyType.tr(lang) }</label>
            <p class="hint" id="h-key-type">{ hint.tr(lang) }</p>
            <select id="f-key-type" name="key-type" {onchange} {disabled} aria-describedby="h-key-type">
                if let Some((v, label)) = first {
                    <option value={v} selected={value == v}>{ label }</option>
                }
                { for KeyType::ALL.iter().map(|k| html! {
                    <option value={k.as_str()} selected={value == k.as_str()}>{ i18n::key_type_label(*k, lang) }</option>
                }) }
            </select>
        </div>
    }
}

/// The layout select (`--layout`): standard, or the docker:dind tree; with
/// its problems (dind: one host and one client).
pub(super) fn layout_select(value: Layout, errors: &[String], disabled: bool, ctx: &Ctx) -> Html {
    let lang = ctx.lang();
    let send = ctx.send.clone();
    let onchange =
        Callback::from(move |e: Event| send.emit(Msg::Edit(Input::Layout, browser::value_of(&e))));
    let invalid = !errors.is_empty();
    let described = if invalid {
        "h-layout e-layout"
    } else {
        "h-layout"
    };
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for="f-layout">{ Text::Layout.tr(lang) }</label>
            <p class="hint" id="h-layout">{ Text::LayoutHint.tr(lang) }</p>
            <select id="f-layout" name="layout" {onchange} {disabled}
                aria-invalid={invalid.to_string()} aria-describedby={described}>
                { for Layout::ALL.iter().map(|l| html! {
                    <option value={l.as_str()} selected={value == *l}>{ i18n::layout_label(*l, lang) }</option>
                }) }
            </select>
            { errors_block("e-layout", errors) }
        </div>
    }
}

/// The Advanced disclosure around `body`, which is built only while it is
/// open: closed, as the page starts, its seven fields are a third of the
/// form's elements, and the first render of the page is the form's. Their
/// values live in the state, so closing and opening it loses nothing.
pub(super) fn advanced(open: bool, body: impl FnOnce() -> Html, ctx: &Ctx) -> Html {
    let send = ctx.send.clone();
    let ontoggle =
        Callback::from(move |e: Event| send.emit(Msg::SetAdvanced(browser::is_on(&e, "open"))));
    html! {
        <details class="advanced" {open} {ontoggle}>
            <summary>{ Text::Advanced.tr(ctx.lang()) }</summary>
            if open {
                <div class="advanced-grid">{ body() }</div>
            }
        </details>
    }
}

/// The submit button named `name`, and the line under it (`note`): why it
/// is disabled, when it is.
pub(super) fn action(
    name: &'static str,
    label: Text,
    note: Option<String>,
    busy: bool,
    lang: Lang,
) -> Html {
    let disabled = note.is_some() || busy;
    html! {
        <div class="actions">
            <button type="submit" {name} class="primary" {disabled}
                aria-describedby={note.as_ref().map(|_| "why-disabled")}>{ label.tr(lang) }</button>
            if let Some(note) = note {
                <p class="why" id="why-disabled">{ note }</p>
            }
        </div>
    }
}

pub(super) fn copy_button(text: &str, s: &AppState, send: &Send, label: &str) -> Html {
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

pub(super) fn command_block(text: String, s: &AppState, send: &Send, label: &str) -> Html {
    // Shown in a <pre>, whose newlines show: the commands' own lines are kept
    // (their names were checked and shell-quoted when they were made), and
    // anything hidden is written out, in what shows and in what is copied.
    let text = dockcert_core::show::safe_document_owned(text);
    html! {
        <div class="command">
            <pre><code>{ breakable(&text) }</code></pre>
            { copy_button(&text, s, send, label) }
        </div>
    }
}
