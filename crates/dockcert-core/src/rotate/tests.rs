use rand_core::SeedableRng;

use super::*;
use crate::bundle::tests_support::{now, plain};
use crate::bundle::{CaKeyProtection, FilesTo, KeySet};
use crate::import::import_ca;
use crate::inspect::{Gathered, InputFile};
use crate::lang::Lang;
use crate::plan::{Plan, PlanRequest};

/// A new bundle (one host, two clients), gathered as a face gathers it.
fn current_bundle() -> (crate::bundle::Bundle, Gathered) {
    current_bundle_with(PlanRequest::default())
}

/// [`current_bundle`] with `settings` (listen address, install folder).
fn current_bundle_with(settings: PlanRequest) -> (crate::bundle::Bundle, Gathered) {
    let request = PlanRequest {
        servers: vec!["docker1.example.com,10.0.0.5".into()],
        clients: vec!["alice".into(), "bob".into()],
        ..settings
    };
    let made = plain(&request);
    let files = made
        .with_contents()
        .map(|(f, bytes)| InputFile {
            path: format!("docker-tls/{}", f.path),
            bytes: bytes.to_vec(),
            mode: Some(f.mode()),
        })
        .collect();
    (made, Gathered::of_files(files))
}

/// The CA of the bundle `old` (its key unencrypted), as a face imports it.
fn old_ca(old: &crate::bundle::Bundle) -> crate::import::ImportedCa {
    import_ca(
        old.contents("ca/ca.pem").unwrap(),
        old.contents("ca/ca-key.pem").unwrap(),
        None,
        now(),
    )
    .unwrap()
}

/// The rotation of `plan` from `current` and its old CA at `at`, its keys
/// (and nothing else) from `seed`, its new CA key unencrypted.
pub(super) fn rotated(
    plan: &Plan,
    (current, ca): (&Current, &crate::import::ImportedCa),
    at: time::OffsetDateTime,
    seed: u64,
) -> crate::bundle::Bundle {
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(seed);
    let keys = KeySet::generate(plan, &mut rng).unwrap();
    build_into(
        plan,
        (current, ca),
        keys,
        &CaKeyProtection::Unencrypted,
        at,
        &mut rng,
        FilesTo::Bundle,
    )
    .unwrap()
}

#[test]
fn a_rotation_keeps_the_names_drops_one_and_lays_out_three_phases() {
    let (old, gathered) = current_bundle();
    let ca = old_ca(&old);
    let mut current = Current::read(&gathered, (&ca.cert_der, &ca.facts), now(), Lang::En).unwrap();
    assert_eq!(current.hosts()[0].name, "docker1.example.com");
    let unknown = current.drop_names(&["carol".into()]).unwrap_err();
    assert!(
        unknown.to_string().contains("\"carol\"") || unknown.to_string().contains("carol"),
        "{unknown}"
    );
    assert!(
        unknown
            .to_string()
            .contains("docker1.example.com, alice, bob"),
        "{unknown}"
    );
    current.drop_names(&["bob".into()]).unwrap();
    assert_eq!(current.dropped(), ["bob"]);
    let request = current.request(PlanRequest::default(), &ca.facts, now().date());
    let plan = Plan::from_request(&request, now().date()).unwrap();
    assert_eq!(plan.servers[0].sans.len(), 2);
    assert_ne!(plan.ca_name, ca.facts.name(), "a new name for a new CA");
    let made = rotated(&plan, (&current, &ca), now(), 7);
    let paths: Vec<&str> = made.files().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "README.txt",
            "manifest.json",
            "ca/ca.pem",
            "ca/ca-key.pem",
            "ca/previous-ca.pem",
            "server/docker1.example.com/ca-both.pem",
            "server/docker1.example.com/ca.pem",
            "server/docker1.example.com/server-cert.pem",
            "server/docker1.example.com/server-key.pem",
            "server/docker1.example.com/install.sh",
            "server/docker1.example.com/certificates-phase1.tsv",
            "server/docker1.example.com/certificates-phase2.tsv",
            "server/docker1.example.com/certificates-phase3.tsv",
            "client/alice/ca-both.pem",
            "client/alice/ca.pem",
            "client/alice/cert.pem",
            "client/alice/key.pem",
            "client/alice/install.sh",
            "ca/inventory.jsonl",
        ]
    );
    let text = |p: &str| String::from_utf8(made.contents(p).unwrap().to_vec()).unwrap();
    // The new CA's inventory starts with what the rotation made: the CA,
    // the host and the kept client, each by its fingerprint.
    let inventory = text("ca/inventory.jsonl");
    let listed: Vec<&str> = inventory.lines().collect();
    assert_eq!(listed.len(), 3, "{inventory}");
    for (line, cert) in listed.iter().zip(&made.certificates) {
        assert!(line.contains(&cert.info.fingerprint_sha256), "{line}");
    }
    let old_ca = String::from_utf8(old.contents("ca/ca.pem").unwrap().to_vec()).unwrap();
    assert_eq!(text("ca/previous-ca.pem"), old_ca);
    assert_eq!(
        text("client/alice/ca-both.pem"),
        format!("{old_ca}{}", text("ca/ca.pem"))
    );
    // The host's script expects what the old bundle installed.
    let old_cert = old
        .file("server/docker1.example.com/server-cert.pem")
        .unwrap();
    let script = text("server/docker1.example.com/install.sh");
    assert!(
        script.contains(&format!(
            "CERT_OLD='{}'",
            crate::pki::lower_hex(&old_cert.sha256)
        )),
        "the old certificate's hash"
    );
    let readme = text("README.txt");
    for heading in [
        "THE THREE PHASES",
        "DOCKER CONTEXTS",
        "live-restore",
        "DROPPED: bob",
    ] {
        assert!(readme.contains(heading), "{heading}");
    }
    assert_eq!(made.file("ca/previous-ca.pem").unwrap().mode(), 0o444);
    assert_eq!(made.file("client/alice/key.pem").unwrap().mode(), 0o400);
}

