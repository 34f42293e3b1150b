//! Python `re` patterns run by PCRE2 (JIT-compiled), with Python's semantics on plain text.
//!
//! The native core only ever sees *plain* texts (ASCII, no `\x1c`-`\x1f`; see
//! `kg/extract/native.py`), where Python's Unicode classes (`\w`, `\d`, `\s`, `\b`) and
//! PCRE2's ASCII ones agree. Both are backtracking engines trying alternatives in
//! order, with the same lookarounds, atomic groups, possessive quantifiers and `$`
//! (also before a final newline). What differs is a little syntax, translated here
//! once per pattern: Python's `\Z` is the very end (PCRE2's `\z`), and `{,n}` means
//! `{0,n}`. Offsets are byte offsets, which on plain text are Python's character
//! offsets.

use std::sync::Mutex;

use pcre2::bytes::{CaptureLocations, Regex, RegexBuilder};

/// Python's `re` flag bits that the translation understands.
pub const IGNORECASE: u32 = 2;
pub const MULTILINE: u32 = 8;
pub const DOTALL: u32 = 16;
pub const UNICODE: u32 = 32;
pub const VERBOSE: u32 = 64;

/// A compiled regex with its match buffer: PCRE2 match data are allocated once per
/// pattern and reused, not created for every search.
struct Engine {
    re: Regex,
    pool: Mutex<Vec<CaptureLocations>>,
}

impl Engine {
    fn new(re: Regex) -> Engine {
        Engine {
            re,
            pool: Mutex::new(Vec::new()),
        }
    }
}

/// A compiled Python pattern.
pub struct Rx {
    re: Engine,
    /// the same pattern behind `\G`: a match that must start where the search starts
    anchored: Engine,
    /// the same pattern between `\G` and `\z`: Python's `fullmatch`
    full: Engine,
    pub pattern: String,
    /// the Python flags it was compiled with
    pub flags: u32,
}

/// The pattern with Python's syntax rewritten for PCRE2.
pub fn translate(pattern: &str, flags: u32) -> Result<String, String> {
    let known = IGNORECASE | MULTILINE | DOTALL | UNICODE | VERBOSE;
    if flags & !known != 0 {
        return Err(format!("unsupported re flags {flags:#x}"));
    }
    let mut out = String::with_capacity(pattern.len() + 16);
    if flags & IGNORECASE != 0 {
        out.push_str("(?i)");
    }
    if flags & DOTALL != 0 {
        out.push_str("(?s)");
    }
    if flags & VERBOSE != 0 {
        out.push_str("(?x)");
    }
    if flags & MULTILINE != 0 {
        out.push_str("(?m)");
    }
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            let n = chars[i + 1];
            if n == 'Z' && !in_class {
                out.push_str("\\z");
            } else if n == 'u' || n == 'U' {
                // "\u00d7": PCRE2 spells a code point "\x{00d7}"
                let width = if n == 'u' { 4 } else { 8 };
                let hex: String = chars.iter().skip(i + 2).take(width).collect();
                out.push_str(&format!("\\x{{{hex}}}"));
                i += 2 + width;
                continue;
            } else {
                out.push(c);
                out.push(n);
            }
            i += 2;
            continue;
        }
        if in_class {
            if c == ']' {
                in_class = false;
            }
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '[' => {
                in_class = true;
                out.push(c);
                // "[]" and "[^]": a first "]" is a literal in Python
                if i + 1 < chars.len() && chars[i + 1] == '^' {
                    out.push('^');
                    i += 1;
                }
                if i + 1 < chars.len() && chars[i + 1] == ']' {
                    out.push_str("\\]");
                    i += 1;
                }
            }
            '{' if i + 1 < chars.len() && chars[i + 1] == ',' => out.push_str("{0"),
            _ => out.push(c),
        }
        i += 1;
    }
    Ok(out)
}

/// How many groups a `Caps` holds without a heap allocation
const INLINE_GROUPS: usize = 8;

/// The groups of one match: `get(g)` is group `g`'s span, as `m.span(g)` (None when
/// the group did not take part). The first groups are kept inline: a match allocates
/// nothing unless its pattern has more groups.
pub struct Caps {
    n: usize,
    inline: [Option<(usize, usize)>; INLINE_GROUPS],
    more: Vec<Option<(usize, usize)>>,
}

impl Caps {
    fn of(locs: &CaptureLocations) -> Caps {
        let n = locs.len();
        let mut inline = [None; INLINE_GROUPS];
        for (g, slot) in inline.iter_mut().enumerate().take(n) {
            *slot = locs.get(g);
        }
        let more = (INLINE_GROUPS..n).map(|g| locs.get(g)).collect();
        Caps { n, inline, more }
    }
    pub fn get(&self, g: usize) -> Option<(usize, usize)> {
        if g >= self.n {
            None
        } else if g < INLINE_GROUPS {
            self.inline[g]
        } else {
            self.more[g - INLINE_GROUPS]
        }
    }
    pub fn start(&self) -> usize {
        self.get(0).expect("group 0").0
    }
    pub fn end(&self) -> usize {
        self.get(0).expect("group 0").1
    }
    /// `m.group(g)`, or "" when the group did not take part
    pub fn str<'t>(&self, text: &'t str, g: usize) -> &'t str {
        self.get(g).map_or("", |(s, e)| &text[s..e])
    }
    pub fn len(&self) -> usize {
        self.n
    }
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
}

