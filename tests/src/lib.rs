//! Helpers for the cross-tool tests: run the real `dockcert` binary, the
//! real openssl, pkilint, unzip and shellcheck, and a real dockerd with the
//! real docker client. A missing tool fails the test with a hint; nothing is
//! skipped.
//!
//! `cargo xtask setup` installs every tool these tests use.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod ansible;
pub mod containers;
pub mod der;
pub mod dind;
pub mod dockerd;
pub mod driver_first_screen;
pub mod driver_modes;
pub mod driver_new_ca;
pub mod driver_rotate;
pub mod host_check;
pub mod hostile;
pub mod judge;
pub mod judge_cases;
pub mod openssl_certs;
pub mod page;
pub mod page_audit;
pub mod recipe;
pub mod webdriver;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// Every key type the CLI offers.
pub const KEY_TYPES: [&str; 6] = [
    "ecdsa-p256",
    "ecdsa-p384",
    "ed25519",
    "rsa-2048",
    "rsa-3072",
    "rsa-4096",
];

/// One `#[test]` per key type, named after it, each calling `$check("key-type")`.
#[macro_export]
macro_rules! test_every_key_type {
    ($check:path) => {
        #[test]
        fn ecdsa_p256() {
            $check("ecdsa-p256")
        }
        #[test]
        fn ecdsa_p384() {
            $check("ecdsa-p384")
        }
        #[test]
        fn ed25519() {
            $check("ed25519")
        }
        #[test]
        fn rsa_2048() {
            $check("rsa-2048")
        }
        #[test]
        fn rsa_3072() {
            $check("rsa-3072")
        }
        #[test]
        fn rsa_4096() {
            $check("rsa-4096")
        }
    };
}

/// For each `check` (a `fn check(Browser)`), a module of the same name with
/// one `#[test]` per browser the page is tested in, `check::chromium` and
/// `check::firefox`, so `cargo test firefox` runs one browser's.
#[macro_export]
macro_rules! in_each_browser {
    ($($check:ident),+ $(,)?) => {$(
        mod $check {
            #[test]
            fn chromium() {
                super::$check($crate::webdriver::Browser::Chromium)
            }
            #[test]
            fn firefox() {
                super::$check($crate::webdriver::Browser::Firefox)
            }
        }
    )+};
}

/// A new temporary folder under /tmp (where dockerd's test sockets may live).
pub fn new_dir(prefix: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir_in("/tmp")
        .unwrap()
}

/// The passphrase the tests protect CA keys with.
pub const PASSPHRASE: &str = "correct horse battery staple";

/// What a finished command left behind.
#[derive(Debug)]
pub struct Run {
    /// Exit status (-1 when killed by a signal).
    pub status: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Panics with both streams unless the command succeeded.
    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(
            self.status, 0,
            "command failed\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Panics unless the command failed.
    #[track_caller]
    pub fn failed(self) -> Self {
        assert_ne!(
            self.status, 0,
            "command should have failed\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Both streams, for assertions on messages.
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            status: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// Runs `cmd` with no standard input and captures its output.
pub fn run(cmd: &mut Command) -> Run {
    let shown = format!("{cmd:?}");
    cmd.stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("could not run {shown}: {e}"))
        .into()
}

/// The path of a tool on PATH, or a failed test that says how to get it.
pub fn require_tool(name: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        let candidate = dir.join(name);
        if candidate.is_file() {
            return candidate;
        }
    }
    panic!(
        "{name} is not installed: run `cargo xtask setup` (it installs every tool the tests use)"
    );
}

/// Where `cargo xtask setup` keeps tools that are not Debian packages.
pub fn tools_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("DOCKCERT_TOOLS") {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/root"));
    home.join(".cache/dockcert-tools")
}

/// The `dockcert` binary under test: `$DOCKCERT_BIN`, or built now.
pub fn dockcert_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        if let Some(bin) = std::env::var_os("DOCKCERT_BIN") {
            return PathBuf::from(bin);
        }
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .to_path_buf();
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        run(Command::new(cargo).current_dir(&workspace).args([
            "build",
            "--quiet",
            "-p",
            "dockcert-cli",
            "--bin",
            "dockcert",
        ]))
        .ok();
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| workspace.join("target"));
        target.join("debug/dockcert")
    })
}

