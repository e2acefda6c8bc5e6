//! A bundle made with `--lang zh` speaks Chinese in its own files, and
//! behaves exactly as the English one. The real install.sh of a host and of
//! a client, run under dash, busybox sh and bash (each host's with another
//! awk) in the C locale, through a fresh install, a run that changes
//! nothing and refusals (a conflicting daemon.json, one that is not JSON, a
//! client's file that differs), print Chinese prose, with the English
//! bundle's exit statuses, files and modes; the English bundle's messages
//! read as they always have. docker.env's comments, docker-context.sh and the
//! docker contexts' descriptions, read back by the real docker client, are
//! Chinese too, and so are the Ansible playbook's refusals as the real
//! ansible-playbook prints them.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use dockcert_tests::{
    ansible_tool, awks, english_runs, files_under, make_bundle, mode_of, new_dir, require_tool,
    run, MadeBundle, Run,
};

const HOST: &str = "docker1.dockcert.test";

/// A shell a Docker host may run install.sh with, as a command line.
const SHELLS: [(&str, &[&str]); 3] = [
    ("dash", &["dash"]),
    ("busybox sh", &["busybox", "sh"]),
    ("bash", &["bash"]),
];

/// The same bundle for two hosts (one fenced by --allow-from) and the
/// client alice, in Chinese and in English.
fn bundles() -> [(Lang, MadeBundle); 2] {
    let args = |lang: &'static str| {
        [
            "--server",
            "docker1.dockcert.test,127.0.0.1",
            "--allow-from",
            "10.0.0.0/8",
            "--server",
            "docker2.dockcert.test",
            "--client",
            "alice",
            "--lang",
            lang,
        ]
    };
    [
        (Lang::Zh, make_bundle(&args("zh"))),
        (Lang::En, make_bundle(&args("en"))),
    ]
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Lang {
    Zh,
    En,
}

/// Whether `text` holds any CJK ideograph or fullwidth punctuation.
fn has_chinese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(u32::from(c), 0x3000..=0x303F | 0x4E00..=0x9FFF | 0xFF00..=0xFF60))
}

/// Every line of `text` a person reads is Chinese prose: it has Chinese in
/// it and no English sentence, once commands and paths are taken out. A
/// line indented four spaces is a command to copy.
#[track_caller]
fn assert_chinese(text: &str, what: &str) {
    for line in text.lines() {
        if line.is_empty() || line.starts_with("    ") {
            continue;
        }
        assert!(has_chinese(line), "{what}: not Chinese: {line}\n{text}");
        assert!(
            english_runs(line).is_empty(),
            "{what}: English left: {:?} in {line}",
            english_runs(line)
        );
    }
}

/// `SHELL ./install.sh ARGS` in `dir`, in the C locale, with `PATH` led by
/// `awk_dir` (when given) and `env` set.
fn install(
    shell: &[&str],
    dir: &Path,
    args: &[&str],
    awk_dir: Option<&Path>,
    env: &[(&str, &Path)],
) -> Run {
    let mut cmd = Command::new(shell[0]);
    cmd.args(&shell[1..])
        .arg("./install.sh")
        .args(args)
        .current_dir(dir)
        .env("LANG", "C")
        .env("LC_ALL", "C");
    if let Some(awk_dir) = awk_dir {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut dirs = vec![awk_dir.to_path_buf()];
        dirs.extend(std::env::split_paths(&path));
        cmd.env("PATH", std::env::join_paths(dirs).unwrap());
    }
    for (name, value) in env {
        cmd.env(name, value);
    }
    run(&mut cmd)
}

/// What a series of runs did: each run's exit status and how many lines it
/// wrote to each stream, and every file left under the folder they wrote
/// in, with its mode.
#[derive(Debug, PartialEq)]
struct Effect {
    runs: Vec<(i32, usize, usize)>,
    files: Vec<(String, u32)>,
}

fn effect(runs: &[Run], under: &Path) -> Effect {
    Effect {
        runs: runs
            .iter()
            .map(|r| (r.status, r.stdout.lines().count(), r.stderr.lines().count()))
            .collect(),
        files: files_under(under)
            .into_iter()
            .map(|rel| {
                let mode = mode_of(&under.join(&rel));
                (rel, mode)
            })
            .collect(),
    }
}

