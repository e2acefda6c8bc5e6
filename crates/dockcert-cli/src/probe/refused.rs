//! Why `dockcert probe` refused what it was given (exit status 2), with the
//! facts (which flag, variable or context, which value or file), in English
//! and Chinese. Flags, variables, paths and values stay as they are in both.

use dockcert_core::{Lang, Localized};

/// What named a value: a flag, a variable, a folder, a docker context.
#[derive(Clone, Debug)]
pub(crate) enum Source {
    /// A flag, a variable or a file as it is named (`--client`, `HOST`,
    /// `DOCKER_HOST`, `config.json`).
    Named(&'static str),
    /// A folder, by its path (docker's configuration folder).
    Folder(String),
    /// A docker context's endpoint, and what named the context.
    ContextHost {
        /// The context's name.
        name: String,
        /// What named it.
        by: Box<Source>,
    },
    /// A docker context's TLS files.
    ContextFiles {
        /// The context's name.
        name: String,
    },
    /// One file in a folder named by another source.
    InFolder {
        /// What named the folder.
        folder: Box<Source>,
        /// The file, as `ca.pem`.
        file: &'static str,
    },
}

impl Localized for Source {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Source::Named(name), _) => (*name).to_owned(),
            (Source::Folder(path), _) => path.clone(),
            (Source::ContextHost { name, by }, Lang::En) => {
                format!("the docker context {name:?} ({})", by.text(lang))
            }
            (Source::ContextHost { name, by }, Lang::Zh) => {
                format!("docker 上下文 {name:?}（{}）", by.text(lang))
            }
            (Source::ContextFiles { name }, Lang::En) => format!("the docker context {name:?}"),
            (Source::ContextFiles { name }, Lang::Zh) => format!("docker 上下文 {name:?}"),
            (Source::InFolder { folder, file }, Lang::En) => {
                format!("{} ({file})", folder.text(lang))
            }
            (Source::InFolder { folder, file }, Lang::Zh) => {
                format!("{}（{file}）", folder.text(lang))
            }
        }
    }
}

/// Why an input was refused.
pub(crate) enum Refused {
    /// Nothing names a daemon.
    NoDaemon,
    /// The daemon is not given as `tcp://HOST:PORT`.
    NotTcp {
        /// What named it.
        source: Source,
        /// As given.
        value: String,
    },
    /// The key is not an unencrypted PEM private key.
    NotAKey {
        /// What named it.
        source: Source,
        /// Its path.
        path: String,
    },
    /// The file holds no certificate.
    NoCertificate {
        /// What named it.
        source: Source,
        /// Its path.
        path: String,
    },
    /// The file cannot be read.
    Unreadable {
        /// What named it.
        source: Source,
        /// Its path.
        path: String,
        /// The system's words.
        why: String,
    },
    /// The file is larger than a client file may be.
    TooLarge {
        /// What named it.
        source: Source,
        /// Its path.
        path: String,
        /// The most, as `1 MiB`.
        limit: String,
    },
    /// A folder where a file belongs.
    Folder {
        /// What named it.
        source: Source,
        /// Its path.
        path: String,
    },
    /// No such docker context.
    NoContext {
        /// What named it.
        source: Source,
        /// Its name.
        name: String,
        /// The metadata file looked for.
        meta: String,
    },
}

impl Localized for Refused {
    fn text(&self, lang: Lang) -> String {
        use Refused as R;
        match (self, lang) {
            (R::NoDaemon, Lang::En) => "give the daemon to probe as tcp://HOST:PORT (or set DOCKER_HOST, or use --context)".to_owned(),
            (R::NoDaemon, Lang::Zh) => "请以 tcp://HOST:PORT 的形式给出要探测的守护进程（或设置 DOCKER_HOST，或使用 --context）".to_owned(),
            (R::NotTcp { source, value }, Lang::En) => format!(
                "{} {value:?}: expected tcp://HOST:PORT (a DNS name, an IPv4 address or [an IPv6 address], and a port)",
                source.text(lang)
            ),
            (R::NotTcp { source, value }, Lang::Zh) => format!(
                "{} {value:?}：应为 tcp://HOST:PORT（DNS 名称、IPv4 地址或 [IPv6 地址]，加上端口）",
                source.text(lang)
            ),
            (R::NotAKey { source, path }, Lang::En) => format!(
                "{} {path:?}: not an unencrypted PEM private key (docker cannot read encrypted keys either)",
                source.text(lang)
            ),
            (R::NotAKey { source, path }, Lang::Zh) => format!(
                "{} {path:?}：不是未加密的 PEM 私钥（docker 同样无法读取加密的私钥）",
                source.text(lang)
            ),
            (R::NoCertificate { source, path }, Lang::En) => format!(
                "{} {path:?}: holds no certificate (PEM or DER)",
                source.text(lang)
            ),
            (R::NoCertificate { source, path }, Lang::Zh) => {
                format!("{} {path:?}：其中没有证书（PEM 或 DER）", source.text(lang))
            }
            (R::Unreadable { source, path, why }, Lang::En) => {
                format!("{} {path:?}: cannot read it: {why}", source.text(lang))
            }
            (R::Unreadable { source, path, why }, Lang::Zh) => {
                format!("{} {path:?}：无法读取（“{why}”）", source.text(lang))
            }
            (R::TooLarge { source, path, limit }, Lang::En) => format!(
                "{} {path:?}: it is larger than the {limit} a client file may be",
                source.text(lang)
            ),
            (R::TooLarge { source, path, limit }, Lang::Zh) => format!(
                "{} {path:?}：文件大于客户端文件所允许的 {limit}",
                source.text(lang)
            ),
            (R::Folder { source, path }, Lang::En) => {
                format!("{} {path:?}: is a folder; give the file", source.text(lang))
            }
            (R::Folder { source, path }, Lang::Zh) => {
                format!("{} {path:?}：这是一个文件夹；请给出文件", source.text(lang))
            }
            (R::NoContext { source, name, meta }, Lang::En) => format!(
                "{} {name:?}: no such docker context (no readable {meta})",
                source.text(lang)
            ),
            (R::NoContext { source, name, meta }, Lang::Zh) => format!(
                "{} {name:?}：没有这个 docker 上下文（无法读取 {meta}）",
                source.text(lang)
            ),
        }
    }
}
