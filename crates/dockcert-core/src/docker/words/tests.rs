//! The install scripts' and files' words: every message in both languages.

use std::collections::BTreeSet;

use super::*;

const TEMPLATES: [&str; 11] = [
    include_str!("../templates/server-install.sh"),
    include_str!("../templates/expiry-check.sh"),
    include_str!("../templates/dockcert-expiry.service"),
    include_str!("../templates/dockcert-expiry.timer"),
    include_str!("../templates/dockcert-expiry.cron"),
    include_str!("../templates/client-install.sh"),
    include_str!("../templates/renewal.sh"),
    include_str!("../templates/safe-write.sh"),
    include_str!("../templates/merge-daemon-json.awk"),
    include_str!("../templates/ansible-playbook.yml"),
    include_str!("../templates/ansible-renewal.yml"),
];

/// The shell's expansions, Jinja's `{{ }}` and dockcert's placeholders
/// in `text`, each spelled one way (`${key}` as `$key`): the facts a
/// message shows.
fn expansions(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(['$', '@', '{']) {
        let here = &rest[at..];
        let (fact, used) = if let Some(jinja) = here.strip_prefix("{{") {
            let end = jinja.find("}}").unwrap();
            (jinja[..end].trim().to_owned(), end + 4)
        } else if here.starts_with('{') {
            (String::new(), 1)
        } else if let Some(name) = here.strip_prefix('@') {
            let end = name.find('@').unwrap();
            (here[..end + 2].to_owned(), end + 2)
        } else if let Some(inner) = here.strip_prefix("${") {
            let end = inner.find('}').unwrap();
            (format!("${}", &inner[..end]), end + 3)
        } else if here.starts_with("$(") {
            let end = here.find(')').unwrap();
            (here[..=end].to_owned(), end + 1)
        } else {
            let name = &here[1..];
            let end = name
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(name.len());
            (here[..end + 1].to_owned(), end + 1)
        };
        if !fact.is_empty() {
            out.push(fact);
        }
        rest = &here[used..];
    }
    out.sort();
    out
}

/// Runs of three or more ASCII words, not parted by any Chinese, left
/// in `text` once the shell's expansions, flags, commands' arguments,
/// paths and file names are taken out: English prose that should have
/// been Chinese.
pub(crate) fn english_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    for stretch in text.split(|c: char| !c.is_ascii()) {
        let mut run: Vec<&str> = Vec::new();
        let tokens = stretch.split(|c: char| c.is_ascii_whitespace() || c == '"' || c == '\'');
        for token in tokens.chain([""]) {
            let word = token.trim_matches(|c: char| c.is_ascii_punctuation());
            let technical = token.contains(['$', '/', '.', '-', '@', '=', '_', ':', '[', '`'])
                || word.is_empty()
                || !word.chars().all(|c| c.is_ascii_alphabetic());
            if technical {
                if run.len() >= 3 {
                    runs.push(run.join(" "));
                }
                run.clear();
            } else {
                run.push(word);
            }
        }
    }
    runs
}

fn has_chinese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(u32::from(c), 0x3000..=0x303F | 0x4E00..=0x9FFF | 0xFF00..=0xFF60))
}

#[test]
fn every_message_stands_in_a_template_and_every_placeholder_is_a_message() {
    let mut used = BTreeSet::new();
    for template in TEMPLATES {
        let mut rest = template;
        while let Some(at) = rest.find("@say:") {
            let end = rest[at + 1..].find('@').unwrap() + at + 2;
            used.insert(rest[at..end].to_owned());
            rest = &rest[end..];
        }
    }
    let known: BTreeSet<String> = ScriptMessage::ALL.iter().map(|m| m.placeholder()).collect();
    assert_eq!(used, known);
}

