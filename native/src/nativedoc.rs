//! `NativeDoc`: a document's state kept in Rust across the components of one document.
//!
//! The discovery twin reads the whole Python `DocState`; `discovery_discover_doc` keeps
//! what it read and what discovery made of it (mentions, abbreviations kept, the
//! paper's own names) in a `NativeDoc`, which Python keeps in `DocState.native`. The
//! twins of typing, roles, relations and counts then read the document from it instead
//! of from the Python objects (`*_doc` functions), add what they compute (types and
//! type rules, role cues) and still return their outputs for the Python state.
//!
//! Validity (`NativeDoc::valid`): a `NativeDoc` is *sealed* at a stage, the number of
//! kg components that have run on it in pipeline order (1 after discovery, 2 after
//! typing, 3 after roles, 4 after relations); a component's `*_doc` twin uses it only
//! at the stage of the component before it, and only while the Python state still holds
//! the very objects it mirrors: the same `text` string, the same `mentions`,
//! `sentences`, `abbreviations`, `roles` and `proposed` lists (identity), each as long
//! as the Rust copy, and the same `title_end`. Otherwise the twin returns None and
//! Python drops the `NativeDoc` and reads its own state as before. Every Python path of
//! a twinned component drops it too (`state.native = None`), so a component that ran in
//! Python (twins off, a text not plain) ends its use for the document.

use std::sync::Mutex;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use rustc_hash::FxHashMap as HashMap;

use crate::counts;
use crate::discovery;
use crate::entity_typing::{self, Head, PyTyped, Ty as TypingTy, TypingMention};
use crate::pystr;
use crate::registry;
use crate::relations::{self, CueTuple, Mn, Ty as RelTy};
use crate::roles::{self, RoleAbbreviation, RoleMention, RoleState};
use crate::state;

/// A mention as the later components read it
#[derive(Clone, Debug)]
pub struct DocMention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub rule: String,
    /// the `EntityType` value, if typed
    pub type_: Option<String>,
    pub specific: bool,
    pub has_concept: bool,
    pub group: i64,
    pub type_rule: String,
}

/// The Python objects a `NativeDoc` mirrors (compared by identity)
struct Guard {
    text: Py<PyAny>,
    mentions: Py<PyAny>,
    sentences: Py<PyAny>,
    abbreviations: Py<PyAny>,
    roles: Py<PyAny>,
    proposed: Py<PyAny>,
}

/// The stages a `NativeDoc` is sealed at: the kg components that ran on it, in order
pub const DISCOVERED: u8 = 1;
pub const TYPED: u8 = 2;
pub const ROLES: u8 = 3;
pub const RELATIONS: u8 = 4;
pub const COUNTED: u8 = 5;

/// The Rust copy of a document's `DocState` (see the module documentation)
#[pyclass(module = "kg_native")]
pub struct NativeDoc {
    pub(crate) text: String,
    pub(crate) title_end: usize,
    pub(crate) sentences: Vec<(usize, usize)>,
    pub(crate) mentions: Vec<DocMention>,
    /// (long_start, long_end, short) of the abbreviations kept
    pub(crate) abbreviations: Vec<(usize, usize, String)>,
    pub(crate) proposed: Vec<(usize, usize)>,
    /// (mention, role value) of each role cue
    pub(crate) roles: Vec<(usize, &'static str)>,
    pub(crate) stage: u8,
    guard: Option<Guard>,
    /// what the doc holds for Python in held mode (`held.rs`), else None
    pub(crate) held: Option<Box<crate::held::Held>>,
}

fn same(a: &Py<PyAny>, b: &Bound<'_, PyAny>) -> bool {
    a.as_ptr() == b.as_ptr()
}

fn len_is(ob: &Bound<'_, PyAny>, n: usize) -> bool {
    ob.len().is_ok_and(|len| len == n)
}

impl NativeDoc {
    /// Whether the twin of the component after `stage` may read this doc for `state`
    fn valid(&self, state: &Bound<'_, PyAny>, stage: u8) -> PyResult<bool> {
        if self.stage != stage {
            return Ok(false);
        }
        let Some(g) = &self.guard else {
            return Ok(false);
        };
        let py = state.py();
        let text = state.getattr(pyo3::intern!(py, "text"))?;
        let mentions = state.getattr(pyo3::intern!(py, "mentions"))?;
        let sentences = state.getattr(pyo3::intern!(py, "sentences"))?;
        let abbreviations = state.getattr(pyo3::intern!(py, "abbreviations"))?;
        let roles = state.getattr(pyo3::intern!(py, "roles"))?;
        let proposed = state.getattr(pyo3::intern!(py, "proposed"))?;
        let title_end = state.getattr(pyo3::intern!(py, "title_end"))?;
        Ok(same(&g.text, &text)
            && same(&g.mentions, &mentions)
            && same(&g.sentences, &sentences)
            && same(&g.abbreviations, &abbreviations)
            && same(&g.roles, &roles)
            && same(&g.proposed, &proposed)
            && len_is(&mentions, self.mentions.len())
            && len_is(&sentences, self.sentences.len())
            && len_is(&abbreviations, self.abbreviations.len())
            && len_is(&roles, self.roles.len())
            && len_is(&proposed, self.proposed.len())
            && title_end.extract::<usize>().ok() == Some(self.title_end))
    }

