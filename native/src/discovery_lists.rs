//! Twins of `kg/extract/discovery.py`'s list and phrase readers: `listed_names`,
//! `defined_names`, `coordinated_techniques`, `classified_classes` and
//! `title_concepts`, for plain text.

use crate::discovery_concepts::{LiteralTable, TextIndex};
use crate::discovery_names::{clean_name, ok_name, Candidate};
use crate::normalize::{find_word, is_non_entity};
use crate::pyre::{Caps, Rx};
use crate::pystr::{self, is_word_byte, rstrip, slice, split_ws, two_before_in};
use crate::registry::{PerRegistry, Registry};

/// `_at_boundary(text, i)`: `\b` at `i`
pub fn at_boundary(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    let before = i > 0 && is_word_byte(b[i - 1]);
    before != (i < b.len() && is_word_byte(b[i]))
}

/// `_word_starts(text, i)`
pub fn word_starts(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_' || b[i - 1] == b'-')
}

/// `list(_scan(rx, text, pos, _at_boundary))` where every match of `rx` opens with one
/// of `words` (`literals::leading_words`), each a word character first: a match at a
/// word boundary then starts a word of the text, one of `words` opening there, and
/// the leftmost such start where `rx` matches is where `rx.search` finds it
pub fn scan_word_starts(
    rx: &Rx,
    text: &str,
    pos: usize,
    index: &TextIndex,
    words: &LiteralTable,
) -> Vec<Caps> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = pos;
    for &p in index.word_starts_from(pos) {
        let p = p as usize;
        if p < pos || !words.opens_at(b, p) {
            continue;
        }
        if let Some(m) = rx.match_at(text, p, text.len()) {
            pos = m.end();
            out.push(m);
        }
    }
    out
}

/// `list(_scan(rx, text, pos, ok))`
pub fn scan(rx: &Rx, text: &str, mut pos: usize, ok: fn(&str, usize) -> bool) -> Vec<Caps> {
    let mut out = Vec::new();
    while let Some(m) = rx.search(text, pos, text.len()) {
        if ok(text, m.start()) {
            pos = m.end();
            out.push(m);
        } else {
            pos = m.start() + 1;
        }
    }
    out
}

fn breaks(reg: &Registry) -> &[String] {
    reg.seq("discovery._SENTENCE_BREAKS")
}

/// `_AFTER_LIST_CUE`: a non-word character, then one of `AFTER_LIST_CUE_WORDS`
const AFTER_LIST_CUE: &str = r"\W(?=((?:such as|including|include|includes|like|e\.g\.,?|namely|[Cc]ompared (?:to|with)|[Uu]nlike|outperform(?:s|ing)?|than|versus|vs\.?|against|over|on|extends?|extending|generaliz\w+|(?:based|built|implemented|builds)\s(?:on|upon|in)|atop|using)\s+))";
/// what each alternative of `_LIST_CUE` opens with
const AFTER_LIST_CUE_WORDS: [&str; 26] = [
    "such as",
    "including",
    "include",
    "includes",
    "like",
    "e.g.",
    "namely",
    "Compared ",
    "compared ",
    "Unlike",
    "unlike",
    "outperform",
    "than",
    "versus",
    "vs",
    "against",
    "over",
    "on",
    "extend",
    "generaliz",
    "based",
    "built",
    "implemented",
    "builds",
    "atop",
    "using",
];

/// `_USE_CUE`, whose matches open with one of `USE_CUE_WORDS`
const USE_CUE: &str = r" (?:use[sd]?|employ(?:s|ed)?|adopt(?:s|ed)?|leverag(?:e|es|ed)) ";
const USE_CUE_WORDS: [&str; 4] = [" use", " employ", " adopt", " leverag"];

/// `_CLASS_NOUN_AT`, whose matches open with one of `CLASS_NOUN_WORDS`
const CLASS_NOUN_AT: &str =
    r" (?:optimizers|methods|techniques|algorithms|solvers|strategies|schemes)(?![\w\-])";
const CLASS_NOUN_WORDS: [&str; 7] = [
    " optimizers",
    " methods",
    " techniques",
    " algorithms",
    " solvers",
    " strategies",
    " schemes",
];

/// The words a pattern `{open}(?:{_by_first_letter(words)}){close}` is made of, with
/// `open` before each: where its matches can start
fn opening_words(rx: &Rx, open: &str, inner_open: &str, close: &str) -> Option<Vec<String>> {
    if rx.flags & !crate::pyre::UNICODE != 0 {
        return None;
    }
    let alts = rx
        .pattern
        .strip_prefix(open)?
        .strip_prefix(inner_open)?
        .strip_suffix(close)?;
    let words = literals::by_first_letter_words(alts)?;
    Some(words.into_iter().map(|w| format!("{open}{w}")).collect())
}

/// The words the list readers' patterns open with (`discovery_literals`)
pub fn opening_literals(reg: &Registry) -> Vec<String> {
    let mut out: Vec<String> = USE_CUE_WORDS
        .iter()
        .chain(&CLASS_NOUN_WORDS)
        .map(|w| w.to_string())
        .collect();
    out.extend(eponym_words(reg).iter().flatten().cloned());
    out
}

