//! Bringing an existing CA into dockcert: its certificate and its key, in
//! every form OpenSSL writes them. Keys: PKCS#8 (plain, or encrypted with
//! PBES2: PBKDF2 or scrypt), PKCS#1 RSA and SEC1 EC (plain, or in OpenSSL's
//! legacy `DEK-Info` encryption), Ed25519. A wrong passphrase, a key that is
//! not the certificate's, a certificate that is not a CA, an expired CA: each
//! is its own error, raised before anything is made.

use pkcs8::der::Decode;
use pkcs8::{DecodePrivateKey, EncodePrivateKey, ObjectIdentifier, PrivateKeyInfoRef};
use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate};
use zeroize::Zeroizing;

use crate::keys::{self, KeyType, PrivateKey};
use crate::pem::{self, LegacyError, PemBlock};

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

/// Why a certificate or key could not be imported. The messages never
/// contain key material or the passphrase.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// No certificate in the file.
    #[error("no certificate found (expected PEM \"-----BEGIN CERTIFICATE-----\" or DER)")]
    NoCertificate,
    /// The certificate does not parse.
    #[error("not a valid X.509 certificate: {0}")]
    BadCertificate(String),
    /// basicConstraints does not say CA:TRUE.
    #[error("the certificate \"{0}\" is not a CA: its basicConstraints does not say CA:TRUE")]
    NotACa(String),
    /// keyUsage forbids signing certificates.
    #[error("the CA \"{0}\" may not sign certificates: its keyUsage lacks keyCertSign")]
    CannotSign(String),
    /// The CA has expired.
    #[error("the CA \"{subject}\" expired on {date}: make a new CA with `dockcert new`")]
    Expired {
        /// Its subject.
        subject: String,
        /// Its not-after date.
        date: String,
    },
    /// The CA is not valid yet.
    #[error("the CA \"{subject}\" is not valid until {date} (check this machine's clock)")]
    NotYetValid {
        /// Its subject.
        subject: String,
        /// Its not-before date.
        date: String,
    },
    /// No private key in the file.
    #[error("no private key found (expected PEM PRIVATE KEY, ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY, or DER PKCS#8)")]
    NoKey,
    /// The key is encrypted and no passphrase was given.
    #[error("the key is encrypted: give its passphrase")]
    PassphraseNeeded,
    /// The passphrase does not decrypt the key.
    #[error("the passphrase does not open the key")]
    WrongPassphrase,
    /// An encryption scheme dockcert does not read.
    #[error("the key is encrypted with {0}, which dockcert does not read; re-encrypt it with `openssl pkcs8 -topk8 -v2 aes-256-cbc`")]
    UnsupportedEncryption(String),
    /// A key type dockcert cannot sign with.
    #[error("unsupported key: {0}")]
    UnsupportedKey(String),
    /// The key does not parse.
    #[error("the key could not be read: {0}")]
    BadKey(String),
    /// The key and the certificate do not belong together.
    #[error("the key does not belong to the certificate \"{0}\": their public keys differ")]
    KeyMismatch(String),
}

/// How the key was stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyFormat {
    /// `PRIVATE KEY` (or DER PKCS#8).
    Pkcs8,
    /// `ENCRYPTED PRIVATE KEY` (PBES2).
    EncryptedPkcs8,
    /// `RSA PRIVATE KEY`.
    Pkcs1,
    /// `EC PRIVATE KEY`.
    Sec1,
    /// PKCS#1 or SEC1 with `Proc-Type: 4,ENCRYPTED`.
    LegacyEncrypted,
}

/// Every certificate in `bytes` (PEM blocks, or one DER certificate), as DER.
pub fn certificates(bytes: &[u8]) -> Result<Vec<Vec<u8>>, ImportError> {
    let found: Vec<Vec<u8>> = pem::blocks(bytes)
        .into_iter()
        .filter(|b| {
            b.label == "CERTIFICATE"
                || b.label == "X509 CERTIFICATE"
                || b.label == "TRUSTED CERTIFICATE"
        })
        .map(|b| b.der.to_vec())
        .collect();
    if !found.is_empty() {
        return Ok(found);
    }
    if X509Certificate::from_der(bytes).is_ok() {
        return Ok(vec![bytes.to_vec()]);
    }
    Err(ImportError::NoCertificate)
}

