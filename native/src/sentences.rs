//! Twins of `kg/extract/sentences.py` for plain text: the sentence bounds of a title
//! plus an abstract (`split_sentences`).

use crate::pystr;
use crate::registry::Registry;

/// `_abbreviation_kind`'s answers
pub const NONE: u8 = 0;
pub const LISTED: u8 = 1;
pub const INITIAL: u8 = 2;

/// `_abbreviation_kind(word)`
pub fn abbreviation_kind(reg: &Registry, word: &str) -> u8 {
    kind_in(
        reg.words("sentences._NO_SPLIT_AFTER"),
        &word.to_ascii_lowercase(),
    )
}

/// `_abbreviation_kind` of a lower-cased word, `_NO_SPLIT_AFTER` looked up
fn kind_in(no_split: &crate::registry::WordSet, low: &str) -> u8 {
    let w = low.trim_end_matches('.');
    let last = w.rsplit('.').next().unwrap_or(w);
    if no_split.contains(w) || no_split.contains(last) {
        return LISTED;
    }
    if w.len() == 1 || (w.contains('.') && w.len() <= 5) {
        INITIAL
    } else {
        NONE
    }
}

/// `_is_abbreviation(text, dot)`
pub fn is_abbreviation(reg: &Registry, text: &str, dot: usize) -> bool {
    Abbreviations::new(reg).at(text, dot)
}

/// `_is_abbreviation` with its word lists looked up once
pub struct Abbreviations<'r> {
    no_split: &'r crate::registry::WordSet,
    /// `_WORD_CHARS` as a table of ASCII bytes
    word_chars: [bool; 128],
    before_initial: [bool; 128],
}

/// `c in chars` for every ASCII byte `c`, `chars` a set of strings
fn table(chars: &crate::registry::WordSet) -> [bool; 128] {
    let mut t = [false; 128];
    for s in chars {
        if let &[c] = s.as_bytes() {
            if c.is_ascii() {
                t[c as usize] = true;
            }
        }
    }
    t
}

impl<'r> Abbreviations<'r> {
    pub fn new(reg: &'r Registry) -> Self {
        Abbreviations {
            no_split: reg.words("sentences._NO_SPLIT_AFTER"),
            word_chars: table(reg.words("sentences._WORD_CHAR_SET")),
            before_initial: table(reg.words("sentences._BEFORE_INITIAL")),
        }
    }

    /// `_is_abbreviation(text, dot)` (plain text)
    pub fn at(&self, text: &str, dot: usize) -> bool {
        let b = text.as_bytes();
        let tail = &b[dot.saturating_sub(12)..dot];
        let run = tail
            .iter()
            .rev()
            .take_while(|&&c| self.word_chars[(c & 0x7f) as usize])
            .count();
        let word = &text[dot - run..dot];
        // word.to_ascii_lowercase() on the stack (at most 12 bytes)
        let mut buf = [0u8; 12];
        let low = &mut buf[..run];
        low.copy_from_slice(word.as_bytes());
        low.make_ascii_lowercase();
        let low = std::str::from_utf8(low).expect("lower case keeps UTF-8");
        let kind = kind_in(self.no_split, low);
        if kind != INITIAL {
            return kind == LISTED;
        }
        let Some(before) = dot.checked_sub(run + 1) else {
            return true;
        };
        self.before_initial[(b[before] & 0x7f) as usize]
    }
}

/// `_BOUNDARY.finditer(text, pos)` on plain text, without the regex, as (the stop, the
/// whitespace group's span): `[.!?]["')\]]*(\s+)(?=["'(\[]?[A-Z0-9\\$])`. Each run
/// can only match whole (the byte after it may not start the next part), so a stop
/// matches when the closers, one or more spaces and the lookahead follow it.
fn plain_boundaries(b: &[u8], pos: usize) -> impl Iterator<Item = (usize, (usize, usize))> + '_ {
    let head = |c: u8| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'\\' || c == b'$';
    let mut at = pos;
    std::iter::from_fn(move || {
        while at < b.len() {
            let stop = at + memchr::memchr3(b'.', b'!', b'?', &b[at..])?;
            let mut j = stop + 1;
            while j < b.len() && matches!(b[j], b'"' | b'\'' | b')' | b']') {
                j += 1;
            }
            let ws = j;
            while j < b.len() && pystr::is_space_byte(b[j]) {
                j += 1;
            }
            let ahead = match b.get(j) {
                Some(b'"' | b'\'' | b'(' | b'[') => b.get(j + 1).is_some_and(|&c| head(c)),
                Some(&c) => head(c),
                None => false,
            };
            if j > ws && ahead {
                at = j;
                return Some((stop, (ws, j)));
            }
            at = stop + 1;
        }
        None
    })
}

/// `split_sentences(text, title_end)`
pub fn split_sentences(reg: &Registry, text: &str, title_end: usize) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut start = title_end;
    while start < b.len() && pystr::is_space_byte(b[start]) {
        start += 1;
    }
    let boundary = if text.contains('!') || text.contains('?') {
        reg.rx("sentences._BOUNDARY")
    } else {
        reg.rx("sentences._DOT_BOUNDARY")
    };
    let found = boundary
        .finditer(text, start, text.len())
        .filter_map(|m| Some((m.start(), m.get(1)?)));
    split_at(reg, text, title_end, start, found)
}

