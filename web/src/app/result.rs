//! The result of New CA, issue and renew: progress per key, then every
//! file with its mode, the certificates with their expiry, the next steps
//! with copy buttons, and the download link.

use dockcert_core::bundle::Note;
use dockcert_core::pki::{self as cert, CertRole};
use dockcert_core::Localized;
use yew::prelude::*;

use super::controls::{breakable, cell_label, command_block, name};
use super::{guide, Ctx};
use crate::i18n::{Lang, Text};
use crate::state::{AppState, Mode, Outcome, Phase, Progress, Step, ZipName};

/// The result panel for `phase`; `empty` says what to do first, `zip` is
/// the zip it will make.
pub(super) fn view(phase: &Phase, empty: String, zip: ZipName, ctx: &Ctx) -> Html {
    let lang = ctx.lang();
    match phase {
        Phase::Editing => html! {
            <>
                <h2 id="result-title">{ Text::ResultTitle.tr(lang) }</h2>
                <p class="empty">{ empty }</p>
                { guide::view(zip.file, zip.top, false, ctx) }
            </>
        },
        Phase::Generating(progress) => progress_view(progress, ctx.s().mode, lang),
        Phase::Failed(failure) => html! {
            <>
                <h2 id="result-title">{ Text::ResultTitle.tr(lang) }</h2>
                <p class="error" role="alert"><strong>{ Text::Failed.tr(lang) }</strong>{ " " }{ failure.text(lang) }</p>
            </>
        },
        Phase::Done(outcome) => outcome_view(outcome, ctx),
    }
}

fn progress_view(p: &Progress, mode: Mode, lang: Lang) -> Html {
    let signing = if mode == Mode::NewCa {
        Text::Signing
    } else {
        Text::SigningOnly
    };
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
                <p>{ signing.tr(lang) }{ " …" }</p>
            }
            if p.step == Step::Packing {
                <p>{ Text::Packing.tr(lang) }{ " …" }</p>
            }
        </div>
    }
}

/// A note of the next steps: its words, and its commands (if any) with a
/// copy button.
fn note_block(n: &Note, lang: Lang, s: &AppState, send: &super::Send) -> Html {
    html! {
        <>
            <p>{ n.says.text(lang) }</p>
            if !n.commands.is_empty() {
                { command_block(n.commands.join("\n"), s, send, "commands") }
            }
        </>
    }
}

fn size_text(bytes: usize) -> String {
    if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
    }
}

