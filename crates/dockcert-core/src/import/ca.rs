//! An existing CA: its certificate checked first (before any passphrase is
//! asked for), then its key opened and matched to it.

use time::OffsetDateTime;

use super::certificate::certificates;
use super::error::ImportError;
use super::private_key::{private_key, KeyFormat};
use crate::pki::{self, CertFacts, PrivateKey};

/// An imported CA, checked and ready to sign.
#[derive(Clone, Debug)]
pub struct ImportedCa {
    /// The CA certificate, DER.
    pub(crate) cert_der: Vec<u8>,
    /// Its facts.
    pub facts: CertFacts,
    /// Its key.
    pub key: PrivateKey,
    /// How the key was stored.
    pub key_format: KeyFormat,
    /// Its inventory as it stands, when the bundle is to carry the updated
    /// one ([`ImportedCa::with_inventory`]).
    pub(crate) inventory: Option<Vec<u8>>,
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
    import_ca_for(cert_bytes, key_bytes, passphrase, now, CaUse::Sign)
}

/// [`import_ca`], its dates checked as `used` asks.
pub fn import_ca_for(
    cert_bytes: &[u8],
    key_bytes: &[u8],
    passphrase: Option<&[u8]>,
    now: OffsetDateTime,
    used: CaUse,
) -> Result<ImportedCa, ImportError> {
    let (cert_der, facts) = check_ca_certificate_for(cert_bytes, now, used)?;
    let (key, key_format) = private_key(key_bytes, passphrase)?;
    if !facts.is_key_of(&key) {
        return Err(ImportError::KeyMismatch(shown_name(&facts)));
    }
    Ok(ImportedCa {
        cert_der,
        facts,
        key,
        key_format,
        inventory: None,
    })
}

/// What an existing CA is opened for, which decides what its dates must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaUse {
    /// To sign new certificates (`issue`, `renew`): valid at `now`.
    Sign,
    /// To be replaced (`dockcert rotate`): it signs nothing, and may have
    /// expired, since a rotation is how one gets away from an expired CA;
    /// it must have started (else this machine's clock is wrong).
    Replace,
}

/// Checks a CA certificate on its own (before any passphrase is asked for):
/// a CA, allowed to sign, valid at `now`. Returns its DER and facts.
pub fn check_ca_certificate(
    cert_bytes: &[u8],
    now: OffsetDateTime,
) -> Result<(Vec<u8>, CertFacts), ImportError> {
    check_ca_certificate_for(cert_bytes, now, CaUse::Sign)
}

/// [`check_ca_certificate`], its dates checked as `used` asks.
pub fn check_ca_certificate_for(
    cert_bytes: &[u8],
    now: OffsetDateTime,
    used: CaUse,
) -> Result<(Vec<u8>, CertFacts), ImportError> {
    let cert_der = certificates(cert_bytes)?
        .into_iter()
        .next()
        .ok_or(ImportError::NoCertificate)?;
    let facts = CertFacts::of_der(&cert_der)?;
    let name = shown_name(&facts);
    if !facts.is_ca {
        return Err(ImportError::NotACa(name));
    }
    if facts.forbids_cert_sign {
        return Err(ImportError::CannotSign(name));
    }
    if now > facts.not_after && used == CaUse::Sign {
        return Err(ImportError::Expired {
            subject: name,
            date: pki::day(facts.not_after),
        });
    }
    if now < facts.not_before {
        return Err(ImportError::NotYetValid {
            subject: name,
            date: pki::minute(facts.not_before),
        });
    }
    Ok((cert_der, facts))
}

impl ImportedCa {
    /// This CA with its inventory as it stands (`inventory.jsonl`'s bytes;
    /// empty when it has none yet): a bundle it signs then carries the
    /// updated file in its `ca/` folder, these bytes with the bundle's lines
    /// appended (the page, which cannot write beside the key). Without it
    /// the bundle carries none (the CLI appends beside the key itself).
    pub fn with_inventory(self, inventory: Vec<u8>) -> Self {
        ImportedCa {
            inventory: Some(inventory),
            ..self
        }
    }

    /// The CA, ready to sign ([`pki::CertificateAuthority::existing`]).
    pub(crate) fn into_authority(self) -> Result<pki::CertificateAuthority, pki::PkiError> {
        pki::CertificateAuthority::existing(self.cert_der, self.facts, self.key)
    }
}

