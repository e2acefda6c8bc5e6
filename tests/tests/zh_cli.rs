//! The CLI itself in Chinese: under `LANG=zh_CN.UTF-8`, or with `--lang
//! zh`, the real binary's refusals (clap's usage errors too), `--help`'s
//! command summaries, the passphrase prompts (on a real pseudo-terminal,
//! from `script`) and the progress line are Chinese prose, with the same
//! exit status as in English. Chinese prose here: some Chinese, and no run
//! of three or more English words once flags, paths, commands, quoted
//! values and the operating system's own reason are taken out.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;

use dockcert_tests::{
    dockcert, dockcert_bin, dockcert_in_locale, files_under, new_dir, on_a_terminal, Run,
    LOCALE_VARS,
};

const ZH: (&str, &str) = ("LANG", "zh_CN.UTF-8");

/// Whether `text` has a Chinese character.
fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// `text` without what may stay as it is inside Chinese prose: values in
/// ASCII quotes, and each of `verbatim` (the operating system's words).
fn without_verbatim(text: &str, verbatim: &[&str]) -> String {
    let mut text = text.to_owned();
    for v in verbatim {
        text = text.replace(v, " ");
    }
    for quote in ['\'', '"'] {
        let mut kept = String::new();
        let mut inside = false;
        for c in text.chars() {
            if c == quote {
                inside = !inside;
                kept.push(' ');
            } else if !inside {
                kept.push(c);
            }
        }
        text = kept;
    }
    text
}

/// The runs of three or more English words in `text` (the shared
/// [`dockcert_tests::english_runs`]) once quoted values and `verbatim` are
/// taken out.
fn english_runs(text: &str, verbatim: &[&str]) -> Vec<String> {
    dockcert_tests::english_runs(&without_verbatim(text, verbatim))
}

/// Panics unless `text` is Chinese prose (see the top of this file).
#[track_caller]
fn assert_chinese_prose(text: &str, verbatim: &[&str]) {
    assert!(has_chinese(text), "no Chinese in:\n{text}");
    let runs = english_runs(text, verbatim);
    assert!(runs.is_empty(), "English left {runs:?} in:\n{text}");
}

/// The words the system says for a missing file, as dockcert shows them
/// (without Rust's "(os error 2)").
fn no_such_file() -> String {
    let text = std::io::Error::from_raw_os_error(2).to_string();
    text.split(" (os error").next().unwrap().to_owned()
}

/// `args` with `--lang zh` after the command's name.
fn with_lang_zh<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec![args[0], "--lang", "zh"];
    all.extend_from_slice(&args[1..]);
    all
}

#[test]
fn the_checker_finds_english_prose_and_passes_over_flags_paths_and_quotes() {
    assert_eq!(
        english_runs(
            "dockcert: --out \"b.zip\": already exists; add --force",
            &[]
        ),
        vec!["already exists add".to_owned()]
    );
    assert!(english_runs("dockcert: --out \"a b c d\"：已经存在；加上 --force", &[]).is_empty());
    assert!(english_runs("用法：dockcert new [OPTIONS] --out <BUNDLE.zip|DIR>", &[]).is_empty());
    assert!(english_runs(
        "无法读取：No such file or directory",
        &["No such file or directory"]
    )
    .is_empty());
}

