//! Twins of `kg/extract/abbreviations.py` for plain text: the Schwartz–Hearst finder
//! (`find_abbreviations`), its reverse (`find_reverse_abbreviations`) and the
//! initialism finder (`find_initialisms`).

use std::collections::HashSet;

use crate::normalize;
use crate::pystr;
use crate::registry::Registry;

/// The fields of an `Abbreviation`: short_start, short_end, long_start, long_end,
/// short, long
pub type Abbr = (i64, i64, i64, i64, String, String);

fn is_space(c: char) -> bool {
    c.is_ascii() && pystr::is_space_byte(c as u8)
}

/// `s.strip()`
fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// `s.lstrip()`
fn lstrip(s: &str) -> &str {
    s.trim_start_matches(is_space)
}

/// `b[:end].rfind(c)`, -1 when absent
fn rfind_byte(b: &[u8], c: u8, end: usize) -> isize {
    b[..end.min(b.len())]
        .iter()
        .rposition(|&x| x == c)
        .map_or(-1, |p| p as isize)
}

/// `_valid_short_form(sf)`
pub fn valid_short_form(reg: &Registry, sf: &str) -> bool {
    let n = sf.len();
    if !(2..=10).contains(&n) || sf.contains(' ') || sf.trim_end_matches('+').contains('+') {
        return false;
    }
    let b0 = sf.as_bytes()[0];
    if !b0.is_ascii_alphanumeric() || !sf.bytes().any(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    // `_SIZE.fullmatch(sf)`: no match of the pattern is a prefix of another, so the
    // match at 0 is the full match when it ends at the end
    if b0.is_ascii_digit()
        && reg
            .rx("abbreviations._SIZE")
            .match_at(sf, 0, n)
            .is_some_and(|m| m.end() == n)
    {
        return false;
    }
    !pystr::islower(sf)
}

/// `best_long_form(short, candidate)` (the ASCII path)
pub fn best_long_form(short: &str, candidate: &str) -> Option<String> {
    let low = candidate.to_ascii_lowercase();
    let lb = low.as_bytes();
    let cb = candidate.as_bytes();
    let sb = short.as_bytes();
    let mut s = sb.len() as isize - 1;
    let mut i = cb.len() as isize - 1;
    while s >= 0 {
        let c = sb[s as usize].to_ascii_lowercase();
        if !c.is_ascii_alphanumeric() {
            s -= 1;
            continue;
        }
        i = rfind_byte(lb, c, (i + 1) as usize);
        while s == 0 && i > 0 && cb[(i - 1) as usize].is_ascii_alphanumeric() {
            i = rfind_byte(lb, c, i as usize);
        }
        if i < 0 {
            return None;
        }
        i -= 1;
        s -= 1;
    }
    let start = (rfind_byte(cb, b' ', (i + 1) as usize) + 1) as usize;
    let long = strip(&candidate[start..]);
    let n = short.len();
    if long.is_empty() || long.len() <= n || pystr::split_ws(long).any(|w| w == short) {
        return None;
    }
    if pystr::split_ws(long).count() > (n + 5).min(2 * n) {
        return None;
    }
    Some(long.to_string())
}

/// `initials_long_form(short, candidate)`
pub fn initials_long_form(reg: &Registry, short: &str, candidate: &str) -> Option<String> {
    let capitals: Vec<u8> = short.bytes().filter(u8::is_ascii_uppercase).collect();
    if capitals.len() < 2 {
        return None;
    }
    let function_words = reg.words("abbreviations._FUNCTION_WORDS");
    let words: Vec<&str> = pystr::split_ws(candidate).collect();
    // the initials, last word first
    let mut initials: Vec<u8> = Vec::new();
    for k in 1..=words.len().min(capitals.len()) {
        let parts: Vec<&str> = words[words.len() - k]
            .split('-')
            .filter(|p| !p.is_empty() && !function_words.contains(&p.to_ascii_lowercase()))
            .collect();
        if parts.is_empty() || !parts[0].as_bytes()[0].is_ascii_alphabetic() {
            return None;
        }
        initials.extend(
            parts
                .iter()
                .rev()
                .map(|p| p.as_bytes()[0].to_ascii_uppercase()),
        );
        if initials.len() > capitals.len() {
            return None;
        }
        if initials.iter().rev().eq(capitals.iter()) {
            return Some(words[words.len() - k..].join(" "));
        }
    }
    None
}

/// `blend_long_form(short, candidate)`
pub fn blend_long_form(reg: &Registry, short: &str, candidate: &str) -> Option<String> {
    let parts: Vec<&str> = reg
        .rx("abbreviations._BLEND_PART")
        .finditer(short, 0, short.len())
        .map(|m| &short[m.start()..m.end()])
        .collect();
    if parts.len() < 2 || parts.concat() != short {
        return None;
    }
    let words: Vec<&str> = pystr::split_ws(candidate).collect();
    if words.len() < parts.len() {
        return None;
    }
    let tail = &words[words.len() - parts.len()..];
    for (part, word) in parts.iter().zip(tail) {
        let mut stem = part.to_ascii_lowercase();
        if stem.len() > 2 && stem.ends_with('e') {
            stem.pop();
        }
        if !word.to_ascii_lowercase().starts_with(&stem) {
            return None;
        }
    }
    Some(tail.join(" "))
}

/// `_paren_start(text, paren)`, None for -1
pub fn paren_start(text: &str, paren: usize) -> Option<usize> {
    let b = text.as_bytes();
    if paren >= 2 && matches!(b[paren - 1], b' ' | b'~') && !pystr::is_space_byte(b[paren - 2]) {
        return Some(paren - 1);
    }
    if paren >= 1 && !pystr::is_space_byte(b[paren - 1]) {
        return Some(paren);
    }
    None
}

/// `_lists_names(inner, sf)`
pub fn lists_names(reg: &Registry, inner: &str, sf: &str) -> bool {
    let Some(at) = inner.find(sf) else {
        return false; // sf is taken from inner: not reached
    };
    let mut pos = at + sf.len();
    if pos == inner.len() {
        return false;
    }
    let more = reg.rx("abbreviations._MORE_NAMES");
    while pos < inner.len() {
        match more.match_at(inner, pos, inner.len()) {
            Some(m) => pos = m.end(),
            None => return false,
        }
    }
    true
}

/// `find_abbreviations(text, offset)`, as the fields of each `Abbreviation`
pub fn find_abbreviations(reg: &Registry, text: &str, offset: i64) -> Vec<Abbr> {
    let mut out = Vec::new();
    if !text.contains('(') {
        return out;
    }
    let short_end = reg.rx("abbreviations._SHORT_END");
    let last_stop = reg.rx("abbreviations._LAST_SENT_STOP");
    let metric_heads = reg.words("abbreviations._METRIC_HEADS");
    for m in reg.rx("abbreviations._PAREN").finditer(text, 0, text.len()) {
        let Some(before_end) = paren_start(text, m.start()) else {
            continue;
        };
        let Some((i0, i1)) = m.get(1) else { continue };
        let inner = &text[i0..i1];
        let head = match short_end.search(inner, 0, inner.len()) {
            Some(c) => &inner[..c.start()],
            None => inner,
        };
        let mut sf = strip(head);
        if sf.starts_with("or ") || sf.starts_with("i.e. ") || sf.starts_with("aka ") {
            let space = sf.find(' ').unwrap_or(0);
            sf = lstrip(&sf[space + 1..]);
        }
        if !valid_short_form(reg, sf) || lists_names(reg, inner, sf) {
            continue;
        }
        // the candidate: the words before the parenthesis, within the clause
        let mut lo = before_end.saturating_sub(160);
        if let Some(stop) = last_stop.match_at(text, lo, before_end) {
            lo = stop.end();
        }
        if let Some(comma) = text[lo..before_end].rfind(", ") {
            lo += comma + 2;
        }
        let words: Vec<&str> = pystr::split_ws(&text[lo..before_end]).collect();
        let max_words = (sf.len() + 5).min(2 * sf.len());
        let candidate = words[words.len().saturating_sub(max_words)..].join(" ");
        let Some(mut long) =
            best_long_form(sf, &candidate).or_else(|| blend_long_form(reg, sf, &candidate))
        else {
            continue;
        };
        if let Some(wider) = initials_long_form(reg, sf, &candidate) {
            if wider.len() > long.len() && wider.ends_with(long.as_str()) {
                long = wider;
            }
        }
        let long_words: Vec<&str> = pystr::split_ws(&long).collect();
        let (Some(first), Some(last)) = (long_words.first(), long_words.last()) else {
            continue;
        };
        if metric_heads.contains(last.to_ascii_lowercase().trim_end_matches('s')) {
            continue;
        }
        let long_end = before_end;
        let Some(long_start) = pystr::rfind(text, first, lo, long_end) else {
            continue;
        };
        if !pystr::split_ws(&text[long_start..long_end]).eq(long_words.iter().copied()) {
            continue;
        }
        let Some(at) = inner.find(sf) else { continue };
        let s_start = (i0 + at) as i64;
        out.push((
            offset + s_start,
            offset + s_start + sf.len() as i64,
            offset + long_start as i64,
            offset + long_end as i64,
            sf.to_string(),
            text[long_start..long_end].to_string(),
        ));
    }
    out
}

/// `_capitals_in_name(short, long)`
pub fn capitals_in_name(reg: &Registry, short: &str, long: &str) -> bool {
    let function_words = reg.words("abbreviations._FUNCTION_WORDS");
    let mut capitals: Vec<u8> = Vec::new();
    for word in pystr::split_ws(long) {
        if function_words.contains(&word.to_ascii_lowercase()) {
            continue;
        }
        if !word.as_bytes()[0].is_ascii_uppercase() {
            return false;
        }
        for p in word.split('-') {
            if let Some(&c) = p.as_bytes().first() {
                if c.is_ascii_uppercase() {
                    capitals.push(c.to_ascii_lowercase());
                }
            }
        }
    }
    let name = short.to_ascii_lowercase().into_bytes();
    if capitals.len() < 2 || name.first() != Some(&capitals[0]) {
        return false;
    }
    let mut pos = 0;
    for c in capitals {
        match name[pos..].iter().position(|&x| x == c) {
            Some(p) => pos += p + 1,
            None => return false,
        }
    }
    true
}

/// `find_reverse_abbreviations(text, offset)`, as the fields of each `Abbreviation`
pub fn find_reverse_abbreviations(reg: &Registry, text: &str, offset: i64) -> Vec<Abbr> {
    let mut out = Vec::new();
    if !text.contains('(') {
        return out;
    }
    let short_before = reg.rx("abbreviations._SHORT_BEFORE");
    for m in reg
        .rx("abbreviations._LONG_PAREN")
        .finditer(text, 0, text.len())
    {
        let Some((i0, i1)) = m.get(1) else { continue };
        let inner = &text[i0..i1];
        let long = strip(inner);
        let n_words = pystr::split_ws(long).count();
        if n_words < 2
            || !long.as_bytes()[0].is_ascii_alphabetic()
            || long.contains('\\')
            || long.contains('{')
        {
            continue;
        }
        let Some(before_end) = paren_start(text, m.start()) else {
            continue;
        };
        let Some(sm) = short_before.search(text, before_end.saturating_sub(20), before_end) else {
            continue;
        };
        let sf = &text[sm.start()..sm.end()];
        if !valid_short_form(reg, sf) || n_words > (sf.len() + 5).min(2 * sf.len()) {
            continue;
        }
        // the whole parenthesis spells the short form, or its capitals are in the name
        if best_long_form(sf, long).as_deref() != Some(long) && !capitals_in_name(reg, sf, long) {
            continue;
        }
        let Some(at) = inner.find(long) else { continue };
        let long_start = (i0 + at) as i64;
        out.push((
            offset + sm.start() as i64,
            offset + sm.end() as i64,
            offset + long_start,
            offset + long_start + long.len() as i64,
            sf.to_string(),
            long.to_string(),
        ));
    }
    out
}

/// `find_initialisms(text, defined, offset)`, as the fields of each `Abbreviation`
pub fn find_initialisms(
    reg: &Registry,
    text: &str,
    defined: &HashSet<String>,
    offset: i64,
) -> Vec<Abbr> {
    let mut out = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let spans: Vec<(usize, usize)> = if text.is_ascii() {
        capital_names(text.as_bytes())
    } else {
        reg.rx("abbreviations._CAPITAL_NAME")
            .finditer(text, 0, text.len())
            .map(|m| (m.start(), m.end()))
            .collect()
    };
    for (m_start, m_end) in spans {
        let words: Vec<&str> = pystr::split_ws(&text[m_start..m_end]).collect();
        for n in 3..=words.len().min(5) {
            for i in 0..=words.len() - n {
                let sf: String = words[i..i + n]
                    .iter()
                    .map(|w| w.as_bytes()[0] as char)
                    .collect();
                if seen.contains(&sf) || defined.contains(&sf) {
                    continue;
                }
                let Some(at) = normalize::find_word(text, &sf, 0) else {
                    continue;
                };
                let long = words[i..i + n].join(" ");
                let long_start = (m_start + words[..i].join(" ").len() + usize::from(i > 0)) as i64;
                out.push((
                    offset + at as i64,
                    offset + (at + n) as i64,
                    offset + long_start,
                    offset + long_start + long.len() as i64,
                    sf.clone(),
                    long,
                ));
                seen.insert(sf);
            }
        }
    }
    out
}

/// The end of the word `[A-Z][a-z]+` at `p` of ASCII `b`, its lower-case run maximal
fn capital_word(b: &[u8], p: usize) -> Option<usize> {
    if !b.get(p)?.is_ascii_uppercase() {
        return None;
    }
    let e = p
        + 1
        + b[p + 1..]
            .iter()
            .take_while(|c| c.is_ascii_lowercase())
            .count();
    (e > p + 1).then_some(e)
}

/// The first capital at or after `p` of ASCII `b` (eight bytes at a time), or its length
fn next_capital(b: &[u8], mut p: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while p + 8 <= b.len() {
        let w = u64::from_le_bytes(b[p..p + 8].try_into().expect("8 bytes"));
        // a byte's high bit: at least b'A' and not past b'Z' (no carries below 0x80)
        let caps =
            w.wrapping_add(0x3f3f_3f3f_3f3f_3f3f) & !w.wrapping_add(0x2525_2525_2525_2525) & HIGH;
        if caps != 0 {
            return p + (caps.trailing_zeros() / 8) as usize;
        }
        p += 8;
    }
    while p < b.len() && !b[p].is_ascii_uppercase() {
        p += 1;
    }
    p
}

/// `[\w\-]` for an ASCII byte
fn word_or_hyphen(c: u8) -> bool {
    pystr::is_word_byte(c) || c == b'-'
}

/// The spans of `_CAPITAL_NAME.finditer(text)` for ASCII `b`, without the regex:
/// `[A-Z](?<![\w\-][A-Z])[a-z]+ (?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+(?![\w\-])`. A word's
/// lower-case run can only match whole (a space or the lookahead follows it), so at a
/// start the regex takes the longest chain of 2-4 more words whose last is not
/// followed by `[\w\-]`.
fn capital_names(b: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut p = 0;
    loop {
        p = next_capital(b, p);
        if p >= b.len() {
            break;
        }
        let Some(first) = (if p > 0 && word_or_hyphen(b[p - 1]) {
            None
        } else {
            capital_word(b, p)
        }) else {
            p += 1;
            continue;
        };
        // the ends of the words chained after the first, by single spaces
        let mut ends = [0usize; 4];
        let mut n = 0;
        let mut at = first;
        while n < 4 && b.get(at) == Some(&b' ') {
            match capital_word(b, at + 1) {
                Some(e) => {
                    ends[n] = e;
                    n += 1;
                    at = e;
                }
                None => break,
            }
        }
        let found = (2..=n)
            .rev()
            .map(|k| ends[k - 1])
            .find(|&e| !b.get(e).is_some_and(|&c| word_or_hyphen(c)));
        match found {
            Some(e) => {
                out.push((p, e));
                p = e;
            }
            None => p += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capital_names_are_the_regex() {
        let rx = crate::pyre::Rx::new(
            r"[A-Z](?<![\w\-][A-Z])[a-z]+ (?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+(?![\w\-])",
            0,
        )
        .unwrap();
        let words = [
            "Ab", "Cde", "Fg", "Hij", "Kl", "Mn", "Op", "Qr", "x", "A", "Ab-", "Ab1", "aB", "Ab_",
        ];
        let seps = [" ", "  ", "-", ", ", "", " ("];
        // a deterministic walk over word and separator sequences
        let mut state = 12345u64;
        for _ in 0..20000 {
            let mut text = String::new();
            for _ in 0..(state % 9) {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(words[(state >> 33) as usize % words.len()]);
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let s = (state >> 33) as usize % (seps.len() * 3);
                text.push_str(seps.get(s).copied().unwrap_or(" "));
            }
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let want: Vec<(usize, usize)> = rx
                .finditer(&text, 0, text.len())
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(capital_names(text.as_bytes()), want, "{text:?}");
        }
        let all: Vec<u8> = (0u8..0x80).chain(0u8..0x80).collect();
        for p in 0..all.len() {
            let want = (p..all.len())
                .find(|&i| all[i].is_ascii_uppercase())
                .unwrap_or(all.len());
            assert_eq!(next_capital(&all, p), want);
        }
        assert_eq!(
            capital_names(b"We Use Mixed Precision Training Now. x"),
            vec![(0, 31)]
        );
    }

    fn registry() -> Registry {
        let function_words = ["of", "and", "the", "for", "a"];
        let (reg, failed) = Registry::build(
            vec![(
                "abbreviations._BLEND_PART".to_string(),
                "[A-Z][a-z]*".to_string(),
                0,
            )],
            vec![(
                "abbreviations._FUNCTION_WORDS".to_string(),
                function_words.iter().map(|w| w.to_string()).collect(),
            )],
            vec![],
            vec![],
        );
        assert!(failed.is_empty());
        reg
    }

    #[test]
    fn initials_and_blends() {
        let reg = registry();
        let initials = |s, c| initials_long_form(&reg, s, c);
        assert_eq!(
            initials("SSFT", "our method, Set Supervised Fine-Tuning").as_deref(),
            Some("Set Supervised Fine-Tuning")
        );
        assert_eq!(
            initials("MoE", "sparse Mixture-of-Experts").as_deref(),
            Some("Mixture-of-Experts")
        );
        assert_eq!(initials("SSFT", "Supervised Fine-Tuning"), None);
        assert_eq!(
            initials("SFT", "Set Supervised Fine-Tuning").as_deref(),
            Some("Supervised Fine-Tuning")
        );
        assert_eq!(initials("SFT", "Set Fine"), None);
        let blend = |s, c| blend_long_form(&reg, s, c);
        assert_eq!(
            blend("ParScale", "we propose parallel scaling").as_deref(),
            Some("parallel scaling")
        );
        assert_eq!(blend("ParScale", "we propose parallel training"), None);
        assert_eq!(blend("Parscale", "parallel scaling"), None);
        assert!(capitals_in_name(
            &reg,
            "Zorblax",
            "Zero-Overhead Real-time Batch Loader"
        ));
        assert!(!capitals_in_name(&reg, "Zorb", "Zero overhead"));
    }

    #[test]
    fn best_long_form_spells_the_short_form() {
        assert_eq!(
            best_long_form("DeMo", "we propose Decoupled Momentum").as_deref(),
            Some("Decoupled Momentum")
        );
        assert_eq!(
            best_long_form("MoE", "sparse Mixture-of-Experts").as_deref(),
            Some("Mixture-of-Experts")
        );
        assert_eq!(best_long_form("XYZ", "nothing matches here"), None);
        assert_eq!(best_long_form("AB", ""), None);
    }

    #[test]
    fn paren_start_is_the_lookbehind() {
        assert_eq!(paren_start("a (X)", 2), Some(1));
        assert_eq!(paren_start("a~(X)", 2), Some(1));
        assert_eq!(paren_start("a(X)", 1), Some(1));
        assert_eq!(paren_start(" (X)", 1), None);
        assert_eq!(paren_start("(X)", 0), None);
        assert_eq!(paren_start("  (X)", 2), None);
    }
}
