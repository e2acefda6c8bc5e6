//! File inputs and drop zones. The handlers only take the files from the
//! event, have [`crate::browser`] read them, and send what was read.

use yew::platform::spawn_local;
use yew::prelude::*;

use super::{Ctx, Send};
use crate::browser;
use crate::state::{CaSlot, DropZone, Msg};

/// Where picked or dropped files go.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum FileTarget {
    Ca(CaSlot),
    Renew,
    Rotate,
    Inspect,
}

/// Reads `files` and sends them where they belong.
fn deliver(target: FileTarget, files: browser::Files, send: Send) {
    if files.is_empty() {
        return;
    }
    spawn_local(async move {
        let picked = browser::read_files(files).await;
        send.emit(match target {
            FileTarget::Ca(slot) => Msg::CaFiles(slot, picked, browser::now()),
            FileTarget::Renew => Msg::RenewFile(picked),
            FileTarget::Rotate => Msg::RotateFiles(picked),
            FileTarget::Inspect => Msg::InspectFiles(picked, browser::now()),
        });
    });
}

/// An `<input type=file>` named `name`, described by `described`.
pub(super) fn input(
    name: &'static str,
    multiple: bool,
    target: FileTarget,
    described: String,
    ctx: &Ctx,
) -> Html {
    let send = ctx.send.clone();
    let onchange = Callback::from(move |e: Event| {
        deliver(target, browser::take_files(&e), send.clone());
    });
    html! {
        <input type="file" id={format!("f-{name}")} {name} {multiple} {onchange}
            disabled={ctx.s().busy()} aria-describedby={described} />
    }
}

/// A region that takes dropped files for `target`; its inputs stay the way
/// to pick them by keyboard.
pub(super) fn drop_zone(zone: DropZone, target: FileTarget, body: Html, ctx: &Ctx) -> Html {
    let over = ctx.s().drag_over == Some(zone);
    let enter = {
        let send = ctx.send.clone();
        Callback::from(move |e: DragEvent| {
            browser::accept_drag(&e);
            if !over {
                send.emit(Msg::DragOver(Some(zone)));
            }
        })
    };
    let leave = {
        let send = ctx.send.clone();
        Callback::from(move |e: DragEvent| {
            if browser::drag_left(&e) {
                send.emit(Msg::DragOver(None));
            }
        })
    };
    let drop = {
        let send = ctx.send.clone();
        let busy = ctx.s().busy();
        Callback::from(move |e: DragEvent| {
            let files = browser::dropped_files(&e);
            send.emit(Msg::DragOver(None));
            if !busy {
                deliver(target, files, send.clone());
            }
        })
    };
    html! {
        <div class={classes!("dropzone", over.then_some("over"))}
            ondragenter={enter.clone()} ondragover={enter} ondragleave={leave} ondrop={drop}>
            { body }
        </div>
    }
}
