//! Twin of `kg/extract/discovery.py`'s `concept_phrases` (generic concepts by head
//! noun, the `parallel` adjectives, and the guideline's seeds) for plain text.

/// The maps and sets here are looked up, never iterated in an order that shows: a
/// fast hash
type HashMap<K, V, S = rustc_hash::FxBuildHasher> = std::collections::HashMap<K, V, S>;
type HashSet<K> = std::collections::HashSet<K, rustc_hash::FxBuildHasher>;

use rustc_hash::FxBuildHasher;

use crate::normalize;
use crate::pyre::Caps;
use crate::pystr;
use crate::registry::{PerRegistry, Registry};

/// A candidate as the Python rules yield it: (start, end, rule, confidence, specific)
pub use crate::discovery_names::Candidate;

/// `text[i]` with Python's negative indices (`i` in `-len..len`)
fn char_at(text: &[u8], i: isize) -> u8 {
    if i < 0 {
        text[(text.len() as isize + i) as usize]
    } else {
        text[i as usize]
    }
}

/// `str.rfind(sub, 0, end)` as Python's int (-1 when absent)
fn rfind_int(text: &str, sub: &str, end: usize) -> isize {
    pystr::rfind(text, sub, 0, end).map_or(-1, |i| i as isize)
}

/// `list(_after_non_word(rx, at_start, text))`: the matches of `at_start` at offset 0,
/// then `rx.finditer(text, pos)` from its end.
pub fn after_non_word(reg: &Registry, rx: &str, at_start: &str, text: &str) -> Vec<Caps> {
    after_non_word_in(reg, rx, at_start, text, &TextIndex::new(text))
}

/// `after_non_word`, `index` being the text's (or its lower case's: the same words)
pub fn after_non_word_in(
    reg: &Registry,
    rx: &str,
    at_start: &str,
    text: &str,
    index: &TextIndex,
) -> Vec<Caps> {
    let mut out = Vec::new();
    let mut pos = 0;
    if let Some(m) = reg.rx(at_start).match_at(text, 0, text.len()) {
        pos = m.end();
        out.push(m);
    }
    let pattern = reg.rx(rx);
    if rx == "discovery._HEAD" {
        let table = HEAD_WORDS.get(reg, |reg| head_words(reg.rx("discovery._HEAD")));
        if let Some(table) = table.as_ref() {
            // a match is a non-word character and a head after it
            let at: Vec<usize> = table
                .starts_in(index, text, pos + 1)
                .into_iter()
                .map(|i| i - 1)
                .collect();
            out.extend(crate::discovery_lists::literals::finditer_at(
                pattern, text, pos, &at,
            ));
            return out;
        }
    }
    out.extend(pattern.finditer(text, pos, text.len()));
    out
}

/// The heads `_HEAD` (`[^\w\-](<_by_first_letter(heads)>)(?![\w\-])`) is made of,
/// by first byte; None when the pattern is not of that form
fn head_words(rx: &crate::pyre::Rx) -> Option<LiteralTable> {
    if rx.flags & !crate::pyre::UNICODE != 0 {
        return None;
    }
    let alts = rx
        .pattern
        .strip_prefix(r"[^\w\-](")?
        .strip_suffix(r")(?![\w\-])")?;
    let words = crate::discovery_lists::literals::by_first_letter_words(alts)?;
    Some(LiteralTable::new(&words))
}

/// `_HEAD`'s heads, once per registry
static HEAD_WORDS: PerRegistry<Option<LiteralTable>> = PerRegistry::new();

/// What several readers look for in one text, found once for all of them: the
/// offsets where a word (a run of `\w`) starts, in order, and (`with_literals`) where
/// each of a set of literals occurs
pub struct TextIndex {
    pub word_starts: Vec<u32>,
    literals: Option<(std::sync::Arc<LiteralSet>, Hits)>,
}

impl TextIndex {
    /// The word starts of `text`, and where the literals of `set` occur in it
    pub fn with_literals(text: &str, set: std::sync::Arc<LiteralSet>) -> TextIndex {
        let hits = set.hits(text);
        let mut index = TextIndex::new(text);
        index.literals = Some((set, hits));
        index
    }

    /// Where `literal` occurs in `text` (this index's), all of them in order, if it is
    /// one of the literals looked for
    fn hits_of(&self, literal: &str) -> Option<&[u32]> {
        let (set, hits) = self.literals.as_ref()?;
        let &id = set.ids.get(literal)?;
        Some(hits.of(id))
    }

    /// `literal in text`
    pub fn has(&self, text: &str, literal: &str) -> bool {
        match self.hits_of(literal) {
            Some(at) => !at.is_empty(),
            None => text.contains(literal),
        }
    }