#[test]
fn bad_inputs_are_refused_in_chinese_with_the_english_exit_status() {
    let missing = no_such_file();
    let cases: [&[&str]; 15] = [
        // clap's own: an unknown flag, a missing value, a missing
        // argument, an unknown command, a value outside its range.
        &["new", "--bogus"],
        &["new", "--server"],
        &["new", "--server", "docker1"],
        &["frobnicate"],
        &["probe", "--timeout", "0"],
        // dockcert's own: the plan's, the CA files', --out's, the passphrase's.
        &[
            "new",
            "--server",
            "docker1",
            "--out",
            "b.zip",
            "--no-passphrase",
            "--days",
            "99999",
        ],
        &[
            "new",
            "--server",
            "a..b",
            "--out",
            "b.zip",
            "--no-passphrase",
        ],
        // What people type into a host line: a port, a URL, a space (张三 as a
        // client name is bad_input's: its English run holds Chinese).
        &[
            "new",
            "--server",
            "docker1.corp.cn:2376",
            "--server",
            "https://docker2.corp.cn:2376",
            "--out",
            "b.zip",
            "--no-passphrase",
        ],
        &[
            "new",
            "--server",
            "docker1.corp.cn 10.1.0.5",
            "--out",
            "b.zip",
            "--no-passphrase",
        ],
        &[
            "issue",
            "--ca-cert",
            "missing-ca.pem",
            "--ca-key",
            "missing-key.pem",
            "--server",
            "docker1",
            "--out",
            "b.zip",
        ],
        &[
            "new",
            "--server",
            "docker1",
            "--out",
            "nope/b.zip",
            "--no-passphrase",
        ],
        &["new", "--server", "docker1", "--out", "b.zip"],
        &[
            "new",
            "--server",
            "docker1",
            "--out",
            "b.zip",
            "--passphrase-env",
            "DOCKCERT_ZH_UNSET",
        ],
        &["probe", "docker1:2376"],
        &["probe", "tcp://127.0.0.1:9", "--client", "missing-client"],
    ];
    for args in cases {
        let tmp = new_dir("dockcert-zh-cli-");
        let english = dockcert(tmp.path(), args);
        assert!(
            english.status > 0,
            "{args:?} was not refused: {}",
            english.all()
        );
        assert!(!has_chinese(&english.all()), "{args:?}: {}", english.all());
        let zh_args = with_lang_zh(args);
        for (how, zh) in [
            (
                "LANG=zh_CN.UTF-8",
                dockcert_in_locale(tmp.path(), args, &[ZH]),
            ),
            ("--lang zh", dockcert(tmp.path(), &zh_args)),
        ] {
            assert_eq!(zh.status, english.status, "{how} {args:?}: {}", zh.all());
            assert!(zh.stdout.is_empty(), "{how} {args:?}: {}", zh.stdout);
            assert_chinese_prose(&zh.stderr, &[&missing]);
        }
        assert!(
            files_under(tmp.path()).is_empty(),
            "{args:?} wrote something"
        );
    }
}

#[test]
fn bad_subject_attributes_are_refused_in_chinese_naming_the_flag() {
    let org = "x".repeat(65);
    let cases = [
        (
            ["--subject-country", "China"],
            "--subject-country \"China\"：国家（C）必须是 ISO 3166 的两个 ASCII 字母代码，例如 CN、US 或 DE",
        ),
        (
            ["--subject-unit", "Ops\u{1b}[31m"],
            "--subject-unit \"Ops\\u{1b}[31m\"：部门（OU）不能包含控制字符或不可见的格式字符（例如双向文本覆盖字符）",
        ),
        (
            ["--subject-org", org.as_str()],
            &*format!("--subject-org \"{org}\"：组织（O）有 65 个字符；最多允许 64 个（RFC 5280）"),
        ),
    ];
    for (given, says) in cases {
        let tmp = new_dir("dockcert-zh-subject-");
        let mut args = vec![
            "new",
            "--server",
            "docker1",
            "--no-passphrase",
            "--out",
            "b.zip",
        ];
        args.extend(given);
        let english = dockcert(tmp.path(), &args);
        assert_eq!(english.status, 2, "{}", english.all());
        assert!(english.stderr.contains(given[0]), "{}", english.stderr);
        assert!(!has_chinese(&english.all()), "{}", english.all());
        let zh = dockcert(tmp.path(), &with_lang_zh(&args));
        assert_eq!(zh.status, 2, "{}", zh.all());
        assert_eq!(zh.stderr, format!("dockcert: {says}\n"));
        assert_chinese_prose(&zh.stderr, &[]);
        assert!(
            files_under(tmp.path()).is_empty(),
            "{args:?} wrote something"
        );
    }
}

