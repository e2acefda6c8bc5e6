//! The checked plan, made from the table (`settings.rs`): [`Plan`]'s and
//! [`ServerSpec`]'s fields, one for each setting's checked value, and each
//! setting's rule applied, plan-wide and per host; and what a plan is
//! asked (its keys).

use time::Date;

use super::declare::declare_checks;
use super::error::FieldError;
use super::fields;
use super::inputs::{Field, PlanRequest, ServerRequest};
use super::names::Cidr;
use super::request::{Own, Renews};
use super::settings::settings_table;
use super::spec::{
    ClientSpec, KeySlot, Listen, DEFAULT_CA_DAYS, DEFAULT_DAYS, DEFAULT_INSTALL_DIR,
    DEFAULT_LISTEN, MAX_CA_DAYS, MAX_DAYS,
};
use super::subject;
use crate::lang::Lang;
use crate::pki::{KeyType, San};

settings_table!(declare_checks);

/// A rule, as its row gives it, with its types named for the compiler.
pub(crate) fn rule<T, R>(
    rule: impl Fn(&T, Date) -> Result<R, FieldError>,
) -> impl Fn(&T, Date) -> Result<R, FieldError> {
    rule
}

/// The value, or `None` with the error kept for the report.
pub(crate) fn take<T>(errors: &mut Vec<FieldError>, result: Result<T, FieldError>) -> Option<T> {
    match result {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

/// What a [`super::Plan`] holds besides its settings.
pub(crate) struct PlanRest {
    pub(crate) days_given: bool,
    pub(crate) days_fit_ca: Option<String>,
    pub(crate) named_by_default: Vec<Field>,
    pub(crate) servers: Vec<ServerSpec>,
    pub(crate) clients: Vec<ClientSpec>,
    pub(crate) ansible: bool,
    pub(crate) lang: Lang,
    pub(crate) bundle_name: Option<String>,
    pub(crate) renews: Option<Renews>,
}

impl Plan {
    /// The keys this plan needs, in the order [`crate::bundle::KeySet`] holds
    /// them: the CA, then each server, then each client.
    pub fn key_slots(&self) -> Vec<KeySlot> {
        let mut slots = vec![KeySlot::Ca];
        slots.extend(self.leaf_key_slots());
        slots
    }

    /// The server and client keys only, for certificates signed by an
    /// existing CA: each server, then each client.
    pub fn leaf_key_slots(&self) -> Vec<KeySlot> {
        let mut slots: Vec<KeySlot> = self
            .servers
            .iter()
            .map(|s| KeySlot::Server(s.name.clone()))
            .collect();
        slots.extend(self.clients.iter().map(|c| KeySlot::Client(c.name.clone())));
        slots
    }
}
