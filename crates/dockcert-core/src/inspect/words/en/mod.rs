//! Inspect's findings in English: the words `dockcert inspect` has always
//! printed (and `--json` keeps), docker's own messages quoted as it says them.

use super::super::budget::BUDGET;
use super::super::problem::{Listed, Named, Problem, Side};
use super::docker_says;
use crate::bundle::layout::mode_text;
use crate::lang::{Lang, Localized};
use crate::pki;

pub(super) mod fix;

/// What is wrong.
pub(super) fn message(p: &Problem) -> String {
    use Problem as P;
    let en = Lang::En;
    match p {
        P::NotRead(skipped) => skipped.text(en),
        P::BadCertificate { path, why } => {
            format!("{path} is not a readable X.509 certificate: {why}")
        }
        P::KeyTooLarge { path, too_large } => format!("{path}: {}", too_large.text(en)),
        P::Expired { path, on } => format!(
            "{path} expired on {} (docker: \"x509: certificate has expired or is not yet valid\")",
            pki::day(*on)
        ),
        P::NotYetValid { path, from } => format!(
            "{path} is not valid until {} (docker: \"x509: certificate has expired or is not yet valid\")",
            pki::minute(*from)
        ),
        P::ExpiresSoon { path, days, on } => {
            format!("{path} expires in {days} days, on {}", pki::day(*on))
        }
        P::NotACa { path } => format!("{path} is used as the CA but is not a CA certificate (basicConstraints CA:TRUE is missing)"),
        P::CaCannotSign { path } => format!("{path} is a CA whose keyUsage lacks keyCertSign, so verifiers refuse what it signs"),
        P::NoEku { path } => format!("{path} has no extendedKeyUsage: it is neither clearly a host's nor a client's certificate, and Go accepts such a certificate for both"),
        P::LeafWithoutEku { path, side } => format!(
            "{path} is {} certificate without extendedKeyUsage: docker accepts it today, as Go takes it for any purpose, but then it also works as the {} of any other host or client of this CA",
            whose(*side),
            match side {
                Side::Host => "client",
                Side::Client => "server",
            }
        ),
        P::WrongEku { path, side } => {
            let said = match side {
                Side::Host => "docker: \"x509: certificate specifies an incompatible key usage\"",
                Side::Client => "dockerd refuses it; docker says \"remote error: tls: bad certificate\"",
            };
            format!(
                "{path} is {} certificate but its extendedKeyUsage lacks {} ({said})",
                whose(*side),
                usages(*side).0
            )
        }
        P::ExtraEku { path, side } => format!(
            "{path} is {} certificate that also allows {}: docker accepts it today, but it can act as the other side too",
            whose(*side),
            usages(*side).1
        ),
        P::WeakKey { path, bits } => {
            format!("{path} has a {bits}-bit RSA key: docker accepts it today, but a key this short can be broken; at least 2048 bits are needed")
        }
        P::WeakSignature { path, hash } => format!("{path} is signed with {hash}, which Go refuses (\"x509: cannot verify signature: insecure algorithm\")"),
        P::ServerNoSan { path, cn } => format!(
            "{path} names the host only in its Common Name (\"{cn}\") and has no subjectAltName; today's docker client refuses it: \"x509: certificate relies on legacy Common Name field, use SANs instead\""
        ),
        P::SanTrailingDot { path, san } => format!(
            "{path} has the SAN \"{san}\", which ends with a dot: clients that dial \"{}\" do not match it, and dockerd refuses names like it",
            san.trim_end_matches('.')
        ),
        P::HostNotCovered { path, host, .. } => format!(
            "{path} does not cover \"{host}\": a client that dials it gets \"{}\"",
            docker_says(p)
        ),
        P::HostSkipped { host, files } => format!(
            "--host \"{host}\" was applied to that host's certificates only (in its folder server/{host}/ or naming it); {} {}, so not judged against it (each was judged on its own names)",
            listed(files, String::clone),
            if files.total() == 1 { "is for another host" } else { "are for other hosts" }
        ),
        P::Refused { path, refusal } => format!(
            "docker refuses {path}: \"{}\". {}",
            refusal.docker_says(),
            refusal.text(en)
        ),
        P::Accepted { path, risk } => format!("{path}: {}", risk.text(en)),
        P::SelfSigned { path } => format!("{path} is self-signed: no CA vouches for it (docker: \"x509: certificate signed by unknown authority\")"),
        P::IssuedByOther { path, issuer, cas } => format!(
            "{path} was issued by \"{issuer}\", not by {}: verifiers will say \"x509: certificate signed by unknown authority\" (or dockerd: \"remote error: tls: bad certificate\")",
            listed(cas, ca_named)
        ),
        P::NotSignedBy { path, issuer, ca } => format!(
            "{path} names \"{issuer}\" as its issuer, but {ca}'s key did not sign it (another CA with the same name): \"x509: certificate signed by unknown authority\""
        ),
        P::NoneIssued { leaves, cas } => format!(
            "{} certificates were issued by none of {}: {}; verifiers will say \"x509: certificate signed by unknown authority\" (or dockerd: \"remote error: tls: bad certificate\")",
            leaves.total(),
            listed(cas, ca_named),
            listed(leaves, leaf_named),
        ),
        P::NoneSigned { ca, leaves } => format!(
            "{} certificates name \"{}\" as their issuer, but {}'s key signed none of them (another CA with the same name): {}; \"x509: certificate signed by unknown authority\"",
            leaves.total(),
            ca.name,
            ca.path,
            listed(leaves, leaf_named),
        ),
        P::KeysNotRead { first, count } => {
            let n = *count;
            format!(
                "{n} private key file{} {} not read, {first} the first: reading every key given would take longer than the {BUDGET} units of work (about a second) inspect spends on keys and signatures in one run, so whether {} its certificate's, and readable, is not known",
                plural(n),
                one_many(n, "was", "were"),
                one_many(n, "it is", "each is"),
            )
        }
        P::SignaturesNotChecked { first, count } => {
            let n = *count;
            format!(
                "{n} certificate{} {} not checked for {} CA's signature, {first} the first: checking every one given would take longer than the {BUDGET} units of work (about a second) inspect spends on keys and signatures in one run, so whether {} signed by the CA beside {} is not known",
                plural(n),
                one_many(n, "was", "were"),
                one_many(n, "its", "their"),
                one_many(n, "it was", "they were"),
                one_many(n, "it", "them"),
            )
        }
        P::LeafKeyEncrypted { path } => format!("{path} is encrypted, and neither dockerd nor the docker client can read an encrypted key (dockerd: \"tls: failed to parse private key\")"),
        P::CaKeyUnencrypted { path } => format!("{path} is the CA key, unencrypted: whoever reads it can make certificates the hosts trust"),
        P::UnsupportedKey { path, what } => format!("{path} is {}", what.text(en)),
        P::BadKey { path, why } => format!("{path}: {}", why.text(en)),
        P::KeyReadable { path, mode } => format!(
            "{path} has mode {}: other users on the machine can read this private key",
            mode_text(*mode)
        ),
        P::KeyMismatch { path, cert } => format!(
            "{path} does not belong to {cert}: their public keys differ (dockerd and docker: \"tls: private key does not match public key\")"
        ),
        P::KeyOrphan { path } => format!("{path} belongs to none of the certificates here"),
        P::DaemonJsonInvalid { path, why, .. } => format!("{path} is not valid JSON ({why}); dockerd will not start: \"unable to configure the Docker daemon with file /etc/docker/daemon.json\""),
        P::TcpWithoutTlsverify { path, listeners } => format!(
            "{path} listens on {} without \"tlsverify\": true: anyone who reaches the port controls dockerd, which is root on the host",
            listeners.join(", ")
        ),
        P::TlsOn2375 { path, listener } => format!("{path} serves TLS on {listener}; 2375 is the plain-HTTP convention and 2376 is Docker's TLS port"),
        P::TlsFileUnset { path, key } => format!("{path} sets tlsverify but not {key}, so dockerd looks for root's ~/.docker files instead"),
        P::TlsFileElsewhere { path, named } => format!("{path} names {named}, which is not among the inspected files, so it was not checked"),
        P::HostsConflict {
            files,
            unit,
            command,
        } => {
            let which = match (files.shown.as_slice(), files.more) {
                ([one], 0) => format!("{one} sets"),
                (shown, more) => {
                    let mut named = shown.join(", ");
                    if more > 0 {
                        named = format!("{named} and {more} more");
                    }
                    format!("{} daemon.json files ({named}) set", files.total())
                }
            };
            format!(
                "{which} \"hosts\" and {unit} starts `{command}`, which also gives -H: dockerd refuses to start (\"the following directives are specified both as a flag and in the configuration file: hosts\")"
            )
        }
        P::ChangedSinceMade { path, manifest } => format!(
            "{path} differs from what dockcert made (its SHA-256 is not the one in {manifest})"
        ),
        P::ModeChanged {
            path,
            mode,
            promised,
        } => format!(
            "{path} has mode {}, the bundle made it {}",
            mode_text(*mode),
            mode_text(*promised)
        ),
        P::ManifestRepeats { path, repeated } => format!(
            "{path} lists {repeated} more entries for files it lists already (dockcert lists each file once); only the first entry for each file was checked"
        ),
        P::ImagesNotListed {
            errors,
            warnings,
            most,
        } => format!(
            "{errors} more error(s) and {warnings} more warning(s) about Dockerfiles and compose files are not listed: dockcert lists at most {most}"
        ),
        P::ImagesNotChecked { others, steps, .. } => {
            let others = match others {
                0 => String::new(),
                1 => " (and 1 other Dockerfile)".to_owned(),
                n => format!(" (and {n} other Dockerfiles)"),
            };
            format!("this Dockerfile{others} was not checked to the end for private keys it would put into an image: its COPY sources, the .dockerignore rules and the keys in its build context need more than the {steps} matching steps dockcert spends on them")
        }
        P::ComposeMountsCaKey { line, item, .. } => format!("line {line}: {item}: mounts the CA key into a container: whoever controls the container can sign certificates every Docker host trusts"),
        P::ComposeMountsKey {
            line, item, source, ..
        } => format!("line {line}: {item}: mounts the private key {source} into a container"),
        P::DockerfileCopiesKey {
            instruction, keys, ..
        } => {
            let n = keys.total();
            format!(
                "`{instruction}` puts the private {} into the image: every layer keeps {}, and anyone who can pull the image has {}",
                keys_text(keys),
                it(n),
                it(n)
            )
        }
        P::DockerfileCopiesContextKey {
            instruction, keys, ..
        } => format!(
            "`{instruction}` copies the private {} from the build context into the image: no .dockerignore rule keeps {} out",
            keys_text(keys),
            it(keys.total())
        ),
        P::Inventory(finding) => finding.text(Lang::En),
        P::BuildContextKey { keys, .. } => {
            let n = keys.total();
            format!(
                "the private {} {} in this Dockerfile's build context and no .dockerignore rule keeps {} out: `docker build` sends {} to the builder, and one `COPY .` puts {} in the image",
                keys_text(keys),
                one_many(n, "is", "are"),
                it(n),
                it(n),
                it(n)
            )
        }
    }
}

