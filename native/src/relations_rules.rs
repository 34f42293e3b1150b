//! Twins of `kg/extract/relations.py`'s sentence rules (`_implemented_in`, `_extends`,
//! `_combines`, `_is_a`, `_named_kind`, `_kind_of` and their helpers), for plain text.
//!
//! `before` and `after` are the text's slices around a mention, searched as separate
//! strings as the Python rules do; an offset in them plus the slice's start is one in
//! the text.

use rustc_hash::FxHashSet;

use crate::pystr;
use crate::relations::{fullmatch, Cue, Kinds, Mn, Pats, Rel, Ty};

/// `_Sentence`: one sentence's mentions and what the rules read of the paper
pub struct Cx<'a> {
    pub p: &'a Pats<'a>,
    pub kinds: &'a Kinds,
    pub text: &'a str,
    pub ms: &'a [Mn<'a>],
    /// indices (into `ms`) of the sentence's mentions, in order
    pub idxs: &'a [usize],
    pub sent: (usize, usize),
    /// groups of the entities the paper proposes
    pub proposed: &'a FxHashSet<i64>,
    /// the sentence's proposed mention, else the paper's main one
    pub head: Option<usize>,
}

impl Cx<'_> {
    fn implemented(&self, ty: Ty) -> bool {
        self.kinds.implemented.contains(&ty)
    }

    fn push(
        &self,
        out: &mut Vec<Cue>,
        head: usize,
        rel: Rel,
        tail: usize,
        rule: &'static str,
        conf: f64,
    ) {
        out.push(Cue::new(head, rel, tail, rule, conf, self.sent));
    }
}

/// `relations._APPOS`, as `appos_may_match` reads it
pub const APPOS: &str = r"^\)?\s?(?:,(?:\swhich\s(?:is|are))?|\sis|\sare|\s\()(?:\s(?:also|essentially|itself|thus|now))?\s?(?:a|an|the|one\sof\sthe|among\sthe)\s((?:[\w\-]+\s){0,5})";

/// `relations._SUCH_AS`, as `such_as_may_match` reads it
pub const SUCH_AS: &str = r"^\)?[\s,]*(?:(?P<noun>variants?|methods?|techniques?|models?|systems?|frameworks?|algorithms?|architectures?|approaches|optimizers?|schemes?|strategies|baselines?|platforms?|processors?|families)(?:\s|(?P<comma>,)))?,?\s?(?:(?P<named>such\sas|namely)|like|including|e\.g\.,?|especially|in\sparticular|particularly)\s";

/// The first two characters of each word `SUCH_AS` may start with
const SUCH_AS_STARTS: [&[u8; 2]; 23] = [
    b"va", b"me", b"te", b"mo", b"sy", b"fr", b"al", b"ar", b"ap", b"op", b"sc", b"st", b"ba",
    b"pl", b"pr", b"fa", b"su", b"na", b"li", b"in", b"e.", b"es", b"pa",
];

/// `needle in hay` for a short `hay` (no searcher to set up)
pub fn holds_short(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.is_empty() || (h.len() >= n.len() && h.windows(n.len()).any(|w| w == n))
}

/// Whether byte `c` is in a short `s`
fn has_byte(s: &str, c: u8) -> bool {
    s.bytes().any(|b| b == c)
}

/// `s.endswith(ends)` (an end's last byte compared first)
pub fn ends_any(s: &str, ends: &[String]) -> bool {
    let b = s.as_bytes();
    ends.iter().any(|e| {
        let e = e.as_bytes();
        match e.last() {
            None => true,
            Some(&c) => b.len() >= e.len() && b[b.len() - 1] == c && b[b.len() - e.len()..] == *e,
        }
    })
}

/// `s.startswith(starts)` (a start's first byte compared first)
fn starts_any(s: &str, starts: &[String]) -> bool {
    let b = s.as_bytes();
    starts.iter().any(|e| {
        let e = e.as_bytes();
        match e.first() {
            None => true,
            Some(&c) => b.len() >= e.len() && b[0] == c && b[..e.len()] == *e,
        }
    })
}

