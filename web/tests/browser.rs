//! The page's browser side, in headless Chromium: WebCrypto makes RSA keys
//! the core accepts, and the whole generation pipeline (keys, signing, zip,
//! download) reports its progress and ends with every file listed.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::panic)]

use std::cell::RefCell;
use std::rc::Rc;

use dockcert_core::bundle::CaKeyProtection;
use dockcert_core::keys::{KeyType, Passphrase, PrivateKey};
use dockcert_core::plan::{Plan, PlanRequest};
use dockcert_web::state::{Msg, Phase};
use dockcert_web::{browser, generate};
use wasm_bindgen_test::wasm_bindgen_test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn webcrypto_rsa_keys_load_in_the_core() {
    for key_type in [KeyType::Rsa2048, KeyType::Rsa3072] {
        let der = browser::rsa_pkcs8(key_type).await.unwrap();
        let key = PrivateKey::from_pkcs8_der(key_type, der).unwrap();
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
    generate::run(plan, CaKeyProtection::Passphrase(pass), move |m| {
        sink.borrow_mut().push(m)
    })
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
