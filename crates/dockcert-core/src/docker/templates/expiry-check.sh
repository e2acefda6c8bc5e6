#!/bin/sh
# @say:CheckHelp@
set -u
umask 022

DATA=/etc/dockcert/certificates.tsv
ROOT=''
TEXTFILE_DIR=${DOCKCERT_TEXTFILE_DIR:-}
while [ $# -gt 0 ]; do
    case "$1" in
        --root)
            [ $# -ge 2 ] || { echo "@say:CheckNeedsFolder@" >&2; exit 2; }
            ROOT=$2
            shift ;;
        --textfile-dir)
            [ $# -ge 2 ] || { echo "@say:CheckNeedsFolder@" >&2; exit 2; }
            TEXTFILE_DIR=$2
            shift ;;
        -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "@say:UnknownCheckOption@" >&2; exit 2 ;;
    esac
    shift
done
TAB=$(printf '\t')
NL='
'
STATUS=0

# $1: daemon.warning or daemon.err; $2: the message. To the journal or
# syslog through logger (to DOCKCERT_LOG_SOCKET instead when it is set), and
# to a terminal when there is one.
tell() {
    if [ -n "${DOCKCERT_LOG_SOCKET:-}" ]; then
        logger --socket-errors=on -u "$DOCKCERT_LOG_SOCKET" -p "$1" -t dockcert "$2" || true
    else
        logger -p "$1" -t dockcert "$2" || true
    fi
    if [ -t 2 ]; then
        echo "$2" >&2
    fi
    STATUS=1
}

have() {
    command -v "$1" > /dev/null 2>&1
}

# The SHA-256 of file $1, in lower-case hex.
file_sha256() {
    if have sha256sum; then
        sha256sum < "$1" | cut -d ' ' -f 1
    elif have openssl; then
        openssl dgst -sha256 -r < "$1" | cut -d ' ' -f 1
    fi
}

# The notAfter of the certificate in file $1 as Unix time, from openssl's
# "notAfter=Mon DD HH:MM:SS YYYY GMT" (awk, not date -d: busybox's date does
# not read that form).
end_of() {
    openssl x509 -enddate -noout -in "$1" 2> /dev/null | awk '
        /^notAfter=/ {
            sub(/^notAfter=/, "")
            if (split($0, f, /[ :]+/) < 6) exit 1
            m = index("JanFebMarAprMayJunJulAugSepOctNovDec", f[1])
            if (m == 0 || (m - 1) % 3 != 0) exit 1
            m = (m + 2) / 3
            y = f[6] - (m <= 2 ? 1 : 0)
            era = int(y / 400)
            yoe = y - era * 400
            doy = int((153 * ((m + 9) % 12) + 2) / 5) + f[2] - 1
            doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
            days = era * 146097 + doe - 719468
            printf "%d\n", days * 86400 + f[3] * 3600 + f[4] * 60 + f[5]
            found = 1
        }
        END { if (!found) exit 1 }'
}

if [ ! -f "$ROOT$DATA" ]; then
    path=$DATA
    tell daemon.err "@say:CheckNoData@"
    exit 1
fi
NOW=$(date +%s)
ROWS=''
line=0
while IFS=$TAB read -r path sum end role name serial der; do
    line=$((line + 1))
    case $path in '' | '#'*) continue ;; esac
    case $path:$end:$der in
        /*:[0-9]*:?*) ;;
        *) path=$DATA; tell daemon.err "@say:CheckBadLine@"; continue ;;
    esac
    case $end in *[!0-9]*) path=$DATA; tell daemon.err "@say:CheckBadLine@"; continue ;; esac
    file=$ROOT$path
    if [ ! -f "$file" ]; then
        tell daemon.err "@say:CheckMissing@"
        continue
    fi
    if [ "$(file_sha256 "$file")" != "$sum" ]; then
        # Not the file install.sh put there: read its end again.
        if ! have openssl; then
            tell daemon.warning "@say:CheckCannotTell@"
            continue
        fi
        if ! end=$(end_of "$file"); then
            tell daemon.err "@say:CheckUnreadable@"
            continue
        fi
        serial=$(openssl x509 -serial -noout -in "$file" 2> /dev/null | sed 's/^serial=//')
        der=$(openssl x509 -fingerprint -sha256 -noout -in "$file" 2> /dev/null | sed 's/^[^=]*=//')
    fi
    left=$((end - NOW))
    if [ "$left" -lt 0 ]; then
        days=$(((-left + 86399) / 86400))
        if [ "$days" -eq 1 ]; then
            tell daemon.err "@say:CheckEndedOneDay@"
        else
            tell daemon.err "@say:CheckEnded@"
        fi
    elif [ "$left" -le $((30 * 86400)) ]; then
        level=daemon.warning
        if [ "$left" -le $((7 * 86400)) ]; then
            level=daemon.err
        fi
        days=$((left / 86400))
        case $days in
            0) tell "$level" "@say:CheckEndsToday@" ;;
            1) tell "$level" "@say:CheckEndsInOneDay@" ;;
            *) tell "$level" "@say:CheckEndsSoon@" ;;
        esac
    fi
    ROWS=$ROWS$end$TAB$role$TAB$name$TAB$serial$TAB$path$TAB$der$NL
done < "$ROOT$DATA"

# node_exporter's textfile collector: the folder given, or Debian's, or the
# usual one, when it exists. Written beside and moved, so it is never read half
# written.
if [ -z "$TEXTFILE_DIR" ]; then
    for dir in /var/lib/prometheus/node-exporter /var/lib/node_exporter/textfile_collector; do
        if [ -d "$ROOT$dir" ]; then
            TEXTFILE_DIR=$dir
            break
        fi
    done
fi
if [ -n "$TEXTFILE_DIR" ] && [ -d "$ROOT$TEXTFILE_DIR" ]; then
    out=$ROOT$TEXTFILE_DIR/dockcert.prom
    tmp=$ROOT$TEXTFILE_DIR/.dockcert.prom.$$
    if printf '%s' "$ROWS" | LC_ALL=C sort -t "$TAB" -k1,1n -k3,3 -k4,4 | awk -F "$TAB" '
        function label(k, v,   o, i, c) {
            o = ""
            for (i = 1; i <= length(v); i++) {
                c = substr(v, i, 1)
                if (c == "\\" || c == "\"") o = o "\\"
                o = o c
            }
            return k "=\"" o "\""
        }
        {
            l = label("role", $2) "," label("name", $3) "," label("serial", $4) "," label("path", $5)
            ends[NR] = "dockcert_certificate_not_after_seconds{" l "} " $1
            info[NR] = "dockcert_certificate_info{" l "," label("sha256", $6) ",copies=\"1\"} 1"
        }
        END {
            print "# HELP dockcert_certificate_not_after_seconds When the certificate stops being valid (notAfter), as Unix time."
            print "# TYPE dockcert_certificate_not_after_seconds gauge"
            for (i = 1; i <= NR; i++) print ends[i]
            print "# HELP dockcert_certificate_info A certificate dockcert read, its facts as labels."
            print "# TYPE dockcert_certificate_info gauge"
            for (i = 1; i <= NR; i++) print info[i]
        }' > "$tmp" && chmod 0644 "$tmp" && mv -f "$tmp" "$out"; then
        :
    else
        rm -f "$tmp"
        tell daemon.err "@say:CheckTextfileFailed@"
    fi
fi
exit "$STATUS"
