//! What to do about each finding, in English.

use super::{first, usages};
use crate::bundle::layout::mode_text;
use crate::inspect::input::base_name;
use crate::inspect::problem::Problem;
use crate::show::shell_word as word;

/// What to do about it.
pub(in crate::inspect::words) fn fix(p: &Problem) -> Option<String> {
    use Problem as P;
    let fix = match p {
        P::Inventory(finding) => finding.fix(crate::lang::Lang::En),
        P::NotRead(_)
        | P::BadCertificate { .. }
        | P::KeyTooLarge { .. }
        | P::CaCannotSign { .. }
        | P::WeakKey { .. }
        | P::Refused { .. }
        | P::Accepted { .. }
        | P::UnsupportedKey { .. }
        | P::BadKey { .. }
        | P::KeyOrphan { .. }
        | P::TlsOn2375 { .. }
        | P::TlsFileElsewhere { .. } => return None,
        P::Expired { .. } => "renew it: dockcert renew".into(),
        P::NotYetValid { .. } => {
            "check the clocks of this machine and the one that made the certificate".into()
        }
        P::ExpiresSoon { .. } => {
            "renew it now: dockerd has no revocation, expiry is how access ends".into()
        }
        P::NotACa { .. } => "use the CA's own certificate, the one that signed the host and client certificates".into(),
        P::NoEku { .. } => "issue it again with dockcert: hosts get serverAuth only, clients clientAuth only".into(),
        P::LeafWithoutEku { side, .. } => {
            format!("issue it again with {} only: dockcert does", usages(*side).0)
        }
        P::WrongEku { side, .. } => format!("issue it again with {}: dockcert issue", usages(*side).0),
        P::ExtraEku { side, .. } => format!("issue it again with {} only", usages(*side).0),
        P::WeakSignature { .. } => "issue it again with dockcert (SHA-256 or better)".into(),
        P::ServerNoSan { .. } => "issue it again with every name and address as a SAN: dockcert renew (it adds the CN as a SAN)".into(),
        P::SanTrailingDot { .. } => "issue it again without the trailing dot".into(),
        P::HostSkipped { .. } => {
            "to judge one of them against its own host, inspect again with --host set to that host's name".into()
        }
        P::HostNotCovered { host, valid, .. } if valid.is_empty() => {
            format!("issue it again with {host} among its SANs")
        }
        P::HostNotCovered { host, valid, .. } => format!(
            "issue it again with {host} among its SANs, or dial one of: {}",
            valid.join(", ")
        ),
        P::SelfSigned { .. } => "issue it from the CA with dockcert issue".into(),
        P::IssuedByOther { .. }
        | P::NotSignedBy { .. }
        | P::NoneIssued { .. }
        | P::NoneSigned { .. } => {
            "use the CA that signed it, or issue it again from this CA".into()
        }
        P::KeysNotRead { .. } | P::SignaturesNotChecked { .. } => {
            "inspect fewer files at a time (a folder or zip of one host's or client's files)".into()
        }
        P::LeafKeyEncrypted { path } => {
            let name = base_name(path);
            format!(
                "decrypt it (openssl pkey -in {} -out {}) and protect it with its file mode, 0400, instead",
                word(name),
                word(&format!("{name}.plain"))
            )
        }
        P::CaKeyUnencrypted { path } => {
            let name = base_name(path);
            format!(
                "encrypt it (openssl pkcs8 -topk8 -v2 aes-256-cbc -in {} -out {}) and keep it offline",
                word(name),
                word(&format!("{name}.enc"))
            )
        }
        P::KeyReadable { path, .. } => format!("chmod 0400 {}", word(base_name(path))),
        P::KeyMismatch { .. } => {
            "install the key that was made with that certificate, or issue both again".into()
        }
        P::DaemonJsonInvalid { .. } => {
            "fix the JSON (python3 -m json.tool daemon.json shows where)".into()
        }
        P::TcpWithoutTlsverify { .. } => "set \"tlsverify\": true with tlscacert, tlscert and tlskey (dockcert's daemon.json does)".into(),
        P::TlsFileUnset { key, .. } => format!("set \"{key}\" to the file's full path"),
        P::HostsConflict { .. } => "add a drop-in that resets ExecStart (ExecStart= then ExecStart=/usr/bin/dockerd), as dockcert's docker.service.d/dockcert.conf does, or drop \"hosts\" from daemon.json".into(),
        P::ChangedSinceMade { .. } => {
            "if nobody meant to change it, take the file from the original bundle".into()
        }
        P::ModeChanged { path, promised, .. } => format!(
            "chmod {} {}",
            mode_text(*promised),
            word(base_name(path))
        ),
        P::ManifestRepeats { .. } => "take manifest.json from the original bundle".into(),
        P::ImagesNotListed { .. } => {
            "Fix the ones listed and inspect again, or inspect one project folder at a time.".into()
        }
        P::ImagesNotChecked { .. } => "Inspect the project's folder on its own (without bundles or other projects beside it), and keep .dockerignore and COPY lines to the patterns you need.".into(),
        P::ComposeMountsCaKey { .. } => "Remove the volume: the CA key stays offline, and only `dockcert issue`/`renew` on the offline machine uses it.".into(),
        P::ComposeMountsKey { .. } => "If the container needs it, mount it read-only (`:ro`) from a folder only root can read, or use a compose secret; otherwise remove the volume.".into(),
        P::DockerfileCopiesKey { ca_key: true, .. } => "Never put the CA key in an image or on a Docker host: it signs certificates every host trusts. Remove the line, rebuild, and since the key is in the old image's layers, make a new CA (dockcert new) and new certificates.".into(),
        P::DockerfileCopiesKey { .. } => "Remove the line and give the container its key at run time: a read-only volume (`-v /etc/docker/server-key.pem:/certs/key.pem:ro`) or a secret; for a build step, `RUN --mount=type=secret,id=key`. The old image's layers keep the key: renew it (dockcert renew).".into(),
        P::DockerfileCopiesContextKey {
            keys, ignore_path, ..
        } => format!(
            "Add `{}` (or `**/*key.pem`) to {ignore_path} so it never reaches the builder, move keys out of the build context, and give the container its key at run time (a read-only volume or a secret). An image already built keeps the key: rebuild it, and renew the key (dockcert renew).",
            first(keys)
        ),
        P::BuildContextKey {
            keys, ignore_path, ..
        } => format!(
            "Add `{}` (or `**/*key.pem`) to {ignore_path}, or keep keys outside the folder you build.",
            first(keys)
        ),
    };
    Some(fix)
}
