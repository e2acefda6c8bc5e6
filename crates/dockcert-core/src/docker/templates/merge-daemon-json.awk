# merge-daemon-json.awk: adds dockcert's settings to the host's daemon.json.
#
#   LC_ALL=C awk -v ours=BUNDLE/daemon.json -v out=MERGED -v report=REPORT \
#       -f merge-daemon-json.awk /etc/docker/daemon.json
#
# POSIX awk only (mawk, gawk and busybox awk read it the same), since jq and
# python are missing on many Docker hosts. Both files are read by a full JSON
# parser (RFC 8259): one object and nothing after it, as dockerd wants. The host's
# members are written back in their order, each name and value exactly as
# the host wrote it (nested objects and arrays included); a member dockcert
# sets takes dockcert's value; dockcert's members the host lacks come last.
# Values are compared in a compact form (no white space, escapes spelled one
# way), so `true` and a differently indented equal array are the same value.
# REPORT gets one line per finding, fields separated by tabs:
#   same                       dockcert's settings are all there already; no MERGED
#   add NAME                   the host lacks NAME
#   conflict NAME HOST OURS    the host sets NAME to another value (compact forms)
#   error WHY                  not a JSON object (exit 2)

BEGIN {
    for (i = 1; i < 32; i++) CONTROL = CONTROL sprintf("%c", i)
}

{ text = text $0 "\n" }

END {
    if (NR == 0) fail("the file is empty; dockerd refuses an empty daemon.json too")
    load(text, "host")
    theirs_text = ""
    while ((got = (getline line < ours)) > 0) theirs_text = theirs_text line "\n"
    if (got < 0) fail("cannot read " ours)
    close(ours)
    load(theirs_text, "dockcert")

    changed = 0
    for (j = 1; j <= COUNT["dockcert"]; j++) {
        name = NAME["dockcert", j]
        found = 0
        for (i = 1; i <= COUNT["host"]; i++) {
            if (NAME["host", i] == name) { found++; at = i }
        }
        shown = substr(name, 2, length(name) - 2)
        if (found > 1) fail("it sets \"" shown "\" " found " times, and dockerd uses only the last; keep one")
        if (found == 0) {
            changed = 1
            printf "add\t%s\n", shown > report
        } else if (COMPACT["host", at] != COMPACT["dockcert", j]) {
            changed = 1
            TAKE[at] = j
            HAS[j] = 1
            printf "conflict\t%s\t%s\t%s\n", shown, COMPACT["host", at], COMPACT["dockcert", j] > report
        } else {
            HAS[j] = 1
        }
    }
    if (!changed) {
        print "same" > report
        exit 0
    }

    # Each member on a line of its own, indented as the host indents its
    # first one; dockcert's multi-line values (two-space steps) follow suit.
    for (j = 1; j <= COUNT["dockcert"]; j++) gsub(/\n  /, "\n" INDENT, RAW["dockcert", j])
    separator = "\n" INDENT
    printf "{" > out
    for (i = 1; i <= COUNT["host"]; i++) {
        written = RAW["host", i]
        if (i in TAKE) written = RAW["dockcert", TAKE[i]]
        printf "%s%s: %s", separator, RAWNAME["host", i], written > out
        separator = ",\n" INDENT
    }
    for (j = 1; j <= COUNT["dockcert"]; j++) {
        if (j in HAS) continue
        printf "%s%s: %s", separator, RAWNAME["dockcert", j], RAW["dockcert", j] > out
        separator = ",\n" INDENT
    }
    printf "\n}\n" > out
    close(out)
}

function fail(why) {
    printf "error\t%s\n", why > report
    close(report)
    exit 2
}

# Reads the object in TEXT as WHO's: COUNT[WHO] members, each with its name
# as written (RAWNAME), in compact form (NAME), and its value as written (RAW)
# and in compact form (COMPACT).
function load(text, who,    n, start, c) {
    S = text
    N = length(S)
    P = 1
    WHO = who
    blank()
    if (substr(S, P, 1) != "{") bad("expected '{': daemon.json holds one JSON object")
    P++
    start = P
    blank()
    if (who == "host") {
        INDENT = substr(S, start, P - start)
        if (sub(/.*\n/, "", INDENT) == 0 || INDENT !~ /^[ \t]+$/) INDENT = "  "
    }
    n = 0
    if (substr(S, P, 1) == "}") {
        P++
    } else {
        while (1) {
            blank()
            if (substr(S, P, 1) != "\"") bad("expected a name in double quotes")
            n++
            start = P
            read_string()
            NAME[who, n] = COMPACT_TEXT
            RAWNAME[who, n] = substr(S, start, P - start)
            blank()
            if (substr(S, P, 1) != ":") bad("expected ':' after a name")
            P++
            blank()
            start = P
            read_value(1)
            RAW[who, n] = substr(S, start, P - start)
            COMPACT[who, n] = COMPACT_TEXT
            blank()
            c = substr(S, P, 1)
            if (c == ",") { P++; continue }
            if (c == "}") { P++; break }
            bad("expected ',' or '}' after a value")
        }
    }
    blank()
    if (P <= N) bad("more text after the object's closing '}'")
    COUNT[who] = n
}

