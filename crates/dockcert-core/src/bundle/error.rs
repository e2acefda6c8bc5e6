//! What can go wrong assembling a bundle once its inputs were accepted.

use crate::docker::DockerError;
use crate::lang::{localized_error, Lang, Localized};
use crate::pki::{KeyType, PkiError};
use crate::plan::KeySlot;

/// Making or packing a bundle failed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BundleError {
    /// A key or certificate could not be made.
    Pki(PkiError),
    /// A Docker file could not be written.
    Docker(DockerError),
    /// The keys handed in are not one per key slot of the plan.
    KeyCount {
        /// Keys given.
        given: usize,
        /// Keys the plan needs.
        wanted: usize,
    },
    /// A key handed in is not of the plan's key type.
    KeyTypeMismatch {
        /// Whose key.
        slot: KeySlot,
        /// Its type.
        got: KeyType,
        /// The plan's.
        wanted: KeyType,
    },
    /// A key could not be written as PEM.
    KeyEncoding {
        /// Whose key.
        slot: KeySlot,
        /// Why.
        error: PkiError,
    },
    /// The zip could not be written.
    Zip(String),
    /// A file of the bundle could not be written where it goes.
    Write {
        /// The bundle path of the file.
        path: String,
        /// Why.
        why: String,
    },
    /// manifest.json could not be written.
    Manifest(String),
    /// The zip's top folder has no name.
    TopFolderEmpty,
    /// The zip's top folder name cannot name a folder.
    TopFolder(String),
    /// A bundle whose files went to a sink as they were made holds none of
    /// them, so it cannot be laid out again (only one made in memory can).
    FilesNotHeld,
    /// `--layout dind` makes one dockerd's tree: one host and one client.
    DindNeedsOne {
        /// Hosts asked for.
        servers: usize,
        /// Clients asked for.
        clients: usize,
    },
}

impl Localized for BundleError {
    fn text(&self, lang: Lang) -> String {
        use BundleError as E;
        match (self, lang) {
            (E::Pki(e), _) => e.text(lang),
            (E::Docker(e), _) => e.text(lang),
            (E::KeyCount { given, wanted }, Lang::En) => {
                format!("the keys do not fit the plan: {given} keys for {wanted}")
            }
            (E::KeyCount { given, wanted }, Lang::Zh) => {
                format!("密钥与计划不符：需要 {wanted} 个密钥，给出了 {given} 个")
            }
            (E::KeyTypeMismatch { slot, got, wanted }, Lang::En) => {
                format!("the keys do not fit the plan: the {slot} is {got}, the plan says {wanted}")
            }
            (E::KeyTypeMismatch { slot, got, wanted }, Lang::Zh) => {
                format!("密钥与计划不符：{slot} 是 {got}，计划要求 {wanted}")
            }
            (E::KeyEncoding { slot, error }, _) => format!("{slot}: {}", error.text(lang)),
            (E::Zip(why), Lang::En) => format!("could not write the zip: {why}"),
            (E::Zip(why), Lang::Zh) => format!("无法写入 zip：{why}"),
            (E::Write { path, why }, Lang::En) => format!("could not write {path}: {why}"),
            (E::Write { path, why }, Lang::Zh) => format!("无法写入 {path}：{why}"),
            (E::Manifest(why), Lang::En) => format!("could not write manifest.json: {why}"),
            (E::Manifest(why), Lang::Zh) => format!("无法写入 manifest.json：{why}"),
            (E::TopFolderEmpty, Lang::En) => "the bundle's folder name is empty".into(),
            (E::TopFolderEmpty, Lang::Zh) => "证书包的目录名称为空".into(),
            (E::TopFolder(name), Lang::En) => format!("\"{name}\" cannot name a folder"),
            (E::TopFolder(name), Lang::Zh) => format!("\"{name}\" 不能用作目录名称"),
            (E::FilesNotHeld, Lang::En) => {
                "the bundle's files were written as they were made, so it cannot be laid out again"
                    .into()
            }
            (E::FilesNotHeld, Lang::Zh) => {
                "证书包的文件已在生成时逐个写出，无法再改为其他目录结构".into()
            }
            (E::DindNeedsOne { servers, clients }, Lang::En) => format!(
                "--layout dind: the docker:dind tree is for one dockerd and one client: give exactly one --server and one --client (given: {servers} and {clients})"
            ),
            (E::DindNeedsOne { servers, clients }, Lang::Zh) => format!(
                "--layout dind：docker:dind 目录只对应一个 dockerd 和一个客户端：请恰好给出一个 --server 和一个 --client（给出了 {servers} 个和 {clients} 个）"
            ),
        }
    }
}

localized_error!(BundleError);

impl From<PkiError> for BundleError {
    fn from(e: PkiError) -> Self {
        BundleError::Pki(e)
    }
}

impl From<DockerError> for BundleError {
    fn from(e: DockerError) -> Self {
        BundleError::Docker(e)
    }
}
