//! `dockcert inspect --explain` and `dockcert probe` as a Chinese-speaking
//! operator runs them, under `LANG=zh_CN.UTF-8`: the real CLI binary, a real
//! dockerd on loopback (with its bundle, dialled by a name its certificate
//! lacks, and on plain TCP), `openssl s_server`, and a port where nothing
//! listens. Every line is Chinese prose; what stays as it is (commands in
//! backticks, paths, flags, addresses and docker's own words in quotes) is
//! taken out before looking for English left behind, which is a run of three
//! or more ASCII words.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use dockcert_tests::dockerd::Daemon;
use dockcert_tests::judge::{isolate, HostSetup, Stage, HOST};
use dockcert_tests::{
    dockcert_bin, dockcert_in_locale, free_port, make_bundle, run, wait_for_listener, with_hosts,
    Run, LOCALE_VARS,
};

const ZH: &[(&str, &str)] = &[("LANG", "zh_CN.UTF-8")];

/// Messages as docker 28 and dockerd 20.10 print them, one for each message
/// `--explain` knows (the last holds two).
const DOCKER_SAYS: [&str; 20] = [
    "error during connect: Get \"https://docker1.example.com:2376/v1.50/version\": tls: failed to verify certificate: x509: certificate relies on legacy Common Name field, use SANs instead",
    "error during connect: Get \"https://10.0.0.5:2376/v1.50/version\": tls: failed to verify certificate: x509: cannot validate certificate for 10.0.0.5 because it doesn't contain any IP SANs",
    "error during connect: Get \"https://other.dockcert.test:2376/v1.50/version\": tls: failed to verify certificate: x509: certificate is valid for docker.dockcert.test, not other.dockcert.test",
    "error during connect: Get \"https://docker1.example.com:2376/v1.50/version\": tls: failed to verify certificate: x509: certificate signed by unknown authority",
    "error during connect: Get \"https://docker1.example.com:2376/v1.50/version\": tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2026-12-04T23:00:00Z is after 2025-01-01T00:00:00Z",
    "error during connect: Get \"https://docker1.example.com:2376/v1.50/version\": remote error: tls: bad certificate",
    "error during connect: Get \"https://docker1.example.com:2376/v1.50/version\": remote error: tls: certificate required",
    "error during connect: Get \"https://docker1.example.com:2376/v1.50/version\": remote error: tls: unknown certificate authority",
    "error during connect: Get \"https://docker1.example.com:2376/v1.50/version\": tls: failed to verify certificate: x509: certificate specifies an incompatible key usage",
    "Could not load X509 key pair: tls: private key does not match public key",
    "Could not load X509 key pair: tls: failed to parse private key",
    "failed to start daemon: Could not load X509 key pair: tls: failed to find any PEM data in key input",
    "Error response from daemon: Client sent an HTTP request to an HTTPS server.",
    "error during connect: Get \"https://127.0.0.1:2375/v1.50/version\": http: server gave HTTP response to HTTPS client",
    "error during connect: Get \"https://127.0.0.1:2375/v1.50/version\": tls: first record does not look like a TLS handshake",
    "unable to configure the Docker daemon with file /etc/docker/daemon.json: invalid character '}' looking for beginning of object key string",
    "Could not read CA certificate \"/home/alice/.docker/ca.pem\": open /home/alice/.docker/ca.pem: no such file or directory",
    "failed to start daemon: Could not load X509 key pair (cert: \"/etc/docker/server-cert.pem\", key: \"/etc/docker/server-key.pem\"): open /etc/docker/server-cert.pem: no such file or directory",
    "error during connect: Get \"https://127.0.0.1:2376/v1.50/version\": dial tcp 127.0.0.1:2376: connect: connection refused",
    "unable to configure the Docker daemon with file /etc/docker/daemon.json: the following directives are specified both as a flag and in the configuration file: hosts: (from flag: [fd://], from file: [tcp://0.0.0.0:2376]); Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
];

/// How many messages `--explain` knows (inspect/explain.rs).
const KNOWN: usize = 21;

/// `text` without what stays as it is in Chinese prose: spans in backticks
/// (commands), in “” (docker's words, in Chinese) and in "" (paths, names).
fn without_kept(text: &str) -> String {
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match closing {
            Some(end) if c == end => closing = None,
            Some(_) => {}
            None => match c {
                '`' => closing = Some('`'),
                '“' => closing = Some('”'),
                '"' => closing = Some('"'),
                _ => out.push(c),
            },
        }
    }
    out
}

