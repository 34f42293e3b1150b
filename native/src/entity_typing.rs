//! Twin of `kg/extract/entity_typing.py`: `assign_types` and everything it calls
//! (`shape_type`, `head_noun_type`, `context_signals`, `_context_type`,
//! `_title_definition`, ...), for plain text.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::PyString;
use rustc_hash::FxBuildHasher;

use crate::pyre::Rx;
use crate::pystr;
use crate::registry::{self, Registry, WordMap, WordSet};
use crate::state::Mention;

/// `kg.ontology.EntityType`
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ty {
    Method,
    System,
    Hardware,
    Dataset,
    Model,
}

use Ty::{Dataset, Hardware, Method, Model, System};

impl Ty {
    /// The enum member's value
    pub fn value(self) -> &'static str {
        match self {
            Method => "Method",
            System => "System",
            Hardware => "Hardware",
            Dataset => "Dataset",
            Model => "Model",
        }
    }

    /// The member of a value (`EntityType(value)`)
    pub fn from_value(value: &str) -> Option<Ty> {
        Some(match value {
            "Method" => Method,
            "System" => System,
            "Hardware" => Hardware,
            "Dataset" => Dataset,
            "Model" => Model,
            _ => return None,
        })
    }
}

/// A `_BEFORE` rule as Python reads it: pattern name, type value, weight, rule
pub type BeforeRow = (&'static str, &'static str, f64, &'static str);

/// A type signal: type, weight, rule
pub type Signal = (Ty, f64, &'static str);

/// The groups of `_BEFORE` (the words before a name): the module-level names of the
/// cue words and of each pattern, with its type, weight and rule, in the Python order.
/// `tests/unit/extract/test_native_typing.py` checks it against `_BEFORE`.
pub type BeforeGroup = (
    &'static str,
    &'static [(&'static str, Ty, f64, &'static str)],
);
pub const BEFORE: &[BeforeGroup] = &[
    (
        "entity_typing._IMPLEMENTED_CUES",
        &[
            (
                "entity_typing._IMPLEMENTED_IN",
                System,
                2.0,
                "implemented_in_context",
            ),
            (
                "entity_typing._IMPLEMENT_X_IN",
                System,
                2.0,
                "implemented_in_context",
            ),
        ],
    ),
    (
        "entity_typing._PLUGIN_CUES",
        &[("entity_typing._PLUGIN_FOR", System, 2.0, "plugin_context")],
    ),
    (
        "entity_typing._EVALUATED_CUES",
        &[(
            "entity_typing._EVALUATED_ON",
            Dataset,
            1.5,
            "evaluated_on_context",
        )],
    ),
    (
        "entity_typing._SCORE_CUES",
        &[("entity_typing._SCORE_ON", Dataset, 1.5, "score_on_context")],
    ),
    (
        "entity_typing._LIST_CUES",
        &[
            (
                "entity_typing._DATASET_LIST",
                Dataset,
                2.0,
                "dataset_list_context",
            ),
            (
                "entity_typing._MODEL_LIST",
                Model,
                1.5,
                "model_list_context",
            ),
            (
                "entity_typing._SYSTEM_LIST",
                System,
                1.5,
                "system_list_context",
            ),
        ],
    ),
    (
        "entity_typing._TRAINED_CUES",
        &[("entity_typing._TRAINED", Model, 1.2, "trained_context")],
    ),
];

/// `text[start:end]` with Python's clamping (offsets never negative here)
fn sl(text: &str, start: usize, end: usize) -> &str {
    let end = end.min(text.len());
    if start >= end {
        ""
    } else {
        &text[start..end]
    }
}

/// `s.rfind(sub, start, end)` with Python's negative `end`; -1 when not found
fn rfind_py(s: &str, sub: &str, start: usize, end: i64) -> i64 {
    let n = s.len() as i64;
    let end = if end < 0 {
        (end + n).max(0)
    } else {
        end.min(n)
    } as usize;
    pystr::rfind(s, sub, start, end).map_or(-1, |i| i as i64)
}

/// A mention as typing reads it (the fields of `state.Mention` that `assign_types` uses)
#[derive(Clone, Debug)]
pub struct TypingMention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub rule: String,
    /// discovery's type hint (or the vocabulary's type)
    pub type_: Option<Ty>,
    pub has_concept: bool,
    pub group: i64,
}

/// (a type that is no `EntityType` value reads as none)
impl From<&Mention> for TypingMention {
    fn from(m: &Mention) -> TypingMention {
        TypingMention {
            start: m.start,
            end: m.end,
            text: m.text.clone(),
            rule: m.rule.clone(),
            type_: m.type_.as_deref().and_then(Ty::from_value),
            has_concept: m.concept.is_some(),
            group: m.group,
        }
    }
}

/// What `assign_types` sets on one mention: its type's value and its `type_rule`
pub type Typed = (Option<&'static str>, &'static str);

/// What `assign_types` knows of a mention before it reads more: (group, whether it has
/// a concept, its type)
pub type Head = (i64, bool, Option<Ty>);

/// A `_BEFORE` group with its cue words and patterns looked up
type BeforeResolved<'r> = (&'r [String], Vec<(&'r Rx, Ty, f64, &'static str)>);

