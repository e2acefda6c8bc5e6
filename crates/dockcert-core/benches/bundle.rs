//! Criterion benchmarks of the core: each key type's whole bundle, the CA
//! key's PBKDF2 encryption, zip writing, and fleets of 10 to 1,000 hosts.
//! `cargo bench -p dockcert-core`; `cargo xtask bench` compares the CLI with
//! the openssl recipe it replaces.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dockcert_core::bundle::archive;
use dockcert_core::bundle::{self, Bundle, CaKeyProtection, KeySet};
use dockcert_core::pki::{self as keys, KeyType, Passphrase, PrivateKey};
use dockcert_core::plan::{Plan, PlanRequest};
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;
use time::OffsetDateTime;

fn now() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_795_454_400).unwrap()
}

fn plan(key_type: KeyType, hosts: usize) -> Plan {
    let req = PlanRequest {
        servers: (0..hosts)
            .map(|i| {
                format!(
                    "docker{i}.example.com,10.{}.{}.{},127.0.0.1",
                    i / 65536 % 256,
                    i / 256 % 256,
                    i % 256
                )
                .into()
            })
            .collect(),
        clients: vec!["client".into()],
        key_type: Some(key_type.as_str().into()),
        ..PlanRequest::default()
    };
    Plan::from_request(&req, now().date()).unwrap()
}

fn make(plan: &Plan, rng: &mut ChaCha20Rng) -> Bundle {
    let keys = KeySet::generate(plan, rng).unwrap();
    bundle::build(plan, keys, &CaKeyProtection::Unencrypted, now(), rng).unwrap()
}

fn bundles(c: &mut Criterion) {
    let mut group = c.benchmark_group("bundle, one host and one client, keys included");
    for key_type in KeyType::ALL {
        if key_type.is_slow() {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(20));
        } else {
            group
                .sample_size(50)
                .measurement_time(Duration::from_secs(5));
        }
        let p = plan(key_type, 1);
        let mut rng = ChaCha20Rng::seed_from_u64(1);
        group.bench_function(key_type.as_str(), |b| {
            b.iter(|| black_box(make(&p, &mut rng)))
        });
    }
    group.finish();
}

fn rsa_primes(c: &mut Criterion) {
    let mut group = c.benchmark_group("RSA prime search");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    let mut rng = ChaCha20Rng::seed_from_u64(2);
    for key_type in [KeyType::Rsa2048, KeyType::Rsa4096] {
        group.bench_function(format!("one prime of {key_type}"), |b| {
            b.iter(|| black_box(keys::rsa_prime(key_type, &mut rng).unwrap()))
        });
    }
    group.finish();
}

fn ca_key_encryption(c: &mut Criterion) {
    let mut rng = ChaCha20Rng::seed_from_u64(3);
    let key = PrivateKey::generate(KeyType::EcdsaP256, &mut rng).unwrap();
    let pass = Passphrase::new(b"correct horse battery staple".to_vec()).unwrap();
    let mut group = c.benchmark_group("CA key encryption");
    group.sample_size(20);
    group.bench_function("PBKDF2-HMAC-SHA256 600,000 rounds + AES-256-CBC", |b| {
        b.iter(|| black_box(key.to_encrypted_pem(&pass, &mut rng).unwrap()))
    });
    group.finish();
}

fn zips(c: &mut Criterion) {
    let mut group = c.benchmark_group("zip writing");
    for hosts in [1usize, 100] {
        let b = make(
            &plan(KeyType::EcdsaP256, hosts),
            &mut ChaCha20Rng::seed_from_u64(4),
        );
        let bytes: usize = b.files().iter().map(|f| f.size).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(BenchmarkId::new("hosts", hosts), &b, |bench, b| {
            bench.iter(|| black_box(archive::to_zip(b, "docker-tls").unwrap()))
        });
    }
    group.finish();
}

fn fleets(c: &mut Criterion) {
    let mut group = c.benchmark_group("ECDSA fleet: plan, keys, certificates and zip");
    for hosts in [10usize, 100, 1000] {
        group.sample_size(if hosts >= 1000 { 10 } else { 20 });
        group.throughput(Throughput::Elements(hosts as u64));
        let mut rng = ChaCha20Rng::seed_from_u64(5);
        group.bench_with_input(BenchmarkId::new("hosts", hosts), &hosts, |b, &hosts| {
            b.iter(|| {
                let p = plan(KeyType::EcdsaP256, hosts);
                let made = make(&p, &mut rng);
                black_box(archive::to_zip(&made, "fleet").unwrap())
            })
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    bundles,
    rsa_primes,
    ca_key_encryption,
    zips,
    fleets
);
criterion_main!(benches);
