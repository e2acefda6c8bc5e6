//! The current bundle judged by the one judge under the old CA: another CA
//! of the same name refused, naming the file; a certificate refused for its
//! dates alone noted and rotated; an expired old CA rotated away from, with
//! a warning and README.txt's section; any other refusal stops.

use rand_core::SeedableRng;
use time::{Duration, OffsetDateTime};

use super::*;
use crate::bundle::tests_support::now;
use crate::bundle::{self, Bundle, CaKeyProtection, FilesTo, KeySet};
use crate::import::{check_ca_certificate, import_ca_for, CaUse, ImportError, ImportedCa};
use crate::inspect::verify::{Refusal, Which};
use crate::inspect::{Gathered, InputFile};
use crate::lang::{Lang, Localized};
use crate::plan::{Plan, PlanRequest};

/// A new bundle of one host and `clients`, its CA named `ca_name`, its keys
/// from the RNG seeded `seed` (so one name, two seeds: two CAs of one name),
/// with `days` and `ca_days`; and its files gathered as a face gathers them.
fn made(ca_name: &str, seed: u64, clients: usize, days: &str) -> (Bundle, Gathered) {
    let request = PlanRequest {
        servers: vec!["docker1.example.com,10.0.0.5".into()],
        clients: (0..clients).map(|i| format!("client{i}")).collect(),
        ca_name: Some(ca_name.into()),
        days: Some(days.into()),
        ca_days: Some(days.into()),
        ..PlanRequest::default()
    };
    let plan = Plan::from_request(&request, now().date()).unwrap();
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(seed);
    let keys = KeySet::generate(&plan, &mut rng).unwrap();
    let made = bundle::build_into(
        &plan,
        keys,
        &CaKeyProtection::Unencrypted,
        now(),
        &mut rng,
        FilesTo::Bundle,
    )
    .unwrap();
    (made.clone(), gathered(&made))
}

fn gathered(made: &Bundle) -> Gathered {
    Gathered::of_files(
        made.with_contents()
            .map(|(f, bytes)| InputFile {
                path: format!("docker-tls/{}", f.path),
                bytes: bytes.to_vec(),
                mode: Some(f.mode()),
            })
            .collect(),
    )
}

/// The bundle's CA, opened to be replaced at `at`.
fn old_ca(made: &Bundle, at: OffsetDateTime) -> ImportedCa {
    import_ca_for(
        made.contents("ca/ca.pem").unwrap(),
        made.contents("ca/ca-key.pem").unwrap(),
        None,
        at,
        CaUse::Replace,
    )
    .unwrap()
}

fn read(gathered: &Gathered, ca: &ImportedCa, at: OffsetDateTime) -> Result<Current, RotateError> {
    Current::read(gathered, (&ca.cert_der, &ca.facts), at, Lang::En)
}

#[test]
fn a_bundle_of_another_ca_with_the_same_name_is_refused_naming_the_file() {
    let (ours, _) = made("Acme Docker CA", 1, 1, "365");
    let (theirs, their_files) = made("Acme Docker CA", 2, 1, "365");
    assert_ne!(ours.contents("ca/ca.pem"), theirs.contents("ca/ca.pem"));
    let ca = old_ca(&ours, now());
    let refused = read(&their_files, &ca, now()).unwrap_err();
    let RotateError::SignedByAnother {
        path,
        ca: name,
        docker,
    } = &refused
    else {
        panic!("{refused:?}");
    };
    assert!(
        path.starts_with("docker-tls/") && path.ends_with("cert.pem"),
        "{path}"
    );
    assert_eq!(name, "Acme Docker CA");
    assert_eq!(
        docker,
        "x509: certificate signed by unknown authority (possibly because of \"x509: ECDSA verification failure\" while trying to verify candidate authority certificate \"Acme Docker CA\")"
    );
    let en = refused.to_string();
    assert!(
        en.starts_with(&format!(
            "--from {}: the old CA \"Acme Docker CA\" (--ca-cert) did not sign it",
            crate::show::quoted(path)
        )),
        "{en}"
    );
    assert!(en.contains("another CA of the same name"), "{en}");
    let zh = refused.text(Lang::Zh);
    assert!(
        zh.starts_with(&format!(
            "--from {}：旧 CA“Acme Docker CA”",
            crate::show::quoted(path)
        )) && zh.contains("另一个同名的 CA"),
        "{zh}"
    );
    // Out of date as well: its dates do not hide whose key signed it.
    let later = now() + Duration::days(400);
    let ca = old_ca(&ours, later);
    assert!(matches!(
        read(&their_files, &ca, later),
        Err(RotateError::SignedByAnother { .. })
    ));
    // Another name altogether: renew's words, naming both.
    let (other, other_files) = made("Other CA", 3, 1, "365");
    assert_ne!(other.contents("ca/ca.pem"), ours.contents("ca/ca.pem"));
    let ca = old_ca(&ours, now());
    assert!(matches!(
        read(&other_files, &ca, now()),
        Err(RotateError::Certificate {
            error: ImportError::OtherIssuer { .. },
            ..
        })
    ));
}

