//! Real inputs for every fuzz target, made at run time: keys in each form
//! OpenSSL writes them, certificates and a CSR from OpenSSL, bundles from the
//! dockcert CLI, and the fleet files, commands and docker messages that the
//! README, the CLI's help and the tests quote. A fuzzer mutates what it is
//! given; starting from what users really have puts it deep in the parsers
//! at once. Each input is written in its target's format (fuzz/src/lib.rs).

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::cmd;

mod quoted;

/// The passphrase of every encrypted seed key.
const PASSPHRASE: &str = "fuzz seed pass";

/// Makes every target's seeds in `dir/TARGET/`, replacing earlier ones.
pub(super) fn make(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let work = dir.join("work");
    mkdir(&work)?;
    fs::write(work.join("pass.txt"), format!("{PASSPHRASE}\n")).map_err(|e| e.to_string())?;
    let mut seeds = Seeds {
        dir: dir.to_owned(),
        count: 0,
    };
    let openssl = OpenSsl { work: work.clone() };
    openssl.keys(&mut seeds)?;
    openssl.certificates(&mut seeds)?;
    bundles(&work, &mut seeds)?;
    for (target, name, text) in quoted::quoted()? {
        seeds.add(target, &name, text.as_bytes())?;
    }
    eprintln!("fuzz: {} seed inputs in {}", seeds.count, dir.display());
    Ok(())
}

/// Where seeds go, one folder per target.
struct Seeds {
    dir: PathBuf,
    count: usize,
}

impl Seeds {
    fn add(&mut self, target: &str, name: &str, bytes: &[u8]) -> Result<(), String> {
        let folder = self.dir.join(target);
        mkdir(&folder)?;
        let file = folder.join(name.replace('/', "_"));
        fs::write(&file, bytes).map_err(|e| format!("{}: {e}", file.display()))?;
        self.count += 1;
        Ok(())
    }

    /// A key file for `key_import`: the passphrase line, then the file.
    fn key(&mut self, name: &str, passphrase: &str, file: &[u8]) -> Result<(), String> {
        self.add(
            "key_import",
            name,
            &[passphrase.as_bytes(), b"\n", file].concat(),
        )
    }

    /// A file for `certificate`: `PATH [MODE] [HOST]`, then the file.
    fn file(&mut self, name: &str, header: &str, file: &[u8]) -> Result<(), String> {
        self.add(
            "certificate",
            name,
            &[header.as_bytes(), b"\n", file].concat(),
        )
    }
}

/// OpenSSL, run in the work folder, the passphrase in `$PASS`.
struct OpenSsl {
    work: PathBuf,
}

