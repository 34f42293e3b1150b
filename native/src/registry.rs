//! The patterns and word lists the Python rules define, handed over once by
//! `kg/extract/native.py` (`configure`): the Python modules stay their one source.

use std::collections::{HashMap, HashSet};

use rustc_hash::FxBuildHasher;
use std::sync::{Arc, RwLock};

use crate::pyre::Rx;

/// A dict as configured: its name and its (key, values) pairs
pub type MapEntry = (String, Vec<(String, Vec<String>)>);

/// A word set as the twins read it (a fast hash: the keys are short words)
pub type WordSet = HashSet<String, FxBuildHasher>;
/// A dict as the twins read it
pub type WordMap = HashMap<String, Vec<String>, FxBuildHasher>;

#[derive(Default)]
pub struct Registry {
    patterns: HashMap<String, Rx, FxBuildHasher>,
    words: HashMap<String, WordSet, FxBuildHasher>,
    seqs: HashMap<String, Vec<String>, FxBuildHasher>,
    maps: HashMap<String, WordMap, FxBuildHasher>,
}

static REGISTRY: RwLock<Option<Arc<Registry>>> = RwLock::new(None);

impl Registry {
    /// Compiles every pattern; the names of those that failed, with the error.
    pub fn build(
        patterns: Vec<(String, String, u32)>,
        words: Vec<(String, Vec<String>)>,
        seqs: Vec<(String, Vec<String>)>,
        maps: Vec<MapEntry>,
    ) -> (Registry, Vec<(String, String)>) {
        let mut reg = Registry::default();
        let mut failed = Vec::new();
        for (name, pattern, flags) in patterns {
            match Rx::new(&pattern, flags) {
                Ok(rx) => {
                    reg.patterns.insert(name, rx);
                }
                Err(e) => failed.push((name, e)),
            }
        }
        for (name, list) in words {
            reg.words.insert(name, list.into_iter().collect());
        }
        reg.seqs.extend(seqs);
        for (name, pairs) in maps {
            reg.maps.insert(name, pairs.into_iter().collect());
        }
        (reg, failed)
    }

    /// The pattern `module.NAME`; a missing one is a bug of the port (its Python twin
    /// was renamed), so it panics, which PyO3 raises as an exception.
    pub fn rx(&self, name: &str) -> &Rx {
        self.patterns
            .get(name)
            .unwrap_or_else(|| panic!("kg_native: no pattern {name} was configured"))
    }

    /// The word list `module.NAME`
    pub fn words(&self, name: &str) -> &WordSet {
        self.words
            .get(name)
            .unwrap_or_else(|| panic!("kg_native: no word list {name} was configured"))
    }

    /// The tuple of strings `module.NAME`, in order
    pub fn seq(&self, name: &str) -> &[String] {
        self.seqs
            .get(name)
            .unwrap_or_else(|| panic!("kg_native: no tuple {name} was configured"))
    }

    /// The dict `module.NAME`, each value as strings (a str, an enum's value, an int,
    /// or a collection of str: see `_as_strings` in `kg/extract/native.py`)
    pub fn map(&self, name: &str) -> &WordMap {
        self.maps
            .get(name)
            .unwrap_or_else(|| panic!("kg_native: no dict {name} was configured"))
    }

    pub fn install(self) {
        *REGISTRY.write().expect("registry lock") = Some(Arc::new(self));
    }
}

/// The configured registry; panics before `configure`.
pub fn registry() -> Arc<Registry> {
    REGISTRY
        .read()
        .expect("registry lock")
        .clone()
        .expect("kg_native: configure() was not called")
}

/// A value made from the installed registry once, not once per document: `get` gives
/// the kept value while the registry it was made from is installed, and makes it anew
/// (keeping it for the installed registry only) otherwise.
pub struct PerRegistry<T> {
    slot: RwLock<Option<(Arc<Registry>, Arc<T>)>>,
}

impl<T> PerRegistry<T> {
    pub const fn new() -> PerRegistry<T> {
        PerRegistry {
            slot: RwLock::new(None),
        }
    }

    pub fn get(&self, reg: &Registry, make: impl FnOnce(&Registry) -> T) -> Arc<T> {
        if let Some((kept, value)) = &*self.slot.read().expect("registry cache lock") {
            // the Arc kept here keeps its registry alive: its address names it
            if std::ptr::eq(Arc::as_ptr(kept), reg) {
                return value.clone();
            }
        }
        let value = Arc::new(make(reg));
        let installed = REGISTRY.read().expect("registry lock").clone();
        if let Some(installed) = installed {
            if std::ptr::eq(Arc::as_ptr(&installed), reg) {
                *self.slot.write().expect("registry cache lock") = Some((installed, value.clone()));
            }
        }
        value
    }
}

impl<T> Default for PerRegistry<T> {
    fn default() -> Self {
        Self::new()
    }
}