    /// `any(l in text for l in literals)`
    pub fn has_any<S: AsRef<str>>(&self, text: &str, literals: &[S]) -> bool {
        literals.iter().any(|l| self.has(text, l.as_ref()))
    }

    /// `list(find_all(text, literals, start))`
    pub fn find_all<S: AsRef<str>>(&self, text: &str, literals: &[S], start: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for l in literals {
            let l = l.as_ref();
            match self.hits_of(l) {
                Some(at) if start <= text.len() => {
                    let k = at.partition_point(|&i| (i as usize) < start);
                    out.extend(at[k..].iter().map(|&i| i as usize));
                }
                _ => out.extend(normalize::find_all(text, &[l], start)),
            }
        }
        out
    }

    /// The offsets from `pos` where one of `words` occurs, sorted, once each
    /// (`literals::word_offsets`)
    pub fn offsets<S: AsRef<str>>(&self, text: &str, words: &[S], pos: usize) -> Vec<usize> {
        if pos > text.len() || words.iter().any(|w| w.as_ref().is_empty()) {
            return crate::discovery_lists::literals::word_offsets(text, words, pos);
        }
        let mut out = self.find_all(text, words, pos);
        out.sort_unstable();
        out.dedup();
        out
    }

    pub fn new(text: &str) -> TextIndex {
        let b = text.as_bytes();
        let mut word_starts = Vec::with_capacity(b.len() / 4 + 8);
        // 64 bytes at a time: a bit for each word character, a start where the
        // character before is none (before offset 0: none)
        let mut carry = 0u64; // whether the last byte of the chunk before is a word's
        for (c, chunk) in b.chunks(64).enumerate() {
            let mut word = 0u64;
            for (k, &x) in chunk.iter().enumerate() {
                word |= ((NON_WORD[x as usize] ^ 1) as u64) << k;
            }
            let mut starts = word & !((word << 1) | carry);
            carry = word >> 63;
            while starts != 0 {
                word_starts.push((c * 64) as u32 + starts.trailing_zeros());
                starts &= starts - 1;
            }
        }
        TextIndex {
            word_starts,
            literals: None,
        }
    }

    /// The word starts from `start` on
    pub fn word_starts_from(&self, start: usize) -> &[u32] {
        let k = self.word_starts.partition_point(|&i| (i as usize) < start);
        &self.word_starts[k..]
    }
}

/// Literals looked for in a text all at once, each numbered (of two bytes or more:
/// the others are left out, and looked for one by one)
pub struct LiteralSet {
    ids: HashMap<String, u16, FxBuildHasher>,
    /// the literals by their anchor pair (`anchor_of`), in the order of the pairs'
    /// bits: each whole, its number, and the offset of its anchor in it
    groups: Vec<Vec<(Rest, u16, u8)>>,
    /// a bit for each anchor pair of some literal, and the ranks of the words of bits
    /// (as in `LiteralTable`)
    pairs: Box<[u64; 1024]>,
    rank: Vec<u32>,
    triples: Triples,
    /// 1 for each pair of bytes (as a big-endian u16) that is some literal's anchor
    pair_ok: Box<[u8; 65536]>,
}

/// How common a byte is in English prose (0: most), to anchor a literal on its
/// rarest bytes: a space, then the lower-case letters by frequency, then the rest
fn commonness(c: u8) -> u32 {
    const ORDER: &[u8] = b" etaoinsrhldcumfpgwybvkxjqz";
    match ORDER.iter().position(|&o| o == c.to_ascii_lowercase()) {
        Some(r) if !c.is_ascii_uppercase() => r as u32,
        _ if c.is_ascii_uppercase() => 30,
        _ if c.is_ascii_digit() => 28,
        _ => 32,
    }
}

/// Where in `w` (two bytes or more) `LiteralSet::hits` looks for it: the offset of its
/// three bytes (its two, for a word of two) least common in prose, the first such
fn anchor_of(w: &[u8]) -> usize {
    if w.len() < 3 {
        return 0;
    }
    (0..=(w.len() - 3).min(u8::MAX as usize))
        .rev()
        .max_by_key(|&d| w[d..d + 3].iter().map(|&c| commonness(c)).sum::<u32>())
        .expect("a word of three bytes or more")
}

/// Where each literal of a `LiteralSet` occurs in a text: literal `id`'s offsets are
/// `at[first[id]..first[id + 1]]`, in order
pub struct Hits {
    first: Vec<u32>,
    at: Vec<u32>,
}

impl Hits {
    fn of(&self, id: u16) -> &[u32] {
        let id = id as usize;
        &self.at[self.first[id] as usize..self.first[id + 1] as usize]
    }
}