/// The certificate's name as an error may echo it: someone else chose it,
/// and a newline or an escape in it must not start a line of its own.
fn shown_name(facts: &CertFacts) -> String {
    crate::show::safe(facts.name()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{key_state, renew, CaInputs, KeyState, Source};
    use crate::lang::{Lang, Localized};
    use crate::pki::tests_support::{made, now, PASSPHRASE};
    use crate::plan::{PlanErrors, PlanRequest};

    fn names() -> CaInputs<'static> {
        CaInputs {
            cert: "ca.pem",
            key: "ca-key.pem",
            passphrase: "--passphrase-file \"pass.txt\"",
        }
    }

    #[test]
    fn a_ca_opens_with_its_passphrase_only() {
        let b = made("Locked CA", true);
        let (cert, key) = (b.ca_cert.as_bytes(), b.ca_key.as_bytes());
        assert_eq!(
            key_state(key),
            Ok(KeyState::Encrypted(KeyFormat::EncryptedPkcs8))
        );
        let ca = import_ca(cert, key, Some(PASSPHRASE), now()).unwrap();
        assert_eq!(ca.key_format, KeyFormat::EncryptedPkcs8);
        assert_eq!(ca.facts.name(), "Locked CA");
        assert_eq!(
            import_ca(cert, key, None, now()).unwrap_err(),
            ImportError::PassphraseNeeded
        );
        let wrong = import_ca(cert, key, Some(b"not the passphrase"), now()).unwrap_err();
        assert_eq!(wrong, ImportError::WrongPassphrase);
        assert_eq!(
            wrong.on_ca(names()).to_string(),
            "--passphrase-file \"pass.txt\": the passphrase does not open the CA key \"ca-key.pem\"; nothing was written"
        );
    }

    #[test]
    fn each_problem_belongs_to_its_input() {
        let (a, b) = (made("CA A", false), made("CA B", false));
        assert_eq!(
            key_state(a.ca_key.as_bytes()),
            Ok(KeyState::Plain(KeyFormat::Pkcs8))
        );
        let mismatch = import_ca(a.ca_cert.as_bytes(), b.ca_key.as_bytes(), None, now())
            .unwrap_err()
            .on_ca(names());
        assert_eq!(mismatch.source, Source::CaKey("ca-key.pem".into()));
        let not_ca = check_ca_certificate(a.server_cert.as_bytes(), now())
            .unwrap_err()
            .on_ca(names());
        assert_eq!(
            not_ca.to_string(),
            "--ca-cert \"ca.pem\": the certificate \"docker1.example.com\" is not a CA: its basicConstraints does not say CA:TRUE"
        );
        assert_eq!(
            not_ca.text(Lang::Zh),
            "--ca-cert \"ca.pem\"：证书 \"docker1.example.com\" 不是 CA：它的 basicConstraints 没有 CA:TRUE"
        );
        let later = now() + time::Duration::days(3651);
        assert!(matches!(
            check_ca_certificate(a.ca_cert.as_bytes(), later),
            Err(ImportError::Expired { .. })
        ));
        // A CA to be replaced may have expired; one not yet started may not.
        let replaced = import_ca_for(
            a.ca_cert.as_bytes(),
            a.ca_key.as_bytes(),
            None,
            later,
            CaUse::Replace,
        )
        .unwrap();
        assert!(replaced.facts.not_after < later);
        let earlier = now() - time::Duration::days(1);
        assert!(matches!(
            check_ca_certificate_for(a.ca_cert.as_bytes(), earlier, CaUse::Replace),
            Err(ImportError::NotYetValid { .. })
        ));
        assert_eq!(
            certificates(b"no PEM here").unwrap_err(),
            ImportError::NoCertificate
        );
        assert_eq!(
            private_key(b"nothing", None).unwrap_err(),
            ImportError::NoKey
        );
    }

    #[test]
    fn a_renewal_asks_for_the_same_names_from_the_same_ca() {
        let (a, b) = (made("CA A", false), made("CA B", false));
        let old = renew::renewal(a.server_cert.as_bytes()).unwrap();
        assert_eq!(old.role, renew::Role::Server);
        let request = old.request(PlanRequest {
            days: Some("30".into()),
            servers: vec!["ignored".into()],
            ..PlanRequest::default()
        });
        assert_eq!(request.servers[0].spec, "docker1.example.com,10.0.0.5");
        assert_eq!(request.days.as_deref(), Some("30"));
        assert_eq!(request.key_type.as_deref(), Some("ecdsa-p256"));
        let facts = |pem: &str| {
            let der = certificates(pem.as_bytes()).unwrap();
            CertFacts::of_der(&der[0]).unwrap()
        };
        assert!(old.check_issuer(&facts(&a.ca_cert)).is_ok());
        assert!(matches!(
            old.check_issuer(&facts(&b.ca_cert)),
            Err(ImportError::OtherIssuer { .. })
        ));
        let ca = renew::renewal(a.ca_cert.as_bytes()).unwrap_err();
        assert_eq!(ca, ImportError::IsCa);

        let errors = crate::plan::Plan::from_request(
            &PlanRequest {
                servers: vec!["bad_name".into()],
                days: Some("0".into()),
                ..PlanRequest::default()
            },
            now().date(),
        )
        .unwrap_err();
        let (names, settings): (Option<ImportError>, PlanErrors) = renew::Renewal::refusal(errors);
        assert!(names.unwrap().to_string().starts_with(
            "the old certificate's names cannot be used as they are:\n--server \"bad_name\""
        ));
        assert_eq!(settings.0.len(), 1);
        assert_eq!(settings.0[0].field, crate::plan::Field::Days);
    }
}