    /// The `Head` of each mention as typing reads it first; None when a type is no
    /// `EntityType` value
    fn typing_heads(&self) -> Option<Vec<Head>> {
        self.mentions
            .iter()
            .map(|m| {
                let type_ = match &m.type_ {
                    None => None,
                    Some(v) => Some(TypingTy::from_value(v)?),
                };
                Some((m.group, m.has_concept, type_))
            })
            .collect()
    }

    /// Mention `i` as typing reads it whole
    fn typing_mention(&self, i: usize, head: Head) -> TypingMention {
        let m = &self.mentions[i];
        TypingMention {
            start: m.start,
            end: m.end,
            text: m.text.clone(),
            rule: m.rule.clone(),
            type_: head.2,
            has_concept: head.1,
            group: head.0,
        }
    }
}

#[pymethods]
impl NativeDoc {
    /// Seal the doc at `stage` for `state`, whose `mentions` are `mentions` (given when
    /// they are not yet set on the state) and whose other fields it mirrors; returns
    /// whether it is sealed (the state's lists are as long as the doc's, its text and
    /// title end the doc's).
    #[pyo3(signature = (state, stage, mentions=None))]
    fn seal(
        &mut self,
        state: &Bound<'_, PyAny>,
        stage: u8,
        mentions: Option<Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        let py = state.py();
        let text = state.getattr(pyo3::intern!(py, "text"))?;
        let mentions = match mentions {
            Some(m) => m,
            None => state.getattr(pyo3::intern!(py, "mentions"))?,
        };
        let guard = Guard {
            mentions: mentions.clone().unbind(),
            sentences: state.getattr(pyo3::intern!(py, "sentences"))?.unbind(),
            abbreviations: state.getattr(pyo3::intern!(py, "abbreviations"))?.unbind(),
            roles: state.getattr(pyo3::intern!(py, "roles"))?.unbind(),
            proposed: state.getattr(pyo3::intern!(py, "proposed"))?.unbind(),
            text: text.clone().unbind(),
        };
        let title_end: Option<usize> = state
            .getattr(pyo3::intern!(py, "title_end"))?
            .extract()
            .ok();
        let ok = text
            .cast::<PyString>()
            .is_ok_and(|t| t.to_str().is_ok_and(|t| t == self.text))
            && title_end == Some(self.title_end)
            && len_is(&mentions, self.mentions.len())
            && len_is(guard.sentences.bind(py), self.sentences.len())
            && len_is(guard.abbreviations.bind(py), self.abbreviations.len())
            && len_is(guard.roles.bind(py), self.roles.len())
            && len_is(guard.proposed.bind(py), self.proposed.len());
        self.guard = Some(guard);
        self.stage = if ok { stage } else { 0 };
        Ok(ok)
    }

    /// The stage the doc is sealed at (0: not usable)
    #[getter]
    fn stage(&self) -> u8 {
        self.stage
    }

    /// Whether the doc is held (`held.rs`): the state is the doc's, not Python's
    #[getter]
    fn held(&self) -> bool {
        self.held.is_some()
    }

    /// Whether the component after `stage` may use the doc for `state` (`valid`)
    #[pyo3(name = "valid")]
    fn valid_py(&self, state: &Bound<'_, PyAny>, stage: u8) -> PyResult<bool> {
        self.valid(state, stage)
    }

    /// (type value, type_rule) of each mention, as the doc holds them (for tests)
    fn types(&self) -> Vec<(Option<String>, String)> {
        self.mentions
            .iter()
            .map(|m| (m.type_.clone(), m.type_rule.clone()))
            .collect()
    }

