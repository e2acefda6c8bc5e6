//! The Existing CA and Inspect modes, as the operator sees them: files told
//! apart by content, the CA opened (or refused in the CLI's words), issue
//! and renew checked as the CLI checks them, and inspect reports.

use super::*;
use dockcert_core::bundle::{self, Bundle, CaKeyProtection, KeySet, LeafKeys};
use dockcert_core::import;
use dockcert_core::import::renew::Role;
use dockcert_core::import::{CaUse, KeyState};
use dockcert_core::inspect::Severity;
use dockcert_core::pki::{KeyType, Passphrase, PrivateKey};
use dockcert_core::plan::{Field, Plan, PlanRequest};
use dockcert_core::Localized;
use rand_core::SeedableRng;

const PASS: &str = "correct horse battery staple";

fn now() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap()
}

fn fresh() -> AppState {
    let mut state = AppState::new(Lang::En, now().date(), false);
    state.apply(Msg::SetMode(Mode::ExistingCa));
    state
}

/// A bundle from the core with a new CA named `ca_name`.
fn bundle(ca_name: &str, protection: CaKeyProtection, seed: u64) -> Bundle {
    let request = PlanRequest {
        servers: vec!["docker1.example.com,10.0.0.5".into()],
        clients: vec!["alice".into()],
        ca_name: Some(ca_name.into()),
        ..PlanRequest::default()
    };
    let plan = Plan::from_request(&request, now().date()).unwrap();
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(seed);
    let keys = KeySet::generate(&plan, &mut rng).unwrap();
    bundle::build(&plan, keys, &protection, now(), &mut rng).unwrap()
}

fn file(b: &Bundle, path: &str, name: &str) -> PickedFile {
    PickedFile::read(name, b.contents(path).unwrap().to_vec())
}

fn ca_files(b: &Bundle) -> Vec<PickedFile> {
    vec![
        file(b, "ca/ca-key.pem", "ca-key.pem"),
        file(b, "ca/ca.pem", "ca.pem"),
    ]
}

