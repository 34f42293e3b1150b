//! The Python-facing twins of `kg/extract/entity_typing.py` (see `lib.rs`).

use pyo3::prelude::*;

#[allow(unused_imports)]
use crate::*;

/// `entity_typing.assign_types(state.text, state)`: what it sets on each mention, (type
/// value or None, type_rule), in `state.mentions` order; None when the text is not plain
/// (the state is read as far as typing needs: `Typing::assign_types_py`)
#[pyfunction]
fn entity_typing_assign_types(
    state: &Bound<'_, PyAny>,
) -> PyResult<Option<Vec<entity_typing::PyTyped>>> {
    let typed = entity_typing::installed().assign_types_py(state)?;
    Ok(typed.map(|typed| entity_typing::python_strings(state.py(), typed)))
}

/// The twin's reading of `entity_typing._BEFORE`: (cue tuple name, [(pattern name, type
/// value, weight, rule)]), for checking it against the Python list
#[pyfunction]
fn entity_typing_before_table() -> Vec<(&'static str, Vec<entity_typing::BeforeRow>)> {
    entity_typing::BEFORE
        .iter()
        .map(|(cues, rules)| {
            let rules = rules
                .iter()
                .map(|&(rx, t, w, r)| (rx, t.value(), w, r))
                .collect();
            (*cues, rules)
        })
        .collect()
}

/// Adds this module's twins to `kg_native`
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(entity_typing_assign_types, m)?)?;
    m.add_function(wrap_pyfunction!(entity_typing_before_table, m)?)?;
    Ok(())
}