/// Whether the first private key in `bytes` is encrypted.
pub fn key_is_encrypted(bytes: &[u8]) -> bool {
    pem::blocks(bytes)
        .iter()
        .find(|b| b.label.ends_with("PRIVATE KEY"))
        .is_some_and(|b| b.label == "ENCRYPTED PRIVATE KEY" || b.is_legacy_encrypted())
}

/// Reads the first private key in `bytes`, decrypting it with `passphrase`
/// if it is encrypted.
pub fn private_key(
    bytes: &[u8],
    passphrase: Option<&[u8]>,
) -> Result<(PrivateKey, KeyFormat), ImportError> {
    let blocks = pem::blocks(bytes);
    let Some(block) = blocks.iter().find(|b| b.label.ends_with("PRIVATE KEY")) else {
        if blocks.is_empty() && pkcs8::PrivateKeyInfoRef::from_der(bytes).is_ok() {
            return from_pkcs8(bytes).map(|k| (k, KeyFormat::Pkcs8));
        }
        return Err(ImportError::NoKey);
    };
    match block.label.as_str() {
        "PRIVATE KEY" => from_pkcs8(&block.der).map(|k| (k, KeyFormat::Pkcs8)),
        "ENCRYPTED PRIVATE KEY" => {
            let pass = passphrase.ok_or(ImportError::PassphraseNeeded)?;
            let info = pkcs8::EncryptedPrivateKeyInfoRef::from_der(&block.der)
                .map_err(|e| ImportError::BadKey(e.to_string()))?;
            match &info.encryption_algorithm {
                pkcs8::pkcs5::EncryptionScheme::Pbes1(p) => {
                    return Err(ImportError::UnsupportedEncryption(format!(
                        "PBES1 ({})",
                        p.oid()
                    )));
                }
                pkcs8::pkcs5::EncryptionScheme::Pbes2(p) => check_kdf_cost(&p.kdf)?,
                _ => {
                    return Err(ImportError::UnsupportedEncryption(
                        "an unknown scheme".into(),
                    ))
                }
            }
            let plain = info
                .decrypt(pass)
                .map_err(|_| ImportError::WrongPassphrase)?;
            // A wrong passphrase can pass the padding check by chance and yield noise.
            from_pkcs8(plain.as_bytes())
                .map(|k| (k, KeyFormat::EncryptedPkcs8))
                .map_err(|e| match e {
                    ImportError::BadKey(_) => ImportError::WrongPassphrase,
                    other => other,
                })
        }
        "RSA PRIVATE KEY" | "EC PRIVATE KEY" => legacy(block, passphrase),
        other => Err(ImportError::UnsupportedKey(format!("a \"{other}\" block"))),
    }
}

/// Most PBKDF2 rounds dockcert will run to open a key (OpenSSL's default is
/// 2,048; dockcert writes 600,000).
const MAX_PBKDF2_ROUNDS: u32 = 10_000_000;
/// Largest scrypt cost (log2 N) dockcert will run: 2^20 takes 1 GiB with r=8.
const MAX_SCRYPT_LOG_N: u64 = 20;