    /// A copy of a state is another state: the copy of its doc is never valid, except
    /// a held doc's, which is the state (`held.rs`) and is copied whole
    fn __copy__(&self, py: Python<'_>) -> NativeDoc {
        self.copied(py)
    }

    fn __deepcopy__(&self, py: Python<'_>, _memo: &Bound<'_, PyAny>) -> NativeDoc {
        self.copied(py)
    }
}

impl NativeDoc {
    /// A held doc (`held.rs`) at the first held stage
    pub(crate) fn new_held(
        text: String,
        title_end: usize,
        sentences: Vec<(usize, usize)>,
        held: crate::held::Held,
    ) -> NativeDoc {
        NativeDoc {
            text,
            title_end,
            sentences,
            mentions: Vec::new(),
            abbreviations: Vec::new(),
            proposed: Vec::new(),
            roles: Vec::new(),
            stage: crate::held::SENTENCED,
            guard: None,
            held: Some(Box::new(held)),
        }
    }

    fn copied(&self, py: Python<'_>) -> NativeDoc {
        match &self.held {
            Some(held) => NativeDoc {
                stage: self.stage,
                held: Some(Box::new(held.clone_with(py))),
                ..self.unsealed_clone()
            },
            None => self.unsealed_clone(),
        }
    }

    fn unsealed_clone(&self) -> NativeDoc {
        NativeDoc {
            text: self.text.clone(),
            title_end: self.title_end,
            sentences: self.sentences.clone(),
            mentions: self.mentions.clone(),
            abbreviations: self.abbreviations.clone(),
            proposed: self.proposed.clone(),
            roles: self.roles.clone(),
            stage: 0,
            guard: None,
            held: None,
        }
    }

    /// The doc of `state` after discovery gave `out` (as `discovery._from_twin` applies
    /// it); None when a mention's text is not plain or `out` names no input mention.
    pub(crate) fn after_discovery(
        state: &state::DocState,
        out: &discovery::Out,
    ) -> Option<NativeDoc> {
        let (kept, proposed, abbr_ok) = out;
        let vocab = &state.mentions;
        let mut mentions = Vec::with_capacity(kept.len());
        for (s, e, text, rule, _conf, typ, specific, concept, group, source) in kept {
            let m = match source {
                Some(i) => {
                    let v = vocab.get(*i)?;
                    DocMention {
                        start: v.start,
                        end: v.end,
                        text: v.text.clone(),
                        rule: v.rule.clone(),
                        type_: typ.clone().or_else(|| v.type_.clone()),
                        specific: v.specific,
                        has_concept: v.concept.is_some(),
                        group: *group,
                        type_rule: v.type_rule.clone(),
                    }
                }
                None => DocMention {
                    start: *s,
                    end: *e,
                    text: text.clone(),
                    rule: rule.clone(),
                    type_: typ.clone(),
                    specific: *specific,
                    has_concept: match concept {
                        Some(c) => vocab.get(*c)?.concept.is_some(),
                        None => false,
                    },
                    group: *group,
                    type_rule: String::new(),
                },
            };
            if !pystr::plain(&m.text) {
                return None;
            }
            mentions.push(m);
        }
        let mut abbreviations = Vec::with_capacity(abbr_ok.len());
        for &i in abbr_ok {
            let a = state.abbreviations.get(i)?;
            abbreviations.push((a.long_start, a.long_end, a.short.clone()));
        }
        Some(NativeDoc {
            text: state.text.clone(),
            title_end: state.title_end,
            sentences: state.sentences.clone(),
            mentions,
            abbreviations,
            proposed: proposed.clone(),
            roles: Vec::new(),
            stage: 0,
            guard: None,
            held: None,
        })
    }
}

impl NativeDoc {
    /// Typing of the mentions (as `entity_typing.assign_types`), written into the doc's
    /// mentions; None when a type is no `EntityType` value
    pub(crate) fn run_typing(&mut self) -> PyResult<Option<Vec<entity_typing::Typed>>> {
        let Some(heads) = self.typing_heads() else {
            return Ok(None);
        };
        let this = &*self;
        let full = |i: usize| Ok(Some(this.typing_mention(i, heads[i])));
        let Some(typed) =
            entity_typing::installed().assign_read(&this.text, this.title_end, &heads, full)?
        else {
            return Ok(None);
        };
        for (m, (t, rule)) in self.mentions.iter_mut().zip(&typed) {
            m.type_ = t.map(String::from);
            m.type_rule = (*rule).to_string();
        }
        Ok(Some(typed))
    }