/// For each word of a pair bitmap, how many bits the words before it set: a pair's
/// group is its word's rank plus the set bits below it in its word
fn pair_ranks(pairs: &[u64; 1024]) -> Vec<u32> {
    let mut rank = Vec::with_capacity(pairs.len());
    let mut before = 0u32;
    for p in pairs.iter() {
        rank.push(before);
        before += p.count_ones();
    }
    rank
}

impl LiteralSet {
    pub fn new<S: AsRef<str>>(literals: &[S]) -> LiteralSet {
        let mut ids: HashMap<String, u16, FxBuildHasher> = HashMap::default();
        let mut by_pair: HashMap<u16, Vec<(Rest, u16, u8)>, FxBuildHasher> = HashMap::default();
        let mut pairs = Box::new([0u64; 1024]);
        let mut triples = Triples::new();
        for l in literals {
            let l = l.as_ref();
            let w = l.as_bytes();
            if w.len() < 2 || ids.contains_key(l) || ids.len() >= u16::MAX as usize {
                continue;
            }
            let id = ids.len() as u16;
            ids.insert(l.to_string(), id);
            let d = anchor_of(w);
            let (k, bit) = pair_bit(w[d], w[d + 1]);
            pairs[k] |= bit;
            triples.add(&w[d..]);
            by_pair
                .entry(u16::from_be_bytes([w[d], w[d + 1]]))
                .or_default()
                .push((Rest::new(w), id, d as u8));
        }
        let mut keys: Vec<u16> = by_pair.keys().copied().collect();
        keys.sort_unstable();
        let groups = keys
            .iter()
            .map(|k| by_pair.remove(k).expect("a group"))
            .collect();
        let rank = pair_ranks(&pairs);
        let mut pair_ok = Box::new([0u8; 65536]);
        for (key, ok) in pair_ok.iter_mut().enumerate() {
            let (k, bit) = (key >> 6, 1u64 << (key & 63));
            *ok = (pairs[k] & bit != 0) as u8;
        }
        LiteralSet {
            ids,
            groups,
            pairs,
            rank,
            triples,
            pair_ok,
        }
    }

    /// Every offset of `text` where each literal occurs (overlapping ones too), in one
    /// pass: each offset is checked against the literals anchored at its two bytes
    /// (a literal's offsets come in order: its anchor is at a fixed offset in it)
    pub fn hits(&self, text: &str) -> Hits {
        let b = text.as_bytes();
        let mut found: Vec<(u16, u32)> = Vec::with_capacity(b.len() / 16 + 8);
        let pair_ok: &[u8; 65536] = &self.pair_ok;
        // the pair at i - 1 and i, kept as a big-endian u16 rolling over the text
        let mut key = b.first().map_or(0, |&c| c as usize);
        for (i, &c) in b.iter().enumerate().skip(1) {
            key = ((key << 8) | c as usize) & 0xffff;
            if pair_ok[key] == 0 {
                continue;
            }
            let i = i - 1;
            let (k, bit) = (key >> 6, 1u64 << (key & 63));
            let bits = self.pairs[k];
            if !self.triples.may_open(b, i, k, bit) {
                continue;
            }
            let group = self.rank[k] as usize + (bits & (bit - 1)).count_ones() as usize;
            for &(ref w, id, d) in &self.groups[group] {
                let Some(s) = i.checked_sub(d as usize) else {
                    continue;
                };
                let rest = &b[s..];
                if w.opens(rest, Rest::head_of(rest)) {
                    found.push((id, s as u32));
                }
            }
        }
        // by literal, each one's offsets in order (a counting sort, stable)
        let n = self.ids.len();
        let mut first = vec![0u32; n + 1];
        for &(id, _) in &found {
            first[id as usize + 1] += 1;
        }
        for id in 0..n {
            first[id + 1] += first[id];
        }
        let mut next = first.clone();
        let mut at = vec![0u32; found.len()];
        for &(id, i) in &found {
            at[next[id as usize] as usize] = i;
            next[id as usize] += 1;
        }
        Hits { first, at }
    }
}