/// Refuses key-derivation parameters that would take hours or all memory:
/// a crafted file must not hang dockcert or the page.
fn check_kdf_cost(kdf: &pkcs8::pkcs5::pbes2::Kdf) -> Result<(), ImportError> {
    use pkcs8::pkcs5::pbes2::Kdf;
    match kdf {
        Kdf::Pbkdf2(p) if p.iteration_count > MAX_PBKDF2_ROUNDS => {
            Err(ImportError::UnsupportedEncryption(format!(
                "PBKDF2 with {} rounds (more than the {MAX_PBKDF2_ROUNDS} dockcert will run)",
                p.iteration_count
            )))
        }
        Kdf::Scrypt(p) => {
            let n = p.cost_parameter;
            let log_n = 63 - u64::from(n.max(1).leading_zeros());
            if log_n > MAX_SCRYPT_LOG_N || p.block_size > 16 || p.parallelization > 16 {
                Err(ImportError::UnsupportedEncryption(format!(
                    "scrypt with N=2^{log_n}, r={}, p={} (more than dockcert will run)",
                    p.block_size, p.parallelization
                )))
            } else {
                Ok(())
            }
        }
        _ => Ok(()),
    }
}

fn legacy(
    block: &PemBlock,
    passphrase: Option<&[u8]>,
) -> Result<(PrivateKey, KeyFormat), ImportError> {
    let (der, format) = if block.is_legacy_encrypted() {
        let pass = passphrase.ok_or(ImportError::PassphraseNeeded)?;
        let plain = pem::decrypt_legacy(block, pass).map_err(|e| match e {
            LegacyError::Decrypt => ImportError::WrongPassphrase,
            LegacyError::Unsupported(c) => {
                ImportError::UnsupportedEncryption(format!("DEK-Info {c}"))
            }
            LegacyError::Malformed => ImportError::BadKey("malformed DEK-Info header".into()),
        })?;
        (plain, KeyFormat::LegacyEncrypted)
    } else if block.label == "RSA PRIVATE KEY" {
        (block.der.clone(), KeyFormat::Pkcs1)
    } else {
        (block.der.clone(), KeyFormat::Sec1)
    };
    let parsed = if block.label == "RSA PRIVATE KEY" {
        from_pkcs1(&der)
    } else {
        from_sec1(&der)
    };
    parsed.map(|k| (k, format)).map_err(|e| match (e, format) {
        (ImportError::BadKey(_), KeyFormat::LegacyEncrypted) => ImportError::WrongPassphrase,
        (other, _) => other,
    })
}

fn encode(
    key_type: KeyType,
    der: pkcs8::Result<pkcs8::der::SecretDocument>,
) -> Result<PrivateKey, ImportError> {
    let der = der.map_err(|e| ImportError::BadKey(e.to_string()))?;
    PrivateKey::from_pkcs8_der(key_type, der.as_bytes().to_vec())
        .map_err(|e| ImportError::BadKey(e.to_string()))
}

fn rsa_type(key: &rsa::PrivateKey) -> Result<KeyType, ImportError> {
    use rsa::traits::PublicKeyParts;
    match key.size() * 8 {
        2048 => Ok(KeyType::Rsa2048),
        3072 => Ok(KeyType::Rsa3072),
        4096 => Ok(KeyType::Rsa4096),
        bits => Err(ImportError::UnsupportedKey(format!(
            "a {bits}-bit RSA key (dockcert signs with 2048, 3072 or 4096-bit RSA keys)"
        ))),
    }
}

fn from_pkcs1(der: &[u8]) -> Result<PrivateKey, ImportError> {
    use rsa::pkcs1::DecodeRsaPrivateKey;
    let key =
        rsa::PrivateKey::from_pkcs1_der(der).map_err(|e| ImportError::BadKey(e.to_string()))?;
    encode(rsa_type(&key)?, key.to_pkcs8_der())
}

fn from_sec1(der: &[u8]) -> Result<PrivateKey, ImportError> {
    if let Ok(key) = p256::SecretKey::from_sec1_der(der) {
        return encode(KeyType::EcdsaP256, key.to_pkcs8_der());
    }
    if let Ok(key) = p384::SecretKey::from_sec1_der(der) {
        return encode(KeyType::EcdsaP384, key.to_pkcs8_der());
    }
    match sec1::EcPrivateKey::from_der(der) {
        Ok(key) => Err(ImportError::UnsupportedKey(
            match key.parameters.and_then(|p| p.named_curve()) {
                Some(curve) => {
                    format!("an EC key on curve {curve} (dockcert signs with P-256 or P-384)")
                }
                None => {
                    "an EC key without a named curve (dockcert signs with P-256 or P-384)".into()
                }
            },
        )),
        Err(e) => Err(ImportError::BadKey(e.to_string())),
    }
}

