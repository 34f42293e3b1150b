//! Twins of `kg/extract/components.py` for plain text: the named parts of a paper's
//! own work.

use crate::discovery_concepts::TextIndex;
use crate::normalize::{find_all, is_non_entity};
use crate::pystr;
use crate::pystr::slice;
use crate::registry::Registry;

pub type Span = (usize, usize);

/// `components._MAX_WORDS` (an int: the registry holds none; the tests check it)
pub const MAX_WORDS: usize = 5;

/// The rule asks for what Python would raise on (a sentence list it indexes when
/// empty): the Python rule must run.
#[derive(Debug, PartialEq)]
pub struct PythonOnly;

fn starts_with_at(text: &str, pos: usize, prefix: &str) -> bool {
    text.get(pos..).is_some_and(|s| s.starts_with(prefix))
}

/// `text[i]` with Python's negative indices (None where Python raises IndexError)
fn py_index(text: &str, i: i64) -> Option<u8> {
    let n = text.len() as i64;
    let j = if i < 0 { i + n } else { i };
    (0..n).contains(&j).then(|| text.as_bytes()[j as usize])
}

/// `lower_phrase(text, start, end_limit)`
pub fn lower_phrase(reg: &Registry, text: &str, start: usize, end_limit: usize) -> Option<Span> {
    let low_word = reg.rx("components._LOW_WORD");
    let stop = reg.words("components._STOP");
    let lead = reg.words("components._LEAD");
    let mut words: Vec<Span> = Vec::new();
    let mut pos = start;
    while words.len() < MAX_WORDS + 3 {
        let Some(m) = low_word.match_at(text, pos, end_limit) else {
            break;
        };
        let g = &text[m.start()..m.end()];
        let w = g.to_ascii_lowercase();
        if stop.contains(&w) || (g.as_bytes()[0].is_ascii_uppercase() && !pystr::isupper(g)) {
            break;
        }
        if !words.is_empty() || !lead.contains(&w) {
            words.push((m.start(), m.end()));
        }
        if m.end() >= end_limit || text.as_bytes().get(m.end()) != Some(&b' ') {
            break;
        }
        pos = m.end() + 1;
    }
    if words.len() > MAX_WORDS {
        return None;
    }
    if words.len() >= 3 {
        let (s, e) = words[words.len() - 1];
        if reg
            .words("components._WEAK_TAIL")
            .contains(&text[s..e].to_ascii_lowercase())
        {
            words.pop();
        }
    }
    if words.len() < 2 {
        return None;
    }
    let (hs, he) = words[words.len() - 1];
    if !technical(reg, &text[hs..he]) {
        return None;
    }
    let (s, e) = (words[0].0, he);
    let phrase = &text[s..e];
    if is_non_entity(reg, phrase)
        || reg
            .map("lexicon.SEED_CONCEPTS")
            .contains_key(&phrase.to_ascii_lowercase())
    {
        return None;
    }
    Some((s, e))
}

/// `_technical(head)`
fn technical(reg: &Registry, head: &str) -> bool {
    let low = head.to_ascii_lowercase();
    reg.words("components._HEADS").contains(&low)
        || reg.rx("components._NOMINAL").is_search(&low)
            && !reg.seq("components._GENERIC_NOMINALS").contains(&low)
}

/// `_title_run(text, start, end_limit)`
fn title_run(reg: &Registry, text: &str, start: usize, end_limit: usize) -> Option<Span> {
    let m = reg
        .rx("components._TITLE_RUN")
        .match_at(text, start, end_limit)?;
    let g = m.str(text, 0);
    let n = pystr::split_ws(g).count();
    if !(2..=MAX_WORDS + 2).contains(&n) || is_non_entity(reg, g) {
        return None;
    }
    Some((m.start(), m.end()))
}

/// `_skip_article(text, pos)`
fn skip_article(reg: &Registry, text: &str, pos: usize) -> usize {
    reg.rx("components._ARTICLE")
        .match_at(text, pos, text.len())
        .map_or(pos, |m| m.end())
}

/// `_item(text, pos, end, lower_ok)`
fn item(reg: &Registry, text: &str, pos: usize, end: usize, lower_ok: bool) -> Option<Span> {
    let pos = skip_article(reg, text, pos);
    let span = title_run(reg, text, pos, end);
    if span.is_none() && lower_ok {
        return lower_phrase(reg, text, pos, end);
    }
    span
}

/// `_list_items(text, pos, end, lower_ok)`, into `out`
fn list_items(
    reg: &Registry,
    text: &str,
    mut pos: usize,
    end: usize,
    lower_ok: bool,
    out: &mut Vec<Span>,
) {
    let sep_rx = reg.rx("components._SEP");
    for _ in 0..6 {
        let span = match item(reg, text, pos, end, lower_ok) {
            Some(span) => {
                out.push(span);
                span
            }
            None if lower_ok => return,
            None => match passed_over(reg, text, skip_article(reg, text, pos), end) {
                Some(span) => span,
                None => return,
            },
        };
        let Some(sep) = sep_rx.match_at(text, span.1, end) else {
            return;
        };
        pos = sep.end();
    }
}