#[test]
fn help_summarises_each_command_in_chinese_and_stays_english_otherwise() {
    let tmp = new_dir("dockcert-zh-help-");
    let zh = dockcert_in_locale(tmp.path(), &["--help"], &[ZH]).ok();
    let listed: Vec<&str> = zh
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("命令"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert!(listed.len() >= 7, "{}", zh.stdout);
    for line in &listed {
        assert_chinese_prose(line, &[]);
    }
    assert_chinese_prose(zh.stdout.lines().next().unwrap(), &[]);

    for command in [
        "new",
        "issue",
        "renew",
        "inspect",
        "expiry",
        "probe",
        "completions",
        "man",
    ] {
        for run in [
            dockcert_in_locale(tmp.path(), &[command, "--help"], &[ZH]),
            dockcert(tmp.path(), &[command, "--lang", "zh", "--help"]),
        ] {
            // `man` and `completions` have no --lang: clap refuses it, in Chinese.
            let text = if run.status == 0 {
                &run.stdout
            } else {
                &run.stderr
            };
            assert_chinese_prose(text.lines().next().unwrap(), &[]);
            // Its examples and exit statuses too.
            assert!(
                !text.contains("Examples:") && !text.contains("Exit status:"),
                "{text}"
            );
            // Every flag and argument says what it does in Chinese, on the
            // line under it, its values and default in Chinese words.
            let lines: Vec<&str> = text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                let flag = line.trim_start();
                let indent = line.len() - flag.len();
                if (2..8).contains(&indent) && (flag.starts_with('-') || flag.starts_with('<')) {
                    // clap writes a short help on the flag's own line.
                    let said = lines.get(i + 1).copied().unwrap_or_default();
                    let said = if has_chinese(flag) { flag } else { said };
                    assert!(has_chinese(said), "{command} {flag}: {said}\n{text}");
                }
            }
            for english in ["Possible values", "[default:", "Print help", "Arguments:"] {
                assert!(!text.contains(english), "{command}: {english}\n{text}");
            }
        }
    }

    let en = dockcert(tmp.path(), &["--help"]).ok();
    assert!(!has_chinese(&en.stdout), "{}", en.stdout);
    assert!(
        en.stdout.contains("\nCommands:\n")
            && en
                .stdout
                .contains("Make a new CA and the server and client certificates"),
        "{}",
        en.stdout
    );
}

#[test]
fn passphrase_prompts_and_their_refusals_are_chinese() {
    for (args, locale) in [
        ("new --server docker1 --out b.zip", &[ZH][..]),
        ("new --lang zh --server docker1 --out b.zip", &[][..]),
    ] {
        let tmp = new_dir("dockcert-zh-prompt-");
        // Typed answers are echoed by the terminal: one token each, so
        // they cannot read as English prose.
        let run = on_a_terminal(
            tmp.path(),
            args,
            &"first-answer-1\nsecond-answer-2\n".repeat(3),
            locale,
        );
        assert_eq!(run.status, 2, "{}", run.all());
        let shown: String = run
            .stdout
            .lines()
            .filter(|l| !l.contains("-answer-"))
            .collect::<Vec<_>>()
            .join("\n");
        // Two prompts three times, asked again twice, and the refusal,
        // each its own line and each Chinese.
        let lines: Vec<&str> = shown.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 9, "{shown}");
        for line in lines {
            assert_chinese_prose(line, &[]);
        }
        assert!(files_under(tmp.path()).is_empty());
    }

    // An existing encrypted CA key: a wrong answer asked again, the third
    // refused.
    let tmp = new_dir("dockcert-zh-open-");
    let made = run_with_pass(tmp.path());
    assert_eq!(made.status, 0, "{}", made.all());
    let run = on_a_terminal(
        tmp.path(),
        "issue --ca-cert made/ca/ca.pem --ca-key made/ca/ca-key.pem --server docker2 --out more.zip",
        "wrong-passphrase-1\nwrong-passphrase-1\nwrong-passphrase-1\n",
        &[ZH],
    );
    assert_eq!(run.status, 2, "{}", run.all());
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.contains("wrong-passphrase-1"))
        .collect();
    assert_eq!(lines.len(), 6, "{}", run.stdout);
    for line in lines {
        assert_chinese_prose(line, &[]);
    }
    assert!(!tmp.path().join("more.zip").exists());
}