/// How long a hostile-input test lets dockcert run: far longer than any
/// bounded answer takes, far shorter than the minutes (or the hang) an
/// unbounded one took.
pub const WATCHDOG_SECONDS: &str = "60";

/// `dockcert ARGS` in `cwd` under the watchdog (`timeout`): a run that gets
/// away ends with status 124 instead of holding the tests.
pub fn watched(cwd: &Path, args: &[&str]) -> Run {
    run(Command::new("timeout")
        .current_dir(cwd)
        .arg(WATCHDOG_SECONDS)
        .arg(dockcert_bin())
        .args(args))
}

/// The variables a terminal's locale is read from (`dockcert --lang`'s default).
pub const LOCALE_VARS: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

/// Runs `dockcert` with `args` in `cwd`, with no terminal, in English
/// whatever the locale of the machine running the tests.
pub fn dockcert(cwd: &Path, args: &[&str]) -> Run {
    dockcert_in_locale(cwd, args, &[])
}

/// The same with only the locale variables `locale` set (the others of
/// [`LOCALE_VARS`] removed).
pub fn dockcert_in_locale(cwd: &Path, args: &[&str], locale: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(dockcert_bin());
    for var in LOCALE_VARS {
        cmd.env_remove(var);
    }
    run(cmd.envs(locale.iter().copied()).current_dir(cwd).args(args))
}

/// `dockcert ARGS` (one shell line) on a real pseudo-terminal made by
/// `script`, in `dir`, with `typed` as what a person types, and only the
/// locale variables `locale` set: how the passphrase prompts are driven.
pub fn on_a_terminal(dir: &Path, args: &str, typed: &str, locale: &[(&str, &str)]) -> Run {
    require_tool("script");
    let line = format!("{} {args}", dockcert_bin().display());
    let mut cmd = Command::new("script");
    for var in LOCALE_VARS {
        cmd.env_remove(var);
    }
    fed(
        cmd.envs(locale.iter().copied())
            .args(["-qec", &line, "/dev/null"])
            .current_dir(dir),
        typed.as_bytes(),
    )
}

/// Runs `cmd` with `input` on its standard input, both outputs captured.
pub fn fed(cmd: &mut Command, input: &[u8]) -> Run {
    use std::io::Write as _;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap().into()
}

/// A bundle made by the real CLI as a zip and unpacked by the real `unzip`.
pub struct MadeBundle {
    /// Holds everything; removed on drop.
    pub tmp: tempfile::TempDir,
    /// The zip file.
    pub zip: PathBuf,
    /// The unpacked top folder.
    pub root: PathBuf,
    /// The file holding [`PASSPHRASE`].
    pub passphrase_file: PathBuf,
}

