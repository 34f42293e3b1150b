//! The registry entries the roles twin reads, looked up once per registry (`Rules`,
//! `installed`).

use std::sync::{Arc, RwLock};

use memchr::memmem::Finder;

use crate::pyre::Rx;
use crate::registry::{self, Registry, WordMap, WordSet};

/// The patterns, tuples and word lists of `roles.py` (and `relations.py`) the rules
/// read, looked up once per call rather than once per use
pub struct Rules<'r> {
    pub derived: &'r Rx,
    pub size_suffix: &'r Rx,
    pub background: &'r Rx,
    pub builds_on_clause: &'r Rx,
    pub built_from: &'r Rx,
    pub built_on: &'r Rx,
    pub class_after_compare: &'r Rx,
    pub clause_break: &'r Rx,
    pub compared_with: &'r Rx,
    pub compare_low: &'r Rx,
    pub cue_scan: &'r Rx,
    pub dataset_list: &'r Rx,
    pub device_count: &'r Rx,
    pub does_away: &'r Rx,
    pub enumerated: &'r Rx,
    pub example_of: &'r Rx,
    pub fronted_our: &'r Rx,
    pub future: &'r Rx,
    pub general_claim: &'r Rx,
    pub hardware_resource: &'r Rx,
    pub in_this_paper: &'r Rx,
    pub limits_of: &'r Rx,
    pub means_before: &'r Rx,
    pub name_split: &'r Rx,
    pub not_used: &'r Rx,
    pub novel_appositive: &'r Rx,
    pub np_ends: &'r Rx,
    pub numbered: &'r Rx,
    pub on_across_before: &'r Rx,
    pub on_before: &'r Rx,
    pub our: &'r Rx,
    pub our_name: &'r Rx,
    pub over_after: &'r Rx,
    pub over_quantity: &'r Rx,
    pub own: &'r Rx,
    pub own_after: &'r Rx,
    pub own_parts: &'r Rx,
    pub prior_before: &'r Rx,
    pub prior_work: &'r Rx,
    pub propose_before: &'r Rx,
    pub propose_verb: &'r Rx,
    pub repo: &'r Rx,
    pub resource_after: &'r Rx,
    pub run_before: &'r Rx,
    pub settings_before_colon: &'r Rx,
    pub than_quantity: &'r Rx,
    pub this_named: &'r Rx,
    pub trained_on: &'r Rx,
    pub unlike_which: &'r Rx,
    pub use_strong: &'r Rx,
    pub we: &'r Rx,
    pub we_name_it: &'r Rx,
    pub workload_before: &'r Rx,
    pub analogy_openers: &'r [String],
    pub apposition_starts: &'r [String],
    pub built_from_words: &'r [String],
    pub built_on_words: &'r [String],
    pub compared_words: &'r [String],
    pub dataset_list_words: &'r [String],
    pub future_words: &'r [String],
    pub implemented_after: &'r [String],
    pub likened: &'r [String],
    pub limits_words: &'r [String],
    pub no_prefixes: &'r [String],
    pub over_medium: &'r [String],
    pub own_after_starts: &'r [String],
    pub prior_words: &'r [String],
    pub product_after: &'r [String],
    pub test_verbs: &'r [String],
    pub than_not_compared: &'r [String],
    pub this_named_words: &'r [String],
    pub trained_words: &'r [String],
    pub unlike_words: &'r [String],
    pub we_name_it_words: &'r [String],
    pub propose_rules: &'r WordSet,
    pub cue_group: &'r WordMap,
    /// `_CUE_PREFIXES["own"]`, `["not_used"]`, `["use"]`
    pub own_prefixes: &'r [String],
    pub not_used_prefixes: &'r [String],
    pub use_prefixes: &'r [String],
    /// `_CUE_SCAN` as a trie of `_CUE_GROUP`'s words, when the pattern is the
    /// alternation of those words that `roles._alternation` makes (else None: the
    /// pattern runs)
    pub cue_trie: Option<CueTrie>,
    /// searchers for the literals the rules look for in the whole lowered text
    pub finders: Finders,
}

/// Searchers for the literals of `rare_cues` and `proposed_groups`, made once
pub struct Finders {
    pub free: Finder<'static>,
    pub no: Finder<'static>,
    pub hardware: Finder<'static>,
    pub novel: Finder<'static>,
    pub github: Finder<'static>,
}

impl Finders {
    fn new() -> Finders {
        Finders {
            free: Finder::new(b"-free"),
            no: Finder::new(b"no-"),
            hardware: Finder::new(b"hardware"),
            novel: Finder::new(b"novel "),
            github: Finder::new(b"github.com/"),
        }
    }
}

