//! The twin of `kg/extract/assemble.py`'s `assemble`: a document's final state (its
//! mentions, abbreviations and cues) into the entities and relations of its
//! `PaperExtraction`, in Python's order.
//!
//! `assemble` is pure Rust over a plain [`AsmInput`] (no Python objects), so the
//! state can stay in Rust from the first component to the last; `to_python` then
//! builds the `kg.models` objects once. Texts must be plain (ASCII, `pystr::plain`):
//! offsets are byte offsets and the name keys are `normalize::entity_key`'s.

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};
use pyo3::IntoPyObjectExt;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::normalize::{entity_key, entity_key_with};
use crate::registry::Registry;
use crate::state::sentence_of;

/// `tuple(Role)`, in declaration order (`assemble._ROLE_ORDER`); not in the registry,
/// so `tests/unit/extract/test_native_assemble.py` checks it against `kg.ontology`
pub const ROLES: [&str; 6] = [
    "proposes",
    "uses",
    "evaluates_on",
    "runs_on",
    "compares_with",
    "mentions",
];
const PROPOSES: usize = 0;
const USES: usize = 1;
const EVALUATES_ON: usize = 2;
const RUNS_ON: usize = 3;
const COMPARES_WITH: usize = 4;
const MENTIONS: usize = 5;

/// The `EntityType` values (checked by the same test)
pub const ENTITY_TYPES: [&str; 5] = ["Method", "System", "Hardware", "Dataset", "Model"];
const METHOD: &str = "Method";
const HARDWARE: &str = "Hardware";
const DATASET: &str = "Dataset";
const MODEL: &str = "Model";

/// The `Relation` values (checked by the same test)
pub const RELATIONS: [&str; 3] = ["extends", "implemented_in", "is_a"];

/// `roles.OWN_WORK_PRIOR` (checked by the same test)
pub const OWN_WORK_PRIOR: &str = "own_work_prior";
/// The rule and confidence of the role `assemble` adds to a dataset the paper releases
const OWN_DATASET: &str = "own_dataset";
const OWN_DATASET_CONFIDENCE: f64 = 0.6;