/// The literals discovery's readers look for in every text (constants, the tuples
/// they read from the registry, and the words their patterns open with), in one set
/// per registry: a `TextIndex::with_literals` finds them all in one pass
pub fn discovery_literals(reg: &Registry) -> std::sync::Arc<LiteralSet> {
    static SET: PerRegistry<LiteralSet> = PerRegistry::new();
    SET.get(reg, |reg| {
        let mut literals: Vec<String> = [
            " and ",
            " or ",
            "without",
            "avoid",
            "minimal",
            "requir",
            "hour",
            "day",
            "hrs",
            "year",
            "such as",
            " including ",
            "e.g.",
            " such as ",
            " is a",
            "-aware ",
            "DRAM",
            "-bit",
            "e call",
            "e name",
            "e term",
            "e dub",
            "ur ",
            "which we",
            "he first ",
            "he second ",
        ]
        .iter()
        .map(|l| l.to_string())
        .collect();
        for name in [
            "discovery._URL_LITERALS",
            "discovery._CALLED_WORDS",
            "discovery._EXAMPLE_CUES",
            "discovery._PROPOSE_CUES",
            "discovery._RIVAL_WORDS",
            "components._COUNT_WORDS",
            "components._SUBJECT_LITERALS",
            "components._CALLED_LITERALS",
            "components._EXAMPLE_LITERALS",
        ] {
            literals.extend(reg.seq(name).iter().cloned());
        }
        literals.extend(crate::discovery_lists::opening_literals(reg));
        LiteralSet::new(&literals)
    })
}

/// Words by their first byte, for `LiteralTable::starts`
pub struct LiteralTable {
    /// the words of two bytes or more, grouped by their first two bytes in the
    /// order of the pairs' bits; the rest of each word after those two
    groups: Vec<Vec<Rest>>,
    /// for each word of `pairs`, how many bits the words before it have: a pair's
    /// group is `rank[k]` and the bits before it in `pairs[k]`
    rank: Vec<u32>,
    empty: bool,
    /// every word opens with a word character (`\w`): a word after a non-word
    /// character starts a word of the text
    word_initial: bool,
    /// a bit for each pair of bytes some word opens with
    pairs: Box<[u64; 1024]>,
    /// the bytes some one-byte word is
    single: [bool; 256],
    triples: Triples,
}

/// The bit of a pair of bytes in `LiteralTable::pairs`
fn pair_bit(a: u8, b: u8) -> (usize, u64) {
    let i = (a as usize) << 8 | b as usize;
    (i >> 6, 1 << (i & 63))
}

/// The rest of a word after its first two bytes (a whole literal, in a `LiteralSet`),
/// its first eight (or fewer) bytes kept as a number: most rests are told apart from the text by one comparison
struct Rest {
    head: u64,
    mask: u64,
    bytes: Vec<u8>,
}

impl Rest {
    fn new(w: &[u8]) -> Rest {
        let n = w.len().min(8);
        let mut h = [0u8; 8];
        h[..n].copy_from_slice(&w[..n]);
        Rest {
            head: u64::from_le_bytes(h),
            mask: if n == 8 {
                u64::MAX
            } else {
                (1u64 << (8 * n)) - 1
            },
            bytes: w.to_vec(),
        }
    }

    /// The first eight bytes of `text` (zeros after its end) as a number
    #[inline(always)]
    fn head_of(text: &[u8]) -> u64 {
        match text.get(..8) {
            Some(h) => u64::from_le_bytes(h.try_into().expect("eight bytes")),
            None => {
                let mut h = [0u8; 8];
                h[..text.len()].copy_from_slice(text);
                u64::from_le_bytes(h)
            }
        }
    }

    /// `text.starts_with(self.bytes)`, `head` being `head_of(text)`
    #[inline(always)]
    fn opens(&self, text: &[u8], head: u64) -> bool {
        let n = self.bytes.len();
        n <= text.len()
            && head & self.mask == self.head
            && (n <= 8 || text[8..n] == self.bytes[8..])
    }
}

/// A second filter after the pairs: a bit for each (hash of the) first three bytes
/// of the words of three bytes or more, and a bit for each pair that is a whole word
struct Triples {
    bits: Box<[u64; 1024]>,
    whole_pairs: Box<[u64; 1024]>,
}

impl Triples {
    fn new() -> Triples {
        Triples {
            bits: Box::new([0u64; 1024]),
            whole_pairs: Box::new([0u64; 1024]),
        }
    }

    fn bit(a: u8, b: u8, c: u8) -> (usize, u64) {
        let h = ((a as usize) * 1543 + (b as usize) * 41 + c as usize) & 0xffff;
        (h >> 6, 1 << (h & 63))
    }

    fn add(&mut self, w: &[u8]) {
        match w {
            [a, b] => {
                let (k, bit) = pair_bit(*a, *b);
                self.whole_pairs[k] |= bit;
            }
            [a, b, c, ..] => {
                let (k, bit) = Triples::bit(*a, *b, *c);
                self.bits[k] |= bit;
            }
            _ => {}
        }
    }

