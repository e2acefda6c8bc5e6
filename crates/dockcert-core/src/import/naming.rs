//! An import problem as the page says it: the CA's inputs named by the
//! page's labels rather than by `--ca-cert`, `--ca-key` and the passphrase's
//! flag, and a wrong passphrase saying what is true on a page (no bundle
//! was made) rather than on a disk. The CLI's words are
//! [`SourcedError`]'s `Localized` and `Display`, unchanged.

use super::error::ImportError;
use super::sourced::{Source, SourcedError};
use crate::lang::{Lang, Localized};
use crate::plan::Field;
use crate::Speaker;

impl SourcedError {
    /// This problem as `speaker` says it in `lang`.
    pub fn text_for(&self, speaker: Speaker, lang: Lang) -> String {
        if speaker == Speaker::Cli {
            return self.text(lang);
        }
        let zh = lang == Lang::Zh;
        let colon = if zh { "：" } else { ": " };
        let e = page_words(&self.error, lang).unwrap_or_else(|| self.error.text(lang));
        let label = |en: &'static str, zh_text: &'static str| if zh { zh_text } else { en };
        match (&self.source, &self.error) {
            (Source::Passphrase { key, .. }, ImportError::WrongPassphrase) => match lang {
                Lang::En => format!(
                    "CA key passphrase: the passphrase does not open the CA key {key:?}; no bundle was made"
                ),
                Lang::Zh => format!("CA 私钥口令：口令无法打开 CA 私钥 {key:?}；没有生成证书包"),
            },
            (Source::Passphrase { .. }, _) => {
                format!("{}{colon}{e}", label("CA key passphrase", "CA 私钥口令"))
            }
            (Source::CaCert(name), _) => {
                format!("{} {name:?}{colon}{e}", label("CA certificate", "CA 证书"))
            }
            (Source::CaKey(name), _) => {
                format!("{} {name:?}{colon}{e}", label("CA private key", "CA 私钥"))
            }
            (Source::File(name), ImportError::OtherIssuer { issuer, ca }) => match lang {
                Lang::En => format!(
                    "{name:?}: it was issued by \"{issuer}\", not by the CA loaded here (\"{ca}\"); renew it with the CA that issued it"
                ),
                Lang::Zh => format!(
                    "{name:?}：它由 \"{issuer}\" 签发，而不是这里载入的 CA（\"{ca}\"）；请用签发它的 CA 续期"
                ),
            },
            (Source::File(name), ImportError::UnusableNames(errors)) => {
                let errors = errors.text_for(speaker, lang);
                match lang {
                    Lang::En => format!(
                        "{name:?}: the old certificate's names cannot be used as they are:\n{errors}"
                    ),
                    Lang::Zh => format!("{name:?}：旧证书中的名称不能原样使用：\n{errors}"),
                }
            }
            (Source::File(name), _) => format!("{name:?}{colon}{e}"),
        }
    }
}

/// What `error` says on a page where the CLI's words name a command or a
/// flag: the page's modes and fields instead. `None`: the same words.
fn page_words(error: &ImportError, lang: Lang) -> Option<String> {
    let (hosts, clients) = (Field::Server.label(lang), Field::Client.label(lang));
    Some(match (error, lang) {
        (ImportError::BothRoles, Lang::En) => format!(
            "this certificate allows both serverAuth and clientAuth; dockcert keeps hosts and clients apart, so issue a new one instead: choose \"Issue new certificates\" and put its name in {hosts} or in {clients}"
        ),
        (ImportError::BothRoles, Lang::Zh) => format!(
            "这张证书同时允许 serverAuth 和 clientAuth；dockcert 将主机和客户端分开，请改为签发新证书：选择“签发新证书”，把它的名称填入“{hosts}”或“{clients}”"
        ),
        (ImportError::IsCa, Lang::En) => "this is a CA certificate; renew server and client certificates, or make a new CA with \"New CA\" above".into(),
        (ImportError::IsCa, Lang::Zh) => "这是 CA 证书；请续期服务器和客户端证书，或在上方选择“新建 CA”创建新的 CA".into(),
        (ImportError::Expired { subject, date }, Lang::En) => format!(
            "the CA \"{subject}\" expired on {date}: make a new CA with \"New CA\" above"
        ),
        (ImportError::Expired { subject, date }, Lang::Zh) => {
            format!("CA \"{subject}\" 已于 {date} 到期：请在上方选择“新建 CA”创建新的 CA")
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::CaInputs;

    #[test]
    fn the_page_names_its_fields_and_says_no_bundle_was_made() {
        let names = CaInputs {
            cert: "ca.pem",
            key: "ca-key.pem",
            passphrase: "--passphrase-file \"pass.txt\"",
        };
        let wrong = ImportError::WrongPassphrase.on_ca(names);
        assert!(wrong.to_string().ends_with("nothing was written"));
        assert_eq!(
            wrong.text_for(Speaker::Page, Lang::Zh),
            "CA 私钥口令：口令无法打开 CA 私钥 \"ca-key.pem\"；没有生成证书包"
        );
        assert_eq!(
            wrong.text_for(Speaker::Page, Lang::En),
            "CA key passphrase: the passphrase does not open the CA key \"ca-key.pem\"; no bundle was made"
        );
        let other = ImportError::OtherIssuer {
            issuer: "CN=Recipe CA".into(),
            ca: "CN=Other CA".into(),
        }
        .in_file("cert.pem");
        for lang in [Lang::En, Lang::Zh] {
            assert!(other.text(lang).contains("--ca-cert"));
            let page = other.text_for(Speaker::Page, lang);
            assert!(!page.contains("--"), "{page}");
            assert!(page.starts_with("\"cert.pem\""), "{page}");
        }
        let not_ca = ImportError::NoCertificate.on_ca(names);
        for lang in [Lang::En, Lang::Zh] {
            assert_eq!(not_ca.text_for(Speaker::Cli, lang), not_ca.text(lang));
            let page = not_ca.text_for(Speaker::Page, lang);
            assert!(!page.contains("--ca-cert"), "{page}");
            assert!(page.contains("\"ca.pem\""), "{page}");
        }
    }

    #[test]
    fn the_page_says_what_to_do_in_its_own_modes_and_fields() {
        let expired = ImportError::Expired {
            subject: "CN=Old CA".into(),
            date: "2020-01-01".into(),
        };
        for error in [ImportError::BothRoles, ImportError::IsCa, expired] {
            let on_ca = error.clone().on_ca_cert("ca.pem");
            let in_file = error.clone().in_file("cert.pem");
            for lang in [Lang::En, Lang::Zh] {
                assert!(in_file.text(lang).contains("dockcert "), "{in_file:?}");
                for sourced in [&on_ca, &in_file] {
                    let page = sourced.text_for(Speaker::Page, lang);
                    assert!(!page.contains("--"), "{page}");
                    assert!(!page.contains("`"), "{page}");
                    assert!(!page.contains("dockcert issue"), "{page}");
                    assert!(!page.contains("dockcert new"), "{page}");
                }
            }
        }
        let both = ImportError::BothRoles.in_file("cert.pem");
        let zh = both.text_for(Speaker::Page, Lang::Zh);
        assert!(zh.contains(Field::Server.label(Lang::Zh)), "{zh}");
        assert!(zh.contains(Field::Client.label(Lang::Zh)), "{zh}");
    }
}
