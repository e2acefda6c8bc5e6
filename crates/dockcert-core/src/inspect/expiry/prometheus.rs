//! The certificates as metrics in Prometheus' text exposition format
//! (version 0.0.4), as node_exporter's textfile collector reads them:
//! `dockcert_certificate_not_after_seconds` (Unix time of each
//! certificate's end) and `dockcert_certificate_info` (1, its facts as
//! labels). One series per certificate, labelled with the first path that
//! holds it.

use std::fmt::Write;

use super::{Ending, Expiry};

impl Expiry {
    /// The metrics, one series per certificate.
    pub fn prometheus(&self) -> String {
        let mut t = String::new();
        t.push_str("# HELP dockcert_certificate_not_after_seconds When the certificate stops being valid (notAfter), as Unix time.\n");
        t.push_str("# TYPE dockcert_certificate_not_after_seconds gauge\n");
        for e in &self.certificates {
            let _ = writeln!(
                t,
                "dockcert_certificate_not_after_seconds{{{}}} {}",
                labels(&identity(e)),
                e.not_after.unix_timestamp()
            );
        }
        t.push_str(
            "# HELP dockcert_certificate_info A certificate dockcert read, its facts as labels.\n",
        );
        t.push_str("# TYPE dockcert_certificate_info gauge\n");
        for e in &self.certificates {
            let _ = writeln!(
                t,
                "dockcert_certificate_info{{{}}} 1",
                labels(
                    &[
                        identity(e).as_slice(),
                        &[
                            ("sha256", &e.sha256),
                            ("copies", &e.paths.len().to_string())
                        ],
                    ]
                    .concat()
                ),
            );
        }
        t
    }
}

/// The labels that name a certificate's series: role, name, serial, path.
fn identity(e: &Ending) -> [(&'static str, &str); 4] {
    [
        ("role", e.role.id()),
        ("name", &e.name),
        ("serial", &e.serial),
        (
            "path",
            e.paths
                .first()
                .or(e.inventory.first())
                .map_or("", String::as_str),
        ),
    ]
}

/// `a="x",b="y"`, each value escaped as the format asks (`\\`, `\"`, `\n`).
fn labels(pairs: &[(&str, &str)]) -> String {
    let mut t = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            t.push(',');
        }
        let _ = write!(t, "{k}=\"");
        for c in v.chars() {
            match c {
                '\\' => t.push_str("\\\\"),
                '"' => t.push_str("\\\""),
                '\n' => t.push_str("\\n"),
                c => t.push(c),
            }
        }
        t.push('"');
    }
    t
}
