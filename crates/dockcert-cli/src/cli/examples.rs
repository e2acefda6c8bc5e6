//! The examples and exit statuses each subcommand's `--help` ends with.

pub(super) const NEW_EXAMPLES: &str = "\
Examples:
  One host reached by name and address, one client, CA key passphrase in a file:
    dockcert new --server docker1.example.com,10.0.0.5 --client alice \\
                 --passphrase-file ca-pass.txt --out docker-tls.zip

  Two hosts, RSA keys, a folder instead of a zip, passphrase asked for:
    dockcert new --server docker1,192.168.1.10 --server docker2,192.168.1.11 \\
                 --key-type rsa-4096 --out ./docker-tls

  A whole fleet from one reviewed file, with firewall rules for one network:
    dockcert new --config fleet.toml --allow-from 10.0.0.0/24 \\
                 --passphrase-file ca-pass.txt --out fleet.zip

  A company PKI policy: organization, unit and country in every subject:
    dockcert new --server docker1.example.com --subject-org 'Example Corp' \\
                 --subject-unit Ops --subject-country CN --out docker-tls.zip

Exit status: 0 the bundle was written; 1 it could not be made or written;
2 an input was refused (the message names the flag and what is allowed).";

pub(super) const ISSUE_EXAMPLES: &str = "\
Examples:
  A new host and a new client from the CA of an earlier bundle:
    dockcert issue --ca-cert docker-tls/ca/ca.pem --ca-key docker-tls/ca/ca-key.pem \\
                   --passphrase-file ca-pass.txt \\
                   --server docker3.example.com,10.0.0.7 --client bob --out more.zip

  From a CA made with the openssl recipe (any key format openssl writes):
    dockcert issue --ca-cert ca.pem --ca-key ca-key.pem --server docker1,10.0.0.5 --out d1.zip

Exit status: 0 written; 1 could not be made or written; 2 an input was refused.";

pub(super) const ROTATE_EXAMPLES: &str = "\
Examples:
  A new CA for every host and client of a bundle, the client bob left out:
    dockcert rotate --ca-cert docker-tls/ca/ca.pem --ca-key docker-tls/ca/ca-key.pem \\
                    --passphrase-file ca-pass.txt --new-passphrase-file new-pass.txt \\
                    --from docker-tls --drop bob --out rotation.zip
  Then, in order: ./install.sh --phase 1 on every host and client, then --phase 2, then --phase 3
  (README.txt in the zip says each step).

Exit status: 0 written; 1 could not be made or written; 2 an input was refused.";

pub(super) const RENEW_EXAMPLES: &str = "\
Examples:
  A host's certificate before it expires (same names and usage, new key):
    dockcert renew docker-tls/server/docker1/server-cert.pem \\
                   --ca-cert docker-tls/ca/ca.pem --ca-key docker-tls/ca/ca-key.pem \\
                   --passphrase-file ca-pass.txt --out docker1-renewed.zip

  A CN-only certificate from the openssl recipe: the renewed one adds the SAN.
    dockcert renew server-cert.pem --ca-cert ca.pem --ca-key ca-key.pem --out fixed.zip

Exit status: 0 written; 1 could not be made or written; 2 an input was refused.";

pub(super) const INSPECT_EXAMPLES: &str = "\
Examples:
  dockcert inspect /etc/docker --host docker1.example.com
  dockcert inspect ~/.docker/dockcert/alice
  dockcert inspect ca.pem server-cert.pem --host docker1.example.com
  dockcert inspect docker-tls.zip --json
  dockcert inspect --explain 'x509: certificate relies on legacy Common Name field, use SANs instead'

Exit status: 0 all is well (warnings may be shown); 1 problems were found (or
the message is not one dockcert knows); 2 a path given could not be read.";

pub(super) const EXPIRY_EXAMPLES: &str = "\
Examples:
  dockcert expiry /etc/docker ~/.docker
  dockcert expiry fleet/ --within 14
  dockcert expiry tcp://docker1.example.com:2376 tcp://docker2.example.com:2376
  dockcert expiry docker-tls.zip --json
  dockcert expiry /etc/docker --prometheus > /var/lib/node_exporter/textfile/dockcert.prom

Exit status: 0 nothing ends within DAYS; 1 a certificate ends within DAYS or has
ended; 2 a path given could not be read, or a file holds a certificate that
cannot be read.";

pub(super) const PROBE_EXAMPLES: &str = "\
Examples:
  With a client's folder from the bundle (ca.pem, cert.pem, key.pem):
    dockcert probe tcp://docker1.example.com:2376 --client docker-tls/client/alice

  With the files named one by one, as docker's flags name them:
    dockcert probe tcp://10.0.0.5:2376 --tlscacert ca.pem --tlscert cert.pem --tlskey key.pem

  As the docker client is set up (DOCKER_HOST, DOCKER_CERT_PATH):
    . ./docker.env && dockcert probe

  A docker context (docker-context.sh or a .dockercontext file made it):
    dockcert probe --context docker1.example.com

Checks, in order: reachable; no Docker API in clear text; the server's
certificate chains to the CA and covers the name dialled (as docker checks
it); a client without a certificate is refused; the client's certificate is
accepted (/_ping, /version).

Exit status: 0 healthy; 1 a finding (not reachable, an open API, a
certificate docker refuses, a client refused); 2 an input was refused.";

pub(super) const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  bash, for you:        dockcert completions bash > ~/.local/share/bash-completion/completions/dockcert
  bash, for everyone:   dockcert completions bash | sudo tee /usr/share/bash-completion/completions/dockcert
  zsh:                  dockcert completions zsh > \"${fpath[1]}/_dockcert\"
  fish:                 dockcert completions fish > ~/.config/fish/completions/dockcert.fish";

pub(super) const MAN_EXAMPLES: &str = "\
Examples:
  dockcert man | man -l -
  dockcert man | sudo tee /usr/local/share/man/man1/dockcert.1 >/dev/null";
