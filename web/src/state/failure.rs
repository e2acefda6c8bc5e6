//! Why making a bundle in the page failed: the core's own error, or a step
//! the browser refused (with the browser's words). Kept typed until shown,
//! then shown in the page's language.

use dockcert_core::bundle::BundleError;
use dockcert_core::pki::PkiError;
use dockcert_core::{Lang, Localized};

/// A step only the browser can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrowserStep {
    /// Finding the window or document.
    Window,
    /// `crypto.getRandomValues`.
    Random,
    /// Reaching WebCrypto.
    WebCrypto,
    /// Making an RSA key in WebCrypto.
    RsaKey,
    /// Exporting a WebCrypto key as PKCS#8.
    ExportKey,
    /// PBKDF2 in WebCrypto.
    Pbkdf2,
    /// Offering the zip for download.
    Download,
    /// Reading a picked or dropped file.
    ReadFile,
    /// Copying to the clipboard.
    Copy,
}

impl BrowserStep {
    fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (BrowserStep::Window, Lang::En) => "no browser window",
            (BrowserStep::Window, Lang::Zh) => "没有浏览器窗口",
            (BrowserStep::Random, Lang::En) => "the browser's random number generator failed",
            (BrowserStep::Random, Lang::Zh) => "浏览器的随机数生成器出错",
            (BrowserStep::WebCrypto, Lang::En) => "WebCrypto is not available",
            (BrowserStep::WebCrypto, Lang::Zh) => "WebCrypto 不可用",
            (BrowserStep::RsaKey, Lang::En) => "WebCrypto could not make an RSA key",
            (BrowserStep::RsaKey, Lang::Zh) => "WebCrypto 无法生成 RSA 密钥",
            (BrowserStep::ExportKey, Lang::En) => "WebCrypto could not export the key",
            (BrowserStep::ExportKey, Lang::Zh) => "WebCrypto 无法导出密钥",
            (BrowserStep::Pbkdf2, Lang::En) => "WebCrypto could not derive the key",
            (BrowserStep::Pbkdf2, Lang::Zh) => "WebCrypto 无法派生密钥",
            (BrowserStep::Download, Lang::En) => "could not start the download",
            (BrowserStep::Download, Lang::Zh) => "无法开始下载",
            (BrowserStep::ReadFile, Lang::En) => "the browser could not read it",
            (BrowserStep::ReadFile, Lang::Zh) => "浏览器无法读取它",
            (BrowserStep::Copy, Lang::En) => "could not copy",
            (BrowserStep::Copy, Lang::Zh) => "无法复制",
        }
    }
}

/// A browser step that failed, with what the browser said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrowserError {
    /// Which step.
    pub step: BrowserStep,
    /// The browser's own words (an exception's message), if any.
    pub detail: Option<String>,
}

impl BrowserError {
    /// `step` failed, saying `detail`.
    pub fn new(step: BrowserStep, detail: impl Into<String>) -> Self {
        BrowserError {
            step,
            detail: Some(detail.into()),
        }
    }

    /// `step` failed without a word.
    pub fn bare(step: BrowserStep) -> Self {
        BrowserError { step, detail: None }
    }
}

impl Localized for BrowserError {
    fn text(&self, lang: Lang) -> String {
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        match &self.detail {
            Some(detail) => format!("{}{colon}{detail}", self.step.text(lang)),
            None => self.step.text(lang).to_owned(),
        }
    }
}

/// Why a bundle was not made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The core refused or failed.
    Bundle(BundleError),
    /// The browser refused a step.
    Browser(BrowserError),
}

impl Localized for Failure {
    fn text(&self, lang: Lang) -> String {
        match self {
            Failure::Bundle(e) => e.text(lang),
            Failure::Browser(e) => e.text(lang),
        }
    }
}

impl From<BundleError> for Failure {
    fn from(e: BundleError) -> Self {
        Failure::Bundle(e)
    }
}

impl From<PkiError> for Failure {
    fn from(e: PkiError) -> Self {
        Failure::Bundle(BundleError::Pki(e))
    }
}

impl From<BrowserError> for Failure {
    fn from(e: BrowserError) -> Self {
        Failure::Browser(e)
    }
}
