//! The client's files for `dockcert probe`: its CA, certificate and key,
//! from the flags, DOCKER_CERT_PATH or a docker context, as the docker
//! client would read them; each bounded before it is read, and each refusal
//! naming what named the file.

use std::path::{Path, PathBuf};

use dockcert_core::import;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use super::wire::ClientCert;
use crate::cli::ProbeArgs;
use crate::docker_env::Endpoint;
use crate::failure::Failure;
use crate::problem::{FileRole, Flag, Named, Problem};
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
    pub(super) fn from_args(args: &ProbeArgs, endpoint: &Endpoint) -> Result<ClientFiles, Failure> {
        let (dir, dir_flag) = match &args.client {
            Some(dir) => (dir.clone(), Flag::plain("--client")),
            None => (endpoint.cert_dir.clone(), endpoint.cert_source.clone()),
        };
        let pick = |given: &Option<PathBuf>, flag: &'static str, file: &str| match given {
            Some(p) => (p.clone(), Flag::plain(flag)),
            None => (
                dir.join(file),
                Flag::InFolder {
                    folder: Box::new(dir_flag.clone()),
                    file: file.to_owned(),
                },
            ),
        };
        let (ca_path, ca_flag) = pick(&args.tlscacert, "--tlscacert", "ca.pem");
        let (cert_path, cert_flag) = pick(&args.tlscert, "--tlscert", "cert.pem");
        let (key_path, key_flag) = pick(&args.tlskey, "--tlskey", "key.pem");

        let ca = read_certificates(&ca_path, &ca_flag)?;
        let certs = read_certificates(&cert_path, &cert_flag)?
            .into_iter()
            .map(CertificateDer::from)
            .collect();
        let key_bytes = read_client_file(&key_path, &key_flag)?;
        let key = PrivateKeyDer::from_pem_slice(&key_bytes).map_err(|_| {
            Failure::input(Problem::KeyNotPem(Named::by(key_flag, key_path.display())))
        })?;
        Ok(ClientFiles {
            ca_path,
            cert_path,
            ca,
            cert: ClientCert { certs, key },
        })
    }
}

/// The certificates (PEM or DER) in the client file `path`, named `flag`.
fn read_certificates(path: &Path, flag: &Flag) -> Result<Vec<Vec<u8>>, Failure> {
    let bytes = read_client_file(path, flag)?;
    import::certificates(&bytes).map_err(|_| {
        Failure::input(Problem::NoCertificate(Named::by(
            flag.clone(),
            path.display(),
        )))
    })
}

pub(super) fn read_client_file(
    path: &Path,
    flag: &Flag,
) -> Result<zeroize::Zeroizing<Vec<u8>>, Failure> {
    let shown = path.display().to_string();
    read::bounded(path, MAX_CLIENT_FILE).map_err(|e| {
        let named = Named::by(flag.clone(), &shown);
        Failure::input(Problem::reading(
            named,
            FileRole::ClientFile,
            MAX_CLIENT_FILE,
            e,
        ))
    })
}