/// The `&'static` one of `values` equal to `value` (enum values cross as strings)
pub fn intern(values: &[&'static str], value: &str) -> Option<&'static str> {
    values.iter().copied().find(|v| *v == value)
}

/// `state.Mention`, the fields `assemble` reads
#[derive(Clone, Debug)]
pub struct AsmMention {
    pub start: usize,
    pub end: usize,
    pub text: Box<str>,
    pub group: i64,
    /// the `EntityType` value (one of [`ENTITY_TYPES`]), None when untyped
    pub type_: Option<&'static str>,
    pub specific: bool,
    /// the matched `VocabConcept`, an index into [`AsmInput::concepts`]
    pub concept: Option<usize>,
}

/// `kg.vocab.VocabConcept`, the fields `assemble` reads
#[derive(Clone, Debug)]
pub struct AsmConcept {
    pub id: Box<str>,
    pub pref_label: Box<str>,
    pub specific: bool,
    /// `entity_key(pref_label)` as Python computes it, for a label that is not plain
    /// (a few are not: "μP"); None for a plain one, which `assemble` keys itself
    pub pref_key: Option<Box<str>>,
}

/// `state.RoleCue`
#[derive(Clone, Debug)]
pub struct AsmRoleCue {
    pub mention: usize,
    /// the `Role` value, one of [`ROLES`]
    pub role: &'static str,
    pub rule: Box<str>,
    pub confidence: f64,
}

/// `state.RelationCue`
#[derive(Clone, Debug)]
pub struct AsmRelationCue {
    pub head: usize,
    /// the `Relation` value, one of [`RELATIONS`]
    pub relation: &'static str,
    pub tail: usize,
    pub rule: Box<str>,
    pub confidence: f64,
    pub sent: (usize, usize),
}

/// `state.NumberCue`'s `attribute`: only "count" and "parameters" are read
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attribute {
    Count,
    Parameters,
    Other,
}

impl Attribute {
    pub fn of(attribute: &str) -> Attribute {
        match attribute {
            "count" => Attribute::Count,
            "parameters" => Attribute::Parameters,
            _ => Attribute::Other,
        }
    }
}

/// `state.NumberCue`
#[derive(Clone, Debug)]
pub struct AsmNumberCue {
    pub mention: usize,
    pub attribute: Attribute,
    pub value: i64,
}

/// What `assemble(paper, state, text)` reads: `text` (= `state.text`), `paper.title`
/// and the `DocState`'s lists (cue indices index `mentions`)
#[derive(Clone, Debug, Default)]
pub struct AsmInput {
    pub text: Box<str>,
    pub title: Box<str>,
    pub title_end: usize,
    pub sentences: Vec<(usize, usize)>,
    pub mentions: Vec<AsmMention>,
    pub concepts: Vec<AsmConcept>,
    /// `a.short` of every abbreviation
    pub shorts: Vec<Box<str>>,
    pub roles: Vec<AsmRoleCue>,
    pub relations: Vec<AsmRelationCue>,
    pub numbers: Vec<AsmNumberCue>,
}

/// `kg.models.Evidence` without its sentence (`text[start:end]`)
#[derive(Clone, Debug, PartialEq)]
pub struct AsmEvidence<'a> {
    pub start: usize,
    pub end: usize,
    pub rule: &'a str,
    pub confidence: f64,
}

/// `kg.models.ExtractedEntity` (its `alt_types` are always empty)
#[derive(Clone, Debug, PartialEq)]
pub struct AsmEntity<'a> {
    pub name: &'a str,
    pub type_: &'static str,
    pub aliases: Vec<&'a str>,
    pub specific: bool,
    pub roles: Vec<&'static str>,
    pub count: Option<i64>,
    pub parameters: Option<i64>,
    pub vocab_id: Option<&'a str>,
    /// (role, evidence) for each of `roles`, in order
    pub evidence: Vec<(&'static str, AsmEvidence<'a>)>,
}

/// `kg.models.ExtractedRelation`
#[derive(Clone, Debug, PartialEq)]
pub struct AsmRelation<'a> {
    pub head: &'a str,
    pub type_: &'static str,
    pub tail: &'a str,
    pub evidence: AsmEvidence<'a>,
}

/// The `PaperExtraction`'s entities and relations (its paper is the caller's)
#[derive(Clone, Debug, PartialEq)]
pub struct AsmOutput<'a> {
    /// the text the evidence offsets index
    pub text: &'a str,
    pub entities: Vec<AsmEntity<'a>>,
    pub relations: Vec<AsmRelation<'a>>,
}

/// `text[start:end]` with Python's clamping
pub fn slice(text: &str, start: usize, end: usize) -> &str {
    let end = end.min(text.len());
    if start >= end {
        ""
    } else {
        &text[start..end]
    }
}

/// A role cue as `assemble` keeps it (the one it adds for an own dataset is not in
/// the state)
#[derive(Clone, Copy)]
struct Cue<'a> {
    mention: usize,
    rule: &'a str,
    confidence: f64,
}

/// Per role (in `ROLES` order), the kept cue: `_best_cues`'s dict of one group
type ByRole<'a> = [Option<Cue<'a>>; 6];

fn role_index(role: &str) -> usize {
    ROLES
        .iter()
        .position(|r| *r == role)
        .unwrap_or_else(|| panic!("kg_native: unknown role {role}"))
}

