//! Making bundles in the page: keys (RSA from WebCrypto, several at once,
//! off the main thread; elliptic-curve keys in wasm, microseconds each), then
//! the core signs (and for a new CA encrypts its key) and zips, then the
//! download starts. With an existing CA, its key is opened first, by the
//! core's import, exactly as `dockcert issue` opens it.

use std::rc::Rc;

use dockcert_core::bundle::{self, archive, CaKeyProtection, FilesTo, KeySet, Layout, LeafKeys};
use dockcert_core::pki::{DerivedKey, KeyType, PrivateKey, CA_KEY_PBKDF2_ROUNDS};
use dockcert_core::plan::{KeySlot, Plan};
use dockcert_core::rotate;
use futures::future::join_all;

use crate::browser;
use crate::state::{
    Failure, IssueJob, Msg, OpenJob, OpenedCa, Outcome, RotateJob, SigningCa, Step, NEW_ZIP,
};

/// Makes the bundle for `plan`, laid out as `layout`, reporting progress
/// through `send`.
pub async fn run(
    plan: Plan,
    layout: Layout,
    protection: CaKeyProtection,
    send: impl Fn(Msg) + Clone + 'static,
) {
    let started = browser::perf_now();
    // The inventory's lines name the zip they went into.
    let plan = Plan {
        bundle_name: Some(NEW_ZIP.file.to_owned()),
        ..plan
    };
    let result = make(&plan, layout, &protection, send.clone(), started).await;
    if let Ok(outcome) = &result {
        browser::mark_generated(outcome.elapsed_ms);
    }
    send(Msg::Finished(result));
}

async fn make(
    plan: &Plan,
    layout: Layout,
    protection: &CaKeyProtection,
    send: impl Fn(Msg) + Clone + 'static,
    started: f64,
) -> Result<Rc<Outcome>, Failure> {
    let mut rng = browser::seeded_rng()?;
    // The CA key's PBKDF2 runs in WebCrypto while the keys are made.
    let slots = plan.key_slots();
    let (keys, protection) = futures::join!(
        make_keys(&slots, plan.key_type, send.clone()),
        derive_in_webcrypto(protection, &mut rng),
    );
    let keys = keys?;

    send(Msg::Step(Step::Signing));
    browser::yield_now().await;
    let keys = KeySet::from_slots(plan, keys)?;
    let made = bundle::build(plan, keys, &protection, browser::now(), &mut rng)?;
    let made = layout.arrange(made)?;

    send(Msg::Step(Step::Packing));
    let zip = archive::to_zip(&made, NEW_ZIP.top)?;
    let url = browser::download(&zip, NEW_ZIP.file)?;
    let elapsed = browser::perf_now() - started;
    Ok(Rc::new(Outcome::from_bundle(
        &made,
        NEW_ZIP,
        zip.len(),
        url,
        elapsed,
    )))
}

/// The CA key's protection with its PBKDF2 done by WebCrypto (the same
/// 600,000 rounds, salt from the page's RNG); if WebCrypto refuses, the core
/// derives it in wasm instead, which is only slower.
async fn derive_in_webcrypto(
    protection: &CaKeyProtection,
    rng: &mut impl rand_core::Rng,
) -> CaKeyProtection {
    let CaKeyProtection::Passphrase(pass) = protection else {
        return protection.clone();
    };
    let mut salt = [0u8; 16];
    rng.fill_bytes(&mut salt);
    match browser::pbkdf2_sha256(pass.as_bytes(), &salt, CA_KEY_PBKDF2_ROUNDS).await {
        Ok(key) => DerivedKey::from_parts(*key, salt, CA_KEY_PBKDF2_ROUNDS)
            .map(CaKeyProtection::Derived)
            .unwrap_or_else(|_| protection.clone()),
        Err(_) => protection.clone(),
    }
}

/// Makes one key of `key_type` per slot, in slot order, reporting each.
async fn make_keys(
    slots: &[KeySlot],
    key_type: KeyType,
    send: impl Fn(Msg) + Clone + 'static,
) -> Result<Vec<PrivateKey>, Failure> {
    send(Msg::Started(
        slots.iter().map(ToString::to_string).collect(),
    ));
    browser::yield_now().await;
    if key_type.is_slow() {
        // Every WebCrypto generation starts now and runs in parallel.
        let pending = (0..slots.len()).map(|n| {
            let send = send.clone();
            async move {
                let der = browser::rsa_pkcs8(key_type).await?;
                let key = PrivateKey::from_pkcs8_der(key_type, der.to_vec())?;
                send(Msg::KeyMade(n));
                Ok::<_, Failure>(key)
            }
        });
        join_all(pending).await.into_iter().collect()
    } else {
        let mut rng = browser::seeded_rng()?;
        let mut keys = Vec::with_capacity(slots.len());
        for n in 0..slots.len() {
            keys.push(PrivateKey::generate(key_type, &mut rng)?);
            send(Msg::KeyMade(n));
        }
        Ok(keys)
    }
}

