"""The client cases: each a good client certificate (P-256, EKU clientAuth,
from the CA that also made the dockerd's certificate) with ONE thing
changed. `make(OUT)` writes OUT/server/ (the dockerd's ca.pem,
server-cert.pem, server-key.pem: the baseline), OUT/<case>/{ca.pem,
cert.pem, key.pem} (a client's folder; cert.pem holds the leaf, then any
intermediates) and OUT/clients.json."""

import json
import os

from cryptography import x509
from cryptography.x509.oid import ObjectIdentifier

from chains import *  # noqa: F401,F403 (the building blocks)

def make(out):
    ca = make_ca()
    server = make_leaf(ca)
    os.makedirs(os.path.join(out, "server"))
    with open(os.path.join(out, "server", "ca.pem"), "w") as fh:
        fh.write(ca.pem())
    with open(os.path.join(out, "server", "server-cert.pem"), "w") as fh:
        fh.write(server.pem())
    write_key(os.path.join(out, "server", "server-key.pem"), server.key)

    cases = []

    def client(name_, what, cert, chain=(), other_key=False):
        cases.append(dict(name=name_, what=what, cert=cert, chain=list(chain),
                          other_key=other_key))

    def leaf(issuer=ca, **kw):
        kw.setdefault("sans", ())
        kw.setdefault("ekus", (CLIENT,))
        return make_leaf(issuer, cn="judge-client", **kw)

    client("client-good", "P-256 client, EKU clientAuth", leaf())
    client("client-eku-server-only", "client EKU serverAuth only", leaf(ekus=(SERVER,)))
    client("client-eku-server-client", "client EKU serverAuth+clientAuth", leaf(ekus=(SERVER, CLIENT)))
    client("client-no-eku", "client without EKU", leaf(ekus=None))
    client("client-eku-any", "client EKU anyExtendedKeyUsage", leaf(ekus=(ANY,)))
    client("client-eku-codesigning", "client EKU codeSigning only", leaf(ekus=(CODE,)))
    inter = make_ca(cn="Judge Client Intermediate CA", issuer=ca)
    client("client-with-intermediate", "client signed by an intermediate; cert.pem holds leaf + intermediate",
           leaf(inter), chain=[inter])
    client("client-intermediate-missing", "client signed by an intermediate; cert.pem holds the leaf only",
           leaf(inter), other_key=True)
    client("client-expired", "client notAfter yesterday", leaf(start=NOW - 30 * DAY, end=NOW - DAY))
    client("client-not-yet-valid", "client notBefore tomorrow", leaf(start=NOW + DAY, end=NOW + 30 * DAY))
    other = make_ca(cn="Other CA")
    client("client-other-ca", "client signed by another CA", leaf(other), other_key=True)
    same_name = make_ca()
    client("client-other-ca-same-name", "client signed by another CA with the same name", leaf(same_name),
           other_key=True)
    client("client-sha1", "client signed ECDSA-SHA1", sha1(leaf(), ca.key))
    client("client-unknown-critical-ext", "client with an unknown critical extension",
           leaf(extra=[(x509.UnrecognizedExtension(ObjectIdentifier("1.3.6.1.4.1.55555.1"), b"\x05\x00"), True)]))
    client("client-is-ca", "client has CA:TRUE (EKU clientAuth)",
           leaf(exts=[bc(True), ku(digital_signature=True, key_cert_sign=True), aki(ca), eku(CLIENT)]))
    client("client-rsa-2048", "RSA-2048 client key", leaf(kind="rsa2048"))
    client("client-p521", "P-521 client key", leaf(kind="p521"))
    client("client-ed25519", "Ed25519 client key", leaf(kind="ed25519"))

    listing = []
    for cs in cases:
        d = os.path.join(out, cs["name"])
        os.makedirs(d)
        with open(os.path.join(d, "ca.pem"), "w") as fh:
            fh.write(ca.pem())
        with open(os.path.join(d, "cert.pem"), "w") as fh:
            fh.write(cs["cert"].pem() + "".join(c.pem() for c in cs["chain"]))
        write_key(os.path.join(d, "key.pem"), cs["cert"].key)
        listing.append(dict(name=cs["name"], what=cs["what"], other_key=cs["other_key"]))
    with open(os.path.join(out, "clients.json"), "w") as fh:
        json.dump(listing, fh, indent=1)