/// `_name_of(texts, forms, short_forms)`
fn name_of<'a>(texts: &[&'a str], forms: &[&'a str], shorts: &FxHashSet<&str>) -> &'a str {
    if forms.len() == 1 {
        return texts[0];
    }
    let defined: Vec<&'a str> = forms
        .iter()
        .copied()
        .filter(|f| shorts.contains(f))
        .collect();
    let candidates = if defined.is_empty() { forms } else { &defined };
    let count = |f: &str| texts.iter().filter(|t| **t == f).count();
    // max keeps the first of equal counts
    let mut best = candidates[0];
    let mut most = count(best);
    for &f in &candidates[1..] {
        let n = count(f);
        if n > most {
            best = f;
            most = n;
        }
    }
    best
}

/// The pattern `assemble._ACRONYM_PLURAL` is read as by hand while it is this one
const ACRONYM_PLURAL: &str = "^[A-Z][A-Z0-9]+s$";

/// `bool(_ACRONYM_PLURAL.match(name))`: a capital, capitals or digits, a final "s"
/// (`$`: at the end or before a final newline); by the pattern itself once it changes
fn acronym_plural(rx: &crate::pyre::Rx, name: &str) -> bool {
    if !rx.is(ACRONYM_PLURAL) {
        return rx.match_at(name, 0, name.len()).is_some();
    }
    let b = name.as_bytes();
    let b = b.strip_suffix(b"\n").unwrap_or(b);
    match b {
        [first, middle @ .., b's'] => {
            first.is_ascii_uppercase()
                && !middle.is_empty()
                && middle
                    .iter()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        }
        _ => false,
    }
}

/// `_chosen_roles(by_role)` (indices into `ROLES`)
fn chosen_roles(by_role: &ByRole) -> Vec<usize> {
    if by_role[PROPOSES].is_some() {
        return vec![PROPOSES];
    }
    let present: Vec<usize> = (0..ROLES.len()).filter(|&r| by_role[r].is_some()).collect();
    if present.len() == 1 {
        return present;
    }
    let mut roles: Vec<usize> = present.into_iter().filter(|&r| r != MENTIONS).collect();
    if let Some(uses) = by_role[USES] {
        if uses.rule == OWN_WORK_PRIOR && by_role[COMPARES_WITH].is_some() {
            roles.retain(|&r| r != USES);
        }
    }
    roles
}

/// `_own_dataset_role(forms, title)`
fn own_dataset_role(reg: &Registry, forms: &[&str], title: &str) -> usize {
    let rx = reg.rx("assemble._BENCHMARK");
    if rx.is_search(title) || forms.iter().any(|f| rx.is_search(f)) {
        EVALUATES_ON
    } else {
        USES
    }
}

/// `_head_noun_groups(mentions, text)`
fn head_noun_groups(mentions: &[AsmMention], text: &str) -> FxHashSet<i64> {
    let mut after_specific: FxHashSet<usize> = FxHashSet::default();
    let mut generic: Vec<&AsmMention> = Vec::new();
    for m in mentions {
        if m.type_ == Some(HARDWARE) {
            if m.specific {
                after_specific.insert(m.end + 1);
            } else {
                generic.push(m);
            }
        }
    }
    if after_specific.is_empty() || generic.is_empty() {
        return FxHashSet::default();
    }
    generic.sort_by_key(|m| m.start); // stable, as `sorted`
    let mut heads: Vec<(i64, bool)> = Vec::new();
    for m in generic {
        let head = after_specific.contains(&m.start);
        if head
            && text
                .as_bytes()
                .get(m.end..)
                .is_some_and(|t| t.starts_with(b" ("))
        {
            // its short form in parentheses right after it
            after_specific.insert(m.end + 2);
        }
        match heads.iter_mut().find(|(g, _)| *g == m.group) {
            Some((_, only)) => *only = *only && head,
            None => heads.push((m.group, head)),
        }
    }
    heads
        .into_iter()
        .filter_map(|(g, only)| only.then_some(g))
        .collect()
}

/// `entity_key(concept.pref_label)`
fn pref_key(reg: &Registry, concept: &AsmConcept) -> String {
    match &concept.pref_key {
        Some(key) => key.to_string(),
        None => entity_key(reg, &concept.pref_label),
    }
}

/// `assemble(paper, state, text)`: the entities and relations of the extraction, in
/// Python's order
pub fn assemble<'a>(input: &'a AsmInput, reg: &Registry) -> AsmOutput<'a> {
    let text: &'a str = &input.text;
    let mentions = &input.mentions;
    // groups in order of first mention
    let mut group_pos: FxHashMap<i64, usize> = FxHashMap::default();
    let mut groups: Vec<(i64, Vec<usize>)> = Vec::with_capacity(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        match group_pos.get(&m.group) {
            Some(&p) => groups[p].1.push(i),
            None => {
                group_pos.insert(m.group, groups.len());
                groups.push((m.group, vec![i]));
            }
        }
    }
    let shorts: FxHashSet<&str> = input.shorts.iter().map(|s| &**s).collect();
    // _best_cues: per group, the most confident cue of each role (the first on a tie)
    let mut best: Vec<Option<ByRole<'a>>> = vec![None; groups.len()];
    for cue in &input.roles {
        let p = group_pos[&mentions[cue.mention].group];
        let by_role = best[p].get_or_insert([None; 6]);
        let slot = &mut by_role[role_index(cue.role)];
        if slot.is_none_or(|prev| cue.confidence > prev.confidence) {
            *slot = Some(Cue {
                mention: cue.mention,
                rule: &cue.rule,
                confidence: cue.confidence,
            });
        }
    }
    // numbers_of: (group, attribute) -> values, in order
    let mut counts_of: Vec<Vec<i64>> = vec![Vec::new(); groups.len()];
    let mut params_of: Vec<Vec<i64>> = vec![Vec::new(); groups.len()];
    for n in &input.numbers {
        let p = group_pos[&mentions[n.mention].group];
        match n.attribute {
            Attribute::Count => counts_of[p].push(n.value),
            Attribute::Parameters => params_of[p].push(n.value),
            Attribute::Other => {}
        }
    }

    let mut entities: Vec<AsmEntity<'a>> = Vec::with_capacity(groups.len());
    // the name of each group made an entity and its `entity_key`, by group position
    let mut names: Vec<Option<(&'a str, String)>> = vec![None; groups.len()];
    let head_nouns = head_noun_groups(mentions, text);
    let plural = reg.rx("assemble._ACRONYM_PLURAL");
    // `entity_key` is computed once per form: `is_non_entity(f)` is its key's being
    // one of `NON_ENTITY_KEYS`, and the name and aliases are forms
    let key_rx = reg.rx("normalize._ACRONYM_PLURAL");
    let non_entity = reg.words("normalize.NON_ENTITY_KEYS");
    let key = |s: &str| entity_key_with(key_rx, s);
    let mut texts: Vec<&'a str> = Vec::new();
    let mut forms: Vec<&'a str> = Vec::new();
    let mut form_keys: Vec<String> = Vec::new();
    for (p, (g, ms)) in groups.iter().enumerate() {
        if head_nouns.contains(g) {
            continue;
        }
        texts.clear();
        texts.extend(ms.iter().map(|&i| &*mentions[i].text));
        forms.clear();
        for &t in &texts {
            if !forms.contains(&t) {
                forms.push(t);
            }
        }
        form_keys.clear();
        form_keys.extend(forms.iter().map(|f| key(f)));
        if form_keys.iter().all(|k| non_entity.contains(k)) {
            continue;
        }
        let mut name = name_of(&texts, &forms, &shorts);
        if acronym_plural(plural, name) {
            name = &name[..name.len() - 1]; // "GPUs" -> "GPU", "GPUs" an alias
        }
        let name_key = match forms.iter().position(|f| *f == name) {
            // that form is no alias: its key is not read again
            Some(i) => std::mem::take(&mut form_keys[i]),
            None => key(name),
        };
        let mut aliases: Vec<&'a str> = forms.iter().copied().filter(|f| *f != name).collect();
        let etype = mentions[ms[0]].type_.unwrap_or(METHOD);
        let mut by_role = best[p];
        let mut roles: Vec<usize> = by_role.as_ref().map(chosen_roles).unwrap_or_default();
        if etype == HARDWARE && roles.contains(&RUNS_ON) {
            roles.retain(|&r| r != COMPARES_WITH);
        } else if etype == DATASET && roles == [PROPOSES] {
            if let Some(b) = by_role.as_mut() {
                let own = b[PROPOSES].expect("proposes");
                let extra = own_dataset_role(reg, &forms, &input.title);
                b[extra] = Some(Cue {
                    mention: own.mention,
                    rule: OWN_DATASET,
                    confidence: OWN_DATASET_CONFIDENCE,
                });
                roles = vec![PROPOSES, extra];
            }
        }
        let evidence = roles
            .iter()
            .map(|&r| {
                let cue = by_role.as_ref().and_then(|b| b[r]).expect("a chosen role");
                let (start, end) = sentence_of(
                    &input.sentences,
                    input.title_end,
                    mentions[cue.mention].start,
                );
                (
                    ROLES[r],
                    AsmEvidence {
                        start,
                        end,
                        rule: cue.rule,
                        confidence: cue.confidence,
                    },
                )
            })
            .collect();
        let count = if etype == HARDWARE && roles.contains(&RUNS_ON) {
            counts_of[p].iter().copied().max()
        } else {
            None
        };
        let parameters = if etype == MODEL {
            params_of[p].first().copied()
        } else {
            None
        };
        let concept = ms
            .iter()
            .find_map(|&i| mentions[i].concept)
            .map(|c| &input.concepts[c]);
        if let Some(c) = concept {
            // `_pref_label_alias(concept, name, aliases)`: the aliases are the other forms
            let pref = pref_key(reg, c);
            let alias_keys = forms.iter().zip(&form_keys).filter(|(f, _)| **f != name);
            if name_key != pref && alias_keys.into_iter().all(|(_, k)| *k != pref) {
                aliases.push(&c.pref_label);
            }
        }
        entities.push(AsmEntity {
            name,
            type_: etype,
            aliases,
            specific: match concept {
                Some(c) => c.specific,
                None => ms.iter().any(|&i| mentions[i].specific),
            },
            roles: roles.iter().map(|&r| ROLES[r]).collect(),
            count,
            parameters,
            vocab_id: concept.map(|c| &*c.id),
            evidence,
        });
        names[p] = Some((name, name_key));
    }

    // one relation per ordered pair of groups: the most confident (`sorted` is stable)
    let mut order: Vec<&'a AsmRelationCue> = input.relations.iter().collect();
    order.sort_by(|a, b| {
        b.confidence
            .partial_cmp(&a.confidence)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut seen_pairs: FxHashSet<(usize, usize)> = FxHashSet::default();
    let mut relations: Vec<AsmRelation<'a>> = Vec::new();
    for r in order {
        let hp = group_pos[&mentions[r.head].group];
        let tp = group_pos[&mentions[r.tail].group];
        if hp == tp {
            continue;
        }
        let (Some((head, head_key)), Some((tail, tail_key))) = (&names[hp], &names[tp]) else {
            continue;
        };
        if seen_pairs.contains(&(hp, tp)) || head_key == tail_key {
            continue;
        }
        seen_pairs.insert((hp, tp));
        let (start, end) = r.sent;
        relations.push(AsmRelation {
            head,
            type_: r.relation,
            tail,
            evidence: AsmEvidence {
                start,
                end,
                rule: &r.rule,
                confidence: r.confidence,
            },
        });
    }
    AsmOutput {
        text,
        entities,
        relations: reduce(relations),
    }
}

/// `_reduce(relations)`: drop `A r C` where `A r B` and `B r C` hold
fn reduce(relations: Vec<AsmRelation<'_>>) -> Vec<AsmRelation<'_>> {
    if relations.len() < 3 {
        return relations;
    }
    let pairs: FxHashSet<(&str, &str, &str)> = relations
        .iter()
        .map(|r| (r.head, r.type_, r.tail))
        .collect();
    let mut tails: FxHashMap<(&str, &str), Vec<&str>> = FxHashMap::default();
    for &(h, t, tl) in &pairs {
        tails.entry((h, t)).or_default().push(tl);
    }
    let keep: Vec<bool> = relations
        .iter()
        .map(|r| {
            !tails[&(r.head, r.type_)]
                .iter()
                .any(|&b| b != r.tail && pairs.contains(&(b, r.type_, r.tail)))
        })
        .collect();
    relations
        .into_iter()
        .zip(keep)
        .filter_map(|(r, k)| k.then_some(r))
        .collect()
}

/// A `kg.models` dataclass and how to make one. Calling the class runs its Python
/// `__init__` (for a frozen class, an `object.__setattr__` per field); when the class
/// has exactly the fields `to_python` fills, in order, no `__post_init__` and
/// `object`'s `__new__`, the instance is made as that `__init__` makes it, by the C
/// calls behind `object.__new__(cls)` and `object.__setattr__(ob, field, value)`,
/// without a Python frame (a third of the cost)
pub struct Class {
    pub class: Py<PyType>,
    /// the interned field names, when the class may be made directly
    fields: Option<Vec<Py<PyString>>>,
}

impl Class {
    fn of(models: &Bound<'_, PyModule>, name: &str, fields: &[&str]) -> PyResult<Class> {
        let py = models.py();
        let class = models.getattr(name)?.cast_into::<PyType>()?;
        let have: Vec<String> = py
            .import("dataclasses")?
            .call_method1("fields", (&class,))?
            .try_iter()?
            .map(|f| f?.getattr("name")?.extract::<String>())
            .collect::<PyResult<_>>()?;
        let object = py.import("builtins")?.getattr("object")?;
        let direct = have == fields
            && !class.hasattr("__post_init__")?
            && class.getattr("__new__")?.is(object.getattr("__new__")?);
        Ok(Class {
            fields: direct.then(|| {
                fields
                    .iter()
                    .map(|f| PyString::intern(py, f).unbind())
                    .collect()
            }),
            class: class.unbind(),
        })
    }

    /// `cls(*args)`
    fn make<'py>(
        &self,
        py: Python<'py>,
        args: &[Bound<'py, PyAny>],
    ) -> PyResult<Bound<'py, PyAny>> {
        let class = self.class.bind(py);
        let Some(fields) = &self.fields else {
            return class.call1(PyTuple::new(py, args)?);
        };
        // SAFETY: `class` is a live type object (cast checked in `of`) whose `__new__` is
        // `object.__new__`, which allocates by the type's `tp_alloc`, `PyType_GenericAlloc`
        // for a class defined in Python; the new reference is owned by the `Bound`.
        let ob = unsafe {
            Bound::from_owned_ptr_or_err(py, ffi::PyType_GenericAlloc(class.as_type_ptr(), 0))?
        };
        for (name, value) in fields.iter().zip(args) {
            // SAFETY: three live objects; `object.__setattr__` is this generic setter (it
            // skips a frozen class's own `__setattr__`, as the dataclass `__init__` does)
            // and it takes its own reference to `value`.
            let rc =
                unsafe { ffi::PyObject_GenericSetAttr(ob.as_ptr(), name.as_ptr(), value.as_ptr()) };
            if rc != 0 {
                return Err(PyErr::fetch(py));
            }
        }
        Ok(ob)
    }
}

/// The `kg.models` classes `to_python` builds, and the strings it reuses
pub struct Classes {
    pub paper_extraction: Py<PyAny>,
    pub entity: Class,
    pub relation: Class,
    pub evidence: Class,
    /// the values of `ROLES`, `ENTITY_TYPES` and `RELATIONS`, in order
    values: Vec<(&'static str, Py<PyString>)>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

impl Classes {
    /// The classes of `kg.models`, imported once per process
    pub fn get(py: Python<'_>) -> PyResult<&'static Classes> {
        CLASSES.get_or_try_init(py, || {
            let models = py.import("kg.models")?;
            let values = ROLES
                .iter()
                .chain(&ENTITY_TYPES)
                .chain(&RELATIONS)
                .map(|v| (*v, PyString::intern(py, v).unbind()))
                .collect();
            Ok(Classes {
                paper_extraction: models.getattr("PaperExtraction")?.unbind(),
                entity: Class::of(
                    &models,
                    "ExtractedEntity",
                    &[
                        "name",
                        "type",
                        "aliases",
                        "alt_types",
                        "specific",
                        "roles",
                        "count",
                        "parameters",
                        "vocab_id",
                        "evidence",
                    ],
                )?,
                relation: Class::of(
                    &models,
                    "ExtractedRelation",
                    &["head", "type", "tail", "evidence"],
                )?,
                evidence: Class::of(
                    &models,
                    "Evidence",
                    &["sentence", "start", "end", "rule", "confidence"],
                )?,
                values,
            })
        })
    }

    /// The Python string of an enum value (one of the constants above)
    fn value<'py>(&self, py: Python<'py>, v: &'static str) -> Bound<'py, PyAny> {
        match self.values.iter().find(|(k, _)| *k == v) {
            Some((_, s)) => s.bind(py).clone().into_any(),
            None => PyString::new(py, v).into_any(),
        }
    }
}

/// The Python strings `to_python` made, by the address of the text they copy (the
/// output borrows its names, rules and sentences from one input), so that each is
/// made once
struct Strings<'py> {
    py: Python<'py>,
    made: FxHashMap<(usize, usize), Bound<'py, PyAny>>,
}

impl<'py> Strings<'py> {
    fn get(&mut self, s: &str) -> Bound<'py, PyAny> {
        let py = self.py;
        self.made
            .entry((s.as_ptr() as usize, s.len()))
            .or_insert_with(|| PyString::new(py, s).into_any())
            .clone()
    }
}

fn opt<'py, T: IntoPyObject<'py>>(py: Python<'py>, v: Option<T>) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Some(v) => v.into_bound_py_any(py)?,
        None => py.None().into_bound(py),
    })
}

/// `Evidence(text[start:end], start, end, rule, confidence)`
fn evidence<'py>(
    py: Python<'py>,
    classes: &Classes,
    text: &str,
    strings: &mut Strings<'py>,
    ev: &AsmEvidence,
) -> PyResult<Bound<'py, PyAny>> {
    let args = [
        strings.get(slice(text, ev.start, ev.end)),
        ev.start.into_bound_py_any(py)?,
        ev.end.into_bound_py_any(py)?,
        strings.get(ev.rule),
        ev.confidence.into_bound_py_any(py)?,
    ];
    classes.evidence.make(py, &args)
}

