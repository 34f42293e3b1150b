//! The twin of `vocab_matcher.find_vocab_mentions` with its `PhraseMatcher`: the
//! vocabulary's lower-cased pattern token sequences in a trie, matched on a plain
//! text's tokens exactly as spaCy's `PhraseMatcher.find_matches` walks its map (every
//! start, every pattern ending there), then the Python filtering (longest first,
//! device clusters, the case rules `written_as` / `ordinary_compound`).
//!
//! A token's lower form is its text lower-cased (ASCII: `str.lower()`, spaCy's `LOWER`);
//! its end is the next token's start, less the one space spaCy keeps as whitespace.

use pyo3::prelude::*;
use rustc_hash::FxHashMap;

use crate::pystr;
use crate::registry;

/// No pattern holds this token
const NONE: u32 = u32::MAX;
/// The longest pattern token the twin takes
const BUF: usize = 64;

/// A case rule (`case[low]`): refuse all lower case (true) or not, or the spellings
/// (each a list of (word, word.upper(), word.lower()), split at " " and "-" keeping
/// them) the surface must be written as
enum Case {
    Flag(bool),
    Forms(Vec<Vec<(String, String, String)>>),
}

struct Concept {
    /// `not specific and type == "Hardware"` (`device_cluster` looks at the surface)
    cluster: bool,
    /// `label.lower()` of its labels with inner capitals (`label[1:] != label[1:].lower()`)
    inner_caps: Vec<String>,
}

/// A form of a concept's word, split as `re.split(r"([ -])", form)`, each word with its
/// upper and lower case (from Python: a form need not be ASCII)
pub type FormWords = Vec<(String, String, String)>;
/// (lower-cased form, its spellings)
pub type CaseForms = (String, Vec<FormWords>);

/// The pattern tokens' ids by their bytes, looked up for most tokens of a text (half of
/// them miss): a token of at most 16 bytes as two words in an open-addressing table,
/// a longer one in a hash map
#[derive(Default)]
struct TokenTable {
    /// open addressing on `hash2`; a slot holds all a lookup reads (one cache line)
    slots: Vec<Slot>,
    mask: usize,
    /// the tokens longer than 16 bytes: id and the root's child
    long: FxHashMap<Box<[u8]>, (u32, u32)>,
    longest: usize,
}

#[derive(Clone, Copy, Default)]
#[repr(C, align(32))]
struct Slot {
    w0: u64,
    w1: u64,
    len: u32,
    /// id + 1, or 0 for an empty slot
    id1: u32,
    /// the trie root's child by this token, or NONE
    root: u32,
}

/// ASCII lower case of the 8 bytes of `w` (all below 0x80)
#[inline]
fn lower_word(w: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let from_a = w.wrapping_add(0x3f3f_3f3f_3f3f_3f3f); // b + 0x80 - b'A'
    let past_z = w.wrapping_add(0x2525_2525_2525_2525); // b + 0x80 - b'Z' - 1
    w | ((from_a & !past_z & HIGH) >> 2)
}

/// `b[s..s + len]` (len <= 16) as two little-endian words, zero after `len`
#[inline]
fn load(b: &[u8], s: usize, len: usize) -> (u64, u64) {
    let word = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"));
    let (w0, w1) = if s + 16 <= b.len() {
        // two plain loads (a copy into a buffer was a memcpy call per token)
        (word(s), word(s + 8))
    } else {
        let mut tmp = [0u8; 16];
        for (t, &c) in tmp.iter_mut().zip(&b[s..]) {
            *t = c;
        }
        (
            u64::from_le_bytes(tmp[..8].try_into().expect("8 bytes")),
            u64::from_le_bytes(tmp[8..].try_into().expect("8 bytes")),
        )
    };
    if len < 8 {
        (w0 & ((1u64 << (8 * len)) - 1), 0)
    } else if len < 16 {
        (w0, w1 & ((1u64 << (8 * (len - 8))) - 1))
    } else {
        (w0, w1)
    }
}

