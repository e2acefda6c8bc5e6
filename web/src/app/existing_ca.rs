//! The "Existing CA" form: the CA's certificate and key as files (told
//! apart by content when dropped together), its passphrase when the key is
//! encrypted, then more certificates (issue), a new one like an old one
//! (renew, `renewal.rs`) or a new CA for its current bundle (rotate,
//! `rotate.rs`).

use dockcert_core::import::CaUse;
use dockcert_core::plan::Field;
use dockcert_core::{pki, Localized, Speaker};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::controls::{self, errors_block, shown, Control, ControlKind};
use super::files::{self, FileTarget};
use super::new_ca::{hosts_hint, SUBJECT};
use super::{renewal, rotate, Ctx};
use crate::generate;
use crate::i18n::{self, Rot, Text};
use crate::state::{CaField, CaSlot, DropZone, ExistingCheck, Input, Msg, Task};

pub(super) fn panel(ctx: &Ctx) -> Html {
    let s = ctx.s();
    let lang = s.lang;
    let check = s.existing_check();
    let on_open = {
        let ctx = ctx.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let s = ctx.s();
            // Opened for any task: an expired CA's refusal to sign is its own.
            let job = s.existing.ca.open_job(CaUse::Replace);
            if let (false, Some(job)) = (s.busy(), job) {
                let send = ctx.send.clone();
                spawn_local(generate::open(job, move |msg| send.emit(msg)));
            }
        })
    };
    let on_make = {
        let ctx = ctx.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (s, now) = (ctx.s(), crate::browser::now());
            let send = ctx.send.clone();
            if let Some(job) = s.existing.rotate_job(now, s.lang) {
                spawn_local(generate::rotate(job, move |msg| send.emit(msg)));
            } else if let Some(job) = s.existing_job(now) {
                spawn_local(generate::issue(job, move |msg| send.emit(msg)));
            }
        })
    };
    let (button, label) = match s.existing.task {
        Task::Issue => ("issue", Text::Issue),
        Task::Renew => ("renew", Text::Renew),
        Task::Rotate => ("rotate", Text::Rot(Rot::Button)),
    };
    html! {
        <>
            <h2 id="form-title">{ Text::ExistingTitle.tr(lang) }</h2>
            <p class="hint">{ Text::ModeExistingCaHint.tr(lang) }</p>
            <form class="ca-form" novalidate=true onsubmit={on_open}>
                { ca_files(ctx) }
                { ca_summary(ctx) }
                if s.existing.ca.key_encrypted() {
                    { passphrase(ctx) }
                }
            </form>
            <form novalidate=true onsubmit={on_make}>
                { task_switch(ctx) }
                {
                    match s.existing.task {
                        Task::Issue => leaves(ctx, &check),
                        Task::Renew => renewal::view(ctx, &check),
                        Task::Rotate => rotate::form(ctx, &check),
                    }
                }
                if s.existing.task != Task::Rotate {
                    { advanced(ctx, &check) }
                }
                { controls::action(button, label,
                    s.action_note().map(|note| i18n::line(&note, lang)), s.busy(), lang) }
            </form>
        </>
    }
}

fn ca_files(ctx: &Ctx) -> Html {
    let s = ctx.s();
    let lang = s.lang;
    let ex = &s.existing.ca;
    let used = s.existing.task.ca_use();
    let field = |name: &'static str,
                 label: Text,
                 slot: CaSlot,
                 which: CaField,
                 status: Option<String>| {
        let mut errors: Vec<String> = ex
            .problem(which, used)
            .map(|p| p.text_for(Speaker::Page, lang))
            .into_iter()
            .collect();
        // Refused to sign for its dates alone: Rotate is what is left.
        let expired = ex.cert.as_ref().is_some_and(|c| c.expired.is_some());
        if which == CaField::Cert && expired && used == CaUse::Sign {
            errors.push(Rot::ExpiredRotate.tr(lang).to_owned());
        }
        let described = format!("s-{name} e-{name}");
        html! {
            <div class={classes!("field", "file-field", (!errors.is_empty()).then_some("invalid"))}>
                <label for={format!("f-{name}")}>{ label.tr(lang) }</label>
                { files::input(name, false, FileTarget::Ca(slot), described, ctx) }
                <p class="file-status" id={format!("s-{name}")}>
                    if let Some(status) = status {
                        <span class="ok-mark" aria-hidden="true">{ "✓ " }</span>{ status }
                    } else {
                        { Text::NoFileYet.tr(lang) }
                    }
                </p>
                { errors_block(&format!("e-{name}"), &errors) }
            </div>
        }
    };
    let cert_status = ex
        .cert
        .as_ref()
        .filter(|c| c.facts_for(used).is_ok())
        .map(|c| shown(&c.name));
    let key_status = ex.key.as_ref().and_then(|k| {
        let state = k.state.as_ref().ok()?;
        Some(format!(
            "{}: {}",
            shown(&k.name),
            i18n::key_words(*state, lang)
        ))
    });
    let body = html! {
        <>
            <p class="drop-hint">{ Text::DropCaHint.tr(lang) }</p>
            <div class="file-pair">
                { field("ca-cert", Text::CaCertFile, CaSlot::Cert, CaField::Cert, cert_status) }
                { field("ca-key", Text::CaKeyFile, CaSlot::Key, CaField::Key, key_status) }
            </div>
            { super::inventory::field(ctx) }
            { errors_block("e-ca-files", &ex.unrecognised.iter().map(|p| p.text(lang)).collect::<Vec<_>>()) }
        </>
    };
    files::drop_zone(DropZone::Ca, FileTarget::Ca(CaSlot::Either), body, ctx)
}

