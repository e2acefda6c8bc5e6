//! The Inspect mode's expiry list: the core's `inspect::expiry` of the very
//! files the report judges, and each certificate's end marked against
//! `dockcert expiry`'s default days as the CLI counts them.

use super::*;
use dockcert_core::bundle::{self, CaKeyProtection, KeySet};
use dockcert_core::inspect::expiry::{self, Role, DEFAULT_WITHIN_DAYS};
use dockcert_core::plan::{Plan, PlanRequest};
use rand_core::SeedableRng;
use time::Duration;

fn made_at() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap()
}

/// A new CA's bundle zip (leaves for 365 days, the CA for 3650) and the
/// Inspect mode given it at `now`.
fn inspected_at(now: OffsetDateTime) -> (AppState, Vec<u8>) {
    let request = PlanRequest {
        servers: vec!["docker1.example.com".into()],
        clients: vec!["alice".into()],
        ca_name: Some("Corp CA".into()),
        ..PlanRequest::default()
    };
    let plan = Plan::from_request(&request, made_at().date()).unwrap();
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(25);
    let keys = KeySet::generate(&plan, &mut rng).unwrap();
    let made = bundle::build(
        &plan,
        keys,
        &CaKeyProtection::Unencrypted,
        made_at(),
        &mut rng,
    )
    .unwrap();
    let zip = bundle::archive::to_zip(&made, "docker-tls")
        .unwrap()
        .to_vec();
    let mut state = AppState::new(Lang::En, now.date(), false);
    state.apply(Msg::SetMode(Mode::Inspect));
    state.apply(Msg::InspectFiles(
        vec![PickedFile::read("docker-tls.zip", zip.clone())],
        now,
    ));
    (state, zip)
}

fn marks(state: &AppState) -> Vec<(Role, Ends)> {
    let found = state.inspection.expiry.as_ref().unwrap();
    Ends::of(found).map(|(e, ends)| (e.role, ends)).collect()
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn the_list_is_the_cores_of_the_same_files_soonest_first() {
    let (state, _) = inspected_at(made_at());
    let found = state.inspection.expiry.as_ref().unwrap();
    assert_eq!(
        *found,
        expiry::expiry(&state.inspection.gathered, made_at()),
        "the page lists what the core lists, computed nowhere else"
    );
    let rows: Vec<(Role, &str, &str)> = found
        .certificates
        .iter()
        .map(|e| (e.role, e.name.as_str(), e.paths[0].as_str()))
        .collect();
    assert_eq!(
        rows[2],
        (Role::Ca, "Corp CA", "docker-tls/ca/ca.pem"),
        "{rows:?}"
    );
    assert_eq!(rows.len(), 3, "{rows:?}");
    // Made at this very moment for 365 days: 365 whole days are left.
    assert!(
        found.certificates[..2].iter().all(|e| e.days_left == 365),
        "{:?}",
        found.certificates
    );
    assert_eq!(
        found.certificates[2].paths.len(),
        3,
        "one CA at three paths"
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn ends_are_marked_by_the_clis_default_days() {
    assert_eq!(DEFAULT_WITHIN_DAYS, 30);
    let later = marks(&inspected_at(made_at()).0);
    assert!(later.iter().all(|(_, e)| *e == Ends::Later), "{later:?}");

    // 20 days before the leaves end (365 days), 10 after: soon, then ended.
    let soon = marks(&inspected_at(made_at() + Duration::days(345)).0);
    assert_eq!(
        soon[..2],
        [(soon[0].0, Ends::Soon), (soon[1].0, Ends::Soon)]
    );
    assert_eq!(soon[2], (Role::Ca, Ends::Later));
    let ended = marks(&inspected_at(made_at() + Duration::days(375)).0);
    assert_eq!(
        ended[..2],
        [(ended[0].0, Ends::Ended), (ended[1].0, Ends::Ended)]
    );
    assert_eq!(ended[2], (Role::Ca, Ends::Later));

    // 31 days before the leaves end: not within 30.
    let not_yet = marks(&inspected_at(made_at() + Duration::days(334)).0);
    assert!(
        not_yet.iter().all(|(_, e)| *e == Ends::Later),
        "{not_yet:?}"
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn clearing_forgets_the_list() {
    let (mut state, _) = inspected_at(made_at());
    assert!(state.inspection.expiry.is_some());
    state.apply(Msg::InspectClear);
    assert_eq!(state.inspection.expiry, None);
}
