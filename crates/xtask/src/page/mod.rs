//! `cargo xtask page`: builds the page with Trunk, then folds it into the one
//! self-contained file `dist/dockcert.html`.
//!
//! A Trunk build loads nothing under file:// (module imports and the wasm
//! fetch are blocked there), so everything is inlined: the stylesheet as a
//! `<style>`, the wasm gzipped and packed seven bits to an ASCII character
//! ([`crate::pack::seven_bit`]) in a data block that is never
//! executed, and the wasm-bindgen glue plus a small loader as one inline
//! module script that unpacks the wasm with DecompressionStream and
//! compiles it as it comes out ([`LOADER`]). That script waits, inert, until
//! the first screen rendered ahead of time is on screen
//! ([`first_screen::SHOW_FIRST`] starts it). The page is plain ASCII, every
//! wider character written as a reference or escape, so that the browser
//! parses it as 8-bit text. A Content-Security-Policy meta tag
//! allows exactly those two scripts and that style by their SHA-256 hashes, plus
//! 'wasm-unsafe-eval', and nothing else: no connection, no form target, no
//! base URI, no other source of anything.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::cmd::{self, command, root};
use crate::{repro, setup};

mod first_screen;
use first_screen::{first_screens, prerender, SHOW_FIRST};

/// The built page, relative to the workspace root.
pub(crate) const PAGE: &str = "dist/dockcert.html";

/// Where Trunk writes (Trunk.toml), before folding.
const TRUNK_DIST: &str = "target/trunk-dist";

/// Runs `cargo xtask page [--open]`.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    setup::page_tools()?;
    let page = build()?;
    let bytes = fs::read(&page).map_err(|e| format!("{}: {e}", page.display()))?;
    let url = format!("file://{}", page.display());
    println!("\nThe offline page: {}", page.display());
    println!(
        "  size    {} bytes ({:.2} MiB)",
        bytes.len(),
        bytes.len() as f64 / 1024.0 / 1024.0
    );
    println!("  SHA-256 {}", hex(&Sha256::digest(&bytes)));
    println!("Copy it to a USB stick and open it by double-click, in Chromium or Firefox, on any machine: it needs no network and makes none.");
    println!("Before you trust a copy, compare its SHA-256 with the one above (sha256sum dockcert.html).");
    println!("Open it here: {url}");
    println!("The command-line twin: cargo build --release -p dockcert-cli && target/release/dockcert new --help");
    let wants_open = args.iter().any(|a| a == "--open");
    let has_desktop =
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some();
    if wants_open || has_desktop {
        if has_desktop && cmd::has("xdg-open", "--version") {
            cmd::run(command("xdg-open", &[&url]))?;
        } else if wants_open {
            println!(
                "(No desktop session here to open it in: open the address above in a browser.)"
            );
        }
    }
    Ok(())
}

/// Builds the page driver (tests/src/bin/page-driver.rs), optimised or not,
/// and returns its path.
pub(crate) fn build_driver(release: bool) -> Result<PathBuf, String> {
    let mut args = vec![
        "build",
        "--quiet",
        "-p",
        "dockcert-tests",
        "--bin",
        "page-driver",
    ];
    if release {
        args.push("--release");
    }
    cmd::run(command("cargo", &args))?;
    let profile = if release { "release" } else { "debug" };
    Ok(root().join("target").join(profile).join("page-driver"))
}

/// Runs the page driver (tests/src/bin/page-driver.rs) on `job_file`: as
/// root inside a network namespace with only loopback, as the end-to-end tests
/// do, so the page has no network to reach; otherwise directly.
pub(crate) fn drive(driver: &Path, job_file: &Path) -> Result<(), String> {
    let (driver, job) = (driver.to_string_lossy(), job_file.to_string_lossy());
    if cmd::is_root() {
        cmd::run(command(
            "unshare",
            &[
                "--net",
                "sh",
                "-c",
                "ip link set lo up && exec \"$0\" \"$1\"",
                &driver,
                &job,
            ],
        ))
    } else {
        cmd::run(command(&driver, &[&job]))
    }
}

/// The wasm features rustc 1.95 enables for wasm32-unknown-unknown, and so
/// all wasm-opt may use: nothing newer, so Firefox ESR runs the result too.
const WASM_FEATURES: [&str; 7] = [
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-multivalue",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
];

/// Builds `dist/dockcert.html` and returns its absolute path.
pub(crate) fn build() -> Result<PathBuf, String> {
    let mut trunk = command("trunk", &["build", "--release", "--cargo-profile", "page"]);
    repro::apply(&mut trunk)?;
    cmd::run(trunk)?;
    let trunk_dist = root().join(TRUNK_DIST);
    let index = read_text(&trunk_dist.join("index.html"))?;
    shrink(&trunk_dist, &index)?;
    // The commit the wasm was built from, for both first screens' footers.
    let commit = repro::commit();
    let folded = fold(&index, &trunk_dist, &root().join("web/style.css"), |lang| {
        prerender(lang, &commit)
    })?;

    let dist = root().join("dist");
    if dist.exists() {
        fs::remove_dir_all(&dist).map_err(|e| format!("could not clear dist/: {e}"))?;
    }
    fs::create_dir_all(&dist).map_err(|e| format!("could not make dist/: {e}"))?;
    let page = root().join(PAGE);
    let tmp = dist.join(".dockcert.html.tmp");
    fs::write(&tmp, folded.as_bytes())
        .map_err(|e| format!("could not write {}: {e}", tmp.display()))?;
    fs::rename(&tmp, &page).map_err(|e| format!("could not write {}: {e}", page.display()))?;
    Ok(page)
}

