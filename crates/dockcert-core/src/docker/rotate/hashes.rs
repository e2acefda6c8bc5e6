//! The SHA-256 of the files each phase of a rotation finds and installs,
//! as the scripts and the playbook compare them.

use std::fmt::Write;

/// The SHA-256 of each file a host or client holds, as the bundle being
/// replaced installed it (`None`: that bundle did not hold it, and the
/// script takes whatever is there) and as each phase installs it. The
/// names are the host's (`server-cert.pem`, `server-key.pem`) or the
/// client's (`cert.pem`, `key.pem`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PhaseHashes {
    /// ca.pem before phase 1.
    pub(crate) ca_old: Option<[u8; 32]>,
    /// ca.pem after phase 1: ca-both.pem.
    pub(crate) ca_both: [u8; 32],
    /// ca.pem after phase 3: the new CA alone.
    pub(crate) ca_new: [u8; 32],
    /// The certificate before phase 2.
    pub(crate) cert_old: Option<[u8; 32]>,
    /// The certificate after phase 2.
    pub(crate) cert_new: [u8; 32],
    /// The key before phase 2.
    pub(crate) key_old: Option<[u8; 32]>,
    /// The key after phase 2.
    pub(crate) key_new: [u8; 32],
}

impl PhaseHashes {
    pub(super) fn values(&self) -> [(&'static str, String); 7] {
        [
            ("@CA_OLD@", hex_or_empty(self.ca_old.as_ref())),
            ("@CA_BOTH@", hex(&self.ca_both)),
            ("@CA_NEW@", hex(&self.ca_new)),
            ("@CERT_OLD@", hex_or_empty(self.cert_old.as_ref())),
            ("@CERT_NEW@", hex(&self.cert_new)),
            ("@KEY_OLD@", hex_or_empty(self.key_old.as_ref())),
            ("@KEY_NEW@", hex(&self.key_new)),
        ]
    }
}

/// Lower-case hex, as sha256sum prints it.
pub(super) fn hex(bytes: &[u8; 32]) -> String {
    let mut text = String::with_capacity(64);
    for b in bytes {
        let _ = write!(text, "{b:02x}");
    }
    text
}

pub(super) fn hex_or_empty(bytes: Option<&[u8; 32]>) -> String {
    bytes.map(hex).unwrap_or_default()
}
