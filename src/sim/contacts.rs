//! One account's contacts, indexed: by uid, by normalised email and by phone digits, in the order
//! they were added. Every lookup the API makes is a hash probe, so it costs the same at a hundred
//! contacts and at a million; the indexes are kept exact by the only three ways a contact changes
//! (insert, replace, remove).
//!
//! Each contact is held in an `Arc` with a single owner (the ordered map), so a reader can take a
//! cheap clone under the account's lock and format the answer after releasing it, and a writer can
//! change a contact in place (`Arc::make_mut`) unless a reader is still formatting it.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::demo::ContactRecord;
use super::input::phone_digits;

/// The key an email is matched by: trimmed, ASCII letters lower-cased (the API compares emails
/// case-insensitively). `None` for a blank email, which matches nothing.
pub fn email_key(email: &str) -> Option<String> {
    let trimmed = email.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_ascii_lowercase())
}

/// The key a phone is matched by: its digits (formatting is ignored). `None` when it has no digits,
/// which matches nothing.
pub fn phone_key(phone: &str) -> Option<String> {
    let digits = phone_digits(phone);
    (!digits.is_empty()).then_some(digits)
}

/// The key a uid is matched by (uids are A–Z and 0–9; the API matches them case-insensitively).
pub fn uid_key(uid: &str) -> String {
    uid.trim().to_ascii_uppercase()
}

/// The contacts of one account and their indexes.
#[derive(Debug, Default, Clone)]
pub struct ContactIndex {
    /// Every contact by the order it was added (its sequence number); the only owner of the Arcs.
    by_order: BTreeMap<u64, Arc<ContactRecord>>,
    /// Upper-cased uid → sequence number.
    by_uid: HashMap<String, u64>,
    /// Email key → sequence numbers, ascending.
    by_email: HashMap<String, Vec<u64>>,
    /// Phone digits → sequence numbers, ascending.
    by_phone: HashMap<String, Vec<u64>>,
    next_order: u64,
}

impl ContactIndex {
    /// An index of `contacts`, in their order.
    pub fn from_records(contacts: impl IntoIterator<Item = ContactRecord>) -> Self {
        let mut index = ContactIndex::default();
        for contact in contacts {
            index.insert(contact);
        }
        index
    }

    /// How many contacts there are.
    pub fn len(&self) -> usize {
        self.by_order.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.by_order.is_empty()
    }

    /// True when a contact has this uid (compared case-insensitively).
    pub fn contains_uid(&self, uid: &str) -> bool {
        self.by_uid.contains_key(&uid_key(uid))
    }

    /// The contact with this uid.
    pub fn by_uid(&self, uid: &str) -> Option<&Arc<ContactRecord>> {
        let order = self.by_uid.get(&uid_key(uid))?;
        self.by_order.get(order)
    }

    /// The contacts with this email (case-insensitive), oldest first.
    pub fn by_email(&self, email: &str) -> Vec<&Arc<ContactRecord>> {
        email_key(email).map_or_else(Vec::new, |key| self.collect(self.by_email.get(&key)))
    }

    /// The contacts with this phone (by digits), oldest first.
    pub fn by_phone(&self, phone: &str) -> Vec<&Arc<ContactRecord>> {
        phone_key(phone).map_or_else(Vec::new, |key| self.collect(self.by_phone.get(&key)))
    }

    fn collect(&self, orders: Option<&Vec<u64>>) -> Vec<&Arc<ContactRecord>> {
        orders
            .into_iter()
            .flatten()
            .filter_map(|order| self.by_order.get(order))
            .collect()
    }

    /// Every contact, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = &Arc<ContactRecord>> {
        self.by_order.values()
    }

    /// Adds a contact after all others. Its uid must be new (the caller checks; a duplicate
    /// replaces nothing and is refused).
    pub fn insert(&mut self, contact: ContactRecord) -> bool {
        let uid = uid_key(&contact.uid);
        if self.by_uid.contains_key(&uid) {
            return false;
        }
        let order = self.next_order;
        self.next_order += 1;
        self.by_uid.insert(uid, order);
        self.index_reach(order, contact.email.as_deref(), contact.phone.as_deref());
        self.by_order.insert(order, Arc::new(contact));
        true
    }

    /// Changes the contact with this uid in place, keeping the email and phone indexes true to the
    /// result. `None` when no contact has the uid. The uid itself must not be changed.
    pub fn update<R>(
        &mut self,
        uid: &str,
        change: impl FnOnce(&mut ContactRecord) -> R,
    ) -> Option<R> {
        let order = *self.by_uid.get(&uid_key(uid))?;
        let slot = self.by_order.get_mut(&order)?;
        let before = (slot.email.clone(), slot.phone.clone());
        let contact = Arc::make_mut(slot);
        let result = change(contact);
        let after = (contact.email.clone(), contact.phone.clone());
        if before != after {
            self.unindex_reach(order, before.0.as_deref(), before.1.as_deref());
            self.index_reach(order, after.0.as_deref(), after.1.as_deref());
        }
        Some(result)
    }

    /// Removes the contact with this uid; returns it.
    pub fn remove(&mut self, uid: &str) -> Option<Arc<ContactRecord>> {
        let order = self.by_uid.remove(&uid_key(uid))?;
        let contact = self.by_order.remove(&order)?;
        self.unindex_reach(order, contact.email.as_deref(), contact.phone.as_deref());
        Some(contact)
    }

    /// Files the contact at `order` under its email and phone keys.
    fn index_reach(&mut self, order: u64, email: Option<&str>, phone: Option<&str>) {
        if let Some(key) = email.and_then(email_key) {
            add_order(self.by_email.entry(key).or_default(), order);
        }
        if let Some(key) = phone.and_then(phone_key) {
            add_order(self.by_phone.entry(key).or_default(), order);
        }
    }

    /// Takes the contact at `order` out from under its (former) email and phone keys.
    fn unindex_reach(&mut self, order: u64, email: Option<&str>, phone: Option<&str>) {
        if let Some(key) = email.and_then(email_key) {
            remove_order(&mut self.by_email, &key, order);
        }
        if let Some(key) = phone.and_then(phone_key) {
            remove_order(&mut self.by_phone, &key, order);
        }
    }
}

/// Adds `order` to an ascending list (new contacts come last, so this is usually a push).
fn add_order(orders: &mut Vec<u64>, order: u64) {
    if let Err(at) = orders.binary_search(&order) {
        orders.insert(at, order);
    }
}

/// Removes `order` from the list under `key`, dropping the key when nothing is left, so the maps
/// hold no empty entries however many contacts come and go.
fn remove_order(map: &mut HashMap<String, Vec<u64>>, key: &str, order: u64) {
    if let Some(orders) = map.get_mut(key) {
        if let Ok(at) = orders.binary_search(&order) {
            orders.remove(at);
        }
        if orders.is_empty() {
            map.remove(key);
        }
    }
}

#[cfg(test)]
mod tests;