#[test]
fn the_chinese_messages_show_the_same_facts_quoted_the_same_way() {
    for message in ScriptMessage::ALL {
        let (en, zh) = (message.text(Lang::En), message.text(Lang::Zh));
        assert_eq!(expansions(&en), expansions(&zh), "{message:?}");
        if matches!(
            message,
            ScriptMessage::HostHelp | ScriptMessage::ClientHelp | ScriptMessage::CheckHelp
        ) {
            // Comment lines, which `--help` prints without their `# `.
            for line in zh.lines().skip(1) {
                assert!(line == "#" || line.starts_with("# "), "{line}");
            }
            continue;
        }
        // What a double-quoted shell string or an awk string gives a
        // meaning to appears as often in both.
        for special in ['"', '\\', '`'] {
            assert_eq!(
                en.matches(special).count(),
                zh.matches(special).count(),
                "{message:?}: {special}"
            );
        }
        // A variable is braced where a byte of UTF-8 may follow it.
        assert!(!zh.contains("$DAEMON_JSON"), "{message:?}");
    }
    assert!(!ScriptMessage::OwnerNote.text(Lang::Zh).contains('\''));
    // The facts are found: Jinja's, the shell's, the placeholders.
    assert_eq!(
        expansions(&ScriptMessage::AnsibleTwice.text(Lang::Zh)),
        [
            "dockcert_daemon_json_path",
            "dockcert_twice[0]",
            "dockcert_twice[1]"
        ]
    );
    assert_eq!(
        expansions(&ScriptMessage::FolderOwner.text(Lang::Zh)),
        ["$OWNER_NOTE", "$cc_path"]
    );
    assert_eq!(
        expansions(&ScriptMessage::HostDone.text(Lang::En)),
        ["@LISTEN@"]
    );
}

#[test]
fn every_chinese_message_is_chinese_prose() {
    for message in ScriptMessage::ALL {
        let zh = message.text(Lang::Zh);
        assert!(english_runs(&zh).is_empty(), "{message:?}: {zh}");
        if message != ScriptMessage::AwkUnknownEscapeEnd {
            assert!(has_chinese(&zh), "{message:?}: {zh}");
        }
    }
    // The check finds English where it is, flags and paths aside.
    assert_eq!(
        english_runs(&ScriptMessage::FileDiffers.text(Lang::En)),
        [
            "already exists and differs not replacing it use",
            "to replace it the old file is kept"
        ]
    );
}

#[test]
fn every_other_chinese_text_is_chinese_prose_with_the_same_facts() {
    let all = |host, client, context, nets| {
        [
            Words::EnvHead { client },
            Words::EnvOtherHosts,
            Words::EnvOrContexts,
            Words::EnvNoHost,
            Words::ContextDescription { host, client },
            Words::ContextScriptHead { client },
            Words::ContextFileMissing,
            Words::ContextHostsGiven,
            Words::ContextGivenHost,
            Words::ContextsReady { context },
            Words::ContextNoHost,
            Words::NftablesHead {
                host,
                port: 2376,
                nets,
            },
            Words::FirewalldHead { host, port: 2376 },
            Words::FirewalldDone { nets, port: 2376 },
            Words::InventoryHead { version: "0.1.0" },
        ]
    };
    for words in all("docker1.example.com", "alice", "$1", "10.0.0.0/8") {
        let (en, zh) = (words.text(Lang::En), words.text(Lang::Zh));
        assert!(has_chinese(&zh) && !has_chinese(&en), "{words:?}: {zh}");
        assert!(english_runs(&zh).is_empty(), "{words:?}: {zh}");
        assert_eq!(expansions(&en), expansions(&zh), "{words:?}");
        assert_eq!(en.lines().count() > 1, zh.lines().count() > 1, "{words:?}");
        assert_eq!(en.ends_with('\n'), zh.ends_with('\n'), "{words:?}");
        for line in zh.lines().filter(|_| en.starts_with('#')) {
            assert!(line.starts_with('#'), "{words:?}: {line}");
        }
        assert!(!zh.contains(['"', '`']) || en.contains('`'), "{words:?}");
        for fact in ["docker1.example.com", "alice", "10.0.0.0/8", "2376"] {
            assert_eq!(en.contains(fact), zh.contains(fact), "{words:?}: {fact}");
        }
    }
}
