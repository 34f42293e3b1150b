//! The Python-facing twins of `kg/extract/components.py` (see `lib.rs`).

use pyo3::prelude::*;

#[allow(unused_imports)]
use crate::*;

/// `list(components.component_spans(text, title_end, sentences))`, or None when the text
/// is not plain (or the spans lie outside it, or Python would raise)
#[pyfunction]
fn components_component_spans(
    text: &str,
    title_end: usize,
    sentences: Vec<(usize, usize)>,
) -> Option<Vec<(usize, usize)>> {
    let len = text.len();
    if !pystr::plain(text) || title_end > len || sentences.iter().any(|&(s, e)| s > len || e > len)
    {
        return None;
    }
    components::component_spans(&registry::registry(), text, title_end, &sentences).ok()
}

/// Adds this module's twins to `kg_native`
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(components_component_spans, m)?)?;
    Ok(())
}
