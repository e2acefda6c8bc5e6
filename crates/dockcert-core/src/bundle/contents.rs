//! What a bundle is: its files (with their kinds and so their names and
//! modes), its certificates' facts, its warnings, where its CA came from;
//! one [`Bundle`] type for both faces, holding its files' bytes only when
//! they went into it. [`Listing`] lists the files as they are made.

use std::fmt;

use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::error::BundleError;
use super::layout::{FileKind, Folder};
use super::warnings::Warning;
use crate::pki::{CertInfo, DerivedKey, Passphrase};
use crate::plan::Plan;

/// How the CA key is written.
#[derive(Clone, Debug)]
pub enum CaKeyProtection {
    /// Encrypted with this passphrase (the default, and the advice).
    Passphrase(Passphrase),
    /// Encrypted with a key already derived from the passphrase (the page
    /// derives it with WebCrypto's native PBKDF2).
    Derived(DerivedKey),
    /// In the clear, by explicit choice (`--no-passphrase`).
    Unencrypted,
}

/// Where a bundle's CA came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaSource {
    /// Made with the bundle; its key is `ca/ca-key.pem`.
    New {
        /// Whether that key is encrypted.
        encrypted: bool,
    },
    /// An existing CA (`dockcert issue`, `renew`); its key is not in the bundle.
    Existing,
}

/// One file of the bundle.
#[derive(Clone)]
pub struct BundleFile {
    /// Path relative to the top of the bundle, with `/` separators.
    pub path: String,
    /// What it is; its mode and purpose come from [`FileKind::spec`].
    pub kind: FileKind,
    /// Its contents, wiped from memory on drop (some are keys).
    pub contents: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for BundleFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BundleFile")
            .field("path", &self.path)
            .field("kind", &self.kind)
            .field("len", &self.contents.len())
            .finish()
    }
}

impl BundleFile {
    /// The file of `kind` in `folder`, holding `contents`.
    pub fn new(folder: Folder, kind: FileKind, contents: &[u8]) -> Self {
        BundleFile {
            path: folder.path_of(kind),
            kind,
            contents: Zeroizing::new(contents.to_vec()),
        }
    }

    /// The file of `kind` in `folder`, holding `text` (taken, not copied:
    /// a fleet's README.txt and manifest.json are tens of megabytes).
    pub fn text(folder: Folder, kind: FileKind, text: String) -> Self {
        BundleFile {
            path: folder.path_of(kind),
            kind,
            contents: Zeroizing::new(text.into_bytes()),
        }
    }

    /// The file of `kind` named `name` in `folder` (a file made per host).
    pub fn named(folder: Folder, kind: FileKind, name: &str, contents: &[u8]) -> Self {
        BundleFile {
            path: folder.path_named(name),
            kind,
            contents: Zeroizing::new(contents.to_vec()),
        }
    }

    /// The file's Unix mode.
    pub fn mode(&self) -> u32 {
        self.kind.spec().mode
    }
}

/// What is known of a file once it is written: where, what, how big, and its
/// SHA-256 (what README.txt and manifest.json list), without its contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileFacts {
    /// Path relative to the top of the bundle, with `/` separators.
    pub path: String,
    /// What it is.
    pub kind: FileKind,
    /// Its size in bytes.
    pub size: usize,
    /// The SHA-256 of its contents.
    pub sha256: [u8; 32],
}

impl FileFacts {
    /// The facts of `file`.
    pub fn of(file: &BundleFile) -> Self {
        FileFacts {
            path: file.path.clone(),
            kind: file.kind,
            size: file.contents.len(),
            sha256: Sha256::digest(file.contents.as_slice()).into(),
        }
    }

    /// The file's Unix mode.
    pub fn mode(&self) -> u32 {
        self.kind.spec().mode
    }
}

/// Where a bundle's files go as they are made, one at a time: straight
/// into a zip or a folder (the CLI, so a fleet of 10,000 hosts is never all
/// in memory), through [`FilesTo::Sink`].
pub trait FileSink {
    /// Takes `file`; an error stops the bundle.
    fn put(&mut self, file: BundleFile) -> Result<(), BundleError>;
}

