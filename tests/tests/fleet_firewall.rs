//! Fleets and firewalls: `dockcert new --config fleet.toml` reproduces a
//! whole plan from one file (combined with flags), bad files are refused with
//! file, line and field; `--allow-from` rules are accepted by nftables
//! (checked, and loaded into a private network namespace) and are rich rules
//! firewalld's own parser accepts.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;
use std::process::Command;

use dockcert_tests::{
    dockcert, files_under, new_dir, require_tool, run, MadeBundle, Run, PASSPHRASE,
};

const FLEET: &str = r#"# Reviewed by the platform team.
[ca]
name = "Acme Docker CA"
days = 1825
key_type = "ecdsa-p384"

[defaults]
days = 90
allow_from = ["10.20.0.0/16", "fd00:20::/48"]

[[host]]
name = "build1.acme.test"
sans = ["10.20.0.11"]
listen = "10.20.0.11:2376"

[[host]]
name = "build2.acme.test"
sans = ["10.20.0.12"]
install_dir = "/opt/docker-tls"
allow_from = ["10.20.5.0/24"]

[[client]]
name = "ci-runner"

[[client]]
name = "alice@acme.test"
"#;

fn fleet_bundle(extra: &[&str]) -> MadeBundle {
    let tmp = new_dir("fl");
    let config = tmp.path().join("fleet.toml");
    fs::write(&config, FLEET).unwrap();
    fs::write(tmp.path().join("pass.txt"), format!("{PASSPHRASE}\n")).unwrap();
    let zip = tmp.path().join("fleet.zip");
    let mut args = vec![
        "new",
        "--config",
        "fleet.toml",
        "--passphrase-file",
        "pass.txt",
        "--out",
        "fleet.zip",
    ];
    args.extend_from_slice(extra);
    dockcert(tmp.path(), &args).ok();
    let b = MadeBundle::unpack(&zip, PASSPHRASE);
    drop(tmp);
    b
}

fn json(b: &MadeBundle, path: &str) -> serde_json::Value {
    serde_json::from_str(&b.read(path)).unwrap()
}

#[test]
fn one_file_reproduces_the_plan() {
    let b = fleet_bundle(&[]);
    let manifest = json(&b, "manifest.json");
    assert_eq!(manifest["ca_name"], "Acme Docker CA");
    assert_eq!(manifest["key_type"], "ecdsa-p384");
    let d1 = json(&b, "server/build1.acme.test/daemon.json");
    assert_eq!(d1["hosts"][1], "tcp://10.20.0.11:2376");
    assert_eq!(d1["tlscert"], "/etc/docker/server-cert.pem");
    let d2 = json(&b, "server/build2.acme.test/daemon.json");
    assert_eq!(d2["hosts"][1], "tcp://0.0.0.0:2376");
    assert_eq!(d2["tlscert"], "/opt/docker-tls/server-cert.pem");
    assert!(b.path("client/ci-runner/cert.pem").is_file());
    assert!(b.path("client/alice@acme.test/key.pem").is_file());
    let certs = manifest["certificates"].as_array().unwrap();
    let leaf = certs.iter().find(|c| c["role"] == "server").unwrap();
    let days = |c: &serde_json::Value| {
        let parse = |k: &str| {
            let out =
                run(Command::new("date").args(["-u", "-d", c[k].as_str().unwrap(), "+%s"])).ok();
            out.stdout.trim().parse::<i64>().unwrap()
        };
        (parse("not_after") - parse("not_before")) / 86400
    };
    assert_eq!(days(leaf), 90, "defaults.days");
    assert_eq!(days(&certs[0]), 1825, "ca.days");
    // The host's own allow_from replaces the defaults.
    let nft2 = b.read("server/build2.acme.test/firewall/nftables.conf");
    assert!(
        nft2.contains("10.20.5.0/24") && !nft2.contains("10.20.0.0/16"),
        "{nft2}"
    );
    let readme = b.read("README.txt");
    // Each host's steps open its port to its own networks, with the rules
    // its firewall files hold.
    let words = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Open port 2376/tcp to 10.20.0.0/16, fd00:20::/48 alone.")
            && words.contains("Open port 2376/tcp to 10.20.5.0/24 alone.")
            && readme.contains("sudo firewall-cmd --permanent --add-rich-rule='rule family=\"ipv4\" source address=\"10.20.5.0/24\" port port=\"2376\" protocol=\"tcp\" accept'"),
        "{readme}"
    );
}

