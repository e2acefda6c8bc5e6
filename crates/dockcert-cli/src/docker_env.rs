//! Where the docker client would connect, and which TLS files it would use,
//! when `dockcert probe` is given neither: as docker 28 decides it. An
//! explicit `--context` wins; then DOCKER_HOST (with DOCKER_CERT_PATH, else
//! the configuration folder); then DOCKER_CONTEXT; then config.json's
//! `currentContext`. A context's metadata lives in
//! `contexts/meta/SHA256(NAME)/meta.json` under the configuration folder
//! (DOCKER_CONFIG, else ~/.docker), its TLS files in
//! `contexts/tls/SHA256(NAME)/docker/`.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use dockcert_core::{Lang, Localized};

use crate::failure::Failure;
use crate::probe::refused::{Refused, Source};
use crate::read;

/// Where to connect and where the client's files are, and what said so.
pub struct Endpoint {
    /// `tcp://HOST:PORT`, or `None` when nothing names a daemon.
    pub host: Option<String>,
    /// Which flag, variable or context named the host.
    pub host_source: Source,
    /// The folder holding ca.pem, cert.pem and key.pem.
    pub cert_dir: PathBuf,
    /// Which flag, variable or context named that folder.
    pub cert_source: Source,
}

/// The most of a context's meta.json or of config.json read.
const MAX_META: u64 = 256 * 1024;

/// The endpoint docker would use, given `--context` (or none). With
/// `host_given` (docker's -H), contexts are not read, as docker reads none.
/// A refusal is worded in `lang`.
pub fn endpoint(context: Option<&str>, host_given: bool, lang: Lang) -> Result<Endpoint, Failure> {
    let config_dir = config_dir();
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let named = match context {
        Some(name) => Some((name.to_owned(), Source::Named("--context"))),
        None if host_given || var("DOCKER_HOST").is_some() => None,
        None => var("DOCKER_CONTEXT")
            .map(|n| (n, Source::Named("DOCKER_CONTEXT")))
            .or_else(|| current_context(&config_dir).map(|n| (n, Source::Named("config.json")))),
    };
    match named {
        Some((name, source)) if name != "default" => from_context(&config_dir, &name, source, lang),
        _ => {
            let (cert_dir, cert_source) =
                match std::env::var_os("DOCKER_CERT_PATH").filter(|v| !v.is_empty()) {
                    Some(d) => (PathBuf::from(d), Source::Named("DOCKER_CERT_PATH")),
                    None => (
                        config_dir.clone(),
                        Source::Folder(config_dir.display().to_string()),
                    ),
                };
            Ok(Endpoint {
                host: var("DOCKER_HOST"),
                host_source: Source::Named("DOCKER_HOST"),
                cert_dir,
                cert_source,
            })
        }
    }
}

/// docker's configuration folder: DOCKER_CONFIG, else ~/.docker.
fn config_dir() -> PathBuf {
    match std::env::var_os("DOCKER_CONFIG").filter(|v| !v.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default()
            .join(".docker"),
    }
}

fn read_json(path: &Path) -> Option<serde_json::Value> {
    let bytes = read::bounded(path, MAX_META).ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn current_context(config_dir: &Path) -> Option<String> {
    read_json(&config_dir.join("config.json"))?
        .get("currentContext")?
        .as_str()
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn from_context(
    config_dir: &Path,
    name: &str,
    source: Source,
    lang: Lang,
) -> Result<Endpoint, Failure> {
    let id = dockcert_core::pki::lower_hex(&Sha256::digest(name.as_bytes()));
    let meta_path = config_dir.join("contexts/meta").join(&id).join("meta.json");
    let Some(meta) = read_json(&meta_path) else {
        let refused = Refused::NoContext {
            source,
            name: name.to_owned(),
            meta: meta_path.display().to_string(),
        };
        return Err(Failure::input(refused.text(lang)));
    };
    let host = meta
        .pointer("/Endpoints/docker/Host")
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned);
    Ok(Endpoint {
        host,
        host_source: Source::ContextHost {
            name: name.to_owned(),
            by: Box::new(source),
        },
        cert_dir: config_dir.join("contexts/tls").join(&id).join("docker"),
        cert_source: Source::ContextFiles {
            name: name.to_owned(),
        },
    })
}