#[test]
fn a_bundle_without_hosts_or_with_an_unread_file_is_refused() {
    let (old, gathered) = current_bundle();
    let ca = old_ca(&old);
    let clients_only = Gathered::of_files(
        gathered
            .files
            .iter()
            .filter(|f| !f.path.contains("/server/"))
            .cloned()
            .collect(),
    );
    assert_eq!(
        Current::read(&clients_only, (&ca.cert_der, &ca.facts), now(), Lang::En).unwrap_err(),
        RotateError::NoHosts
    );
    let mut current = Current::read(&gathered, (&ca.cert_der, &ca.facts), now(), Lang::Zh).unwrap();
    assert_eq!(
        current
            .drop_names(&["docker1.example.com".into()])
            .unwrap_err(),
        RotateError::NoHostLeft
    );
}

/// The clients' contexts go on dialling the port the old bundle made dockerd
/// listen on (its daemon.json's tcp:// host), and the host's files stay in
/// its install folder; `--listen` given to rotate wins.
#[test]
fn the_old_listen_address_and_install_folder_are_kept() {
    let (old, gathered) = current_bundle_with(PlanRequest {
        listen: Some("10.0.0.5:23456".into()),
        install_dir: Some("/srv/docker-tls".into()),
        ..PlanRequest::default()
    });
    let ca = old_ca(&old);
    let current = Current::read(&gathered, (&ca.cert_der, &ca.facts), now(), Lang::En).unwrap();
    let kept = current.request(PlanRequest::default(), &ca.facts, now().date());
    let plan = Plan::from_request(&kept, now().date()).unwrap();
    assert_eq!(plan.servers[0].listen.port, 23456);
    assert_eq!(plan.servers[0].install_dir, "/srv/docker-tls");
    let made = rotated(&plan, (&current, &ca), now(), 8);
    let script =
        String::from_utf8(made.contents("client/alice/install.sh").unwrap().to_vec()).unwrap();
    assert!(
        script.contains("    context docker1.example.com tcp://docker1.example.com:23456\n"),
        "{script}"
    );
    let flagged = current.request(
        PlanRequest {
            listen: Some("0.0.0.0:2377".into()),
            ..PlanRequest::default()
        },
        &ca.facts,
        now().date(),
    );
    let plan = Plan::from_request(&flagged, now().date()).unwrap();
    assert_eq!(plan.servers[0].listen.port, 2377);
}

/// A file the rotation does not read may be left out (a fleet's README.txt
/// outgrows what inspect reads of one); one it reads may not, nor files
/// past a limit, which might be anything.
#[test]
fn only_a_file_it_reads_left_out_stops_it() {
    use crate::inspect::SkipReason;
    let (old, gathered) = current_bundle();
    let ca = old_ca(&old);
    let read = |skipped: &str, reason: SkipReason| {
        let mut g = gathered.clone();
        g.skip(skipped, reason);
        Current::read(&g, (&ca.cert_der, &ca.facts), now(), Lang::En)
    };
    let too_large = || SkipReason::TooLarge {
        size: 40 << 20,
        limit: 32 << 20,
    };
    assert!(read("docker-tls/README.txt", too_large()).is_ok());
    assert!(read(
        "docker-tls/client/alice/docker1.example.com.dockercontext",
        SkipReason::Symlink
    )
    .is_ok());
    for (path, reason) in [
        (
            "docker-tls/server/docker1.example.com/server-key.pem",
            SkipReason::Symlink,
        ),
        ("docker-tls/client/alice/ca.pem", too_large()),
        ("docker-tls/README.txt", SkipReason::TooMany { more: 1 }),
    ] {
        let refused = read(path, reason).unwrap_err();
        assert!(
            matches!(refused, RotateError::NotRead { .. }),
            "{path}: {refused:?}"
        );
    }
}

