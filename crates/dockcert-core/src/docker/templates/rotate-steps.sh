# --- How each phase replaces a file (the same in the host's and the client's) ---
# A phase replaces a file only when the one installed is what the phase
# before it (or the bundle this rotation replaces) put there, by SHA-256:
# anything else is someone's change, and is only replaced with --force.
STALE=0

# The SHA-256 of FILE, or nothing when there is no such file.
sha256_of() {
    [ -f "$1" ] || return 0
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum < "$1" | cut -d ' ' -f 1
    elif command -v shasum >/dev/null 2>&1; then
        shasum -a 256 < "$1" | cut -d ' ' -f 1
    else
        openssl dgst -sha256 -r < "$1" | cut -d ' ' -f 1
    fi
}

# step NAME SOURCE MODE BEFORE AFTER: $DIR/NAME becomes this folder's SOURCE
# (whose SHA-256 is AFTER) when it holds BEFORE (or is SOURCE already).
step() {
    st_dest=$DIR/$1
    st_now=$(sha256_of "$st_dest")
    if [ "$st_now" = "$5" ]; then
        :
    elif [ -n "$st_now" ] && { [ -z "$4" ] || [ "$st_now" = "$4" ]; }; then
        :
    elif [ "$FORCE" = 1 ]; then
        echo "@rot:ReplacingOther@"
    elif [ -z "$st_now" ]; then
        echo "@rot:NotInstalled@" >&2
        STALE=1
    else
        echo "@rot:FileDiffers@" >&2
        STALE=1
    fi
    printf '%s\t%s\t%s\tmerged\n' "$HERE/$2" "$st_dest" "$3" >> "$WORK/files"
}

# need NAME HASH PHASE: $DIR/NAME must be what phase PHASE installed.
need() {
    nd_dest=$DIR/$1
    nd_phase=$3
    if [ "$(sha256_of "$nd_dest")" != "$2" ]; then
        if [ "$FORCE" = 1 ]; then
            echo "@rot:PhaseNotDoneForced@"
        else
            echo "@rot:PhaseNotDone@" >&2
            STALE=1
        fi
    fi
}
# --- end of how each phase replaces a file ---
