#!/bin/sh
# @say:ClientHelp@
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

@RENEWAL@
check_all
install_all

echo
echo "@say:ClientDone@"
echo "    . $HERE/docker.env && docker version"
echo "@say:OrContexts@"
echo "    $HERE/docker-context.sh"
