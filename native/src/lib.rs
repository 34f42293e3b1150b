//! kg's compiled extraction core.
//!
//! Each function here is the twin of a pure function of `kg/extract`, giving the same
//! output for plain (ASCII) texts; `kg/extract/native.py` loads this module, configures
//! it with the Python modules' own patterns and word lists, and the Python functions
//! call their twin when it is there. `tests/unit/extract/test_native.py` checks the
//! twins output for output.

use pyo3::prelude::*;

pub mod abbreviations;
pub mod normalize;
pub mod pyre;
pub mod pystr;
pub mod registry;
pub mod sentences;

/// Bumped whenever a twin's signature or output changes, so that a stale build is
/// refused rather than used (`kg/extract/native.py` checks it).
const ABI: u32 = 1;

/// Compiles the patterns (name, pattern, flags) and stores the word sets, tuples and
/// dicts; returns the (name, error) of every pattern that did not compile.
#[pyfunction]
fn configure(
    patterns: Vec<(String, String, u32)>,
    words: Vec<(String, Vec<String>)>,
    seqs: Vec<(String, Vec<String>)>,
    maps: Vec<registry::MapEntry>,
) -> Vec<(String, String)> {
    let (reg, failed) = registry::Registry::build(patterns, words, seqs, maps);
    reg.install();
    failed
}

/// `rx.search(text, pos)` by the configured pattern `name`: the span of group `group`,
/// for checking the regex layer against Python's `re`.
#[pyfunction]
#[pyo3(signature = (name, text, pos=0, endpos=None, anchored=false))]
fn search_span(
    name: &str,
    text: &str,
    pos: usize,
    endpos: Option<usize>,
    anchored: bool,
) -> Option<Vec<Option<(usize, usize)>>> {
    let reg = registry::registry();
    let rx = reg.rx(name);
    let end = endpos.unwrap_or(text.len());
    let caps = if anchored {
        rx.match_at(text, pos, end)
    } else {
        rx.search(text, pos, end)
    }?;
    Some((0..caps.len()).map(|g| caps.get(g)).collect())
}

/// `[m.span(group) for m in rx.finditer(text, pos)]` by the configured pattern `name`
#[pyfunction]
#[pyo3(signature = (name, text, pos=0))]
fn finditer_spans(name: &str, text: &str, pos: usize) -> Vec<Vec<Option<(usize, usize)>>> {
    let reg = registry::registry();
    reg.rx(name)
        .finditer(text, pos, text.len())
        .map(|caps| (0..caps.len()).map(|g| caps.get(g)).collect())
        .collect()
}

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

/// `sentences.split_sentences(text, title_end)`, or None when the text is not plain
/// (or `title_end` is negative)
#[pyfunction]
fn sentences_split_sentences(text: &str, title_end: i64) -> Option<Vec<(usize, usize)>> {
    let title_end = usize::try_from(title_end).ok()?;
    pystr::plain(text).then(|| sentences::split_sentences(&registry::registry(), text, title_end))
}

#[pymodule]
fn kg_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ABI", ABI)?;
    m.add_function(wrap_pyfunction!(configure, m)?)?;
    m.add_function(wrap_pyfunction!(search_span, m)?)?;
    m.add_function(wrap_pyfunction!(finditer_spans, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_entity_key, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_is_non_entity, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_singular, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_find_word, m)?)?;
    m.add_function(wrap_pyfunction!(abbreviations_find_abbreviations, m)?)?;
    m.add_function(wrap_pyfunction!(
        abbreviations_find_reverse_abbreviations,
        m
    )?)?;
    m.add_function(wrap_pyfunction!(abbreviations_find_initialisms, m)?)?;
    m.add_function(wrap_pyfunction!(sentences_split_sentences, m)?)?;
    Ok(())
}