    /// The role cues of the doc (as `roles.assign_roles`); their roles are kept
    pub(crate) fn run_roles(&mut self) -> Vec<roles::RoleCue> {
        let rs = RoleState {
            text: self.text.clone(),
            title_end: self.title_end,
            sentences: self.sentences.clone(),
            mentions: self
                .mentions
                .iter()
                .map(|m| RoleMention {
                    start: m.start,
                    end: m.end,
                    text: m.text.clone(),
                    rule: m.rule.clone(),
                    type_: m.type_.as_deref().map(roles::type_value),
                    specific: m.specific,
                    known: m.has_concept,
                    group: m.group,
                })
                .collect(),
            abbreviations: self
                .abbreviations
                .iter()
                .map(|(long_start, long_end, short)| RoleAbbreviation {
                    long_start: *long_start,
                    long_end: *long_end,
                    short: short.clone(),
                })
                .collect(),
            proposed: self.proposed.clone(),
        };
        let cues = roles::assign_roles(&registry::registry(), &rs);
        self.roles.extend(cues.iter().map(|c| (c.0, c.1)));
        cues
    }

    /// The relation cues of the doc (as `relations.find_relations`)
    pub(crate) fn run_relations(&self) -> Vec<CueTuple> {
        let ms: Vec<Mn> = self
            .mentions
            .iter()
            .map(|m| Mn {
                start: m.start,
                end: m.end,
                text: &m.text,
                ty: RelTy::of(m.type_.as_deref()),
                specific: m.specific,
                group: m.group,
            })
            .collect();
        let reg = registry::registry();
        let cues = relations::find_relations(
            &reg,
            &self.text,
            self.title_end,
            &self.sentences,
            &ms,
            &self.roles,
        );
        cues.into_iter()
            .map(|c| (c.head, c.rel.value(), c.tail, c.rule, c.conf, c.sent))
            .collect()
    }

