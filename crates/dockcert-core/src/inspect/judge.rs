//! [`inspect`]: every check over the files given, in one pass each.

use super::input::Gathered;
use super::problem::Problem;
use super::report::{summaries, Findings, Options, Report};
use super::severity::Severity;
use super::{certs, chain, daemon, images, inventory, keys, manifest};

/// Inspects what was gathered: every file read, and a finding for every file
/// that could not be. Everything taken from the files (names, subjects,
/// SANs) is made safe to show ([`crate::show::safe`]).
pub fn inspect(gathered: &Gathered, options: &Options) -> Report {
    let files = gathered.files.as_slice();
    let mut findings = Findings::default();
    // A file given but not read is an error, whatever kept it out: a run
    // that checked less than it was given never says all is well.
    for skipped in &gathered.skipped {
        findings.add(Problem::NotRead(skipped.clone()));
    }
    let mut summaries = summaries(files);
    let (material, hints, mut budget) =
        certs::collect(files, options, &mut summaries, &mut findings);
    chain::check(&material, files, options, &mut budget, &mut findings);
    budget.report(&mut findings);
    keys::pairs(&material, &hints, files, &mut summaries, &mut findings);
    daemon::check(files, &mut summaries, &mut findings);
    manifest::check(files, &mut findings);
    inventory::check(files, &material, &mut summaries, &mut findings);
    images::check(files, &mut summaries, &mut findings);
    manifest::name_kinds(&mut summaries);
    let mut list = findings.0;
    list.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let errors = list
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = list.len() - errors;
    Report {
        files: summaries,
        findings: list,
        errors,
        warnings,
    }
    .made_safe()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::tests_support::{now, one_of_each, plain};
    use crate::bundle::Bundle;
    use crate::inspect::{InputFile, InspectError, Kind, SkipReason, MAX_FILE};
    use crate::lang::Lang;

    fn files_of(b: &Bundle, top: &str) -> Gathered {
        Gathered::of_files(
            b.with_contents()
                .map(|(f, contents)| InputFile {
                    path: format!("{top}{}", f.path),
                    bytes: contents.to_vec(),
                    mode: Some(f.mode()),
                })
                .collect(),
        )
    }

    fn options(host: Option<&str>) -> Options {
        Options {
            host: host.map(str::to_owned),
            now: now(),
        }
    }

    fn codes(report: &Report) -> Vec<&'static str> {
        report.findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn a_healthy_bundle_has_no_finding_but_its_unencrypted_ca_key() {
        let b = plain(&one_of_each());
        let report = inspect(&files_of(&b, "docker-tls/"), &options(Some("10.0.0.5")));
        assert_eq!(codes(&report), ["ca-key-unencrypted"]);
        assert!(report.ok());
        let kind = |path: &str| {
            report
                .files
                .iter()
                .find(|f| f.path == format!("docker-tls/{path}"))
                .unwrap()
                .kind
                .clone()
        };
        assert_eq!(kind("ca/ca.pem"), Kind::CaCertificate);
        assert_eq!(
            kind("server/docker1.example.com/server-cert.pem"),
            Kind::ServerCertificate
        );
        assert_eq!(
            kind("client/alice/key.pem"),
            Kind::PrivateKey(Some(crate::pki::KeyType::EcdsaP256))
        );
        assert_eq!(
            kind("server/docker1.example.com/daemon.json"),
            Kind::DaemonJson
        );
        assert_eq!(kind("README.txt"), Kind::BundleReadme);
        assert_eq!(
            kind("server/docker1.example.com/dockcert-expiry-check.sh"),
            Kind::ExpiryCheck
        );
        assert_eq!(
            kind("server/docker1.example.com/certificates.tsv"),
            Kind::ExpiryCheckData
        );
        assert_eq!(kind("prometheus/dockcert.rules.yml"), Kind::PrometheusRules);
        let other: Vec<&str> = report
            .files
            .iter()
            .filter(|f| f.kind == Kind::Other)
            .map(|f| f.path.as_str())
            .collect();
        assert_eq!(other, Vec::<&str>::new(), "every file of a bundle is known");
    }

    #[test]
    fn the_installed_expiry_check_is_known_and_its_unit_is_not_dockerds() {
        let file = |path: &str, text: &str| InputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
            mode: None,
        };
        // dockerd's unit passes -H while daemon.json has hosts: dockerd
        // refuses to start. The check's unit, read after it, changes nothing.
        let report = inspect(
            &Gathered::of_files(vec![
                file(
                    "etc/docker/daemon.json",
                    r#"{"hosts": ["unix:///var/run/docker.sock"]}"#,
                ),
                file(
                    "lib/systemd/system/docker.service",
                    "[Service]\nExecStart=/usr/bin/dockerd -H fd://\n",
                ),
                file(
                    "etc/systemd/system/dockcert-expiry.service",
                    "[Service]\nType=oneshot\nExecStart=/usr/local/sbin/dockcert-expiry-check\n",
                ),
                file(
                    "etc/systemd/system/dockcert-expiry.timer",
                    "[Timer]\nOnCalendar=daily\nPersistent=true\n",
                ),
                file(
                    "etc/cron.d/dockcert-expiry",
                    "17 6 * * * root /usr/local/sbin/dockcert-expiry-check\n",
                ),
                file("usr/local/sbin/dockcert-expiry-check", "#!/bin/sh\n"),
                file("etc/dockcert/certificates.tsv", "# path\tfile-sha256\n"),
            ]),
            &options(None),
        );
        assert!(
            codes(&report).contains(&"hosts-conflict"),
            "{:?}",
            report.findings
        );
        let kinds: Vec<&Kind> = report.files.iter().skip(1).map(|f| &f.kind).collect();
        assert_eq!(
            kinds,
            [
                &Kind::SystemdUnit,
                &Kind::SystemdUnit,
                &Kind::SystemdUnit,
                &Kind::ExpiryCron,
                &Kind::ExpiryCheck,
                &Kind::ExpiryCheckData
            ]
        );
    }

    #[test]
    fn a_certificate_signing_request_is_not_a_certificate() {
        let csr = include_bytes!("../../tests/fixtures/recipe-server.csr");
        let report = inspect(
            &Gathered::of_files(vec![InputFile {
                path: "server.csr".into(),
                bytes: csr.to_vec(),
                mode: None,
            }]),
            &options(None),
        );
        assert_eq!(report.files[0].kind, Kind::CertificateSigningRequest);
        assert!(report.findings.is_empty(), "{:?}", report.findings);
    }

    #[test]
    fn wrong_host_readable_key_and_changed_file_are_found() {
        let b = plain(&one_of_each());
        let mut gathered = files_of(&b, "");
        let files = &mut gathered.files;
        let key = files
            .iter_mut()
            .find(|f| f.path == "client/alice/key.pem")
            .unwrap();
        key.mode = Some(0o644);
        let env = files
            .iter_mut()
            .find(|f| f.path == "client/alice/docker.env")
            .unwrap();
        env.bytes
            .extend_from_slice(b"export DOCKER_HOST=tcp://evil:2376\n");
        let report = inspect(&gathered, &options(Some("docker9.example.com")));
        let found = codes(&report);
        for code in ["host-not-covered", "key-readable", "changed-since-made"] {
            assert!(found.contains(&code), "{code} missing from {found:?}");
        }
        assert!(!report.ok());
        assert_eq!(report.verdict(Lang::En), "2 errors, 2 warnings.");
        let readable = report
            .findings
            .iter()
            .find(|f| f.code == "key-readable")
            .unwrap();
        assert_eq!(
            readable.problem,
            Problem::KeyReadable {
                path: "client/alice/key.pem".into(),
                mode: 0o644
            }
        );
        let covered = report
            .findings
            .iter()
            .find(|f| f.code == "host-not-covered")
            .unwrap();
        assert_eq!(
            covered.problem,
            Problem::HostNotCovered {
                path: "server/docker1.example.com/server-cert.pem".into(),
                host: "docker9.example.com".into(),
                valid: vec!["docker1.example.com".into(), "10.0.0.5".into()],
                no_ip_sans: false,
            }
        );
    }

    #[test]
    fn a_zip_is_gathered_and_a_large_file_is_skipped_not_ignored() {
        let b = plain(&one_of_each());
        let zip = crate::bundle::archive::to_zip(&b, "docker-tls").unwrap();
        let mut gathered = Gathered::default();
        gathered.add("docker-tls.zip", Ok(zip.to_vec()), None);
        gathered.add(
            "big.pem",
            Ok(vec![b'x'; MAX_FILE as usize + 1]),
            Some(0o644),
        );
        gathered.add("gone.pem", Err("No such file or directory".into()), None);
        assert_eq!(gathered.files.len(), b.files().len());
        let skipped: Vec<String> = gathered.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(
            skipped,
            [
                "\"big.pem\": it is 1048577 bytes, larger than the 1024 KiB dockcert reads for it",
                "\"gone.pem\": cannot read it: No such file or directory"
            ]
        );
        let mut broken = Gathered::default();
        broken.add("broken.zip", Ok(b"PK\x03\x04 not really".to_vec()), None);
        assert!(matches!(
            broken.skipped[0].reason,
            SkipReason::Zip(InspectError::NotAZip(_))
        ));
    }
}
