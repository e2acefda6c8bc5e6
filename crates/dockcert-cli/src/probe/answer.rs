//! How a failed exchange reads: the server's refusal (a TLS alert, or the
//! connection ended by the server), or neither (silence until the deadline,
//! an answer that is not HTTP), and docker's words for each.

use std::io;

use dockcert_core::inspect::probe::Unclear;

use super::deadline::Deadline;
use super::wire::NotHttp;
use crate::failure::io_reason;

/// Whether a failed exchange is the server's refusal: a TLS alert about the
/// client's certificate (or the handshake), or the connection ended by the
/// server. Silence until the deadline, or an answer that is not HTTP, says
/// neither.
pub(super) fn refused(e: &io::Error) -> bool {
    use rustls::AlertDescription as A;
    if let Some(tls) = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
        return matches!(
            tls,
            rustls::Error::AlertReceived(
                A::BadCertificate
                    | A::CertificateRequired
                    | A::UnknownCA
                    | A::UnsupportedCertificate
                    | A::CertificateUnknown
                    | A::CertificateRevoked
                    | A::CertificateExpired
                    | A::HandshakeFailure
                    | A::AccessDenied
            )
        );
    }
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::BrokenPipe
            | io::ErrorKind::UnexpectedEof
    )
}

pub(super) fn timed_out(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
    )
}

/// What was seen when an exchange ended in neither an answer nor a refusal.
pub(super) fn unclear(e: &io::Error, deadline: Deadline) -> Unclear {
    if timed_out(e) {
        return Unclear::NoAnswer {
            seconds: deadline.seconds(),
        };
    }
    let inner = e.get_ref();
    if let Some(not_http) = inner.and_then(|i| i.downcast_ref::<NotHttp>()) {
        return Unclear::NotHttp {
            bytes: not_http.bytes,
            head: not_http.head.clone(),
        };
    }
    if e.kind() == io::ErrorKind::InvalidData
        && inner.is_some_and(|i| i.downcast_ref::<rustls::Error>().is_none())
    {
        Unclear::Other(e.to_string())
    } else {
        Unclear::Said(tls_words(e))
    }
}

/// A failed TLS exchange in the words docker's Go client uses for it, so the
/// core's `--explain` table can say what it means.
pub(super) fn tls_words(e: &io::Error) -> String {
    if let Some(tls) = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
        return match tls {
            rustls::Error::AlertReceived(alert) => format!("remote error: {}", go_alert(*alert)),
            rustls::Error::InvalidMessage(_) => {
                "tls: first record does not look like a TLS handshake".into()
            }
            other => format!("tls: {other}"),
        };
    }
    match e.kind() {
        io::ErrorKind::ConnectionReset => "read: connection reset by peer".into(),
        io::ErrorKind::BrokenPipe => "write: broken pipe".into(),
        io::ErrorKind::UnexpectedEof => "EOF".into(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => "i/o timeout".into(),
        _ => io_reason(e),
    }
}

/// A TLS alert as Go's crypto/tls names it (`alert.go`, Go 1.24):
/// `tls: handshake failure`, or `tls: alert(N)` for one it has no name for.
fn go_alert(alert: rustls::AlertDescription) -> String {
    let text = match u8::from(alert) {
        0 => "close notify",
        10 => "unexpected message",
        20 => "bad record MAC",
        21 => "decryption failed",
        22 => "record overflow",
        30 => "decompression failure",
        40 => "handshake failure",
        42 => "bad certificate",
        43 => "unsupported certificate",
        44 => "revoked certificate",
        45 => "expired certificate",
        46 => "unknown certificate",
        47 => "illegal parameter",
        48 => "unknown certificate authority",
        49 => "access denied",
        50 => "error decoding message",
        51 => "error decrypting message",
        70 => "protocol version not supported",
        71 => "insufficient security level",
        80 => "internal error",
        86 => "inappropriate fallback",
        90 => "user canceled",
        100 => "no renegotiation",
        109 => "missing extension",
        110 => "unsupported extension",
        111 => "certificate unobtainable",
        112 => "unrecognized name",
        113 => "bad certificate status response",
        114 => "bad certificate hash value",
        115 => "unknown PSK identity",
        116 => "certificate required",
        120 => "no application protocol",
        121 => "encrypted client hello required",
        other => return format!("tls: alert({other})"),
    };
    format!("tls: {text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A received alert reads as docker's Go client prints it.
    #[test]
    fn alerts_are_said_in_gos_words() {
        use rustls::AlertDescription as A;
        let said = |alert| {
            tls_words(&io::Error::new(
                io::ErrorKind::InvalidData,
                rustls::Error::AlertReceived(alert),
            ))
        };
        assert_eq!(
            said(A::HandshakeFailure),
            "remote error: tls: handshake failure"
        );
        assert_eq!(
            said(A::BadCertificate),
            "remote error: tls: bad certificate"
        );
        assert_eq!(
            said(A::CertificateRequired),
            "remote error: tls: certificate required"
        );
        assert_eq!(
            said(A::UnknownCA),
            "remote error: tls: unknown certificate authority"
        );
        assert_eq!(
            said(A::ProtocolVersion),
            "remote error: tls: protocol version not supported"
        );
        assert_eq!(said(A::Unknown(200)), "remote error: tls: alert(200)");
    }
}
