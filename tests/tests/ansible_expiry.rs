//! The bundle's Ansible playbook installs each host's expiry check (issue
//! 25) as install.sh --expiry-check does: the real ansible-playbook on this
//! machine, everything under a root of the test's own, its files compared
//! byte for byte with what the real install.sh writes under another root;
//! the timer enabled where systemd runs (the real `systemctl --root` says
//! so), the cron line elsewhere; the installed check run under faketime logs
//! as it should; a second run changes nothing; a renewed bundle played with
//! force tells the check the new end; `dockcert_expiry_check=false` leaves
//! it out.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use dockcert_tests::ansible::{changed, play, restarts, under};
use dockcert_tests::host_check::{check, end_of, priority_and_text, DAY, ERROR, WARNING};
use dockcert_tests::{dockcert, files_under, make_bundle, require_tool, run, MadeBundle, Run};

const HOST: &str = "docker1.dockcert.test";
/// What install.sh --expiry-check adds, under --root, with its modes.
const PLACED: [(&str, u32); 5] = [
    ("usr/local/sbin/dockcert-expiry-check", 0o755),
    ("etc/dockcert/certificates.tsv", 0o644),
    ("etc/systemd/system/dockcert-expiry.service", 0o644),
    ("etc/systemd/system/dockcert-expiry.timer", 0o644),
    ("etc/cron.d/dockcert-expiry", 0o644),
];
/// The link `systemctl enable dockcert-expiry.timer` makes.
const WANTS: &str = "etc/systemd/system/timers.target.wants/dockcert-expiry.timer";

/// A bundle with the playbook, its host certificate lasting 40 days.
fn bundle(extra: &[&str]) -> MadeBundle {
    let mut args = vec![
        "--server",
        HOST,
        "--client",
        "alice",
        "--days",
        "40",
        "--ansible",
    ];
    args.extend_from_slice(extra);
    make_bundle(&args)
}

/// A new root in `bundle`'s folder named `name`, as a host systemd runs
/// (with /run/systemd/system, where the check's cron line looks) or not.
fn new_root(bundle: &MadeBundle, name: &str, systemd: bool) -> PathBuf {
    let root = bundle.tmp.path().join(name);
    fs::create_dir_all(&root).unwrap();
    if systemd {
        fs::create_dir_all(root.join("run/systemd/system")).unwrap();
    }
    root
}

/// What the real install.sh --expiry-check ARGS writes under a root of its
/// own, from `top`'s host folder.
fn installed_by_install_sh(top: &Path, name: &str, args: &[&str]) -> PathBuf {
    let root = top.parent().unwrap().join(name);
    run(Command::new("./install.sh")
        .arg("--expiry-check")
        .args(args)
        .arg("--root")
        .arg(&root)
        .current_dir(top.join(format!("server/{HOST}"))))
    .ok();
    root
}

