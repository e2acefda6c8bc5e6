//! The probe report's own words around the core's (the check names, what
//! each saw, the verdict), in English and Chinese side by side. Addresses,
//! paths and docker's words stay as they are in both.

use dockcert_core::{Lang, Localized};

/// One piece of the report's frame.
pub(super) enum Said<'a> {
    /// The first line: what was probed, with which files.
    Heading {
        /// `HOST:PORT`, made safe.
        address: &'a str,
        /// The CA file, quoted.
        ca: &'a str,
        /// The client's certificate, quoted.
        cert: &'a str,
    },
    /// A check's line after its status word.
    Check {
        /// The check's label.
        name: &'a str,
        /// What it saw, made safe.
        summary: &'a str,
    },
    /// docker's own message, quoted.
    DockerSays(&'a str),
    /// What causes it.
    Cause(&'a str),
    /// What to do.
    Fix(&'a str),
    /// The verdict's line.
    Verdict(&'a str),
}

impl Localized for Said<'_> {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Said::Heading { address, ca, cert }, Lang::En) => {
                format!("dockcert probe tcp://{address} (CA {ca}, client certificate {cert})")
            }
            (Said::Heading { address, ca, cert }, Lang::Zh) => {
                format!("dockcert probe tcp://{address}（CA：{ca}，客户端证书：{cert}）")
            }
            (Said::Check { name, summary }, Lang::En) => format!("{name}: {summary}"),
            (Said::Check { name, summary }, Lang::Zh) => format!("{name}：{summary}"),
            (Said::DockerSays(said), Lang::En) => format!("docker says: \"{said}\""),
            (Said::DockerSays(said), Lang::Zh) => format!("docker 的报错：“{said}”"),
            (Said::Cause(cause), Lang::En) => format!("cause: {cause}"),
            (Said::Cause(cause), Lang::Zh) => format!("原因：{cause}"),
            (Said::Fix(fix), Lang::En) => format!("fix:   {fix}"),
            (Said::Fix(fix), Lang::Zh) => format!("解决办法：{fix}"),
            (Said::Verdict(verdict), Lang::En) => format!("Verdict: {verdict}"),
            (Said::Verdict(verdict), Lang::Zh) => format!("结论：{verdict}"),
        }
    }
}
