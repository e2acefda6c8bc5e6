//! clap's usage errors in Chinese, worded from the error's kind and its
//! context (which argument, which value, what is allowed, what is
//! suggested), laid out as clap lays out its English ones. Flags, values
//! and the usage line stay as they are.

use std::fmt::Write as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The Chinese text of a usage error, ending in a newline.
pub(super) fn chinese(error: &clap::Error) -> String {
    let mut t = format!("错误：{}", what(error));
    let mut tips: Vec<String> = Vec::new();
    let similar = [
        (ContextKind::SuggestedSubcommand, "子命令"),
        (ContextKind::SuggestedArg, "参数"),
        (ContextKind::SuggestedValue, "值"),
    ];
    for (kind, what) in similar {
        if let Some(list) = strings(error.get(kind)).filter(|l| !l.is_empty()) {
            tips.push(format!("有相近的{what}：{}", quoted(&list)));
        }
    }
    if let Some(ContextValue::StyledStrs(suggested)) = error.get(ContextKind::Suggested) {
        tips.extend(suggested.iter().map(|s| suggestion(&s.to_string())));
    }
    if !tips.is_empty() {
        t.push('\n');
        for tip in tips {
            let _ = write!(t, "\n  提示：{tip}");
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        let _ = write!(t, "\n\n用法：{usage}");
    }
    t.push_str("\n\n更多信息请运行 '--help'。\n");
    t
}

/// The first line: what is wrong.
fn what(error: &clap::Error) -> String {
    let arg = string(error.get(ContextKind::InvalidArg));
    let value = string(error.get(ContextKind::InvalidValue));
    let valid = |kind, label: &str| match strings(error.get(kind)) {
        Some(list) if !list.is_empty() => format!("\n  [{label}：{}]", list.join(", ")),
        _ => String::new(),
    };
    match (error.kind(), arg, value) {
        (ErrorKind::InvalidValue, Some(arg), Some("")) => format!(
            "'{arg}' 需要一个值，但没有给出{}",
            valid(ContextKind::ValidValue, "可选值")
        ),
        (ErrorKind::InvalidValue, Some(arg), Some(value)) => format!(
            "'{arg}' 的值 '{value}' 无效{}",
            valid(ContextKind::ValidValue, "可选值")
        ),
        (ErrorKind::ValueValidation, Some(arg), Some(value)) => {
            format!("'{arg}' 的值 '{value}' 无效{}", validation(error))
        }
        (ErrorKind::UnknownArgument, Some(arg), _) => format!("无法识别的参数 '{arg}'"),
        (ErrorKind::NoEquals, Some(arg), _) => format!("给 '{arg}' 赋值时需要等号（=）"),
        (ErrorKind::TooManyValues, Some(arg), Some(value)) => {
            format!("'{arg}' 多出了值 '{value}'；不再需要更多的值")
        }
        (ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues, Some(arg), _) => {
            format!("'{arg}' 的值的个数不对")
        }
        (ErrorKind::ArgumentConflict, _, _) => conflict(error),
        (ErrorKind::InvalidSubcommand, _, _) => {
            match string(error.get(ContextKind::InvalidSubcommand)) {
                Some(sub) => format!("无法识别的子命令 '{sub}'"),
                None => "无法识别的子命令".to_owned(),
            }
        }
        (ErrorKind::MissingSubcommand, _, _) => {
            let name = string(error.get(ContextKind::InvalidSubcommand)).unwrap_or("dockcert");
            format!(
                "'{name}' 需要一个子命令，但没有给出{}",
                valid(ContextKind::ValidSubcommand, "子命令")
            )
        }
        (ErrorKind::MissingRequiredArgument, _, _) => {
            let mut t = "缺少以下必需的参数：".to_owned();
            for a in strings(error.get(ContextKind::InvalidArg)).unwrap_or_default() {
                let _ = write!(t, "\n  {a}");
            }
            t
        }
        (ErrorKind::InvalidUtf8, _, _) => "参数中有无效的 UTF-8".to_owned(),
        _ => "无法读懂命令行".to_owned(),
    }
}

/// Why a value was refused by its parser: the range of a number, the
/// one such parser dockcert has (`probe --timeout`).
fn validation(error: &clap::Error) -> String {
    let Some(source) = std::error::Error::source(error) else {
        return String::new();
    };
    let text = source.to_string();
    // clap's ranged parser says "N is not in A..=B".
    match text.split_once(" is not in ") {
        Some((_, range)) => format!("：须在 {range} 之内"),
        None => "：不是有效的数字".to_owned(),
    }
}

/// "cannot be used with" and "cannot be used multiple times".
fn conflict(error: &clap::Error) -> String {
    let arg = string(error.get(ContextKind::InvalidArg))
        .or_else(|| string(error.get(ContextKind::InvalidSubcommand)))
        .unwrap_or_default();
    match error.get(ContextKind::PriorArg) {
        Some(ContextValue::String(prior)) if prior == arg => {
            format!("参数 '{arg}' 不能多次使用")
        }
        Some(ContextValue::String(prior)) => format!("参数 '{arg}' 不能与 '{prior}' 同时使用"),
        Some(ContextValue::Strings(priors)) => {
            let mut t = format!("参数 '{arg}' 不能与以下参数同时使用：");
            for p in priors {
                let _ = write!(t, "\n  {p}");
            }
            t
        }
        _ => format!("参数 '{arg}' 不能与其他给出的参数同时使用"),
    }
}

/// One of clap's prose tips, worded again from the values it quotes.
fn suggestion(english: &str) -> String {
    let quoted: Vec<&str> = english.split('\'').skip(1).step_by(2).collect();
    match quoted.as_slice() {
        [arg, instead] if english.starts_with("to pass ") => {
            format!("要把 '{arg}' 作为值传入，请用 '{instead}'")
        }
        [sub, _] if english.starts_with("subcommand ") => {
            format!("有子命令 '{sub}'；要使用它，请去掉它前面的 '--'")
        }
        [exists] if english.ends_with("' exists") => format!("有 '{exists}'"),
        _ => english.to_owned(),
    }
}

fn string(value: Option<&ContextValue>) -> Option<&str> {
    match value {
        Some(ContextValue::String(s)) => Some(s),
        _ => None,
    }
}

fn strings(value: Option<&ContextValue>) -> Option<Vec<String>> {
    match value {
        Some(ContextValue::String(s)) => Some(vec![s.clone()]),
        Some(ContextValue::Strings(list)) => Some(list.clone()),
        _ => None,
    }
}

fn quoted(list: &[String]) -> String {
    list.iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join("，")
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::Cli;

    fn refusal(args: &[&str]) -> clap::Error {
        let mut command = crate::cli::words::chinese(Cli::command());
        command.try_get_matches_from_mut(args).unwrap_err()
    }

    #[test]
    fn each_kind_is_worded_from_its_context() {
        let e = refusal(&["dockcert", "new", "--bogus"]);
        assert_eq!(e.kind(), ErrorKind::UnknownArgument);
        let text = chinese(&e);
        assert!(
            text.starts_with("错误：无法识别的参数 '--bogus'\n"),
            "{text}"
        );
        assert!(text.contains("\n\n用法：dockcert new "), "{text}");
        assert!(text.ends_with("\n\n更多信息请运行 '--help'。\n"), "{text}");

        let e = refusal(&["dockcert", "new", "--lang", "fr"]);
        assert_eq!(e.kind(), ErrorKind::InvalidValue);
        assert!(chinese(&e).contains("'fr' 无效\n  [可选值：en, zh]"));

        let e = refusal(&["dockcert", "insp"]);
        assert_eq!(e.kind(), ErrorKind::InvalidSubcommand);
        assert!(chinese(&e).contains("\n  提示：有相近的子命令：'inspect'"));

        let e = refusal(&["dockcert", "probe", "--timeout", "0"]);
        assert_eq!(e.kind(), ErrorKind::ValueValidation);
        assert!(chinese(&e).contains("：须在 1..=300 之内"));
    }

    #[test]
    fn clap_tips_are_worded_again_from_the_values_they_quote() {
        assert_eq!(
            suggestion("to pass '--x' as a value, use '-- --x'"),
            "要把 '--x' 作为值传入，请用 '-- --x'"
        );
        assert_eq!(suggestion("'new --lang' exists"), "有 'new --lang'");
    }
}
