//! The keys a bundle is made with, in the plan's key-slot order: each face
//! makes them its own way (the CLI on every core, the page in WebCrypto) and
//! hands them in here.

use rand_core::CryptoRng;

use super::error::BundleError;
use crate::pki::PrivateKey;
use crate::plan::Plan;

/// The server and client keys, in plan order.
#[derive(Clone, Debug)]
pub struct LeafKeys {
    /// One key per server.
    pub servers: Vec<PrivateKey>,
    /// One key per client.
    pub clients: Vec<PrivateKey>,
}

impl LeafKeys {
    /// Assembles keys made slot by slot, in [`Plan::leaf_key_slots`] order.
    pub fn from_slots(plan: &Plan, keys: Vec<PrivateKey>) -> Result<Self, BundleError> {
        check_slots(plan, &plan.leaf_key_slots(), &keys)?;
        let mut keys = keys.into_iter();
        let servers = keys.by_ref().take(plan.servers.len()).collect();
        Ok(LeafKeys {
            servers,
            clients: keys.collect(),
        })
    }
}

/// The keys for a plan, in [`Plan::key_slots`] order.
#[derive(Clone, Debug)]
pub struct KeySet {
    /// The CA's key.
    pub ca: PrivateKey,
    /// One key per server, in plan order.
    pub servers: Vec<PrivateKey>,
    /// One key per client, in plan order.
    pub clients: Vec<PrivateKey>,
}

impl KeySet {
    /// Makes every key one after another. Callers with threads or WebCrypto
    /// make them in parallel instead, slot by slot, and use [`KeySet::from_slots`].
    pub fn generate<R: CryptoRng + ?Sized>(plan: &Plan, rng: &mut R) -> Result<Self, BundleError> {
        let keys = plan
            .key_slots()
            .iter()
            .map(|_| PrivateKey::generate(plan.key_type, rng))
            .collect::<Result<Vec<_>, _>>()?;
        KeySet::from_slots(plan, keys)
    }

    /// Assembles keys made slot by slot, in [`Plan::key_slots`] order.
    pub fn from_slots(plan: &Plan, keys: Vec<PrivateKey>) -> Result<Self, BundleError> {
        check_slots(plan, &plan.key_slots(), &keys)?;
        let mut keys = keys.into_iter();
        let ca = keys.next().ok_or(BundleError::KeyCount {
            given: 0,
            wanted: 1,
        })?;
        let servers = keys.by_ref().take(plan.servers.len()).collect();
        let clients = keys.collect();
        Ok(KeySet {
            ca,
            servers,
            clients,
        })
    }
}

/// One key per slot, each of the plan's type.
fn check_slots(
    plan: &Plan,
    slots: &[crate::plan::KeySlot],
    keys: &[PrivateKey],
) -> Result<(), BundleError> {
    if keys.len() != slots.len() {
        return Err(BundleError::KeyCount {
            given: keys.len(),
            wanted: slots.len(),
        });
    }
    match slots
        .iter()
        .zip(keys)
        .find(|(_, k)| k.key_type() != plan.key_type)
    {
        Some((slot, key)) => Err(BundleError::KeyTypeMismatch {
            slot: slot.clone(),
            got: key.key_type(),
            wanted: plan.key_type,
        }),
        None => Ok(()),
    }
}
