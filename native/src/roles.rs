//! Twin of `kg/extract/roles.py`: `assign_roles` and everything it calls (`cue_starts`,
//! `rare_cues`, `proposed_groups`, `first_own_work`, `mention_role`,
//! `_compared_as_a_class`, `_use_the_recurring_topic`, ...), for plain text.
//!
//! On plain (ASCII) text `cue_starts` always finds its `Cues` and `rare_cues` its
//! `RareCues`, so only the Python paths with them are ported.
//!
//! `assign_roles` takes the `Registry`; the functions it calls take the `Rules` (the
//! registry entries the rules read, looked up once: `Rules::new(&reg)`). The state
//! crosses as a `RoleState`, the fields of the Python `DocState` the rules read (one
//! can be made from a `state::DocState`).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::pyre::Rx;
use crate::pystr;
use crate::registry::Registry;
use crate::relations::SentenceGroups;
use crate::state;
use pyo3::prelude::*;
use pyo3::types::PyString;

mod mention;
mod proposed;
mod rules;

pub use mention::mention_role;
use mention::trained_on;
pub use proposed::proposed_groups;
pub use rules::Rules;

/// `state.Mention`, the fields the roles read: whether a vocabulary concept matched
/// (`known`), not the concept itself
#[derive(Clone, Debug, FromPyObject)]
pub struct RoleMention {
    #[pyo3(attribute)]
    pub start: usize,
    #[pyo3(attribute)]
    pub end: usize,
    #[pyo3(attribute)]
    pub text: String,
    #[pyo3(attribute)]
    pub rule: String,
    /// the `EntityType` value, if typed
    #[pyo3(attribute("type"), from_py_with = entity_type)]
    pub type_: Option<&'static str>,
    #[pyo3(attribute)]
    pub specific: bool,
    #[pyo3(attribute("concept"), from_py_with = is_given)]
    pub known: bool,
    #[pyo3(attribute)]
    pub group: i64,
}

/// `state.Abbreviation`, the fields the roles read
#[derive(Clone, Debug, FromPyObject)]
pub struct RoleAbbreviation {
    #[pyo3(attribute)]
    pub long_start: usize,
    #[pyo3(attribute)]
    pub long_end: usize,
    #[pyo3(attribute)]
    pub short: String,
}

/// `state.DocState` as the roles read it (a lighter crossing than `state::DocState`,
/// which it can also be made from)
#[derive(Clone, Debug, FromPyObject)]
pub struct RoleState {
    #[pyo3(attribute)]
    pub text: String,
    #[pyo3(attribute)]
    pub title_end: usize,
    #[pyo3(attribute)]
    pub sentences: Vec<(usize, usize)>,
    #[pyo3(attribute)]
    pub mentions: Vec<RoleMention>,
    #[pyo3(attribute)]
    pub abbreviations: Vec<RoleAbbreviation>,
    #[pyo3(attribute)]
    pub proposed: Vec<(usize, usize)>,
}

/// The `EntityType` values, as the rules compare them
const ENTITY_TYPES: [&str; 5] = [METHOD, SYSTEM, HARDWARE, DATASET, MODEL];

fn entity_type(ob: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
    if ob.is_none() {
        return Ok(None);
    }
    Ok(Some(type_value(ob.cast::<PyString>()?.to_str()?)))
}

/// An `EntityType` value as the static string the roles compare ("" for another)
pub fn type_value(value: &str) -> &'static str {
    ENTITY_TYPES
        .iter()
        .copied()
        .find(|&t| t == value)
        .unwrap_or("")
}

fn is_given(ob: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(!ob.is_none())
}

impl From<&state::DocState> for RoleState {
    fn from(st: &state::DocState) -> RoleState {
        RoleState {
            text: st.text.clone(),
            title_end: st.title_end,
            sentences: st.sentences.clone(),
            mentions: st
                .mentions
                .iter()
                .map(|m| RoleMention {
                    start: m.start,
                    end: m.end,
                    text: m.text.clone(),
                    rule: m.rule.clone(),
                    type_: m.type_.as_deref().map(type_value),
                    specific: m.specific,
                    known: m.concept.is_some(),
                    group: m.group,
                })
                .collect(),
            abbreviations: st
                .abbreviations
                .iter()
                .map(|a| RoleAbbreviation {
                    long_start: a.long_start,
                    long_end: a.long_end,
                    short: a.short.clone(),
                })
                .collect(),
            proposed: st.proposed.clone(),
        }
    }
}

