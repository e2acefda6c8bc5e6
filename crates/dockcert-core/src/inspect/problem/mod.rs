//! What inspect finds, as data: one variant per kind of problem, with the
//! facts it is about (the file, the name, the date, how many). Each has a
//! stable code for scripts and `--json`, and a severity (`code.rs`); its
//! words, in English and Chinese, are in [`super::words`].

mod code;
mod facts;
mod inventory;

pub use facts::{Listed, Named, Side};
pub use inventory::InventoryFinding;

use time::OffsetDateTime;

use super::input::Skipped;
use super::verify::{Refusal, Risk};
use crate::import::{ForeignKey, ImportError};
use crate::pki::RsaTooLarge;

/// One problem inspect found, with its facts. The paths and names in it are
/// as read; [`super::Finding`] makes them safe where they are shown.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// A file given was not read.
    NotRead(Skipped),
    /// Not a readable X.509 certificate; the parser's reason.
    BadCertificate {
        /// The file.
        path: String,
        /// Why, as the parser said.
        why: String,
    },
    /// A certificate's or key's RSA numbers are too long to read.
    KeyTooLarge {
        /// The file.
        path: String,
        /// How long its numbers are.
        too_large: RsaTooLarge,
    },
    /// Expired on `on`.
    Expired {
        /// The file.
        path: String,
        /// The day.
        on: OffsetDateTime,
    },
    /// Not valid until `from`.
    NotYetValid {
        /// The file.
        path: String,
        /// When it starts.
        from: OffsetDateTime,
    },
    /// Expires within 30 days.
    ExpiresSoon {
        /// The file.
        path: String,
        /// Days left.
        days: i64,
        /// The day.
        on: OffsetDateTime,
    },
    /// Used as the CA but not one (no CA:TRUE).
    NotACa {
        /// The file.
        path: String,
    },
    /// A CA whose keyUsage lacks keyCertSign.
    CaCannotSign {
        /// The file.
        path: String,
    },
    /// A certificate of no known role without extendedKeyUsage.
    NoEku {
        /// The file.
        path: String,
    },
    /// A host's or client's certificate without extendedKeyUsage.
    LeafWithoutEku {
        /// The file.
        path: String,
        /// Whose certificate it is.
        side: Side,
    },
    /// A host's or client's certificate whose extendedKeyUsage lacks its side's.
    WrongEku {
        /// The file.
        path: String,
        /// Whose certificate it is.
        side: Side,
    },
    /// A host's or client's certificate that allows the other side too.
    ExtraEku {
        /// The file.
        path: String,
        /// Whose certificate it is.
        side: Side,
    },
    /// An RSA key shorter than 2048 bits.
    WeakKey {
        /// The file.
        path: String,
        /// Its length.
        bits: usize,
    },
    /// Signed with a hash Go refuses ("MD5", "SHA-1").
    WeakSignature {
        /// The file.
        path: String,
        /// The hash.
        hash: &'static str,
    },
    /// A host's certificate naming its host only in the Common Name `cn`.
    ServerNoSan {
        /// The file.
        path: String,
        /// Its Common Name.
        cn: String,
    },
    /// A SAN ending with a dot.
    SanTrailingDot {
        /// The file.
        path: String,
        /// The SAN.
        san: String,
    },
    /// A host's certificate that does not cover `host`: the names it is
    /// valid for, and whether `host` is an address and it has no address SAN.
    HostNotCovered {
        /// The file.
        path: String,
        /// The name or address clients dial.
        host: String,
        /// What it is valid for.
        valid: Vec<String>,
        /// `host` is an address and it has no address SAN.
        no_ip_sans: bool,
    },
    /// `--host` given with several hosts' certificates: those not for `host` (neither
    /// in `server/HOST/` nor naming it as Go matches), judged on their own names instead.
    HostSkipped {
        /// The name or address asked for.
        host: String,
        /// The certificates not judged against it.
        files: Listed<String>,
    },
    /// docker refuses a leaf's chain for a reason no finding above words: the judge's
    /// ([`crate::inspect::verify`]) refusal, in docker's words and dockcert's.
    Refused {
        /// The leaf's file.
        path: String,
        /// Why docker refuses it.
        refusal: Refusal,
    },
    /// docker accepts a leaf's chain today, but the judge found what is still wrong with it.
    Accepted {
        /// The file of the certificate it is about.
        path: String,
        /// What is wrong.
        risk: Risk,
    },
    /// A leaf that signed itself.
    SelfSigned {
        /// The file.
        path: String,
    },
    /// A leaf issued by `issuer`, none of `cas`.
    IssuedByOther {
        /// The file.
        path: String,
        /// Its issuer's name.
        issuer: String,
        /// The CAs it was judged against.
        cas: Listed<Named>,
    },
    /// A leaf naming `ca`'s subject as issuer that `ca`'s key did not sign.
    NotSignedBy {
        /// The file.
        path: String,
        /// Its issuer's name.
        issuer: String,
        /// The CA.
        ca: String,
    },
    /// Leaves (with their issuers) issued by none of `cas`.
    NoneIssued {
        /// The leaves, with their issuers.
        leaves: Listed<Named>,
        /// The CAs it was judged against.
        cas: Listed<Named>,
    },
    /// Leaves naming the CA `ca` as issuer that its key signed none of.
    NoneSigned {
        /// The CA.
        ca: Named,
        /// The leaves, with their issuers.
        leaves: Listed<Named>,
    },
    /// Key files not read for want of the run's budget; the first of them.
    KeysNotRead {
        /// The first file.
        first: String,
        /// How many files.
        count: usize,
    },
    /// Leaves whose signature was not checked for want of the run's budget.
    SignaturesNotChecked {
        /// The first file.
        first: String,
        /// How many files.
        count: usize,
    },
    /// A host's or client's key, encrypted.
    LeafKeyEncrypted {
        /// The file.
        path: String,
    },
    /// The CA key, unencrypted.
    CaKeyUnencrypted {
        /// The file.
        path: String,
    },
    /// A key of a kind dockcert does not read.
    UnsupportedKey {
        /// The file.
        path: String,
        /// What it is.
        what: ForeignKey,
    },
    /// Not a readable key.
    BadKey {
        /// The file.
        path: String,
        /// Why, as the parser said.
        why: ImportError,
    },
    /// A private key others may read.
    KeyReadable {
        /// The file.
        path: String,
        /// Its mode.
        mode: u32,
    },
    /// A key that is not the one of the certificate `cert` beside it.
    KeyMismatch {
        /// The file.
        path: String,
        /// The certificate beside it.
        cert: String,
    },
    /// A key of none of the certificates given.
    KeyOrphan {
        /// The file.
        path: String,
    },
    /// daemon.json that is not JSON: where, and the parser's reason.
    DaemonJsonInvalid {
        /// The file.
        path: String,
        /// The line of the mistake, from 1 (0: none).
        line: usize,
        /// Its column, from 1.
        column: usize,
        /// Why, as the parser said.
        why: String,
    },
    /// daemon.json listening on TCP without tlsverify.
    TcpWithoutTlsverify {
        /// The file.
        path: String,
        /// The TCP addresses.
        listeners: Vec<String>,
    },
    /// daemon.json serving TLS on port 2375.
    TlsOn2375 {
        /// The file.
        path: String,
        /// The address.
        listener: String,
    },
    /// daemon.json with tlsverify but without the setting `key`.
    TlsFileUnset {
        /// The file.
        path: String,
        /// The setting.
        key: &'static str,
    },
    /// daemon.json naming a file not among those inspected.
    TlsFileElsewhere {
        /// The file.
        path: String,
        /// The file it names.
        named: String,
    },
    /// daemon.json files setting "hosts" while `unit` starts dockerd with -H.
    HostsConflict {
        /// The daemon.json files.
        files: Listed<String>,
        /// The unit that starts dockerd.
        unit: String,
        /// Its command.
        command: String,
    },
    /// A file whose SHA-256 is not the one in `manifest`.
    ChangedSinceMade {
        /// The file.
        path: String,
        /// The manifest.json.
        manifest: String,
    },
    /// A file whose mode is not the one the bundle gave it.
    ModeChanged {
        /// The file.
        path: String,
        /// Its mode.
        mode: u32,
        /// The mode the bundle gave it.
        promised: u32,
    },
    /// A manifest listing files more than once.
    ManifestRepeats {
        /// The file.
        path: String,
        /// How many repeated entries.
        repeated: usize,
    },
    /// Findings about Dockerfiles and compose files not listed.
    ImagesNotListed {
        /// Errors not listed.
        errors: usize,
        /// Warnings not listed.
        warnings: usize,
        /// The most listed.
        most: usize,
    },
    /// Dockerfiles not checked to the end: the first, how many others, the steps spent.
    ImagesNotChecked {
        /// The file.
        path: String,
        /// Other Dockerfiles not checked.
        others: usize,
        /// The steps spent.
        steps: u64,
    },
    /// A compose file mounting the CA key, at `line` (from 1): `item`.
    ComposeMountsCaKey {
        /// The file.
        path: String,
        /// The line, from 1.
        line: usize,
        /// The line, shortened.
        item: String,
    },
    /// A compose file mounting the private key `source`.
    ComposeMountsKey {
        /// The file.
        path: String,
        /// The line, from 1.
        line: usize,
        /// The line, shortened.
        item: String,
        /// The key, shortened.
        source: String,
    },
    /// A Dockerfile's `instruction` copying keys by name (the CA key among them: `ca_key`).
    DockerfileCopiesKey {
        /// The file.
        path: String,
        /// The instruction, shortened.
        instruction: String,
        /// The keys, shortened.
        keys: Listed<String>,
        /// The CA key is among them.
        ca_key: bool,
    },
    /// A Dockerfile's `instruction` copying build-context keys no rule of `ignore_path` keeps out.
    DockerfileCopiesContextKey {
        /// The file.
        path: String,
        /// The instruction, shortened.
        instruction: String,
        /// The keys, shortened.
        keys: Listed<String>,
        /// The .dockerignore that applies.
        ignore_path: String,
    },
    /// Keys in a Dockerfile's build context that no rule of `ignore_path` keeps out.
    BuildContextKey {
        /// The file.
        path: String,
        /// The keys, shortened.
        keys: Listed<String>,
        /// The .dockerignore that applies.
        ignore_path: String,
    },
    /// About a CA's inventory (`inventory.jsonl`).
    Inventory(InventoryFinding),
}
