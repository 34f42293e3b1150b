//! The Python-facing twins of `kg/extract/roles.py` (see `lib.rs`).

use pyo3::prelude::*;

#[allow(unused_imports)]
use crate::*;

/// `assign_roles(state.text, state)`: the role cues it appends to `state.roles`, as
/// (mention, role value, rule, confidence), or None when the state's text is not plain
#[pyfunction]
fn roles_assign_roles(state: roles::RoleState) -> Option<Vec<roles::RoleCue>> {
    roles::plain_state(&state).then(|| roles::assign_roles(&registry::registry(), &state))
}

/// Adds this module's twins to `kg_native`
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(roles_assign_roles, m)?)?;
    Ok(())
}
