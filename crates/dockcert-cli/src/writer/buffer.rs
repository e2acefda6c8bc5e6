//! The buffer the zip is written through.

use std::fs::File;
use std::io::Write;

use zeroize::Zeroizing;

use dockcert_core::bundle::BundleError;

use super::early_sync::EarlySync;

/// A write buffer in front of a file, wiped when dropped: the zip writer's
/// many small writes become few system calls, and the key bytes that pass
/// through do not stay in freed memory.
pub(super) struct WipedBuffer {
    file: File,
    buffer: Zeroizing<Vec<u8>>,
    early: EarlySync,
}

impl WipedBuffer {
    const SIZE: usize = 256 * 1024;

    pub(super) fn new(file: File) -> Self {
        WipedBuffer {
            early: EarlySync::new(file.try_clone()),
            file,
            buffer: Zeroizing::new(Vec::with_capacity(Self::SIZE)),
        }
    }

    pub(super) fn finish(mut self) -> Result<File, BundleError> {
        self.flush().map_err(|e| BundleError::Zip(e.to_string()))?;
        Ok(self.file)
    }
}

impl Write for WipedBuffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.buffer.len() + bytes.len() > Self::SIZE {
            self.flush()?;
        }
        if bytes.len() >= Self::SIZE {
            let n = self.file.write(bytes)?;
            self.early.wrote(n);
            return Ok(n);
        }
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        self.file.write_all(&self.buffer)?;
        self.early.wrote(self.buffer.len());
        // Only the bytes written are wiped (not the whole capacity each
        // time), and clearing keeps the capacity: the same memory is reused
        // and wiped again on drop.
        zeroize::Zeroize::zeroize(self.buffer.as_mut_slice());
        self.buffer.clear();
        Ok(())
    }
}