impl MadeBundle {
    /// A path inside the unpacked bundle.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// The text of a file inside the bundle.
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

impl MadeBundle {
    /// Copies the zip at `zip` into a fresh folder and unpacks it with
    /// `unzip`; `passphrase` is written where the checks expect it.
    pub fn unpack(zip: &Path, passphrase: &str) -> MadeBundle {
        let tmp = tempfile::Builder::new()
            .prefix("dc")
            .tempdir_in("/tmp")
            .unwrap();
        let passphrase_file = tmp.path().join("pass.txt");
        fs::write(&passphrase_file, format!("{passphrase}\n")).unwrap();
        let name = zip.file_name().unwrap();
        let copy = tmp.path().join(name);
        fs::copy(zip, &copy).unwrap();
        require_tool("unzip");
        run(Command::new("unzip")
            .arg("-q")
            .arg(&copy)
            .current_dir(tmp.path()))
        .ok();
        let stem = Path::new(name).file_stem().unwrap();
        let root = tmp.path().join(stem);
        assert!(root.is_dir(), "the zip has no top folder named after it");
        MadeBundle {
            tmp,
            zip: copy,
            root,
            passphrase_file,
        }
    }
}

/// `(permissions, path)` of every entry of a zip, as `zipinfo` shows them, sorted.
pub fn zip_entries(zip: &Path) -> Vec<(String, String)> {
    require_tool("zipinfo");
    let out = run(Command::new("zipinfo").arg(zip)).ok().stdout;
    let mut entries: Vec<(String, String)> = out
        .lines()
        .filter(|l| l.starts_with('-') || l.starts_with('d'))
        .filter_map(|l| {
            let perms = l.split_whitespace().next()?.to_owned();
            let path = l.split_whitespace().last()?.to_owned();
            Some((perms, path))
        })
        .collect();
    entries.sort();
    entries
}

/// The built offline page: `$DOCKCERT_PAGE`, or `dist/dockcert.html`.
pub fn page_path() -> PathBuf {
    let page = std::env::var_os("DOCKCERT_PAGE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .parent()
                .unwrap()
                .join("dist/dockcert.html")
        });
    assert!(
        page.is_file(),
        "{} is missing: run `cargo xtask page` first",
        page.display()
    );
    page
}

/// Makes a bundle with `dockcert new ARGS --passphrase-file F --out T/bundle.zip`
/// and unpacks it with `unzip`.
pub fn make_bundle(args: &[&str]) -> MadeBundle {
    made_bundle(args, dockcert)
}

/// [`make_bundle`] with the clock set back to `ago` (`"40 days ago"`) by
/// the real `faketime`, in UTC: its CA and certificates start then (give
/// `--days` and `--ca-days` to have them expired today).
pub fn make_bundle_ago(ago: &str, args: &[&str]) -> MadeBundle {
    let faketime = require_tool("faketime");
    made_bundle(args, |dir, all| {
        run(Command::new(&faketime)
            .current_dir(dir)
            .env("TZ", "UTC")
            .arg(ago)
            .arg(dockcert_bin())
            .args(all))
    })
}

fn made_bundle(args: &[&str], dockcert: impl Fn(&Path, &[&str]) -> Run) -> MadeBundle {
    let tmp = tempfile::Builder::new()
        .prefix("dc")
        .tempdir_in("/tmp")
        .unwrap();
    let passphrase_file = tmp.path().join("pass.txt");
    fs::write(&passphrase_file, format!("{PASSPHRASE}\n")).unwrap();
    let zip = tmp.path().join("bundle.zip");
    let mut all: Vec<&str> = vec!["new"];
    all.extend_from_slice(args);
    let pass = passphrase_file.to_str().unwrap();
    let out = zip.to_str().unwrap();
    all.extend(["--passphrase-file", pass, "--out", out]);
    dockcert(tmp.path(), &all).ok();
    require_tool("unzip");
    run(Command::new("unzip")
        .arg("-q")
        .arg(&zip)
        .current_dir(tmp.path()))
    .ok();
    let root = tmp.path().join("bundle");
    assert!(root.is_dir(), "the zip has no top folder named after it");
    MadeBundle {
        tmp,
        zip,
        root,
        passphrase_file,
    }
}

/// Three bundles in `lang` whose host `dockerN.example.com` and client
/// `cN` are made for N = 5, 20 and 400 days (expiry's cases).
pub fn three_endings(lang: &str) -> [MadeBundle; 3] {
    [5, 20, 400].map(|days| {
        let d = days.to_string();
        make_bundle(&[
            "--server",
            &format!("docker{days}.example.com"),
            "--client",
            &format!("c{days}"),
            "--days",
            &d,
            "--lang",
            lang,
        ])
    })
}