/// `\s` on plain text
fn re_space(c: Option<&u8>) -> bool {
    matches!(c, Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c))
}

/// Whether `APPOS.match(after)` may succeed: past an optional ")" and at most one
/// whitespace it takes a "," or a whitespace before "is", "are" or "("
pub fn appos_may_match(a: &[u8]) -> bool {
    let k = usize::from(a.first() == Some(&b')'));
    let at = |i: usize| a.get(k + i);
    let opener = |c: Option<&u8>| matches!(c, Some(b'i' | b'a' | b'('));
    at(0) == Some(&b',')
        || (re_space(at(0))
            && (at(1) == Some(&b',') || opener(at(1)) || (re_space(at(1)) && opener(at(2)))))
}

/// Whether `SUCH_AS.match(after)` may succeed: past an optional ")" and the spaces and
/// commas after it, one of its words starts
pub fn such_as_may_match(a: &[u8]) -> bool {
    let mut k = usize::from(a.first() == Some(&b')'));
    while a.get(k).is_some_and(|&c| c == b',' || re_space(Some(&c))) {
        k += 1;
    }
    a.get(k..k + 2)
        .is_some_and(|two| SUCH_AS_STARTS.iter().any(|s| s[..] == *two))
}

/// `_listed_next(text, end, start)`
fn listed_next(p: &Pats, text: &str, end: usize, start: usize) -> bool {
    start as i64 - end as i64 <= 25
        && p.list_gap
            .is_match(pystr::slice(text, end as i64, start as i64))
}

/// `_listed_before(text, idxs, ms, i)`
fn listed_before(p: &Pats, text: &str, idxs: &[usize], ms: &[Mn], i: usize) -> Vec<usize> {
    let mut out = vec![i];
    let mut first = ms[i].start;
    for &j in idxs.iter().rev() {
        let x = &ms[j];
        if j >= i || x.end > first {
            continue;
        }
        if !listed_next(p, text, x.end, first) {
            break;
        }
        out.push(j);
        first = x.start;
    }
    out
}

/// `_adjacent_subject(text, idxs, ms, i, cue_start, default)`
fn adjacent_subject(
    p: &Pats,
    text: &str,
    idxs: &[usize],
    ms: &[Mn],
    i: usize,
    cue_start: usize,
    default: Option<usize>,
) -> Option<usize> {
    for &j in idxs.iter().rev() {
        if j >= i || ms[j].end > cue_start {
            continue;
        }
        return if p.subject_gap.match_at(text, ms[j].end, cue_start).is_some() {
            Some(j)
        } else {
            default
        };
    }
    default
}

