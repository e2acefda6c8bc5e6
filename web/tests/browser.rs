//! The page's browser side, in headless Chromium and Firefox: WebCrypto makes RSA keys
//! the core accepts, the whole generation pipeline (keys, signing, zip,
//! download) reports its progress and ends with every file listed, the
//! issue pipeline opens an existing CA's key and never zips it, and picked
//! files are read whole.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::panic)]

use std::cell::RefCell;
use std::rc::Rc;

use dockcert_core::bundle::{self, CaKeyProtection, KeySet, Layout};
use dockcert_core::pki::{KeyType, Passphrase, PrivateKey};
use dockcert_core::plan::{Field, Plan, PlanRequest};
use dockcert_web::state::{
    AppState, CaSlot, Input, Mode, Msg, Phase, PickedFile, SigningCa, ISSUED_ZIP,
};
use dockcert_web::{browser, generate};
use wasm_bindgen_test::wasm_bindgen_test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn webcrypto_rsa_keys_load_in_the_core() {
    for key_type in [KeyType::Rsa2048, KeyType::Rsa3072] {
        let der = browser::rsa_pkcs8(key_type).await.unwrap();
        let key = PrivateKey::from_pkcs8_der(key_type, der.to_vec()).unwrap();
        assert!(key
            .to_pem()
            .unwrap()
            .starts_with("-----BEGIN PRIVATE KEY-----"));
    }
}

async fn pipeline(key_type: KeyType) {
    let today = browser::now().date();
    let request = PlanRequest {
        servers: vec![
            "docker1.example.com,10.0.0.5".into(),
            "docker2.example.com".into(),
        ],
        clients: vec!["alice".into()],
        key_type: Some(key_type.as_str().into()),
        ..PlanRequest::default()
    };
    let plan = Plan::from_request(&request, today).unwrap();
    let pass = Passphrase::new(b"correct horse battery".to_vec()).unwrap();
    let seen: Rc<RefCell<Vec<Msg>>> = Rc::default();
    let sink = seen.clone();
    generate::run(
        plan,
        Layout::Standard,
        CaKeyProtection::Passphrase(pass),
        move |m| sink.borrow_mut().push(m),
    )
    .await;

    let msgs = seen.borrow();
    let mut state = dockcert_web::state::AppState::new(Default::default(), today, false);
    for m in msgs.iter() {
        state.apply(m.clone());
    }
    let made = msgs.iter().filter(|m| matches!(m, Msg::KeyMade(_))).count();
    assert_eq!(
        made, 4,
        "one progress report per key: CA, two hosts, one client"
    );
    let Phase::Done(outcome) = &state.phase else {
        panic!("generation did not finish: {:?}", state.phase);
    };
    assert!(outcome.download_url.starts_with("blob:"));
    assert!(outcome.zip_size > 1000);
    assert_eq!(outcome.hosts.len(), 2);
    let key = outcome
        .tree
        .iter()
        .find(|r| r.path == "docker-tls/client/alice/key.pem")
        .unwrap();
    assert_eq!(key.mode.as_deref(), Some("0400"));
}

#[wasm_bindgen_test]
async fn the_pipeline_makes_an_ecdsa_bundle() {
    pipeline(KeyType::EcdsaP256).await;
}

#[wasm_bindgen_test]
async fn the_pipeline_makes_an_rsa_bundle_with_webcrypto() {
    pipeline(KeyType::Rsa2048).await;
}

/// A new CA from the core, its certificate and key as the page would read
/// them from files.
fn ca_files(protection: CaKeyProtection) -> Vec<PickedFile> {
    let now = browser::now();
    let request = PlanRequest {
        servers: vec!["old.example.com".into()],
        ca_name: Some("Browser CA".into()),
        ..PlanRequest::default()
    };
    let plan = Plan::from_request(&request, now.date()).unwrap();
    let mut rng = browser::seeded_rng().unwrap();
    let keys = KeySet::generate(&plan, &mut rng).unwrap();
    let made = bundle::build(&plan, keys, &protection, now, &mut rng).unwrap();
    ["ca/ca.pem", "ca/ca-key.pem"]
        .iter()
        .map(|p| PickedFile::read(p, made.contents(p).unwrap().to_vec()))
        .collect()
}

