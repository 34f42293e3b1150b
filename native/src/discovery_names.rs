//! Twins of `kg/extract/discovery.py`'s name checks (`_trim_name`, `_ok_name`,
//! `_ok_shape`, `clean_name`) and of `name_shaped`, for plain text.

use std::collections::HashMap;

use rustc_hash::FxBuildHasher;

use std::sync::{Arc, RwLock};

use crate::discovery_concepts::{LiteralTable, TextIndex};
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
#[cfg(test)]
fn name_tokens(rx: &crate::pyre::Rx, text: &str) -> Vec<Token> {
    name_tokens_with(rx, text, true)
}

/// The bytes `name_tokens` tells apart: `[\w.+-]`, `\w`, letters and digits, lower
/// case, and the dash
const TOKEN_CHAR: u8 = 1;
const WORD_CHAR: u8 = 2;
const ALNUM: u8 = 4;
const LOWER: u8 = 8;
const DASH: u8 = 16;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() {
            t[c] |= TOKEN_CHAR | WORD_CHAR | ALNUM;
        }
        if b.is_ascii_lowercase() {
            t[c] |= LOWER;
        }
        if b == b'_' {
            t[c] |= TOKEN_CHAR | WORD_CHAR;
        }
        if b == b'.' || b == b'+' {
            t[c] |= TOKEN_CHAR;
        }
        if b == b'-' {
            t[c] |= TOKEN_CHAR | DASH;
        }
        c += 1;
    }
    t
};