    /// Whether a word may open at `i`, where a word opens with `b[i]` and `b[i + 1]`
    /// (`k`, `bit`: their pair's)
    #[inline(always)]
    fn may_open(&self, b: &[u8], i: usize, k: usize, bit: u64) -> bool {
        if self.whole_pairs[k] & bit != 0 {
            return true;
        }
        match b.get(i + 2) {
            Some(&c) => {
                let (t, tbit) = Triples::bit(b[i], b[i + 1], c);
                self.bits[t] & tbit != 0
            }
            None => false,
        }
    }
}

impl LiteralTable {
    pub fn new<S: AsRef<str>>(words: &[S]) -> LiteralTable {
        let mut by_pair: HashMap<u16, Vec<Rest>, FxBuildHasher> = HashMap::default();
        let mut order: Vec<u16> = Vec::new();
        let mut empty = false;
        let mut pairs = Box::new([0u64; 1024]);
        let mut single = [false; 256];
        let mut triples = Triples::new();
        let mut word_initial = true;
        for w in words {
            let w = w.as_ref().as_bytes();
            word_initial &= w.first().is_some_and(|&c| pystr::is_word_byte(c));
            match w {
                [] => empty = true,
                [c] => single[*c as usize] = true,
                [a, b, ..] => {
                    let (k, bit) = pair_bit(*a, *b);
                    pairs[k] |= bit;
                    triples.add(w);
                    let key = u16::from_be_bytes([*a, *b]);
                    if !by_pair.contains_key(&key) {
                        order.push(key);
                    }
                    by_pair.entry(key).or_default().push(Rest::new(&w[2..]));
                }
            }
        }
        // the groups in the order of their pairs' bits (a pair's bits order as its key)
        order.sort_unstable();
        let groups = order
            .iter()
            .map(|k| by_pair.remove(k).expect("a group"))
            .collect();
        let rank = pair_ranks(&pairs);
        LiteralTable {
            groups,
            rank,
            empty,
            word_initial,
            pairs,
            single,
            triples,
        }
    }

    /// `self.starts(text, start, true)`, read off the text's word starts where every
    /// word opens with a word character (offsets after a non-word character where one
    /// of the words opens are word starts)
    pub fn starts_in(&self, index: &TextIndex, text: &str, start: usize) -> Vec<usize> {
        if !self.word_initial {
            return self.starts(text, start, true);
        }
        let b = text.as_bytes();
        let mut out = Vec::with_capacity(32);
        for &i in index.word_starts_from(start.max(1)) {
            if self.opens_at(b, i as usize) {
                out.push(i as usize);
            }
        }
        out
    }

    /// The sorted offsets from `start` where one of the words occurs: the set of
    /// `find_all(text, words, start)`, in one pass over the text (each offset is checked
    /// only against the words that open with its byte). With `after_non_word`, only the
    /// offsets after a non-word character (`\W`) are kept.
    pub fn starts(&self, text: &str, start: usize, after_non_word: bool) -> Vec<usize> {
        let b = text.as_bytes();
        if self.empty {
            // "" occurs at every offset up to and including len(text)
            return (start..=b.len())
                .filter(|&i| !after_non_word || (i > 0 && !pystr::is_word_byte(b[i - 1])))
                .collect();
        }
        let mut out = Vec::new();
        if after_non_word {
            // offset 0 and the offsets after a word character are left out: the
            // non-word characters are found 64 at a time, without a branch per byte
            let first = start.max(1);
            if first >= b.len() {
                return out;
            }
            let mut chunk = first - 1; // the character before each offset
            while chunk < b.len() - 1 {
                let end = (chunk + 64).min(b.len() - 1);
                let mut mask = 0u64;
                for (k, &c) in b[chunk..end].iter().enumerate() {
                    mask |= (NON_WORD[c as usize] as u64) << k;
                }
                while mask != 0 {
                    let i = chunk + mask.trailing_zeros() as usize + 1;
                    mask &= mask - 1;
                    if self.opens_at(b, i) {
                        out.push(i);
                    }
                }
                chunk = end;
            }
            return out;
        }
        for i in start..b.len() {
            if self.opens_at(b, i) {
                out.push(i);
            }
        }
        out
    }

    /// Whether one of the words occurs at `i`
    #[inline(always)]
    pub fn opens_at(&self, b: &[u8], i: usize) -> bool {
        let c = b[i];
        if self.single[c as usize] {
            return true; // a word of this one byte
        }
        let Some(&d) = b.get(i + 1) else {
            return false;
        };
        let (k, bit) = pair_bit(c, d);
        let bits = self.pairs[k];
        if bits & bit == 0 || !self.triples.may_open(b, i, k, bit) {
            return false; // no word opens with this byte and the next (or the third)
        }
        let group = self.rank[k] as usize + (bits & (bit - 1)).count_ones() as usize;
        let rest = &b[i + 2..];
        let head = Rest::head_of(rest);
        self.groups[group].iter().any(|w| w.opens(rest, head))
    }
}