/// The patterns and word lists of `entity_typing`, looked up once (`installed`: once per
/// registry)
pub struct Typing<'r> {
    nouns: &'r WordMap,
    hardware_shape: &'r Rx,
    size: &'r Rx,
    dataset_shape: &'r Rx,
    model_family: &'r Rx,
    system_shape: &'r Rx,
    head_stop: &'r Rx,
    data_items: &'r WordSet,
    hardware_platform: &'r Rx,
    articles: &'r WordSet,
    links: &'r WordSet,
    modifier: &'r Rx,
    fronted: &'r Rx,
    count_words: &'r [String],
    count_before: &'r Rx,
    appositive: &'r Rx,
    determiners: &'r [String],
    not_a_noun_phrase: &'r Rx,
    model_after: &'r Rx,
    shared_head: &'r Rx,
    next_words: &'r Rx,
    before: Vec<BeforeResolved<'r>>,
    /// the cue words of `before`, found in one pass
    before_cues: CueWords,
    naming_endings: &'r [String],
    noun_before: &'r Rx,
    enclave_endings: &'r [String],
    subtitle_openers: &'r [String],
    /// `shape_type`'s answers by name (Python keeps them in an `lru_cache`)
    shapes: Mutex<Shapes>,
    /// `_NEXT_WORDS` is `NEXT_WORDS` (read by hand: `next_words`)
    next_words_known: bool,
    /// `_APPOSITIVE` is `APPOSITIVE` (`appositive_may_match` may say no)
    appositive_known: bool,
    /// `_SIZE` is `SIZE` (a name without a digit has no size)
    size_known: bool,
    /// `_MODEL_FAMILY` is `MODEL_FAMILY` (a name starts with one of its families)
    family_known: bool,
    /// `_SYSTEM_SHAPE` is `SYSTEM_SHAPE` (a name starts or ends with one of its words)
    system_known: bool,
}

/// `entity_typing._MODEL_FAMILY`: each match starts with one of `FAMILY_STARTS`
pub const MODEL_FAMILY: &str = r"^(?:GPT|BERT|RoBERTa|T5|LLaMA|Llama|OPT|Qwen|DeepSeek|Mistral|Mixtral|Gemma|Phi|Falcon|PaLM|Gemini|Claude|BLOOM|Vicuna|CLIP|Whisper|Chinchilla|Gopher|ResNet|ViT|Stable\s?Diffusion|DALL-E|Grok|InternLM|Baichuan|ChatGLM|GLM|Pythia|StarCoder|CodeLlama|o1|o3)(?:[-\s]?[\d.]+\w*|-\w+)*$";
const FAMILY_STARTS: [&str; 37] = [
    "GPT",
    "BERT",
    "RoBERTa",
    "T5",
    "LLaMA",
    "Llama",
    "OPT",
    "Qwen",
    "DeepSeek",
    "Mistral",
    "Mixtral",
    "Gemma",
    "Phi",
    "Falcon",
    "PaLM",
    "Gemini",
    "Claude",
    "BLOOM",
    "Vicuna",
    "CLIP",
    "Whisper",
    "Chinchilla",
    "Gopher",
    "ResNet",
    "ViT",
    "Stable",
    "DALL-E",
    "Grok",
    "InternLM",
    "Baichuan",
    "ChatGLM",
    "GLM",
    "Pythia",
    "StarCoder",
    "CodeLlama",
    "o1",
    "o3",
];

/// `entity_typing._SYSTEM_SHAPE`: each match starts with one of `SYSTEM_STARTS` or
/// ends (before `$`) with one of `SYSTEM_ENDS`
pub const SYSTEM_SHAPE: &str = r"^(?:Py[A-Z]\w*|PyTorch\w*|TensorFlow|JAX|CUDA|MPI|NCCL|Triton|TensorRT\S*|DeepSpeed\S*|Megatron\S*|vLLM|ONNX\S*|XLA|OpenMP|OpenCL|Kubernetes|Ray|Spark|Horovod|Colossal-?AI|\w+-LM|\w+DB|\w+Serve|Hugging\s?Face\s\w+|Transformers\slibrary)$";
const SYSTEM_STARTS: [&str; 22] = [
    "Py",
    "TensorFlow",
    "JAX",
    "CUDA",
    "MPI",
    "NCCL",
    "Triton",
    "TensorRT",
    "DeepSpeed",
    "Megatron",
    "vLLM",
    "ONNX",
    "XLA",
    "OpenMP",
    "OpenCL",
    "Kubernetes",
    "Ray",
    "Spark",
    "Horovod",
    "Colossal",
    "Hugging",
    "Transformers",
];
const SYSTEM_ENDS: [&str; 3] = ["-LM", "DB", "Serve"];

/// Whether `SYSTEM_SHAPE.match(name)` may succeed
fn system_may_match(name: &str) -> bool {
    // `$` also matches before a final newline
    let end = name.strip_suffix('\n').unwrap_or(name);
    SYSTEM_STARTS.iter().any(|s| name.starts_with(s))
        || SYSTEM_ENDS.iter().any(|e| end.ends_with(e))
}

/// `entity_typing._NEXT_WORDS`, as `next_words` reads it
pub const NEXT_WORDS: &str = r"\s([A-Za-z\-]+)(?:\s([A-Za-z\-]+))?";

/// `entity_typing._APPOSITIVE`, as `appositive_may_match` reads it
pub const APPOSITIVE: &str =
    r"^\)?\s*(?:,|:|\(|--?|—|\sis|\sare)\s*(?:(?:a|an|the|our|one|two|three|both)\b)?\s*(?=\S)";

/// `entity_typing._SIZE`: each match holds a digit
pub const SIZE: &str = r"(?:^|[\s\-_])\d+(?:\.\d+)?[BMT](?:-\w+)?$|-\d+(?:\.\d+)?[BM]\b";

/// `\s` on plain text
fn re_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// The end of the run of `[A-Za-z\-]` in `b` from `i`
fn letters_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i].is_ascii_alphabetic() || b[i] == b'-') {
        i += 1;
    }
    i
}

/// Groups of cue words (at most 64), found in a plain text in one pass: which groups
/// have a word in it (`any(c in text for c in cues)` for each group)
struct CueWords {
    /// per first and second byte (ASCII): the groups with a word of two or more bytes
    /// starting so
    pairs: Vec<u64>,
    /// per byte (ASCII): the groups with that one-byte word
    single: [u64; 128],
    /// the groups with an empty word (in every text)
    always: u64,
    /// (first two bytes as `pairs`' index, group, word) of the words of two or more
    /// ASCII bytes, in the order of their first two bytes
    words: Vec<(usize, usize, Box<[u8]>)>,
}