impl Rx {
    pub fn new(pattern: &str, flags: u32) -> Result<Rx, String> {
        let translated = translate(pattern, flags)?;
        let build = |p: &str| {
            RegexBuilder::new()
                .jit_if_available(true)
                .build(p)
                .map_err(|e| format!("{e}"))
        };
        let re = Engine::new(build(&translated)?);
        let anchored = Engine::new(build(&format!("\\G(?:{translated})"))?);
        let full = Engine::new(build(&format!("\\G(?:{translated})\\z"))?);
        Ok(Rx {
            re,
            anchored,
            full,
            pattern: pattern.to_string(),
            flags,
        })
    }

    fn run(engine: &Engine, text: &str, pos: usize, endpos: usize) -> Option<Caps> {
        #[cfg(feature = "profile")]
        let _timer = profile::Timer::new(engine);
        let end = endpos.min(text.len());
        if pos > end {
            return None;
        }
        // one lock around the match (a match never runs another on the same engine);
        // another thread matching the same pattern waits
        let mut pool = engine.pool.lock().unwrap_or_else(|e| e.into_inner());
        if pool.is_empty() {
            pool.push(engine.re.capture_locations());
        }
        let locs = &mut pool[0];
        let found = matches!(
            engine
                .re
                .captures_read_at(locs, &text.as_bytes()[..end], pos),
            Ok(Some(_))
        );
        found.then(|| Caps::of(locs))
    }

    /// `rx.search(text, pos, endpos)`
    pub fn search(&self, text: &str, pos: usize, endpos: usize) -> Option<Caps> {
        Self::run(&self.re, text, pos, endpos)
    }

    /// `rx.match(text, pos, endpos)`: a match starting at `pos`
    pub fn match_at(&self, text: &str, pos: usize, endpos: usize) -> Option<Caps> {
        Self::run(&self.anchored, text, pos, endpos)
    }

    /// `rx.fullmatch(text, pos, endpos)`: a match from `pos` to `endpos` exactly (the
    /// engine backtracks into other alternatives to reach the end, as Python's does)
    pub fn fullmatch(&self, text: &str, pos: usize, endpos: usize) -> Option<Caps> {
        Self::run(&self.full, text, pos, endpos)
    }

    /// `bool(rx.fullmatch(s))` over a whole string
    pub fn is_fullmatch(&self, s: &str) -> bool {
        self.full.re.is_match(s.as_bytes()).unwrap_or(false)
    }

    /// Whether this is the Python pattern `pattern` with no flag but `re.UNICODE` (a
    /// str pattern's default): for rules that read a pattern by hand, and fall back on
    /// the pattern itself once it changes
    pub fn is(&self, pattern: &str) -> bool {
        self.pattern == pattern && self.flags & !UNICODE == 0
    }

    /// `rx.finditer(text, pos, endpos)`
    pub fn finditer<'r, 't>(
        &'r self,
        text: &'t str,
        pos: usize,
        endpos: usize,
    ) -> FindIter<'r, 't> {
        let end = endpos.min(text.len());
        FindIter {
            rx: self,
            text: &text[..end],
            pos,
        }
    }

    /// `bool(rx.search(s))` over a whole string
    pub fn is_search(&self, s: &str) -> bool {
        self.re.re.is_match(s.as_bytes()).unwrap_or(false)
    }

    /// `bool(rx.match(s))` over a whole string
    pub fn is_match(&self, s: &str) -> bool {
        self.anchored.re.is_match(s.as_bytes()).unwrap_or(false)
    }
}

pub struct FindIter<'r, 't> {
    rx: &'r Rx,
    text: &'t str,
    pos: usize,
}

impl<'r, 't> Iterator for FindIter<'r, 't> {
    type Item = Caps;

    /// The next match from where the last one ended; after an empty match the search
    /// moves on one character (Python would first try a longer match at the same start,
    /// which no pattern of kg's can have)
    fn next(&mut self) -> Option<Caps> {
        let caps = Rx::run(&self.rx.re, self.text, self.pos, self.text.len())?;
        self.pos = if caps.start() == caps.end() {
            caps.end() + 1
        } else {
            caps.end()
        };
        Some(caps)
    }
}

/// Time spent in each pattern (`--features profile`, for finding slow patterns)
#[cfg(feature = "profile")]
pub mod profile {
    use std::collections::HashMap;
    use std::sync::Mutex;
    use std::time::Instant;

    pub static TIMES: Mutex<Option<HashMap<String, (u128, u64)>>> = Mutex::new(None);

    pub struct Timer {
        name: String,
        start: Instant,
    }

    impl Timer {
        pub(super) fn new(engine: &super::Engine) -> Timer {
            Timer {
                name: engine.re.as_str().to_string(),
                start: Instant::now(),
            }
        }
    }

    impl Drop for Timer {
        fn drop(&mut self) {
            let ns = self.start.elapsed().as_nanos();
            let mut t = TIMES.lock().unwrap();
            let e = t
                .get_or_insert_with(HashMap::new)
                .entry(self.name.clone())
                .or_insert((0, 0));
            e.0 += ns;
            e.1 += 1;
        }
    }
}