function bad(why,    before) {
    before = substr(S, 1, P - 1)
    if (WHO == "host") fail("line " (gsub(/\n/, "", before) + 1) ": " why)
    fail("the bundle's daemon.json, line " (gsub(/\n/, "", before) + 1) ": " why)
}

function blank() {
    while (P <= N && index(" \t\n\r", substr(S, P, 1)) > 0) P++
}

# Reads the value at P; COMPACT_TEXT gets its compact form.
function read_value(depth,    c, text) {
    if (depth > 100) bad("nested more than 100 levels deep")
    c = substr(S, P, 1)
    if (c == "{" || c == "[") {
        P++
        text = c
        blank()
        if (substr(S, P, 1) == (c == "{" ? "}" : "]")) {
            P++
            COMPACT_TEXT = text (c == "{" ? "}" : "]")
            return
        }
        while (1) {
            blank()
            if (c == "{") {
                if (substr(S, P, 1) != "\"") bad("expected a name in double quotes")
                read_string()
                text = text COMPACT_TEXT
                blank()
                if (substr(S, P, 1) != ":") bad("expected ':' after a name")
                P++
                blank()
                text = text ":"
            }
            read_value(depth + 1)
            text = text COMPACT_TEXT
            blank()
            if (substr(S, P, 1) == ",") { P++; text = text ","; continue }
            if (c == "{" && substr(S, P, 1) == "}") break
            if (c == "[" && substr(S, P, 1) == "]") break
            bad(c == "{" ? "expected ',' or '}' after a value" : "expected ',' or ']' after a value")
        }
        P++
        COMPACT_TEXT = text (c == "{" ? "}" : "]")
        return
    }
    if (c == "\"") { read_string(); return }
    if (substr(S, P, 4) == "true") { P += 4; COMPACT_TEXT = "true"; return }
    if (substr(S, P, 5) == "false") { P += 5; COMPACT_TEXT = "false"; return }
    if (substr(S, P, 4) == "null") { P += 4; COMPACT_TEXT = "null"; return }
    if (match(substr(S, P, 400), /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/)) {
        COMPACT_TEXT = substr(S, P, RLENGTH)
        P += RLENGTH
        return
    }
    bad("expected a value")
}

# Reads the string at P; COMPACT_TEXT gets it with each character spelled
# one way: printable ASCII as itself, other escapes as \u plus lower-case hex.
function read_string(    text, c, e, hex, code) {
    P++
    text = "\""
    while (1) {
        if (P > N) bad("a string is not closed")
        c = substr(S, P, 1)
        if (c == "\"") break
        if (c == "\\") {
            e = substr(S, P + 1, 1)
            if (e == "u") {
                hex = tolower(substr(S, P + 2, 4))
                if (hex !~ /^[0-9a-f][0-9a-f][0-9a-f][0-9a-f]$/) bad("\\u needs four hex digits")
                code = hex_value(hex)
                P += 6
            } else if (e != "" && index("\"\\/bfnrt", e) > 0) {
                code = index("\"\\/bfnrt", e)
                code = substr("034092047008012010013009", code * 3 - 2, 3) + 0
                hex = sprintf("%04x", code)
                P += 2
            } else {
                bad("unknown escape \\" e " in a string")
            }
            if (code == 34) text = text "\\\""
            else if (code == 92) text = text "\\\\"
            else if (code >= 32 && code < 127) text = text sprintf("%c", code)
            else text = text "\\u" hex
            continue
        }
        # A JSON string cannot hold a line break: this one is not closed.
        if (c == "\n") bad("a string is not closed before the end of its line")
        if (index(CONTROL, c) > 0) bad("a control character in a string (write it as \\u00XX)")
        text = text c
        P++
    }
    P++
    COMPACT_TEXT = text "\""
}

function hex_value(hex,    i, v) {
    v = 0
    for (i = 1; i <= 4; i++) v = v * 16 + index("0123456789abcdef", substr(hex, i, 1)) - 1
    return v
}
