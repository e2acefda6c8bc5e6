//! Certificates made by OpenSSL for the tests: a CA and the leaves it signs,
//! EC P-256, with whatever name a test needs (newlines and all, `-utf8`).

use std::fs;
use std::path::Path;

use crate::openssl;

/// A self-signed CA in `dir`, `{stem}.pem` and `{stem}-key.pem`, whose
/// Common Name is `cn`, valid ten years; `extra` goes to `openssl req` as
/// it is (`-addext ...`).
pub fn ec_ca(dir: &Path, stem: &str, cn: &str, extra: &[&str]) {
    ec_ca_for(dir, stem, cn, "3650", extra);
}

/// The same, valid `days` days.
pub fn ec_ca_for(dir: &Path, stem: &str, cn: &str, days: &str, extra: &[&str]) {
    let (key, cert, subject) = (
        format!("{stem}-key.pem"),
        format!("{stem}.pem"),
        format!("/CN={cn}"),
    );
    let mut args = vec![
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        &key,
        "-out",
        &cert,
        "-days",
        days,
        "-utf8",
        "-subj",
        &subject,
    ];
    args.extend_from_slice(extra);
    openssl(dir, &args).ok();
}

/// A leaf in `dir`, `{stem}.pem` and `{stem}-key.pem`, for the Common Name
/// `cn`, signed by the CA `{ca}.pem` (`{ca}-key.pem`) for 30 days, with the
/// extensions `ext` (an `-extfile`'s text; empty for none).
pub fn ec_leaf(dir: &Path, stem: &str, ca: &str, cn: &str, ext: &str) {
    let (key, csr, cert, ext_file) = (
        format!("{stem}-key.pem"),
        format!("{stem}.csr"),
        format!("{stem}.pem"),
        format!("{stem}.ext"),
    );
    let subject = format!("/CN={cn}");
    openssl(
        dir,
        &[
            "req",
            "-new",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            &key,
            "-out",
            &csr,
            "-utf8",
            "-subj",
            &subject,
        ],
    )
    .ok();
    fs::write(dir.join(&ext_file), ext).unwrap();
    let (ca_cert, ca_key) = (format!("{ca}.pem"), format!("{ca}-key.pem"));
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            &csr,
            "-CA",
            &ca_cert,
            "-CAkey",
            &ca_key,
            "-CAcreateserial",
            "-days",
            "30",
            "-out",
            &cert,
            "-extfile",
            &ext_file,
        ],
    )
    .ok();
    for scrap in [csr, ext_file] {
        fs::remove_file(dir.join(scrap)).unwrap();
    }
}
