//! `--layout dind`: the bundle as the tree the `docker:dind` image's
//! entrypoint reads under `DOCKER_TLS_CERTDIR`, with a compose file and a CI
//! snippet that run it.
//!
//! The entrypoint (docker-library/docker's dockerd-entrypoint.sh) makes its
//! own throwaway CA and certificates unless it finds `server/ca.pem`,
//! `server/cert.pem` and `server/key.pem` without `ca/key.pem` (then it only
//! runs `openssl verify -CAfile server/ca.pem server/cert.pem`), or, in older
//! images, `ca/cert.pem` without `ca/key.pem` (then it makes nothing). certs/
//! has all of these and never the CA key, so every version uses dockcert's
//! files. It then starts `dockerd --host=tcp://0.0.0.0:2376 --tlsverify
//! --tlscacert server/ca.pem --tlscert server/cert.pem --tlskey server/key.pem`.

use std::fmt::Write;

use super::contents::{Bundle, BundleCert, BundleFile, FileFacts, FilesTo, Listing};
use super::error::BundleError;
use super::layout::{FileKind, Folder};
use super::readme::{self, Prose};
use crate::plan::{Plan, ServerSpec};

/// Where the image's entrypoint looks (`DOCKER_TLS_CERTDIR`).
pub(crate) const CERT_DIR: &str = "/certs";
/// The port the entrypoint's dockerd listens on for TLS, whatever the plan says.
pub(crate) const DIND_PORT: u16 = 2376;

/// Whether `plan` fits one dind tree: one host and one client. Checked
/// before any key is made.
pub fn check(plan: &Plan) -> Result<(), BundleError> {
    if plan.servers.len() == 1 && plan.clients.len() == 1 {
        Ok(())
    } else {
        Err(BundleError::DindNeedsOne {
            servers: plan.servers.len(),
            clients: plan.clients.len(),
        })
    }
}

/// The path `kind` moves to in the dind tree, if it is kept there.
fn dind_path(kind: FileKind) -> Option<&'static str> {
    Some(match kind {
        FileKind::ServerCaCert => "certs/server/ca.pem",
        FileKind::ServerCert => "certs/server/cert.pem",
        FileKind::ServerKey => "certs/server/key.pem",
        FileKind::ClientCaCert => "certs/client/ca.pem",
        FileKind::ClientCert => "certs/client/cert.pem",
        FileKind::ClientKey => "certs/client/key.pem",
        _ => return None,
    })
}

/// `bundle` (made for one host and one client, its files held in it)
/// rearranged for docker:dind: `ca/` as before (a new CA's key stays there,
/// outside certs/), `certs/` for `DOCKER_TLS_CERTDIR`, compose.yaml,
/// gitlab-ci.yml, and a README.txt and manifest.json that describe them.
pub fn rearranged(bundle: Bundle) -> Result<Bundle, BundleError> {
    check(&bundle.plan)?;
    if !bundle.has_contents() {
        return Err(BundleError::FilesNotHeld);
    }
    let copy = |facts: &FileFacts, path: &str, contents: &[u8]| {
        BundleFile::named(Folder::Top, facts.kind, path, contents)
    };
    let mut kept = Vec::new();
    let mut moved = Vec::new();
    for (file, contents) in bundle.with_contents() {
        match file.kind {
            FileKind::CaCert => {
                moved.push(copy(file, "certs/ca/cert.pem", contents));
                kept.push(copy(file, &file.path, contents));
            }
            FileKind::CaKey | FileKind::Inventory => kept.push(copy(file, &file.path, contents)),
            kind => {
                if let Some(path) = dind_path(kind) {
                    moved.push(copy(file, path, contents));
                }
            }
        }
    }
    let Bundle {
        plan,
        created,
        ca_source,
        certificates,
        warnings,
        ..
    } = bundle;
    let certificates: Vec<BundleCert> = certificates
        .into_iter()
        .map(|mut cert| {
            if cert.path.starts_with("server/") {
                cert.path = "certs/server/cert.pem".into();
            } else if cert.path.starts_with("client/") {
                cert.path = "certs/client/cert.pem".into();
            }
            cert
        })
        .collect();
    let about = Bundle::unlisted(plan, created, ca_source, certificates, warnings);
    let server = &about.plan.servers[0];
    let client = &about.plan.clients[0];
    // Compose gives each to the dind service as a network alias.
    let names = crate::docker::dns_names(server);
    let mut files = Listing::new(FilesTo::Bundle);
    for file in kept.into_iter().chain(moved) {
        files.put(file)?;
    }
    files.put(BundleFile::new(
        Folder::Top,
        FileKind::DindCompose,
        compose(server, client.name.as_str(), &names).as_bytes(),
    ))?;
    files.put(BundleFile::new(
        Folder::Top,
        FileKind::DindCi,
        gitlab_ci(server, &names).as_bytes(),
    ))?;
    let text = readme_text(&about, files.rest(), server, &names);
    super::assemble::describe(&about, text, &mut files)?;
    Ok(about.listed(files))
}

/// The address the client container dials: the host's first DNS name (an
/// alias of the dind service), else its first SAN.
fn dialled(server: &ServerSpec, names: &[&str]) -> String {
    match names.first() {
        Some(name) => format!("tcp://{name}:{DIND_PORT}"),
        None => format!("tcp://{}:{DIND_PORT}", crate::docker::dial_name(server)),
    }
}