    /// The number cues of the doc (as `counts.find_numbers`); None when a number is too
    /// large
    pub(crate) fn run_numbers(&self) -> Option<Vec<counts::Cue>> {
        let mentions: Vec<counts::Mention> = self
            .mentions
            .iter()
            .enumerate()
            .filter_map(|(index, m)| {
                let hardware = m.type_.as_deref() == Some("Hardware");
                (hardware || m.type_.as_deref() == Some("Model")).then_some(counts::Mention {
                    index,
                    start: m.start,
                    end: m.end,
                    text: &m.text,
                    hardware,
                })
            })
            .collect();
        let reg = registry::registry();
        counts::find_numbers(&reg, &self.text, self.title_end, &self.sentences, &mentions).ok()
    }
}

/// `discovery.discover(text, state)` (as `discovery::Out`), with the `NativeDoc` of
/// its result (not sealed: Python seals it once it has applied the result; None when
/// the doc cannot be made), or None when the text is not plain
#[pyfunction]
pub fn discovery_discover_doc(
    state: state::DocState,
) -> Option<(discovery::Out, Option<NativeDoc>)> {
    if !pystr::plain(&state.text) {
        return None;
    }
    let out = discovery::discover(&registry::registry(), &state)?;
    let doc = NativeDoc::after_discovery(&state, &out);
    Some((out, doc))
}

/// `entity_typing.assign_types(state.text, state)` read from `doc` (sealed after
/// discovery), which then holds the types too: sets each mention's `type` (the member
/// of `members`, a dict by value, or None) and `type_rule` as the Python caller would
/// with `entity_typing_assign_types`'s output; returns whether it did (not when `doc`
/// is not valid for `state`, or a type is no `EntityType` value)
#[pyfunction]
pub fn entity_typing_assign_types_doc(
    mut doc: PyRefMut<'_, NativeDoc>,
    state: &Bound<'_, PyAny>,
    members: &Bound<'_, PyDict>,
) -> PyResult<bool> {
    if !doc.valid(state, DISCOVERED)? {
        return Ok(false);
    }
    let Some(typed) = doc.run_typing()? else {
        return Ok(false);
    };
    let py = state.py();
    let mentions = state.getattr(pyo3::intern!(py, "mentions"))?;
    let strings: Vec<PyTyped> = entity_typing::python_strings(py, typed);
    // `valid` saw the list as long as the doc's mentions
    for (m, (value, rule)) in mentions.try_iter()?.zip(strings) {
        let member = match value {
            Some(v) => members.get_item(v)?,
            None => None,
        };
        let m = m?;
        m.setattr(pyo3::intern!(py, "type"), member)?;
        m.setattr(pyo3::intern!(py, "type_rule"), rule)?;
    }
    doc.stage = TYPED;
    Ok(true)
}

/// The `RoleCue` objects `make` gave for each (mention, role value, rule, confidence):
/// `make` (held, so that its address names it) and the objects by cue
type CueObjects = (
    Py<PyAny>,
    HashMap<(usize, &'static str, String, u64), Py<PyAny>>,
);

/// How many cue objects `roles_assign_roles_doc` keeps before it starts over
const CUES_KEPT: usize = 4096;

/// `roles_assign_roles(state)` read from `doc` (sealed after typing), which then holds
/// the cues' roles: the cues as `make((mention, role value, rule, confidence))` gives
/// them (`roles._native_cue`: shared frozen `RoleCue`s, kept here too, so a cue seen
/// before costs no Python call); None when `doc` is not valid for `state`
#[pyfunction]
pub fn roles_assign_roles_doc(
    mut doc: PyRefMut<'_, NativeDoc>,
    state: &Bound<'_, PyAny>,
    make: &Bound<'_, PyAny>,
) -> PyResult<Option<Vec<Py<PyAny>>>> {
    if !doc.valid(state, TYPED)? {
        return Ok(None);
    }
    let cues = doc.run_roles();
    static OBJECTS: Mutex<Option<CueObjects>> = Mutex::new(None);
    let mut objects = OBJECTS.lock().unwrap_or_else(|e| e.into_inner());
    let known = match &mut *objects {
        Some((k, known)) if k.as_ptr() == make.as_ptr() && known.len() < CUES_KEPT => known,
        _ => {
            &mut objects
                .insert((make.clone().unbind(), HashMap::default()))
                .1
        }
    };
    let py = state.py();
    let mut out = Vec::with_capacity(cues.len());
    for (mention, role, rule, conf) in cues {
        let cue_key = (mention, role, rule, conf.to_bits());
        if let Some(ob) = known.get(&cue_key) {
            out.push(ob.clone_ref(py));
            continue;
        }
        let ob = make
            .call1(((mention, role, cue_key.2.as_str(), conf),))?
            .unbind();
        out.push(ob.clone_ref(py));
        known.insert(cue_key, ob);
    }
    doc.stage = ROLES;
    Ok(Some(out))
}

/// `relations_find_relations(state)` read from `doc` (sealed after roles); None when
/// `doc` is not valid for `state`
#[pyfunction]
pub fn relations_find_relations_doc(
    mut doc: PyRefMut<'_, NativeDoc>,
    state: &Bound<'_, PyAny>,
) -> PyResult<Option<Vec<CueTuple>>> {
    if !doc.valid(state, ROLES)? {
        return Ok(None);
    }
    let out = doc.run_relations();
    doc.stage = RELATIONS;
    Ok(Some(out))
}

/// `counts_find_numbers` of the state, read from `doc` (sealed after relations); None
/// when `doc` is not valid for `state` or a number is too large
#[pyfunction]
pub fn counts_find_numbers_doc(
    mut doc: PyRefMut<'_, NativeDoc>,
    state: &Bound<'_, PyAny>,
) -> PyResult<Option<Vec<counts::Cue>>> {
    if !doc.valid(state, RELATIONS)? {
        return Ok(None);
    }
    let out = doc.run_numbers();
    if out.is_some() {
        doc.stage = COUNTED;
    }
    Ok(out)
}

/// Adds `NativeDoc` and the `*_doc` twins to the module
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeDoc>()?;
    m.add_function(wrap_pyfunction!(discovery_discover_doc, m)?)?;
    m.add_function(wrap_pyfunction!(entity_typing_assign_types_doc, m)?)?;
    m.add_function(wrap_pyfunction!(roles_assign_roles_doc, m)?)?;
    m.add_function(wrap_pyfunction!(relations_find_relations_doc, m)?)?;
    m.add_function(wrap_pyfunction!(counts_find_numbers_doc, m)?)?;
    Ok(())
}
