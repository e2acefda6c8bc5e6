#!/bin/sh
# install.sh: installs the docker client's TLS files for the client "@NAME@".
# Made by dockcert @VERSION@. Run it as the user who runs docker, from this folder:
#
#     ./install.sh [--force] [--dir DIR]
#
# It puts ca.pem, cert.pem (0444) and key.pem (0400) in DIR, by default
# @CERT_DIR@, the folder docker.env's DOCKER_CERT_PATH names. The
# files belong to you: the docker client reads key.pem as you. An existing file
# that differs is only replaced with --force (the old one is kept).
set -eu
umask 077

DIR="@CERT_DIR@"
FORCE=0
while [ $# -gt 0 ]; do
    case "$1" in
        --force) FORCE=1 ;;
        --dir)
            [ $# -ge 2 ] || { echo "install.sh: --dir needs a directory" >&2; exit 2; }
            DIR=$2
            shift ;;
        --dir=*) DIR=${1#--dir=} ;;
        -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option '$1' (allowed: --force, --dir DIR)" >&2; exit 2 ;;
    esac
    shift
done
HERE=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
if [ "$(id -u)" = 0 ]; then
    echo "note: you are root, so the files go to $DIR and belong to root; run it as the user who runs docker if that is someone else"
fi

conflicts=0
for f in ca.pem cert.pem key.pem; do
    [ -r "$HERE/$f" ] || { echo "install.sh: $HERE/$f is missing" >&2; exit 1; }
    if [ -e "$DIR/$f" ] && ! cmp -s -- "$HERE/$f" "$DIR/$f"; then
        if [ "$FORCE" = 1 ]; then
            echo "replacing $DIR/$f (--force)"
        else
            echo "install.sh: $DIR/$f already exists and differs; not replacing it (use --force to replace it; the old file is kept)" >&2
            conflicts=1
        fi
    fi
done
if [ "$conflicts" = 1 ]; then
    echo "install.sh: nothing was installed" >&2
    exit 1
fi

mkdir -p -- "$DIR"
chmod 0700 -- "$DIR"
stamp=$(date +%Y%m%d%H%M%S)
for f in ca.pem cert.pem key.pem; do
    mode=0444
    [ "$f" = key.pem ] && mode=0400
    if [ -e "$DIR/$f" ] && cmp -s -- "$HERE/$f" "$DIR/$f"; then
        chmod "$mode" -- "$DIR/$f"
        echo "unchanged  $mode  $DIR/$f"
        continue
    fi
    if [ -e "$DIR/$f" ]; then
        cp -p -- "$DIR/$f" "$DIR/$f.dockcert-backup-$stamp"
        echo "kept the old file as $DIR/$f.dockcert-backup-$stamp"
    fi
    tmp="$DIR/.$f.dockcert-$$"
    cp -- "$HERE/$f" "$tmp"
    chmod "$mode" -- "$tmp"
    mv -f -- "$tmp" "$DIR/$f"
    echo "installed  $mode  $DIR/$f"
done

echo
echo "Done. Point docker at @FIRST_HOST@ in this shell:"
echo "    . $HERE/docker.env && docker version"
echo "or create a docker context for each host:"
echo "    $HERE/docker-context.sh"
