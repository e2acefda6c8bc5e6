//! The bundle's own files' words in English.

use super::{ScriptMessage, Words};

/// `message` in English, as shell or awk text.
pub(super) fn script(message: ScriptMessage) -> &'static str {
    use ScriptMessage::*;
    match message {
        HostHelp => {
            r#"install.sh: installs the Docker daemon's TLS files on the host "@NAME@".
# Made by dockcert @VERSION@. Run it as root on that host, from this folder:
#
#     sudo ./install.sh [--expiry-check [--textfile-dir DIR]] [--live-restore] [--force] [--root DIR]
#
# It puts ca.pem, server-cert.pem (0444) and server-key.pem (0400) in
# @INSTALL_DIR@ and the systemd drop-in in /etc/systemd/system/docker.service.d/,
# all owned by root, and adds dockcert's settings (tlsverify, tlscacert,
# tlscert, tlskey, hosts) to /etc/docker/daemon.json: the host's other
# settings there stay as they are. It checks everything before it writes anything:
# - it writes nothing under a folder that group or others may write to (sticky
#   ones like /tmp aside) or that belongs to another user, nor when
#   daemon.json is not a JSON object;
# - a file that differs, a symbolic link (never followed), or a daemon.json
#   setting of dockcert's that the host sets to another value is only replaced
#   with --force; the old file is kept as NAME.dockcert-backup-TIME.
# - a file it replaces keeps the old one's stricter mode (a daemon.json of
#   0600 stays 0600), and a folder that is there already keeps its own.
# --live-restore also adds "live-restore": true to daemon.json, so that
#   restarting dockerd leaves running containers running (without it,
#   `systemctl restart docker` stops them all); a host that sets it otherwise
#   keeps its value unless --force.
# --expiry-check also installs a daily check of when the certificates end
#   (/usr/local/sbin/dockcert-expiry-check, with /etc/dockcert/certificates.tsv,
#   a systemd timer and a cron line): it logs a warning 30 days before the end,
#   an error from 7 days. A renewed bundle's install.sh tells it the new ends.
# --textfile-dir DIR (with --expiry-check) has the check write its metric,
#   dockcert.prom, for node_exporter's textfile collector in DIR.
# --root DIR installs under DIR instead of / (to try it, or to build an image)."#
        }
        RootNeedsFolder => r#"install.sh: --root needs a directory"#,
        UnknownHostOption => {
            r#"install.sh: unknown option '$1' (allowed: --expiry-check, --textfile-dir DIR, --live-restore, --force, --root DIR)"#
        }
        TextfileNeedsFolder => r#"install.sh: --textfile-dir needs a directory"#,
        TextfileBadName => {
            r#"install.sh: --textfile-dir $TEXTFILE_DIR: give an absolute path of letters, digits and / . _ - alone"#
        }
        NeedsRoot => r#"install.sh: run it as root, so the files belong to root: sudo $0"#,
        RootHasTabOrLineBreak => {
            r#"install.sh: --root: a tab or a line break in a folder name is not allowed"#
        }
        DockerdElsewhere => r#"note: dockerd is $DOCKERD here; the drop-in uses that path"#,
        LiveRestoreCannotAdd => {
            r#"install.sh: --live-restore: $HERE/daemon.json does not end as dockcert wrote it (a member, then a lone }); add \"live-restore\": true to it by hand, or run without --live-restore"#
        }
        AwkFailed => r#"install.sh: awk could not merge $DAEMON_JSON: $(cat "$WORK/awk-errors")"#,
        NothingInstalled => r#"install.sh: nothing was installed"#,
        NotAnObject => {
            r#"install.sh: $DAEMON_JSON is not a JSON object install.sh can merge into ($key); fix it, or move it away, then run install.sh again"#
        }
        ReplacingSetting => {
            r#"replacing \"$key\" in $DAEMON_JSON: $theirs there, $ours from dockcert (--force)"#
        }
        SettingConflict => {
            r#"install.sh: $DAEMON_JSON sets \"$key\" to $theirs; dockcert sets it to $ours; not changing it (use --force to take dockcert's value; the old file is kept)"#
        }
        DaemonJsonIsLink => {
            r#"note: $DAEMON_JSON is a symbolic link; install.sh reads nothing through it, so with --force the link is replaced by dockcert's settings alone (the file it points to stays as it is; to keep its settings, put a copy of it in place of the link first)"#
        }
        SettingsAdded => {
            r#"daemon.json: added$added; the host's other settings are kept as they were"#
        }
        OtherExecStart => {
            r#"warning: $other also sets ExecStart; systemd uses the drop-in that sorts last"#
        }
        HostDone => r#"Done. Restart the Docker daemon to use TLS on @LISTEN@:"#,
        HostDoneLiveRestore => {
            r#"Done. dockerd reads its TLS files only when it starts: reload it first (it takes live-restore without stopping anything), check that docker info says true, then restart it to use TLS on @LISTEN@ (the containers keep running; if it says false, the restart stops them this once):"#
        }
        WithoutSystemd => {
            r#"Without systemd, start dockerd with no -H flags: daemon.json now names its hosts"#
        }
        FlagsInstead => {
            r#"(dockerd-flags.txt has the same settings as flags, to use instead of daemon.json)."#
        }
        CheckInstalled => {
            r#"The expiry check is installed (/usr/local/sbin/dockcert-expiry-check, daily); start its timer:"#
        }
        CheckCronInstead => {
            r#"(Without systemd, /etc/cron.d/dockcert-expiry runs it every day instead.)"#
        }
        CheckHelp => {
            r#"dockcert-expiry-check: warns before this host's Docker TLS certificates end.
# Made by dockcert @VERSION@ for the host "@NAME@"; install.sh --expiry-check
# puts it in /usr/local/sbin, with a systemd timer and a cron line that run it
# every day. It needs sh, awk, logger and sha256sum (or openssl), no dockcert.
#
#     dockcert-expiry-check [--root DIR] [--textfile-dir DIR]
#
# It reads /etc/dockcert/certificates.tsv (each certificate install.sh put in
# place: its path, its file's SHA-256, its end as Unix time, its role, name and
# serial). A file that is no longer the one installed is read again with
# openssl x509 -enddate. From 30 days before a certificate ends it logs a
# warning (logger -p daemon.warning -t dockcert), from 7 days and after its end
# an error (daemon.err); the exit status is then 1. When a node_exporter
# textfile folder exists (--textfile-dir DIR, or /var/lib/prometheus/node-exporter,
# or /var/lib/node_exporter/textfile_collector) it writes dockcert.prom there,
# the metrics of dockcert expiry --prometheus.
# --root DIR reads the files under DIR instead of /.
# DOCKCERT_LOG_SOCKET=PATH sends the log to that socket instead of /dev/log."#
        }
        CheckNeedsFolder => r#"dockcert-expiry-check: $1 needs a directory"#,
        UnknownCheckOption => {
            r#"dockcert-expiry-check: unknown option '$1' (allowed: --root DIR, --textfile-dir DIR)"#
        }
        CheckNoData => {
            r#"dockcert-expiry-check: $path is missing, so nothing is known of this host's certificates; run the bundle's install.sh --expiry-check again"#
        }
        CheckMissing => r#"the $role certificate $name is missing: $path"#,
        CheckCannotTell => {
            r#"$path (the $role certificate $name) is no longer the file install.sh put there, and without openssl this host cannot tell when it ends"#
        }
        CheckUnreadable => {
            r#"$path (the $role certificate $name) is no longer the file install.sh put there, and openssl cannot read a certificate in it"#
        }
        CheckBadLine => {
            r#"dockcert-expiry-check: line $line of $path is not as install.sh wrote it; run the bundle's install.sh --expiry-check again"#
        }
        CheckEndedOneDay => {
            r#"the $role certificate $name (serial $serial, $path) ended 1 day ago: docker refuses it; renew it (dockcert renew) and run the new bundle's install.sh"#
        }
        CheckEnded => {
            r#"the $role certificate $name (serial $serial, $path) ended $days days ago: docker refuses it; renew it (dockcert renew) and run the new bundle's install.sh"#
        }
        CheckEndsToday => {
            r#"the $role certificate $name (serial $serial, $path) ends within a day; renew it (dockcert renew) and run the new bundle's install.sh"#
        }
        CheckEndsInOneDay => {
            r#"the $role certificate $name (serial $serial, $path) ends in 1 day; renew it (dockcert renew) and run the new bundle's install.sh"#
        }
        CheckEndsSoon => {
            r#"the $role certificate $name (serial $serial, $path) ends in $days days; renew it (dockcert renew) and run the new bundle's install.sh"#
        }
        CheckTextfileFailed => r#"dockcert-expiry-check: could not write $out"#,
        CheckServiceDescription => {
            r#"dockcert: warn before this host's Docker TLS certificates end"#
        }
        CheckTimerDescription => {
            r#"dockcert: check every day when this host's Docker TLS certificates end"#
        }
        CheckCronComment => {
            r#"dockcert: checks every day when this host's Docker TLS certificates end, on hosts without systemd (with systemd, the dockcert-expiry.timer does)."#
        }
        ClientHelp => {
            r#"install.sh: installs the docker client's TLS files for the client "@NAME@".
# Made by dockcert @VERSION@. Run it as the user who runs docker, from this folder:
#
#     ./install.sh [--force] [--dir DIR]
#
# It puts ca.pem, cert.pem (0444) and key.pem (0400) in DIR, by default
# @CERT_DIR@, the folder docker.env's DOCKER_CERT_PATH names. The
# files belong to you: the docker client reads key.pem as you. A missing DIR
# is made 0700, missing folders above it 0755; existing folders keep their
# mode. It checks everything before it writes anything:
# - it writes nothing under a folder that group or others may write to (sticky
#   ones like /tmp aside) or that belongs to neither you nor root;
# - a file that differs or a symbolic link (never followed) is only replaced
#   with --force; the old file is kept as NAME.dockcert-backup-TIME."#
        }
        DirNeedsFolder => r#"install.sh: --dir needs a directory"#,
        UnknownClientOption => r#"install.sh: unknown option '$1' (allowed: --force, --dir DIR)"#,
        ClientAsRoot => {
            r#"note: you are root, so the files go to $DIR and belong to root; run it as the user who runs docker if that is someone else"#
        }
        DirHasTabOrLineBreak => {
            r#"install.sh: --dir: a tab or a line break in a folder name is not allowed"#
        }
        ClientDone => r#"Done. Point docker at @FIRST_HOST@ in this shell:"#,
        OrContexts => r#"or create a docker context for each host:"#,
        CannotEnter => r#"install.sh: cannot enter $cf_path to check it"#,
        NotAFolder => r#"install.sh: $cf_path is in the way: it is not a folder"#,
        FolderWritable => {
            r#"install.sh: $cc_path is writable by group or others; not writing under it (every folder on the way must be writable only by its owner, or have the sticky bit like /tmp)"#
        }
        FolderOwner => {
            r#"install.sh: $cc_path belongs to another user; not writing under it (every folder on the way must belong to root$OWNER_NOTE)"#
        }
        LinkToFolder => {
            r#"install.sh: $2 is a symbolic link to a folder; not following it, and not replacing it even with --force (remove it yourself)"#
        }
        ReplacingLink => r#"replacing the symbolic link $2 itself (--force); not following it"#,
        LinkConflict => {
            r#"install.sh: $2 is a symbolic link; not following it (use --force to replace the link itself)"#
        }
        NotAFile => {
            r#"install.sh: $2 is in the way and is not a file; not replacing it even with --force (remove it yourself)"#
        }
        ReplacingFile => r#"replacing $2 (--force)"#,
        FileDiffers => {
            r#"install.sh: $2 already exists and differs; not replacing it (use --force to replace it; the old file is kept)"#
        }
        ReplacingRenewed => {
            r#"$RENEWED is the certificate this bundle renews: replacing it and its key (the old files are kept)"#
        }
        MissingHere => r#"install.sh: $src is missing from this folder"#,
        Created => r#"created    $2  $1/"#,
        Unchanged => r#"unchanged  $mode  $dest"#,
        KeptOld => r#"kept the old file as $backup"#,
        Installed => r#"installed  $mode  $dest"#,
        OwnerNote => r#" or to you"#,
        AwkEmpty => r#"the file is empty; dockerd refuses an empty daemon.json too"#,
        AwkCannotRead => r#"cannot read "#,
        AwkTwiceBefore => r#"it sets \""#,
        AwkTwiceCount => r#"\" "#,
        AwkTwiceAfter => r#" times, and dockerd uses only the last; keep one"#,
        AwkHostLine => r#"line "#,
        AwkBundleLine => r#"the bundle's daemon.json, line "#,
        AwkLineEnd => r#": "#,
        AwkExpectedObject => r#"expected '{': daemon.json holds one JSON object"#,
        AwkExpectedName => r#"expected a name in double quotes"#,
        AwkExpectedColon => r#"expected ':' after a name"#,
        AwkExpectedComma => r#"expected ',' or '}' after a value"#,
        AwkTrailing => r#"more text after the object's closing '}'"#,
        AwkTooDeep => r#"nested more than 100 levels deep"#,
        AwkExpectedValue => r#"expected a value"#,
        AwkUnclosed => r#"a string is not closed"#,
        AwkBadUnicode => r#"\\u needs four hex digits"#,
        AwkUnknownEscape => r#"unknown escape \\"#,
        AwkUnknownEscapeEnd => r#" in a string"#,
        AwkUnclosedLine => r#"a string is not closed before the end of its line"#,
        AwkControl => r#"a control character in a string (write it as \\u00XX)"#,
        AnsibleTextfileBadName => {
            r#"dockcert_textfile_dir {{ dockcert_textfile_dir }}: give an absolute path of letters, digits and / . _ - alone, as install.sh --textfile-dir takes."#
        }
        AnsibleNotAnObject => {
            r#"{{ dockcert_daemon_json_path }} is not a JSON object dockcert can merge into;
          fix it, or move it away, then run the playbook again"#
        }
        AnsibleTwice => {
            r#"{{ dockcert_daemon_json_path }} is not a JSON object dockcert can merge into
          (it sets "{{ dockcert_twice[0] }}" {{ dockcert_twice[1] }} times, and dockerd uses only the last; keep one);
          fix it, or move it away, then run the playbook again. Nothing was installed."#
        }
        AnsibleConflict => {
            r#"{{ dockcert_daemon_json_path }} sets "{{ name }}" to {{ dockcert_daemon_host[name] | to_json(separators=[',', ':']) }};
          dockcert sets it to {{ dockcert_ours[name] | to_json(separators=[',', ':']) }}; not changing it
          (set dockcert_force=true to take dockcert's value; the old file is kept)."#
        }
        AnsibleNothingInstalled => r#"Nothing was installed."#,
        AnsibleLinkToFolder => {
            r#" is a symbolic link to a folder; not following it, and not replacing it even with dockcert_force (remove it yourself);"#
        }
        AnsibleLinkConflict => {
            r#" is a symbolic link; not following it (set dockcert_force=true to replace the link itself);"#
        }
        AnsibleNotAFile => {
            r#" is in the way and is not a file; not replacing it even with dockcert_force (remove it yourself);"#
        }
        AnsibleFileDiffers => {
            r#" already exists and differs; not replacing it (set dockcert_force=true to replace it; the old file is kept);"#
        }
        AnsibleReplacingRenewed => {
            r#"{{ dockcert_install_path }}/server-cert.pem is the certificate this bundle renews: replacing it and its key (the old files are kept)"#
        }
    }
}

