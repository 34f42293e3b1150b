//! Held mode: a document's whole state kept in Rust, from the first kg component to
//! the extraction, with no Python objects made on the way.
//!
//! The components of `nativedoc.rs` mirror the Python `DocState` after each stage,
//! so every stage pays for Python objects the next stage reads from Rust anyway. When
//! the kg components run as one chain from the sentence segmenter on (Python's
//! `native.DocChain`) and the text is plain, the segmenter starts a *held*
//! `NativeDoc` instead (`held_start`): each later component advances it one stage
//! (`held_vocab`, `held_abbreviations`, `held_discover`, `held_types`, `held_roles`,
//! `held_relations`, `held_numbers`) and leaves the Python state's lists empty. The
//! doc is the state: `held_export` gives the Python side what it needs to build the
//! `DocState` objects (`kg/extract/held.py`, `materialize`), which it does when a
//! Python reader needs them (a stage the doc cannot take, a caller of the pipeline
//! that reads `doc._.kg`); the `Extractor` assembles the extraction from the doc
//! itself.
//!
//! Each held function checks that the doc is held and at the stage before its own,
//! and returns false (the doc unchanged) when it cannot take the stage: the caller
//! then materializes the state and runs the Python rule.

use std::collections::HashSet;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyTuple};

use crate::abbreviations;
use crate::assemble::{
    self, AsmConcept, AsmInput, AsmMention, AsmNumberCue, AsmRelationCue, AsmRoleCue, Attribute,
    Classes, ENTITY_TYPES,
};
use crate::counts;
use crate::discovery;
use crate::nativedoc::{NativeDoc, COUNTED, DISCOVERED, RELATIONS, ROLES, TYPED};
use crate::pystr;
use crate::registry;
use crate::relations;
use crate::roles;
use crate::sentences;
use crate::state;
use crate::vocab::VocabTwin;

/// The held stages before discovery (after it, `nativedoc`'s stages)
pub const SENTENCED: u8 = 11;
pub const VOCAB: u8 = 12;
pub const ABBREVIATED: u8 = 13;

/// `vocab_matcher.RULE` and the confidence `_vocab_mention` gives (a test compares the
/// materialized mentions with the Python ones)
const VOCAB_RULE: &str = "vocab";
const VOCAB_CONFIDENCE: f64 = 0.95;

/// `sentences._NOT_START`: `SENT_START` -1 as `Doc.from_array` takes it
const NOT_START: u64 = u64::MAX;

/// A vocabulary's concepts as the held stages read them (made once per vocabulary
/// matcher from its list of `VocabConcept`s, which it keeps for materializing)
#[pyclass(module = "kg_native", frozen)]
pub struct ConceptTable {
    pub(crate) concepts: Vec<state::Concept>,
    /// each concept as `assemble` reads it
    asm: Vec<AsmConcept>,
    objects: Py<PyList>,
}

#[pymethods]
impl ConceptTable {
    /// The table of `concepts` (a list of `VocabConcept`); ValueError when a concept's
    /// type is no `EntityType` value
    #[new]
    fn new(concepts: Bound<'_, PyList>) -> PyResult<Self> {
        let py = concepts.py();
        let entity_key = py.import("kg.extract.normalize")?.getattr("entity_key")?;
        let mut table = Vec::with_capacity(concepts.len());
        let mut asm = Vec::with_capacity(concepts.len());
        for c in concepts.iter() {
            let concept: state::Concept = c.extract()?;
            if roles::type_value(&concept.type_).is_empty() {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "concept {} has type {:?}, no EntityType value",
                    concept.id, concept.type_
                )));
            }
            let pref_label: String = c.getattr(pyo3::intern!(py, "pref_label"))?.extract()?;
            // the key of a label that is not plain, as Python makes it (`AsmConcept`)
            let pref_key = if pystr::plain(&pref_label) {
                None
            } else {
                Some(
                    entity_key
                        .call1((&pref_label,))?
                        .extract::<String>()?
                        .into(),
                )
            };
            asm.push(AsmConcept {
                id: concept.id.as_str().into(),
                pref_label: pref_label.into(),
                specific: concept.specific,
                pref_key,
            });
            table.push(concept);
        }
        Ok(ConceptTable {
            concepts: table,
            asm,
            objects: concepts.unbind(),
        })
    }

    fn __len__(&self) -> usize {
        self.concepts.len()
    }
}

