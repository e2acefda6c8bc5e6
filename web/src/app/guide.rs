//! "What to do with the zip": the README's quick start in four numbered
//! steps. Before a bundle it waits, closed, under the result panel's title;
//! once a bundle is made it is open above the bundle's own details. A CA
//! rotation's zip has its own: the three phases in order (`rotate.rs`).

use yew::prelude::*;

use super::controls::command_block;
use super::Ctx;
use crate::i18n::{Guide, Rot};
use crate::state::ROTATED_ZIP;

/// The guide for a zip named `zip_file` whose top folder is `top`; `open`
/// once the zip exists.
pub(super) fn view(zip_file: &str, top: &str, open: bool, ctx: &Ctx) -> Html {
    let (s, send) = (ctx.s(), &ctx.send);
    let lang = s.lang;
    if zip_file == ROTATED_ZIP.file {
        return html! {
            <details class="zip-guide" open={open}>
                <summary>{ Guide::Title.tr(lang) }</summary>
                { super::rotate::guide(zip_file, top, ctx) }
                <p class="note">{ Rot::InOrder.tr(lang) }</p>
            </details>
        };
    }
    // (words, command, the copy button's name for a screen reader)
    let steps = [
        (Guide::Unzip, format!("unzip {zip_file}"), "unzip"),
        (Guide::CopyHost, format!("scp -r {top}/server/HOST HOST:"), "scp"),
        (
            Guide::Install,
            "cd HOST && sudo ./install.sh\nsudo systemctl daemon-reload && sudo systemctl restart docker"
                .to_owned(),
            "install.sh",
        ),
        (
            Guide::Check,
            "docker --tlsverify --tlscacert=ca.pem --tlscert=cert.pem --tlskey=key.pem -H tcp://HOST:2376 version"
                .to_owned(),
            "docker version",
        ),
    ];
    html! {
        <details class="zip-guide" open={open}>
            <summary>{ Guide::Title.tr(lang) }</summary>
            <ol class="guide-steps">
                { for steps.into_iter().map(|(words, command, label)| html! {
                    <li>
                        <p>{ words.tr(lang) }</p>
                        { command_block(command, s, send, label) }
                    </li>
                }) }
            </ol>
            <p class="note">{ Guide::ExactCommands.tr(lang) }</p>
        </details>
    }
}