impl CueWords {
    fn new(groups: &[&[String]]) -> CueWords {
        assert!(groups.len() <= 64, "kg_native: too many cue groups");
        let mut cw = CueWords {
            pairs: vec![0; 128 * 128],
            single: [0; 128],
            always: 0,
            words: Vec::new(),
        };
        for (g, words) in groups.iter().enumerate() {
            for w in words.iter().map(|w| w.as_bytes()) {
                if !w.is_ascii() {
                    continue; // never in a plain text
                }
                match w {
                    [] => cw.always |= 1 << g,
                    [c] => cw.single[*c as usize] |= 1 << g,
                    [a, b, ..] => {
                        let pair = (*a as usize) << 7 | *b as usize;
                        cw.pairs[pair] |= 1 << g;
                        cw.words.push((pair, g, w.into()));
                    }
                }
            }
        }
        cw.words.sort_by_key(|w| w.0);
        cw
    }

    /// The groups with a word in `text` (plain), a bit each
    fn groups_in(&self, text: &[u8]) -> u64 {
        let mut found = self.always;
        for (i, &c) in text.iter().enumerate() {
            if c >= 0x80 {
                continue; // in no word (a plain text has none)
            }
            let c = c as usize;
            found |= self.single[c];
            let Some(&d) = text.get(i + 1) else {
                break;
            };
            if d >= 0x80 {
                continue;
            }
            let pair = c << 7 | d as usize;
            let open = self.pairs[pair] & !found;
            if open != 0 {
                let from = self.words.partition_point(|w| w.0 < pair);
                for (p, g, w) in &self.words[from..] {
                    if *p != pair {
                        break;
                    }
                    let rest = &text[i..];
                    if open >> g & 1 != 0
                        && rest.len() >= w.len()
                        && rest[2..w.len()].iter().zip(&w[2..]).all(|(x, y)| x == y)
                    {
                        found |= 1 << g;
                    }
                }
            }
        }
        found
    }
}

/// A group's span in a string
pub type Span = (usize, usize);

/// `NEXT_WORDS.match(after)`: the spans of its two groups (the second None when it
/// takes no part), or None. Both runs are greedy and the second is optional, so the
/// first takes all the letters it can and the second follows when a whitespace and a
/// letter do.
pub fn next_words(after: &str) -> Option<(Span, Option<Span>)> {
    let b = after.as_bytes();
    if !b.first().is_some_and(|&c| re_space(c)) {
        return None;
    }
    let e1 = letters_end(b, 1);
    if e1 == 1 {
        return None;
    }
    let second = if b.get(e1).is_some_and(|&c| re_space(c)) {
        let e2 = letters_end(b, e1 + 1);
        (e2 > e1 + 1).then_some((e1 + 1, e2))
    } else {
        None
    };
    Some(((1, e1), second))
}

/// Whether `APPOSITIVE.match(after)` may succeed: past an optional ")" and its
/// whitespace it takes ",", ":", "(", "-" or a dash, or "is" or "are" after a whitespace
pub fn appositive_may_match(after: &str) -> bool {
    let b = after.as_bytes();
    let k0 = usize::from(b.first() == Some(&b')'));
    let mut k = k0;
    while k < b.len() && re_space(b[k]) {
        k += 1;
    }
    match b.get(k) {
        None => false,
        Some(b',' | b':' | b'(' | b'-') => true,
        Some(&c) if c >= 0x80 => true,
        Some(_) => k > k0 && (b[k..].starts_with(b"is") || b[k..].starts_with(b"are")),
    }
}

/// `shape_type`'s answers by name
type Shapes = HashMap<String, Option<(Ty, f64)>, FxBuildHasher>;

/// How many names `shapes` keeps before it starts over
const SHAPES_KEPT: usize = 65536;

impl<'r> Typing<'r> {
    pub fn new(reg: &'r Registry) -> Typing<'r> {
        let rx = |name: &str| reg.rx(&format!("entity_typing.{name}"));
        let seq = |name: &str| reg.seq(&format!("entity_typing.{name}"));
        let words = |name: &str| reg.words(&format!("entity_typing.{name}"));
        Typing {
            nouns: reg.map("entity_typing._TYPING_NOUNS"),
            hardware_shape: rx("_HARDWARE_SHAPE"),
            size: rx("_SIZE"),
            dataset_shape: rx("_DATASET_SHAPE"),
            model_family: rx("_MODEL_FAMILY"),
            system_shape: rx("_SYSTEM_SHAPE"),
            head_stop: rx("_HEAD_STOP"),
            data_items: words("_DATA_ITEMS"),
            hardware_platform: rx("_HARDWARE_PLATFORM"),
            articles: words("_ARTICLES"),
            links: words("_LINK_WORDS"),
            modifier: rx("_MODIFIER"),
            fronted: rx("_FRONTED"),
            count_words: seq("_COUNT_WORDS"),
            count_before: rx("_COUNT_BEFORE"),
            appositive: rx("_APPOSITIVE"),
            determiners: seq("_DETERMINERS"),
            not_a_noun_phrase: rx("_NOT_A_NOUN_PHRASE"),
            model_after: rx("_MODEL_AFTER"),
            shared_head: rx("_SHARED_HEAD"),
            next_words: rx("_NEXT_WORDS"),
            before_cues: CueWords::new(
                &BEFORE
                    .iter()
                    .map(|&(cues, _)| reg.seq(cues))
                    .collect::<Vec<_>>(),
            ),
            before: BEFORE
                .iter()
                .map(|&(cues, rules)| {
                    let rules = rules
                        .iter()
                        .map(|&(name, t, w, rule)| (reg.rx(name), t, w, rule))
                        .collect();
                    (reg.seq(cues), rules)
                })
                .collect(),
            naming_endings: seq("_NAMING_ENDINGS"),
            noun_before: rx("_NOUN_BEFORE"),
            enclave_endings: seq("_ENCLAVE_ENDINGS"),
            subtitle_openers: seq("_SUBTITLE_OPENERS"),
            shapes: Mutex::new(HashMap::default()),
            next_words_known: rx("_NEXT_WORDS").is(NEXT_WORDS),
            appositive_known: rx("_APPOSITIVE").is(APPOSITIVE),
            size_known: rx("_SIZE").is(SIZE),
            family_known: rx("_MODEL_FAMILY").is(MODEL_FAMILY),
            system_known: rx("_SYSTEM_SHAPE").is(SYSTEM_SHAPE),
        }
    }

    /// `_TYPING_NOUNS.get(word)`
    pub fn typing_noun(&self, word: &str) -> Option<Ty> {
        self.nouns
            .get(word)
            .and_then(|v| v.first())
            .and_then(|v| Ty::from_value(v))
    }

    /// `shape_type(name)`, remembered
    pub fn shape_type(&self, name: &str) -> Option<(Ty, f64)> {
        let mut shapes = self.shapes.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&known) = shapes.get(name) {
            return known;
        }
        let shape = self.find_shape(name);
        if shapes.len() >= SHAPES_KEPT {
            shapes.clear();
        }
        shapes.insert(name.to_string(), shape);
        shape
    }

