//! What the page driver does on the New CA form before Generate: the
//! hosts and clients typed into their boxes (`"servers"`, `"clients"`, as
//! lists; `"clients_typed"`, typed into the box as it is), the key type
//! (`"key_type"`), the CA key's passphrase typed twice (`"passphrase"`) or
//! left off, and Advanced's fields (`"layout"`, `"days"`, `"ca-days"`,
//! `"ca-name"`, `"subject-org"`, `"subject-unit"`, `"subject-country"`,
//! `"listen"`, `"install-dir"`), checked to survive Advanced closed and
//! opened again; and what the page says about it ([`said`], [`ZIP_GUIDE`]).

use serde_json::Value;

use crate::driver_modes::open_advanced;
use crate::webdriver::Session;

/// Fills the New CA form by the controls' names, as a person would; returns
/// what the page said once the hosts and clients were typed ([`said`]).
pub fn fill(s: &Session, job: &Value) -> Result<Value, String> {
    // Fill the form by the controls' names, as the CLI's flags name them.
    let lines = |key: &str| -> String {
        job[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default()
    };
    s.type_into("[name=server]", &lines("servers"))?;
    if job["clients"].is_array() {
        s.type_into("[name=client]", &lines("clients"))?;
    }
    if let Some(typed) = job["clients_typed"].as_str() {
        // A person clicks into the box and types: nothing is cleared first.
        s.send_keys("[name=client]", typed)?;
    }
    let said_with_hosts = said(s)?;
    if let Some(key_type) = job["key_type"].as_str() {
        s.click(&format!("[name=key-type] option[value=\"{key_type}\"]"))?;
    }
    match job["passphrase"].as_str() {
        Some(pass) => {
            s.type_into("[name=passphrase]", pass)?;
            s.type_into("[name=passphrase-confirm]", pass)?;
        }
        None => s.click("[name=no-passphrase]")?,
    }
    let advanced = [
        "days",
        "ca-days",
        "ca-name",
        "subject-org",
        "subject-unit",
        "subject-country",
        "listen",
        "install-dir",
    ];
    let layout = job["layout"].as_str();
    if layout.is_some() || advanced.iter().any(|name| job[*name].is_string()) {
        open_advanced(s)?;
        if let Some(layout) = layout {
            s.click(&format!("[name=layout] option[value=\"{layout}\"]"))?;
        }
        for name in advanced {
            if let Some(value) = job[name].as_str() {
                s.type_into(&format!("[name={name}]"), value)?;
            }
        }
        // The page builds Advanced's fields only while it is open: closed
        // and opened again, it must show what was typed there.
        s.click("details.advanced > summary")?;
        open_advanced(s)?;
        for name in advanced {
            if let Some(value) = job[name].as_str() {
                let shown = s.eval(&format!(
                    "return document.querySelector('[name={name}]').value"
                ))?;
                if shown != value {
                    return Err(format!(
                        "Advanced closed and opened again shows {name} as {shown}, not {value:?}"
                    ));
                }
            }
        }
    }
    Ok(said_with_hosts)
}

/// "What to do with the zip" as shown: whether it is open, its title, and
/// each step's text (each line of a command in backquotes, copy buttons
/// left out) with whether it is on the screen (a closed `<details>` hides
/// its steps); null when the page has no such view.
pub const ZIP_GUIDE: &str = "const d = document.querySelector('details.zip-guide'); \
    if (!d) return null; \
    return { open: d.open, title: d.querySelector('summary').textContent, \
      steps: [...d.querySelectorAll('.guide-steps > li')].map(li => { \
        const c = li.cloneNode(true); \
        c.querySelectorAll('button').forEach(b => b.remove()); \
        c.querySelectorAll('code').forEach(k => { \
          k.textContent = k.textContent.split('\\n').map(l => '`' + l + '`').join('\\n'); }); \
        return { text: c.textContent, shown: li.checkVisibility() }; }) };";

/// What the line under the Generate button (`why`, null when there is none)
/// and the result panel (`result`) say now.
pub fn said(s: &Session) -> Result<Value, String> {
    s.eval(
        "const w = document.getElementById('why-disabled'); const r = document.querySelector('.result-panel'); return { why: w ? w.textContent : null, result: r ? r.textContent : null }",
    )
}