/// "a Docker host's", "a client's".
fn whose(side: Side) -> &'static str {
    match side {
        Side::Host => "a Docker host's",
        Side::Client => "a client's",
    }
}

/// The usage a side's certificate needs, and the other side's.
pub(super) fn usages(side: Side) -> (&'static str, &'static str) {
    match side {
        Side::Host => ("serverAuth", "clientAuth"),
        Side::Client => ("clientAuth", "serverAuth"),
    }
}

fn ca_named(c: &Named) -> String {
    format!("{} ({})", c.path, c.name)
}

fn leaf_named(l: &Named) -> String {
    format!("{} (issued by \"{}\")", l.path, l.name)
}

/// "a", "a and b", "a, b, c and 4 more".
fn listed<T>(items: &Listed<T>, show: impl Fn(&T) -> String) -> String {
    let mut shown: Vec<String> = items.shown.iter().map(show).collect();
    if items.more > 0 {
        shown.push(format!("{} more", items.more));
    }
    match shown.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => shown.join(""),
    }
}

/// "key a.pem", "keys a.pem and b.pem", "keys a, b, c, d, e and 7 more".
fn keys_text(keys: &Listed<String>) -> String {
    match (keys.shown.as_slice(), keys.more) {
        ([one], 0) => format!("key {one}"),
        ([init @ .., last], 0) => format!("keys {} and {last}", init.join(", ")),
        (all, more) => format!("keys {} and {more} more", all.join(", ")),
    }
}

/// The first key named.
pub(super) fn first(keys: &Listed<String>) -> &str {
    keys.shown.first().map(String::as_str).unwrap_or_default()
}

fn it(n: usize) -> &'static str {
    one_many(n, "it", "them")
}

fn one_many(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn plural(n: usize) -> &'static str {
    one_many(n, "", "s")
}
