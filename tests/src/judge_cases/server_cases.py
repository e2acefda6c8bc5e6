"""The server cases: each a good chain (a P-256 CA and a P-256 leaf for
server.example.test with DNS and IP SANs, serverAuth) with ONE thing
changed. `make(OUT)` writes OUT/<case>/{ca.pem, leaf.pem, chain.pem,
server-cert.pem, server-key.pem}, OUT/client/{cert.pem, key.pem} (for
`dockcert probe`, which wants a client certificate) and OUT/cases.json."""

import ipaddress
import json
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import ObjectIdentifier

from chains import *  # noqa: F401,F403 (the building blocks)

CASES = []


def case(name_, what, ca_certs, leaf, chain=(), dial=HOST, listen="127.0.0.1",
         tls12=False, other_key=False):
    """One case; `tls12`: the server speaks TLS 1.2 at most (an RSA key too
    small for TLS 1.3's RSA-PSS signatures can then still be judged);
    `other_key`: a key outside the CA file signed the leaf or its chain (the
    one kind of case where "another CA" is a true finding)."""
    CASES.append(dict(name=name_, what=what, ca=[c.pem() for c in ca_certs],
                      leaf=leaf, chain=list(chain), dial=dial, listen=listen,
                      tls12=tls12, other_key=other_key))


