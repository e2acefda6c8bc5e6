//! The explainer in the Inspect mode: a pasted docker or dockerd error
//! message, and what each message dockcert knows in it means and what to do,
//! all in the page's language; docker's own words stay as docker says them.

use dockcert_core::inspect::explain::Explanation;
use dockcert_core::Localized;
use yew::prelude::*;

use super::controls::{Control, ControlKind};
use super::Ctx;
use crate::i18n::{Lang, Text};
use crate::state::Input;

/// The heading, the text area and what the pasted text holds.
pub(super) fn section(ctx: &Ctx) -> Html {
    let s = ctx.s();
    let lang = s.lang;
    let ins = &s.inspection;
    let explained = ins.explanations();
    let control = Control {
        input: Input::Explain,
        label: html! { { Text::ExplainLabel.tr(lang) } },
        hint: Some(html! { { Text::ExplainHint.tr(lang) } }),
        kind: ControlKind::Area {
            rows: 4,
            placeholder: "x509: certificate relies on legacy Common Name field, use SANs instead"
                .into(),
        },
        value: ins.explain.clone(),
        errors: Vec::new(),
        disabled: false,
        also_described_by: None,
        send: &ctx.send,
    }
    .render();
    html! {
        <>
            <h3>{ Text::ExplainTitle.tr(lang) }</h3>
            { control }
            <div class="explained" aria-live="polite">
                if !ins.explain.trim().is_empty() && explained.is_empty() {
                    <p class="note">{ Text::ExplainUnknown.tr(lang) }</p>
                }
                { for explained.into_iter().map(|e| explanation(e, lang)) }
            </div>
        </>
    }
}

/// One known message: docker's words, who says them, the cause, the fix.
fn explanation(e: Explanation, lang: Lang) -> Html {
    // A full-width colon or bracket needs no space beside it.
    let (said_by, gap) = match lang {
        Lang::En => (
            format!(" ({} {})", Text::SaidBy.tr(lang), e.said_by().text(lang)),
            " ",
        ),
        Lang::Zh => (
            format!("（{} {}）", Text::SaidBy.tr(lang), e.said_by().text(lang)),
            "",
        ),
    };
    html! {
        <div class="explanation">
            <p><strong>{ super::controls::breakable(&format!("\u{201c}{}\u{201d}", e.matched())) }</strong>{ said_by }</p>
            <p><span class="label">{ Text::Cause.tr(lang) }</span>{ gap }{ super::controls::breakable(&e.cause().text(lang)) }</p>
            <p><span class="label">{ Text::Fix.tr(lang) }</span>{ gap }{ super::controls::breakable(&e.fix().text(lang)) }</p>
        </div>
    }
}