impl RoleState {
    /// `sentence_of(offset)`
    pub fn sentence_of(&self, offset: usize) -> (usize, usize) {
        state::sentence_of(&self.sentences, self.title_end, offset)
    }

    /// `mention_sentences()`
    pub fn mention_sentences(&self) -> Vec<(usize, usize)> {
        self.mentions
            .iter()
            .map(|m| self.sentence_of(m.start))
            .collect()
    }

    /// `lowered()` (plain text: `text.lower()`)
    pub fn lowered(&self) -> String {
        self.text.to_ascii_lowercase()
    }
}

/// One `RoleCue`: mention, role value, rule, confidence
pub type RoleCue = (usize, &'static str, String, f64);

/// A role cue as `mention_role` gives it: role value, rule, confidence
pub type Verdict = (&'static str, &'static str, f64);

// the values of `kg.ontology.Role`
const PROPOSES: &str = "proposes";
const USES: &str = "uses";
const EVALUATES_ON: &str = "evaluates_on";
const RUNS_ON: &str = "runs_on";
const COMPARES_WITH: &str = "compares_with";
const MENTIONS: &str = "mentions";

// the values of `kg.ontology.EntityType` that the rules test for
const HARDWARE: &str = "Hardware";
const DATASET: &str = "Dataset";
const SYSTEM: &str = "System";
const METHOD: &str = "Method";
const MODEL: &str = "Model";

/// `roles.OWN_WORK_PRIOR`
const OWN_WORK_PRIOR: &str = "own_work_prior";

fn is_type(m: &RoleMention, t: &str) -> bool {
    m.type_ == Some(t)
}

/// `text[a:b]` for non-negative `a`, `b` (clamped; empty when `a >= b`)
fn sl(text: &str, a: usize, b: usize) -> &str {
    let b = b.min(text.len());
    if a >= b {
        ""
    } else {
        &text[a..b]
    }
}

/// `text.startswith(prefix, at)`, `at` possibly negative (Python's slice semantics)
fn starts_at(text: &str, prefix: &str, at: i64) -> bool {
    let n = text.len() as i64;
    let at = if at < 0 { (at + n).max(0) } else { at };
    if at > n {
        return false;
    }
    text[at as usize..].starts_with(prefix)
}

/// `text.startswith(prefixes, at)` for `at >= 0` (a prefix's first byte is compared
/// before the rest: most differ there)
fn starts_any(text: &str, prefixes: &[String], at: usize) -> bool {
    if at > text.len() {
        return false;
    }
    let rest = &text.as_bytes()[at..];
    prefixes.iter().any(|p| {
        let p = p.as_bytes();
        match p.first() {
            None => true,
            Some(&c) => rest.len() >= p.len() && rest[0] == c && rest[..p.len()] == *p,
        }
    })
}

/// `text.endswith(suffixes, lo, hi)` (a suffix's last byte first)
fn ends_any(text: &str, suffixes: &[String], lo: usize, hi: usize) -> bool {
    let window = sl(text, lo, hi).as_bytes();
    suffixes.iter().any(|s| {
        let s = s.as_bytes();
        match s.last() {
            None => true,
            Some(&c) => {
                window.len() >= s.len()
                    && window[window.len() - 1] == c
                    && window[window.len() - s.len()..] == *s
            }
        }
    })
}

/// `needle in hay` for a short `hay` (a window of the text): the needle's first byte
/// found by `memchr`, then the rest compared, with no searcher to set up
pub(crate) fn has(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = n.split_first() else {
        return true;
    };
    if h.len() < n.len() {
        return false;
    }
    let last = h.len() - n.len();
    let mut from = 0;
    while let Some(i) = memchr::memchr(first, &h[from..=last]) {
        let at = from + i;
        // the second byte before the rest (most candidates differ there; a slice
        // comparison is a call)
        if rest.first().is_none_or(|&c| h[at + 1] == c) && h[at + 1..at + n.len()] == *rest {
            return true;
        }
        from = at + 1;
        if from > last {
            break;
        }
    }
    false
}

/// `bisect_left(offsets, x)`
fn bisect_left(offsets: &[usize], x: usize) -> usize {
    offsets.partition_point(|&p| p < x)
}

/// `any_between(offsets, lo, hi)`: sorted `offsets` hold one in `[lo, hi)`
pub fn any_between(offsets: &[usize], lo: usize, hi: usize) -> bool {
    let i = bisect_left(offsets, lo);
    i < offsets.len() && offsets[i] < hi
}

/// `rx.search(s)` over a whole string: whether it matches, and where
fn search_all(rx: &Rx, s: &str) -> Option<crate::pyre::Caps> {
    rx.search(s, 0, s.len())
}

/// `_cued(window, literals, rx)`
fn cued(window: &str, literals: &[String], pattern: &Rx) -> bool {
    for literal in literals {
        if has(window, literal) {
            return search_all(pattern, window).is_some();
        }
    }
    false
}

/// `Cues`: where cue words start, per kind, in the lower-cased text
pub struct Cues {
    pub low: String,
    pub compare: Vec<usize>,
    pub verb: Vec<usize>,
    pub not_used: Vec<usize>,
    pub use_: Vec<usize>,
    pub own: Vec<usize>,
    pub away: Vec<usize>,
    pub claim: Vec<usize>,
}

impl Cues {
    /// A cue of kind `rules::CUE_KINDS[kind]` at `at`
    fn add(&mut self, kind: usize, at: usize) {
        match kind {
            0 => self.compare.push(at),
            1 => self.verb.push(at),
            2 => self.not_used.push(at),
            3 => self.use_.push(at),
            4 => self.own.push(at),
            5 => self.away.push(at),
            _ => self.claim.push(at),
        }
    }

    /// `cues.starts(at, kind)`, given `_CUE_PREFIXES[kind]`
    pub fn starts(&self, prefixes: &[String], at: usize) -> bool {
        starts_any(&self.low, prefixes, at)
    }
}

/// `cue_starts(low)` for plain `low`
pub fn cue_starts(reg: &Rules, low: &str) -> Cues {
    let mut cues = Cues {
        low: low.to_string(),
        compare: Vec::new(),
        verb: Vec::new(),
        not_used: Vec::new(),
        use_: Vec::new(),
        own: Vec::new(),
        away: Vec::new(),
        claim: Vec::new(),
    };
    if let Some(trie) = &reg.cue_trie {
        trie.scan(low.as_bytes(), |at, kind| cues.add(kind, at));
        return cues;
    }
    // " " + low.translate(_NON_WORD_TO_SPACE): ASCII in, ASCII out
    let mut bytes = Vec::with_capacity(low.len() + 1);
    bytes.push(b' ');
    bytes.extend(low.bytes().map(|b| {
        if b.is_ascii_alphanumeric() || b == b'_' {
            b
        } else {
            b' '
        }
    }));
    let spaced = String::from_utf8(bytes).expect("ASCII");
    let group = reg.cue_group;
    for h in reg.cue_scan.finditer(&spaced, 0, spaced.len()) {
        let word = h.str(&spaced, 1);
        let kind = group
            .get(word)
            .and_then(|k| k.first())
            .unwrap_or_else(|| panic!("kg_native: cue word {word} has no kind"));
        let k = rules::CUE_KINDS
            .iter()
            .position(|c| c == kind)
            .unwrap_or_else(|| panic!("kg_native: unknown cue kind {kind}"));
        cues.add(k, h.start());
    }
    cues
}

/// `RareCues`
pub struct RareCues {
    pub unlike: Vec<usize>,
    pub free: bool,
    pub hardware: bool,
}

/// `rare_cues(low, cues)`
pub fn rare_cues(low: &str, cues: &Cues) -> RareCues {
    rare_cues_with(None, low, cues)
}

/// `rare_cues(low, cues)`, with the `Rules`' searchers when given
fn rare_cues_with(reg: Option<&Rules>, low: &str, cues: &Cues) -> RareCues {
    if let Some(f) = reg.map(|r| &r.finders) {
        let b = low.as_bytes();
        return RareCues {
            unlike: cues
                .not_used
                .iter()
                .copied()
                .filter(|&p| low[p..].starts_with("unlike"))
                .collect(),
            free: f.free.find(b).is_some() || f.no.find(b).is_some(),
            hardware: f.hardware.find(b).is_some(),
        };
    }
    RareCues {
        unlike: cues
            .not_used
            .iter()
            .copied()
            .filter(|&p| low[p..].starts_with("unlike"))
            .collect(),
        free: low.contains("-free") || low.contains("no-"),
        hardware: low.contains("hardware"),
    }
}

/// `first_own_work(text, state, proposed, cues)`
pub fn first_own_work(
    reg: &Rules,
    text: &str,
    st: &RoleState,
    proposed: &HashSet<i64>,
    cues: &Cues,
) -> usize {
    let mut at = text.len();
    let title_end = st.title_end;
    let own_rx = reg.own;
    for &p in &cues.own[bisect_left(&cues.own, title_end)..] {
        if own_rx.match_at(text, p, text.len()).is_some() {
            at = p;
            break;
        }
    }
    for m in &st.mentions {
        if m.start >= title_end && proposed.contains(&m.group) && m.start < at {
            at = m.start;
        }
    }
    at
}

/// `_own_sentence(text[s0:s1], s0, cues)`
fn own_sentence(reg: &Rules, text: &str, s0: usize, s1: usize, cues: &Cues) -> bool {
    let sentence = sl(text, s0, s1);
    let own_rx = reg.own;
    if cues.starts(reg.own_prefixes, s0) && own_rx.match_at(sentence, 0, sentence.len()).is_some() {
        return true;
    }
    let s1 = s0 + sentence.len();
    for &p in &cues.own[bisect_left(&cues.own, s0)..] {
        if p >= s1 {
            break;
        }
        if own_rx.match_at(sentence, p - s0, sentence.len()).is_some() {
            return true;
        }
    }
    false
}

/// `_cue_ends(rx, s, starts, s0, s1)`
fn cue_ends(rx: &Rx, s: &str, starts: &[usize], s0: usize, s1: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut last = s0;
    for &p in &starts[bisect_left(starts, s0)..] {
        if p >= s1 {
            break;
        }
        if p < last {
            continue;
        }
        if let Some(c) = rx.match_at(s, p, s1) {
            last = c.end();
            ends.push(last);
        }
    }
    ends
}

/// `_compares(text, end, s0)`
fn compares(reg: &Rules, text: &str, end: usize, s0: usize) -> bool {
    let last4 = pystr::slice(text, end as i64 - 4, end as i64);
    if last4.eq_ignore_ascii_case("than") {
        return !(reg.than_quantity.match_at(text, end, text.len()).is_some()
            || ends_any(text, reg.than_not_compared, s0, end));
    }
    if !last4.eq_ignore_ascii_case("over") {
        return true;
    }
    if ends_any(text, reg.over_medium, s0, end) {
        return false;
    }
    reg.over_quantity.match_at(text, end, text.len()).is_none()
        && reg
            .over_after
            .search(text, s0.max(end.saturating_sub(60)), end - 4)
            .is_some()
}

/// `_own_name_parts(ms, proposed)`
fn own_name_parts<'m>(
    reg: &Rules,
    ms: &'m [RoleMention],
    proposed: &HashSet<i64>,
) -> HashSet<&'m str> {
    let split = reg.name_split;
    let mut parts = HashSet::default();
    for m in ms {
        if proposed.contains(&m.group)
            && m.specific
            && (m.text.contains('-') || m.text.contains(' '))
        {
            let t = m.text.as_str();
            let mut last = 0;
            for c in split.finditer(t, 0, t.len()) {
                let p = &t[last..c.start()];
                if p.len() > 2 {
                    parts.insert(p);
                }
                last = c.end();
            }
            let p = &t[last..];
            if p.len() > 2 {
                parts.insert(p);
            }
        }
    }
    parts
}