/// `_implemented_in(cx, i, before, after, out)`
pub fn implemented_in(cx: &Cx, i: usize, before: &str, after: &str, out: &mut Vec<Cue>) {
    let (p, ms, idxs, text) = (cx.p, cx.ms, cx.idxs, cx.text);
    let m = &ms[i];
    let b0 = m.start - before.len(); // where `before` starts in the text
    if let Some(imp) = p.impl_.search(before, 0, before.len()) {
        let earlier = || idxs.iter().rev().copied().filter(move |&j| j < i);
        let subject = earlier()
            .find(|&j| cx.proposed.contains(&ms[j].group) && ms[j].group != m.group)
            .or_else(|| earlier().find(|&j| cx.implemented(ms[j].ty)))
            .or(cx.head);
        let cue_start = b0 + imp.start();
        let adjacent = adjacent_subject(p, text, idxs, ms, i, cue_start, None);
        let mut subjects: Vec<Option<usize>> = match adjacent {
            None => vec![subject],
            Some(a) => listed_before(p, text, idxs, ms, a)
                .into_iter()
                .map(Some)
                .collect(),
        };
        let obj = idxs
            .iter()
            .copied()
            .find(|&j| cue_start <= ms[j].start && j < i);
        if let Some(o) = obj {
            if cx.implemented(ms[o].ty) && ms[o].group != m.group {
                subjects = vec![Some(o)];
            }
        }
        for s in subjects.into_iter().flatten() {
            if ms[s].group != m.group {
                cx.push(out, s, Rel::ImplementedIn, i, "implemented_in_cue", 0.8);
            }
        }
    }
    if holds_short(after, "of") {
        let nxt = idxs.iter().copied().find(|&j| ms[j].start > m.end);
        if let Some(n) = nxt {
            if p.impl_of.match_at(text, m.end, ms[n].start).is_some() {
                cx.push(out, n, Rel::ImplementedIn, i, "implementation_of", 0.75);
            }
        }
    }
    if let Some(head) = cx.head {
        if cx.sent.0 == 0 && ms[head].group != m.group && p.title_in_system.is_search(before) {
            cx.push(out, head, Rel::ImplementedIn, i, "title_in_system", 0.6);
        }
    }
    if holds_short(pystr::slice(before, -20, before.len() as i64), "as ")
        && p.as_a.is_search(before)
        && p.part_noun.is_match(after)
    {
        let at = before.rfind("as ").expect("\"as \" is in before");
        let subject = adjacent_subject(p, text, idxs, ms, i, b0 + at, cx.head);
        if let Some(s) = subject {
            if ms[s].group != m.group {
                cx.push(out, s, Rel::ImplementedIn, i, "shipped_as_part", 0.7);
            }
        }
    }
    if after.starts_with("-based ") {
        let x = idxs.iter().rev().copied().find(|&j| j < i);
        if let Some(x) = x {
            if fullmatch(&p.appos_open, text, ms[x].end, m.start) {
                cx.push(out, x, Rel::ImplementedIn, i, "based_on_system", 0.75);
            }
        }
    }
    if cx.proposed.contains(&m.group) && after.starts_with(' ') {
        system_features(cx, i, after, out, false);
    } else if starts_any(after, p.ships_after) {
        system_features(cx, i, after, out, true);
    }
    if cx.sent.0 > 0 && ends_any(before, p.in_before) {
        method_in_system(cx, i, out);
    }
    if let Some(own) = p.possessive.match_at(after, 0, after.len()) {
        let at = m.end + own.end();
        for &j in idxs {
            if ms[j].start == at && cx.implemented(ms[j].ty) {
                cx.push(out, j, Rel::ImplementedIn, i, "possessive_system", 0.7);
            }
        }
    }
}

/// `_method_in_system(cx, i, before, out)`
fn method_in_system(cx: &Cx, i: usize, out: &mut Vec<Cue>) {
    if i == 0 {
        return;
    }
    let (m, x) = (&cx.ms[i], &cx.ms[i - 1]);
    if x.ty == Ty::Method
        && x.group != m.group
        && fullmatch(&cx.p.in_system, cx.text, x.end, m.start)
    {
        cx.push(out, i - 1, Rel::ImplementedIn, i, "method_in_system", 0.55);
    }
}

/// `_system_features(cx, i, after, out, verbs)`: `ships` for `verbs=_SHIPS`
fn system_features(cx: &Cx, i: usize, after: &str, out: &mut Vec<Cue>, ships: bool) {
    let verbs = if ships { cx.p.ships } else { cx.p.features };
    let Some(cue) = verbs.match_at(after, 0, after.len()) else {
        return;
    };
    let ms = cx.ms;
    let at = ms[i].end + cue.end();
    for &j in cx.idxs {
        let y = &ms[j];
        if y.start < at {
            continue;
        }
        if y.start != at && !fullmatch(&cx.p.with_means, cx.text, at, y.start) {
            return;
        }
        let fits = if ships {
            y.ty == Ty::Method
        } else {
            cx.implemented(y.ty)
        };
        if fits && y.group != ms[i].group {
            cx.push(out, j, Rel::ImplementedIn, i, "system_features", 0.6);
        }
        return;
    }
}

