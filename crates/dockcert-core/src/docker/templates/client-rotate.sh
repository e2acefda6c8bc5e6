#!/bin/sh
# @rot:ClientHelp@
set -eu
umask 077

DIR="@CERT_DIR@"
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
while [ $# -gt 0 ]; do
    case "$1" in
        --phase)
            [ $# -ge 2 ] || { echo "@rot:PhaseNeeded@" >&2; exit 2; }
            PHASE=$2
            shift ;;
        --phase=*) PHASE=${1#--phase=} ;;
        --force) FORCE=1 ;;
        --dir)
            [ $# -ge 2 ] || { echo "@say:DirNeedsFolder@" >&2; exit 2; }
            DIR=$2
            shift ;;
        --dir=*) DIR=${1#--dir=} ;;
        -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "@rot:UnknownClientOption@" >&2; exit 2 ;;
    esac
    shift
done
case $PHASE in
    1 | 2 | 3) ;;
    *) echo "@rot:PhaseNeeded@" >&2; exit 2 ;;
esac
HERE=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
FILE_UID=$(id -u)
FILE_GID=$(id -g)
OWNER_NOTE='@say:OwnerNote@'
FOLDER_MODE=0700

@SAFE_WRITE@

@PHASE_STEPS@

case $DIR in
    *"$TAB"* | *"$NL"*) echo "@say:DirHasTabOrLineBreak@" >&2; exit 2 ;;
    /*) ;;
    *) DIR=$(pwd)/$DIR ;;
esac

: > "$WORK/files"
case $PHASE in
    1) step ca.pem ca-both.pem 0444 "$CA_OLD" "$CA_BOTH" ;;
    2)
        need ca.pem "$CA_BOTH" 1
        step cert.pem cert.pem 0444 "$CERT_OLD" "$CERT_NEW"
        step key.pem key.pem 0400 "$KEY_OLD" "$KEY_NEW" ;;
    3)
        need cert.pem "$CERT_NEW" 2
        step ca.pem ca.pem 0444 "$CA_BOTH" "$CA_NEW" ;;
esac
if [ "$STALE" = 1 ]; then
    echo "@say:NothingInstalled@" >&2
    exit 1
fi

check_all
install_all

# docker copies a context's TLS files into its own store when the context is
# made or updated: each context docker-context.sh made is updated to the
# files just installed.
context() {
    if docker context inspect "$1" >/dev/null 2>&1; then
        docker context update "$1" --docker "host=$2,ca=$DIR/ca.pem,cert=$DIR/cert.pem,key=$DIR/key.pem" >/dev/null
        echo "@rot:ContextUpdated@"
    fi
}
if command -v docker >/dev/null 2>&1; then
@CONTEXTS@
fi

echo
case $PHASE in
    3) echo "@rot:ClientLastPhaseDone@" ;;
    *) echo "@rot:ClientPhaseDone@" ;;
esac
