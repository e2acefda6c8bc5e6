//! The next steps' notes in English.

use super::note::StepNote;

/// `note` in English.
pub(super) fn text(note: &StepNote) -> String {
    match note {
        StepNote::ExistingClients { cert_dir } => format!(
            "Each client that already has a certificate from this CA reaches the hosts in \
             this bundle with the files it has: its install.sh put ca.pem, cert.pem and \
             key.pem in {cert_dir} (CLIENT is the client's name; ls $HOME/.docker/dockcert/ \
             lists them). On that client, as the user who runs docker (skip a host it has a \
             context for already):"
        ),
        StepNote::ExistingClientsScript => "Or, in that client's folder from the earlier \
             bundle, docker-context.sh makes the same contexts, each named as the address it \
             dials:"
            .to_owned(),
        StepNote::LiveRestore => "`systemctl restart docker` stops every running container \
             unless dockerd has live-restore on. --live-restore adds \"live-restore\": true to \
             daemon.json (the host's other settings kept; leave it out to keep the host as it \
             is), and `systemctl reload docker` turns it on in the running dockerd without \
             stopping anything, so that the restart, which reads the new certificates, leaves \
             containers running: restart once docker info says true. If it says false, the \
             restart stops them this once (restart at a quiet moment); so it does on a first \
             install, whose dockerd, started with -H fd://, refuses to reload a daemon.json \
             that names its hosts."
            .to_owned(),
        StepNote::FirewalldRules { port, nets } => format!(
            "Open port {port}/tcp to {nets} alone. firewalld (on by default on RHEL, CentOS \
             and openEuler) blocks it until then; these are its rules \
             (firewall/firewalld.sh [ZONE] adds the same to a zone you name):"
        ),
        StepNote::NftablesRules => "Or with nftables: firewall/nftables.conf is a table of \
             its own that lets only those networks (and local connections) reach the port; \
             loading it again replaces it; include it from /etc/nftables.conf to keep it \
             across reboots:"
            .to_owned(),
        StepNote::OpenPort { port } => format!(
            "Open port {port}/tcp: firewalld (on by default on RHEL, CentOS and openEuler) \
             blocks it. Opened so, any address reaches the port and TLS alone decides who gets \
             in; to let in only your clients' networks, make the bundle with --allow-from CIDR \
             (on the page: Client networks (firewall)), which adds firewalld and nftables rules \
             for just those:"
        ),
        StepNote::ExpiryCheck => "--expiry-check installs a daily check of when this \
             host's certificates end (/usr/local/sbin/dockcert-expiry-check, run by the \
             dockcert-expiry.timer, or by /etc/cron.d/dockcert-expiry without systemd): from 30 \
             days before the end it logs a warning to the journal or syslog, an error from 7 \
             days, and it writes dockcert.prom for node_exporter's textfile collector when that \
             folder exists. It needs no dockcert on the host; leave the flag out to install \
             none of it. When it runs next, and what it said:"
            .to_owned(),
        StepNote::CheckFails => "If docker version fails: \"Cannot connect to the Docker \
             daemon at tcp://...\" after some seconds is a timeout: a firewall drops the port, or \
             the address is wrong; the same at once means nothing listens on that port (dockerd \
             not restarted yet, or listening elsewhere: ss -ltn on the host). \"error during \
             connect: ... no route to host\" is a firewall rejecting the port (firewalld does \
             so). \"tls: ...\" or \"x509: ...\" is about the certificates: dockcert inspect \
             --explain 'MESSAGE' says what it means."
            .to_owned(),
    }
}