/// Where the files of a bundle being made go.
pub enum FilesTo<'a> {
    /// Into the [`Bundle`], contents and all: the page, which zips it, and a
    /// bundle laid out again ([`super::Layout::arrange`]).
    Bundle,
    /// Into the sink, each as soon as it is made; the [`Bundle`] keeps only
    /// their facts.
    Sink(&'a mut dyn FileSink),
}

/// A certificate in the bundle and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleCert {
    /// The bundle path of its PEM.
    pub path: String,
    /// Facts about it.
    pub info: CertInfo,
}

/// A made bundle, as both faces hold it: what it was made from, every
/// file's facts (README.txt and manifest.json first), its certificates and
/// warnings, and, when its files went into it ([`FilesTo::Bundle`], the
/// page), their contents. A bundle whose files went to a [`FileSink`] (the
/// CLI) keeps no file's bytes.
///
/// Questions about its layout (is it a dind tree? what next, and in which
/// folder?) are asked of it in `arrange.rs`.
#[derive(Clone, Debug)]
pub struct Bundle {
    /// The plan it was made from.
    pub plan: Plan,
    /// When it was made.
    pub created: OffsetDateTime,
    /// Where the CA came from, and whether its key is in the bundle.
    pub ca_source: CaSource,
    /// The CA certificate, then each server's, then each client's.
    pub certificates: Vec<BundleCert>,
    /// Things the user must know (an unencrypted CA key, for one).
    pub warnings: Vec<Warning>,
    /// Every file's facts, README.txt and manifest.json first.
    files: Vec<FileFacts>,
    /// The files' contents, one per file in the order of `files`, when kept.
    contents: Contents,
}

impl Bundle {
    /// The bundle whose files are not listed yet: what README.txt and
    /// manifest.json say of it besides its files. [`Bundle::listed`] lists them.
    pub(crate) fn unlisted(
        plan: Plan,
        created: OffsetDateTime,
        ca_source: CaSource,
        certificates: Vec<BundleCert>,
        warnings: Vec<Warning>,
    ) -> Bundle {
        Bundle {
            plan,
            created,
            ca_source,
            certificates,
            warnings,
            files: Vec::new(),
            contents: Contents(None),
        }
    }

    /// This bundle with the files of `listing`: README.txt and
    /// manifest.json, which describe the rest and so were made last, first.
    pub(crate) fn listed(self, listing: Listing<'_>) -> Bundle {
        let Listing {
            to,
            described,
            rest,
        } = listing;
        let kept = matches!(to, FilesTo::Bundle);
        let mut files = Vec::with_capacity(described.facts.len() + rest.facts.len());
        files.extend(described.facts);
        files.extend(rest.facts);
        let contents = kept.then(|| {
            let mut contents = Vec::with_capacity(files.len());
            contents.extend(described.contents);
            contents.extend(rest.contents);
            contents
        });
        Bundle {
            files,
            contents: Contents(contents),
            ..self
        }
    }

    /// The CA certificate's facts.
    pub fn ca(&self) -> Option<&CertInfo> {
        self.certificates.first().map(|c| &c.info)
    }

    /// Every file's facts, README.txt and manifest.json first.
    pub fn files(&self) -> &[FileFacts] {
        &self.files
    }

    /// The facts of the file at `path`, if any.
    pub fn file(&self, path: &str) -> Option<&FileFacts> {
        self.files.iter().find(|f| f.path == path)
    }

    /// The contents of the file at `path`, if the bundle holds it and kept
    /// its files' contents.
    pub fn contents(&self, path: &str) -> Option<&[u8]> {
        let at = self.files.iter().position(|f| f.path == path)?;
        self.contents.0.as_ref()?.get(at).map(|c| c.as_slice())
    }

    /// Every file with its contents, README.txt and manifest.json first;
    /// none if its files went to a [`FileSink`].
    pub fn with_contents(&self) -> impl Iterator<Item = (&FileFacts, &[u8])> {
        let contents = self.contents.0.as_deref().unwrap_or_default();
        self.files
            .iter()
            .zip(contents)
            .map(|(f, c)| (f, c.as_slice()))
    }

