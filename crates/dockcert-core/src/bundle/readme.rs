//! README.txt: what each file is, where it goes, the commands to run, the
//! expiry dates and the warnings, in plain words for the operator.

use std::fmt::Write;

use super::contents::{BundleFile, Described};
use super::layout::{self, FileKind, Folder};
use super::steps::NextSteps;
use crate::docker;
use crate::pki;

/// README.txt for the bundle `about`, listing `files` plus README.txt and
/// manifest.json.
pub(crate) fn render(about: &Described<'_>, files: &[BundleFile]) -> String {
    let plan = about.plan;
    let mut t = String::new();
    let title = "dockcert bundle: TLS for the Docker daemon's remote API";
    let _ = writeln!(t, "{title}\n{}\n", "=".repeat(title.len()));
    let _ = writeln!(
        t,
        "Made by dockcert {} on {}, with {} keys.",
        crate::VERSION,
        pki::minute(about.created),
        plan.key_type
    );
    if let Some(ca) = about.ca() {
        let _ = writeln!(
            t,
            "CA:                      \"{}\", expires {}",
            ca.name,
            pki::day(ca.not_after)
        );
        let _ = writeln!(t, "CA fingerprint (SHA-256): {}", ca.fingerprint_sha256);
    }
    if let Some(leaf) = about.certificates.get(1) {
        let _ = writeln!(
            t,
            "Host and client certificates expire {} ({} days).",
            pki::day(leaf.info.not_after),
            plan.days
        );
    }
    t.push_str(
        "\ndockerd has no revocation list: a certificate works until it expires. To cut a\n\
         client off before then, make a new CA and new certificates for everyone else.\n\
         Renew in good time before the dates above.\n",
    );

    if !about.warnings.is_empty() {
        t.push_str("\nWARNINGS\n");
        for w in about.warnings {
            let _ = writeln!(t, "  - {w}");
        }
    }

    t.push_str("\nWHAT IS HERE\n");
    let width = files
        .iter()
        .map(|f| f.path.len())
        .max()
        .unwrap_or(20)
        .max(14);
    let _ = writeln!(t, "  {:width$}  mode  what it is", "path");
    let mut rows = vec![
        (Folder::Top.path_of(FileKind::Readme), FileKind::Readme),
        (Folder::Top.path_of(FileKind::Manifest), FileKind::Manifest),
    ];
    rows.extend(files.iter().map(|f| (f.path.clone(), f.kind)));
    for (path, kind) in rows {
        let spec = kind.spec();
        let _ = writeln!(
            t,
            "  {path:width$}  {}  {}",
            layout::mode_text(spec.mode),
            spec.purpose
        );
    }
    t.push_str(
        "\nKeep ca/ on this machine or offline media. ca-key.pem signs new certificates; it\n\
         never goes on a Docker host or a client.\n",
    );

    let steps = NextSteps::for_plan(plan);
    t.push_str("\nON EACH DOCKER HOST\n");
    for (server, (_, commands)) in plan.servers.iter().zip(&steps.servers) {
        let names: Vec<String> = server.sans.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            t,
            "\n  {}  (reached as {}; listens on {})",
            server.name,
            names.join(", "),
            server.listen
        );
        let _ = writeln!(
            t,
            "    Copy server/{}/ to the host, then in that folder run:",
            server.name
        );
        for c in commands {
            let _ = writeln!(t, "      {c}");
        }
        let _ = writeln!(
            t,
            "    install.sh puts ca.pem, server-cert.pem and server-key.pem in {dir}\n    \
             (owner root, modes 0444, 0444, 0400) and the drop-in in\n    \
             {dropin}, and adds tlsverify,\n    \
             tlscacert, tlscert, tlskey and hosts to {daemon}: the\n    \
             host's other settings there stay as they are. It checks everything\n    \
             before it writes anything. Only with --force does it replace a different\n    \
             existing file, a symbolic link (the link itself: it never writes through\n    \
             one), or a daemon.json setting of dockcert's that the host sets to another\n    \
             value; the old file is kept as NAME.dockcert-backup-TIME. It writes nothing\n    \
             under a folder that group or others may write to (a sticky one like /tmp\n    \
             aside) or that another user owns.",
            dir = server.install_dir,
            daemon = docker::DAEMON_JSON_PATH,
            dropin = docker::DROP_IN_PATH,
        );
    }
    let _ = write!(
        t,
        "\n  Why the drop-in: the stock docker.service starts `dockerd -H fd://`, and\n  \
         dockerd refuses to start when hosts are given both as a flag and in\n  \
         daemon.json (\"the following directives are specified both as a flag and in\n  \
         the configuration file: hosts\"). The drop-in clears ExecStart and starts\n  \
         dockerd with no -H, so daemon.json's hosts ({} and tcp://LISTEN) apply.\n  \
         On hosts without systemd, dockerd-flags.txt has the same settings as flags:\n  \
         use them instead of daemon.json, never together with it.\n",
        docker::UNIX_SOCKET
    );

    let fenced: Vec<_> = plan
        .servers
        .iter()
        .filter(|s| !s.allow_from.is_empty())
        .collect();
    if !fenced.is_empty() {
        t.push_str(
            "\n  Firewall: TLS decides who may talk to dockerd; a firewall decides who may\n  \
             even knock. Each host folder also has firewall/nftables.conf and\n  \
             firewall/firewalld.sh, which let only the allowed client networks (and local\n  \
             connections) reach the TLS port and drop everyone else on that port:\n",
        );
        for server in fenced {
            let nets: Vec<String> = server.allow_from.iter().map(ToString::to_string).collect();
            let _ = writeln!(
                t,
                "    {}: port {} from {}",
                server.name,
                server.listen.port,
                nets.join(", ")
            );
        }
        t.push_str(
            "  With nftables:  sudo nft -f firewall/nftables.conf   (its own table; reloading\n  \
             replaces it; add `include` to /etc/nftables.conf to keep it across reboots).\n  \
             With firewalld: sudo ./firewall/firewalld.sh [ZONE]   (permanent rich rules).\n",
        );
    }

    t.push_str("\nON EACH CLIENT\n");
    for (client, (_, commands)) in plan.clients.iter().zip(&steps.clients) {
        let _ = writeln!(
            t,
            "\n  {}\n    Copy client/{}/ to the machine, then in that folder run, as the user who runs docker:",
            client.name, client.name
        );
        for c in commands {
            let _ = writeln!(t, "      {c}");
        }
        let _ = writeln!(
            t,
            "    install.sh puts ca.pem, cert.pem and key.pem in {} (modes 0444, 0444,\n    \
             0400). Or load docker.env into the shell instead of using contexts:\n      \
             . ./docker.env && docker version",
            docker::client_cert_dir(client)
        );
        t.push_str("    The contexts docker-context.sh creates:\n");
        for server in &plan.servers {
            let _ = writeln!(
                t,
                "      {}",
                docker::context_create_command(client, server, &docker::client_cert_dir(client))
            );
        }
    }
    if let (Some(server), Some(client)) = (plan.servers.first(), plan.clients.first()) {
        let _ = write!(
            t,
            "\nCHECK IT\n  From client/{client}/, without installing anything:\n    \
             docker --tlsverify --tlscacert=ca.pem --tlscert=cert.pem --tlskey=key.pem -H {url} version\n  \
             A client without a certificate must be refused:\n    \
             curl --cacert ca.pem {https}/version     (fails: the host asks for a certificate)\n",
            client = client.name,
            url = docker::docker_host(server),
            https = docker::docker_host(server).replacen("tcp://", "https://", 1),
        );
    }
    // A CA made elsewhere may name itself with escapes or bidi overrides.
    crate::show::safe(&t).into_owned()
}