fn from_pkcs8(der: &[u8]) -> Result<PrivateKey, ImportError> {
    let info = PrivateKeyInfoRef::from_der(der).map_err(|e| ImportError::BadKey(e.to_string()))?;
    let oid = info.algorithm.oid;
    if oid == RSA_ENCRYPTION {
        let key =
            rsa::PrivateKey::from_pkcs8_der(der).map_err(|e| ImportError::BadKey(e.to_string()))?;
        return encode(rsa_type(&key)?, key.to_pkcs8_der());
    }
    if oid == EC_PUBLIC_KEY {
        let curve = info.algorithm.parameters_oid().ok();
        return match curve {
            Some(c) if c == P256 => encode(
                KeyType::EcdsaP256,
                p256::SecretKey::from_pkcs8_der(der)
                    .map_err(|e| ImportError::BadKey(e.to_string()))?
                    .to_pkcs8_der(),
            ),
            Some(c) if c == P384 => encode(
                KeyType::EcdsaP384,
                p384::SecretKey::from_pkcs8_der(der)
                    .map_err(|e| ImportError::BadKey(e.to_string()))?
                    .to_pkcs8_der(),
            ),
            Some(c) => Err(ImportError::UnsupportedKey(format!(
                "an EC key on curve {c} (dockcert signs with P-256 or P-384)"
            ))),
            None => Err(ImportError::BadKey(
                "an EC key without a named curve".into(),
            )),
        };
    }
    if oid == ED25519 {
        // privateKey is an OCTET STRING holding the 32-byte seed as an OCTET STRING.
        let inner = info.private_key.as_bytes();
        let seed: [u8; 32] = match inner {
            [0x04, 0x20, rest @ ..] if rest.len() == 32 => rest
                .try_into()
                .map_err(|_| ImportError::BadKey("bad Ed25519 seed".into()))?,
            _ => return Err(ImportError::BadKey("bad Ed25519 seed".into())),
        };
        let seed = Zeroizing::new(seed);
        return PrivateKey::from_pkcs8_der(
            KeyType::Ed25519,
            keys::ed25519_pkcs8_v1(&seed).to_vec(),
        )
        .map_err(|e| ImportError::BadKey(e.to_string()));
    }
    Err(ImportError::UnsupportedKey(format!(
        "algorithm {oid} (dockcert signs with RSA, ECDSA P-256/P-384 or Ed25519)"
    )))
}

/// The parts of a certificate import and inspect look at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertFacts {
    /// The subject, as a one-line string.
    pub subject: String,
    /// The subject's Common Name, if any.
    pub common_name: Option<String>,
    /// The subject, DER, as the issuer field of its children must repeat it.
    pub subject_der: Vec<u8>,
    /// The issuer, DER.
    pub issuer_der: Vec<u8>,
    /// The issuer, as a one-line string.
    pub issuer: String,
    /// basicConstraints CA:TRUE.
    pub is_ca: bool,
    /// keyUsage present and lacks keyCertSign.
    pub forbids_cert_sign: bool,
    /// No keyUsage extension at all (the classic recipe's CA): Go accepts
    /// its chains, but OpenSSL's -x509_strict and RFC 5280 linters do not.
    pub lacks_key_usage: bool,
    /// Start of validity.
    pub not_before: OffsetDateTime,
    /// End of validity.
    pub not_after: OffsetDateTime,
    /// The subjectPublicKey bits.
    pub public_key: Vec<u8>,
}

