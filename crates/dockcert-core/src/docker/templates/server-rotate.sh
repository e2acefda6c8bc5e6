#!/bin/sh
# @rot:HostHelp@
set -eu
umask 077

INSTALL_DIR='@INSTALL_DIR@'
# The SHA-256 of each file as the bundle this rotation replaces installed it
# (empty: that bundle did not hold it), and as each phase installs it.
CA_OLD='@CA_OLD@'
CA_BOTH='@CA_BOTH@'
CA_NEW='@CA_NEW@'
CERT_OLD='@CERT_OLD@'
CERT_NEW='@CERT_NEW@'
KEY_OLD='@KEY_OLD@'
KEY_NEW='@KEY_NEW@'
PHASE=''
FORCE=0
LIVE_RESTORE=0
ROOT=''
while [ $# -gt 0 ]; do
    case "$1" in
        --phase)
            [ $# -ge 2 ] || { echo "@rot:PhaseNeeded@" >&2; exit 2; }
            PHASE=$2
            shift ;;
        --phase=*) PHASE=${1#--phase=} ;;
        --force) FORCE=1 ;;
        --live-restore) LIVE_RESTORE=1 ;;
        --root)
            [ $# -ge 2 ] || { echo "@say:RootNeedsFolder@" >&2; exit 2; }
            ROOT=$2
            shift ;;
        --root=*) ROOT=${1#--root=} ;;
        -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "@rot:UnknownHostOption@" >&2; exit 2 ;;
    esac
    shift
done
case $PHASE in
    1 | 2 | 3) ;;
    *) echo "@rot:PhaseNeeded@" >&2; exit 2 ;;
esac
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

# The daemon.json merge (dockcert's templates/merge-daemon-json.awk).
write_merge_program() {
    cat > "$WORK/merge.awk" <<'AWK'
@MERGE_AWK@
AWK
}

@PHASE_STEPS@

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
DIR=$ROOT$INSTALL_DIR

# dockerd reads its TLS files only when it starts, so every phase ends in a
# restart; "live-restore": true keeps the containers running through it.
# The merge program (a full JSON parser) says whether daemon.json has it.
DAEMON_JSON=$ROOT/etc/docker/daemon.json
printf '{\n  "live-restore": true\n}\n' > "$WORK/live.json"
live=missing
if [ -L "$DAEMON_JSON" ]; then
    echo "@rot:DaemonJsonIsLink@" >&2
    echo "@say:NothingInstalled@" >&2
    exit 1
elif [ -f "$DAEMON_JSON" ]; then
    write_merge_program
    : > "$WORK/merge"
    if ! LC_ALL=C awk -v ours="$WORK/live.json" -v out="$WORK/daemon.json" -v report="$WORK/merge" \
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
            same) live=on ;;
            add) live=missing ;;
            # Out of the loop here, so that key, theirs and ours keep this
            # line's values for the message below (read clears them at the end).
            conflict) live=conflict; break ;;
        esac
    done < "$WORK/merge"
fi
ADDED_LIVE=0
: > "$WORK/files"
if [ "$live" != on ]; then
    if [ "$LIVE_RESTORE" = 0 ]; then
        echo "@rot:NeedsLiveRestore@" >&2
        echo "@say:NothingInstalled@" >&2
        exit 1
    fi
    if [ "$live" = conflict ] && [ "$FORCE" = 0 ]; then
        echo "@say:SettingConflict@" >&2
        echo "@say:NothingInstalled@" >&2
        exit 1
    fi
    if [ -f "$DAEMON_JSON" ]; then
        printf '%s\t%s\t0644\tmerged\n' "$WORK/daemon.json" "$DAEMON_JSON" >> "$WORK/files"
    else
        printf '%s\t%s\t0644\tmerged\n' "$WORK/live.json" "$DAEMON_JSON" >> "$WORK/files"
    fi
    ADDED_LIVE=1
fi

case $PHASE in
    1) step ca.pem ca-both.pem 0444 "$CA_OLD" "$CA_BOTH" ;;
    2)
        need ca.pem "$CA_BOTH" 1
        step server-cert.pem server-cert.pem 0444 "$CERT_OLD" "$CERT_NEW"
        step server-key.pem server-key.pem 0400 "$KEY_OLD" "$KEY_NEW" ;;
    3)
        need server-cert.pem "$CERT_NEW" 2
        step ca.pem ca.pem 0444 "$CA_BOTH" "$CA_NEW" ;;
esac
if [ "$STALE" = 1 ]; then
    echo "@say:NothingInstalled@" >&2
    exit 1
fi

# The expiry check's data (install.sh --expiry-check): the rows for the
# files this phase installs (certificates-phaseN.tsv) take the place of the
# rows for the same paths, every other line kept, so the check knows what is
# installed now (both CAs of ca-both.pem) without reading it with openssl.
# ansible/rotate.yml writes the same bytes. A link there is not followed
# (as install.sh never writes through one), nor replaced: it is left alone.
CHECK_DATA=$ROOT/etc/dockcert/certificates.tsv
HAS_CHECK_DATA=0
if [ -f "$CHECK_DATA" ] && [ ! -L "$CHECK_DATA" ]; then
    HAS_CHECK_DATA=1
    LC_ALL=C awk -F "$TAB" '
        NR == FNR {
            if ($0 != "" && substr($0, 1, 1) != "#") { rows = rows $0 "\n"; drop[$1] = 1 }
            next
        }
        $1 in drop { if (!done) { printf "%s", rows; done = 1 } next }
        { print }
        END { if (!done) printf "%s", rows }' \
        "$HERE/certificates-phase$PHASE.tsv" "$CHECK_DATA" > "$WORK/certificates.tsv"
    printf '%s\t%s\t0644\tmerged\n' "$WORK/certificates.tsv" "$CHECK_DATA" >> "$WORK/files"
fi

check_all
install_all

# The check, run once now, so that the journal and the metric tell of the
# new certificates today rather than at its next daily run. What it finds
# does not undo the phase: an old CA that ends soon is why one rotates.
CHECK=$ROOT/usr/local/sbin/dockcert-expiry-check
if [ "$HAS_CHECK_DATA" = 1 ] && [ -f "$CHECK" ] && [ -x "$CHECK" ]; then
    if [ -n "$ROOT" ]; then
        set -- --root "$ROOT"
    else
        set --
    fi
    check_status=0
    "$CHECK" "$@" || check_status=$?
    echo
    if [ "$check_status" = 0 ]; then
        echo "@rot:CheckRanClean@"
    else
        echo "@rot:CheckRanWarned@"
    fi
fi

echo
if [ "$ADDED_LIVE" = 1 ]; then
    echo "@rot:LiveRestoreAdded@"
fi
echo "@rot:HostPhaseDone@"
echo "    systemctl reload docker"
echo "    docker info --format '{{.LiveRestoreEnabled}}'"
echo "    systemctl restart docker"
echo "@rot:WithoutSystemd@"
case $PHASE in
    3) echo "@rot:LastPhaseDone@" ;;
    *) echo "@rot:NextPhase@" ;;
esac
