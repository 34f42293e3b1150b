//! Twin of `kg/extract/relations.py` (`find_relations` and every rule it runs) for
//! plain text: the relation cues of a document, in the Python rule's order.
//!
//! The sentence rules (`_implemented_in`, `_extends`, `_is_a`, ...) are in
//! `relations_rules.rs`; here are the document's set-up, the name rules and the
//! filters that end `find_relations`.

use std::cell::RefCell;
use std::sync::{Arc, RwLock};

use memchr::memmem::Finder;
use pcre2::bytes::{Regex, RegexBuilder};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::pyre::{self, Rx};
use crate::pystr;
use crate::registry::Registry;
use crate::relations_rules as rules;
use crate::state;

/// `EntityType` (its value), or no type
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ty {
    Method,
    System,
    Hardware,
    Dataset,
    Model,
    Untyped,
    Other,
}

impl Ty {
    pub fn of(value: Option<&str>) -> Ty {
        match value {
            None => Ty::Untyped,
            Some("Method") => Ty::Method,
            Some("System") => Ty::System,
            Some("Hardware") => Ty::Hardware,
            Some("Dataset") => Ty::Dataset,
            Some("Model") => Ty::Model,
            Some(_) => Ty::Other,
        }
    }
}

/// `Relation`
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Rel {
    Extends,
    ImplementedIn,
    IsA,
}

impl Rel {
    /// The `Relation`'s value
    pub fn value(self) -> &'static str {
        match self {
            Rel::Extends => "extends",
            Rel::ImplementedIn => "implemented_in",
            Rel::IsA => "is_a",
        }
    }

    /// `f"name_{rel.value}"`
    fn name_rule(self) -> &'static str {
        match self {
            Rel::Extends => "name_extends",
            Rel::ImplementedIn => "name_implemented_in",
            Rel::IsA => "name_is_a",
        }
    }
}

/// What the rules read of a `state.Mention`
#[derive(Clone, Debug)]
pub struct Mn<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub ty: Ty,
    pub specific: bool,
    pub group: i64,
}

/// `state.RelationCue`
#[derive(Clone, Debug, PartialEq)]
pub struct Cue {
    pub head: usize,
    pub rel: Rel,
    pub tail: usize,
    pub rule: &'static str,
    pub conf: f64,
    pub sent: (usize, usize),
}

impl Cue {
    pub fn new(
        head: usize,
        rel: Rel,
        tail: usize,
        rule: &'static str,
        conf: f64,
        sent: (usize, usize),
    ) -> Cue {
        Cue {
            head,
            rel,
            tail,
            rule,
            conf,
            sent,
        }
    }
}

/// A cue as it crosses to Python: head, the relation's value, tail, rule, confidence,
/// sentence
pub type CueTuple = (
    usize,
    &'static str,
    usize,
    &'static str,
    f64,
    (usize, usize),
);

/// The entity types of `_IMPLEMENTED` and `_THINGS`
pub struct Kinds {
    pub implemented: Vec<Ty>,
    pub things: Vec<Ty>,
}

impl Kinds {
    pub fn read(reg: &Registry) -> Kinds {
        let tys = |name: &str| -> Vec<Ty> {
            reg.seq(name)
                .iter()
                .map(|v| Ty::of(Some(v.as_str())))
                .collect()
        };
        Kinds {
            implemented: tys("relations._IMPLEMENTED"),
            things: tys("relations._THINGS"),
        }
    }
}

thread_local! {
    /// Each `rx.fullmatch` pattern, compiled as `\G(?:pattern)\z`
    static FULL: RefCell<FxHashMap<String, Full>> = RefCell::new(FxHashMap::default());
}

/// The `rx.fullmatch` form of a pattern compiled without flags (the Python tests
/// check that every pattern used so has none)
pub fn full(rx: &Rx) -> Full {
    FULL.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(re) = cache.get(&rx.pattern) {
            return re.clone();
        }
        let t = pyre::translate(&rx.pattern, 0).expect("a pattern that compiled");
        let re = RegexBuilder::new()
            .jit_if_available(true)
            .build(&format!("\\G(?:{t})\\z"))
            .expect("a pattern that compiled");
        let re = Arc::new(re);
        cache.insert(rx.pattern.clone(), re.clone());
        re
    })
}

/// `rx.fullmatch(text, pos, endpos) is not None`, `re` being `full(rx)`
pub fn fullmatch(re: &Full, text: &str, pos: usize, endpos: usize) -> bool {
    let end = endpos.min(text.len());
    pos <= end
        && re
            .find_at(&text.as_bytes()[..end], pos)
            .ok()
            .flatten()
            .is_some()
}

/// `rx.fullmatch`'s form of a pattern: `\G(?:pattern)\z`
pub type Full = Arc<Regex>;