/// The three bundles of [`three_endings`] in one zip, `fleet.zip` in the
/// folder returned, each under a folder of its own (`h5/`, `h20/`, `h400/`:
/// each bundle's own zip has the same top folder), zipped by Python's
/// `zipfile`.
pub fn three_endings_zip(lang: &str) -> (tempfile::TempDir, PathBuf) {
    let made = three_endings(lang);
    let tmp = new_dir("fz");
    for (b, days) in made.iter().zip([5, 20, 400]) {
        fs::rename(&b.root, tmp.path().join(format!("h{days}"))).unwrap();
    }
    require_tool("python3");
    run(Command::new("python3")
        .args(["-m", "zipfile", "-c", "fleet.zip", "h5", "h20", "h400"])
        .current_dir(tmp.path()))
    .ok();
    let zip = tmp.path().join("fleet.zip");
    (tmp, zip)
}

/// Runs openssl with `args` in `cwd`.
pub fn openssl(cwd: &Path, args: &[&str]) -> Run {
    require_tool("openssl");
    run(Command::new("openssl").current_dir(cwd).args(args))
}

/// `openssl x509 -text -serial` of `cert`, run in `dir`.
pub fn cert_text(dir: &Path, cert: &Path) -> String {
    openssl(
        dir,
        &[
            "x509",
            "-in",
            cert.to_str().unwrap(),
            "-noout",
            "-text",
            "-serial",
        ],
    )
    .ok()
    .stdout
}

/// `subject=…` and `issuer=…` as OpenSSL prints them, UTF-8 as itself.
pub fn subject_and_issuer(dir: &Path, cert: &Path) -> (String, String) {
    let out = openssl(
        dir,
        &[
            "x509",
            "-in",
            cert.to_str().unwrap(),
            "-noout",
            "-subject",
            "-issuer",
            "-nameopt",
            "utf8",
        ],
    )
    .ok()
    .stdout;
    let line = |prefix: &str| {
        out.lines()
            .find_map(|l| l.strip_prefix(prefix))
            .unwrap_or_else(|| panic!("no {prefix} in {out}"))
            .to_owned()
    };
    (line("subject="), line("issuer="))
}

/// The line after the first one containing `label`, trimmed: an
/// extension's value in `openssl x509 -text` output.
pub fn line_after<'a>(text: &'a str, label: &str) -> &'a str {
    let mut lines = text.lines();
    while let Some(l) = lines.next() {
        if l.contains(label) {
            return lines.next().unwrap_or("").trim();
        }
    }
    ""
}

/// Runs one of pkilint's RFC 5280 linters, reporting ERROR and FATAL findings only.
pub fn pkilint(linter: &str, files: &[&Path]) -> Run {
    let bin = tools_dir().join("venv/bin").join(linter);
    assert!(
        bin.is_file(),
        "{} is missing: run `cargo xtask setup` to install pkilint",
        bin.display()
    );
    run(Command::new(bin).args(["lint", "-s", "ERROR"]).args(files))
}

/// One of ansible-core's or ansible-lint's commands (`ansible-playbook`,
/// `ansible-lint`...), from the virtualenv `cargo xtask setup` makes.
pub fn ansible_tool(name: &str) -> PathBuf {
    let bin = tools_dir().join("ansible/bin").join(name);
    assert!(
        bin.is_file(),
        "{} is missing: run `cargo xtask setup` to install ansible-core and ansible-lint",
        bin.display()
    );
    bin
}

/// The Unix mode of `path` (permission bits only).
pub fn mode_of(path: &Path) -> u32 {
    fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o7777
}

