//! The "Inspect" mode: files in (certificates, keys, daemon.json, systemd
//! units, a bundle zip), the core's report out, every finding with its
//! severity in words and a mark; and pasted error messages explained.

use dockcert_core::inspect::{Finding, Severity};
use dockcert_core::Localized;
use yew::prelude::*;

use super::controls::{Control, ControlKind};
use super::files::{self, FileTarget};
use super::Ctx;
use crate::i18n::{self, Text};
use crate::state::{DropZone, Input, Msg};

pub(super) fn panel(ctx: &Ctx) -> Html {
    let s = ctx.s();
    let lang = s.lang;
    let ins = &s.inspection;
    let clear = {
        let send = ctx.send.clone();
        Callback::from(move |_| send.emit(Msg::InspectClear))
    };
    let picker = html! {
        <div class="field file-field">
            <label for="f-inspect-files">{ Text::InspectFiles.tr(lang) }</label>
            <p class="hint" id="h-inspect-files">{ Text::InspectFilesHint.tr(lang) }</p>
            { files::input("inspect-files", true, FileTarget::Inspect, "h-inspect-files".into(), ctx) }
            if !ins.gathered.files.is_empty() {
                <p class="file-status">
                    { i18n::files_read(ins.gathered.files.len(), lang) }{ " " }
                    <button type="button" name="inspect-clear" class="link" onclick={clear}>{ Text::ClearFiles.tr(lang) }</button>
                </p>
            }
            { super::controls::errors_block("e-inspect-files", &ins.gathered.skipped.iter().map(|s| s.text(lang)).collect::<Vec<_>>()) }
        </div>
    };
    let text_control = |input: Input, label: Text, hint: Text, kind: ControlKind| {
        Control {
            input,
            label: html! { { label.tr(lang) } },
            hint: Some(html! { { hint.tr(lang) } }),
            kind,
            value: ins.host.clone(),
            errors: Vec::new(),
            disabled: false,
            also_described_by: None,
            send: &ctx.send,
        }
        .render()
    };
    html! {
        <>
            <h2 id="form-title">{ Text::InspectTitle.tr(lang) }</h2>
            <p class="hint">{ Text::ModeInspectHint.tr(lang) }</p>
            <p class="hint">{ Text::ProbeWithCli.tr(lang) }</p>
            <form novalidate=true onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                { files::drop_zone(DropZone::Inspect, FileTarget::Inspect, picker, ctx) }
                { text_control(Input::Host, Text::HostToCheck, Text::HostToCheckHint,
                    ControlKind::Text { placeholder: "docker1.example.com".into(), numeric: false }) }
                { super::explainer::section(ctx) }
            </form>
        </>
    }
}

/// The report on the files: a verdict, every finding, every file.
pub(super) fn report(ctx: &Ctx) -> Html {
    let s = ctx.s();
    let lang = s.lang;
    let Some(report) = &s.inspection.report else {
        return html! {
            <>
                <h2 id="result-title">{ Text::ReportTitle.tr(lang) }</h2>
                <p class="empty">{ Text::EmptyReport.tr(lang) }</p>
            </>
        };
    };
    let all_well = report.ok() && report.warnings == 0;
    let verdict = report.verdict(lang);
    html! {
        <div class="report" data-errors={report.errors.to_string()} data-warnings={report.warnings.to_string()}>
            <h2 id="result-title">{ Text::ReportTitle.tr(lang) }</h2>
            if all_well {
                <p class="done all-well" role="status">{ verdict }</p>
            } else {
                <p class={classes!("verdict", (!report.ok()).then_some("bad"))} role="status">
                    <span aria-hidden="true">{ if report.ok() { "! " } else { "✕ " } }</span>
                    { verdict }
                </p>
            }
            if !report.findings.is_empty() {
                <h3>{ Text::Problems.tr(lang) }</h3>
                <ul class="findings">{ for report.findings.iter().map(|f| finding(f, lang)) }</ul>
            }
            if let Some(found) = &s.inspection.expiry {
                { super::expiry::table(found, lang) }
            }
            <h3>{ Text::Files.tr(lang) }</h3>
            <ul class="inspected">
                { for report.files.iter().map(|f| html! {
                    <li data-file={f.path.clone()} data-kind={f.kind_text(i18n::Lang::En)}>
                        <p class="inspected-head">
                            <code class="path">{ super::controls::name(&f.path) }</code>{ " " }
                            <span class="kind">{ f.kind_text(lang) }</span>
                            if let Some(mode) = &f.mode {
                                { " " }<span class="mode-label">{ Text::FileMode.tr(lang) }</span>{ " " }
                                <code class="mode">{ mode.clone() }</code>
                            }
                        </p>
                        if !f.details.is_empty() {
                            <ul class="details">{ for f.details_text(lang).into_iter().map(|d| html! { <li>{ super::controls::breakable(&d) }</li> }) }</ul>
                        }
                    </li>
                }) }
            </ul>
            if report.files.iter().any(|f| f.mode.is_none()) {
                <p class="note">{ Text::ModesUnknown.tr(lang) }</p>
            }
        </div>
    }
}

fn finding(f: &Finding, lang: crate::i18n::Lang) -> Html {
    let (class, severity, mark, word) = match f.severity {
        Severity::Error => ("sev-error", "error", "✕", Text::SeverityError),
        Severity::Warning => ("sev-warning", "warning", "!", Text::SeverityWarning),
    };
    html! {
        <li class={classes!("finding", class)} data-severity={severity} data-code={f.code}>
            <p class="finding-head">
                <span class="severity"><span aria-hidden="true">{ format!("{mark} ") }</span>{ word.tr(lang) }</span>
                { " " }<code>{ f.code }</code>
                if let Some(file) = &f.file {
                    { " " }<span class="finding-file">{ super::controls::name(file) }</span>
                }
            </p>
            <p class="finding-message">{ super::controls::breakable(&f.message(lang)) }</p>
            if let Some(fix) = f.fix(lang) {
                <p class="finding-fix"><span class="label">{ Text::Fix.tr(lang) }</span>{ " " }{ super::controls::breakable(&fix) }</p>
            }
        </li>
    }
}
