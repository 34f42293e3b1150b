//! The Python-facing twins of `kg/extract/discovery.py` (see `lib.rs`).

use pyo3::prelude::*;

#[allow(unused_imports)]
use crate::*;

/// `discovery.clean_name(raw)`, or None when `raw` is not plain (then the Python
/// rule decides; a name it rejects is `Some(None)`)
#[pyfunction]
fn discovery_clean_name(raw: &str) -> Option<Option<(usize, usize)>> {
    pystr::plain(raw).then(|| discovery_names::clean_name(&registry::registry(), raw))
}

/// `list(discovery.name_shaped(text, start))`, or None when `text` is not plain
#[pyfunction]
#[pyo3(signature = (text, start=0))]
fn discovery_name_shaped(text: &str, start: usize) -> Option<Vec<discovery_names::Candidate>> {
    pystr::plain(text).then(|| discovery_names::name_shaped(&registry::registry(), text, start))
}

/// `list(discovery.listed_names(text, start))`, or None when `text` is not plain
#[pyfunction]
fn discovery_listed_names(text: &str, start: usize) -> Option<Vec<discovery_names::Candidate>> {
    pystr::plain(text).then(|| discovery_lists::listed_names(&registry::registry(), text, start))
}

/// `list(discovery.defined_names(text, start))`, or None when `text` is not plain
#[pyfunction]
fn discovery_defined_names(text: &str, start: usize) -> Option<Vec<discovery_names::Candidate>> {
    pystr::plain(text).then(|| discovery_lists::defined_names(&registry::registry(), text, start))
}

/// `list(discovery.coordinated_techniques(text, start))`, or None when `text` is not plain
#[pyfunction]
fn discovery_coordinated_techniques(
    text: &str,
    start: usize,
) -> Option<Vec<discovery_names::Candidate>> {
    pystr::plain(text)
        .then(|| discovery_lists::coordinated_techniques(&registry::registry(), text, start))
}

/// `list(discovery.classified_classes(text, start))`, or None when `text` is not plain
#[pyfunction]
fn discovery_classified_classes(
    text: &str,
    start: usize,
) -> Option<Vec<discovery_names::Candidate>> {
    pystr::plain(text)
        .then(|| discovery_lists::classified_classes(&registry::registry(), text, start))
}

/// `list(discovery.title_concepts(text, title_end))`, or None when `text` is not plain
#[pyfunction]
fn discovery_title_concepts(
    text: &str,
    title_end: usize,
) -> Option<Vec<discovery_names::Candidate>> {
    pystr::plain(text)
        .then(|| discovery_lists::title_concepts(&registry::registry(), text, title_end))
}

/// `list(discovery.proposed_names(text))`, or None when `text` is not plain
#[pyfunction]
fn discovery_proposed_names(text: &str) -> Option<Vec<(usize, usize)>> {
    pystr::plain(text).then(|| discovery_names::proposed_names(&registry::registry(), text))
}

/// `list(discovery.concept_phrases(text))`, or None when the text is not plain
#[pyfunction]
fn discovery_concept_phrases(text: &str) -> Option<Vec<discovery_concepts::Candidate>> {
    pystr::plain(text).then(|| discovery_concepts::concept_phrases(&registry::registry(), text))
}

/// Adds this module's twins to `kg_native`
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(discovery_clean_name, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_name_shaped, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_listed_names, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_defined_names, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_coordinated_techniques, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_classified_classes, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_title_concepts, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_proposed_names, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_concept_phrases, m)?)?;
    Ok(())
}
