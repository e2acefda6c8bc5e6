# The SHA-256 of the DER of the first certificate in file $1, in lower-case
# hex: the base64 between its PEM lines, decoded (no openssl needed).
der_sha256() {
    awk '
        /^-----BEGIN CERTIFICATE-----/ { inside = 1; next }
        /^-----END CERTIFICATE-----/ { if (inside) exit }
        inside { gsub(/[ \t\r]/, ""); printf "%s", $0 }' "$1" |
        base64 -d 2> /dev/null | sha256sum 2> /dev/null | cut -d ' ' -f 1
}