/// `split_sentences(text, title_end)` for plain text (`pystr::plain`)
pub fn split_plain_sentences(reg: &Registry, text: &str, title_end: usize) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut start = title_end;
    while start < b.len() && pystr::is_space_byte(b[start]) {
        start += 1;
    }
    split_at(reg, text, title_end, start, plain_boundaries(b, start))
}

/// The sentences of `text` between the boundaries `found` (stop, whitespace span)
fn split_at(
    reg: &Registry,
    text: &str,
    title_end: usize,
    mut start: usize,
    found: impl Iterator<Item = (usize, (usize, usize))>,
) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut spans = Vec::new();
    if title_end > 0 {
        spans.push((0, title_end));
    }
    let abbreviations = Abbreviations::new(reg);
    for (dot, (end, next_start)) in found {
        if b[dot] == b'.' && abbreviations.at(text, dot) {
            continue;
        }
        if end > start {
            spans.push((start, end));
        }
        start = next_start;
    }
    let end = text
        .trim_end_matches(|c: char| c.is_ascii() && pystr::is_space_byte(c as u8))
        .len();
    if end > start {
        spans.push((start, end));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        let words = |name: &str, list: &[&str]| {
            (
                name.to_string(),
                list.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
            )
        };
        let letters: Vec<String> = ('a'..='z')
            .chain('A'..='Z')
            .chain(['.'])
            .map(String::from)
            .collect();
        let letters: Vec<&str> = letters.iter().map(String::as_str).collect();
        let (reg, failed) = Registry::build(
            vec![],
            vec![
                words("sentences._NO_SPLIT_AFTER", &["e.g", "et", "al", "fig"]),
                words("sentences._WORD_CHAR_SET", &letters),
                words("sentences._BEFORE_INITIAL", &[" ", "(", "\n"]),
            ],
            vec![],
            vec![],
        );
        assert!(failed.is_empty());
        reg
    }

    #[test]
    fn plain_boundaries_are_the_regex() {
        let rx_src = r#"[.!?]["')\]]*(\s+)(?=["'(\[]?[A-Z0-9\\$])"#;
        let rx = crate::pyre::Rx::new(rx_src, 0).unwrap();
        let parts = [
            "a", "B", "7", ".", "!", "?", " ", "  ", "\n", "\t", "\"", "'", ")", "]", "(", "[",
            "\\", "$", "x.", "e.g.", "-", "\x0b", "\x0c", "\r",
        ];
        let mut state = 99u64;
        for _ in 0..30000 {
            let mut text = String::new();
            for _ in 0..(state % 12) {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(parts[(state >> 33) as usize % parts.len()]);
            }
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            for pos in [0, 1] {
                let pos = pos.min(text.len());
                let want: Vec<_> = rx
                    .finditer(&text, pos, text.len())
                    .map(|m| (m.start(), m.get(1).unwrap()))
                    .collect();
                let got: Vec<_> = plain_boundaries(text.as_bytes(), pos).collect();
                assert_eq!(got, want, "{text:?}");
            }
        }
        // split_sentences with the regexes gives the same sentences
        let base = registry();
        let (with_rx, failed) = Registry::build(
            vec![
                ("sentences._BOUNDARY".into(), rx_src.to_string(), 0),
                (
                    "sentences._DOT_BOUNDARY".into(),
                    rx_src.replacen("[.!?]", "\\.", 1),
                    0,
                ),
            ],
            [
                "sentences._NO_SPLIT_AFTER",
                "sentences._WORD_CHAR_SET",
                "sentences._BEFORE_INITIAL",
            ]
            .iter()
            .map(|n| (n.to_string(), base.words(n).iter().cloned().collect()))
            .collect(),
            vec![],
            vec![],
        );
        assert!(failed.is_empty());
        for text in [
            "A Title Here. It works. See e.g. Fig. 2! Done? Yes.",
            "T. One (J. Doe). Two.\n\nThree \"x.\" Four",
            "Title without stop   body. More text. ",
        ] {
            for title_end in [0, 5, 12] {
                assert_eq!(
                    split_plain_sentences(&with_rx, text, title_end),
                    split_sentences(&with_rx, text, title_end),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn abbreviation_kinds() {
        let reg = registry();
        assert_eq!(abbreviation_kind(&reg, "e.g"), LISTED);
        assert_eq!(abbreviation_kind(&reg, "Fig"), LISTED);
        assert_eq!(abbreviation_kind(&reg, "x.et"), LISTED);
        assert_eq!(abbreviation_kind(&reg, "J"), INITIAL);
        assert_eq!(abbreviation_kind(&reg, "U.S"), INITIAL);
        assert_eq!(abbreviation_kind(&reg, "GPUs"), NONE);
        assert_eq!(abbreviation_kind(&reg, ""), NONE);
    }

    #[test]
    fn initials_depend_on_what_precedes_them() {
        let reg = registry();
        assert!(is_abbreviation(&reg, "as J. Doe", 4));
        assert!(is_abbreviation(&reg, "J. Doe", 1));
        assert!(is_abbreviation(&reg, "(U.S. Army", 4));
        assert!(!is_abbreviation(&reg, "Zorb-13B. Then", 8));
        assert!(is_abbreviation(&reg, "Smith et al. 2020", 11));
        assert!(!is_abbreviation(&reg, "it runs. Then", 7));
    }
}