    /// `shape_type(name)`, worked out
    fn find_shape(&self, name: &str) -> Option<(Ty, f64)> {
        if let Some(i) = name.find("-aware ") {
            return self.find_shape(&name[i + "-aware ".len()..]);
        }
        if self.hardware_shape.is_match(name) {
            return Some((Hardware, 3.0));
        }
        let sized = if self.size_known && !name.bytes().any(|c| c.is_ascii_digit()) {
            false
        } else {
            self.size.is_search(name)
        };
        if sized {
            return Some((Model, 2.5));
        }
        if self.dataset_shape.is_search(name) {
            return Some((Dataset, 2.0));
        }
        let family = !self.family_known || FAMILY_STARTS.iter().any(|f| name.starts_with(f));
        if family && self.model_family.is_match(name) {
            return Some((Model, 2.0));
        }
        if (!self.system_known || system_may_match(name)) && self.system_shape.is_match(name) {
            return Some((System, 2.0));
        }
        None
    }

    /// `head_noun_type(phrase)`
    pub fn head_noun_type(&self, phrase: &str) -> Option<Ty> {
        let stop = self
            .head_stop
            .search(phrase, 0, phrase.len())
            .map(|c| (c.start(), c.end()));
        let t = self.np_head_type(phrase, stop);
        if t.is_none() {
            if let Some((s, e)) = stop {
                let g = &phrase[s..e];
                if g == " and" || g == " or" {
                    let joined = format!("{}{}", &phrase[..s], &phrase[e..]);
                    return self.head_noun_type(&joined);
                }
            }
        }
        t
    }

    /// `_np_head_type(phrase, stop)`, `stop` the span of the `_HEAD_STOP` match
    pub fn np_head_type(&self, phrase: &str, stop: Option<(usize, usize)>) -> Option<Ty> {
        let np = match stop {
            Some((s, _)) => &phrase[..s],
            None => phrase,
        };
        let raw: Vec<&str> = pystr::split_ws(np).take(8).collect();
        // lower case keeps the offsets: the words of the lower-cased phrase, in step
        let np_low = np.to_ascii_lowercase();
        let rest_low: String;
        let mut words: Vec<&str> = pystr::split_ws(&np_low).take(8).collect();
        while words.len() > 1
            && !self.nouns.contains_key(words[words.len() - 1])
            && participle(raw[words.len() - 1])
        {
            words.pop();
        }
        let last = *words.last()?;
        if let Some((s, e)) = stop {
            if matches!(last, "family" | "series" | "suite" | "set")
                && phrase[s..].starts_with(" of")
            {
                let is_set = last == "set";
                rest_low = phrase[e..].to_ascii_lowercase();
                let rest: Vec<&str> = pystr::split_ws(&rest_low)
                    .take(5)
                    .map(|w| w.trim_matches([',', '.']))
                    .collect();
                if !rest.is_empty() {
                    words = rest;
                }
                if words
                    .iter()
                    .any(|w| w.starts_with("model") || w.starts_with("llm"))
                {
                    return Some(Model);
                }
                if is_set {
                    let items = self.data_items;
                    return words.iter().any(|w| items.contains(*w)).then_some(Dataset);
                }
            }
        }
        let head = *words.last()?;
        if head == "model" || head == "models" {
            let design = words.iter().any(|&w| w == "architecture" || w == "design");
            return Some(if design { Method } else { Model });
        }
        let t = self.typing_noun(head);
        if t == Some(System) && head.starts_with("platform") {
            let window = match phrase.find(". ") {
                Some(end) => &phrase[..end],
                None => phrase,
            };
            return Some(self.platform_type(&window.to_ascii_lowercase()));
        }
        t
    }

    /// `_platform_type(window)`
    pub fn platform_type(&self, window: &str) -> Ty {
        if self.hardware_platform.is_search(window) {
            Hardware
        } else {
            System
        }
    }

    /// `_noun_type(noun, text, m)`
    pub fn noun_type(&self, noun: &str, text: &str, m: &TypingMention) -> Option<Ty> {
        let t = self.typing_noun(noun);
        if t == Some(System) && noun.starts_with("platform") {
            return Some(self.platform_type(&sentence_window(text, m.start, m.end)));
        }
        t
    }

