//! The Existing CA's Renew step: the old certificate, what the new one
//! keeps of it, and the key type.

use dockcert_core::import::renew::Role;
use dockcert_core::{Localized, Speaker};
use yew::prelude::*;

use super::controls::{self, errors_block, shown};
use super::files::{self, FileTarget};
use super::Ctx;
use crate::i18n::{self, Lang, Text};
use crate::state::{DropZone, ExistingCheck};

pub(super) fn view(ctx: &Ctx, check: &ExistingCheck) -> Html {
    let s = ctx.s();
    let lang = s.lang;
    let ex = &s.existing;
    let renewal = ex.renew.as_ref().and_then(|r| r.renewal.as_ref().ok());
    let errors: Vec<String> = check
        .renew_problem
        .iter()
        .map(|p| p.text_for(Speaker::Page, lang))
        .collect();
    let body = html! {
        <div class={classes!("field", "file-field", (!errors.is_empty()).then_some("invalid"))}>
            <label for="f-renew-cert">{ Text::RenewCert.tr(lang) }</label>
            <p class="hint" id="h-renew-cert">{ Text::RenewCertHint.tr(lang) }</p>
            { files::input("renew-cert", false, FileTarget::Renew, "h-renew-cert e-renew-cert".into(), ctx) }
            if let Some(old) = &ex.renew {
                <p class="file-status">{ shown(&old.name) }</p>
            }
            { errors_block("e-renew-cert", &errors) }
        </div>
    };
    let same = match renewal.and_then(|r| r.key_type) {
        Some(k) => {
            let (same, label) = (Text::SameKeyType.tr(lang), i18n::key_type_label(k, lang));
            match lang {
                Lang::En => format!("{same}: {label}"),
                Lang::Zh => format!("{same}：{label}"),
            }
        }
        None => Text::SameKeyType.tr(lang).to_owned(),
    };
    html! {
        <>
            { files::drop_zone(DropZone::Renew, FileTarget::Renew, body, ctx) }
            if let Some(r) = renewal {
                <div class="renew-summary" role="status">
                    <dl>
                        <dt>{ Text::RenewWhat.tr(lang) }</dt>
                        <dd>{ match r.role { Role::Server => Text::RoleHost.tr(lang), Role::Client => Text::RoleClient.tr(lang) } }</dd>
                        <dt>{ Text::Name.tr(lang) }</dt>
                        <dd><code>{ controls::name(dockcert_core::plan::names::host_items(&r.spec).first().copied().unwrap_or_default()) }</code></dd>
                        if r.role == Role::Server {
                            <dt>{ Text::OldSans.tr(lang) }</dt>
                            <dd>{ if r.sans.is_empty() { html! { { Text::NoSans.tr(lang) } } } else { controls::name(&r.sans.join(", ")) } }</dd>
                            <dt>{ Text::NewSans.tr(lang) }</dt>
                            <dd>{ controls::name(&dockcert_core::plan::names::host_items(&r.spec).join(", ")) }</dd>
                        }
                    </dl>
                    if !r.notes.is_empty() {
                        <ul class="notes">{ for r.notes.iter().map(|n| html! { <li>{ n.text(lang) }</li> }) }</ul>
                    }
                </div>
            }
            { controls::key_type_select(&ex.renew_key_type, Some(("", same)),
                Text::KeyTypeRenewHint, s.busy(), ctx) }
        </>
    }
}
