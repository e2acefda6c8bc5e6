//! Making the plan's keys on every core. An RSA key's cost is the search for
//! its two primes (around half a second each for 4096-bit keys), so the work
//! is cut into primes, not keys: three RSA-4096 keys are six prime searches,
//! three per core on two cores, where whole keys would leave one core idle
//! for the last key. Each worker has its own ChaCha20 generator seeded from the
//! operating system. On a terminal a progress bar shows the keys arrive.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use dockcert_core::pki::{self as keys, KeyType, PrivateKey, RsaPrime, SeededRng};
use dockcert_core::plan::KeySlot;

use crate::failure::Failure;

/// A ChaCha20 generator seeded from the operating system's RNG.
pub(crate) fn os_seeded_rng() -> Result<SeededRng, Failure> {
    let mut seed = zeroize::Zeroizing::new([0u8; 32]);
    getrandom::fill(seed.as_mut()).map_err(|e| {
        Failure::run(format!(
            "the operating system's random number generator failed: {e}"
        ))
    })?;
    Ok(keys::seeded_rng(seed))
}

/// Makes a key of `key_type` for every slot, in parallel, in slot order.
pub(crate) fn generate(slots: &[KeySlot], key_type: KeyType) -> Result<Vec<PrivateKey>, Failure> {
    // Work units: one per elliptic-curve key, two (its primes) per RSA key.
    let per_key = if key_type.is_slow() { 2 } else { 1 };
    let units = slots.len() * per_key;
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(units)
        .max(1);
    let progress = Progress::new(key_type, slots.len());
    let next = AtomicUsize::new(0);
    let primes: Mutex<Vec<Vec<RsaPrime>>> =
        Mutex::new((0..slots.len()).map(|_| Vec::new()).collect());
    let results: Mutex<Vec<Option<Result<PrivateKey, String>>>> =
        Mutex::new((0..slots.len()).map(|_| None).collect());

    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let mut rng = match os_seeded_rng() {
                    Ok(rng) => rng,
                    Err(e) => {
                        let unit = next.fetch_add(1, Ordering::Relaxed);
                        store(&results, unit / per_key, Err(e.message().to_owned()));
                        return;
                    }
                };
                loop {
                    let unit = next.fetch_add(1, Ordering::Relaxed);
                    if unit >= units {
                        break;
                    }
                    let slot = unit / per_key;
                    let made = if per_key == 1 {
                        Some(PrivateKey::generate(key_type, &mut rng).map_err(|e| e.to_string()))
                    } else {
                        rsa_unit(key_type, slot, &primes, &mut rng)
                    };
                    if let Some(key) = made {
                        store(
                            &results,
                            slot,
                            key.map_err(|e| format!("{}: {e}", slots[slot])),
                        );
                        progress.tick(&slots[slot].to_string());
                    }
                }
            });
        }
    });
    progress.finish();

    let results = results
        .into_inner()
        .map_err(|_| Failure::run("a key generation thread failed"))?;
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err("a key was not made".into())))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Failure::run)
}

/// Finds one prime for `slot`; the worker that finds the second one joins
/// them into the key (and, in the vanishingly rare case they do not make a
/// valid key, makes the whole key itself).
fn rsa_unit(
    key_type: KeyType,
    slot: usize,
    primes: &Mutex<Vec<Vec<RsaPrime>>>,
    rng: &mut SeededRng,
) -> Option<Result<PrivateKey, String>> {
    let prime = match keys::rsa_prime(key_type, rng) {
        Ok(p) => p,
        Err(e) => return Some(Err(e.to_string())),
    };
    let pair = {
        let mut guard = primes.lock().ok()?;
        let found = guard.get_mut(slot)?;
        found.push(prime);
        if found.len() < 2 {
            return None;
        }
        std::mem::take(found)
    };
    let mut pair = pair.into_iter();
    let (p, q) = (pair.next()?, pair.next()?);
    Some(
        PrivateKey::rsa_from_primes(key_type, p, q)
            .or_else(|_| PrivateKey::generate(key_type, rng))
            .map_err(|e| e.to_string()),
    )
}

fn store(
    results: &Mutex<Vec<Option<Result<PrivateKey, String>>>>,
    i: usize,
    value: Result<PrivateKey, String>,
) {
    if let Ok(mut guard) = results.lock() {
        if let Some(slot) = guard.get_mut(i) {
            *slot = Some(value);
        }
    }
}

/// A progress bar on stderr, only for slow keys on a terminal.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new(key_type: KeyType, total: usize) -> Self {
        if !key_type.is_slow() || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new(total as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "making {prefix} keys {bar:30} {pos}/{len}  {msg}",
        ) {
            bar.set_style(style);
        }
        bar.set_prefix(key_type.to_string());
        Progress(Some(bar))
    }

    fn tick(&self, done: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(format!("{done} done"));
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
