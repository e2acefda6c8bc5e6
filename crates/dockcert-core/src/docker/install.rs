//! install.sh for each host and each client, from the templates in
//! `templates/` (kept as real shell and awk files so they can be read and
//! linted). Both scripts take the same `safe-write.sh`: how root writes into
//! folders someone else might have touched is one rule, written once. The
//! host's script carries `merge-daemon-json.awk`, which adds dockcert's
//! settings to an existing daemon.json instead of replacing it. Their
//! messages are in the plan's language (`words/`): each template is put
//! together and worded once per language, then filled once per host or
//! client.

use std::sync::OnceLock;

use super::locations::client_cert_dir;
use super::words::script_messages;
use crate::lang::Lang;
use crate::pki::lower_hex;
use crate::plan::{ClientSpec, Renews, ServerSpec};

const SERVER_TEMPLATE: &str = include_str!("templates/server-install.sh");
const CLIENT_TEMPLATE: &str = include_str!("templates/client-install.sh");
const SAFE_WRITE: &str = include_str!("templates/safe-write.sh");
const MERGE_AWK: &str = include_str!("templates/merge-daemon-json.awk");
const CHECK_TEMPLATE: &str = include_str!("templates/expiry-check.sh");
const RENEWAL_TEMPLATE: &str = include_str!("templates/renewal.sh");
/// `der_sha256 FILE`: which certificate a file holds, as a renewal's
/// install.sh and its playbook both ask it on the host.
pub(super) const DER_SHA256: &str = include_str!("templates/der-sha256.sh");
pub(super) const SERVICE_TEMPLATE: &str = include_str!("templates/dockcert-expiry.service");
pub(super) const TIMER_TEMPLATE: &str = include_str!("templates/dockcert-expiry.timer");
pub(super) const CRON_TEMPLATE: &str = include_str!("templates/dockcert-expiry.cron");

/// The templates put together and worded in one language.
pub(super) struct Worded {
    server: String,
    client: String,
    /// A renewal's part of install.sh (`renewal.sh`).
    renewal: String,
    /// The expiry check (`expiry-check.sh`).
    pub(super) check: String,
}

/// The templates in `lang`, made the first time they are asked for.
pub(super) fn worded(lang: Lang) -> &'static Worded {
    static EN: OnceLock<Worded> = OnceLock::new();
    static ZH: OnceLock<Worded> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    cell.get_or_init(|| Worded {
        server: worded_parts(SERVER_TEMPLATE, lang),
        client: worded_parts(CLIENT_TEMPLATE, lang),
        renewal: worded_parts(RENEWAL_TEMPLATE, lang),
        check: worded_parts(CHECK_TEMPLATE, lang),
    })
}

/// `template` with the shared parts put in (`safe-write.sh`, the
/// daemon.json merge, the expiry check's units) and install.sh's messages
/// worded in `lang`; other placeholders are left for the caller.
pub(super) fn worded_parts(template: &str, lang: Lang) -> String {
    let messages = script_messages(lang);
    let messages: Vec<(&str, &str)> = messages
        .iter()
        .map(|(key, text)| (key.as_str(), *text))
        .collect();
    let whole = fill(
        template,
        &[
            ("@SAFE_WRITE@\n", SAFE_WRITE),
            ("@MERGE_AWK@\n", MERGE_AWK),
            ("@EXPIRY_SERVICE@\n", SERVICE_TEMPLATE),
            ("@EXPIRY_TIMER@\n", TIMER_TEMPLATE),
            ("@EXPIRY_CRON@\n", CRON_TEMPLATE),
        ],
    );
    fill(&whole, &messages)
}

/// The host's install.sh, its messages in `lang`; a renewal's (`renews`)
/// replaces the renewed server-cert.pem and its key without `--force`.
/// Every value substituted here was checked by the plan to hold only
/// characters that need no shell quoting.
pub fn server_script(server: &ServerSpec, renews: Option<&Renews>, lang: Lang) -> String {
    let renewal = renewal_part(
        renews,
        lang,
        r#""$ROOT$INSTALL_DIR/server-cert.pem""#,
        r#""$RENEWED" | "$ROOT$INSTALL_DIR/server-key.pem" | "$ROOT/etc/dockcert/certificates.tsv""#,
    );
    fill(
        &worded(lang).server,
        &[
            ("@NAME@", &server.name),
            ("@VERSION@", crate::VERSION),
            ("@INSTALL_DIR@", &server.install_dir),
            ("@LISTEN@", &server.listen.to_string()),
            ("@RENEWAL@\n", &renewal),
        ],
    )
}