/// 1 for the bytes `\W` matches (not a letter, digit or "_")
static NON_WORD: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() || b == b'_' {
            t[c] = 0;
        }
        c += 1;
    }
    t
};

/// `LiteralTable::new(words).starts(text, start, after_non_word)`
pub fn literal_starts<S: AsRef<str>>(
    text: &str,
    words: &[S],
    start: usize,
    after_non_word: bool,
) -> Vec<usize> {
    LiteralTable::new(words).starts(text, start, after_non_word)
}

/// `_SEED_FIRST_WORDS` by first byte, made once per registry
static SEED_FIRSTS: PerRegistry<LiteralTable> = PerRegistry::new();

/// `list(_seed_matches(low_text))`
pub fn seed_matches(reg: &Registry, low_text: &str) -> Vec<Caps> {
    seed_matches_in(reg, low_text, &TextIndex::new(low_text))
}

/// `seed_matches`, `index` being the text's (or its lower case's: the same words)
pub fn seed_matches_in(reg: &Registry, low_text: &str, index: &TextIndex) -> Vec<Caps> {
    let firsts = SEED_FIRSTS.get(reg, |reg| {
        let words: Vec<&String> = reg.words("discovery._SEED_FIRST_WORDS").iter().collect();
        LiteralTable::new(&words)
    });
    // a `_SEED` match opens with a non-word character: after a word character none
    // starts, so those offsets are left out (they would move nothing on)
    let starts = firsts.starts_in(index, low_text, 1);
    let seed = reg.rx("discovery._SEED");
    let mut out = Vec::new();
    let mut pos = 0;
    if let Some(m) = reg
        .rx("discovery._SEED_AT_START")
        .match_at(low_text, 0, low_text.len())
    {
        pos = m.end();
        out.push(m);
    }
    for p in starts.into_iter().map(|i| i - 1) {
        if p >= pos {
            if let Some(m) = seed.match_at(low_text, p, low_text.len()) {
                pos = m.end();
                out.push(m);
            }
        }
    }
    out
}

/// `_everyday_attention(low_text, start, end)`
pub fn everyday_attention(reg: &Registry, low_text: &str, start: usize, end: usize) -> bool {
    let window = &low_text[start.saturating_sub(30)..start];
    let words: Vec<&str> = pystr::split_ws(window).collect();
    let before = &words[words.len().saturating_sub(2)..];
    let idiom = reg.words("lexicon.ATTENTION_IDIOM");
    if !before.iter().any(|w| idiom.contains(*w)) {
        return false;
    }
    reg.rx("discovery._ATTENTION_COMPOUND")
        .match_at(low_text, end, low_text.len())
        .is_none()
}

/// `_compound_modifier(word)`
pub fn compound_modifier(reg: &Registry, word: &str) -> bool {
    if !word.contains('-') || !reg.rx("discovery._MOD_WORD").is_match(word) {
        return false;
    }
    let low = normalize::lower(word);
    !reg.rx("discovery._FLUFF").is_search(&low)
        && !reg.words("lexicon.STOP_MODIFIERS").contains(&low)
        && !low.ends_with("ing")
}

/// `list(_parallel_adjectives(text, low_text))`
pub fn parallel_adjectives(reg: &Registry, low_text: &str) -> Vec<Candidate> {
    let kinds = reg.words("discovery._PARALLEL_KINDS");
    let b = low_text.as_bytes();
    let mut out = Vec::new();
    // "parallel " cannot overlap itself: its occurrences are those memmem finds
    let found = memchr::memmem::find_iter(&b[1.min(b.len())..], b"parallel ").map(|i| i + 1);
    for i in found {
        let sep = b[i - 1];
        if sep == b' ' || sep == b'-' {
            let end = i - 1;
            // rfind is -1 or an offset before i - 1: s <= i - 1
            let s = (rfind_int(low_text, " ", end).max(rfind_int(low_text, "(", end)) + 1) as usize;
            if kinds.contains(&low_text[s..i - 1]) {
                out.push((s, i + 8, "head_noun", 0.6, false));
            }
        }
    }
    out
}

/// `list(concept_phrases(text))` for plain text
pub fn concept_phrases(reg: &Registry, text: &str) -> Vec<Candidate> {
    concept_phrases_in(reg, text, &TextIndex::new(text))
}

