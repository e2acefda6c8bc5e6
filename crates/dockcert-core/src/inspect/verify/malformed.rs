//! Why Go refuses to parse a certificate, in Go's words.

/// Why Go refuses to parse a certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum ParseError {
    /// Two extensions with one OID.
    Duplicate(String),
    /// Go's message, whole.
    Go(String),
}

pub(super) fn go(message: &str) -> ParseError {
    ParseError::Go(message.to_string())
}
