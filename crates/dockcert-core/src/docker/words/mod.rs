//! What the bundle's own files say to a person, in the plan's language:
//! install.sh's messages ([`ScriptMessage`]), docker.env's comments, the
//! docker contexts' descriptions and the firewall files' comments
//! ([`Words`]). The messages are typed in `script.rs`, the other files'
//! words here; `en.rs` and `zh.rs` word them. Shell keywords, commands,
//! paths, file names and flags stay as they are in either language.

mod en;
mod script;
mod zh;

pub(crate) use script::ScriptMessage;

use crate::lang::{Lang, Localized};

impl ScriptMessage {
    /// Its text as it goes into the script, in `lang`.
    pub(crate) fn script_text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => en::script(self),
            Lang::Zh => zh::script(self),
        }
    }
}

impl Localized for ScriptMessage {
    fn text(&self, lang: Lang) -> String {
        self.script_text(lang).to_owned()
    }
}

/// Every message's placeholder and its text in `lang`, to fill a template.
pub(crate) fn script_messages(lang: Lang) -> Vec<(String, &'static str)> {
    ScriptMessage::ALL
        .iter()
        .map(|m| (m.placeholder(), m.script_text(lang)))
        .collect()
}

/// What the client's and the host's other files say: docker.env's and
/// docker-context.sh's comments and messages, a docker context's
/// description, the firewall files' comments. Each is the text as it goes
/// into its file: comment lines end in a newline; the `Context` ones that
/// `docker-context.sh` echoes are the inside of a double-quoted shell string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub(crate) enum Words<'a> {
    /// docker.env's opening comment, for `client`.
    EnvHead { client: &'a str },
    /// docker.env: it points at the first host; the others follow.
    EnvOtherHosts,
    /// docker.env: after the other hosts, the contexts as another way.
    EnvOrContexts,
    /// docker.env when no host was named.
    EnvNoHost,
    /// A docker context's description: `host` reached as `client`.
    ContextDescription { host: &'a str, client: &'a str },
    /// docker-context.sh's opening comment, for `client`.
    ContextScriptHead { client: &'a str },
    /// docker-context.sh: a file is missing (`$DIR/$f`).
    ContextFileMissing,
    /// docker-context.sh: the comment before the hosts named on its command line.
    ContextHostsGiven,
    /// The description of a context for a host named on the command line (`$host`).
    ContextGivenHost,
    /// docker-context.sh is done: try `context` (a name, or `$1`).
    ContextsReady { context: &'a str },
    /// docker-context.sh with no host named in the bundle nor on its command line.
    ContextNoHost,
    /// nftables.conf's opening comment: `nets` may reach `port` on `host`.
    NftablesHead {
        host: &'a str,
        port: u16,
        nets: &'a str,
    },
    /// firewalld.sh's opening comment.
    FirewalldHead { host: &'a str, port: u16 },
    /// firewalld.sh is done (`$ZONE`): `nets` may reach `port`.
    FirewalldDone { nets: &'a str, port: u16 },
    /// inventory.yml's opening comment, made by dockcert `version`.
    InventoryHead { version: &'a str },
}

impl Localized for Words<'_> {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::words(self),
            Lang::Zh => zh::words(self),
        }
    }
}

#[cfg(test)]
mod tests;
