//! The host's expiry check (issue 25), as a host runs it: install.sh
//! --expiry-check puts it in place under --root, and the real script runs
//! under a shifted clock (faketime), with the real logger sending to a unix
//! datagram socket the test binds (DOCKCERT_LOG_SOCKET), so what reaches
//! syslog is read as syslog would read it. Its textfile metric is checked by
//! promtool, served by a real node_exporter and compared with `dockcert
//! expiry --prometheus` on the same files; a replaced certificate is read
//! again through openssl, or said to be unknowable without it; the units
//! pass `systemd-analyze verify`.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::fs::{symlink, MetadataExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dockcert_tests::host_check::{
    self, end_of, priority_and_text, promtool_accepts, DAY, ERROR, WARNING,
};
use dockcert_tests::{
    dockcert, english_runs, free_port, make_bundle, require_tool, run, MadeBundle, Run,
};

const HOST: &str = "docker1.dockcert.test";
/// What install.sh --expiry-check adds, under --root, with its modes.
const PLACED: [(&str, u32); 5] = [
    ("usr/local/sbin/dockcert-expiry-check", 0o755),
    ("etc/dockcert/certificates.tsv", 0o644),
    ("etc/systemd/system/dockcert-expiry.service", 0o644),
    ("etc/systemd/system/dockcert-expiry.timer", 0o644),
    ("etc/cron.d/dockcert-expiry", 0o644),
];
const TEXTFILE_DIR: &str = "var/lib/prometheus/node-exporter";

/// A bundle whose host certificate lasts 40 days, installed with
/// --expiry-check under a root of its own.
struct Host {
    bundle: MadeBundle,
    root: PathBuf,
}

impl Host {
    fn new(extra: &[&str]) -> Host {
        let mut args = vec!["--server", HOST, "--client", "alice", "--days", "40"];
        args.extend_from_slice(extra);
        let bundle = make_bundle(&args);
        let root = bundle.tmp.path().join("host-root");
        let host = Host { bundle, root };
        host.install(&host.folder(), &[]).ok();
        host
    }

