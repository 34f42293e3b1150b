//! The Python-facing twins of `kg/extract/counts.py` (see `lib.rs`).

use pyo3::prelude::*;

#[allow(unused_imports)]
use crate::*;

/// `counts.find_numbers(text, state)` as (mention, attribute, value, rule) tuples, from
/// the state's title end, sentences, and hardware and model mentions as (index, start,
/// end, text, is hardware); None when the text is not plain or a number is too large
#[pyfunction]
fn counts_find_numbers(
    text: &str,
    title_end: usize,
    sentences: Vec<(usize, usize)>,
    mentions: Vec<(usize, usize, usize, String, bool)>,
) -> Option<Vec<counts::Cue>> {
    if !pystr::plain(text) || mentions.iter().any(|m| !pystr::plain(&m.3)) {
        return None;
    }
    let mentions: Vec<counts::Mention> = mentions
        .iter()
        .map(|(index, start, end, text, hardware)| counts::Mention {
            index: *index,
            start: *start,
            end: *end,
            text,
            hardware: *hardware,
        })
        .collect();
    counts::find_numbers(
        &registry::registry(),
        text,
        title_end,
        &sentences,
        &mentions,
    )
    .ok()
}

/// Adds this module's twins to `kg_native`
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(counts_find_numbers, m)?)?;
    Ok(())
}
