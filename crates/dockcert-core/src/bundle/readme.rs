//! README.txt: what each file is, where it goes, the commands to run, the
//! expiry dates and the warnings, in plain words for the operator.

use std::fmt::Write;

use super::contents::{Described, FileFacts};
use super::layout::{self, FileKind, Folder};
use super::steps::NextSteps;
use crate::docker;
use crate::pki;

/// README.txt for the bundle `about`, listing `files` plus README.txt and
/// manifest.json.
pub(crate) fn render(about: &Described<'_>, files: &[FileFacts]) -> String {
    let plan = about.plan;
    let mut t = String::new();
    intro(&mut t, about);
    what_is_here(&mut t, files);
    t.push_str(
        "\nKeep ca/ on this machine or offline media. ca-key.pem signs new certificates; it\n\
         never goes on a Docker host or a client.\n",
    );
    hosts_and_clients(&mut t, plan);
    if plan.ansible {
        with_ansible(&mut t);
    }
    // A CA made elsewhere may name itself with escapes or bidi overrides.
    crate::show::safe_owned(t)
}

/// The title, where the bundle came from, the expiry dates and the warnings.
pub(crate) fn intro(t: &mut String, about: &Described<'_>) {
    let plan = about.plan;
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
}

/// The table of every file (README.txt and manifest.json first), with its
/// mode and what it is.
pub(crate) fn what_is_here(t: &mut String, files: &[FileFacts]) {
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
}

/// How to install every host at once with the playbook in ansible/.
fn with_ansible(t: &mut String) {
    t.push_str(
        "\nWITH ANSIBLE\n  \
         ansible/inventory.yml lists every host (group dockcert_hosts) with the address\n  \
         Ansible reaches it by and its files in this bundle; ansible/dockcert.yml does on\n  \
         each what its install.sh does (files owned by root, modes 0444, 0444, 0400;\n  \
         dockcert's settings merged into daemon.json, the host's others kept; the\n  \
         drop-in) and restarts docker only on a host where something changed. From\n  \
         this bundle's top folder:\n    \
         ansible-playbook -i ansible/inventory.yml ansible/dockcert.yml --check --diff\n    \
         ansible-playbook -i ansible/inventory.yml ansible/dockcert.yml\n  \
         Where dockerd is /usr/sbin/dockerd (Debian's and Ubuntu's docker.io), add\n  \
         -e dockcert_dockerd=/usr/sbin/dockerd. The playbook's opening comment lists\n  \
         its other variables.\n",
    );
}

/// What to do on each host and each client, and how to check it.
fn hosts_and_clients(t: &mut String, plan: &crate::plan::Plan) {
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
         On hosts without systemd, the same settings come as flags, in three forms:\n  \
         dockerd-flags.txt (the bare flags, to run dockerd by hand), default-docker\n  \
         (DOCKER_OPTS=\"...\" for /etc/default/docker: older Debian and Ubuntu hosts\n  \
         with sysvinit or upstart) and sysconfig-docker (OPTIONS=\"...\" for\n  \
         /etc/sysconfig/docker: RHEL and CentOS hosts with their own docker package).\n  \
         Put ca.pem, server-cert.pem and server-key.pem in place as install.sh does,\n  \
         then use one of these instead of daemon.json and the drop-in, never together.\n",
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
        if plan.servers.is_empty() {
            continue;
        }
        t.push_str("    The contexts docker-context.sh creates:\n");
        for server in &plan.servers {
            let _ = writeln!(
                t,
                "      {}",
                docker::context_create_command(client, server, &docker::client_cert_dir(client))
            );
        }
        t.push_str(
            "    Or, without install.sh, import a host's context file (docker keeps its own\n    \
             copy of the files, readable only by you):\n",
        );
        for server in &plan.servers {
            let name = docker::context_name(server);
            let _ = writeln!(
                t,
                "      docker context import {name} {}   then: docker --context {name} version",
                docker::context_file_name(server)
            );
        }
        let lines: Vec<String> = plan
            .servers
            .iter()
            .filter_map(docker::etc_hosts_line)
            .collect();
        if !lines.is_empty() {
            t.push_str(
                "    If no DNS server knows a host's name, add its line to /etc/hosts on the\n    \
             client (as root); the certificate holds both the name and the address:\n",
            );
            for line in lines {
                let _ = writeln!(t, "      {line}");
            }
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
}