fn set_mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// A host's daemon.json before install.sh runs, under `root`.
fn daemon_json(root: &Path, text: &str) -> PathBuf {
    let dir = root.join("etc/docker");
    fs::create_dir_all(&dir).unwrap();
    for folder in [root, &root.join("etc"), &dir] {
        set_mode(folder, 0o755);
    }
    let path = dir.join("daemon.json");
    fs::write(&path, text).unwrap();
    set_mode(&path, 0o644);
    path
}

/// The host's install.sh of `bundle`, under `work`: a fresh install, the
/// same again, a daemon.json that sets tlsverify otherwise, one with a bad
/// escape. The four runs.
fn host_runs(bundle: &MadeBundle, shell: &[&str], awk_dir: &Path, work: &Path) -> Vec<Run> {
    let folder = bundle.path(&format!("server/{HOST}"));
    let into = |root: &Path| {
        install(
            shell,
            &folder,
            &["--root", root.to_str().unwrap()],
            Some(awk_dir),
            &[],
        )
    };
    let fresh = work.join("fresh");
    let conflict = work.join("conflict");
    let broken = work.join("broken");
    daemon_json(&conflict, "{\"tlsverify\": false, \"debug\": true}\n");
    daemon_json(&broken, "{\"debug\": \"\\q\"}\n");
    vec![into(&fresh), into(&fresh), into(&conflict), into(&broken)]
}

#[test]
fn the_hosts_install_sh_speaks_the_bundles_language_and_does_the_same() {
    let tmp = new_dir("zh-host-");
    let awks = awks(tmp.path());
    let bundles = bundles();
    for (i, (shell_name, shell)) in SHELLS.iter().enumerate() {
        require_tool(shell[0]);
        // Each shell with another awk; the last awk with dash again.
        let mut pairs = vec![(*shell_name, *shell, &awks[i])];
        if i == 0 {
            pairs.push((*shell_name, *shell, &awks[3]));
        }
        for (shell_name, shell, (awk_name, awk_dir)) in pairs {
            let mut effects = Vec::new();
            for (lang, bundle) in &bundles {
                let work = tmp
                    .path()
                    .join(format!("{lang:?}-{shell_name}-{awk_name}").replace(' ', "-"));
                fs::create_dir(&work).unwrap();
                let runs = host_runs(bundle, shell, awk_dir, &work);
                let said = |n: usize| format!("{shell_name} with {awk_name}, run {n}");
                let dj = work.join("conflict/etc/docker/daemon.json");
                let key = work.join("fresh/etc/docker/server-key.pem");
                let broken = work.join("broken/etc/docker/daemon.json");
                let (installed, unchanged, conflict, refused, not_json, done) = match lang {
                    Lang::Zh => {
                        for (n, run) in runs.iter().enumerate() {
                            assert_chinese(&run.all(), &said(n));
                        }
                        (
                            format!("已安装  0400  {}", key.display()),
                            format!("未改动  0400  {}", key.display()),
                            format!(
                                "install.sh：{} 把 \"tlsverify\" 设为 false，dockcert 设为 true；不修改它（加上 --force 则采用 dockcert 的值，旧文件会保留）",
                                dj.display()
                            ),
                            "install.sh：没有安装任何文件".to_owned(),
                            format!(
                                "install.sh：{} 不是 install.sh 能合并的 JSON 对象（第 1 行：字符串中有未知的转义 \\q）；请修正它或把它移走，然后再次运行 install.sh",
                                broken.display()
                            ),
                            "完成。重启 Docker 守护进程，即可在 0.0.0.0:2376 上使用 TLS：",
                        )
                    }
                    Lang::En => {
                        for (n, run) in runs.iter().enumerate() {
                            assert!(!has_chinese(&run.all()), "{}: {}", said(n), run.all());
                        }
                        (
                            format!("installed  0400  {}", key.display()),
                            format!("unchanged  0400  {}", key.display()),
                            format!(
                                "install.sh: {} sets \"tlsverify\" to false; dockcert sets it to true; not changing it (use --force to take dockcert's value; the old file is kept)",
                                dj.display()
                            ),
                            "install.sh: nothing was installed".to_owned(),
                            format!(
                                "install.sh: {} is not a JSON object install.sh can merge into (line 1: unknown escape \\q in a string); fix it, or move it away, then run install.sh again",
                                broken.display()
                            ),
                            "Done. Restart the Docker daemon to use TLS on 0.0.0.0:2376:",
                        )
                    }
                };
                let lines = |text: &str| text.lines().map(str::to_owned).collect::<Vec<_>>();
                let has = |n: usize, stdout: bool, line: &str| {
                    let run = &runs[n];
                    let text = if stdout { &run.stdout } else { &run.stderr };
                    assert!(
                        lines(text).iter().any(|l| l == line),
                        "{}: no line {line:?}:\n{}",
                        said(n),
                        run.all()
                    );
                };
                has(0, true, &installed);
                has(0, true, done);
                has(1, true, &unchanged);
                has(1, true, done);
                has(2, false, &conflict);
                has(2, false, &refused);
                has(3, false, &not_json);
                has(3, false, &refused);
                effects.push(effect(&runs, &work));
            }
            assert_eq!(effects[0], effects[1], "{shell_name} with {awk_name}");
            assert_eq!(
                effects[0].runs.iter().map(|r| r.0).collect::<Vec<_>>(),
                [0, 0, 1, 1],
                "{shell_name} with {awk_name}"
            );
            // Nothing was written beside the refused daemon.json files.
            let files: Vec<&str> = effects[0].files.iter().map(|f| f.0.as_str()).collect();
            assert_eq!(
                files
                    .iter()
                    .filter(|f| !f.starts_with("fresh/"))
                    .collect::<Vec<_>>(),
                [
                    &"broken/etc/docker/daemon.json",
                    &"conflict/etc/docker/daemon.json"
                ]
            );
            assert!(effects[0]
                .files
                .contains(&("fresh/etc/docker/server-key.pem".to_owned(), 0o400)));
        }
    }
}

