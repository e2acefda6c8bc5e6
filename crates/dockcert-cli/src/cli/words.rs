//! `--help` in Chinese: the one-line summary of dockcert and of each
//! command, clap's headings, its own flags' help and each command's
//! examples (`examples_zh.rs`), set on the built `Command` (the English
//! stays in `mod.rs` and `examples.rs`, where clap's derive reads it).
//! Flags, commands and value names stay as they are; the glossary is
//! shared/UI.md.

use clap::Command;

use super::examples_zh::EXAMPLES;

/// dockcert's own summary, then each command's, in Chinese.
const ABOUT: &str = "dockcert：一条命令生成 Docker 守护进程远程 API 所需的全部 TLS 证书包";

/// Each command's one-line summary in Chinese, by the command's name
/// (`help`'s list of commands names them too).
const COMMANDS: [(&str, &str); 9] = [
    ("new", "新建 CA，并生成服务器和客户端的证书、私钥及配置。"),
    ("issue", "用已有的 CA 签发更多服务器和客户端证书。"),
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
            command = command.mut_arg(id, |a| a.help(help));
        }
    }
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
