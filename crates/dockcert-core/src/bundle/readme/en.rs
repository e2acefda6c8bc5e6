//! README.txt's prose in English: the words operators search for.

use super::prose::Prose;
use crate::docker;

/// `piece` in English.
pub(super) fn text(piece: &Prose<'_>) -> String {
    match *piece {
        Prose::Title => "dockcert bundle: TLS for the Docker daemon's remote API\n".to_owned(),
        Prose::MadeBy {
            version,
            created,
            key_type,
        } => format!("Made by dockcert {version} on {created}, with {key_type} keys.\n"),
        Prose::Ca { name, expires } => {
            format!("CA:                      \"{name}\", expires {expires}\n")
        }
        Prose::CaFingerprint { fingerprint } => {
            format!("CA fingerprint (SHA-256): {fingerprint}\n")
        }
        Prose::LeavesExpire { expires, days } => {
            format!("Host and client certificates expire {expires} ({days} days).\n")
        }
        Prose::NoRevocation => "\n\
            dockerd has no revocation list: a certificate works until it expires. To cut a\n\
            client off before then, make a new CA and new certificates for everyone else.\n\
            Renew in good time before the dates above.\n"
            .to_owned(),
        Prose::Warnings => "\nWARNINGS\n".to_owned(),
        Prose::WhatIsHere => "\nWHAT IS HERE\n".to_owned(),
        Prose::TableHead { width } => format!("  {:width$}  mode  what it is\n", "path"),
        Prose::KeepCa => "\n\
            Keep ca/ on this machine or offline media. ca-key.pem signs new certificates; it\n\
            never goes on a Docker host or a client. inventory.jsonl lists every certificate\n\
            this CA issued; keep it beside ca-key.pem, where dockcert issue and renew add to\n\
            it, and dockcert expiry reads it.\n"
            .to_owned(),
        Prose::NoCaKey => "\n\
            ca/ holds the CA's certificate alone, as hosts and clients have it: this bundle\n\
            holds no CA key, and nothing in it signs new certificates.\n"
            .to_owned(),
        Prose::InventoryUpdated => "\n\
            ca/ holds the CA's certificate, as hosts and clients have it, and no CA key:\n\
            nothing in this bundle signs new certificates. ca/inventory.jsonl is the CA's\n\
            inventory with this bundle's certificates added. The one beside the CA's key is\n\
            the record (dockcert issue and renew add to it there); from the page, put this\n\
            one there in place of the one given.\n"
            .to_owned(),
        Prose::OnEachHost => "\nON EACH DOCKER HOST\n".to_owned(),
        Prose::Host { name, sans, listen } => {
            format!("\n  {name}  (reached as {sans}; listens on {listen})\n")
        }
        Prose::CopyServerFolder { name } => {
            format!("    Copy server/{name}/ to the host, then in that folder run:\n")
        }
        Prose::ServerInstall { dir } => format!(
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
             aside) or that another user owns.\n",
            daemon = docker::DAEMON_JSON_PATH,
            dropin = docker::DROP_IN_PATH,
        ),
        Prose::WhyDropIn => format!(
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
        ),
        Prose::OnEachClient => "\nON EACH CLIENT\n".to_owned(),
        Prose::Client { name } => format!(
            "\n  {name}\n    Copy client/{name}/ to the machine, then in that folder run, as the user who runs docker:\n"
        ),
        Prose::ClientInstall { dir } => format!(
            "    install.sh puts ca.pem, cert.pem and key.pem in {dir} (modes 0444, 0444,\n    \
             0400). Or load docker.env into the shell instead of using contexts:\n      \
             . ./docker.env && docker version\n"
        ),
        Prose::ContextsCreated => "    The contexts docker-context.sh creates:\n".to_owned(),
        Prose::ContextImport => "    \
            Or, without install.sh, import a host's context file (docker keeps its own\n    \
            copy of the files, readable only by you):\n"
            .to_owned(),
        Prose::ContextImportLine { context, file } => format!(
            "      docker context import {context} {file}   then: docker --context {context} version\n"
        ),
        Prose::EtcHosts => "    \
            If no DNS server knows a host's name, add its line to /etc/hosts on the\n    \
            client (as root); the certificate holds both the name and the address:\n"
            .to_owned(),
        Prose::CheckIt { client, url, https } => format!(
            "\nCHECK IT\n  From client/{client}/, without installing anything:\n    \
             docker --tlsverify --tlscacert=ca.pem --tlscert=cert.pem --tlskey=key.pem -H {url} version\n  \
             A client without a certificate must be refused:\n    \
             curl --cacert ca.pem {https}/version     (fails: the host asks for a certificate)\n"
        ),
        Prose::ExistingClients => "\nON EACH CLIENT THIS CA HAS ALREADY\n".to_owned(),
        Prose::WithAnsible => "\nWITH ANSIBLE\n  \
            ansible/inventory.yml lists every host (group dockcert_hosts) with the address\n  \
            Ansible reaches it by and its files in this bundle; ansible/dockcert.yml does on\n  \
            each what its install.sh does (files owned by root, modes 0444, 0444, 0400;\n  \
            dockcert's settings merged into daemon.json, the host's others kept; the\n  \
            drop-in) and restarts docker only on a host where something changed. It\n  \
            also installs the daily expiry check as install.sh --expiry-check does, and\n  \
            enables its timer where systemd runs (elsewhere its cron line runs it). From\n  \
            this bundle's top folder:\n    \
            ansible-playbook -i ansible/inventory.yml ansible/dockcert.yml --check --diff\n    \
            ansible-playbook -i ansible/inventory.yml ansible/dockcert.yml\n  \
            Where dockerd is /usr/sbin/dockerd (Debian's and Ubuntu's docker.io), add\n  \
            -e dockcert_dockerd=/usr/sbin/dockerd. -e dockcert_expiry_check=false leaves\n  \
            the check out; -e dockcert_textfile_dir=DIR has it write its metric\n  \
            (dockcert.prom) to node_exporter's textfile folder DIR (without it: to\n  \
            /var/lib/prometheus/node-exporter or /var/lib/node_exporter/textfile_collector\n  \
            when one is there). The playbook's opening comment lists its other variables.\n"
            .to_owned(),
        Prose::WithPrometheus => "\nWITH PROMETHEUS\n  \
            prometheus/dockcert.rules.yml alerts before a certificate ends: a warning from\n  \
            30 days, critical from 7 and once it has ended. It reads the metric\n  \
            dockcert_certificate_not_after_seconds that `dockcert expiry --prometheus`\n  \
            writes (for node_exporter's textfile collector). Copy it next to prometheus.yml,\n  \
            list it there and reload Prometheus:\n    \
            rule_files:\n      \
            - dockcert.rules.yml\n"
            .to_owned(),
        Prose::Dind {
            cert_dir,
            port,
            name,
            url,
        } => format!(
            "\nKeep ca/ on this machine or offline media; certs/ never holds the CA key.\n\
             \nWITH DOCKER:DIND\n  \
             certs/ is the tree the docker:dind image's entrypoint reads under\n  \
             DOCKER_TLS_CERTDIR ({cert_dir}): ca/cert.pem, server/{{ca,cert,key}}.pem and\n  \
             client/{{ca,cert,key}}.pem. Without ca/key.pem there, the entrypoint uses these\n  \
             files (it checks them with openssl verify) instead of making throwaway ones,\n  \
             and starts dockerd with --tlsverify on port {port} (whatever --listen said).\n\
             \n  With compose, in this folder:\n    \
             docker compose up          (dind, and a client container that runs docker version)\n\
             \n  By hand:\n    \
             docker run -d --privileged --name dind -p {port}:{port} -e DOCKER_TLS_CERTDIR={cert_dir} \\\n      \
             -v \"$PWD/certs/ca:{cert_dir}/ca:ro\" -v \"$PWD/certs/server:{cert_dir}/server:ro\" docker:dind\n  \
             and a client that reaches it as {url} (a name among the certificate's\n  \
             SANs; where no DNS server knows {name}, map it in /etc/hosts):\n    \
             DOCKER_HOST={url} DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=\"$PWD/certs/client\" docker version\n\
             \n  In GitLab CI: gitlab-ci.yml has the job, and the runner setting that mounts\n  \
             certs/ into it.\n"
        ),
    }
}