/// Opens the encrypted CA key with the typed passphrase and says how it went.
pub async fn open(job: OpenJob, send: impl Fn(Msg)) {
    send(Msg::CaOpening);
    // Paint "Opening…" before the key derivation holds the thread.
    browser::yield_now().await;
    send(Msg::CaOpened(job.open(browser::now())));
}

/// The CA `ca`, opened with its typed passphrase if it is not yet; None
/// if the passphrase does not open it (the problem shows next to its field,
/// and nothing is made).
async fn opened(ca: SigningCa, send: &impl Fn(Msg)) -> Option<OpenedCa> {
    match ca {
        SigningCa::Opened(ca) => Some(ca),
        SigningCa::ToOpen(opening) => {
            send(Msg::CaOpening);
            browser::yield_now().await;
            let opened = opening.open(browser::now());
            send(Msg::CaOpened(opened.clone()));
            opened.ok()
        }
    }
}

/// Issues (or renews) with an existing CA: opens its key if needed, makes
/// the leaf keys, signs, zips without the CA key, downloads.
pub async fn issue(job: IssueJob, send: impl Fn(Msg) + Clone + 'static) {
    let started = browser::perf_now();
    let Some(ca) = opened(job.ca, &send).await else {
        return;
    };
    let result = async {
        let plan = &job.plan;
        let mut rng = browser::seeded_rng()?;
        let keys = make_keys(&plan.leaf_key_slots(), plan.key_type, send.clone()).await?;
        send(Msg::Step(Step::Signing));
        browser::yield_now().await;
        let leaves = LeafKeys::from_slots(plan, keys)?;
        // The CA's inventory comes back in the zip's ca/, the new lines appended.
        let ca = ca.to_imported().with_inventory(job.inventory.to_vec());
        let made = bundle::build_issued(plan, ca, leaves, job.now, &mut rng)?;
        send(Msg::Step(Step::Packing));
        let zip = archive::to_zip(&made, job.zip.top)?;
        let url = browser::download(&zip, job.zip.file)?;
        let elapsed = browser::perf_now() - started;
        let mut outcome = Outcome::from_bundle(&made, job.zip, zip.len(), url, elapsed);
        outcome.notes = job.notes.clone();
        Ok::<_, Failure>(Rc::new(outcome))
    }
    .await;
    if let Ok(outcome) = &result {
        browser::mark_generated(outcome.elapsed_ms);
    }
    send(Msg::Finished(result));
}

/// Rotates the CA: opens the old CA's key if needed (as `dockcert rotate`
/// opens it), makes the new CA's key and each kept host's and client's,
/// lays the rotation out with the core's `rotate::build_into` (the CLI's
/// function), zips, downloads.
pub async fn rotate(job: RotateJob, send: impl Fn(Msg) + Clone + 'static) {
    let started = browser::perf_now();
    let Some(ca) = opened(job.ca, &send).await else {
        return;
    };
    let result = async {
        let plan = &job.plan;
        let mut rng = browser::seeded_rng()?;
        let slots = plan.key_slots();
        let (keys, protection) = futures::join!(
            make_keys(&slots, plan.key_type, send.clone()),
            derive_in_webcrypto(&job.protection, &mut rng),
        );
        let keys = keys?;
        send(Msg::Step(Step::Signing));
        browser::yield_now().await;
        let keys = KeySet::from_slots(plan, keys)?;
        let from = (job.current.as_ref(), ca.ca());
        let made = rotate::build_into(
            plan,
            from,
            keys,
            &protection,
            job.now,
            &mut rng,
            FilesTo::Bundle,
        )?;
        send(Msg::Step(Step::Packing));
        let zip = archive::to_zip(&made, job.zip.top)?;
        let url = browser::download(&zip, job.zip.file)?;
        let elapsed = browser::perf_now() - started;
        let outcome = Outcome::from_bundle(&made, job.zip, zip.len(), url, elapsed)
            .for_rotation(job.current.dropped());
        Ok::<_, Failure>(Rc::new(outcome))
    }
    .await;
    if let Ok(outcome) = &result {
        browser::mark_generated(outcome.elapsed_ms);
    }
    send(Msg::Finished(result));
}
