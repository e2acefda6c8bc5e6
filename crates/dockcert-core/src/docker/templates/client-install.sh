#!/bin/sh
# install.sh: installs the docker client's TLS files for the client "@NAME@".
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
#   with --force; the old file is kept as NAME.dockcert-backup-TIME.
set -eu
umask 077

DIR="@CERT_DIR@"
FORCE=0
while [ $# -gt 0 ]; do
    case "$1" in
        --force) FORCE=1 ;;
        --dir)
            [ $# -ge 2 ] || { echo "@say:DirNeedsFolder@" >&2; exit 2; }
            DIR=$2
            shift ;;
        --dir=*) DIR=${1#--dir=} ;;
        -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "@say:UnknownClientOption@" >&2; exit 2 ;;
    esac
    shift
done
HERE=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
FILE_UID=$(id -u)
FILE_GID=$(id -g)
OWNER_NOTE='@say:OwnerNote@'
FOLDER_MODE=0700
if [ "$FILE_UID" = 0 ]; then
    echo "@say:ClientAsRoot@"
fi

@SAFE_WRITE@

# Absolute: the folder checks walk up to /.
case $DIR in
    *"$TAB"* | *"$NL"*) echo "@say:DirHasTabOrLineBreak@" >&2; exit 2 ;;
    /*) ;;
    *) DIR=$(pwd)/$DIR ;;
esac

# Each line: source, destination, mode, how a different file is handled.
cat > "$WORK/files" <<LIST
$HERE/ca.pem	$DIR/ca.pem	0444	replace
$HERE/cert.pem	$DIR/cert.pem	0444	replace
$HERE/key.pem	$DIR/key.pem	0400	replace
LIST

check_all
install_all

echo
echo "@say:ClientDone@"
echo "    . $HERE/docker.env && docker version"
echo "@say:OrContexts@"
echo "    $HERE/docker-context.sh"
