//! Hostile inputs to `dockcert inspect`'s gathering and checks, and to every
//! file a user names, built here and run through the real CLI under a
//! watchdog: output that grew with leaves times CAs, a file hashed once per
//! manifest entry, 100,000 zip entries, zip entries past the per-file cap,
//! two files at one shown path, FIFOs (directly, behind a link, in a folder,
//! as --ca-cert, --ca-key, --passphrase-file and --config) and unreadable
//! files. Each asserts the exit status, the finding, and that nothing was
//! written; speed and memory are measured by `cargo xtask bench`, not here.

// Helpers here are test code too: a missing value fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use dockcert_tests::openssl_certs::{ec_ca, ec_leaf};
use dockcert_tests::{
    dockcert_bin, files_under, new_dir, openssl, require_tool, run, watched, Run, WATCHDOG_SECONDS,
};

/// What a CA made by OpenSSL gets besides its name: critical
/// basicConstraints and keyUsage, as a real CA has.
const CA_EXTENSIONS: [&str; 4] = [
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
];

/// `dockcert ARGS` in `cwd`, killed by the watchdog if it runs away, with
/// a check that it wrote nothing.
fn dockcert(cwd: &Path, args: &[&str]) -> Run {
    let before = files_under(cwd);
    let run = watched(cwd, args);
    assert_ne!(run.status, 124, "{args:?}: the watchdog stopped it");
    assert!(!run.all().contains("panicked"), "{args:?}: {}", run.all());
    assert_eq!(files_under(cwd), before, "{args:?}: something was written");
    run
}

/// Runs a Python script with `args` (Python's zipfile writes the zips).
fn python(script: &str, args: &[&OsStr]) {
    let made = run(Command::new(require_tool("python3"))
        .arg("-c")
        .arg(script)
        .args(args));
    assert_eq!(made.status, 0, "{}", made.all());
}

/// A zip at `zip` of `entries` (name, contents), each stored as given,
/// duplicates and all.
fn zip_of(zip: &Path, entries: &[(&str, &[u8])]) {
    let dir = zip.parent().unwrap();
    let mut args: Vec<std::ffi::OsString> = vec![zip.as_os_str().to_owned()];
    for (i, (name, bytes)) in entries.iter().enumerate() {
        let file = dir.join(format!(".entry-{i}"));
        fs::write(&file, bytes).unwrap();
        args.push(name.into());
        args.push(file.into_os_string());
    }
    let refs: Vec<&OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    python(
        "import sys, zipfile, warnings, os\n\
         warnings.simplefilter('ignore')\n\
         z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)\n\
         for name, path in zip(sys.argv[2::2], sys.argv[3::2]):\n\
         \x20   z.writestr(name, open(path, 'rb').read())\n\
         \x20   os.remove(path)\n\
         z.close()",
        &refs,
    );
}

/// A folder `work` beside `dir`'s CA "Here CA" and a leaf issued by
/// "Elsewhere CA", for the inputs below.
fn chain_parts(dir: &Path) -> (Vec<u8>, Vec<u8>) {
    let work = dir.join("parts");
    fs::create_dir(&work).unwrap();
    ec_ca(&work, "here", "Here CA", &CA_EXTENSIONS);
    ec_ca(&work, "elsewhere", "Elsewhere CA", &CA_EXTENSIONS);
    ec_leaf(
        &work,
        "server",
        "elsewhere",
        "docker1.example.com",
        "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:docker1.example.com\n",
    );
    let parts = (
        fs::read(work.join("here.pem")).unwrap(),
        fs::read(work.join("server.pem")).unwrap(),
    );
    fs::remove_dir_all(&work).unwrap();
    parts
}

/// The long-path chain zip: `n` copies of a CA and `n` of a leaf another
/// CA issued, all in one folder whose path is 1,000 characters long. Each
/// leaf used to be a finding naming every CA: n * n * 1,000 bytes of output.
pub fn long_path_chain_zip(dir: &Path, zip: &Path, n: usize) {
    let (ca_pem, leaf_pem) = chain_parts(dir);
    let folder = vec!["d".repeat(199); 5].join("/");
    let names: Vec<(String, &[u8])> = (0..n)
        .flat_map(|i| {
            [
                (format!("{folder}/ca-{i}.pem"), ca_pem.as_slice()),
                (format!("{folder}/server-{i}.pem"), leaf_pem.as_slice()),
            ]
        })
        .collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    zip_of(zip, &entries);
}

