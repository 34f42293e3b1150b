//! The Python-facing twins of `kg/extract/normalize.py` (see `lib.rs`).

use pyo3::prelude::*;

#[allow(unused_imports)]
use crate::*;

/// `normalize.entity_key(name)`, or None when `name` is not plain
#[pyfunction]
fn normalize_entity_key(name: &str) -> Option<String> {
    pystr::plain(name).then(|| normalize::entity_key(&registry::registry(), name))
}

/// `normalize.is_non_entity(name)`, or None when `name` is not plain
#[pyfunction]
fn normalize_is_non_entity(name: &str) -> Option<bool> {
    pystr::plain(name).then(|| normalize::is_non_entity(&registry::registry(), name))
}

/// `normalize.singular(word)`, or None when `word` is not plain
#[pyfunction]
fn normalize_singular(word: &str) -> Option<String> {
    pystr::plain(word).then(|| normalize::singular(word))
}

/// `normalize.find_word(text, word, start)`, or None when the text is not plain
#[pyfunction]
#[pyo3(signature = (text, word, start=0))]
fn normalize_find_word(text: &str, word: &str, start: usize) -> Option<i64> {
    (pystr::plain(text) && pystr::plain(word))
        .then(|| normalize::find_word(text, word, start).map_or(-1, |i| i as i64))
}

/// Adds this module's twins to `kg_native`
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(normalize_entity_key, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_is_non_entity, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_singular, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_find_word, m)?)?;
    Ok(())
}
