//! kg's compiled extraction core.
//!
//! Each function here is the twin of a pure function of `kg/extract`, giving the same
//! output for plain (ASCII) texts; `kg/extract/native.py` loads this module, configures
//! it with the Python modules' own patterns and word lists, and the Python functions
//! call their twin when it is there. `tests/unit/extract/test_native.py` checks the
//! twins output for output. The Python-facing function of each twin is in `py/`, one
//! file per rules module with its own `register`; this file holds the loader's own.

use pyo3::prelude::*;

/// The twins allocate many small strings and vectors per document; mimalloc serves
/// them in about half the time of the system allocator (Rust's allocations only: Python
/// objects stay with Python's allocator).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod abbreviations;
pub mod assemble;
pub mod components;
pub mod counts;
pub mod discovery;
pub mod discovery_concepts;
pub mod discovery_lists;
pub mod discovery_names;
pub mod entity_typing;
pub mod held;
pub mod nativedoc;
pub mod normalize;
mod py;
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
const ABI: u32 = 3;

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

#[pymodule]
fn kg_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ABI", ABI)?;
    m.add_function(wrap_pyfunction!(configure, m)?)?;
    m.add_class::<vocab::VocabTwin>()?;
    m.add_function(wrap_pyfunction!(search_span, m)?)?;
    m.add_function(wrap_pyfunction!(finditer_spans, m)?)?;
    m.add_function(wrap_pyfunction!(state_summary, m)?)?;
    m.add_function(wrap_pyfunction!(profile_times, m)?)?;
    py::register(m)?;
    nativedoc::register(m)?;
    held::register(m)?;
    Ok(())
}
