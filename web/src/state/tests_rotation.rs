//! The Existing CA's Rotate step, as the operator sees it: the current
//! bundle's zip read with the loaded CA's certificate, a client ticked to
//! drop, the new key's passphrase typed twice, and the job the same plan
//! and rotation `dockcert rotate` makes; refusals name the page's fields.

use super::*;
use dockcert_core::bundle::{self, archive, Bundle, CaKeyProtection, FilesTo, KeySet};
use dockcert_core::import::{self, CaUse};
use dockcert_core::plan::{Plan, PlanRequest};
use dockcert_core::rotate::{self, RotateNote};
use dockcert_core::{pki, Localized, Speaker};

use crate::i18n::{Rot, Text};
use rand_core::SeedableRng;

fn now() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap()
}

/// A bundle the core made (one host, two clients), and its zip.
fn current(ca_name: &str, seed: u64) -> (Bundle, Vec<u8>) {
    current_for(ca_name, seed, None, &CaKeyProtection::Unencrypted)
}

/// The same, its CA and certificates made for `days` days (None: the
/// defaults), its CA key stored as `protection` says.
fn current_for(
    ca_name: &str,
    seed: u64,
    days: Option<&str>,
    protection: &CaKeyProtection,
) -> (Bundle, Vec<u8>) {
    let request = PlanRequest {
        servers: vec!["docker1.example.com,10.0.0.5".into()],
        clients: vec!["alice".into(), "bob".into()],
        ca_name: Some(ca_name.into()),
        days: days.map(Into::into),
        ca_days: days.map(Into::into),
        ..PlanRequest::default()
    };
    let plan = Plan::from_request(&request, now().date()).unwrap();
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(seed);
    let keys = KeySet::generate(&plan, &mut rng).unwrap();
    let made = bundle::build(&plan, keys, protection, now(), &mut rng).unwrap();
    let zip = archive::to_zip(&made, "docker-tls").unwrap();
    (made, zip.to_vec())
}

fn ca_files(b: &Bundle) -> Vec<PickedFile> {
    ["ca/ca.pem", "ca/ca-key.pem"]
        .iter()
        .map(|p| PickedFile::read(p.trim_start_matches("ca/"), b.contents(p).unwrap().to_vec()))
        .collect()
}

fn rotating(ca: &Bundle, zip: &[u8]) -> AppState {
    let mut state = AppState::new(Lang::En, now().date(), false);
    state.apply(Msg::SetMode(Mode::ExistingCa));
    state.apply(Msg::SetTask(Task::Rotate));
    state.apply(Msg::CaFiles(CaSlot::Either, ca_files(ca), now()));
    state.apply(Msg::RotateFiles(vec![PickedFile::read(
        "docker-tls.zip",
        zip.to_vec(),
    )]));
    state
}