    /// `_noun_right_before(low)`: the noun and where its phrase starts (Python's offset,
    /// never -1 in practice)
    pub fn noun_right_before<'a>(&self, low: &'a str) -> Option<(&'a str, i64)> {
        // low.split(), from the end
        let mut words = low
            .split(|c: char| c.is_ascii() && pystr::is_space_byte(c as u8))
            .filter(|w| !w.is_empty())
            .rev();
        let last = words.next()?;
        if !self.nouns.contains_key(last) {
            return None;
        }
        let mut pos = rfind_py(low, last, 0, low.len() as i64);
        // words[-2:-6:-1]
        for w in words.take(4) {
            pos = rfind_py(low, w, 0, pos);
            if self.articles.contains(w) {
                return Some((last, pos));
            }
            // `[a-z\-]+` matches as far as it can: a match to the end is a full match
            let full = self
                .modifier
                .match_at(w, 0, w.len())
                .is_some_and(|c| c.end() == w.len());
            if self.links.contains(w) || !full {
                return None;
            }
        }
        None
    }

    /// `_fronted(before, at_text_start)`
    pub fn fronted(&self, before: &str, at_text_start: bool) -> bool {
        let tail = pystr::slice(before, -40, before.len() as i64);
        if at_text_start {
            self.fronted.is_search(&format!("\n{tail}"))
        } else {
            self.fronted.is_search(tail)
        }
    }

    /// `_may_end_in_count(before)`
    pub fn may_end_in_count(&self, before: &str) -> bool {
        let last = pystr::rstrip(before);
        last.trim_end_matches(',')
            .as_bytes()
            .last()
            .is_some_and(u8::is_ascii_digit)
            || ends_with_any(last, self.count_words)
    }

    /// `context_signals(text, m)`
    pub fn context_signals(&self, text: &str, m: &TypingMention) -> Vec<Signal> {
        let mut out: Vec<Signal> = Vec::with_capacity(8);
        let after = sl(text, m.end, m.end + 120);
        let app = if self.appositive_known && !appositive_may_match(after) {
            None
        } else {
            self.appositive
                .match_at(after, 0, after.len())
                .map(|c| c.end())
        };
        if let Some(app_end) = app {
            let group = pystr::rstrip(&after[..app_end]);
            if ends_with_any(group, self.determiners) {
                let phrase = &after[app_end..];
                if !(group.ends_with(':') && self.not_a_noun_phrase.is_match(phrase)) {
                    if let Some(t) = self.head_noun_type(phrase) {
                        out.push((t, 3.0, "appositive_head"));
                    }
                }
            }
        }
        if m.text
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_uppercase)
            && self.model_after.is_match(after)
        {
            out.push((Model, 1.2, "model_noun_after"));
        }
        if after.starts_with(',') || after.starts_with(" and ") || after.starts_with(" or ") {
            if let Some(shared) = self.shared_head.match_at(after, 0, after.len()) {
                let noun = shared.str(after, 1).to_ascii_lowercase();
                if let Some(t) = self.noun_type(&noun, text, m) {
                    out.push((t, 2.0, "shared_type_noun"));
                }
            }
        }
        let nxt = if self.next_words_known {
            next_words(after)
        } else {
            self.next_words
                .match_at(after, 0, after.len())
                .map(|c| (c.get(1).expect("group 1 always takes part"), c.get(2)))
        };
        if let Some((g1, g2)) = nxt {
            let word = |g: Option<(usize, usize)>| g.map(|(s, e)| &after[s..e]);
            if word(Some(g1)) == Some("data") && word(g2).unwrap_or("").starts_with("structure") {
                out.push((System, 2.0, "type_noun_after"));
            } else {
                let hint = m.type_;
                for i in 0..2 {
                    let w = word(if i == 0 { Some(g1) } else { g2 });
                    let t = with_lower(w.unwrap_or(""), |w| self.noun_type(w, text, m));
                    if let Some(t) = t {
                        if !(t == Hardware && hint.is_some() && hint != Some(Hardware)) {
                            out.push((t, 2.5 - i as f64, "type_noun_after"));
                            break;
                        }
                    }
                    if w.is_some_and(|w| self.links.contains(w)) {
                        break;
                    }
                }
            }
        }
        let before = sl(text, m.start.saturating_sub(80), m.start);
        if !before
            .as_bytes()
            .last()
            .is_some_and(|&c| pystr::is_space_byte(c))
        {
            return out;
        }
        // before.lower(), on the stack (`before` is at most 80 bytes)
        let mut buf = [0u8; 80];
        let low: &str = {
            let l = &mut buf[..before.len()];
            l.copy_from_slice(before.as_bytes());
            l.make_ascii_lowercase();
            std::str::from_utf8(l).expect("lower case keeps UTF-8")
        };
        let cued = self.before_cues.groups_in(low.as_bytes());
        for (k, (_, rules)) in self.before.iter().enumerate() {
            if cued >> k & 1 != 0 {
                for &(rx, t, w, rule) in rules {
                    if rx.is_search(low) {
                        out.push((t, w, rule));
                    }
                }
            }
        }
        let at_text_start = m.start <= 80;
        if ends_with_any(low, self.naming_endings) {
            if let Some(nb) = self.noun_before.search(low, 0, low.len()) {
                let first = nb.get(1).filter(|(s, e)| s < e);
                if !(first.is_some() && self.fronted(&low[..nb.start()], at_text_start)) {
                    let noun = match first {
                        Some((s, e)) => &low[s..e],
                        None => nb.str(low, 2),
                    };
                    if let Some(t) = self.noun_type(noun, text, m) {
                        out.push((t, 2.0, "noun_before"));
                    }
                }
            }
        } else if let Some((noun, at)) = self.noun_right_before(low) {
            if !self.fronted(pystr::slice(low, 0, at), at_text_start) {
                let t = self.noun_type(noun, text, m).unwrap_or(Method);
                out.push((t, 2.0, "noun_before"));
            }
        }
        if self.may_end_in_count(before) && self.count_before.is_search(before) {
            out.push((Hardware, 0.8, "count_context"));
        }
        out
    }

    /// `_context_type(text, mentions)`
    pub fn context_type(&self, text: &str, mentions: &[&TypingMention]) -> (Ty, &'static str) {
        // dicts in insertion order
        let mut score: Vec<(Ty, f64)> = vec![(Method, 0.5)];
        let mut rules: Vec<(Ty, &'static str)> = vec![(Method, "default_method")];
        let mut hinted: Vec<Ty> = Vec::new();
        for m in mentions {
            let sig = self.shape_type(&m.text);
            let mut signals = self.context_signals(text, m);
            if m.rule == "abbreviation_long" && m.text.contains(' ') {
                let last = m.text.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
                let lt = self.noun_type(&last, text, m);
                let plural =
                    last.ends_with('s') && self.typing_noun(&last[..last.len() - 1]).is_some();
                if let (Some(lt), false) = (lt, plural) {
                    signals.push((lt, 1.5, "long_form_head"));
                } else if ends_with_any(&m.text.to_ascii_lowercase(), self.enclave_endings) {
                    signals.push((Hardware, 2.0, "long_form_head"));
                }
            }
            if let Some((t, w)) = sig {
                signals.push((t, w, "name_shape"));
            }
            if let Some(hint) = m.type_ {
                if !hinted.contains(&hint) {
                    hinted.push(hint);
                    signals.push((hint, 1.0, "vocab_variant"));
                }
            }
            let lower = pystr::islower(&m.text);
            for (st, w, rule) in signals {
                if st == Model && lower {
                    continue;
                }
                if lower && rule == "type_noun_after" && st != Method {
                    continue;
                }
                match score.iter_mut().find(|(t, _)| *t == st) {
                    Some((_, s)) => *s += w,
                    None => score.push((st, 0.0 + w)),
                }
                if !rules.iter().any(|(t, _)| *t == st) {
                    rules.push((st, rule));
                }
            }
        }
        // max() keeps the first of equal scores
        let mut best = score[0];
        for &(t, s) in &score[1..] {
            if s > best.1 {
                best = (t, s);
            }
        }
        let rule = rules
            .iter()
            .find(|(t, _)| *t == best.0)
            .map_or("default_method", |(_, r)| r);
        (best.0, rule)
    }

    /// `_title_definition(text, m, title_end)`
    pub fn title_definition(&self, text: &str, m: &TypingMention, title_end: usize) -> Option<Ty> {
        let rest = sl(text, m.end, text.len());
        let opens = self
            .subtitle_openers
            .iter()
            .any(|o| rest.starts_with(o.as_str()));
        if !opens || m.end > title_end {
            return None;
        }
        self.head_noun_type(sl(text, m.end + 2, title_end))
    }

    /// What `assign_types(text, state)` sets on each mention: its type's value (None
    /// for a vocabulary mention without one) and its `type_rule`; None when the text or
    /// a mention is not plain.
    pub fn assign_types(
        &self,
        text: &str,
        title_end: usize,
        mentions: &[TypingMention],
    ) -> Option<Vec<Typed>> {
        if !plain(text) {
            return None;
        }
        let heads: Vec<Head> = mentions
            .iter()
            .map(|m| (m.group, m.has_concept, m.type_))
            .collect();
        let full = |i: usize| {
            let m = &mentions[i];
            Ok::<_, PyErr>(plain(&m.text).then(|| m.clone()))
        };
        self.assign_read(text, title_end, &heads, full)
            .ok()
            .flatten()
    }

    /// `assign_types(state.text, state)` on the Python `DocState` itself, reading of
    /// each mention only what it needs: the group, concept and type of every mention,
    /// the rest (`_context_type`'s) for the mentions of the entities no vocabulary
    /// concept types. None when the text or a mention read is not plain, or a type is no
    /// `EntityType` value.
    pub fn assign_types_py(&self, state: &Bound<'_, PyAny>) -> PyResult<Option<Vec<Typed>>> {
        let py = state.py();
        let text_obj = state.getattr(intern!(py, "text"))?;
        let text: &str = text_obj.extract()?;
        if !plain(text) {
            return Ok(None);
        }
        let title_end: usize = state.getattr(intern!(py, "title_end"))?.extract()?;
        let objs: Vec<Bound<'_, PyAny>> = state
            .getattr(intern!(py, "mentions"))?
            .try_iter()?
            .collect::<PyResult<_>>()?;
        let mut heads: Vec<Head> = Vec::with_capacity(objs.len());
        for m in &objs {
            let group: i64 = m.getattr(intern!(py, "group"))?.extract()?;
            let concept = !m.getattr(intern!(py, "concept"))?.is_none();
            let t = m.getattr(intern!(py, "type"))?;
            let t = if t.is_none() {
                None
            } else {
                match Ty::from_value(t.extract()?) {
                    Some(t) => Some(t),
                    None => return Ok(None),
                }
            };
            heads.push((group, concept, t));
        }
        let full = |i: usize| -> PyResult<Option<TypingMention>> {
            let m = &objs[i];
            let mention_text: String = m.getattr(intern!(py, "text"))?.extract()?;
            if !plain(&mention_text) {
                return Ok(None);
            }
            Ok(Some(TypingMention {
                start: m.getattr(intern!(py, "start"))?.extract()?,
                end: m.getattr(intern!(py, "end"))?.extract()?,
                text: mention_text,
                rule: m.getattr(intern!(py, "rule"))?.extract()?,
                type_: heads[i].2,
                has_concept: heads[i].1,
                group: heads[i].0,
            }))
        };
        self.assign_read(text, title_end, &heads, full)
    }

    /// `assign_types`, given the `Head` of each mention and `full(i)`, mention `i` read
    /// whole (None when its text is not plain: then the result is None)
    /// (never inlined: a per-document entry point, measured by name)
    #[inline(never)]
    pub fn assign_read<F>(
        &self,
        text: &str,
        title_end: usize,
        heads: &[Head],
        mut full: F,
    ) -> PyResult<Option<Vec<Typed>>>
    where
        F: FnMut(usize) -> PyResult<Option<TypingMention>>,
    {
        // the groups in order of their first mention (few: a list beats hashing)
        let mut keys: Vec<i64> = Vec::new();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut group_of: Vec<usize> = Vec::with_capacity(heads.len());
        for (i, &(g, _, _)) in heads.iter().enumerate() {
            let k = match keys.iter().position(|&key| key == g) {
                Some(k) => k,
                None => {
                    keys.push(g);
                    groups.push(Vec::new());
                    groups.len() - 1
                }
            };
            groups[k].push(i);
            group_of.push(k);
        }
        let mut typed: Vec<(Option<Ty>, &'static str)> = Vec::with_capacity(groups.len());
        for group in &groups {
            let (t, rule) = match group.iter().find(|&&i| heads[i].1) {
                Some(&i) => {
                    let mut out = (heads[i].2, "vocab");
                    let Some(first) = full(group[0])? else {
                        return Ok(None);
                    };
                    if first.start < title_end {
                        if let Some(own) = self.title_definition(text, &first, title_end) {
                            out = (Some(own), "title_definition");
                        }
                    }
                    out
                }
                None => {
                    let mut ms = Vec::with_capacity(group.len());
                    for &i in group {
                        let Some(m) = full(i)? else {
                            return Ok(None);
                        };
                        ms.push(m);
                    }
                    let refs: Vec<&TypingMention> = ms.iter().collect();
                    let (t, rule) = self.context_type(text, &refs);
                    (Some(t), rule)
                }
            };
            typed.push((t, rule));
        }
        Ok(Some(
            group_of
                .iter()
                .map(|&k| {
                    let (t, rule) = typed[k];
                    (t.map(Ty::value), rule)
                })
                .collect(),
        ))
    }
}

/// `f(word.lower())` for plain `word`, lowered on the stack when short
fn with_lower<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buf = [0u8; 32];
    if word.len() <= buf.len() && word.is_ascii() {
        let low = &mut buf[..word.len()];
        low.copy_from_slice(word.as_bytes());
        low.make_ascii_lowercase();
        f(std::str::from_utf8(low).expect("ASCII"))
    } else {
        f(&word.to_ascii_lowercase())
    }
}

