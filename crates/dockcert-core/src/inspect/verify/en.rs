//! The verifier's English: why docker refuses, which certificate, what to
//! do; and why what docker accepts is still wrong.

use super::names::NameMiss;
use super::refusal::rfc3339;
use super::{Refusal, Risk, Usage, Which};

/// A certificate, named for the reader.
pub(super) fn which(which: Which) -> String {
    match which {
        Which::Leaf => "the leaf certificate".into(),
        Which::Intermediate(i) => format!("intermediate certificate #{}", i + 1),
        Which::Root(i) => format!("CA certificate #{} of the CA file", i + 1),
    }
}

fn usage(usage: Usage) -> &'static str {
    match usage {
        Usage::Server => "server authentication (serverAuth)",
        Usage::Client => "client authentication (clientAuth)",
    }
}

pub(super) fn refusal(refusal: &Refusal) -> String {
    match refusal {
        Refusal::UnknownAuthority => "No certificate in the CA file (or sent with the leaf) is named as the leaf's issuer, so docker cannot find who signed it. Use the CA file of the CA that issued the leaf, or send the missing intermediate certificates with it.".into(),
        Refusal::UnknownAuthorityBecause { candidate, because, .. } => format!(
            "{} has the right name to be the issuer, but docker cannot use it: {} Fix that certificate, or use the CA that really signed the leaf.",
            capital(&which(*candidate)),
            self::refusal(because)
        ),
        Refusal::Malformed { at, .. } => format!(
            "Go cannot parse {}, so docker refuses it before any other check. Make the certificate again with a standard tool.",
            which(*at)
        ),
        Refusal::DuplicateExtension { at, oid, .. } => format!(
            "{} contains the extension {oid} twice; Go refuses to parse such a certificate. Make it again with each extension once.",
            capital(&which(*at))
        ),
        Refusal::RsaKeyTooLarge { at, bits, .. } => format!(
            "{} has a {bits}-bit RSA key; Go's TLS refuses keys over 8192 bits. Use a 2048-, 3072- or 4096-bit key.",
            capital(&which(*at))
        ),
        Refusal::NoRoots => "The CA file holds no certificate docker can read. Give it the CA's certificate in PEM form.".into(),
        Refusal::UnhandledCriticalExtension { at, oid } => format!(
            "{} marks the extension {oid} critical, and Go does not understand it, so docker must refuse. Make it again without that extension, or not critical.",
            capital(&which(*at))
        ),
        Refusal::Expired { at, not_after, .. } => format!(
            "{} expired at {}. Renew it.",
            capital(&which(*at)),
            rfc3339(*not_after)
        ),
        Refusal::NotYetValid { at, not_before, .. } => format!(
            "{} is not valid before {}: check this machine's clock, or make it again with an earlier start.",
            capital(&which(*at)),
            rfc3339(*not_before)
        ),
        Refusal::NameMismatch { name, miss } => match miss {
            NameMiss::LegacyCommonName => format!(
                "The leaf has no subjectAltName extension; its Common Name matches {name}, but Go ignores Common Names. Issue it again with {name} as a SAN."
            ),
            NameMiss::NoIpSans => format!(
                "{name} is an IP address and the leaf lists no IP SANs. Issue it again with IP:{name}, or connect by a name it lists."
            ),
            NameMiss::NoNames => format!(
                "The leaf lists no names of this kind, so it matches nothing; {name} was dialled. Issue it again with {name} as a SAN."
            ),
            NameMiss::ValidFor(valid) => format!(
                "The leaf is valid for {} only, and {name} was dialled. Connect by one of those names, or issue it again with {name} as a SAN.",
                valid.join(", ")
            ),
        },
        Refusal::NotAuthorizedToSign { at } => format!(
            "{} signed a certificate but is not a CA (no basicConstraints CA:TRUE). Use an intermediate made as a CA.",
            capital(&which(*at))
        ),
        Refusal::TooManyIntermediates { at } => format!(
            "{} allows fewer intermediates below it (pathLenConstraint) than this chain has. Shorten the chain or issue the CA again.",
            capital(&which(*at))
        ),
        Refusal::NameExcluded { at, kind, name, constraint } => format!(
            "{} has a name constraint that excludes {constraint}, and the {} {name} below it falls under it. Use a name the CA may sign for.",
            capital(&which(*at)),
            kind.go_words()
        ),
        Refusal::NameNotPermitted { at, kind, name } => format!(
            "{} has name constraints, and the {} {name} below it is outside what they permit. Use a name the CA may sign for.",
            capital(&which(*at)),
            kind.go_words()
        ),
        Refusal::NameUndecidable { at, .. } | Refusal::NameUnparsable { at, .. } => format!(
            "{} has name constraints, and a name below it cannot be checked against them. Remove that name or use an unconstrained CA.",
            capital(&which(*at))
        ),
        Refusal::TooManyConstraints { at } => format!(
            "Checking the names below {} against its name constraints takes more comparisons than Go allows. Use fewer constraints or names.",
            which(*at)
        ),
        Refusal::IncompatibleUsage { usage: u } => format!(
            "The chain's extendedKeyUsage does not allow {}: the leaf or a CA above it lists other usages only. Issue the leaf (or the CA) again with that usage.",
            usage(*u)
        ),
        Refusal::ParentCannotSign { parent } => format!(
            "{} cannot sign certificates: it is not a CA (basicConstraints) or its keyUsage lacks keyCertSign. Use a certificate made as a CA.",
            capital(&which(*parent))
        ),
        Refusal::InsecureAlgorithm { at, algorithm } => format!(
            "{} is signed with {algorithm}, which Go refuses as insecure. Issue it again with SHA-256.",
            capital(&which(*at))
        ),
        Refusal::UnsupportedAlgorithm { at } => format!(
            "{} is signed with an algorithm or by a key Go cannot check. Issue it again with ECDSA, Ed25519 or RSA and SHA-256.",
            capital(&which(*at))
        ),
        Refusal::KeyMismatch { at, parent, .. } => format!(
            "{}'s signature algorithm names another kind of key than {}'s, so that certificate did not sign it.",
            capital(&which(*at)),
            which(*parent)
        ),
        Refusal::BadSignature { at, parent, .. } => format!(
            "{} has the same name as the issuer of {}, but its key did not make that certificate's signature: another key with that name signed it (another CA), or the certificate was changed after signing. Use the CA that signed it, or issue it again.",
            capital(&which(*parent)),
            which(*at)
        ),
        Refusal::SignatureCheckLimit => "Go tried 100 signatures without finding a chain and gave up. Send fewer certificates with the same names.".into(),
        Refusal::UnsupportedLeafKey { .. } => "The chain is good, but the leaf's key is of a kind Go's TLS cannot use (only RSA, ECDSA and Ed25519 keys sign a handshake; an RSA-PSS-only key is not one). Make the key again as RSA or ECDSA and issue the certificate again.".into(),
        Refusal::ClientCertNotSent => "dockerd asks for a certificate issued by one of its CAs, and neither the client's certificate nor anything in its file was issued by one, so the docker client sends no certificate. Use a client certificate issued by the daemon's CA, with any intermediate in cert.pem after it.".into(),
    }
}