/// Dropping every client leaves a rotation of the hosts alone: no client
/// named "client" made in their place (a new CA's plan makes one when none
/// is asked for), and the keys fit the plan.
#[test]
fn a_rotation_that_drops_every_client_makes_none() {
    let (old, gathered) = current_bundle();
    let ca = old_ca(&old);
    let mut current = Current::read(&gathered, (&ca.cert_der, &ca.facts), now(), Lang::En).unwrap();
    current.drop_names(&["alice".into(), "bob".into()]).unwrap();
    let request = current.request(PlanRequest::default(), &ca.facts, now().date());
    let plan = Plan::from_request(&request, now().date()).unwrap();
    assert!(plan.clients.is_empty(), "{:?}", plan.clients);
    let made = rotated(&plan, (&current, &ca), now(), 9);
    assert!(made.files().iter().all(|f| !f.path.starts_with("client/")));
    assert!(made
        .contents("server/docker1.example.com/server-cert.pem")
        .is_some());
    let readme = String::from_utf8(made.contents("README.txt").unwrap().to_vec()).unwrap();
    assert!(readme.contains("No client is kept"), "{readme}");
    let issue = "\n    dockcert issue --ca-cert ca/ca.pem --ca-key ca/ca-key.pem --client NAME";
    assert!(readme.contains(issue), "{readme}");
}

#[test]
fn each_phase_carries_the_expiry_checks_rows_for_the_files_it_installs() {
    use sha2::Digest;
    let (old, gathered) = current_bundle();
    let ca = old_ca(&old);
    let current = Current::read(&gathered, (&ca.cert_der, &ca.facts), now(), Lang::En).unwrap();
    let request = current.request(PlanRequest::default(), &ca.facts, now().date());
    let plan = Plan::from_request(&request, now().date()).unwrap();
    let made = rotated(&plan, (&current, &ca), now(), 11);
    let host = "server/docker1.example.com";
    let text = |p: &str| String::from_utf8(made.contents(p).unwrap().to_vec()).unwrap();
    let sha = |p: &str| crate::pki::lower_hex(&sha2::Sha256::digest(made.contents(p).unwrap()));
    let old_tsv = String::from_utf8(
        old.contents(&format!("{host}/certificates.tsv"))
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    let header = old_tsv.lines().next().unwrap();
    let new_ca = &made.certificates[0].info;
    let leaf = &made.certificates[1].info;
    assert_eq!(made.certificates[1].path, format!("{host}/server-cert.pem"));
    let row = |path: &str, file: &str, info: &crate::pki::CertInfo, role: &str| {
        format!(
            "/etc/docker/{path}\t{}\t{}\t{role}\t{}\t{}\t{}",
            sha(file),
            info.not_after.unix_timestamp(),
            info.name,
            info.serial,
            info.fingerprint_sha256
        )
    };
    // Phase 1: ca.pem is ca-both.pem, so two rows for one path, each with
    // that file's SHA-256: the old CA as it was read, then the new one.
    let old_fingerprint = crate::pki::fingerprint(&ca.cert_der);
    let phase1 = text(&format!("{host}/certificates-phase1.tsv"));
    let rows: Vec<&str> = phase1.lines().collect();
    assert_eq!(rows.len(), 3, "{phase1}");
    assert_eq!(rows[0], header);
    assert_eq!(
        rows[1],
        format!(
            "/etc/docker/ca.pem\t{}\t{}\tca\t{}\t{}\t{old_fingerprint}",
            sha(&format!("{host}/ca-both.pem")),
            ca.facts.not_after.unix_timestamp(),
            ca.facts.name(),
            ca.facts.serial,
        )
    );
    assert_eq!(
        rows[2],
        row("ca.pem", &format!("{host}/ca-both.pem"), new_ca, "ca")
    );
    // The old CA's row is the one the old bundle's certificates.tsv had,
    // but for the file's SHA-256.
    let was: Vec<&str> = old_tsv.lines().nth(1).unwrap().split('\t').collect();
    let now1: Vec<&str> = rows[1].split('\t').collect();
    assert_eq!((was[0], &was[2..]), (now1[0], &now1[2..]));
    assert_ne!(was[1], now1[1]);
    // Phase 2: the new server certificate; phase 3: the new CA alone.
    assert_eq!(
        text(&format!("{host}/certificates-phase2.tsv")),
        format!(
            "{header}\n{}\n",
            row(
                "server-cert.pem",
                &format!("{host}/server-cert.pem"),
                leaf,
                "server"
            )
        )
    );
    assert_eq!(
        text(&format!("{host}/certificates-phase3.tsv")),
        format!(
            "{header}\n{}\n",
            row("ca.pem", &format!("{host}/ca.pem"), new_ca, "ca")
        )
    );
    assert_eq!(
        made.file(&format!("{host}/certificates-phase1.tsv"))
            .unwrap()
            .mode(),
        0o644
    );
}