fn outcome_view(o: &Outcome, ctx: &Ctx) -> Html {
    let (s, send) = (ctx.s(), &ctx.send);
    let lang = s.lang;
    let role = |r: CertRole| match r {
        CertRole::Ca => "CA",
        CertRole::Server => Text::RoleHost.tr(lang),
        CertRole::Client => Text::RoleClient.tr(lang),
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
            { guide::view(&o.zip_name, o.zip_name.trim_end_matches(".zip"), true, ctx) }
            if !o.notes.is_empty() {
                <div class="notice info">
                    <h3>{ Text::Notes.tr(lang) }</h3>
                    <ul class="notes">{ for o.notes.iter().map(|n| html! { <li>{ n.text(lang) }</li> }) }</ul>
                </div>
            }
            if !o.warnings.is_empty() {
                <div class="notice warn">
                    <h3>{ Text::Warnings.tr(lang) }</h3>
                    <ul>{ for o.warnings.iter().map(|w| html! { <li>{ w.text_for(dockcert_core::Speaker::Page, lang) }</li> }) }</ul>
                </div>
            }

            <h3>{ Text::Certificates.tr(lang) }</h3>
            <p class="fingerprint">{ Text::CaFingerprint.tr(lang) }{ " " }<code>{ name(&o.ca_fingerprint) }</code></p>
            <div class="table-wrap">
                <table class="certs">
                    <thead><tr><th scope="col">{ "" }</th><th scope="col">{ Text::Name.tr(lang) }</th><th scope="col">{ "SAN" }</th><th scope="col">{ Text::Expires.tr(lang) }</th></tr></thead>
                    <tbody>
                        { for o.certs.iter().map(|c| html! {
                            <tr>
                                <td class="role">{ role(c.role) }</td>
                                <td class="cert-name">{ cell_label(Text::Name.tr(lang)) }<code>{ name(&c.name) }</code></td>
                                <td class="sans">{ cell_label("SAN") }<span>{ name(&c.sans.join(", ")) }</span></td>
                                <td class="expires">{ cell_label(Text::Expires.tr(lang)) }<time>{ cert::day(c.not_after) }</time></td>
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
                            <tr class={classes!(row.kind.is_none().then_some("folder"), format!("r{}", row.depth.min(4)))}
                                data-path={row.kind.map(|_| row.path.clone())} data-mode={row.kind.and(row.mode.clone())}>
                                <td class={format!("name d{}", row.depth.min(4))}><code>{ name(&row.name) }</code></td>
                                <td class="file-mode">{ cell_label(Text::FileMode.tr(lang)) }<span><code class={classes!("mode", row.kind.filter(|k| k.is_private_key()).map(|_| "secret"))}>{ row.mode.clone().unwrap_or_default() }</code></span></td>
                                <td class="purpose">{ cell_label(Text::Purpose.tr(lang)) }<span>{ breakable(row.kind.map(|k| k.purpose(lang)).unwrap_or_default()) }</span></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="note">{ if o.ca_key_included { Text::KeepCaOffline.tr(lang) } else { Text::CaKeyNotIncluded.tr(lang) } }</p>

            <h3>{ Text::NextSteps.tr(lang) }</h3>
            { super::rotate::dropped(o, lang) }
            if let Some(d) = &o.dind {
                <div class="step">
                    <h4>{ "docker:dind" }</h4>
                    <p><code>{ name(&d.folder) }</code>{ " " }{ Text::DindCompose.tr(lang) }</p>
                    { command_block(d.command.clone(), s, send, "docker compose") }
                    <p>{ Text::DindMount.tr(lang) }</p>
                </div>
            }
            { for o.hosts.iter().map(|h| html! {
                <div class="step">
                    <h4>{ Text::OnHost.tr(lang) }{ " " }<code>{ name(&h.name) }</code></h4>
                    <p><code>{ name(&h.folder) }</code>{ " " }{ Text::CopyServerFolder.tr(lang) }</p>
                    { command_block(h.commands.join("\n"), s, send, &h.name) }
                    { for h.notes.iter().map(|n| note_block(n, lang, s, send)) }
                    <details>
                        <summary>{ Text::DaemonJson.tr(lang) }</summary>
                        { command_block(h.daemon_json.trim_end().to_owned(), s, send, "daemon.json") }
                    </details>
                </div>
            }) }
            { for o.clients.iter().map(|c| html! {
                <div class="step">
                    <h4>{ Text::ForClient.tr(lang) }{ " " }<code>{ name(&c.name) }</code></h4>
                    <p><code>{ name(&c.folder) }</code>{ " " }{ Text::CopyClientFolder.tr(lang) }</p>
                    { command_block(c.commands.join("\n"), s, send, &c.name) }
                    { for c.notes.iter().map(|n| note_block(n, lang, s, send)) }
                    <p>{ Text::DockerEnv.tr(lang) }</p>
                    { command_block(c.env_command.clone(), s, send, "docker.env") }
                    <details>
                        <summary>{ Text::ContextsByHand.tr(lang) }</summary>
                        { command_block(c.contexts.join("\n"), s, send, "docker context create") }
                    </details>
                </div>
            }) }
            if !o.existing_clients.is_empty() {
                <div class="step">
                    <h4>{ Text::ExistingClients.tr(lang) }</h4>
                    { for o.existing_clients.iter().map(|n| note_block(n, lang, s, send)) }
                </div>
            }
        </div>
    }
}
