//! Why a rotation cannot be made from what was given, in English and Chinese.

use crate::import::ImportError;
use crate::inspect::verify::Refusal;
use crate::lang::{localized_error, Lang, Localized};
use crate::show;
use crate::Speaker;

/// How many of a bundle's names a refusal lists.
const NAMES_SHOWN: usize = 20;

/// Why the current bundle cannot be rotated as asked.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RotateError {
    /// A file of the current bundle could not be read (`why`, worded).
    NotRead {
        /// What was not read, and why, in the run's words.
        what: String,
    },
    /// A host's or client's certificate cannot be renewed (or the old CA
    /// did not issue it).
    Certificate {
        /// Its path in the bundle.
        path: String,
        /// Why.
        error: ImportError,
    },
    /// A host's or client's certificate has the old CA's name as its
    /// issuer, but another key signed it: another CA of the same name.
    SignedByAnother {
        /// Its path in the bundle.
        path: String,
        /// The old CA's name, made safe to show.
        ca: String,
        /// What docker says of it, exactly.
        docker: String,
    },
    /// docker refuses a host's or client's certificate under the old CA
    /// for another reason than its dates (those do not stop a rotation).
    Refused {
        /// Its path in the bundle.
        path: String,
        /// The judge's refusal.
        refusal: Refusal,
    },
    /// No `server/NAME/server-cert.pem` in what was given.
    NoHosts,
    /// Two folders of what was given are for one host or client.
    Twice {
        /// The name.
        name: String,
    },
    /// `--drop NAME` names no host or client of the bundle.
    UnknownDrop {
        /// The name given.
        name: String,
        /// The bundle's names, the first [`NAMES_SHOWN`].
        known: Vec<String>,
        /// How many more there are.
        more: usize,
    },
    /// Every host was dropped: nothing would trust the new CA.
    NoHostLeft,
}

impl Localized for RotateError {
    fn text(&self, lang: Lang) -> String {
        self.text_for(Speaker::Cli, lang)
    }
}

/// An input of a rotation that is not a plan setting: the CLI's flag, the
/// page's field (its label is the page's, so a refusal names what the
/// person sees).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RotateInput {
    /// `--from`: the current bundle.
    From,
    /// `--drop`: the hosts and clients left out.
    Drop,
}

impl RotateInput {
    /// The page's label of this input in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RotateInput::From, Lang::En) => "Current bundle",
            (RotateInput::From, Lang::Zh) => "当前证书包",
            (RotateInput::Drop, Lang::En) => "Drop (revoke by rotation)",
            (RotateInput::Drop, Lang::Zh) => "移除（通过轮换撤销）",
        }
    }

    /// How `speaker` names this input: a flag, or a label in quotes.
    pub(super) fn named(self, speaker: Speaker, lang: Lang) -> String {
        match (speaker, self, lang) {
            (Speaker::Cli, RotateInput::From, _) => "--from".into(),
            (Speaker::Cli, RotateInput::Drop, _) => "--drop".into(),
            (Speaker::Page, _, Lang::En) => format!("\"{}\"", self.label(lang)),
            (Speaker::Page, _, Lang::Zh) => format!("“{}”", self.label(lang)),
        }
    }
}

