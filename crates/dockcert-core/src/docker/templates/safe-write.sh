# --- How this script writes (the same in the host's and the client's install.sh) ---
# The script (often root) writes into folders others might have touched, so:
# - It first checks every folder on the way to each destination, after
#   following links: one that group or others may write to (unless it has the
#   sticky bit, like /tmp), or that belongs to someone other than root or
#   the user the files are for (FILE_UID), would let others swap a file for a
#   link while it writes. It then refuses, naming the folder, before writing
#   anything.
# - It writes each file to a new name from mktemp in the destination folder,
#   sets its owner and mode there, and renames it over the destination: rename
#   replaces a link itself and never writes through it, and a key is never
#   readable by others, not even for a moment. chown and chmod only ever touch
#   those new files.
# - A destination that is a symbolic link is a conflict, never followed; with
#   --force the link itself is replaced.
# - An old file is kept by a hard link under a free NAME.dockcert-backup-TIME
#   (.NAME.dockcert-backup-TIME in a cron.d folder, which cron reads whole):
#   link() makes a new name or fails; it never follows or overwrites one.
# - A missing folder is made one level at a time with an explicit mode
#   (`mkdir -p` would make the parents 0700 under umask 077); an existing
#   folder's mode is never changed.
# - A file that replaces an existing one never has a permission the old one
#   lacked: its mode is the listed one less what the old file withheld (a
#   daemon.json of 0600, with a proxy password in it, stays 0600).
# Each line of $WORK/files: source, destination, mode, and how a different
# existing file is handled: "replace" (only with --force) or "merged" (the
# script decided already).
TAB=$(printf '\t')
NL='
'
WORK=$(mktemp -d)
cleanup() {
    if [ -f "$WORK/temporary" ]; then
        while IFS= read -r staged; do rm -f -- "$staged"; done < "$WORK/temporary"
    fi
    rm -rf -- "$WORK"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
STAMP=$(date +%Y%m%d%H%M%S)
CONFLICTS=0
UNSAFE=0
CHECKED=$NL

# Flags every unsafe folder on the way to FOLDER (UNSAFE=1), naming it.
check_folder() {
    cf_path=$1
    while :; do
        if [ -d "$cf_path" ]; then
            if cf_real=$(cd -P -- "$cf_path" && pwd -P); then
                check_chain "$cf_real"
            else
                echo "@say:CannotEnter@" >&2
                UNSAFE=1
            fi
        elif [ -e "$cf_path" ] || [ -L "$cf_path" ]; then
            echo "@say:NotAFolder@" >&2
            UNSAFE=1
        fi
        case $cf_path in
            / | . | '') return 0 ;;
        esac
        cf_path=$(dirname -- "$cf_path")
    done
}