impl OpenSsl {
    /// `openssl ARGS -out OUT` (ARGS split at spaces).
    fn make(&self, out: &str, args: &str) -> Result<Vec<u8>, String> {
        let made = Command::new("openssl")
            .args(args.split_whitespace())
            .args(["-out", out])
            .env("PASS", PASSPHRASE)
            .current_dir(&self.work)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("openssl: {e} (run `cargo xtask setup`)"))?;
        if !made.status.success() {
            return Err(format!(
                "openssl {args} failed: {}",
                String::from_utf8_lossy(&made.stderr)
            ));
        }
        self.read(out)
    }

    fn read(&self, name: &str) -> Result<Vec<u8>, String> {
        fs::read(self.work.join(name)).map_err(|e| format!("{name}: {e}"))
    }

    /// Keys in every form `dockcert issue --ca-key` reads, and a few it
    /// refuses (Ed448, secp256k1, PBES1, DER other than plain PKCS#8).
    fn keys(&self, seeds: &mut Seeds) -> Result<(), String> {
        const KEYS: &[(&str, &str)] = &[
            ("p256.pem", "genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256"),
            ("p384.pem", "genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384"),
            ("rsa2048.pem", "genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048"),
            ("ed25519.pem", "genpkey -algorithm ED25519"),
            ("ed448.pem", "genpkey -algorithm ED448"),
            ("secp256k1.pem", "genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1"),
            ("p256-pkcs8-aes256.pem", "pkcs8 -topk8 -v2 aes-256-cbc -in p256.pem -passout env:PASS"),
            (
                "rsa-pkcs8-aes128-sha1.pem",
                "pkcs8 -topk8 -v2 aes-128-cbc -v2prf hmacWithSHA1 -in rsa2048.pem -passout env:PASS",
            ),
            (
                "ed25519-pkcs8-scrypt.pem",
                "pkcs8 -topk8 -scrypt -scrypt_N 1024 -scrypt_r 8 -scrypt_p 1 -in ed25519.pem -passout env:PASS",
            ),
            (
                "p384-pkcs8-scrypt.pem",
                "pkcs8 -topk8 -scrypt -scrypt_N 2048 -scrypt_r 4 -scrypt_p 2 -in p384.pem -passout env:PASS",
            ),
            ("p384-pkcs8-des3.pem", "pkcs8 -topk8 -v2 des3 -in p384.pem -passout env:PASS"),
            ("p256-pkcs8-pbes1.pem", "pkcs8 -topk8 -v1 PBE-SHA1-3DES -in p256.pem -passout env:PASS"),
            ("rsa-pkcs1.pem", "rsa -traditional -in rsa2048.pem"),
            ("rsa-pkcs1-aes256.pem", "rsa -aes256 -traditional -in rsa2048.pem -passout env:PASS"),
            ("rsa-pkcs1-des3.pem", "rsa -des3 -traditional -in rsa2048.pem -passout env:PASS"),
            ("p256-sec1.pem", "ec -in p256.pem"),
            ("p256-sec1-aes128.pem", "ec -aes128 -in p256.pem -passout env:PASS"),
            ("p384-sec1-aes192.pem", "ec -aes192 -in p384.pem -passout env:PASS"),
            ("p256-pkcs8.der", "pkey -in p256.pem -outform DER"),
            ("ed25519-pkcs8.der", "pkey -in ed25519.pem -outform DER"),
            ("rsa-pkcs1.der", "rsa -traditional -in rsa2048.pem -outform DER"),
            ("p256-pkcs8-aes256.der", "pkcs8 -topk8 -v2 aes-256-cbc -in p256.pem -outform DER -passout env:PASS"),
        ];
        for (out, args) in KEYS {
            let key = self.make(out, args)?;
            seeds.key(out, PASSPHRASE, &key)?;
        }
        let locked = self.read("p256-pkcs8-aes256.pem")?;
        seeds.key("wrong-passphrase.pem", "not the passphrase", &locked)?;
        seeds.key("no-passphrase.pem", "", &self.read("p256-sec1-aes128.pem")?)
    }

    /// A CA with keyUsage and the classic recipe's CA without it, a server
    /// certificate with SANs and one with only a CN, a client certificate,
    /// a CSR, a chain, DER, and a CA certificate with its key in one file.
    fn certificates(&self, seeds: &mut Seeds) -> Result<(), String> {
        let write = |name: &str, text: &str| {
            fs::write(self.work.join(name), text).map_err(|e| format!("{name}: {e}"))
        };
        write(
            "server.ext",
            "subjectAltName = DNS:docker1.example.com,IP:10.0.0.5,IP:::1\n\
             extendedKeyUsage = serverAuth\n\
             keyUsage = critical,digitalSignature,keyEncipherment\n",
        )?;
        write("client.ext", "extendedKeyUsage = clientAuth\n")?;
        // The classic recipe's server certificate, before SANs were added.
        write("recipe.ext", "extendedKeyUsage = serverAuth\n")?;
        const CERTS: &[(&str, &str)] = &[
            (
                "ca.pem",
                "req -x509 -new -key p256.pem -subj /CN=fuzz-seed-ca -days 3650 \
                 -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign",
            ),
            ("recipe-ca.pem", "req -x509 -new -key rsa2048.pem -subj /CN=recipe-ca -days 3650"),
            ("server.csr", "req -new -key rsa2048.pem -subj /CN=docker1.example.com"),
            ("client.csr", "req -new -key ed25519.pem -subj /CN=alice"),
            (
                "server-cert.pem",
                "x509 -req -in server.csr -CA ca.pem -CAkey p256.pem -set_serial 4097 -days 365 \
                 -extfile server.ext",
            ),
            (
                "client-cert.pem",
                "x509 -req -in client.csr -CA ca.pem -CAkey p256.pem -set_serial 4098 -days 365 \
                 -extfile client.ext",
            ),
            (
                "recipe-server.pem",
                "x509 -req -in server.csr -CA recipe-ca.pem -CAkey rsa2048.pem -set_serial 7 -days 365 \
                 -extfile recipe.ext",
            ),
            ("ca.der", "x509 -in ca.pem -outform DER"),
        ];
        for (out, args) in CERTS {
            self.make(out, args)?;
        }
        let read = |name: &str| self.read(name);
        let files: &[(&str, &str, Vec<u8>)] = &[
            ("ca.pem", "ca.pem 0444", read("ca.pem")?),
            ("recipe-ca.pem", "ca.crt 0644", read("recipe-ca.pem")?),
            ("ca.der", "ca.der", read("ca.der")?),
            (
                "server-cert.pem",
                "server-cert.pem 0444 docker1.example.com",
                read("server-cert.pem")?,
            ),
            (
                "chain.pem",
                "server-cert.pem 0444 10.0.0.5",
                [read("server-cert.pem")?, read("ca.pem")?].concat(),
            ),
            (
                "client-cert.pem",
                "cert.pem 0444 ::1",
                read("client-cert.pem")?,
            ),
            (
                "recipe-server.pem",
                "server.pem 0644 docker1.example.com",
                read("recipe-server.pem")?,
            ),
            ("server.csr", "server.csr", read("server.csr")?),
            (
                "ca-and-key.pem",
                "ca.pem 0600",
                [read("ca.pem")?, read("p256.pem")?].concat(),
            ),
            (
                "ca-key-encrypted.pem",
                "ca-key.pem 0600",
                read("p256-pkcs8-aes256.pem")?,
            ),
            ("key-pkcs1.pem", "key.pem 0644", read("rsa-pkcs1.pem")?),
        ];
        for (name, header, bytes) in files {
            seeds.file(name, header, bytes)?;
        }
        Ok(())
    }
}