/// Each of the check's files under `root` is a file of root's with its
/// mode and the bytes install.sh put under `theirs`.
fn assert_placed_as_install_sh_does(root: &Path, theirs: &Path) {
    for (rel, mode) in PLACED {
        let meta = fs::symlink_metadata(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(meta.file_type().is_file(), "{rel}");
        assert_eq!(meta.mode() & 0o7777, mode, "{rel}");
        assert_eq!((meta.uid(), meta.gid()), (0, 0), "{rel}");
        assert_eq!(
            fs::read(root.join(rel)).unwrap(),
            fs::read(theirs.join(rel)).unwrap(),
            "{rel} is not what install.sh writes"
        );
    }
}

/// What the real systemctl says of the timer under `root`: `enabled` or
/// `disabled`.
fn timer_state(root: &Path) -> String {
    let out = run(Command::new(require_tool("systemctl"))
        .arg(format!("--root={}", root.display()))
        .args(["is-enabled", "dockcert-expiry.timer"]));
    out.stdout.trim().to_owned()
}

/// The check installed under `root`, run at `at` with the tests' PATH.
fn check_at(root: &Path, at: &str) -> (Run, Vec<String>) {
    let path = std::env::var("PATH").unwrap();
    check(root, at, &path, &root.with_extension("log.sock"))
}

/// The one message the check logged at `at`, with its priority; none is
/// said when `None` is expected.
fn assert_logs(root: &Path, at: i64, expected: Option<(&str, &str)>) {
    let (done, said) = check_at(root, &format!("@{at}"));
    let Some((priority, words)) = expected else {
        assert_eq!(said, Vec::<String>::new(), "{}", done.all());
        assert_eq!(done.status, 0, "{}", done.all());
        return;
    };
    assert_eq!(done.status, 1, "{}", done.all());
    assert_eq!(said.len(), 1, "{said:?}");
    let (got, text) = priority_and_text(&said[0]);
    assert_eq!(got, priority, "{text}");
    assert!(text.contains(words), "{text}");
    assert!(text.contains("/etc/docker/server-cert.pem"), "{text}");
}

#[test]
fn on_a_systemd_host_it_installs_the_check_as_install_sh_does_and_enables_its_timer() {
    let bundle = bundle(&[]);
    let root = new_root(&bundle, "root", true);
    // Folders, files, daemon.json, drop-in, the check's files, its timer's
    // link, docker's restart.
    let first = play(&bundle.root, HOST, &root, &[]).ok();
    assert_eq!(changed(&first, HOST), 7, "{}", first.stdout);
    let theirs = installed_by_install_sh(&bundle.root, "install-sh-root", &[]);
    assert_placed_as_install_sh_does(&root, &theirs);
    // As `systemctl enable` makes it: the real systemctl reads it enabled.
    assert_eq!(
        fs::read_link(root.join(WANTS)).unwrap(),
        Path::new("/etc/systemd/system/dockcert-expiry.timer")
    );
    assert_eq!(timer_state(&root), "enabled");
    assert_eq!(timer_state(&theirs), "disabled");

    // The check as installed: quiet 31 days before the host certificate
    // ends, a warning from 30, an error from 7.
    let end = end_of(&under(&root, "/etc/docker/server-cert.pem"));
    assert_logs(&root, end - 31 * DAY, None);
    assert_logs(&root, end - 29 * DAY, Some((WARNING, " ends in 29 days")));
    assert_logs(&root, end - 6 * DAY, Some((ERROR, " ends in 6 days")));

    // A second run, and --check --diff: nothing to change, no restart.
    let second = play(&bundle.root, HOST, &root, &[]).ok();
    assert_eq!(changed(&second, HOST), 0, "{}", second.stdout);
    let dry = play(&bundle.root, HOST, &root, &["--check", "--diff"]).ok();
    assert_eq!(changed(&dry, HOST), 0, "{}", dry.stdout);
    assert_eq!(restarts(&root), 1);
}

#[test]
fn without_systemd_the_cron_line_runs_it_and_the_textfile_folder_is_the_one_given() {
    let bundle = bundle(&[]);
    let root = new_root(&bundle, "root", false);
    let metrics = "/srv/metrics";
    let textfile = format!("dockcert_textfile_dir={metrics}");
    let first = play(&bundle.root, HOST, &root, &["-e", &textfile]).ok();
    assert_eq!(changed(&first, HOST), 6, "{}", first.stdout);
    let theirs = installed_by_install_sh(
        &bundle.root,
        "install-sh-root",
        &["--textfile-dir", metrics],
    );
    assert_placed_as_install_sh_does(&root, &theirs);
    assert!(!root.join(WANTS).exists() && !root.join(WANTS).is_symlink());
    assert_eq!(timer_state(&root), "disabled");
    let cron = fs::read_to_string(root.join(PLACED[4].0)).unwrap();
    assert!(
        cron.contains(
            " root [ -d /run/systemd/system ] || /usr/local/sbin/dockcert-expiry-check\n"
        ),
        "{cron}"
    );

    // The installed check writes its metric to the folder given.
    fs::create_dir_all(under(&root, metrics)).unwrap();
    let (done, said) = check_at(&root, "+0 days");
    assert_eq!((done.status, said.len()), (0, 0), "{}", done.all());
    let metric = fs::read_to_string(under(&root, metrics).join("dockcert.prom")).unwrap();
    let end = end_of(&under(&root, "/etc/docker/server-cert.pem"));
    assert!(
        metric.lines().any(|l| l
            .starts_with("dockcert_certificate_not_after_seconds{role=\"server\"")
            && l.contains("path=\"/etc/docker/server-cert.pem\"")
            && l.ends_with(&format!(" {end}"))),
        "{metric}"
    );

    let second = play(&bundle.root, HOST, &root, &["-e", &textfile]).ok();
    assert_eq!(changed(&second, HOST), 0, "{}", second.stdout);
}

#[test]
fn with_the_check_off_nothing_of_it_is_installed_and_a_bad_textfile_folder_is_refused() {
    let bundle = bundle(&[]);
    let root = new_root(&bundle, "root", true);
    let off = play(
        &bundle.root,
        HOST,
        &root,
        &["-e", "dockcert_expiry_check=false"],
    )
    .ok();
    assert_eq!(changed(&off, HOST), 5, "{}", off.stdout);
    let mut placed = files_under(&root);
    placed.retain(|f| !f.starts_with("etc/docker/"));
    assert_eq!(
        placed,
        [
            "etc/systemd/system/docker.service.d/dockcert.conf",
            "restarts"
        ]
    );
    assert!(!root.join("etc/dockcert").exists() && !root.join("usr").exists());
    assert!(!root.join(WANTS).is_symlink());

    // A folder install.sh --textfile-dir would refuse is refused before
    // anything is written, in the bundle's language.
    for (lang, words) in [
        ("en", "dockcert_textfile_dir var/metrics: give an absolute path of letters, digits and / . _ - alone, as install.sh --textfile-dir takes. Nothing was installed."),
        ("zh", "dockcert_textfile_dir var/metrics：请给出只含字母、数字和 / . _ - 的绝对路径，与 install.sh --textfile-dir 的要求相同。 没有安装任何文件。"),
    ] {
        let bundle = make_bundle(&["--server", HOST, "--ansible", "--lang", lang]);
        let root = new_root(&bundle, "root", false);
        let refused = play(
            &bundle.root,
            HOST,
            &root,
            &["-e", "dockcert_textfile_dir=var/metrics"],
        )
        .failed();
        assert!(refused.stdout.contains(words), "{}", refused.all());
        assert_eq!(files_under(&root), Vec::<String>::new());
    }
}

#[test]
fn a_renewed_bundle_played_with_force_tells_the_check_the_new_end() {
    let bundle = bundle(&[]);
    let root = new_root(&bundle, "root", false);
    play(&bundle.root, HOST, &root, &[]).ok();
    let old_end = end_of(&under(&root, "/etc/docker/server-cert.pem"));
    assert_logs(
        &root,
        old_end - 29 * DAY,
        Some((WARNING, " ends in 29 days")),
    );

    let renewed = bundle.tmp.path().join("renewed");
    dockcert(
        bundle.tmp.path(),
        &[
            "renew",
            bundle
                .path(&format!("server/{HOST}/server-cert.pem"))
                .to_str()
                .unwrap(),
            "--ca-cert",
            bundle.path("ca/ca.pem").to_str().unwrap(),
            "--ca-key",
            bundle.path("ca/ca-key.pem").to_str().unwrap(),
            "--passphrase-file",
            bundle.passphrase_file.to_str().unwrap(),
            "--days",
            "400",
            "--out",
            renewed.to_str().unwrap(),
        ],
    )
    .ok();
    // Its certificate and what the check knows differ: refused unless forced.
    // This bundle's playbook, the renewed bundle's files.
    let from = format!("dockcert_bundle={}", renewed.display());
    let refused = play(&bundle.root, HOST, &root, &["-e", &from]).failed();
    for file in [
        "/etc/docker/server-cert.pem",
        "/etc/dockcert/certificates.tsv",
    ] {
        let line = format!(
            "{} already exists and differs",
            under(&root, file).display()
        );
        assert!(refused.stdout.contains(&line), "{line}:\n{}", refused.all());
    }
    let forced = play(
        &bundle.root,
        HOST,
        &root,
        &["-e", &from, "-e", "dockcert_force=true"],
    )
    .ok();
    assert!(changed(&forced, HOST) > 0, "{}", forced.stdout);
    assert_eq!(
        fs::read(root.join(PLACED[1].0)).unwrap(),
        fs::read(renewed.join(format!("server/{HOST}/certificates.tsv"))).unwrap()
    );
    let new_end = end_of(&under(&root, "/etc/docker/server-cert.pem"));
    assert!(new_end > old_end + 300 * DAY, "{old_end} {new_end}");
    // Where the old certificate had 29 days left the check is quiet, and it
    // warns 29 days before the new one ends. It knows the new end from
    // certificates.tsv: the installed file's hash is the one it lists.
    assert_logs(&root, old_end - 29 * DAY, None);
    assert_logs(
        &root,
        new_end - 29 * DAY,
        Some((WARNING, " ends in 29 days")),
    );
}