# Checks PATH (a physical path, with no links) and every folder above it.
check_chain() {
    cc_path=$1
    while :; do
        case $CHECKED in
            *"$NL$cc_path$NL"*) ;;
            *)
                CHECKED=$CHECKED$cc_path$NL
                if [ -n "$(find "$cc_path" -prune \( -perm -0020 -o -perm -0002 \) ! -perm -1000 -print)" ]; then
                    echo "@say:FolderWritable@" >&2
                    UNSAFE=1
                fi
                if [ -z "$(find "$cc_path" -prune \( -user 0 -o -user "$FILE_UID" \) -print)" ]; then
                    echo "@say:FolderOwner@" >&2
                    UNSAFE=1
                fi
                ;;
        esac
        case $cc_path in
            /*/*) cc_path=$(dirname -- "$cc_path") ;;
            /?*) cc_path=/ ;;
            *) return 0 ;;
        esac
    done
}

# Flags DEST when it cannot simply be written: a link, something that is not
# a file, or (for HOW "replace") a file that differs from SRC.
check_file() {
    if [ -L "$2" ]; then
        if [ -d "$2" ]; then
            echo "@say:LinkToFolder@" >&2
            UNSAFE=1
        elif [ "$FORCE" = 1 ]; then
            echo "@say:ReplacingLink@"
        else
            echo "@say:LinkConflict@" >&2
            CONFLICTS=1
        fi
    elif [ -e "$2" ] && [ ! -f "$2" ]; then
        echo "@say:NotAFile@" >&2
        UNSAFE=1
    elif [ "$3" = replace ] && [ -f "$2" ] && ! cmp -s -- "$1" "$2"; then
        if [ "$FORCE" = 1 ]; then
            echo "@say:ReplacingFile@"
        else
            echo "@say:FileDiffers@" >&2
            CONFLICTS=1
        fi
    fi
}

# Checks every folder and file in $WORK/files; stops before writing anything
# if one of them is not safe, or differs without --force.
check_all() {
    while IFS=$TAB read -r src dest mode how; do
        [ -r "$src" ] || { echo "@say:MissingHere@" >&2; exit 1; }
        check_folder "$(dirname -- "$dest")"
        check_file "$src" "$dest" "$how"
    done < "$WORK/files"
    if [ "$UNSAFE" = 1 ] || [ "$CONFLICTS" = 1 ]; then
        echo "@say:NothingInstalled@" >&2
        exit 1
    fi
}

# Makes FOLDER with MODE, and each missing folder above it with 0755.
make_folder() {
    [ -d "$1" ] && return 0
    make_folder "$(dirname -- "$1")" 0755
    mkdir -m "$2" -- "$1"
    echo "@say:Created@"
}

# MODE less the permissions the file DEST (if there is one, and it is not a
# link) withholds, in four octal digits: read from ls's -rwxr-x--- column,
# since stat's options differ between systems.
kept_mode() {
    km_bits=$(( $1 ))
    if [ -f "$2" ] && [ ! -L "$2" ]; then
        km_rest=$(ls -ldn -- "$2")
        km_rest=${km_rest#?}
        for km_bit in 256 128 64 32 16 8 4 2 1; do
            case $km_rest in
                -* | S* | T*) km_bits=$(( km_bits & ~km_bit )) ;;
            esac
            km_rest=${km_rest#?}
        done
    fi
    printf '%04o\n' "$km_bits"
}

# DEST is a file (not a link) with SRC's bytes, MODE and owner.
in_place() {
    [ -f "$2" ] && [ ! -L "$2" ] && cmp -s -- "$1" "$2" &&
        [ -n "$(find "$2" -prune -perm "$3" -user "$FILE_UID" -group "$FILE_GID" -print)" ]
}

# Writes every file of $WORK/files: all of them to new names first, then each
# renamed into place, so a failure while writing leaves the old files as they were.
install_all() {
    while IFS=$TAB read -r src dest mode how; do
        make_folder "$(dirname -- "$dest")" "$FOLDER_MODE"
        mode=$(kept_mode "$mode" "$dest")
        if in_place "$src" "$dest" "$mode"; then
            echo "@say:Unchanged@"
            continue
        fi
        staged=$(mktemp "$(dirname -- "$dest")/.$(basename -- "$dest").dockcert-XXXXXX")
        printf '%s\n' "$staged" >> "$WORK/temporary"
        cat -- "$src" > "$staged"
        chown "$FILE_UID:$FILE_GID" -- "$staged"
        chmod "$mode" -- "$staged"
        printf '%s\t%s\t%s\n' "$staged" "$dest" "$mode" >> "$WORK/staged"
    done < "$WORK/files"
    [ -f "$WORK/staged" ] || return 0
    while IFS=$TAB read -r staged dest mode; do
        if [ -f "$dest" ] && [ ! -L "$dest" ]; then
            # cron (cronie) runs every file in cron.d whose name does not
            # start with a dot: a backup there is hidden, or it runs too.
            case $dest in
                */cron.d/*) kept=${dest%/*}/.${dest##*/}.dockcert-backup-$STAMP ;;
                *) kept=$dest.dockcert-backup-$STAMP ;;
            esac
            backup=$kept
            n=1
            while [ -e "$backup" ] || [ -L "$backup" ]; do
                n=$((n + 1))
                backup=$kept-$n
            done
            ln -- "$dest" "$backup"
            echo "@say:KeptOld@"
        fi
        mv -f -- "$staged" "$dest"
        echo "@say:Installed@"
    done < "$WORK/staged"
}
# --- end of how this script writes ---