#[test]
fn the_clients_install_sh_speaks_the_bundles_language_and_does_the_same() {
    let tmp = new_dir("zh-client-");
    let bundles = bundles();
    for (shell_name, shell) in SHELLS {
        require_tool(shell[0]);
        let mut effects = Vec::new();
        for (lang, bundle) in &bundles {
            let work = tmp
                .path()
                .join(format!("{lang:?}-{shell_name}").replace(' ', "-"));
            let home = work.join("home");
            fs::create_dir_all(&home).unwrap();
            set_mode(&work, 0o755);
            set_mode(&home, 0o700);
            let folder = bundle.path("client/alice");
            let dir = home.join(".docker/dockcert/alice");
            let go = || install(shell, &folder, &[], None, &[("HOME", &home)]);
            let (fresh, again) = (go(), go());
            // A key.pem of someone else's in its place: refused, kept.
            set_mode(&dir.join("key.pem"), 0o600);
            fs::write(dir.join("key.pem"), "not this bundle's key\n").unwrap();
            set_mode(&dir.join("key.pem"), 0o400);
            let differs = go();
            assert_eq!(
                fs::read_to_string(dir.join("key.pem")).unwrap(),
                "not this bundle's key\n"
            );
            let runs = [fresh, again, differs];
            let key = dir.join("key.pem");
            let expected = match lang {
                Lang::Zh => {
                    for run in &runs {
                        assert_chinese(&run.all(), shell_name);
                    }
                    [
                        format!("已安装  0400  {}", key.display()),
                        "完成。在当前 shell 中让 docker 连接 docker1.dockcert.test：".to_owned(),
                        format!("未改动  0400  {}", key.display()),
                        format!(
                            "install.sh：{} 已存在且内容不同；不替换它（加上 --force 可替换它，旧文件会保留）",
                            key.display()
                        ),
                    ]
                }
                Lang::En => {
                    for run in &runs {
                        assert!(!has_chinese(&run.all()), "{}", run.all());
                    }
                    [
                        format!("installed  0400  {}", key.display()),
                        "Done. Point docker at docker1.dockcert.test in this shell:".to_owned(),
                        format!("unchanged  0400  {}", key.display()),
                        format!(
                            "install.sh: {} already exists and differs; not replacing it (use --force to replace it; the old file is kept)",
                            key.display()
                        ),
                    ]
                }
            };
            for (run, line) in [
                (&runs[0], &expected[0]),
                (&runs[0], &expected[1]),
                (&runs[1], &expected[2]),
                (&runs[2], &expected[3]),
            ] {
                assert!(
                    run.all().lines().any(|l| l == line),
                    "{shell_name}: no line {line:?}:\n{}",
                    run.all()
                );
            }
            effects.push(effect(&runs, &work));
        }
        assert_eq!(effects[0], effects[1], "{shell_name}");
        assert_eq!(
            effects[0].runs.iter().map(|r| r.0).collect::<Vec<_>>(),
            [0, 0, 1],
            "{shell_name}"
        );
        assert!(effects[0]
            .files
            .contains(&("home/.docker/dockcert/alice/cert.pem".to_owned(), 0o444)));
    }
}

