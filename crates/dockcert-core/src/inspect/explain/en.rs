//! The explanations in English: the words operators search for.

use super::message::{Explanation, SaidBy};

/// Who says a message, in English.
pub(super) fn said_by(s: SaidBy) -> &'static str {
    match s {
        SaidBy::Client => "the docker client",
        SaidBy::ClientOrDaemonAboutClient => "the docker client (or dockerd, about a client)",
        SaidBy::ClientOrDaemon => "the docker client (or dockerd)",
        SaidBy::ClientForDaemon => "the docker client, reporting dockerd's refusal",
        SaidBy::DaemonAtStartOrClient => "dockerd at start, or the docker client",
        SaidBy::Daemon => "dockerd",
        SaidBy::DaemonAtStart => "dockerd at start",
        SaidBy::ClientOrDaemonAtStart => "the docker client, or dockerd at start",
    }
}

/// The cause and the fix of `e`, in English.
pub(super) fn words(e: Explanation) -> (&'static str, &'static str) {
    match e {
        Explanation::LegacyCommonName => (
            "The host's certificate names the host only in its Common Name and has no subjectAltName. Go (and so docker) stopped accepting the Common Name in 2020 (Go 1.15); the classic openssl recipe makes exactly this certificate.",
            "Issue the host a certificate with every name and address as a SAN: `dockcert renew server-cert.pem --ca-cert ca.pem --ca-key ca-key.pem --out renewed.zip` adds the CN as a SAN. `dockcert inspect server-cert.pem` shows what it has.",
        ),
        Explanation::NoIpSans => (
            "You dial the host by IP address, and its certificate has no IP address among its SANs.",
            "Dial a DNS name the certificate has (`dockcert inspect server-cert.pem` lists them), or issue it again with the address: `dockcert issue --server NAME,10.0.0.5 ...`.",
        ),
        Explanation::NotValidFor => (
            "The name or address in DOCKER_HOST (or -H, or the context) is not among the host certificate's SANs. The message lists the names it is valid for.",
            "Dial one of the names listed, or issue the host's certificate again with this name too (`dockcert issue --server NAME,OTHER-NAME,ADDRESS ...`); check with `dockcert inspect server-cert.pem --host NAME`.",
        ),
        Explanation::UnknownAuthority => (
            "The certificate was not signed by the CA that the other side trusts: the client's ca.pem is not the CA that issued the host's certificate (or the host's tlscacert is not the client's CA), or an old ca.pem is still in DOCKER_CERT_PATH or the docker context.",
            "Use the same CA on both sides: the ca.pem from the bundle that made the host's certificate. `dockcert inspect FOLDER` shows which CA signed each certificate.",
        ),
        Explanation::Expired => (
            "A certificate's dates do not include the current time: it expired, or a clock is wrong (a certificate made just now on a machine whose clock is ahead is \"not yet valid\" elsewhere).",
            "Check both machines' clocks (`date -u`). If it expired, renew it: `dockcert renew CERT.pem --ca-cert ca.pem --ca-key ca-key.pem --out renewed.zip`. dockerd has no revocation: expiry is how access ends.",
        ),
        Explanation::BadCertificate => (
            "dockerd (with tlsverify) refused the client's certificate: none was sent, it was not signed by dockerd's tlscacert, it lacks the clientAuth usage (a server certificate used as a client's), or it expired.",
            "Give docker the client's cert.pem and key.pem (DOCKER_CERT_PATH, --tlscert/--tlskey, or a docker context) from a bundle of the same CA as the host. `dockcert inspect client-folder` checks them.",
        ),
        Explanation::CertificateRequired => (
            "dockerd requires a client certificate (tlsverify) and the client sent none.",
            "Point docker at the client's files: `. ./docker.env`, or `docker --tlsverify --tlscacert=ca.pem --tlscert=cert.pem --tlskey=key.pem -H tcp://HOST:2376 ...`, or a docker context (docker-context.sh).",
        ),
        Explanation::UnknownCa => (
            "dockerd does not know the CA that signed the client's certificate: its tlscacert is another CA.",
            "Install on the host the ca.pem of the CA that issued the client certificates (`sudo ./install.sh` from the same bundle), or issue the client from the host's CA.",
        ),
        Explanation::IncompatibleUsage => (
            "A certificate's extendedKeyUsage does not allow what it is used for: the host presents a client certificate, or a client presents a server certificate.",
            "Hosts need serverAuth (server-cert.pem), clients clientAuth (cert.pem); `dockcert inspect` shows each certificate's usage. Issue the right kind with `dockcert issue --server ...` or `--client ...`.",
        ),
        Explanation::KeyMismatch => (
            "The key file is not the key of the certificate it is paired with (files from two different bundles mixed, or one renewed without the other).",
            "Install the key and certificate that were made together (from the same folder of one bundle). `dockcert inspect FOLDER` names the pair that does not match.",
        ),
        Explanation::UnreadableKey => (
            "The key file is encrypted, or is not a private key. dockerd and the docker client cannot read encrypted keys.",
            "Use the unencrypted leaf key from the bundle (dockcert never encrypts leaf keys) and protect it with its mode, 0400.",
        ),
        Explanation::NoPemKey => (
            "The file given as the key is not a PEM private key (often a certificate given where the key belongs, or an empty file).",
            "Check --tlskey / tlskey in daemon.json / DOCKER_CERT_PATH/key.pem: it must be the key (BEGIN PRIVATE KEY). `dockcert inspect FOLDER` says what each file is.",
        ),
        Explanation::HttpToHttps => (
            "The client spoke plain HTTP to dockerd's TLS port: DOCKER_TLS_VERIFY (or --tlsverify) is not set in the client.",
            "Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH (`. ./docker.env`), use --tlsverify with the client's files, or use the docker context that docker-context.sh creates.",
        ),
        Explanation::HttpToTls => (
            "The client speaks TLS, but that port serves plain HTTP: dockerd there was started without TLS (often -H tcp://0.0.0.0:2375).",
            "Start dockerd with the bundle's daemon.json (tlsverify, tlscacert, tlscert, tlskey) and restart it; never serve the API on TCP without TLS.",
        ),
        Explanation::NotTls => (
            "The client speaks TLS, and the port answers with something else: plain-HTTP dockerd, or another service on that port.",
            "Check that dockerd listens with TLS on that port (`ss -ltnp | grep 2376` on the host) and that daemon.json or the flags enable tlsverify.",
        ),
        Explanation::FlagAndFile => (
            "A setting (usually hosts) is in /etc/docker/daemon.json and also given as a flag: the stock docker.service starts `dockerd -H fd://`.",
            "Install dockcert's systemd drop-in (docker.service.d/dockcert.conf: `ExecStart=` then `ExecStart=/usr/bin/dockerd`), then `systemctl daemon-reload && systemctl restart docker`; or drop the setting from one of the two places.",
        ),
        Explanation::BadDaemonJson => (
            "/etc/docker/daemon.json is not valid JSON, or has a key dockerd does not know.",
            "Check it with `python3 -m json.tool /etc/docker/daemon.json`; dockcert's daemon.json is valid as made, but merging by hand often leaves a trailing comma.",
        ),
        Explanation::NoCaFile => (
            "The CA file named by --tlscacert, tlscacert or DOCKER_CERT_PATH/ca.pem is missing or unreadable.",
            "Install the files (`./install.sh`) and check the path; the docker client looks for ca.pem, cert.pem and key.pem in DOCKER_CERT_PATH (default ~/.docker).",
        ),
        Explanation::MissingFile => (
            "dockerd cannot open a file daemon.json names: it is not installed there, or the install directory differs.",
            "Run the host's install.sh as root (it puts ca.pem, server-cert.pem and server-key.pem where daemon.json says), or fix the paths in daemon.json.",
        ),
        Explanation::NotRunning => (
            "Nothing answered at that address: dockerd is not running, listens elsewhere (hosts in daemon.json, -H), or a firewall drops the connection.",
            "On the host: `systemctl status docker`, `ss -ltnp | grep 2376`; check DOCKER_HOST's port; with dockcert's firewall rules, check your network is in --allow-from.",
        ),
        Explanation::ConnectionRefused => (
            "The host answered but nothing listens on that port: dockerd is stopped or listens on another address or port.",
            "Check `ss -ltnp` on the host and the hosts entry in daemon.json (tcp://0.0.0.0:2376 listens on every interface).",
        ),
    }
}
