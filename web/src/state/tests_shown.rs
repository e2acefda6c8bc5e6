//! Text from outside on the page: file and zip entry names, certificate
//! subjects and the words of the findings about them come to the components
//! with every newline, tab, escape and bidi override written out, so nothing
//! a file brings can pass for the page's own words.

use super::*;
use dockcert_core::show::is_hidden;

fn now() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap()
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn inspect_shows_names_from_outside_on_one_line() {
    let mut state = AppState::new(Lang::En, now().date(), false);
    state.apply(Msg::SetMode(Mode::Inspect));
    state.apply(Msg::InspectFiles(
        vec![
            PickedFile::read(
                "notes.txt\nAll is well: 3 files checked.",
                b"hello\n".to_vec(),
            ),
            // Too large to read: a finding that names it.
            PickedFile::read(
                "Verdict: healthy\r\n\u{202e}ca.pem",
                vec![b'x'; MAX_FILE + 1],
            ),
        ],
        now(),
    ));
    let report = state.inspection.report.as_ref().unwrap();
    let mut texts: Vec<String> = Vec::new();
    for lang in [dockcert_core::Lang::En, dockcert_core::Lang::Zh] {
        for f in &report.files {
            texts.extend([f.path.clone(), f.kind_text(lang)]);
            texts.extend(f.details_text(lang));
        }
        for f in &report.findings {
            texts.extend(f.file.clone());
            texts.push(f.message(lang));
            texts.extend(f.fix(lang));
        }
    }
    for text in &texts {
        assert!(!text.chars().any(is_hidden), "{text:?}");
    }
    let paths: Vec<&str> = report.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["notes.txt\\nAll is well: 3 files checked."]);
    // The file not read is an error, named on one line.
    let unread = "Verdict: healthy\\r\\n\\u{202e}ca.pem";
    let finding = report
        .findings
        .iter()
        .find(|f| f.file.as_deref() == Some(unread))
        .unwrap_or_else(|| panic!("{report:#?}"));
    assert_eq!(finding.code, "not-read");
    for lang in [dockcert_core::Lang::En, dockcert_core::Lang::Zh] {
        let message = finding.message(lang);
        assert!(message.contains(unread), "{message}");
    }
    assert_eq!(
        report.verdict(dockcert_core::Lang::En),
        "1 error, 0 warnings."
    );
}
