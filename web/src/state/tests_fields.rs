//! Each problem at its own field, named as the page labels it: the days
//! that would outlive an existing CA are refused at the Days field, with
//! every other input, before any key is made; a default days is fitted to
//! the CA's end.

use super::*;
use dockcert_core::bundle::{self, Bundle, CaKeyProtection, KeySet};
use dockcert_core::plan::{Field, FieldError, InputProblem, Plan, PlanRequest};
use rand_core::SeedableRng;

fn now() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap()
}

/// A bundle from the core with a new CA that lives 3650 days from [`now`].
fn bundle() -> Bundle {
    let request = PlanRequest {
        servers: vec!["docker1.example.com".into()],
        ..PlanRequest::default()
    };
    let plan = Plan::from_request(&request, now().date()).unwrap();
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(7);
    let keys = KeySet::generate(&plan, &mut rng).unwrap();
    bundle::build(&plan, keys, &CaKeyProtection::Unencrypted, now(), &mut rng).unwrap()
}

/// The Existing CA mode with the bundle's CA (made at `now()`, ten years)
/// loaded at `at`, and one client asked for.
fn with_the_ca_loaded_at(at: OffsetDateTime) -> AppState {
    let b = bundle();
    let mut state = AppState::new(Lang::En, at.date(), false);
    state.apply(Msg::SetMode(Mode::ExistingCa));
    let files = ["ca/ca.pem", "ca/ca-key.pem"]
        .map(|p| PickedFile::read(p, b.contents(p).unwrap().to_vec()))
        .to_vec();
    state.apply(Msg::CaFiles(CaSlot::Either, files, at));
    state.apply(Msg::Edit(Input::Setting(Field::Client), "bob".into()));
    state
}

/// The same when the CA has 100 days left.
fn with_a_ca_of_100_days() -> (AppState, OffsetDateTime) {
    let at = now() + time::Duration::days(3550);
    (with_the_ca_loaded_at(at), at)
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn days_that_outlive_the_ca_are_refused_at_the_days_field_with_the_rest() {
    let (mut state, at) = with_a_ca_of_100_days();
    state.apply(Msg::Edit(Input::Setting(Field::Days), "3650".into()));
    state.apply(Msg::Edit(Input::Setting(Field::Server), "a..b".into()));
    let check = state.existing_check();
    assert_eq!(check.blocker, Some(ExistingBlocker::FixFields));
    let Some(Err(errors)) = &check.plan else {
        panic!("the plan is refused")
    };
    let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
    assert_eq!(fields, [Field::Days, Field::Server]);
    assert!(matches!(
        errors.iter().next().unwrap(),
        FieldError {
            problem: InputProblem::OutliveCa { left: 100, .. },
            ..
        }
    ));
    // Named as the page labels the field, never by a flag.
    let [shown] = &check.errors_for(Input::Setting(Field::Days), Lang::Zh)[..] else {
        panic!("one problem at the Days field")
    };
    assert!(
        shown.starts_with("主机和客户端证书的有效期（天）“3650”："),
        "{shown}"
    );
    assert!(!shown.contains("--"), "{shown}");
    let [hosts] = &check.errors_for(Input::Setting(Field::Server), Lang::En)[..] else {
        panic!("one problem at the hosts field")
    };
    assert!(hosts.starts_with("Docker hosts \"a..b\": "), "{hosts}");
    assert!(state.existing_job(at).is_none());
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_default_days_ends_with_the_ca() {
    let (state, at) = with_a_ca_of_100_days();
    assert!(state
        .existing_check()
        .errors_for(Input::Setting(Field::Days), Lang::En)
        .is_empty());
    let later = at + time::Duration::hours(1);
    let job = state.existing_job(later).unwrap();
    assert_eq!(job.now, later);
    assert_eq!(job.plan.days, 99, "100 days less an hour: 99 whole days");
    assert!(job.plan.days_fit_ca.is_some());
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_ca_with_less_than_a_day_left_is_refused_at_the_days_field_at_once() {
    let at = now() + time::Duration::days(3650) - time::Duration::hours(12);
    let state = with_the_ca_loaded_at(at);
    // Nothing typed at Days: its default cannot fit, and that is shown there.
    assert!(state
        .existing
        .touched
        .contains(&Input::Setting(Field::Days)));
    let check = state.existing_check();
    let Some(Err(errors)) = &check.plan else {
        panic!("the plan is refused")
    };
    assert!(matches!(
        &errors.iter().collect::<Vec<_>>()[..],
        [&FieldError {
            field: Field::Days,
            problem: InputProblem::OutliveCa { left: 0, .. },
            ..
        }]
    ));
    assert_eq!(check.blocker, Some(ExistingBlocker::FixFields));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn the_subject_s_attributes_reach_the_plan_and_a_bad_one_is_named_by_its_label() {
    let at = now() + time::Duration::days(1);
    let mut state = with_the_ca_loaded_at(at);
    let edit = |state: &mut AppState, field, text: &str| {
        state.apply(Msg::Edit(Input::Setting(field), text.into()));
    };
    edit(&mut state, Field::SubjectOrg, " 示例公司 ");
    edit(&mut state, Field::SubjectUnit, "");
    edit(&mut state, Field::SubjectCountry, "China");
    let check = state.existing_check();
    let [shown] = &check.errors_for(Input::Setting(Field::SubjectCountry), Lang::Zh)[..] else {
        panic!("one problem at the country field")
    };
    assert!(shown.starts_with("国家（C）“China”："), "{shown}");
    assert!(!shown.contains("--"), "{shown}");
    edit(&mut state, Field::SubjectCountry, "cn");
    let job = state.existing_job(at).unwrap();
    assert_eq!(job.plan.subject_org.as_deref(), Some("示例公司"));
    // A field left blank adds no attribute.
    assert_eq!(job.plan.subject_unit, None);
    assert_eq!(job.plan.subject_country.as_deref(), Some("CN"));
}