#[test]
fn flags_combine_with_the_file() {
    let b = fleet_bundle(&[
        "--server",
        "build3.acme.test,10.20.0.13",
        "--client",
        "bob",
        "--days",
        "30",
        "--allow-from",
        "192.168.7.0/24",
    ]);
    assert!(
        b.path("server/build3.acme.test/server-cert.pem").is_file(),
        "--server adds a host"
    );
    assert!(
        b.path("client/bob/cert.pem").is_file(),
        "--client adds a client"
    );
    let manifest = json(&b, "manifest.json");
    let leaf = &manifest["certificates"][1];
    assert!(
        leaf["not_after"].as_str().unwrap()
            < manifest["certificates"][0]["not_after"].as_str().unwrap()
    );
    let nft3 = b.read("server/build3.acme.test/firewall/nftables.conf");
    assert!(
        nft3.contains("192.168.7.0/24") && !nft3.contains("10.20.0.0/16"),
        "--allow-from wins over [defaults]"
    );
    let nft2 = b.read("server/build2.acme.test/firewall/nftables.conf");
    assert!(
        nft2.contains("10.20.5.0/24"),
        "a host's own allow_from wins over the flag"
    );
}

#[track_caller]
fn refused(dir: &Path, config: &str, says: &str) {
    fs::write(dir.join("fleet.toml"), config).unwrap();
    let before = files_under(dir);
    let run: Run = dockcert(
        dir,
        &[
            "new",
            "--config",
            "fleet.toml",
            "--no-passphrase",
            "--out",
            "out.zip",
        ],
    );
    assert_eq!(run.status, 2, "{}", run.all());
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(says),
        "expected {says:?} in {}",
        run.stderr
    );
    assert_eq!(files_under(dir), before);
}

#[test]
fn bad_files_name_the_file_line_and_field() {
    let tmp = new_dir("fb");
    let dir = tmp.path();
    refused(
        dir,
        &FLEET.replace("listen = \"10.20.0.11:2376\"", "listen = \"10.20.0.11\""),
        "dockcert: fleet.toml:14: host[1].listen \"10.20.0.11\": must be HOST:PORT",
    );
    refused(
        dir,
        &FLEET.replace(
            "sans = [\"10.20.0.12\"]",
            "sans = [\"10.20.0.12\", \"999.1.1.1\"]",
        ),
        "fleet.toml:18: host[2].sans[2] \"999.1.1.1\": not a valid IPv4 address",
    );
    refused(
        dir,
        &FLEET.replace("days = 90", "days = 9000"),
        "fleet.toml:8: defaults.days \"9000\": must be a whole number of days from 1 to 3650",
    );
    refused(
        dir,
        &FLEET.replace("key_type = \"ecdsa-p384\"", "key_type = \"rsa-1024\""),
        "fleet.toml:5: ca.key_type \"rsa-1024\": too weak",
    );
    refused(
        dir,
        &FLEET.replace(
            "[[client]]\nname = \"ci-runner\"",
            "[[client]]\nname = \"ci/runner\"",
        ),
        "fleet.toml:23: client[1].name \"ci/runner\"",
    );
    refused(
        dir,
        &FLEET.replace("install_dir", "instal_dir"),
        "fleet.toml:19: unknown field `instal_dir`",
    );
    refused(dir, "[ca\nname = 1\n", "fleet.toml:1: ");
    let missing = dockcert(
        dir,
        &[
            "new",
            "--config",
            "nope.toml",
            "--no-passphrase",
            "--out",
            "o.zip",
        ],
    );
    assert_eq!(missing.status, 2);
    assert!(
        missing
            .stderr
            .contains("--config \"nope.toml\": cannot read it"),
        "{}",
        missing.stderr
    );
    let bad_net = dockcert(
        dir,
        &[
            "new",
            "--server",
            "h.acme.test",
            "--allow-from",
            "10.0.0.5/24",
            "--no-passphrase",
            "--out",
            "o.zip",
        ],
    );
    assert_eq!(bad_net.status, 2);
    assert!(bad_net.stderr.contains("--allow-from \"10.0.0.5/24\": 10.0.0.5 has host bits set for /24; did you mean 10.0.0.0/24?"), "{}", bad_net.stderr);
}

