//! The Python-facing twins of `kg/extract/relations.py` (see `lib.rs`).

use pyo3::prelude::*;

#[allow(unused_imports)]
use crate::*;

/// `relations.find_relations(state.text, state)` of a Python `DocState` (its roles
/// assigned) as (head, relation value, tail, rule, confidence, (sent start, sent end))
/// tuples, or None when the text is not plain
#[pyfunction]
fn relations_find_relations(
    state: &Bound<'_, PyAny>,
) -> PyResult<Option<Vec<relations::CueTuple>>> {
    relations::find_relations_py(state)
}

/// Adds this module's twins to `kg_native`
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(relations_find_relations, m)?)?;
    Ok(())
}
