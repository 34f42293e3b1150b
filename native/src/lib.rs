//! kg's compiled extraction core.
//!
//! Each function here is the twin of a pure function of `kg/extract`, giving the same
//! output for plain (ASCII) texts; `kg/extract/native.py` loads this module, configures
//! it with the Python modules' own patterns and word lists, and the Python functions
//! call their twin when it is there. `tests/unit/extract/test_native.py` checks the
//! twins output for output.

use pyo3::prelude::*;

pub mod discovery_lists;
pub mod discovery_names;
pub mod entity_typing;
pub mod normalize;
pub mod pyre;
pub mod pystr;
pub mod registry;
pub mod state;

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

/// The number of mentions of a Python `DocState` as the twins read it (a check of the
/// state crossing, for tests)
#[pyfunction]
fn state_summary(state: state::DocState) -> (usize, usize, usize, Vec<(usize, usize)>) {
    let concepts = state
        .mentions
        .iter()
        .filter(|m| m.concept.is_some())
        .count();
    (
        state.mentions.len(),
        concepts,
        state.abbreviations.len(),
        state.mention_sentences(),
    )
}

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

#[pymodule]
fn kg_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ABI", ABI)?;
    m.add_function(wrap_pyfunction!(configure, m)?)?;
    m.add_function(wrap_pyfunction!(search_span, m)?)?;
    m.add_function(wrap_pyfunction!(finditer_spans, m)?)?;
    m.add_function(wrap_pyfunction!(state_summary, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_entity_key, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_is_non_entity, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_singular, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_find_word, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_clean_name, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_name_shaped, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_proposed_names, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_listed_names, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_defined_names, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_coordinated_techniques, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_classified_classes, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_title_concepts, m)?)?;
    m.add_function(wrap_pyfunction!(entity_typing_assign_types, m)?)?;
    m.add_function(wrap_pyfunction!(entity_typing_before_table, m)?)?;
    Ok(())
}