def make(out):
    ca = make_ca()
    good = make_leaf(ca)
    case("baseline", "good P-256 CA and leaf (DNS+IP SANs, serverAuth)", [ca], good)
    case("baseline-by-ip", "the baseline dialled by its IP SAN", [ca], good, dial="127.0.0.1")
    case("dial-name-not-in-sans", "baseline dialled by a name not among its SANs", [ca], good,
         dial="other.example.test")

    # dates
    case("leaf-expired", "leaf notAfter yesterday", [ca],
         make_leaf(ca, start=NOW - 30 * DAY, end=NOW - DAY))
    case("leaf-not-yet-valid", "leaf notBefore tomorrow", [ca],
         make_leaf(ca, start=NOW + DAY, end=NOW + 30 * DAY))
    old_ca = make_ca(start=NOW - 400 * DAY, end=NOW - DAY)
    case("ca-expired", "CA notAfter yesterday", [old_ca], make_leaf(old_ca))
    future_ca = make_ca(start=NOW + DAY, end=NOW + 400 * DAY)
    case("ca-not-yet-valid", "CA notBefore tomorrow", [future_ca], make_leaf(future_ca))
    short_ca = make_ca(start=NOW - DAY, end=NOW + 10 * DAY)
    case("leaf-outlives-ca", "leaf notAfter 30 days after the CA's (CA ends in 10 days)", [short_ca],
         make_leaf(short_ca, end=NOW + 40 * DAY))
    case("leaf-long-validity", "leaf valid 30 years (GeneralizedTime notAfter)", [ca],
         make_leaf(ca, end=NOW + 30 * 365 * DAY))
    k = new_key()
    twin_old = make_ca(key=k, start=NOW - 400 * DAY, end=NOW - DAY)
    twin_new = make_ca(key=k)
    case("ca-file-expired-twin-first", "CA file: an expired copy of the CA (same name, same key) then a valid one",
         [twin_old, twin_new], make_leaf(twin_new))

    # the CA's basicConstraints and keyUsage
    c = make_ca(exts=[bc(False), CA_KU])
    case("ca-basic-constraints-false", "CA has CA:FALSE", [c], make_leaf(c))
    c = make_ca(exts=[CA_KU])
    case("ca-no-basic-constraints", "v3 CA without basicConstraints", [c], make_leaf(c))
    k = new_key()
    c = as_v1(make_ca(key=k, exts=[]), k)
    case("ca-v1", "version 1 CA (no extensions)", [c], make_leaf(c))
    c = make_ca(exts=[bc(True), ku(digital_signature=True, crl_sign=True)])
    case("ca-ku-no-keycertsign", "CA keyUsage without keyCertSign", [c], make_leaf(c))
    c = make_ca(exts=[bc(True)])
    case("ca-no-key-usage", "CA without keyUsage", [c], make_leaf(c))
    c = make_ca(exts=[(x509.BasicConstraints(ca=True, path_length=None), False), CA_KU])
    case("ca-bc-not-critical", "CA basicConstraints not critical", [c], make_leaf(c))
    c = make_ca(extra=[eku(CLIENT)])
    case("ca-eku-client-only", "CA with EKU clientAuth only", [c], make_leaf(c))
    c = make_ca(extra=[eku(SERVER, CLIENT)])
    case("ca-eku-server", "CA with EKU serverAuth+clientAuth", [c], make_leaf(c))
    c = make_ca(extra=[eku(CODE)])
    case("ca-eku-codesigning-leaf-any", "CA EKU codeSigning, leaf EKU anyExtendedKeyUsage", [c],
         make_leaf(c, ekus=(ANY,)))
    c = make_ca(exts=[bc(True, 0), CA_KU])
    case("ca-pathlen0-direct", "CA pathlen:0 signing the leaf directly", [c], make_leaf(c))
    c = make_ca(extra=[(x509.UnrecognizedExtension(ObjectIdentifier("1.3.6.1.4.1.55555.7"), b"\x05\x00"), True)])
    case("ca-unknown-critical-ext", "CA with an unknown critical extension", [c], make_leaf(c))

    # the leaf's EKU, keyUsage, basicConstraints
    case("leaf-eku-client-only", "leaf EKU clientAuth only", [ca], make_leaf(ca, ekus=(CLIENT,)))
    case("leaf-eku-server-client", "leaf EKU serverAuth+clientAuth", [ca], make_leaf(ca, ekus=(SERVER, CLIENT)))
    case("leaf-eku-any", "leaf EKU anyExtendedKeyUsage", [ca], make_leaf(ca, ekus=(ANY,)))
    case("leaf-no-eku", "leaf without EKU", [ca], make_leaf(ca, ekus=None))
    case("leaf-eku-codesigning", "leaf EKU codeSigning only", [ca], make_leaf(ca, ekus=(CODE,)))
    case("leaf-eku-unknown-oid", "leaf EKU one private OID only", [ca],
         make_leaf(ca, ekus=(ObjectIdentifier("1.3.6.1.4.1.55555.9"),)))
    k = new_key()
    case("leaf-ku-keycertsign-only", "leaf keyUsage keyCertSign only (no digitalSignature)", [ca],
         make_leaf(ca, key=k, exts=[bc(False), ku(key_cert_sign=True), aki(ca), eku(SERVER), san(*BASE_SAN)]))
    case("leaf-is-ca", "leaf has CA:TRUE (and serverAuth)", [ca],
         make_leaf(ca, exts=[bc(True), ku(digital_signature=True, key_cert_sign=True), aki(ca), eku(SERVER), san(*BASE_SAN)]))
    case("leaf-no-basic-constraints", "leaf without basicConstraints", [ca],
         make_leaf(ca, exts=[LEAF_KU, aki(ca), eku(SERVER), san(*BASE_SAN)]))
    case("leaf-unknown-critical-ext", "leaf with an unknown critical extension", [ca],
         make_leaf(ca, extra=[(x509.UnrecognizedExtension(ObjectIdentifier("1.3.6.1.4.1.55555.1"), b"\x05\x00"), True)]))
    case("leaf-unknown-noncritical-ext", "leaf with an unknown non-critical extension", [ca],
         make_leaf(ca, extra=[(x509.UnrecognizedExtension(ObjectIdentifier("1.3.6.1.4.1.55555.1"), b"\x05\x00"), False)]))
    case("leaf-no-aki", "leaf without authorityKeyIdentifier", [ca],
         make_leaf(ca, exts=[bc(False), LEAF_KU, eku(SERVER), san(*BASE_SAN)]))
    other_key = new_key()
    case("leaf-aki-mismatch", "leaf AKI names another key (signed by the CA)", [ca],
         make_leaf(ca, exts=[bc(False), LEAF_KU, (x509.AuthorityKeyIdentifier.from_issuer_public_key(other_key.public_key()), False), eku(SERVER), san(*BASE_SAN)]))
    k = new_key()
    neg = make_leaf(ca, key=k, serial=5)
    case("leaf-negative-serial", "leaf serial number -5", [ca],
         patched(neg, ca.key, b"\xa0\x03\x02\x01\x02\x02\x01\x05", b"\xa0\x03\x02\x01\x02\x02\x01\xfb"))
    k = new_key()
    v1 = as_v1(make_leaf(ca, key=k, exts=[]), ca.key)
    case("leaf-v1", "version 1 leaf (no extensions, CN only)", [ca], v1)
    k = new_key()
    dup = make_leaf(ca, key=k, extra=[(x509.UnrecognizedExtension(ObjectIdentifier("2.5.29.99"),
                                                                  x509.SubjectAlternativeName([x509.DNSName(HOST)]).public_bytes()), False)])
    case("leaf-duplicate-san", "leaf with two subjectAltName extensions", [ca],
         patched(dup, ca.key, b"\x06\x03\x55\x1d\x63", b"\x06\x03\x55\x1d\x11"))
    k = new_key()
    dup = make_leaf(ca, key=k, extra=[(x509.UnrecognizedExtension(ObjectIdentifier("2.5.29.98"),
                                                                  x509.ExtendedKeyUsage([SERVER]).public_bytes()), False)])
    case("leaf-duplicate-eku", "leaf with two extendedKeyUsage extensions", [ca],
         patched(dup, ca.key, b"\x06\x03\x55\x1d\x62", b"\x06\x03\x55\x1d\x25"))

    # names
    case("leaf-uri-san-only", "leaf SAN is one URI only (CN is the host)", [ca],
         make_leaf(ca, sans=("URI:https://" + HOST + "/",)))
    case("leaf-email-san-only", "leaf SAN is one email only (CN is the host)", [ca],
         make_leaf(ca, sans=("email:admin@example.test",)))
    case("leaf-cn-only", "leaf without SAN, host only in CN", [ca], make_leaf(ca, sans=()))
    case("leaf-cn-only-by-ip", "leaf without SAN, CN 127.0.0.1, dialled by IP", [ca],
         make_leaf(ca, cn="127.0.0.1", sans=()), dial="127.0.0.1")
    case("leaf-no-subject-critical-san", "leaf with empty subject and a critical SAN", [ca],
         make_leaf(ca, exts=[bc(False), LEAF_KU, aki(ca), eku(SERVER),
                             (x509.SubjectAlternativeName([x509.DNSName(HOST)]), True)], cn=None))
    case("san-trailing-dot", "leaf SAN 'server.example.test.' (trailing dot)", [ca],
         make_leaf(ca, sans=("DNS:" + HOST + ".",)))
    case("dial-trailing-dot", "baseline dialled as 'server.example.test.'", [ca], good, dial=HOST + ".")
    case("san-uppercase", "leaf SAN in upper case", [ca], make_leaf(ca, sans=("DNS:" + HOST.upper(),)))
    case("dial-uppercase", "baseline dialled in upper case", [ca], good, dial="SERVER.EXAMPLE.TEST")
    wild = make_leaf(ca, sans=("DNS:*.example.test",))
    case("wildcard-one-label", "SAN *.example.test dialled as a.example.test", [ca], wild, dial="a.example.test")
    case("wildcard-two-labels", "SAN *.example.test dialled as a.b.example.test", [ca], wild, dial="a.b.example.test")
    case("wildcard-apex", "SAN *.example.test dialled as example.test", [ca], wild, dial="example.test")
    case("wildcard-alone", "SAN '*' dialled as judgehost", [ca], make_leaf(ca, sans=("DNS:*",)), dial="judgehost")
    case("wildcard-partial", "SAN a*.example.test dialled as ab.example.test", [ca],
         make_leaf(ca, sans=("DNS:a*.example.test",)), dial="ab.example.test")
    case("wildcard-single-label-parent", "SAN *.test dialled as example.test", [ca],
         make_leaf(ca, sans=("DNS:*.test",)), dial="example.test")
    case("ip-dialled-no-ip-san", "leaf with DNS SAN only, dialled by IP", [ca],
         make_leaf(ca, sans=("DNS:" + HOST,)), dial="127.0.0.1")
    case("ip-in-dns-san", "leaf SAN DNS:127.0.0.1 (not an IP SAN), dialled by IP", [ca],
         make_leaf(ca, sans=("DNS:127.0.0.1",)), dial="127.0.0.1")
    case("ipv6-san", "leaf IP SAN ::1, dialled as [::1]", [ca],
         make_leaf(ca, sans=("IP:::1",)), dial="[::1]", listen="[::1]")
    case("ipv4-mapped-san", "leaf IP SAN ::ffff:127.0.0.1, dialled as 127.0.0.1", [ca],
         make_leaf(ca, sans=("IP:::ffff:127.0.0.1",)), dial="127.0.0.1")
    case("dns-dialled-ip-san-only", "leaf IP SAN only, dialled by name", [ca],
         make_leaf(ca, sans=("IP:127.0.0.1",)))

    # name constraints
    def nc(permitted=None, excluded=None, critical=True):
        return (x509.NameConstraints(permitted_subtrees=permitted, excluded_subtrees=excluded), critical)

    c = make_ca(extra=[nc(permitted=[x509.DNSName("example.test"), x509.IPAddress(ipaddress.ip_network("127.0.0.0/8"))])])
    case("nc-permitted-dns-match", "CA permits DNS example.test and IP 127.0.0.0/8", [c], make_leaf(c))
    c = make_ca(extra=[nc(permitted=[x509.DNSName("other.test")])])
    case("nc-permitted-dns-nomatch", "CA permits DNS other.test only", [c], make_leaf(c))
    c = make_ca(extra=[nc(excluded=[x509.DNSName(HOST)])])
    case("nc-excluded-dns", "CA excludes DNS server.example.test", [c], make_leaf(c))
    c = make_ca(extra=[nc(excluded=[x509.DNSName("other.example.test")])])
    case("nc-excluded-dns-other", "CA excludes DNS other.example.test only", [c], make_leaf(c))
    c = make_ca(extra=[nc(permitted=[x509.DNSName("example.test"), x509.IPAddress(ipaddress.ip_network("10.0.0.0/8"))])])
    case("nc-ip-not-permitted", "CA permits IP 10.0.0.0/8 (leaf has IP 127.0.0.1)", [c], make_leaf(c))
    c = make_ca(extra=[nc(excluded=[x509.IPAddress(ipaddress.ip_network("127.0.0.0/8"))])])
    case("nc-ip-excluded", "CA excludes IP 127.0.0.0/8", [c], make_leaf(c))
    c = make_ca(extra=[nc(permitted=[x509.RFC822Name("example.test")])])
    case("nc-email-permitted-leaf-no-email", "CA permits email @example.test; leaf has no email SAN", [c], make_leaf(c))
    c = make_ca(extra=[nc(permitted=[x509.RFC822Name("other.test")])])
    case("nc-email-not-permitted", "CA permits email other.test; leaf has email admin@example.test", [c],
         make_leaf(c, sans=BASE_SAN + ("email:admin@example.test",)))
    c = make_ca(extra=[nc(permitted=[x509.UniformResourceIdentifier("other.test")])])
    case("nc-uri-not-permitted", "CA permits URI host other.test; leaf has URI https://server.example.test/", [c],
         make_leaf(c, sans=BASE_SAN + ("URI:https://" + HOST + "/",)))
    c = make_ca(extra=[nc(permitted=[x509.DirectoryName(name("x", "Judge"))])])
    case("nc-dirname", "CA name constraints with a directoryName subtree", [c], make_leaf(c))
    c = make_ca(extra=[nc(permitted=[x509.DNSName("other.test")], critical=False)])
    case("nc-not-critical-nomatch", "CA permits DNS other.test only, non-critical", [c], make_leaf(c))

    # intermediates
    root = make_ca(cn="Judge Root CA")
    inter = make_ca(cn="Judge Intermediate CA", issuer=root)
    case("inter-good", "root -> intermediate -> leaf, intermediate sent", [root], make_leaf(inter), chain=[inter])
    case("inter-missing", "root -> intermediate -> leaf, intermediate not sent", [root], make_leaf(inter), other_key=True)
    case("inter-in-ca-file", "intermediate not sent, CA file holds root and intermediate", [root, inter], make_leaf(inter))
    case("inter-and-root-sent", "root -> intermediate -> leaf, intermediate and root sent", [root],
         make_leaf(inter), chain=[inter, root])
    r0 = make_ca(cn="Judge Root CA", exts=[bc(True, 0), CA_KU])
    i0 = make_ca(cn="Judge Intermediate CA", issuer=r0)
    case("inter-root-pathlen0", "root pathlen:0 with an intermediate", [r0], make_leaf(i0), chain=[i0])
    i = make_ca(cn="Judge Intermediate CA", issuer=root, exts=[bc(True, 0), CA_KU])
    case("inter-pathlen0", "intermediate pathlen:0 signing the leaf", [root], make_leaf(i), chain=[i])
    i = make_ca(cn="Judge Intermediate CA", issuer=root, exts=[bc(False), CA_KU])
    case("inter-ca-false", "intermediate has CA:FALSE", [root], make_leaf(i), chain=[i])
    i = make_ca(cn="Judge Intermediate CA", issuer=root, exts=[CA_KU])
    case("inter-no-basic-constraints", "intermediate without basicConstraints", [root], make_leaf(i), chain=[i])
    i = make_ca(cn="Judge Intermediate CA", issuer=root, exts=[bc(True), ku(digital_signature=True)])
    case("inter-ku-no-keycertsign", "intermediate keyUsage without keyCertSign", [root], make_leaf(i), chain=[i])
    i = make_ca(cn="Judge Intermediate CA", issuer=root, start=NOW - 400 * DAY, end=NOW - DAY)
    case("inter-expired", "intermediate notAfter yesterday", [root], make_leaf(i), chain=[i])
    i = make_ca(cn="Judge Intermediate CA", issuer=root, extra=[eku(CLIENT)])
    case("inter-eku-client-only", "intermediate EKU clientAuth only", [root], make_leaf(i), chain=[i])
    i = make_ca(cn="Judge Intermediate CA", issuer=root,
                extra=[(x509.NameConstraints(permitted_subtrees=None, excluded_subtrees=[x509.DNSName("example.test")]), True)])
    case("inter-nc-excluded", "intermediate excludes DNS example.test", [root], make_leaf(i), chain=[i])
    i = sha1(make_ca(cn="Judge Intermediate CA", issuer=root), root.key)
    case("inter-sha1", "intermediate signed with ECDSA-SHA1", [root], make_leaf(i), chain=[i])
    other_root = make_ca(cn="Judge Root CA")
    i = make_ca(cn="Judge Intermediate CA", issuer=other_root)
    case("inter-other-root", "intermediate signed by another root with the same name", [root], make_leaf(i), chain=[i], other_key=True)

    # who signed
    same_name = make_ca()
    case("other-ca-same-name", "leaf signed by a different CA with the same name", [ca], make_leaf(same_name), other_key=True)
    other = make_ca(cn="Other CA")
    case("other-ca", "leaf signed by a different CA (other name)", [ca], make_leaf(other), other_key=True)
    case("leaf-issuer-name-mismatch", "leaf signed by the CA's key but with another issuer name", [ca],
         make_leaf(ca, issuer_name=name("Somebody Else")))
    case("ca-file-two-cas-right-second", "CA file holds another CA, then the right one", [other, ca], good)
    case("ca-file-two-cas-right-first", "CA file holds the right CA, then another", [ca, other], good)
    k = new_key()
    self_leaf = build(name(HOST), k, None, [bc(False), LEAF_KU, eku(SERVER), san(*BASE_SAN)])
    case("self-signed-leaf-as-ca", "self-signed leaf (CA:FALSE) is its own CA file", [self_leaf], self_leaf)
    case("ca-file-holds-leaf", "CA file holds the leaf itself (not its CA)", [good], good)
    k = new_key()
    c = sha1(build(name("Judge Test CA"), k, None, [bc(True), CA_KU]), k)
    case("ca-self-signature-sha1", "CA's own self-signature ECDSA-SHA1", [c], make_leaf(c))

    # more of Go's parsing and chain building
    case("san-empty", "leaf subjectAltName extension with no names", [ca],
         make_leaf(ca, exts=[bc(False), LEAF_KU, aki(ca), eku(SERVER), (x509.SubjectAlternativeName([]), False)]))
    k = new_key()
    odd = make_leaf(ca, key=k, sans=("DNS:sxrver.example.test",) + BASE_SAN)
    case("san-dns-not-ascii", "leaf SAN dNSName with a byte outside ASCII (s\\xfcrver.example.test)", [ca],
         patched(odd, ca.key, b"sxrver", b"s\xfcrver"))
    case("san-underscore", "leaf SAN under_score.example.test dialled by that name", [ca],
         make_leaf(ca, sans=("DNS:under_score.example.test",)), dial="under_score.example.test")
    k = new_key()
    zero = make_leaf(ca, key=k, serial=5)
    case("leaf-serial-zero", "leaf serial number 0", [ca],
         patched(zero, ca.key, b"\xa0\x03\x02\x01\x02\x02\x01\x05", b"\xa0\x03\x02\x01\x02\x02\x01\x00"))
    case("leaf-aki-critical", "leaf authorityKeyIdentifier marked critical", [ca],
         make_leaf(ca, exts=[bc(False), LEAF_KU, (x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), True),
                             eku(SERVER), san(*BASE_SAN)]))
    k = new_key()
    case("leaf-ski-critical", "leaf subjectKeyIdentifier marked critical", [ca],
         make_leaf(ca, key=k, exts=[bc(False), LEAF_KU, (x509.SubjectKeyIdentifier.from_public_key(k.public_key()), True),
                                    aki(ca), eku(SERVER), san(*BASE_SAN)]))
    case("leaf-no-subject-noncritical-san", "leaf with empty subject and a non-critical SAN", [ca],
         make_leaf(ca, cn=None))
    case("leaf-critical-policies", "leaf certificatePolicies (anyPolicy) marked critical", [ca],
         make_leaf(ca, extra=[(x509.CertificatePolicies([x509.PolicyInformation(ObjectIdentifier("2.5.29.32.0"), None)]), True)]))
    c = make_ca(extra=[(x509.PolicyConstraints(require_explicit_policy=0, inhibit_policy_mapping=None), True)])
    case("ca-require-explicit-policy", "CA policyConstraints requireExplicitPolicy:0; leaf has no policies", [c], make_leaf(c))
    c = make_ca(extra=[nc(permitted=[x509.DNSName(".example.test"), x509.IPAddress(ipaddress.ip_network("127.0.0.0/8"))])])
    case("nc-permitted-leading-dot", "CA permits DNS .example.test (leading dot) and IP 127.0.0.0/8", [c], make_leaf(c))
    c = make_ca(extra=[nc(excluded=[x509.IPAddress(ipaddress.ip_network("127.0.0.0/8"))])])
    case("nc-ip-excluded-leaf-no-ip", "CA excludes IP 127.0.0.0/8; leaf has a DNS SAN only", [c],
         make_leaf(c, sans=("DNS:" + HOST,)))
    c = make_ca(extra=[nc(permitted=[x509.DNSName("example.test")])])
    case("nc-permitted-wildcard-leaf", "CA permits DNS example.test; leaf SAN *.example.test dialled as a.example.test",
         [c], make_leaf(c, sans=("DNS:*.example.test",)), dial="a.example.test")
    case("ca-file-intermediate-only", "CA file holds only the intermediate; server sends the leaf", [inter],
         make_leaf(inter))
    leaf_i = make_leaf(inter)
    case("ca-file-intermediate-only-chain-sent", "CA file holds only the intermediate; server sends leaf + intermediate",
         [inter], leaf_i, chain=[inter])
    case("inter-sent-with-unrelated", "server sends leaf, an unrelated CA, then the intermediate", [root],
         leaf_i, chain=[other_root, inter])
    k = new_key()
    case("leaf-ku-empty", "leaf keyUsage with no bit set", [ca],
         make_leaf(ca, key=k, exts=[bc(False), ku(), aki(ca), eku(SERVER), san(*BASE_SAN)]))

    # signatures and keys
    case("leaf-sha1-ecdsa", "leaf signed ECDSA-SHA1", [ca], sha1(make_leaf(ca), ca.key))
    case("leaf-sha384", "leaf signed ECDSA-SHA384", [ca], make_leaf(ca, hash_alg=hashes.SHA384()))
    case("leaf-sha512", "leaf signed ECDSA-SHA512", [ca], make_leaf(ca, hash_alg=hashes.SHA512()))
    rca = make_ca(kind="rsa2048")
    case("rsa-ca-rsa-leaf", "RSA-2048 CA and RSA-2048 leaf (PKCS#1 v1.5 SHA-256)", [rca], make_leaf(rca, kind="rsa2048"))
    case("leaf-sha1-rsa", "leaf signed RSA-SHA1 by an RSA CA", [rca], sha1(make_leaf(rca), rca.key))
    case("leaf-rsa-pss", "leaf signed RSA-PSS SHA-256 by an RSA CA", [rca], make_leaf(rca, pss=True))
    case("leaf-rsa-sha512", "leaf signed RSA SHA-512 by an RSA CA", [rca], make_leaf(rca, hash_alg=hashes.SHA512()))
    case("leaf-rsa-1024", "RSA-1024 leaf key", [ca], make_leaf(ca, kind="rsa1024"))
    case("leaf-rsa-512", "RSA-512 leaf key (served over TLS 1.2: too small to sign RSA-PSS)", [ca],
         make_leaf(ca, kind="rsa512"), tls12=True)
    c = make_ca(kind="rsa4096")
    case("ca-rsa-4096", "RSA-4096 CA", [c], make_leaf(c))
    c = make_ca(kind="rsa1024")
    case("ca-rsa-1024", "RSA-1024 CA", [c], make_leaf(c))
    c = make_ca(kind="p384")
    case("p384-ca-and-leaf", "P-384 CA and leaf", [c], make_leaf(c, kind="p384"))
    c = make_ca(kind="p521")
    case("p521-ca-and-leaf", "P-521 CA and leaf", [c], make_leaf(c, kind="p521"))
    case("p521-ca-p256-leaf", "P-521 CA, P-256 leaf", [c], make_leaf(c))
    case("p521-leaf", "P-256 CA, P-521 leaf", [ca], make_leaf(ca, kind="p521"))
    c = make_ca(kind="ed25519")
    case("ed25519-ca-and-leaf", "Ed25519 CA and leaf", [c], make_leaf(c, kind="ed25519"))
    case("ed25519-leaf", "P-256 CA, Ed25519 leaf", [ca], make_leaf(ca, kind="ed25519"))
    case("ed25519-ca-p256-leaf", "Ed25519 CA, P-256 leaf", [c], make_leaf(c))

    listing = []
    for cs in CASES:
        d = os.path.join(out, cs["name"])
        os.makedirs(d)
        leaf = cs["leaf"]
        chain = "".join(c.pem() for c in cs["chain"])
        files = {
            "ca.pem": "".join(cs["ca"]),
            "leaf.pem": leaf.pem(),
            "chain.pem": chain,
            "server-cert.pem": leaf.pem() + chain,
            "server-key.pem": leaf.key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption()).decode(),
        }
        for f, text in files.items():
            with open(os.path.join(d, f), "w") as fh:
                fh.write(text)
        listing.append(dict(name=cs["name"], what=cs["what"], dial=cs["dial"],
                            listen=cs["listen"], chain=bool(cs["chain"]),
                            tls12=cs["tls12"], other_key=cs["other_key"]))
    # A client certificate for `dockcert probe`, which wants one (s_server
    # never asks for it): from a CA of its own.
    client_ca = make_ca(cn="Judge Client CA")
    client = make_leaf(client_ca, cn="judge-client", sans=(), ekus=(CLIENT,))
    os.makedirs(os.path.join(out, "client"))
    for f, text in {
        "cert.pem": client.pem(),
        "key.pem": client.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()).decode(),
    }.items():
        with open(os.path.join(out, "client", f), "w") as fh:
            fh.write(text)
    with open(os.path.join(out, "cases.json"), "w") as fh:
        json.dump(listing, fh, indent=1)
