//! Fields with a default start empty and take it when left so: the bundle
//! made from an empty field is the one made from its default typed in, and
//! what is typed into an empty field is all there is.

use super::*;
use dockcert_core::bundle::{self, archive, CaKeyProtection, KeySet};
use dockcert_core::plan::{Field, Plan};
use rand_core::SeedableRng;

fn today() -> Date {
    Date::from_calendar_date(2026, time::Month::November, 23).unwrap()
}

fn typed(state: &mut AppState, input: Input, value: &str) {
    state.apply(Msg::Edit(input, value.to_owned()));
}

/// The zip the page downloads for `form`, with fixed keys, RNG and clock.
fn zip_of(form: &Form) -> (Plan, Vec<u8>) {
    let plan = form.check(today(), Lang::En).plan.unwrap();
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(24);
    let keys = KeySet::generate(&plan, &mut rng).unwrap();
    let now = time::OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap();
    let made = bundle::build(&plan, keys, &CaKeyProtection::Unencrypted, now, &mut rng).unwrap();
    let zip = archive::to_zip(&made, NEW_ZIP.top).unwrap().to_vec();
    (plan, zip)
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn an_empty_field_makes_the_bundle_its_default_typed_in_makes() {
    let mut empty = Form::default().with(Field::Server, "docker1.example.com,10.0.0.5");
    empty.no_passphrase = true;
    let mut state = AppState::new(Lang::En, today(), false);
    for field in Field::ALL {
        assert_eq!(state.form.text(*field), "", "{field:?} starts empty");
    }
    typed(
        &mut state,
        Input::Setting(Field::Server),
        "docker1.example.com,10.0.0.5",
    );
    assert_eq!(state.form.request(Lang::En), empty.request(Lang::En));

    // Every default typed in, the CA's name as its placeholder shows it.
    let mut full = Field::ALL
        .iter()
        .filter(|f| **f != Field::Server)
        .fold(empty.clone(), |form, f| form.with(*f, &f.default_text()))
        .with(Field::CaName, &format!("dockcert CA {}", today()));
    full.no_passphrase = true;
    assert_eq!(full.text(Field::Client), "client");
    assert_eq!(full.text(Field::Days), "365");
    assert_eq!(full.text(Field::CaDays), "3650");
    assert_eq!(full.text(Field::Listen), "0.0.0.0:2376");
    assert_eq!(full.text(Field::InstallDir), "/etc/docker");
    assert_eq!(full.text(Field::KeyType), "ecdsa-p256");

    let (from_empty, _) = zip_of(&empty);
    let (from_typed, _) = zip_of(&full);
    assert_eq!(from_empty.clients[0].name, "client");
    assert_eq!(
        from_empty.named_by_default,
        [Field::Client, Field::CaName],
        "the plan knows which names it took by default"
    );
    assert!(from_typed.named_by_default.is_empty());
    assert_eq!(
        Plan {
            named_by_default: Vec::new(),
            days_given: true,
            ..from_empty
        },
        from_typed
    );
    // The downloads, byte for byte: with Ed25519, whose signatures are
    // deterministic (an ECDSA signature takes fresh randomness each time).
    let (_, zip_from_empty) = zip_of(&empty.with(Field::KeyType, "ed25519"));
    let (_, zip_from_typed) = zip_of(&full.with(Field::KeyType, "ed25519"));
    assert!(
        zip_from_empty == zip_from_typed,
        "the zips differ ({} and {} bytes)",
        zip_from_empty.len(),
        zip_from_typed.len()
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn what_is_typed_into_an_empty_field_is_the_whole_value() {
    let mut state = AppState::new(Lang::En, today(), false);
    typed(&mut state, Input::Setting(Field::Server), "docker1");
    // A person clicks into the Clients box and types "ops".
    let clients = state.form.text(Field::Client).to_owned() + "ops";
    typed(&mut state, Input::Setting(Field::Client), &clients);
    typed(&mut state, Input::Setting(Field::Days), "30");
    typed(&mut state, Input::Setting(Field::Listen), "10.0.0.5:2376");
    let plan = state.check().plan.unwrap();
    let names: Vec<&str> = plan.clients.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["ops"]);
    assert_eq!(plan.days, 30);
    assert_eq!(plan.servers[0].listen.to_string(), "10.0.0.5:2376");
    assert_eq!(plan.named_by_default, [Field::CaName]);

    // Emptied again, each takes its default once more.
    for field in [Field::Client, Field::Days, Field::Listen] {
        typed(&mut state, Input::Setting(field), "");
    }
    typed(&mut state, Input::Setting(Field::InstallDir), "  ");
    let plan = state.check().plan.unwrap();
    assert_eq!(plan.clients[0].name, "client");
    assert_eq!(plan.days, 365);
    assert_eq!(plan.servers[0].listen.to_string(), "0.0.0.0:2376");
    assert_eq!(plan.servers[0].install_dir, "/etc/docker");
    assert!(state
        .check()
        .errors_for(Input::Setting(Field::InstallDir), Lang::En)
        .is_empty());
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn an_existing_ca_s_empty_clients_make_no_client() {
    let form = Form::for_existing_ca().with(Field::Server, "docker3");
    assert_eq!(form, Form::default().with(Field::Server, "docker3"));
    let asked = form.issue_request(Lang::En);
    assert!(asked.clients.is_empty());
    assert_eq!(asked.days, None, "empty: 365, or fewer to end with the CA");
}