/// What a held `NativeDoc` keeps beyond what the later stages read
pub struct Held {
    /// the token starts (`doc.to_array(IDX).tobytes()`), for the vocabulary
    starts: Vec<u8>,
    /// the vocabulary's concepts, once the vocabulary ran
    table: Option<Py<ConceptTable>>,
    /// the state discovery reads: vocabulary mentions and every abbreviation (taken by
    /// discovery)
    early: Option<state::DocState>,
    /// the concept index of each early mention
    early_concepts: Vec<Option<usize>>,
    /// after discovery: each mention's confidence and concept index
    pub(crate) confidence: Vec<f64>,
    pub(crate) concept: Vec<Option<usize>>,
    /// after discovery: the abbreviations kept, whole
    pub(crate) abbreviations: Vec<state::Abbreviation>,
    pub(crate) roles: Vec<roles::RoleCue>,
    pub(crate) relations: Vec<relations::CueTuple>,
    pub(crate) numbers: Vec<counts::Cue>,
}

impl Held {
    /// A copy (the concept table shared)
    pub(crate) fn clone_with(&self, py: Python<'_>) -> Held {
        Held {
            starts: self.starts.clone(),
            table: self.table.as_ref().map(|t| t.clone_ref(py)),
            early: self.early.clone(),
            early_concepts: self.early_concepts.clone(),
            confidence: self.confidence.clone(),
            concept: self.concept.clone(),
            abbreviations: self.abbreviations.clone(),
            roles: self.roles.clone(),
            relations: self.relations.clone(),
            numbers: self.numbers.clone(),
        }
    }
}

impl NativeDoc {
    /// The held part of the doc at `stage`, or None (not held, or at another stage)
    fn held_at(&mut self, stage: u8) -> Option<&mut Held> {
        if self.stage != stage {
            return None;
        }
        self.held.as_deref_mut()
    }
}

/// Token starts from `doc.to_array(IDX).tobytes()`
fn token_starts(starts: &[u8]) -> Vec<u64> {
    starts
        .chunks_exact(8)
        .map(|c| u64::from_ne_bytes(c.try_into().expect("8 bytes")))
        .collect()
}

/// `sentences.sent_start_array` as the bytes of its uint64 values
fn sent_start_bytes(starts: &[u64], sentences: &[(usize, usize)]) -> Vec<u8> {
    let mut out = NOT_START.to_ne_bytes().repeat(starts.len());
    let mut mark = |i: usize| out[8 * i..8 * i + 8].copy_from_slice(&1u64.to_ne_bytes());
    mark(0);
    for &(s, _) in sentences {
        // numpy: the token holding `s`, searchsorted(side="right") - 1 (-1: the last)
        let i = starts.partition_point(|&t| t <= s as u64);
        mark(if i == 0 { starts.len() - 1 } else { i - 1 });
    }
    out
}

/// What `held_start` gives: the doc, the sentences, the `SENT_START` bytes
type Started<'py> = (NativeDoc, Vec<(usize, usize)>, Bound<'py, PyBytes>);

/// The held doc of `text` whose title ends at `title_end` and whose tokens start at
/// `starts` (`doc.to_array(IDX).tobytes()`): (the doc, `split_sentences(text,
/// title_end)`, the bytes of `sent_start_array`); None when the text is not plain or
/// has no tokens
#[pyfunction]
pub fn held_start<'py>(
    py: Python<'py>,
    text: &str,
    title_end: usize,
    starts: &[u8],
) -> Option<Started<'py>> {
    if !crate::vocab::plain(text.as_bytes()) || starts.len() < 8 || !starts.len().is_multiple_of(8)
    {
        return None;
    }
    let reg = registry::registry();
    let sents = sentences::split_plain_sentences(&reg, text, title_end);
    let bytes = sent_start_bytes(&token_starts(starts), &sents);
    let early = state::DocState {
        text: text.to_string(),
        title_end,
        sentences: sents.clone(),
        mentions: Vec::new(),
        abbreviations: Vec::new(),
        proposed: Vec::new(),
    };
    let held = Held {
        starts: starts.to_vec(),
        table: None,
        early: Some(early),
        early_concepts: Vec::new(),
        confidence: Vec::new(),
        concept: Vec::new(),
        abbreviations: Vec::new(),
        roles: Vec::new(),
        relations: Vec::new(),
        numbers: Vec::new(),
    };
    let doc = NativeDoc::new_held(text.to_string(), title_end, sents.clone(), held);
    Some((doc, sents, PyBytes::new(py, &bytes)))
}