/// The client's install.sh, its messages in `lang`; a renewal's (`renews`)
/// replaces the renewed cert.pem and its key without `--force`.
pub fn client_script(
    client: &ClientSpec,
    servers: &[ServerSpec],
    renews: Option<&Renews>,
    lang: Lang,
) -> String {
    let first_host = servers.first().map(|s| s.name.as_str()).unwrap_or_default();
    let renewal = renewal_part(
        renews,
        lang,
        r#""$DIR/cert.pem""#,
        r#""$RENEWED" | "$DIR/key.pem""#,
    );
    fill(
        &worded(lang).client,
        &[
            ("@NAME@", &client.name),
            ("@VERSION@", crate::VERSION),
            ("@CERT_DIR@", &client_cert_dir(client)),
            ("@FIRST_HOST@", first_host),
            ("@RENEWAL@\n", &renewal),
        ],
    )
}

/// A renewal's part of install.sh, to stand before its checks: `cert` (the
/// installed certificate's path, as shell) and `files` (the `case` patterns
/// of the destinations replaced with it). Nothing for any other bundle,
/// whose install.sh stays as it was.
fn renewal_part(renews: Option<&Renews>, lang: Lang, cert: &str, files: &str) -> String {
    let Some(renews) = renews else {
        return String::new();
    };
    fill(
        &worded(lang).renewal,
        &[
            ("@DER_SHA256@\n", DER_SHA256),
            ("@RENEWS@", &lower_hex(&renews.der_sha256)),
            ("@RENEWED_CERT@", cert),
            ("@RENEWED_FILES@", files),
        ],
    )
}

/// `template` with each placeholder of `values` replaced, in one pass (a
/// fleet makes thousands of scripts). What is put in is not searched again.
pub(super) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let room: usize = values.iter().map(|(_, value)| value.len()).sum();
    let mut out = String::with_capacity(template.len() + room);
    let mut rest = template;
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match values.iter().find(|(key, _)| rest.starts_with(key)) {
            Some((key, value)) => {
                out.push_str(value);
                rest = &rest[key.len()..];
            }
            None => {
                out.push('@');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::tests_support::server;

    #[test]
    fn placeholders_are_filled_once_and_other_ats_stay() {
        assert_eq!(
            fill("a@X@b@@c@Y@\nd@", &[("@X@", "@Y@"), ("@Y@\n", "y\n")]),
            "a@Y@b@@cy\nd@"
        );
    }

    #[test]
    fn every_placeholder_is_filled() {
        let server = server("docker1", &["docker1"]);
        let client = ClientSpec {
            name: "alice".into(),
        };
        let renews = Renews {
            der_sha256: [0xab; 32],
        };
        let mut scripts = Vec::new();
        for lang in [Lang::En, Lang::Zh] {
            for renews in [None, Some(&renews)] {
                scripts.push(server_script(&server, renews, lang));
                let servers = std::slice::from_ref(&server);
                scripts.push(client_script(&client, servers, renews, lang));
            }
        }
        for script in scripts {
            assert!(script.starts_with("#!/bin/sh\n"));
            assert!(script.contains("\n# --- end of how this script writes ---\n"));
            for placeholder in [
                "@NAME@",
                "@VERSION@",
                "@INSTALL_DIR@",
                "@LISTEN@",
                "@CERT_DIR@",
                "@FIRST_HOST@",
                "@SAFE_WRITE@",
                "@MERGE_AWK@",
                "@EXPIRY_SERVICE@",
                "@EXPIRY_TIMER@",
                "@EXPIRY_CRON@",
                "@RENEWAL@",
                "@RENEWS@",
                "@RENEWED_CERT@",
                "@RENEWED_FILES@",
                "@DER_SHA256@",
                "@say:",
            ] {
                assert!(
                    !script.contains(placeholder),
                    "{placeholder} left in script"
                );
            }
        }
    }

    #[test]
    fn only_a_renewal_carries_what_it_renews() {
        let server = server("docker1", &["docker1"]);
        let client = ClientSpec {
            name: "alice".into(),
        };
        let renews = Renews {
            der_sha256: [0xab; 32],
        };
        let line = format!("RENEWS='{}'\n", "ab".repeat(32));
        for lang in [Lang::En, Lang::Zh] {
            let servers = std::slice::from_ref(&server);
            for (plain, renewal) in [
                (
                    server_script(&server, None, lang),
                    server_script(&server, Some(&renews), lang),
                ),
                (
                    client_script(&client, servers, None, lang),
                    client_script(&client, servers, Some(&renews), lang),
                ),
            ] {
                assert!(!plain.contains("RENEWS="), "{plain}");
                assert!(
                    plain.contains("LIST\n\ncheck_all\n") || plain.contains("fi\n\ncheck_all\n")
                );
                assert!(renewal.contains(&line), "{renewal}");
                // The part stands just before the checks, and adds nothing else.
                let (before, after) = renewal.split_once("# This bundle renews").unwrap();
                assert!(after.contains("fi\ncheck_all\n"));
                assert!(plain.starts_with(before));
            }
        }
    }
}
