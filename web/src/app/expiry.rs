//! The Inspect mode's expiry table: every certificate in the files given,
//! soonest end first, with the rows, order and days of `dockcert expiry`
//! (the core's `inspect::expiry`); those that end within its default days
//! or have ended marked by a word, not by colour alone.

use dockcert_core::inspect::expiry::{Expiry, DEFAULT_WITHIN_DAYS};
use dockcert_core::Localized;
use yew::prelude::*;

use super::controls::{cell_label, name};
use crate::i18n::{self, Lang, Text};
use crate::state::Ends;

/// The table, or nothing when no certificate was read.
pub(super) fn table(found: &Expiry, lang: Lang) -> Html {
    if found.certificates.is_empty() {
        return Html::default();
    }
    let head = [
        Text::DaysLeft,
        Text::NotAfter,
        Text::Role,
        Text::Name,
        Text::Serial,
        Text::Where,
    ];
    let label = |t: Text| cell_label(t.tr(lang));
    html! {
        <>
            <h3>{ Text::ExpiryTitle.tr(lang) }</h3>
            <p class="note expiry-verdict">{ found.verdict(DEFAULT_WITHIN_DAYS).text(lang) }</p>
            <div class="table-wrap expiry-wrap">
                <table class="expiry">
                    <thead><tr>{ for head.iter().map(|t| html! { <th scope="col">{ t.tr(lang) }</th> }) }</tr></thead>
                    <tbody>
                        { for Ends::of(found).map(|(e, ends)| {
                            let (class, mark) = match ends {
                                Ends::Ended => ("ended", Some(("✕", Text::Expired.tr(lang).to_owned()))),
                                Ends::Soon => ("soon", Some(("!", i18n::expires_within(DEFAULT_WITHIN_DAYS, lang)))),
                                Ends::Later => ("later", None),
                            };
                            html! {
                                <tr class={class} data-ends={class}>
                                    <td class="days">{ label(Text::DaysLeft) }<span class="value">{ e.days_text(lang) }</span>
                                        if let Some((sign, word)) = mark {
                                            { " " }<span class="ends"><span aria-hidden="true">{ format!("{sign} ") }</span>{ word }</span>
                                        }
                                    </td>
                                    <td class="not-after">{ label(Text::NotAfter) }<time class="value">{ e.not_after_text() }</time></td>
                                    <td class="role">{ label(Text::Role) }<span class="value">{ e.role.text(lang) }</span></td>
                                    <td class="cert-name">{ label(Text::Name) }<code class="value">{ name(&e.name) }</code></td>
                                    <td class="serial">{ label(Text::Serial) }<code class="value">{ e.serial.clone() }</code></td>
                                    <td class="where">{ label(Text::Where) }<code class="value">{ name(&e.where_text(lang)) }</code></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </>
    }
}