/// The cue kinds, in the order of `Cues`' fields
pub const CUE_KINDS: [&str; 7] = ["compare", "verb", "not_used", "use", "own", "away", "claim"];

/// The words of `_CUE_GROUP` in a trie over bytes, each word's end holding its kind:
/// at a word start, the longest word there is the one `_CUE_SCAN`'s alternation takes
/// (its alternatives are factored by first letter, each longer word tried before a
/// shorter one it extends)
pub struct CueTrie {
    /// a byte's column in `next` (0: in no word), a non-word byte's that of a space
    /// (the scan reads the text as translated)
    class: [u8; 256],
    /// whether a byte is a word byte (alphanumeric or `_`), which `_NON_WORD_TO_SPACE`
    /// keeps
    word: [bool; 256],
    width: usize,
    /// node * width + class -> child node (0: none; column 0 is all none)
    next: Vec<u16>,
    /// per node: the kind (index in `CUE_KINDS`) + 1 of the word ending there, or 0
    term: Vec<u8>,
}

impl CueTrie {
    /// The trie of `group`'s words if `scan` is `" (?=(" + _alternation(words) + "))"`
    /// and every word's kind is known
    fn new(scan: &Rx, group: &WordMap) -> Option<CueTrie> {
        let mut words: Vec<&str> = group.keys().map(String::as_str).collect();
        words.sort_unstable();
        if !scan.is(&format!(" (?=({}))", alternation(&words))) {
            return None;
        }
        let mut word = [false; 256];
        for (c, w) in word.iter_mut().enumerate() {
            *w = (c as u8).is_ascii_alphanumeric() || c == b'_' as usize;
        }
        let mut class = [0u8; 256];
        let mut width = 1;
        for w in &words {
            for &c in w.as_bytes() {
                if class[c as usize] == 0 {
                    class[c as usize] = u8::try_from(width).ok()?;
                    width += 1;
                }
            }
        }
        // the translation: a non-word byte reads as a space (ASCII; the text is plain)
        let space = class[b' ' as usize];
        let mut read = class;
        for c in 0..128 {
            if !word[c] {
                read[c] = space;
            }
        }
        let mut trie = CueTrie {
            class: read,
            word,
            width,
            next: vec![0; width],
            term: vec![0],
        };
        for w in &words {
            let kind = group.get(*w)?.first()?;
            let k = CUE_KINDS.iter().position(|c| c == kind)?;
            let mut node = 0usize;
            for &c in w.as_bytes() {
                let at = node * width + class[c as usize] as usize;
                if trie.next[at] == 0 {
                    let new = trie.term.len();
                    trie.next[at] = u16::try_from(new).ok()?;
                    trie.term.push(0);
                    trie.next.extend(std::iter::repeat_n(0, width));
                }
                node = trie.next[at] as usize;
            }
            trie.term[node] = k as u8 + 1;
        }
        Some(trie)
    }

    /// `_CUE_SCAN.finditer(" " + low.translate(_NON_WORD_TO_SPACE))` on plain `low`:
    /// (offset, kind index) of each hit, in order. A hit's offset is where its word
    /// starts in `low`: after a non-word byte (a space once translated) or at 0.
    pub fn scan(&self, low: &[u8], mut hit: impl FnMut(usize, usize)) {
        let (next, term, width) = (&self.next[..], &self.term[..], self.width);
        let n = low.len();
        // p: a word start (0, or just after a non-word byte)
        let mut p = 0;
        while p < n {
            let mut node = next[self.class[low[p] as usize] as usize] as usize;
            if node != 0 {
                let mut best = term[node];
                for &d in &low[p + 1..] {
                    node = next[node * width + self.class[d as usize] as usize] as usize;
                    if node == 0 {
                        break;
                    }
                    if term[node] != 0 {
                        best = term[node];
                    }
                }
                if best != 0 {
                    hit(p, best as usize - 1);
                }
            }
            // past the word starting at p (none if low[p] is a non-word byte) and the
            // non-word byte ending it: the next start
            let mut q = p;
            while q < n && self.word[low[q] as usize] {
                q += 1;
            }
            p = q + 1;
        }
    }
}

/// `re.escape(s)`
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `roles._alternation(words)` (`words` sorted)
fn alternation(words: &[&str]) -> String {
    let mut heads: Vec<(&str, Vec<&str>)> = Vec::new();
    for w in words {
        let cut = w.chars().next().map_or(0, char::len_utf8);
        let (head, rest) = w.split_at(cut);
        match heads.last_mut() {
            Some((h, rests)) if *h == head => rests.push(rest),
            _ => heads.push((head, vec![rest])),
        }
    }
    let mut alts = Vec::new();
    for (head, rests) in &heads {
        if head.is_empty() {
            continue;
        }
        let rest = if rests.iter().any(|r| !r.is_empty()) {
            alternation(rests)
        } else {
            String::new()
        };
        let opt = !rest.is_empty() && rests.contains(&"");
        alts.push(if opt {
            format!("{}(?:{rest})?", escape(head))
        } else {
            format!("{}{rest}", escape(head))
        });
    }
    if alts.len() == 1 {
        alts.pop().expect("one")
    } else {
        format!("(?:{})", alts.join("|"))
    }
}

