//! What docker's and dockerd's TLS error messages mean, and what to do. The
//! first question when a remote Docker API breaks is what the error means;
//! `dockcert inspect --explain "..."` answers it for the messages below (all
//! seen from docker 28 and dockerd 20.10 on the machines dockcert is tested on).

use serde::Serialize;

/// One known message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The part of the message that was recognised.
    pub matched: &'static str,
    /// Which side says it.
    pub said_by: &'static str,
    /// What causes it.
    pub cause: &'static str,
    /// What to do.
    pub fix: &'static str,
}

const KNOWN: &[Explanation] = &[
    Explanation {
        matched: "x509: certificate relies on legacy Common Name field",
        said_by: "the docker client",
        cause: "The host's certificate names the host only in its Common Name and has no subjectAltName. Go (and so docker) stopped accepting the Common Name in 2020 (Go 1.15); the classic openssl recipe makes exactly this certificate.",
        fix: "Issue the host a certificate with every name and address as a SAN: `dockcert renew server-cert.pem --ca-cert ca.pem --ca-key ca-key.pem --out renewed.zip` adds the CN as a SAN. `dockcert inspect server-cert.pem` shows what it has.",
    },
    Explanation {
        matched: "doesn't contain any ip sans",
        said_by: "the docker client",
        cause: "You dial the host by IP address, and its certificate has no IP address among its SANs.",
        fix: "Dial a DNS name the certificate has (`dockcert inspect server-cert.pem` lists them), or issue it again with the address: `dockcert issue --server NAME,10.0.0.5 ...`.",
    },
    Explanation {
        matched: "x509: certificate is valid for",
        said_by: "the docker client",
        cause: "The name or address in DOCKER_HOST (or -H, or the context) is not among the host certificate's SANs. The message lists the names it is valid for.",
        fix: "Dial one of the names listed, or issue the host's certificate again with this name too (`dockcert issue --server NAME,OTHER-NAME,ADDRESS ...`); check with `dockcert inspect server-cert.pem --host NAME`.",
    },
    Explanation {
        matched: "x509: certificate signed by unknown authority",
        said_by: "the docker client (or dockerd, about a client)",
        cause: "The certificate was not signed by the CA that the other side trusts: the client's ca.pem is not the CA that issued the host's certificate (or the host's tlscacert is not the client's CA), or an old ca.pem is still in DOCKER_CERT_PATH or the docker context.",
        fix: "Use the same CA on both sides: the ca.pem from the bundle that made the host's certificate. `dockcert inspect FOLDER` shows which CA signed each certificate.",
    },
    Explanation {
        matched: "x509: certificate has expired or is not yet valid",
        said_by: "the docker client (or dockerd)",
        cause: "A certificate's dates do not include the current time: it expired, or a clock is wrong (a certificate made just now on a machine whose clock is ahead is \"not yet valid\" elsewhere).",
        fix: "Check both machines' clocks (`date -u`). If it expired, renew it: `dockcert renew CERT.pem --ca-cert ca.pem --ca-key ca-key.pem --out renewed.zip`. dockerd has no revocation: expiry is how access ends.",
    },
    Explanation {
        matched: "remote error: tls: bad certificate",
        said_by: "the docker client, reporting dockerd's refusal",
        cause: "dockerd (with tlsverify) refused the client's certificate: none was sent, it was not signed by dockerd's tlscacert, it lacks the clientAuth usage (a server certificate used as a client's), or it expired.",
        fix: "Give docker the client's cert.pem and key.pem (DOCKER_CERT_PATH, --tlscert/--tlskey, or a docker context) from a bundle of the same CA as the host. `dockcert inspect client-folder` checks them.",
    },
    Explanation {
        matched: "remote error: tls: certificate required",
        said_by: "the docker client, reporting dockerd's refusal",
        cause: "dockerd requires a client certificate (tlsverify) and the client sent none.",
        fix: "Point docker at the client's files: `. ./docker.env`, or `docker --tlsverify --tlscacert=ca.pem --tlscert=cert.pem --tlskey=key.pem -H tcp://HOST:2376 ...`, or a docker context (docker-context.sh).",
    },
    Explanation {
        matched: "remote error: tls: unknown certificate authority",
        said_by: "the docker client, reporting dockerd's refusal",
        cause: "dockerd does not know the CA that signed the client's certificate: its tlscacert is another CA.",
        fix: "Install on the host the ca.pem of the CA that issued the client certificates (`sudo ./install.sh` from the same bundle), or issue the client from the host's CA.",
    },
    Explanation {
        matched: "certificate specifies an incompatible key usage",
        said_by: "the docker client (or dockerd)",
        cause: "A certificate's extendedKeyUsage does not allow what it is used for: the host presents a client certificate, or a client presents a server certificate.",
        fix: "Hosts need serverAuth (server-cert.pem), clients clientAuth (cert.pem); `dockcert inspect` shows each certificate's usage. Issue the right kind with `dockcert issue --server ...` or `--client ...`.",
    },
    Explanation {
        matched: "tls: private key does not match public key",
        said_by: "dockerd at start, or the docker client",
        cause: "The key file is not the key of the certificate it is paired with (files from two different bundles mixed, or one renewed without the other).",
        fix: "Install the key and certificate that were made together (from the same folder of one bundle). `dockcert inspect FOLDER` names the pair that does not match.",
    },
    Explanation {
        matched: "failed to parse private key",
        said_by: "dockerd at start, or the docker client",
        cause: "The key file is encrypted, or is not a private key. dockerd and the docker client cannot read encrypted keys.",
        fix: "Use the unencrypted leaf key from the bundle (dockcert never encrypts leaf keys) and protect it with its mode, 0400.",
    },
    Explanation {
        matched: "failed to find any pem data in key input",
        said_by: "dockerd at start, or the docker client",
        cause: "The file given as the key is not a PEM private key (often a certificate given where the key belongs, or an empty file).",
        fix: "Check --tlskey / tlskey in daemon.json / DOCKER_CERT_PATH/key.pem: it must be the key (BEGIN PRIVATE KEY). `dockcert inspect FOLDER` says what each file is.",
    },
    Explanation {
        matched: "client sent an http request to an https server",
        said_by: "dockerd",
        cause: "The client spoke plain HTTP to dockerd's TLS port: DOCKER_TLS_VERIFY (or --tlsverify) is not set in the client.",
        fix: "Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH (`. ./docker.env`), use --tlsverify with the client's files, or use the docker context that docker-context.sh creates.",
    },
    Explanation {
        matched: "server gave http response to https client",
        said_by: "the docker client",
        cause: "The client speaks TLS, but that port serves plain HTTP: dockerd there was started without TLS (often -H tcp://0.0.0.0:2375).",
        fix: "Start dockerd with the bundle's daemon.json (tlsverify, tlscacert, tlscert, tlskey) and restart it; never serve the API on TCP without TLS.",
    },
    Explanation {
        matched: "first record does not look like a tls handshake",
        said_by: "the docker client",
        cause: "The client speaks TLS, and the port answers with something else: plain-HTTP dockerd, or another service on that port.",
        fix: "Check that dockerd listens with TLS on that port (`ss -ltnp | grep 2376` on the host) and that daemon.json or the flags enable tlsverify.",
    },
    Explanation {
        matched: "specified both as a flag and in the configuration file",
        said_by: "dockerd at start",
        cause: "A setting (usually hosts) is in /etc/docker/daemon.json and also given as a flag: the stock docker.service starts `dockerd -H fd://`.",
        fix: "Install dockcert's systemd drop-in (docker.service.d/dockcert.conf: `ExecStart=` then `ExecStart=/usr/bin/dockerd`), then `systemctl daemon-reload && systemctl restart docker`; or drop the setting from one of the two places.",
    },
    Explanation {
        matched: "unable to configure the docker daemon with file",
        said_by: "dockerd at start",
        cause: "/etc/docker/daemon.json is not valid JSON, or has a key dockerd does not know.",
        fix: "Check it with `python3 -m json.tool /etc/docker/daemon.json`; dockcert's daemon.json is valid as made, but merging by hand often leaves a trailing comma.",
    },
    Explanation {
        matched: "could not read ca certificate",
        said_by: "the docker client, or dockerd at start",
        cause: "The CA file named by --tlscacert, tlscacert or DOCKER_CERT_PATH/ca.pem is missing or unreadable.",
        fix: "Install the files (`./install.sh`) and check the path; the docker client looks for ca.pem, cert.pem and key.pem in DOCKER_CERT_PATH (default ~/.docker).",
    },
    Explanation {
        matched: "open /etc/docker/",
        said_by: "dockerd at start",
        cause: "dockerd cannot open a file daemon.json names: it is not installed there, or the install directory differs.",
        fix: "Run the host's install.sh as root (it puts ca.pem, server-cert.pem and server-key.pem where daemon.json says), or fix the paths in daemon.json.",
    },
    Explanation {
        matched: "is the docker daemon running",
        said_by: "the docker client",
        cause: "Nothing answered at that address: dockerd is not running, listens elsewhere (hosts in daemon.json, -H), or a firewall drops the connection.",
        fix: "On the host: `systemctl status docker`, `ss -ltnp | grep 2376`; check DOCKER_HOST's port; with dockcert's firewall rules, check your network is in --allow-from.",
    },
    Explanation {
        matched: "connection refused",
        said_by: "the docker client",
        cause: "The host answered but nothing listens on that port: dockerd is stopped or listens on another address or port.",
        fix: "Check `ss -ltnp` on the host and the hosts entry in daemon.json (tcp://0.0.0.0:2376 listens on every interface).",
    },
];

