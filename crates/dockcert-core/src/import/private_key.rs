//! Private keys in every form OpenSSL writes: PKCS#8 (plain, or encrypted
//! with PBES2: PBKDF2 or scrypt), PKCS#1 RSA and SEC1 EC (plain, or in the
//! legacy `DEK-Info` encryption), Ed25519; PEM or DER. Key-derivation
//! parameters that would take far longer than any real key needs are
//! refused before any work.

use pkcs8::der::Decode;
use pkcs8::{DecodePrivateKey, EncodePrivateKey, ObjectIdentifier, PrivateKeyInfoRef};
use zeroize::Zeroizing;

use super::error::{ForeignKey, ImportError, KdfCost};
use super::legacy::{decrypt_legacy, LegacyError};
use super::pem::{blocks, PemBlock};
use crate::pki::{check_rsa_numbers, ed25519_pkcs8_v1, KeyType, PrivateKey};

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const DES_EDE3_CBC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.3.7");

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

/// How a key file holds its key, known before any passphrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyState {
    /// Readable as it is.
    Plain(KeyFormat),
    /// Needs its passphrase.
    Encrypted(KeyFormat),
}

impl KeyState {
    /// The storage format.
    pub fn format(self) -> KeyFormat {
        match self {
            KeyState::Plain(f) | KeyState::Encrypted(f) => f,
        }
    }
}

/// How the first private key in `bytes` is stored: encrypted (by its PEM
/// label and headers), or plain and readable, or the problem.
pub fn key_state(bytes: &[u8]) -> Result<KeyState, ImportError> {
    let block = blocks(bytes)
        .into_iter()
        .find(|b| b.label.ends_with("PRIVATE KEY"));
    match block {
        Some(b) if b.label == "ENCRYPTED PRIVATE KEY" => {
            encrypted_info(&b)?;
            Ok(KeyState::Encrypted(KeyFormat::EncryptedPkcs8))
        }
        Some(b) if b.is_legacy_encrypted() => Ok(KeyState::Encrypted(KeyFormat::LegacyEncrypted)),
        _ => private_key(bytes, None).map(|(_, format)| KeyState::Plain(format)),
    }
}

/// Whether the first private key in `bytes` is encrypted.
pub fn key_is_encrypted(bytes: &[u8]) -> bool {
    blocks(bytes)
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
    let blocks = blocks(bytes);
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
            let info = encrypted_info(block)?;
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
        other => Err(ImportError::UnsupportedKey(ForeignKey::Block(
            other.to_owned(),
        ))),
    }
}

/// Most PBKDF2 rounds dockcert runs to open a key: about a second natively
/// with the slowest PRF (HMAC-SHA-512); OpenSSL's default is 2,048 and
/// dockcert writes 600,000.
pub(crate) const MAX_PBKDF2_ROUNDS: u64 = 2_000_000;

/// Most memory scrypt may take to open a key (128·r·N bytes): 64 MiB,
/// twice OpenSSL's own limit (32 MiB, which its default N=2^14, r=8 fits).
pub const MAX_SCRYPT_MEMORY: u64 = 64 * 1024 * 1024;

/// Most scrypt work (N·r·p) dockcert runs: twice what the memory limit
/// allows with p=1, about half a second natively.
pub(crate) const MAX_SCRYPT_WORK: u64 = 1 << 20;

/// Refuses key-derivation parameters that would cost far more than any
/// real key needs, before any work: a crafted file must not hang dockcert or
/// the page, or take all its memory.
fn check_kdf_cost(kdf: &pkcs8::pkcs5::pbes2::Kdf) -> Result<(), ImportError> {
    use pkcs8::pkcs5::pbes2::Kdf;
    match kdf {
        // scrypt's N is a power of two above 1; pkcs5 0.8 panics taking
        // log2 of N = 0, and calls other values a wrong passphrase.
        Kdf::Scrypt(p) if p.cost_parameter < 2 || !p.cost_parameter.is_power_of_two() => {
            Err(ImportError::BadKey(format!(
                "scrypt's N is {}, not a power of two above 1",
                p.cost_parameter
            )))
        }
        Kdf::Pbkdf2(p) if u64::from(p.iteration_count) > MAX_PBKDF2_ROUNDS => {
            Err(ImportError::KdfTooCostly(KdfCost::Pbkdf2 {
                rounds: u64::from(p.iteration_count),
            }))
        }
        Kdf::Scrypt(p) => {
            let (n, r, par) = (
                u128::from(p.cost_parameter),
                u128::from(p.block_size),
                u128::from(p.parallelization),
            );
            let cost = KdfCost::Scrypt {
                n: p.cost_parameter,
                r: u64::from(p.block_size),
                p: u64::from(p.parallelization),
            };
            let memory = 128 * r * n;
            if memory > u128::from(MAX_SCRYPT_MEMORY) || n * r * par > u128::from(MAX_SCRYPT_WORK) {
                Err(ImportError::KdfTooCostly(cost))
            } else {
                Ok(())
            }
        }
        _ => Ok(()),
    }
}

