//! Just enough of the W3C WebDriver protocol to drive Debian's Chromium
//! through Debian's chromedriver and Debian's Firefox ESR through
//! geckodriver: sessions, elements, typing, clicks, screenshots, scripts,
//! and what the browser saw (every request, every console message): from
//! Chrome's logs, or from Firefox over WebDriver BiDi (`bidi.rs`). Plain
//! HTTP/1.1 over loopback.

mod bidi;
mod browser;

pub use browser::{Browser, Launch};

use std::cell::RefCell;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

use bidi::Bidi;

/// A WebDriver server (chromedriver or geckodriver) this process started,
/// killed on drop.
pub struct Driver {
    child: Child,
    port: u16,
}

fn free_loopback_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}

impl Driver {
    /// Starts `program`, the WebDriver server of `browser`, on a free
    /// loopback port and waits until it is ready.
    pub fn start(browser: Browser, program: &str) -> Result<Driver, String> {
        let port = free_loopback_port()?;
        let mut command = Command::new(program);
        match browser {
            Browser::Chromium => {
                command
                    .arg(format!("--port={port}"))
                    .arg("--allowed-ips=127.0.0.1");
            }
            Browser::Firefox => {
                // Marionette's port is left to the system; BiDi's gets one
                // of its own, so that two Firefoxes never meet on 9222.
                command.args([
                    "--host",
                    "127.0.0.1",
                    "--port",
                    &port.to_string(),
                    "--websocket-port",
                    &free_loopback_port()?.to_string(),
                    "--log",
                    "error",
                ]);
            }
        }
        let child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start {program}: {e}"))?;
        let driver = Driver { child, port };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(status) = driver.call("GET", "/status", None) {
                if status["ready"] == true {
                    return Ok(driver);
                }
            }
            if Instant::now() > deadline {
                return Err(format!("{program} did not become ready"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// One WebDriver call; returns its `value`.
    pub fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(Duration::from_secs(180)))
            .map_err(|e| e.to_string())?;
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.port,
            body.len()
        )
        .map_err(|e| e.to_string())?;
        // Read the head, then exactly Content-Length bytes (chromedriver may
        // keep the connection open), or chunks up to the last one.
        let mut raw = Vec::new();
        let mut buf = [0u8; 16384];
        let split = loop {
            if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                break split;
            }
            let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
            if n == 0 {
                return Err("connection closed before the response head".into());
            }
            raw.extend_from_slice(&buf[..n]);
        };
        let head = String::from_utf8_lossy(&raw[..split]).to_string();
        let lower = head.to_ascii_lowercase();
        let mut payload = raw[split + 4..].to_vec();
        let length = lower
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok());
        let chunked = lower.contains("transfer-encoding: chunked");
        loop {
            let complete = match length {
                Some(len) => payload.len() >= len,
                None if chunked => payload.ends_with(b"0\r\n\r\n"),
                None => false,
            };
            if complete {
                break;
            }
            let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
            if n == 0 {
                break;
            }
            payload.extend_from_slice(&buf[..n]);
        }
        if chunked {
            payload = dechunk(&payload);
        }
        let status: u16 = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or("no HTTP status")?;
        let value: Value = serde_json::from_slice(&payload)
            .map_err(|e| format!("{method} {path}: bad JSON: {e}"))?;
        if status != 200 {
            return Err(format!(
                "{method} {path}: HTTP {status}: {}",
                value["value"]
            ));
        }
        Ok(value["value"].clone())
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..line_end]).trim(), 16)
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = line_end + 2;
        out.extend_from_slice(&data[start..(start + size).min(data.len())]);
        data = &data[(start + size + 2).min(data.len())..];
    }
    out
}

/// A browser session.
pub struct Session<'a> {
    driver: &'a Driver,
    id: String,
    browser: Browser,
    /// Firefox's events (requests, console), which geckodriver has no log for.
    bidi: Option<RefCell<Bidi>>,
    /// Whether the browser records requests and console ([`Launch::observe`]).
    observing: bool,
}

/// The BiDi events a Firefox session listens to: every request the
/// browser is about to send, and every console message or uncaught error.
const BIDI_EVENTS: [&str; 2] = ["network.beforeRequestSent", "log.entryAdded"];

