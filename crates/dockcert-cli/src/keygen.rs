//! Making the plan's keys on every core. An RSA key's cost is the search for
//! its two primes (around half a second each for 4096-bit keys), so the work
//! is cut into primes, not keys: three RSA-4096 keys are six prime searches,
//! three per core on two cores, where whole keys would leave one core idle
//! for the last key. Each worker has its own ChaCha20 generator seeded from the
//! operating system. On a terminal a progress bar shows the keys arrive.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use dockcert_core::pki::{self as keys, KeyType, PkiError, PrivateKey, RsaPrime, SeededRng};
use dockcert_core::plan::KeySlot;
use dockcert_core::{Lang, Localized};

use crate::failure::Failure;
use crate::problem::Problem;
use crate::progress::{Made, Making};

/// A ChaCha20 generator seeded from the operating system's RNG.
pub(crate) fn os_seeded_rng() -> Result<SeededRng, Failure> {
    let mut seed = zeroize::Zeroizing::new([0u8; 32]);
    getrandom::fill(seed.as_mut()).map_err(|e| Failure::run(Problem::Random(e.to_string())))?;
    Ok(keys::seeded_rng(seed))
}

/// Makes a key of `key_type` for every slot, in parallel, in slot order,
/// showing their progress in `lang`.
pub(crate) fn generate(
    slots: &[KeySlot],
    key_type: KeyType,
    lang: Lang,
) -> Result<Vec<PrivateKey>, Failure> {
    // Work units: one per elliptic-curve key, two (its primes) per RSA key.
    let per_key = if key_type.is_slow() { 2 } else { 1 };
    let units = slots.len() * per_key;
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(units)
        .max(1);
    let progress = Progress::new(key_type, slots.len(), lang);
    let next = AtomicUsize::new(0);
    let primes: Mutex<Vec<Vec<RsaPrime>>> =
        Mutex::new((0..slots.len()).map(|_| Vec::new()).collect());
    let results: Mutex<Vec<Option<Result<PrivateKey, KeyFailure>>>> =
        Mutex::new((0..slots.len()).map(|_| None).collect());

    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let mut rng = match os_seeded_rng() {
                    Ok(rng) => rng,
                    Err(e) => {
                        let unit = next.fetch_add(1, Ordering::Relaxed);
                        store(&results, unit / per_key, Err(KeyFailure::Run(e)));
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
                        Some(PrivateKey::generate(key_type, &mut rng))
                    } else {
                        rsa_unit(key_type, slot, &primes, &mut rng)
                    };
                    if let Some(key) = made {
                        store(
                            &results,
                            slot,
                            key.map_err(|why| {
                                KeyFailure::Key(Box::new(Problem::Key {
                                    slot: slots[slot].clone(),
                                    why,
                                }))
                            }),
                        );
                        progress.tick(&slots[slot]);
                    }
                }
            });
        }
    });
    progress.finish();

    let results = results
        .into_inner()
        .map_err(|_| Failure::run(Problem::KeyThread))?;
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(KeyFailure::Key(Box::new(Problem::KeyMissing)))))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| match e {
            KeyFailure::Run(failure) => failure,
            KeyFailure::Key(problem) => Failure::run(*problem),
        })
}

/// Why a key was not made: the failure that stopped its worker, or the
/// problem with the key itself.
enum KeyFailure {
    Run(Failure),
    Key(Box<Problem>),
}

/// Finds one prime for `slot`; the worker that finds the second one joins
/// them into the key (and, in the vanishingly rare case they do not make a
/// valid key, makes the whole key itself).
fn rsa_unit(
    key_type: KeyType,
    slot: usize,
    primes: &Mutex<Vec<Vec<RsaPrime>>>,
    rng: &mut SeededRng,
) -> Option<Result<PrivateKey, PkiError>> {
    let prime = match keys::rsa_prime(key_type, rng) {
        Ok(p) => p,
        Err(e) => return Some(Err(e)),
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
            .or_else(|_| PrivateKey::generate(key_type, rng)),
    )
}

fn store(
    results: &Mutex<Vec<Option<Result<PrivateKey, KeyFailure>>>>,
    i: usize,
    value: Result<PrivateKey, KeyFailure>,
) {
    if let Ok(mut guard) = results.lock() {
        if let Some(slot) = guard.get_mut(i) {
            *slot = Some(value);
        }
    }
}

/// A progress bar on stderr in the run's language, only for slow keys on
/// a terminal.
struct Progress(Option<(indicatif::ProgressBar, Lang)>);

impl Progress {
    fn new(key_type: KeyType, total: usize, lang: Lang) -> Self {
        if !key_type.is_slow() || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new(total as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(&Making.text(lang)) {
            bar.set_style(style);
        }
        bar.set_prefix(key_type.to_string());
        Progress(Some((bar, lang)))
    }

    fn tick(&self, done: &KeySlot) {
        if let Some((bar, lang)) = &self.0 {
            bar.set_message(Made(done).text(*lang));
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some((bar, _)) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
