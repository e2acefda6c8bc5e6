//! What a TLS handshake records for the core to judge: the server's chain
//! (never refused here: the core's one judge decides, in docker's order and
//! words), whether the server's handshake signature was one dockcert's TLS
//! library could not check, and the CA names the server announced in its
//! CertificateRequest. The client's side offers its certificate only when
//! Go's client would: when one of its certificates was issued by an
//! announced CA, or none was announced. And the TLS provider, which offers
//! what Go's client offers (suites, groups, signature schemes), so a server
//! is reached, or refused, as docker finds it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use dockcert_core::inspect::probe::{handshake_signed, offers, P521Exchange, P521Signer};
use dockcert_core::inspect::verify::Scheme;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::ResolvesClientCert;
use rustls::crypto::{ActiveKeyExchange, CryptoProvider, SharedSecret, SupportedKxGroup};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::sign::{CertifiedKey, Signer, SigningKey};
use rustls::{
    CipherSuite, DigitallySignedStruct, NamedGroup, PeerMisbehaved, SignatureAlgorithm,
    SignatureScheme, SupportedCipherSuite,
};

/// The TLS provider: rustls on ring, the tree's one crypto back end, made
/// to offer what docker's Go client offers, so a server is reached exactly
/// when docker reaches it: TLS 1.2's ECDHE AES-GCM suites only (docker's
/// `tlsconfig.ClientDefault`; not ring's ChaCha20 ones), all of TLS 1.3's,
/// and Go's key-agreement groups, P-521 (the core's) after ring's X25519,
/// P-256 and P-384.
pub(super) fn provider() -> Arc<CryptoProvider> {
    let mut provider = rustls::crypto::ring::default_provider();
    provider.cipher_suites.retain(dockers_suite);
    provider.kx_groups.push(&P521);
    Arc::new(provider)
}

/// Whether docker's client offers `suite`.
fn dockers_suite(suite: &SupportedCipherSuite) -> bool {
    use CipherSuite as C;
    match suite {
        SupportedCipherSuite::Tls13(_) => true,
        SupportedCipherSuite::Tls12(_) => matches!(
            suite.suite(),
            C::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
                | C::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
                | C::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
                | C::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
        ),
    }
}

/// The secp521r1 group, which Go's client offers and ring lacks: the
/// core's P-521 key agreement, its secret drawn from the system's RNG.
#[derive(Debug)]
struct P521;

impl SupportedKxGroup for P521 {
    fn start(&self) -> Result<Box<dyn ActiveKeyExchange>, rustls::Error> {
        let mut rng =
            crate::keygen::os_seeded_rng().map_err(|_| rustls::Error::FailedToGetRandomBytes)?;
        Ok(Box::new(P521Active(P521Exchange::start(&mut rng))))
    }

    fn name(&self) -> NamedGroup {
        NamedGroup::secp521r1
    }
}

/// One P-521 key agreement under way.
struct P521Active(P521Exchange);

impl ActiveKeyExchange for P521Active {
    fn complete(self: Box<Self>, peer_pub_key: &[u8]) -> Result<SharedSecret, rustls::Error> {
        let shared = self
            .0
            .finish(peer_pub_key)
            .ok_or(rustls::Error::PeerMisbehaved(
                PeerMisbehaved::InvalidKeyShare,
            ))?;
        Ok(SharedSecret::from(shared.as_slice()))
    }

    fn pub_key(&self) -> &[u8] {
        self.0.public()
    }

    fn group(&self) -> NamedGroup {
        NamedGroup::secp521r1
    }
}

/// Takes the server's chain as sent and lets the handshake go on, so every
/// check runs whatever the chain is. The handshake's signatures are still
/// checked against the presented certificate: by ring where it can, else
/// by the core's `signed_by`, for what Go's client takes and ring does not
/// (P-521; RSA keys under 2048 bits, which docker's Go accepts).
#[derive(Debug, Default)]
pub(super) struct ChainRecorder {
    pub(super) chain: Mutex<Option<Vec<Vec<u8>>>>,
    /// A handshake signature neither ring nor the core could check.
    pub(super) unchecked: AtomicBool,
    /// It was a SHA-1 one (TLS 1.2), which Go 1.24 still checks.
    pub(super) sha1: AtomicBool,
}

impl ChainRecorder {
    /// ring's answer on a handshake signature, and when ring refuses it
    /// (a P-521 key it lacks, an RSA key it finds too small), the core's.
    /// One neither can confirm is marked: probe then says its own library
    /// could not finish, never that the server is refused.
    fn judged(
        &self,
        ring: Result<HandshakeSignatureValid, rustls::Error>,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let Err(refused) = ring else {
            return ring;
        };
        let Some(scheme) = go_scheme(dss.scheme) else {
            if matches!(
                dss.scheme,
                SignatureScheme::RSA_PKCS1_SHA1 | SignatureScheme::ECDSA_SHA1_Legacy
            ) {
                self.sha1.store(true, Ordering::Relaxed);
                self.unchecked.store(true, Ordering::Relaxed);
            }
            return Err(refused);
        };
        if handshake_signed(cert, scheme, message, dss.signature()) {
            return Ok(HandshakeSignatureValid::assertion());
        }
        self.unchecked.store(true, Ordering::Relaxed);
        Err(refused)
    }
}

