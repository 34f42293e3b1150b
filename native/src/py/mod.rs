//! The Python-facing functions of the twins, one file per rules module, each with its
//! own `register`: adding a twin touches its file only.

use pyo3::prelude::*;

mod abbreviations;
mod assemble;
mod components;
mod counts;
mod discovery;
mod entity_typing;
mod normalize;
mod relations;
mod roles;
mod sentences;

/// Adds every module's twins to `kg_native`
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    abbreviations::register(m)?;
    assemble::register(m)?;
    components::register(m)?;
    counts::register(m)?;
    discovery::register(m)?;
    entity_typing::register(m)?;
    normalize::register(m)?;
    relations::register(m)?;
    roles::register(m)?;
    sentences::register(m)?;
    Ok(())
}
