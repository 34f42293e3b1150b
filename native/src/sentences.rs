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
    let no_split = reg.words("sentences._NO_SPLIT_AFTER");
    let low = word.to_ascii_lowercase();
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
    reg: &'r Registry,
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
            reg,
            word_chars: table(reg.words("sentences._WORD_CHAR_SET")),
            before_initial: table(reg.words("sentences._BEFORE_INITIAL")),
        }
    }

    /// `_is_abbreviation(text, dot)` (plain text)
    pub fn at(&self, text: &str, dot: usize) -> bool {
        let reg = self.reg;
        let b = text.as_bytes();
        let tail = &b[dot.saturating_sub(12)..dot];
        let run = tail
            .iter()
            .rev()
            .take_while(|&&c| self.word_chars[(c & 0x7f) as usize])
            .count();
        let word = &text[dot - run..dot];
        let kind = abbreviation_kind(reg, word);
        if kind != INITIAL {
            return kind == LISTED;
        }
        let Some(before) = dot.checked_sub(run + 1) else {
            return true;
        };
        self.before_initial[(b[before] & 0x7f) as usize]
    }
}

/// `split_sentences(text, title_end)`
pub fn split_sentences(reg: &Registry, text: &str, title_end: usize) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut spans = Vec::new();
    if title_end > 0 {
        spans.push((0, title_end));
    }
    let mut start = title_end;
    while start < b.len() && pystr::is_space_byte(b[start]) {
        start += 1;
    }
    let boundary = if text.contains('!') || text.contains('?') {
        reg.rx("sentences._BOUNDARY")
    } else {
        reg.rx("sentences._DOT_BOUNDARY")
    };
    let abbreviations = Abbreviations::new(reg);
    for m in boundary.finditer(text, start, text.len()) {
        let dot = m.start();
        if b[dot] == b'.' && abbreviations.at(text, dot) {
            continue;
        }
        let Some((end, next_start)) = m.get(1) else {
            continue;
        };
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