impl RotateError {
    /// This refusal as `speaker` says it in `lang`: the CLI names its
    /// flags, the page its fields' labels.
    pub fn text_for(&self, speaker: Speaker, lang: Lang) -> String {
        use RotateError as E;
        let from = RotateInput::From.named(speaker, lang);
        let drop = RotateInput::Drop.named(speaker, lang);
        let (ca_cert, ca_pair) = match (speaker, lang) {
            (Speaker::Cli, Lang::En) => ("--ca-cert", "--ca-cert and --ca-key"),
            (Speaker::Cli, Lang::Zh) => ("--ca-cert", " --ca-cert 和 --ca-key"),
            (Speaker::Page, Lang::En) => ("the CA certificate given", "the certificate and key"),
            (Speaker::Page, Lang::Zh) => ("所给的 CA 证书", "证书和私钥"),
        };
        let gave = match speaker {
            Speaker::Cli => "give the folder or zip that dockcert new or issue wrote",
            Speaker::Page => "give the zip that New CA or Issue made (dockcert new or issue)",
        };
        match (self, lang) {
            (E::NotRead { what }, Lang::En) => format!(
                "{from}: {what}; a rotation must see every host and client of the bundle"
            ),
            (E::NotRead { what }, Lang::Zh) => {
                format!("{from}：{what}；轮换必须读到证书包中的每台主机和每个客户端")
            }
            (E::Certificate { path, error }, Lang::En) => {
                format!("{from} {}: {}", show::quoted(path), issue(error, speaker, lang))
            }
            (E::Certificate { path, error }, Lang::Zh) => {
                format!("{from} {}：{}", show::quoted(path), issue(error, speaker, lang))
            }
            (E::SignedByAnother { path, ca, docker }, Lang::En) => format!(
                "{from} {}: the old CA \"{ca}\" ({ca_cert}) did not sign it: its issuer has that CA's name, but another key made its signature (another CA of the same name); docker says: {docker}. Give {ca_pair} of the CA that issued this bundle",
                show::quoted(path)
            ),
            (E::SignedByAnother { path, ca, docker }, Lang::Zh) => format!(
                "{from} {}：旧 CA“{ca}”（{ca_cert}）没有签发它：它的签发者与该 CA 同名，但签名出自另一把私钥（另一个同名的 CA）；docker 会说：{docker}。请给出签发这个证书包的 CA 的{ca_pair}",
                show::quoted(path)
            ),
            (E::Refused { path, refusal }, Lang::En) => format!(
                "{from} {}: docker refuses it under the old CA ({ca_cert}): {} (docker says: {}); a rotation needs every certificate of the bundle accepted under the old CA, dates aside",
                show::quoted(path),
                refusal.text(lang),
                refusal.docker_says()
            ),
            (E::Refused { path, refusal }, Lang::Zh) => format!(
                "{from} {}：在旧 CA（{ca_cert}）下 docker 会拒绝它：{}（docker 会说：{}）；轮换要求证书包中的每张证书在旧 CA 下都被接受（日期除外）",
                show::quoted(path),
                refusal.text(lang),
                refusal.docker_says()
            ),
            (E::NoHosts, Lang::En) => format!("{from}: no server/NAME/server-cert.pem in it; {gave}"),
            (E::NoHosts, Lang::Zh) => match speaker {
                Speaker::Cli => format!("{from}：其中没有 server/NAME/server-cert.pem；请给出 dockcert new 或 issue 生成的目录或 zip"),
                Speaker::Page => format!("{from}：其中没有 server/NAME/server-cert.pem；请给出“新建 CA”或“签发”生成的 zip（dockcert new 或 issue）"),
            },
            (E::Twice { name }, Lang::En) => format!(
                "{from}: two folders are for {}; give one bundle",
                show::quoted(name)
            ),
            (E::Twice { name }, Lang::Zh) => {
                format!("{from}：有两个目录都属于 {}；请只给出一个证书包", show::quoted(name))
            }
            (E::UnknownDrop { name, known, more }, _) => {
                let mut names = known
                    .iter()
                    .map(|n| show::quoted(n).into_owned())
                    .collect::<Vec<_>>()
                    .join(", ");
                match lang {
                    Lang::En => {
                        if *more > 0 {
                            names.push_str(&format!(" and {more} more"));
                        }
                        format!(
                            "{drop} {}: the bundle has no host or client of that name; it has: {names}",
                            show::quoted(name)
                        )
                    }
                    Lang::Zh => {
                        if *more > 0 {
                            names.push_str(&format!(" 等，另有 {more} 个"));
                        }
                        format!(
                            "{drop} {}：证书包中没有这个名称的主机或客户端；它有：{names}",
                            show::quoted(name)
                        )
                    }
                }
            }
            (E::NoHostLeft, Lang::En) => format!("{drop}: every host would be dropped; a rotation keeps at least one host"),
            (E::NoHostLeft, Lang::Zh) => format!("{drop}：所有主机都会被移除；轮换至少要保留一台主机"),
        }
    }
}

/// Why a certificate of the bundle cannot be renewed, as `speaker` says it:
/// on the page, one of another CA names the CA loaded there.
fn issue(error: &ImportError, speaker: Speaker, lang: Lang) -> String {
    match (error, speaker, lang) {
        (ImportError::OtherIssuer { issuer, ca }, Speaker::Page, Lang::En) => format!(
            "it was issued by \"{issuer}\", not by the CA loaded here (\"{ca}\"); give the bundle this CA made, or load the CA that made this bundle"
        ),
        (ImportError::OtherIssuer { issuer, ca }, Speaker::Page, Lang::Zh) => format!(
            "它由 \"{issuer}\" 签发，而不是这里载入的 CA（\"{ca}\"）；请给出这个 CA 生成的证书包，或载入生成这个证书包的 CA"
        ),
        _ => error.text(lang),
    }
}

localized_error!(RotateError);

impl RotateError {
    /// `--drop name` refused, with the bundle's `names` (each once).
    pub(crate) fn unknown_drop<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Self {
        let mut known = Vec::new();
        let mut more = 0;
        for n in names {
            if known.len() < NAMES_SHOWN {
                known.push(n.to_owned());
            } else {
                more += 1;
            }
        }
        RotateError::UnknownDrop {
            name: name.to_owned(),
            known,
            more,
        }
    }
}