/// The vocabulary stage (`VocabMatcher` with `twin` and the concepts of `table`);
/// false when the doc is not at it
#[pyfunction]
pub fn held_vocab(
    mut doc: PyRefMut<'_, NativeDoc>,
    twin: PyRef<'_, VocabTwin>,
    table: Bound<'_, ConceptTable>,
) -> bool {
    let doc = &mut *doc;
    let text = doc.text.as_str();
    let Some(held) = doc.held.as_deref_mut().filter(|_| doc.stage == SENTENCED) else {
        return false;
    };
    let Some(found) = twin.find_in(text, &held.starts) else {
        return false;
    };
    let concepts = &table.get().concepts;
    let Some(early) = held.early.as_mut() else {
        return false;
    };
    for (s, e, k) in found {
        let k = k as usize;
        let Some(c) = concepts.get(k) else {
            return false;
        };
        early.mentions.push(state::Mention {
            start: s,
            end: e,
            text: text[s..e].to_string(),
            rule: VOCAB_RULE.to_string(),
            confidence: VOCAB_CONFIDENCE,
            type_: Some(c.type_.clone()),
            specific: c.specific,
            concept: Some(c.clone()),
            group: -1,
            type_rule: VOCAB_RULE.to_string(),
        });
        held.early_concepts.push(Some(k));
    }
    held.table = Some(table.unbind());
    doc.stage = VOCAB;
    true
}

fn abbreviation(a: abbreviations::Abbr) -> Option<state::Abbreviation> {
    let (short_start, short_end, long_start, long_end, short, long) = a;
    Some(state::Abbreviation {
        short_start: usize::try_from(short_start).ok()?,
        short_end: usize::try_from(short_end).ok()?,
        long_start: usize::try_from(long_start).ok()?,
        long_end: usize::try_from(long_end).ok()?,
        short,
        long,
    })
}

/// The abbreviation stage (`AbbreviationDetector`); false when the doc is not at it
#[pyfunction]
pub fn held_abbreviations(mut doc: PyRefMut<'_, NativeDoc>) -> bool {
    let doc = &mut *doc;
    let text = doc.text.as_str();
    let Some(early) = doc
        .held
        .as_deref_mut()
        .filter(|_| doc.stage == VOCAB)
        .and_then(|h| h.early.as_mut())
    else {
        return false;
    };
    let reg = registry::registry();
    let mut found = abbreviations::find_abbreviations(&reg, text, 0);
    found.extend(abbreviations::find_reverse_abbreviations(&reg, text, 0));
    let defined: HashSet<String> = found.iter().map(|a| a.4.clone()).collect();
    found.extend(abbreviations::find_initialisms(&reg, text, &defined, 0));
    let Some(found) = found
        .into_iter()
        .map(abbreviation)
        .collect::<Option<Vec<_>>>()
    else {
        return false;
    };
    early.abbreviations = found;
    doc.stage = ABBREVIATED;
    true
}

/// The discovery stage (`EntityDiscovery`); false when the doc is not at it or
/// discovery's twin cannot take the state
#[pyfunction]
pub fn held_discover(mut doc: PyRefMut<'_, NativeDoc>) -> bool {
    let doc = &mut *doc;
    if doc.stage != ABBREVIATED {
        return false;
    }
    let Some(held) = doc.held.as_deref_mut() else {
        return false;
    };
    let Some(early) = held.early.as_ref() else {
        return false;
    };
    let Some(out) = discovery::discover(&registry::registry(), early) else {
        return false;
    };
    let Some(made) = NativeDoc::after_discovery(early, &out) else {
        return false;
    };
    let (kept, _, abbr_ok) = &out;
    let mut confidence = Vec::with_capacity(kept.len());
    let mut concept = Vec::with_capacity(kept.len());
    for k in kept {
        let (conf, c) = match (k.9, k.7) {
            (Some(i), _) => (early.mentions[i].confidence, held.early_concepts[i]),
            (None, Some(c)) => (k.4, held.early_concepts[c]),
            (None, None) => (k.4, None),
        };
        confidence.push(conf);
        concept.push(c);
    }
    held.abbreviations = abbr_ok
        .iter()
        .map(|&i| early.abbreviations[i].clone())
        .collect();
    held.confidence = confidence;
    held.concept = concept;
    held.early = None;
    doc.mentions = made.mentions;
    doc.abbreviations = made.abbreviations;
    doc.proposed = made.proposed;
    doc.stage = DISCOVERED;
    true
}

/// The typing stage (`EntityTyper`); false when the doc is not at it or a type is no
/// `EntityType` value
#[pyfunction]
pub fn held_types(mut doc: PyRefMut<'_, NativeDoc>) -> PyResult<bool> {
    if doc.held_at(DISCOVERED).is_none() || doc.run_typing()?.is_none() {
        return Ok(false);
    }
    doc.stage = TYPED;
    Ok(true)
}