/// `_participle(word)`
pub fn participle(word: &str) -> bool {
    word.ends_with("ed") || word.ends_with("ED") || (word.ends_with("ing") && pystr::islower(word))
}

/// `_sentence_window(text, start, end)`
pub fn sentence_window(text: &str, start: usize, end: usize) -> String {
    let before = sl(text, start.saturating_sub(80), start);
    let after = sl(text, end, end + 120);
    // rfind's -1 makes the slice start at 1, as in Python
    let cut = before.rfind(". ").map_or(-1, |i| i as i64);
    let before = pystr::slice(before, cut + 2, before.len() as i64);
    let after = match after.find(". ") {
        Some(stop) => &after[..stop],
        None => after,
    };
    let mid = sl(text, start, end);
    let mut out = String::with_capacity(before.len() + mid.len() + after.len());
    out.push_str(before);
    out.push_str(mid);
    out.push_str(after);
    out.make_ascii_lowercase();
    out
}

fn ends_with_any(s: &str, ends: &[String]) -> bool {
    // an end's last byte first (most differ there; the slice comparison is a call)
    let b = s.as_bytes();
    ends.iter().any(|e| {
        let e = e.as_bytes();
        match e.last() {
            None => true,
            Some(&c) => b.len() >= e.len() && b[b.len() - 1] == c && b[b.len() - e.len()..] == *e,
        }
    })
}

