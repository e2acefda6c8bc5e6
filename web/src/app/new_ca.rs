//! The "New CA" form: hosts, clients, key type, the CA key's passphrase or
//! the choice to go without, and the advanced settings.

use dockcert_core::plan::Field;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::controls::{self, Control, ControlKind};
use super::Ctx;
use crate::i18n::{self, Lang, Text};
use crate::state::{Input, Msg};
use crate::{browser, generate};

/// The subject's attributes besides the CN, in the order a person reads
/// them (the certificate holds them C, O, OU); in Existing CA, issue's
/// only, as a renewal keeps the old certificate's subject.
pub(super) const SUBJECT: [Field; 3] =
    [Field::SubjectOrg, Field::SubjectUnit, Field::SubjectCountry];

pub(super) fn panel(ctx: &Ctx) -> Html {
    let s = ctx.s();
    let lang = s.lang;
    let check = s.check();
    let on_submit = {
        let ctx = ctx.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let s = ctx.s();
            if s.busy() {
                return;
            }
            let check = s.check();
            if let (Ok(plan), Ok(layout), Ok(protection)) =
                (check.plan, check.layout, check.protection)
            {
                let send = ctx.send.clone();
                spawn_local(generate::run(plan, layout, protection, move |msg| {
                    send.emit(msg)
                }));
            }
        })
    };
    let labelled = |input: Input, label: &str, hint: Option<Html>, kind| {
        Control {
            input,
            label: html! { { label } },
            hint,
            kind,
            value: s.form.get(input).to_owned(),
            errors: if s.touched.contains(&input) {
                check.errors_for(input, lang)
            } else {
                Vec::new()
            },
            disabled: s.busy(),
            also_described_by: matches!(input, Input::Passphrase | Input::PassphraseConfirm)
                .then_some("h-passphrase-pair"),
            send: &ctx.send,
        }
        .render()
    };
    let control = |input: Input, label: Text, hint: Option<Html>, kind| {
        labelled(input, label.tr(lang), hint, kind)
    };
    // A plan setting's label and hint are its row of the core's table.
    let setting = |input: Input, kind| {
        let field = input.field();
        let hint = field.and_then(|f| f.hint(lang)).map(|h| html! { { h } });
        labelled(input, field.map_or("", |f| f.label(lang)), hint, kind)
    };
    // A field with a default starts empty and shows it greyed: left empty,
    // the default is what the plan takes.
    let defaulted = |field: Field, numeric| ControlKind::Text {
        placeholder: field.default_text(),
        numeric,
    };
    let layout_errors = if s.touched.contains(&Input::Layout) {
        check.errors_for(Input::Layout, lang)
    } else {
        Vec::new()
    };
    let advanced = || {
        html! {
            <>
                { controls::layout_select(s.form.layout, &layout_errors, s.busy(), ctx) }
                { setting(Input::Setting(Field::Days), defaulted(Field::Days, true)) }
                { setting(Input::Setting(Field::CaDays), defaulted(Field::CaDays, true)) }
                { setting(Input::Setting(Field::CaName),
                    ControlKind::Text { placeholder: format!("dockcert CA {}", s.today), numeric: false }) }
                { for SUBJECT.iter().map(|&f| setting(Input::Setting(f), defaulted(f, false))) }
                { setting(Input::Setting(Field::Listen), defaulted(Field::Listen, false)) }
                { setting(Input::Setting(Field::InstallDir), defaulted(Field::InstallDir, false)) }
                { setting(Input::Setting(Field::AllowFrom),
                    ControlKind::Text { placeholder: "10.0.0.0/24 192.168.1.0/24".into(), numeric: false }) }
            </>
        }
    };
    let password = ControlKind::Password {
        autocomplete: "new-password",
    };
    html! {
        <>
            <h2 id="form-title">{ Text::FormTitle.tr(lang) }</h2>
            <form novalidate=true onsubmit={on_submit}>
                { control(Input::Setting(Field::Server), Text::Hosts, Some(hosts_hint(lang)),
                    ControlKind::Area { rows: 3, placeholder: "docker1.example.com,10.0.0.5".into() }) }
                { control(Input::Setting(Field::Client), Text::Clients, Some(html! { { Text::ClientsHint.tr(lang) } }),
                    ControlKind::Area { rows: 2, placeholder: Field::Client.default_text() }) }
                { controls::key_type_select(s.form.text(Field::KeyType), None, Text::KeyTypeHint, s.busy(), ctx) }
                if !s.form.no_passphrase {
                    <div class="pair">
                        { control(Input::Passphrase, Text::Passphrase, None, password) }
                        { control(Input::PassphraseConfirm, Text::PassphraseAgain, None,
                            ControlKind::Password { autocomplete: "new-password" }) }
                    </div>
                    <p class="hint pair-hint" id="h-passphrase-pair">{ Text::PassphraseHint.tr(lang) }</p>
                }
                { no_passphrase(s.form.no_passphrase, ctx) }
                { controls::advanced(s.advanced_open, advanced, ctx) }
                { controls::action("generate", Text::Generate,
                    s.action_note().map(|note| i18n::line(&note, lang)), s.busy(), lang) }
            </form>
        </>
    }
}

/// The explicit choice to leave the new CA key unencrypted (`checked`),
/// with its warning when chosen.
pub(super) fn no_passphrase(checked: bool, ctx: &Ctx) -> Html {
    let lang = ctx.lang();
    let send = ctx.send.clone();
    let onchange = Callback::from(move |e: Event| {
        send.emit(Msg::SetNoPassphrase(browser::is_on(&e, "checked")))
    });
    html! {
        <div class="field check">
            <input id="f-no-passphrase" name="no-passphrase" type="checkbox" {checked}
                {onchange} disabled={ctx.s().busy()} aria-describedby={checked.then_some("w-no-passphrase")} />
            <label for="f-no-passphrase">{ Text::NoPassphrase.tr(lang) }</label>
            if checked {
                <p class="warning" id="w-no-passphrase" role="note">{ Text::NoPassphraseWarning.tr(lang) }</p>
            }
        </div>
    }
}

/// The hosts hint, with the SAN term explained on hover or focus.
pub(super) fn hosts_hint(lang: Lang) -> Html {
    html! {
        <>
            { Text::HostsHint.tr(lang) }{ " " }
            <span class="term" tabindex="0">{ Text::SanTerm.tr(lang) }<span class="tip" role="tooltip">{ Text::SanHint.tr(lang) }</span></span>
            { if lang == Lang::Zh { "。" } else { "." } }
        </>
    }
}
