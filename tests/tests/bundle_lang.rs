//! `--lang zh|en`, and the terminal's locale as its default: the real
//! `dockcert` writes README.txt, the closing summary and the notices in
//! Chinese or English, and everything else (the files, their modes, every
//! setting and script) the same in both.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;

use dockcert_tests::recipe::{cn_only_server, recipe_ca_for, CaKey};
use dockcert_tests::{
    dockcert_in_locale, files_under, mode_of, new_dir, zip_entries, MadeBundle, Run, PASSPHRASE,
};

/// An environment variable and its value.
type Var = (&'static str, &'static str);

const ZH: Var = ("LANG", "zh_CN.UTF-8");

/// The glossary's word for the CA, in README.txt's heading lines.
const CA_ZH: &str = "证书颁发机构（CA）";

/// Whether `text` holds any CJK ideograph or fullwidth punctuation.
fn has_chinese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(u32::from(c), 0x3000..=0x303F | 0x4E00..=0x9FFF | 0xFF00..=0xFF60))
}

/// `dockcert new` for one host and one client, ECDSA keys, the CA key
/// encrypted, into `out` (a zip or a folder) in `dir`, in `locale`.
fn new_bundle(dir: &Path, out: &str, extra: &[&str], locale: &[Var]) -> Run {
    let pass = dir.join("pass.txt");
    fs::write(&pass, format!("{PASSPHRASE}\n")).unwrap();
    let mut args = vec![
        "new",
        "--server",
        "docker1.example.com,10.0.0.5",
        "--client",
        "alice",
        "--passphrase-file",
        pass.to_str().unwrap(),
        "--out",
        out,
    ];
    args.extend_from_slice(extra);
    dockcert_in_locale(dir, &args, locale)
}

fn assert_chinese(run: &Run, readme: &str) {
    for term in [CA_ZH, "证书包中的文件", "到期", "在每台 Docker 主机上"] {
        assert!(readme.contains(term), "README.txt lacks {term}:\n{readme}");
    }
    assert!(!readme.contains("WHAT IS HERE"), "{readme}");
    for said in ["已生成 Docker TLS 证书包", "CA 指纹（SHA-256）", "后续步骤"] {
        assert!(
            run.stderr.contains(said),
            "the summary lacks {said}:\n{}",
            run.stderr
        );
    }
    assert!(
        !run.stderr.contains("Made a Docker TLS bundle"),
        "{}",
        run.stderr
    );
}

fn assert_english(run: &Run, readme: &str) {
    assert!(readme.contains("WHAT IS HERE"), "{readme}");
    assert!(!has_chinese(readme), "{readme}");
    assert!(
        run.stderr.starts_with("Made a Docker TLS bundle"),
        "{}",
        run.stderr
    );
    assert!(!has_chinese(&run.stderr), "{}", run.stderr);
}