/// The `PaperExtraction(paper, entities, relations)` of `out`
pub fn to_python(
    py: Python<'_>,
    paper: &Bound<'_, PyAny>,
    out: &AsmOutput,
    classes: &Classes,
) -> PyResult<Py<PyAny>> {
    let mut strings = Strings {
        py,
        made: FxHashMap::default(),
    };
    let entities = PyList::empty(py);
    for e in &out.entities {
        let ev = PyDict::new(py);
        let roles = PyList::empty(py);
        for &role in &e.roles {
            roles.append(classes.value(py, role))?;
        }
        for (role, x) in &e.evidence {
            let x = evidence(py, classes, out.text, &mut strings, x)?;
            ev.set_item(classes.value(py, role), x)?;
        }
        let aliases = PyList::empty(py);
        for a in &e.aliases {
            aliases.append(strings.get(a))?;
        }
        let args = [
            strings.get(e.name),
            classes.value(py, e.type_),
            aliases.into_any(),
            PyList::empty(py).into_any(),
            e.specific.into_bound_py_any(py)?,
            roles.into_any(),
            opt(py, e.count)?,
            opt(py, e.parameters)?,
            opt(py, e.vocab_id.map(|v| strings.get(v)))?,
            ev.into_any(),
        ];
        entities.append(classes.entity.make(py, &args)?)?;
    }
    let relations = PyList::empty(py);
    for r in &out.relations {
        let args = [
            strings.get(r.head),
            classes.value(py, r.type_),
            strings.get(r.tail),
            evidence(py, classes, out.text, &mut strings, &r.evidence)?,
        ];
        relations.append(classes.relation.make(py, &args)?)?;
    }
    Ok(classes
        .paper_extraction
        .bind(py)
        .call1((paper, entities, relations))?
        .unbind())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(xs: &[&'static str]) -> Vec<&'static str> {
        xs.to_vec()
    }

    #[test]
    fn name_is_the_most_used_defined_short_form() {
        let shorts: FxHashSet<&str> = ["MoE"].into_iter().collect();
        let texts = v(&["mixture of experts", "MoE", "mixture of experts"]);
        let forms = v(&["mixture of experts", "MoE"]);
        assert_eq!(name_of(&texts, &forms, &shorts), "MoE");
        let none = FxHashSet::default();
        assert_eq!(name_of(&texts, &forms, &none), "mixture of experts");
        // a tie keeps the first form
        assert_eq!(name_of(&v(&["a", "b"]), &v(&["a", "b"]), &none), "a");
        assert_eq!(name_of(&v(&["a", "b", "b"]), &v(&["a", "b"]), &none), "b");
    }

    fn cue(rule: &'static str, confidence: f64) -> Option<Cue<'static>> {
        Some(Cue {
            mention: 0,
            rule,
            confidence,
        })
    }

    #[test]
    fn chosen_roles_follow_python() {
        let mut b: ByRole = [None; 6];
        b[MENTIONS] = cue("x", 0.5);
        assert_eq!(chosen_roles(&b), vec![MENTIONS]);
        b[USES] = cue(OWN_WORK_PRIOR, 0.5);
        assert_eq!(chosen_roles(&b), vec![USES]);
        b[COMPARES_WITH] = cue("x", 0.5);
        assert_eq!(chosen_roles(&b), vec![COMPARES_WITH]);
        b[USES] = cue("y", 0.5);
        assert_eq!(chosen_roles(&b), vec![USES, COMPARES_WITH]);
        b[PROPOSES] = cue("y", 0.5);
        assert_eq!(chosen_roles(&b), vec![PROPOSES]);
    }

    fn rel<'a>(h: &'a str, t: &'a str) -> AsmRelation<'a> {
        AsmRelation {
            head: h,
            type_: "is_a",
            tail: t,
            evidence: AsmEvidence {
                start: 0,
                end: 0,
                rule: "r",
                confidence: 0.5,
            },
        }
    }

    #[test]
    fn reduce_keeps_the_direct_parent() {
        let out = reduce(vec![rel("A", "C"), rel("A", "B"), rel("B", "C")]);
        let pairs: Vec<(&str, &str)> = out.iter().map(|r| (r.head, r.tail)).collect();
        assert_eq!(pairs, vec![("A", "B"), ("B", "C")]);
        assert_eq!(reduce(vec![rel("A", "C"), rel("A", "B")]).len(), 2);
    }

    #[test]
    fn acronym_plural_is_the_pattern() {
        let hand = crate::pyre::Rx::new(ACRONYM_PLURAL, 32).expect("pattern");
        let other = crate::pyre::Rx::new("^[A-Z][A-Z0-9]+s$(?#same)", 32).expect("pattern");
        assert!(!other.is(ACRONYM_PLURAL));
        for name in [
            "GPUs", "LLMs", "A1s", "As", "s", "", "GPUs\n", "GPUs\n\n", "GPUS", "gPUs", "GP-Us",
            "H100s", "GPUss", "ZLMs",
        ] {
            assert_eq!(
                acronym_plural(&hand, name),
                acronym_plural(&other, name),
                "{name:?}"
            );
        }
    }

    #[test]
    fn slice_clamps_as_python() {
        assert_eq!(slice("abc", 1, 9), "bc");
        assert_eq!(slice("abc", 2, 1), "");
        assert_eq!(slice("abc", 5, 9), "");
    }
}
