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
#
# The work is linear in the file's size under every awk: the text is kept as
# pieces of at most 256 bytes (busybox awk's substr() measures the whole
# string each time, and appending to a long string copies it), runs of plain
# characters are skipped with one index() or match() per piece, the host's
# text is written back piece by piece, and a compact form is only built up to
# one byte longer than dockcert's longest (a longer one cannot be equal) or
# 1024 bytes (a conflict's message shows that much of the host's value). An
# indent longer than a piece is written as two spaces. No user function is
# called in another's arguments: busybox awk 1.35 mixes up their values.

BEGIN {
    # What each one-letter escape stands for (busybox awk reads "010" as
    # octal, so no table of zero-padded numbers).
    split("\" 34 \\ 92 / 47 b 8 f 12 n 10 r 13 t 9", pair, " ")
    for (i = 1; i < 16; i += 2) ESCAPED[pair[i]] = pair[i + 1] + 0
    PIECES = 0
}

{ keep($0) }

END {
    if (NR == 0) fail("@say:AwkEmpty@")
    HOST_FROM = 1
    HOST_TO = PIECES
    while ((got = (getline line < ours)) > 0) keep(line)
    if (got < 0) fail("@say:AwkCannotRead@" ours)
    close(ours)
    # dockcert's first: its longest compact form bounds the host's.
    CAP = -1
    load(HOST_TO + 1, PIECES, "dockcert")
    CAP = 0
    for (j = 1; j <= COUNT["dockcert"]; j++) {
        if (length(NAME[-j]) > CAP) CAP = length(NAME[-j])
        if (length(COMPACT[-j]) > CAP) CAP = length(COMPACT[-j])
    }
    # ... and what a conflict's message shows of the host's value.
    CAP = CAP < 1024 ? 1024 : CAP + 1
    load(HOST_FROM, HOST_TO, "host")

    changed = 0
    for (j = 1; j <= COUNT["dockcert"]; j++) {
        name = NAME[-j]
        found = 0
        for (i = 1; i <= COUNT["host"]; i++) {
            if (NAME[i] == name) { found++; at = i }
        }
        shown = substr(name, 2, length(name) - 2)
        if (found > 1) fail("@say:AwkTwiceBefore@" shown "@say:AwkTwiceCount@" found "@say:AwkTwiceAfter@")
        if (found == 0) {
            changed = 1
            printf "add\t%s\n", shown > report
        } else if (COMPACT[at] != COMPACT[-j]) {
            changed = 1
            TAKE[at] = j
            HAS[j] = 1
            theirs = COMPACT[at]
            if (length(theirs) >= CAP) theirs = substr(theirs, 1, CAP) "..."
            printf "conflict\t%s\t%s\t%s\n", shown, theirs, COMPACT[-j] > report
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
    for (j = 1; j <= COUNT["dockcert"]; j++) {
        OURS_NAME[j] = span(NAME_FROM[-j], NAME_TO[-j], 1)
        OURS_VALUE[j] = span(VALUE_FROM[-j], VALUE_TO[-j], 1)
        gsub(/\n  /, "\n" INDENT, OURS_VALUE[j])
    }
    separator = "\n" INDENT
    printf "{" > out
    for (i = 1; i <= COUNT["host"]; i++) {
        printf "%s", separator > out
        span(NAME_FROM[i], NAME_TO[i], 0)
        printf ": " > out
        if (i in TAKE) printf "%s", OURS_VALUE[TAKE[i]] > out
        else span(VALUE_FROM[i], VALUE_TO[i], 0)
        separator = ",\n" INDENT
    }
    for (j = 1; j <= COUNT["dockcert"]; j++) {
        if (j in HAS) continue
        printf "%s%s: %s", separator, OURS_NAME[j], OURS_VALUE[j] > out
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

# Keeps LINE and its line break as pieces of at most 256 bytes, cut from
# pieces of 64 KiB so that no substr() measures a long line more than once
# per 64 KiB.
function keep(line,    n, i, j, big, m) {
    line = line "\n"
    n = length(line)
    if (n <= 256) { PIECE[++PIECES] = line; return }
    for (i = 1; i <= n; i += 65536) {
        big = substr(line, i, 65536)
        m = length(big)
        for (j = 1; j <= m; j += 256) PIECE[++PIECES] = substr(big, j, 256)
    }
}

# Reads the object in pieces FROM..TO as WHO's: COUNT[WHO] members, each
# (numbered 1, 2... for the host, -1, -2... for dockcert) with its name and
# value in compact form (NAME, COMPACT) and where each starts and ends in the
# pieces (NAME_FROM, NAME_TO, VALUE_FROM, VALUE_TO).
function load(from, to, who,    n, c, ws, id) {
    FIRST = from
    LAST = to
    AT = from
    P = 1
    HERE = PIECE[AT]
    HERE_LEN = length(HERE)
    WHO = who
    blank()
    if (peek() != "{") bad("@say:AwkExpectedObject@")
    P++
    ws = AT
    blank()
    if (who == "host") indent_from(ws)
    n = 0
    if (peek() == "}") {
        P++
    } else {
        while (1) {
            blank()
            if (peek() != "\"") bad("@say:AwkExpectedName@")
            n++
            id = who == "host" ? n : -n
            NAME_FROM[id] = AT * 1024 + P
            read_string()
            settle()
            NAME_TO[id] = AT * 1024 + P
            NAME[id] = COMPACT_TEXT
            blank()
            if (peek() != ":") bad("@say:AwkExpectedColon@")
            P++
            blank()
            VALUE_FROM[id] = AT * 1024 + P
            read_value(1)
            settle()
            VALUE_TO[id] = AT * 1024 + P
            COMPACT[id] = COMPACT_TEXT
            blank()
            c = peek()
            if (c == ",") { P++; continue }
            if (c == "}") { P++; break }
            bad("@say:AwkExpectedComma@")
        }
    }
    blank()
    if (peek() != "") bad("@say:AwkTrailing@")
    COUNT[who] = n
}

# INDENT: the white space before the host's first member after its last line
# break (two spaces when that is not only blanks and tabs). WS is the piece
# the white space began in; only the current piece is looked at, since a
# line's indent longer than a piece is not kept.
function indent_from(ws,    before) {
    before = substr(HERE, 1, P - 1)
    if (AT == ws) sub(/^[^\n]*\{/, "", before)
    INDENT = before
    if (sub(/.*\n/, "", INDENT) == 0 && !(AT != ws && PIECE[AT - 1] ~ /\n$/)) INDENT = ""
    if (INDENT !~ /^[ \t]+$/) INDENT = "  "
}

# The text from FROM to TO (each a piece's number times 1024 plus a place
# in it), written to out piece by piece, or (SHORT: dockcert's) returned.
function span(from, to, short,    a, p, b, q, k, t, piece) {
    a = int(from / 1024); p = from % 1024
    b = int(to / 1024); q = to % 1024
    t = ""
    for (k = a; k <= b; k++) {
        piece = substr(PIECE[k], k == a ? p : 1, (k == b ? q : length(PIECE[k]) + 1) - (k == a ? p : 1))
        if (short) t = t piece
        else printf "%s", piece > out
    }
    return t
}

# Moves on to the next piece while the position is past the current one.
function settle() {
    while (AT <= LAST && P > HERE_LEN) {
        P -= HERE_LEN
        AT++
        HERE = PIECE[AT]
        HERE_LEN = length(HERE)
    }
}

# The character at the position ("" at the end of the text).
function peek() {
    settle()
    return AT > LAST ? "" : substr(HERE, P, 1)
}

# Up to N characters from the position on, across pieces.
function peek_n(n,    w, k) {
    settle()
    if (AT > LAST) return ""
    w = substr(HERE, P)
    for (k = AT + 1; length(w) < n && k <= LAST; k++) w = w PIECE[k]
    return substr(w, 1, n)
}

# Appends MORE to the compact form being built in SLOT (a depth, or "s" for
# a string), unless it is already longer than any compact form of dockcert's
# (then it cannot be equal to one, and stays as it is). It is kept in an
# array, so that it is not copied at each call.
function add(slot, more) {
    if (CAP >= 0 && LEN[slot] > CAP) return
    TEXT[slot] = TEXT[slot] more
    LEN[slot] += length(more)
}

function bad(why,    line, k) {
    settle()
    line = 1
    for (k = FIRST; k < AT && k <= LAST; k++) if (PIECE[k] ~ /\n$/) line++
    if (WHO == "host") fail("@say:AwkHostLine@" line "@say:AwkLineEnd@" why)
    fail("@say:AwkBundleLine@" line "@say:AwkLineEnd@" why)
}

# Skips white space: one character by itself (the common case), more with
# one match() per piece.
function blank(    c, rest) {
    while (1) {
        settle()
        if (AT > LAST) return
        c = substr(HERE, P, 1)
        if (c != " " && c != "\t" && c != "\n" && c != "\r") return
        P++
        c = substr(HERE, P, 1)
        if (c == "") continue
        if (c != " " && c != "\t" && c != "\n" && c != "\r") return
        rest = substr(HERE, P)
        if (match(rest, /[^ \t\n\r]/)) { P += RSTART - 1; return }
        P = HERE_LEN + 1
    }
}

# Reads the value at the position; COMPACT_TEXT gets its compact form.
function read_value(depth,    c, w) {
    if (depth > 100) bad("@say:AwkTooDeep@")
    c = peek()
    if (c == "{" || c == "[") {
        P++
        TEXT[depth] = c
        LEN[depth] = 1
        blank()
        if (peek() == (c == "{" ? "}" : "]")) {
            P++
            COMPACT_TEXT = c (c == "{" ? "}" : "]")
            return
        }
        while (1) {
            blank()
            if (c == "{") {
                if (peek() != "\"") bad("@say:AwkExpectedName@")
                read_string()
                add(depth, COMPACT_TEXT)
                blank()
                if (peek() != ":") bad("@say:AwkExpectedColon@")
                P++
                blank()
                add(depth, ":")
            }
            read_value(depth + 1)
            add(depth, COMPACT_TEXT)
            blank()
            if (peek() == ",") { P++; add(depth, ","); continue }
            if (c == "{" && peek() == "}") break
            if (c == "[" && peek() == "]") break
            bad(c == "{" ? "expected ',' or '}' after a value" : "expected ',' or ']' after a value")
        }
        P++
        add(depth, c == "{" ? "}" : "]")
        COMPACT_TEXT = TEXT[depth]
        return
    }
    if (c == "\"") { read_string(); return }
    w = peek_n(400)
    if (substr(w, 1, 4) == "true") { P += 4; COMPACT_TEXT = "true"; return }
    if (substr(w, 1, 5) == "false") { P += 5; COMPACT_TEXT = "false"; return }
    if (substr(w, 1, 4) == "null") { P += 4; COMPACT_TEXT = "null"; return }
    if (match(w, /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/)) {
        COMPACT_TEXT = substr(w, 1, RLENGTH)
        P += RLENGTH
        return
    }
    bad("@say:AwkExpectedValue@")
}

# Reads the string at the position; COMPACT_TEXT gets it with each character
# spelled one way: printable ASCII as itself, other escapes as \u plus
# lower-case hex. The rest of a piece is searched for its first quote, what
# comes before that for a control character, and what is left is cut at its
# backslashes by split().
function read_string(    rest, stop, seg, n, i, used, e, hex, code, got) {
    P++
    TEXT["s"] = "\""
    LEN["s"] = 1
    while (1) {
        settle()
        if (AT > LAST) bad("@say:AwkUnclosed@")
        rest = substr(HERE, P)
        stop = index(rest, "\"")
        seg = stop ? substr(rest, 1, stop - 1) : rest
        if (match(seg, /[\001-\037]/)) {
            stop = RSTART
            seg = substr(seg, 1, stop - 1)
        }
        # (split() of "" would leave PART empty, and gawk 5.2 fails on an
        # element that is not there handed to a function.)
        if (seg == "") { n = 1; PART[1] = "" } else n = split(seg, PART, "\\")
        add("s", PART[1])
        used = length(PART[1])
        # Each part after the first follows a backslash and starts with what
        # it escapes; an empty one is an escaped backslash (the next part is
        # plain). An escape cut by the piece's end, or by the quote it
        # escapes, is read by escape() instead.
        for (i = 2; i <= n; i++) {
            e = substr(PART[i], 1, 1)
            if (e == "" && i < n) {
                add("s", "\\\\")
                i++
                add("s", PART[i])
                used += 2 + length(PART[i])
            } else if (e == "u" && length(PART[i]) >= 5) {
                hex = tolower(substr(PART[i], 2, 4))
                if (hex !~ /^[0-9a-f][0-9a-f][0-9a-f][0-9a-f]$/) { P += used; bad("@say:AwkBadUnicode@") }
                code = hex_value(hex)
                got = compact_char(code, hex)
                add("s", got)
                add("s", substr(PART[i], 6))
                used += 1 + length(PART[i])
            } else if (e != "" && e != "u") {
                if (index("/bfnrt", e) == 0) { P += used; bad("@say:AwkUnknownEscape@" e "@say:AwkUnknownEscapeEnd@") }
                got = escaped(e)
                add("s", got)
                add("s", substr(PART[i], 2))
                used += 1 + length(PART[i])
            } else {
                break
            }
        }
        P += used
        if (i <= n) {
            got = escape()
            add("s", got)
            continue
        }
        if (stop == 0) continue
        e = substr(rest, stop, 1)
        if (e == "\"") break
        # A JSON string cannot hold a line break: this one is not closed.
        if (e == "\n") bad("@say:AwkUnclosedLine@")
        bad("@say:AwkControl@")
    }
    P++
    add("s", "\"")
    COMPACT_TEXT = TEXT["s"]
}

# The escape at the position (a backslash), read across pieces; returns it
# in compact form.
function escape(    w, e, hex, code) {
    w = peek_n(6)
    e = substr(w, 2, 1)
    if (e == "u") {
        hex = tolower(substr(w, 3, 4))
        if (hex !~ /^[0-9a-f][0-9a-f][0-9a-f][0-9a-f]$/) bad("@say:AwkBadUnicode@")
        P += 6
        code = hex_value(hex)
        return compact_char(code, hex)
    }
    if (e == "" || index("\"\\/bfnrt", e) == 0) bad("@say:AwkUnknownEscape@" e "@say:AwkUnknownEscapeEnd@")
    P += 2
    return escaped(e)
}

# The compact form of the escape \E (E one of " \ / b f n r t).
function escaped(e,    code, hex) {
    code = ESCAPED[e]
    hex = sprintf("%04x", code)
    return compact_char(code, hex)
}

# The compact form of the character CODE (HEX: its four hex digits).
function compact_char(code, hex) {
    if (code == 34) return "\\\""
    if (code == 92) return "\\\\"
    if (code >= 32 && code < 127) return sprintf("%c", code)
    return "\\u" hex
}

function hex_value(hex,    i, v) {
    v = 0
    for (i = 1; i <= 4; i++) v = v * 16 + index("0123456789abcdef", substr(hex, i, 1)) - 1
    return v
}
