//! The Python-facing twin of `kg/extract/assemble.py` (see `lib.rs`): reads a Python
//! `DocState` into an `AsmInput`, for testing `assemble::assemble` against Python.

use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::assemble::{
    self, AsmConcept, AsmInput, AsmMention, AsmNumberCue, AsmRelationCue, AsmRoleCue, Attribute,
    Classes, ENTITY_TYPES, RELATIONS, ROLES,
};
use crate::{pystr, registry};

/// An enum member (a `StrEnum`) as its `&'static` value among `values`
fn enum_value(ob: &Bound<'_, PyAny>, values: &[&'static str]) -> PyResult<&'static str> {
    let value = ob.cast::<PyString>()?.to_cow()?;
    assemble::intern(values, &value)
        .ok_or_else(|| PyValueError::new_err(format!("kg_native: unknown enum value {value}")))
}

fn text_of(ob: &Bound<'_, PyAny>, name: &Bound<'_, PyString>) -> PyResult<Box<str>> {
    Ok(ob.getattr(name)?.extract::<String>()?.into_boxed_str())
}

/// The `AsmInput` of `paper` and `state`, or None when a text `assemble` reads is not
/// plain (or a number does not fit an i64): the Python rule must run
#[inline(never)]
fn read_input(paper: &Bound<'_, PyAny>, state: &Bound<'_, PyAny>) -> PyResult<Option<AsmInput>> {
    let py = state.py();
    let text = text_of(state, intern!(py, "text"))?;
    let title = text_of(paper, intern!(py, "title"))?;
    if !pystr::plain(&text) || !pystr::plain(&title) {
        return Ok(None);
    }
    let mut input = AsmInput {
        text,
        title,
        title_end: state.getattr(intern!(py, "title_end"))?.extract()?,
        sentences: state.getattr(intern!(py, "sentences"))?.extract()?,
        ..AsmInput::default()
    };
    let mut concept_obs: Vec<Bound<'_, PyAny>> = Vec::new();
    for m in state.getattr(intern!(py, "mentions"))?.try_iter()? {
        let m = m?;
        let text = text_of(&m, intern!(py, "text"))?;
        if !pystr::plain(&text) {
            return Ok(None);
        }
        let type_ = m.getattr(intern!(py, "type"))?;
        let concept = m.getattr(intern!(py, "concept"))?;
        let concept = if concept.is_none() {
            None
        } else if let Some(i) = concept_obs.iter().position(|c| c.is(&concept)) {
            Some(i)
        } else {
            let pref_label = text_of(&concept, intern!(py, "pref_label"))?;
            let pref_key = if pystr::plain(&pref_label) {
                None
            } else {
                let key = py
                    .import("kg.extract.normalize")?
                    .getattr(intern!(py, "entity_key"))?
                    .call1((&*pref_label,))?;
                Some(key.extract::<String>()?.into_boxed_str())
            };
            input.concepts.push(AsmConcept {
                id: text_of(&concept, intern!(py, "id"))?,
                pref_label,
                specific: concept.getattr(intern!(py, "specific"))?.extract()?,
                pref_key,
            });
            concept_obs.push(concept);
            Some(concept_obs.len() - 1)
        };
        input.mentions.push(AsmMention {
            start: m.getattr(intern!(py, "start"))?.extract()?,
            end: m.getattr(intern!(py, "end"))?.extract()?,
            text,
            group: m.getattr(intern!(py, "group"))?.extract()?,
            type_: if type_.is_none() {
                None
            } else {
                Some(enum_value(&type_, &ENTITY_TYPES)?)
            },
            specific: m.getattr(intern!(py, "specific"))?.extract()?,
            concept,
        });
    }
    for a in state.getattr(intern!(py, "abbreviations"))?.try_iter()? {
        input.shorts.push(text_of(&a?, intern!(py, "short"))?);
    }
    for c in state.getattr(intern!(py, "roles"))?.try_iter()? {
        let c = c?;
        input.roles.push(AsmRoleCue {
            mention: c.getattr(intern!(py, "mention"))?.extract()?,
            role: enum_value(&c.getattr(intern!(py, "role"))?, &ROLES)?,
            rule: text_of(&c, intern!(py, "rule"))?,
            confidence: c.getattr(intern!(py, "confidence"))?.extract()?,
        });
    }
    for r in state.getattr(intern!(py, "relations"))?.try_iter()? {
        let r = r?;
        input.relations.push(AsmRelationCue {
            head: r.getattr(intern!(py, "head"))?.extract()?,
            relation: enum_value(&r.getattr(intern!(py, "relation"))?, &RELATIONS)?,
            tail: r.getattr(intern!(py, "tail"))?.extract()?,
            rule: text_of(&r, intern!(py, "rule"))?,
            confidence: r.getattr(intern!(py, "confidence"))?.extract()?,
            sent: r.getattr(intern!(py, "sent"))?.extract()?,
        });
    }
    for n in state.getattr(intern!(py, "numbers"))?.try_iter()? {
        let n = n?;
        let Ok(value) = n.getattr(intern!(py, "value"))?.extract::<i64>() else {
            return Ok(None);
        };
        input.numbers.push(AsmNumberCue {
            mention: n.getattr(intern!(py, "mention"))?.extract()?,
            attribute: Attribute::of(&n.getattr(intern!(py, "attribute"))?.extract::<String>()?),
            value,
        });
    }
    Ok(Some(input))
}

/// `assemble.assemble(paper, state, state.text)`, or None when the state's texts are
/// not plain
#[pyfunction]
fn assemble_assemble(
    py: Python<'_>,
    paper: &Bound<'_, PyAny>,
    state: &Bound<'_, PyAny>,
) -> PyResult<Option<Py<PyAny>>> {
    let Some(input) = read_input(paper, state)? else {
        return Ok(None);
    };
    let reg = registry::registry();
    let out = assemble::assemble(&input, &reg);
    assemble::to_python(py, paper, &out, Classes::get(py)?).map(Some)
}

/// Adds this module's twins to `kg_native`
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(assemble_assemble, m)?)?;
    Ok(())
}