fn typed(state: &mut AppState, input: Input, value: &str) {
    state.apply(Msg::Edit(input, value.to_owned()));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_rotation_drops_a_client_and_makes_the_clis_plan_and_layout() {
    let (old, zip) = current("Old CA", 1);
    let mut state = rotating(&old, &zip);
    let read = state.existing.rotation.read.clone().unwrap();
    let found = read.get().as_ref().unwrap();
    let names = |m: &[rotate::Member]| m.iter().map(|m| m.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(found.hosts()), ["docker1.example.com"]);
    assert_eq!(names(found.clients()), ["alice", "bob"]);
    assert_eq!(
        state.existing_check().blocker,
        Some(ExistingBlocker::NeedNewPassphrase)
    );

    state.apply(Msg::SetDrop("bob".into(), true));
    typed(&mut state, Input::Passphrase, "a new passphrase");
    typed(&mut state, Input::PassphraseConfirm, "a new passphrase!");
    assert_eq!(
        state
            .existing_check()
            .errors_for(Input::PassphraseConfirm, Lang::En),
        ["Passphrase again: the two entries differ"]
    );
    typed(&mut state, Input::PassphraseConfirm, "a new passphrase");
    assert_eq!(state.existing_check().blocker, None);
    assert_eq!(
        state.before_first(),
        [
            Text::Rot(crate::i18n::Rot::Ready),
            Text::Rot(crate::i18n::Rot::ZipHolds)
        ]
    );

    let job = state.existing.rotate_job(now(), Lang::En).unwrap();
    assert_eq!(job.current.dropped(), ["bob"]);
    assert_eq!(job.zip, ROTATED_ZIP);
    assert!(matches!(job.protection, CaKeyProtection::Passphrase(_)));
    // The plan `dockcert rotate --drop bob` asks, from the same reading.
    let facts = state
        .existing
        .ca
        .cert
        .as_ref()
        .unwrap()
        .facts
        .clone()
        .unwrap();
    let mut cli = read.get().clone().unwrap();
    cli.drop_names(&["bob".into()]).unwrap();
    let request = cli.request(PlanRequest::default(), &facts, now().date());
    assert_eq!(
        job.plan,
        Plan::from_request(&request, now().date()).unwrap()
    );
    assert_eq!(job.plan.clients.len(), 1);

    // And the core's rotation from it: bob absent, the three phases' scripts.
    let SigningCa::Opened(ca) = &job.ca else {
        panic!("an unencrypted CA key opens on arrival");
    };
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(2);
    let keys = KeySet::generate(&job.plan, &mut rng).unwrap();
    let from = (job.current.as_ref(), ca.ca());
    let made = rotate::build_into(
        &job.plan,
        from,
        keys,
        &CaKeyProtection::Unencrypted,
        now(),
        &mut rng,
        FilesTo::Bundle,
    )
    .unwrap();
    let paths: Vec<&str> = made.files().iter().map(|f| f.path.as_str()).collect();
    assert!(paths.contains(&"client/alice/install.sh") && paths.contains(&"ca/previous-ca.pem"));
    assert!(!paths.iter().any(|p| p.contains("bob")), "{paths:?}");
    let outcome = Outcome::from_bundle(&made, ROTATED_ZIP, 1, "blob:x".into(), 1.0)
        .for_rotation(job.current.dropped());
    assert_eq!(outcome.dropped.as_deref(), Some(&["bob".to_owned()][..]));
    assert!(
        outcome.hosts.is_empty() && outcome.clients.is_empty(),
        "phases, not installs"
    );

    // Made: the new passphrase is wiped, the drops stay.
    state.apply(Msg::Finished(Ok(std::rc::Rc::new(outcome))));
    assert!(state.existing.rotation.passphrase.is_empty());
    assert!(state.existing.rotation.drop.contains("bob"));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn refusals_name_the_pages_fields_in_its_language() {
    let (old, zip) = current("Old CA", 1);
    let (other, _) = current("Other CA", 3);
    let mut state = rotating(&other, &zip);
    let refused =
        |state: &AppState, lang| match state.existing.rotation.read.as_ref().map(ReadBundle::get) {
            Some(Err(e)) => e.text_for(Speaker::Page, lang),
            other => panic!("not refused: {other:?}"),
        };
    let said = refused(&state, Lang::En);
    assert!(
        said.starts_with("\"Current bundle\" docker-tls/server/docker1.example.com/server-cert.pem: it was issued by \"CN=Old CA\", not by the CA loaded here (\"CN=Other CA\")"),
        "{said}"
    );
    assert!(!said.contains("--"), "{said}");
    assert_eq!(
        state.existing_check().blocker,
        Some(ExistingBlocker::FixFields)
    );
    assert!(state.existing.rotate_job(now(), Lang::En).is_none());
    state.apply(Msg::SetLang(Lang::Zh));
    assert!(
        refused(&state, Lang::Zh).starts_with("“当前证书包” "),
        "{}",
        refused(&state, Lang::Zh)
    );

    // The right CA: the bundle is read again with it.
    state.apply(Msg::CaFiles(CaSlot::Either, ca_files(&old), now()));
    state.apply(Msg::SetLang(Lang::En));
    assert!(matches!(
        state.existing.rotation.read.as_ref().map(ReadBundle::get),
        Some(Ok(_))
    ));
    state.apply(Msg::SetDrop("docker1.example.com".into(), true));
    let check = state.existing_check();
    let Some(Some(Err(e))) = check.rotation.as_ref().map(|r| r.kept.as_ref()) else {
        panic!("dropping the only host is refused");
    };
    assert_eq!(
        e.text_for(Speaker::Page, Lang::En),
        "\"Drop (revoke by rotation)\": every host would be dropped; a rotation keeps at least one host"
    );
    assert_eq!(check.blocker, Some(ExistingBlocker::FixFields));

    // Not a bundle: said so at its field.
    state.apply(Msg::RotateFiles(vec![PickedFile::read(
        "notes.zip",
        b"PK\x05\x06".to_vec(),
    )]));
    assert!(
        state.existing.rotation.drop.is_empty(),
        "a new bundle, no ticks"
    );
    let said = refused(&state, Lang::En);
    assert!(said.starts_with("\"Current bundle\""), "{said}");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn before_a_bundle_the_step_says_what_to_give() {
    let mut state = AppState::new(Lang::En, now().date(), false);
    state.apply(Msg::SetMode(Mode::ExistingCa));
    state.apply(Msg::SetTask(Task::Rotate));
    assert_eq!(state.before_first(), [Text::Rot(crate::i18n::Rot::Empty)]);
    let (old, _) = current("Old CA", 1);
    state.apply(Msg::CaFiles(CaSlot::Either, ca_files(&old), now()));
    assert_eq!(
        state.existing_check().blocker,
        Some(ExistingBlocker::NeedBundle)
    );
    // Unencrypted, on purpose: no passphrase needed then.
    state.apply(Msg::SetNoPassphrase(true));
    assert!(state.existing.rotation.no_passphrase);
    assert!(!state.form.no_passphrase, "New CA's choice is its own");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn an_expired_ca_is_rotated_away_from_with_the_clis_warning_and_signs_nothing() {
    // Made for 30 days; loaded 40 days on, when it has expired.
    let (old, zip) = current_for("Old CA", 4, Some("30"), &CaKeyProtection::Unencrypted);
    let later = now() + time::Duration::days(40);
    let ca_cert = old.contents("ca/ca.pem").unwrap();
    let mut state = AppState::new(Lang::En, later.date(), false);
    state.apply(Msg::SetMode(Mode::ExistingCa));
    state.apply(Msg::CaFiles(CaSlot::Either, ca_files(&old), later));
    let loaded = state.existing.ca.cert.as_ref().unwrap();
    let ended = loaded.facts.as_ref().unwrap().not_after;
    assert!(ended < later, "the CA has expired by then");

    // Issue and renew: refused in their words, with Rotate what is left.
    let refusal = import::check_ca_certificate(ca_cert, later)
        .unwrap_err()
        .on_ca_cert("ca.pem");
    for task in [Task::Issue, Task::Renew] {
        state.apply(Msg::SetTask(task));
        let ca = &state.existing.ca;
        assert_eq!(ca.problem(CaField::Cert, task.ca_use()), Some(&refusal));
        assert_eq!(
            state.existing_check().blocker,
            Some(ExistingBlocker::CaExpired)
        );
        assert_eq!(
            state.action_note(),
            Some(vec![Text::CannotYet, Text::Rot(Rot::CaExpired)])
        );
        assert!(state.existing_job(later).is_none());
    }
    assert!(
        refusal
            .text_for(Speaker::Page, Lang::En)
            .starts_with("CA certificate \"ca.pem\": the CA \"Old CA\" expired on "),
        "{}",
        refusal.text_for(Speaker::Page, Lang::En)
    );
    assert!(Rot::CaExpired.tr(Lang::En).contains("Rotate the CA"));
    assert!(Rot::CaExpired.tr(Lang::Zh).contains("“轮换 CA”"));
    assert!(Rot::ExpiredRotate.tr(Lang::Zh).contains("“轮换 CA”"));
    // The key opened all the same (unencrypted): Rotate needs it.
    assert!(state.existing.ca.opened.is_some());

    // Rotate: accepted, with the warning `dockcert rotate` gives.
    state.apply(Msg::SetTask(Task::Rotate));
    let ca = &state.existing.ca;
    assert_eq!(ca.problem(CaField::Cert, CaUse::Replace), None);
    let cert = ca.cert.clone().unwrap();
    let note = cert.expired_note().unwrap();
    assert_eq!(
        note,
        RotateNote::OldCaExpired {
            name: "Old CA".into(),
            ended
        }
    );
    let day = pki::day(ended);
    assert_eq!(
        note.text(Lang::En),
        format!("the old CA \"Old CA\" expired on {day}: docker already refuses every certificate it issued, so phase 1 (trust both) changes nothing that works; each connection comes back once its host and its client have both done phase 2. Run the phases in order all the same (README.txt)")
    );
    assert!(
        note.text(Lang::Zh)
            .starts_with(&format!("旧 CA“Old CA”已于 {day} 到期：")),
        "{}",
        note.text(Lang::Zh)
    );
    assert_eq!(
        state.existing_check().blocker,
        Some(ExistingBlocker::NeedBundle)
    );
    state.apply(Msg::RotateFiles(vec![PickedFile::read(
        "docker-tls.zip",
        zip.clone(),
    )]));
    state.apply(Msg::SetNoPassphrase(true));
    assert_eq!(state.existing_check().blocker, None);
    let read = state.existing.rotation.read.clone().unwrap();
    let found = read.get().as_ref().unwrap();
    // The core's reading says the same, as the CLI prints it.
    assert_eq!(found.notes().first(), Some(&note));

    let job = state.existing.rotate_job(later, Lang::En).unwrap();
    let facts = cert.facts.clone().unwrap();
    let request = found.request(PlanRequest::default(), &facts, later.date());
    assert_eq!(
        job.plan,
        Plan::from_request(&request, later.date()).unwrap()
    );
    let SigningCa::Opened(ca) = &job.ca else {
        panic!("an unencrypted CA key opens on arrival");
    };
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(5);
    let keys = KeySet::generate(&job.plan, &mut rng).unwrap();
    let made = rotate::build_into(
        &job.plan,
        (job.current.as_ref(), ca.ca()),
        keys,
        &CaKeyProtection::Unencrypted,
        later,
        &mut rng,
        FilesTo::Bundle,
    )
    .unwrap();
    let readme = std::str::from_utf8(made.contents("README.txt").unwrap()).unwrap();
    assert!(readme.contains("THE OLD CA HAS EXPIRED\n"), "{readme}");
    assert_eq!(made.contents("ca/previous-ca.pem"), Some(ca_cert));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn an_expired_cas_encrypted_key_opens_to_rotate_and_not_to_sign() {
    const PASS: &str = "the old CA's passphrase";
    let pass = dockcert_core::pki::Passphrase::new(PASS.as_bytes().to_vec()).unwrap();
    let protection = CaKeyProtection::Passphrase(pass);
    let (old, zip) = current_for("Locked CA", 7, Some("30"), &protection);
    let later = now() + time::Duration::days(40);
    let mut state = AppState::new(Lang::Zh, later.date(), false);
    state.apply(Msg::SetMode(Mode::ExistingCa));
    state.apply(Msg::CaFiles(CaSlot::Either, ca_files(&old), later));
    assert!(state.existing.ca.key_encrypted());
    typed(&mut state, Input::CaPassphrase, PASS);
    // To sign, as `dockcert issue` opens it: refused for its dates.
    let to_sign = state.existing.ca.open_job(CaUse::Sign).unwrap();
    assert!(matches!(
        to_sign.open(later).unwrap_err().error,
        import::ImportError::Expired { .. }
    ));
    assert_eq!(
        state.existing_check().blocker,
        Some(ExistingBlocker::CaExpired)
    );
    assert!(state.existing_job(later).is_none());
    // To rotate, as `dockcert rotate` opens it; the job opens it so.
    state.apply(Msg::SetTask(Task::Rotate));
    state.apply(Msg::RotateFiles(vec![PickedFile::read(
        "docker-tls.zip",
        zip,
    )]));
    state.apply(Msg::SetNoPassphrase(true));
    assert_eq!(state.existing_check().blocker, None);
    let job = state.existing.rotate_job(later, Lang::Zh).unwrap();
    let SigningCa::ToOpen(opening) = &job.ca else {
        panic!("an encrypted key opens when the job runs");
    };
    let opened = opening.open(later).unwrap();
    assert_eq!(opened.ca().facts.name(), "Locked CA");
    assert!(job.plan.lang == Lang::Zh);
}