/// `name_tokens`, without (unless `plain`) most tokens whose group 1 is a letter and
/// lower-case letters after it (which `name_shaped` passes over: `w.isalpha() and
/// w[1:].islower()`): those whose run of `[\w.+-]` is such a word
fn name_tokens_with(rx: &crate::pyre::Rx, text: &str, plain: bool) -> Vec<Token> {
    if !rx.is(NAME_TOKEN) {
        return rx
            .finditer(text, 0, text.len())
            .map(|m| (m.start(), m.get(1).expect("group 1").1, m.end()))
            .filter(|&(s, g, _)| plain || !plain_word(&text[s..g]))
            .collect();
    }
    let b = text.as_bytes();
    let n = b.len();
    let mut out = Vec::with_capacity(n / 24 + 8);
    let mut p = 0;
    while p < n {
        if CLASS[b[p] as usize] & ALNUM == 0
            || (p > 0 && CLASS[b[p - 1] as usize] & (WORD_CHAR | DASH) != 0)
        {
            p += 1;
            continue;
        }
        let mut r = p + 1;
        let mut lower = b[p].is_ascii_alphabetic();
        while r < n {
            let c = CLASS[b[r] as usize];
            if c & TOKEN_CHAR == 0 {
                break;
            }
            lower &= c & LOWER != 0;
            r += 1;
        }
        // a letter and lower-case letters only: group 1 is the whole run (its end is
        // a word character, no "+" follows), a plain word
        let skip = !plain && lower && r > p + 1;
        let mut q = r;
        let g = loop {
            if q + 1 < n && b[q] == b'+' && b[q + 1] == b'+' {
                break q + 2;
            }
            if CLASS[b[q - 1] as usize] & WORD_CHAR != 0 {
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
        if !skip {
            out.push((p, g, e));
        }
        p = e;
    }
    out
}

/// `w.isalpha() and w[1:].islower()`
fn plain_word(w: &str) -> bool {
    pystr::isalpha(w) && pystr::islower(&w[1..])
}

/// `_CAP_VERSION` as `cap_versions` reads it by hand
const CAP_VERSION: &str = r"([A-Z](?<![\w\-][A-Z])[a-z]++(?:[-\s][A-Z][a-z]++)?)\s(v\d[\w.]*|\d+(?:\.\d+)?[BMK]|\d{1,4})\b(?![.,]\d)";

/// `list(_CAP_VERSION.finditer(text, start))`: a match opens with a capital after no
/// `[\w-]`, its run of lower-case letters, maybe a dash or space, a capital and its
/// lower-case run, then a space and a digit or "v" and a digit; the pattern runs only
/// where that holds
/// (the starts looked at are word starts: `index`'s)
fn cap_versions(rx: &Rx, text: &str, start: usize, index: &TextIndex) -> Vec<crate::pyre::Caps> {
    if !rx.is(CAP_VERSION) {
        return rx.finditer(text, start, text.len()).collect();
    }
    let b = text.as_bytes();
    let lower_run = |i: usize| {
        i + b[i.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_lowercase())
            .count()
    };
    let version_at = |i: usize| {
        b.get(i).is_some_and(|&c| pystr::is_space_byte(c))
            && match b.get(i + 1) {
                Some(c) if c.is_ascii_digit() => true,
                Some(b'v') => b.get(i + 2).is_some_and(u8::is_ascii_digit),
                _ => false,
            }
    };
    let mut at = Vec::new();
    for &p in index.word_starts_from(start) {
        let p = p as usize;
        if !b[p].is_ascii_uppercase()
            || (p > 0 && (pystr::is_word_byte(b[p - 1]) || b[p - 1] == b'-'))
        {
            continue;
        }
        let j = lower_run(p + 1);
        if j == p + 1 {
            continue;
        }
        if version_at(j) {
            at.push(p);
            continue;
        }
        if j + 1 < b.len()
            && (b[j] == b'-' || pystr::is_space_byte(b[j]))
            && b[j + 1].is_ascii_uppercase()
        {
            let k = lower_run(j + 2);
            if k > j + 2 && version_at(k) {
                at.push(p);
            }
        }
    }
    crate::discovery_lists::literals::finditer_at(rx, text, start, &at)
}

/// `list(name_shaped(text, start))`
pub fn name_shaped(reg: &Registry, text: &str, start: usize) -> Vec<Candidate> {
    name_shaped_in(reg, text, start, &TextIndex::new(text))
}

/// `name_shaped`, `index` being the text's
pub fn name_shaped_in(
    reg: &Registry,
    text: &str,
    start: usize,
    index: &TextIndex,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    // clean_name is a function of the token: a name said again is not read again
    let mut cleaned: HashMap<&str, Option<(usize, usize)>, FxBuildHasher> =
        HashMap::with_capacity_and_hasher(64, Default::default());
    let shape = reg.rx("discovery._SHAPE_CHECK");
    let by_hand = shape.is(SHAPE_CHECK);
    let checks = names(reg);
    for (ms, g, me) in name_tokens_with(reg.rx("discovery._NAME_TOKEN"), text, false) {
        let w = &text[ms..g];
        if plain_word(w)
            || !(if by_hand {
                shape_by_hand(w)
            } else {
                shape.is_search(w)
            })
        {
            continue;
        }
        let raw = &text[ms..me];
        let clean = *cleaned.entry(raw).or_insert_with(|| checks.clean_name(raw));
        if let Some((s, e)) = clean {
            let mut end = ms + e;
            if end == me && slash_letter(text, end) && pystr::isupper(w) {
                end += 2; // "MOEA/D": a one-letter variant mark, no second name
            }
            out.push((ms + s, end, "name_shape", 0.7, true));
        }
    }
    let not_names = reg.words("lexicon.NOT_NAMES");
    for m in cap_versions(reg.rx("discovery._CAP_VERSION"), text, start, index) {
        let name = m.str(text, 1);
        let first = pystr::split_ws(name).next().unwrap_or("");
        if !not_names.contains(first) && ok_name(reg, name) {
            out.push((m.start(), m.end(), "versioned_name", 0.65, true));
        }
    }
    if index.has(text, "-aware ") {
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
    if index.has(text, "DRAM") {
        for m in reg
            .rx("discovery._STACKED_MEMORY")
            .finditer(text, 0, text.len())
        {
            out.push((m.start(), m.end(), "name_shape", 0.7, true));
        }
    }
    if index.has(text, "-bit") {
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
fn matches_at_cues<S: AsRef<str>>(
    rx: &crate::pyre::Rx,
    text: &str,
    cues: &[S],
    index: &TextIndex,
    first: &[u8],
) -> Vec<crate::pyre::Caps> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for i in index.find_all(text, cues, 1) {
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
    if index.has_any(text, reg.seq("discovery._CALLED_WORDS")) {
        let called = reg.rx("discovery._CALLED");
        found.extend(
            scan_at_boundary(called, text, index, tables[1].as_ref())
                .into_iter()
                .map(|m| (Kind::Other, m)),
        );
    }
    if index.has_any(text, &["e call", "e name", "e term", "e dub"]) {
        let we_call = reg.rx("discovery._WE_CALL");
        found.extend(
            scan_at_boundary(we_call, text, index, tables[2].as_ref())
                .into_iter()
                .map(|m| (Kind::Other, m)),
        );
    }
    let our = matches_at_cues(reg.rx("discovery._OUR_NAMED"), text, &["ur "], index, b"Oo");
    found.extend(our.into_iter().map(|m| (Kind::OurNamed, m)));
    let cues = reg.seq("discovery._PROPOSE_CUES");
    let the = matches_at_cues(
        reg.rx("discovery._PROPOSE_THE_NAMED"),
        text,
        cues,
        index,
        b"Ww",
    );
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
            "Llama 2, Foo Bar 12 and Gpt-Neo 3B; xFoo 7 -Foo 8 Foo-Bar v2.1",
            "Foo\nBar 2 Foo 2.5,3 Foo 12345 Foo 1.5M Fo v 2 A 1",
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
        let version = Rx::new(CAP_VERSION, 32).unwrap();
        for s in samples() {
            let want: Vec<Token> = token
                .finditer(&s, 0, s.len())
                .map(|m| (m.start(), m.get(1).unwrap().1, m.end()))
                .collect();
            assert_eq!(name_tokens(&token, &s), want, "{s:?}");
            let shaped: Vec<Token> = want
                .iter()
                .copied()
                .filter(|&(p, g, _)| !plain_word(&s[p..g]))
                .collect();
            // some plain words may stay ("Qux+": its run is no plain word): none else goes
            let kept = name_tokens_with(&token, &s, false);
            assert!(kept.iter().all(|t| want.contains(t)), "{s:?}");
            let kept: Vec<Token> = kept
                .into_iter()
                .filter(|&(p, g, _)| !plain_word(&s[p..g]))
                .collect();
            assert_eq!(kept, shaped, "{s:?}");
            assert_eq!(shape_by_hand(&s), shape.is_search(&s), "{s:?}");
            for start in [0, 2] {
                let want: Vec<(usize, usize)> = version
                    .finditer(&s, start.min(s.len()), s.len())
                    .map(|m| (m.start(), m.end()))
                    .collect();
                let got: Vec<(usize, usize)> =
                    cap_versions(&version, &s, start.min(s.len()), &TextIndex::new(&s))
                        .iter()
                        .map(|m| (m.start(), m.end()))
                        .collect();
                assert_eq!(got, want, "{s:?}");
            }
        }
    }
}
