//! README.txt: what each file is, where it goes, the commands to run, the
//! expiry dates and the warnings, in plain words for the operator, in the
//! plan's language. This file lays it out; `prose.rs` names its pieces of
//! prose, `en.rs` and `zh.rs` word them.

mod en;
mod prose;
mod zh;

use std::fmt::Write;

pub(super) use self::prose::Prose;
use super::contents::{Bundle, CaSource, FileFacts};
use super::layout::{self, FileKind, Folder};
use super::steps::{NextSteps, Note, StepNote, Steps};
use crate::docker;
use crate::lang::{self, Lang, Localized};
use crate::pki;

/// README.txt for the bundle `about` (its files not listed yet), listing
/// `files` plus README.txt and manifest.json.
pub(crate) fn render(about: &Bundle, files: &[FileFacts]) -> String {
    let plan = &about.plan;
    let lang = plan.lang;
    let mut t = String::new();
    intro(&mut t, about);
    what_is_here(&mut t, files, lang);
    let existing_ca = about.ca_source == CaSource::Existing;
    // An issued bundle's ca/ holds the CA's certificate, and its inventory
    // when it was handed in, never its key.
    let inventory = Folder::Ca.path_of(FileKind::Inventory);
    let prose = match (existing_ca, files.iter().any(|f| f.path == inventory)) {
        (false, _) => Prose::KeepCa,
        (true, false) => Prose::NoCaKey,
        (true, true) => Prose::InventoryUpdated,
    };
    say(&mut t, lang, &prose);
    let steps = NextSteps::for_plan(plan, existing_ca);
    hosts_and_clients(&mut t, plan, &steps);
    if plan.ansible {
        say(&mut t, lang, &Prose::WithAnsible);
    }
    say(&mut t, lang, &Prose::WithPrometheus);
    // Its own lines kept; the names in it came in through `show::safe`
    // (an imported CA's in `CertFacts`), this guards what was missed.
    crate::show::safe_document_owned(t)
}

/// `piece` in `lang`, appended to `t`.
pub(super) fn say(t: &mut String, lang: Lang, piece: &Prose<'_>) {
    t.push_str(&words(lang, piece));
}

/// `piece` in `lang`.
fn words(lang: Lang, piece: &Prose<'_>) -> String {
    match lang {
        Lang::En => en::text(piece),
        Lang::Zh => zh::text(piece),
    }
}

/// The title, where the bundle came from, the expiry dates and the warnings.
pub(crate) fn intro(t: &mut String, about: &Bundle) {
    let plan = &about.plan;
    let lang = plan.lang;
    let title = words(lang, &Prose::Title);
    let underline = "=".repeat(lang::columns(title.trim_end()));
    let _ = writeln!(t, "{title}{underline}\n");
    let created = pki::minute(about.created);
    let key_type = plan.key_type.to_string();
    let made_by = Prose::MadeBy {
        version: crate::VERSION,
        created: &created,
        key_type: &key_type,
    };
    say(t, lang, &made_by);
    if let Some(ca) = about.ca() {
        let expires = pki::day(ca.not_after);
        // An existing CA's name is someone else's: it stays on its line.
        let name = crate::show::safe(&ca.name);
        let (name, fingerprint) = (&*name, &ca.fingerprint_sha256);
        say(
            t,
            lang,
            &Prose::Ca {
                name,
                expires: &expires,
            },
        );
        say(t, lang, &Prose::CaFingerprint { fingerprint });
    }
    if let Some(leaf) = about.certificates.get(1) {
        let expires = pki::day(leaf.info.not_after);
        let days = plan.days;
        say(
            t,
            lang,
            &Prose::LeavesExpire {
                expires: &expires,
                days,
            },
        );
    }
    say(t, lang, &Prose::NoRevocation);

    if !about.warnings.is_empty() {
        say(t, lang, &Prose::Warnings);
        for w in &about.warnings {
            let _ = writeln!(t, "  - {}", w.text(lang));
        }
    }
}

/// The table of every file (README.txt and manifest.json first), with its
/// mode and what it is.
pub(crate) fn what_is_here(t: &mut String, files: &[FileFacts], lang: Lang) {
    say(t, lang, &Prose::WhatIsHere);
    let width = files
        .iter()
        .map(|f| f.path.len())
        .max()
        .unwrap_or(20)
        .max(14);
    say(t, lang, &Prose::TableHead { width });
    let mut rows = vec![
        (Folder::Top.path_of(FileKind::Readme), FileKind::Readme),
        (Folder::Top.path_of(FileKind::Manifest), FileKind::Manifest),
    ];
    rows.extend(files.iter().map(|f| (f.path.clone(), f.kind)));
    for (path, kind) in rows {
        let _ = writeln!(
            t,
            "  {path:width$}  {}  {}",
            layout::mode_text(kind.spec().mode),
            kind.purpose(lang)
        );
    }
}