#[inline]
fn hash2(w0: u64, w1: u64, len: usize) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let h = (w0 ^ (len as u64).rotate_left(59)).wrapping_mul(K);
    let h = (h.rotate_left(5) ^ w1).wrapping_mul(K);
    h ^ (h >> 29)
}

impl TokenTable {
    /// The table of `words` (by id), each with the trie root's child by it
    fn new(words: Vec<Box<[u8]>>, roots: &[u32]) -> TokenTable {
        let short = words.iter().filter(|w| w.len() <= 16).count();
        // load at most 1/2: a miss (half the lookups) ends within a slot or two
        let size = (short * 2).next_power_of_two().max(16);
        let mut table = TokenTable {
            slots: vec![Slot::default(); size],
            mask: size - 1,
            long: FxHashMap::default(),
            longest: words.iter().map(|w| w.len()).max().unwrap_or(0),
        };
        for (id, w) in words.into_iter().enumerate() {
            if w.len() > 16 {
                table.long.insert(w, (id as u32, roots[id]));
                continue;
            }
            let (w0, w1) = load(&w, 0, w.len());
            let mut i = hash2(w0, w1, w.len()) as usize & table.mask;
            while table.slots[i].id1 != 0 {
                i = (i + 1) & table.mask;
            }
            table.slots[i] = Slot {
                w0,
                w1,
                len: w.len() as u32,
                id1: id as u32 + 1,
                root: roots[id],
            };
        }
        table
    }

    /// The lower-cased words, length and hash of token `b[s..s + len]` (len <= 16)
    #[inline]
    fn key(b: &[u8], s: usize, len: usize) -> (u64, u64, usize, u64) {
        let (w0, w1) = load(b, s, len);
        let (w0, w1) = (lower_word(w0), lower_word(w1));
        (w0, w1, len, hash2(w0, w1, len))
    }