/// The runs of three or more ASCII words left in `text` once what stays as it
/// is was taken out: English prose that should have been Chinese (the
/// shared [`dockcert_tests::english_runs`]).
fn english_left(text: &str) -> Vec<String> {
    dockcert_tests::english_runs(&without_kept(text))
}

fn is_chinese(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Every line of `out` that holds more than what stays as it is (a line
/// that is only docker's quoted words is docker's) holds Chinese, and no
/// English prose is left.
fn assert_chinese(what: &str, out: &str) {
    for line in out.lines().filter(|l| !without_kept(l).trim().is_empty()) {
        assert!(
            line.chars().any(is_chinese),
            "{what}: a line without Chinese: {line:?}\n{out}"
        );
    }
    let left = english_left(out);
    assert!(left.is_empty(), "{what}: English left: {left:?}\n{out}");
}

#[test]
fn the_check_for_english_finds_english() {
    let english = "  FINDING server certificate: docker refuses it";
    assert_eq!(
        english_left(english),
        ["FINDING server certificate docker refuses it"]
    );
    let kept = "原因：运行 `ss -ltnp | grep 2376`；docker 的报错：“x509: certificate signed by unknown authority”";
    assert!(english_left(kept).is_empty());
    assert_eq!(
        english_left("解决办法：运行 install.sh, then restart the daemon"),
        ["then restart the daemon"]
    );
}

/// Each message docker says, explained under a Chinese locale: who says it,
/// the cause and the fix in Chinese, docker's words quoted as docker says
/// them; every message dockcert knows is met; `--lang en` is the English
/// report, word for word the one without a locale.
#[test]
fn explain_speaks_chinese_for_every_known_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut quoted = BTreeSet::new();
    for said in DOCKER_SAYS {
        let out = dockcert_in_locale(dir.path(), &["inspect", "--explain", said], ZH);
        assert_eq!(out.status, 0, "{said}\n{}", out.all());
        assert_chinese(said, &out.stdout);
        let lower = said.to_ascii_lowercase();
        let blocks: Vec<&str> = out.stdout.split("\n\n").filter(|b| !b.is_empty()).collect();
        assert!(!blocks.is_empty(), "{}", out.stdout);
        for block in blocks {
            let lines: Vec<&str> = block.lines().collect();
            assert_eq!(lines.len(), 4, "{block}");
            let matched = lines[0]
                .strip_prefix('“')
                .and_then(|l| l.strip_suffix('”'))
                .unwrap_or_else(|| panic!("docker's words first, quoted: {block}"));
            assert!(
                lower.contains(&matched.to_ascii_lowercase()),
                "{matched:?} is not in {said:?}"
            );
            assert!(lines[1].starts_with("  出自："), "{block}");
            assert!(lines[2].starts_with("  原因："), "{block}");
            assert!(lines[3].starts_with("  解决办法："), "{block}");
            quoted.insert(matched.to_owned());
        }
        let english = dockcert_in_locale(dir.path(), &["inspect", "--explain", said], &[]);
        let chosen = dockcert_in_locale(
            dir.path(),
            &["inspect", "--explain", said, "--lang", "en"],
            ZH,
        );
        assert_eq!(chosen.stdout, english.stdout);
        assert!(english.stdout.contains("\n  Cause: "), "{}", english.stdout);
    }
    assert_eq!(quoted.len(), KNOWN, "{quoted:#?}");

    let unknown = dockcert_in_locale(dir.path(), &["inspect", "--explain", "no such thing"], ZH);
    assert_eq!(unknown.status, 1, "{}", unknown.all());
    assert_chinese("an unknown message", &unknown.stdout);
    let flag = dockcert_in_locale(
        dir.path(),
        &["inspect", "--explain", "no such thing", "--lang", "zh"],
        &[],
    );
    assert_eq!(flag.stdout, unknown.stdout);
}

fn stage() -> Stage {
    let setup = HostSetup::new();
    let (listen, install_dir) = (setup.listen(), setup.install_dir());
    let bundle = make_bundle(&[
        "--server",
        &format!("{HOST},127.0.0.1"),
        "--client",
        "alice",
        "--listen",
        &listen,
        "--install-dir",
        &install_dir,
    ]);
    Stage::new(bundle, setup)
}

/// `cmd` (a `dockcert probe`) under the Chinese locale only, the machine's
/// docker settings kept away.
fn in_chinese(mut cmd: Command, work: &Path) -> Run {
    isolate(&mut cmd, work);
    for var in LOCALE_VARS {
        cmd.env_remove(var);
    }
    run(cmd.envs(ZH.iter().copied()))
}

fn probe(work: &Path, target: &str, client: &Path, more: &[&str]) -> Run {
    let mut cmd = Command::new(dockcert_bin());
    cmd.args(["probe", target, "--client", client.to_str().unwrap()])
        .args(more);
    in_chinese(cmd, work)
}

/// The first line of `out` that starts with `start` (its indent taken off).
fn line<'a>(out: &'a str, start: &str) -> &'a str {
    out.lines()
        .map(str::trim_start)
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting {start:?}:\n{out}"))
}