#[test]
fn a_chinese_locale_writes_chinese_and_lang_en_overrides_it() {
    let tmp = new_dir("dockcert-lang-");
    let zh = new_bundle(tmp.path(), "zh.zip", &[], &[ZH]).ok();
    let en = new_bundle(tmp.path(), "en.zip", &["--lang", "en"], &[ZH]).ok();
    let zh_bundle = MadeBundle::unpack(&tmp.path().join("zh.zip"), PASSPHRASE);
    let en_bundle = MadeBundle::unpack(&tmp.path().join("en.zip"), PASSPHRASE);
    assert_chinese(&zh, &zh_bundle.read("README.txt"));
    assert_english(&en, &en_bundle.read("README.txt"));

    // The same files with the same modes, in the zip and unpacked.
    let entries = |zip: &Path| -> Vec<(String, String)> {
        let top = format!("{}/", zip.file_stem().unwrap().to_str().unwrap());
        zip_entries(zip)
            .into_iter()
            .map(|(mode, path)| (mode, path.replacen(&top, "", 1)))
            .collect()
    };
    assert_eq!(entries(&zh_bundle.zip), entries(&en_bundle.zip));
    let files = files_under(&zh_bundle.root);
    assert_eq!(files, files_under(&en_bundle.root));
    // Everything that is not prose nor made from a new key is the same
    // (install.sh, docker.env and docker-context.sh speak the bundle's
    // language: zh_bundle.rs runs them; dockcert.rules.yml's comments and
    // alerts do too: prometheus_rules.rs runs promtool on both).
    let mut same = 0;
    for rel in &files {
        let (z, e) = (zh_bundle.path(rel), en_bundle.path(rel));
        assert_eq!(mode_of(&z), mode_of(&e), "{rel}");
        // certificates.tsv and the CA's inventory hold the certificates'
        // hashes and serials.
        let random = rel.ends_with(".pem")
            || rel.ends_with(".dockercontext")
            || rel.ends_with("/certificates.tsv")
            || rel.ends_with("/inventory.jsonl");
        let worded = [
            "install.sh",
            "docker.env",
            "docker-context.sh",
            "dockcert.rules.yml",
            "dockcert-expiry-check.sh",
        ]
        .iter()
        .any(|name| rel.ends_with(name));
        if random || worded || rel == "README.txt" || rel == "manifest.json" {
            continue;
        }
        assert_eq!(
            fs::read(&z).unwrap(),
            fs::read(&e).unwrap(),
            "{rel} differs"
        );
        same += 1;
    }
    assert!(same >= 5, "only {same} files compared");
    // manifest.json stays English and lists the same files and modes.
    let listed = |b: &MadeBundle| -> Vec<(String, String)> {
        let manifest: serde_json::Value = serde_json::from_str(&b.read("manifest.json")).unwrap();
        manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["path"].to_string(), f["mode"].to_string()))
            .collect()
    };
    assert_eq!(listed(&zh_bundle), listed(&en_bundle));
    assert!(!has_chinese(&zh_bundle.read("manifest.json")));
}

#[test]
fn the_locale_is_lc_all_then_lc_messages_then_lang() {
    let tmp = new_dir("dockcert-locale-");
    let en = ("LANG", "en_US.UTF-8");
    let cases: [(&str, &[Var], bool); 7] = [
        ("lc-all-en", &[("LC_ALL", "en_US.UTF-8"), ZH], false),
        ("lc-all-zh", &[("LC_ALL", "zh_CN.UTF-8"), en], true),
        (
            "lc-messages",
            &[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "C")],
            true,
        ),
        ("empty-lc-all", &[("LC_ALL", ""), ZH], true),
        ("posix", &[("LC_ALL", "POSIX"), ZH], false),
        ("c", &[("LANG", "C.UTF-8")], false),
        ("unset", &[], false),
    ];
    for (name, locale, chinese) in cases {
        let run = new_bundle(tmp.path(), name, &[], locale);
        assert_eq!(run.status, 0, "{name}: {}", run.all());
        let readme = fs::read_to_string(tmp.path().join(name).join("README.txt")).unwrap();
        if chinese {
            assert_chinese(&run, &readme);
        } else {
            assert_english(&run, &readme);
        }
    }
}