/// An `ENCRYPTED PRIVATE KEY` block read as far as it can be without its
/// passphrase, and refused here if it could never be opened or would cost
/// too much to try: checked before a passphrase is asked for, and again
/// before one is used.
fn encrypted_info(block: &PemBlock) -> Result<pkcs8::EncryptedPrivateKeyInfoRef<'_>, ImportError> {
    if short_3des_iv(&block.der) {
        return Err(ImportError::BadKey(
            "its DES-EDE3-CBC IV is shorter than 8 bytes".into(),
        ));
    }
    let info = pkcs8::EncryptedPrivateKeyInfoRef::from_der(&block.der)
        .map_err(|e| ImportError::BadKey(e.to_string()))?;
    match &info.encryption_algorithm {
        pkcs8::pkcs5::EncryptionScheme::Pbes2(p) => check_kdf_cost(&p.kdf)?,
        pkcs8::pkcs5::EncryptionScheme::Pbes1(p) => {
            return Err(ImportError::UnsupportedEncryption(format!(
                "PBES1 ({})",
                p.oid()
            )));
        }
        _ => {
            return Err(ImportError::UnsupportedEncryption(
                "an unknown scheme".into(),
            ))
        }
    }
    Ok(info)
}

/// Whether `der`, an EncryptedPrivateKeyInfo, encrypts with PBES2 and
/// DES-EDE3-CBC under an IV shorter than 8 bytes. pkcs5 0.8.1 slices that IV
/// to 8 bytes before checking its length, and panics (fixed upstream in
/// RustCrypto/formats#2383, not yet released), so it is looked at first.
fn short_3des_iv(der: &[u8]) -> bool {
    use pkcs8::der::{Header, SliceReader};
    use pkcs8::spki::AlgorithmIdentifierRef;
    // EncryptedPrivateKeyInfo ::= SEQUENCE { AlgorithmIdentifier (PBES2 with
    // SEQUENCE { kdf AlgorithmIdentifier, scheme AlgorithmIdentifier }), ... }
    fn scheme(der: &[u8]) -> pkcs8::der::Result<Option<AlgorithmIdentifierRef<'_>>> {
        let mut info = SliceReader::new(der)?;
        Header::decode(&mut info)?;
        let Some(pbes2) = AlgorithmIdentifierRef::decode(&mut info)?.parameters else {
            return Ok(None);
        };
        let mut params = SliceReader::new(pbes2.value())?;
        AlgorithmIdentifierRef::decode(&mut params)?;
        AlgorithmIdentifierRef::decode(&mut params).map(Some)
    }
    scheme(der).ok().flatten().is_some_and(|s| {
        s.oid == DES_EDE3_CBC && s.parameters.is_some_and(|iv| iv.value().len() < 8)
    })
}

fn legacy(
    block: &PemBlock,
    passphrase: Option<&[u8]>,
) -> Result<(PrivateKey, KeyFormat), ImportError> {
    let (der, format) = if block.is_legacy_encrypted() {
        let pass = passphrase.ok_or(ImportError::PassphraseNeeded)?;
        let plain = decrypt_legacy(block, pass).map_err(|e| match e {
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
    Ok(PrivateKey::from_pkcs8_der(
        key_type,
        der.as_bytes().to_vec(),
    )?)
}

fn rsa_type(key: &rsa::PrivateKey) -> Result<KeyType, ImportError> {
    use rsa::traits::PublicKeyParts;
    match key.size() * 8 {
        2048 => Ok(KeyType::Rsa2048),
        3072 => Ok(KeyType::Rsa3072),
        4096 => Ok(KeyType::Rsa4096),
        bits => Err(ImportError::UnsupportedKey(ForeignKey::RsaBits(bits))),
    }
}

fn from_pkcs1(der: &[u8]) -> Result<PrivateKey, ImportError> {
    use rsa::pkcs1::DecodeRsaPrivateKey;
    check_rsa_numbers(der, false).map_err(ImportError::RsaTooLarge)?;
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
                Some(curve) => ForeignKey::Curve(curve.to_string()),
                None => ForeignKey::NoCurve,
            },
        )),
        Err(e) => Err(ImportError::BadKey(e.to_string())),
    }
}