/// `words` in English.
pub(super) fn words(words: &Words<'_>) -> String {
    match *words {
        Words::EnvHead { client } => format!(
            "# docker.env for the client \"{client}\", made by dockcert. Load it into your shell with\n\
             #     . ./docker.env\n\
             # after ./install.sh has put ca.pem, cert.pem and key.pem in DOCKER_CERT_PATH.\n"
        ),
        Words::EnvOtherHosts => {
            "# It points at the first host; for another, change DOCKER_HOST to one of:\n".to_owned()
        }
        Words::EnvOrContexts => {
            "# or use the docker contexts that docker-context.sh creates.\n".to_owned()
        }
        Words::EnvNoHost => {
            "# No host was named when these files were made: set DOCKER_HOST to yours.\n".to_owned()
        }
        Words::ContextDescription { host, client } => format!("{host} over TLS as {client} (dockcert)"),
        Words::ContextScriptHead { client } => format!(
            "# docker-context.sh: creates a docker context for each Docker host, for the client\n\
             # \"{client}\". Run it after ./install.sh. docker copies the files into its context\n\
             # store, so the contexts keep working wherever the files are later.\n\
             #     ./docker-context.sh [HOST[:PORT]...]     then: docker --context HOST version\n\
             # With no arguments it makes a context for each host named in this bundle.\n"
        ),
        Words::ContextFileMissing => "docker-context.sh: $DIR/$f is missing; run ./install.sh first".to_owned(),
        Words::ContextHostsGiven => "# Hosts named on the command line: ./docker-context.sh HOST[:PORT]...\n".to_owned(),
        Words::ContextGivenHost => "$host over TLS (dockcert)".to_owned(),
        Words::ContextsReady { context } => format!("Contexts ready. Try: docker --context {context} version"),
        Words::ContextNoHost => "docker-context.sh: no host was named when these files were made; run it as ./docker-context.sh HOST[:PORT]...".to_owned(),
        Words::NftablesHead { host, port, nets } => format!(
            "# dockcert: only these client networks may reach dockerd's TLS port {port} on\n\
             # the Docker host \"{host}\": {nets}.\n\
             # Load it with `nft -f nftables.conf`, or include it from /etc/nftables.conf.\n\
             # It adds a table of its own, so other rules are left as they are, and\n\
             # loading it again replaces it. Local connections (lo) stay allowed.\n"
        ),
        Words::FirewalldHead { host, port } => format!(
            "# dockcert: with firewalld, let only these client networks reach dockerd's\n\
             # TLS port {port} on the Docker host \"{host}\", by rich rules in one zone.\n\
             #     sudo ./firewalld.sh [ZONE]        (default: firewalld's default zone)\n\
             # It closes the port to everyone else in that zone, in case it was opened.\n"
        ),
        Words::InventoryHead { version } => format!(
            "# inventory.yml: the Docker hosts of this bundle, for dockcert.yml. Made by\n\
             # dockcert {version}. ansible_host is the first name or address in the host's\n\
             # certificate: change it where Ansible reaches the host another way (by SSH\n\
             # through another name, say); the certificate stays as it is. The paths are\n\
             # the host's files in this bundle, relative to its top folder.\n"
        ),
        Words::FirewalldDone { nets, port } => format!("firewalld: zone $ZONE lets {nets} reach port {port}/tcp"),
    }
}