#[test]
fn nftables_accepts_the_rules_and_loads_them() {
    require_tool("nft");
    let b = fleet_bundle(&[]);
    for host in ["build1.acme.test", "build2.acme.test"] {
        let file = b.path(&format!("server/{host}/firewall/nftables.conf"));
        run(Command::new("nft").arg("-c").arg("-f").arg(&file)).ok();
        // Loaded for real, in a network namespace of its own.
        let listed = run(Command::new("unshare")
            .args([
                "--net",
                "sh",
                "-c",
                "nft -f \"$0\" && nft -f \"$0\" && nft list table inet dockcert_docker_tls",
            ])
            .arg(&file))
        .ok();
        assert!(
            listed
                .stdout
                .contains("tcp dport 2376 counter packets 0 bytes 0 drop"),
            "{}",
            listed.stdout
        );
        assert!(
            listed.stdout.contains("ip saddr @allowed_v4 accept"),
            "{}",
            listed.stdout
        );
    }
    let v6 = b.read("server/build1.acme.test/firewall/nftables.conf");
    assert!(v6.contains("fd00:20::/48") && v6.contains("ip6 saddr @allowed_v6 accept"));
}

#[test]
fn firewalld_rich_rules_parse_and_the_script_is_clean() {
    require_tool("shellcheck");
    let b = fleet_bundle(&[]);
    let script = b.path("server/build1.acme.test/firewall/firewalld.sh");
    run(Command::new("shellcheck").args(["-s", "sh"]).arg(&script)).ok();
    let text = b.read("server/build1.acme.test/firewall/firewalld.sh");
    let rules: Vec<&str> = text
        .lines()
        .filter_map(|l| {
            l.split_once("--add-rich-rule='")
                .map(|(_, r)| r.trim_end_matches('\''))
        })
        .collect();
    assert_eq!(rules.len(), 2, "{text}");
    // firewalld's own rich-rule parser (Debian's python3-firewall).
    let check = "import sys\nfrom firewall.core.rich import Rich_Rule\nfor r in sys.argv[1:]:\n    Rich_Rule(rule_str=r).check()\n    print('ok', r)\n";
    let parsed = run(Command::new("/usr/bin/python3")
        .arg("-c")
        .arg(check)
        .args(&rules))
    .ok();
    assert_eq!(
        parsed
            .stdout
            .lines()
            .filter(|l| l.starts_with("ok "))
            .count(),
        2,
        "{}",
        parsed.stdout
    );
    // The parser is a real judge: a misspelt rule fails.
    let bad = run(Command::new("/usr/bin/python3")
        .arg("-c")
        .arg(check)
        .arg("rule family=\"ipv4\" source adress=\"10.0.0.0/8\" accept"));
    assert_ne!(bad.status, 0);
    for line in text.lines().filter(|l| l.starts_with("firewall-cmd")) {
        assert!(
            line.contains("--permanent") || line == "firewall-cmd --reload",
            "{line}"
        );
    }
}

#[test]
fn without_allow_from_there_are_no_firewall_files() {
    let tmp = new_dir("fn");
    dockcert(
        tmp.path(),
        &[
            "new",
            "--server",
            "h.acme.test",
            "--no-passphrase",
            "--out",
            "b",
        ],
    )
    .ok();
    assert!(!files_under(&tmp.path().join("b"))
        .iter()
        .any(|f| f.contains("firewall/")));
}
