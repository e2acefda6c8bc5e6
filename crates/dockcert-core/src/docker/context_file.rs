//! `HOST.dockercontext`: the file `docker context import NAME FILE` takes,
//! so a client is set up for one host with one command and no script.
//!
//! The docker client reads it as a tar archive (not gzipped) of regular
//! files: `meta.json` (the context's endpoint; its `Name` is replaced by the
//! NAME given to `import`) and `tls/docker/{ca,cert,key}.pem`. Anything else
//! is skipped by docker, so nothing else is written. The archive is plain
//! ustar, written here byte by byte so that the same bundle always gives the
//! same bytes: owner 0, the bundle's own time, no user or group names.

use serde::Serialize;
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::error::DockerError;
use super::locations::docker_host;
use crate::lang::Lang;
use crate::plan::{ClientSpec, ServerSpec};

/// The name of a client's context file for `server`, beside its other files.
pub(crate) fn context_file_name(server: &ServerSpec) -> String {
    format!("{}.dockercontext", super::context_name(server))
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Meta<'a> {
    name: String,
    metadata: Description,
    endpoints: Endpoints<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Description {
    description: String,
}

#[derive(Serialize)]
struct Endpoints<'a> {
    docker: Endpoint<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Endpoint<'a> {
    host: &'a str,
    #[serde(rename = "SkipTLSVerify")]
    skip_tls_verify: bool,
}

/// The PEM files a context carries, as the client's folder holds them.
pub(crate) struct ContextTls<'a> {
    /// The CA certificate.
    pub ca_pem: &'a str,
    /// The client's certificate.
    pub(crate) cert_pem: &'a str,
    /// The client's private key.
    pub(crate) key_pem: &'a str,
}

/// The `.dockercontext` archive for `client` to reach `server`, dated `when`,
/// its description in `lang`.
pub(crate) fn context_file(
    client: &ClientSpec,
    server: &ServerSpec,
    tls: &ContextTls<'_>,
    when: OffsetDateTime,
    lang: Lang,
) -> Result<Zeroizing<Vec<u8>>, DockerError> {
    let host = docker_host(server);
    let meta = Meta {
        name: super::context_name(server),
        metadata: Description {
            description: super::client::context_description(client, server, lang),
        },
        endpoints: Endpoints {
            docker: Endpoint {
                host: &host,
                skip_tls_verify: false,
            },
        },
    };
    let meta = serde_json::to_vec(&meta).map_err(|e| DockerError::Json {
        file: "meta.json",
        reason: e.to_string(),
    })?;
    let mtime = u64::try_from(when.unix_timestamp()).unwrap_or(0);
    let mut tar = Zeroizing::new(Vec::with_capacity(
        8 * BLOCK + meta.len() + tls.ca_pem.len() + tls.cert_pem.len() + tls.key_pem.len(),
    ));
    for (name, mode, bytes) in [
        ("meta.json", 0o644, meta.as_slice()),
        ("tls/docker/ca.pem", 0o444, tls.ca_pem.as_bytes()),
        ("tls/docker/cert.pem", 0o444, tls.cert_pem.as_bytes()),
        ("tls/docker/key.pem", 0o400, tls.key_pem.as_bytes()),
    ] {
        push_file(&mut tar, name, mode, mtime, bytes);
    }
    // Two empty blocks end a tar archive.
    let end = tar.len() + 2 * BLOCK;
    tar.resize(end, 0);
    Ok(tar)
}

const BLOCK: usize = 512;

/// One regular file: a ustar header, then its bytes padded to a block.
fn push_file(tar: &mut Vec<u8>, name: &str, mode: u32, mtime: u64, bytes: &[u8]) {
    let mut header = [0u8; BLOCK];
    header[..name.len()].copy_from_slice(name.as_bytes());
    octal(&mut header[100..108], u64::from(mode));
    octal(&mut header[108..116], 0);
    octal(&mut header[116..124], 0);
    octal(&mut header[124..136], bytes.len() as u64);
    octal(&mut header[136..148], mtime);
    header[156] = b'0';
    header[257..263].copy_from_slice(b"ustar\0");
    header[263..265].copy_from_slice(b"00");
    // The checksum is summed with its own field as spaces.
    header[148..156].fill(b' ');
    let sum: u32 = header.iter().map(|b| u32::from(*b)).sum();
    octal(&mut header[148..155], u64::from(sum));
    header[155] = b' ';
    tar.extend_from_slice(&header);
    tar.extend_from_slice(bytes);
    let padding = (BLOCK - bytes.len() % BLOCK) % BLOCK;
    tar.resize(tar.len() + padding, 0);
}

/// `value` as zero-padded octal filling `field` but its last byte (a NUL).
fn octal(field: &mut [u8], value: u64) {
    let digits = field.len() - 1;
    let text = format!("{value:0digits$o}");
    field[..digits].copy_from_slice(&text.as_bytes()[text.len() - digits..]);
    field[digits] = 0;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::tests_support::server;

    fn entries(tar: &[u8]) -> Vec<(String, u32, Vec<u8>)> {
        let mut out = Vec::new();
        let mut at = 0;
        while at + BLOCK <= tar.len() && tar[at] != 0 {
            let h = &tar[at..at + BLOCK];
            let text = |r: std::ops::Range<usize>| {
                String::from_utf8(h[r].iter().copied().take_while(|b| *b != 0).collect()).unwrap()
            };
            let size = usize::from_str_radix(&text(124..135), 8).unwrap();
            let mode = u32::from_str_radix(&text(100..107), 8).unwrap();
            let sum = u32::from_str_radix(text(148..155).trim(), 8).unwrap();
            let mut blank = h.to_vec();
            blank[148..156].fill(b' ');
            assert_eq!(sum, blank.iter().map(|b| u32::from(*b)).sum::<u32>());
            out.push((
                text(0..100),
                mode,
                tar[at + BLOCK..at + BLOCK + size].to_vec(),
            ));
            at += BLOCK + size.div_ceil(BLOCK) * BLOCK;
        }
        assert_eq!(tar.len(), at + 2 * BLOCK);
        out
    }

    #[test]
    fn a_context_is_meta_json_and_the_three_pems() {
        let client = ClientSpec {
            name: "alice".into(),
        };
        let tls = ContextTls {
            ca_pem: "CA\n",
            cert_pem: "CERT\n",
            key_pem: "KEY\n",
        };
        let when = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
        let tar = context_file(
            &client,
            &server("docker1", &["docker1"]),
            &tls,
            when,
            Lang::En,
        )
        .unwrap();
        let got = entries(&tar);
        let names: Vec<&str> = got.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "meta.json",
                "tls/docker/ca.pem",
                "tls/docker/cert.pem",
                "tls/docker/key.pem"
            ]
        );
        assert_eq!(got[3].1, 0o400);
        assert_eq!(got[3].2, b"KEY\n");
        let meta: serde_json::Value = serde_json::from_slice(&got[0].2).unwrap();
        assert_eq!(meta["Endpoints"]["docker"]["Host"], "tcp://docker1:2376");
        assert_eq!(meta["Endpoints"]["docker"]["SkipTLSVerify"], false);
        assert_eq!(meta["Name"], "docker1");
        // The same inputs give the same bytes.
        let again = context_file(
            &client,
            &server("docker1", &["docker1"]),
            &tls,
            when,
            Lang::En,
        )
        .unwrap();
        assert_eq!(*tar, *again);
    }
}