/// What to do on each host and each client, and how to check it.
fn hosts_and_clients(t: &mut String, plan: &crate::plan::Plan, steps: &NextSteps) {
    let lang = plan.lang;
    say(t, lang, &Prose::OnEachHost);
    for (server, Steps { commands, .. }) in plan.servers.iter().zip(&steps.servers) {
        let sans: Vec<String> = server.sans.iter().map(ToString::to_string).collect();
        let (name, listen) = (&server.name, server.listen.to_string());
        let sans = sans.join(", ");
        say(
            t,
            lang,
            &Prose::Host {
                name,
                sans: &sans,
                listen: &listen,
            },
        );
        say(t, lang, &Prose::CopyServerFolder { name });
        for c in commands {
            let _ = writeln!(t, "      {c}");
        }
        say(
            t,
            lang,
            &Prose::ServerInstall {
                dir: &server.install_dir,
            },
        );
    }
    for (names, note) in super::steps::shared_notes(&steps.servers) {
        if names.len() < steps.servers.len() {
            let _ = write!(t, "\n  {}:", names.join(", "));
        }
        note_with_commands(t, lang, note, 2);
    }
    say(t, lang, &Prose::WhyDropIn);

    if !plan.clients.is_empty() {
        say(t, lang, &Prose::OnEachClient);
    }
    for (client, Steps { commands, .. }) in plan.clients.iter().zip(&steps.clients) {
        say(t, lang, &Prose::Client { name: &client.name });
        for c in commands {
            let _ = writeln!(t, "      {c}");
        }
        let dir = docker::client_cert_dir(client);
        say(t, lang, &Prose::ClientInstall { dir: &dir });
        if plan.servers.is_empty() {
            continue;
        }
        say(t, lang, &Prose::ContextsCreated);
        for server in &plan.servers {
            let _ = writeln!(
                t,
                "      {}",
                docker::context_create_command(client, server, &dir, lang)
            );
        }
        say(t, lang, &Prose::ContextImport);
        for server in &plan.servers {
            let context = docker::context_name(server);
            let file = docker::context_file_name(server);
            say(
                t,
                lang,
                &Prose::ContextImportLine {
                    context: &context,
                    file: &file,
                },
            );
        }
        let lines: Vec<String> = plan
            .servers
            .iter()
            .filter_map(docker::etc_hosts_line)
            .collect();
        if !lines.is_empty() {
            say(t, lang, &Prose::EtcHosts);
            for line in lines {
                let _ = writeln!(t, "      {line}");
            }
        }
    }
    if !steps.existing_clients.is_empty() {
        say(t, lang, &Prose::ExistingClients);
        for note in &steps.existing_clients {
            // Said once, after the check, when the bundle has clients.
            if note.says == StepNote::CheckFails && !plan.clients.is_empty() {
                continue;
            }
            note_with_commands(t, lang, note, 2);
        }
    }
    if let (Some(server), Some(client)) = (plan.servers.first(), plan.clients.first()) {
        let url = docker::docker_host(server);
        let https = url.replacen("tcp://", "https://", 1);
        say(
            t,
            lang,
            &Prose::CheckIt {
                client: &client.name,
                url: &url,
                https: &https,
            },
        );
        for (_, note) in super::steps::shared_notes(&steps.clients) {
            note_with_commands(t, lang, note, 2);
        }
    }
}

/// `note`'s words, wrapped to README.txt's width `indent` columns in, and
/// its commands under it, four further in.
fn note_with_commands(t: &mut String, lang: Lang, note: &Note, indent: usize) {
    let pad = " ".repeat(indent);
    t.push('\n');
    for line in lang::wrap(&note.says.text(lang), WIDTH - indent) {
        let _ = writeln!(t, "{pad}{line}");
    }
    for command in &note.commands {
        let _ = writeln!(t, "{pad}    {command}");
    }
}

/// The columns README.txt's prose keeps within.
const WIDTH: usize = 80;

#[cfg(test)]
mod tests {
    use crate::bundle::dind;
    use crate::bundle::tests_support::{issued, one_of_each, plain};
    use crate::lang::Lang;
    use crate::plan::PlanRequest;

    fn readme(request: &PlanRequest, lang: Lang, dind_layout: bool) -> String {
        let made = plain(&PlanRequest {
            lang,
            ..request.clone()
        });
        let made = if dind_layout {
            dind::rearranged(made).unwrap()
        } else {
            made
        };
        String::from_utf8(made.contents("README.txt").unwrap().to_vec()).unwrap()
    }

    /// `command` with a docker context's description, which is in the
    /// README's language, left out.
    fn without_description(command: &str) -> String {
        let Some((before, rest)) = command.split_once("--description \"") else {
            return command.to_owned();
        };
        let after = rest.split_once('"').map_or("", |(_, after)| after);
        format!("{before}--description \"\"{after}")
    }

