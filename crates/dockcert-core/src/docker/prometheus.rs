//! `prometheus/dockcert.rules.yml`: Prometheus alerting rules on
//! `dockcert_certificate_not_after_seconds`, the gauge `dockcert expiry
//! --prometheus` writes and node_exporter's textfile collector serves (its
//! labels `role`, `name`, `serial`, `path`). A warning from 30 days before a
//! certificate ends, critical from 7 days and once it has ended: the same
//! thresholds as `expiry`'s default `--within 30` and the host's timer.
//!
//! The rules are one text (`templates/dockcert.rules.yml`, real YAML that
//! `promtool check rules` reads once filled); its opening comment and the
//! alerts' summaries and descriptions are in the plan's language. The
//! descriptions are Prometheus templates: `{{ $labels.x }}` is the series'
//! label, `{{ $value }}` the expression's value (days).

use super::install::fill;
use crate::lang::{Lang, Localized};

const RULES_TEMPLATE: &str = include_str!("templates/dockcert.rules.yml");

/// The rules file, its words in `lang`.
pub(crate) fn prometheus_rules(lang: Lang) -> String {
    let head = RulesWords::Head {
        version: crate::VERSION,
    }
    .text(lang);
    let words = [
        ("@HEAD@", head),
        ("@NOTE_WARNING@", RulesWords::NoteWarning.text(lang)),
        ("@NOTE_CRITICAL@", RulesWords::NoteCritical.text(lang)),
        ("@NOTE_ENDED@", RulesWords::NoteEnded.text(lang)),
        ("@SUMMARY_WARNING@", RulesWords::SummaryWarning.text(lang)),
        ("@SUMMARY_CRITICAL@", RulesWords::SummaryCritical.text(lang)),
        ("@SUMMARY_ENDED@", RulesWords::SummaryEnded.text(lang)),
        ("@DESCRIPTION_LEFT@", RulesWords::DescriptionLeft.text(lang)),
        (
            "@DESCRIPTION_ENDED@",
            RulesWords::DescriptionEnded.text(lang),
        ),
    ];
    let words: Vec<(&str, &str)> = words.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fill(RULES_TEMPLATE, &words)
}

/// What the rules file says to a person. The summaries and descriptions sit
/// in YAML double-quoted strings (no `"` or `\` in them); `{{ … }}` is
/// Prometheus' template, filled when the alert fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RulesWords {
    /// The opening comment: what the file is, how to use it (each line
    /// after the first begins with `# `).
    Head {
        /// dockcert's version.
        version: &'static str,
    },
    /// The comment above the warning: its value, days left.
    NoteWarning,
    /// The comment above the critical alert.
    NoteCritical,
    /// The comment above the ended certificate's alert: its value, days since.
    NoteEnded,
    /// The warning's summary (30 days or fewer).
    SummaryWarning,
    /// The critical alert's summary (7 days or fewer).
    SummaryCritical,
    /// The ended certificate's summary.
    SummaryEnded,
    /// Which certificate, where, and the days left.
    DescriptionLeft,
    /// Which certificate, where, and the days since it ended.
    DescriptionEnded,
}

impl Localized for RulesWords {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => english(*self),
            Lang::Zh => chinese(*self),
        }
    }
}

