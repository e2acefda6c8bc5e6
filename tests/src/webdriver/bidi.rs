//! Just enough WebDriver BiDi (the W3C protocol's event half) to watch a
//! Firefox session from outside the page: a WebSocket client (RFC 6455,
//! text frames only) on the session's `webSocketUrl`, one subscription, and
//! the events it brings. geckodriver has no log endpoint, so this is how a
//! Firefox test sees every request and every console error: the browser
//! reports them to this socket, where no script in the page can see, stop or
//! clear them.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use base64::Engine;
use serde_json::{json, Value};
use sha1::{Digest, Sha1};

/// A BiDi connection that has subscribed to some events.
pub(super) struct Bidi {
    stream: TcpStream,
    next_id: u64,
    /// Events received and not yet taken, in the order they came.
    events: Vec<Value>,
}

/// The value RFC 6455 §1.3 appends to the client's key before hashing it.
const ACCEPT_GUID: &str = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

impl Bidi {
    /// Connects to `url` (`ws://127.0.0.1:PORT/session/ID`, what the
    /// browser returned for the `webSocketUrl` capability) and subscribes to
    /// `events` for every browsing context.
    pub(super) fn connect(url: &str, events: &[&str]) -> Result<Bidi, String> {
        let rest = url
            .strip_prefix("ws://")
            .ok_or_else(|| format!("{url}: not a ws:// URL"))?;
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let mut stream = TcpStream::connect(host).map_err(|e| format!("{url}: {e}"))?;
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .map_err(|e| e.to_string())?;
        let mut nonce = [0u8; 16];
        getrandom::fill(&mut nonce).map_err(|e| e.to_string())?;
        let key = base64::engine::general_purpose::STANDARD.encode(nonce);
        write!(
            stream,
            "GET /{path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        .map_err(|e| e.to_string())?;
        // The answer's head, byte by byte: frames may follow it at once.
        let mut head = Vec::new();
        while !head.ends_with(b"\r\n\r\n") {
            let mut byte = [0u8; 1];
            if stream.read(&mut byte).map_err(|e| e.to_string())? == 0 {
                return Err(format!("{url}: closed during the WebSocket handshake"));
            }
            head.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha1::digest(format!("{key}{ACCEPT_GUID}").as_bytes()))
            .to_ascii_lowercase();
        if !head.starts_with("http/1.1 101")
            || !head
                .lines()
                .any(|l| l.strip_prefix("sec-websocket-accept:").map(str::trim) == Some(&expected))
        {
            return Err(format!("{url}: not a WebSocket answer:\n{head}"));
        }
        let mut bidi = Bidi {
            stream,
            next_id: 0,
            events: Vec::new(),
        };
        bidi.command("session.subscribe", json!({ "events": events }))?;
        Ok(bidi)
    }

    /// Sends one command and waits for its answer, keeping the events that
    /// arrive meanwhile. As the browser sends in order, every event it
    /// emitted before it handled this command has arrived once this returns.
    pub(super) fn command(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let text = json!({ "id": id, "method": method, "params": params }).to_string();
        self.send(0x1, text.as_bytes())?;
        loop {
            let message: Value = serde_json::from_slice(&self.receive()?)
                .map_err(|e| format!("BiDi: bad JSON: {e}"))?;
            match message["type"].as_str() {
                Some("event") => self.events.push(message),
                Some("success") if message["id"] == id => return Ok(message["result"].clone()),
                Some("error") if message["id"] == id => {
                    return Err(format!(
                        "BiDi {method}: {} {}",
                        message["error"], message["message"]
                    ))
                }
                _ => {}
            }
        }
    }

    /// Every event received up to now (after a round trip, so none is
    /// still on its way), taken out of the connection.
    pub(super) fn take_events(&mut self) -> Result<Vec<Value>, String> {
        self.command("session.status", json!({}))?;
        Ok(std::mem::take(&mut self.events))
    }

    /// One masked frame from the client (RFC 6455 §5.2, §5.3).
    fn send(&mut self, opcode: u8, payload: &[u8]) -> Result<(), String> {
        let mut frame = vec![0x80 | opcode];
        match payload.len() {
            n if n < 126 => frame.push(0x80 | n as u8),
            n if n <= 0xffff => {
                frame.push(0x80 | 126);
                frame.extend_from_slice(&(n as u16).to_be_bytes());
            }
            n => {
                frame.push(0x80 | 127);
                frame.extend_from_slice(&(n as u64).to_be_bytes());
            }
        }
        let mut mask = [0u8; 4];
        getrandom::fill(&mut mask).map_err(|e| e.to_string())?;
        frame.extend_from_slice(&mask);
        frame.extend(payload.iter().zip(mask.iter().cycle()).map(|(b, m)| b ^ m));
        self.stream
            .write_all(&frame)
            .map_err(|e| format!("BiDi: {e}"))
    }

    /// The next whole message (fragments joined); answers pings.
    fn receive(&mut self) -> Result<Vec<u8>, String> {
        let mut message = Vec::new();
        loop {
            let mut head = [0u8; 2];
            self.read_exact(&mut head)?;
            let (fin, opcode) = (head[0] & 0x80 != 0, head[0] & 0x0f);
            let masked = head[1] & 0x80 != 0;
            let len = match head[1] & 0x7f {
                126 => {
                    let mut n = [0u8; 2];
                    self.read_exact(&mut n)?;
                    u64::from(u16::from_be_bytes(n))
                }
                127 => {
                    let mut n = [0u8; 8];
                    self.read_exact(&mut n)?;
                    u64::from_be_bytes(n)
                }
                n => u64::from(n),
            };
            let mut mask = [0u8; 4];
            if masked {
                self.read_exact(&mut mask)?;
            }
            let mut payload = vec![0u8; usize::try_from(len).map_err(|e| e.to_string())?];
            self.read_exact(&mut payload)?;
            if masked {
                for (b, m) in payload.iter_mut().zip(mask.iter().cycle()) {
                    *b ^= m;
                }
            }
            match opcode {
                0x8 => return Err("BiDi: the browser closed the connection".into()),
                0x9 => self.send(0xa, &payload)?,
                0xa => {}
                _ => {
                    message.extend_from_slice(&payload);
                    if fin {
                        return Ok(message);
                    }
                }
            }
        }
    }

    fn read_exact(&mut self, buf: &mut [u8]) -> Result<(), String> {
        self.stream
            .read_exact(buf)
            .map_err(|e| format!("BiDi: {e}"))
    }
}