macro_rules! patterns {
    (rx { $($f:ident = $n:literal,)* } full { $($g:ident = $m:literal,)* }
     seq { $($h:ident = $o:literal,)* }) => {
        /// The module's patterns and tuples the rules read, looked up once per document
        pub struct Pats<'a> {
            $(pub $f: &'a Rx,)*
            $(pub $g: Full,)*
            $(pub $h: &'a [String],)*
            /// `_APPOS` is `APPOS` (its quick "no" may be used)
            pub appos_known: bool,
            /// `_SUCH_AS` is `SUCH_AS` (its quick "no" may be used)
            pub such_as_known: bool,
        }

        impl<'a> Pats<'a> {
            pub fn read(reg: &'a Registry) -> Pats<'a> {
                let appos: &Rx = reg.rx("relations._APPOS");
                let such_as: &Rx = reg.rx("relations._SUCH_AS");
                Pats {
                    $($f: reg.rx(concat!("relations.", $n)),)*
                    $($g: full(reg.rx(concat!("relations.", $m))),)*
                    $($h: reg.seq(concat!("relations.", $o)),)*
                    appos_known: appos.is(rules::APPOS),
                    such_as_known: such_as.is(rules::SUCH_AS),
                }
            }
        }
    };
}

patterns! {
    rx {
    adj_coord = "_ADJ_COORD",
    and_other = "_AND_OTHER",
    appos = "_APPOS",
    appos_close = "_APPOS_CLOSE",
    are_bare = "_ARE_BARE",
    article_before = "_ARTICLE_BEFORE",
    as_a = "_AS_A",
    colon_list = "_COLON_LIST",
    combines = "_COMBINES",
    definite_before = "_DEFINITE_BEFORE",
    extends_before = "_EXTENDS_BEFORE",
    features = "_FEATURES",
    impl_ = "_IMPL",
    impl_of = "_IMPL_OF",
    kind_gap = "_KIND_GAP",
    kind_of = "_KIND_OF",
    list_gap = "_LIST_GAP",
    named_kind = "_NAMED_KIND",
    np_break = "_NP_BREAK",
    np_end = "_NP_END",
    paren_list = "_PAREN_LIST",
    part_noun = "_PART_NOUN",
    possessive = "_POSSESSIVE",
    ships = "_SHIPS",
    subject_gap = "_SUBJECT_GAP",
    such_as = "_SUCH_AS",
    title_in_system = "_TITLE_IN_SYSTEM",
    with_part = "_WITH_PART",
    derived = "_DERIVED",
    size_suffix = "_SIZE_SUFFIX",
    size_name = "_SIZE_NAME",
    mixed_acronym = "_MIXED_ACRONYM",
    property_modifier = "_PROPERTY_MODIFIER",
    software_before = "_SOFTWARE_BEFORE",
    title_sep = "_TITLE_SEP",
    activity = "_ACTIVITY",
    phrase_end = "_PHRASE_END",
    generic_tail = "_GENERIC_TAIL",
    title_target = "_TITLE_TARGET",
    }
    full {
    appos_open = "_APPOS_OPEN",
    with_means = "_WITH_MEANS",
    in_system = "_IN_SYSTEM",
    relative_gap = "_RELATIVE_GAP",
    elided_heads = "_ELIDED_HEADS",
    appos_item = "_APPOS_ITEM",
    }
    seq {
    ships_after = "_SHIPS_AFTER",
    in_before = "_IN_BEFORE",
    extends_words = "_EXTENDS_WORDS",
    kind_of_ends = "_KIND_OF_ENDS",
    }
}

/// The order CPython iterates a set of ints built by adding `items` in order
/// (`setobject.c`: linear probes, then perturbed probing; the table grows by four
/// times the used slots once it is three fifths full)
pub fn py_int_set_order(items: &[i64]) -> Vec<i64> {
    const LINEAR_PROBES: usize = 9;
    fn hash(k: i64) -> u64 {
        (if k == -1 { -2 } else { k }) as u64
    }
    fn insert_clean(table: &mut [Option<i64>], k: i64) {
        let mask = table.len() - 1;
        let h = hash(k);
        let mut perturb = h;
        let mut i = (h as usize) & mask;
        loop {
            if table[i].is_none() {
                table[i] = Some(k);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in 1..=LINEAR_PROBES {
                    if table[i + j].is_none() {
                        table[i + j] = Some(k);
                        return;
                    }
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }
    let mut table: Vec<Option<i64>> = vec![None; 8];
    let mut fill = 0usize;
    for &k in items {
        let mask = table.len() - 1;
        let h = hash(k);
        let mut perturb = h;
        let mut i = (h as usize) & mask;
        let mut added = false;
        'probe: loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for slot in &mut table[i..=i + probes] {
                match *slot {
                    None => {
                        *slot = Some(k);
                        added = true;
                        break 'probe;
                    }
                    Some(x) if x == k => break 'probe,
                    _ => {}
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
        if !added {
            continue;
        }
        fill += 1;
        if fill * 5 >= mask * 3 {
            let used = fill; // no deletions: every filled slot is used
            let mut size = 8;
            while size <= used * 4 {
                size <<= 1;
            }
            let mut new: Vec<Option<i64>> = vec![None; size];
            for k in table.iter().flatten() {
                insert_clean(&mut new, *k);
            }
            table = new;
        }
    }
    table.into_iter().flatten().collect()
}

/// `derived_suffix(derived, base)`
pub fn derived_suffix(reg: &Registry, derived: &str, base: &str) -> bool {
    derived_suffix_with(&Pats::read(reg), derived, base)
}

/// `derived_suffix(derived, base)`, given the `Pats`
fn derived_suffix_with(p: &Pats, derived: &str, base: &str) -> bool {
    if base.len() < 2 || !derived.starts_with(base) || derived == base {
        return false;
    }
    let suffix = &derived[base.len()..];
    p.derived.is_match(suffix) && !p.size_suffix.is_match(suffix)
}

/// `name_relation(a, a_specific, b, b_specific)`
pub fn name_relation(
    reg: &Registry,
    a: &str,
    a_specific: bool,
    b: &str,
    b_specific: bool,
) -> Option<Rel> {
    name_relation_with(&Pats::read(reg), a, a_specific, b, b_specific)
}

/// `name_relation(a, a_specific, b, b_specific)`, given the `Pats`
fn name_relation_with(
    p: &Pats,
    a: &str,
    a_specific: bool,
    b: &str,
    b_specific: bool,
) -> Option<Rel> {
    if a == b || b.len() < 2 || (pystr::isupper(b) && b.len() < 3) {
        return None;
    }
    if a_specific && derived_suffix_with(p, a, b) {
        if p.size_name.match_at(a, b.len(), a.len()).is_some() {
            return None;
        }
        return Some(if b_specific { Rel::Extends } else { Rel::IsA });
    }
    if a.ends_with(b) && a.len() > b.len() {
        let prefix = &a[..a.len() - b.len()];
        let core = prefix.trim_matches(|c| c == ' ' || c == '-');
        let acronym = b.len() >= 3 && (pystr::isupper(b) || p.mixed_acronym.is_match(b));
        let letter = prefix.ends_with('-') && pystr::isupper(core) && b_specific;
        if core.is_empty()
            || !(core.len() >= 2
                || letter
                || acronym && (pystr::isupper(core) || pystr::isdigit(core)))
        {
            return None;
        }
        if p.property_modifier.is_search(prefix) {
            return None;
        }
        if prefix.ends_with(' ') || prefix.ends_with('-') {
            return Some(if acronym || !b_specific {
                Rel::IsA
            } else {
                Rel::Extends
            });
        }
        if pystr::isupper(a) && core.len() > 1 {
            return None;
        }
        let p0 = prefix.as_bytes()[0];
        if b.as_bytes()[0].is_ascii_uppercase()
            && a_specific
            && (p0.is_ascii_uppercase() || p0.is_ascii_digit())
        {
            return Some(if acronym { Rel::IsA } else { Rel::Extends });
        }
    }
    None
}

/// `_software(state, group)`
fn software(p: &Pats, text: &str, ms: &[Mn], group: i64) -> bool {
    let rx = p.software_before;
    ms.iter().filter(|x| x.group == group).any(|x| {
        rx.search(text, x.start.saturating_sub(24), x.start)
            .is_some()
    })
}

/// `_procedure(state, group)`
fn procedure(ms: &[Mn], group: i64) -> bool {
    ms.iter()
        .filter(|x| x.group == group)
        .any(|x| x.text.ends_with("ing") && (x.text.contains(' ') || x.text.contains('-')))
}

/// `_named_apart(state, group, name, part)`
fn named_apart(text: &str, ms: &[Mn], group: i64, name: &str, part: &str) -> bool {
    if name.len() <= part.len() || !name[name.len() - part.len()..].eq_ignore_ascii_case(part) {
        return true;
    }
    let prefix = &name[..name.len() - part.len()];
    let n = prefix.len();
    ms.iter().filter(|x| x.group == group).any(|x| {
        let s = x.start.min(text.len());
        !text[x.start.saturating_sub(n).min(s)..s].eq_ignore_ascii_case(prefix)
    })
}

/// `_prefixed_by_system(name, system)`
fn prefixed_by_system(p: &Pats, name: &str, system: &str) -> bool {
    let n = system.len();
    let b = name.as_bytes();
    name.len() > n + 1
        && b[n] == b' '
        && name.starts_with(system)
        && b[n + 1].is_ascii_uppercase()
        && !derived_suffix_with(p, name, system)
}

/// `_joins_names(name, part, names)`
fn joins_names(name: &str, part: &str, names: &FxHashSet<&str>) -> bool {
    let n = part.len();
    let b = name.as_bytes();
    if name.len() <= n + 1 {
        return false;
    }
    if name.starts_with(part) && matches!(b[n], b' ' | b'-') {
        return names.contains(&name[n + 1..]);
    }
    name.ends_with(part)
        && matches!(b[name.len() - n - 1], b' ' | b'-')
        && names.contains(&name[..name.len() - n - 1])
}

/// `_branded(name, part, names)`
fn branded(name: &str, part: &str, names: &FxHashSet<&str>) -> bool {
    if name.len() < part.len() + 4 || !name.ends_with(part) {
        return false;
    }
    let n = name.len() - part.len();
    if name.as_bytes()[n - 1] != b'-' {
        return false;
    }
    let brand = &name[..n];
    names
        .iter()
        .any(|t| *t != name && t.starts_with(brand) && t.len() > n)
}

/// `name in text` for a short name (no searcher to set up)
fn holds(text: &str, name: &str) -> bool {
    let (t, n) = (text.as_bytes(), name.as_bytes());
    match n.first() {
        None => true,
        Some(&c) => {
            n.len() <= t.len()
                && t.windows(n.len())
                    .any(|w| w[0] == c && w.iter().zip(n).all(|(x, y)| x == y))
        }
    }
}

/// The set of bytes of a name, a bit each
fn byte_set(text: &str) -> [u64; 4] {
    let mut set = [0u64; 4];
    for &c in text.as_bytes() {
        set[(c >> 6) as usize] |= 1 << (c & 63);
    }
    set
}

/// Whether `name` may be in the name of byte set `set`, `len` long (a quick "no")
fn may_hold(set: &[u64; 4], len: usize, name: &str) -> bool {
    let has = |c: u8| set[(c >> 6) as usize] & (1 << (c & 63)) != 0;
    let n = name.as_bytes();
    n.len() <= len && n.first().is_none_or(|&c| has(c) && has(n[n.len() - 1]))
}

/// `_extends_words(state)`: where a word of `words` starts in `text` lowered, in
/// order (`sorted(find_all(lower_same_offsets(text), words))`)
#[cfg(test)]
fn word_starts(text: &str, words: &[String]) -> Vec<usize> {
    let finders: Vec<Finder<'static>> = words
        .iter()
        .map(|w| Finder::new(w.as_bytes()).into_owned())
        .collect();
    word_starts_with(text, &finders)
}

/// `word_starts` with a searcher per word made beforehand
fn word_starts_with(text: &str, finders: &[Finder<'static>]) -> Vec<usize> {
    let low = text.to_ascii_lowercase();
    let b = low.as_bytes();
    let mut out = Vec::new();
    for finder in finders {
        let mut from = 0;
        while let Some(p) = b.get(from..).and_then(|rest| finder.find(rest)) {
            out.push(from + p);
            from += p + 1;
        }
    }
    out.sort_unstable();
    out
}

/// `_name_cues(state, sents)`
fn name_cues(
    p: &Pats,
    kinds: &Kinds,
    text: &str,
    ms: &[Mn],
    sents: &[(usize, usize)],
    out: &mut Vec<Cue>,
) {
    let mut seen: FxHashSet<(i64, &str)> =
        FxHashSet::with_capacity_and_hasher(ms.len(), Default::default());
    let mut rows: Vec<(i64, &str, usize)> = Vec::with_capacity(ms.len());
    for (i, m) in ms.iter().enumerate() {
        if seen.insert((m.group, m.text)) {
            rows.push((m.group, m.text, i));
        }
    }
    let texts: FxHashSet<&str> = rows.iter().map(|r| r.1).collect();
    let sets: Vec<[u64; 4]> = rows.iter().map(|r| byte_set(r.1)).collect();
    let mut done: FxHashSet<(i64, i64)> = FxHashSet::default();
    for (&(g1, t1, i1), set1) in rows.iter().zip(&sets) {
        let m1 = &ms[i1];
        for &(g2, t2, i2) in &rows {
            // `t2 in t1`, the quick checks first
            if g1 == g2 || !may_hold(set1, t1.len(), t2) || !holds(t1, t2) {
                continue;
            }
            if done.contains(&(g1, g2)) {
                continue;
            }
            let m2 = &ms[i2];
            if m2.ty == Ty::System && prefixed_by_system(p, t1, t2) {
                done.insert((g1, g2));
                out.push(Cue::new(
                    i1,
                    Rel::ImplementedIn,
                    i2,
                    "name_system_prefix",
                    0.7,
                    sents[i1],
                ));
                continue;
            }
            // without a relation the rest of the loop yields nothing
            let Some(mut rel) = name_relation_with(p, t1, m1.specific, t2, m2.specific) else {
                continue;
            };
            if rel == Rel::Extends && joins_names(t1, t2, &texts) {
                continue;
            }
            if rel == Rel::IsA && !m1.specific && !named_apart(text, ms, g2, t1, t2) {
                continue;
            }
            if branded(t1, t2, &texts) {
                continue;
            }
            if rel == Rel::IsA && m1.specific && procedure(ms, g2) {
                rel = Rel::Extends;
            }
            done.insert((g1, g2));
            if kinds.implemented.contains(&m2.ty) && software(p, text, ms, g1) {
                out.push(Cue::new(
                    i2,
                    Rel::ImplementedIn,
                    i1,
                    "name_software_of",
                    0.6,
                    sents[i1],
                ));
                continue;
            }
            out.push(Cue::new(i1, rel, i2, rel.name_rule(), 0.7, sents[i1]));
        }
    }
}

/// `_proposed_parts(ms, sents, proposed, first_of, out)`, `proposed` in the set's
/// iteration order
fn proposed_parts(
    kinds: &Kinds,
    ms: &[Mn],
    sents: &[(usize, usize)],
    proposed: &[i64],
    first_of: &FxHashMap<i64, usize>,
    out: &mut Vec<Cue>,
) {
    let systems: Vec<usize> = proposed
        .iter()
        .map(|g| first_of[g])
        .filter(|&i| ms[i].ty == Ty::System)
        .collect();
    if !(1..=2).contains(&systems.len()) {
        return;
    }
    for g in proposed {
        let i = first_of[g];
        if kinds.implemented.contains(&ms[i].ty) {
            for &system in &systems {
                out.push(Cue::new(
                    i,
                    Rel::ImplementedIn,
                    system,
                    "proposed_part_of_system",
                    0.5,
                    sents[i],
                ));
            }
        }
    }
}

/// `_used_system(state, sents, proposed, first_of, out)`
fn used_system(
    kinds: &Kinds,
    ms: &[Mn],
    roles: &[(usize, &str)],
    sents: &[(usize, usize)],
    min_proposed: Option<i64>,
    first_of: &FxHashMap<i64, usize>,
    out: &mut Vec<Cue>,
) {
    let Some(g) = min_proposed else {
        return;
    };
    let own = first_of[&g];
    if !kinds.implemented.contains(&ms[own].ty) {
        return;
    }
    // group -> (only "uses" so far, has "uses"), in order of first role
    let mut order: Vec<i64> = Vec::new();
    let mut by_group: FxHashMap<i64, (bool, bool)> = FxHashMap::default();
    for &(mention, role) in roles {
        let g = ms[mention].group;
        let e = by_group.entry(g).or_insert_with(|| {
            order.push(g);
            (true, false)
        });
        if role == "uses" {
            e.1 = true;
        } else {
            e.0 = false;
        }
    }
    for g in order {
        let (only, uses) = by_group[&g];
        let u = first_of[&g];
        if only && uses && ms[u].ty == Ty::System {
            out.push(Cue::new(
                own,
                Rel::ImplementedIn,
                u,
                "used_system",
                0.4,
                sents[u],
            ));
        }
    }
}

/// `_title_kind(text, title_end, ms, proposed, out)`
fn title_kind(
    p: &Pats,
    text: &str,
    title_end: usize,
    ms: &[Mn],
    proposed: &FxHashSet<i64>,
    out: &mut Vec<Cue>,
) {
    let title: Vec<usize> = (0..ms.len()).filter(|&i| ms[i].end <= title_end).collect();
    if title.is_empty() || !proposed.contains(&ms[title[0]].group) || ms[title[0]].ty != Ty::Method
    {
        return;
    }
    let x = &ms[title[0]];
    let Some(sep) = p.title_sep.match_at(text, x.end, title_end) else {
        return;
    };
    if p.activity.match_at(text, sep.end(), title_end).is_some() {
        return;
    }
    let phrase_end = p
        .phrase_end
        .search(text, sep.end(), title_end)
        .map_or(title_end, |e| e.start());
    let tail = p.generic_tail;
    for &j in &title[1..] {
        let y = &ms[j];
        if y.end <= phrase_end
            && !y.specific
            && y.ty == Ty::Method
            && y.group != x.group
            && tail.match_at(text, y.end, phrase_end).is_some()
        {
            out.push(Cue::new(
                title[0],
                Rel::IsA,
                j,
                "title_kind_is_a",
                0.55,
                (0, title_end),
            ));
            return;
        }
    }
}

/// `_title_lineage(text, title_end, ms, proposed, out)`
fn title_lineage(
    p: &Pats,
    text: &str,
    title_end: usize,
    ms: &[Mn],
    proposed: &FxHashSet<i64>,
    out: &mut Vec<Cue>,
) {
    if ms.len() < 2 || ms[1].end > title_end || !proposed.contains(&ms[0].group) {
        return;
    }
    let (x, y) = (&ms[0], &ms[1]);
    if x.ty != Ty::Method || !x.specific || y.ty != Ty::Method || !y.specific {
        return;
    }
    if y.group == x.group || proposed.contains(&y.group) {
        return;
    }
    let Some(sep) = p.title_sep.match_at(text, x.end, title_end) else {
        return;
    };
    if p.title_target.search(text, sep.end(), y.start).is_some() {
        return;
    }
    out.push(Cue::new(
        0,
        Rel::Extends,
        1,
        "title_lineage",
        0.55,
        (0, title_end),
    ));
}

/// `_stated_class_first(cues, ms)`
fn stated_class_first(cues: Vec<Cue>, ms: &[Mn]) -> Vec<Cue> {
    let stated: FxHashSet<(i64, i64)> = cues
        .iter()
        .filter(|c| c.rel == Rel::IsA && !c.rule.starts_with("name_"))
        .map(|c| (ms[c.head].group, ms[c.tail].group))
        .collect();
    if stated.is_empty() {
        return cues;
    }
    let heads: FxHashSet<i64> = stated.iter().map(|p| p.0).collect();
    cues.into_iter()
        .filter(|c| {
            let pair = (ms[c.head].group, ms[c.tail].group);
            let implied_kind = c.rule == "name_is_a" && heads.contains(&pair.0);
            let implied_version = c.rule == "name_extends" && stated.contains(&pair);
            !(implied_kind || implied_version)
        })
        .collect()
}

/// `_types_fit(relation, head, tail)`
fn types_fit(kinds: &Kinds, rel: Rel, head: Ty, tail: Ty) -> bool {
    if rel == Rel::ImplementedIn {
        return tail == Ty::System && !kinds.things.contains(&head);
    }
    head == tail || (!kinds.things.contains(&head) && !kinds.things.contains(&tail))
}

/// `group_by_sentence(sents)` with the indices in one list: per sentence, in order of
/// first use, (sentence, where its indices start and end in `order`)
pub struct SentenceGroups {
    pub groups: Vec<((usize, usize), usize, usize)>,
    pub order: Vec<usize>,
}

impl SentenceGroups {
    pub fn new(sents: &[(usize, usize)]) -> SentenceGroups {
        let mut keys: Vec<(usize, usize)> = Vec::new();
        let mut of: Vec<usize> = Vec::with_capacity(sents.len());
        for s in sents {
            // mostly the sentence of the mention before
            let k = match keys.last() {
                Some(last) if last == s => keys.len() - 1,
                _ => match keys.iter().position(|k| k == s) {
                    Some(k) => k,
                    None => {
                        keys.push(*s);
                        keys.len() - 1
                    }
                },
            };
            of.push(k);
        }
        let mut starts = vec![0usize; keys.len() + 1];
        for &k in &of {
            starts[k + 1] += 1;
        }
        for k in 0..keys.len() {
            starts[k + 1] += starts[k];
        }
        let mut fill = starts.clone();
        let mut order = vec![0usize; sents.len()];
        for (i, &k) in of.iter().enumerate() {
            order[fill[k]] = i;
            fill[k] += 1;
        }
        let groups = keys
            .iter()
            .enumerate()
            .map(|(k, &s)| (s, starts[k], starts[k + 1]))
            .collect();
        SentenceGroups { groups, order }
    }

    /// (sentence, its mentions' indices), as `group_by_sentence` gives them
    pub fn iter(&self) -> impl Iterator<Item = ((usize, usize), &[usize])> {
        self.groups.iter().map(|&(s, a, b)| (s, &self.order[a..b]))
    }
}

/// `state.mention_sentences()`
fn mention_sentences(
    sentences: &[(usize, usize)],
    title_end: usize,
    ms: &[Mn],
) -> Vec<(usize, usize)> {
    ms.iter()
        .map(|m| state::sentence_of(sentences, title_end, m.start))
        .collect()
}

/// What `find_relations` reads of the registry: looked up once per registry
/// (`installed`), or per call for a registry that is not installed
pub struct Prep<'r> {
    pub pats: Pats<'r>,
    pub kinds: Kinds,
    /// a searcher per word of `_EXTENDS_WORDS`
    extends: Vec<Finder<'static>>,
}

impl<'r> Prep<'r> {
    pub fn new(reg: &'r Registry) -> Prep<'r> {
        let pats = Pats::read(reg);
        let extends = pats
            .extends_words
            .iter()
            .map(|w| Finder::new(w.as_bytes()).into_owned())
            .collect();
        Prep {
            pats,
            kinds: Kinds::read(reg),
            extends,
        }
    }
}

/// The `Prep` of the installed registry `reg` (None when `reg` is not the installed
/// one); the registry it borrows is kept for good, as `entity_typing::installed` keeps
/// its own
pub fn installed(reg: &Registry) -> Option<&'static Prep<'static>> {
    static CACHE: RwLock<Option<(usize, &'static Prep<'static>)>> = RwLock::new(None);
    let key = reg as *const Registry as usize;
    if let Some((k, prep)) = *CACHE.read().expect("relations cache lock") {
        if k == key {
            return Some(prep);
        }
    }
    let current = crate::registry::registry();
    if Arc::as_ptr(&current) as usize != key {
        return None;
    }
    let kept: &'static Arc<Registry> = Box::leak(Box::new(current));
    let prep: &'static Prep<'static> = Box::leak(Box::new(Prep::new(kept)));
    *CACHE.write().expect("relations cache lock") = Some((key, prep));
    Some(prep)
}

/// `find_relations(text, state)`: `roles` are the role cues' (mention, role value)
/// (never inlined: a per-document entry point, measured by name)
#[inline(never)]
pub fn find_relations(
    reg: &Registry,
    text: &str,
    title_end: usize,
    sentences: &[(usize, usize)],
    ms: &[Mn],
    roles: &[(usize, &str)],
) -> Vec<Cue> {
    match installed(reg) {
        Some(prep) => find_relations_with(prep, text, title_end, sentences, ms, roles),
        None => find_relations_with(&Prep::new(reg), text, title_end, sentences, ms, roles),
    }
}

/// `find_relations`, given the `Prep`
fn find_relations_with(
    prep: &Prep,
    text: &str,
    title_end: usize,
    sentences: &[(usize, usize)],
    ms: &[Mn],
    roles: &[(usize, &str)],
) -> Vec<Cue> {
    let (pats, kinds) = (&prep.pats, &prep.kinds);
    let sents = mention_sentences(sentences, title_end, ms);
    let mut out = Vec::new();
    name_cues(pats, kinds, text, ms, &sents, &mut out);
    let added: Vec<i64> = roles
        .iter()
        .filter(|r| r.1 == "proposes")
        .map(|r| ms[r.0].group)
        .collect();
    let order = py_int_set_order(&added);
    let proposed: FxHashSet<i64> = order.iter().copied().collect();
    let mut first_of: FxHashMap<i64, usize> = FxHashMap::default();
    for (i, m) in ms.iter().enumerate() {
        first_of.entry(m.group).or_insert(i);
    }
    let min_proposed = order.iter().copied().min();
    let main = min_proposed.map(|g| first_of[&g]);
    proposed_parts(kinds, ms, &sents, &order, &first_of, &mut out);
    used_system(kinds, ms, roles, &sents, min_proposed, &first_of, &mut out);
    title_kind(pats, text, title_end, ms, &proposed, &mut out);
    title_lineage(pats, text, title_end, ms, &proposed, &mut out);
    let words = word_starts_with(text, &prep.extends);
    let kind_ends = pats.kind_of_ends;
    let by_sentence = SentenceGroups::new(&sents);
    for (sent, idxs) in by_sentence.iter() {
        let head = idxs
            .iter()
            .copied()
            .find(|&i| proposed.contains(&ms[i].group))
            .or(main);
        let cx = rules::Cx {
            p: pats,
            kinds,
            text,
            ms,
            idxs,
            sent,
            proposed: &proposed,
            head,
        };
        for &i in idxs {
            let m = &ms[i];
            let reach = (sent.0 as i64).max(m.start as i64 - 60);
            let before = pystr::slice(text, reach, m.start as i64);
            let after = pystr::slice(text, m.end as i64, sent.1.min(m.end + 80) as i64);
            if m.ty == Ty::System {
                rules::implemented_in(&cx, i, before, after, &mut out);
            }
            // `_word_within(words, reach, m.start)`
            let k = words.partition_point(|&w| (w as i64) < reach);
            if k < words.len() && words[k] < m.start {
                rules::extends(&cx, i, before, after, &mut out);
            }
            if m.specific
                && m.ty == Ty::Method
                && rules::holds_short(pystr::slice(before, -6, before.len() as i64), "with ")
            {
                rules::combines(&cx, i, before, &mut out);
            }
            rules::is_a(&cx, i, after, &mut out);
            if !m.specific && matches!(after.as_bytes().first(), Some(b' ' | b',')) {
                rules::named_kind(&cx, i, before, after, &mut out);
            }
            if rules::ends_any(before, kind_ends) {
                rules::kind_of(&cx, i, before, &mut out);
            }
        }
    }
    let out = stated_class_first(out, ms);
    out.into_iter()
        .filter(|c| types_fit(kinds, c.rel, ms[c.head].ty, ms[c.tail].ty))
        .collect()
}

/// A `state.Mention` as the relation rules read it
#[derive(FromPyObject)]
struct PyMention {
    #[pyo3(attribute)]
    start: usize,
    #[pyo3(attribute)]
    end: usize,
    #[pyo3(attribute)]
    text: PyBackedStr,
    #[pyo3(attribute("type"))]
    type_: Option<PyBackedStr>,
    #[pyo3(attribute)]
    specific: bool,
    #[pyo3(attribute)]
    group: i64,
}

/// A `state.RoleCue`: its mention and the role's value
#[derive(FromPyObject)]
struct PyRole {
    #[pyo3(attribute)]
    mention: usize,
    #[pyo3(attribute)]
    role: PyBackedStr,
}

/// `find_relations(state.text, state)` of a Python `DocState`, or None when its text
/// (or a mention's) is not plain
pub fn find_relations_py(state: &Bound<'_, PyAny>) -> PyResult<Option<Vec<CueTuple>>> {
    let text: PyBackedStr = state.getattr("text")?.extract()?;
    if !pystr::plain(&text) {
        return Ok(None);
    }
    let mentions: Vec<PyMention> = state.getattr("mentions")?.extract()?;
    if !mentions.iter().all(|m| pystr::plain(&m.text)) {
        return Ok(None);
    }
    let title_end: usize = state.getattr("title_end")?.extract()?;
    let sentences: Vec<(usize, usize)> = state.getattr("sentences")?.extract()?;
    let roles: Vec<PyRole> = state.getattr("roles")?.extract()?;
    let ms: Vec<Mn> = mentions
        .iter()
        .map(|m| Mn {
            start: m.start,
            end: m.end,
            text: &m.text,
            ty: Ty::of(m.type_.as_deref()),
            specific: m.specific,
            group: m.group,
        })
        .collect();
    let roles: Vec<(usize, &str)> = roles.iter().map(|r| (r.mention, &*r.role)).collect();
    let reg = crate::registry::registry();
    let cues = find_relations(&reg, &text, title_end, &sentences, &ms, &roles);
    Ok(Some(
        cues.into_iter()
            .map(|c| (c.head, c.rel.value(), c.tail, c.rule, c.conf, c.sent))
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_groups_are_group_by_sentence() {
        let cases: &[&[(usize, usize)]] = &[
            &[],
            &[(0, 5)],
            &[(0, 5), (0, 5), (6, 9), (6, 9), (10, 12)],
            &[(6, 9), (0, 5), (6, 9), (0, 5), (10, 12), (6, 9)],
        ];
        for sents in cases {
            let want = state::group_by_sentence(sents);
            let groups = SentenceGroups::new(sents);
            let got: Vec<((usize, usize), Vec<usize>)> =
                groups.iter().map(|(s, i)| (s, i.to_vec())).collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn word_starts_find_every_start_in_any_case() {
        let words = vec!["exten".to_string(), "adapt".to_string(), "ada".to_string()];
        let text = "We Extend and adapt; EXTENsion adada";
        assert_eq!(word_starts(text, &words), vec![3, 14, 14, 21, 31, 33]);
        assert_eq!(word_starts("ab", &[String::new()]), vec![0, 1, 2]);
    }

    #[test]
    fn short_names_hold_as_python_in_does() {
        assert!(holds("ZeRO-Infinity", "ZeRO") && holds("abc", "") && holds("", ""));
        assert!(!holds("Ze", "ZeRO") && !holds("ZeRO", "eRo") && holds("aab", "ab"));
        let set = byte_set("ZeRO-Infinity");
        assert!(may_hold(&set, 13, "ZeRO") && may_hold(&set, 13, "") && may_hold(&set, 13, "Zy"));
        assert!(!may_hold(&set, 13, "Adam") && !may_hold(&set, 13, "ZeRO-Infinity-2"));
        assert!(may_hold(&byte_set("\x7f\x00"), 2, "\x00") && !may_hold(&[0; 4], 0, "a"));
    }

    #[test]
    fn int_sets_iterate_in_cpython_order() {
        // list(set(...)) as CPython 3.11 gives it, for each insertion order
        let cases: &[(&[i64], &[i64])] = &[
            (&[2, 10], &[2, 10]),
            (&[10, 2], &[10, 2]),
            (&[3, 11, 19], &[11, 19, 3]),
            (&[0, 8, 16, 24, 1, 9], &[0, 1, 8, 9, 16, 24]),
            (&[-1, 7, -2, 15], &[-2, 15, -1, 7]),
            (
                &[5, 13, 21, 29, 37, 45, 53, 61, 69],
                &[37, 5, 69, 13, 45, 61, 21, 53, 29],
            ),
            (
                &[40, 37, 34, 31, 28, 25, 22, 19, 16, 13, 10, 7, 4, 1],
                &[1, 34, 4, 37, 7, 40, 10, 13, 16, 19, 22, 25, 28, 31],
            ),
            (
                &[100, 3, 200, 7, 300, 50, 12, 11, 10, 9, 8, 1],
                &[1, 3, 100, 7, 200, 9, 10, 11, 300, 12, 8, 50],
            ),
            (&[2, 2, 10, 2], &[2, 10]),
            (
                &[72, 66, 13, 44, 114, 74, 57, 77],
                &[66, 72, 74, 44, 13, 77, 114, 57],
            ),
            (
                &[
                    5, 74, -2, 113, 104, 57, 30, 67, 26, 21, 88, 57, 66, 104, 67, 57, 47, 78, 107,
                ],
                &[66, 67, 5, 104, 74, 107, 78, 47, 113, 21, 30, 88, 57, 26, -2],
            ),
            (&[26, 78, 16, 108, 115], &[108, 78, 16, 115, 26]),
            (
                &[
                    46, 91, -2, 82, 96, 5, 17, 94, 119, 72, 2, 35, 96, 0, 102, 107, 31,
                ],
                &[
                    96, 0, 2, 35, 5, 102, 72, 107, 46, 17, 82, 119, 94, 91, -2, 31,
                ],
            ),
            (
                &[
                    73, 89, 114, 109, 46, 88, 97, 114, 51, 47, 90, 99, 70, 53, 120, 116,
                ],
                &[
                    97, 99, 70, 73, 109, 46, 47, 114, 51, 116, 53, 88, 89, 90, 120,
                ],
            ),
            (&[109, 43, 9, 1, 14], &[1, 9, 43, 109, 14]),
            (
                &[
                    24, 30, 120, 83, 52, 96, 77, 106, 35, 50, 61, 103, 46, 70, 41, 65,
                ],
                &[
                    96, 65, 35, 70, 103, 41, 106, 77, 46, 50, 83, 52, 24, 120, 61, 30,
                ],
            ),
            (
                &[
                    49, 71, 26, 112, 40, 84, 114, 115, 0, 106, 32, 74, 82, 86, 17, 86, 107, 38, 120,
                ],
                &[
                    0, 32, 38, 71, 40, 106, 74, 107, 112, 49, 114, 115, 84, 82, 86, 17, 120, 26,
                ],
            ),
            (
                &[
                    112, 70, 69, 10, 88, 80, 24, 78, 103, 70, 31, 33, 12, 5, 58, 106, 78, 58,
                ],
                &[33, 69, 70, 103, 5, 10, 106, 12, 78, 112, 80, 88, 24, 58, 31],
            ),
            (&[41, 99, 5], &[41, 99, 5]),
            (
                &[111, 16, -1, 34, 51, 95, 50, 108, 12, 2, 74, 75, 94, 2],
                &[34, 2, 74, 75, 108, 12, 111, 16, 50, 51, 94, -1, 95],
            ),
            (
                &[88, 72, 39, 67, 109, 115, 32, 61, 27, 1, 36, -3, 6],
                &[32, 1, 67, 36, 6, 39, 72, 109, -3, 115, 88, 27, 61],
            ),
        ];
        for (items, want) in cases {
            assert_eq!(py_int_set_order(items), want.to_vec(), "{items:?}");
        }
    }
}
