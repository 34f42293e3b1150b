//! The Python-facing twins of `kg/extract/sentences.py` (see `lib.rs`).

use pyo3::prelude::*;

#[allow(unused_imports)]
use crate::*;

/// `sentences.split_sentences(text, title_end)`, or None when the text is not plain
/// (or `title_end` is negative)
#[pyfunction]
fn sentences_split_sentences(text: &str, title_end: i64) -> Option<Vec<(usize, usize)>> {
    let title_end = usize::try_from(title_end).ok()?;
    pystr::plain(text).then(|| sentences::split_sentences(&registry::registry(), text, title_end))
}

/// Adds this module's twins to `kg_native`
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sentences_split_sentences, m)?)?;
    Ok(())
}
