//! `--ansible`: the bundle's inventory and playbook, judged by the real
//! ansible-core and ansible-lint (from PyPI, pinned by `cargo xtask setup`;
//! the playbook's expiry check in ansible_expiry.rs):
//! a syntax check, ansible-lint's production profile, then real runs on this
//! machine (`ansible_connection=local`, everything under a temporary root)
//! for a fleet of two hosts, one of them this machine. A real dockerd then
//! starts from the daemon.json the playbook wrote and the real docker client
//! reaches it with the bundle's client files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::os::unix::fs::{symlink, MetadataExt};
use std::path::Path;
use std::process::Command;

use dockcert_tests::ansible::{
    ansible, assert_lint_passes, assert_syntax_passes, changed, restarts, under,
};
use dockcert_tests::dockerd::Daemon;
use dockcert_tests::judge::{isolate, HostSetup};
use dockcert_tests::{dockcert, files_under, make_bundle, mode_of, new_dir, run, MadeBundle, Run};
use serde_json::{json, Value};

/// The host this machine plays; the other is only in the inventory.
const HERE: &str = "docker.dockcert.test";
const THERE: &str = "docker2.dockcert.test";

/// A two-host fleet bundle made with `--config fleet.toml --ansible`: HERE
/// listens on `setup`'s loopback port with its files in `setup`'s folder.
fn fleet_bundle(setup: &HostSetup) -> MadeBundle {
    let dir = new_dir("fleet");
    let fleet = dir.path().join("fleet.toml");
    fs::write(
        &fleet,
        format!(
            "[[host]]\nname = \"{HERE}\"\nsans = [\"127.0.0.1\"]\nlisten = \"{listen}\"\ninstall_dir = \"{dir}\"\n\n\
             [[host]]\nname = \"{THERE}\"\nsans = [\"10.0.0.2\"]\n\n\
             [[client]]\nname = \"alice\"\n",
            listen = setup.listen(),
            dir = setup.install_dir(),
        ),
    )
    .unwrap();
    make_bundle(&["--config", fleet.to_str().unwrap(), "--ansible"])
}

/// A playbook run on HERE only, everything under `root`.
fn play(bundle: &MadeBundle, root: &Path, extra: &[&str]) -> Run {
    dockcert_tests::ansible::play(&bundle.root, HERE, root, extra)
}

#[test]
fn the_bundle_lists_the_inventory_and_the_playbook() {
    let setup = HostSetup::new();
    let bundle = fleet_bundle(&setup);
    let manifest: Value = serde_json::from_str(&bundle.read("manifest.json")).unwrap();
    let files = manifest["files"].as_array().unwrap();
    for path in ["ansible/inventory.yml", "ansible/dockcert.yml"] {
        let entry = files
            .iter()
            .find(|f| f["path"] == path)
            .unwrap_or_else(|| panic!("{path} not in manifest.json"));
        assert_eq!(entry["mode"], "0644", "{entry}");
        assert_eq!(mode_of(&bundle.path(path)), 0o644);
        let readme = bundle.read("README.txt");
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("  {path} ")))
            .unwrap_or_else(|| panic!("{path} not in README.txt:\n{readme}"));
        assert!(row.contains("  0644  Ansible "), "{row}");
    }
    let readme = bundle.read("README.txt");
    assert!(
        readme.contains(
            "    ansible-playbook -i ansible/inventory.yml ansible/dockcert.yml --check --diff\n"
        ),
        "{readme}"
    );

    // The real inventory parser: both hosts, each with its address and files.
    let listed = ansible(
        "ansible-inventory",
        &bundle.root,
        &["-i", "ansible/inventory.yml", "--list"],
    )
    .ok();
    let inventory: Value = serde_json::from_str(&listed.stdout).unwrap();
    assert_eq!(inventory["dockcert_hosts"]["hosts"], json!([HERE, THERE]));
    let vars = &inventory["_meta"]["hostvars"];
    assert_eq!(vars[HERE]["ansible_host"], HERE);
    assert_eq!(vars[THERE]["ansible_host"], THERE);
    assert_eq!(vars[THERE]["dockcert_install_dir"], "/etc/docker");
    for (name, host) in [(HERE, &vars[HERE]), (THERE, &vars[THERE])] {
        for var in [
            "dockcert_ca",
            "dockcert_cert",
            "dockcert_key",
            "dockcert_daemon_json",
            "dockcert_drop_in",
            "dockcert_expiry_script",
            "dockcert_expiry_data",
        ] {
            let rel = host[var].as_str().unwrap();
            assert!(rel.starts_with(&format!("server/{name}/")), "{var}: {rel}");
            assert!(
                bundle.path(rel).is_file(),
                "{var}: {rel} is not in the bundle"
            );
        }
    }
}

