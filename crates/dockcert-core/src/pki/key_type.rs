//! The key algorithms dockcert offers, one for the CA and every leaf of a
//! bundle, and the signature each one makes.

use std::fmt;
use std::str::FromStr;

use super::error::PkiError;

/// The key algorithm used for the CA and every leaf of a bundle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum KeyType {
    /// ECDSA on P-256 with SHA-256: fast, small, accepted everywhere.
    #[default]
    EcdsaP256,
    /// ECDSA on P-384 with SHA-384.
    EcdsaP384,
    /// Ed25519 (RFC 8410). Go and OpenSSL 1.1.1+ accept it for TLS.
    Ed25519,
    /// RSA, 2048-bit modulus, PKCS#1 v1.5 signatures with SHA-256.
    Rsa2048,
    /// RSA, 3072-bit modulus.
    Rsa3072,
    /// RSA, 4096-bit modulus (what the classic openssl recipe uses).
    Rsa4096,
}

impl KeyType {
    /// Every supported key type, in the order the CLI's help and the page list them.
    pub const ALL: [KeyType; 6] = [
        KeyType::EcdsaP256,
        KeyType::EcdsaP384,
        KeyType::Ed25519,
        KeyType::Rsa2048,
        KeyType::Rsa3072,
        KeyType::Rsa4096,
    ];

    /// The name used by `--key-type` and the page's select.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyType::EcdsaP256 => "ecdsa-p256",
            KeyType::EcdsaP384 => "ecdsa-p384",
            KeyType::Ed25519 => "ed25519",
            KeyType::Rsa2048 => "rsa-2048",
            KeyType::Rsa3072 => "rsa-3072",
            KeyType::Rsa4096 => "rsa-4096",
        }
    }

    /// The RSA modulus size, or `None` for the elliptic-curve types.
    pub fn rsa_bits(self) -> Option<usize> {
        match self {
            KeyType::Rsa2048 => Some(2048),
            KeyType::Rsa3072 => Some(3072),
            KeyType::Rsa4096 => Some(4096),
            _ => None,
        }
    }

    /// Whether making a key of this type takes noticeable time (seconds, not microseconds).
    pub fn is_slow(self) -> bool {
        self.rsa_bits().is_some()
    }

    /// The signature algorithm certificates signed by a key of this type use.
    pub(crate) fn signature_algorithm(self) -> &'static rcgen::SignatureAlgorithm {
        match self {
            KeyType::EcdsaP256 => &rcgen::PKCS_ECDSA_P256_SHA256,
            KeyType::EcdsaP384 => &rcgen::PKCS_ECDSA_P384_SHA384,
            KeyType::Ed25519 => &rcgen::PKCS_ED25519,
            KeyType::Rsa2048 | KeyType::Rsa3072 | KeyType::Rsa4096 => &rcgen::PKCS_RSA_SHA256,
        }
    }

    /// The comma-separated list of names, for error messages and help.
    pub(crate) fn allowed_list() -> String {
        KeyType::ALL
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for KeyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for KeyType {
    type Err = PkiError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_ascii_lowercase();
        if let Some(found) = KeyType::ALL.into_iter().find(|k| k.as_str() == wanted) {
            return Ok(found);
        }
        let weak = [
            "rsa-512",
            "rsa-768",
            "rsa-1024",
            "rsa-1536",
            "dsa",
            "ecdsa-p192",
            "ecdsa-p224",
        ];
        if weak.contains(&wanted.as_str()) {
            return Err(PkiError::WeakKeyType {
                allowed: KeyType::allowed_list(),
            });
        }
        Err(PkiError::UnknownKeyType {
            allowed: KeyType::allowed_list(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_type_names_round_trip() {
        for k in KeyType::ALL {
            assert_eq!(k.as_str().parse::<KeyType>(), Ok(k));
        }
        assert!("rsa-1024"
            .parse::<KeyType>()
            .unwrap_err()
            .to_string()
            .contains("too weak"));
        assert!("rsa-9999"
            .parse::<KeyType>()
            .unwrap_err()
            .to_string()
            .contains("unknown"));
        assert!("dsa"
            .parse::<KeyType>()
            .unwrap_err()
            .to_string()
            .contains("ecdsa-p256, ecdsa-p384, ed25519"));
    }
}
