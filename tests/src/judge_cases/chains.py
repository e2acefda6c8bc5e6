"""The building blocks of the differential test's cases: keys, names,
extensions, certificates made with Python's `cryptography`, and the DER
surgery for what no builder makes (version 1, duplicate extensions, a
negative serial, SHA-1 signatures)."""

import datetime
import ipaddress
import json
import os
import subprocess
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

NOW = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
DAY = datetime.timedelta(days=1)
HOST = "server.example.test"
SHA256 = hashes.SHA256()


def new_key(kind="p256"):
    if kind == "p256":
        return ec.generate_private_key(ec.SECP256R1())
    if kind == "p384":
        return ec.generate_private_key(ec.SECP384R1())
    if kind == "p521":
        return ec.generate_private_key(ec.SECP521R1())
    if kind == "ed25519":
        return ed25519.Ed25519PrivateKey.generate()
    if kind == "rsa512":
        # Below what `cryptography` generates: made by openssl.
        pem = subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt",
                              "rsa_keygen_bits:512"], check=True, capture_output=True).stdout
        return serialization.load_pem_private_key(pem, None)
    if kind.startswith("rsa"):
        return rsa.generate_private_key(65537, int(kind[3:]))
    raise ValueError(kind)


def name(cn, org=None):
    attrs = []
    if org:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    if cn is not None:
        attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(attrs)


class Cert:
    def __init__(self, cert, key):
        self.cert = cert
        self.key = key

    def pem(self):
        return self.cert.public_bytes(serialization.Encoding.PEM).decode()


def default_hash(key):
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return None
    if isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.key_size == 521:
        return hashes.SHA512()
    if isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.key_size == 384:
        return hashes.SHA384()
    return SHA256


def build(subject, key, issuer, exts, start=None, end=None, serial=None,
          hash_alg="default", pss=False, issuer_name=None):
    """A certificate for `subject` with public key of `key`, signed by
    `issuer` (a Cert) or self-signed when issuer is None."""
    signer = key if issuer is None else issuer.key
    iname = issuer_name or (subject if issuer is None else issuer.cert.subject)
    b = (x509.CertificateBuilder()
         .subject_name(subject)
         .issuer_name(iname)
         .public_key(key.public_key())
         .serial_number(serial or x509.random_serial_number())
         .not_valid_before(start or NOW - DAY)
         .not_valid_after(end or NOW + 365 * DAY))
    for ext, critical in exts:
        b = b.add_extension(ext, critical=critical)
    h = default_hash(signer) if hash_alg == "default" else hash_alg
    if pss:
        cert = b.sign(signer, h, rsa_padding=padding.PSS(
            mgf=padding.MGF1(h), salt_length=padding.PSS.DIGEST_LENGTH))
    else:
        cert = b.sign(signer, h)
    return Cert(cert, key)


def ski(key):
    return (x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)


def aki(issuer):
    return (x509.AuthorityKeyIdentifier.from_issuer_public_key(
        issuer.key.public_key()), False)


def bc(ca, path_length=None):
    return (x509.BasicConstraints(ca=ca, path_length=path_length), True)


def ku(**set_bits):
    bits = dict(digital_signature=False, content_commitment=False,
                key_encipherment=False, data_encipherment=False,
                key_agreement=False, key_cert_sign=False, crl_sign=False,
                encipher_only=False, decipher_only=False)
    bits.update(set_bits)
    return (x509.KeyUsage(**bits), True)


CA_KU = ku(key_cert_sign=True, crl_sign=True)
LEAF_KU = ku(digital_signature=True)


def eku(*oids):
    return (x509.ExtendedKeyUsage(list(oids)), False)


SERVER = ExtendedKeyUsageOID.SERVER_AUTH
CLIENT = ExtendedKeyUsageOID.CLIENT_AUTH
ANY = ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE
CODE = ExtendedKeyUsageOID.CODE_SIGNING