/// `_passed_over(text, pos, end)`
fn passed_over(reg: &Registry, text: &str, mut pos: usize, end: usize) -> Option<Span> {
    let low_word = reg.rx("components._LOW_WORD");
    let stop = reg.words("components._STOP");
    let start = pos;
    let mut last = None;
    for _ in 0..MAX_WORDS {
        let Some(m) = low_word.match_at(text, pos, end) else {
            break;
        };
        let g = m.str(text, 0);
        if stop.contains(g) || !pystr::islower(g) {
            break;
        }
        last = Some(m.end());
        pos = m.end() + 1;
    }
    last.map(|last| (start, last))
}

/// `_enumerated(text, pos, end)`, into `out`
fn enumerated(reg: &Registry, text: &str, mut pos: usize, end: usize, out: &mut Vec<Span>) {
    let marker = reg.rx("components._MARKER");
    let article = reg.rx("components._ARTICLE");
    for _ in 0..6 {
        let Some(m) = marker.search(text, pos, end.min(pos + 400)) else {
            return;
        };
        let p = m.end();
        let mut span = title_run(reg, text, p, end);
        if span.is_none()
            && article.match_at(text, p, text.len()).is_some()
            && !starts_with_at(text, p, "the")
        {
            span = lower_phrase(reg, text, p, end);
        }
        if let Some(span) = span {
            out.push(span);
        }
        pos = p;
    }
}

/// `bisect_right(sentences, pos, key=itemgetter(0))`
fn bisect(sentences: &[Span], pos: usize) -> usize {
    sentences.partition_point(|&(s, _)| s <= pos)
}

/// `_own_sentence(text, sentences, pos)`
fn own_sentence(reg: &Registry, text: &str, sentences: &[Span], pos: usize) -> bool {
    let i = bisect(sentences, pos);
    let (s0, s1) = if i > 0 {
        sentences[i - 1]
    } else {
        (0, text.len())
    };
    reg.rx("components._OWN").search(text, s0, s1).is_some()
}

/// `_sentence_end(text, sentences, pos)`
fn sentence_end(text: &str, sentences: &[Span], pos: usize) -> usize {
    let i = bisect(sentences, pos);
    if i > 0 {
        sentences[i - 1].1
    } else {
        text.len()
    }
}

/// `_at_word_start(text, i)`
fn at_word_start(text: &str, i: i64) -> bool {
    i == 0 || !py_index(text, i - 1).is_some_and(|c| c.is_ascii_alphanumeric())
}

/// `_names(text, pos)`, into `out`
fn names(reg: &Registry, text: &str, mut pos: usize, out: &mut Vec<Span>) {
    let name_item = reg.rx("components._NAME_ITEM");
    for _ in 0..6 {
        let Some(m) = name_item.match_at(text, pos, text.len()) else {
            return;
        };
        let one = m.get(1).expect("_NAME_ITEM's group 1");
        out.push(one);
        if m.end() == one.1 {
            return;
        }
        pos = m.end();
    }
}

/// `_phrase_before(text, s0, end)`
fn phrase_before(reg: &Registry, text: &str, s0: usize, end: usize) -> Option<Span> {
    let stop = reg.words("components._STOP");
    let lead = reg.words("components._LEAD");
    let all: Vec<&str> = slice(text, s0 as i64, end as i64).split(' ').collect();
    let words = &all[all.len().saturating_sub(MAX_WORDS + 1)..];
    let mut k = words.len();
    while k > 0 {
        let w = words[k - 1].to_ascii_lowercase();
        if stop.contains(&w) || lead.contains(&w) {
            break;
        }
        k -= 1;
    }
    if !(0 < k && k < words.len()) {
        return None;
    }
    let tail = &words[k..];
    let joined = tail.iter().map(|w| w.len()).sum::<usize>() + tail.len() - 1;
    lower_phrase(reg, text, end - joined, end)
}

/// `[list(find_all(text, literals, start)) for literals in groups]`: each group's
/// offsets literal by literal, each literal's in order, overlapping ones too (one
/// memmem finder per literal: its vector scans pass over the text faster than a
/// filter of every offset in one pass)
pub fn find_all_groups<S: AsRef<str>>(
    text: &str,
    groups: &[&[S]],
    start: usize,
) -> Vec<Vec<usize>> {
    groups.iter().map(|g| find_all(text, g, start)).collect()
}

/// `list(component_spans(text, title_end, sentences))`; Err where Python would raise
pub fn component_spans(
    reg: &Registry,
    text: &str,
    title_end: usize,
    sentences: &[Span],
) -> Result<Vec<Span>, PythonOnly> {
    component_spans_in(reg, text, title_end, sentences, &TextIndex::new(text))
}