#[test]
fn a_chain_zip_of_many_leaves_and_cas_gets_one_bounded_finding() {
    let dir = new_dir("dockcert-work-");
    let n = 300;
    long_path_chain_zip(dir.path(), &dir.path().join("chain.zip"), n);
    let run = dockcert(dir.path(), &["inspect", "chain.zip"]);
    assert_eq!(run.status, 1, "{}", &run.stderr);
    let groups: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("[other-ca]"))
        .collect();
    assert_eq!(groups.len(), 1, "one finding for all the leaves");
    assert!(
        groups[0].contains(&format!("{n} certificates were issued by none of "))
            && groups[0].contains(&format!("and {} more", n - 3))
            && groups[0].contains("issued by \"CN=Elsewhere CA\""),
        "{}",
        groups[0]
    );
    // The leaves' own summaries are n * 1,000 bytes; leaves times CAs
    // would be 90 MB.
    assert!(run.stdout.len() < 4_000_000, "{} bytes", run.stdout.len());
}

/// The repeated manifest: one 1,000,000-byte file, and a dockcert
/// manifest.json that names it `times` times.
pub fn repeated_manifest_zip(zip: &Path, times: usize) {
    let entry = r#"{"path":"big.bin","sha256":"0000000000000000000000000000000000000000000000000000000000000000","mode":"0644"}"#;
    let manifest = format!(
        r#"{{"tool":"dockcert","files":[{}]}}"#,
        vec![entry; times].join(",")
    );
    zip_of(
        zip,
        &[
            ("b/big.bin", &vec![b'x'; 1_000_000]),
            ("b/manifest.json", manifest.as_bytes()),
        ],
    );
}

