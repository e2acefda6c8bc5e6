//! The Existing CA's inventory field: the CA's `inventory.jsonl`, picked or
//! dropped with its certificate and key; what it lists, its damaged lines,
//! or that none was given (the zip's `ca/` then starts one).

use dockcert_core::{Localized, Speaker};
use yew::prelude::*;

use super::controls::{errors_block, shown};
use super::files::{self, FileTarget};
use super::Ctx;
use crate::i18n::{self, Text};
use crate::state::CaSlot;

/// How many damaged lines are listed under the field.
const SHOWN_PROBLEMS: usize = 3;

pub(super) fn field(ctx: &Ctx) -> Html {
    let s = ctx.s();
    let lang = s.lang;
    let (status, errors): (String, Vec<String>) = match &s.existing.ca.inventory {
        None => (Text::NoInventory.tr(lang).to_owned(), Vec::new()),
        Some(Err(problem)) => (
            Text::NoFileYet.tr(lang).to_owned(),
            vec![problem.text_for(Speaker::Page, lang)],
        ),
        Some(Ok(inv)) => (
            format!(
                "✓ {}: {}",
                shown(&inv.name),
                i18n::inventory_status(inv.records, inv.problems.len(), lang)
            ),
            inv.problems
                .iter()
                .take(SHOWN_PROBLEMS)
                .map(|p| p.text(lang))
                .collect(),
        ),
    };
    let refused = matches!(s.existing.ca.inventory, Some(Err(_)));
    html! {
        <div class={classes!("field", "file-field", refused.then_some("invalid"))}>
            <label for="f-ca-inventory">{ Text::CaInventoryFile.tr(lang) }</label>
            { files::input("ca-inventory", false, FileTarget::Ca(CaSlot::Inventory),
                "s-ca-inventory e-ca-inventory".into(), ctx) }
            <p class="file-status" id="s-ca-inventory">{ status }</p>
            { errors_block("e-ca-inventory", &errors) }
        </div>
    }
}
