//! What scripts match a problem by: its stable code, its severity, and the
//! file it is about.

use super::Problem;
use crate::inspect::severity::Severity;
use crate::inspect::verify::{NameMiss, Refusal, Risk, Which};

impl Problem {
    /// The stable name scripts match, like `server-no-san`.
    pub fn code(&self) -> &'static str {
        use Problem as P;
        match self {
            P::NotRead(_) => "not-read",
            P::BadCertificate { .. } => "bad-certificate",
            P::KeyTooLarge { .. } => "key-too-large",
            P::Expired { .. } => "expired",
            P::NotYetValid { .. } => "not-yet-valid",
            P::ExpiresSoon { .. } => "expires-soon",
            P::NotACa { .. } => "not-a-ca",
            P::CaCannotSign { .. } => "ca-cannot-sign",
            P::NoEku { .. } | P::LeafWithoutEku { .. } => "missing-eku",
            P::WrongEku { .. } => "wrong-eku",
            P::ExtraEku { .. } => "extra-eku",
            P::WeakKey { .. } => "weak-key",
            P::WeakSignature { .. } => "weak-signature",
            P::ServerNoSan { .. } => "server-no-san",
            P::SanTrailingDot { .. } => "san-trailing-dot",
            P::HostNotCovered { .. } => "host-not-covered",
            P::HostSkipped { .. } => "host-skipped",
            P::Refused { refusal, .. } => refusal_code(refusal),
            P::Accepted { risk, .. } => risk_code(risk),
            P::SelfSigned { .. } => "self-signed",
            P::IssuedByOther { .. }
            | P::NotSignedBy { .. }
            | P::NoneIssued { .. }
            | P::NoneSigned { .. } => "other-ca",
            P::KeysNotRead { .. } | P::SignaturesNotChecked { .. } => "not-checked",
            P::LeafKeyEncrypted { .. } => "leaf-key-encrypted",
            P::CaKeyUnencrypted { .. } => "ca-key-unencrypted",
            P::UnsupportedKey { .. } => "unsupported-key",
            P::BadKey { .. } => "bad-key",
            P::KeyReadable { .. } => "key-readable",
            P::KeyMismatch { .. } => "key-mismatch",
            P::KeyOrphan { .. } => "key-orphan",
            P::DaemonJsonInvalid { .. } => "daemon-json-invalid",
            P::TcpWithoutTlsverify { .. } => "tcp-without-tlsverify",
            P::TlsOn2375 { .. } => "tls-on-2375",
            P::TlsFileUnset { .. } => "tls-file-unset",
            P::TlsFileElsewhere { .. } => "tls-file-elsewhere",
            P::HostsConflict { .. } => "hosts-conflict",
            P::ChangedSinceMade { .. } => "changed-since-made",
            P::ModeChanged { .. } => "mode-changed",
            P::ManifestRepeats { .. } => "manifest-repeats",
            P::ImagesNotListed { .. } => "images-not-listed",
            P::ImagesNotChecked { .. } => "images-not-checked",
            P::ComposeMountsCaKey { .. } | P::ComposeMountsKey { .. } => "compose-mounts-key",
            P::DockerfileCopiesKey { .. } | P::DockerfileCopiesContextKey { .. } => {
                "dockerfile-copies-key"
            }
            P::BuildContextKey { .. } => "build-context-key",
            P::Inventory(finding) => finding.code(),
        }
    }

    /// An error (docker or dockerd will fail, or the setup is unsafe) or a
    /// warning (works, but watch it).
    pub fn severity(&self) -> Severity {
        use Problem as P;
        match self {
            P::ExpiresSoon { .. }
            | P::ExtraEku { .. }
            | P::CaKeyUnencrypted { .. }
            | P::UnsupportedKey { .. }
            | P::KeyOrphan { .. }
            | P::TlsOn2375 { .. }
            | P::TlsFileElsewhere { .. }
            | P::HostSkipped { .. }
            | P::Accepted { .. }
            | P::WeakKey { .. }
            | P::NoEku { .. }
            | P::LeafWithoutEku { .. }
            | P::ChangedSinceMade { .. }
            | P::ModeChanged { .. }
            | P::ManifestRepeats { .. }
            | P::ComposeMountsKey { .. }
            | P::BuildContextKey { .. }
            | P::Inventory(_) => Severity::Warning,
            P::ImagesNotListed { errors: 0, .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The file it is about, when it is about one.
    pub fn file(&self) -> Option<&str> {
        use Problem as P;
        match self {
            P::NotRead(skipped) => Some(&skipped.path),
            P::Inventory(finding) => Some(finding.file()),
            P::NoneIssued { .. } | P::NoneSigned { .. } | P::ImagesNotListed { .. } => None,
            P::HostsConflict { files, .. } | P::HostSkipped { files, .. } => {
                match (files.shown.as_slice(), files.more) {
                    ([one], 0) => Some(one),
                    _ => None,
                }
            }
            P::KeysNotRead { first, .. } | P::SignaturesNotChecked { first, .. } => Some(first),
            P::BadCertificate { path, .. }
            | P::KeyTooLarge { path, .. }
            | P::Expired { path, .. }
            | P::NotYetValid { path, .. }
            | P::ExpiresSoon { path, .. }
            | P::NotACa { path }
            | P::CaCannotSign { path }
            | P::NoEku { path }
            | P::LeafWithoutEku { path, .. }
            | P::WrongEku { path, .. }
            | P::ExtraEku { path, .. }
            | P::WeakKey { path, .. }
            | P::WeakSignature { path, .. }
            | P::ServerNoSan { path, .. }
            | P::SanTrailingDot { path, .. }
            | P::HostNotCovered { path, .. }
            | P::SelfSigned { path }
            | P::Refused { path, .. }
            | P::Accepted { path, .. }
            | P::IssuedByOther { path, .. }
            | P::NotSignedBy { path, .. }
            | P::LeafKeyEncrypted { path }
            | P::CaKeyUnencrypted { path }
            | P::UnsupportedKey { path, .. }
            | P::BadKey { path, .. }
            | P::KeyReadable { path, .. }
            | P::KeyMismatch { path, .. }
            | P::KeyOrphan { path }
            | P::DaemonJsonInvalid { path, .. }
            | P::TcpWithoutTlsverify { path, .. }
            | P::TlsOn2375 { path, .. }
            | P::TlsFileUnset { path, .. }
            | P::TlsFileElsewhere { path, .. }
            | P::ChangedSinceMade { path, .. }
            | P::ModeChanged { path, .. }
            | P::ManifestRepeats { path, .. }
            | P::ImagesNotChecked { path, .. }
            | P::ComposeMountsCaKey { path, .. }
            | P::ComposeMountsKey { path, .. }
            | P::DockerfileCopiesKey { path, .. }
            | P::DockerfileCopiesContextKey { path, .. }
            | P::BuildContextKey { path, .. } => Some(path),
        }
    }
}

/// The stable code of a refusal: dockcert's code where one meant the
/// same before the judge (`expired`, `host-not-covered`, `server-no-san`,
/// `wrong-eku`, `weak-signature`…), the judge's own otherwise; an unknown
/// authority by the reason its candidate CA failed.
pub(crate) fn refusal_code(refusal: &Refusal) -> &'static str {
    use Refusal as R;
    match refusal {
        R::UnknownAuthorityBecause { because, .. } => match because.as_ref() {
            R::InsecureAlgorithm { .. } => "weak-signature",
            R::Expired { .. } => "ca-expired",
            R::NotYetValid { .. } => "ca-not-yet-valid",
            R::ParentCannotSign { .. } => "ca-cannot-sign",
            _ => refusal.code(),
        },
        R::Expired { at, .. } | R::NotYetValid { at, .. } => {
            match (matches!(refusal, R::Expired { .. }), at) {
                (true, Which::Leaf) => "expired",
                (false, Which::Leaf) => "not-yet-valid",
                (true, Which::Root(_)) => "ca-expired",
                (false, Which::Root(_)) => "ca-not-yet-valid",
                (true, Which::Intermediate(_)) => "intermediate-expired",
                (false, Which::Intermediate(_)) => "intermediate-not-yet-valid",
            }
        }
        R::NameMismatch {
            miss: NameMiss::LegacyCommonName,
            ..
        } => "server-no-san",
        R::NameMismatch { .. } => "host-not-covered",
        R::IncompatibleUsage { .. } => "wrong-eku",
        R::InsecureAlgorithm { .. } => "weak-signature",
        _ => refusal.code(),
    }
}

/// The stable code of a risk docker accepts.
pub(crate) fn risk_code(risk: &Risk) -> &'static str {
    match risk {
        Risk::NoEku { .. } => "missing-eku",
        Risk::AnyEku { .. } => "any-eku",
        Risk::LeafIsCa { .. } => "leaf-is-ca",
        Risk::WeakRsaKey { .. } => "weak-key",
        Risk::NoDigitalSignature { .. } => "no-digital-signature",
        Risk::NegativeSerial { .. } => "negative-serial",
        Risk::OutlivesIssuer { .. } => "outlives-issuer",
    }
}