/// `shape_type(name)`
pub fn shape_type(reg: &Registry, name: &str) -> Option<(Ty, f64)> {
    Typing::new(reg).shape_type(name)
}

/// `head_noun_type(phrase)`
pub fn head_noun_type(reg: &Registry, phrase: &str) -> Option<Ty> {
    Typing::new(reg).head_noun_type(phrase)
}

/// `context_signals(text, m)`
pub fn context_signals(reg: &Registry, text: &str, m: &Mention) -> Vec<Signal> {
    Typing::new(reg).context_signals(text, &TypingMention::from(m))
}

/// `assign_types(text, state)` on the mentions of a state: see `Typing::assign_types`
pub fn assign_types(
    reg: &Registry,
    text: &str,
    title_end: usize,
    mentions: &[TypingMention],
) -> Option<Vec<Typed>> {
    Typing::new(reg).assign_types(text, title_end, mentions)
}

/// The `Typing` of the installed registry, looked up once per registry (not once per
/// document): the registry it borrows is kept for good, so that every `configure`
/// (once per process in practice) leaves one registry and one `Typing` behind.
pub fn installed() -> &'static Typing<'static> {
    static CACHE: RwLock<Option<(usize, &'static Typing<'static>)>> = RwLock::new(None);
    let reg = registry::registry();
    let key = Arc::as_ptr(&reg) as usize;
    if let Some((k, typing)) = *CACHE.read().expect("typing cache lock") {
        if k == key {
            return typing;
        }
    }
    let reg: &'static Arc<Registry> = Box::leak(Box::new(reg));
    let typing: &'static Typing<'static> = Box::leak(Box::new(Typing::new(reg)));
    *CACHE.write().expect("typing cache lock") = Some((key, typing));
    typing
}

/// `Typed` as Python strings, each value or rule made a Python string once per process
/// (the same few strings for every document)
pub type PyTyped = (Option<Py<PyString>>, Py<PyString>);