fn from_pkcs8(der: &[u8]) -> Result<PrivateKey, ImportError> {
    let info = PrivateKeyInfoRef::from_der(der).map_err(|e| ImportError::BadKey(e.to_string()))?;
    let oid = info.algorithm.oid;
    if oid == RSA_ENCRYPTION {
        check_rsa_numbers(info.private_key.as_bytes(), false).map_err(ImportError::RsaTooLarge)?;
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
            Some(c) => Err(ImportError::UnsupportedKey(ForeignKey::Curve(
                c.to_string(),
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
        return Ok(PrivateKey::from_pkcs8_der(
            KeyType::Ed25519,
            ed25519_pkcs8_v1(&seed).to_vec(),
        )?);
    }
    Err(ImportError::UnsupportedKey(ForeignKey::Algorithm(
        oid.to_string(),
    )))
}

#[cfg(test)]
mod tests {
    use pkcs8::der::pem::LineEnding;
    use pkcs8::der::EncodePem;
    use pkcs8::pkcs5::pbes2;

    use super::*;

    /// An encrypted PKCS#8 key with these PBES2 parameters and junk inside.
    fn crafted(params: pbes2::Parameters) -> String {
        let info = pkcs8::EncryptedPrivateKeyInfoOwned {
            encryption_algorithm: params.into(),
            encrypted_data: pkcs8::der::asn1::OctetString::new(vec![0x5a; 64]).unwrap(),
        };
        info.to_pem(LineEnding::LF).unwrap()
    }

    fn scrypt(log_n: u8, r: u32, p: u32) -> String {
        let params = pkcs8::pkcs5::scrypt::Params::new(log_n, r, p).unwrap();
        crafted(pbes2::Parameters::generate_scrypt_aes256cbc(params, &[1; 16], [2; 16]).unwrap())
    }

    fn pbkdf2(rounds: u32) -> String {
        crafted(
            pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(rounds, &[1; 16], [2; 16]).unwrap(),
        )
    }

    /// A PKCS#8 RSA key whose modulus and private exponent are `bits` long:
    /// not a real key, only its lengths matter.
    fn huge_rsa_pkcs8(bits: usize) -> Vec<u8> {
        use pkcs8::der::asn1::{OctetString, UintRef};
        use pkcs8::der::Encode;
        let big = vec![0xff; bits / 8];
        let big = UintRef::new(&big).unwrap();
        let small = UintRef::new(&[3]).unwrap();
        let numbers = [
            UintRef::new(&[0]).unwrap(),
            big,
            UintRef::new(&[1, 0, 1]).unwrap(),
            big,
            small,
            small,
            small,
            small,
            small,
        ];
        let mut body = Vec::new();
        for n in numbers {
            n.encode_to_vec(&mut body).unwrap();
        }
        let pkcs1 = pkcs8::der::asn1::Any::new(pkcs8::der::Tag::Sequence, body)
            .unwrap()
            .to_der()
            .unwrap();
        let octets = OctetString::new(pkcs1).unwrap();
        let info = pkcs8::PrivateKeyInfoRef::new(
            pkcs8::spki::AlgorithmIdentifierRef {
                oid: RSA_ENCRYPTION,
                parameters: Some(pkcs8::der::asn1::AnyRef::NULL),
            },
            (&octets).into(),
        );
        info.to_der().unwrap()
    }

    #[test]
    fn a_huge_rsa_key_is_refused_by_its_length_even_encrypted() {
        let der = huge_rsa_pkcs8(2_000_000);
        let too_large = ImportError::RsaTooLarge(crate::pki::RsaTooLarge {
            number: crate::pki::RsaNumber::Modulus,
            bits: 2_000_000,
        });
        let plain = pkcs8::der::pem::encode_string("PRIVATE KEY", LineEnding::LF, &der).unwrap();
        assert_eq!(private_key(plain.as_bytes(), None).unwrap_err(), too_large);
        let params =
            pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(1_000, &[1; 16], [2; 16]).unwrap();
        let sealed = pkcs8::EncryptedPrivateKeyInfoOwned {
            encrypted_data: pkcs8::der::asn1::OctetString::new(
                params.encrypt(b"pass", &der).unwrap(),
            )
            .unwrap(),
            encryption_algorithm: params.into(),
        };
        let sealed = sealed.to_pem(LineEnding::LF).unwrap();
        assert_eq!(
            private_key(sealed.as_bytes(), Some(b"pass")).unwrap_err(),
            too_large
        );
        assert!(too_large.to_string().contains("at most 16384 bits"));
    }

    #[test]
    fn costly_key_derivation_is_refused_before_any_work() {
        // The hostile reviewer's file: 2 GiB of memory and minutes of work.
        let hostile = scrypt(20, 16, 16);
        let fixture = include_str!("../../tests/fixtures/hostile-scrypt-key.pem");
        assert_eq!(
            hostile, fixture,
            "the fixture the CLI tests use is this key"
        );
        for refused in [
            hostile,
            scrypt(17, 8, 1),
            scrypt(16, 8, 3),
            pbkdf2(10_000_000),
        ] {
            let e = key_state(refused.as_bytes()).unwrap_err();
            assert!(matches!(e, ImportError::KdfTooCostly(_)), "{e}");
            assert_eq!(
                private_key(refused.as_bytes(), Some(b"anything")).unwrap_err(),
                e
            );
            assert!(e.to_string().contains("openssl pkcs8 -topk8"), "{e}");
        }
        assert!(key_state(scrypt(20, 16, 16).as_bytes())
            .unwrap_err()
            .to_string()
            .contains("needs 2048 MiB of memory"));
        // What OpenSSL writes by default, and dockcert's own 600,000 rounds, pass.
        for accepted in [
            scrypt(14, 8, 1),
            scrypt(16, 8, 2),
            pbkdf2(600_000),
            pbkdf2(2_000_000),
        ] {
            assert_eq!(
                key_state(accepted.as_bytes()),
                Ok(KeyState::Encrypted(KeyFormat::EncryptedPkcs8))
            );
        }
    }
}