/// Runs wasm-opt over the wasm Trunk wrote, in place: about a quarter
/// smaller, and no slower to start.
fn shrink(trunk_dist: &Path, index: &str) -> Result<(), String> {
    let wasm_name =
        between(index, "module_or_path: '/", "'").ok_or("no wasm path in Trunk's loader")?;
    let wasm = trunk_dist.join(wasm_name);
    let smaller = trunk_dist.join(format!("{wasm_name}.opt"));
    let mut args: Vec<String> = vec![
        wasm.to_string_lossy().into_owned(),
        "-Oz".into(),
        "--output".into(),
        smaller.to_string_lossy().into_owned(),
    ];
    args.extend(WASM_FEATURES.iter().map(|f| (*f).to_owned()));
    let mut opt = Command::new(setup::wasm_opt());
    opt.args(&args).current_dir(root());
    cmd::run(opt)?;
    fs::rename(&smaller, &wasm).map_err(|e| format!("{}: {e}", wasm.display()))
}

fn read_text(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Text between `start` and the next `end` (both included), and its offsets.
fn span<'a>(text: &'a str, start: &str, end: &str) -> Option<(usize, usize, &'a str)> {
    let from = text.find(start)?;
    let to = from + text[from..].find(end)? + end.len();
    Some((from, to, &text[from..to]))
}

fn remove_all(mut text: String, start: &str, end: &str) -> String {
    while let Some((from, to, _)) = span(&text, start, end) {
        text.replace_range(from..to, "");
    }
    text
}

/// The value of `attr="..."` in `tag`.
fn attr<'a>(tag: &'a str, attr: &str) -> Option<&'a str> {
    let key = format!("{attr}=\"");
    let from = tag.find(&key)? + key.len();
    let len = tag[from..].find('"')?;
    Some(&tag[from..from + len])
}

fn fold(
    index: &str,
    trunk_dist: &Path,
    style_source: &Path,
    first_screen: impl Fn(&str) -> Result<String, String>,
) -> Result<String, String> {
    // Trunk's loader names the glue and the wasm it would fetch.
    let (_, _, loader) = span(index, "<script type=\"module\">", "</script>")
        .ok_or("Trunk's index.html has no module script")?;
    let glue_name = between(loader, "from '/", "'").ok_or("no glue import in Trunk's loader")?;
    let wasm_name =
        between(loader, "module_or_path: '/", "'").ok_or("no wasm path in Trunk's loader")?;
    let glue = read_text(&trunk_dist.join(glue_name))?;
    let wasm = fs::read(trunk_dist.join(wasm_name)).map_err(|e| format!("{wasm_name}: {e}"))?;
    if glue.contains("</script") || glue.contains("<!--") {
        return Err("the wasm-bindgen glue contains text that cannot sit inside a <script>".into());
    }
    if !glue.is_ascii() {
        return Err("the wasm-bindgen glue is not plain ASCII".into());
    }
    let css = ascii_css(&read_text(style_source)?);
    if css.contains("</style") {
        return Err("style.css contains \"</style\"".into());
    }

    let packed = crate::pack::seven_bit(&gzip_smallest(&wasm)?);

    let script = format!("\n{glue}\n{LOADER}");
    let style = format!("\n{css}");
    let csp = format!(
        "default-src 'none'; script-src 'sha256-{}' 'sha256-{}' 'wasm-unsafe-eval'; style-src 'sha256-{}'; \
         connect-src 'none'; img-src 'none'; font-src 'none'; media-src 'none'; object-src 'none'; \
         frame-src 'none'; worker-src 'none'; manifest-src 'none'; form-action 'none'; base-uri 'none'",
        b64_sha256(SHOW_FIRST),
        b64_sha256(&script),
        b64_sha256(&style)
    );

    let mut html = index.to_owned();
    html = remove_all(html, "<script type=\"module\">", "</script>");
    html = remove_all(html, "<link rel=\"modulepreload\"", ">");
    html = remove_all(html, "<link rel=\"preload\"", ">");
    // The first screen, rendered ahead of time in both languages, and the
    // script that shows it at once, right after the app's element.
    let app = "<div id=\"app\">";
    let (_, app_end, _) = span(&html, app, "</div>").ok_or("index.html lacks <div id=\"app\">")?;
    html.insert_str(app_end, &first_screens(first_screen)?);
    html = ascii_html(&html);
    // Trunk's stylesheet link becomes the inline style.
    let (from, to, link) = span(&html, "<link rel=\"stylesheet\"", ">")
        .ok_or("Trunk's index.html has no stylesheet link")?;
    if attr(link, "href").is_none() {
        return Err("the stylesheet link has no href".into());
    }
    html.replace_range(from..to, &format!("<style>{style}</style>"));
    let charset = "<meta charset=\"utf-8\">";
    let at = html
        .find(charset)
        .ok_or("index.html lacks <meta charset=\"utf-8\">")?
        + charset.len();
    html.insert_str(
        at,
        &format!("\n<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">"),
    );
    let body_end = html.rfind("</body>").ok_or("index.html lacks </body>")?;
    html.insert_str(
        body_end,
        &format!(
            "<script type=\"application/octet-stream\" id=\"dockcert-wasm\">{packed}</script>\n<script type=\"text/plain\" id=\"dockcert-loader\">{script}</script>\n"
        ),
    );
    if !html.is_ascii() {
        return Err("the folded page is not plain ASCII".into());
    }
    for external in ["src=\"", "href=\"/", "href=\"http", "url("] {
        if html.contains(external) {
            return Err(format!(
                "the folded page still refers to something outside it ({external})"
            ));
        }
    }
    Ok(html)
}

/// `bytes` gzipped by Zopfli: 4% smaller than zlib's level 9 for the page's
/// wasm (603,006 to 577,666 bytes, so 34 KB less base64 for the browser to
/// read at every start) and an ordinary gzip stream that DecompressionStream
/// unpacks. Deterministic: no name, no time and the same bytes for the same
/// input; it takes a few seconds more per build.
fn gzip_smallest(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut gz = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        bytes,
        &mut gz,
    )
    .map_err(|e| format!("gzip of the wasm: {e}"))?;
    Ok(gz)
}

