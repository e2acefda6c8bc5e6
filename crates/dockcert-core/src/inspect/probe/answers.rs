//! What a port answered in clear text, and what `/version` said: read
//! from the bytes, before anything is said about them.

/// What a port said to `GET /_ping` sent in clear text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlainAnswer {
    /// The Docker API answered: anyone who reaches the port controls the host.
    OpenApi,
    /// Some other plain HTTP server answered.
    OtherHttp,
    /// A TLS server's refusal ("Client sent an HTTP request to an HTTPS server").
    TlsRefusal,
    /// No HTTP answer (closed, silence, or not HTTP).
    NoHttp,
}

/// What Go's TLS server answers a plain HTTP request with.
const TLS_REFUSAL: &str = "client sent an http request to an https server";

/// Classifies the first bytes a port sent back to a clear-text `GET /_ping`.
pub fn classify_plain_answer(response: &[u8]) -> PlainAnswer {
    let text = String::from_utf8_lossy(response).to_ascii_lowercase();
    if !text.starts_with("http/1.") {
        return PlainAnswer::NoHttp;
    }
    if text.contains(TLS_REFUSAL) {
        return PlainAnswer::TlsRefusal;
    }
    let head_end = text.find("\r\n\r\n").unwrap_or(text.len());
    let head = &text[..head_end];
    let body = text.get(head_end + 4..).unwrap_or("");
    if head.contains("\r\napi-version:")
        || (head.starts_with("http/1.1 200") && body.contains("ok"))
    {
        PlainAnswer::OpenApi
    } else {
        PlainAnswer::OtherHttp
    }
}

/// The server and API version `/version` reported.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct DaemonVersion {
    /// `Version`, as `28.2.2`.
    pub version: String,
    /// `ApiVersion`, as `1.50`.
    pub api_version: String,
}

impl DaemonVersion {
    /// Reads `/version`'s JSON body; missing fields stay empty.
    pub fn from_json(body: &[u8]) -> DaemonVersion {
        let value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
        let field = |k: &str| {
            value
                .get(k)
                .and_then(serde_json::Value::as_str)
                .map(|s| s.chars().take(64).collect())
                .unwrap_or_default()
        };
        DaemonVersion {
            version: field("Version"),
            api_version: field("ApiVersion"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_answers_are_told_apart() {
        let tls =
            b"HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n";
        assert_eq!(classify_plain_answer(tls), PlainAnswer::TlsRefusal);
        let open = b"HTTP/1.1 200 OK\r\nApi-Version: 1.50\r\nContent-Length: 2\r\n\r\nOK";
        assert_eq!(classify_plain_answer(open), PlainAnswer::OpenApi);
        let other = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        assert_eq!(classify_plain_answer(other), PlainAnswer::OtherHttp);
        assert_eq!(
            classify_plain_answer(b"\x15\x03\x01\x00\x02\x02\x0a"),
            PlainAnswer::NoHttp
        );
        assert_eq!(classify_plain_answer(b""), PlainAnswer::NoHttp);
    }

    #[test]
    fn version_is_read_from_json() {
        let v =
            DaemonVersion::from_json(br#"{"Version":"28.2.2","ApiVersion":"1.50","Os":"linux"}"#);
        assert_eq!(
            (v.version.as_str(), v.api_version.as_str()),
            ("28.2.2", "1.50")
        );
        assert_eq!(
            DaemonVersion::from_json(b"not json"),
            DaemonVersion::default()
        );
    }
}
