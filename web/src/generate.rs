//! Making the bundle in the page: keys (RSA from WebCrypto, several at once,
//! off the main thread; elliptic-curve keys in wasm, microseconds each), then
//! the core signs, encrypts and zips, then the download starts.

use std::rc::Rc;

use dockcert_core::archive;
use dockcert_core::bundle::{self, CaKeyProtection, KeySet};
use dockcert_core::keys::PrivateKey;
use dockcert_core::plan::Plan;
use futures::future::join_all;

use crate::browser;
use crate::state::{Msg, Outcome, Step, ZIP_NAME, ZIP_TOP};

/// Makes the bundle for `plan`, reporting progress through `send`.
pub async fn run(plan: Plan, protection: CaKeyProtection, send: impl Fn(Msg) + Clone + 'static) {
    let started = browser::perf_now();
    let result = make(&plan, &protection, send.clone(), started).await;
    if let Ok(outcome) = &result {
        browser::mark_generated(outcome.elapsed_ms);
    }
    send(Msg::Finished(result));
}

async fn make(
    plan: &Plan,
    protection: &CaKeyProtection,
    send: impl Fn(Msg) + Clone + 'static,
    started: f64,
) -> Result<Rc<Outcome>, String> {
    let slots = plan.key_slots();
    send(Msg::Started(
        slots.iter().map(ToString::to_string).collect(),
    ));
    browser::yield_now().await;

    let mut rng = browser::seeded_rng()?;
    let key_type = plan.key_type;
    let keys: Vec<PrivateKey> = if key_type.is_slow() {
        // Every WebCrypto generation starts now and runs in parallel.
        let pending = (0..slots.len()).map(|n| {
            let send = send.clone();
            async move {
                let der = browser::rsa_pkcs8(key_type).await?;
                let key = PrivateKey::from_pkcs8_der(key_type, der).map_err(|e| e.to_string())?;
                send(Msg::KeyMade(n));
                Ok::<_, String>(key)
            }
        });
        join_all(pending)
            .await
            .into_iter()
            .collect::<Result<_, _>>()?
    } else {
        let mut keys = Vec::with_capacity(slots.len());
        for n in 0..slots.len() {
            keys.push(PrivateKey::generate(key_type, &mut rng).map_err(|e| e.to_string())?);
            send(Msg::KeyMade(n));
        }
        keys
    };

    send(Msg::Step(Step::Signing));
    browser::yield_now().await;
    let keys = KeySet::from_slots(plan, keys)?;
    let made = bundle::build(plan, keys, protection, browser::now(), &mut rng)
        .map_err(|e| e.to_string())?;

    send(Msg::Step(Step::Packing));
    let zip = archive::to_zip(&made, ZIP_TOP).map_err(|e| e.to_string())?;
    let url = browser::download(&zip, ZIP_NAME)?;
    let elapsed = browser::perf_now() - started;
    Ok(Rc::new(Outcome::from_bundle(
        &made,
        zip.len(),
        url,
        elapsed,
    )))
}
