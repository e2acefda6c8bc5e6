//! The Existing CA's Rotate step (`dockcert rotate`): the current bundle's
//! zip, its hosts and clients with a box to drop each, the new CA key's
//! passphrase; and, once made, the three phases with their commands.

use dockcert_core::rotate::{PhaseSummary, RotationPhase};
use dockcert_core::{Localized, Speaker};
use yew::prelude::*;

use super::controls::{command_block, errors_block, name, Control, ControlKind};
use super::files::{self, FileTarget};
use super::Ctx;
use crate::browser;
use crate::i18n::{self, Lang, Rot, Text};
use crate::state::{DropZone, ExistingCheck, Input, Msg, Outcome};

/// The step's inputs, under the CA's.
pub(super) fn form(ctx: &Ctx, check: &ExistingCheck) -> Html {
    let s = ctx.s();
    let lang = s.lang;
    let rotation = &s.existing.rotation;
    let read = rotation.read.as_ref().map(|r| r.get());
    let bundle_errors: Vec<String> = match read {
        Some(Err(e)) => vec![e.text_for(Speaker::Page, lang)],
        _ => Vec::new(),
    };
    let drop_errors: Vec<String> =
        match (read, check.rotation.as_ref().and_then(|r| r.kept.as_ref())) {
            (Some(Ok(_)), Some(Err(e))) => vec![e.text_for(Speaker::Page, lang)],
            _ => Vec::new(),
        };
    let status = match read {
        Some(Ok(current)) => Some(format!(
            "{} {}",
            Rot::Found.tr(lang),
            i18n::members(current.hosts().len(), current.clients().len(), lang)
        )),
        _ => rotation
            .files
            .first()
            .map(|f| super::controls::shown(&f.name)),
    };
    // What the CLI says as notes (the old CA's expiry, its one warning,
    // is shown with the CA's facts above).
    let notes: Vec<String> = match read {
        Some(Ok(current)) => current
            .notes()
            .iter()
            .filter(|n| !n.is_warning() && !rotation.drop.iter().any(|d| n.concerns(d)))
            .map(|n| n.text_for(Speaker::Page, lang))
            .collect(),
        _ => Vec::new(),
    };
    let body = html! {
        <div class={classes!("field", "file-field", (!bundle_errors.is_empty()).then_some("invalid"))}>
            <label for="f-rotate-bundle">{ Rot::Bundle.tr(lang) }</label>
            <p class="hint" id="h-rotate-bundle">{ Rot::BundleHint.tr(lang) }</p>
            { files::input("rotate-bundle", false, FileTarget::Rotate, "h-rotate-bundle e-rotate-bundle".into(), ctx) }
            <p class="file-status" id="s-rotate-bundle">{ status.unwrap_or_else(|| Text::NoFileYet.tr(lang).to_owned()) }</p>
            { errors_block("e-rotate-bundle", &bundle_errors) }
            if !notes.is_empty() {
                <ul class="rotate-notes" id="n-rotate-bundle">
                    { for notes.iter().map(|n| html! { <li>{ super::controls::breakable(n) }</li> }) }
                </ul>
            }
        </div>
    };
    let members = match read {
        Some(Ok(current)) => {
            let row = |role: Text, member: &str| {
                let send = ctx.send.clone();
                let owned = member.to_owned();
                let onchange = Callback::from(move |e: Event| {
                    send.emit(Msg::SetDrop(owned.clone(), browser::is_on(&e, "checked")))
                });
                html! {
                    <li>
                        <label class="member">
                            <input type="checkbox" name="drop" value={member.to_owned()}
                                checked={rotation.drop.contains(member)} {onchange} disabled={s.busy()} />
                            <span class="role">{ role.tr(lang) }</span>{ " " }<code>{ name(member) }</code>
                        </label>
                    </li>
                }
            };
            html! {
                <fieldset class={classes!("field", "members", (!drop_errors.is_empty()).then_some("invalid"))}
                    aria-describedby="h-drop e-drop">
                    <legend>{ Rot::Drop.tr(lang) }</legend>
                    <p class="hint" id="h-drop">{ Rot::DropHint.tr(lang) }</p>
                    <ul class="member-list">
                        { for current.hosts().iter().map(|m| row(Text::RoleHost, &m.name)) }
                        { for current.clients().iter().map(|m| row(Text::RoleClient, &m.name)) }
                    </ul>
                    { errors_block("e-drop", &drop_errors) }
                </fieldset>
            }
        }
        _ => Html::default(),
    };
    let passphrase = |input: Input, label: &str| {
        Control {
            input,
            label: html! { { label } },
            hint: None,
            kind: ControlKind::Password {
                autocomplete: "new-password",
            },
            value: match input {
                Input::Passphrase => rotation.passphrase.to_string(),
                _ => rotation.passphrase_confirm.to_string(),
            },
            errors: if s.existing.touched.contains(&input) {
                check.errors_for(input, lang)
            } else {
                Vec::new()
            },
            disabled: s.busy(),
            also_described_by: Some("h-passphrase-pair"),
            send: &ctx.send,
        }
        .render()
    };
    html! {
        <>
            { files::drop_zone(DropZone::Rotate, FileTarget::Rotate, body, ctx) }
            { members }
            if !rotation.no_passphrase {
                <div class="pair">
                    { passphrase(Input::Passphrase, Rot::NewPassphrase.tr(lang)) }
                    { passphrase(Input::PassphraseConfirm, Text::PassphraseAgain.tr(lang)) }
                </div>
                <p class="hint pair-hint" id="h-passphrase-pair">{ Text::PassphraseHint.tr(lang) }</p>
            }
            { super::new_ca::no_passphrase(rotation.no_passphrase, ctx) }
        </>
    }
}