/// The signature schemes docker's Go client offers, in its order
/// (crypto/tls `defaultSupportedSignatureAlgorithms`, Go 1.24), SHA-1 last:
/// Go 1.24 takes a TLS 1.2 handshake signed with it, which neither ring nor
/// the core checks, so offering it lets probe say so rather than fail.
const GO_SCHEMES: [SignatureScheme; 12] = [
    SignatureScheme::RSA_PSS_SHA256,
    SignatureScheme::ECDSA_NISTP256_SHA256,
    SignatureScheme::ED25519,
    SignatureScheme::RSA_PSS_SHA384,
    SignatureScheme::RSA_PSS_SHA512,
    SignatureScheme::RSA_PKCS1_SHA256,
    SignatureScheme::RSA_PKCS1_SHA384,
    SignatureScheme::RSA_PKCS1_SHA512,
    SignatureScheme::ECDSA_NISTP384_SHA384,
    SignatureScheme::ECDSA_NISTP521_SHA512,
    SignatureScheme::RSA_PKCS1_SHA1,
    SignatureScheme::ECDSA_SHA1_Legacy,
];

/// The core's name for a TLS signature scheme Go's client offers.
fn go_scheme(scheme: SignatureScheme) -> Option<Scheme> {
    use SignatureScheme as S;
    Some(match scheme {
        S::RSA_PKCS1_SHA256 => Scheme::RsaPkcs1 { hash_bits: 256 },
        S::RSA_PKCS1_SHA384 => Scheme::RsaPkcs1 { hash_bits: 384 },
        S::RSA_PKCS1_SHA512 => Scheme::RsaPkcs1 { hash_bits: 512 },
        S::RSA_PSS_SHA256 => Scheme::RsaPss { hash_bits: 256 },
        S::RSA_PSS_SHA384 => Scheme::RsaPss { hash_bits: 384 },
        S::RSA_PSS_SHA512 => Scheme::RsaPss { hash_bits: 512 },
        S::ECDSA_NISTP256_SHA256 => Scheme::Ecdsa { hash_bits: 256 },
        S::ECDSA_NISTP384_SHA384 => Scheme::Ecdsa { hash_bits: 384 },
        S::ECDSA_NISTP521_SHA512 => Scheme::Ecdsa { hash_bits: 512 },
        S::ED25519 => Scheme::Ed25519,
        _ => return None,
    })
}

impl ServerCertVerifier for ChainRecorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let chain = std::iter::once(end_entity)
            .chain(intermediates)
            .map(|c| c.to_vec())
            .collect();
        if let Ok(mut slot) = self.chain.lock() {
            *slot = Some(chain);
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let ring = rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &provider().signature_verification_algorithms,
        );
        self.judged(ring, message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let ring = rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &provider().signature_verification_algorithms,
        );
        self.judged(ring, message, cert, dss)
    }

    /// Go's, in Go's order: a server then picks the scheme it would pick
    /// for docker (an RSA-512 key can sign only PKCS#1 with SHA-256, which
    /// ring's order put last; a P-521 key needs its own scheme offered).
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        GO_SCHEMES.to_vec()
    }
}

/// A client's P-521 key, which ring cannot sign with and docker's Go client
/// can: the core signs (ecdsa_secp521r1_sha512), so the client's
/// certificate is shown to the server as docker shows it.
#[derive(Debug)]
pub(super) struct P521Key(Arc<P521Signer>);

impl P521Key {
    /// The key in `der` (PKCS#8 or SEC1), when it is a P-521 key.
    pub(super) fn from_der(der: &[u8]) -> Option<P521Key> {
        P521Signer::from_der(der).map(|s| P521Key(Arc::new(s)))
    }
}

impl SigningKey for P521Key {
    fn choose_scheme(&self, offered: &[SignatureScheme]) -> Option<Box<dyn Signer>> {
        offered
            .contains(&SignatureScheme::ECDSA_NISTP521_SHA512)
            .then(|| Box::new(P521Sign(self.0.clone())) as Box<dyn Signer>)
    }

    fn algorithm(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::ECDSA
    }
}

/// One handshake's signature with a P-521 key.
#[derive(Debug)]
struct P521Sign(Arc<P521Signer>);

impl Signer for P521Sign {
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, rustls::Error> {
        Ok(self.0.sign(message))
    }

    fn scheme(&self) -> SignatureScheme {
        SignatureScheme::ECDSA_NISTP521_SHA512
    }
}

/// The client's side of a handshake: its certificate and key (none for a
/// client without one), and the CA names the server announced.
#[derive(Debug, Default)]
pub(super) struct ClientSide {
    pub(super) key: Option<Arc<CertifiedKey>>,
    /// `Some` once a CertificateRequest came: its CA names, DER.
    pub(super) announced: Mutex<Option<Vec<Vec<u8>>>>,
}

impl ResolvesClientCert for ClientSide {
    fn resolve(
        &self,
        root_hint_subjects: &[&[u8]],
        _sigschemes: &[SignatureScheme],
    ) -> Option<Arc<CertifiedKey>> {
        if let Ok(mut slot) = self.announced.lock() {
            *slot = Some(root_hint_subjects.iter().map(|n| n.to_vec()).collect());
        }
        let key = self.key.as_ref()?;
        let chain: Vec<&[u8]> = key.cert.iter().map(|c| c.as_ref()).collect();
        offers(&chain, root_hint_subjects).then(|| key.clone())
    }

    fn has_certs(&self) -> bool {
        self.key.is_some()
    }
}
