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
    use rustls::AlertDescription as A;
    if let Some(tls) = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
        return match tls {
            rustls::Error::AlertReceived(A::BadCertificate) => {
                "remote error: tls: bad certificate".into()
            }
            rustls::Error::AlertReceived(A::CertificateRequired) => {
                "remote error: tls: certificate required".into()
            }
            rustls::Error::AlertReceived(A::UnknownCA) => {
                "remote error: tls: unknown certificate authority".into()
            }
            rustls::Error::AlertReceived(A::UnsupportedCertificate) => {
                "remote error: tls: unsupported certificate".into()
            }
            rustls::Error::AlertReceived(other) => {
                format!("remote error: tls: {other:?}")
            }
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