/// The roles stage (`RoleAssigner`); false when the doc is not at it
#[pyfunction]
pub fn held_roles(mut doc: PyRefMut<'_, NativeDoc>) -> bool {
    if doc.held_at(TYPED).is_none() {
        return false;
    }
    let cues = doc.run_roles();
    if let Some(held) = doc.held.as_deref_mut() {
        held.roles = cues;
    }
    doc.stage = ROLES;
    true
}

/// The relations stage (`RelationExtractor`); false when the doc is not at it
#[pyfunction]
pub fn held_relations(mut doc: PyRefMut<'_, NativeDoc>) -> bool {
    if doc.held_at(ROLES).is_none() {
        return false;
    }
    let cues = doc.run_relations();
    if let Some(held) = doc.held.as_deref_mut() {
        held.relations = cues;
    }
    doc.stage = RELATIONS;
    true
}

/// The numbers stage (`NumberReader`); false when the doc is not at it or a number is
/// too large for the twin
#[pyfunction]
pub fn held_numbers(mut doc: PyRefMut<'_, NativeDoc>) -> bool {
    if doc.held_at(RELATIONS).is_none() {
        return false;
    }
    let Some(cues) = doc.run_numbers() else {
        return false;
    };
    if let Some(held) = doc.held.as_deref_mut() {
        held.numbers = cues;
    }
    doc.stage = COUNTED;
    true
}

/// A mention as `held_export` gives it: start, end, text, rule, confidence, type
/// value, specific, concept index, group, type_rule
type MentionOut<'a> = (
    usize,
    usize,
    &'a str,
    &'a str,
    f64,
    Option<&'a str>,
    bool,
    Option<usize>,
    i64,
    &'a str,
);

fn abbreviation_out(a: &state::Abbreviation) -> (usize, usize, usize, usize, &str, &str) {
    (
        a.short_start,
        a.short_end,
        a.long_start,
        a.long_end,
        &a.short,
        &a.long,
    )
}

/// What the held doc holds, for `kg/extract/held.py` to build the `DocState`
/// objects from: (stage, the concepts list or None, mentions, abbreviations,
/// proposed, role cues, relation cues, number cues), each as its twin gives it; None
/// when the doc is not held
#[pyfunction]
pub fn held_export<'py>(
    py: Python<'py>,
    doc: PyRef<'py, NativeDoc>,
) -> PyResult<Option<Bound<'py, PyTuple>>> {
    let Some(held) = doc.held.as_deref() else {
        return Ok(None);
    };
    let concepts = held.table.as_ref().map(|t| t.get().objects.clone_ref(py));
    let (mentions, abbreviations) = match &held.early {
        Some(early) => {
            let ms: Vec<MentionOut> = early
                .mentions
                .iter()
                .zip(&held.early_concepts)
                .map(|(m, c)| {
                    (
                        m.start,
                        m.end,
                        m.text.as_str(),
                        m.rule.as_str(),
                        m.confidence,
                        m.type_.as_deref(),
                        m.specific,
                        *c,
                        m.group,
                        m.type_rule.as_str(),
                    )
                })
                .collect();
            let abbrs: Vec<_> = early.abbreviations.iter().map(abbreviation_out).collect();
            (ms.into_pyobject(py)?, abbrs.into_pyobject(py)?)
        }
        None => {
            let ms: Vec<MentionOut> = doc
                .mentions
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    (
                        m.start,
                        m.end,
                        m.text.as_str(),
                        m.rule.as_str(),
                        held.confidence[i],
                        m.type_.as_deref(),
                        m.specific,
                        held.concept[i],
                        m.group,
                        m.type_rule.as_str(),
                    )
                })
                .collect();
            let abbrs: Vec<_> = held.abbreviations.iter().map(abbreviation_out).collect();
            (ms.into_pyobject(py)?, abbrs.into_pyobject(py)?)
        }
    };
    let out = (
        doc.stage,
        concepts,
        mentions,
        abbreviations,
        doc.proposed.clone(),
        held.roles.clone(),
        held.relations.clone(),
        held.numbers.clone(),
    );
    Ok(Some(out.into_pyobject(py)?))
}