fn compose(server: &ServerSpec, client: &str, names: &[&str]) -> String {
    let mut t = format!(
        "# docker:dind with dockcert's certificates for the host \"{host}\" and the\n\
         # client \"{client}\". In this folder:  docker compose up\n\
         # The dind entrypoint finds server/{{ca,cert,key}}.pem and no ca/key.pem under\n\
         # DOCKER_TLS_CERTDIR, so it checks them with openssl verify and starts dockerd\n\
         # with --tlsverify on port {DIND_PORT} instead of making throwaway certificates.\n\
         services:\n\
         \x20 docker:\n\
         \x20   image: docker:dind\n\
         \x20   privileged: true\n\
         \x20   environment:\n\
         \x20     DOCKER_TLS_CERTDIR: {CERT_DIR}\n\
         \x20   volumes:\n\
         \x20     - ./certs/ca:{CERT_DIR}/ca:ro\n\
         \x20     - ./certs/server:{CERT_DIR}/server:ro\n",
        host = server.name,
    );
    if !names.is_empty() {
        t.push_str("    networks:\n      default:\n        aliases:\n");
        for name in names {
            let _ = writeln!(t, "          - {name}");
        }
    }
    let _ = write!(
        t,
        "  client:\n\
         \x20   image: docker:cli\n\
         \x20   depends_on:\n\
         \x20     - docker\n\
         \x20   environment:\n\
         \x20     DOCKER_HOST: {url}\n\
         \x20     DOCKER_TLS_VERIFY: \"1\"\n\
         \x20     DOCKER_CERT_PATH: {CERT_DIR}/client\n\
         \x20   volumes:\n\
         \x20     - ./certs/client:{CERT_DIR}/client:ro\n\
         \x20   command: [\"version\"]\n",
        url = dialled(server, names),
    );
    t
}

fn gitlab_ci(server: &ServerSpec, names: &[&str]) -> String {
    let alias = names.first().copied().unwrap_or("docker");
    format!(
        "# A GitLab CI job that runs docker against docker:dind with dockcert's\n\
         # certificates for \"{host}\" instead of the throwaway ones the image makes.\n\
         # The runner mounts certs/ into the job and its services: copy this bundle's\n\
         # certs/ to the runner host (it holds keys: root only, like /srv/dockcert/certs\n\
         # with mode 0700) and add to the runner's config.toml, under [runners.docker]:\n\
         #     volumes = [\"/srv/dockcert/certs:{CERT_DIR}:ro\"]\n\
         docker-job:\n\
         \x20 image: docker:cli\n\
         \x20 services:\n\
         \x20   - name: docker:dind\n\
         \x20     alias: {alias}\n\
         \x20 variables:\n\
         \x20   DOCKER_TLS_CERTDIR: \"{CERT_DIR}\"\n\
         \x20   DOCKER_HOST: \"{url}\"\n\
         \x20   DOCKER_TLS_VERIFY: \"1\"\n\
         \x20   DOCKER_CERT_PATH: \"{CERT_DIR}/client\"\n\
         \x20 script:\n\
         \x20   - docker version\n",
        host = server.name,
        url = dialled(server, names),
    )
}

fn readme_text(about: &Bundle, files: &[FileFacts], server: &ServerSpec, names: &[&str]) -> String {
    let lang = about.plan.lang;
    let mut t = String::new();
    readme::intro(&mut t, about);
    readme::what_is_here(&mut t, files, lang);
    let url = dialled(server, names);
    let dind = Prose::Dind {
        cert_dir: CERT_DIR,
        port: DIND_PORT,
        name: names.first().copied().unwrap_or("docker"),
        url: &url,
    };
    readme::say(&mut t, lang, &dind);
    crate::show::safe_document_owned(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::tests_support::plain;
    use crate::plan::PlanRequest;

    #[test]
    fn one_host_and_one_client_become_the_dind_tree() {
        let request = PlanRequest {
            servers: vec!["docker1.example.com,10.0.0.5,*.swarm.example.com".into()],
            clients: vec!["ci".into()],
            ..PlanRequest::default()
        };
        let b = rearranged(plain(&request)).unwrap();
        let paths: Vec<&str> = b.files().iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "README.txt",
                "manifest.json",
                "ca/ca.pem",
                "ca/ca-key.pem",
                "ca/inventory.jsonl",
                "certs/ca/cert.pem",
                "certs/server/ca.pem",
                "certs/server/cert.pem",
                "certs/server/key.pem",
                "certs/client/ca.pem",
                "certs/client/cert.pem",
                "certs/client/key.pem",
                "compose.yaml",
                "gitlab-ci.yml",
            ]
        );
        assert_eq!(b.file("certs/server/key.pem").unwrap().mode(), 0o400);
        assert!(!paths.contains(&"certs/ca/key.pem"));
        let compose = String::from_utf8(b.contents("compose.yaml").unwrap().to_vec()).unwrap();
        assert!(
            compose.contains("          - docker1.example.com\n"),
            "{compose}"
        );
        assert!(!compose.contains("swarm"), "{compose}");
        assert!(
            compose.contains("DOCKER_HOST: tcp://docker1.example.com:2376\n"),
            "{compose}"
        );
        assert_eq!(b.certificates[1].path, "certs/server/cert.pem");
    }

    #[test]
    fn more_than_one_host_or_client_is_refused() {
        let request = PlanRequest {
            servers: vec!["a.example.com".into(), "b.example.com".into()],
            ..PlanRequest::default()
        };
        let e = rearranged(plain(&request)).unwrap_err();
        assert!(e.to_string().contains("given: 2 and 1"), "{e}");
    }
}