/// Unpacks the inlined wasm and starts it; shows why if it cannot.
///
/// The data block's seven bits a character ([`crate::pack::seven_bit`]) are turned back
/// into bytes by a loop: about 1.2 million characters' work, a few
/// milliseconds, for 121 KB less page to read. The bytes go
/// into a stream of the page's own, not a Blob's: Chromium keeps a Blob in
/// its browser process and reads it back chunk by chunk, a round trip that
/// made compiling a quarter slower. The gunzipped stream goes to
/// `instantiateStreaming` as an `application/wasm` response, so the wasm
/// compiles while it is still being unpacked.
const LOADER: &str = r#"
const dockcertFail = (why) => {
  const root = document.getElementById('app');
  if (root) root.textContent = 'dockcert could not start: ' + why;
};
const dockcertPacked = () => {
  const block = document.getElementById('dockcert-wasm');
  const text = block.textContent;
  block.remove();
  const raw = new Uint8Array(Math.floor(text.length * 7 / 8));
  let acc = 0, bits = 0, o = 0;
  for (let i = 0; i < text.length; i++) {
    let v = text.charCodeAt(i);
    if (v === 92) {
      const e = text.charCodeAt(++i);
      v = e === 48 ? 0 : e === 114 ? 13 : e === 108 ? 60 : 92;
    }
    acc = ((acc & 127) << 7) | v;
    bits += 7;
    if (bits >= 8) { bits -= 8; raw[o++] = (acc >> bits) & 255; }
  }
  return raw.subarray(0, o);
};
try {
  if (typeof WebAssembly !== 'object' || typeof DecompressionStream !== 'function') {
    throw new Error('this browser lacks WebAssembly or DecompressionStream; use a current Chromium or Firefox');
  }
  const packed = dockcertPacked();
  const gzipped = new ReadableStream({ start(c) { c.enqueue(packed); c.close(); } });
  const wasm = gzipped.pipeThrough(new DecompressionStream('gzip'));
  await __wbg_init({ module_or_path: new Response(wasm, { headers: { 'Content-Type': 'application/wasm' } }) });
} catch (e) {
  dockcertFail(e && e.message ? e.message : String(e));
}
"#;

/// `html` with every character beyond ASCII written as a character
/// reference. Blink keeps an all-ASCII document in 8-bit strings; a single
/// wider character makes it decode and tokenize the whole page, the wasm's
/// base64 included, as 16-bit text, and hands the script a 16-bit string to
/// decode. Only for text and attribute values: Trunk's page holds no script
/// or style of its own by the time this runs.
fn ascii_html(html: &str) -> String {
    html.chars()
        .map(|c| match c.is_ascii() {
            true => c.to_string(),
            false => format!("&#x{:x};", u32::from(c)),
        })
        .collect()
}

/// `css` with every character beyond ASCII written as a CSS escape (see
/// [`ascii_html`]); the trailing space ends the escape and is not content.
fn ascii_css(css: &str) -> String {
    css.chars()
        .map(|c| match c.is_ascii() {
            true => c.to_string(),
            false => format!("\\{:x} ", u32::from(c)),
        })
        .collect()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

fn b64_sha256(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_characters_become_references_and_escapes() {
        assert_eq!(
            ascii_html("<p>Loading… / 正在加载</p>"),
            "<p>Loading&#x2026; / &#x6b63;&#x5728;&#x52a0;&#x8f7d;</p>"
        );
        assert_eq!(
            ascii_css(".done::before { content: \"✓ \"; }"),
            ".done::before { content: \"\\2713  \"; }"
        );
    }
}