/// Reads the facts of a DER certificate.
pub fn facts(der: &[u8]) -> Result<CertFacts, ImportError> {
    let (_, cert) =
        X509Certificate::from_der(der).map_err(|e| ImportError::BadCertificate(e.to_string()))?;
    let subject = cert.subject().to_string();
    let common_name = cert
        .subject()
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .map(str::to_owned);
    let is_ca = cert
        .basic_constraints()
        .ok()
        .flatten()
        .is_some_and(|bc| bc.value.ca);
    let lacks_key_usage = cert.key_usage().ok().flatten().is_none();
    let forbids_cert_sign = cert
        .key_usage()
        .ok()
        .flatten()
        .is_some_and(|ku| !ku.value.key_cert_sign());
    let when = |t: x509_parser::time::ASN1Time| {
        OffsetDateTime::from_unix_timestamp(t.timestamp()).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    };
    Ok(CertFacts {
        subject,
        common_name,
        subject_der: cert.tbs_certificate.subject.as_raw().to_vec(),
        issuer_der: cert.tbs_certificate.issuer.as_raw().to_vec(),
        issuer: cert.issuer().to_string(),
        is_ca,
        forbids_cert_sign,
        lacks_key_usage,
        not_before: when(cert.validity().not_before),
        not_after: when(cert.validity().not_after),
        public_key: cert.public_key().subject_public_key.data.to_vec(),
    })
}

/// Whether `key` is the private half of the certificate with `facts`.
pub fn key_matches(key: &PrivateKey, facts: &CertFacts) -> bool {
    key.signing_key()
        .map(|k| k.public_key_raw() == facts.public_key.as_slice())
        .unwrap_or(false)
}

/// An imported CA, checked and ready to sign.
#[derive(Debug)]
pub struct ImportedCa {
    /// The CA certificate, DER.
    pub cert_der: Vec<u8>,
    /// Its facts.
    pub facts: CertFacts,
    /// Its key.
    pub key: PrivateKey,
    /// How the key was stored.
    pub key_format: KeyFormat,
}

/// Imports a CA from its certificate file and key file, decrypting the key
/// with `passphrase` if needed, and checks that it is a CA, that it may sign,
/// that it is valid at `now`, and that the key is the certificate's.
pub fn import_ca(
    cert_bytes: &[u8],
    key_bytes: &[u8],
    passphrase: Option<&[u8]>,
    now: OffsetDateTime,
) -> Result<ImportedCa, ImportError> {
    let (cert_der, facts) = check_ca_certificate(cert_bytes, now)?;
    let name = facts
        .common_name
        .clone()
        .unwrap_or_else(|| facts.subject.clone());
    let (key, key_format) = private_key(key_bytes, passphrase)?;
    if !key_matches(&key, &facts) {
        return Err(ImportError::KeyMismatch(name));
    }
    Ok(ImportedCa {
        cert_der,
        facts,
        key,
        key_format,
    })
}

/// Checks a CA certificate on its own (before any passphrase is asked for):
/// a CA, allowed to sign, valid at `now`. Returns its DER and facts.
pub fn check_ca_certificate(
    cert_bytes: &[u8],
    now: OffsetDateTime,
) -> Result<(Vec<u8>, CertFacts), ImportError> {
    let cert_der = certificates(cert_bytes)?
        .into_iter()
        .next()
        .ok_or(ImportError::NoCertificate)?;
    let facts = facts(&cert_der)?;
    let name = facts
        .common_name
        .clone()
        .unwrap_or_else(|| facts.subject.clone());
    if !facts.is_ca {
        return Err(ImportError::NotACa(name));
    }
    if facts.forbids_cert_sign {
        return Err(ImportError::CannotSign(name));
    }
    if now > facts.not_after {
        return Err(ImportError::Expired {
            subject: name,
            date: crate::cert::day(facts.not_after),
        });
    }
    if now < facts.not_before {
        return Err(ImportError::NotYetValid {
            subject: name,
            date: crate::cert::minute(facts.not_before),
        });
    }
    Ok((cert_der, facts))
}
