#!/bin/sh
# install.sh: installs the Docker daemon's TLS files on the host "@NAME@".
# Made by dockcert @VERSION@. Run it as root on that host, from this folder:
#
#     sudo ./install.sh [--force] [--root DIR]
#
# It puts ca.pem, server-cert.pem (0444) and server-key.pem (0400) in
# @INSTALL_DIR@, daemon.json in /etc/docker and the systemd drop-in in
# /etc/systemd/system/docker.service.d/, all owned by root. It checks every
# file before it writes any: an existing file that differs is only replaced
# with --force (the old one is kept as NAME.dockcert-backup-TIME).
# --root DIR installs under DIR instead of / (to try it, or to build an image).
set -eu
umask 077

INSTALL_DIR='@INSTALL_DIR@'
FORCE=0
ROOT=''
while [ $# -gt 0 ]; do
    case "$1" in
        --force) FORCE=1 ;;
        --root)
            [ $# -ge 2 ] || { echo "install.sh: --root needs a directory" >&2; exit 2; }
            ROOT=$2
            shift ;;
        --root=*) ROOT=${1#--root=} ;;
        -h | --help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option '$1' (allowed: --force, --root DIR)" >&2; exit 2 ;;
    esac
    shift
done
if [ "$(id -u)" != 0 ]; then
    echo "install.sh: run it as root, so the files belong to root: sudo $0" >&2
    exit 1
fi
HERE=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf -- "$WORK"' EXIT

# The drop-in names /usr/bin/dockerd (Docker's packages); use this host's dockerd
# when it lives elsewhere (Debian's and Ubuntu's docker.io: /usr/sbin/dockerd).
DOCKERD=$(command -v dockerd 2>/dev/null || true)
cp -- "$HERE/docker.service.d/dockcert.conf" "$WORK/dockcert.conf"
if [ -n "$DOCKERD" ] && [ "$DOCKERD" != /usr/bin/dockerd ]; then
    sed "s#^ExecStart=/usr/bin/dockerd\$#ExecStart=$DOCKERD#" "$HERE/docker.service.d/dockcert.conf" > "$WORK/dockcert.conf"
    echo "note: dockerd is $DOCKERD here; the drop-in uses that path"
fi

# Each line: source, destination, mode.
cat > "$WORK/files" <<LIST
$HERE/ca.pem	$ROOT$INSTALL_DIR/ca.pem	0444
$HERE/server-cert.pem	$ROOT$INSTALL_DIR/server-cert.pem	0444
$HERE/server-key.pem	$ROOT$INSTALL_DIR/server-key.pem	0400
$HERE/daemon.json	$ROOT/etc/docker/daemon.json	0644
$WORK/dockcert.conf	$ROOT/etc/systemd/system/docker.service.d/dockcert.conf	0644
LIST

TAB=$(printf '\t')
conflicts=0
while IFS=$TAB read -r src dest mode; do
    [ -r "$src" ] || { echo "install.sh: $src is missing from this folder" >&2; exit 1; }
    if [ -e "$dest" ] && ! cmp -s -- "$src" "$dest"; then
        if [ "$FORCE" = 1 ]; then
            echo "replacing $dest (--force)"
        else
            echo "install.sh: $dest already exists and differs; not replacing it (use --force to replace it; the old file is kept)" >&2
            conflicts=1
        fi
    fi
done < "$WORK/files"
if [ "$conflicts" = 1 ]; then
    echo "install.sh: nothing was installed" >&2
    exit 1
fi

stamp=$(date +%Y%m%d%H%M%S)
while IFS=$TAB read -r src dest mode; do
    dir=$(dirname -- "$dest")
    mkdir -p -- "$dir"
    chmod go+rx -- "$dir" 2>/dev/null || true
    if [ -e "$dest" ] && cmp -s -- "$src" "$dest"; then
        chown 0:0 -- "$dest"
        chmod "$mode" -- "$dest"
        echo "unchanged  $mode  $dest"
        continue
    fi
    if [ -e "$dest" ]; then
        cp -p -- "$dest" "$dest.dockcert-backup-$stamp"
        echo "kept the old file as $dest.dockcert-backup-$stamp"
    fi
    # Written under a temporary name with umask 077, given its owner and mode,
    # then renamed: a key is never readable by others, not even for a moment.
    tmp="$dir/.$(basename -- "$dest").dockcert-$$"
    cp -- "$src" "$tmp"
    chown 0:0 -- "$tmp"
    chmod "$mode" -- "$tmp"
    mv -f -- "$tmp" "$dest"
    echo "installed  $mode  $dest"
done < "$WORK/files"

for other in "$ROOT"/etc/systemd/system/docker.service.d/*.conf; do
    [ -e "$other" ] || continue
    [ "$(basename -- "$other")" = dockcert.conf ] && continue
    if grep -q '^ExecStart=' "$other"; then
        echo "warning: $other also sets ExecStart; systemd uses the drop-in that sorts last" >&2
    fi
done

echo
echo "Done. Restart the Docker daemon to use TLS on @LISTEN@:"
echo "    systemctl daemon-reload && systemctl restart docker"
echo "Without systemd, start dockerd with no -H flags: daemon.json now names its hosts"
echo "(dockerd-flags.txt has the same settings as flags, to use instead of daemon.json)."
