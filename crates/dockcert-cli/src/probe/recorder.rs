//! What a TLS handshake records for the core to judge: the server's chain
//! (never refused here: the core's one judge decides, in docker's order and
//! words), whether the server's handshake signature was one dockcert's TLS
//! library could not check, and the CA names the server announced in its
//! CertificateRequest. The client's side offers its certificate only when
//! Go's client would: when one of its certificates was issued by an
//! announced CA, or none was announced.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use dockcert_core::inspect::probe::{handshake_signed, offers};
use dockcert_core::inspect::verify::Scheme;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::ResolvesClientCert;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::sign::CertifiedKey;
use rustls::{DigitallySignedStruct, SignatureScheme};

/// The TLS provider: rustls on ring, the tree's one crypto back end.
pub(super) fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// Takes the server's chain as sent and lets the handshake go on, so every
/// check runs whatever the chain is. The handshake's signatures are still
/// checked against the presented certificate: by ring where it can, by the
/// core's `signed_by` for P-521, which ring lacks and Go's client takes.
#[derive(Debug, Default)]
pub(super) struct ChainRecorder {
    pub(super) chain: Mutex<Option<Vec<Vec<u8>>>>,
    /// A handshake signature neither ring nor the core could check.
    pub(super) unchecked: AtomicBool,
}

impl ChainRecorder {
    /// A P-521 signature (ecdsa_secp521r1_sha512), which ring cannot check.
    fn beyond_ring(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let scheme = Scheme::Ecdsa { hash_bits: 512 };
        if handshake_signed(cert, scheme, message, dss.signature()) {
            return Ok(HandshakeSignatureValid::assertion());
        }
        self.unchecked.store(true, Ordering::Relaxed);
        Err(rustls::Error::General(
            "dockcert's TLS library cannot check the server's P-521 signature".into(),
        ))
    }
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
        if dss.scheme == SignatureScheme::ECDSA_NISTP521_SHA512 {
            return self.beyond_ring(message, cert, dss);
        }
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &provider().signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        if dss.scheme == SignatureScheme::ECDSA_NISTP521_SHA512 {
            return self.beyond_ring(message, cert, dss);
        }
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &provider().signature_verification_algorithms,
        )
    }

    /// ring's, and P-521 (offered as Go offers it, so a P-521 server does
    /// not refuse the handshake for want of it).
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        let mut schemes = provider()
            .signature_verification_algorithms
            .supported_schemes();
        schemes.push(SignatureScheme::ECDSA_NISTP521_SHA512);
        schemes
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
