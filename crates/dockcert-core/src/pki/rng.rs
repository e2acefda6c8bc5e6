//! The generator keys, serials and salts come from: ChaCha20 seeded from the
//! platform's RNG (the operating system, or the browser's
//! `crypto.getRandomValues`). Its state is wiped when it is dropped, as is
//! the seed: what made a key must not outlive it in memory.

use zeroize::Zeroizing;

/// A ChaCha20 generator whose state is wiped on drop.
pub type SeededRng = chacha20::ChaCha20Rng;

/// The generator for `seed` (32 bytes from the platform's RNG), which is
/// wiped when the generator holds it.
pub fn seeded_rng(seed: Zeroizing<[u8; 32]>) -> SeededRng {
    use rand_core::SeedableRng;
    SeededRng::from_seed(*seed)
}

#[cfg(test)]
mod tests {
    use rand_core::Rng;

    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_stream_and_another_seed_another() {
        let mut a = seeded_rng(Zeroizing::new([7; 32]));
        let mut b = seeded_rng(Zeroizing::new([7; 32]));
        let mut c = seeded_rng(Zeroizing::new([8; 32]));
        let (x, y, z) = (a.next_u64(), b.next_u64(), c.next_u64());
        assert_eq!(x, y);
        assert_ne!(x, z);
    }
}
