//! Twin of `roles.mention_role` and its checks: the role cue of one mention.

use super::{
    any_between, bisect_left, compares, cued, ends_any, has, is_type, search_all, sl, starts_any,
    starts_at, Cues, RareCues, RoleMention, Rules, Verdict, COMPARES_WITH, DATASET, EVALUATES_ON,
    HARDWARE, MENTIONS, MODEL, OWN_WORK_PRIOR, RUNS_ON, SYSTEM, USES,
};
use crate::pyre::Rx;
use crate::pystr;

fn in_dataset_list(reg: &Rules, text: &str, lo: usize, start: usize) -> bool {
    cued(
        sl(text, lo, start),
        reg.dataset_list_words,
        reg.dataset_list,
    )
}

fn overcomes(reg: &Rules, text: &str, lo: usize, start: usize) -> bool {
    cued(sl(text, lo, start), reg.limits_words, reg.limits_of)
}

fn unlike_clause(reg: &Rules, text: &str, far: usize, w: usize, start: usize) -> bool {
    if far >= w {
        return false;
    }
    cued(sl(text, far, start), reg.unlike_words, reg.unlike_which)
}

fn compared_with(reg: &Rules, text: &str, lo: usize, start: usize) -> bool {
    cued(
        sl(text, lo.max(start.saturating_sub(40)), start),
        reg.compared_words,
        reg.compared_with,
    )
}

fn built_on(reg: &Rules, text: &str, end: usize, start: usize) -> bool {
    cued(
        sl(text, end.max(start.saturating_sub(40)), start),
        reg.built_on_words,
        reg.built_on,
    )
}

fn known_alternative(reg: &Rules, text: &str, lo: usize, start: usize) -> bool {
    let window = sl(text, lo.max(start.saturating_sub(60)), start);
    for literal in reg.prior_words {
        if has(window, literal) {
            return match search_all(reg.prior_before, window) {
                None => false,
                Some(hit) => reg.we.search(window, hit.start(), window.len()).is_none(),
            };
        }
    }
    false
}

fn built_from(reg: &Rules, text: &str, lo: usize, start: usize) -> bool {
    let window = sl(text, lo.max(start.saturating_sub(40)), start);
    cued(window, reg.built_from_words, reg.built_from)
}

fn workload(reg: &Rules, text: &str, end: usize, start: usize) -> bool {
    if end >= start {
        return false;
    }
    if let Some(colon) = pystr::rfind(text, ":", end, start) {
        if colon > 0 && reg.settings_before_colon.search(text, end, colon).is_some() {
            return true;
        }
    }
    reg.workload_before
        .search(text, end.max(start.saturating_sub(40)), start)
        .is_some()
}

fn device_count(reg: &Rules, text: &str, lo: usize, start: usize) -> bool {
    let window = sl(text, lo.max(start.saturating_sub(30)), start);
    window.bytes().any(|c| c.is_ascii_digit()) && search_all(reg.device_count, window).is_some()
}

fn does_away_with(reg: &Rules, text: &str, lo: usize, start: usize) -> bool {
    reg.does_away.search(text, lo, start).is_some()
}

fn future_work(reg: &Rules, text: &str, lo: usize, start: usize) -> bool {
    let window = sl(text, lo, start).to_ascii_lowercase();
    cued(&window, reg.future_words, reg.future)
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
    reg: &Rules,
    text: &str,
    sent: (usize, usize),
    start: usize,
    end: usize,
    cues: &Cues,
) -> bool {
    let s0 = sent.0;
    let own_rx = reg.own;
    !cue_in(own_rx, text, &cues.own, s0, start)
        && cue_in(own_rx, text, &cues.own, end, sent.1)
        && reg.background.search(text, s0, start).is_some()
        && search_all(
            reg.use_strong,
            sl(text, s0.max(start.saturating_sub(40)), start),
        )
        .is_none()
        && reg.builds_on_clause.search(text, s0, start).is_none()
}

