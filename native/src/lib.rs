//! kg's compiled extraction core.
//!
//! Each function here is the twin of a pure function of `kg/extract`, giving the same
//! output for plain (ASCII) texts; `kg/extract/native.py` loads this module, configures
//! it with the Python modules' own patterns and word lists, and the Python functions
//! call their twin when it is there. `tests/unit/extract/test_native.py` checks the
//! twins output for output.

use pyo3::prelude::*;

pub mod abbreviations;
pub mod components;
pub mod counts;
pub mod discovery;
pub mod discovery_concepts;
pub mod discovery_lists;
pub mod discovery_names;
pub mod entity_typing;
pub mod nativedoc;
pub mod normalize;
pub mod pyre;
pub mod pystr;
pub mod registry;
pub mod relations;
pub mod relations_rules;
pub mod roles;
pub mod sentences;
pub mod state;
pub mod vocab;

/// Bumped whenever a twin's signature or output changes, so that a stale build is
/// refused rather than used (`kg/extract/native.py` checks it).
const ABI: u32 = 2;

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

/// `relations.find_relations(state.text, state)` of a Python `DocState` (its roles
/// assigned) as (head, relation value, tail, rule, confidence, (sent start, sent end))
/// tuples, or None when the text is not plain
#[pyfunction]
fn relations_find_relations(
    state: &Bound<'_, PyAny>,
) -> PyResult<Option<Vec<relations::CueTuple>>> {
    relations::find_relations_py(state)
}

/// `discovery.discover(text, state)`, or None when the text is not plain (or Python
/// would raise)
#[pyfunction]
fn discovery_discover(state: state::DocState) -> Option<discovery::Out> {
    if !pystr::plain(&state.text) {
        return None;
    }
    discovery::discover(&registry::registry(), &state)
}

/// (pattern, total ns, calls) per pattern searched since the last call (built with
/// `--features profile`; empty otherwise)
#[pyfunction]
fn profile_times() -> Vec<(String, u128, u64)> {
    #[cfg(feature = "profile")]
    {
        let mut t = pyre::profile::TIMES.lock().unwrap();
        return t
            .take()
            .unwrap_or_default()
            .into_iter()
            .map(|(k, (ns, n))| (k, ns, n))
            .collect();
    }
    #[allow(unreachable_code)]
    Vec::new()
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

/// `list(discovery.concept_phrases(text))`, or None when the text is not plain
#[pyfunction]
fn discovery_concept_phrases(text: &str) -> Option<Vec<discovery_concepts::Candidate>> {
    pystr::plain(text).then(|| discovery_concepts::concept_phrases(&registry::registry(), text))
}

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

/// `assign_roles(state.text, state)`: the role cues it appends to `state.roles`, as
/// (mention, role value, rule, confidence), or None when the state's text is not plain
#[pyfunction]
fn roles_assign_roles(state: roles::RoleState) -> Option<Vec<roles::RoleCue>> {
    roles::plain_state(&state).then(|| roles::assign_roles(&registry::registry(), &state))
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
    m.add_class::<vocab::VocabTwin>()?;
    m.add_function(wrap_pyfunction!(search_span, m)?)?;
    m.add_function(wrap_pyfunction!(finditer_spans, m)?)?;
    m.add_function(wrap_pyfunction!(state_summary, m)?)?;
    m.add_function(wrap_pyfunction!(profile_times, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_entity_key, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_is_non_entity, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_singular, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_find_word, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_clean_name, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_name_shaped, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_proposed_names, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_discover, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_listed_names, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_defined_names, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_coordinated_techniques, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_classified_classes, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_title_concepts, m)?)?;
    m.add_function(wrap_pyfunction!(abbreviations_find_abbreviations, m)?)?;
    m.add_function(wrap_pyfunction!(
        abbreviations_find_reverse_abbreviations,
        m
    )?)?;
    m.add_function(wrap_pyfunction!(abbreviations_find_initialisms, m)?)?;
    m.add_function(wrap_pyfunction!(sentences_split_sentences, m)?)?;
    m.add_function(wrap_pyfunction!(discovery_concept_phrases, m)?)?;
    m.add_function(wrap_pyfunction!(counts_find_numbers, m)?)?;
    m.add_function(wrap_pyfunction!(components_component_spans, m)?)?;
    m.add_function(wrap_pyfunction!(roles_assign_roles, m)?)?;
    m.add_function(wrap_pyfunction!(entity_typing_assign_types, m)?)?;
    m.add_function(wrap_pyfunction!(entity_typing_before_table, m)?)?;
    m.add_function(wrap_pyfunction!(relations_find_relations, m)?)?;
    nativedoc::register(m)?;
    Ok(())
}
