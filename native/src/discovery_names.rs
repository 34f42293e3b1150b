//! Twins of `kg/extract/discovery.py`'s name checks (`_trim_name`, `_ok_name`,
//! `_ok_shape`, `clean_name`) and of `name_shaped`, for plain text.

use crate::normalize;
use crate::pystr;
use crate::registry::Registry;

/// A discovery candidate: start, end, rule, confidence, specific
pub type Candidate = (usize, usize, &'static str, f64, bool);

/// `_field_kind(name)`: adjectives before a field's acronym ("Non-Neural ML")
pub fn field_kind(reg: &Registry, name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    let adjective = reg.rx("discovery._ADJECTIVE");
    words.len() > 1
        && words[..words.len() - 1]
            .iter()
            .all(|w| adjective.is_match(w))
}

/// `_ok_name(name)`
pub fn ok_name(reg: &Registry, name: &str) -> bool {
    let name = name.trim_matches(|c: char| c.is_ascii() && pystr::is_space_byte(c as u8));
    let field = reg.seq("discovery._FIELD_ACRONYMS");
    if field.iter().any(|a| name.ends_with(a.as_str())) && field_kind(reg, name) {
        return false;
    }
    let not_names = reg.words("lexicon.NOT_NAMES");
    if (name.len() < 2 && !pystr::isupper(name))
        || not_names.contains(name)
        || reg.rx("discovery._SIZE_ONLY").is_match(name)
    {
        return false;
    }
    if reg.rx("discovery._LONE_PARTICIPLE").is_match(name) {
        return false;
    }
    let Some(first) = pystr::split_ws(name).next() else {
        return false; // unreachable: a name of two characters or more after strip()
    };
    let lead = first.split('-').next().unwrap_or("");
    if matches!(lead, "Top" | "Rank" | "Pass")
        || (not_names.contains(lead) && !reg.rx("discovery._EPONYM_PAIR").is_match(first))
    {
        return false;
    }
    (name.contains(' ') || !not_names.contains(first)) && !normalize::is_non_entity(reg, name)
}

/// `_ok_shape(name)`
pub fn ok_shape(reg: &Registry, name: &str) -> bool {
    !reg.rx("discovery._ODD_SHAPE").is_search(name) || reg.rx("discovery._NBIT").is_match(name)
}

/// `_trim_name(text, start, end)`
pub fn trim_name(reg: &Registry, text: &str, start: usize, end: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let (mut start, mut end) = (start, end);
    while end > start && b".,;:!?)'\"-".contains(&b[end - 1]) && !text[start..end].contains('(') {
        if b[end - 1] == b'!' && text[start..end].contains(' ') {
            break; // "Hogwild! Inference"
        }
        end -= 1;
    }
    let affix = reg.rx("discovery._AFFIX");
    if let Some(m) = affix.search(text, start, end) {
        if m.end() == end {
            end = m.start();
        }
    }
    if let Some(m) = reg.rx("discovery._PREFIX").match_at(text, start, end) {
        start = m.end();
    }
    if let Some(space) = pystr::find(text, " ", start, end) {
        if space > 0 && b[space - 1].is_ascii_alphabetic() {
            if let Some(m) = affix.search(text, start, space) {
                if m.end() == space {
                    start = space + 1;
                }
            }
        }
    }
    if let Some(dash) = pystr::find(text, "--", start, end) {
        if dash > start {
            end = dash;
        }
    }
    let span = if end > start { &text[start..end] } else { "" };
    let mut words: Vec<&str> = span.split(' ').collect();
    let not_names = reg.words("lexicon.NOT_NAMES");
    let stop = reg.words("lexicon.STOP_MODIFIERS");
    while words.len() > 1 {
        let last = words[words.len() - 1];
        if not_names.contains(last) || stop.contains(&last.to_ascii_lowercase()) {
            words.pop();
        } else {
            break;
        }
    }
    let len: usize = words.iter().map(|w| w.len()).sum::<usize>() + words.len() - 1;
    (start, start + len)
}

/// `clean_name(raw)`
pub fn clean_name(reg: &Registry, raw: &str) -> Option<(usize, usize)> {
    let (s, e) = trim_name(reg, raw, 0, raw.len());
    if e <= s {
        return None;
    }
    let name = &raw[s..e];
    (ok_name(reg, name) && ok_shape(reg, name)).then_some((s, e))
}

/// `_slash_letter(text, i)`
fn slash_letter(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    let after = b.get(i + 2).copied();
    b.get(i) == Some(&b'/')
        && b.get(i + 1).is_some_and(u8::is_ascii_uppercase)
        && !after.is_some_and(|c| c.is_ascii_alphanumeric() || b"/-_".contains(&c))
}

/// `list(name_shaped(text, start))`
pub fn name_shaped(reg: &Registry, text: &str, start: usize) -> Vec<Candidate> {
    let mut out = Vec::new();
    let shape = reg.rx("discovery._SHAPE_CHECK");
    for m in reg
        .rx("discovery._NAME_TOKEN")
        .finditer(text, 0, text.len())
    {
        let w = m.str(text, 1);
        if (pystr::isalpha(w) && pystr::islower(&w[1..])) || !shape.is_search(w) {
            continue;
        }
        if let Some((s, e)) = clean_name(reg, m.str(text, 0)) {
            let mut end = m.start() + e;
            if end == m.end() && slash_letter(text, end) && pystr::isupper(w) {
                end += 2; // "MOEA/D": a one-letter variant mark, no second name
            }
            out.push((m.start() + s, end, "name_shape", 0.7, true));
        }
    }
    let not_names = reg.words("lexicon.NOT_NAMES");
    for m in reg
        .rx("discovery._CAP_VERSION")
        .finditer(text, start, text.len())
    {
        let name = m.str(text, 1);
        let first = pystr::split_ws(name).next().unwrap_or("");
        if !not_names.contains(first) && ok_name(reg, name) {
            out.push((m.start(), m.end(), "versioned_name", 0.65, true));
        }
    }
    if text.contains("-aware ") {
        let platforms = reg.words("discovery._PLATFORMS");
        for m in reg
            .rx("discovery._AWARE_VARIANT")
            .finditer(text, 0, text.len())
        {
            let system = m.str(text, 2);
            if platforms.contains(&m.str(text, 1).to_ascii_lowercase())
                && shape.is_search(system)
                && ok_name(reg, system)
            {
                out.push((m.start(), m.end(), "name_shape", 0.7, true));
            }
        }
    }
    if text.contains("DRAM") {
        for m in reg
            .rx("discovery._STACKED_MEMORY")
            .finditer(text, 0, text.len())
        {
            out.push((m.start(), m.end(), "name_shape", 0.7, true));
        }
    }
    if text.contains("-bit") {
        for m in reg.rx("discovery._NBIT").finditer(text, 0, text.len()) {
            out.push((m.start(), m.end(), "versioned_name", 0.7, true));
        }
    }
    out
}

/// `_counted_names(text, pos)`
fn counted_names(reg: &Registry, text: &str, mut pos: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for _ in 0..4 {
        let Some(sep) = reg
            .rx("discovery._LIST_SEP")
            .match_at(text, pos, text.len())
        else {
            break;
        };
        let Some(m) = reg
            .rx("discovery._LIST_ITEM")
            .match_at(text, sep.end(), text.len())
        else {
            break;
        };
        if !m.str(text, 1).as_bytes()[0].is_ascii_uppercase() {
            break;
        }
        let g1 = m.get(1).expect("group 1");
        out.push(g1);
        let sep_text = pystr::rstrip(&text[sep.start()..sep.end()]);
        if sep_text.ends_with("and") || sep_text.ends_with("or") {
            break;
        }
        pos = g1.1;
    }
    out
}

/// `_at_boundary(text, i)`: `\b` at `i`
fn at_boundary(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    let before = i > 0 && pystr::is_word_byte(b[i - 1]);
    before != (i < b.len() && pystr::is_word_byte(b[i]))
}

/// `_scan(rx, text, 0, _at_boundary)`
fn scan_at_boundary(rx: &crate::pyre::Rx, text: &str) -> Vec<crate::pyre::Caps> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(m) = rx.search(text, pos, text.len()) {
        if at_boundary(text, m.start()) {
            pos = m.end();
            out.push(m);
        } else {
            pos = m.start() + 1;
        }
    }
    out
}