/// Every file under `root`, as paths relative to it, sorted.
pub fn files_under(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                stack.push(path);
            } else {
                out.push(
                    path.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    out.sort();
    out
}

/// Waits until something listens on 127.0.0.1:`port` (a server a test
/// started), failing the test after 30 s.
pub fn wait_for_listener(port: u16) {
    let started = std::time::Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "nothing listens on 127.0.0.1:{port}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Each awk a Docker host may have, as a folder to put first on PATH
/// (named after it): Debian's and Ubuntu's mawk, gawk (RHEL, Fedora, Arch,
/// also in POSIX mode), Alpine's busybox awk. install.sh's daemon.json merge
/// runs under each.
pub fn awks(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let mut out = Vec::new();
    for (name, program, args) in [
        ("mawk", "mawk", ""),
        ("gawk", "gawk", ""),
        ("gawk --posix", "gawk", " --posix"),
        ("busybox awk", "busybox", " awk"),
    ] {
        let bin = require_tool(program);
        let folder = dir.join(name.replace(' ', "-"));
        fs::create_dir(&folder).unwrap();
        let awk = folder.join("awk");
        fs::write(
            &awk,
            format!("#!/bin/sh\nexec {}{args} \"$@\"\n", bin.display()),
        )
        .unwrap();
        fs::set_permissions(&awk, fs::Permissions::from_mode(0o755)).unwrap();
        out.push((name, folder));
    }
    out
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Wraps `program args` so it runs in a private mount namespace whose
/// /etc/hosts is `hosts`: test host names resolve to loopback addresses for
/// that one process, and the machine's own /etc/hosts is never touched.
pub fn with_hosts(hosts: &Path, program: &str, args: &[&str]) -> Command {
    require_tool("unshare");
    let mut cmd = Command::new("unshare");
    cmd.args([
        "--mount",
        "--propagation",
        "private",
        "sh",
        "-c",
        "mount --bind \"$0\" /etc/hosts && exec \"$@\"",
    ])
    .arg(hosts)
    .arg(program)
    .args(args);
    cmd
}

/// The runs of three or more English words left in `text` once what stays
/// as it is in any language is taken out: English prose that should have
/// been in the operator's language. Taken out: quoted values ("…", “…”,
/// `…`, to the end of their line at most) and codes in brackets ([…]); not
/// words: anything with a character other than ASCII letters or an
/// apostrophe once a comma, stop, colon, semicolon, bracket or mark is
/// trimmed from its ends (a path, file name, address, number), and a flag
/// (`--out`). Anything not ASCII (Chinese, its punctuation) ends a run, and
/// so does the end of a line.
pub fn english_runs(text: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match closing {
            _ if c == '\n' => {
                closing = None;
                plain.push('\n');
            }
            Some(end) if c == end => closing = None,
            Some(_) => {}
            None => match c {
                '"' => closing = Some('"'),
                '“' => closing = Some('”'),
                '`' => closing = Some('`'),
                '[' => closing = Some(']'),
                c if !c.is_ascii() => plain.push('\n'),
                c => plain.push(c),
            },
        }
    }
    let mut runs = Vec::new();
    for line in plain.lines() {
        let mut run: Vec<&str> = Vec::new();
        for token in line.split_whitespace().chain([""]) {
            let word = token.trim_matches(|c: char| ",.;:()!?'".contains(c));
            let is_word = !word.is_empty()
                && !token.starts_with('-')
                && word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'');
            if is_word {
                run.push(word);
            } else {
                if run.len() >= 3 {
                    runs.push(run.join(" "));
                }
                run.clear();
            }
        }
    }
    runs
}

#[cfg(test)]
mod english_runs_tests {
    use super::english_runs;

    #[test]
    fn finds_english_prose_and_passes_what_stays_as_it_is() {
        assert_eq!(
            english_runs("a.pem is not a readable X.509 certificate"),
            ["is not a readable"]
        );
        assert_eq!(english_runs("把它 issue it again"), ["issue it again"]);
        assert_eq!(
            english_runs("dockcert: --out \"b.zip\": already exists; add --force"),
            ["already exists add"]
        );
        assert!(english_runs(
            "错误 [expired] a.pem expired on 2026-01-01 (docker: \"x509: x y z\")"
        )
        .is_empty());
        assert!(english_runs("用 `dockcert issue --days 30 now` 签发“the CA said no”").is_empty());
        assert!(english_runs("用法：dockcert new [OPTIONS] --out <BUNDLE.zip|DIR>").is_empty());
        // A quote left open ends with its line: the next line is read again.
        assert_eq!(
            english_runs("说 \"open\nand this is English"),
            ["and this is English"]
        );
    }
}
