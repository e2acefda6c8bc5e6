//! What the page driver measures of the page as it stands, for a job with
//! `"audit": true` (tests/tests/page_phone.rs): whether anything scrolls
//! sideways, and whether any word or name is broken across lines where no
//! person would break it. The page is measured as laid out by the browser
//! itself, character by character (`Range.getClientRects`), not by reading
//! the style sheet.
//!
//! Each audit is one JSON object:
//! - `view`: which view and state was measured (`new-ca empty`,
//!   `inspect result`, …), `lang` (`<html lang>`), `width` (`innerWidth`);
//! - `page_scroll_width` and `page_client_width`: the document's, so a
//!   page wider than its window shows as `page_scroll_width > page_client_width`;
//! - `overflows`: each element that is wider than the room it has: inside a
//!   table, or a scroll or clip container (its content cut off or scrolled
//!   sideways), or one reaching past the window's right edge; as
//!   `{element, scroll_width, client_width, right}`;
//! - `line_breaks`: how many line breaks inside one element's text were
//!   judged (so a test can tell that text did wrap and was looked at);
//! - `broken`: each word or name broken across two lines inside itself
//!   (`docke / r1.co / rp.cn`, `客 / 户 / 端`), as `{element, text, at}`:
//!   a line may end only after a space or after one of `. - , / : _ = ;`,
//!   which is where a host name, a path or a list may wrap; in a term or
//!   label (a table heading or cell label, a button, a field's label, a
//!   heading, a mode's name) Chinese characters keep together too, since
//!   such a term is one word (客户端), while Chinese prose may wrap between
//!   any two characters, as Chinese typesetting does.

use std::fs;
use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};

use crate::webdriver::Session;

/// The audits a job asked for (`"audit": true`), in the order taken.
pub struct Audits {
    wanted: bool,
    taken: Vec<Value>,
}

impl Audits {
    /// Audits for `job`: none unless it has `"audit": true`.
    pub fn of(job: &Value) -> Audits {
        Audits {
            wanted: job["audit"] == true,
            taken: Vec::new(),
        }
    }

    /// Measures the page as it stands, as `view`, if the job asked.
    pub fn take(&mut self, s: &Session, view: &str) -> Result<(), String> {
        if self.wanted {
            self.taken.push(audit(s, view)?);
        }
        Ok(())
    }

    /// Measures the page at the end of the job, every `<details>` opened,
    /// as the job's `"view"` or else `view`, if the job asked.
    pub fn take_final(&mut self, s: &Session, job: &Value, view: &str) -> Result<(), String> {
        if self.wanted {
            open_all_details(s)?;
            self.take(s, job["view"].as_str().unwrap_or(view))?;
        }
        Ok(())
    }
}

impl From<Audits> for Value {
    fn from(audits: Audits) -> Value {
        audits.taken.into()
    }
}

/// For a job with `"shot_of": CSS`, writes `shot.png` in `out`: a picture of
/// that element alone (the result panel, say), taken with the window
/// `"after_height"` tall so the whole element is laid out on screen.
pub fn element_shot(s: &Session, job: &Value, out: &Path, size: (u32, u32)) -> Result<(), String> {
    let Some(css) = job["shot_of"].as_str() else {
        return Ok(());
    };
    let (width, height) = size;
    let tall = job["after_height"].as_u64().unwrap_or(u64::from(height)) as u32;
    s.resize(width, tall)?;
    s.eval("window.scrollTo(0, 0); return true")?;
    std::thread::sleep(Duration::from_millis(300));
    fs::write(out.join("shot.png"), s.element_screenshot(css)?).map_err(|e| e.to_string())
}

/// Opens every `<details>` on the page (Advanced, daemon.json, the contexts
/// made by hand), so what they hold is measured too, and waits for the page
/// to build what it builds only when open.
pub fn open_all_details(s: &Session) -> Result<(), String> {
    s.eval("document.querySelectorAll('details:not([open])').forEach(d => { d.open = true; }); return true")?;
    std::thread::sleep(Duration::from_millis(300));
    Ok(())
}

