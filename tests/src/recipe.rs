//! CAs and certificates made by real OpenSSL, the way the classic recipe and
//! its variants make them: every key format `dockcert issue` must import, and
//! the broken certificates `dockcert inspect` must diagnose.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

/// openssl in `dir`, with the recipe passphrase in $PASS for `env:PASS`.
fn openssl(dir: &Path, args: &[&str]) -> crate::Run {
    crate::require_tool("openssl");
    crate::run(
        std::process::Command::new("openssl")
            .current_dir(dir)
            .args(args)
            .env("PASS", RECIPE_PASSPHRASE),
    )
}

/// The passphrase of every encrypted CA key made here.
pub const RECIPE_PASSPHRASE: &str = "recipe passphrase";

/// A key format OpenSSL writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaKey {
    /// `openssl genrsa -aes256` (OpenSSL 3): encrypted PKCS#8, PBKDF2.
    RsaPkcs8Encrypted,
    /// `openssl genrsa -aes256 -traditional`: PKCS#1 with DEK-Info AES-256-CBC.
    RsaLegacyAes256,
    /// `openssl genrsa -aes192 -traditional`.
    RsaLegacyAes192,
    /// `openssl genrsa -des3 -traditional`: DEK-Info DES-EDE3-CBC.
    RsaLegacyDes3,
    /// `openssl genrsa -traditional`: plain PKCS#1.
    RsaPkcs1,
    /// `openssl ecparam -genkey`: plain SEC1 (P-256).
    EcSec1,
    /// `openssl ec -aes128`: SEC1 with DEK-Info AES-128-CBC (P-384).
    EcLegacyAes128,
    /// `openssl pkcs8 -topk8 -scrypt`: encrypted PKCS#8 with scrypt (P-256).
    EcPkcs8Scrypt,
    /// `openssl genpkey -algorithm ed25519`: plain PKCS#8.
    Ed25519,
    /// `openssl genpkey -algorithm ed25519 -aes256`: encrypted PKCS#8.
    Ed25519Encrypted,
}

impl CaKey {
    /// Every format.
    pub const ALL: [CaKey; 10] = [
        CaKey::RsaPkcs8Encrypted,
        CaKey::RsaLegacyAes256,
        CaKey::RsaLegacyAes192,
        CaKey::RsaLegacyDes3,
        CaKey::RsaPkcs1,
        CaKey::EcSec1,
        CaKey::EcLegacyAes128,
        CaKey::EcPkcs8Scrypt,
        CaKey::Ed25519,
        CaKey::Ed25519Encrypted,
    ];

    /// Whether the key is encrypted with [`RECIPE_PASSPHRASE`].
    pub fn encrypted(self) -> bool {
        !matches!(self, CaKey::RsaPkcs1 | CaKey::EcSec1 | CaKey::Ed25519)
    }

    /// The shell command that makes `ca-key.pem`.
    fn command(self) -> &'static str {
        match self {
            CaKey::RsaPkcs8Encrypted => "openssl genrsa -aes256 -passout env:PASS -out ca-key.pem 2048",
            CaKey::RsaLegacyAes256 => "openssl genrsa -aes256 -traditional -passout env:PASS -out ca-key.pem 2048",
            CaKey::RsaLegacyAes192 => "openssl genrsa -aes192 -traditional -passout env:PASS -out ca-key.pem 3072",
            CaKey::RsaLegacyDes3 => "openssl genrsa -des3 -traditional -passout env:PASS -out ca-key.pem 2048",
            CaKey::RsaPkcs1 => "openssl genrsa -traditional -out ca-key.pem 2048",
            CaKey::EcSec1 => "openssl ecparam -name prime256v1 -genkey -noout -out ca-key.pem",
            CaKey::EcLegacyAes128 => {
                "openssl ecparam -name secp384r1 -genkey -noout | openssl ec -aes128 -passout env:PASS -out ca-key.pem"
            }
            CaKey::EcPkcs8Scrypt => {
                "openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -scrypt -passout env:PASS -out ca-key.pem"
            }
            CaKey::Ed25519 => "openssl genpkey -algorithm ed25519 -out ca-key.pem",
            CaKey::Ed25519Encrypted => "openssl genpkey -algorithm ed25519 -aes256 -pass env:PASS -out ca-key.pem",
        }
    }

    /// The first line the key file must start with, proof of its format.
    pub fn pem_start(self) -> &'static str {
        match self {
            CaKey::RsaPkcs8Encrypted | CaKey::EcPkcs8Scrypt | CaKey::Ed25519Encrypted => {
                "-----BEGIN ENCRYPTED PRIVATE KEY-----"
            }
            CaKey::RsaLegacyAes256
            | CaKey::RsaLegacyAes192
            | CaKey::RsaLegacyDes3
            | CaKey::RsaPkcs1 => "-----BEGIN RSA PRIVATE KEY-----",
            CaKey::EcSec1 | CaKey::EcLegacyAes128 => "-----BEGIN EC PRIVATE KEY-----",
            CaKey::Ed25519 => "-----BEGIN PRIVATE KEY-----",
        }
    }
}

/// A CA made with `openssl req -x509`, as the recipe does.
pub struct RecipeCa {
    /// Its folder.
    pub dir: PathBuf,
    /// ca.pem.
    pub cert: PathBuf,
    /// ca-key.pem.
    pub key: PathBuf,
    /// A file holding the passphrase (present even for plain keys).
    pub passphrase_file: PathBuf,
}

