#!/bin/sh
# The recipe dockcert replaces, for side-by-side benchmarks (`cargo xtask bench`):
# Docker's "Protect the Docker daemon socket" steps as guides copy them, with the
# SAN that today's docker client needs, so both sides make a usable bundle:
# a CA with an encrypted key, one server certificate with DNS and IP SANs, one
# client certificate, the chmods.
#     recipe.sh rsa|ec OUT_DIR        (the CA passphrase comes from $PASS)
set -eu
kind=$1
cd "$2"
case "$kind" in
    rsa)
        openssl genrsa -aes256 -passout env:PASS -out ca-key.pem 4096
        genkey() { openssl genrsa -out "$1" 4096; }
        ;;
    ec)
        openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -aes256 -pass env:PASS -out ca-key.pem
        genkey() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
        ;;
    *) echo "recipe.sh: rsa or ec" >&2; exit 2 ;;
esac
openssl req -new -x509 -days 3650 -key ca-key.pem -passin env:PASS -sha256 -subj "/CN=Recipe CA" -out ca.pem
genkey server-key.pem
openssl req -subj "/CN=docker1.example.com" -sha256 -new -key server-key.pem -out server.csr
echo "subjectAltName = DNS:docker1.example.com,IP:10.0.0.5,IP:127.0.0.1" > extfile.cnf
echo "extendedKeyUsage = serverAuth" >> extfile.cnf
openssl x509 -req -days 365 -sha256 -in server.csr -CA ca.pem -CAkey ca-key.pem -passin env:PASS \
    -CAcreateserial -out server-cert.pem -extfile extfile.cnf
genkey key.pem
openssl req -subj '/CN=client' -new -key key.pem -out client.csr
echo "extendedKeyUsage = clientAuth" > extfile-client.cnf
openssl x509 -req -days 365 -sha256 -in client.csr -CA ca.pem -CAkey ca-key.pem -passin env:PASS \
    -CAcreateserial -out cert.pem -extfile extfile-client.cnf
rm -f client.csr server.csr extfile.cnf extfile-client.cnf
chmod 0400 ca-key.pem key.pem server-key.pem
chmod 0444 ca.pem server-cert.pem cert.pem