/// The guide for a rotation's zip: unzip, copy the folders, then the three
/// phases in order with the commands of each, in the core's words.
pub(super) fn guide(zip_file: &str, top: &str, ctx: &Ctx) -> Html {
    let (s, send) = (ctx.s(), &ctx.send);
    let lang = s.lang;
    let prefix = format!("{top}/");
    html! {
        <ol class="guide-steps">
            <li>
                <p>{ i18n::Guide::Unzip.tr(lang) }</p>
                { command_block(format!("unzip {zip_file}"), s, send, "unzip") }
            </li>
            <li>
                <p>{ Rot::CopyFolders.tr(lang) }</p>
                { command_block(format!("scp -r {top}/server/HOST HOST:\nscp -r {top}/client/NAME CLIENT:"), s, send, "scp") }
            </li>
            <li class="phases">
                <p>{ PhaseSummary::Heading.text(lang) }</p>
                <ol class="phase-list">
                    { for RotationPhase::ALL.into_iter().map(|phase| phase_step(phase, &prefix, ctx)) }
                </ol>
            </li>
        </ol>
    }
}

fn phase_step(phase: RotationPhase, prefix: &str, ctx: &Ctx) -> Html {
    let (s, send) = (ctx.s(), &ctx.send);
    let lang = s.lang;
    let n = phase.number();
    let said = PhaseSummary::Phase(phase, prefix).text(lang);
    html! {
        <li class="phase" data-phase={n.to_string()}>
            <h4>{ i18n::phase_title(n, lang) }</h4>
            { for said.lines().map(|line| html! { <p>{ line }</p> }) }
            <p>{ Rot::OnHosts.tr(lang) }</p>
            { command_block(phase.host_commands(), s, send, &format!("host phase {n}")) }
            <p>{ Rot::OnClients.tr(lang) }</p>
            { command_block(phase.client_command(), s, send, &format!("client phase {n}")) }
        </li>
    }
}

/// A rotation's next steps besides the phases: who was dropped, and the
/// window until phase 3.
pub(super) fn dropped(o: &Outcome, lang: Lang) -> Html {
    let Some(dropped) = &o.dropped else {
        return Html::default();
    };
    html! {
        <div class="step dropped">
            <h4>{ Rot::Dropped.tr(lang) }</h4>
            if dropped.is_empty() {
                <p>{ Rot::NoneDropped.tr(lang) }</p>
            } else {
                <ul class="member-list">{ for dropped.iter().map(|n| html! { <li><code>{ name(n) }</code></li> }) }</ul>
                <p>{ Rot::Window.tr(lang) }</p>
            }
        </div>
    }
}
