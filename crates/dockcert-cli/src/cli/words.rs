//! `--help` in Chinese: the one-line summary of dockcert and of each
//! command, clap's headings, every flag's help with its values and its
//! default (`flags_zh.rs`, and the core's table for a plan input's flag)
//! and each command's examples (`examples_zh.rs`), set on the built
//! `Command` (the English
//! stays in `mod.rs` and `examples.rs`, where clap's derive reads it).
//! Flags, commands and value names stay as they are; the glossary is
//! shared/UI.md.

use clap::{Arg, Command};
use dockcert_core::plan::Field;
use dockcert_core::Lang;

use super::examples_zh::EXAMPLES;
use super::flags_zh::{FLAGS, VALUES};

/// dockcert's own summary, then each command's, in Chinese.
const ABOUT: &str = "dockcert：一条命令生成 Docker 守护进程远程 API 所需的全部 TLS 证书包";

/// Each command's one-line summary in Chinese, by the command's name
/// (`help`'s list of commands names them too).
const COMMANDS: [(&str, &str); 10] = [
    ("new", "新建 CA，并生成服务器和客户端的证书、私钥及配置。"),
    ("issue", "用已有的 CA 签发更多服务器和客户端证书。"),
    (
        "rotate",
        "分三个阶段轮换证书包的 CA，不中断任何连接，也不停止任何容器。",
    ),
    (
        "renew",
        "生成新的私钥和证书，名称和用途与旧证书相同（续期）。",
    ),
    (
        "inspect",
        "检查证书、私钥和配置：说明它们是什么，以及哪里有问题。",
    ),
    (
        "expiry",
        "按到期时间列出证书，最早到期的在前；有证书即将到期时以状态 1 退出。",
    ),
    (
        "probe",
        "探测运行中的守护进程：TLS、它的证书，以及它允许谁连接。",
    ),
    ("completions", "打印 bash、zsh 或 fish 的命令补全脚本。"),
    (
        "man",
        "打印 dockcert 的手册页（roff 格式），供 man(1) 使用。",
    ),
    ("help", "打印本帮助，或指定命令的帮助。"),
];

/// The headings of `--help`'s lists.
const COMMANDS_HEADING: &str = "命令：\n{subcommands}";
const ARGUMENTS_HEADING: &str = "参数：\n{positionals}";
const OPTIONS_HEADING: &str = "选项：\n{options}";

/// `command`, built, with its `--help` words in Chinese.
pub(super) fn chinese(mut command: Command) -> Command {
    // Built first, so that clap's own `help` command and `--help` and
    // `--version` flags exist to be worded.
    command.build();
    worded(command.about(ABOUT))
}

/// `command` and every command under it with "Usage:" and the lists'
/// headings in Chinese (clap's own headings end in an ASCII colon, so
/// the lists are laid out here) and clap's own flags' help in Chinese.
fn worded(command: Command) -> Command {
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    let shown = command.get_arguments().filter(|a| !a.is_hide_set());
    let (positionals, options): (Vec<_>, Vec<_>) = shown.partition(|a| a.is_positional());
    let mut lists = Vec::new();
    if !names.is_empty() {
        lists.push(COMMANDS_HEADING);
    }
    if !positionals.is_empty() {
        lists.push(ARGUMENTS_HEADING);
    }
    if !options.is_empty() {
        lists.push(OPTIONS_HEADING);
    }
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n用法：{{usage}}\n\n{}{{after-help}}",
        lists.join("\n\n")
    );
    let mut command = command.help_template(template);
    // clap panics on an argument it does not have: only those it has.
    for (id, help) in [("help", "打印帮助"), ("version", "打印版本")] {
        if command.get_arguments().any(|a| a.get_id() == id) {
            command = command.mut_arg(id, |a| match a.get_long_help() {
                // clap's "(see a summary with '-h')" when the help is long.
                Some(_) => a.help(help).long_help(format!("{help}（'-h' 显示摘要）")),
                None => a.help(help),
            });
        }
    }
    // In place: the command is built, and its parser finds each argument
    // by its place in the list.
    let name = command.get_name().to_owned();
    command = command.mut_args(|a| match a.is_hide_set() {
        true => a,
        false => flag_in_chinese(&name, a),
    });
    for name in names {
        let about = COMMANDS.iter().find(|(n, _)| *n == name).map(|(_, a)| *a);
        let examples = EXAMPLES.iter().find(|(n, _)| *n == name).map(|(_, e)| *e);
        command = command.mut_subcommand(&name, |mut c| {
            if let Some(about) = about {
                c = c.about(about);
            }
            // `help`'s own list names the commands too; only the command
            // itself ends with its examples.
            if let Some(examples) = examples.filter(|_| c.get_after_help().is_some()) {
                c = c.after_help(examples);
            }
            worded(c)
        });
    }
    command
}

