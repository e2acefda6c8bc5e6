//! `dockcert inspect --explain MESSAGE`: what each docker message found in
//! MESSAGE means and what to do, in the run's language. docker's own words
//! stay as docker says them.

use std::process::ExitCode;

use dockcert_core::inspect::explain::{explain, Explanation};
use dockcert_core::{Lang, Localized};

/// Prints the explanation of every known message in `text`: exit status 0
/// when one was found, 1 when dockcert knows none.
pub(crate) fn run(text: &str, lang: Lang) -> ExitCode {
    let found = explain(text);
    if found.is_empty() {
        println!("{}", Said::Unknown.text(lang));
        return ExitCode::from(1);
    }
    for e in found {
        print!("{}", Said::Explained(e).text(lang));
    }
    ExitCode::SUCCESS
}

/// What `--explain` says.
enum Said {
    /// No known message in the text.
    Unknown,
    /// One known message: docker's words, who says them, cause and fix.
    Explained(Explanation),
}

impl Localized for Said {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Said::Unknown, Lang::En) => "dockcert does not know this message. `dockcert inspect PATH` on the certificates and settings involved may find the cause.".to_owned(),
            (Said::Unknown, Lang::Zh) => "dockcert 不认识这条信息。对相关的证书和设置运行 `dockcert inspect PATH` 也许能找到原因。".to_owned(),
            (Said::Explained(e), Lang::En) => format!(
                "\"{}\" (said by {})\n  Cause: {}\n  Fix:   {}\n\n",
                e.matched(),
                e.said_by().text(lang),
                e.cause().text(lang),
                e.fix().text(lang)
            ),
            (Said::Explained(e), Lang::Zh) => format!(
                "“{}”\n  出自：{}\n  原因：{}\n  解决办法：{}\n\n",
                e.matched(),
                e.said_by().text(lang),
                e.cause().text(lang),
                e.fix().text(lang)
            ),
        }
    }
}