/// Groups with only background cues, in order of first use: group -> (its first
/// mention with a background cue, the sentences of those mentions)
#[derive(Default)]
struct Background {
    order: Vec<i64>,
    entries: HashMap<i64, (usize, Vec<(usize, usize)>)>,
}

impl Background {
    fn add(&mut self, group: i64, i: usize, sent: (usize, usize)) {
        match self.entries.get_mut(&group) {
            None => {
                self.order.push(group);
                self.entries.insert(group, (i, vec![sent]));
            }
            Some((_, sents)) => {
                if !sents.contains(&sent) {
                    sents.push(sent);
                }
            }
        }
    }
    fn remove(&mut self, group: i64) {
        if self.entries.remove(&group).is_some() {
            self.order.retain(|&g| g != group);
        }
    }
    fn contains(&self, group: i64) -> bool {
        self.entries.contains_key(&group)
    }
    fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// `_compared_classes(low, cues, own_from)`
fn compared_classes(reg: &Rules, low: &str, cues: &Cues, own_from: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let compare = reg.compare_low;
    let class_after = reg.class_after_compare;
    for &p in &cues.compare {
        if p < own_from {
            continue;
        }
        let Some(c) = compare.match_at(low, p, low.len()) else {
            continue;
        };
        if !compares(reg, low, c.end(), p.saturating_sub(60)) {
            continue;
        }
        if let Some(k) = class_after.match_at(low, c.end(), low.len()) {
            out.push((p, k.str(low, 1).to_string()));
        }
    }
    out
}

fn compared_as_a_class(
    reg: &Rules,
    text: &str,
    st: &RoleState,
    cues: &Cues,
    own_from: usize,
    background: &mut Background,
    roles: &mut Vec<RoleCue>,
) {
    let classes = compared_classes(reg, &cues.low, cues, own_from);
    if classes.is_empty() {
        return;
    }
    let example = reg.example_of;
    for (i, m) in st.mentions.iter().enumerate() {
        if !background.contains(m.group) {
            continue;
        }
        let s0 = st.sentence_of(m.start).0;
        let Some(hit) = example.search(text, s0.max(m.start.saturating_sub(80)), m.start) else {
            continue;
        };
        let noun = hit.str(text, 1).to_ascii_lowercase();
        if classes
            .iter()
            .any(|(p, kind)| *p > m.start && noun == *kind)
        {
            roles.push((i, COMPARES_WITH, "class_compared".to_string(), 0.6));
            background.remove(m.group);
        }
    }
}

fn use_the_recurring_topic(
    reg: &Rules,
    text: &str,
    st: &RoleState,
    background: &Background,
    roles: &mut Vec<RoleCue>,
) {
    let ms = &st.mentions;
    let shorts: HashSet<&str> = st.abbreviations.iter().map(|a| a.short.as_str()).collect();
    let bg_rx = reg.background;
    for g in &background.order {
        let (i, ss) = &background.entries[g];
        let m = &ms[*i];
        if ss.len() < 2 || is_type(m, HARDWARE) || is_type(m, DATASET) {
            continue;
        }
        let plain: Vec<bool> = ss
            .iter()
            .map(|&(a, b)| bg_rx.search(text, a, b).is_none())
            .collect();
        if plain.iter().all(|&p| p)
            || (plain.iter().any(|&p| p)
                && !shorts.is_empty()
                && ms
                    .iter()
                    .any(|n| n.group == m.group && shorts.contains(n.text.as_str())))
        {
            roles.push((*i, USES, "recurring_topic".to_string(), 0.5));
        }
    }
}

/// Whether the twin may read the state: its text and its mentions' texts are plain
pub fn plain_state(st: &RoleState) -> bool {
    pystr::plain(&st.text) && st.mentions.iter().all(|m| pystr::plain(&m.text))
}

/// `assign_roles(state.text, state)`: the role cues it appends to `state.roles`
pub fn assign_roles(reg: &Registry, st: &RoleState) -> Vec<RoleCue> {
    match rules::installed(reg) {
        Some(rules) => assign_roles_with(rules, st),
        None => assign_roles_with(&Rules::new(reg), st),
    }
}

/// `assign_roles`, given the `Rules`
/// (never inlined: a per-document entry point, measured by name)
#[inline(never)]
pub fn assign_roles_with(reg: &Rules, st: &RoleState) -> Vec<RoleCue> {
    let text = st.text.as_str();
    let ms = &st.mentions;
    let sents = st.mention_sentences();
    let low = st.lowered();
    let cues = cue_starts(reg, &low);
    let proposed = proposed_groups(reg, st, text, &sents, &cues);
    let title_end = st.title_end;
    let own_from = first_own_work(reg, text, st, &proposed, &cues);
    let own_parts = own_name_parts(reg, ms, &proposed);
    let rare = rare_cues_with(Some(reg), &low, &cues);
    let propose_rules = reg.propose_rules;
    let our = reg.our;
    let compare_low = reg.compare_low;
    let mut roles: Vec<RoleCue> = Vec::with_capacity(ms.len() + 2);
    let mut background = Background::default();
    let mut other: HashSet<i64> = HashSet::default();
    let by_sentence = SentenceGroups::new(&sents);
    for (sent, idxs) in by_sentence.iter() {
        let (s0, s1) = sent;
        let has_proposed = idxs.iter().any(|&i| proposed.contains(&ms[i].group));
        let own = has_proposed || own_sentence(reg, text, s0, s1, &cues);
        let is_title = s0 == 0 && s1 <= title_end;
        let compare_ends = if any_between(&cues.compare, s0, s1) {
            cue_ends(compare_low, &low, &cues.compare, s0, s1)
        } else {
            Vec::new()
        };
        for &i in idxs {
            let m = &ms[i];
            if proposed.contains(&m.group) {
                let a = m.start.saturating_sub(30);
                if propose_rules.contains(&m.rule)
                    || ((any_between(&cues.own, a, m.start) || cues.starts(reg.own_prefixes, a))
                        && search_all(our, sl(text, a, m.start)).is_some())
                {
                    roles.push((i, PROPOSES, m.rule.clone(), 0.9));
                } else {
                    roles.push((i, PROPOSES, "proposed_entity".to_string(), 0.8));
                }
                continue;
            }
            let (mut role, mut rule, mut conf) = mention_role(
                reg,
                text,
                m,
                sent,
                own,
                is_title,
                &compare_ends,
                &cues,
                own_from < s0,
                &rare,
            );
            if role == EVALUATES_ON && trained_on(reg, text, s0, m.start) {
                roles.push((i, USES, "trained_on".to_string(), 0.6));
            }
            if role == MENTIONS && rule == "background" && own_parts.contains(m.text.as_str()) {
                (role, rule, conf) = (USES, "own_name_part", 0.55);
            }
            roles.push((i, role, rule.to_string(), conf));
            if rule == "background" {
                background.add(m.group, i, sent);
            } else {
                other.insert(m.group);
            }
        }
    }
    if !background.is_empty() {
        for g in &other {
            background.remove(*g);
        }
        if !background.is_empty() && !cues.compare.is_empty() {
            compared_as_a_class(reg, text, st, &cues, own_from, &mut background, &mut roles);
        }
        use_the_recurring_topic(reg, text, st, &background, &mut roles);
    }
    roles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_string_helpers() {
        // text.startswith(p, i) slices text[i:], a negative i from the end
        assert!(starts_at("ab, ", ", ", -2) && !starts_at("ab", "b", 3));
        assert!(starts_at(", x", ", ", -5) && starts_at("novel x", "x", 6));
        assert_eq!(sl("abc", 2, 1), "");
        assert_eq!(sl("abc", 1, 9), "bc");
        let v = vec!["No-".to_string(), "no-".to_string()];
        assert!(ends_any("a no-b", &v, 0, 5) && !ends_any("a no-b", &v, 4, 5));
        assert!(starts_any("x-free", &["-free".to_string()], 1) && !starts_any("x", &v, 2));
        assert!(starts_any("ab", &[String::new()], 2) && !starts_any("ab", &v, 0));
        assert!(ends_any("ab", &[String::new()], 0, 0) && !ends_any("o-", &v, 0, 2));
        for (hay, needle) in [
            ("abcabd", "abd"),
            ("aaab", "aab"),
            ("ab", "abc"),
            ("", ""),
            ("x", ""),
        ] {
            assert_eq!(has(hay, needle), hay.contains(needle), "{hay} {needle}");
        }
        assert!(!has("abcab", "abd") && has("abd", "d") && !has("abc", "bd"));
    }

    #[test]
    fn offsets_between() {
        let at = [3, 8, 20];
        assert!(any_between(&at, 8, 9) && any_between(&at, 0, 4) && !any_between(&at, 9, 20));
        assert!(!any_between(&[], 0, 10) && !any_between(&at, 21, 30));
        assert_eq!(bisect_left(&at, 8), 1);
        assert_eq!(bisect_left(&at, 21), 3);
    }
}