fn typed(state: &mut AppState, input: Input, value: &str) {
    state.apply(Msg::Edit(input, value.to_owned()));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn each_mode_keeps_its_own_inputs_and_the_mode_stays_while_busy() {
    let mut state = fresh();
    assert_eq!(
        state.existing.form.text(Field::Client),
        "",
        "issue has no default client"
    );
    typed(&mut state, Input::Setting(Field::Server), "docker9");
    assert_eq!(state.existing.form.text(Field::Server), "docker9");
    assert_eq!(state.form.text(Field::Server), "");
    state.apply(Msg::SetMode(Mode::NewCa));
    typed(&mut state, Input::Setting(Field::Server), "docker1");
    assert_eq!(state.existing.form.text(Field::Server), "docker9");

    state.apply(Msg::SetMode(Mode::ExistingCa));
    state.apply(Msg::Started(vec!["server key for docker9".into()]));
    assert!(state.busy());
    assert_eq!(
        state.phase,
        Phase::Editing,
        "the New CA result is untouched"
    );
    state.apply(Msg::SetMode(Mode::Inspect));
    assert_eq!(state.mode, Mode::ExistingCa);
    state.apply(Msg::KeyMade(0));
    let boom = Failure::Browser(BrowserError::bare(BrowserStep::Download));
    state.apply(Msg::Finished(Err(boom.clone())));
    assert_eq!(state.existing.phase, Phase::Failed(boom));
    state.apply(Msg::SetMode(Mode::Inspect));
    assert_eq!(state.mode, Mode::Inspect);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn dropped_files_are_told_apart_by_content_and_a_plain_key_opens_at_once() {
    let made = bundle("Plain CA", CaKeyProtection::Unencrypted, 1);
    let mut state = fresh();
    assert_eq!(
        state.existing_check().blocker,
        Some(ExistingBlocker::NeedCa)
    );
    let mut dropped = ca_files(&made);
    // Names say nothing: the contents decide.
    dropped[0].name = "one".into();
    dropped[1].name = "two".into();
    dropped.push(PickedFile::read("notes.txt", b"hello".to_vec()));
    state.apply(Msg::CaFiles(CaSlot::Either, dropped, now()));
    let ex = &state.existing.ca;
    assert_eq!(ex.cert.as_ref().unwrap().name, "two");
    assert_eq!(ex.key.as_ref().unwrap().name, "one");
    let unrecognised: Vec<String> = ex.unrecognised.iter().map(ToString::to_string).collect();
    assert_eq!(
        unrecognised,
        ["\"notes.txt\": neither a certificate nor a private key (expected PEM or DER)"]
    );
    assert_eq!(
        ex.cert.as_ref().unwrap().ca_name().as_deref(),
        Some("Plain CA")
    );
    assert_eq!(
        ex.key.as_ref().unwrap().state,
        Ok(KeyState::Plain(import::KeyFormat::Pkcs8))
    );
    assert!(!ex.key_encrypted(), "no passphrase field for a plain key");
    assert!(
        ex.opened.is_some(),
        "a plain key is opened and matched at once"
    );

    let check = state.existing_check();
    assert_eq!(check.blocker, Some(ExistingBlocker::NeedHostOrClient));
    typed(&mut state, Input::Setting(Field::Server), "docker1\na..b");
    assert_eq!(
        state.existing_check().errors_for(Input::Setting(Field::Server), Lang::En),
        ["Docker hosts \"a..b\": \"a..b\" is not a valid DNS name or IP address: empty label (two dots in a row, or a leading dot)"]
    );
    typed(
        &mut state,
        Input::Setting(Field::Server),
        "docker2.example.com,10.0.0.6",
    );
    let job = state.existing_job(now()).unwrap();
    assert!(matches!(job.ca, SigningCa::Opened(_)));
    assert_eq!(job.zip, ISSUED_ZIP);
    assert!(job.plan.clients.is_empty(), "no client unless asked for");
    assert_eq!(job.plan.lang, Lang::En);
    state.apply(Msg::SetLang(Lang::Zh));
    assert_eq!(
        state.existing_job(now()).unwrap().plan.lang,
        Lang::Zh,
        "README.txt follows the page's language"
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn an_encrypted_key_asks_for_its_passphrase_and_a_wrong_one_gets_the_cli_words() {
    let pass = Passphrase::new(PASS.as_bytes().to_vec()).unwrap();
    let made = bundle("Locked CA", CaKeyProtection::Passphrase(pass), 2);
    let mut state = fresh();
    state.apply(Msg::CaFiles(
        CaSlot::Cert,
        vec![file(&made, "ca/ca.pem", "ca.pem")],
        now(),
    ));
    assert_eq!(
        state.existing_check().blocker,
        Some(ExistingBlocker::NeedCa)
    );
    state.apply(Msg::CaFiles(
        CaSlot::Key,
        vec![file(&made, "ca/ca-key.pem", "ca-key.pem")],
        now(),
    ));
    assert!(state.existing.ca.key_encrypted());
    assert_eq!(
        state.existing.ca.key.as_ref().unwrap().state,
        Ok(KeyState::Encrypted(import::KeyFormat::EncryptedPkcs8))
    );
    typed(&mut state, Input::Setting(Field::Client), "bob");
    assert_eq!(
        state.existing_check().blocker,
        Some(ExistingBlocker::NeedPassphrase)
    );
    typed(&mut state, Input::CaPassphrase, "not the passphrase");
    let job = state.existing_job(now()).unwrap();
    let SigningCa::ToOpen(open) = job.ca else {
        panic!("an encrypted key is opened by the pipeline")
    };
    let problem = open.open(now()).unwrap_err();
    assert_eq!(CaField::of(&problem), CaField::Passphrase);
    assert_eq!(
        problem.to_string(),
        "passphrase: the passphrase does not open the CA key \"ca-key.pem\"; nothing was written"
    );
    assert_eq!(
        problem.text(Lang::Zh),
        "passphrase：口令无法打开 CA 私钥 \"ca-key.pem\"；没有写入任何文件"
    );
    state.apply(Msg::CaOpening);
    assert!(state.busy());
    state.apply(Msg::CaOpened(Err(problem.clone())));
    assert!(!state.busy());
    assert_eq!(
        state.existing.ca.problem(CaField::Passphrase, CaUse::Sign),
        Some(&problem)
    );
    assert_eq!(
        state.existing_check().blocker,
        Some(ExistingBlocker::NeedPassphrase)
    );
    typed(&mut state, Input::CaPassphrase, PASS);
    assert_eq!(
        state.existing.ca.problem(CaField::Passphrase, CaUse::Sign),
        None
    );
    let opened = state
        .existing
        .ca
        .open_job(CaUse::Sign)
        .unwrap()
        .open(now())
        .unwrap();
    assert_eq!(opened.ca().key.key_type(), KeyType::EcdsaP256);
    state.apply(Msg::CaOpened(Ok(opened)));
    assert!(matches!(
        state.existing_job(now()).unwrap().ca,
        SigningCa::Opened(_)
    ));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_key_of_another_ca_and_a_leaf_for_a_ca_are_refused_in_the_cli_words() {
    let a = bundle("CA A", CaKeyProtection::Unencrypted, 3);
    let b = bundle("CA B", CaKeyProtection::Unencrypted, 4);
    let mut state = fresh();
    state.apply(Msg::CaFiles(
        CaSlot::Either,
        vec![
            file(&a, "ca/ca.pem", "ca.pem"),
            file(&b, "ca/ca-key.pem", "ca-key.pem"),
        ],
        now(),
    ));
    assert_eq!(
        state.existing.ca.problem(CaField::Key, CaUse::Sign).map(ToString::to_string).as_deref(),
        Some("--ca-key \"ca-key.pem\": the key does not belong to the certificate \"CA A\": their public keys differ")
    );
    assert_eq!(state.existing_check().blocker, Some(ExistingBlocker::FixCa));

    state.apply(Msg::CaFiles(
        CaSlot::Cert,
        vec![file(
            &a,
            "server/docker1.example.com/server-cert.pem",
            "server-cert.pem",
        )],
        now(),
    ));
    assert_eq!(
        state.existing.ca.problem(CaField::Cert, CaUse::Sign).map(ToString::to_string).as_deref(),
        Some("--ca-cert \"server-cert.pem\": the certificate \"docker1.example.com\" is not a CA: its basicConstraints does not say CA:TRUE")
    );
    let later = now() + time::Duration::days(3651);
    state.apply(Msg::CaFiles(
        CaSlot::Cert,
        vec![file(&a, "ca/ca.pem", "ca.pem")],
        later,
    ));
    assert!(state
        .existing
        .ca
        .problem(CaField::Cert, CaUse::Sign)
        .unwrap()
        .to_string()
        .starts_with("--ca-cert \"ca.pem\": the CA \"CA A\" expired on "));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn renew_keeps_the_names_and_refuses_a_certificate_of_another_ca() {
    let a = bundle("CA A", CaKeyProtection::Unencrypted, 5);
    let b = bundle("CA B", CaKeyProtection::Unencrypted, 6);
    let mut state = fresh();
    state.apply(Msg::SetTask(Task::Renew));
    state.apply(Msg::CaFiles(CaSlot::Either, ca_files(&a), now()));
    assert_eq!(
        state.existing_check().blocker,
        Some(ExistingBlocker::NeedRenewCert)
    );
    let old = "server/docker1.example.com/server-cert.pem";
    state.apply(Msg::RenewFile(vec![file(&a, old, "server-cert.pem")]));
    let renewal = state
        .existing
        .renew
        .as_ref()
        .unwrap()
        .renewal
        .clone()
        .unwrap();
    assert_eq!(renewal.role, Role::Server);
    assert_eq!(renewal.spec, "docker1.example.com,10.0.0.5");
    assert!(renewal.notes.is_empty());
    let check = state.existing_check();
    assert_eq!(check.blocker, None);
    let job = state.existing_job(now()).unwrap();
    assert_eq!(job.zip, RENEWED_ZIP);
    assert_eq!(job.plan.servers[0].name, "docker1.example.com");
    assert_eq!(job.plan.servers[0].sans.len(), 2);
    assert_eq!(job.plan.key_type, KeyType::EcdsaP256, "the old key's type");
    typed(&mut state, Input::Setting(Field::KeyType), "ed25519");
    assert_eq!(
        state.existing.form.text(Field::KeyType),
        "",
        "issue's own choice (none yet: the default) stays"
    );
    let job = state.existing_job(now()).unwrap();
    assert_eq!(job.plan.key_type, KeyType::Ed25519);
    state.apply(Msg::SetLang(Lang::Zh));
    assert_eq!(state.existing_job(now()).unwrap().plan.lang, Lang::Zh);
    state.apply(Msg::SetLang(Lang::En));

    state.apply(Msg::RenewFile(vec![file(&b, old, "other.pem")]));
    assert_eq!(
        state.existing_check().renew_problem.map(|p| p.to_string()).as_deref(),
        Some("\"other.pem\": it was issued by \"CN=CA B\", not by the CA in --ca-cert (\"CN=CA A\"); renew it with the CA that issued it")
    );
    assert!(state.existing_job(now()).is_none());
    state.apply(Msg::RenewFile(vec![file(&a, "ca/ca.pem", "ca.pem")]));
    assert_eq!(
        state.existing_check().renew_problem.map(|p| p.to_string()).as_deref(),
        Some("\"ca.pem\": this is a CA certificate; renew server and client certificates, or make a new CA with `dockcert new`")
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn an_issued_outcome_lists_the_ca_certificate_but_never_its_key() {
    let a = bundle("CA A", CaKeyProtection::Unencrypted, 7);
    let ca = import::import_ca(
        a.contents("ca/ca.pem").unwrap(),
        a.contents("ca/ca-key.pem").unwrap(),
        None,
        now(),
    )
    .unwrap();
    let plan = Plan::from_request(
        &Form::for_existing_ca()
            .with(Field::Server, "docker3.example.com")
            .issue_request(Lang::En),
        now().date(),
    )
    .unwrap();
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(8);
    let key = PrivateKey::generate(KeyType::EcdsaP256, &mut rng).unwrap();
    let leaves = LeafKeys::from_slots(&plan, vec![key]).unwrap();
    let made = bundle::build_issued(&plan, ca, leaves, now(), &mut rng).unwrap();
    let outcome = Outcome::from_bundle(&made, ISSUED_ZIP, 10, "blob:y".into(), 1.0);
    assert!(!outcome.ca_key_included);
    assert_eq!(outcome.tree[0].path, "docker-tls-issued/");
    assert!(outcome
        .tree
        .iter()
        .any(|r| r.path == "docker-tls-issued/ca/ca.pem"));
    assert!(!outcome.tree.iter().any(|r| r.path.ends_with("ca-key.pem")));
    assert_eq!(
        outcome.hosts[0].folder,
        "docker-tls-issued/server/docker3.example.com/"
    );
    assert_eq!(outcome.certs[0].name, "CA A");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn inspect_reads_a_zip_with_its_modes_and_checks_the_host() {
    let made = bundle("CA A", CaKeyProtection::Unencrypted, 9);
    let zip = dockcert_core::bundle::archive::to_zip(&made, "docker-tls").unwrap();
    let mut state = AppState::new(Lang::En, now().date(), false);
    state.apply(Msg::SetMode(Mode::Inspect));
    assert_eq!(state.inspection.report, None);
    state.apply(Msg::InspectFiles(
        vec![
            PickedFile::read("docker-tls.zip", zip.to_vec()),
            PickedFile::read("huge.pem", vec![b'x'; MAX_FILE + 1]),
        ],
        now(),
    ));
    let ins = &state.inspection;
    assert_eq!(ins.gathered.skipped.len(), 1);
    assert!(ins.gathered.skipped[0]
        .to_string()
        .starts_with("\"huge.pem\": it is 1048577 bytes, larger than the 1024 KiB"));
    let key = ins
        .gathered
        .files
        .iter()
        .find(|f| f.path == "docker-tls/server/docker1.example.com/server-key.pem")
        .unwrap();
    assert_eq!(key.mode, Some(0o400), "the zip's modes are kept");
    let report = ins.report.as_ref().unwrap();
    let errors: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| (f.code, f.file.as_deref()))
        .collect();
    assert_eq!(
        errors,
        [("not-read", Some("huge.pem"))],
        "the bundle is healthy; the file not read is said, not skipped silently"
    );

    typed(&mut state, Input::Host, "docker2.example.com");
    let report = state.inspection.report.as_ref().unwrap();
    let finding = report
        .findings
        .iter()
        .find(|f| f.code == "host-not-covered")
        .unwrap();
    assert_eq!(finding.severity, Severity::Error);
    assert!(
        matches!(
            &finding.problem,
            dockcert_core::inspect::Problem::HostNotCovered { host, no_ip_sans: false, .. }
                if host == "docker2.example.com"
        ),
        "{finding:?}"
    );

    state.apply(Msg::InspectClear);
    assert_eq!(state.inspection.report, None);
    assert!(state.inspection.gathered.files.is_empty());
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn pasted_messages_are_explained_as_typed() {
    use dockcert_core::inspect::explain::{Explanation, SaidBy};
    let mut state = AppState::new(Lang::Zh, now().date(), false);
    state.apply(Msg::SetMode(Mode::Inspect));
    assert!(state.inspection.explanations().is_empty());
    typed(
        &mut state,
        Input::Explain,
        "tls: failed to verify certificate: x509: certificate relies on legacy Common Name field, use SANs instead",
    );
    let found = state.inspection.explanations();
    assert_eq!(found, [Explanation::LegacyCommonName]);
    assert_eq!(found[0].said_by(), SaidBy::Client);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn the_cas_inventory_dropped_beside_it_comes_back_updated_in_the_zips_ca_folder() {
    let made = bundle("Plain CA", CaKeyProtection::Unencrypted, 1);
    let before = made.contents("ca/inventory.jsonl").unwrap().to_vec();
    let mut state = fresh();
    let mut dropped = ca_files(&made);
    dropped.push(PickedFile::read("inventory.jsonl", before.clone()));
    state.apply(Msg::CaFiles(CaSlot::Either, dropped, now()));
    let ex = &state.existing.ca;
    assert!(ex.unrecognised.is_empty(), "{:?}", ex.unrecognised);
    assert!(ex.opened.is_some());
    let inv = ex.inventory.clone().unwrap().unwrap();
    assert_eq!((inv.records, inv.problems.len()), (3, 0));
    typed(&mut state, Input::Setting(Field::Client), "bob");
    let job = state.existing_job(now()).unwrap();
    assert_eq!(&job.inventory[..], &before[..]);

    // What the page's issue pipeline makes of it.
    let SigningCa::Opened(ca) = &job.ca else {
        panic!("a plain key is open")
    };
    let issued = |inventory: &[u8]| {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(4);
        let keys = vec![PrivateKey::generate(job.plan.key_type, &mut rng).unwrap()];
        let leaves = LeafKeys::from_slots(&job.plan, keys).unwrap();
        let ca = ca.to_imported().with_inventory(inventory.to_vec());
        bundle::build_issued(&job.plan, ca, leaves, job.now, &mut rng).unwrap()
    };
    let b = issued(&job.inventory);
    let back = b.contents("ca/inventory.jsonl").unwrap();
    assert!(
        back.starts_with(&before),
        "given back as it was, lines appended"
    );
    let read = import::inventory::read(back);
    assert_eq!(read.records.len(), 4);
    assert_eq!(read.records[3].record.name, "bob");
    assert_eq!(
        read.records[3].record.bundle.as_deref(),
        Some("docker-tls-issued.zip")
    );

    // Picked on its own later, it leaves the opened CA as it was; its
    // damaged lines are told, and do not stop issuing.
    let damaged = PickedFile::read("old.jsonl", b"garbage\n".to_vec());
    state.apply(Msg::CaFiles(CaSlot::Inventory, vec![damaged], now()));
    let ex = &state.existing.ca;
    assert!(ex.opened.is_some());
    let inv = ex.inventory.clone().unwrap().unwrap();
    assert_eq!((inv.records, inv.problems.len()), (0, 1));
    assert!(state.existing_job(now()).is_some());

    // None handed in: the zip's ca/ starts one with the new certificate.
    let mut fresh_state = fresh();
    fresh_state.apply(Msg::CaFiles(CaSlot::Either, ca_files(&made), now()));
    typed(&mut fresh_state, Input::Setting(Field::Client), "bob");
    let job = fresh_state.existing_job(now()).unwrap();
    assert!(job.inventory.is_empty());
    let started = issued(&job.inventory);
    let read = import::inventory::read(started.contents("ca/inventory.jsonl").unwrap());
    assert_eq!(read.records.len(), 1);
}
