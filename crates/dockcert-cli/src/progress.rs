//! The progress line's words while slow (RSA) keys are made, in English
//! and Chinese. `{prefix}` (the key type), `{bar}`, `{pos}`, `{len}` and
//! `{msg}` are indicatif's places.

use dockcert_core::plan::KeySlot;
use dockcert_core::{Lang, Localized};

/// The progress line's layout.
pub(crate) struct Making;

impl Localized for Making {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => "making {prefix} keys {bar:30} {pos}/{len}  {msg}",
            Lang::Zh => "正在生成 {prefix} 私钥 {bar:30} {pos}/{len}  {msg}",
        }
        .to_owned()
    }
}

/// The key last made, after the bar.
pub(crate) struct Made<'a>(pub &'a KeySlot);

impl Localized for Made<'_> {
    fn text(&self, lang: Lang) -> String {
        match (self.0, lang) {
            (slot, Lang::En) => format!("{slot} done"),
            (KeySlot::Ca, Lang::Zh) => "CA 私钥已生成".to_owned(),
            (KeySlot::Server(name), Lang::Zh) => format!("主机 {name} 的服务器私钥已生成"),
            (KeySlot::Client(name), Lang::Zh) => format!("客户端 {name} 的私钥已生成"),
        }
    }
}