#[test]
fn certificates_refused_for_their_dates_alone_are_noted_and_rotated() {
    // Ends in 30 days (and an hour's allowance for clocks); read 40 days on.
    let (old, files) = made("Acme Docker CA", 4, 24, "30");
    let later = now() + Duration::days(40);
    let ca = old_ca(&old, later);
    assert!(matches!(
        check_ca_certificate(old.contents("ca/ca.pem").unwrap(), later),
        Err(ImportError::Expired { .. })
    ));
    let current = read(&files, &ca, later).unwrap();
    assert_eq!(current.hosts().len(), 1);
    assert_eq!(current.clients().len(), 24);
    let notes = current.notes();
    // The old CA's warning, 20 certificates named, then how many more.
    assert_eq!(notes.len(), 22, "{notes:?}");
    assert!(notes[0].is_warning());
    assert_eq!(
        notes[0].to_string(),
        format!(
            "the old CA \"Acme Docker CA\" expired on {}: docker already refuses every certificate it issued, so phase 1 (trust both) changes nothing that works; each connection comes back once its host and its client have both done phase 2. Run the phases in order all the same (README.txt)",
            crate::pki::day(ca.facts.not_after)
        )
    );
    let RotateNote::OutOfDate { path, refusal } = &notes[1] else {
        panic!("{:?}", notes[1]);
    };
    assert!(matches!(
        refusal,
        Refusal::Expired {
            at: Which::Leaf,
            ..
        }
    ));
    let said = notes[1].to_string();
    assert!(
        said.starts_with(&format!("--from {}: docker refuses it today: it expired on ", crate::show::quoted(path)))
            && said.ends_with("its dates alone, the old CA did issue it, so the rotation goes on and phase 2 replaces it"),
        "{said}"
    );
    assert!(notes[1].text(Lang::Zh).contains("只是日期问题"));
    assert_eq!(notes[21], RotateNote::MoreOutOfDate(5));
    assert!(!notes[21].is_warning());
    // A client dropped gets nothing in phase 2: no note says it will.
    let mut current = current;
    let named = |c: &Current, client: &str| {
        c.notes().iter().any(|n| {
            matches!(n, RotateNote::OutOfDate { path, .. }
                if path == &format!("docker-tls/client/{client}/cert.pem"))
        })
    };
    assert!(named(&current, "client0"));
    current.drop_names(&["client0".into()]).unwrap();
    assert!(!named(&current, "client0") && named(&current, "client1"));

    // The rotation is made, and its README.txt says the old CA expired.
    for (lang, heading) in [
        (Lang::En, "THE OLD CA HAS EXPIRED\n"),
        (Lang::Zh, "旧 CA 已到期\n"),
    ] {
        let request = current.request(
            PlanRequest {
                lang,
                ..PlanRequest::default()
            },
            &ca.facts,
            later.date(),
        );
        let plan = Plan::from_request(&request, later.date()).unwrap();
        let rotation = super::tests::rotated(&plan, (&current, &ca), later, 5);
        let readme = String::from_utf8(rotation.contents("README.txt").unwrap().to_vec()).unwrap();
        assert!(readme.contains(heading), "{readme}");
        assert!(readme.contains(&crate::pki::day(ca.facts.not_after)));
    }
    // On time, nothing to say, and no such section.
    let ca = old_ca(&old, now());
    assert!(read(&files, &ca, now()).unwrap().notes().is_empty());
}

/// A refusal for anything but dates stops: a client's certificate in a
/// host's folder is judged as a server's, and docker refuses its usage.
#[test]
fn a_certificate_docker_refuses_for_its_usage_stops_the_rotation() {
    let (old, files) = made("Acme Docker CA", 6, 1, "365");
    let ca = old_ca(&old, now());
    let mut files = files.files;
    let client = files
        .iter()
        .find(|f| f.path == "docker-tls/client/client0/cert.pem")
        .unwrap()
        .clone();
    files.push(InputFile {
        path: "docker-tls/server/docker2.example.com/server-cert.pem".into(),
        ..client
    });
    let refused = read(&Gathered::of_files(files), &ca, now()).unwrap_err();
    let RotateError::Refused { path, refusal } = &refused else {
        panic!("{refused:?}");
    };
    assert_eq!(
        path,
        "docker-tls/server/docker2.example.com/server-cert.pem"
    );
    assert_eq!(
        refusal.docker_says(),
        "x509: certificate specifies an incompatible key usage"
    );
    let en = refused.to_string();
    assert!(
        en.starts_with("--from docker-tls/server/docker2.example.com/server-cert.pem: docker refuses it under the old CA (--ca-cert): ")
            && en.contains("(docker says: x509: certificate specifies an incompatible key usage)"),
        "{en}"
    );
    assert!(refused
        .text(Lang::Zh)
        .contains("在旧 CA（--ca-cert）下 docker 会拒绝它"));
}
