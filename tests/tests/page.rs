//! The offline page, used as a person uses it, in each browser it is tested
//! in (Debian's Chromium through chromedriver, Debian's Firefox ESR through
//! geckodriver) inside a network namespace with only loopback: it opens
//! dist/dockcert.html from file://, the form is filled by the controls'
//! names, Generate is pressed and the zip arrives. That zip is judged
//! exactly as the CLI's bundles are: unzip modes, OpenSSL, pkilint, and a
//! real dockerd with the real docker client, positives and negatives; the
//! dind layout's zip as `--layout dind`'s tree is (tests/dind.rs).

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use dockcert_tests::judge::{self, HostSetup, Stage, CLIENTS, SERVERS};
use dockcert_tests::page::{self, assert_offline};
use dockcert_tests::webdriver::Browser;
use dockcert_tests::{dind, dockcert, in_each_browser, zip_entries, MadeBundle, PASSPHRASE};
use serde_json::{json, Value};

/// Runs the page driver on `job` in `browser` and returns its report and
/// the downloaded zip.
fn drive(browser: Browser, job: Value) -> (Value, PathBuf, tempfile::TempDir) {
    let (report, out) = page::drive(env!("CARGO_BIN_EXE_page-driver"), browser, job);
    let zip = PathBuf::from(report["zip"].as_str().unwrap());
    (report, zip, out)
}

fn page_job(key_type: &str, setup: &HostSetup) -> Value {
    json!({
        "servers": SERVERS.iter().map(|(_, arg)| *arg).collect::<Vec<_>>(),
        "clients": CLIENTS,
        "key_type": key_type,
        "passphrase": PASSPHRASE,
        "listen": setup.listen(),
        "install-dir": setup.install_dir(),
    })
}

fn check(browser: Browser, key_type: &str) {
    let setup = HostSetup::new();
    let (report, zip, _out) = drive(browser, page_job(key_type, &setup));
    assert_offline(&report);
    assert_eq!(
        report["network_notice_shown"], false,
        "opened from a file, the page must not warn about the network"
    );

    // The same files and modes as the CLI's zip for the same plan.
    let cli = tempfile::tempdir().unwrap();
    let (listen, install_dir) = (setup.listen(), setup.install_dir());
    let mut args = vec![
        "new",
        "--key-type",
        key_type,
        "--listen",
        &listen,
        "--install-dir",
        &install_dir,
        "--no-passphrase",
        "--out",
        "docker-tls.zip",
    ];
    for (_, server) in SERVERS {
        args.extend(["--server", server]);
    }
    for client in CLIENTS {
        args.extend(["--client", client]);
    }
    dockcert(cli.path(), &args).ok();
    let page_entries = zip_entries(&zip);
    assert_eq!(
        page_entries,
        zip_entries(&cli.path().join("docker-tls.zip"))
    );
    // ... and what the page lists is what the zip holds.
    let shown: Vec<(String, String)> = report["files_shown"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r[0].as_str().unwrap().to_owned(),
                r[1].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        shown.len(),
        page_entries
            .iter()
            .filter(|(p, _)| p.starts_with('-'))
            .count()
    );

    let bundle = MadeBundle::unpack(&zip, PASSPHRASE);
    for (path, mode) in &shown {
        let rel = path.strip_prefix("docker-tls/").unwrap();
        let actual = dockcert_tests::mode_of(&bundle.path(rel));
        assert_eq!(
            format!("{actual:04o}"),
            *mode,
            "{path}: unzip gives another mode than the page shows"
        );
    }
    judge::openssl_and_pkilint(&bundle, key_type);
    assert_zip_guide(&report, false);
    judge::docker_access(&mut Stage::new(bundle, setup), key_type, CLIENTS[0], false);
}