/// The bundle's own dockerd: healthy, in Chinese; dialled by a name its
/// certificate lacks: refused, docker's words quoted and explained in
/// Chinese; and with `--lang en` the English report.
#[test]
fn probe_of_a_real_dockerd_speaks_chinese() {
    let mut stage = stage();
    stage.start_from_daemon_json();
    let client = stage.client_dir("alice");
    let url = format!("tcp://127.0.0.1:{}", stage.port());

    let healthy = probe(stage.work(), &url, &client, &[]);
    assert_eq!(healthy.status, 0, "{}", healthy.all());
    assert_chinese("healthy", &healthy.stdout);
    // The heading, seven checks, the CA names dockerd announces, the verdict.
    assert_eq!(healthy.stdout.lines().count(), 11, "{}", healthy.stdout);
    assert!(
        line(&healthy.stdout, "dockerd 公布了").contains("CN="),
        "{}",
        healthy.stdout
    );
    assert!(
        line(&healthy.stdout, "正常 服务器证书：").contains("SAN：docker.dockcert.test、127.0.0.1"),
        "{}",
        healthy.stdout
    );
    assert!(
        line(&healthy.stdout, "结论：")
            .starts_with(&format!("结论：正常：127.0.0.1:{}", stage.port())),
        "{}",
        healthy.stdout
    );
    let english = probe(stage.work(), &url, &client, &["--lang", "en"]);
    assert!(
        english.stdout.contains("\nVerdict: healthy"),
        "{}",
        english.stdout
    );
    assert!(
        english.stdout.contains("  ok      reachable: "),
        "{}",
        english.stdout
    );

    let hosts = stage.work().join("zh-probe-hosts");
    std::fs::write(&hosts, "127.0.0.1 localhost other.dockcert.test\n").unwrap();
    let other = format!("tcp://other.dockcert.test:{}", stage.port());
    let cmd = with_hosts(
        &hosts,
        dockcert_bin().to_str().unwrap(),
        &["probe", &other, "--client", client.to_str().unwrap()],
    );
    let refused = in_chinese(cmd, stage.work());
    assert_eq!(refused.status, 1, "{}", refused.all());
    assert_chinese("a name not in the SANs", &refused.stdout);
    assert!(
        line(&refused.stdout, "问题 服务器证书：").ends_with("docker 拒绝此证书"),
        "{}",
        refused.stdout
    );
    assert!(
        refused.stdout.contains(
            "docker 的报错：“x509: certificate is valid for docker.dockcert.test, not other.dockcert.test”"
        ),
        "{}",
        refused.stdout
    );
    line(&refused.stdout, "原因：");
    line(&refused.stdout, "解决办法：");
    line(&refused.stdout, "跳过 使用客户端证书：");
    assert_eq!(
        line(&refused.stdout, "结论："),
        "结论：docker 客户端拒绝此守护进程的证书（见上文）"
    );
}

/// dockerd serving the API on plain TCP: the open API, in Chinese.
#[test]
fn probe_of_plain_tcp_dockerd_speaks_chinese() {
    let stage = stage();
    let url = format!("tcp://127.0.0.1:{}", stage.port());
    let flags = [
        "-H".to_owned(),
        format!("unix://{}", stage.socket().display()),
        "-H".to_owned(),
        url.clone(),
    ];
    let _daemon = Daemon::with_flags(&flags, &stage.socket(), stage.work());
    let out = probe(stage.work(), &url, &stage.client_dir("alice"), &[]);
    assert_eq!(out.status, 1, "{}", out.all());
    assert_chinese("plain TCP", &out.stdout);
    line(&out.stdout, "问题 明文 HTTP：");
    assert!(
        line(&out.stdout, "结论：").starts_with("结论：未受保护的 API："),
        "{}",
        out.stdout
    );
}