    /// What an operator copies from README.txt: each command (up to the
    /// prose after it), each hosts file entry, each file's path and mode.
    fn copied(text: &str) -> Vec<String> {
        const COMMANDS: [&str; 9] = [
            "sudo ",
            "./",
            ". ./",
            "docker ",
            "curl ",
            "ansible-playbook ",
            "-v ",
            "DOCKER_HOST=",
            "10.",
        ];
        let mut copied = Vec::new();
        for line in text.lines() {
            let line = line.trim_start();
            let command = without_description(line.split("   ").next().unwrap_or_default());
            if command.is_ascii() && COMMANDS.iter().any(|c| command.starts_with(c)) {
                copied.push(command.to_owned());
            }
            // A table row: the path, padded, then the mode.
            if let Some((path, rest)) = line.split_once("  ") {
                let mode = rest.trim_start();
                if mode.starts_with("0") && mode.get(4..6) == Some("  ") {
                    copied.push(format!(
                        "{}{}",
                        &line[..line.len() - mode.len()],
                        &mode[..4]
                    ));
                    assert!(path.contains('.'), "{path}");
                }
            }
        }
        copied
    }

    #[test]
    fn chinese_readme_words_the_prose_and_keeps_every_command_and_path() {
        let fleet = PlanRequest {
            allow_from: vec!["10.0.0.0/8".into()],
            ansible: true,
            ..one_of_each()
        };
        for (request, dind_layout) in [(&fleet, false), (&one_of_each(), true)] {
            let en = readme(request, Lang::En, dind_layout);
            let zh = readme(request, Lang::Zh, dind_layout);
            let lines = copied(&en);
            assert!(lines.len() > 15, "{lines:?}");
            assert_eq!(
                copied(&zh),
                lines,
                "the same commands, paths and modes:\n{zh}"
            );
            for term in ["证书颁发机构（CA）", "到期", "证书包", "私钥", "警告"] {
                assert!(zh.contains(term), "{term}:\n{zh}");
            }
            for english in ["WHAT IS HERE", "expires", "Copy ", "Keep ca/", "what it is"] {
                assert!(!zh.contains(english), "{english}:\n{zh}");
            }
        }
        let zh = readme(&fleet, Lang::Zh, false);
        for part in [
            "防火墙",
            "使用 ANSIBLE",
            "hosts 文件条目",
            "在每个客户端上",
            "检查",
        ] {
            assert!(zh.contains(part), "{part}:\n{zh}");
        }
        assert!(readme(&one_of_each(), Lang::Zh, true).contains("使用 DOCKER:DIND"));
    }

    #[test]
    fn the_title_is_underlined_to_its_width_in_either_language() {
        for lang in [Lang::En, Lang::Zh] {
            let text = readme(&one_of_each(), lang, false);
            let mut lines = text.lines();
            let (title, underline) = (lines.next().unwrap(), lines.next().unwrap());
            assert_eq!(crate::lang::columns(title), underline.len(), "{title}");
            assert!(underline.chars().all(|c| c == '='));
        }
    }

    #[test]
    fn an_issued_readme_says_how_the_cas_clients_reach_its_hosts_and_nothing_it_lacks() {
        let hosts_only = PlanRequest {
            servers: vec!["docker4.example.com,10.0.0.4".into()],
            ..PlanRequest::default()
        };
        for lang in [Lang::En, Lang::Zh] {
            let made = issued(&PlanRequest {
                lang,
                ..hosts_only.clone()
            });
            let text = String::from_utf8(made.contents("README.txt").unwrap().to_vec()).unwrap();
            // No clients: no heading for them; no CA key: no word of one.
            for absent in [
                "ON EACH CLIENT\n",
                "在每个客户端上",
                "ca-key.pem",
                "CHECK IT",
                "检查\n",
            ] {
                assert!(!text.contains(absent), "{absent}:\n{text}");
            }
            let dir = "$HOME/.docker/dockcert/CLIENT";
            let line = text
                .lines()
                .find(|l| {
                    l.starts_with(
                        "      docker context create docker4.example.com --description \"",
                    )
                })
                .unwrap_or_else(|| panic!("{text}"));
            assert!(line.ends_with(&format!(
                "--docker \"host=tcp://docker4.example.com:2376,ca={dir}/ca.pem,cert={dir}/cert.pem,key={dir}/key.pem\""
            )));
            assert!(text.contains("      ./docker-context.sh docker4.example.com:2376\n"));
        }
        // With a client of its own too, both parts are there.
        let both = issued(&PlanRequest {
            clients: vec!["bob".into()],
            ..hosts_only
        });
        let text = String::from_utf8(both.contents("README.txt").unwrap().to_vec()).unwrap();
        for part in [
            "ON EACH CLIENT\n",
            "client/bob/",
            "ON EACH CLIENT THIS CA HAS ALREADY",
        ] {
            assert!(text.contains(part), "{part}:\n{text}");
        }
    }
}