#[test]
fn notices_follow_the_language_and_json_stays_english() {
    let tmp = new_dir("dockcert-notice-");
    let run = dockcert_in_locale(
        tmp.path(),
        &[
            "new",
            "--server",
            "docker1",
            "--no-passphrase",
            "--json",
            "--out",
            "plain",
        ],
        &[ZH],
    )
    .ok();
    assert!(
        run.stderr
            .contains("dockcert: 警告：--no-passphrase：CA 私钥将以未加密形式写入"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("警告：CA 私钥 ca/ca-key.pem 没有加密"),
        "{}",
        run.stderr
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let warnings: Vec<&str> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        warnings[0].starts_with("the CA key ca/ca-key.pem is not encrypted"),
        "{warnings:?}"
    );
    assert!(!has_chinese(&run.stdout), "{}", run.stdout);
}

/// Renewing the recipe's CN-only certificate from a CA that ends within a
/// year: the note that the old certificate had no SAN and the warning that
/// the validity was shortened to end with the CA, in Chinese.
#[test]
fn renewal_notes_and_warnings_in_chinese() {
    let tmp = new_dir("dockcert-renew-zh-");
    let dir = tmp.path();
    let ca = recipe_ca_for(&dir.join("ca"), CaKey::EcSec1, "Year CA", 300);
    let (old, _) = cn_only_server(&ca, "", &dir.join("old"), "docker1.example.com");
    let run = dockcert_in_locale(
        dir,
        &[
            "renew",
            old.to_str().unwrap(),
            "--ca-cert",
            ca.cert.to_str().unwrap(),
            "--ca-key",
            ca.key.to_str().unwrap(),
            "--out",
            "renewed",
        ],
        &[ZH],
    )
    .ok();
    assert!(
        run.stderr
            .contains("dockcert: 说明：旧证书没有 SAN（docker 会拒绝它："),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("警告：CA 将于 ") && run.stderr.contains("与 CA 同时到期"),
        "{}",
        run.stderr
    );
    let readme = fs::read_to_string(dir.join("renewed/README.txt")).unwrap();
    assert!(
        readme.contains(CA_ZH) && readme.contains("与 CA 同时到期"),
        "{readme}"
    );
}

#[test]
fn a_bad_lang_is_refused_naming_the_allowed_values() {
    let tmp = new_dir("dockcert-badlang-");
    // Refused in the locale's language: clap's usage errors follow it too.
    let run = new_bundle(tmp.path(), "b.zip", &["--lang", "fr"], &[ZH]);
    assert_eq!(run.status, 2, "{}", run.all());
    assert!(
        run.stderr.contains("'--lang <LANG>' 的值 'fr' 无效")
            && run.stderr.contains("[可选值：en, zh]"),
        "{}",
        run.stderr
    );
    assert!(!tmp.path().join("b.zip").exists());
}

/// The summary of a zip says to unzip it first, with the command that
/// does, before any step that copies a folder out of it (in either
/// language); the command, run by the real unzip, gives the folders the
/// steps name. A folder's summary has nothing to unzip.
#[test]
fn a_zips_summary_says_to_unzip_it_first() {
    let tmp = new_dir("dockcert-unzip-");
    for (out, locale, heading, says) in [
        (
            "en.zip",
            &[][..],
            "Next steps",
            "First unzip the bundle: unzip en.zip",
        ),
        (
            "zh.zip",
            &[ZH][..],
            "后续步骤",
            "先解压证书包：unzip zh.zip",
        ),
    ] {
        let run = new_bundle(tmp.path(), out, &[], locale).ok();
        let at = run
            .stderr
            .find(says)
            .unwrap_or_else(|| panic!("no {says:?} in:\n{}", run.stderr));
        // The first of the next steps, before the hosts' and clients'.
        let steps = run.stderr.find(&format!("\n{heading}\n")).unwrap();
        let first = run.stderr[steps..].lines().nth(2).unwrap();
        assert!(first.trim_start().starts_with(says), "{}", run.stderr);
        assert!(steps < at, "{}", run.stderr);
        let top = out.trim_end_matches(".zip");
        assert!(
            run.stderr
                .contains(&format!("{top}/server/docker1.example.com/")),
            "{}",
            run.stderr
        );
        // The command as the summary gives it.
        let line = run.stderr[at..].lines().next().unwrap();
        let command = line
            .rsplit_once("unzip ")
            .unwrap()
            .1
            .split("   ")
            .next()
            .unwrap();
        dockcert_tests::require_tool("unzip");
        dockcert_tests::run(
            std::process::Command::new("unzip")
                .args(["-q", command])
                .current_dir(tmp.path()),
        )
        .ok();
        assert!(tmp
            .path()
            .join(top)
            .join("server/docker1.example.com/install.sh")
            .is_file());
    }
    let folder = new_bundle(tmp.path(), "folder", &[], &[]).ok();
    assert!(!folder.stderr.contains("unzip"), "{}", folder.stderr);
    let folder = new_bundle(tmp.path(), "folder-zh", &[], &[ZH]).ok();
    assert!(!folder.stderr.contains("unzip"), "{}", folder.stderr);
}