/// `_trained_on(text, s0, start)`
pub(super) fn trained_on(reg: &Rules, text: &str, s0: usize, start: usize) -> bool {
    let window = sl(text, s0.max(start.saturating_sub(60)), start);
    if !cued(window, reg.trained_words, reg.trained_on) {
        return false;
    }
    let last = match (window.rfind("train"), window.rfind("tun")) {
        (Some(a), Some(b)) => a.max(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return true, // unreachable: the window holds one of them
    };
    let tail = &window[last..];
    !reg.test_verbs.iter().any(|w| has(tail, w))
}

/// `mention_role(text, m, sent, own, is_title, compare_ends, cues, after_own, rare)`
#[allow(clippy::too_many_arguments)]
pub fn mention_role(
    reg: &Rules,
    text: &str,
    m: &RoleMention,
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
    if starts_any(text, reg.analogy_openers, s0) && !sl(text, s0, start).contains(',') {
        return (MENTIONS, "analogy", 0.55);
    }
    if pystr::find(text, "(", lo.max(start.saturating_sub(13)), start).is_some()
        && ends_any(text, reg.likened, lo, start)
    {
        return (MENTIONS, "analogy", 0.55);
    }
    if is_type(m, SYSTEM) && starts_any(text, reg.product_after, m.end) {
        return (MENTIONS, "deployed_in", 0.55);
    }
    if dataset && own && built_from(reg, text, lo, start) {
        return (USES, "dataset_built_from", 0.7);
    }
    if dataset
        && (own
            || search_all(reg.on_before, sl(text, lo, start)).is_some()
            || in_dataset_list(reg, text, lo, start))
    {
        return (EVALUATES_ON, "dataset_on", 0.75);
    }
    if hw
        && own
        && search_all(reg.on_before, sl(text, lo, start)).is_some()
        && !compared_with(reg, text, lo, start)
    {
        return (RUNS_ON, "hardware_on", 0.75);
    }
    if hw
        && rare.hardware
        && reg
            .hardware_resource
            .match_at(text, m.end, text.len())
            .is_some()
    {
        return (MENTIONS, "hardware_resource", 0.5);
    }
    let resource_after = || {
        reg.resource_after
            .match_at(text, m.end, text.len())
            .is_some()
    };
    if !compare_ends.is_empty() && (own || after_own || is_title) && !(hw && resource_after()) {
        let mut k = bisect_left(compare_ends, lo);
        while k < compare_ends.len() && compare_ends[k] <= start {
            let end = compare_ends[k];
            k += 1;
            if reg.we.search(text, end, start).is_some()
                || !compares(reg, text, end, s0)
                || (sl(text, end, start).contains(',')
                    && reg.clause_break.search(text, end, start).is_some())
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
                reg.run_before,
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
        if own || is_title || search_all(reg.on_across_before, sl(text, lo, start)).is_some() {
            return (EVALUATES_ON, "dataset_on", 0.7);
        }
        return (MENTIONS, "background", 0.5);
    }
    let w = lo.max(start.saturating_sub(50));
    if (any_between(&cues.not_used, w, start) || cues.starts(reg.not_used_prefixes, w))
        && search_all(reg.not_used, sl(text, w, start)).is_some()
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
        && (starts_at(text, "-free", m.end as i64) || ends_any(text, reg.no_prefixes, lo, start))
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
        && (any_between(&cues.use_, w, start) || cues.starts(reg.use_prefixes, w))
        && search_all(reg.use_strong, sl(text, w, start)).is_some()
        && reg.background.search(text, s0, start).is_none()
    {
        return (USES, "use_cue", 0.55);
    }
    if after_own
        && !is_type(m, MODEL)
        && reg.prior_work.search(text, s0, s1).is_none()
        && !cue_in(reg.general_claim, text, &cues.claim, s0, s1)
    {
        return (USES, "after_own_use", 0.55);
    }
    (MENTIONS, "background", 0.5)
}
