//! The Python-facing twins of `kg/extract/abbreviations.py` (see `lib.rs`).

use pyo3::prelude::*;

#[allow(unused_imports)]
use crate::*;

/// `abbreviations.find_abbreviations(text, offset)` as tuples of the `Abbreviation`
/// fields, or None when the text is not plain
#[pyfunction]
#[pyo3(signature = (text, offset=0))]
fn abbreviations_find_abbreviations(text: &str, offset: i64) -> Option<Vec<abbreviations::Abbr>> {
    pystr::plain(text)
        .then(|| abbreviations::find_abbreviations(&registry::registry(), text, offset))
}

/// `abbreviations.find_reverse_abbreviations(text, offset)` as tuples of the
/// `Abbreviation` fields, or None when the text is not plain
#[pyfunction]
#[pyo3(signature = (text, offset=0))]
fn abbreviations_find_reverse_abbreviations(
    text: &str,
    offset: i64,
) -> Option<Vec<abbreviations::Abbr>> {
    pystr::plain(text)
        .then(|| abbreviations::find_reverse_abbreviations(&registry::registry(), text, offset))
}

/// `abbreviations.find_initialisms(text, defined, offset)` as tuples of the
/// `Abbreviation` fields, or None when the text is not plain
#[pyfunction]
#[pyo3(signature = (text, defined, offset=0))]
fn abbreviations_find_initialisms(
    text: &str,
    defined: std::collections::HashSet<String>,
    offset: i64,
) -> Option<Vec<abbreviations::Abbr>> {
    pystr::plain(text)
        .then(|| abbreviations::find_initialisms(&registry::registry(), text, &defined, offset))
}

/// Adds this module's twins to `kg_native`
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(abbreviations_find_abbreviations, m)?)?;
    m.add_function(wrap_pyfunction!(
        abbreviations_find_reverse_abbreviations,
        m
    )?)?;
    m.add_function(wrap_pyfunction!(abbreviations_find_initialisms, m)?)?;
    Ok(())
}