/// Stops the server this test started when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `openssl s_server` with the bundle's server certificate, letting in a
/// client without one; a port where nothing listens; a name that does not
/// resolve. All in Chinese.
#[test]
fn probe_of_openssl_and_of_nothing_speaks_chinese() {
    let bundle = make_bundle(&["--server", "127.0.0.1", "--client", "alice"]);
    let server = bundle.path("server/127.0.0.1");
    let client = bundle.path("client/alice");
    let port = free_port();
    let child = Command::new("openssl")
        .current_dir(&server)
        .args(["s_server", "-quiet", "-www", "-accept"])
        .arg(format!("127.0.0.1:{port}"))
        .args(["-cert", "server-cert.pem", "-key", "server-key.pem"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server_process = Server(child);
    wait_for_listener(port);
    let url = format!("tcp://127.0.0.1:{port}");
    let work = bundle.path("");
    let open = probe(&work, &url, &client, &["--timeout", "5"]);
    assert_eq!(open.status, 1, "{}", open.all());
    assert_chinese("openssl s_server", &open.stdout);
    assert!(
        line(&open.stdout, "问题 不带客户端证书：").contains("任何能连到此端口的人都能控制该主机"),
        "{}",
        open.stdout
    );
    assert!(
        line(&open.stdout, "结论：").starts_with("结论：未受保护的 API："),
        "{}",
        open.stdout
    );
    drop(server_process);

    let nothing = probe(&work, &url, &client, &["--timeout", "2"]);
    assert_eq!(nothing.status, 1, "{}", nothing.all());
    assert_chinese("nothing listening", &nothing.stdout);
    assert!(
        line(&nothing.stdout, "问题 可连接：").contains("连接被拒绝"),
        "{}",
        nothing.stdout
    );
    assert!(
        nothing
            .stdout
            .contains("docker 的报错：“Cannot connect to the Docker daemon at"),
        "{}",
        nothing.stdout
    );
    assert_eq!(
        nothing.stdout.matches("跳过 ").count(),
        6,
        "{}",
        nothing.stdout
    );

    // A name that does not resolve: the system's words quoted.
    let unknown = probe(
        &work,
        "tcp://nowhere.invalid:2376",
        &client,
        &["--timeout", "2"],
    );
    assert_eq!(unknown.status, 1, "{}", unknown.all());
    assert_chinese("a name that does not resolve", &unknown.stdout);
    assert!(
        line(&unknown.stdout, "问题 可连接：").starts_with("问题 可连接：nowhere.invalid："),
        "{}",
        unknown.stdout
    );
}

/// What probe refuses (exit status 2) is told in Chinese too, the flag,
/// variable or context and the value as they were given.
#[test]
fn refused_inputs_are_told_in_chinese() {
    let bundle = make_bundle(&["--server", "127.0.0.1", "--client", "alice"]);
    let work = bundle.path("");
    let client = bundle.path("client/alice");
    let dir = client.to_str().unwrap();
    let file = |name: &str| client.join(name).to_str().unwrap().to_owned();
    let (ca, key) = (file("ca.pem"), file("key.pem"));
    let missing = work.join("nothing-here");
    let target = "tcp://127.0.0.1:1";
    let cases: [(Vec<&str>, &str); 7] = [
        (
            vec!["127.0.0.1:2376", "--client", dir],
            "dockcert: HOST \"127.0.0.1:2376\"：应为 tcp://HOST:PORT",
        ),
        (
            vec![target, "--client", dir, "--tlskey", &ca],
            "：不是未加密的 PEM 私钥",
        ),
        (
            vec![target, "--client", dir, "--tlscacert", &key],
            "：其中没有证书（PEM 或 DER）",
        ),
        (
            vec![target, "--client", dir, "--tlscert", dir],
            "：这是一个目录；请给出文件",
        ),
        (
            vec![target, "--client", missing.to_str().unwrap()],
            "dockcert: --client（ca.pem） ",
        ),
        (
            vec!["--context", "nowhere"],
            "dockcert: --context \"nowhere\"：没有这个 docker 上下文",
        ),
        (
            vec![],
            "dockcert: 请以 tcp://HOST:PORT 的形式给出要探测的守护进程",
        ),
    ];
    for (args, said) in cases {
        let mut cmd = Command::new(dockcert_bin());
        cmd.arg("probe").args(&args);
        let out = in_chinese(cmd, &work);
        assert_eq!(out.status, 2, "{args:?}\n{}", out.all());
        assert!(out.stdout.is_empty(), "{}", out.all());
        assert!(out.stderr.contains(said), "{args:?}: {}", out.stderr);
        assert_chinese(&format!("{args:?}"), &out.stderr);
    }
}
