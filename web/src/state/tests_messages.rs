//! What the page says next to its action button and in the result panel
//! before anything is made: words true of the state, before the first
//! bundle and after one is made.

use super::*;
use crate::i18n::Text;
use dockcert_core::plan::Field;

fn today() -> Date {
    Date::from_calendar_date(2026, time::Month::November, 23).unwrap()
}

fn typed(state: &mut AppState, input: Input, value: &str) {
    state.apply(Msg::Edit(input, value.to_owned()));
}

fn said(texts: Option<Vec<Text>>, lang: Lang) -> String {
    crate::i18n::line(&texts.unwrap_or_default(), lang)
}

/// A made outcome (the page's Done phase) for `state`'s plan.
fn made(state: &AppState) -> Rc<Outcome> {
    use dockcert_core::bundle::{self, CaKeyProtection, KeySet};
    use rand_core::SeedableRng;
    let plan = state.check().plan.unwrap();
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(7);
    let keys = KeySet::generate(&plan, &mut rng).unwrap();
    let now = time::OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap();
    let made = bundle::build(&plan, keys, &CaKeyProtection::Unencrypted, now, &mut rng).unwrap();
    Rc::new(Outcome::from_bundle(
        &made,
        NEW_ZIP,
        1,
        "blob:x".into(),
        1.0,
    ))
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn before_the_first_bundle_the_result_panel_says_what_is_next() {
    let mut state = AppState::new(Lang::En, today(), false);
    assert_eq!(state.before_first(), [Text::EmptyResult]);
    typed(&mut state, Input::Setting(Field::Server), "docker1");
    let next = crate::i18n::line(&state.before_first(), Lang::En);
    assert!(!next.contains("at least one Docker host"), "{next}");
    assert_eq!(
        next,
        "Next: type the CA key passphrase twice, or choose to leave the CA key unencrypted. \
         The bundle is made here, in this page, and saved as one zip."
    );
    typed(&mut state, Input::Setting(Field::Days), "0");
    assert_eq!(
        state.before_first(),
        [Text::NextStep, Text::FixFieldsInForm, Text::MadeInThePage]
    );
    typed(&mut state, Input::Setting(Field::Days), "");
    state.apply(Msg::SetNoPassphrase(true));
    assert_eq!(
        crate::i18n::line(&state.before_first(), Lang::Zh),
        "已就绪：请点击“生成”。证书包在本页面内生成，并保存为一个 zip 文件。"
    );
    assert_eq!(state.action_note(), None, "nothing under an enabled button");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn after_a_bundle_is_made_the_button_line_says_so_and_what_makes_another() {
    let mut state = AppState::new(Lang::En, today(), false);
    typed(&mut state, Input::Setting(Field::Server), "docker1");
    assert_eq!(
        said(state.action_note(), Lang::En),
        "Cannot generate yet: type the CA key passphrase twice, or choose to leave the CA key unencrypted."
    );
    typed(&mut state, Input::Passphrase, "long enough secret");
    typed(&mut state, Input::PassphraseConfirm, "long enough secret");
    assert_eq!(state.action_note(), None);
    let outcome = made(&state);
    state.apply(Msg::Started(vec!["CA key".into()]));
    state.apply(Msg::Finished(Ok(outcome)));
    // The fields were cleared with the bundle made: the line says what is true.
    assert!(state.form.passphrase.is_empty());
    let note = said(state.action_note(), Lang::En);
    assert!(!note.contains("Cannot generate yet"), "{note}");
    assert_eq!(
        state.action_note(),
        Some(vec![Text::BundleMade, Text::TypePassphraseAgain])
    );
    let zh = said(state.action_note(), Lang::Zh);
    assert!(zh.starts_with("证书包已生成并开始下载"), "{zh}");
    assert!(!zh.contains("还不能生成"), "{zh}");
    // Typing again: until the two agree, the usual words.
    typed(&mut state, Input::Passphrase, "another secret");
    assert_eq!(
        state.action_note(),
        Some(vec![Text::CannotGenerate, Text::NeedPassphrase])
    );
    typed(&mut state, Input::PassphraseConfirm, "another secret");
    assert_eq!(state.action_note(), None);
    // A field broken after the bundle: why, as before any bundle.
    typed(&mut state, Input::Setting(Field::Server), "a..b");
    assert_eq!(
        state.action_note(),
        Some(vec![Text::CannotGenerate, Text::FixFields])
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn the_existing_ca_mode_says_what_is_next_too() {
    let mut state = AppState::new(Lang::En, today(), false);
    state.apply(Msg::SetMode(Mode::ExistingCa));
    assert_eq!(state.before_first(), [Text::EmptyIssued]);
    assert_eq!(
        state.action_note(),
        Some(vec![Text::CannotYet, Text::NeedCa])
    );
    // A plain CA key opens at once: what is next is a host or a client.
    let ca = {
        use dockcert_core::bundle::{self, CaKeyProtection, KeySet};
        use rand_core::SeedableRng;
        let form = Form::default().with(Field::Server, "docker1");
        let plan = form.check(today(), Lang::En).plan.unwrap();
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(8);
        let keys = KeySet::generate(&plan, &mut rng).unwrap();
        let now = time::OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap();
        bundle::build(&plan, keys, &CaKeyProtection::Unencrypted, now, &mut rng).unwrap()
    };
    let files = ["ca/ca.pem", "ca/ca-key.pem"]
        .map(|path| PickedFile::read(path, ca.contents(path).unwrap().to_vec()));
    let now = time::OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap();
    state.apply(Msg::CaFiles(CaSlot::Either, files.to_vec(), now));
    assert_eq!(
        crate::i18n::line(&state.before_first(), Lang::En),
        "Next: add at least one Docker host or client. The zip holds the CA certificate, never its key."
    );
    typed(&mut state, Input::Setting(Field::Server), "docker3");
    assert_eq!(
        state.before_first(),
        [Text::ReadyToIssue, Text::ZipHoldsNoCaKey]
    );
    assert_eq!(state.action_note(), None);
    state.apply(Msg::SetMode(Mode::Inspect));
    assert_eq!(state.action_note(), None);
}