fn sh(dir: &Path, script: &str) {
    let run = crate::run(
        std::process::Command::new("sh")
            .args(["-c", script])
            .current_dir(dir)
            .env("PASS", RECIPE_PASSPHRASE),
    );
    assert_eq!(run.status, 0, "{script}\n{}", run.all());
}

/// Makes a CA named `name` in `dir` with a key of `format`, valid ten years.
pub fn recipe_ca(dir: &Path, format: CaKey, name: &str) -> RecipeCa {
    recipe_ca_for(dir, format, name, 3650)
}

/// The same, valid `days` (the classic recipe's CA lives 365).
pub fn recipe_ca_for(dir: &Path, format: CaKey, name: &str, days: u32) -> RecipeCa {
    fs::create_dir_all(dir).unwrap();
    sh(dir, format.command());
    let passin = if format.encrypted() {
        "-passin env:PASS"
    } else {
        ""
    };
    sh(
        dir,
        &format!("openssl req -x509 -new -key ca-key.pem {passin} -subj '/CN={name}' -days {days} -sha256 -out ca.pem"),
    );
    let key = dir.join("ca-key.pem");
    let first = fs::read_to_string(&key).unwrap();
    assert!(
        first.starts_with(format.pem_start()),
        "{format:?} made:\n{first}"
    );
    let passphrase_file = dir.join("ca-pass.txt");
    fs::write(&passphrase_file, format!("{RECIPE_PASSPHRASE}\n")).unwrap();
    RecipeCa {
        cert: dir.join("ca.pem"),
        key,
        passphrase_file,
        dir: dir.to_path_buf(),
    }
}

/// Signs a new P-256 key's certificate for `cn` with `ca`, with the given
/// extensions (an OpenSSL extfile body) and validity, and writes
/// `{name}-cert.pem` and `{name}-key.pem` into `out`. `dates` is either
/// `None` (valid 30 days from now) or `Some((start, end))` as YYYYMMDDHHMMSSZ,
/// signed through `openssl ca` so the dates can be in the past or the future.
pub fn recipe_leaf(
    ca: &RecipeCa,
    ca_passin: &str,
    out: &Path,
    name: &str,
    cn: &str,
    extensions: &str,
    dates: Option<(&str, &str)>,
) -> (PathBuf, PathBuf) {
    fs::create_dir_all(out).unwrap();
    let key = out.join(format!("{name}-key.pem"));
    let csr = out.join(format!("{name}.csr"));
    let cert = out.join(format!("{name}-cert.pem"));
    let ext = out.join(format!("{name}.ext"));
    fs::write(&ext, format!("[leaf]\n{extensions}\n")).unwrap();
    let dir = &ca.dir;
    openssl(
        dir,
        &[
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-noout",
            "-out",
            key.to_str().unwrap(),
        ],
    )
    .ok();
    openssl(
        dir,
        &[
            "req",
            "-new",
            "-key",
            key.to_str().unwrap(),
            "-subj",
            &format!("/CN={cn}"),
            "-out",
            csr.to_str().unwrap(),
        ],
    )
    .ok();
    match dates {
        None => {
            let mut args = vec![
                "x509",
                "-req",
                "-in",
                csr.to_str().unwrap(),
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca-key.pem",
                "-CAcreateserial",
                "-days",
                "30",
                "-sha256",
                "-extfile",
                ext.to_str().unwrap(),
                "-extensions",
                "leaf",
                "-out",
                cert.to_str().unwrap(),
            ];
            if !ca_passin.is_empty() {
                args.extend(["-passin", ca_passin]);
            }
            openssl(dir, &args).ok();
        }
        Some((start, end)) => {
            let db = out.join(format!("{name}-db"));
            fs::create_dir_all(&db).unwrap();
            fs::write(db.join("index.txt"), "").unwrap();
            fs::write(db.join("serial"), "1000\n").unwrap();
            let conf = db.join("ca.cnf");
            fs::write(
                &conf,
                format!(
                    "[ca]\ndefault_ca = d\n[d]\ndatabase = {db}/index.txt\nnew_certs_dir = {db}\nserial = {db}/serial\ndefault_md = sha256\npolicy = p\nunique_subject = no\ncopy_extensions = none\n[p]\ncommonName = supplied\n[leaf]\n{extensions}\n",
                    db = db.display()
                ),
            )
            .unwrap();
            let mut args = vec![
                "ca",
                "-batch",
                "-config",
                conf.to_str().unwrap(),
                "-cert",
                "ca.pem",
                "-keyfile",
                "ca-key.pem",
                "-in",
                csr.to_str().unwrap(),
                "-startdate",
                start,
                "-enddate",
                end,
                "-extensions",
                "leaf",
                "-out",
                cert.to_str().unwrap(),
                "-notext",
            ];
            if !ca_passin.is_empty() {
                args.extend(["-passin", ca_passin]);
            }
            openssl(dir, &args).ok();
        }
    }
    (cert, key)
}

/// The classic recipe's server certificate: the host named only in its CN, no
/// subjectAltName (today's docker client refuses it), EKU serverAuth; signed
/// by `ca` and written into `out` as server-cert.pem and server-key.pem.
pub fn cn_only_server(ca: &RecipeCa, ca_passin: &str, out: &Path, cn: &str) -> (PathBuf, PathBuf) {
    recipe_leaf(
        ca,
        ca_passin,
        out,
        "server",
        cn,
        "extendedKeyUsage = serverAuth",
        None,
    )
}
