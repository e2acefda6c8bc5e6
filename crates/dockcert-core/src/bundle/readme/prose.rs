//! README.txt's prose, piece by piece, with the values each piece names:
//! the layout (`mod.rs`) decides which pieces a bundle needs and in what
//! order; `en.rs` and `zh.rs` word them. Commands, paths, flags and file
//! names are the same in both languages; only the prose around them changes.

/// One piece of README.txt's prose. Each ends with its own newline.
pub(in crate::bundle) enum Prose<'a> {
    /// The title, without its underline.
    Title,
    /// Which dockcert made the bundle, when, with which keys.
    MadeBy {
        /// dockcert's version.
        version: &'a str,
        /// When, to the minute.
        created: &'a str,
        /// The key type's name.
        key_type: &'a str,
    },
    /// The CA's name and expiry.
    Ca {
        /// Its Common Name.
        name: &'a str,
        /// Its expiry date.
        expires: &'a str,
    },
    /// The CA's SHA-256 fingerprint.
    CaFingerprint {
        /// Colon-separated hex.
        fingerprint: &'a str,
    },
    /// When the host and client certificates expire.
    LeavesExpire {
        /// Their expiry date.
        expires: &'a str,
        /// Their validity in days.
        days: u32,
    },
    /// dockerd has no revocation: renew in time.
    NoRevocation,
    /// The heading of the warnings.
    Warnings,
    /// The heading of the table of files.
    WhatIsHere,
    /// The table's column names, the first `width` columns wide.
    TableHead {
        /// The path column's width.
        width: usize,
    },
    /// Where ca/ stays.
    KeepCa,
    /// From an existing CA: ca/ holds no key.
    NoCaKey,
    /// From an existing CA whose inventory was handed in: ca/ holds no key,
    /// and the inventory updated (in place of [`Prose::NoCaKey`]).
    InventoryUpdated,
    /// The heading of the hosts' part.
    OnEachHost,
    /// A host's name, its SANs and where it listens.
    Host {
        /// Its name.
        name: &'a str,
        /// Its SANs, comma-separated.
        sans: &'a str,
        /// Its listen address.
        listen: &'a str,
    },
    /// Copy the host's folder and run, in it:
    CopyServerFolder {
        /// The host's name.
        name: &'a str,
    },
    /// What the host's install.sh does and refuses to do.
    ServerInstall {
        /// Where it puts the host's files.
        dir: &'a str,
    },
    /// Why the systemd drop-in, and the flags for hosts without systemd.
    WhyDropIn,
    /// The heading of the clients' part.
    OnEachClient,
    /// A client's name, and copy its folder and run, in it:
    Client {
        /// Its name.
        name: &'a str,
    },
    /// What the client's install.sh does, and docker.env instead.
    ClientInstall {
        /// Where it puts the client's files.
        dir: &'a str,
    },
    /// The heading of the `docker context create` commands.
    ContextsCreated,
    /// Importing a context file instead.
    ContextImport,
    /// One context file's import command.
    ContextImportLine {
        /// The context's name.
        context: &'a str,
        /// The context file's name.
        file: &'a str,
    },
    /// Without DNS, the hosts file entries below.
    EtcHosts,
    /// How to check the first host from the first client.
    CheckIt {
        /// The client's name.
        client: &'a str,
        /// The host's `tcp://` address.
        url: &'a str,
        /// The same as `https://`.
        https: &'a str,
    },
    /// The heading of the part for the clients an existing CA already has.
    ExistingClients,
    /// Installing every host with the Ansible playbook.
    WithAnsible,
    /// Alerting on the certificates' ends with the Prometheus rules file.
    WithPrometheus,
    /// The dind layout: where ca/ stays, what certs/ is, how to run it.
    Dind {
        /// `DOCKER_TLS_CERTDIR`.
        cert_dir: &'a str,
        /// The port dind's dockerd listens on.
        port: u16,
        /// The name the client dials.
        name: &'a str,
        /// The client's `DOCKER_HOST`.
        url: &'a str,
    },
}
