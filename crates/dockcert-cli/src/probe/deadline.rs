//! The one deadline of a whole probe.

use std::io;
use std::time::{Duration, Instant};

/// The one deadline of a whole probe: the name lookup, every connection,
/// handshake and answer share it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Deadline {
    at: Instant,
    seconds: u64,
}

impl Deadline {
    /// `seconds` from now.
    pub(super) fn after(seconds: u64) -> Deadline {
        Deadline {
            at: Instant::now() + Duration::from_secs(seconds),
            seconds,
        }
    }

    /// The time left (zero once passed).
    pub(super) fn left(self) -> Duration {
        self.at.saturating_duration_since(Instant::now())
    }

    /// Whether it has passed.
    pub(super) fn passed(self) -> bool {
        self.left().is_zero()
    }

    /// The whole probe's time, in seconds.
    pub(super) fn seconds(self) -> u64 {
        self.seconds
    }

    /// The time left, or a timeout error once there is none.
    pub(super) fn remaining(self) -> io::Result<Duration> {
        let left = self.left();
        if left.is_zero() {
            Err(io::Error::new(io::ErrorKind::TimedOut, "timed out"))
        } else {
            Ok(left)
        }
    }
}