/// `_extends(cx, i, before, after, out)`
pub fn extends(cx: &Cx, i: usize, before: &str, after: &str, out: &mut Vec<Cue>) {
    let Some(ext) = cx.p.extends_before.search(before, 0, before.len()) else {
        return;
    };
    let ms = cx.ms;
    let m = &ms[i];
    if !ext.str(before, 1).is_empty() && !m.specific {
        return; // group 1 is "mods"
    }
    let cue_start = m.start - before.len() + ext.start();
    if i > 0 && ms[i - 1].end > cue_start {
        return;
    }
    let subject = adjacent_subject(cx.p, cx.text, cx.idxs, ms, i, cue_start, cx.head);
    if m.ty == Ty::System {
        if let Some(built) = built_with(cx, i, ext.str(before, 0), after, subject) {
            if ms[built].group != m.group {
                cx.push(out, built, Rel::ImplementedIn, i, "built_on_system", 0.7);
            }
            return;
        }
    }
    if let Some(s) = subject {
        if ms[s].group != m.group {
            cx.push(out, s, Rel::Extends, i, "extends_cue", 0.7);
        }
    }
}

/// `_built_with(cx, i, cue, after, subject)`
fn built_with(cx: &Cx, i: usize, cue: &str, after: &str, subject: Option<usize>) -> Option<usize> {
    let (ms, m) = (cx.ms, &cx.ms[i]);
    let verb = pystr::slice(cue, 0, 5).to_ascii_lowercase();
    let mut subject = subject;
    if verb == "exten" {
        let part = if after.starts_with(" with ") {
            cx.p.with_part.match_at(after, 0, after.len())
        } else {
            None
        };
        match part {
            Some(p) if i + 1 < ms.len() && ms[i + 1].start == m.end + p.end() => {}
            _ => return None,
        }
        subject = Some(i + 1);
    } else if verb != "build" && verb != "built" {
        return None;
    }
    subject.filter(|&s| cx.implemented(ms[s].ty))
}

/// `_combines(cx, i, before, out)`
pub fn combines(cx: &Cx, i: usize, before: &str, out: &mut Vec<Cue>) {
    let p = cx.p;
    let cue = p.combines.search(before, 0, before.len());
    let (Some(cue), Some(head)) = (cue, cx.head) else {
        return;
    };
    let ms = cx.ms;
    if !cx.proposed.contains(&ms[head].group) {
        return;
    }
    if !cx.implemented(ms[head].ty) || !ms[head].specific {
        return;
    }
    let cue_start = ms[i].start - before.len() + cue.start();
    let x = cx
        .idxs
        .iter()
        .rev()
        .copied()
        .find(|&j| ms[j].end <= cue_start);
    let Some(x) = x else {
        return;
    };
    if ms[x].group != ms[head].group {
        return;
    }
    if !(p
        .subject_gap
        .match_at(cx.text, ms[x].end, cue_start)
        .is_some()
        || fullmatch(&p.relative_gap, cx.text, ms[x].end, cue_start))
    {
        return;
    }
    let parts = cx
        .idxs
        .iter()
        .copied()
        .filter(|&j| cue_start <= ms[j].start && ms[j].start < ms[i].start)
        .chain([i]);
    for j in parts {
        if ms[j].specific && ms[j].ty == Ty::Method && ms[j].group != ms[head].group {
            cx.push(out, head, Rel::Extends, j, "combines_extends", 0.6);
        }
    }
}

/// Which pattern gave `_is_a`'s list cue
#[derive(Clone, Copy, PartialEq, Eq)]
enum ListCue {
    SuchAs,
    Paren,
    Colon,
}