    /// The id of a token by its `key`, and the root's child by it; (NONE, NONE) for none
    #[inline]
    fn get(&self, (w0, w1, len, h): (u64, u64, usize, u64)) -> (u32, u32) {
        let mut i = h as usize & self.mask;
        loop {
            let slot = &self.slots[i];
            if slot.id1 == 0 {
                return (NONE, NONE);
            }
            if slot.w0 == w0 && slot.w1 == w1 && slot.len as usize == len {
                return (slot.id1 - 1, slot.root);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The same for a token longer than 16 bytes
    fn get_long(&self, b: &[u8], s: usize, len: usize) -> (u32, u32) {
        let low: Vec<u8> = b[s..s + len].iter().map(u8::to_ascii_lowercase).collect();
        self.long.get(&*low).copied().unwrap_or((NONE, NONE))
    }
}

#[pyclass(frozen)]
pub struct VocabTwin {
    tokens: TokenTable,
    trie: FxHashMap<(u32, u32), u32>,
    /// per trie node: its pattern's key + 1, or 0
    terminal: Vec<u32>,
    concepts: Vec<Concept>,
    case: FxHashMap<Box<str>, Case>,
}

#[pymethods]
impl VocabTwin {
    /// The twin of a `PhraseMatcher` holding `patterns` (key, lower-cased tokens) and of
    /// the filtering with `concepts` (cluster, inner-capital labels lowered) and the case
    /// table (`flags`: form -> bool, `forms`: form -> spellings). Raises ValueError when
    /// one token sequence has two keys (spaCy then reports both in its hash map's order)
    /// or a pattern token is empty, longer than 64 bytes or holds whitespace.
    #[new]
    fn new(
        patterns: Vec<(u32, Vec<String>)>,
        concepts: Vec<(bool, Vec<String>)>,
        flags: Vec<(String, bool)>,
        forms: Vec<CaseForms>,
    ) -> PyResult<Self> {
        let mut twin = VocabTwin {
            tokens: TokenTable::default(),
            trie: FxHashMap::default(),
            terminal: vec![0],
            concepts: concepts
                .into_iter()
                .map(|(cluster, inner_caps)| Concept {
                    cluster,
                    inner_caps,
                })
                .collect(),
            case: FxHashMap::default(),
        };
        let mut ids: FxHashMap<Box<[u8]>, u32> = FxHashMap::default();
        for (key, seq) in patterns {
            if seq.is_empty() {
                continue;
            }
            let mut node = 0u32;
            for tok in seq {
                if tok.is_empty() || tok.len() > BUF || tok.chars().any(char::is_whitespace) {
                    return Err(pyo3::exceptions::PyValueError::new_err(format!(
                        "pattern token {tok:?}"
                    )));
                }
                let n = ids.len() as u32;
                let id = *ids.entry(tok.into_bytes().into_boxed_slice()).or_insert(n);
                let next = twin.terminal.len() as u32;
                node = *twin.trie.entry((node, id)).or_insert(next);
                if node == next {
                    twin.terminal.push(0);
                }
            }
            let slot = &mut twin.terminal[node as usize];
            if *slot != 0 && *slot != key + 1 {
                return Err(pyo3::exceptions::PyValueError::new_err(
                    "a token sequence of two keys",
                ));
            }
            *slot = key + 1;
        }
        let mut words = vec![Box::default(); ids.len()];
        for (w, id) in ids {
            words[id as usize] = w;
        }
        let mut roots = vec![NONE; words.len()];
        for (&(node, tok), &child) in &twin.trie {
            if node == 0 {
                roots[tok as usize] = child;
            }
        }
        twin.tokens = TokenTable::new(words, &roots);
        for (low, flag) in flags {
            twin.case.insert(low.into(), Case::Flag(flag));
        }
        for (low, spellings) in forms {
            twin.case.insert(low.into(), Case::Forms(spellings));
        }
        Ok(twin)
    }

    /// `(start, end, key)` of the mentions `find_vocab_mentions` yields for `text`, whose
    /// tokens start at `starts` (`doc.to_array(IDX).tobytes()`); None when `text` is not
    /// plain
    fn find(&self, text: &str, starts: &[u8]) -> Option<Vec<(usize, usize, u32)>> {
        if !plain(text.as_bytes()) {
            return None;
        }
        let starts = decode_starts(text, starts)?;
        let matches = self.matches(text, &starts);
        Some(self.filter(text, &starts, matches))
    }

    /// `matcher(doc)` as (key, start, end) token indices, in spaCy's order
    fn phrase_matches(&self, text: &str, starts: &[u8]) -> Option<Vec<(u32, usize, usize)>> {
        if !plain(text.as_bytes()) {
            return None;
        }
        let starts = decode_starts(text, starts)?;
        Some(self.matches(text, &starts))
    }
}

/// `pystr::plain(text)` eight bytes at a time: no byte above 0x7f, none in 0x1c-0x1f
pub(crate) fn plain(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        // a zero byte of v: a byte of w in 0x1c-0x1f (exact as to whether there is one)
        let v = (w & 0xfcfc_fcfc_fcfc_fcfc) ^ 0x1c1c_1c1c_1c1c_1c1c;
        if w & HIGH != 0 || v.wrapping_sub(ONES) & !v & HIGH != 0 {
            return false;
        }
    }
    chunks
        .remainder()
        .iter()
        .all(|&c| c.is_ascii() && !(0x1c..=0x1f).contains(&c))
}

/// The token starts of `doc.to_array(IDX).tobytes()`; None unless they rise within `text`
fn decode_starts(text: &str, starts: &[u8]) -> Option<Vec<usize>> {
    let starts: Vec<usize> = starts
        .chunks_exact(8)
        .map(|c| u64::from_ne_bytes(c.try_into().expect("8 bytes")) as usize)
        .collect();
    let rising = starts.windows(2).all(|w| w[0] < w[1]);
    (rising && starts.last().is_none_or(|&s| s < text.len())).then_some(starts)
}

/// The end of token `i`: the next token's start (or the text's end) less the space
/// spaCy keeps as the token's whitespace
fn token_end(text: &[u8], starts: &[usize], i: usize) -> usize {
    let next = starts.get(i + 1).copied().unwrap_or(text.len());
    if next > starts[i] + 1 && text[next - 1] == b' ' {
        next - 1
    } else {
        next
    }
}

impl VocabTwin {
    /// `find` for the held mode (`held.rs`)
    pub(crate) fn find_in(&self, text: &str, starts: &[u8]) -> Option<Vec<(usize, usize, u32)>> {
        self.find(text, starts)
    }

    /// Each token's (id, the root's child by it): the keys first, then the lookups (so
    /// that the table's cache misses overlap)
    fn token_ids(&self, text: &str, starts: &[usize]) -> Vec<(u32, u32)> {
        const SKIP: (u64, u64, usize, u64) = (0, 0, 0, 0);
        const LONG: (u64, u64, usize, u64) = (0, 0, usize::MAX, 0);
        let b = text.as_bytes();
        let keys: Vec<(u64, u64, usize, u64)> = (0..starts.len())
            .map(|i| {
                let s = starts[i];
                let e = token_end(b, starts, i);
                let len = e - s;
                if len == 0 || len > self.tokens.longest || pystr::is_space_byte(b[s]) {
                    SKIP
                } else if len > 16 {
                    LONG
                } else {
                    TokenTable::key(b, s, len)
                }
            })
            .collect();
        keys.iter()
            .enumerate()
            .map(|(i, &key)| {
                if key.2 == 0 {
                    (NONE, NONE)
                } else if key.2 == usize::MAX {
                    let s = starts[i];
                    self.tokens.get_long(b, s, token_end(b, starts, i) - s)
                } else {
                    self.tokens.get(key)
                }
            })
            .collect()
    }

    fn child(&self, node: u32, tok: u32) -> Option<u32> {
        if tok == NONE {
            return None;
        }
        self.trie.get(&(node, tok)).copied()
    }

    /// `PhraseMatcher.find_matches`: (key, start, end)
    /// (never inlined: a per-document entry point, measured by name)
    #[inline(never)]
    fn matches(&self, text: &str, starts: &[usize]) -> Vec<(u32, usize, usize)> {
        let toks = self.token_ids(text, starts);
        let n = toks.len();
        let mut out = Vec::new();
        for idx in 0..n {
            let mut node = toks[idx].1;
            if node == NONE {
                continue;
            }
            let mut idy = idx + 1;
            loop {
                let t = self.terminal[node as usize];
                if t != 0 {
                    out.push((t - 1, idx, idy));
                }
                if idy >= n {
                    break;
                }
                match self.child(node, toks[idy].0) {
                    Some(next) => {
                        node = next;
                        idy += 1;
                    }
                    None => break,
                }
            }
        }
        out
    }

    fn filter(
        &self,
        text: &str,
        starts: &[usize],
        mut matches: Vec<(u32, usize, usize)>,
    ) -> Vec<(usize, usize, u32)> {
        let mut out = Vec::new();
        if matches.is_empty() {
            return out;
        }
        let b = text.as_bytes();
        // _longest_first (stable; one key per span)
        matches.sort_by_key(|&(_, s, e)| (s as i64 - e as i64, s));
        let mut taken = vec![false; starts.len()];
        for (key, start, end) in matches {
            if taken[start..end].iter().any(|&t| t) {
                continue;
            }
            let concept = &self.concepts[key as usize];
            let s = starts[start];
            let e = token_end(b, starts, end - 1);
            let surface = &text[s..e];
            if end - start > 1 && concept.cluster && ends_with_cluster(surface) {
                continue;
            }
            taken[start..end].iter_mut().for_each(|t| *t = true);
            let low = surface.to_ascii_lowercase();
            let keep = match self.case.get(low.as_str()) {
                Some(Case::Forms(forms)) => written_as(surface, forms),
                Some(Case::Flag(true)) => {
                    surface != low
                        && !(b.get(e) == Some(&b'-')
                            && ordinary_compound(surface, &low, concept, text, e))
                }
                _ => true,
            };
            if !keep {
                continue;
            }
            out.push((s, e, key));
        }
        out
    }
}

/// `surface.lower().endswith(("cluster", "clusters"))`
fn ends_with_cluster(surface: &str) -> bool {
    let low = surface.to_ascii_lowercase();
    low.ends_with("cluster") || low.ends_with("clusters")
}

/// `re.split(r"([ -])", s)`
fn split_keep(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut last = 0;
    for (i, c) in s.bytes().enumerate() {
        if c == b' ' || c == b'-' {
            out.push(&s[last..i]);
            out.push(&s[i..i + 1]);
            last = i + 1;
        }
    }
    out.push(&s[last..]);
    out
}

/// `written_as(surface, forms)` (the forms' words with their cases from Python)
fn written_as(surface: &str, forms: &[FormWords]) -> bool {
    let joined = pystr::split_ws(surface).collect::<Vec<_>>().join(" ");
    let words = split_keep(&joined);
    forms.iter().any(|fwords| {
        fwords.len() == words.len()
            && words
                .iter()
                .zip(fwords)
                .enumerate()
                .all(|(i, (w, (f, fu, fl)))| {
                    *w == f
                        || (*w == fu && w.bytes().any(|c| c.is_ascii_uppercase()))
                        || (i == 0 && w.to_ascii_lowercase() == *fl)
                })
    })
}

/// `ordinary_compound(surface, concept, text, end)`
fn ordinary_compound(surface: &str, low: &str, concept: &Concept, text: &str, end: usize) -> bool {
    if !pystr::islower(&surface[1..]) {
        return false;
    }
    let reg = registry::registry();
    if reg
        .rx("vocab_matcher._COMPOUND_TAIL")
        .match_at(text, end, text.len())
        .is_none()
    {
        return false;
    }
    concept.inner_caps.iter().any(|l| l == low)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_as_python() {
        assert_eq!(split_keep("a b-c"), vec!["a", " ", "b", "-", "c"]);
        assert_eq!(split_keep("-"), vec!["", "-", ""]);
        assert!(ends_with_cluster("GPU Clusters") && !ends_with_cluster("GPU"));
    }

    #[test]
    fn plain_is_pystr_plain() {
        let mut text: Vec<u8> = (0u8..=0xff).collect();
        text.extend(b"plain text, 0123456789 (abc).\n\t");
        for a in 0..text.len() {
            for len in [1, 7, 8, 9, 16, 17, 40] {
                let t = &text[a..(a + len).min(text.len())];
                let want = std::str::from_utf8(t).is_ok_and(pystr::plain);
                assert_eq!(plain(t) && t.is_ascii(), want, "{t:?}");
                assert_eq!(
                    plain(t),
                    t.iter().all(|&c| c < 0x80 && !(0x1c..=0x1f).contains(&c))
                );
            }
        }
    }

    #[test]
    fn looks_tokens_up_in_lower_case() {
        let all: Vec<u8> = (0u8..0x80).collect();
        let (w0, w1) = load(&all, 0x38, 16);
        let low: Vec<u8> = all[0x38..0x48].iter().map(u8::to_ascii_lowercase).collect();
        assert_eq!((lower_word(w0), lower_word(w1)), load(&low, 0, 16));
        for k in 0..0x80 - 8 {
            let (w, _) = load(&all, k, 8);
            let want: Vec<u8> = all[k..k + 8].iter().map(u8::to_ascii_lowercase).collect();
            assert_eq!(lower_word(w), load(&want, 0, 8).0);
        }
        let words: Vec<Box<[u8]>> = ["of", "experts", "mixture", "a-very-long-token-indeed", ""]
            .iter()
            .map(|w| w.as_bytes().into())
            .collect();
        let table = TokenTable::new(words, &[7, NONE, 9, 11, NONE]);
        let text = b"Mixture OF Experts A-Very-Long-Token-Indeed ofs o";
        let get = |s: usize, len: usize| {
            if len > 16 {
                table.get_long(text, s, len)
            } else {
                table.get(TokenTable::key(text, s, len))
            }
        };
        assert_eq!(get(0, 7), (2, 9));
        assert_eq!(get(8, 2), (0, 7));
        assert_eq!(get(11, 7), (1, NONE));
        assert_eq!(get(19, 24), (3, 11));
        assert_eq!(get(44, 3), (NONE, NONE));
        assert_eq!(get(48, 1), (NONE, NONE));
    }
}
