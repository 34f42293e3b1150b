//! Twin of `kg/extract/roles.py`: `assign_roles` and everything it calls (`cue_starts`,
//! `rare_cues`, `proposed_groups`, `first_own_work`, `mention_role`,
//! `_compared_as_a_class`, `_use_the_recurring_topic`, ...), for plain text.
//!
//! On plain (ASCII) text `cue_starts` always finds its `Cues` and `rare_cues` its
//! `RareCues`, so only the Python paths with them are ported.

use std::collections::{HashMap, HashSet};

use crate::pyre::Rx;
use crate::pystr;
use crate::registry::Registry;
use crate::state::{group_by_sentence, DocState, Mention};

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

fn rx<'r>(reg: &'r Registry, name: &str) -> &'r Rx {
    reg.rx(name)
}

fn is_type(m: &Mention, t: &str) -> bool {
    m.type_.as_deref() == Some(t)
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

/// `text.startswith(prefixes, at)` for `at >= 0`
fn starts_any(text: &str, prefixes: &[String], at: usize) -> bool {
    at <= text.len() && prefixes.iter().any(|p| text[at..].starts_with(p.as_str()))
}

/// `text.endswith(suffixes, lo, hi)`
fn ends_any(text: &str, suffixes: &[String], lo: usize, hi: usize) -> bool {
    let window = sl(text, lo, hi);
    suffixes.iter().any(|s| window.ends_with(s.as_str()))
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
fn cued(reg: &Registry, window: &str, literals: &str, pattern: &str) -> bool {
    for literal in reg.seq(literals) {
        if window.contains(literal.as_str()) {
            return search_all(rx(reg, pattern), window).is_some();
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
    /// `cues.starts(at, kind)`
    pub fn starts(&self, reg: &Registry, at: usize, kind: &str) -> bool {
        let prefixes = reg
            .map("roles._CUE_PREFIXES")
            .get(kind)
            .unwrap_or_else(|| panic!("kg_native: no cue kind {kind}"));
        starts_any(&self.low, prefixes, at)
    }
}

/// `cue_starts(low)` for plain `low`
pub fn cue_starts(reg: &Registry, low: &str) -> Cues {
    let mut spaced = String::with_capacity(low.len() + 1);
    spaced.push(' ');
    spaced.extend(low.bytes().map(|b| {
        if b.is_ascii_alphanumeric() || b == b'_' {
            b as char
        } else {
            ' '
        }
    }));
    let group = reg.map("roles._CUE_GROUP");
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
    for h in rx(reg, "roles._CUE_SCAN").finditer(&spaced, 0, spaced.len()) {
        let word = h.str(&spaced, 1);
        let kind = group
            .get(word)
            .and_then(|k| k.first())
            .unwrap_or_else(|| panic!("kg_native: cue word {word} has no kind"));
        let at = h.start();
        match kind.as_str() {
            "compare" => cues.compare.push(at),
            "verb" => cues.verb.push(at),
            "not_used" => cues.not_used.push(at),
            "use" => cues.use_.push(at),
            "own" => cues.own.push(at),
            "away" => cues.away.push(at),
            "claim" => cues.claim.push(at),
            other => panic!("kg_native: unknown cue kind {other}"),
        }
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

/// `relations.derived_suffix(derived, base)`
fn derived_suffix(reg: &Registry, derived: &str, base: &str) -> bool {
    if base.len() < 2 || !derived.starts_with(base) || derived == base {
        return false;
    }
    let suffix = &derived[base.len()..];
    rx(reg, "relations._DERIVED").is_match(suffix)
        && !rx(reg, "relations._SIZE_SUFFIX").is_match(suffix)
}

/// `_NUMBERED.fullmatch(s, pos)` (the pattern's matches are one or two characters, the
/// optional separator first: its first match is its full one, if any)
fn numbered_full(reg: &Registry, s: &str, pos: usize) -> bool {
    pos <= s.len()
        && rx(reg, "roles._NUMBERED")
            .match_at(s, pos, s.len())
            .is_some_and(|c| c.end() == s.len())
}

fn title_proposal(text: &str, m: &Mention, title_end: usize) -> bool {
    m.start == 0 && m.end < title_end && starts_at(text, ":", m.end as i64) && !is_type(m, HARDWARE)
}

fn title_means(reg: &Registry, text: &str, m: &Mention, title_end: usize) -> bool {
    m.end <= title_end
        && !m.specific
        && m.concept.is_none()
        && is_type(m, METHOD)
        && m.text
            .bytes()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase())
        && m.text.contains(' ')
        && sl(text, m.end, title_end)
            .trim_matches(|c: char| c == ' ' || c == '.')
            .is_empty()
        && rx(reg, "roles._MEANS_BEFORE")
            .search(text, m.start.saturating_sub(9), m.start)
            .is_some()
}

fn bought_device(m: &Mention) -> bool {
    is_type(m, HARDWARE) && m.concept.is_some()
}

fn built_in_known(reg: &Registry, text: &str, m: &Mention) -> bool {
    m.concept.is_some() && starts_any(text, reg.seq("roles._IMPLEMENTED_AFTER"), m.end)
}

fn repository_names(reg: &Registry, ms: &[Mention], low: &str) -> Vec<i64> {
    let repos: HashSet<&str> = rx(reg, "roles._REPO")
        .finditer(low, 0, low.len())
        .map(|c| {
            let r = c.str(low, 1).trim_end_matches('.');
            r.strip_suffix(".git").unwrap_or(r)
        })
        .collect();
    ms.iter()
        .filter(|m| {
            m.specific
                && m.concept.is_none()
                && !is_type(m, HARDWARE)
                && repos.contains(m.text.to_ascii_lowercase().as_str())
        })
        .map(|m| m.group)
        .collect()
}

fn own_after(reg: &Registry, text: &str, end: usize) -> bool {
    rx(reg, "roles._OWN_AFTER")
        .match_at(text, end, end + 80)
        .is_some()
}

fn this_named(reg: &Registry, text: &str, s0: usize, start: usize) -> bool {
    let window = sl(text, s0.max(start.saturating_sub(60)), start);
    cued(reg, window, "roles._THIS_NAMED_WORDS", "roles._THIS_NAMED")
}

fn we_name_it(reg: &Registry, text: &str, s0: usize, start: usize) -> bool {
    let window = sl(text, s0.max(start.saturating_sub(50)), start);
    cued(reg, window, "roles._WE_NAME_IT_WORDS", "roles._WE_NAME_IT")
}

fn own_parts_list(reg: &Registry, text: &str, s0: usize, start: usize) -> bool {
    rx(reg, "roles._OWN_PARTS")
        .search(text, s0.max(start.saturating_sub(90)), start)
        .is_some()
}

fn proposed_here(
    reg: &Registry,
    text: &str,
    lo: usize,
    start: usize,
    s0: usize,
    title_end: usize,
) -> bool {
    let window = sl(text, lo, start);
    match search_all(rx(reg, "roles._PROPOSE_BEFORE"), window) {
        None => {
            starts_at(text, ") ", start as i64 - 2)
                && search_all(rx(reg, "roles._ENUMERATED"), window).is_some()
        }
        Some(hit) => {
            hit.get(1).is_none()
                || (rx(reg, "roles._OWN")
                    .search(text, title_end, lo + hit.start())
                    .is_some()
                    && rx(reg, "roles._BACKGROUND")
                        .search(text, s0, start)
                        .is_none())
        }
    }
}

/// `proposed_groups(state, text, sents, cues)`
pub fn proposed_groups(
    reg: &Registry,
    st: &DocState,
    text: &str,
    sents: &[(usize, usize)],
    cues: &Cues,
) -> HashSet<i64> {
    let ms = &st.mentions;
    let title_end = st.title_end;
    let propose_rules = reg.words("roles._PROPOSE_RULES");
    let mut out: HashSet<i64> = ms
        .iter()
        .filter(|m| {
            propose_rules.contains(&m.rule)
                || title_proposal(text, m, title_end)
                || title_means(reg, text, m, title_end)
        })
        .map(|m| m.group)
        .collect();
    let long_forms: HashSet<(usize, usize)> = st
        .abbreviations
        .iter()
        .map(|a| (a.long_start, a.long_end))
        .collect();
    let low = cues.low.as_str();
    let own = &cues.own;
    let propose_verb = rx(reg, "roles._PROPOSE_VERB");
    let verbs: Vec<usize> = cues
        .verb
        .iter()
        .copied()
        .filter(|&p| propose_verb.match_at(low, p, low.len()).is_some())
        .collect();
    let cue_sents: HashSet<(usize, usize)> = verbs
        .iter()
        .filter(|&&p| p >= title_end)
        .map(|&p| st.sentence_of(p))
        .collect();
    let novel = low.contains("novel ");
    let apposition = reg.seq("roles._APPOSITION_STARTS");
    let own_after_starts = reg.seq("roles._OWN_AFTER_STARTS");
    for (m, &sent) in ms.iter().zip(sents.iter()) {
        let (start, end) = (m.start, m.end);
        let (s0, _) = sent;
        let hw = is_type(m, HARDWARE);
        let hit = st.proposed.iter().any(|&(s, e)| s < end && start < e);
        if hit && !built_in_known(reg, text, m) {
            out.insert(m.group);
            continue;
        }
        if m.specific {
            let lo = s0.max(start.saturating_sub(50));
            if (any_between(own, lo, start)
                && rx(reg, "roles._OUR_NAME").search(text, lo, start).is_some()
                && !(starts_at(text, ", ", start as i64 - 2)
                    && rx(reg, "roles._FRONTED_OUR")
                        .search(text, lo, start)
                        .is_some())
                && !bought_device(m)
                && !built_in_known(reg, text, m))
                || (starts_any(text, apposition, end)
                    && search_first(rx(reg, "roles._NOVEL_APPOSITIVE"), sl(text, end, end + 20)))
            {
                out.insert(m.group);
                continue;
            }
            if starts_at(text, ", ", start as i64 - 2)
                && m.concept.is_none()
                && !hw
                && (start as i64 - (s0 as i64)) < 30
                && rx(reg, "roles._IN_THIS_PAPER")
                    .match_at(text, s0, start)
                    .is_some()
            {
                out.insert(m.group);
                continue;
            }
            if starts_any(text, own_after_starts, end)
                && m.concept.is_none()
                && !hw
                && own_after(reg, text, end)
                && rx(reg, "roles._BACKGROUND")
                    .search(text, s0, start)
                    .is_none()
            {
                out.insert(m.group);
                continue;
            }
        }
        if (m.specific || long_forms.contains(&(start, end)))
            && (this_named(reg, text, s0, start)
                || (m.concept.is_none()
                    && any_between(own, s0.max(start.saturating_sub(50)), start)
                    && we_name_it(reg, text, s0, start)))
        {
            out.insert(m.group);
            continue;
        }
        if m.specific
            && m.concept.is_none()
            && !hw
            && pystr::rfind(text, ":", s0.max(start.saturating_sub(90)), start).is_some()
            && own_parts_list(reg, text, s0, start)
            && (cue_sents.contains(&sent)
                || rx(reg, "roles._OWN").search(text, s0, start).is_some()
                || ms
                    .iter()
                    .any(|n| s0 <= n.start && n.start < start && out.contains(&n.group)))
        {
            out.insert(m.group);
            continue;
        }
        if !cue_sents.contains(&sent) {
            continue;
        }
        if novel
            && starts_at(text, "novel ", start as i64 - 6)
            && (m.concept.is_none()
                || rx(reg, "roles._NP_ENDS")
                    .match_at(text, end, text.len())
                    .is_some())
            && !hw
            && !starts_at(text, "-", end as i64)
        {
            out.insert(m.group);
            continue;
        }
        let lo = s0.max(start.saturating_sub(90));
        if !any_between(&verbs, lo, start) {
            continue;
        }
        if (m.specific || long_forms.contains(&(start, end)))
            && !hw
            && proposed_here(reg, text, lo, start, s0, title_end)
            && !built_in_known(reg, text, m)
        {
            out.insert(m.group);
        }
    }
    if low.contains("github.com/") {
        out.extend(repository_names(reg, ms, low));
    }
    let own_names: Vec<&str> = {
        let set: HashSet<&str> = ms
            .iter()
            .filter(|m| out.contains(&m.group) && m.specific)
            .map(|m| m.text.as_str())
            .collect();
        set.into_iter().collect()
    };
    if !own_names.is_empty() {
        for m in ms {
            if m.specific
                && own_names.iter().any(|n| m.text.starts_with(n))
                && !out.contains(&m.group)
                && own_names.iter().any(|n| {
                    derived_suffix(reg, &m.text, n) || numbered_full(reg, &m.text, n.len())
                })
            {
                out.insert(m.group);
            }
        }
    }
    out
}

/// `rx.match(s)` over a whole string
fn search_first(rx: &Rx, s: &str) -> bool {
    rx.match_at(s, 0, s.len()).is_some()
}

/// `first_own_work(text, state, proposed, cues)`
pub fn first_own_work(
    reg: &Registry,
    text: &str,
    st: &DocState,
    proposed: &HashSet<i64>,
    cues: &Cues,
) -> usize {
    let mut at = text.len();
    let title_end = st.title_end;
    let own_rx = rx(reg, "roles._OWN");
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
fn own_sentence(reg: &Registry, text: &str, s0: usize, s1: usize, cues: &Cues) -> bool {
    let sentence = sl(text, s0, s1);
    let own_rx = rx(reg, "roles._OWN");
    if cues.starts(reg, s0, "own") && own_rx.match_at(sentence, 0, sentence.len()).is_some() {
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
fn compares(reg: &Registry, text: &str, end: usize, s0: usize) -> bool {
    let last4 = pystr::slice(text, end as i64 - 4, end as i64);
    if last4.eq_ignore_ascii_case("than") {
        return !(rx(reg, "roles._THAN_QUANTITY")
            .match_at(text, end, text.len())
            .is_some()
            || ends_any(text, reg.seq("roles._THAN_NOT_COMPARED"), s0, end));
    }
    if !last4.eq_ignore_ascii_case("over") {
        return true;
    }
    if ends_any(text, reg.seq("roles._OVER_MEDIUM"), s0, end) {
        return false;
    }
    rx(reg, "roles._OVER_QUANTITY")
        .match_at(text, end, text.len())
        .is_none()
        && rx(reg, "roles._OVER_AFTER")
            .search(text, s0.max(end.saturating_sub(60)), end - 4)
            .is_some()
}

fn in_dataset_list(reg: &Registry, text: &str, lo: usize, start: usize) -> bool {
    cued(
        reg,
        sl(text, lo, start),
        "roles._DATASET_LIST_WORDS",
        "roles._DATASET_LIST",
    )
}

fn overcomes(reg: &Registry, text: &str, lo: usize, start: usize) -> bool {
    cued(
        reg,
        sl(text, lo, start),
        "roles._LIMITS_WORDS",
        "roles._LIMITS_OF",
    )
}

fn unlike_clause(reg: &Registry, text: &str, far: usize, w: usize, start: usize) -> bool {
    if far >= w {
        return false;
    }
    cued(
        reg,
        sl(text, far, start),
        "roles._UNLIKE_WORDS",
        "roles._UNLIKE_WHICH",
    )
}

fn compared_with(reg: &Registry, text: &str, lo: usize, start: usize) -> bool {
    cued(
        reg,
        sl(text, lo.max(start.saturating_sub(40)), start),
        "roles._COMPARED_WORDS",
        "roles._COMPARED_WITH",
    )
}

fn built_on(reg: &Registry, text: &str, end: usize, start: usize) -> bool {
    cued(
        reg,
        sl(text, end.max(start.saturating_sub(40)), start),
        "roles._BUILT_ON_WORDS",
        "roles._BUILT_ON",
    )
}

fn known_alternative(reg: &Registry, text: &str, lo: usize, start: usize) -> bool {
    let window = sl(text, lo.max(start.saturating_sub(60)), start);
    for literal in reg.seq("roles._PRIOR_WORDS") {
        if window.contains(literal.as_str()) {
            return match search_all(rx(reg, "roles._PRIOR_BEFORE"), window) {
                None => false,
                Some(hit) => rx(reg, "roles._WE")
                    .search(window, hit.start(), window.len())
                    .is_none(),
            };
        }
    }
    false
}

fn built_from(reg: &Registry, text: &str, lo: usize, start: usize) -> bool {
    let window = sl(text, lo.max(start.saturating_sub(40)), start);
    cued(reg, window, "roles._BUILT_FROM_WORDS", "roles._BUILT_FROM")
}

fn workload(reg: &Registry, text: &str, end: usize, start: usize) -> bool {
    if end >= start {
        return false;
    }
    if let Some(colon) = pystr::rfind(text, ":", end, start) {
        if colon > 0
            && rx(reg, "roles._SETTINGS_BEFORE_COLON")
                .search(text, end, colon)
                .is_some()
        {
            return true;
        }
    }
    rx(reg, "roles._WORKLOAD_BEFORE")
        .search(text, end.max(start.saturating_sub(40)), start)
        .is_some()
}

fn device_count(reg: &Registry, text: &str, lo: usize, start: usize) -> bool {
    let window = sl(text, lo.max(start.saturating_sub(30)), start);
    window.bytes().any(|c| c.is_ascii_digit())
        && search_all(rx(reg, "roles._DEVICE_COUNT"), window).is_some()
}

fn does_away_with(reg: &Registry, text: &str, lo: usize, start: usize) -> bool {
    rx(reg, "roles._DOES_AWAY")
        .search(text, lo, start)
        .is_some()
}

fn future_work(reg: &Registry, text: &str, lo: usize, start: usize) -> bool {
    let window = sl(text, lo, start).to_ascii_lowercase();
    cued(reg, &window, "roles._FUTURE_WORDS", "roles._FUTURE")
}

/// `_cue_in(rx, text, at, lo, hi)` with the cue offsets `at`
fn cue_in(rx: &Rx, text: &str, at: &[usize], lo: usize, hi: usize) -> bool {
    for &p in &at[bisect_left(at, lo)..] {
        if p >= hi {
            break;
        }
        if rx.match_at(text, p, hi).is_some() {
            return true;
        }
    }
    false
}

fn background_clause(
    reg: &Registry,
    text: &str,
    sent: (usize, usize),
    start: usize,
    end: usize,
    cues: &Cues,
) -> bool {
    let s0 = sent.0;
    let own_rx = rx(reg, "roles._OWN");
    !cue_in(own_rx, text, &cues.own, s0, start)
        && cue_in(own_rx, text, &cues.own, end, sent.1)
        && rx(reg, "roles._BACKGROUND")
            .search(text, s0, start)
            .is_some()
        && search_all(
            rx(reg, "roles._USE_STRONG"),
            sl(text, s0.max(start.saturating_sub(40)), start),
        )
        .is_none()
        && rx(reg, "roles._BUILDS_ON_CLAUSE")
            .search(text, s0, start)
            .is_none()
}

/// `_trained_on(text, s0, start)`
fn trained_on(reg: &Registry, text: &str, s0: usize, start: usize) -> bool {
    let window = sl(text, s0.max(start.saturating_sub(60)), start);
    if !cued(reg, window, "roles._TRAINED_WORDS", "roles._TRAINED_ON") {
        return false;
    }
    let last = match (window.rfind("train"), window.rfind("tun")) {
        (Some(a), Some(b)) => a.max(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return true, // unreachable: the window holds one of them
    };
    let tail = &window[last..];
    !reg.seq("roles._TEST_VERBS")
        .iter()
        .any(|w| tail.contains(w.as_str()))
}

/// `mention_role(text, m, sent, own, is_title, compare_ends, cues, after_own, rare)`
#[allow(clippy::too_many_arguments)]
pub fn mention_role(
    reg: &Registry,
    text: &str,
    m: &Mention,
    sent: (usize, usize),
    own: bool,
    is_title: bool,
    compare_ends: &[usize],
    cues: &Cues,
    after_own: bool,
    rare: &RareCues,
) -> Verdict {
    let start = m.start;
    let (s0, s1) = sent;
    let lo = s0.max(start.saturating_sub(90));
    let hw = is_type(m, HARDWARE);
    let dataset = is_type(m, DATASET);
    if starts_any(text, reg.seq("roles._ANALOGY_OPENERS"), s0) && !sl(text, s0, start).contains(',')
    {
        return (MENTIONS, "analogy", 0.55);
    }
    if pystr::find(text, "(", lo.max(start.saturating_sub(13)), start).is_some()
        && ends_any(text, reg.seq("roles._LIKENED"), lo, start)
    {
        return (MENTIONS, "analogy", 0.55);
    }
    if is_type(m, SYSTEM) && starts_any(text, reg.seq("roles._PRODUCT_AFTER"), m.end) {
        return (MENTIONS, "deployed_in", 0.55);
    }
    if dataset && own && built_from(reg, text, lo, start) {
        return (USES, "dataset_built_from", 0.7);
    }
    if dataset
        && (own
            || search_all(rx(reg, "roles._ON_BEFORE"), sl(text, lo, start)).is_some()
            || in_dataset_list(reg, text, lo, start))
    {
        return (EVALUATES_ON, "dataset_on", 0.75);
    }
    if hw
        && own
        && search_all(rx(reg, "roles._ON_BEFORE"), sl(text, lo, start)).is_some()
        && !compared_with(reg, text, lo, start)
    {
        return (RUNS_ON, "hardware_on", 0.75);
    }
    if hw
        && rare.hardware
        && rx(reg, "roles._HARDWARE_RESOURCE")
            .match_at(text, m.end, text.len())
            .is_some()
    {
        return (MENTIONS, "hardware_resource", 0.5);
    }
    let resource_after = || {
        rx(reg, "roles._RESOURCE_AFTER")
            .match_at(text, m.end, text.len())
            .is_some()
    };
    if !compare_ends.is_empty() && (own || after_own || is_title) && !(hw && resource_after()) {
        let mut k = bisect_left(compare_ends, lo);
        while k < compare_ends.len() && compare_ends[k] <= start {
            let end = compare_ends[k];
            k += 1;
            if rx(reg, "roles._WE").search(text, end, start).is_some()
                || !compares(reg, text, end, s0)
                || (sl(text, end, start).contains(',')
                    && rx(reg, "roles._CLAUSE_BREAK")
                        .search(text, end, start)
                        .is_some())
                || built_on(reg, text, end, start)
                || workload(reg, text, end, start)
            {
                continue;
            }
            return (COMPARES_WITH, "compare_cue", 0.7);
        }
    }
    if own && !hw && overcomes(reg, text, lo.max(start.saturating_sub(40)), start) {
        return (COMPARES_WITH, "overcome_cue", 0.65);
    }
    if hw {
        if !(own || is_title) && resource_after() {
            return (MENTIONS, "background", 0.5);
        }
        if own
            || is_title
            || search_all(
                rx(reg, "roles._RUN_BEFORE"),
                sl(text, lo.max(start.saturating_sub(40)), start),
            )
            .is_some()
        {
            return (RUNS_ON, "hardware_on", 0.7);
        }
        if after_own && device_count(reg, text, lo, start) {
            return (RUNS_ON, "device_count", 0.65);
        }
        return (MENTIONS, "background", 0.5);
    }
    if dataset {
        if own
            || is_title
            || search_all(rx(reg, "roles._ON_ACROSS_BEFORE"), sl(text, lo, start)).is_some()
        {
            return (EVALUATES_ON, "dataset_on", 0.7);
        }
        return (MENTIONS, "background", 0.5);
    }
    let w = lo.max(start.saturating_sub(50));
    if (any_between(&cues.not_used, w, start) || cues.starts(reg, w, "not_used"))
        && search_all(rx(reg, "roles._NOT_USED"), sl(text, w, start)).is_some()
    {
        return (MENTIONS, "not_used_cue", 0.6);
    }
    if any_between(&cues.away, w, start) && does_away_with(reg, text, w, start) {
        return (MENTIONS, "not_used_cue", 0.6);
    }
    if !rare.unlike.is_empty() {
        let far = s0.max(start.saturating_sub(160));
        if any_between(&rare.unlike, far, w) && unlike_clause(reg, text, far, w, start) {
            return (MENTIONS, "not_used_cue", 0.6);
        }
    }
    if rare.free
        && (starts_at(text, "-free", m.end as i64)
            || ends_any(text, reg.seq("roles._NO_PREFIXES"), lo, start))
    {
        return (MENTIONS, "not_used_cue", 0.6);
    }
    if is_title {
        return (USES, "title_use", 0.6);
    }
    if own && future_work(reg, text, lo, start) {
        return (MENTIONS, "future_work", 0.55);
    }
    if own {
        if background_clause(reg, text, sent, start, m.end, cues) {
            return (MENTIONS, "background", 0.5);
        }
        if known_alternative(reg, text, lo, start) {
            return (USES, OWN_WORK_PRIOR, 0.55);
        }
        return (USES, "own_work_use", 0.6);
    }
    let w = lo.max(start.saturating_sub(40));
    if after_own
        && (any_between(&cues.use_, w, start) || cues.starts(reg, w, "use"))
        && search_all(rx(reg, "roles._USE_STRONG"), sl(text, w, start)).is_some()
        && rx(reg, "roles._BACKGROUND")
            .search(text, s0, start)
            .is_none()
    {
        return (USES, "use_cue", 0.55);
    }
    if after_own
        && !is_type(m, MODEL)
        && rx(reg, "roles._PRIOR_WORK").search(text, s0, s1).is_none()
        && !cue_in(rx(reg, "roles._GENERAL_CLAIM"), text, &cues.claim, s0, s1)
    {
        return (USES, "after_own_use", 0.55);
    }
    (MENTIONS, "background", 0.5)
}

/// `_own_name_parts(ms, proposed)`
fn own_name_parts<'m>(
    reg: &Registry,
    ms: &'m [Mention],
    proposed: &HashSet<i64>,
) -> HashSet<&'m str> {
    let split = rx(reg, "roles._NAME_SPLIT");
    let mut parts = HashSet::new();
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
fn compared_classes(
    reg: &Registry,
    low: &str,
    cues: &Cues,
    own_from: usize,
) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let compare = rx(reg, "roles._COMPARE_LOW");
    let class_after = rx(reg, "roles._CLASS_AFTER_COMPARE");
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
    reg: &Registry,
    text: &str,
    st: &DocState,
    cues: &Cues,
    own_from: usize,
    background: &mut Background,
    roles: &mut Vec<RoleCue>,
) {
    let classes = compared_classes(reg, &cues.low, cues, own_from);
    if classes.is_empty() {
        return;
    }
    let example = rx(reg, "roles._EXAMPLE_OF");
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
    reg: &Registry,
    text: &str,
    st: &DocState,
    background: &Background,
    roles: &mut Vec<RoleCue>,
) {
    let ms = &st.mentions;
    let shorts: HashSet<&str> = st.abbreviations.iter().map(|a| a.short.as_str()).collect();
    let bg_rx = rx(reg, "roles._BACKGROUND");
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
pub fn plain_state(st: &DocState) -> bool {
    pystr::plain(&st.text) && st.mentions.iter().all(|m| pystr::plain(&m.text))
}

/// `assign_roles(state.text, state)`: the role cues it appends to `state.roles`
pub fn assign_roles(reg: &Registry, st: &DocState) -> Vec<RoleCue> {
    let text = st.text.as_str();
    let ms = &st.mentions;
    let sents = st.mention_sentences();
    let low = st.lowered();
    let cues = cue_starts(reg, &low);
    let proposed = proposed_groups(reg, st, text, &sents, &cues);
    let title_end = st.title_end;
    let own_from = first_own_work(reg, text, st, &proposed, &cues);
    let own_parts = own_name_parts(reg, ms, &proposed);
    let rare = rare_cues(&low, &cues);
    let propose_rules = reg.words("roles._PROPOSE_RULES");
    let our = rx(reg, "roles._OUR");
    let compare_low = rx(reg, "roles._COMPARE_LOW");
    let mut roles: Vec<RoleCue> = Vec::with_capacity(ms.len() + 2);
    let mut background = Background::default();
    let mut other: HashSet<i64> = HashSet::new();
    for (sent, idxs) in group_by_sentence(&sents) {
        let (s0, s1) = sent;
        let has_proposed = idxs.iter().any(|&i| proposed.contains(&ms[i].group));
        let own = has_proposed || own_sentence(reg, text, s0, s1, &cues);
        let is_title = s0 == 0 && s1 <= title_end;
        let compare_ends = if any_between(&cues.compare, s0, s1) {
            cue_ends(compare_low, &low, &cues.compare, s0, s1)
        } else {
            Vec::new()
        };
        for &i in &idxs {
            let m = &ms[i];
            if proposed.contains(&m.group) {
                let a = m.start.saturating_sub(30);
                if propose_rules.contains(&m.rule)
                    || ((any_between(&cues.own, a, m.start) || cues.starts(reg, a, "own"))
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