/// `_is_a(cx, i, after, out)`
pub fn is_a(cx: &Cx, i: usize, after: &str, out: &mut Vec<Cue>) {
    let (p, text, ms, idxs) = (cx.p, cx.text, cx.ms, cx.idxs);
    let m = &ms[i];
    let a = after.as_bytes();
    let gap = if a.first() == Some(&b' ') {
        1
    } else if after.starts_with(") ") {
        2
    } else {
        0
    };
    if m.ty == Ty::Method && m.specific && gap > 0 && i + 1 < ms.len() {
        let y = &ms[i + 1];
        if y.start == m.end + gap && !y.specific && y.ty == Ty::Method && y.group != m.group {
            cx.push(out, i, Rel::IsA, i + 1, "name_before_class", 0.6);
        }
    }
    let appos = if p.appos_known && !appos_may_match(a) {
        None
    } else {
        p.appos.match_at(after, 0, after.len())
    };
    if let Some(ap) = appos {
        let limit = m.end + ap.end();
        let g1 = m.end + ap.get(1).expect("group 1 always takes part").0;
        for &j in idxs {
            let y = &ms[j];
            if m.end < y.start
                && y.start <= limit
                && !y.specific
                && y.group != m.group
                && p.np_end.match_at(text, y.end, text.len()).is_some()
                && !np_break_without_adjectives(p, pystr::slice(text, g1 as i64, y.start as i64))
            {
                cx.push(out, i, Rel::IsA, j, "appositive_is_a", 0.65);
                break;
            }
        }
    } else if after.starts_with(" are ") {
        plural_kind(cx, i, after, out);
    }
    // the list cue: _SUCH_AS (groups noun 1, comma 2, named 3), _PAREN_LIST, _COLON_LIST
    let mut cue = if p.such_as_known && !such_as_may_match(a) {
        None
    } else {
        p.such_as
            .match_at(after, 0, after.len())
            .map(|c| (ListCue::SuchAs, c))
    };
    if cue.is_none() && has_byte(pystr::slice(after, 0, 16), b'(') {
        cue = p
            .paren_list
            .match_at(after, 0, after.len())
            .map(|c| (ListCue::Paren, c));
    }
    if cue.is_none() && has_byte(pystr::slice(after, 0, 16), b':') {
        if let Some(colon) = p.colon_list.match_at(after, 0, after.len()) {
            if !m.specific || colon.end() > 3 {
                cue = Some((ListCue::Colon, colon));
            }
        }
    }
    let named = matches!(&cue, Some((ListCue::SuchAs, c))
        if m.specific && c.get(1).is_some() && c.get(3).is_some());
    if let Some((ListCue::SuchAs, c)) = &cue {
        if c.get(2).is_some() && !named {
            cue = None; // "data parallel training strategies, such as": Y may be cut short
        }
    }
    if let Some((kind, c)) = &cue {
        if !m.specific || *kind == ListCue::Colon || named {
            let start = m.end + c.end();
            let mut members = list_members(p, text, idxs, ms, start, m.group);
            if pystr::slice(after, c.end() as i64 - 1, c.end() as i64) == "(" {
                let more = paren_items(text, idxs, ms, start, m.group, &members);
                members.extend(more);
            }
            for j in members {
                cx.push(out, j, Rel::IsA, i, "such_as_is_a", 0.65);
            }
        }
    }
    if holds_short(pystr::slice(after, 0, 12), "other") {
        if let Some(other) = p.and_other.match_at(after, 0, after.len()) {
            let from = m.end + other.end();
            let k = idxs.iter().copied().find(|&j| ms[j].start >= from);
            if let Some(k) = k {
                if !ms[k].specific
                    && ms[k].group != m.group
                    && p.np_break.search(text, from, ms[k].start).is_none()
                    && ms[k].start - from <= 30
                {
                    for j in listed_before(p, text, idxs, ms, i) {
                        cx.push(out, j, Rel::IsA, k, "and_other_is_a", 0.65);
                    }
                }
            }
        }
    }
}

