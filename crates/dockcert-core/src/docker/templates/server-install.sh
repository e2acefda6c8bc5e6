#!/bin/sh
# @say:HostHelp@
set -eu
umask 077

INSTALL_DIR='@INSTALL_DIR@'
FORCE=0
LIVE_RESTORE=0
EXPIRY_CHECK=0
TEXTFILE_DIR=''
ROOT=''
while [ $# -gt 0 ]; do
    case "$1" in
        --force) FORCE=1 ;;
        --live-restore) LIVE_RESTORE=1 ;;
        --expiry-check) EXPIRY_CHECK=1 ;;
        --textfile-dir)
            [ $# -ge 2 ] || { echo "@say:TextfileNeedsFolder@" >&2; exit 2; }
            TEXTFILE_DIR=$2
            EXPIRY_CHECK=1
            shift ;;
        --root)
            [ $# -ge 2 ] || { echo "@say:RootNeedsFolder@" >&2; exit 2; }
            ROOT=$2
            shift ;;
        --root=*) ROOT=${1#--root=} ;;
        -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "@say:UnknownHostOption@" >&2; exit 2 ;;
    esac
    shift
done
if [ "$(id -u)" != 0 ]; then
    echo "@say:NeedsRoot@" >&2
    exit 1
fi
HERE=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
FILE_UID=0
FILE_GID=0
OWNER_NOTE=''
FOLDER_MODE=0755

@SAFE_WRITE@

# The daemon.json merge (dockcert's templates/merge-daemon-json.awk), written
# out when there is a daemon.json to merge into.
write_merge_program() {
    cat > "$WORK/merge.awk" <<'AWK'
@MERGE_AWK@
AWK
}

# Absolute and without a trailing slash: the folder checks walk up to /.
case $ROOT in
    *"$TAB"* | *"$NL"*) echo "@say:RootHasTabOrLineBreak@" >&2; exit 2 ;;
    '' | /*) ;;
    *) ROOT=$(pwd)/$ROOT ;;
esac
while :; do
    case $ROOT in
        */) ROOT=${ROOT%/} ;;
        *) break ;;
    esac
done

# The drop-in names /usr/bin/dockerd (Docker's packages); use this host's dockerd
# when it lives elsewhere (Debian's and Ubuntu's docker.io: /usr/sbin/dockerd).
DOCKERD=$(command -v dockerd 2>/dev/null || true)
cp -- "$HERE/docker.service.d/dockcert.conf" "$WORK/dockcert.conf"
if [ -n "$DOCKERD" ] && [ "$DOCKERD" != /usr/bin/dockerd ]; then
    sed "s#^ExecStart=/usr/bin/dockerd\$#ExecStart=$DOCKERD#" "$HERE/docker.service.d/dockcert.conf" > "$WORK/dockcert.conf"
    echo "@say:DockerdElsewhere@"
fi

# daemon.json is the host's as much as dockcert's (userns-remap, log settings,
# registry mirrors...): dockcert's settings are merged into it, never put in
# its place. The merge is the awk program above: every Docker host has awk,
# and many have neither jq nor python.
DAEMON_JSON=$ROOT/etc/docker/daemon.json
# --live-restore: dockcert's settings and "live-restore": true (containers keep
# running while dockerd restarts), merged as one: a host that sets it otherwise
# keeps its value unless --force, as for any other setting.
OURS=$HERE/daemon.json
if [ "$LIVE_RESTORE" = 1 ] && ! grep -q '"live-restore"' "$OURS"; then
    OURS=$WORK/ours.json
    # dockcert's daemon.json ends with a member's line and a lone "}".
    if ! awk '{ line[NR] = $0 }
        END {
            if (NR < 3 || line[NR] != "}") exit 1
            for (i = 1; i < NR - 1; i++) print line[i]
            print line[NR - 1] ","
            print "  \"live-restore\": true"
            print "}"
        }' "$HERE/daemon.json" > "$OURS"; then
        echo "@say:LiveRestoreCannotAdd@" >&2
        echo "@say:NothingInstalled@" >&2
        exit 1
    fi
fi
daemon_src=$OURS
daemon_how=replace
added=''
if [ -f "$DAEMON_JSON" ] && [ ! -L "$DAEMON_JSON" ]; then
    daemon_how=merged
    daemon_src=$WORK/daemon.json
    write_merge_program
    : > "$WORK/merge"
    if ! LC_ALL=C awk -v ours="$OURS" -v out="$WORK/daemon.json" -v report="$WORK/merge" \
        -f "$WORK/merge.awk" "$DAEMON_JSON" 2> "$WORK/awk-errors"; then
        if ! grep -q "^error$TAB" "$WORK/merge"; then
            echo "@say:AwkFailed@" >&2
            echo "@say:NothingInstalled@" >&2
            exit 1
        fi
    fi
    while IFS=$TAB read -r what key theirs ours; do
        case $what in
            error)
                echo "@say:NotAnObject@" >&2
                echo "@say:NothingInstalled@" >&2
                exit 1 ;;
            same) daemon_src=$DAEMON_JSON ;;
            add) added="$added \"$key\"" ;;
            conflict)
                if [ "$FORCE" = 1 ]; then
                    echo "@say:ReplacingSetting@"
                else
                    echo "@say:SettingConflict@" >&2
                    CONFLICTS=1
                fi ;;
        esac
    done < "$WORK/merge"
