//! The New CA form and the result view, as the operator sees them.

use super::*;
use dockcert_core::bundle::{self, CaKeyProtection, KeySet, Layout};
use dockcert_core::plan::Field;
use rand_core::SeedableRng;

fn today() -> Date {
    Date::from_calendar_date(2026, time::Month::November, 23).unwrap()
}

fn typed(state: &mut AppState, input: Input, value: &str) {
    state.apply(Msg::Edit(input, value.to_owned()));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn starts_empty_with_defaults_and_says_why_it_cannot_generate() {
    let state = AppState::new(Lang::En, today(), false);
    // Empty, each field shows its default greyed and takes it.
    assert_eq!(state.form.text(Field::Client), "");
    assert_eq!(state.form.text(Field::KeyType), "");
    assert_eq!(state.form.text(Field::Listen), "");
    assert_eq!(Field::Listen.default_text(), "0.0.0.0:2376");
    assert_eq!(state.check().blocker(), Some(Blocker::NeedHost));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn one_host_and_a_confirmed_passphrase_is_enough() {
    let mut state = AppState::new(Lang::En, today(), false);
    typed(
        &mut state,
        Input::Setting(Field::Server),
        "docker1.example.com,10.0.0.5\n\n",
    );
    assert_eq!(state.check().blocker(), Some(Blocker::NeedPassphrase));
    typed(&mut state, Input::Passphrase, "long enough secret");
    assert_eq!(state.check().blocker(), Some(Blocker::NeedPassphrase));
    typed(&mut state, Input::PassphraseConfirm, "long enough secreT");
    assert_eq!(
        state.check().errors_for(Input::PassphraseConfirm, Lang::En),
        ["Passphrase again: the two entries differ"]
    );
    typed(&mut state, Input::PassphraseConfirm, "long enough secret");
    let check = state.check();
    assert_eq!(check.blocker(), None);
    let plan = check.plan.unwrap();
    assert_eq!(plan.servers[0].name, "docker1.example.com");
    assert_eq!(plan.ca_name, "dockcert CA 2026-11-23");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn the_unencrypted_choice_replaces_the_passphrase() {
    let mut state = AppState::new(Lang::En, today(), false);
    typed(&mut state, Input::Setting(Field::Server), "docker1");
    state.apply(Msg::SetNoPassphrase(true));
    assert!(matches!(
        state.check().protection,
        Ok(CaKeyProtection::Unencrypted)
    ));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn errors_name_their_field_as_the_page_labels_it_in_either_language() {
    let mut state = AppState::new(Lang::En, today(), false);
    typed(&mut state, Input::Setting(Field::Server), "docker1\na..b");
    typed(&mut state, Input::Setting(Field::Days), "0");
    typed(&mut state, Input::Passphrase, "short");
    let check = state.check();
    assert_eq!(
        check.errors_for(Input::Setting(Field::Server), Lang::En),
        ["Docker hosts \"a..b\": \"a..b\" is not a valid DNS name or IP address: empty label (two dots in a row, or a leading dot)"]
    );
    assert_eq!(
        check.errors_for(Input::Setting(Field::Days), Lang::En),
        ["Validity (days) of host and client certificates \"0\": must be a whole number of days from 1 to 3650"]
    );
    assert_eq!(
        check.errors_for(Input::Passphrase, Lang::En),
        ["CA key passphrase: the passphrase is 5 characters long; at least 8 are required"]
    );
    assert!(check
        .errors_for(Input::Setting(Field::Listen), Lang::En)
        .is_empty());
    assert_eq!(
        check.errors_for(Input::Setting(Field::Days), Lang::Zh),
        ["主机和客户端证书的有效期（天）“0”：必须是 1 到 3650 之间的整数天数"]
    );
    assert_eq!(check.blocker(), Some(Blocker::FixFields));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn the_form_asks_what_the_cli_asks() {
    let mut form = Form::default()
        .with(Field::Server, " docker1,10.0.0.5 \n\ndocker2\n")
        .with(Field::Client, "alice\n bob \n");
    let req = form.request(Lang::En);
    let specs: Vec<&str> = req.servers.iter().map(|s| s.spec.as_str()).collect();
    assert_eq!(specs, ["docker1,10.0.0.5", "docker2"]);
    assert_eq!(req.clients, ["alice", "bob"]);
    assert_eq!(req.ca_name, None);
    form.set_text(Field::Client, String::new());
    assert!(
        form.request(Lang::En).clients.is_empty(),
        "no client line means the default client, as in the CLI"
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn progress_and_outcome() {
    let mut state = AppState::new(Lang::Zh, today(), false);
    state.apply(Msg::Started(vec![
        "CA key".into(),
        "server key for h".into(),
    ]));
    assert!(state.busy());
    typed(
        &mut state,
        Input::Setting(Field::Server),
        "ignored while busy",
    );
    assert_eq!(state.form.text(Field::Server), "");
    state.apply(Msg::KeyMade(1));
    state.apply(Msg::KeyMade(9));
    let Phase::Generating(p) = &state.phase else {
        panic!()
    };
    assert_eq!(p.done, [false, true]);
    let boom = Failure::Browser(BrowserError::new(BrowserStep::RsaKey, "boom"));
    state.apply(Msg::Finished(Err(boom.clone())));
    assert_eq!(state.phase, Phase::Failed(boom));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn outcome_shows_every_file_with_its_mode() {
    let mut form = Form::default()
        .with(Field::Server, "docker1.example.com,10.0.0.5")
        .with(Field::Client, "alice");
    form.no_passphrase = true;
    let check = form.check(today(), Lang::En);
    let plan = check.plan.unwrap();
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(3);
    let keys = KeySet::generate(&plan, &mut rng).unwrap();
    let now = time::OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap();
    let made = bundle::build(&plan, keys, &CaKeyProtection::Unencrypted, now, &mut rng).unwrap();
    let outcome = Outcome::from_bundle(&made, NEW_ZIP, 1234, "blob:x".into(), 12.0);
    let files: Vec<&TreeRow> = outcome.tree.iter().filter(|r| r.kind.is_some()).collect();
    assert_eq!(files.len(), made.files().len());
    let key = outcome
        .tree
        .iter()
        .find(|r| r.path == "docker-tls/server/docker1.example.com/server-key.pem")
        .unwrap();
    assert_eq!(key.mode.as_deref(), Some("0400"));
    assert_eq!(key.depth, 3);
    let folder = outcome
        .tree
        .iter()
        .position(|r| r.path == "docker-tls/server/docker1.example.com/")
        .unwrap();
    let file = outcome
        .tree
        .iter()
        .position(|r| r.path == "docker-tls/server/docker1.example.com/ca.pem")
        .unwrap();
    assert!(folder < file);
    assert_eq!(
        outcome.hosts[0].commands[0],
        "sudo ./install.sh --live-restore --expiry-check"
    );
    // The page shows the core's notes: live-restore and the port to open.
    let says: Vec<_> = outcome.hosts[0].notes.iter().map(|n| &n.says).collect();
    assert_eq!(says[0], &dockcert_core::bundle::StepNote::LiveRestore);
    assert_eq!(
        outcome.clients[0].notes[0].says,
        dockcert_core::bundle::StepNote::CheckFails
    );
    assert!(outcome.hosts[0].daemon_json.contains("\"tlsverify\": true"));
    assert!(
        outcome.clients[0].contexts[0].starts_with("docker context create docker1.example.com ")
    );
    assert_eq!(outcome.certs.len(), 3);
    assert!(
        !outcome.warnings.is_empty(),
        "the unencrypted CA key is warned about"
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn the_bundle_speaks_the_pages_language() {
    let readme = |state: &AppState| {
        let plan = state.check().plan.unwrap();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(5);
        let keys = KeySet::generate(&plan, &mut rng).unwrap();
        let now = time::OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap();
        let made =
            bundle::build(&plan, keys, &CaKeyProtection::Unencrypted, now, &mut rng).unwrap();
        String::from_utf8(made.contents("README.txt").unwrap().to_vec()).unwrap()
    };
    let mut state = AppState::new(Lang::Zh, today(), false);
    typed(
        &mut state,
        Input::Setting(Field::Server),
        "docker1.example.com,10.0.0.5",
    );
    state.apply(Msg::SetNoPassphrase(true));
    let zh = readme(&state);
    for said in [
        "证书颁发机构（CA）",
        "证书包中的文件",
        "在每台 Docker 主机上",
        "到期",
    ] {
        assert!(zh.contains(said), "{said}:\n{zh}");
    }
    assert!(
        zh.contains("      sudo ./install.sh --live-restore --expiry-check\n"),
        "commands stay as they are"
    );
    state.apply(Msg::SetLang(Lang::En));
    let en = readme(&state);
    assert!(en.contains("WHAT IS HERE") && !en.contains("证书"), "{en}");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn the_passphrase_is_forgotten_once_the_bundle_is_made() {
    let mut state = AppState::new(Lang::En, today(), false);
    typed(&mut state, Input::Setting(Field::Server), "docker1");
    typed(&mut state, Input::Passphrase, "long enough secret");
    typed(&mut state, Input::PassphraseConfirm, "long enough secret");
    assert_eq!(
        format!("{:?}", state.form.passphrase),
        "SecretText(18 bytes)"
    );
    let plan = state.check().plan.unwrap();
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(4);
    let keys = KeySet::generate(&plan, &mut rng).unwrap();
    let now = time::OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap();
    let made = bundle::build(&plan, keys, &CaKeyProtection::Unencrypted, now, &mut rng).unwrap();
    let outcome = Outcome::from_bundle(&made, NEW_ZIP, 10, "blob:x".into(), 1.0);
    state.apply(Msg::Started(vec!["CA key".into()]));
    state.apply(Msg::Finished(Ok(std::rc::Rc::new(outcome))));
    assert!(state.form.passphrase.is_empty());
    assert!(state.form.passphrase_confirm.is_empty());
    assert_eq!(
        state.form.text(Field::Server),
        "docker1",
        "the rest of the form stays"
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn the_dind_layout_takes_one_host_and_one_client_and_says_so_naming_the_pages_fields() {
    let mut state = AppState::new(Lang::En, today(), false);
    assert_eq!(state.form.layout, Layout::Standard);
    typed(
        &mut state,
        Input::Setting(Field::Server),
        "dind.example.com\ndocker2",
    );
    state.apply(Msg::SetNoPassphrase(true));
    typed(&mut state, Input::Layout, "dind");
    assert_eq!(state.form.get(Input::Layout), "dind");
    assert!(state.touched.contains(&Input::Layout));
    let check = state.check();
    assert_eq!(
        check.errors_for(Input::Layout, Lang::En),
        ["the docker:dind tree is for one dockerd and one client: give exactly one host in \"Docker hosts\" and one client in \"Clients\" (given: 2 and 1)"]
    );
    assert_eq!(
        check.errors_for(Input::Layout, Lang::Zh),
        ["dind（Docker-in-Docker）目录结构只对应一个 dockerd 和一个客户端：请在“Docker 主机”中恰好填写一台主机，在“客户端”中恰好填写一个客户端（现在是 2 台主机、1 个客户端）"]
    );
    assert_eq!(check.blocker(), Some(Blocker::FixFields));

    typed(&mut state, Input::Layout, "something else");
    assert_eq!(state.form.layout, Layout::Dind, "only the select's values");
    typed(
        &mut state,
        Input::Setting(Field::Server),
        "dind.example.com,127.0.0.1",
    );
    let check = state.check();
    assert_eq!(check.blocker(), None);
    assert_eq!(check.layout.as_ref().ok(), Some(&Layout::Dind));

    // The result: the dind tree, and compose instead of host and client folders.
    let plan = check.plan.unwrap();
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(5);
    let keys = KeySet::generate(&plan, &mut rng).unwrap();
    let now = time::OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap();
    let made = bundle::build(&plan, keys, &CaKeyProtection::Unencrypted, now, &mut rng).unwrap();
    let made = Layout::Dind.arrange(made).unwrap();
    let outcome = Outcome::from_bundle(&made, NEW_ZIP, 10, "blob:x".into(), 1.0);
    let key = outcome
        .tree
        .iter()
        .find(|r| r.path == "docker-tls/certs/server/key.pem")
        .unwrap();
    assert_eq!(key.mode.as_deref(), Some("0400"));
    assert!(outcome
        .tree
        .iter()
        .all(|r| r.path != "docker-tls/certs/ca/key.pem"));
    assert!(outcome.hosts.is_empty() && outcome.clients.is_empty());
    let dind = outcome.dind.unwrap();
    assert_eq!(
        (dind.folder.as_str(), dind.command.as_str()),
        ("docker-tls/", "docker compose up")
    );

    typed(&mut state, Input::Layout, "standard");
    assert_eq!(state.check().layout.ok(), Some(Layout::Standard));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn hosts_as_people_type_them_on_the_page() {
    let mut state = AppState::new(Lang::En, today(), false);
    typed(
        &mut state,
        Input::Setting(Field::Server),
        "docker1.corp.cn，10.1.0.5\ndocker2.corp.cn:2376",
    );
    let check = state.check();
    let errors = check.errors_for(Input::Setting(Field::Server), Lang::En);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].ends_with("write the host as docker2.corp.cn here, and the port in \"Listen address\" under Advanced, like 0.0.0.0:2376"),
        "{errors:?}"
    );
    let zh = check.errors_for(Input::Setting(Field::Server), Lang::Zh);
    assert!(zh[0].contains("端口写在“高级选项”的“监听地址”中"), "{zh:?}");
}