#[test]
fn docker_env_firewall_and_scripts_comments_are_chinese_and_their_settings_the_same() {
    let [(_, zh), (_, en)] = bundles();
    let (zh_env, en_env) = (
        zh.read("client/alice/docker.env"),
        en.read("client/alice/docker.env"),
    );
    let settings = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(settings(&zh_env), settings(&en_env));
    assert!(settings(&zh_env).contains(&"export DOCKER_TLS_VERIFY=1".to_owned()));
    let comments = |text: &str| -> String {
        text.lines()
            .filter(|l| l.starts_with('#') && !l.starts_with("#!"))
            .map(|l| l.trim_start_matches('#'))
            .map(|l| format!("{l}\n"))
            .collect()
    };
    assert_eq!(
        comments(&zh_env).lines().count(),
        comments(&en_env).lines().count()
    );
    assert_chinese(&comments(&zh_env), "docker.env");
    assert!(en_env.starts_with(
        "# docker.env for the client \"alice\", made by dockcert. Load it into your shell with\n"
    ));
    for rel in [
        "client/alice/docker-context.sh",
        &format!("server/{HOST}/firewall/nftables.conf"),
        &format!("server/{HOST}/firewall/firewalld.sh"),
    ] {
        assert_chinese(&comments(&zh.read(rel)), rel);
        assert!(!has_chinese(&en.read(rel)), "{rel}");
    }
    // The Chinese scripts are as sound as the English ones.
    require_tool("shellcheck");
    for rel in [
        format!("server/{HOST}/install.sh"),
        "client/alice/install.sh".to_owned(),
        "client/alice/docker-context.sh".to_owned(),
        format!("server/{HOST}/firewall/firewalld.sh"),
    ] {
        run(Command::new("shellcheck")
            .args(["-s", "sh"])
            .arg(zh.path(&rel)))
        .ok();
    }
}

