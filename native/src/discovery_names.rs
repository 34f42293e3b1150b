//! Twins of `kg/extract/discovery.py`'s name checks (`_trim_name`, `_ok_name`,
//! `_ok_shape`, `clean_name`) and of `name_shaped`, for plain text.

use std::collections::HashMap;

use rustc_hash::FxBuildHasher;

use std::sync::{Arc, RwLock};

use crate::discovery_concepts::{LiteralTable, TextIndex};
use crate::discovery_lists::literals::{has, Finders};
use crate::normalize;
use crate::pyre::Rx;
use crate::pystr;
use crate::registry::{self, PerRegistry, Registry, WordSet};

/// A discovery candidate: start, end, rule, confidence, specific
pub type Candidate = (usize, usize, &'static str, f64, bool);

/// The registry entries the name checks read, looked up once (`names`: once per
/// registry) rather than once per use
pub struct Names<'r> {
    adjective: &'r Rx,
    field_acronyms: &'r [String],
    not_names: &'r WordSet,
    stop_modifiers: &'r WordSet,
    size_only: &'r Rx,
    lone_participle: &'r Rx,
    eponym_pair: &'r Rx,
    odd_shape: &'r Rx,
    nbit: &'r Rx,
    affix: &'r Rx,
    prefix: &'r Rx,
    non_entity_keys: &'r WordSet,
    acronym_plural: &'r Rx,
}