/// Measures the page as it stands, naming the result `view`.
pub fn audit(s: &Session, view: &str) -> Result<Value, String> {
    // A layout settles within a frame; give fonts and late renders a moment.
    std::thread::sleep(Duration::from_millis(150));
    let mut measured = s.eval_with(AUDIT, json!([]))?;
    measured["view"] = view.into();
    Ok(measured)
}

/// The measurement, run in the page. Elements are named by tag, classes and
/// their first characters, so a failure says where to look.
const AUDIT: &str = r#"
const doc = document.documentElement;
const width = doc.clientWidth;
const name = el => {
  const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
  const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  return `${el.tagName.toLowerCase()}${cls} "${text}"`;
};
const shown = el => {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return false;
  const st = getComputedStyle(el);
  return st.visibility !== 'hidden' && st.display !== 'none';
};
// Form controls scroll their own text; 1-pixel elements are visually hidden.
const own_scroller = el => ['INPUT', 'TEXTAREA', 'SELECT', 'OPTION'].includes(el.tagName);
const overflows = [];
for (const el of document.body.querySelectorAll('*')) {
  if (own_scroller(el) || !shown(el)) continue;
  const st = getComputedStyle(el);
  const hidden_1px = el.clientWidth <= 1 && el.clientHeight <= 1;
  if (hidden_1px || el.closest('.visually-hidden, .mode-radio, .tip')) continue;
  const clips = st.overflowX !== 'visible';
  const in_table = el.closest('table') !== null;
  const right = el.getBoundingClientRect().right;
  const too_wide = (clips || in_table) && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1;
  if (too_wide || right > width + 1) {
    overflows.push({ element: name(el), scroll_width: el.scrollWidth, client_width: el.clientWidth, right: Math.round(right) });
  }
}

const TERMS = 'th, .cell-label, td.role, button, label, legend, summary, dt, h1, h2, h3, h4, .mode-option, .severity, .badge';
const cjk = c => /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(c);
const may_end_line = c => /[\s.\-,\/:_=;]/.test(c);
const broken = [];
let line_breaks = 0;
const range = document.createRange();
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
// The characters of each element's text in reading order, with the line
// each sits on, followed across the element's text nodes (a <wbr> splits one).
const lines = new Map();
while (walker.nextNode()) {
  const node = walker.currentNode;
  const el = node.parentElement;
  if (!el || !shown(el) || el.closest('.visually-hidden, .tip, script, style, noscript, option')) continue;
  const block = el.closest('p, li, td, th, dd, dt, h1, h2, h3, h4, label, legend, summary, button, pre, footer, div, span.cell-label') || el;
  let seen = lines.get(block);
  if (!seen) { seen = []; lines.set(block, seen); }
  const text = node.data;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const step = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    const c = text.slice(i, i + step);
    range.setStart(node, i);
    range.setEnd(node, i + step);
    i += step - 1;
    const rects = range.getClientRects();
    if (/\s/.test(c)) { seen.push({ c, space: true }); continue; }
    if (rects.length === 0) continue;
    const r = rects[rects.length - 1];
    if (r.width === 0) continue;
    seen.push({ c, top: r.top, bottom: r.bottom, term: el.closest(TERMS) !== null });
  }
}
for (const [block, chars] of lines) {
  let prev = null, space = false;
  for (const ch of chars) {
    if (ch.space) { space = true; continue; }
    if (prev && ch.top >= prev.bottom - (prev.bottom - prev.top) / 2) {
      line_breaks += 1;
      const ok = space || may_end_line(prev.c)
        || ((cjk(prev.c) || cjk(ch.c)) && !(ch.term && prev.term && cjk(prev.c) && cjk(ch.c)));
      if (!ok) broken.push({ element: name(block), text: block.textContent.trim().replace(/\s+/g, ' ').slice(0, 80), at: prev.c + '|' + ch.c });
    }
    prev = ch;
    space = false;
  }
}
return {
  lang: doc.lang,
  width: window.innerWidth,
  page_scroll_width: doc.scrollWidth,
  page_client_width: width,
  overflows,
  broken,
  line_breaks,
};
"#;