    fn folder(&self) -> PathBuf {
        self.bundle.path(&format!("server/{HOST}"))
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// `./install.sh --expiry-check ARGS --root ROOT` from `folder`.
    fn install(&self, folder: &Path, args: &[&str]) -> Run {
        run(Command::new("./install.sh")
            .arg("--expiry-check")
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .current_dir(folder))
    }

    /// The installed check, run under faketime from AT (`@` and Unix time,
    /// or faketime's own `+N days`), with `path` as PATH: its exit status and
    /// every message the real logger sent, as syslog receives them.
    fn check(&self, at: &str, path: &str) -> (Run, Vec<String>) {
        let socket = self.bundle.tmp.path().join("log.sock");
        host_check::check(&self.root, at, path, &socket)
    }

    /// The installed host certificate's notAfter, as openssl reads it.
    fn server_end(&self) -> i64 {
        end_of(&self.path("etc/docker/server-cert.pem"))
    }

    /// The metric the check wrote, and what `dockcert expiry --prometheus`
    /// says of the same installed files, its paths as on the host.
    fn metric_and_expiry(&self) -> (String, String) {
        let written = fs::read_to_string(self.path(TEXTFILE_DIR).join("dockcert.prom")).unwrap();
        let installed: Vec<String> = ["ca.pem", "server-cert.pem"]
            .iter()
            .map(|f| self.path(&format!("etc/docker/{f}")).display().to_string())
            .collect();
        let mut args = vec!["expiry", "--prometheus"];
        args.extend(installed.iter().map(String::as_str));
        // Its exit status says whether something ends within 30 days.
        let expiry = dockcert(self.bundle.tmp.path(), &args);
        assert!(matches!(expiry.status, 0 | 1), "{}", expiry.all());
        let expiry = expiry.stdout;
        let root = self.root.display().to_string();
        (written, expiry.replace(&format!("\"{root}/"), "\"/"))
    }
}

/// PATH as the tests run.
fn full_path() -> String {
    std::env::var("PATH").unwrap()
}

/// A PATH folder holding every program the check uses but openssl.
fn path_without_openssl(dir: &Path) -> String {
    let bin = dir.join("no-openssl-bin");
    fs::create_dir_all(&bin).unwrap();
    for tool in [
        "sh",
        "date",
        "sha256sum",
        "cut",
        "awk",
        "logger",
        "sed",
        "sort",
        "chmod",
        "mv",
        "rm",
        "printf",
    ] {
        let target = bin.join(tool);
        if !target.exists() {
            symlink(require_tool(tool), target).unwrap();
        }
    }
    bin.display().to_string()
}

#[test]
fn install_puts_the_check_in_place_and_its_units_pass_systemd_analyze() {
    let host = Host::new(&[]);
    for (rel, mode) in PLACED {
        let meta = fs::symlink_metadata(host.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(meta.file_type().is_file(), "{rel}");
        assert_eq!(meta.mode() & 0o7777, mode, "{rel}");
        assert_eq!((meta.uid(), meta.gid()), (0, 0), "{rel}");
    }
    let timer = fs::read_to_string(host.path(PLACED[3].0)).unwrap();
    for line in ["OnCalendar=daily", "Persistent=true", "RandomizedDelaySec="] {
        assert!(timer.lines().any(|l| l.starts_with(line)), "{line}");
    }
    // Without --expiry-check nothing of it is installed.
    let plain = make_bundle(&["--server", HOST]);
    let plain_root = plain.tmp.path().join("host-root");
    run(Command::new("./install.sh")
        .arg("--root")
        .arg(&plain_root)
        .current_dir(plain.path(&format!("server/{HOST}"))))
    .ok();
    for (rel, _) in PLACED {
        assert!(!plain_root.join(rel).exists(), "{rel}");
    }

    // systemd-analyze verify needs ExecStart's program at its path: the
    // installed one is mounted there in a private mount namespace.
    require_tool("systemd-analyze");
    require_tool("unshare");
    let units = [PLACED[3].0, PLACED[2].0].map(|rel| host.path(rel).display().to_string());
    let verify = |sbin: &Path| {
        run(Command::new("unshare")
            .args(["-m", "--propagation", "private", "sh", "-c"])
            .arg(r#"mount --bind "$1" /usr/local/sbin && shift && systemd-analyze verify "$@""#)
            .arg("sh")
            .arg(sbin)
            .args(&units))
    };
    let verified = verify(&host.path("usr/local/sbin")).ok();
    assert_eq!(verified.all(), "", "systemd-analyze had something to say");
    // The same without the check at its path: systemd-analyze does look.
    let empty = host.bundle.tmp.path().join("empty-sbin");
    fs::create_dir_all(&empty).unwrap();
    let missing = verify(&empty).failed();
    assert!(
        missing.all().contains("dockcert-expiry-check"),
        "{}",
        missing.all()
    );

    require_tool("shellcheck");
    run(Command::new("shellcheck")
        .args(["-s", "sh", "-S", "style"])
        .arg(host.path(PLACED[0].0)))
    .ok();
}

#[test]
fn it_warns_from_30_days_and_errs_from_7_days_and_after_the_end() {
    let host = Host::new(&[]);
    let end = host.server_end();
    let path = full_path();
    // Made with --days 40: nothing now, nor just over 30 days before the end.
    for at in ["+0 days".to_owned(), format!("@{}", end - 30 * DAY - 3600)] {
        let (done, said) = host.check(&at, &path);
        assert_eq!(said, Vec::<String>::new(), "{at}");
        assert_eq!(done.status, 0, "{at}: {}", done.all());
    }
    // faketime '+15 days': 25 days (less the seconds since the bundle was
    // made) are left: a warning.
    let (done, said) = host.check("+15 days", &path);
    assert_eq!(done.status, 1);
    assert_eq!(said.len(), 1, "{said:?}");
    assert_eq!(priority_and_text(&said[0]).0, WARNING, "{said:?}");
    assert!(said[0].contains(" ends in 24 days") || said[0].contains(" ends in 25 days"));
    // Each side of each threshold, to the day.
    for (left, priority, words) in [
        (30 * DAY - 3600, WARNING, " ends in 29 days"),
        (25 * DAY + 3600, WARNING, " ends in 25 days"),
        (7 * DAY + 3600, WARNING, " ends in 7 days"),
        (7 * DAY - 3600, ERROR, " ends in 6 days"),
        (5 * DAY + 3600, ERROR, " ends in 5 days"),
        // One day is one day, and less than one is within a day.
        (DAY + 3600, ERROR, " ends in 1 day;"),
        (3600, ERROR, " ends within a day;"),
        (-3600, ERROR, " ended 1 day ago:"),
        (-2 * DAY - 3600, ERROR, " ended 3 days ago:"),
    ] {
        let (done, said) = host.check(&format!("@{}", end - left), &path);
        assert_eq!(done.status, 1, "{left}");
        assert_eq!(said.len(), 1, "{left}: {said:?}");
        let (got, text) = priority_and_text(&said[0]);
        assert_eq!(got, priority, "{left}: {text}");
        assert!(text.contains(words), "{left}: {text}");
        let serial = host.bundle.read("manifest.json").contains(
            text.split("(serial ")
                .nth(1)
                .unwrap()
                .split(',')
                .next()
                .unwrap(),
        );
        assert!(serial, "{text}");
        assert!(
            text.contains(&format!("the server certificate {HOST} ")),
            "{text}"
        );
        assert!(text.contains("/etc/docker/server-cert.pem"), "{text}");
    }
}

#[test]
fn the_metric_is_what_dockcert_expiry_says_and_promtool_accepts_it() {
    let host = Host::new(&[]);
    // No textfile folder: no metric, and no folder made for one.
    let (done, _) = host.check("+0 days", &full_path());
    assert_eq!(done.status, 0, "{}", done.all());
    assert!(!host.path("var/lib/prometheus").exists());
    fs::create_dir_all(host.path(TEXTFILE_DIR)).unwrap();
    let (done, said) = host.check("+0 days", &full_path());
    assert_eq!((done.status, said.len()), (0, 0), "{}", done.all());
    let (written, expiry) = host.metric_and_expiry();
    assert_eq!(written, expiry);
    assert!(written.contains("path=\"/etc/docker/server-cert.pem\""));
    promtool_accepts(&written);
    // Written beside and moved: nothing else is left in the folder.
    let left: Vec<_> = fs::read_dir(host.path(TEXTFILE_DIR))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(left, ["dockcert.prom"]);

    // A real node_exporter serves it from that folder, as on the host.
    let port = free_port();
    let mut exporter = Command::new(require_tool("prometheus-node-exporter"))
        .arg(format!("--web.listen-address=127.0.0.1:{port}"))
        .args(["--collector.disable-defaults", "--collector.textfile"])
        .arg(format!(
            "--collector.textfile.directory={}",
            host.path(TEXTFILE_DIR).display()
        ))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let scraped = scrape(port);
    exporter.kill().ok();
    exporter.wait().ok();
    let scraped = scraped.unwrap_or_else(|e| panic!("node_exporter on {port}: {e}"));
    assert!(
        scraped.contains("node_textfile_scrape_error 0"),
        "{scraped}"
    );
    // node_exporter sorts the labels and writes the Unix time as a float.
    let end = host.server_end();
    let served = scraped.lines().any(|l| {
        l.starts_with("dockcert_certificate_not_after_seconds{")
            && l.contains("path=\"/etc/docker/server-cert.pem\"")
            && l.rsplit_once("} ").and_then(|(_, v)| v.parse::<f64>().ok()) == Some(end as f64)
    });
    assert!(served, "{scraped}");
}

/// GET /metrics from 127.0.0.1:`port`, waiting up to 10 s for it to listen.
fn scrape(port: u16) -> Result<String, String> {
    let start = Instant::now();
    loop {
        match TcpStream::connect(("127.0.0.1", port)) {
            Ok(mut s) => {
                s.write_all(b"GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                    .map_err(|e| e.to_string())?;
                let mut body = String::new();
                s.read_to_string(&mut body).map_err(|e| e.to_string())?;
                return Ok(body);
            }
            Err(e) if start.elapsed() > Duration::from_secs(10) => return Err(e.to_string()),
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

#[test]
fn a_replaced_certificate_is_read_again_with_openssl_or_said_unknown() {
    let host = Host::new(&[]);
    fs::create_dir_all(host.path(TEXTFILE_DIR)).unwrap();
    // Someone put another certificate in place: 3 days, the same name.
    let cert = host.path("etc/docker/server-cert.pem");
    let tmp = host.bundle.tmp.path();
    run(Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
        ])
        .args(["-nodes", "-days", "3", "-subj", &format!("/CN={HOST}")])
        .args(["-addext", "basicConstraints=critical,CA:FALSE"])
        .args(["-addext", "extendedKeyUsage=serverAuth", "-addext"])
        .arg(format!("subjectAltName=DNS:{HOST}"))
        .arg("-keyout")
        .arg(tmp.join("other-key.pem"))
        .arg("-out")
        .arg(tmp.join("other.pem")))
    .ok();
    fs::copy(tmp.join("other.pem"), &cert).unwrap();

    let at = format!("@{}", end_of(&cert) - 2 * DAY - 3600);
    let (done, said) = host.check(&at, &full_path());
    assert_eq!(done.status, 1);
    assert_eq!(said.len(), 1, "{said:?}");
    let (priority, text) = priority_and_text(&said[0]);
    assert_eq!(priority, ERROR, "{text}");
    assert!(text.contains(" ends in 2 days"), "{text}");
    let (written, expiry) = host.metric_and_expiry();
    assert_eq!(written, expiry);
    assert!(written.contains(&format!("}} {}\n", end_of(&cert))));
    promtool_accepts(&written);

    // Without openssl it cannot tell, and says so.
    let (done, said) = host.check("+0 days", &path_without_openssl(tmp));
    assert_eq!(done.status, 1);
    assert_eq!(said.len(), 1, "{said:?}");
    let (priority, text) = priority_and_text(&said[0]);
    assert_eq!(priority, WARNING, "{text}");
    assert!(text.contains("cannot tell when it ends"), "{text}");
    assert!(text.starts_with("/etc/docker/server-cert.pem "), "{text}");
}

#[test]
fn a_new_bundle_installed_tells_the_check_the_new_ends() {
    let host = Host::new(&[]);
    fs::create_dir_all(host.path(TEXTFILE_DIR)).unwrap();
    let no_openssl = path_without_openssl(host.bundle.tmp.path());
    let late = format!("@{}", host.server_end() - 5 * DAY);
    let (_, said) = host.check(&late, &no_openssl);
    assert_eq!(said.len(), 1, "{said:?}");
    // The next bundle, for 400 days, put in place with --force, over a
    // cron line someone changed.
    let cron = host.path("etc/cron.d/dockcert-expiry");
    let changed = fs::read_to_string(&cron).unwrap() + "# changed by hand\n";
    fs::write(&cron, &changed).unwrap();
    let next = make_bundle(&["--server", HOST, "--client", "alice", "--days", "400"]);
    host.install(&next.path(&format!("server/{HOST}")), &["--force"])
        .ok();
    // The old cron line is kept where cron does not run it (cronie runs
    // every file in cron.d not starting with a dot).
    let mut cron_d: Vec<String> = fs::read_dir(host.path("etc/cron.d"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cron_d.sort();
    assert_eq!(cron_d.len(), 2, "{cron_d:?}");
    assert_eq!(cron_d[1], "dockcert-expiry", "{cron_d:?}");
    assert!(
        cron_d[0].starts_with(".dockcert-expiry.dockcert-backup-"),
        "{cron_d:?}"
    );
    let kept = host.path(&format!("etc/cron.d/{}", cron_d[0]));
    assert_eq!(fs::read_to_string(kept).unwrap(), changed);
    assert_eq!(
        fs::read(host.path("etc/dockcert/certificates.tsv")).unwrap(),
        next.read(&format!("server/{HOST}/certificates.tsv"))
            .into_bytes()
    );
    // Known from certificates.tsv alone: no openssl needed.
    let (done, said) = host.check(&late, &no_openssl);
    assert_eq!((done.status, said), (0, Vec::<String>::new()));
    let (written, expiry) = host.metric_and_expiry();
    assert_eq!(written, expiry);
}

#[test]
fn in_chinese_it_says_the_same_in_chinese() {
    let host = Host::new(&["--lang", "zh"]);
    let at = format!("@{}", host.server_end() - 25 * DAY - 3600);
    let (done, said) = host.check(&at, &full_path());
    assert_eq!(done.status, 1);
    assert_eq!(said.len(), 1, "{said:?}");
    let (priority, text) = priority_and_text(&said[0]);
    assert_eq!(priority, WARNING);
    assert!(text.contains("25 天后到期"), "{text}");
    assert!(text.contains(HOST) && text.contains("/etc/docker/server-cert.pem"));
    assert_eq!(english_runs(text), Vec::<String>::new(), "{text}");
    let help = run(Command::new("sh").arg(host.path(PLACED[0].0)).arg("--help")).ok();
    assert!(help.stdout.contains("到期"), "{}", help.stdout);
    assert_eq!(english_runs(&help.stdout), Vec::<String>::new());
}

#[test]
fn a_textfile_folder_given_to_install_sh_is_the_checks_and_a_bad_line_is_named() {
    let host = Host::new(&[]);
    let refused = host.install(&host.folder(), &["--textfile-dir", "metrics"]);
    assert_eq!(refused.status, 2, "{}", refused.all());
    assert!(
        refused.stderr.contains("--textfile-dir metrics"),
        "{}",
        refused.all()
    );
    host.install(
        &host.folder(),
        &["--textfile-dir", "/srv/node-metrics", "--force"],
    )
    .ok();
    fs::create_dir_all(host.path("srv/node-metrics")).unwrap();
    fs::create_dir_all(host.path(TEXTFILE_DIR)).unwrap();
    let (done, _) = host.check("+0 days", &full_path());
    assert_eq!(done.status, 0, "{}", done.all());
    let given = fs::read_to_string(host.path("srv/node-metrics/dockcert.prom")).unwrap();
    assert!(!host.path(TEXTFILE_DIR).join("dockcert.prom").exists());
    assert!(
        given.contains("path=\"/etc/docker/server-cert.pem\""),
        "{given}"
    );

    // A line that is not as install.sh wrote it is named, and the others
    // are still checked.
    let data = host.path("etc/dockcert/certificates.tsv");
    let text = fs::read_to_string(&data).unwrap();
    fs::write(
        &data,
        format!("{text}/etc/docker/x.pem\tab\tsoon\tca\tx\t01\tAA\n"),
    )
    .unwrap();
    let late = format!("@{}", host.server_end() - 20 * DAY - 3600);
    let (done, said) = host.check(&late, &full_path());
    assert_eq!(done.status, 1, "{}", done.all());
    assert_eq!(done.stderr, "", "the shell itself had nothing to say");
    assert_eq!(said.len(), 2, "{said:?}");
    let texts: Vec<&str> = said.iter().map(|s| priority_and_text(s).1).collect();
    assert!(
        texts.iter().any(|t| t.contains(" ends in 20 days")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("line 4 of /etc/dockcert/certificates.tsv")),
        "{texts:?}"
    );
}
