//! Twin of `roles.proposed_groups` and its checks: the groups the paper proposes.

use rustc_hash::FxHashSet as HashSet;

use super::{
    any_between, cued, is_type, search_all, sl, starts_any, starts_at, Cues, RoleMention,
    RoleState, Rules, HARDWARE, METHOD,
};
use crate::pyre::Rx;
use crate::pystr;

/// `relations.derived_suffix(derived, base)`
fn derived_suffix(reg: &Rules, derived: &str, base: &str) -> bool {
    if base.len() < 2 || !derived.starts_with(base) || derived == base {
        return false;
    }
    let suffix = &derived[base.len()..];
    reg.derived.is_match(suffix) && !reg.size_suffix.is_match(suffix)
}

/// `_NUMBERED.fullmatch(s, pos)` (the pattern's matches are one or two characters, the
/// optional separator first: its first match is its full one, if any)
fn numbered_full(reg: &Rules, s: &str, pos: usize) -> bool {
    pos <= s.len()
        && reg
            .numbered
            .match_at(s, pos, s.len())
            .is_some_and(|c| c.end() == s.len())
}

fn title_proposal(text: &str, m: &RoleMention, title_end: usize) -> bool {
    m.start == 0 && m.end < title_end && starts_at(text, ":", m.end as i64) && !is_type(m, HARDWARE)
}

fn title_means(reg: &Rules, text: &str, m: &RoleMention, title_end: usize) -> bool {
    m.end <= title_end
        && !m.specific
        && !m.known
        && is_type(m, METHOD)
        && m.text
            .bytes()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase())
        && m.text.contains(' ')
        && sl(text, m.end, title_end)
            .trim_matches(|c: char| c == ' ' || c == '.')
            .is_empty()
        && reg
            .means_before
            .search(text, m.start.saturating_sub(9), m.start)
            .is_some()
}

fn bought_device(m: &RoleMention) -> bool {
    is_type(m, HARDWARE) && m.known
}

fn built_in_known(reg: &Rules, text: &str, m: &RoleMention) -> bool {
    m.known && starts_any(text, reg.implemented_after, m.end)
}

fn repository_names(reg: &Rules, ms: &[RoleMention], low: &str) -> Vec<i64> {
    let repos: HashSet<&str> = reg
        .repo
        .finditer(low, 0, low.len())
        .map(|c| {
            let r = c.str(low, 1).trim_end_matches('.');
            r.strip_suffix(".git").unwrap_or(r)
        })
        .collect();
    ms.iter()
        .filter(|m| {
            m.specific
                && !m.known
                && !is_type(m, HARDWARE)
                && repos.contains(m.text.to_ascii_lowercase().as_str())
        })
        .map(|m| m.group)
        .collect()
}

fn own_after(reg: &Rules, text: &str, end: usize) -> bool {
    reg.own_after.match_at(text, end, end + 80).is_some()
}

fn this_named(reg: &Rules, text: &str, s0: usize, start: usize) -> bool {
    let window = sl(text, s0.max(start.saturating_sub(60)), start);
    cued(window, reg.this_named_words, reg.this_named)
}

fn we_name_it(reg: &Rules, text: &str, s0: usize, start: usize) -> bool {
    let window = sl(text, s0.max(start.saturating_sub(50)), start);
    cued(window, reg.we_name_it_words, reg.we_name_it)
}

fn own_parts_list(reg: &Rules, text: &str, s0: usize, start: usize) -> bool {
    reg.own_parts
        .search(text, s0.max(start.saturating_sub(90)), start)
        .is_some()
}

fn proposed_here(
    reg: &Rules,
    text: &str,
    lo: usize,
    start: usize,
    s0: usize,
    title_end: usize,
) -> bool {
    let window = sl(text, lo, start);
    match search_all(reg.propose_before, window) {
        None => {
            starts_at(text, ") ", start as i64 - 2) && search_all(reg.enumerated, window).is_some()
        }
        Some(hit) => {
            hit.get(1).is_none()
                || (reg.own.search(text, title_end, lo + hit.start()).is_some()
                    && reg.background.search(text, s0, start).is_none())
        }
    }
}

/// `proposed_groups(state, text, sents, cues)`
pub fn proposed_groups(
    reg: &Rules,
    st: &RoleState,
    text: &str,
    sents: &[(usize, usize)],
    cues: &Cues,
) -> HashSet<i64> {
    let ms = &st.mentions;
    let title_end = st.title_end;
    let propose_rules = reg.propose_rules;
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
    let propose_verb = reg.propose_verb;
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
    let novel = reg.finders.novel.find(low.as_bytes()).is_some();
    let apposition = reg.apposition_starts;
    let own_after_starts = reg.own_after_starts;
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
                && reg.our_name.search(text, lo, start).is_some()
                && !(starts_at(text, ", ", start as i64 - 2)
                    && reg.fronted_our.search(text, lo, start).is_some())
                && !bought_device(m)
                && !built_in_known(reg, text, m))
                || (starts_any(text, apposition, end)
                    && search_first(reg.novel_appositive, sl(text, end, end + 20)))
            {
                out.insert(m.group);
                continue;
            }
            if starts_at(text, ", ", start as i64 - 2)
                && !m.known
                && !hw
                && (start as i64 - (s0 as i64)) < 30
                && reg.in_this_paper.match_at(text, s0, start).is_some()
            {
                out.insert(m.group);
                continue;
            }
            if starts_any(text, own_after_starts, end)
                && !m.known
                && !hw
                && own_after(reg, text, end)
                && reg.background.search(text, s0, start).is_none()
            {
                out.insert(m.group);
                continue;
            }
        }
        if (m.specific || long_forms.contains(&(start, end)))
            && (this_named(reg, text, s0, start)
                || (!m.known
                    && any_between(own, s0.max(start.saturating_sub(50)), start)
                    && we_name_it(reg, text, s0, start)))
        {
            out.insert(m.group);
            continue;
        }
        if m.specific
            && !m.known
            && !hw
            && pystr::rfind(text, ":", s0.max(start.saturating_sub(90)), start).is_some()
            && own_parts_list(reg, text, s0, start)
            && (cue_sents.contains(&sent)
                || reg.own.search(text, s0, start).is_some()
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
            && (!m.known || reg.np_ends.match_at(text, end, text.len()).is_some())
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
    if reg.finders.github.find(low.as_bytes()).is_some() {
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
