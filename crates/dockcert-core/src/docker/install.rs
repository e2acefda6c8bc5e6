//! install.sh for each host and each client, from the templates in
//! `templates/` (kept as real shell and awk files so they can be read and
//! linted). Both scripts take the same `safe-write.sh`: how root writes into
//! folders someone else might have touched is one rule, written once. The
//! host's script carries `merge-daemon-json.awk`, which adds dockcert's
//! settings to an existing daemon.json instead of replacing it.

use super::locations::client_cert_dir;
use crate::plan::{ClientSpec, ServerSpec};

const SERVER_TEMPLATE: &str = include_str!("templates/server-install.sh");
const CLIENT_TEMPLATE: &str = include_str!("templates/client-install.sh");
const SAFE_WRITE: &str = include_str!("templates/safe-write.sh");
const MERGE_AWK: &str = include_str!("templates/merge-daemon-json.awk");

/// The host's install.sh. Every value substituted here was checked by the
/// plan to hold only characters that need no shell quoting.
pub fn server_script(server: &ServerSpec) -> String {
    SERVER_TEMPLATE
        .replace("@SAFE_WRITE@\n", SAFE_WRITE)
        .replace("@MERGE_AWK@\n", MERGE_AWK)
        .replace("@NAME@", &server.name)
        .replace("@VERSION@", crate::VERSION)
        .replace("@INSTALL_DIR@", &server.install_dir)
        .replace("@LISTEN@", &server.listen.to_string())
}

/// The client's install.sh.
pub fn client_script(client: &ClientSpec, servers: &[ServerSpec]) -> String {
    let first_host = servers.first().map(|s| s.name.clone()).unwrap_or_default();
    CLIENT_TEMPLATE
        .replace("@SAFE_WRITE@\n", SAFE_WRITE)
        .replace("@NAME@", &client.name)
        .replace("@VERSION@", crate::VERSION)
        .replace("@CERT_DIR@", &client_cert_dir(client))
        .replace("@FIRST_HOST@", &first_host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::tests_support::server;

    #[test]
    fn every_placeholder_is_filled() {
        let server = server("docker1", &["docker1"]);
        let client = ClientSpec {
            name: "alice".into(),
        };
        for script in [
            server_script(&server),
            client_script(&client, std::slice::from_ref(&server)),
        ] {
            assert!(script.starts_with("#!/bin/sh\n"));
            for placeholder in [
                "@NAME@",
                "@VERSION@",
                "@INSTALL_DIR@",
                "@LISTEN@",
                "@CERT_DIR@",
                "@FIRST_HOST@",
                "@SAFE_WRITE@",
                "@MERGE_AWK@",
            ] {
                assert!(
                    !script.contains(placeholder),
                    "{placeholder} left in script"
                );
            }
        }
    }
}