fn english(words: RulesWords) -> String {
    match words {
        RulesWords::Head { version } => format!(
            "dockcert.rules.yml: Prometheus alerting rules for the certificates dockcert made.\n\
             # Made by dockcert {version}. They read dockcert_certificate_not_after_seconds,\n\
             # which `dockcert expiry --prometheus` writes and each host's dockcert timer\n\
             # leaves for node_exporter's textfile collector. A warning from 30 days before\n\
             # a certificate ends; critical from 7 days and once it has ended.\n\
             # Copy this file next to prometheus.yml, list it there and reload Prometheus:\n\
             #\n\
             #     rule_files:\n\
             #       - dockcert.rules.yml\n\
             #\n\
             # Check it with: promtool check rules dockcert.rules.yml"
        ),
        RulesWords::NoteWarning => {
            "Days left, more than 7 and at most 30 (a chained comparison keeps the value)."
                .to_owned()
        }
        RulesWords::NoteCritical => "Days left, more than 0 and at most 7.".to_owned(),
        RulesWords::NoteEnded => "Days since the certificate ended, 0 or more.".to_owned(),
        RulesWords::SummaryWarning => {
            "The {{ $labels.role }} certificate {{ $labels.name }} ends within 30 days".to_owned()
        }
        RulesWords::SummaryCritical => {
            "The {{ $labels.role }} certificate {{ $labels.name }} ends within 7 days".to_owned()
        }
        RulesWords::SummaryEnded => {
            "The {{ $labels.role }} certificate {{ $labels.name }} has ended".to_owned()
        }
        RulesWords::DescriptionLeft => "The {{ $labels.role }} certificate {{ $labels.name }} \
             (serial {{ $labels.serial }}) at {{ $labels.path }} on {{ $labels.instance }} \
             ends in {{ $value | humanize }} days. Renew it with dockcert and install the new files."
            .to_owned(),
        RulesWords::DescriptionEnded => "The {{ $labels.role }} certificate {{ $labels.name }} \
             (serial {{ $labels.serial }}) at {{ $labels.path }} on {{ $labels.instance }} \
             ended {{ $value | humanize }} days ago: TLS connections that use it fail. \
             Renew it with dockcert and install the new files."
            .to_owned(),
    }
}

fn chinese(words: RulesWords) -> String {
    match words {
        RulesWords::Head { version } => format!(
            "dockcert.rules.yml：dockcert 所生成证书的 Prometheus 告警规则。\n\
             # 由 dockcert {version} 生成。规则读取 dockcert_certificate_not_after_seconds，\n\
             # 它由 `dockcert expiry --prometheus` 写出，也由每台主机上 dockcert 的到期检查定时器\n\
             # 留给 node_exporter 的 textfile 收集器。证书到期前 30 天起发出警告（warning）；\n\
             # 到期前 7 天起以及已过期后为严重（critical）。\n\
             # 把本文件复制到 prometheus.yml 旁边，在其中列出它，然后重新加载 Prometheus：\n\
             #\n\
             #     rule_files:\n\
             #       - dockcert.rules.yml\n\
             #\n\
             # 检查它：promtool check rules dockcert.rules.yml"
        ),
        RulesWords::NoteWarning => {
            "剩余天数，大于 7 且不超过 30（连写的比较保留其值）。".to_owned()
        }
        RulesWords::NoteCritical => "剩余天数，大于 0 且不超过 7。".to_owned(),
        RulesWords::NoteEnded => "证书已过期的天数，0 或更多。".to_owned(),
        RulesWords::SummaryWarning => {
            "{{ $labels.role }} 证书 {{ $labels.name }} 将在 30 天内到期".to_owned()
        }
        RulesWords::SummaryCritical => {
            "{{ $labels.role }} 证书 {{ $labels.name }} 将在 7 天内到期".to_owned()
        }
        RulesWords::SummaryEnded => "{{ $labels.role }} 证书 {{ $labels.name }} 已过期".to_owned(),
        RulesWords::DescriptionLeft => "{{ $labels.instance }} 上 {{ $labels.path }} 处的 \
             {{ $labels.role }} 证书 {{ $labels.name }}（序列号 {{ $labels.serial }}）\
             还有 {{ $value | humanize }} 天到期。请用 dockcert 续期并安装新文件。"
            .to_owned(),
        RulesWords::DescriptionEnded => "{{ $labels.instance }} 上 {{ $labels.path }} 处的 \
             {{ $labels.role }} 证书 {{ $labels.name }}（序列号 {{ $labels.serial }}）\
             已过期 {{ $value | humanize }} 天：使用它的 TLS 连接会失败。\
             请用 dockcert 续期并安装新文件。"
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_filled_in_and_fits_a_double_quoted_yaml_string() {
        for lang in [Lang::En, Lang::Zh] {
            let rules = prometheus_rules(lang);
            assert!(!rules.contains("@"), "{rules}");
            for line in rules.lines() {
                let line = line.trim_start();
                if let Some(value) = ["summary: ", "description: "]
                    .iter()
                    .find_map(|key| line.strip_prefix(key))
                {
                    assert!(value.starts_with('"') && value.ends_with('"'), "{line}");
                    let inner = &value[1..value.len() - 1];
                    assert!(!inner.contains(['"', '\\']), "{line}");
                }
            }
        }
    }
}