/// Every known message found in `text` (a pasted error, any case).
pub fn explain(text: &str) -> Vec<&'static Explanation> {
    let lower = text.to_ascii_lowercase();
    KNOWN
        .iter()
        .filter(|e| lower.contains(&e.matched.to_ascii_lowercase()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_messages_are_recognised() {
        let cases = [
            ("error during connect: Get \"https://h:2376/v1.50/version\": tls: failed to verify certificate: x509: certificate relies on legacy Common Name field, use SANs instead", "legacy Common Name"),
            ("x509: certificate is valid for docker.dockcert.test, not other.dockcert.test", "certificate is valid for"),
            ("remote error: tls: bad certificate", "bad certificate"),
            ("Error response from daemon: Client sent an HTTP request to an HTTPS server.", "http request to an https"),
            ("unable to configure the Docker daemon with file /etc/docker/daemon.json: the following directives are specified both as a flag and in the configuration file: hosts: (from flag: [fd://], from file: [unix:///var/run/docker.sock])", "specified both"),
        ];
        for (text, needle) in cases {
            let found = explain(text);
            assert!(
                found.iter().any(|e| e
                    .matched
                    .to_ascii_lowercase()
                    .contains(&needle.to_ascii_lowercase())),
                "{text}"
            );
        }
        assert!(explain("something else entirely").is_empty());
    }
}