/// `concept_phrases`, `index` being the text's
pub fn concept_phrases_in(reg: &Registry, text: &str, index: &TextIndex) -> Vec<Candidate> {
    let low_text = normalize::lower(text);
    let tb = text.as_bytes();
    let idiom = reg.words("lexicon.ATTENTION_IDIOM");
    let restricted = reg.map("lexicon.RESTRICTED_HEADS");
    let stop = reg.words("lexicon.STOP_MODIFIERS");
    let standalone = reg.words("lexicon.STANDALONE_HEADS");
    let works_on = reg.words("discovery._WHAT_IT_WORKS_ON");
    let mod_word = reg.rx("discovery._MOD_WORD");
    let fluff = reg.rx("discovery._FLUFF");
    let thing_after = reg.rx("discovery._THING_AFTER");
    let mut kinds: HashSet<usize> = HashSet::default();
    let mut out = Vec::new();
    for m in after_non_word_in(
        reg,
        "discovery._HEAD",
        "discovery._HEAD_AT_START",
        &low_text,
        index,
    ) {
        let (start, hend) = m.get(1).expect("group 1");
        let mend = m.end();
        let head = &text[start..hend];
        let low = &low_text[start..hend];
        let mut words: Vec<&str> = Vec::new();
        let mut mod_: &str = "";
        if start > 1 && tb[start - 1] == b' ' {
            words = pystr::split_ws(&text[start.saturating_sub(40)..start]).collect();
            if let Some(last) = words.last() {
                if mod_word.is_match(last) {
                    mod_ = last;
                }
            }
        }
        let allowed = restricted.get(low);
        if !mod_.is_empty() {
            let ml = normalize::lower(mod_);
            let k = start as isize - mod_.len() as isize - 1;
            let at_start = k <= 0 || matches!(char_at(tb, k - 2), b'.' | b'\n');
            if low == "attention" && idiom.contains(&ml) {
                continue;
            }
            if allowed.is_some_and(|a| a.contains(&ml)) {
                // the head's own modifiers win
            } else if stop.contains(&ml)
                || ml.ends_with("ing")
                || fluff.is_search(&ml)
                || (mod_.as_bytes()[0].is_ascii_uppercase()
                    && !head.as_bytes()[0].is_ascii_uppercase()
                    && !at_start)
            {
                mod_ = "";
            }
        }
        let ml = normalize::lower(mod_);
        if let Some(a) = allowed {
            if !mod_.is_empty() && !a.contains(&ml) {
                mod_ = "";
            }
        }
        let ml = if mod_.is_empty() { String::new() } else { ml };
        if works_on.contains(&ml) && standalone.contains(low) {
            mod_ = "";
        }
        if mod_.is_empty() && !standalone.contains(low) {
            continue;
        }
        if mod_.is_empty() && low == "attention" && everyday_attention(reg, &low_text, start, mend)
        {
            continue;
        }
        let phrase = if mod_.is_empty() {
            head.to_string()
        } else {
            format!("{mod_} {head}")
        };
        if normalize::is_non_entity(reg, &phrase)
            || thing_after
                .match_at(&low_text, mend, low_text.len())
                .is_some()
        {
            continue;
        }
        // the modifier is a word before `start - 1`: s >= 0
        let s = if mod_.is_empty() {
            start
        } else {
            start - mod_.len() - 1
        };
        if !mod_.is_empty()
            && allowed.is_none()
            && words.len() > 1
            && compound_modifier(reg, words[words.len() - 2])
        {
            let w2 = words[words.len() - 2];
            // and words[-2] a word before it, after a space at least: >= 0 too
            out.push((s - w2.len() - 1, mend, "head_noun_compound", 0.6, false));
        }
        if !mod_.is_empty() && low == "attention" {
            kinds.insert(start);
        } else if low.starts_with("mechanism") && kinds.contains(&s) {
            continue;
        }
        out.push((s, mend, "head_noun", 0.6, false));
    }
    if low_text.contains("parallel ") {
        out.extend(parallel_adjectives(reg, &low_text));
    }
    for m in seed_matches_in(reg, &low_text, index) {
        let s1 = m.get(1).expect("group 1").0;
        if kinds.contains(&s1) {
            continue;
        }
        out.push((s1, m.end(), "seed_concept", 0.8, false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_indexing_helpers() {
        assert_eq!(char_at(b"abc", -1), b'c');
        assert_eq!(char_at(b"abc", 0), b'a');
        assert_eq!(rfind_int("a b c", " ", 4), 3);
        assert_eq!(rfind_int("a b c", " ", 1), -1);
        assert_eq!(rfind_int("a b c", " ", 0), -1);
    }

    #[test]
    fn literal_set_finds_what_find_all_finds() {
        let alphabet = b"ab -_x.";
        // (the longer ones are anchored past their first bytes)
        let lits = [
            "ab", "a", "b-x", "xx", "_a", "ab", " a", "a b", "", "a.x_b", "b ab-", "aaxa",
        ];
        let set = std::sync::Arc::new(LiteralSet::new(&lits));
        let mut x: u64 = 9;
        for _ in 0..3000 {
            let len = (x >> 57) as usize;
            let mut text = String::new();
            for _ in 0..len {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push(alphabet[((x >> 33) % alphabet.len() as u64) as usize] as char);
            }
            let index = TextIndex::with_literals(&text, set.clone());
            let plain = TextIndex::new(&text);
            for start in [0, 1, 2, 70, 200] {
                for l in lits.iter().chain(&["x", "zz"]) {
                    let want = normalize::find_all(&text, &[l], start);
                    assert_eq!(index.find_all(&text, &[l], start), want, "{text:?} {l:?}");
                    assert_eq!(plain.find_all(&text, &[l], start), want);
                    assert_eq!(index.has(&text, l), text.contains(l));
                }
                let want = crate::discovery_lists::literals::word_offsets(&text, &lits, start);
                assert_eq!(index.offsets(&text, &lits, start), want);
                let some = ["b-x", "ab", " a"];
                let want = normalize::find_all(&text, &some, start);
                assert_eq!(index.find_all(&text, &some, start), want);
                let want = crate::discovery_lists::literals::word_offsets(&text, &some, start);
                assert_eq!(index.offsets(&text, &some, start), want);
            }
        }
    }

    #[test]
    fn long_literals_compared_past_eight_bytes() {
        let text = "a mixture-of-experts model, mixture-of-expert, mixture-of-experts";
        let words = [
            "mixture-of-experts",
            "mixture-of-exp",
            "model",
            "mo",
            "mixture-of-expertz",
        ];
        let mut want = normalize::find_all(text, &words, 0);
        want.sort_unstable();
        want.dedup();
        assert_eq!(literal_starts(text, &words, 0, false), want);
        let set = std::sync::Arc::new(LiteralSet::new(&words));
        let index = TextIndex::with_literals(text, set);
        for w in words {
            assert_eq!(
                index.find_all(text, &[w], 0),
                normalize::find_all(text, &[w], 0)
            );
        }
    }

    #[test]
    fn literal_starts_is_the_set_of_find_all() {
        let text = "gradient mixture gradientgrad mix";
        let words = ["gradient", "grad", "mixture", "x"];
        let mut want = normalize::find_all(text, &words, 1);
        want.sort_unstable();
        want.dedup();
        assert_eq!(literal_starts(text, &words, 1, false), want);
        assert_eq!(literal_starts(text, &words, 1, true), vec![9, 17]);
        assert_eq!(literal_starts("ab", &["", "b"], 1, false), vec![1, 2]);
        assert_eq!(literal_starts("", &["a"], 1, false), Vec::<usize>::new());
        // on longer texts, against find_all and the character before each offset
        let alphabet = b"ab -_x.";
        let words = ["ab", "a", "b-x", "xx", "_a"];
        let mut x: u64 = 3;
        for _ in 0..3000 {
            let len = (x >> 57) as usize;
            let mut text = String::new();
            for _ in 0..len {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push(alphabet[((x >> 33) % alphabet.len() as u64) as usize] as char);
            }
            for start in [0, 1, 2, 70] {
                let mut want = normalize::find_all(&text, &words, start);
                want.sort_unstable();
                want.dedup();
                assert_eq!(literal_starts(&text, &words, start, false), want);
                let b = text.as_bytes();
                want.retain(|&i| i > 0 && !pystr::is_word_byte(b[i - 1]));
                assert_eq!(literal_starts(&text, &words, start, true), want, "{text:?}");
                // read off the word starts: the words open with word characters, or not
                let index = TextIndex::new(&text);
                let b = text.as_bytes();
                let starts: Vec<u32> = (0..b.len())
                    .filter(|&i| {
                        pystr::is_word_byte(b[i]) && (i == 0 || !pystr::is_word_byte(b[i - 1]))
                    })
                    .map(|i| i as u32)
                    .collect();
                assert_eq!(index.word_starts, starts);
                for ws in [&["ab", "a", "xx", "_a"][..], &words[..]] {
                    let table = LiteralTable::new(ws);
                    assert_eq!(
                        table.starts_in(&index, &text, start),
                        table.starts(&text, start, true),
                        "{text:?}"
                    );
                }
            }
        }
    }
}