/// docker-context.sh and `docker context import`, with the real docker
/// client and a configuration of the test's own.
#[test]
fn the_contexts_descriptions_are_chinese_as_docker_reads_them() {
    require_tool("docker");
    let tmp = new_dir("zh-context-");
    for (lang, bundle) in bundles() {
        let config = tmp.path().join(format!("{lang:?}"));
        fs::create_dir(&config).unwrap();
        let folder = bundle.path("client/alice");
        let docker = |args: &[&str]| {
            run(Command::new("docker")
                .args(args)
                .env("DOCKER_CONFIG", &config)
                .current_dir(&folder))
        };
        docker(&[
            "context",
            "import",
            "imported",
            &format!("{HOST}.dockercontext"),
        ])
        .ok();
        let script = |cert_path: &Path| {
            run(Command::new("sh")
                .arg("./docker-context.sh")
                .current_dir(&folder)
                .env("DOCKER_CONFIG", &config)
                .env("DOCKER_CERT_PATH", cert_path)
                .env("LANG", "C")
                .env("LC_ALL", "C"))
        };
        let made = script(&folder).ok();
        let missing = script(&tmp.path().join("nowhere"));
        assert_eq!(missing.status, 1, "{}", missing.all());
        // What `docker context ls` shows a person.
        let listed = docker(&["context", "ls", "--format", "{{.Name}}\t{{.Description}}"]).ok();
        let description = |name: &str| {
            listed
                .stdout
                .lines()
                .find_map(|line| line.strip_prefix(&format!("{name}\t")))
                .unwrap_or_else(|| panic!("no context {name}:\n{}", listed.stdout))
                .to_owned()
        };
        let (imported, created) = (description("imported"), description(HOST));
        // docker names each context it makes; docker-context.sh speaks last.
        let last = made.stdout.lines().last().unwrap_or_default();
        assert_eq!(imported, created);
        match lang {
            Lang::Zh => {
                assert_eq!(
                    imported,
                    format!("以客户端 alice 的身份通过 TLS 连接 {HOST}（dockcert）")
                );
                assert_eq!(
                    last,
                    format!("上下文已就绪。试试：docker --context {HOST} version")
                );
                assert_chinese(&missing.all(), "docker-context.sh, no files");
                assert!(missing.stderr.contains("缺少 "), "{}", missing.stderr);
            }
            Lang::En => {
                assert_eq!(imported, format!("{HOST} over TLS as alice (dockcert)"));
                assert_eq!(
                    last,
                    format!("Contexts ready. Try: docker --context {HOST} version")
                );
                assert!(missing
                    .stderr
                    .contains(" is missing; run ./install.sh first"));
            }
        }
        // Both hosts got a context, described in the bundle's language.
        let described = description("docker2.dockcert.test");
        assert_eq!(has_chinese(&described), lang == Lang::Zh, "{described}");
    }
}

/// `install.sh --help` prints the script's opening comment, in the bundle's
/// language.
#[test]
fn install_sh_help_is_in_the_bundles_language() {
    for (lang, bundle) in bundles() {
        for (folder, zh_first, en_first) in [
            (
                format!("server/{HOST}"),
                format!("install.sh：在主机“{HOST}”上安装 Docker 守护进程的 TLS 文件。"),
                format!(
                    "install.sh: installs the Docker daemon's TLS files on the host \"{HOST}\"."
                ),
            ),
            (
                "client/alice".to_owned(),
                "install.sh：为客户端“alice”安装 docker 客户端的 TLS 文件。".to_owned(),
                "install.sh: installs the docker client's TLS files for the client \"alice\"."
                    .to_owned(),
            ),
        ] {
            let help = install(&["sh"], &bundle.path(&folder), &["--help"], None, &[]).ok();
            let first = help.stdout.lines().next().unwrap_or_default();
            assert!(help.stdout.lines().count() > 10, "{}", help.stdout);
            match lang {
                Lang::Zh => {
                    assert_eq!(first, zh_first);
                    assert_chinese(&help.stdout, &folder);
                }
                Lang::En => {
                    assert_eq!(first, en_first);
                    assert!(!has_chinese(&help.stdout), "{}", help.stdout);
                }
            }
        }
    }
}

/// The Ansible playbook of `bundle` (made with --ansible) on HOST, on this
/// machine, everything under `root`.
fn play(bundle: &MadeBundle, root: &Path) -> Run {
    let bin = ansible_tool("ansible-playbook");
    let vars = serde_json::json!({
        "ansible_connection": "local",
        "ansible_python_interpreter": ansible_tool("python"),
        "dockcert_root": root,
    });
    let vars_file = root.with_extension("vars.json");
    fs::write(&vars_file, vars.to_string()).unwrap();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![bin.parent().unwrap().to_path_buf()];
    dirs.extend(std::env::split_paths(&path));
    run(Command::new(&bin)
        .current_dir(&bundle.root)
        .args([
            "-i",
            "ansible/inventory.yml",
            "ansible/dockcert.yml",
            "--limit",
            HOST,
            "-e",
        ])
        .arg(format!("@{}", vars_file.display()))
        .env("PATH", std::env::join_paths(dirs).unwrap())
        .env("ANSIBLE_NOCOLOR", "1")
        .env("NO_COLOR", "1")
        .env("ANSIBLE_LOCAL_TEMP", bundle.root.join(".ansible-tmp"))
        .env("ANSIBLE_HOME", bundle.root.join(".ansible-home")))
}

