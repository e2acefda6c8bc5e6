//! OpenSSL's legacy encrypted keys: a PKCS#1 or SEC1 PEM block with
//! `Proc-Type: 4,ENCRYPTED` and `DEK-Info: CIPHER,IV`, the key derived from
//! the passphrase by `EVP_BytesToKey` with MD5 and one round.

use cipher::{block_padding::Pkcs7, BlockModeDecrypt, KeyIvInit};
use md5::{Digest, Md5};
use zeroize::Zeroizing;

use super::pem::PemBlock;

/// Why a legacy encrypted block could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum LegacyError {
    /// The cipher in DEK-Info is not one OpenSSL offers for keys today.
    Unsupported(String),
    /// The DEK-Info header is malformed.
    Malformed,
    /// Decryption failed: almost always a wrong passphrase.
    Decrypt,
}

/// Decrypts a `Proc-Type: 4,ENCRYPTED` block as OpenSSL does: the key is
/// `EVP_BytesToKey(cipher, MD5, salt = IV[0..8], passphrase, 1 round)`, the
/// data CBC with PKCS#7 padding. Supports AES-128/192/256-CBC and DES-EDE3-CBC.
pub(crate) fn decrypt_legacy(
    block: &PemBlock,
    passphrase: &[u8],
) -> Result<Zeroizing<Vec<u8>>, LegacyError> {
    let info = block.header("DEK-Info").ok_or(LegacyError::Malformed)?;
    let (cipher_name, iv_hex) = info.split_once(',').ok_or(LegacyError::Malformed)?;
    let cipher_name = cipher_name.trim().to_ascii_uppercase();
    let iv = hex_decode(iv_hex.trim()).ok_or(LegacyError::Malformed)?;
    let (key_len, iv_len) = match cipher_name.as_str() {
        "AES-128-CBC" => (16, 16),
        "AES-192-CBC" => (24, 16),
        "AES-256-CBC" => (32, 16),
        "DES-EDE3-CBC" => (24, 8),
        other => return Err(LegacyError::Unsupported(other.to_owned())),
    };
    if iv.len() != iv_len {
        return Err(LegacyError::Malformed);
    }
    let key = evp_bytes_to_key(passphrase, &iv[..8], key_len);
    let data: &[u8] = &block.der;
    let plain = match cipher_name.as_str() {
        "AES-128-CBC" => cbc::Decryptor::<aes::Aes128>::new_from_slices(&key, &iv)
            .map_err(|_| LegacyError::Malformed)?
            .decrypt_padded_vec::<Pkcs7>(data),
        "AES-192-CBC" => cbc::Decryptor::<aes::Aes192>::new_from_slices(&key, &iv)
            .map_err(|_| LegacyError::Malformed)?
            .decrypt_padded_vec::<Pkcs7>(data),
        "AES-256-CBC" => cbc::Decryptor::<aes::Aes256>::new_from_slices(&key, &iv)
            .map_err(|_| LegacyError::Malformed)?
            .decrypt_padded_vec::<Pkcs7>(data),
        _ => cbc::Decryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
            .map_err(|_| LegacyError::Malformed)?
            .decrypt_padded_vec::<Pkcs7>(data),
    };
    plain.map(Zeroizing::new).map_err(|_| LegacyError::Decrypt)
}

/// OpenSSL's EVP_BytesToKey with MD5 and one round:
/// D1 = MD5(pass || salt), Di = MD5(Di-1 || pass || salt), key = D1 || D2 || ...
fn evp_bytes_to_key(passphrase: &[u8], salt: &[u8], len: usize) -> Zeroizing<Vec<u8>> {
    let mut key = Zeroizing::new(Vec::with_capacity(len + 16));
    let mut previous: Zeroizing<Vec<u8>> = Zeroizing::new(Vec::new());
    while key.len() < len {
        let mut md5 = Md5::new();
        md5.update(&previous);
        md5.update(passphrase);
        md5.update(salt);
        previous = Zeroizing::new(md5.finalize().to_vec());
        key.extend_from_slice(&previous);
    }
    key.truncate(len);
    key
}

fn hex_decode(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evp_bytes_to_key_matches_openssl() {
        // `openssl enc -aes-256-cbc -P -md md5 -pass pass:password -S 0102030405060708`
        // prints key (32 bytes) then iv (16 bytes): EVP_BytesToKey's first 48 bytes.
        let derived = evp_bytes_to_key(b"password", &[1, 2, 3, 4, 5, 6, 7, 8], 48);
        let expected = hex_decode(
            "E7B0971E52CA5CC8D0539FB3412F6316F7BA2E6EE293D9F3457B99436B51CE02\
             8D450E2ED75A84A923D4EAC9FE49226B",
        )
        .unwrap();
        assert_eq!(derived.as_slice(), expected.as_slice());
    }
}