impl<'r> Names<'r> {
    pub fn new(reg: &'r Registry) -> Names<'r> {
        Names {
            adjective: reg.rx("discovery._ADJECTIVE"),
            field_acronyms: reg.seq("discovery._FIELD_ACRONYMS"),
            not_names: reg.words("lexicon.NOT_NAMES"),
            stop_modifiers: reg.words("lexicon.STOP_MODIFIERS"),
            size_only: reg.rx("discovery._SIZE_ONLY"),
            lone_participle: reg.rx("discovery._LONE_PARTICIPLE"),
            eponym_pair: reg.rx("discovery._EPONYM_PAIR"),
            odd_shape: reg.rx("discovery._ODD_SHAPE"),
            nbit: reg.rx("discovery._NBIT"),
            affix: reg.rx("discovery._AFFIX"),
            prefix: reg.rx("discovery._PREFIX"),
            non_entity_keys: reg.words("normalize.NON_ENTITY_KEYS"),
            acronym_plural: reg.rx("normalize._ACRONYM_PLURAL"),
        }
    }

    /// `is_non_entity(name)`
    pub fn is_non_entity(&self, name: &str) -> bool {
        self.non_entity_keys
            .contains(&normalize::entity_key_with(self.acronym_plural, name))
    }

    /// `_field_kind(name)`: adjectives before a field's acronym ("Non-Neural ML")
    pub fn field_kind(&self, name: &str) -> bool {
        let words: Vec<&str> = name.split(' ').collect();
        words.len() > 1
            && words[..words.len() - 1]
                .iter()
                .all(|w| self.adjective.is_match(w))
    }

    /// `_ok_name(name)`
    pub fn ok_name(&self, name: &str) -> bool {
        let name = name.trim_matches(|c: char| c.is_ascii() && pystr::is_space_byte(c as u8));
        if self
            .field_acronyms
            .iter()
            .any(|a| name.ends_with(a.as_str()))
            && self.field_kind(name)
        {
            return false;
        }
        let not_names = self.not_names;
        if (name.len() < 2 && !pystr::isupper(name))
            || not_names.contains(name)
            || self.size_only.is_match(name)
        {
            return false;
        }
        if self.lone_participle.is_match(name) {
            return false;
        }
        let Some(first) = pystr::split_ws(name).next() else {
            return false; // unreachable: a name of two characters or more after strip()
        };
        let lead = first.split('-').next().unwrap_or("");
        if matches!(lead, "Top" | "Rank" | "Pass")
            || (not_names.contains(lead) && !self.eponym_pair.is_match(first))
        {
            return false;
        }
        (name.contains(' ') || !not_names.contains(first)) && !self.is_non_entity(name)
    }

    /// `_ok_shape(name)`
    pub fn ok_shape(&self, name: &str) -> bool {
        !self.odd_shape.is_search(name) || self.nbit.is_match(name)
    }

    /// `_trim_name(text, start, end)`
    pub fn trim_name(&self, text: &str, start: usize, end: usize) -> (usize, usize) {
        let b = text.as_bytes();
        let (mut start, mut end) = (start, end);
        while end > start && b".,;:!?)'\"-".contains(&b[end - 1]) && !text[start..end].contains('(')
        {
            if b[end - 1] == b'!' && text[start..end].contains(' ') {
                break; // "Hogwild! Inference"
            }
            end -= 1;
        }
        let affix = self.affix;
        // every `_AFFIX` match opens with a dash, every `_PREFIX` match holds one
        let dashed = |s: usize, e: usize| s < e && memchr::memchr(b'-', &b[s..e]).is_some();
        if dashed(start, end) {
            if let Some(m) = affix.search(text, start, end) {
                if m.end() == end {
                    end = m.start();
                }
            }
        }
        if dashed(start, end) {
            if let Some(m) = self.prefix.match_at(text, start, end) {
                start = m.end();
            }
        }
        if let Some(space) = pystr::find(text, " ", start, end) {
            if space > 0 && b[space - 1].is_ascii_alphabetic() && dashed(start, space) {
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
        while words.len() > 1 {
            let last = words[words.len() - 1];
            if self.not_names.contains(last)
                || self.stop_modifiers.contains(&last.to_ascii_lowercase())
            {
                words.pop();
            } else {
                break;
            }
        }
        let len: usize = words.iter().map(|w| w.len()).sum::<usize>() + words.len() - 1;
        (start, start + len)
    }

    /// `clean_name(raw)`
    pub fn clean_name(&self, raw: &str) -> Option<(usize, usize)> {
        let (s, e) = self.trim_name(raw, 0, raw.len());
        if e <= s {
            return None;
        }
        let name = &raw[s..e];
        (self.ok_name(name) && self.ok_shape(name)).then_some((s, e))
    }
}

/// `Names` of a registry: the one kept for the installed registry, or one made for
/// another
pub enum Held<'r> {
    Kept(&'static Names<'static>),
    Made(Names<'r>),
}

impl<'r> std::ops::Deref for Held<'r> {
    type Target = Names<'r>;
    fn deref(&self) -> &Names<'r> {
        match self {
            Held::Kept(n) => n,
            Held::Made(n) => n,
        }
    }
}

/// The `Names` of `reg`, looked up once per installed registry (the registry it
/// borrows is kept for good, as `entity_typing::installed` keeps its own)
pub fn names(reg: &Registry) -> Held<'_> {
    static CACHE: RwLock<Option<(usize, &'static Names<'static>)>> = RwLock::new(None);
    let key = reg as *const Registry as usize;
    if let Some((k, n)) = *CACHE.read().expect("names cache lock") {
        if k == key {
            return Held::Kept(n);
        }
    }
    let installed = registry::registry();
    if Arc::as_ptr(&installed) as usize != key {
        return Held::Made(Names::new(reg));
    }
    let kept: &'static Arc<Registry> = Box::leak(Box::new(installed));
    let n: &'static Names<'static> = Box::leak(Box::new(Names::new(kept)));
    *CACHE.write().expect("names cache lock") = Some((key, n));
    Held::Kept(n)
}

/// `_field_kind(name)`
pub fn field_kind(reg: &Registry, name: &str) -> bool {
    names(reg).field_kind(name)
}

/// `_ok_name(name)`
pub fn ok_name(reg: &Registry, name: &str) -> bool {
    names(reg).ok_name(name)
}

/// `_ok_shape(name)`
pub fn ok_shape(reg: &Registry, name: &str) -> bool {
    names(reg).ok_shape(name)
}

/// `_trim_name(text, start, end)`
pub fn trim_name(reg: &Registry, text: &str, start: usize, end: usize) -> (usize, usize) {
    names(reg).trim_name(text, start, end)
}

/// `clean_name(raw)`
pub fn clean_name(reg: &Registry, raw: &str) -> Option<(usize, usize)> {
    names(reg).clean_name(raw)
}

/// `_slash_letter(text, i)`
fn slash_letter(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    let after = b.get(i + 2).copied();
    b.get(i) == Some(&b'/')
        && b.get(i + 1).is_some_and(u8::is_ascii_uppercase)
        && !after.is_some_and(|c| c.is_ascii_alphanumeric() || b"/-_".contains(&c))
}

/// `_NAME_TOKEN` as `name_tokens` reads it by hand
const NAME_TOKEN: &str =
    r"(?<![\w\-])([A-Za-z0-9][\w.+\-]*(?:\+\+|(?<=\w)))(?:\s(?:v\d[\w.]*|\d+(?:\.\d+)?[BMK]?\b))?";

/// `_SHAPE_CHECK` as `shape_check` reads it by hand
const SHAPE_CHECK: &str = r"[a-z][A-Z]|[A-Z][A-Z]|[A-Za-z]\d|\d[A-Za-z]|^[A-Z][a-z]+-\d";

/// `bool(_SHAPE_CHECK.search(w))`: two characters in a row of a name's shape (lower
/// then upper case, two capitals, a letter and a digit either way), or a capitalised
/// word, a dash and a digit at the start
pub fn shape_check(reg: &Registry, w: &str) -> bool {
    let rx = reg.rx("discovery._SHAPE_CHECK");
    if !rx.is(SHAPE_CHECK) {
        return rx.is_search(w);
    }
    shape_by_hand(w)
}

/// `bool(_SHAPE_CHECK.search(w))` for the pattern `SHAPE_CHECK`
fn shape_by_hand(w: &str) -> bool {
    let b = w.as_bytes();
    if b.windows(2).any(|p| {
        let (x, y) = (p[0], p[1]);
        (y.is_ascii_uppercase() && x.is_ascii_alphabetic())
            || (x.is_ascii_alphabetic() && y.is_ascii_digit())
            || (x.is_ascii_digit() && y.is_ascii_alphabetic())
    }) {
        return true;
    }
    if b.first().is_some_and(u8::is_ascii_uppercase) {
        let n = b[1..].iter().take_while(|c| c.is_ascii_lowercase()).count();
        return n > 0
            && b.get(1 + n) == Some(&b'-')
            && b.get(2 + n).is_some_and(u8::is_ascii_digit);
    }
    false
}

/// One `_NAME_TOKEN` match: its start, the end of group 1, its end
type Token = (usize, usize, usize);

/// `[(m.start(), m.end(1), m.end()) for m in _NAME_TOKEN.finditer(text)]`, by hand:
/// a match starts at the first alphanumeric character after no `[\w-]`; its group 1
/// is the run of `[\w.+-]` after it, given back to the last "++" or word character
/// (which the engine finds first, backtracking from the run's end). Where a space and
/// a "v" or digit follow, a version may follow: there the pattern itself is run.
fn name_tokens(rx: &crate::pyre::Rx, text: &str) -> Vec<Token> {
    if !rx.is(NAME_TOKEN) {
        return rx
            .finditer(text, 0, text.len())
            .map(|m| (m.start(), m.get(1).expect("group 1").1, m.end()))
            .collect();
    }
    let b = text.as_bytes();
    let n = b.len();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut out = Vec::with_capacity(n / 6 + 8); // about a token for each six bytes
    let mut p = 0;
    while p < n {
        if !b[p].is_ascii_alphanumeric() || (p > 0 && (word(b[p - 1]) || b[p - 1] == b'-')) {
            p += 1;
            continue;
        }
        let mut r = p + 1;
        while r < n && (word(b[r]) || matches!(b[r], b'.' | b'+' | b'-')) {
            r += 1;
        }
        let mut q = r;
        let g = loop {
            if q + 1 < n && b[q] == b'+' && b[q + 1] == b'+' {
                break q + 2;
            }
            if word(b[q - 1]) {
                break q;
            }
            q -= 1; // q - 1 > p: b[p] is a word character
        };
        let e = if g + 1 < n
            && pystr::is_space_byte(b[g])
            && (b[g + 1] == b'v' || b[g + 1].is_ascii_digit())
        {
            let m = rx.match_at(text, p, n).expect("a _NAME_TOKEN match");
            debug_assert_eq!(m.get(1), Some((p, g)));
            m.end()
        } else {
            g
        };
        out.push((p, g, e));
        p = e;
    }
    out
}

/// `list(name_shaped(text, start))`
pub fn name_shaped(reg: &Registry, text: &str, start: usize) -> Vec<Candidate> {
    let mut out = Vec::new();
    // clean_name is a function of the token: a name said again is not read again
    let mut cleaned: HashMap<&str, Option<(usize, usize)>, FxBuildHasher> =
        HashMap::with_capacity_and_hasher(64, Default::default());
    for (ms, g, me) in name_tokens(reg.rx("discovery._NAME_TOKEN"), text) {
        let w = &text[ms..g];
        if (pystr::isalpha(w) && pystr::islower(&w[1..])) || !shape_check(reg, w) {
            continue;
        }
        let raw = &text[ms..me];
        let clean = *cleaned.entry(raw).or_insert_with(|| clean_name(reg, raw));
        if let Some((s, e)) = clean {
            let mut end = ms + e;
            if end == me && slash_letter(text, end) && pystr::isupper(w) {
                end += 2; // "MOEA/D": a one-letter variant mark, no second name
            }
            out.push((ms + s, end, "name_shape", 0.7, true));
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
    if has!(text, "-aware ") {
        let platforms = reg.words("discovery._PLATFORMS");
        for m in reg
            .rx("discovery._AWARE_VARIANT")
            .finditer(text, 0, text.len())
        {
            let system = m.str(text, 2);
            if platforms.contains(&m.str(text, 1).to_ascii_lowercase())
                && shape_check(reg, system)
                && ok_name(reg, system)
            {
                out.push((m.start(), m.end(), "name_shape", 0.7, true));
            }
        }
    }
    if has!(text, "DRAM") {
        for m in reg
            .rx("discovery._STACKED_MEMORY")
            .finditer(text, 0, text.len())
        {
            out.push((m.start(), m.end(), "name_shape", 0.7, true));
        }
    }
    if has!(text, "-bit") {
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

/// The tables of the words `_PROPOSE`, `_CALLED` and `_WE_CALL` open with, once per
/// registry (None for a pattern not of that form)
type LeadingTables = [Option<LiteralTable>; 3];
static LEADING: PerRegistry<LeadingTables> = PerRegistry::new();

const SCANNED: [&str; 3] = [
    "discovery._PROPOSE",
    "discovery._CALLED",
    "discovery._WE_CALL",
];

/// `_scan(rx, text, 0, _at_boundary)`, `table` the words `rx`'s matches open with
fn scan_at_boundary(
    rx: &crate::pyre::Rx,
    text: &str,
    index: &TextIndex,
    table: Option<&LiteralTable>,
) -> Vec<crate::pyre::Caps> {
    match table {
        Some(table) => crate::discovery_lists::scan_word_starts(rx, text, 0, index, table),
        None => crate::discovery_lists::scan(rx, text, 0, crate::discovery_lists::at_boundary),
    }
}

/// `_matches_at_cues(rx, text, cues, first)`
fn matches_at_cues(
    rx: &crate::pyre::Rx,
    text: &str,
    cues: &Finders,
    first: &[u8],
) -> Vec<crate::pyre::Caps> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for i in cues.find_all(text, 1) {
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
    proposed_names_in(reg, text, &TextIndex::new(text))
}

/// `proposed_names`, `index` being the text's
pub fn proposed_names_in(reg: &Registry, text: &str, index: &TextIndex) -> Vec<(usize, usize)> {
    #[derive(PartialEq)]
    enum Kind {
        Propose,
        Other,
        OurNamed,
        TheNamed,
    }
    let mut found: Vec<(Kind, crate::pyre::Caps)> = Vec::new();
    let tables = LEADING.get(reg, |reg| {
        SCANNED.map(|name| {
            crate::discovery_lists::literals::leading_words(reg.rx(name))
                .map(|w| LiteralTable::new(&w))
        })
    });
    let propose = reg.rx("discovery._PROPOSE");
    found.extend(
        scan_at_boundary(propose, text, index, tables[0].as_ref())
            .into_iter()
            .map(|m| (Kind::Propose, m)),
    );
    static CALLED_WORDS: PerRegistry<Finders> = PerRegistry::new();
    let called_words =
        CALLED_WORDS.get(reg, |reg| Finders::new(reg.seq("discovery._CALLED_WORDS")));
    if called_words.any_in(text) {
        let called = reg.rx("discovery._CALLED");
        found.extend(
            scan_at_boundary(called, text, index, tables[1].as_ref())
                .into_iter()
                .map(|m| (Kind::Other, m)),
        );
    }
    if has!(text, "e call") || has!(text, "e name") || has!(text, "e term") || has!(text, "e dub") {
        let we_call = reg.rx("discovery._WE_CALL");
        found.extend(
            scan_at_boundary(we_call, text, index, tables[2].as_ref())
                .into_iter()
                .map(|m| (Kind::Other, m)),
        );
    }
    static OUR: std::sync::OnceLock<Finders> = std::sync::OnceLock::new();
    let our_cue = OUR.get_or_init(|| Finders::new(&["ur "]));
    let our = matches_at_cues(reg.rx("discovery._OUR_NAMED"), text, our_cue, b"Oo");
    found.extend(our.into_iter().map(|m| (Kind::OurNamed, m)));
    static PROPOSE_CUES: PerRegistry<Finders> = PerRegistry::new();
    let cues = PROPOSE_CUES.get(reg, |reg| Finders::new(reg.seq("discovery._PROPOSE_CUES")));
    let the = matches_at_cues(reg.rx("discovery._PROPOSE_THE_NAMED"), text, &cues, b"Ww");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pyre::Rx;

    /// strings drawn from the characters the patterns tell apart
    fn samples() -> Vec<String> {
        let mut out: Vec<String> = [
            "C++ and ZeRO++ v2",
            "GPT-3.5 12B",
            "x 7 12a",
            "A100 80GB, v100 v2.1 GPU",
            "foo-bar_baz. Qux+ +C++ C+ c+a",
            "MOEA/D-DE v 1",
            "a-1 b\t2B 3.5K",
            "",
            "a",
            "Llama-2 7B;Llama-2-7B",
            "_x -x .x",
            "2.\n3",
            "V2 v2v W++x",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let alphabet = b"aZv9+ -._\t\nBK/";
        let mut x: u64 = 11;
        for _ in 0..20000 {
            let len = 1 + (x >> 59) as usize;
            let mut s = String::new();
            for _ in 0..len {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push(alphabet[((x >> 33) % alphabet.len() as u64) as usize] as char);
            }
            out.push(s);
        }
        out
    }

    #[test]
    fn hand_read_patterns_match_the_patterns() {
        let token = Rx::new(NAME_TOKEN, 32).unwrap();
        let shape = Rx::new(SHAPE_CHECK, 32).unwrap();
        for s in samples() {
            let want: Vec<Token> = token
                .finditer(&s, 0, s.len())
                .map(|m| (m.start(), m.get(1).unwrap().1, m.end()))
                .collect();
            assert_eq!(name_tokens(&token, &s), want, "{s:?}");
            assert_eq!(shape_by_hand(&s), shape.is_search(&s), "{s:?}");
        }
    }
}
