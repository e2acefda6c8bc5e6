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

/// A key on the named `curve` (`P-256`, `P-521` …) and a request for the
/// Common Name `cn`, in `dir`: `{stem}-key.pem` and `{stem}.csr`.
pub fn ec_request(dir: &Path, stem: &str, cn: &str, curve: &str) {
    let (key, csr) = (format!("{stem}-key.pem"), format!("{stem}.csr"));
    let (curve, subject) = (format!("ec_paramgen_curve:{curve}"), format!("/CN={cn}"));
    openssl(
        dir,
        &[
            "req", "-new", "-newkey", "ec", "-pkeyopt", &curve, "-nodes", "-keyout", &key, "-out",
            &csr, "-utf8", "-subj", &subject,
        ],
    )
    .ok();
}

/// A self-signed CA `{stem}.pem` (`{stem}-key.pem`) named `cn` on `curve`,
/// with the extensions `ext` (a config section's text), valid from `start`
/// to `end` (YYYYMMDDHHMMSSZ): made through `openssl ca` so the dates may be
/// in the past.
pub fn ec_ca_dated(
    dir: &Path,
    stem: &str,
    cn: &str,
    curve: &str,
    ext: &str,
    (start, end): (&str, &str),
) {
    ec_request(dir, stem, cn, curve);
    let db = dir.join(format!("{stem}-db"));
    fs::create_dir_all(&db).unwrap();
    fs::write(db.join("index.txt"), "").unwrap();
    fs::write(db.join("serial"), "1000\n").unwrap();
    let conf = db.join("ca.cnf");
    fs::write(
        &conf,
        format!(
            "[ca]\ndefault_ca = d\n[d]\ndatabase = {db}/index.txt\nnew_certs_dir = {db}\n\
             serial = {db}/serial\ndefault_md = sha256\npolicy = p\nunique_subject = no\n\
             [p]\ncommonName = supplied\n[v3]\n{ext}",
            db = db.display()
        ),
    )
    .unwrap();
    let (key, csr, cert) = (
        format!("{stem}-key.pem"),
        format!("{stem}.csr"),
        format!("{stem}.pem"),
    );
    openssl(
        dir,
        &[
            "ca",
            "-batch",
            "-selfsign",
            "-config",
            conf.to_str().unwrap(),
            "-keyfile",
            &key,
            "-in",
            &csr,
            "-startdate",
            start,
            "-enddate",
            end,
            "-extensions",
            "v3",
            "-notext",
            "-out",
            &cert,
        ],
    )
    .ok();
}

/// What a leaf made by [`ec_leaf_with`] is.
#[derive(Clone, Copy, Debug)]
pub struct LeafSpec<'a> {
    /// The named curve of its key (`P-256`, `P-521` …).
    pub curve: &'a str,
    /// Days it is valid, from now.
    pub days: &'a str,
    /// Its extensions (an `-extfile`'s text; empty for none).
    pub ext: &'a str,
    /// More arguments for `openssl x509 -req` (`-sha1`, `-set_serial N` …).
    pub extra: &'a [&'a str],
}

/// A leaf in `dir`, `{stem}.pem` and `{stem}-key.pem`, for the Common Name
/// `cn`, signed by the CA `{ca}.pem` (`{ca}-key.pem`) for 30 days, with the
/// extensions `ext` (an `-extfile`'s text; empty for none).
pub fn ec_leaf(dir: &Path, stem: &str, ca: &str, cn: &str, ext: &str) {
    let spec = LeafSpec {
        curve: "P-256",
        days: "30",
        ext,
        extra: &[],
    };
    ec_leaf_with(dir, stem, ca, cn, spec);
}

/// A leaf as `spec` says, signed by the CA `{ca}.pem` (`{ca}-key.pem`).
pub fn ec_leaf_with(dir: &Path, stem: &str, ca: &str, cn: &str, spec: LeafSpec<'_>) {
    ec_request(dir, stem, cn, spec.curve);
    let (csr, cert, ext_file) = (
        format!("{stem}.csr"),
        format!("{stem}.pem"),
        format!("{stem}.ext"),
    );
    fs::write(dir.join(&ext_file), spec.ext).unwrap();
    let (ca_cert, ca_key) = (format!("{ca}.pem"), format!("{ca}-key.pem"));
    let mut args = vec![
        "x509", "-req", "-in", &csr, "-CA", &ca_cert, "-CAkey", &ca_key, "-days", spec.days,
        "-out", &cert, "-extfile", &ext_file,
    ];
    if !spec.extra.contains(&"-set_serial") {
        args.push("-CAcreateserial");
    }
    args.extend_from_slice(spec.extra);
    openssl(dir, &args).ok();
    for scrap in [csr, ext_file] {
        fs::remove_file(dir.join(scrap)).unwrap();
    }
}
