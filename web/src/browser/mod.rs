//! Everything that touches the browser: the clock, the RNG seed, the
//! language, WebCrypto's RSA key generation, reading picked and dropped
//! files, the download, the clipboard and yielding to the event loop.
//! Nothing here makes a network request.

use dockcert_core::pki::{seeded_rng as seeded, KeyType, SeededRng};
use js_sys::{Array, Object, Reflect, Uint8Array};
use time::OffsetDateTime;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Lang;
use crate::state::{BrowserError, BrowserStep, PickedFile, ReadProblem, MAX_READ};

mod early;
pub use early::{app_root, carry_over_early_input};

fn window() -> Result<web_sys::Window, BrowserError> {
    web_sys::window().ok_or(BrowserError::bare(BrowserStep::Window))
}

/// `step` failed with the exception `e`, in the browser's words.
fn js_error(step: BrowserStep, e: JsValue) -> BrowserError {
    let detail = e
        .dyn_ref::<js_sys::Error>()
        .map(|err| String::from(err.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"));
    BrowserError::new(step, detail)
}

/// The current time, from the browser's clock.
pub fn now() -> OffsetDateTime {
    let nanos = (js_sys::Date::now() * 1_000_000.0) as i128;
    OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// Milliseconds since the page started, for timings.
pub fn perf_now() -> f64 {
    window()
        .ok()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// A ChaCha20 generator seeded from `crypto.getRandomValues`; the seed is
/// wiped once the generator holds it.
pub fn seeded_rng() -> Result<SeededRng, BrowserError> {
    let mut seed = zeroize::Zeroizing::new([0u8; 32]);
    getrandom::fill(seed.as_mut())
        .map_err(|e| BrowserError::new(BrowserStep::Random, e.to_string()))?;
    Ok(seeded(seed))
}

/// The interface language the browser prefers.
pub fn language() -> Lang {
    window()
        .ok()
        .and_then(|w| w.navigator().language())
        .map(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

/// Whether the page came over http(s) rather than from a file.
pub fn served_over_network() -> bool {
    window()
        .ok()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "http:" || p == "https:")
}

/// Sets `<html lang>`, so screen readers and fonts follow the toggle.
pub fn set_document_lang(lang: Lang) {
    if let Some(root) = window()
        .ok()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// Marks `<body data-ready-ms>` with the time the form became usable.
pub fn mark_ready() {
    mark_body("data-ready-ms", perf_now());
}

/// Records how long the last generation took on `<body data-generated-ms>`.
pub fn mark_generated(ms: f64) {
    mark_body("data-generated-ms", ms);
}

/// Writes `ms` to one of `<body>`'s attributes, to a tenth of a millisecond.
/// JavaScript formats the number: Rust's float formatting would add about
/// 10 KB of wasm for the first render to compile, only to write this.
fn mark_body(attribute: &str, ms: f64) {
    let body = window()
        .ok()
        .and_then(|w| w.document())
        .and_then(|d| d.body());
    let text = js_sys::Number::from(ms).to_fixed(1).map(String::from);
    if let (Some(body), Ok(text)) = (body, text) {
        let _ = body.set_attribute(attribute, &text);
    }
}

fn subtle() -> Result<web_sys::SubtleCrypto, BrowserError> {
    Ok(window()?
        .crypto()
        .map_err(|e| js_error(BrowserStep::WebCrypto, e))?
        .subtle())
}

/// Makes an RSA key with WebCrypto (off the main thread, in native code) and
/// returns it as PKCS#8 DER, wiped when dropped.
pub async fn rsa_pkcs8(key_type: KeyType) -> Result<zeroize::Zeroizing<Vec<u8>>, BrowserError> {
    let rsa = BrowserStep::RsaKey;
    let bits = key_type
        .rsa_bits()
        .ok_or(BrowserError::new(rsa, key_type.as_str()))?;
    let subtle = subtle()?;
    let algorithm = Object::new();
    let set = |key: &str, value: JsValue| Reflect::set(&algorithm, &key.into(), &value).map(|_| ());
    set("name", "RSASSA-PKCS1-v1_5".into())
        .and_then(|_| set("modulusLength", (bits as u32).into()))
        .and_then(|_| set("publicExponent", Uint8Array::from(&[1u8, 0, 1][..]).into()))
        .and_then(|_| set("hash", "SHA-256".into()))
        .map_err(|e| js_error(rsa, e))?;
    let usages = Array::of2(&"sign".into(), &"verify".into());
    let pair = JsFuture::from(
        subtle
            .generate_key_with_object(&algorithm, true, &usages)
            .map_err(|e| js_error(rsa, e))?,
    )
    .await
    .map_err(|e| js_error(rsa, e))?;
    let private: web_sys::CryptoKey = Reflect::get(&pair, &"privateKey".into())
        .map_err(|e| js_error(rsa, e))?
        .dyn_into()
        .map_err(|_| BrowserError::bare(rsa))?;
    let export = BrowserStep::ExportKey;
    let exported = JsFuture::from(
        subtle
            .export_key("pkcs8", &private)
            .map_err(|e| js_error(export, e))?,
    )
    .await
    .map_err(|e| js_error(export, e))?;
    Ok(zeroize::Zeroizing::new(Uint8Array::new(&exported).to_vec()))
}

/// PBKDF2-HMAC-SHA256 of `passphrase` with `salt` for `rounds`, 256 bits,
/// by WebCrypto: native code, several times faster than the same in wasm, so
/// the CA key keeps its 600,000 rounds without making the page slow.
pub async fn pbkdf2_sha256(
    passphrase: &[u8],
    salt: &[u8; 16],
    rounds: u32,
) -> Result<zeroize::Zeroizing<[u8; 32]>, BrowserError> {
    let step = BrowserStep::Pbkdf2;
    let subtle = subtle()?;
    let usages = Array::of1(&"deriveBits".into());
    let raw = Uint8Array::from(passphrase);
    let base = JsFuture::from(
        subtle
            .import_key_with_str("raw", &raw, "PBKDF2", false, &usages)
            .map_err(|e| js_error(step, e))?,
    )
    .await
    .map_err(|e| js_error(step, e));
    // The passphrase's copy in JavaScript memory is overwritten at once.
    raw.fill(0, 0, raw.length());
    let base: web_sys::CryptoKey = base?.dyn_into().map_err(|_| BrowserError::bare(step))?;
    let params = Object::new();
    let set = |key: &str, value: JsValue| Reflect::set(&params, &key.into(), &value).map(|_| ());
    set("name", "PBKDF2".into())
        .and_then(|_| set("hash", "SHA-256".into()))
        .and_then(|_| set("salt", Uint8Array::from(&salt[..]).into()))
        .and_then(|_| set("iterations", rounds.into()))
        .map_err(|e| js_error(step, e))?;
    let bits = JsFuture::from(
        subtle
            .derive_bits_with_object(&params, &base, 256)
            .map_err(|e| js_error(step, e))?,
    )
    .await
    .map_err(|e| js_error(step, e))?;
    let view = Uint8Array::new(&bits);
    let mut key = zeroize::Zeroizing::new([0u8; 32]);
    if view.length() as usize != key.len() {
        return Err(BrowserError::new(
            step,
            format!("{} bytes, not 32", view.length()),
        ));
    }
    view.copy_to(key.as_mut());
    view.fill(0, 0, view.length());
    Ok(key)
}

/// Starts the download of `bytes` as `name` and returns the blob URL, which
/// stays valid for the download link.
pub fn download(bytes: &[u8], name: &str) -> Result<String, BrowserError> {
    let step = BrowserStep::Download;
    let array = Uint8Array::from(bytes);
    let parts = Array::of1(&array.clone().into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/zip");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options);
    // The Blob holds its own copy: the array's copy of the keys is wiped now.
    array.fill(0, 0, array.length());
    let blob = blob.map_err(|e| js_error(step, e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| js_error(step, e))?;
    let document = window()?.document().ok_or(BrowserError::bare(step))?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| js_error(step, e))?
        .dyn_into()
        .map_err(|_| BrowserError::bare(step))?;
    link.set_href(&url);
    link.set_download(name);
    link.set_hidden(true);
    let body = document.body().ok_or(BrowserError::bare(step))?;
    body.append_child(&link).map_err(|e| js_error(step, e))?;
    link.click();
    let _ = body.remove_child(&link);
    Ok(url)
}

/// Withdraws a download offered by [`download`]: the browser frees the zip
/// (and the keys in it) and the link stops working.
pub fn revoke(url: &str) {
    let _ = web_sys::Url::revoke_object_url(url);
}

/// Copies `text` to the clipboard.
pub async fn copy(text: &str) -> Result<(), BrowserError> {
    let clipboard = window()?.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|e| js_error(BrowserStep::Copy, e))
}

/// Lets the browser paint and handle input before going on.
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Ok(w) = window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Files the user picked or dropped, not read yet.
pub struct Files(Vec<web_sys::File>);

impl From<Vec<web_sys::File>> for Files {
    fn from(files: Vec<web_sys::File>) -> Self {
        Files(files)
    }
}

impl Files {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The text of the control that fired `e` (`<input>`, `<textarea>`, `<select>`).
pub fn value_of(e: &web_sys::Event) -> String {
    property(e, "value")
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Whether the checkbox that fired `e` is checked, or the `<details>` open.
pub fn is_on(e: &web_sys::Event, property_name: &str) -> bool {
    property(e, property_name)
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

fn property(e: &web_sys::Event, name: &str) -> Option<JsValue> {
    e.target().and_then(|t| Reflect::get(&t, &name.into()).ok())
}

/// The files picked in the `<input type=file>` that fired `e`. The input is
/// then emptied, so picking the same file again is seen as a change.
pub fn take_files(e: &web_sys::Event) -> Files {
    let Some(input) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Files(Vec::new());
    };
    let files = files_of(input.files());
    input.set_value("");
    Files(files)
}

/// Lets files be dropped on the element handling `e` (as a copy).
pub fn accept_drag(e: &web_sys::DragEvent) {
    e.prevent_default();
    if let Some(transfer) = e.data_transfer() {
        transfer.set_drop_effect("copy");
    }
}

/// Whether a `dragleave` left the element handling it, rather than moving
/// onto one of its children.
pub fn drag_left(e: &web_sys::DragEvent) -> bool {
    let zone = e
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    let to = e
        .related_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    match (zone, to) {
        (Some(zone), Some(to)) => !zone.contains(Some(&to)),
        _ => true,
    }
}

/// The files dropped by `e` (the browser's own handling, opening the file in
/// place of the page, is stopped).
pub fn dropped_files(e: &web_sys::DragEvent) -> Files {
    e.prevent_default();
    Files(files_of(e.data_transfer().and_then(|d| d.files())))
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Keeps a file dropped beside a drop zone from replacing the page (and
/// everything typed in it) with the file.
pub fn keep_stray_drops_on_the_page() {
    let Ok(w) = window() else {
        return;
    };
    let stop =
        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
            e.prevent_default()
        });
    for event in ["dragover", "drop"] {
        let _ = w.add_event_listener_with_callback(event, stop.as_ref().unchecked_ref());
    }
    // The listener lives as long as the page.
    stop.forget();
}

/// Reads each file whole, in memory (nothing leaves the page). A file larger
/// than [`MAX_READ`] is not read; the reason says so.
pub async fn read_files(files: Files) -> Vec<PickedFile> {
    let mut picked = Vec::with_capacity(files.0.len());
    for file in files.0 {
        let name = file.name();
        let size = file.size();
        if size > MAX_READ as f64 {
            picked.push(PickedFile {
                name,
                bytes: Err(ReadProblem::TooLarge {
                    size: size as u64,
                    limit: MAX_READ as u64,
                }),
            });
            continue;
        }
        let read = JsFuture::from(file.array_buffer())
            .await
            .map(|buffer| {
                let view = Uint8Array::new(&buffer);
                let bytes = view.to_vec();
                // A CA key may be among the files: leave no copy in JavaScript.
                view.fill(0, 0, view.length());
                bytes
            })
            .map_err(|e| js_error(BrowserStep::ReadFile, e));
        picked.push(match read {
            Ok(bytes) => PickedFile::read(&name, bytes),
            Err(e) => PickedFile {
                name,
                bytes: Err(ReadProblem::Unreadable(e.detail.unwrap_or_default())),
            },
        });
    }
    picked
}