/// The message of the task that failed, as ansible-playbook printed it.
fn failure_message(out: &Run) -> String {
    let line = out
        .stdout
        .lines()
        .find_map(|l| l.split_once("FAILED! => ").map(|(_, json)| json))
        .unwrap_or_else(|| panic!("no failed task:\n{}", out.all()));
    let json: serde_json::Value = serde_json::from_str(line).unwrap();
    json["msg"].as_str().unwrap().to_owned()
}

#[test]
fn the_playbooks_refusals_are_in_the_bundles_language() {
    let tmp = new_dir("zh-ansible-");
    for (lang, code) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        let bundle = make_bundle(&[
            "--server",
            "docker1.dockcert.test,127.0.0.1",
            "--client",
            "alice",
            "--ansible",
            "--lang",
            code,
        ]);
        // A daemon.json that sets tlsverify otherwise and a ca.pem that
        // differs: refused, nothing written.
        let root = tmp.path().join(format!("{code}-conflict"));
        let dj = daemon_json(&root, "{\"tlsverify\": false}\n");
        let ca = root.join("etc/docker/ca.pem");
        fs::write(&ca, "someone else's CA\n").unwrap();
        let refused = play(&bundle, &root).failed();
        let conflict = failure_message(&refused);
        assert_eq!(
            files_under(&root),
            ["etc/docker/ca.pem", "etc/docker/daemon.json"]
        );
        // A daemon.json that is not a JSON object.
        let root = tmp.path().join(format!("{code}-array"));
        let array = daemon_json(&root, "[\"log-level\"]\n");
        let not_object = failure_message(&play(&bundle, &root).failed());
        assert_eq!(files_under(&root), ["etc/docker/daemon.json"]);
        let inventory = bundle.read("ansible/inventory.yml");
        let head: String = inventory
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(head.lines().count() >= 4, "{inventory}");
        let expected = match lang {
            Lang::Zh => {
                assert_chinese(&head, "inventory.yml");
                for msg in [&conflict, &not_object] {
                    assert!(has_chinese(msg), "{msg}");
                    assert!(
                        english_runs(msg).is_empty(),
                        "{:?} in {msg}",
                        english_runs(msg)
                    );
                }
                [
                    format!("{} 把 \"tlsverify\" 设为 false，dockcert 设为 true；不修改它（设置 dockcert_force=true 则采用 dockcert 的值，旧文件会保留）。", dj.display()),
                    format!("{} 已存在且内容不同；不替换它（设置 dockcert_force=true 可替换它，旧文件会保留）；", ca.display()),
                    "没有安装任何文件。".to_owned(),
                    format!("{} 不是 dockcert 能合并的 JSON 对象；请修正它或把它移走，然后再次运行 playbook", array.display()),
                ]
            }
            Lang::En => {
                assert!(head.starts_with("inventory.yml: the Docker hosts of this bundle"));
                for msg in [&conflict, &not_object] {
                    assert!(!has_chinese(msg), "{msg}");
                }
                [
                    format!("{} sets \"tlsverify\" to false; dockcert sets it to true; not changing it (set dockcert_force=true to take dockcert's value; the old file is kept).", dj.display()),
                    format!("{} already exists and differs; not replacing it (set dockcert_force=true to replace it; the old file is kept);", ca.display()),
                    "Nothing was installed.".to_owned(),
                    format!("{} is not a JSON object dockcert can merge into; fix it, or move it away, then run the playbook again", array.display()),
                ]
            }
        };
        for part in &expected[..3] {
            assert!(
                conflict.contains(part.as_str()),
                "{part:?} not in {conflict:?}"
            );
        }
        assert_eq!(not_object, expected[3]);
    }
}
