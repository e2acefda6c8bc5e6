//! DER and PEM built by hand, for files no real tool would make: RSA keys
//! and a certificate whose numbers are longer than any reader should take.

use base64::Engine;

/// A DER tag-length-value.
pub fn tlv(tag: u8, value: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = value.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(value);
    out
}

/// A positive DER INTEGER `bits` long (all ones).
pub fn integer_of_bits(bits: usize) -> Vec<u8> {
    let mut value = vec![0u8];
    value.extend(std::iter::repeat_n(0xff, bits / 8));
    tlv(0x02, &value)
}

/// A PKCS#1 RSAPrivateKey whose modulus and private exponent are
/// `n_bits` long and public exponent `e_bits` long (not a real key: only
/// its lengths matter).
pub fn rsa_pkcs1(n_bits: usize, e_bits: usize) -> Vec<u8> {
    let mut body = tlv(0x02, &[0]);
    body.extend(integer_of_bits(n_bits));
    body.extend(integer_of_bits(e_bits));
    body.extend(integer_of_bits(n_bits));
    for _ in 0..5 {
        body.extend(tlv(0x02, &[3]));
    }
    tlv(0x30, &body)
}

/// rsaEncryption's AlgorithmIdentifier.
pub fn rsa_algorithm() -> Vec<u8> {
    let oid = tlv(0x06, &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 1, 1]);
    tlv(0x30, &[oid, vec![0x05, 0x00]].concat())
}

/// A PKCS#8 PrivateKeyInfo around a PKCS#1 key.
pub fn pkcs8_of(pkcs1: &[u8]) -> Vec<u8> {
    let body = [tlv(0x02, &[0]), rsa_algorithm(), tlv(0x04, pkcs1)].concat();
    tlv(0x30, &body)
}

/// PEM with `label` and extra header lines.
pub fn pem(label: &str, headers: &str, der: &[u8]) -> String {
    let text = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = text
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN {label}-----\n{headers}{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

/// A self-signed-looking CA certificate (the signature is junk) whose RSA
/// key has a `bits`-long modulus: readable by OpenSSL.
pub fn huge_rsa_ca_cert(bits: usize) -> Vec<u8> {
    let seq = |parts: &[Vec<u8>]| tlv(0x30, &parts.concat());
    let oid = |arcs: &[u8]| tlv(0x06, arcs);
    let sha256_rsa = seq(&[
        oid(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 1, 11]),
        vec![0x05, 0x00],
    ]);
    let name = seq(&[tlv(
        0x31,
        &seq(&[oid(&[0x55, 4, 3]), tlv(0x0c, b"Huge CA")]),
    )]);
    let validity = seq(&[tlv(0x17, b"250101000000Z"), tlv(0x17, b"450101000000Z")]);
    let public = seq(&[integer_of_bits(bits), integer_of_bits(16)]);
    let spki = seq(&[rsa_algorithm(), tlv(0x03, &[&[0u8][..], &public].concat())]);
    let ca_true = seq(&[
        oid(&[0x55, 29, 19]),
        vec![0x01, 0x01, 0xff],
        tlv(0x04, &seq(&[vec![0x01, 0x01, 0xff]])),
    ]);
    let tbs = seq(&[
        tlv(0xa0, &tlv(0x02, &[2])),
        tlv(0x02, &[1]),
        sha256_rsa.clone(),
        name.clone(),
        validity,
        name,
        spki,
        tlv(0xa3, &seq(&[ca_true])),
    ]);
    seq(&[tbs, sha256_rsa, tlv(0x03, &[0u8; 257])])
}