/// The Existing CA mode with the CA loaded, `passphrase` typed and one host
/// and one client asked for with `key_type`.
fn existing_state(passphrase: &str, key_type: KeyType) -> AppState {
    let pass = Passphrase::new(b"correct horse battery".to_vec()).unwrap();
    let mut state = AppState::new(Default::default(), browser::now().date(), false);
    state.apply(Msg::SetMode(Mode::ExistingCa));
    state.apply(Msg::CaFiles(
        CaSlot::Either,
        ca_files(CaKeyProtection::Passphrase(pass)),
        browser::now(),
    ));
    for (input, value) in [
        (Input::CaPassphrase, passphrase),
        (
            Input::Setting(Field::Server),
            "docker3.example.com,10.0.0.7",
        ),
        (Input::Setting(Field::Client), "bob"),
        (Input::Setting(Field::KeyType), key_type.as_str()),
    ] {
        state.apply(Msg::Edit(input, value.into()));
    }
    state
}

async fn issue(state: &mut AppState) -> Vec<Msg> {
    let job = state.existing_job(browser::now()).unwrap();
    assert!(
        matches!(job.ca, SigningCa::ToOpen(_)),
        "an encrypted key is opened by the pipeline"
    );
    let seen: Rc<RefCell<Vec<Msg>>> = Rc::default();
    let sink = seen.clone();
    generate::issue(job, move |m| sink.borrow_mut().push(m)).await;
    let msgs = seen.borrow().clone();
    for m in &msgs {
        state.apply(m.clone());
    }
    msgs
}

#[wasm_bindgen_test]
async fn the_issue_pipeline_opens_the_ca_and_never_zips_its_key() {
    let mut state = existing_state("correct horse battery", KeyType::Rsa2048);
    let msgs = issue(&mut state).await;
    assert!(matches!(msgs[0], Msg::CaOpening));
    assert!(matches!(msgs[1], Msg::CaOpened(Ok(_))));
    let made = msgs.iter().filter(|m| matches!(m, Msg::KeyMade(_))).count();
    assert_eq!(
        made, 2,
        "one WebCrypto key per host and client, none for the CA"
    );
    let Phase::Done(outcome) = &state.existing.phase else {
        panic!("issuing did not finish: {:?}", state.existing.phase);
    };
    assert_eq!(
        state.phase,
        Phase::Editing,
        "the New CA result is untouched"
    );
    assert_eq!(outcome.zip_name, ISSUED_ZIP.file);
    assert!(outcome.download_url.starts_with("blob:"));
    assert!(!outcome.ca_key_included);
    assert!(!outcome.tree.iter().any(|r| r.path.ends_with("ca-key.pem")));
    assert_eq!(outcome.certs[0].name, "Browser CA");
    assert!(
        state.existing.ca.opened.is_some(),
        "the CA stays open for the next issue"
    );
}

#[wasm_bindgen_test]
async fn a_wrong_passphrase_stops_the_pipeline_before_any_key() {
    let mut state = existing_state("not the passphrase", KeyType::EcdsaP256);
    let msgs = issue(&mut state).await;
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    let Msg::CaOpened(Err(problem)) = &msgs[1] else {
        panic!("{msgs:?}")
    };
    assert_eq!(
        problem.to_string(),
        "passphrase: the passphrase does not open the CA key \"ca/ca-key.pem\"; nothing was written"
    );
    assert_eq!(state.existing.phase, Phase::Editing);
    assert!(!state.busy());
}

#[wasm_bindgen_test]
async fn picked_files_are_read_whole() {
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()).into());
    let file = web_sys::File::new_with_u8_array_sequence(&parts, "ca.pem").unwrap();
    let picked = browser::read_files(vec![file].into()).await;
    assert_eq!(picked.len(), 1);
    assert_eq!(picked[0].name, "ca.pem");
    assert_eq!(&**picked[0].bytes.as_ref().unwrap(), bytes.as_slice());
}