elif [ -L "$DAEMON_JSON" ]; then
    echo "@say:DaemonJsonIsLink@"
fi

# Each line: source, destination, mode, how a different file is handled.
cat > "$WORK/files" <<LIST
$HERE/ca.pem	$ROOT$INSTALL_DIR/ca.pem	0444	replace
$HERE/server-cert.pem	$ROOT$INSTALL_DIR/server-cert.pem	0444	replace
$HERE/server-key.pem	$ROOT$INSTALL_DIR/server-key.pem	0400	replace
$daemon_src	$DAEMON_JSON	0644	$daemon_how
$WORK/dockcert.conf	$ROOT/etc/systemd/system/docker.service.d/dockcert.conf	0644	replace
LIST
# --expiry-check: the daily check of when the certificates end, what it knows
# of them (replaced by a renewed bundle's install.sh), its systemd units and,
# for hosts without systemd, a cron line that stands aside when systemd runs.
if [ "$EXPIRY_CHECK" = 1 ]; then
    # --textfile-dir: the check's own default folder for the metric, so the
    # timer and the cron line need no setting of their own.
    CHECK=$HERE/dockcert-expiry-check.sh
    if [ -n "$TEXTFILE_DIR" ]; then
        case $TEXTFILE_DIR in
            /*) ;;
            *) echo "@say:TextfileBadName@" >&2; exit 2 ;;
        esac
        case $TEXTFILE_DIR in
            *[!A-Za-z0-9/._-]*) echo "@say:TextfileBadName@" >&2; exit 2 ;;
        esac
        CHECK=$WORK/dockcert-expiry-check
        sed "s#^TEXTFILE_DIR=\${DOCKCERT_TEXTFILE_DIR:-}\$#TEXTFILE_DIR=\${DOCKCERT_TEXTFILE_DIR:-$TEXTFILE_DIR}#" \
            "$HERE/dockcert-expiry-check.sh" > "$CHECK"
    fi
    # The units and the cron line, the same on every host (dockcert's
    # templates/dockcert-expiry.{service,timer,cron}).
    cat > "$WORK/dockcert-expiry.service" <<'UNIT'
@EXPIRY_SERVICE@
UNIT
    cat > "$WORK/dockcert-expiry.timer" <<'UNIT'
@EXPIRY_TIMER@
UNIT
    cat > "$WORK/dockcert-expiry.cron" <<'UNIT'
@EXPIRY_CRON@
UNIT
    cat >> "$WORK/files" <<LIST
$CHECK	$ROOT/usr/local/sbin/dockcert-expiry-check	0755	replace
$HERE/certificates.tsv	$ROOT/etc/dockcert/certificates.tsv	0644	replace
$WORK/dockcert-expiry.service	$ROOT/etc/systemd/system/dockcert-expiry.service	0644	replace
$WORK/dockcert-expiry.timer	$ROOT/etc/systemd/system/dockcert-expiry.timer	0644	replace
$WORK/dockcert-expiry.cron	$ROOT/etc/cron.d/dockcert-expiry	0644	replace
LIST
fi

@RENEWAL@
check_all
install_all
if [ -n "$added" ]; then
    echo "@say:SettingsAdded@"
fi

for other in "$ROOT"/etc/systemd/system/docker.service.d/*.conf; do
    [ -e "$other" ] || continue
    [ "$(basename -- "$other")" = dockcert.conf ] && continue
    if grep -q '^ExecStart=' "$other"; then
        echo "@say:OtherExecStart@" >&2
    fi
done

echo
# With --live-restore, a rotation phase's path: the reload turns it on in
# the running dockerd, so that the restart keeps the containers.
if [ "$LIVE_RESTORE" = 1 ]; then
    echo "@say:HostDoneLiveRestore@"
    echo "    systemctl daemon-reload && systemctl reload docker"
    echo "    docker info --format '{{.LiveRestoreEnabled}}'"
    echo "    systemctl restart docker"
else
    echo "@say:HostDone@"
    echo "    systemctl daemon-reload && systemctl restart docker"
fi
echo "@say:WithoutSystemd@"
echo "@say:FlagsInstead@"
if [ "$EXPIRY_CHECK" = 1 ]; then
    echo
    echo "@say:CheckInstalled@"
    echo "    systemctl daemon-reload && systemctl enable --now dockcert-expiry.timer"
    echo "@say:CheckCronInstead@"
fi