/// `dockcert new` for the encrypted CA above, its passphrase from a variable.
fn run_with_pass(dir: &Path) -> Run {
    let mut cmd = Command::new(dockcert_bin());
    for var in LOCALE_VARS {
        cmd.env_remove(var);
    }
    dockcert_tests::run(
        cmd.env("DOCKCERT_ZH_PASS", "a passphrase long enough")
            .current_dir(dir)
            .args([
                "new",
                "--server",
                "docker1",
                "--out",
                "made",
                "--passphrase-env",
                "DOCKCERT_ZH_PASS",
            ]),
    )
}

/// The progress line's frames: what the terminal showed between carriage
/// returns and escape sequences, those that show the count of keys.
fn progress_frames(shown: &str) -> Vec<String> {
    shown
        .split(['\r', '\n', '\u{1b}'])
        .filter(|f| f.contains("rsa-2048") && f.contains("/3"))
        .map(|f| {
            f.trim_start_matches(|c: char| {
                c == '[' || c.is_ascii_digit() || c == 'K' || c == 'A' || c == 'B'
            })
            .to_owned()
        })
        .collect()
}

#[test]
fn the_progress_line_is_chinese() {
    let args = "new --key-type rsa-2048 --server docker1 --out b.zip --no-passphrase";
    let tmp = new_dir("dockcert-zh-progress-");
    let english = on_a_terminal(tmp.path(), args, "", &[]);
    assert_eq!(english.status, 0, "{}", english.all());
    let frames = progress_frames(&english.stdout);
    assert!(
        frames.iter().any(|f| f.contains("making rsa-2048 keys")),
        "no progress line: {frames:?}"
    );
    for (args, locale) in [
        (args.to_owned(), &[ZH][..]),
        (format!("{args} --lang zh"), &[][..]),
    ] {
        let tmp = new_dir("dockcert-zh-progress-");
        let run = on_a_terminal(tmp.path(), &args, "", locale);
        assert_eq!(run.status, 0, "{}", run.all());
        let frames = progress_frames(&run.stdout);
        assert!(!frames.is_empty(), "no progress line: {}", run.stdout);
        for frame in frames {
            assert_chinese_prose(&frame, &[]);
        }
    }
}

#[test]
fn lang_en_keeps_clap_and_dockcert_english_under_a_chinese_locale() {
    let tmp = new_dir("dockcert-zh-en-");
    for args in [
        &["new", "--lang", "en", "--bogus"][..],
        &[
            "new",
            "--lang=en",
            "--server",
            "a..b",
            "--out",
            "b.zip",
            "--no-passphrase",
        ][..],
    ] {
        let english = dockcert(tmp.path(), args);
        let overridden = dockcert_in_locale(tmp.path(), args, &[ZH]);
        assert_eq!(overridden.status, 2, "{}", overridden.all());
        assert_eq!(overridden.stderr, english.stderr);
        assert!(!has_chinese(&overridden.stderr), "{}", overridden.stderr);
    }
}

/// `--lang=zh` given as another flag's value (`--ca-name --lang=zh`) is a
/// CA name, not the language: the errors are in the run's language, the
/// one its bundle would have, and not in Chinese.
#[test]
fn a_lang_that_is_another_flags_value_does_not_change_the_language() {
    let tmp = new_dir("dockcert-zh-value-");
    let args = [
        "new",
        "--ca-name",
        "--lang=zh",
        "--server",
        "a..b",
        "--out",
        "b.zip",
        "--no-passphrase",
    ];
    let run = dockcert(tmp.path(), &args);
    assert_eq!(run.status, 2, "{}", run.all());
    assert!(
        run.stderr
            .contains("--server \"a..b\": \"a..b\" is not a valid DNS name"),
        "{}",
        run.stderr
    );
    assert!(!has_chinese(&run.stderr), "{}", run.stderr);
    assert!(!tmp.path().join("b.zip").exists());
}