/// The Python strings of `typed` (see `PyTyped`)
pub fn python_strings(py: Python<'_>, typed: Vec<Typed>) -> Vec<PyTyped> {
    static STRINGS: Mutex<Vec<(usize, Py<PyString>)>> = Mutex::new(Vec::new());
    let mut strings = STRINGS.lock().unwrap_or_else(|e| e.into_inner());
    // by the address of the static str: a literal spelled twice is made twice, no more
    let mut string = |s: &'static str| -> Py<PyString> {
        let key = s.as_ptr() as usize;
        if let Some((_, known)) = strings.iter().find(|(k, _)| *k == key) {
            return known.clone_ref(py);
        }
        let made = PyString::intern(py, s).unbind();
        strings.push((key, made.clone_ref(py)));
        made
    };
    typed
        .into_iter()
        .map(|(t, rule)| (t.map(&mut string), string(rule)))
        .collect()
}

/// `pystr::plain(s)` without a branch per byte
fn plain(s: &str) -> bool {
    s.as_bytes().chunks(64).all(|chunk| {
        chunk
            .iter()
            .fold(0u8, |bad, &c| bad | (c & 0x80) | u8::from(c & 0xfc == 0x1c))
            == 0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_words_are_found_as_python_finds_them() {
        let groups: Vec<Vec<String>> = [
            vec!["implement", "built"],
            vec!["on"],
            vec!["e.g.", "x"],
            vec!["zz", "tun"],
        ]
        .iter()
        .map(|g| g.iter().map(|w| w.to_string()).collect())
        .collect();
        let refs: Vec<&[String]> = groups.iter().map(|g| &g[..]).collect();
        let cw = CueWords::new(&refs);
        for text in [
            "",
            "o",
            "on",
            "we built on ",
            "e.g. tuning",
            "x",
            "implemen",
            "implement",
            "buil",
            "tu",
            "zzz",
            "e.g",
            "the one",
        ] {
            let want = groups.iter().enumerate().fold(0u64, |acc, (g, words)| {
                acc | (u64::from(words.iter().any(|w| text.contains(w.as_str()))) << g)
            });
            assert_eq!(cw.groups_in(text.as_bytes()), want, "{text:?}");
        }
    }

    #[test]
    fn hand_read_patterns_agree_with_theirs() {
        let next = Rx::new(NEXT_WORDS, 32).expect("compiles");
        let appositive = Rx::new(APPOSITIVE, 32).expect("compiles");
        let size = Rx::new(SIZE, 32).expect("compiles");
        let heads = [
            "", ")", " ", "  ", ") ", "\t", ")\n ", ",", ":", "--", "-", "(",
        ];
        let tails = [
            "a model",
            "is a method",
            "are the ones",
            "x",
            "data structure",
            "Foo-Bar baz",
            "in",
            "an-x",
            "isx",
            "ar",
            "one",
            " ",
            "",
            "7B",
            "x-13B",
            "both systems",
            "\u{2014} a",
            "a,b",
            "the\tthing",
        ];
        let mut matched = 0;
        for h in heads {
            for mid in ["", " ", "  ", ", "] {
                for t in tails {
                    let s = format!("{h}{mid}{t}");
                    let want = next
                        .match_at(&s, 0, s.len())
                        .map(|c| (c.get(1).unwrap(), c.get(2)));
                    assert_eq!(next_words(&s), want, "{s:?}");
                    if appositive.match_at(&s, 0, s.len()).is_some() {
                        matched += 1;
                        assert!(appositive_may_match(&s), "{s:?}");
                    }
                    if size.is_search(&s) {
                        assert!(s.bytes().any(|c| c.is_ascii_digit()), "{s:?}");
                    }
                }
            }
        }
        assert!(matched > 50, "{matched}");
        assert!(!appositive_may_match(" the x") && !appositive_may_match(")is"));
    }

    #[test]
    fn shape_quick_checks_keep_every_match() {
        let family = Rx::new(MODEL_FAMILY, 32).expect("compiles");
        let system = Rx::new(SYSTEM_SHAPE, 32).expect("compiles");
        for name in [
            "GPT-4",
            "Llama 2",
            "Stable Diffusion",
            "StableDiffusion",
            "o1",
            "ResNet-50",
            "RoBERTa",
            "PyTorch",
            "PyG",
            "vLLM",
            "FooDB",
            "Ray",
            "Hugging Face Hub",
            "Colossal-AI",
            "My-LM",
            "TorchServe",
            "Foo",
            "gpt-4",
            "XLA",
            "FooDB\n",
            "Transformers library",
            "Bar Serve",
        ] {
            if family.is_match(name) {
                assert!(
                    FAMILY_STARTS.iter().any(|f| name.starts_with(f)),
                    "{name:?}"
                );
            }
            if system.is_match(name) {
                assert!(system_may_match(name), "{name:?}");
            }
        }
        assert!(!system_may_match("Foo") && system_may_match("FooDB\n"));
        assert_eq!(with_lower("GPUs", |w| w.to_string()), "gpus");
    }

    #[test]
    fn participles_follow_python() {
        assert!(participle("tailored") && participle("DESIGNED") && participle("running"));
        assert!(!participle("Computing") && !participle("library"));
    }

    #[test]
    fn sentence_window_drops_a_first_character_as_python_does() {
        // no ". " before: before[-1 + 2:] starts at its second character
        assert_eq!(sentence_window("ab Foo c. d", 3, 6), "b foo c");
        assert_eq!(sentence_window("x. ab Foo", 6, 9), "ab foo");
    }

    #[test]
    fn plain_is_pystr_plain() {
        for s in [
            "", "abc", "a\x1cb", "a\x1fb", "a\x1bb", "a\x20", "\u{3b5}", "x\u{7f}",
        ] {
            let long = s.repeat(50);
            assert_eq!(plain(s), pystr::plain(s), "{s:?}");
            assert_eq!(plain(&long), pystr::plain(&long), "{s:?}");
        }
    }

    #[test]
    fn rfind_takes_negative_ends() {
        assert_eq!(rfind_py("abcab", "ab", 0, -1), 0);
        assert_eq!(rfind_py("abcab", "ab", 0, 5), 3);
        assert_eq!(rfind_py("abc", "x", 0, 3), -1);
    }
}