/// The `Rules` of the installed registry `reg`, made once per registry (None when `reg`
/// is not the installed one). The registry it borrows is kept for good, as
/// `entity_typing::installed` keeps its own.
pub fn installed(reg: &Registry) -> Option<&'static Rules<'static>> {
    static CACHE: RwLock<Option<(usize, &'static Rules<'static>)>> = RwLock::new(None);
    let key = reg as *const Registry as usize;
    if let Some((k, rules)) = *CACHE.read().expect("roles cache lock") {
        if k == key {
            return Some(rules);
        }
    }
    let current = registry::registry();
    if Arc::as_ptr(&current) as usize != key {
        return None;
    }
    let kept: &'static Arc<Registry> = Box::leak(Box::new(current));
    let rules: &'static Rules<'static> = Box::leak(Box::new(Rules::new(kept)));
    *CACHE.write().expect("roles cache lock") = Some((key, rules));
    Some(rules)
}

impl<'r> Rules<'r> {
    pub fn new(reg: &'r Registry) -> Rules<'r> {
        let prefixes = reg.map("roles._CUE_PREFIXES");
        let kind = |k: &str| -> &'r [String] {
            prefixes
                .get(k)
                .unwrap_or_else(|| panic!("kg_native: no cue kind {k}"))
        };
        Rules {
            derived: reg.rx("relations._DERIVED"),
            size_suffix: reg.rx("relations._SIZE_SUFFIX"),
            background: reg.rx("roles._BACKGROUND"),
            builds_on_clause: reg.rx("roles._BUILDS_ON_CLAUSE"),
            built_from: reg.rx("roles._BUILT_FROM"),
            built_on: reg.rx("roles._BUILT_ON"),
            class_after_compare: reg.rx("roles._CLASS_AFTER_COMPARE"),
            clause_break: reg.rx("roles._CLAUSE_BREAK"),
            compared_with: reg.rx("roles._COMPARED_WITH"),
            compare_low: reg.rx("roles._COMPARE_LOW"),
            cue_scan: reg.rx("roles._CUE_SCAN"),
            dataset_list: reg.rx("roles._DATASET_LIST"),
            device_count: reg.rx("roles._DEVICE_COUNT"),
            does_away: reg.rx("roles._DOES_AWAY"),
            enumerated: reg.rx("roles._ENUMERATED"),
            example_of: reg.rx("roles._EXAMPLE_OF"),
            fronted_our: reg.rx("roles._FRONTED_OUR"),
            future: reg.rx("roles._FUTURE"),
            general_claim: reg.rx("roles._GENERAL_CLAIM"),
            hardware_resource: reg.rx("roles._HARDWARE_RESOURCE"),
            in_this_paper: reg.rx("roles._IN_THIS_PAPER"),
            limits_of: reg.rx("roles._LIMITS_OF"),
            means_before: reg.rx("roles._MEANS_BEFORE"),
            name_split: reg.rx("roles._NAME_SPLIT"),
            not_used: reg.rx("roles._NOT_USED"),
            novel_appositive: reg.rx("roles._NOVEL_APPOSITIVE"),
            np_ends: reg.rx("roles._NP_ENDS"),
            numbered: reg.rx("roles._NUMBERED"),
            on_across_before: reg.rx("roles._ON_ACROSS_BEFORE"),
            on_before: reg.rx("roles._ON_BEFORE"),
            our: reg.rx("roles._OUR"),
            our_name: reg.rx("roles._OUR_NAME"),
            over_after: reg.rx("roles._OVER_AFTER"),
            over_quantity: reg.rx("roles._OVER_QUANTITY"),
            own: reg.rx("roles._OWN"),
            own_after: reg.rx("roles._OWN_AFTER"),
            own_parts: reg.rx("roles._OWN_PARTS"),
            prior_before: reg.rx("roles._PRIOR_BEFORE"),
            prior_work: reg.rx("roles._PRIOR_WORK"),
            propose_before: reg.rx("roles._PROPOSE_BEFORE"),
            propose_verb: reg.rx("roles._PROPOSE_VERB"),
            repo: reg.rx("roles._REPO"),
            resource_after: reg.rx("roles._RESOURCE_AFTER"),
            run_before: reg.rx("roles._RUN_BEFORE"),
            settings_before_colon: reg.rx("roles._SETTINGS_BEFORE_COLON"),
            than_quantity: reg.rx("roles._THAN_QUANTITY"),
            this_named: reg.rx("roles._THIS_NAMED"),
            trained_on: reg.rx("roles._TRAINED_ON"),
            unlike_which: reg.rx("roles._UNLIKE_WHICH"),
            use_strong: reg.rx("roles._USE_STRONG"),
            we: reg.rx("roles._WE"),
            we_name_it: reg.rx("roles._WE_NAME_IT"),
            workload_before: reg.rx("roles._WORKLOAD_BEFORE"),
            analogy_openers: reg.seq("roles._ANALOGY_OPENERS"),
            apposition_starts: reg.seq("roles._APPOSITION_STARTS"),
            built_from_words: reg.seq("roles._BUILT_FROM_WORDS"),
            built_on_words: reg.seq("roles._BUILT_ON_WORDS"),
            compared_words: reg.seq("roles._COMPARED_WORDS"),
            dataset_list_words: reg.seq("roles._DATASET_LIST_WORDS"),
            future_words: reg.seq("roles._FUTURE_WORDS"),
            implemented_after: reg.seq("roles._IMPLEMENTED_AFTER"),
            likened: reg.seq("roles._LIKENED"),
            limits_words: reg.seq("roles._LIMITS_WORDS"),
            no_prefixes: reg.seq("roles._NO_PREFIXES"),
            over_medium: reg.seq("roles._OVER_MEDIUM"),
            own_after_starts: reg.seq("roles._OWN_AFTER_STARTS"),
            prior_words: reg.seq("roles._PRIOR_WORDS"),
            product_after: reg.seq("roles._PRODUCT_AFTER"),
            test_verbs: reg.seq("roles._TEST_VERBS"),
            than_not_compared: reg.seq("roles._THAN_NOT_COMPARED"),
            this_named_words: reg.seq("roles._THIS_NAMED_WORDS"),
            trained_words: reg.seq("roles._TRAINED_WORDS"),
            unlike_words: reg.seq("roles._UNLIKE_WORDS"),
            we_name_it_words: reg.seq("roles._WE_NAME_IT_WORDS"),
            propose_rules: reg.words("roles._PROPOSE_RULES"),
            cue_group: reg.map("roles._CUE_GROUP"),
            own_prefixes: kind("own"),
            not_used_prefixes: kind("not_used"),
            use_prefixes: kind("use"),
            cue_trie: CueTrie::new(reg.rx("roles._CUE_SCAN"), reg.map("roles._CUE_GROUP")),
            finders: Finders::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternation_is_pythons() {
        let mut words = vec![
            "us", "using", "usually", "on par", "on top", "beat", "build", "built", "a-b", "x",
        ];
        words.sort_unstable();
        assert_eq!(
            alternation(&words),
            r"(?:a\-b|b(?:eat|uil(?:d|t))|on\ (?:par|top)|us(?:(?:ing|ually))?|x)"
        );
        assert_eq!(alternation(&["ab", "abc", "abd"]), "ab(?:(?:c|d))?");
    }

    #[test]
    fn the_trie_takes_the_longest_word_as_the_scan_does() {
        let group: WordMap = [
            ("us", "use"),
            ("using", "use"),
            ("usually", "claim"),
            ("on par", "compare"),
            ("we", "own"),
        ]
        .iter()
        .map(|(w, k)| (w.to_string(), vec![k.to_string()]))
        .collect();
        let mut words: Vec<&str> = group.keys().map(String::as_str).collect();
        words.sort_unstable();
        let pattern = format!(" (?=({}))", alternation(&words));
        let scan = Rx::new(&pattern, 32).expect("compiles");
        let trie = CueTrie::new(&scan, &group).expect("the pattern is the alternation");
        let low = "usuall us, using we-on.par_x on  par usually wex (us)";
        let mut hits = Vec::new();
        trie.scan(low.as_bytes(), |at, k| hits.push((at, CUE_KINDS[k])));
        let spaced: String = std::iter::once(' ')
            .chain(low.chars().map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' {
                    c
                } else {
                    ' '
                }
            }))
            .collect();
        let want: Vec<(usize, &str)> = scan
            .finditer(&spaced, 0, spaced.len())
            .map(|h| (h.start(), group[h.str(&spaced, 1)][0].as_str()))
            .map(|(at, k)| (at, *CUE_KINDS.iter().find(|c| **c == k).unwrap()))
            .collect();
        assert_eq!(hits, want);
        assert!(hits.len() >= 6, "{hits:?}");
        let other = Rx::new(" (?=(us|using))", 32).expect("compiles");
        assert!(CueTrie::new(&other, &group).is_none());
    }
}
