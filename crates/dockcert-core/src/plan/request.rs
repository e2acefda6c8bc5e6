//! The raw inputs, as text, exactly as the user typed them: what both faces
//! gather (the CLI from its flags and a fleet file, the page from its form)
//! and hand to [`super::Plan::from_request`]. [`super::PlanRequest`] and
//! [`super::ServerRequest`] are made from the table in `settings.rs` (a
//! field for each setting) in `inputs.rs`; here is what their fields are
//! made of: the text typed for a setting ([`Typed`]), a host's own
//! ([`Own`]), what the plan is for and an existing CA's lifetime.

use time::OffsetDateTime;

/// What was typed for one setting: `Option<String>` for a single value
/// (`None`: not given, use the default; `Some("")`: an empty input and an
/// error), `Vec<String>` for a list (empty: not given).
pub(crate) trait Typed: Clone {
    /// Whether anything was given.
    fn given(&self) -> bool;
    /// The values typed: the last one for a single value, each for a list.
    fn typed(values: Vec<String>) -> Self;
}

impl Typed for Option<String> {
    fn given(&self) -> bool {
        self.is_some()
    }
    fn typed(mut values: Vec<String>) -> Self {
        values.pop()
    }
}

impl Typed for Vec<String> {
    fn given(&self) -> bool {
        !self.is_empty()
    }
    fn typed(values: Vec<String>) -> Self {
        values
    }
}

impl Typed for Option<Vec<String>> {
    fn given(&self) -> bool {
        self.as_ref().is_some_and(Typed::given)
    }
    fn typed(values: Vec<String>) -> Self {
        Some(values)
    }
}

/// What a host's own setting (a `[[host]]` key of a fleet file) holds, as
/// the plan-wide text `T` its rule reads, when the host sets it.
pub(crate) trait Own<T> {
    /// The host's own text, if it has one.
    fn own(&self) -> Option<T>;
}

impl Own<Option<String>> for Option<String> {
    fn own(&self) -> Option<Option<String>> {
        self.as_ref().map(|text| Some(text.clone()))
    }
}

impl Own<Vec<String>> for Option<Vec<String>> {
    fn own(&self) -> Option<Vec<String>> {
        self.clone()
    }
}

/// What a plan is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Purpose {
    /// `dockcert new`: a new CA, at least one host, and a client named
    /// "client" when none is given.
    #[default]
    NewCa,
    /// `dockcert issue` and `renew`: certificates from an existing CA; hosts
    /// and clients as given, at least one of either.
    ExistingCa,
}

/// An existing CA's end, and the moment its new certificates start (the
/// `now` the bundle is signed with), for [`super::PlanRequest::ca_lifetime`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaLifetime {
    /// The CA certificate's notAfter.
    pub ends: OffsetDateTime,
    /// When the new certificates start.
    pub now: OffsetDateTime,
}

/// The one certificate a renewal replaces, for [`super::PlanRequest::renews`]:
/// the SHA-256 of its DER (its SHA-256 fingerprint, as `openssl x509
/// -fingerprint -sha256` prints it), so that the renewal's install.sh
/// replaces it, and its key, without `--force`. The DER, not the file:
/// the file on the host is the one the old bundle's install.sh copied, but
/// `renew` may be handed the same certificate in DER, or as PEM wrapped or
/// ended otherwise (CRLF, text before the block); every encoding of one
/// certificate has one DER, and install.sh reads it from the host's PEM
/// with awk, `base64 -d` and `sha256sum`, no openssl needed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Renews {
    /// The SHA-256 of the renewed certificate's DER.
    pub der_sha256: [u8; 32],
}