/// The CA as soon as its certificate loads: name, expiry, key format, and
/// whether the key is open; for Rotate, `dockcert rotate`'s warning if it
/// has expired.
fn ca_summary(ctx: &Ctx) -> Html {
    let s = ctx.s();
    let lang = s.lang;
    let ex = &s.existing.ca;
    let used = s.existing.task.ca_use();
    let Some((cert, facts)) = ex
        .cert
        .as_ref()
        .and_then(|c| Some((c, c.facts_for(used).ok()?)))
    else {
        return Html::default();
    };
    let key = ex.key.as_ref().and_then(|k| k.state.as_ref().ok().copied());
    let (mark, status) = if ex.opening {
        ("…", Text::OpeningKey)
    } else if ex.opened.is_some() {
        ("✓", Text::KeyOpened)
    } else if ex.key.is_none() {
        ("!", Text::NeedKeyFile)
    } else if ex.key_encrypted() {
        ("!", Text::KeyLocked)
    } else {
        ("✕", Text::KeyNotOpened)
    };
    let key_type = ex.opened.as_ref().map(|o| o.ca().key.key_type());
    html! {
        <div class="ca-summary" role="status">
            <dl>
                <dt>{ Text::CaLabel.tr(lang) }</dt>
                <dd><strong>{ shown(&cert.ca_name().unwrap_or_default()) }</strong></dd>
                <dt>{ Text::ExpiresLabel.tr(lang) }</dt>
                <dd><time>{ pki::day(facts.not_after) }</time></dd>
                if let Some(key) = key {
                    <dt>{ Text::KeyLabel.tr(lang) }</dt>
                    <dd>
                        { i18n::key_words(key, lang) }
                        if let Some(t) = key_type {
                            { format!(" · {}", i18n::key_type_label(t, lang)) }
                        }
                    </dd>
                }
            </dl>
            <p class={classes!("key-state", ex.opened.is_some().then_some("opened"))}>
                <span aria-hidden="true">{ format!("{mark} ") }</span>{ status.tr(lang) }
            </p>
            if facts.lacks_key_usage {
                <p class="note">{ Text::CaLacksKeyUsage.tr(lang) }</p>
            }
            if let Some(note) = cert.expired_note() {
                <p class="warning ca-expired">
                    <strong>{ Rot::Warning.tr(lang) }</strong>{ note.text(lang) }
                </p>
            }
        </div>
    }
}

fn passphrase(ctx: &Ctx) -> Html {
    let s = ctx.s();
    let lang = s.lang;
    let ex = &s.existing.ca;
    let control = Control {
        input: Input::CaPassphrase,
        label: html! { { Text::CaPassphrase.tr(lang) } },
        hint: Some(html! { { Text::CaPassphraseHint.tr(lang) } }),
        kind: ControlKind::Password {
            autocomplete: "off",
        },
        value: ex.passphrase.to_string(),
        errors: ex
            .problem(CaField::Passphrase, s.existing.task.ca_use())
            .map(|p| p.text_for(Speaker::Page, lang))
            .into_iter()
            .collect(),
        disabled: s.busy(),
        also_described_by: None,
        send: &ctx.send,
    };
    html! {
        <div class="open-row">
            { control.render() }
            <button type="submit" name="open-ca" class="secondary"
                disabled={s.busy() || ex.passphrase.is_empty()}>{ Text::OpenKey.tr(lang) }</button>
        </div>
    }
}