/// `_matches_at_cues(rx, text, cues, first)`
fn matches_at_cues<S: AsRef<str>>(
    rx: &crate::pyre::Rx,
    text: &str,
    cues: &[S],
    first: &[u8],
) -> Vec<crate::pyre::Caps> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for i in normalize::find_all(text, cues, 1) {
        if first.contains(&b[i - 1])
            && (i < 2 || !b[i - 2].is_ascii_alphanumeric())
            && !pystr::islower(&text[i..(i + 60).min(text.len())])
        {
            if let Some(m) = rx.match_at(text, i - 1, text.len()) {
                out.push(m);
            }
        }
    }
    out
}

/// `list(proposed_names(text))`
pub fn proposed_names(reg: &Registry, text: &str) -> Vec<(usize, usize)> {
    #[derive(PartialEq)]
    enum Kind {
        Propose,
        Other,
        OurNamed,
        TheNamed,
    }
    let mut found: Vec<(Kind, crate::pyre::Caps)> = Vec::new();
    let propose = reg.rx("discovery._PROPOSE");
    found.extend(
        scan_at_boundary(propose, text)
            .into_iter()
            .map(|m| (Kind::Propose, m)),
    );
    if reg
        .seq("discovery._CALLED_WORDS")
        .iter()
        .any(|w| text.contains(w.as_str()))
    {
        let called = reg.rx("discovery._CALLED");
        found.extend(
            scan_at_boundary(called, text)
                .into_iter()
                .map(|m| (Kind::Other, m)),
        );
    }
    if ["e call", "e name", "e term", "e dub"]
        .iter()
        .any(|c| text.contains(c))
    {
        let we_call = reg.rx("discovery._WE_CALL");
        found.extend(
            scan_at_boundary(we_call, text)
                .into_iter()
                .map(|m| (Kind::Other, m)),
        );
    }
    let our = matches_at_cues(reg.rx("discovery._OUR_NAMED"), text, &["ur "], b"Oo");
    found.extend(our.into_iter().map(|m| (Kind::OurNamed, m)));
    let cues = reg.seq("discovery._PROPOSE_CUES");
    let the = matches_at_cues(reg.rx("discovery._PROPOSE_THE_NAMED"), text, cues, b"Ww");
    found.extend(the.into_iter().map(|m| (Kind::TheNamed, m)));

    let mut seen: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::new();
    for (kind, m) in found {
        if kind == Kind::OurNamed
            && !reg
                .words("discovery._OWN_WORK_NOUN")
                .contains(m.str(text, 1))
        {
            continue;
        }
        if kind == Kind::TheNamed && !reg.words("discovery._WORK_HEADS").contains(m.str(text, 2)) {
            continue;
        }
        // group 1 for "the Foo Bar solver", else m.lastindex (no group nests another)
        let g = if kind == Kind::TheNamed {
            1
        } else {
            (1..m.len())
                .rev()
                .find(|&g| m.get(g).is_some())
                .unwrap_or(1)
        };
        let Some(span) = m.get(g) else {
            continue;
        };
        let mut spans = vec![span];
        if kind == Kind::Propose
            && reg
                .rx("discovery._COUNTED")
                .is_search(&text[m.start()..m.end()])
        {
            spans.extend(counted_names(reg, text, span.1));
        }
        for (s, e) in spans {
            let (s, e) = trim_name(reg, text, s, e);
            if e > s && ok_name(reg, &text[s..e]) && !seen.contains(&(s, e)) {
                seen.push((s, e));
                out.push((s, e));
            }
        }
    }
    out
}