/// The `assemble` input of a held doc at the last stage, for `paper` (its title);
/// None when the doc is elsewhere, the title is not plain or an enum value is unknown
fn asm_input(doc: &NativeDoc, title: &str) -> Option<AsmInput> {
    let held = doc.held.as_deref().filter(|_| doc.stage == COUNTED)?;
    if !pystr::plain(title) {
        return None;
    }
    let table = held.table.as_ref().map(|t| t.get());
    // the concepts the mentions name, renumbered in order of first use
    let mut used: Vec<usize> = Vec::new();
    let mut mentions = Vec::with_capacity(doc.mentions.len());
    for (m, &k) in doc.mentions.iter().zip(&held.concept) {
        let concept = k.map(|k| match used.iter().position(|&u| u == k) {
            Some(i) => i,
            None => {
                used.push(k);
                used.len() - 1
            }
        });
        let type_ = match m.type_.as_deref() {
            None => None,
            Some(t) => Some(assemble::intern(&ENTITY_TYPES, t)?),
        };
        mentions.push(AsmMention {
            start: m.start,
            end: m.end,
            text: m.text.as_str().into(),
            group: m.group,
            type_,
            specific: m.specific,
            concept,
        });
    }
    let concepts = match table {
        Some(t) => used
            .iter()
            .map(|&k| t.asm.get(k).cloned())
            .collect::<Option<_>>()?,
        None if used.is_empty() => Vec::new(),
        None => return None,
    };
    let roles = held
        .roles
        .iter()
        .map(|(mention, role, rule, confidence)| {
            Some(AsmRoleCue {
                mention: *mention,
                role: assemble::intern(&assemble::ROLES, role)?,
                rule: rule.as_str().into(),
                confidence: *confidence,
            })
        })
        .collect::<Option<_>>()?;
    let relations = held
        .relations
        .iter()
        .map(|&(head, relation, tail, rule, confidence, sent)| {
            Some(AsmRelationCue {
                head,
                relation: assemble::intern(&assemble::RELATIONS, relation)?,
                tail,
                rule: rule.into(),
                confidence,
                sent,
            })
        })
        .collect::<Option<_>>()?;
    let numbers = held
        .numbers
        .iter()
        .map(|&(mention, attribute, value, _rule)| AsmNumberCue {
            mention,
            attribute: Attribute::of(attribute),
            value,
        })
        .collect();
    Some(AsmInput {
        text: doc.text.as_str().into(),
        title: title.into(),
        title_end: doc.title_end,
        sentences: doc.sentences.clone(),
        mentions,
        concepts,
        shorts: held
            .abbreviations
            .iter()
            .map(|a| a.short.as_str().into())
            .collect(),
        roles,
        relations,
        numbers,
    })
}

/// `assemble.assemble(paper, state, state.text)` of the state a held doc at the last
/// stage holds: the `PaperExtraction`; None when the doc cannot give it (not held, at
/// another stage, a title that is not plain), and Python must assemble
#[pyfunction]
pub fn held_assemble(
    py: Python<'_>,
    doc: PyRef<'_, NativeDoc>,
    paper: &Bound<'_, PyAny>,
) -> PyResult<Option<Py<PyAny>>> {
    let title = paper.getattr(pyo3::intern!(py, "title"))?;
    let Ok(title) = title.cast::<pyo3::types::PyString>() else {
        return Ok(None);
    };
    let Some(input) = asm_input(&doc, title.to_str()?) else {
        return Ok(None);
    };
    let reg = registry::registry();
    let out = assemble::assemble(&input, &reg);
    assemble::to_python(py, paper, &out, Classes::get(py)?).map(Some)
}

/// Adds the held mode's functions to the module
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ConceptTable>()?;
    m.add_function(wrap_pyfunction!(held_start, m)?)?;
    m.add_function(wrap_pyfunction!(held_vocab, m)?)?;
    m.add_function(wrap_pyfunction!(held_abbreviations, m)?)?;
    m.add_function(wrap_pyfunction!(held_discover, m)?)?;
    m.add_function(wrap_pyfunction!(held_types, m)?)?;
    m.add_function(wrap_pyfunction!(held_roles, m)?)?;
    m.add_function(wrap_pyfunction!(held_relations, m)?)?;
    m.add_function(wrap_pyfunction!(held_numbers, m)?)?;
    m.add_function(wrap_pyfunction!(held_export, m)?)?;
    m.add_function(wrap_pyfunction!(held_assemble, m)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::sent_start_bytes;

    fn values(b: &[u8]) -> Vec<u64> {
        b.chunks_exact(8)
            .map(|c| u64::from_ne_bytes(c.try_into().unwrap()))
            .collect()
    }

    #[test]
    fn sentence_starts_mark_their_tokens() {
        // tokens at 0, 4, 9, 12; sentences at 0 and 10 (inside the token at 9)
        let v = values(&sent_start_bytes(&[0, 4, 9, 12], &[(0, 8), (10, 14)]));
        assert_eq!(v, vec![1, u64::MAX, 1, u64::MAX]);
    }
}
