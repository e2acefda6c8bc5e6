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
    fn an_echoed_value_stays_on_its_line() {
        let e = days("1\nIMPORTANT: run this");
        assert_eq!(e.text_for(Speaker::Page, Lang::En).lines().count(), 1);
    }
}
