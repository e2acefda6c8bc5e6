//! What docker accepts today that is still wrong.

use time::OffsetDateTime;

use super::terms::Which;

/// What docker accepts today that is still wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Risk {
    /// The leaf has no extendedKeyUsage: Go takes it for any use.
    NoEku {
        /// Which certificate.
        at: Which,
    },
    /// The leaf lists anyExtendedKeyUsage: good for any use.
    AnyEku {
        /// Which certificate.
        at: Which,
    },
    /// The leaf is itself a CA (basicConstraints CA:TRUE): its key could
    /// sign other certificates docker would trust.
    LeafIsCa {
        /// Which certificate.
        at: Which,
    },
    /// An RSA key under 2048 bits: this docker takes any size
    /// (`rsa1024min=0`); newer Go refuses under 1024 and anyone may
    /// factor small keys.
    WeakRsaKey {
        /// Which certificate.
        at: Which,
        /// The key's size.
        bits: usize,
    },
    /// The leaf's keyUsage lacks digitalSignature: Go ignores keyUsage, but
    /// OpenSSL-based clients (curl, Python) refuse such a TLS certificate.
    NoDigitalSignature {
        /// Which certificate.
        at: Which,
    },
    /// A negative serial number: this docker takes it
    /// (`x509negativeserial=1`), Go 1.23 and later refuse to parse it.
    NegativeSerial {
        /// Which certificate.
        at: Which,
        /// The serial, in decimal.
        serial: String,
    },
    /// A certificate ends after its issuer: Go does not check that, but it
    /// stops working when the issuer expires.
    OutlivesIssuer {
        /// The certificate.
        at: Which,
        /// Its issuer in the chain docker builds.
        issuer: Which,
        /// The certificate's notAfter.
        not_after: OffsetDateTime,
        /// The issuer's notAfter.
        issuer_not_after: OffsetDateTime,
    },
}

impl Risk {
    /// The same risk with every certificate it names renumbered by `f`.
    pub fn renumbered(&self, f: &dyn Fn(Which) -> Which) -> Risk {
        let mut r = self.clone();
        match &mut r {
            Risk::OutlivesIssuer { at, issuer, .. } => {
                *at = f(*at);
                *issuer = f(*issuer);
            }
            Risk::NoEku { at }
            | Risk::AnyEku { at }
            | Risk::LeafIsCa { at }
            | Risk::WeakRsaKey { at, .. }
            | Risk::NoDigitalSignature { at }
            | Risk::NegativeSerial { at, .. } => *at = f(*at),
        }
        r
    }
}