/// "What to do with the zip": there before the first bundle, closed, and
/// open after one, its four steps on the screen in the page's language
/// (only the commands, in backquotes, stay as they are), each with its
/// command: unzip the zip the page made, copy the host's folder, install
/// and restart (saying what live-restore does), docker over TLS.
fn assert_zip_guide(report: &Value, chinese: bool) {
    let steps = |guide: &Value| -> Vec<(String, bool)> {
        guide["steps"]
            .as_array()
            .unwrap_or_else(|| panic!("no zip guide: {guide}"))
            .iter()
            .map(|s| (s["text"].as_str().unwrap().to_owned(), s["shown"] == true))
            .collect()
    };
    let (before, after) = (&report["zip_guide_before"], &report["zip_guide_after"]);
    assert_eq!(before["open"], false, "before a bundle: {before}");
    assert_eq!(before["title"], after["title"]);
    let title = after["title"].as_str().unwrap();
    assert_eq!(steps(before).len(), 4, "{before}");
    assert!(steps(before).iter().all(|(_, shown)| !shown), "{before}");

    assert_eq!(after["open"], true, "after a bundle: {after}");
    let after = steps(after);
    assert_eq!(after.len(), 4, "{after:?}");
    for (text, shown) in &after {
        assert!(shown, "a step is not on the screen: {text}");
        let prose_chinese = text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        assert_eq!(prose_chinese, chinese, "{text}");
        if chinese {
            assert_eq!(
                dockcert_tests::english_runs(text),
                Vec::<String>::new(),
                "{text}"
            );
        }
    }
    assert_eq!(
        title
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        chinese,
        "{title}"
    );
    for (i, needles) in [
        &["`unzip docker-tls.zip`"][..],
        &["`scp -r docker-tls/server/HOST HOST:`"],
        &[
            "sudo ./install.sh",
            "systemctl restart docker",
            "live-restore",
            "2376",
        ],
        &["docker --tlsverify", "--tlscert=cert.pem", "version`"],
    ]
    .iter()
    .enumerate()
    {
        for needle in *needles {
            assert!(
                after[i].0.contains(needle),
                "step {}: no {needle} in {}",
                i + 1,
                after[i].0
            );
        }
    }
}

/// The layout select's dind choice: the same files and modes as `dockcert
/// new --layout dind` for the same plan, and a tree the docker:dind
/// entrypoint and a real dockerd accept.
fn dind_layout(browser: Browser) {
    const NAME: &str = "dind.dockcert.test";
    let server = format!("{NAME},127.0.0.1");
    let job = json!({
        "servers": [server],
        "clients": ["ci"],
        "key_type": "ecdsa-p256",
        "passphrase": PASSPHRASE,
        "layout": "dind",
    });
    let (report, zip, _out) = drive(browser, job);
    assert_offline(&report);

    let cli = tempfile::tempdir().unwrap();
    dind::make(cli.path(), &server, "docker-tls.zip");
    let page_entries = zip_entries(&zip);
    assert_eq!(
        page_entries,
        zip_entries(&cli.path().join("docker-tls.zip"))
    );
    let files = page_entries.iter().filter(|(p, _)| p.starts_with('-'));
    assert_eq!(
        report["files_shown"].as_array().unwrap().len(),
        files.count(),
        "the page lists another set of files than its zip holds"
    );

    let bundle = MadeBundle::unpack(&zip, PASSPHRASE);
    dind::judge_tree(&bundle.path(""), NAME);
}

in_each_browser!(
    ecdsa_p256,
    ed25519,
    rsa_4096_from_webcrypto,
    dind_layout,
    speaks_chinese_when_the_browser_does,
    served_over_http_it_says_the_file_is_safer,
);

fn ecdsa_p256(browser: Browser) {
    check(browser, "ecdsa-p256");
}

fn ed25519(browser: Browser) {
    check(browser, "ed25519");
}

fn rsa_4096_from_webcrypto(browser: Browser) {
    check(browser, "rsa-4096");
}

fn speaks_chinese_when_the_browser_does(browser: Browser) {
    let setup = HostSetup::new();
    let mut job = page_job("ecdsa-p384", &setup);
    job["lang"] = "zh-CN".into();
    let (report, zip, _out) = drive(browser, job);
    assert_offline(&report);
    assert_eq!(report["html_lang"], "zh-CN");
    assert_eq!(
        report["badge"].as_str().unwrap().trim(),
        "离线运行：任何数据都不会离开本机"
    );
    assert_eq!(report["generate_label"], "生成");
    let bundle = MadeBundle::unpack(&zip, PASSPHRASE);
    let readme = bundle.read("README.txt");
    assert!(
        readme.contains("证书颁发机构（CA）") && readme.contains("证书包中的文件"),
        "the bundle speaks the page's language:\n{readme}"
    );
    judge::check_chains_and_purposes(&bundle);
    assert_zip_guide(&report, true);
}

fn served_over_http_it_says_the_file_is_safer(browser: Browser) {
    let setup = HostSetup::new();
    let mut job = page_job("ecdsa-p256", &setup);
    job["serve_http"] = true.into();
    let (report, _zip, _out) = drive(browser, job);
    assert_eq!(report["network_notice_shown"], true);
}
