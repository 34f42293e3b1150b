//! Twins of `kg/extract/normalize.py` for plain text.

use crate::pystr;
use crate::registry::Registry;

/// `word_bounded(text, s, e)`
pub fn word_bounded(text: &str, s: usize, e: usize) -> bool {
    let b = text.as_bytes();
    let before = if s > 0 { b[s - 1] } else { b' ' };
    let after = if e < b.len() { b[e] } else { b' ' };
    let bad = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
    !bad(before) && !bad(after)
}

/// `list(find_all(text, literals, start))`
pub fn find_all<S: AsRef<str>>(text: &str, literals: &[S], start: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for lit in literals {
        let lit = lit.as_ref();
        let mut p = pystr::find(text, lit, start, text.len());
        while let Some(i) = p {
            out.push(i);
            p = pystr::find(text, lit, i + 1, text.len());
        }
    }
    out
}

/// `find_word(text, word, start)`, None for -1
pub fn find_word(text: &str, word: &str, start: usize) -> Option<usize> {
    let mut i = pystr::find(text, word, start, text.len());
    while let Some(p) = i {
        if word_bounded(text, p, p + word.len()) {
            return Some(p);
        }
        i = pystr::find(text, word, p + 1, text.len());
    }
    None
}

/// `lower_same_offsets(text)` (plain text: `text.lower()`)
pub fn lower(text: &str) -> String {
    text.to_ascii_lowercase()
}

/// `entity_key(name)`
pub fn entity_key(reg: &Registry, name: &str) -> String {
    let name = if reg.rx("normalize._ACRONYM_PLURAL").is_search(name) {
        &name[..name.len() - 1]
    } else {
        name
    };
    // NFKC leaves ASCII as it is; no Greek letters in plain text
    let mut s: String = name.to_ascii_lowercase().replace(['$', '\\'], "");
    s = s.replace('+', " plus ").replace('#', " sharp ");
    if s.contains('.') {
        // "(?<=\d)\.(?=\d)" -> " point "
        let b = s.as_bytes();
        let mut t = String::with_capacity(s.len() + 8);
        for (i, &c) in b.iter().enumerate() {
            if c == b'.'
                && i > 0
                && b[i - 1].is_ascii_digit()
                && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                t.push_str(" point ");
            } else {
                t.push(c as char);
            }
        }
        s = t;
    }
    let mut words: Vec<&str> = s
        .split(|c: char| !(c.is_ascii_digit() || c.is_ascii_lowercase()))
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(last) = words.last_mut() {
        if last.len() > 3
            && last.ends_with('s')
            && !(last.ends_with("ss") || last.ends_with("us") || last.ends_with("is"))
        {
            *last = &last[..last.len() - 1];
        }
    }
    words.concat()
}

/// `singular(word)`
pub fn singular(word: &str) -> String {
    if word.ends_with("ies") && word.len() > 4 {
        return format!("{}y", &word[..word.len() - 3]);
    }
    if word.ends_with("sses") || word.ends_with("xes") {
        return word[..word.len() - 2].to_string();
    }
    if word.ends_with('s')
        && !(word.ends_with("ss") || word.ends_with("us") || word.ends_with("is"))
        && word.len() > 3
    {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

/// `is_non_entity(name)`
pub fn is_non_entity(reg: &Registry, name: &str) -> bool {
    reg.words("normalize.NON_ENTITY_KEYS")
        .contains(&entity_key(reg, name))
}