#[test]
fn issue_adds_the_same_and_dind_refuses_it() {
    let setup = HostSetup::new();
    let bundle = fleet_bundle(&setup);
    let out = bundle.tmp.path().join("issued");
    dockcert(
        bundle.tmp.path(),
        &[
            "issue",
            "--ca-cert",
            bundle.path("ca/ca.pem").to_str().unwrap(),
            "--ca-key",
            bundle.path("ca/ca-key.pem").to_str().unwrap(),
            "--passphrase-file",
            bundle.passphrase_file.to_str().unwrap(),
            "--server",
            "docker3.dockcert.test,10.0.0.3",
            "--ansible",
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .ok();
    let inventory = fs::read_to_string(out.join("ansible/inventory.yml")).unwrap();
    assert!(
        inventory.contains(
            "    \"docker3.dockcert.test\":\n      ansible_host: \"docker3.dockcert.test\"\n"
        ),
        "{inventory}"
    );
    assert!(out.join("ansible/dockcert.yml").is_file());

    let refused = dockcert(
        bundle.tmp.path(),
        &[
            "new",
            "--server",
            "docker1.dockcert.test",
            "--ansible",
            "--layout",
            "dind",
            "--no-passphrase",
            "--out",
            "dind",
        ],
    );
    assert_eq!(refused.status, 2, "{}", refused.all());
    assert!(
        refused.all().contains("--ansible and --layout dind"),
        "{}",
        refused.all()
    );
    assert!(!bundle.tmp.path().join("dind").exists());
}

#[test]
fn the_playbook_passes_the_syntax_check_and_ansible_lint() {
    let setup = HostSetup::new();
    let bundle = fleet_bundle(&setup);
    assert_syntax_passes(&bundle.root, "dockcert.yml");
    // ansible-lint's production profile, on the playbook in either language.
    let zh = make_bundle(&["--server", HERE, "--ansible", "--lang", "zh"]);
    for top in [&bundle.root, &zh.root] {
        assert_lint_passes(&top.join("ansible"), "dockcert.yml");
    }
}

#[test]
fn a_real_run_installs_a_host_that_dockerd_starts_from() {
    let setup = HostSetup::new();
    let port = setup.listen().rsplit(':').next().unwrap().to_owned();
    let install_dir = setup.install_dir();
    let bundle = fleet_bundle(&setup);
    let work = Path::new(&install_dir).parent().unwrap().to_path_buf();
    let root = work.join("root");
    fs::create_dir_all(under(&root, "/etc/docker")).unwrap();
    let daemon_json = under(&root, "/etc/docker/daemon.json");
    // The host's own setting, which must survive the merge.
    let host_setting = "{\n    \"labels\": [\"dockcert.test=ansible\"]\n}\n";
    fs::write(&daemon_json, host_setting).unwrap();

    // First run: every file is new (the expiry check's too); docker is
    // restarted once.
    let first = play(&bundle, &root, &[]).ok();
    assert_eq!(changed(&first, HERE), 6, "{}", first.stdout);
    assert_eq!(
        restarts(&root),
        1,
        "the handler ran once:\n{}",
        first.stdout
    );

    let installed = under(&root, &install_dir);
    for (file, mode) in [
        ("ca.pem", 0o444),
        ("server-cert.pem", 0o444),
        ("server-key.pem", 0o400),
    ] {
        let path = installed.join(file);
        assert_eq!(mode_of(&path), mode, "{file}");
        let meta = fs::symlink_metadata(&path).unwrap();
        assert!(meta.file_type().is_file());
        assert_eq!((meta.uid(), meta.gid()), (0, 0), "{file} belongs to root");
        assert_eq!(
            fs::read(&path).unwrap(),
            fs::read(bundle.path(&format!("server/{HERE}/{file}"))).unwrap()
        );
    }
    let drop_in = under(&root, "/etc/systemd/system/docker.service.d/dockcert.conf");
    assert_eq!(
        fs::read_to_string(&drop_in).unwrap(),
        bundle.read(&format!("server/{HERE}/docker.service.d/dockcert.conf"))
    );
    let merged_text = fs::read_to_string(&daemon_json).unwrap();
    let merged: Value = serde_json::from_str(&merged_text).unwrap();
    let ours: Value =
        serde_json::from_str(&bundle.read(&format!("server/{HERE}/daemon.json"))).unwrap();
    let mut expected = json!({ "labels": ["dockcert.test=ansible"] });
    for (key, value) in ours.as_object().unwrap() {
        expected[key] = value.clone();
    }
    assert_eq!(merged, expected, "{merged_text}");
    assert!(
        merged_text.starts_with("{\n  \"labels\""),
        "the host's setting stays first:\n{merged_text}"
    );
    let backups: Vec<String> = files_under(&under(&root, "/etc/docker"))
        .into_iter()
        .filter(|f| f.starts_with("daemon.json.") && f.ends_with('~'))
        .collect();
    assert_eq!(backups.len(), 1, "the old daemon.json is kept: {backups:?}");
    assert_eq!(
        fs::read_to_string(under(&root, "/etc/docker").join(&backups[0])).unwrap(),
        host_setting
    );

    // Second run: nothing to change, no restart.
    let second = play(&bundle, &root, &[]).ok();
    assert_eq!(changed(&second, HERE), 0, "{}", second.stdout);
    assert_eq!(restarts(&root), 1, "the handler did not run again");

    // --check --diff: nothing to do, nothing shown.
    let check = play(&bundle, &root, &["--check", "--diff"]).ok();
    assert_eq!(changed(&check, HERE), 0, "{}", check.stdout);
    assert!(!check.stdout.contains("--- before"), "{}", check.stdout);
    assert_eq!(restarts(&root), 1);

    // A real dockerd from the daemon.json the playbook wrote, with only its
    // unix socket moved into the test's folder; the install folder the file
    // names is linked to the one under the root.
    symlink(&installed, &install_dir).unwrap();
    let socket = work.join("docker.sock");
    let mut config = merged.clone();
    assert_eq!(config["hosts"][0], "unix:///var/run/docker.sock");
    config["hosts"][0] = format!("unix://{}", socket.display()).into();
    let config_file = work.join("daemon.json");
    fs::write(&config_file, config.to_string()).unwrap();
    let daemon_work = work.join("dockerd");
    fs::create_dir(&daemon_work).unwrap();
    let _daemon = Daemon::with_config(&config_file, &socket, &daemon_work);

    let mut docker = Command::new("docker");
    docker
        .args([
            "--tlsverify",
            "--tlscacert=ca.pem",
            "--tlscert=cert.pem",
            "--tlskey=key.pem",
            "-H",
            &format!("tcp://127.0.0.1:{port}"),
            "info",
            "--format",
            "{{json .Labels}}",
        ])
        .current_dir(bundle.path("client/alice"));
    isolate(&mut docker, &daemon_work);
    let labels = run(&mut docker).ok();
    let labels: Value = serde_json::from_str(labels.stdout.trim()).unwrap();
    assert_eq!(labels, json!(["dockcert.test=ansible"]));
}

#[test]
fn a_daemon_json_that_is_not_an_object_is_refused_before_anything_is_written() {
    let setup = HostSetup::new();
    let bundle = fleet_bundle(&setup);
    let root = bundle.tmp.path().join("root");
    fs::create_dir_all(under(&root, "/etc/docker")).unwrap();
    fs::write(under(&root, "/etc/docker/daemon.json"), "[\"log-level\"]\n").unwrap();
    let out = play(&bundle, &root, &[]).failed();
    assert!(
        out.all()
            .contains("daemon.json is not a JSON object dockcert can merge into"),
        "{}",
        out.all()
    );
    assert_eq!(files_under(&root), ["etc/docker/daemon.json"]);
    assert_eq!(restarts(&root), 0);
}