/// Bundles from the dockcert CLI: zips for `zip_inspect`; the files of one
/// (with their paths and modes) for `certificate`, its keys for
/// `key_import`, the whole folder (as files and as a zip) for
/// `folder_inspect`; a renewal and an issue from OpenSSL's CAs.
fn bundles(work: &Path, seeds: &mut Seeds) -> Result<(), String> {
    let bin = cmd::debug_dockcert()?;
    let fleet = quoted::readme_fleets()?
        .into_iter()
        .next()
        .ok_or("README.md has no fleet file")?;
    fs::write(work.join("fleet.toml"), fleet).map_err(|e| e.to_string())?;
    // `dockcert ARGS --out OUT` (ARGS split at spaces).
    const RUNS: &[(&str, &str)] = &[
        (
            "plain.zip",
            "new --server docker1.example.com,10.0.0.5 --client alice --allow-from 10.0.0.0/24 \
             --no-passphrase",
        ),
        (
            "ed25519-locked.zip",
            "new --server docker1.example.com,10.0.0.5,fd00::5 --server docker2 --client alice \
             --client bob --key-type ed25519 --passphrase-file pass.txt",
        ),
        (
            "fleet-rsa.zip",
            "new --config fleet.toml --key-type rsa-2048 --no-passphrase",
        ),
        (
            "issued-recipe.zip",
            "issue --ca-cert recipe-ca.pem --ca-key rsa-pkcs1.pem \
             --server docker3.example.com,10.0.0.7 --client bob",
        ),
        (
            "renewed.zip",
            "renew recipe-server.pem --ca-cert recipe-ca.pem --ca-key rsa-pkcs1-aes256.pem \
             --passphrase-file pass.txt",
        ),
        (
            "plain-folder",
            "new --server docker1.example.com,10.0.0.5 --client alice --allow-from 10.0.0.0/24 \
             --key-type ecdsa-p384 --no-passphrase",
        ),
    ];
    for (out, args) in RUNS {
        let made = Command::new(&bin)
            .args(args.split_whitespace())
            .args(["--out", out])
            .current_dir(work)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("{}: {e}", bin.display()))?;
        if !made.status.success() {
            return Err(format!(
                "dockcert {args} failed: {}",
                String::from_utf8_lossy(&made.stderr)
            ));
        }
        if out.ends_with(".zip") {
            let zip = fs::read(work.join(out)).map_err(|e| e.to_string())?;
            seeds.add("zip_inspect", out, &zip)?;
        }
    }
    let folder = work.join("plain-folder");
    // The bundle as a folder for `folder_inspect`, once as files and once
    // packed into its zip, beside a Dockerfile that copies it whole.
    let (mut as_files, mut as_zip) = (Vec::new(), Vec::new());
    let project =
        b"=== Dockerfile 0644\nFROM docker:dind\nCOPY . /certs/\n=== .dockerignore 0644\n*.md\n";
    for file in walk(&folder)? {
        let rel = file
            .strip_prefix(&folder)
            .map_err(|e| e.to_string())?
            .to_string_lossy()
            .into_owned();
        let bytes = fs::read(&file).map_err(|e| e.to_string())?;
        let mode = fs::metadata(&file)
            .map_err(|e| e.to_string())?
            .permissions()
            .mode()
            & 0o7777;
        seeds.file(
            &rel,
            &format!("{rel} {mode:04o} docker1.example.com"),
            &bytes,
        )?;
        if rel.ends_with("key.pem") {
            seeds.key(&rel, "", &bytes)?;
        }
        as_files.extend([format!("=== {rel} {mode:04o}\n").as_bytes(), &bytes].concat());
        as_zip.extend([format!("=== {rel} zip {mode:04o}\n").as_bytes(), &bytes].concat());
    }
    seeds.add(
        "folder_inspect",
        "bundle-folder",
        &[project, &as_files[..]].concat(),
    )?;
    seeds.add(
        "folder_inspect",
        "bundle-zipped",
        &[project, &as_zip[..]].concat(),
    )?;
    Ok(())
}

fn walk(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            files.extend(walk(&path)?);
        } else {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn mkdir(dir: &Path) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))
}