/// `arg` of `command` with its help in Chinese, its values and its default
/// written in Chinese after it (clap would write "Possible values" and
/// "[default: …]"). An argument with no Chinese keeps its English, which
/// a test forbids.
fn flag_in_chinese(command: &str, arg: Arg) -> Arg {
    let own = arg
        .get_long()
        .and_then(|long| Field::ALL.iter().find(|f| f.name() == long))
        .map(|f| f.help_in(Lang::Zh));
    let id = arg.get_id().as_str();
    if id == "help" || id == "version" {
        return arg;
    }
    let listed = || {
        FLAGS
            .iter()
            .find(|(c, i, _)| (*c == command || *c == "*") && *i == id)
            .map(|(_, _, help)| (*help).to_owned())
    };
    let Some(mut help) = own.or_else(listed) else {
        return arg;
    };
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| {
            let value = v.get_name();
            match VALUES.iter().find(|(i, n, _)| *i == id && *n == value) {
                Some((_, _, zh)) => format!("- {value}：{zh}"),
                None => format!("- {value}"),
            }
        })
        .collect();
    if !values.is_empty() {
        help.push_str("\n\n可选值：\n");
        help.push_str(&values.join("\n"));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    // A flag without a value has a default (false) clap never shows.
    let shown = arg.get_action().takes_values() && !arg.is_hide_default_value_set();
    if !defaults.is_empty() && shown {
        help.push_str(&format!("\n\n[默认：{}]", defaults.join(", ")));
    }
    arg.help(help)
        .hide_possible_values(true)
        .hide_default_value(true)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::Cli;

    fn has_chinese(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_command_has_a_chinese_summary_and_examples() {
        let mut command = chinese(Cli::command());
        assert!(has_chinese(&command.get_about().unwrap().to_string()));
        for sub in command.get_subcommands() {
            let about = sub.get_about().unwrap().to_string();
            assert!(has_chinese(&about), "{}: {about}", sub.get_name());
            if let Some(after) = sub.get_after_help() {
                let after = after.to_string();
                assert!(after.starts_with("示例："), "{}: {after}", sub.get_name());
            }
        }
        let help = command.render_help().to_string();
        for heading in ["用法：", "命令：", "选项："] {
            assert!(help.contains(heading), "{help}");
        }
        assert!(
            !help.contains("Usage:") && !help.contains("Options:"),
            "{help}"
        );
    }

    /// Every flag of every command says what it does in Chinese, with
    /// its values and its default in Chinese words, and nothing of
    /// clap's English headings around them.
    #[test]
    fn every_flag_is_helped_in_chinese() {
        let mut command = chinese(Cli::command());
        for sub in command.get_subcommands_mut() {
            let name = sub.get_name().to_owned();
            for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
                let help = arg.get_long_help().or(arg.get_help());
                let help = help.map(|h| h.to_string()).unwrap_or_default();
                assert!(has_chinese(&help), "{name} {}: {help}", arg.get_id());
            }
            let text = sub.render_long_help().to_string();
            for english in ["Possible values", "[default:", "[possible values"] {
                assert!(!text.contains(english), "{name}: {text}");
            }
        }
        let lang = command
            .find_subcommand_mut("expiry")
            .unwrap()
            .render_long_help();
        let lang = lang.to_string();
        assert!(
            lang.contains("- zh：简体中文") && lang.contains("[默认：30]"),
            "{lang}"
        );
    }

    #[test]
    fn english_help_is_left_as_clap_writes_it() {
        let help = Cli::command().render_help().to_string();
        assert!(
            help.contains("Usage:") && help.contains("Commands:"),
            "{help}"
        );
        assert!(!has_chinese(&help), "{help}");
    }
}