#[test]
fn a_manifest_naming_one_file_many_times_hashes_it_once() {
    let dir = new_dir("dockcert-work-");
    repeated_manifest_zip(&dir.path().join("m.zip"), 8000);
    let run = dockcert(dir.path(), &["inspect", "m.zip"]);
    assert_eq!(run.status, 0, "warnings only: {}", run.all());
    assert_eq!(run.stdout.matches("[changed-since-made]").count(), 1);
    assert_eq!(run.stdout.matches("[mode-changed]").count(), 1);
    assert!(
        run.stdout.contains(
            "[manifest-repeats] b/manifest.json lists 7999 more entries for files it lists already"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("\n0 errors, 3 warnings.\n"),
        "{}",
        run.stdout
    );
}

/// The 100,000-entry zip: one small file per entry, each at its own path.
pub fn many_entries_zip(zip: &Path, n: usize) {
    python(
        "import sys, zipfile\n\
         z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)\n\
         for i in range(int(sys.argv[2])):\n\
         \x20   z.writestr('b/f%06d.txt' % i, 'x')\n\
         z.close()",
        &[zip.as_os_str(), OsStr::new(&n.to_string())],
    );
}

#[test]
fn a_zip_of_100000_entries_is_gathered_whole() {
    let dir = new_dir("dockcert-work-");
    many_entries_zip(&dir.path().join("many.zip"), 100_000);
    let run = dockcert(dir.path(), &["inspect", "many.zip"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run
        .stdout
        .ends_with("\nAll is well: 100000 files checked.\n"));
    assert!(run.stdout.contains("b/f099999.txt: other"));
}

#[test]
fn zip_entries_at_one_path_or_past_the_file_cap_are_findings() {
    let dir = new_dir("dockcert-work-");
    let big = vec![0u8; 2 * 1024 * 1024];
    zip_of(
        &dir.path().join("dup.zip"),
        &[
            ("b/notes.txt", b"one"),
            ("b/notes.txt", b"two"),
            ("b/big.pem", &big),
            ("b/fine.txt", b"fine"),
        ],
    );
    let run = dockcert(dir.path(), &["inspect", "dup.zip"]);
    assert_eq!(run.status, 1, "{}", run.all());
    assert!(run.stdout.contains("[not-read] \"b/notes.txt\": another file was read at this path already (two entries of one zip at one path"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "[not-read] \"b/big.pem\": it is 2097152 bytes, larger than the 1024 KiB dockcert reads for it"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("b/fine.txt: other"));
    assert!(!run.stdout.contains("All is well"));
}

/// Two private keys whose names differ only in a byte that is not UTF-8
/// (0644 and 0400), and two files whose shown names are the same: a byte
/// 0xff and the four characters `\xff`.
pub fn colliding_names(folder: &Path) {
    fs::create_dir(folder).unwrap();
    openssl(
        folder,
        &[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
            "k.pem",
        ],
    )
    .ok();
    let key = fs::read(folder.join("k.pem")).unwrap();
    fs::remove_file(folder.join("k.pem")).unwrap();
    for (name, mode) in [(&b"key\xfe.pem"[..], 0o400), (&b"key\xff.pem"[..], 0o644)] {
        let path = folder.join(OsStr::from_bytes(name));
        fs::write(&path, &key).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
    }
    fs::write(folder.join(OsStr::from_bytes(b"notes\xff.txt")), "a").unwrap();
    fs::write(folder.join("notes\\xff.txt"), "b").unwrap();
}

#[test]
fn names_that_differ_only_in_bytes_that_are_not_utf8_are_both_seen() {
    let dir = new_dir("dockcert-work-");
    colliding_names(&dir.path().join("keys"));
    let run = dockcert(dir.path(), &["inspect", "keys"]);
    assert_eq!(run.status, 1, "{}", run.all());
    // Both keys were read, each under its own name; the readable one is found.
    assert!(
        run.stdout
            .contains("\"key\\xfe.pem\": private key (ecdsa-p256), mode 0400"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\"key\\xff.pem\": private key (ecdsa-p256), mode 0644"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("[key-readable] key\\xff.pem has mode 0644"),
        "{}",
        run.stdout
    );
    // The two notes meet at one shown name: the second is a finding.
    assert!(
        run.stdout.contains(
            "[not-read] \"notes\\\\xff.txt\": another file was read at this path already"
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("All is well"));
}

/// A FIFO at `path`, which nothing writes to: opening it to read waits
/// forever unless it is opened without waiting.
fn fifo(path: &Path) {
    let made = run(Command::new("mkfifo").arg(path));
    assert_eq!(made.status, 0, "{}", made.all());
}

#[test]
fn a_fifo_given_to_inspect_directly_behind_a_link_or_in_a_folder_is_named_not_waited_on() {
    let dir = new_dir("dockcert-work-");
    fifo(&dir.path().join("pipe.pem"));
    std::os::unix::fs::symlink("pipe.pem", dir.path().join("link.pem")).unwrap();
    for given in ["pipe.pem", "link.pem"] {
        let run = dockcert(dir.path(), &["inspect", given]);
        assert_eq!(run.status, 2, "{given}: {}", run.all());
        assert!(
            run.stdout.contains(&format!(
                "[not-read] \"{given}\": not a regular file (a device, a pipe or a socket)"
            )),
            "{given}: {}",
            run.stdout
        );
        assert!(run.stderr.contains("Nothing was checked"), "{}", run.stderr);
    }
    let folder = dir.path().join("folder");
    fs::create_dir(&folder).unwrap();
    fifo(&folder.join("pipe.pem"));
    fs::write(folder.join("notes.txt"), "notes").unwrap();
    let run = dockcert(dir.path(), &["inspect", "folder"]);
    assert_eq!(run.status, 1, "{}", run.all());
    assert!(
        run.stdout
            .contains("[not-read] \"pipe.pem\": not a regular file"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("notes.txt: other"));
    assert!(!run.stdout.contains("All is well"), "{}", run.stdout);
}

#[test]
fn a_fifo_named_by_any_flag_is_refused_at_once() {
    let dir = new_dir("dockcert-work-");
    let d = dir.path();
    ec_ca(d, "ca", "Test CA", &CA_EXTENSIONS);
    fifo(&d.join("pipe"));
    std::os::unix::fs::symlink("pipe", d.join("link")).unwrap();
    let issue = |cert: &str, key: &str| {
        vec![
            "issue",
            "--ca-cert",
            cert,
            "--ca-key",
            key,
            "--server",
            "docker1.example.com",
            "--out",
            "b.zip",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>()
    };
    let cases: Vec<(Vec<String>, &str)> = vec![
        (issue("pipe", "ca-key.pem"), "--ca-cert \"pipe\""),
        (issue("link", "ca-key.pem"), "--ca-cert \"link\""),
        (issue("ca.pem", "pipe"), "--ca-key \"pipe\""),
        (
            [
                "new",
                "--server",
                "docker1.example.com",
                "--passphrase-file",
                "link",
                "--out",
                "b.zip",
            ]
            .map(str::to_owned)
            .to_vec(),
            "--passphrase-file \"link\"",
        ),
        (
            // Read as the empty file it is: a fleet of no servers.
            [
                "new",
                "--config",
                "link",
                "--no-passphrase",
                "--out",
                "b.zip",
            ]
            .map(str::to_owned)
            .to_vec(),
            "at least one server is required",
        ),
        (
            ["inspect", "ca.pem", "--unit", "link"]
                .map(str::to_owned)
                .to_vec(),
            "",
        ),
    ];
    for (args, says) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = dockcert(d, &args);
        if args[0] == "inspect" {
            // An empty unit is read as one: the FIFO is not waited on.
            assert_eq!(run.status, 0, "{args:?}: {}", run.all());
            continue;
        }
        assert_eq!(run.status, 2, "{args:?}: {}", run.all());
        assert!(
            run.stderr.contains(says),
            "{args:?}: {says:?} not in {}",
            run.stderr
        );
    }
}

#[test]
fn an_unreadable_file_is_a_finding_and_no_verdict_of_all_is_well() {
    let dir = new_dir("dockcert-work-");
    // Tests run as root, whom file modes do not stop: the CLI runs as
    // nobody, and a file only root may read is in the folder.
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let bin = dir.path().join("dockcert");
    fs::copy(dockcert_bin(), &bin).unwrap();
    let folder = dir.path().join("folder");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("notes.txt"), "notes").unwrap();
    fs::write(folder.join("secret.pem"), "secret").unwrap();
    fs::set_permissions(folder.join("secret.pem"), fs::Permissions::from_mode(0o000)).unwrap();
    let before = files_under(dir.path());
    let run = run(Command::new("timeout")
        .current_dir(dir.path())
        .args([
            WATCHDOG_SECONDS,
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ])
        .arg(&bin)
        .args(["inspect", "folder"]));
    assert_eq!(run.status, 1, "{}", run.all());
    assert!(
        run.stdout
            .contains("[not-read] \"secret.pem\": cannot read it: Permission denied"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("notes.txt: other"));
    assert!(!run.stdout.contains("All is well"));
    assert_eq!(files_under(dir.path()), before);
    // As root: a file whose every read fails.
    let run = dockcert(dir.path(), &["inspect", "/proc/self/mem"]);
    assert_eq!(run.status, 2, "{}", run.all());
    assert!(
        run.stdout
            .contains("[not-read] \"mem\": cannot read it: Input/output error"),
        "{}",
        run.stdout
    );
}

/// The certificate one key belongs to, at a 60,000-character path, and
/// `copies` copies of that key: each copy used to name the certificate's
/// whole path ("the key of ..."), copies times 60 KB of output.
pub fn key_copies_zip(dir: &Path, zip: &Path, copies: usize) {
    let work = dir.join("parts");
    fs::create_dir(&work).unwrap();
    ec_ca(&work, "ca", "Test CA", &CA_EXTENSIONS);
    ec_leaf(
        &work,
        "server",
        "ca",
        "docker1.example.com",
        "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:docker1.example.com\n",
    );
    let cert = fs::read(work.join("server.pem")).unwrap();
    let key = fs::read(work.join("server-key.pem")).unwrap();
    fs::remove_dir_all(&work).unwrap();
    let long = format!("{}/server.pem", vec!["d".repeat(249); 240].join("/"));
    let names: Vec<String> = (0..copies).map(|i| format!("k{i}.pem")).collect();
    let mut entries: Vec<(&str, &[u8])> = vec![(long.as_str(), cert.as_slice())];
    entries.extend(names.iter().map(|n| (n.as_str(), key.as_slice())));
    zip_of(zip, &entries);
}

#[test]
fn copies_of_a_key_name_its_certificate_briefly() {
    let dir = new_dir("dockcert-work-");
    key_copies_zip(dir.path(), &dir.path().join("keys.zip"), 2000);
    let run = dockcert(dir.path(), &["inspect", "keys.zip"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let named: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.trim_start().starts_with("the key of "))
        .collect();
    assert_eq!(named.len(), 2000);
    assert!(
        named.iter().all(|l| l.len() < 300 && l.contains("…")),
        "{}",
        named[0]
    );
    // 2,000 copies times the 60 KB path would be 120 MB.
    assert!(run.stdout.len() < 1_000_000, "{} bytes", run.stdout.len());
}
