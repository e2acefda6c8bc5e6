//! Making the plan's keys on every core. RSA keys cost around a second each
//! (the prime search), so they are spread over worker threads, each with its
//! own ChaCha20 generator seeded from the operating system. On a terminal a
//! progress bar shows them arrive.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use dockcert_core::keys::{KeyType, PrivateKey};
use dockcert_core::plan::KeySlot;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

use crate::failure::Failure;

/// A ChaCha20 generator seeded from the operating system's RNG.
pub fn os_seeded_rng() -> Result<ChaCha20Rng, Failure> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| {
        Failure::run(format!(
            "the operating system's random number generator failed: {e}"
        ))
    })?;
    Ok(ChaCha20Rng::from_seed(seed))
}

/// Makes a key of `key_type` for every slot, in parallel, in slot order.
pub fn generate(slots: &[KeySlot], key_type: KeyType) -> Result<Vec<PrivateKey>, Failure> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(slots.len())
        .max(1);
    let progress = Progress::new(key_type, slots.len());
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<PrivateKey, String>>>> =
        Mutex::new((0..slots.len()).map(|_| None).collect());

    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let mut rng = match os_seeded_rng() {
                    Ok(rng) => rng,
                    Err(e) => {
                        store(
                            &results,
                            next.fetch_add(1, Ordering::Relaxed),
                            Err(e.message().to_owned()),
                        );
                        return;
                    }
                };
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= slots.len() {
                        break;
                    }
                    let key = PrivateKey::generate(key_type, &mut rng)
                        .map_err(|e| format!("{}: {e}", slots[i]));
                    store(&results, i, key);
                    progress.tick(&slots[i].to_string());
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