    /// Whether it holds its files' contents (made with [`FilesTo::Bundle`]).
    pub fn has_contents(&self) -> bool {
        self.contents.0.is_some()
    }
}

/// The files' contents: wiped on drop, and never shown by `Debug` (some
/// are keys).
#[derive(Clone)]
struct Contents(Option<Vec<Zeroizing<Vec<u8>>>>);

impl fmt::Debug for Contents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(files) => write!(f, "{} files' contents", files.len()),
            None => f.write_str("not kept"),
        }
    }
}

/// The files of a bundle as they are made: each goes where [`FilesTo`]
/// says, and its facts (with its contents, when the bundle keeps them) are
/// listed. README.txt and manifest.json, made last, are listed apart, to
/// come first.
pub(crate) struct Listing<'a> {
    to: FilesTo<'a>,
    described: Listed,
    rest: Listed,
}

/// Files listed: their facts, and their contents when kept.
#[derive(Default)]
struct Listed {
    facts: Vec<FileFacts>,
    contents: Vec<Zeroizing<Vec<u8>>>,
}

impl Listed {
    /// Lists `file` (whose facts are `facts`) and puts it where `to` says.
    fn add(
        &mut self,
        facts: FileFacts,
        file: BundleFile,
        to: &mut FilesTo<'_>,
    ) -> Result<(), BundleError> {
        self.facts.push(facts);
        match to {
            FilesTo::Bundle => {
                self.contents.push(file.contents);
                Ok(())
            }
            FilesTo::Sink(sink) => sink.put(file),
        }
    }
}

impl<'a> Listing<'a> {
    /// Nothing listed yet; the files go where `to` says.
    pub(crate) fn new(to: FilesTo<'a>) -> Self {
        Listing {
            to,
            described: Listed::default(),
            rest: Listed::default(),
        }
    }

    /// Lists `file` and puts it where it goes.
    pub(crate) fn put(&mut self, file: BundleFile) -> Result<(), BundleError> {
        let facts = FileFacts::of(&file);
        self.rest.add(facts, file, &mut self.to)
    }

    /// Lists README.txt (`readme`), then manifest.json, which `manifest`
    /// makes from README.txt's facts and every other file's: both are made
    /// last, as they describe the rest, and listed first. Into a sink,
    /// README.txt is gone before the manifest is made (each is tens of
    /// megabytes for a fleet).
    pub(crate) fn describe(
        &mut self,
        readme: String,
        manifest: impl FnOnce(&FileFacts, &[FileFacts]) -> Result<String, BundleError>,
    ) -> Result<(), BundleError> {
        let readme = BundleFile::text(Folder::Top, FileKind::Readme, readme);
        let readme_facts = FileFacts::of(&readme);
        self.described
            .add(readme_facts.clone(), readme, &mut self.to)?;
        let manifest = manifest(&readme_facts, &self.rest.facts)?;
        let manifest = BundleFile::text(Folder::Top, FileKind::Manifest, manifest);
        let facts = FileFacts::of(&manifest);
        self.described.add(facts, manifest, &mut self.to)
    }

    /// The facts of every file listed but README.txt and manifest.json.
    pub(crate) fn rest(&self) -> &[FileFacts] {
        &self.rest.facts
    }
}

#[cfg(test)]
mod tests {
    use crate::bundle::tests_support::{one_of_each, plain};

    #[test]
    fn a_held_bundle_shows_no_file_contents_when_debugged() {
        let b = plain(&one_of_each());
        let key = std::str::from_utf8(b.contents("client/alice/key.pem").unwrap()).unwrap();
        let secret = key.lines().nth(1).unwrap();
        let shown = format!("{b:?}");
        assert!(!shown.contains(secret), "{shown}");
        assert!(shown.contains("client/alice/key.pem"));
        assert!(shown.contains(&format!("{} files' contents", b.files().len())));
    }
}