impl<'a> Session<'a> {
    /// Opens the browser `launch` describes, headless, watching its
    /// requests and console if `launch.observe`.
    pub fn open(driver: &'a Driver, launch: &Launch) -> Result<Session<'a>, String> {
        launch.prepare()?;
        let caps = json!({ "capabilities": { "alwaysMatch": launch.capabilities() } });
        let value = driver.call("POST", "/session", Some(caps))?;
        let id = value["sessionId"]
            .as_str()
            .ok_or("no session id")?
            .to_owned();
        let bidi = match launch.browser {
            Browser::Firefox if launch.observe => {
                let url = value["capabilities"]["webSocketUrl"]
                    .as_str()
                    .ok_or("Firefox gave no webSocketUrl for BiDi")?;
                Some(RefCell::new(Bidi::connect(url, &BIDI_EVENTS)?))
            }
            _ => None,
        };
        Ok(Session {
            driver,
            id,
            browser: launch.browser,
            bidi,
            observing: launch.observe,
        })
    }

    /// Which browser this is.
    pub fn browser(&self) -> Browser {
        self.browser
    }

    fn path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.id)
    }

    /// A call within this session.
    pub fn call(&self, method: &str, rest: &str, body: Option<Value>) -> Result<Value, String> {
        self.driver.call(method, &self.path(rest), body)
    }

    /// Navigates to `url`.
    pub fn go(&self, url: &str) -> Result<(), String> {
        self.call("POST", "/url", Some(json!({ "url": url })))
            .map(|_| ())
    }

    /// Sets the window's size.
    pub fn resize(&self, width: u32, height: u32) -> Result<(), String> {
        self.call(
            "POST",
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        )
        .map(|_| ())
    }

    /// The element matching `css`.
    pub fn find(&self, css: &str) -> Result<String, String> {
        let value = self.call(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        )?;
        value
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(|v| v.as_str())
            .map(str::to_owned)
            .ok_or_else(|| format!("no element {css}"))
    }

    /// Clears the element matching `css`, then types `text` into it.
    pub fn type_into(&self, css: &str, text: &str) -> Result<(), String> {
        let el = self.find(css)?;
        self.call("POST", &format!("/element/{el}/clear"), Some(json!({})))?;
        if !text.is_empty() {
            self.keys_to(&el, text)?;
        }
        Ok(())
    }

    /// Types `text` into the element matching `css` where its caret is,
    /// clearing nothing first, as a person who clicks in and types
    /// (WebDriver's Element Send Keys: the browser's own key events, special
    /// keys such as arrows and Shift included).
    pub fn send_keys(&self, css: &str, text: &str) -> Result<(), String> {
        let el = self.find(css)?;
        self.keys_to(&el, text)
    }

    /// Element Send Keys of `text` to the element `el`.
    fn keys_to(&self, el: &str, text: &str) -> Result<(), String> {
        self.call(
            "POST",
            &format!("/element/{el}/value"),
            Some(json!({ "text": text })),
        )
        .map(|_| ())
    }

    /// Gives the `<input type=file>` matching `css` these files (several
    /// only if it takes `multiple`), as a person choosing them would.
    pub fn upload(&self, css: &str, paths: &[&str]) -> Result<(), String> {
        self.send_keys(css, &paths.join("\n"))
    }

    /// Clicks the element matching `css`.
    pub fn click(&self, css: &str) -> Result<(), String> {
        let el = self.find(css)?;
        self.call("POST", &format!("/element/{el}/click"), Some(json!({})))
            .map(|_| ())
    }

    /// Runs `script` in the page and returns its result.
    pub fn eval(&self, script: &str) -> Result<Value, String> {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    /// Runs `script` in the page with `args` (its `arguments`) and returns its result.
    pub fn eval_with(&self, script: &str, args: Value) -> Result<Value, String> {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Waits until `script` returns something truthy, and returns it.
    pub fn wait_for(&self, script: &str, timeout: Duration) -> Result<Value, String> {
        let deadline = Instant::now() + timeout;
        loop {
            let v = self.eval(script)?;
            if !(v.is_null() || v == false || v == "" || v == 0) {
                return Ok(v);
            }
            if Instant::now() > deadline {
                return Err(format!("timed out waiting for: {script}"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A PNG of the viewport.
    pub fn screenshot(&self) -> Result<Vec<u8>, String> {
        let value = self.call("GET", "/screenshot", None)?;
        base64::engine::general_purpose::STANDARD
            .decode(value.as_str().ok_or("no screenshot data")?)
            .map_err(|e| format!("screenshot: {e}"))
    }

    /// A PNG of the element matching `css` alone.
    pub fn element_screenshot(&self, css: &str) -> Result<Vec<u8>, String> {
        let el = self.find(css)?;
        let value = self.call("GET", &format!("/element/{el}/screenshot"), None)?;
        base64::engine::general_purpose::STANDARD
            .decode(value.as_str().ok_or("no screenshot data")?)
            .map_err(|e| format!("screenshot: {e}"))
    }

    /// A Chrome DevTools command, through chromedriver.
    pub fn cdp(&self, cmd: &str, params: Value) -> Result<Value, String> {
        self.call(
            "POST",
            "/goog/cdp/execute",
            Some(json!({ "cmd": cmd, "params": params })),
        )
    }

    /// Chrome's log of `kind` ("performance" or "browser") since the last call.
    fn chrome_log(&self, kind: &str) -> Result<Vec<Value>, String> {
        let value = self.call("POST", "/se/log", Some(json!({ "type": kind })))?;
        Ok(value.as_array().cloned().unwrap_or_default())
    }

    /// What the browser saw since the last call (or since it opened): every
    /// URL it requested, and every console message as `{level, message}`
    /// with `level` one of `error`, `warn`, `info`, `debug`. Both are told by
    /// the browser to the driver, not gathered by a script in the page.
    pub fn observed(&self) -> Result<Observed, String> {
        if !self.observing {
            return Err("this session was opened without observing (Launch::observe)".into());
        }
        match &self.bidi {
            None => self.chrome_observed(),
            Some(bidi) => firefox_observed(bidi.borrow_mut().take_events()?),
        }
    }

    fn chrome_observed(&self) -> Result<Observed, String> {
        let requests = self
            .chrome_log("performance")?
            .iter()
            .filter_map(|entry| serde_json::from_str::<Value>(entry["message"].as_str()?).ok())
            .filter(|m| m["message"]["method"] == "Network.requestWillBeSent")
            .filter_map(|m| {
                m["message"]["params"]["request"]["url"]
                    .as_str()
                    .map(str::to_owned)
            })
            .collect();
        let console = self
            .chrome_log("browser")?
            .into_iter()
            .map(|e| {
                let level = match e["level"].as_str().unwrap_or_default() {
                    "SEVERE" => "error",
                    "WARNING" => "warn",
                    "INFO" => "info",
                    _ => "debug",
                };
                json!({ "level": level, "message": e["message"] })
            })
            .collect();
        Ok(Observed { requests, console })
    }

    /// Ends the session (closes the browser).
    pub fn close(self) -> Result<(), String> {
        self.call("DELETE", "", None).map(|_| ())
    }
}

/// What a browser saw: see [`Session::observed`].
#[derive(Default)]
pub struct Observed {
    /// Every URL requested, in order.
    pub requests: Vec<String>,
    /// Every console message, `{level, message}`.
    pub console: Vec<Value>,
}

/// Firefox's BiDi events, in the shape Chrome's logs are read into.
fn firefox_observed(events: Vec<Value>) -> Result<Observed, String> {
    let mut seen = Observed::default();
    for event in events {
        let params = &event["params"];
        match event["method"].as_str() {
            Some("network.beforeRequestSent") => seen.requests.push(
                params["request"]["url"]
                    .as_str()
                    .ok_or("a BiDi request without a URL")?
                    .to_owned(),
            ),
            Some("log.entryAdded") => seen.console.push(json!({
                "level": params["level"],
                "message": format!("{}: {}", params["type"].as_str().unwrap_or("log"), params["text"].as_str().unwrap_or_default()),
            })),
            _ => {}
        }
    }
    Ok(seen)
}

#[cfg(test)]
mod tests {
    #[test]
    fn decodes_chunks() {
        assert_eq!(
            super::dechunk(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"),
            b"hello world"
        );
    }
}
