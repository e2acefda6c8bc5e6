//! What a refusal is about: the certificate to blame, a stable code, and
//! whether Go calls it an unknown authority.

use super::refusal::Refusal;
use super::terms::Which;

impl Refusal {
    /// The certificate to blame, when one is.
    pub fn about(&self) -> Option<Which> {
        match self {
            Refusal::UnknownAuthority => Some(Which::Leaf),
            Refusal::UnknownAuthorityBecause {
                candidate, because, ..
            } => because.about().or(Some(*candidate)),
            Refusal::ParentCannotSign { parent } => Some(*parent),
            Refusal::NameMismatch { .. } | Refusal::IncompatibleUsage { .. } => Some(Which::Leaf),
            Refusal::ClientCertNotSent | Refusal::UnsupportedLeafKey { .. } => Some(Which::Leaf),
            Refusal::NoRoots | Refusal::SignatureCheckLimit => None,
            other => other.clone().at_mut().copied(),
        }
    }

    /// The same refusal with every certificate it names renumbered by
    /// `f` (a caller that numbers the CA file's certificates otherwise).
    pub fn renumbered(&self, f: &dyn Fn(Which) -> Which) -> Refusal {
        let mut r = self.clone();
        if let Some(at) = r.at_mut() {
            *at = f(*at);
        }
        match &mut r {
            Refusal::UnknownAuthorityBecause {
                candidate, because, ..
            } => {
                *candidate = f(*candidate);
                **because = because.renumbered(f);
            }
            Refusal::KeyMismatch { parent, .. }
            | Refusal::BadSignature { parent, .. }
            | Refusal::ParentCannotSign { parent } => *parent = f(*parent),
            _ => {}
        }
        r
    }

    /// The certificate a refusal names as its own `at`, for those that have one.
    fn at_mut(&mut self) -> Option<&mut Which> {
        match self {
            Refusal::Malformed { at, .. }
            | Refusal::DuplicateExtension { at, .. }
            | Refusal::RsaKeyTooLarge { at, .. }
            | Refusal::UnhandledCriticalExtension { at, .. }
            | Refusal::Expired { at, .. }
            | Refusal::NotYetValid { at, .. }
            | Refusal::NotAuthorizedToSign { at }
            | Refusal::TooManyIntermediates { at }
            | Refusal::NameExcluded { at, .. }
            | Refusal::NameNotPermitted { at, .. }
            | Refusal::NameUndecidable { at, .. }
            | Refusal::NameUnparsable { at, .. }
            | Refusal::TooManyConstraints { at }
            | Refusal::InsecureAlgorithm { at, .. }
            | Refusal::UnsupportedAlgorithm { at }
            | Refusal::KeyMismatch { at, .. }
            | Refusal::BadSignature { at, .. } => Some(at),
            Refusal::UnknownAuthority
            | Refusal::UnknownAuthorityBecause { .. }
            | Refusal::ParentCannotSign { .. }
            | Refusal::NameMismatch { .. }
            | Refusal::IncompatibleUsage { .. }
            | Refusal::ClientCertNotSent
            | Refusal::UnsupportedLeafKey { .. }
            | Refusal::NoRoots
            | Refusal::SignatureCheckLimit => None,
        }
    }

    /// A stable kebab-case code for the refusal.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::UnknownAuthority | Refusal::UnknownAuthorityBecause { .. } => {
                "unknown-authority"
            }
            Refusal::Malformed { .. } => "malformed-certificate",
            Refusal::DuplicateExtension { .. } => "duplicate-extension",
            Refusal::RsaKeyTooLarge { .. } => "rsa-key-too-large",
            Refusal::NoRoots => "no-roots",
            Refusal::UnhandledCriticalExtension { .. } => "unhandled-critical-extension",
            Refusal::Expired { .. } => "expired",
            Refusal::NotYetValid { .. } => "not-yet-valid",
            Refusal::NameMismatch { .. } => "name-mismatch",
            Refusal::NotAuthorizedToSign { .. } => "not-authorized-to-sign",
            Refusal::TooManyIntermediates { .. } => "too-many-intermediates",
            Refusal::NameExcluded { .. } => "name-excluded",
            Refusal::NameNotPermitted { .. } => "name-not-permitted",
            Refusal::NameUndecidable { .. } => "name-undecidable",
            Refusal::NameUnparsable { .. } => "name-unparsable",
            Refusal::TooManyConstraints { .. } => "too-many-constraints",
            Refusal::IncompatibleUsage { .. } => "incompatible-usage",
            Refusal::ParentCannotSign { .. } => "parent-cannot-sign",
            Refusal::InsecureAlgorithm { .. } => "insecure-algorithm",
            Refusal::UnsupportedAlgorithm { .. } => "unsupported-algorithm",
            Refusal::KeyMismatch { .. } => "key-mismatch",
            Refusal::BadSignature { .. } => "bad-signature",
            Refusal::SignatureCheckLimit => "signature-check-limit",
            Refusal::ClientCertNotSent => "client-certificate-not-sent",
            Refusal::UnsupportedLeafKey { .. } => "unsupported-leaf-key",
        }
    }

    /// Whether Go calls it `certificate signed by unknown authority`.
    pub fn is_unknown_authority(&self) -> bool {
        matches!(
            self,
            Refusal::UnknownAuthority | Refusal::UnknownAuthorityBecause { .. }
        )
    }
}