/// `_NP_BREAK.search(_ADJ_COORD.sub("", s))`
fn np_break_without_adjectives(p: &Pats, s: &str) -> bool {
    let mut kept = String::with_capacity(s.len());
    let mut last = 0;
    for c in p.adj_coord.finditer(s, 0, s.len()) {
        kept.push_str(&s[last..c.start()]);
        last = c.end();
    }
    kept.push_str(&s[last..]);
    p.np_break.is_search(&kept)
}

/// `list(_list_members(text, idxs, ms, start, group))`
fn list_members(
    p: &Pats,
    text: &str,
    idxs: &[usize],
    ms: &[Mn],
    start: usize,
    group: i64,
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut last = start;
    for &j in idxs {
        let x = &ms[j];
        if x.start < start || x.group == group {
            continue;
        }
        let listed = listed_next(p, text, last, x.start)
            || (last == start && fullmatch(&p.elided_heads, text, last, x.start))
            || (last > start && fullmatch(&p.appos_item, text, last, x.start));
        if !listed {
            break;
        }
        out.push(j);
        last = x.end;
    }
    out
}

/// `_paren_items(text, idxs, ms, start, group, found)`
fn paren_items(
    text: &str,
    idxs: &[usize],
    ms: &[Mn],
    start: usize,
    group: i64,
    found: &[usize],
) -> Vec<usize> {
    let Some(close) = pystr::find(text, ")", start, text.len()) else {
        return Vec::new();
    };
    let b = text.as_bytes();
    let mut out = Vec::new();
    for &j in idxs {
        let x = &ms[j];
        if x.start < start || x.end > close || x.group == group || found.contains(&j) {
            continue;
        }
        if pystr::slice(text, start as i64, x.start as i64).ends_with(", ")
            && matches!(b.get(x.end), Some(b',' | b')'))
        {
            out.push(j);
        }
    }
    out
}

/// `_plural_kind(cx, i, after, out)`
fn plural_kind(cx: &Cx, i: usize, after: &str, out: &mut Vec<Cue>) {
    let (p, text, ms) = (cx.p, cx.text, cx.ms);
    let m = &ms[i];
    if i == 0 || !listed_next(p, text, ms[i - 1].end, m.start) {
        return;
    }
    let Some(cue) = p.are_bare.match_at(after, 0, after.len()) else {
        return;
    };
    let listed = listed_before(p, text, cx.idxs, ms, i);
    let limit = m.end + cue.end();
    let Some(y) = cx.idxs.iter().copied().find(|&j| j > i) else {
        return;
    };
    if !(m.end < ms[y].start && ms[y].start <= limit) || ms[y].specific {
        return;
    }
    let g1 = m.end + cue.get(1).expect("group 1 always takes part").0;
    if p.np_break.search(text, g1, ms[y].start).is_some()
        || p.np_end.match_at(text, ms[y].end, text.len()).is_none()
    {
        return;
    }
    for j in listed {
        if ms[j].specific && ms[j].group != ms[y].group {
            cx.push(out, j, Rel::IsA, y, "plural_kind_is_a", 0.6);
        }
    }
}

/// `_named_kind(cx, i, before, after, out)`
pub fn named_kind(cx: &Cx, i: usize, before: &str, after: &str, out: &mut Vec<Cue>) {
    let p = cx.p;
    let Some(cue) = p.named_kind.match_at(after, 0, after.len()) else {
        return;
    };
    let g0 = cue.str(after, 0);
    if g0.trim_matches(|c| c == ' ' || c == ',').is_empty() && !g0.contains(',') {
        return;
    }
    let (ms, m) = (cx.ms, &cx.ms[i]);
    if i + 1 >= ms.len() || ms[i + 1].start != m.end + cue.end() {
        return;
    }
    let x = &ms[i + 1];
    if !x.specific || x.group == m.group {
        return;
    }
    let opened = p.article_before.is_search(before)
        || (g0.ends_with(' ') && p.definite_before.is_search(before));
    if !opened {
        return;
    }
    if g0.starts_with(',')
        && p.appos_close
            .match_at(cx.text, x.end, cx.text.len())
            .is_none()
    {
        return; // "a Y, X and Z": a list, not a name
    }
    cx.push(out, i + 1, Rel::IsA, i, "named_kind_is_a", 0.6);
}

