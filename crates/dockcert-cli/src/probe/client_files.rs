//! The client's files for `dockcert probe`: its CA, certificate and key,
//! from the flags, DOCKER_CERT_PATH or a docker context, as the docker
//! client would read them; each bounded before it is read, and each refusal
//! naming what named the file.

use std::path::{Path, PathBuf};

use dockcert_core::{import, Lang, Localized};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use super::refused::{Refused, Source};
use super::wire::ClientCert;
use crate::cli::ProbeArgs;
use crate::docker_env::Endpoint;
use crate::failure::Failure;
use crate::read;

/// The most of a client file read (a CA file may hold a few certificates).
const MAX_CLIENT_FILE: u64 = 1024 * 1024;

/// The client's CA, certificate and key, as docker would read them.
pub(super) struct ClientFiles {
    pub(super) ca_path: PathBuf,
    pub(super) cert_path: PathBuf,
    pub(super) ca: Vec<Vec<u8>>,
    pub(super) cert: ClientCert,
}

impl ClientFiles {
    pub(super) fn from_args(
        args: &ProbeArgs,
        endpoint: &Endpoint,
        lang: Lang,
    ) -> Result<ClientFiles, Failure> {
        let (dir, dir_source) = match &args.client {
            Some(dir) => (dir.clone(), Source::Named("--client")),
            None => (endpoint.cert_dir.clone(), endpoint.cert_source.clone()),
        };
        let pick = |given: &Option<PathBuf>, flag: &'static str, file: &'static str| match given {
            Some(p) => (p.clone(), Source::Named(flag)),
            None => (
                dir.join(file),
                Source::InFolder {
                    folder: Box::new(dir_source.clone()),
                    file,
                },
            ),
        };
        let (ca_path, ca_source) = pick(&args.tlscacert, "--tlscacert", "ca.pem");
        let (cert_path, cert_source) = pick(&args.tlscert, "--tlscert", "cert.pem");
        let (key_path, key_source) = pick(&args.tlskey, "--tlskey", "key.pem");

        let ca = read_certificates(&ca_path, &ca_source, lang)?;
        let certs = read_certificates(&cert_path, &cert_source, lang)?
            .into_iter()
            .map(CertificateDer::from)
            .collect();
        let key_bytes = read_client_file(&key_path, &key_source, lang)?;
        let key = PrivateKeyDer::from_pem_slice(&key_bytes).map_err(|_| {
            let refused = Refused::NotAKey {
                source: key_source,
                path: key_path.display().to_string(),
            };
            Failure::input(refused.text(lang))
        })?;
        Ok(ClientFiles {
            ca_path,
            cert_path,
            ca,
            cert: ClientCert { certs, key },
        })
    }
}

/// The certificates (PEM or DER) in the client file `path`, named by
/// `source`.
fn read_certificates(path: &Path, source: &Source, lang: Lang) -> Result<Vec<Vec<u8>>, Failure> {
    let bytes = read_client_file(path, source, lang)?;
    import::certificates(&bytes).map_err(|_| {
        let refused = Refused::NoCertificate {
            source: source.clone(),
            path: path.display().to_string(),
        };
        Failure::input(refused.text(lang))
    })
}

fn read_client_file(
    path: &Path,
    source: &Source,
    lang: Lang,
) -> Result<zeroize::Zeroizing<Vec<u8>>, Failure> {
    read::bounded(path, MAX_CLIENT_FILE).map_err(|e| {
        let (source, path) = (source.clone(), path.display().to_string());
        let refused = match e {
            read::ReadError::Io(why) => Refused::Unreadable { source, path, why },
            read::ReadError::TooLarge => Refused::TooLarge {
                source,
                path,
                limit: read::size_text(MAX_CLIENT_FILE),
            },
            read::ReadError::Folder => Refused::Folder { source, path },
        };
        Failure::input(refused.text(lang))
    })
}