/// `component_spans`, `index` being the text's
pub fn component_spans_in(
    reg: &Registry,
    text: &str,
    title_end: usize,
    sentences: &[Span],
    index: &TextIndex,
) -> Result<Vec<Span>, PythonOnly> {
    let mut out = Vec::new();
    let len = text.len();
    let counted = reg.rx("components._COUNTED");
    let verb_before = reg.rx("components._VERB_BEFORE");
    let marker = reg.rx("components._MARKER");
    let found = [
        "components._COUNT_WORDS",
        "components._SUBJECT_LITERALS",
        "components._CALLED_LITERALS",
        "components._EXAMPLE_LITERALS",
    ]
    .map(|name| index.find_all(text, reg.seq(name), title_end));
    for &c in &found[0] {
        let Some(m) = counted.match_at(text, c + 1, len) else {
            continue;
        };
        let lo = title_end.max(c.saturating_sub(60));
        if verb_before.search(text, lo, c + 1).is_none() || !own_sentence(reg, text, sentences, c) {
            continue;
        }
        if starts_with_at(text, m.end(), "(") || marker.match_at(text, m.end(), len).is_some() {
            enumerated(reg, text, m.end(), len, &mut out);
        } else {
            let end = sentence_end(text, sentences, m.end());
            list_items(reg, text, m.end(), end, true, &mut out);
        }
    }
    let own_subject = reg.rx("components._OWN_SUBJECT");
    let after = reg.seq("components._BEFORE_SUBJECT");
    for &p in &found[1] {
        let Some(m) = own_subject.match_at(text, p, len) else {
            continue;
        };
        let before = slice(text, p as i64 - 2, p as i64);
        if after.iter().any(|a| a == before) {
            let end = sentence_end(text, sentences, m.end());
            list_items(reg, text, m.end(), end, false, &mut out);
        }
    }
    if index.has(text, "which we") {
        for m in reg
            .rx("components._WHICH_WE")
            .finditer(text, title_end, len)
        {
            let i = bisect(sentences, m.start());
            // sentences[i - 1]: the last sentence when i is 0, an IndexError when none
            let s0 = sentences
                .get(if i > 0 {
                    i - 1
                } else {
                    sentences.len().wrapping_sub(1)
                })
                .ok_or(PythonOnly)?
                .0;
            if let Some(span) = phrase_before(reg, text, s0.max(title_end), m.start()) {
                out.push(span);
            }
        }
    }
    if index.has(text, "he first ") || index.has(text, "he second ") {
        for m in reg.rx("components._ORDINAL").finditer(text, title_end, len) {
            let i = m.start() as i64 - 1;
            let ch = py_index(text, i).ok_or(PythonOnly)?;
            if (ch == b'T' || ch == b't') && at_word_start(text, i) {
                if let Some(span) = title_run(reg, text, m.end(), len) {
                    if starts_with_at(text, span.1, ",") {
                        out.push(span);
                    }
                }
            }
        }
    }
    let called = reg.rx("components._CALLED_LOWER");
    let generic = reg.rx("components._GENERIC_BEFORE");
    for &p in &found[2] {
        let Some(m) = called.match_at(text, p + 1, len) else {
            continue;
        };
        if generic
            .search(text, title_end.max(p.saturating_sub(12)), p)
            .is_some()
        {
            out.push(m.get(1).expect("_CALLED_LOWER's group 1"));
        }
    }
    let examples = reg.rx("components._EXAMPLES");
    let renamed = reg.rx("components._RENAMED_BEFORE");
    for &p in &found[3] {
        let Some(m) = examples.match_at(text, p, len) else {
            continue;
        };
        if renamed
            .search(text, title_end.max(p.saturating_sub(60)), p)
            .is_some()
        {
            names(reg, text, m.end(), &mut out);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_indices() {
        assert_eq!(py_index("abc", -1), Some(b'c'));
        assert_eq!(py_index("abc", 3), None);
        assert_eq!(py_index("", -1), None);
        assert!(at_word_start("abc", 0) && at_word_start("a bc", 2) && !at_word_start("abc", 1));
        assert!(!at_word_start("xaT", -1)); // text[-2] is "a"
    }

    #[test]
    fn one_pass_finds_what_find_all_finds() {
        let text = "a such as b, such as c; It is. Our e.g. two  two two ";
        let groups: [&[&str]; 3] = [&[" two ", " such as "], &["It ", "Our ", "t "], &["e.g."]];
        for start in [0, 3, 12, 40, text.len(), text.len() + 1] {
            let want: Vec<Vec<usize>> = groups.iter().map(|g| find_all(text, g, start)).collect();
            assert_eq!(find_all_groups(text, &groups, start), want);
        }
    }

    #[test]
    fn bisect_right_by_start() {
        let s = [(0, 4), (6, 10)];
        assert_eq!(bisect(&s, 0), 1);
        assert_eq!(bisect(&s, 5), 1);
        assert_eq!(bisect(&s, 6), 2);
        assert_eq!(bisect(&[(3, 4)], 1), 0);
    }
}
