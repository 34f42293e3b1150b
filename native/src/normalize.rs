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
    let b = text.as_bytes();
    for lit in literals {
        let lit = lit.as_ref();
        if lit.is_empty() || start > b.len() {
            // "" is everywhere ("text.find" from each offset on, its end included)
            let mut p = pystr::find(text, lit, start, text.len());
            while let Some(i) = p {
                out.push(i);
                p = pystr::find(text, lit, i + 1, text.len());
            }
            continue;
        }
        // one finder per literal, each occurrence sought from one after the last
        let finder = memchr::memmem::Finder::new(lit.as_bytes());
        let mut at = start;
        while let Some(i) = finder.find(&b[at..]) {
            out.push(at + i);
            at += i + 1;
            if at > b.len() {
                break;
            }
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

/// `_ACRONYM_PLURAL.search(name)` for the pattern `[A-Z]{2}s$`: two capitals and an
/// "s" at the end, or before a final newline (`$`)
fn acronym_plural(name: &str) -> bool {
    let b = name.as_bytes();
    let b = b.strip_suffix(b"\n").unwrap_or(b);
    b.len() >= 3
        && b[b.len() - 1] == b's'
        && b[b.len() - 2].is_ascii_uppercase()
        && b[b.len() - 3].is_ascii_uppercase()
}

/// The pattern `acronym_plural` stands for
const ACRONYM_PLURAL: &str = "[A-Z]{2}s$";

/// `entity_key(name)`
pub fn entity_key(reg: &Registry, name: &str) -> String {
    entity_key_with(reg.rx("normalize._ACRONYM_PLURAL"), name)
}

/// `entity_key(name)`, `rx` being `normalize._ACRONYM_PLURAL`
pub fn entity_key_with(rx: &crate::pyre::Rx, name: &str) -> String {
    let plural = if rx.is(ACRONYM_PLURAL) {
        acronym_plural(name)
    } else {
        rx.is_search(name)
    };
    let name = if plural {
        &name[..name.len() - 1]
    } else {
        name
    };
    key_of(name)
}

/// `entity_key` after the acronym's plural, in one pass: NFKC leaves ASCII as it is
/// (no Greek letters in plain text); lower case without "$" and "\\"; "+" is " plus ",
/// "#" " sharp ", a "." between digits " point "; the runs of `[a-z0-9]` joined, the
/// last one without a plural "s"
fn key_of(name: &str) -> String {
    // the lower-case bytes without "$" and "\\", read once (no copy of them is kept)
    let mut t = name
        .bytes()
        .filter(|&c| c != b'$' && c != b'\\')
        .map(|c| c.to_ascii_lowercase())
        .peekable();
    let mut out: Vec<u8> = Vec::with_capacity(name.len() + 8);
    let mut last = 0; // where the last word starts in `out`
    let mut in_word = false;
    let mut prev: Option<u8> = None; // the byte before `c` in `t`
    while let Some(c) = t.next() {
        let before = prev.replace(c);
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if !in_word {
                last = out.len();
                in_word = true;
            }
            out.push(c);
            continue;
        }
        in_word = false;
        let spelled: &[u8] = match c {
            b'+' => b"plus",
            b'#' => b"sharp",
            b'.' if before.is_some_and(|p| p.is_ascii_digit())
                && t.peek().is_some_and(u8::is_ascii_digit) =>
            {
                b"point"
            }
            _ => continue,
        };
        last = out.len();
        out.extend_from_slice(spelled);
    }
    let w = &out[last..];
    if w.len() > 3
        && w.ends_with(b"s")
        && !(w.ends_with(b"ss") || w.ends_with(b"us") || w.ends_with(b"is"))
    {
        out.pop();
    }
    String::from_utf8(out).expect("ASCII")
}

/// `entity_key(name)` as the port first wrote it, step by step (the reference
/// `key_of` is tested against)
#[cfg(test)]
fn key_steps(name: &str) -> String {
    let mut s: String = name.to_ascii_lowercase().replace(['$', '\\'], "");
    s = s.replace('+', " plus ").replace('#', " sharp ");
    if s.contains('.') {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_key_is_the_stepwise_key() {
        let names = [
            "",
            "a",
            "GPUs",
            "C++",
            "C#",
            "QuIP#",
            "GPT-3.5",
            "1.5x",
            "3.",
            ".5",
            "v1.2.3",
            "$\\alpha$-scaling",
            "Mixture-of-Experts",
            "kernels",
            "class",
            "bus",
            "basis",
            "abcs",
            "+",
            "x+s",
            "LLMs",
            "1.a",
            "a.1",
            "2$.$3",
            "Foo  Bar",
            "foo-bars ",
            "ZeRO++",
            "A100s",
            "s",
            "ss",
            "plus",
            "2.\\5",
            "x#y##",
            "the models.",
        ];
        for n in names {
            assert_eq!(key_of(n), key_steps(n), "{n:?}");
        }
        // and on strings drawn from the characters that matter
        let alphabet = b"aZs9.+#$\\ -_Iu";
        let mut x: u64 = 7;
        for _ in 0..20000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (x >> 60) as usize;
            let name: String = (0..len)
                .map(|k| alphabet[((x >> (4 * k % 56)) % alphabet.len() as u64) as usize] as char)
                .collect();
            assert_eq!(key_of(&name), key_steps(&name), "{name:?}");
        }
        assert!(acronym_plural("GPUs") && acronym_plural("LLMs\n") && !acronym_plural("Ms"));
        assert!(!acronym_plural("GPUS") && !acronym_plural("GpUs") && !acronym_plural("s\n"));
    }
}