fn task_switch(ctx: &Ctx) -> Html {
    let s = ctx.s();
    let lang = s.lang;
    let option = |task: Task, value: &'static str, label: Text| {
        let send = ctx.send.clone();
        let id = format!("task-{value}");
        html! {
            <>
                <input type="radio" class="mode-radio" id={id.clone()} name="task" {value}
                    checked={s.existing.task == task} disabled={s.busy()}
                    onchange={Callback::from(move |_| send.emit(Msg::SetTask(task)))} />
                <label for={id} class="mode-option">{ label.tr(lang) }</label>
            </>
        }
    };
    html! {
        <fieldset class="modes tasks">
            <legend>{ Text::TaskLabel.tr(lang) }</legend>
            { option(Task::Issue, "issue", Text::TaskIssue) }
            { option(Task::Renew, "renew", Text::TaskRenew) }
            { option(Task::Rotate, "rotate", Text::Rot(Rot::Task)) }
        </fieldset>
    }
}

fn control(
    ctx: &Ctx,
    check: &ExistingCheck,
    input: Input,
    label: Text,
    hint: Option<Html>,
    kind: ControlKind,
) -> Html {
    labelled(ctx, check, input, label.tr(ctx.lang()), hint, kind)
}

/// A plan setting's control: its label and hint are its row of the core's table.
fn setting(ctx: &Ctx, check: &ExistingCheck, input: Input, kind: ControlKind) -> Html {
    let lang = ctx.lang();
    let field = input.field();
    let hint = field.and_then(|f| f.hint(lang)).map(|h| html! { { h } });
    labelled(
        ctx,
        check,
        input,
        field.map_or("", |f| f.label(lang)),
        hint,
        kind,
    )
}

fn labelled(
    ctx: &Ctx,
    check: &ExistingCheck,
    input: Input,
    label: &str,
    hint: Option<Html>,
    kind: ControlKind,
) -> Html {
    let s = ctx.s();
    let ex = &s.existing;
    Control {
        input,
        label: html! { { label } },
        hint,
        kind,
        value: ex.form.get(input).to_owned(),
        errors: if ex.touched.contains(&input) {
            check.errors_for(input, s.lang)
        } else {
            Vec::new()
        },
        disabled: s.busy(),
        also_described_by: None,
        send: &ctx.send,
    }
    .render()
}

fn leaves(ctx: &Ctx, check: &ExistingCheck) -> Html {
    let s = ctx.s();
    let lang = s.lang;
    html! {
        <>
            { control(ctx, check, Input::Setting(Field::Server), Text::Hosts, Some(hosts_hint(lang)),
                ControlKind::Area { rows: 3, placeholder: "docker3.example.com,10.0.0.7".into() }) }
            { control(ctx, check, Input::Setting(Field::Client), Text::Clients, Some(html! { { Text::ClientsIssueHint.tr(lang) } }),
                ControlKind::Area { rows: 2, placeholder: "bob".into() }) }
            { controls::key_type_select(s.existing.form.text(Field::KeyType), None, Text::KeyTypeIssueHint, s.busy(), ctx) }
        </>
    }
}

fn advanced(ctx: &Ctx, check: &ExistingCheck) -> Html {
    let s = ctx.s();
    let lang = s.lang;
    // Empty, each takes its default, shown greyed.
    let defaulted = |field: Field| ControlKind::Text {
        placeholder: field.default_text(),
        numeric: false,
    };
    let body = || {
        html! {
            <>
                { setting(ctx, check, Input::Setting(Field::Days),
                    ControlKind::Text { placeholder: Text::DaysFitCa.tr(lang).to_owned(), numeric: true }) }
                { setting(ctx, check, Input::Setting(Field::Listen), defaulted(Field::Listen)) }
                { setting(ctx, check, Input::Setting(Field::InstallDir), defaulted(Field::InstallDir)) }
                { setting(ctx, check, Input::Setting(Field::AllowFrom),
                    ControlKind::Text { placeholder: "10.0.0.0/24 192.168.1.0/24".into(), numeric: false }) }
                if s.existing.task == Task::Issue {
                    { for SUBJECT.iter().map(|&f| setting(ctx, check, Input::Setting(f), defaulted(f))) }
                }
            </>
        }
    };
    // A refused Days (it would outlive the CA) opens the section it is in.
    let days_refused = !check
        .errors_for(Input::Setting(Field::Days), lang)
        .is_empty();
    controls::advanced(s.existing.advanced_open || days_refused, body, ctx)
}