def san(*names):
    out = []
    for n in names:
        kind, _, value = n.partition(":")
        if kind == "DNS":
            out.append(x509.DNSName(value))
        elif kind == "IP":
            out.append(x509.IPAddress(ipaddress.ip_address(value)))
        elif kind == "URI":
            out.append(x509.UniformResourceIdentifier(value))
        elif kind == "email":
            out.append(x509.RFC822Name(value))
        else:
            raise ValueError(n)
    return (x509.SubjectAlternativeName(out), False)


BASE_SAN = ("DNS:" + HOST, "IP:127.0.0.1")


def make_ca(cn="Judge Test CA", kind="p256", exts=None, extra=(), issuer=None,
            **kw):
    key = kw.pop("key", None) or new_key(kind)
    kw.setdefault("end", NOW + 3650 * DAY)
    if exts is None:
        exts = [bc(True), CA_KU, ski(key)]
        if issuer is not None:
            exts.append(aki(issuer))
    return build(name(cn), key, issuer, list(exts) + list(extra), **kw)


def make_leaf(issuer, cn=HOST, kind="p256", sans=BASE_SAN, ekus=(SERVER,),
              exts=None, extra=(), **kw):
    key = kw.pop("key", None) or new_key(kind)
    kw.setdefault("end", NOW + 365 * DAY)
    if exts is None:
        exts = [bc(False), LEAF_KU, ski(key), aki(issuer)]
        if ekus is not None:
            exts.append(eku(*ekus))
        if sans:
            exts.append(san(*sans))
    return build(name(cn), key, issuer, list(exts) + list(extra), **kw)


# ---- DER surgery, for what no builder makes (v1, duplicates, negative serial)

def der_len(n):
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def tlv(tag, body):
    return bytes([tag]) + der_len(len(body)) + body


def header_len(der):
    return 2 if der[1] < 0x80 else 2 + (der[1] & 0x7F)


def resign(cert, tbs, key, hash_alg=SHA256):
    """`cert` with its TBSCertificate replaced by `tbs`, signed again by
    `key` (EC or RSA PKCS#1 v1.5, SHA-256 or SHA-1)."""
    der = cert.cert.public_bytes(serialization.Encoding.DER)
    old_tbs = cert.cert.tbs_certificate_bytes
    at = header_len(der) + len(old_tbs)
    alg_len = header_len(der[at:]) + _content_len(der[at:])
    alg = der[at:at + alg_len]
    if isinstance(hash_alg, hashes.SHA1):
        if isinstance(key, ec.EllipticCurvePrivateKey):
            new_alg = bytes.fromhex("300906072a8648ce3d0401")
        else:
            new_alg = bytes.fromhex("300d06092a864886f70d0101050500")
        body = tbs[header_len(tbs):]
        assert body.count(alg) == 1
        tbs = tlv(0x30, body.replace(alg, new_alg))
        alg = new_alg
    if isinstance(key, ec.EllipticCurvePrivateKey):
        sig = key.sign(tbs, ec.ECDSA(hash_alg))
    else:
        sig = key.sign(tbs, padding.PKCS1v15(), hash_alg)
    out = tlv(0x30, tbs + alg + tlv(0x03, b"\x00" + sig))
    return Cert(x509.load_der_x509_certificate(out), cert.key)


def _content_len(der):
    if der[1] < 0x80:
        return der[1]
    n = der[1] & 0x7F
    return int.from_bytes(der[2:2 + n], "big")


def patched(cert, signer_key, old, new):
    tbs = cert.cert.tbs_certificate_bytes
    assert tbs.count(old) == 1, (old, tbs)
    return resign(cert, tbs.replace(old, new), signer_key)


def sha1(cert, signer_key):
    """The same certificate signed with SHA-1 (which no builder signs)."""
    return resign(cert, cert.cert.tbs_certificate_bytes, signer_key, hashes.SHA1())


def as_v1(cert, signer_key):
    """The same certificate (built without extensions) as version 1."""
    tbs = cert.cert.tbs_certificate_bytes
    body = tbs[header_len(tbs):]
    assert body.startswith(b"\xa0\x03\x02\x01\x02")
    return resign(cert, tlv(0x30, body[5:]), signer_key)


def write_key(path, key):
    with open(path, "w") as fh:
        fh.write(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()).decode())