/// `_EPONYM_HEAD`'s opening words
fn eponym_words(reg: &Registry) -> std::sync::Arc<Option<Vec<String>>> {
    EPONYM_WORDS.get(reg, |reg| {
        opening_words(
            reg.rx("discovery._EPONYM_HEAD"),
            " ",
            "(?:",
            ")(?![\\w\\-])",
        )
    })
}

/// `_EPONYM_HEAD`'s opening words, once per registry (None: the pattern is not of
/// that form, and runs over the whole text)
static EPONYM_WORDS: PerRegistry<Option<Vec<String>>> = PerRegistry::new();

/// `_list_cue_ends(text, start)` and `_use_cue_ends(text, start)`, sorted, unique
fn cue_ends(reg: &Registry, text: &str, start: usize, index: &TextIndex) -> Vec<usize> {
    let mut out = Vec::new();
    let mut end = start;
    if let Some(m) = reg
        .rx("discovery._LIST_CUE")
        .match_at(text, start, text.len())
    {
        end = m.end();
        out.push(end);
    }
    let after = reg.rx("discovery._AFTER_LIST_CUE");
    let cues = if after.is(AFTER_LIST_CUE) {
        // a match is a non-word character and a cue word after it
        static TABLE: std::sync::OnceLock<LiteralTable> = std::sync::OnceLock::new();
        let table = TABLE.get_or_init(|| LiteralTable::new(&AFTER_LIST_CUE_WORDS));
        let at: Vec<usize> = table
            .starts_in(index, text, start + 1)
            .into_iter()
            .map(|i| i - 1)
            .collect();
        literals::finditer_at(after, text, start, &at)
    } else {
        after.finditer(text, start, text.len()).collect()
    };
    for m in cues {
        let (s1, e1) = m.get(1).expect("group 1");
        if s1 >= end {
            end = e1;
            out.push(end);
        }
    }
    let use_cue = reg.rx("discovery._USE_CUE");
    if use_cue.is(USE_CUE) {
        let at = index.offsets(text, &USE_CUE_WORDS, start);
        out.extend(
            literals::finditer_at(use_cue, text, start, &at)
                .iter()
                .map(|m| m.end()),
        );
    } else {
        out.extend(use_cue.finditer(text, start, text.len()).map(|m| m.end()));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// `_title_case_concept(text, s, e)`
fn title_case_concept(reg: &Registry, text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let mut s = s;
    if two_before_in(text, s, breaks(reg)) || s == 0 {
        let space = pystr::find(text, " ", s, e);
        let word = match space {
            Some(sp) => &text[s..sp],
            None => slice(text, s as i64, -1),
        };
        if !reg.words("lexicon.NOT_NAMES").contains(word) {
            return None; // "Gradient Clipping Scheduling keeps ...": the name may start there
        }
        s = space.map_or(0, |sp| sp + 1);
        pystr::find(text, " ", s, e)?;
    }
    let span = if s <= e {
        clean_name(reg, &text[s..e])
    } else {
        None
    };
    (span == Some((0, e.saturating_sub(s))) && s <= e).then_some((s, e))
}

/// `_eponym_schemes(text, start)`
fn eponym_schemes(
    reg: &Registry,
    text: &str,
    start: usize,
    index: &TextIndex,
    out: &mut Vec<Candidate>,
) {
    let name_rx = reg.rx("discovery._EPONYM_NAME");
    let not_names = reg.words("lexicon.NOT_NAMES");
    let head = reg.rx("discovery._EPONYM_HEAD");
    let words = EPONYM_WORDS.get(reg, |reg| {
        opening_words(
            reg.rx("discovery._EPONYM_HEAD"),
            " ",
            "(?:",
            ")(?![\\w\\-])",
        )
    });
    let heads = match words.as_ref() {
        Some(words) => {
            let at = index.offsets(text, words, start);
            literals::finditer_at(head, text, start, &at)
        }
        None => head.finditer(text, start, text.len()).collect(),
    };
    for h in heads {
        let Some(n) = name_rx.search(text, start.max(h.start().saturating_sub(40)), h.start())
        else {
            continue;
        };
        let (s, name) = (n.start(), n.str(text, 0));
        if two_before_in(text, s, breaks(reg)) || not_names.contains(name) || !ok_name(reg, name) {
            continue;
        }
        let before = split_ws(&text[s.saturating_sub(30)..s]).last();
        if before.is_some_and(|w| w.as_bytes()[0].is_ascii_uppercase())
            || reg
                .rx("discovery._VERB_OBJECT")
                .match_at(text, h.end(), text.len())
                .is_some()
        {
            continue;
        }
        out.push((s, h.end(), "eponym_scheme", 0.6, true));
    }
}

/// `_plain_class_before(before)`
fn plain_class_before(reg: &Registry, before: &str) -> bool {
    let words: Vec<&str> = before.trim_end_matches(',').split(' ').collect();
    if words[words.len() - 1].contains('.') {
        return false;
    }
    let classes = reg.words("discovery._TECHNIQUE_CLASSES");
    let lowest = words.len().saturating_sub(7);
    for k in (lowest + 1..words.len()).rev() {
        if classes.contains(words[k]) {
            let m = words[k - 1].to_ascii_lowercase();
            return !reg.rx("discovery._NOMINAL_END").is_search(&m)
                && !reg.words("lexicon.CONCEPT_HEADS").contains(&m);
        }
    }
    false
}

/// `list(_list_items(text, pos))`
fn list_items(reg: &Registry, text: &str, pos: usize) -> Vec<Candidate> {
    let limit = (pos + 160).min(text.len());
    let stop = reg.rx("discovery._LIST_END").search(text, pos, pos + 160);
    let segment = if pos >= text.len() {
        ""
    } else {
        &text[pos..stop.map_or(limit, |m| m.start())]
    };
    // _ITEM_SPLIT.split(segment): items at even places, separators at odd ones
    let mut parts: Vec<&str> = Vec::new();
    let mut last = 0;
    for m in reg
        .rx("discovery._ITEM_SPLIT")
        .finditer(segment, 0, segment.len())
    {
        parts.push(&segment[last..m.start()]);
        parts.push(m.str(segment, 1));
        last = m.end();
    }
    parts.push(&segment[last..]);
    let stop_words = reg.words("lexicon.STOP_MODIFIERS");
    let lower_word = reg.rx("discovery._LOWER_WORD");
    let mut items: Vec<(usize, String)> = Vec::new();
    let mut offset = pos;
    let mut closed = false;
    for (k, part) in parts.iter().enumerate() {
        if k % 2 == 1 {
            let stripped = part.trim_matches(|c| c == ',' || c == ' ');
            let r = rstrip(part);
            closed =
                stripped == "and" || stripped == "or" || r.ends_with("and") || r.ends_with("or");
            offset += part.len();
            continue;
        }
        let words: Vec<&str> = part.split(' ').collect();
        let n = words
            .iter()
            .position(|w| stop_words.contains(*w) || !lower_word.is_match(w))
            .unwrap_or(words.len());
        if 0 < n && n <= 4 {
            items.push((offset, words[..n].join(" ")));
        }
        if closed || n < words.len() || n > 4 {
            break;
        }
        offset += part.len();
    }
    if !closed {
        items.truncate(1);
    }
    items
        .into_iter()
        .filter(|(_, phrase)| {
            phrase.contains(' ') && !is_non_entity(reg, phrase) && !phrase.ends_with("ly")
        })
        .map(|(p, phrase)| (p, p + phrase.len(), "listed_concept", 0.55, false))
        .collect()
}

/// `_class_before(text, i)`
fn class_before(reg: &Registry, text: &str, i: usize) -> Option<Candidate> {
    let end = rstrip(text[..i].trim_end_matches([' ', ',', '('])).len();
    let words: Vec<&str> = split_ws(&text[end.saturating_sub(60)..end]).collect();
    if words.len() < 3
        || !reg
            .words("discovery._CLASS_NOUNS")
            .contains(words[words.len() - 1])
    {
        return None;
    }
    let stop_words = reg.words("lexicon.STOP_MODIFIERS");
    let mut k = words.len() - 2;
    if !words[k].contains('-') {
        k -= 1; // one plain word between: "gradient-based adaptive optimizers"
        if stop_words.contains(words[k + 1])
            || !reg.rx("discovery._LOWER_WORD").is_match(words[k + 1])
        {
            return None;
        }
    }
    let m = words[k];
    let low = m.to_ascii_lowercase();
    if !m.contains('-')
        || !reg.rx("discovery._MOD_WORD").is_match(m)
        || (stop_words.contains(&low) && !low.ends_with("-efficient"))
        || reg.rx("discovery._GRADING_COMPOUND").is_search(&low)
    {
        return None;
    }
    let phrase = words[k..].join(" ");
    let s = end.checked_sub(phrase.len())?;
    if !text[s..].starts_with(&phrase) {
        return None; // the words are not one run of single spaces
    }
    if !pystr::islower(&m[1..])
        || (m.as_bytes()[0].is_ascii_uppercase() && !two_before_in(text, s, breaks(reg)))
    {
        return None; // "GPU-based methods", "LLM-based agents"
    }
    Some((s, end, "example_class", 0.55, false))
}

/// `_TITLE_CASE_RUN` as `title_case_runs` reads it
const TITLE_CASE_RUN: &str =
    r"[A-Z][a-z][A-Za-z]*(?:-[A-Za-z]+)*(?:\s[A-Z][a-z][A-Za-z]*(?:-[A-Za-z]+)*)+(?![\w\-])";

/// The end of the letters from `i`
fn letters_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// `list(_scan(_TITLE_CASE_RUN, text, start, _word_starts))`: a match opens with a
/// capital and a lower-case letter at a word's start, and its first word (its
/// letters and dashed parts, all of them: a shorter word is followed by a letter or
/// a dash) is followed by a space, a capital and a lower-case letter; the pattern
/// runs only where that holds
/// (the starts looked at are word starts: `index`'s)
fn title_case_runs(rx: &Rx, text: &str, start: usize, index: &TextIndex) -> Vec<Caps> {
    if !rx.is(TITLE_CASE_RUN) {
        return scan(rx, text, start, word_starts);
    }
    let b = text.as_bytes();
    let n = b.len();
    let mut at = Vec::new();
    for &p in index.word_starts_from(start) {
        let p = p as usize;
        if p + 1 >= n
            || !b[p].is_ascii_uppercase()
            || !b[p + 1].is_ascii_lowercase()
            || !word_starts(text, p)
        {
            continue;
        }
        let mut j = letters_end(b, p + 2);
        while j + 1 < n && b[j] == b'-' && b[j + 1].is_ascii_alphabetic() {
            j = letters_end(b, j + 1);
        }
        if j + 2 < n
            && pystr::is_space_byte(b[j])
            && b[j + 1].is_ascii_uppercase()
            && b[j + 2].is_ascii_lowercase()
        {
            at.push(p);
        }
    }
    literals::finditer_at(rx, text, start, &at)
}

/// `_CAP_NAME_BEFORE_SPACE` in `_BEFORE_TYPE_NOUN` (group 1), as `before_type_nouns`
/// reads it
const BEFORE_TYPE_NOUN_NAME: &str = r"((?:[A-Z0-9](?<!\w[A-Z0-9])(?:[\w.+\-/!]++(?<=[\w+!])|(?<=[A-Z])))(?:\s(?:v\d[\w.]*+|\d[\w.]*+|[A-Z][\w.+\-]++(?<=[\w+])))*)\s+(?=(?:";

/// The type nouns `_BEFORE_TYPE_NOUN` looks ahead for, once per registry (None: the
/// pattern is not `BEFORE_TYPE_NOUN_NAME`, the nouns by first letter, `)\b)`)
static TYPE_NOUN_WORDS: PerRegistry<Option<LiteralTable>> = PerRegistry::new();

fn type_noun_words(rx: &Rx) -> Option<LiteralTable> {
    if rx.flags & !crate::pyre::UNICODE != 0 {
        return None;
    }
    let alts = rx
        .pattern
        .strip_prefix(BEFORE_TYPE_NOUN_NAME)?
        .strip_suffix(r")\b)")?;
    // the nouns may hold spaces ("operating systems")
    let words = literals::by_first_letter_words_with(alts, b"- ")?;
    Some(LiteralTable::new(&words))
}

/// `list(_scan(_BEFORE_TYPE_NOUN, text, start, _at_boundary))`: a match opens with a
/// capital or digit after no word character; its name's words each end where their
/// possessive run does (a word's run is all of it or it fails), one space apart, and
/// after one of them come spaces and a type noun. The pattern runs only at the starts
/// where such a chain of words leads to a type noun.
fn before_type_nouns(reg: &Registry, text: &str, start: usize, index: &TextIndex) -> Vec<Caps> {
    let rx = reg.rx("discovery._BEFORE_TYPE_NOUN");
    let nouns = TYPE_NOUN_WORDS.get(reg, |reg| {
        type_noun_words(reg.rx("discovery._BEFORE_TYPE_NOUN"))
    });
    match nouns.as_ref() {
        Some(nouns) => before_type_nouns_at(rx, nouns, text, start, index),
        None => scan(rx, text, start, at_boundary),
    }
}

/// `before_type_nouns`, `nouns` the type nouns of `rx` (`type_noun_words`)
/// (the starts looked at are word starts: `index`'s)
fn before_type_nouns_at(
    rx: &Rx,
    nouns: &LiteralTable,
    text: &str,
    start: usize,
    index: &TextIndex,
) -> Vec<Caps> {
    let b = text.as_bytes();
    let n = b.len();
    // the end of the run of bytes `ok` takes from `i`
    let run = |mut i: usize, ok: fn(u8) -> bool| {
        while i < n && ok(b[i]) {
            i += 1;
        }
        i
    };
    let first_run = |c: u8| is_word_byte(c) || b".+-/!".contains(&c);
    let version_run = |c: u8| is_word_byte(c) || c == b'.';
    let name_run = |c: u8| is_word_byte(c) || b".+-".contains(&c);
    let mut at = Vec::new();
    for &p in index.word_starts_from(start) {
        let p = p as usize;
        let c = b[p];
        if !(c.is_ascii_uppercase() || c.is_ascii_digit()) || (p > 0 && is_word_byte(b[p - 1])) {
            continue;
        }
        // the first word: its whole run ending in [\w+!], or one capital alone
        let r = run(p + 1, first_run);
        let mut e = if r > p + 1 {
            if !(is_word_byte(b[r - 1]) || b"+!".contains(&b[r - 1])) {
                continue;
            }
            r
        } else if c.is_ascii_uppercase() {
            p + 1
        } else {
            continue;
        };
        loop {
            if e >= n || !pystr::is_space_byte(b[e]) {
                break;
            }
            let f = run(e, pystr::is_space_byte);
            if f < n && nouns.opens_at(b, f) {
                at.push(p);
                break;
            }
            // the next word, one space on
            let w = e + 1;
            let next = match b.get(w) {
                Some(b'v') if b.get(w + 1).is_some_and(u8::is_ascii_digit) => {
                    run(w + 2, version_run)
                }
                Some(d) if d.is_ascii_digit() => run(w + 1, version_run),
                Some(u) if u.is_ascii_uppercase() => {
                    let r = run(w + 1, name_run);
                    if r == w + 1 || !(is_word_byte(b[r - 1]) || b[r - 1] == b'+') {
                        break;
                    }
                    r
                }
                _ => break,
            };
            e = next;
        }
    }
    literals::finditer_at(rx, text, start, &at)
}

/// `list(listed_names(text, start))`
pub fn listed_names(reg: &Registry, text: &str, start: usize) -> Vec<Candidate> {
    listed_names_in(reg, text, start, &TextIndex::new(text))
}

/// `listed_names`, `index` being the text's
pub fn listed_names_in(
    reg: &Registry,
    text: &str,
    start: usize,
    index: &TextIndex,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let n = text.len();
    let lower_item = reg.rx("discovery._LOWER_SHAPED_ITEM");
    let item = reg.rx("discovery._LIST_ITEM");
    let math = reg.rx("discovery._MATH_OBJECT_AFTER");
    for pos0 in cue_ends(reg, text, start, index) {
        let mut pos = pos0;
        for _ in 0..6 {
            if let Some(lower) = lower_item.match_at(text, pos, n) {
                pos = lower.end();
                continue;
            }
            let Some(m) = item.match_at(text, pos, n) else {
                break;
            };
            let g1 = m.str(text, 1);
            if !g1.as_bytes()[0].is_ascii_uppercase() {
                break;
            }
            let (g1s, g1e) = m.get(1).expect("group 1");
            let span = clean_name(reg, g1);
            let s = span.map_or(0, |sp| g1s + sp.0);
            let (first, space) = match g1.find(' ') {
                Some(i) => (&g1[..i], true),
                None => (g1, false),
            };
            if space && is_non_entity(reg, first) {
                // "unlike Meta ZorbScale": an organisation and its product
            } else if math.match_at(text, g1e, n).is_some() {
                // "using Beta densities": a distribution's name, a math object
            } else if let Some(sp) = span {
                if !two_before_in(text, s, breaks(reg)) {
                    out.push((s, g1s + sp.1, "listed_name", 0.55, true));
                }
            }
            if m.end() == g1e {
                break;
            }
            pos = m.end();
        }
    }
    let vendors = reg.words("lexicon.VENDORS");
    for m in title_case_runs(reg.rx("discovery._TITLE_CASE_RUN"), text, start, index) {
        let (s, e) = (m.start(), m.end());
        let run = &text[s..e];
        let first = run.split(' ').next().unwrap_or("");
        if reg.rx("discovery._INNER_CAPITAL").is_search(run)
            && !two_before_in(text, s, breaks(reg))
            && !vendors.contains(&first.to_ascii_lowercase())
            && !is_non_entity(reg, first)
            && clean_name(reg, run) == Some((0, e - s))
        {
            out.push((s, e, "capitalised_run", 0.55, true));
        } else if reg.rx("discovery._NOMINAL_END").is_search(run)
            && !reg.rx("discovery._TASK_END").is_search(run)
        {
            if let Some((cs, _)) = title_case_concept(reg, text, s, e) {
                out.push((cs, e, "title_case_concept", 0.55, false));
            }
        }
    }
    let languages = reg.words("discovery._PROGRAMMING_LANGUAGES");
    for m in before_type_nouns(reg, text, start, index) {
        let g1 = m.str(text, 1);
        let g1s = m.get(1).expect("group 1").0;
        let span = clean_name(reg, g1);
        if languages.contains(g1) {
            continue; // "a Python package": the code's language
        }
        if let Some(sp) = span {
            let s = g1s + sp.0;
            if !two_before_in(text, s, breaks(reg)) {
                out.push((s, g1s + sp.1, "typed_name", 0.6, true));
            }
        }
    }
    eponym_schemes(reg, text, start, index, &mut out);
    if index.has_any(text, &["such as", " including ", "e.g."]) {
        for cue in reg.seq("discovery._EXAMPLE_CUES") {
            for i in index.find_all(text, &[cue], start) {
                let before = &text[start.max(i.saturating_sub(50))..i];
                if plain_class_before(reg, before) {
                    out.extend(list_items(reg, text, i + cue.len()));
                }
            }
        }
        for cue in [" such as ", "e.g."] {
            for i in index.find_all(text, &[cue], start) {
                let after = slice(text, (i + cue.len()) as i64, (i + cue.len() + 3) as i64)
                    .trim_start_matches([' ', ',']);
                if after.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
                    out.extend(class_before(reg, text, i));
                }
            }
        }
    }
    out
}

/// `list(defined_names(text, start))`
pub fn defined_names(reg: &Registry, text: &str, start: usize) -> Vec<Candidate> {
    defined_names_in(reg, text, start, &TextIndex::new(text))
}

/// `defined_names`, `index` being the text's
pub fn defined_names_in(
    reg: &Registry,
    text: &str,
    start: usize,
    index: &TextIndex,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let defined = reg.rx("discovery._DEFINED_AS");
    for i in index.find_all(text, &[" is a"], start) {
        if defined.match_at(text, i, text.len()).is_none() {
            continue;
        }
        let word = split_ws(&text[start.max(i.saturating_sub(40))..i])
            .last()
            .unwrap_or("");
        let Some(b) = i.checked_sub(word.len()) else {
            continue;
        };
        if !word.is_empty()
            && (b == 0 || two_before_in(text, b, breaks(reg)))
            && reg.rx("discovery._DEFINED_SUBJECT").is_match(word)
            && !reg.rx("discovery._NOMINAL_END").is_search(word)
            && ok_name(reg, word)
        {
            out.push((b, i, "defined_name", 0.55, true));
        }
    }
    out
}

/// `list(coordinated_techniques(text, start))`
pub fn coordinated_techniques(reg: &Registry, text: &str, start: usize) -> Vec<Candidate> {
    coordinated_techniques_in(reg, text, start, &TextIndex::new(text))
}

/// `coordinated_techniques`, `index` being the text's
pub fn coordinated_techniques_in(
    reg: &Registry,
    text: &str,
    start: usize,
    index: &TextIndex,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let heads_set = reg.words("lexicon.CONCEPT_HEADS");
    let restricted = reg.map("lexicon.RESTRICTED_HEADS");
    let nominal = reg.rx("discovery._NOMINAL_END");
    for cue in reg.seq("discovery._PROPOSE_CUES") {
        for i in index.find_all(text, &[cue], start) {
            let Some(m) =
                reg.rx("discovery._PROPOSE_OBJECT")
                    .match_at(text, i + cue.len(), text.len())
            else {
                continue;
            };
            let items = list_items(reg, text, m.end());
            let heads: Vec<&str> = items
                .iter()
                .map(|&(s, e, ..)| text[s..e].rsplit(' ').next().unwrap_or(""))
                .collect();
            if items.len() > 1
                && heads
                    .iter()
                    .any(|h| heads_set.contains(*h) && !restricted.contains_key(*h))
                && heads
                    .iter()
                    .all(|h| heads_set.contains(*h) || nominal.is_search(h))
            {
                out.extend(
                    items
                        .iter()
                        .map(|&(s, e, ..)| (s, e, "proposed_concept", 0.55, false)),
                );
            }
        }
    }
    out
}

/// `list(classified_classes(text, start))`
pub fn classified_classes(reg: &Registry, text: &str, start: usize) -> Vec<Candidate> {
    classified_classes_in(reg, text, start, &TextIndex::new(text))
}

/// `classified_classes`, `index` being the text's
pub fn classified_classes_in(
    reg: &Registry,
    text: &str,
    start: usize,
    index: &TextIndex,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    if !index.has_any(text, reg.seq("discovery._RIVAL_WORDS")) {
        return out;
    }
    let rival = reg.rx("discovery._RIVAL_CUE");
    let class_noun = reg.rx("discovery._CLASS_NOUN_AT");
    let nouns = if class_noun.is(CLASS_NOUN_AT) {
        let at = index.offsets(text, &CLASS_NOUN_WORDS, start);
        literals::finditer_at(class_noun, text, start, &at)
    } else {
        class_noun.finditer(text, start, text.len()).collect()
    };
    for m in nouns {
        if text[start.max(m.start().saturating_sub(40))..m.start()].contains('-') {
            if let Some(cand) = class_before(reg, text, m.end()) {
                let from = start.max(cand.0.saturating_sub(40));
                if rival.search(text, from, cand.0).is_some() {
                    out.push(cand);
                }
            }
        }
    }
    out
}

/// `_classifying(word)`
fn classifying(reg: &Registry, word: &str) -> bool {
    reg.words("discovery._MODE_ADJECTIVES").contains(word)
        || (word.contains('-') && !reg.rx("discovery._FLUFF").is_search(word))
}

/// `list(title_concepts(text, title_end))`
pub fn title_concepts(reg: &Registry, text: &str, title_end: usize) -> Vec<Candidate> {
    let mut out = Vec::new();
    let title_end = title_end.min(text.len());
    if !text[..title_end].contains(':') {
        return out;
    }
    let heads = reg.words("lexicon.CONCEPT_HEADS");
    let stop_words = reg.words("lexicon.STOP_MODIFIERS");
    let modes = reg.words("discovery._MODE_ADJECTIVES");
    for run in reg
        .rx("discovery._TITLE_CASE_RUN")
        .finditer(text, 0, title_end)
    {
        let group = &text[run.start()..run.end()];
        if !word_starts(text, run.start()) || reg.rx("discovery._TASK_END").is_search(group) {
            continue;
        }
        let lowered = group.to_ascii_lowercase();
        let words: Vec<&str> = lowered.split(' ').collect();
        let last = words[words.len() - 1];
        if !(last.ends_with("ing") || heads.contains(last)) {
            continue;
        }
        for k in 2..=words.len() {
            let w = words[words.len() - k];
            let phrase = words[words.len() - k..].join(" ");
            if stop_words.contains(w) && !modes.contains(w) {
                break;
            }
            if is_non_entity(reg, &phrase) || !classifying(reg, w) {
                continue;
            }
            if let Some(i) = find_word(text, &phrase, title_end) {
                out.push((i, i + phrase.len(), "title_concept", 0.6, false));
                break;
            }
        }
    }
    out
}

/// Patterns tried only where a literal they open with is: for whole-text scans whose
/// matches all start with one of a few words, `str.find`-like scans for the words find
/// the few places worth a regex run.
pub mod literals {
    use crate::pyre::{Caps, Rx};

    /// The words of `_by_first_letter(words)` (`c(?:rest|rest)|c(?:rest)|...`, the words
    /// being letters and dashes), read back; None for anything else. The words given back
    /// are checked by writing the pattern again from them.
    pub fn by_first_letter_words(alts: &str) -> Option<Vec<String>> {
        by_first_letter_words_with(alts, b"-")
    }

    /// `by_first_letter_words`, the words' rests of lower-case letters and `extra`
    pub fn by_first_letter_words_with(alts: &str, extra: &[u8]) -> Option<Vec<String>> {
        let mut words = Vec::new();
        let mut again = String::with_capacity(alts.len());
        for (k, group) in split_groups(alts)?.into_iter().enumerate() {
            let (first, rests) = group;
            if k > 0 {
                again.push('|');
            }
            again.push(first);
            again.push_str("(?:");
            for (j, rest) in rests.iter().enumerate() {
                if !rest
                    .bytes()
                    .all(|c| c.is_ascii_lowercase() || extra.contains(&c))
                {
                    return None;
                }
                if j > 0 {
                    again.push('|');
                }
                again.push_str(rest);
                words.push(format!("{first}{rest}"));
            }
            again.push(')');
        }
        (again == alts && !words.is_empty()).then_some(words)
    }

    /// `c(?:a|b)|d(?:e)` as [('c', ["a", "b"]), ('d', ["e"])]
    fn split_groups(alts: &str) -> Option<Vec<(char, Vec<&str>)>> {
        let mut out = Vec::new();
        let mut rest = alts;
        loop {
            let first = rest.chars().next()?;
            if !first.is_ascii_lowercase() {
                return None;
            }
            let body = rest[1..].strip_prefix("(?:")?;
            let close = body.find(')')?;
            out.push((first, body[..close].split('|').collect()));
            rest = &body[close + 1..];
            if rest.is_empty() {
                return Some(out);
            }
            rest = rest.strip_prefix('|')?;
        }
    }

    /// The words every match of `rx` opens with, where its pattern is
    /// `(?:word|word|...)` and then more without a `|` outside parentheses (no flag
    /// but `re.UNICODE`, the words of letters, the group not made optional); None for
    /// any other pattern
    pub fn leading_words(rx: &Rx) -> Option<Vec<String>> {
        if rx.flags & !crate::pyre::UNICODE != 0 {
            return None;
        }
        let rest = rx.pattern.strip_prefix("(?:")?;
        let close = rest.find(')')?;
        let words: Vec<String> = rest[..close].split('|').map(str::to_string).collect();
        if words
            .iter()
            .any(|w| w.is_empty() || !w.bytes().all(|c| c.is_ascii_alphabetic()))
        {
            return None;
        }
        let after = &rest[close + 1..];
        if after.starts_with(['?', '*', '+', '{']) || !one_branch(after) {
            return None;
        }
        Some(words)
    }

    /// Whether `pattern` (a part of a pattern after a group) has no `|` outside
    /// parentheses (escapes and character classes read past), its parentheses closing
    /// where they open
    pub fn one_branch(pattern: &str) -> bool {
        let b = pattern.as_bytes();
        let mut depth = 0i32;
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\\' => i += 1,
                b'[' => {
                    // a class: "]" right after "[" or "[^" is a literal
                    i += 1;
                    if b.get(i) == Some(&b'^') {
                        i += 1;
                    }
                    if b.get(i) == Some(&b']') {
                        i += 1;
                    }
                    while i < b.len() && b[i] != b']' {
                        if b[i] == b'\\' {
                            i += 1;
                        }
                        i += 1;
                    }
                    if i >= b.len() {
                        return false;
                    }
                }
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth < 0 {
                        return false;
                    }
                }
                b'|' if depth == 0 => return false,
                _ => {}
            }
            i += 1;
        }
        depth == 0
    }

    /// Every offset from `pos` where one of `words` occurs (overlapping ones too), sorted
    pub fn word_offsets<S: AsRef<str>>(text: &str, words: &[S], pos: usize) -> Vec<usize> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        if pos > b.len() {
            return out;
        }
        for w in words {
            let w = w.as_ref().as_bytes();
            if w.is_empty() {
                return (pos..=b.len()).collect();
            }
            let finder = memchr::memmem::Finder::new(w);
            let mut at = pos;
            while let Some(i) = finder.find(&b[at..]) {
                out.push(at + i);
                at += i + 1;
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// `list(rx.finditer(text, pos))` where every match of `rx` starts at one of
    /// `candidates` (sorted): the leftmost match from `pos` starts at the first candidate
    /// where the pattern matches, and is the match found there
    pub fn finditer_at(rx: &Rx, text: &str, pos: usize, candidates: &[usize]) -> Vec<Caps> {
        let mut out = Vec::new();
        let mut at = pos;
        for &p in candidates {
            if p < at {
                continue;
            }
            if let Some(m) = rx.match_at(text, p, text.len()) {
                // after an empty match, finditer moves on one character
                at = if m.end() == m.start() {
                    m.end() + 1
                } else {
                    m.end()
                };
                out.push(m);
            }
        }
        out
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn words_read_back_from_the_pattern() {
            assert_eq!(
                by_first_letter_words("o(?:ptimizer|ffloading)|s(?:elf-attention)"),
                Some(vec![
                    "optimizer".to_string(),
                    "offloading".to_string(),
                    "self-attention".to_string()
                ])
            );
            assert_eq!(by_first_letter_words("o(?:p\\w)"), None);
            assert_eq!(by_first_letter_words("o(?:p)|"), None);
            assert_eq!(by_first_letter_words("o(?:p)x"), None);
            assert_eq!(by_first_letter_words(""), None);
        }

        #[test]
        fn prechecked_scans_are_the_scans() {
            use super::super::*;
            let title = Rx::new(TITLE_CASE_RUN, 32).unwrap();
            let pattern = format!(
                "{BEFORE_TYPE_NOUN_NAME}o(?:perating systems|ptimizer)|l(?:ibrary)|v(?:m){}",
                r")\b)"
            );
            let typed = Rx::new(&pattern, 32).unwrap();
            let nouns = type_noun_words(&typed).expect("the type nouns");
            let mut texts: Vec<String> = [
                "the Foo Bar-Baz library and Foo Bar-9 x",
                "A Foo-bar Qux optimizer, GPT-4 v2 3B vm; XLA! 7z  library",
                "Z operating systems. A.B+ library A- library C++ operating system",
                "Go Deep Learning Now",
            ]
            .iter()
            .map(|t| t.to_string())
            .collect();
            let alphabet = b"AaBbv9 -.+!\tlibrary vm";
            let mut x: u64 = 13;
            for _ in 0..6000 {
                let len = (x >> 58) as usize;
                let mut t = String::new();
                for _ in 0..len {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    t.push(alphabet[((x >> 33) % alphabet.len() as u64) as usize] as char);
                }
                texts.push(t);
            }
            let spans = |v: Vec<Caps>| -> Vec<(usize, usize)> {
                v.iter().map(|m| (m.start(), m.end())).collect()
            };
            for t in &texts {
                for start in [0, 1, 4] {
                    let start = start.min(t.len());
                    assert_eq!(
                        spans(title_case_runs(&title, t, start, &TextIndex::new(t))),
                        spans(scan(&title, t, start, word_starts)),
                        "{t:?}"
                    );
                    assert_eq!(
                        spans(before_type_nouns_at(
                            &typed,
                            &nouns,
                            t,
                            start,
                            &TextIndex::new(t)
                        )),
                        spans(scan(&typed, t, start, at_boundary)),
                        "{t:?}"
                    );
                }
            }
        }

        #[test]
        fn leading_words_of_a_pattern() {
            let words = |p: &str| leading_words(&Rx::new(p, 32).unwrap());
            let we = Some(vec!["We".to_string(), "we".to_string()]);
            assert_eq!(words(r"(?:We|we)\s+(?:a|b[)|]|c)\)x"), we);
            assert_eq!(words(r"(?:We|we)\s+x|y"), None);
            assert_eq!(words(r"(?:We|we)?\s+x"), None);
            assert_eq!(words(r"(?:We|w.)\s+x"), None);
            assert_eq!(words(r"(?:We|)\s+x"), None);
            assert_eq!(words(r"(?:We|we)\s+(x|y)|z"), None);
            assert_eq!(words(r"(?:We|we)[|]\|"), we);
            assert_eq!(words(r"(?:We|we)[]|]"), we);
            assert_eq!(words(r"x(?:We|we)"), None);
            assert!(leading_words(&Rx::new(r"(?:We|we)\s", 2).unwrap()).is_none());
        }

        #[test]
        fn scan_at_word_starts_is_scan() {
            use crate::discovery_concepts::{LiteralTable, TextIndex};
            let rx = Rx::new(r"(?:We|we|and|an)\s+(?:propose|a)?\s*([A-Z]\w*)?", 32).unwrap();
            let words = leading_words(&rx).unwrap();
            let table = LiteralTable::new(&words);
            let alphabet = b"We and_propose aX.-";
            let mut x: u64 = 5;
            for _ in 0..4000 {
                let len = (x >> 58) as usize;
                let mut text = String::new();
                for _ in 0..len {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    text.push(alphabet[((x >> 33) % alphabet.len() as u64) as usize] as char);
                }
                let index = TextIndex::new(&text);
                for pos in [0, 1, 3] {
                    let want: Vec<(usize, usize)> =
                        super::super::scan(&rx, &text, pos, super::super::at_boundary)
                            .iter()
                            .map(|m| (m.start(), m.end()))
                            .collect();
                    let got: Vec<(usize, usize)> =
                        super::super::scan_word_starts(&rx, &text, pos, &index, &table)
                            .iter()
                            .map(|m| (m.start(), m.end()))
                            .collect();
                    assert_eq!(got, want, "{text:?} {pos}");
                }
            }
        }

        #[test]
        fn finditer_at_the_words_is_finditer() {
            let texts = [
                "we use x, he uses y and they employed z; use adopt leverages",
                " use use  use",
                "",
            ];
            let rx = Rx::new(
                r" (?:use[sd]?|employ(?:s|ed)?|adopt(?:s|ed)?|leverag(?:e|es|ed)) ",
                32,
            )
            .unwrap();
            let words = [" use", " employ", " adopt", " leverag"];
            for t in texts {
                for pos in [0, 1, 5] {
                    let want: Vec<(usize, usize)> = rx
                        .finditer(t, pos, t.len())
                        .map(|m| (m.start(), m.end()))
                        .collect();
                    let got: Vec<(usize, usize)> =
                        finditer_at(&rx, t, pos, &word_offsets(t, &words, pos))
                            .iter()
                            .map(|m| (m.start(), m.end()))
                            .collect();
                    assert_eq!(got, want, "{t:?} {pos}");
                }
            }
        }
    }
}
