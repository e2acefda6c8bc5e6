//! The plan's mistakes as the page says them: each input named by its
//! field's label (`Field::label`, UI.md's glossary) rather than by its flag, and the few
//! problems whose words name a flag worded without it. The CLI's words are
//! [`FieldError`]'s `Localized` and `Display`, unchanged.

use super::error::{Field, FieldError, InputProblem, PlanErrors};
use crate::lang::{Lang, Localized};
use crate::show::safe;
use crate::Speaker;

impl InputProblem {
    /// What is wrong, as `speaker` says it in `lang`.
    pub fn text_for(&self, speaker: Speaker, lang: Lang) -> String {
        if speaker == Speaker::Cli {
            return self.text(lang);
        }
        let zh = lang == Lang::Zh;
        let pick = |en: String, zh_text: String| if zh { zh_text } else { en };
        match self {
            InputProblem::NeedServer => pick(
                "at least one host is required, like docker1.example.com,10.0.0.5".into(),
                "至少需要一台主机，例如 docker1.example.com,10.0.0.5".into(),
            ),
            InputProblem::NeedHostOrClient => pick(
                "give at least one Docker host or client to make certificates for".into(),
                "请至少填写一台 Docker 主机或一个客户端，以便为其签发证书".into(),
            ),
            InputProblem::OutliveCaDays { ca_days } => pick(
                format!("the host and client certificates would outlive the CA ({} {ca_days}); use at most {ca_days}", Field::CaDays.label(lang)),
                format!("主机和客户端证书的有效期将超过 CA（{} {ca_days}）；最多使用 {ca_days}", Field::CaDays.label(lang)),
            ),
            InputProblem::BadSan { item, problem } => pick(
                format!("\"{}\" is not a valid DNS name or IP address: {}{}", safe(item), problem.text_for(speaker, lang), super::wording::commas_hint(problem, lang)),
                format!("\"{}\" 不是有效的 DNS 名称或 IP 地址：{}{}", safe(item), problem.text_for(speaker, lang), super::wording::commas_hint(problem, lang)),
            ),
            InputProblem::WithPort { host, port } => pick(
                format!("the port does not belong in a host line: write the host as {} here, and the port in \"{}\" under Advanced, like 0.0.0.0:{port}", safe(host), Field::Listen.label(lang)),
                format!("主机行中不写端口：这里请写 {}，端口写在“高级选项”的“{}”中，例如 0.0.0.0:{port}", safe(host), Field::Listen.label(lang)),
            ),
            InputProblem::Url { host, port: Some(port) } => pick(
                format!("a URL does not belong in a host line: write only the host, {}, here, and the port in \"{}\" under Advanced, like 0.0.0.0:{port}", safe(host), Field::Listen.label(lang)),
                format!("主机行中不写 URL：这里只写主机 {}，端口写在“高级选项”的“{}”中，例如 0.0.0.0:{port}", safe(host), Field::Listen.label(lang)),
            ),
            other => other.text(lang),
        }
    }
}

impl FieldError {
    /// This error as `speaker` says it in `lang`: the CLI names the flag
    /// (its `Localized` words), the page its field's label.
    pub fn text_for(&self, speaker: Speaker, lang: Lang) -> String {
        if speaker == Speaker::Cli {
            return self.text(lang);
        }
        let label = self.field.label(lang);
        let problem = self.problem.text_for(speaker, lang);
        match (&self.value, lang) {
            (Some(value), Lang::Zh) => format!("{label}“{}”：{problem}", safe(value)),
            (Some(value), Lang::En) => format!("{label} \"{}\": {problem}", safe(value)),
            (None, Lang::Zh) => format!("{label}：{problem}"),
            (None, Lang::En) => format!("{label}: {problem}"),
        }
    }
}

impl PlanErrors {
    /// Every error as `speaker` says it in `lang`, one a line.
    pub fn text_for(&self, speaker: Speaker, lang: Lang) -> String {
        let lines: Vec<String> = self.0.iter().map(|e| e.text_for(speaker, lang)).collect();
        lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(value: &str) -> FieldError {
        FieldError::new(Field::Days, value, InputProblem::Days { max: 3650 })
    }

    #[test]
    fn the_cli_names_the_flag_and_the_page_its_label() {
        let e = days("5000");
        assert_eq!(e.text_for(Speaker::Cli, Lang::En), e.to_string());
        assert_eq!(e.text_for(Speaker::Cli, Lang::Zh), e.text(Lang::Zh));
        for lang in [Lang::En, Lang::Zh] {
            let page = e.text_for(Speaker::Page, lang);
            assert!(page.starts_with(Field::Days.label(lang)), "{page}");
            assert!(!page.contains("--"), "{page}");
            assert!(page.contains("5000"), "{page}");
        }
        assert_eq!(
            e.text_for(Speaker::Page, Lang::Zh),
            "主机和客户端证书的有效期（天）“5000”：必须是 1 到 3650 之间的整数天数"
        );
    }

    #[test]
    fn no_problem_names_a_flag_on_the_page() {
        let problems = [
            InputProblem::NeedServer,
            InputProblem::NeedHostOrClient,
            InputProblem::OutliveCaDays { ca_days: 300 },
            InputProblem::BadSan {
                item: "docker1.corp.cn:2376".into(),
                problem: Box::new(InputProblem::WithPort {
                    host: "docker1.corp.cn".into(),
                    port: "2376".into(),
                }),
            },
            InputProblem::Url {
                host: "docker1.corp.cn".into(),
                port: Some("2376".into()),
            },
        ];
        for problem in problems {
            for lang in [Lang::En, Lang::Zh] {
                assert!(problem.text(lang).contains("--"), "{problem:?}");
                let page = problem.text_for(Speaker::Page, lang);
                assert!(!page.contains("--"), "{page}");
            }
        }
    }

    #[test]
    fn a_port_in_a_host_line_is_sent_to_the_listen_address_field_on_the_page() {
        let problem = super::super::names::parse_san("docker1.corp.cn:2376").unwrap_err();
        let e = FieldError::new(Field::Server, "docker1.corp.cn:2376", problem);
        let en = e.text_for(Speaker::Page, Lang::En);
        assert!(
            en.ends_with("write the host as docker1.corp.cn here, and the port in \"Listen address\" under Advanced, like 0.0.0.0:2376"),
            "{en}"
        );
        let zh = e.text_for(Speaker::Page, Lang::Zh);
        assert!(
            zh.ends_with("主机行中不写端口：这里请写 docker1.corp.cn，端口写在“高级选项”的“监听地址”中，例如 0.0.0.0:2376"),
            "{zh}"
        );
    }

    #[test]
    fn an_echoed_value_stays_on_its_line() {
        let e = days("1\nIMPORTANT: run this");
        assert_eq!(e.text_for(Speaker::Page, Lang::En).lines().count(), 1);
    }
}