pub(super) fn risk(risk: &Risk) -> String {
    match risk {
        Risk::NoEku { at } => format!(
            "docker accepts it today: {} has no extendedKeyUsage, so it can serve as any kind of certificate (a client's as well as a server's). Issue it with serverAuth or clientAuth only.",
            which(*at)
        ),
        Risk::AnyEku { at } => format!(
            "docker accepts it today: {} lists anyExtendedKeyUsage, so it is good for every use. List serverAuth or clientAuth only.",
            which(*at)
        ),
        Risk::LeafIsCa { at } => format!(
            "docker accepts it today: {} is itself a CA (CA:TRUE), so its key, kept on a host, could sign certificates docker would trust. Issue it with CA:FALSE.",
            which(*at)
        ),
        Risk::WeakRsaKey { at, bits } => format!(
            "docker accepts it today: {} has a {bits}-bit RSA key; this docker takes any size, but newer Go refuses keys under 1024 bits and keys under 2048 bits can be broken. Use 2048 bits or more.",
            which(*at)
        ),
        Risk::NoDigitalSignature { at } => format!(
            "docker accepts it today: {}'s keyUsage lacks digitalSignature; Go ignores keyUsage, but curl, Python and other OpenSSL-based clients refuse it for TLS. Add digitalSignature.",
            which(*at)
        ),
        Risk::NegativeSerial { at, serial } => format!(
            "docker accepts it today: {} has the negative serial number {serial}; this docker allows it (x509negativeserial=1), but Go 1.23 and later refuse to read such a certificate. Issue it again with a positive serial.",
            which(*at)
        ),
        Risk::OutlivesIssuer { at, issuer, not_after, issuer_not_after } => format!(
            "docker accepts it today: {} runs until {} but {} expires at {}; from then on docker refuses it. Renew the CA first, or give the certificate a shorter life.",
            which(*at),
            rfc3339(*not_after),
            which(*issuer),
            rfc3339(*issuer_not_after)
        ),
    }
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