/// `_KIND_OF_REACH`: no `_KIND_OF` cue is longer
const KIND_OF_REACH: usize = 53;

/// `_kind_of(cx, i, before, out)`
pub fn kind_of(cx: &Cx, i: usize, before: &str, out: &mut Vec<Cue>) {
    let reach = before.len().saturating_sub(KIND_OF_REACH);
    let tail = &before[reach..];
    if !holds_short(tail, " of ") && !holds_short(tail, " as ") && !holds_short(tail, "belong") {
        return;
    }
    let Some(kind) = cx.p.kind_of.search(before, reach, before.len()) else {
        return;
    };
    let (ms, m) = (cx.ms, &cx.ms[i]);
    let cue_start = m.start - before.len() + kind.start();
    for &j in cx.idxs.iter().rev() {
        if j >= i || ms[j].end > cue_start {
            continue;
        }
        let x = &ms[j];
        if x.group != m.group
            && x.ty == m.ty
            && cx.p.kind_gap.match_at(cx.text, x.end, cue_start).is_some()
        {
            cx.push(out, j, Rel::IsA, i, "kind_of_is_a", 0.6);
        }
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pyre::Rx;

    /// The quick "no"s never refuse a text their pattern matches
    #[test]
    fn short_searches_are_pythons() {
        for (h, n) in [
            ("abcab", "cab"),
            ("ab", "abc"),
            ("", ""),
            ("a", ""),
            ("xof", "of"),
        ] {
            assert_eq!(holds_short(h, n), h.contains(n), "{h} {n}");
        }
        let ends = vec!["of ".to_string(), "the ".to_string()];
        assert!(ends_any("kind of ", &ends) && !ends_any("of", &ends) && !ends_any("", &ends));
        assert!(starts_any("of x", &ends) && !starts_any(" of", &ends) && has_byte("a(b", b'('));
    }

    #[test]
    fn quick_checks_keep_every_match() {
        let appos = Rx::new(APPOS, 32).expect("compiles");
        let such_as = Rx::new(SUCH_AS, 32).expect("compiles");
        let heads = [
            "", ")", ",", " ", "  ", ") ", "),", " ,", ",  ", "\t", ")\n ", ", ,", "  ,",
        ];
        let tails = [
            "a model",
            "is a method",
            "are the ones",
            "(a tool",
            "which is a x",
            "such as X",
            "namely X",
            "like X",
            "including X",
            "e.g., X",
            "especially X",
            "in particular X",
            "particularly X",
            "methods such as X",
            "models, like X",
            "families including X",
            "strategies e.g. X",
            "and X",
            "the X",
            "x",
            "is",
            "also a",
            "an x",
            "one of the x",
            "among the x",
            "ia",
            "(",
            "in X",
            "platforms like X",
        ];
        let mut matched = 0;
        for h in heads {
            for t in tails {
                for mid in ["", " ", ", "] {
                    let s = format!("{h}{mid}{t}");
                    if appos.match_at(&s, 0, s.len()).is_some() {
                        matched += 1;
                        assert!(appos_may_match(s.as_bytes()), "{s:?}");
                    }
                    if such_as.match_at(&s, 0, s.len()).is_some() {
                        matched += 1;
                        assert!(such_as_may_match(s.as_bytes()), "{s:?}");
                    }
                }
            }
        }
        assert!(matched > 100, "{matched}");
        assert!(!appos_may_match(b" and") || appos_may_match(b" and"));
        assert!(!appos_may_match(b" the X") && !such_as_may_match(b" the X"));
    }
}
