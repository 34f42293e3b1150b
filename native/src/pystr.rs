//! Python's `str` predicates and helpers, for plain (ASCII) text.

/// `s.isupper()`: some cased character, and none lower case
pub fn isupper(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().any(|c| c.is_ascii_uppercase()) && !b.iter().any(|c| c.is_ascii_lowercase())
}

/// `s.islower()`
pub fn islower(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().any(|c| c.is_ascii_lowercase()) && !b.iter().any(|c| c.is_ascii_uppercase())
}

/// `s.isalpha()`
pub fn isalpha(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| c.is_ascii_alphabetic())
}

/// `s.isdigit()`
pub fn isdigit(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit())
}

/// `s.isalnum()`
pub fn isalnum(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| c.is_ascii_alphanumeric())
}

/// `s.isspace()`
pub fn isspace(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_space_byte)
}

/// `c.isspace()` for one ASCII character
pub fn is_space_byte(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0x1c..=0x1f)
}

/// `c.isalnum() or c == "_"` (`\w`) for one ASCII character
pub fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// `s.split()`: runs of non-whitespace
pub fn split_ws(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_ascii() && is_space_byte(c as u8))
        .filter(|w| !w.is_empty())
}

/// `text.find(sub, start, end)`, or None for -1
pub fn find(text: &str, sub: &str, start: usize, end: usize) -> Option<usize> {
    let end = end.min(text.len());
    if start > end {
        return None;
    }
    let hay = &text.as_bytes()[start..end];
    match sub.as_bytes() {
        [c] => memchr::memchr(*c, hay),
        needle => memchr::memmem::find(hay, needle),
    }
    .map(|i| i + start)
}

/// `sub in text`
pub fn contains(text: &str, sub: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), sub.as_bytes()).is_some()
}

/// `text.rfind(sub, start, end)`, or None for -1
pub fn rfind(text: &str, sub: &str, start: usize, end: usize) -> Option<usize> {
    let end = end.min(text.len());
    if start > end {
        return None;
    }
    let hay = &text.as_bytes()[start..end];
    match sub.as_bytes() {
        [c] => memchr::memrchr(*c, hay),
        needle => memchr::memmem::rfind(hay, needle),
    }
    .map(|i| i + start)
}

/// `text[start:end]` with Python's negative offsets and clamping
pub fn slice(text: &str, start: i64, end: i64) -> &str {
    let n = text.len() as i64;
    let fix = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    let (s, e) = (fix(start), fix(end));
    if s >= e {
        ""
    } else {
        &text[s as usize..e as usize]
    }
}

/// `text[s - 2 : s] in breaks`: the two characters before `s` are one of `breaks`
/// (a slice that starts before the text is empty or short, never a two-character break)
pub fn two_before_in(text: &str, s: usize, breaks: &[String]) -> bool {
    s >= 2 && breaks.iter().any(|b| b.as_str() == &text[s - 2..s])
}

/// `s.rstrip()`
pub fn rstrip(s: &str) -> &str {
    s.trim_end_matches(|c: char| c.is_ascii() && is_space_byte(c as u8))
}

/// `s.strip()`
pub fn strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_ascii() && is_space_byte(c as u8))
}

/// Whether `text` is plain: ASCII, none of the separators `\x1c`-`\x1f` (which
/// Python's `\s` counts as whitespace and PCRE2's does not)
pub fn plain(text: &str) -> bool {
    text.bytes()
        .all(|c| c.is_ascii() && !(0x1c..=0x1f).contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predicates_follow_python() {
        assert!(isupper("GPT-3") && !isupper("123") && !isupper("GPt"));
        assert!(islower("abc-1") && !islower("1"));
        assert!(isalpha("Abc") && !isalpha("") && !isalpha("A1"));
        assert_eq!(
            split_ws("  a b\t c ").collect::<Vec<_>>(),
            vec!["a", "b", "c"]
        );
        assert_eq!(find("abcabc", "c", 3, 6), Some(5));
        assert_eq!(rfind("abcabc", "a", 0, 3), Some(0));
        assert!(plain("abc\n") && !plain("a\u{3b5}") && !plain("a\x1cb"));
        assert_eq!(slice("abcdef", -2, 6), "ef");
        assert_eq!(slice("abcdef", 4, -1), "e");
        assert_eq!(slice("abc", -5, 1), "a");
        assert_eq!(slice("abc", 2, 1), "");
        assert_eq!(slice("abcdef", -3, 6), "def");
        assert_eq!(slice("ab", -3, 2), "ab");
        assert_eq!(slice("abcdef", 4, 2), "");
        assert_eq!(slice("abc", 1, 10), "bc");
        let breaks = vec![". ".to_string()];
        assert!(two_before_in("x. Foo", 3, &breaks) && !two_before_in("Foo", 0, &breaks));
    }
}
