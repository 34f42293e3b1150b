//! Twin of `kg/extract/discovery.py`'s `discover(text, state)`: the candidates of
//! every reader, then overlaps, propagation, the filters and grouping, for plain text.
//!
//! None where a reader would raise in Python (`components::PythonOnly`): then the
//! Python rule runs and raises the same.

/// The maps and sets here are looked up, never iterated in an order that shows: a
/// fast hash
type HashMap<K, V, S = rustc_hash::FxBuildHasher> = std::collections::HashMap<K, V, S>;
type HashSet<K> = std::collections::HashSet<K, rustc_hash::FxBuildHasher>;

use crate::discovery_concepts::TextIndex;
use crate::discovery_lists as lists;
use crate::discovery_names::{self as names, ok_name, Candidate};
use crate::normalize::{entity_key, is_non_entity, word_bounded};
use crate::pystr::{self, slice, two_before_in};
use crate::registry::Registry;
use crate::state::DocState;

/// A mention inside discovery; `uid` stands for Python's `id(m)`, `vocab` for the
/// input mention (`state.mentions[vocab]`) whose concept, type rule and group it has.
#[derive(Clone, Debug)]
pub struct M {
    pub uid: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub rule: String,
    pub confidence: f64,
    pub type_: Option<String>,
    pub specific: bool,
    /// the input vocabulary mention whose concept this mention carries
    pub concept: Option<usize>,
    pub group: i64,
    /// the input mention this is (vocabulary mentions), for its `type_rule`
    pub vocab: Option<usize>,
}

/// What `discover` returns to Python: the kept mentions (start, end, text, rule,
/// confidence, type value, specific, concept's input mention, group, input mention),
/// the spans of the paper's own names, and the indices of the abbreviations kept.
pub type Out = (
    Vec<(
        usize,
        usize,
        String,
        String,
        f64,
        Option<String>,
        bool,
        Option<usize>,
        i64,
        Option<usize>,
    )>,
    Vec<(usize, usize)>,
    Vec<usize>,
);

/// A vocabulary mention as the rules read it after the candidates are made: its uid,
/// its place, and the input mention it is (whose type it has)
struct Vocab {
    uid: usize,
    start: usize,
    end: usize,
    input: usize,
}

struct Cx<'a> {
    reg: &'a Registry,
    /// `normalize._ACRONYM_PLURAL`, looked up once per text (`concept_key`)
    plural: &'a crate::pyre::Rx,
    text: &'a str,
    state: &'a DocState,
    next_uid: usize,
}

impl<'a> Cx<'a> {
    fn new_m(
        &mut self,
        s: usize,
        e: usize,
        text: &str,
        rule: &str,
        conf: f64,
        specific: bool,
    ) -> M {
        self.next_uid += 1;
        M {
            uid: self.next_uid,
            start: s,
            end: e,
            text: text.to_string(),
            rule: rule.to_string(),
            confidence: conf,
            type_: None,
            specific,
            concept: None,
            group: -1,
            vocab: None,
        }
    }

    fn concept_key(&self, m: &M) -> String {
        match m
            .concept
            .and_then(|i| self.state.mentions[i].concept.as_ref())
        {
            Some(c) => format!("concept:{}", c.id),
            None => crate::normalize::entity_key_with(self.plural, &m.text),
        }
    }
}

fn words<'r>(reg: &'r Registry, name: &str) -> &'r crate::registry::WordSet {
    reg.words(name)
}

/// `title_name(title)`
pub fn title_name(reg: &Registry, title: &str) -> Option<(usize, usize)> {
    let m = reg
        .rx("discovery._TITLE_PREFIX")
        .match_at(title, 0, title.len())?;
    let name = m.str(title, 1);
    let ws: Vec<&str> = pystr::split_ws(name).collect();
    if ws.len() > 4 || ws.iter().any(|w| w.as_bytes()[0].is_ascii_lowercase()) {
        return None;
    }
    if ws.len() > 1 && ws[0].ends_with("ing") {
        return None;
    }
    let verbs = words(reg, "lexicon.TITLE_VERBS");
    if ws.iter().skip(1).any(|w| verbs.contains(*w)) {
        return None;
    }
    if !name
        .bytes()
        .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return None;
    }
    // a title's name may open with a common capitalised word: "Deep Foo States: ..."
    let opened = ws.len() >= 3 && ok_name(reg, &ws[1..].join(" ")) && !is_non_entity(reg, name);
    if !(ok_name(reg, name) || opened) {
        return None;
    }
    m.get(1)
}

/// `_url_spans(text)`
fn url_spans(reg: &Registry, text: &str, index: &TextIndex) -> Vec<(usize, usize)> {
    if !index.has_any(text, reg.seq("discovery._URL_LITERALS")) {
        return Vec::new();
    }
    let Some(hit) = reg.rx("discovery._MAYBE_URL").search(text, 0, text.len()) else {
        return Vec::new();
    };
    let from = pystr::rfind(text, " ", 0, hit.start()).map_or(0, |i| i + 1);
    reg.rx("discovery._URL")
        .finditer(text, from, text.len())
        .map(|m| (m.start(), m.end()))
        .collect()
}

fn crosses(s: usize, e: usize, spans: &[(usize, usize)]) -> bool {
    spans
        .iter()
        .any(|&(ks, ke)| s < ke && ks < e && !(s <= ks && ke <= e))
}

/// `_common_noun(text, m)`
fn common_noun(reg: &Registry, text: &str, start: usize, end: usize, name: &str) -> bool {
    pystr::isalpha(name)
        && pystr::islower(&name[1..])
        && reg
            .rx("discovery._NP_END")
            .match_at(text, end, text.len())
            .is_some()
        && reg
            .rx("discovery._INDEFINITE_NP")
            .search(text, start.saturating_sub(60), start)
            .is_some()
}

/// `_plain_content(long)`
fn plain_content(reg: &Registry, long: &str) -> bool {
    pystr::islower(long) && reg.rx("discovery._CONTENT_HEAD").is_search(long)
}

/// `_field_class(long)`
fn field_class(reg: &Registry, long: &str) -> bool {
    match reg
        .rx("discovery._CLASS_OF_FIELD")
        .search(long, 0, long.len())
    {
        Some(m) => is_non_entity(reg, &long[..m.start()]),
        None => false,
    }
}

/// `_generic_tail(text, s, e, vocab)`: the vocabulary mention (its place in `vocab`)
fn generic_tail(cx: &Cx, s: usize, e: usize, vocab: &[Vocab]) -> Option<usize> {
    let tail = cx.reg.rx("discovery._GENERIC_TAIL");
    vocab.iter().position(|m| {
        s < m.start && m.start < e && e < m.end && tail.fullmatch(cx.text, e, m.end).is_some()
    })
}

/// `discover(text, state)`, or None where Python would raise
pub fn discover(reg: &Registry, state: &DocState) -> Option<Out> {
    let text = state.text.as_str();
    let mut cx = Cx {
        reg,
        plural: reg.rx("normalize._ACRONYM_PLURAL"),
        text,
        state,
        next_uid: 0,
    };
    let title_end = state.title_end.min(text.len());
    let title = &text[..title_end];
    // the vocabulary mentions go to the candidates; what the rules read of them later
    // (uid, place, input mention) is kept aside
    let mut cands: Vec<M> = Vec::new();
    let mut vocab: Vec<Vocab> = Vec::new();
    let title_case = title.contains(" A") || title.contains(" a");
    for (i, m) in state.mentions.iter().enumerate() {
        if title_case
            && m.start < state.title_end
            && common_noun(reg, text, m.start, m.end, &m.text)
        {
            continue;
        }
        cx.next_uid += 1;
        vocab.push(Vocab {
            uid: cx.next_uid,
            start: m.start,
            end: m.end,
            input: i,
        });
        cands.push(M {
            uid: cx.next_uid,
            start: m.start,
            end: m.end,
            text: m.text.clone(),
            rule: m.rule.clone(),
            confidence: m.confidence,
            type_: m.type_.clone(),
            specific: m.specific,
            concept: m.concept.as_ref().map(|_| i),
            group: m.group,
            vocab: Some(i),
        });
    }
    let mut proposed = state.proposed.clone();
    if let Some((s, e)) = title_name(reg, title) {
        let m = cx.new_m(s, e, &title[s..e], "title_name", 0.9, true);
        cands.push(m);
        proposed.push((s, e));
    }
    let index = TextIndex::with_literals(text, crate::discovery_concepts::discovery_literals(reg));
    for (s, e) in names::proposed_names_in(reg, text, &index) {
        let m = cx.new_m(s, e, &text[s..e], "proposed_name", 0.85, true);
        cands.push(m);
        proposed.push((s, e));
    }
    let known: Vec<(usize, usize)> = vocab.iter().map(|m| (m.start, m.end)).collect();
    let components =
        crate::components::component_spans_in(reg, text, state.title_end, &state.sentences, &index)
            .ok()?;
    for (s, e) in components {
        if !known.iter().any(|&(ks, ke)| ks <= s && e <= ke) {
            let upper = text.as_bytes()[s].is_ascii_uppercase();
            let m = cx.new_m(s, e, &text[s..e], "component", 0.85, upper);
            cands.push(m);
            proposed.push((s, e));
        }
    }
    let not_names = words(reg, "lexicon.NOT_NAMES");
    let mut abbr_ok = Vec::new();
    let mut generic: HashSet<String> = HashSet::default();
    for (ai, a) in state.abbreviations.iter().enumerate() {
        let plain = plain_content(reg, &a.long) || field_class(reg, &a.long);
        if (plain || is_non_entity(reg, &a.long)) && !is_non_entity(reg, &a.short) {
            generic.insert(a.short.clone());
            generic.insert(format!("{}s", a.short));
            generic.insert(a.short.strip_suffix('s').unwrap_or(&a.short).to_string());
        }
        if plain
            || is_non_entity(reg, &a.short)
            || is_non_entity(reg, &a.long)
            || not_names.contains(&a.short)
            || reg.rx("discovery._SIZE_ONLY").is_match(&a.short)
        {
            continue;
        }
        abbr_ok.push(ai);
        let m = cx.new_m(
            a.short_start,
            a.short_end,
            &a.short,
            "abbreviation",
            0.85,
            true,
        );
        cands.push(m);
        let specific = a.long.bytes().skip(1).any(|c| c.is_ascii_uppercase());
        let m = cx.new_m(
            a.long_start,
            a.long_end,
            &a.long,
            "abbreviation_long",
            0.8,
            specific,
        );
        cands.push(m);
    }
    let urls = url_spans(reg, text, &index);
    let mut outdone: HashSet<usize> = HashSet::default();
    let own: Vec<&str> = proposed.iter().map(|&(s, e)| &text[s..e]).collect();
    let own: Vec<String> = own.into_iter().map(str::to_string).collect();
    let mut gens: Vec<Candidate> = names::name_shaped_in(reg, text, state.title_end, &index);
    gens.extend(lists::listed_names_in(reg, text, state.title_end, &index));
    gens.extend(crate::discovery_concepts::concept_phrases_in(
        reg, text, &index,
    ));
    gens.extend(lists::defined_names_in(reg, text, state.title_end, &index));
    gens.extend(lists::coordinated_techniques_in(
        reg,
        text,
        state.title_end,
        &index,
    ));
    gens.extend(lists::classified_classes_in(
        reg,
        text,
        state.title_end,
        &index,
    ));
    gens.extend(lists::title_concepts(reg, text, state.title_end));
    for (s, e, rule, conf, specific) in gens {
        if !urls.is_empty() && urls.iter().any(|&(us, ue)| s < ue && us < e) {
            continue;
        }
        if (rule == "head_noun" || rule == "head_noun_compound") && crosses(s, e, &known) {
            match generic_tail(&cx, s, e, &vocab) {
                None => continue, // the vocabulary concept wins
                Some(i) => {
                    outdone.insert(vocab[i].uid); // "global attention mechanism"
                }
            }
        }
        if rule == "head_noun_compound"
            && known.iter().any(|&(ks, ke)| s < ks && ks < ke && ke == e)
        {
            continue;
        }
        if rule == "eponym_scheme" {
            let word = match pystr::find(text, " ", s, text.len()) {
                Some(sp) => &text[s..sp],
                None => slice(text, s as i64, -1),
            };
            if known.iter().any(|&(ks, _)| ks == s) || own.iter().any(|o| o == word) {
                continue;
            }
        }
        let m = cx.new_m(s, e, &text[s..e], rule, conf, specific);
        cands.push(m);
        if rule == "proposed_concept" {
            proposed.push((s, e));
        }
    }
    if !generic.is_empty() {
        cands.retain(|m| !generic.contains(&m.text) || m.concept.is_some());
    }
    if !outdone.is_empty() {
        cands.retain(|m| !outdone.contains(&m.uid));
    }
    let vendor = vendor_products(&mut cx, &cands);
    cands.extend(vendor);
    let low = text.to_ascii_lowercase();
    let overlaps = resolve_overlaps(cands, text.len());
    let mut kept = propagate(&mut cx, overlaps, &low);
    if index.has(text, " and ") || index.has(text, " or ") {
        let elided = elided_heads(&mut cx, &kept);
        kept.extend(elided);
        kept.sort_by_key(|m| m.start);
    }
    kept = drop_listed_stages(&cx, &low, kept);
    kept = only_kinds(&mut cx, kept);
    if index.has_any(text, &["without", "avoid", "minimal", "requir"]) {
        kept = drop_negated(&cx, kept);
    }
    inherit_variant_types(&cx, &vocab, &mut kept);
    if index.has_any(text, &["hour", "day", "hrs", "year"]) {
        kept.retain(|m| !cost_unit(&cx, m));
    }
    let tied = if text.contains('(') {
        parenthesised_short_forms(&cx, &kept)
    } else {
        Vec::new()
    };
    let abbrs: Vec<&crate::state::Abbreviation> =
        abbr_ok.iter().map(|&i| &state.abbreviations[i]).collect();
    group_mentions(&cx, &mut kept, &abbrs, &tied);
    let out = kept
        .into_iter()
        .map(|m| {
            (
                m.start,
                m.end,
                m.text,
                m.rule,
                m.confidence,
                m.type_,
                m.specific,
                m.concept,
                m.group,
                m.vocab,
            )
        })
        .collect();
    Some((out, proposed, abbr_ok))
}

/// `_vendor_products(text, cands)`
fn vendor_products(cx: &mut Cx, cands: &[M]) -> Vec<M> {
    let text = cx.text;
    let forms = words(cx.reg, "discovery._VENDOR_FORMS");
    let vendors: Vec<&M> = cands
        .iter()
        .filter(|m| forms.contains(&m.text) && text[m.end..].starts_with(' '))
        .collect();
    if vendors.is_empty() {
        return Vec::new();
    }
    let mut starts: HashMap<usize, &M> = HashMap::default();
    for m in cands.iter().filter(|m| m.rule == "name_shape") {
        starts.insert(m.start, m);
    }
    let mut out = Vec::new();
    for m in vendors {
        if let Some(product) = starts.get(&(m.end + 1)) {
            let (s, e) = (m.start, product.end);
            out.push(cx.new_m(s, e, &text[s..e], "name_shape", 0.7, true));
        }
    }
    out
}

/// `resolve_overlaps(mentions, size)` (the mentions ordered by their places, not moved)
fn resolve_overlaps(ordered: Vec<M>, size: usize) -> Vec<M> {
    let mut order: Vec<usize> = (0..ordered.len()).collect();
    order.sort_by(|&i, &j| {
        let (a, b) = (&ordered[i], &ordered[j]);
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(
                b.confidence
                    .partial_cmp(&a.confidence)
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
            .then(a.start.cmp(&b.start))
    });
    let n = ordered.iter().map(|m| m.end).max().unwrap_or(0).max(size);
    let mut taken = vec![false; n];
    let mut kept_at: Vec<usize> = Vec::new();
    for i in order {
        let m = &ordered[i];
        if taken[m.start..m.end].iter().any(|&t| t) {
            continue;
        }
        taken[m.start..m.end].iter_mut().for_each(|t| *t = true);
        kept_at.push(i);
    }
    kept_at.sort_by_key(|&i| ordered[i].start); // stable, as the sort of the mentions
    let mut slots: Vec<Option<M>> = ordered.into_iter().map(Some).collect();
    kept_at
        .into_iter()
        .map(|i| slots[i].take().expect("kept once"))
        .collect()
}

const OWN_NAME_RULES: [&str; 2] = ["title_name", "proposed_name"];
const REPLACING_RULES: [&str; 3] = ["title_name", "proposed_name", "abbreviation_long"];

/// `_inside_only(mentions, s, e)`: the uids, or None
fn inside_only(mentions: &[M], s: usize, e: usize) -> Option<Vec<usize>> {
    let inside: Vec<&M> = mentions
        .iter()
        .filter(|m| m.start < e && s < m.end)
        .collect();
    if inside
        .iter()
        .any(|m| m.start < s || m.end > e || m.end - m.start == e - s || !m.specific)
    {
        return None;
    }
    Some(inside.iter().map(|m| m.uid).collect())
}

/// `_other_number(name, specific)`
fn other_number(reg: &Registry, name: &str, specific: bool) -> Option<String> {
    if !name.contains(' ') {
        return None;
    }
    if reg.rx("discovery._PLURAL_WORD").is_search(name) {
        return Some(match name.strip_suffix("ies") {
            Some(stem) => format!("{stem}y"),
            None => name[..name.len() - 1].to_string(),
        });
    }
    if !specific && reg.rx("discovery._SINGULAR_WORD").is_search(name) {
        let b = name.as_bytes();
        return Some(
            if name.ends_with('y') && !b"aeiou".contains(&b[b.len() - 2]) {
                format!("{}ies", &name[..name.len() - 1])
            } else {
                format!("{name}s")
            },
        );
    }
    None
}

/// `_spellings(hay, name, specific)`
fn spellings(reg: &Registry, hay: &str, name: &str, specific: bool) -> Vec<(String, usize)> {
    let mut forms = vec![name.to_string()];
    forms.extend(other_number(reg, name, specific));
    let mut out = Vec::new();
    for form in forms {
        if form.is_empty() {
            continue;
        }
        // str.find from the end of the last: the occurrences that do not overlap
        for i in memchr::memmem::find_iter(hay.as_bytes(), form.as_bytes()) {
            out.push((form.clone(), i));
        }
    }
    out
}

/// `propagate(text, mentions, low_text)`
fn propagate(cx: &mut Cx, mentions: Vec<M>, low: &str) -> Vec<M> {
    let text = cx.text;
    let mut taken = vec![false; text.len()];
    for m in &mentions {
        taken[m.start..m.end].iter_mut().for_each(|t| *t = true);
    }
    // {m.text: m for m in mentions if m.rule != "vocab"}: first place, last mention
    let mut order: Vec<&str> = Vec::new();
    let mut last: HashMap<&str, usize, rustc_hash::FxBuildHasher> = HashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        if m.rule == "vocab" {
            continue;
        }
        if last.insert(m.text.as_str(), i).is_none() {
            order.push(m.text.as_str());
        }
    }
    let mut added: Vec<M> = Vec::new();
    let mut dropped: HashSet<usize> = HashSet::default();
    for key in order {
        let name = &mentions[last[key]];
        let replacing = REPLACING_RULES.contains(&name.rule.as_str());
        let (hay, n) = if replacing && name.text.contains(' ') && name.specific {
            (low, name.text.to_ascii_lowercase())
        } else {
            (text, name.text.clone())
        };
        for (form, s) in spellings(cx.reg, hay, &n, name.specific) {
            let e = s + form.len();
            if !taken[s..e].iter().any(|&t| t) {
                if word_bounded(text, s, e) {
                    taken[s..e].iter_mut().for_each(|t| *t = true);
                    let mut m = cx.new_m(
                        s,
                        e,
                        &text[s..e],
                        &name.rule,
                        name.confidence,
                        name.specific,
                    );
                    m.type_ = name.type_.clone();
                    m.concept = name.concept;
                    added.push(m);
                }
            } else if replacing && word_bounded(text, s, e) {
                if let Some(inside) = inside_only(&mentions, s, e) {
                    dropped.extend(inside);
                    let m = cx.new_m(
                        s,
                        e,
                        &text[s..e],
                        &name.rule,
                        name.confidence,
                        name.specific,
                    );
                    added.push(m);
                }
            }
        }
        if name.rule == "component" && pystr::islower(&n[..1.min(n.len())]) && n.contains(' ') {
            capitalised_parts(cx, &mentions, name, &mut added, &mut dropped);
        }
    }
    if added.is_empty() {
        return mentions;
    }
    let mut kept: Vec<M> = if dropped.is_empty() {
        mentions
    } else {
        mentions
            .into_iter()
            .filter(|m| !dropped.contains(&m.uid))
            .collect()
    };
    kept.extend(added);
    kept.sort_by_key(|m| m.start);
    kept
}

/// `_capitalised_parts(text, mentions, part, added, dropped)`
fn capitalised_parts(
    cx: &mut Cx,
    mentions: &[M],
    part: &M,
    added: &mut Vec<M>,
    dropped: &mut HashSet<usize>,
) {
    let text = cx.text;
    let upper = format!("{}{}", part.text[..1].to_ascii_uppercase(), &part.text[1..]);
    for (k, n) in [part.text.clone(), upper].into_iter().enumerate() {
        let mut s = text.find(n.as_str());
        while let Some(i) = s {
            let e = i + n.len();
            let inside: Vec<&M> = mentions
                .iter()
                .filter(|m| m.start < e && i < m.end)
                .collect();
            let place = if k == 0 {
                !inside.is_empty()
            } else {
                i == 0 || two_before_in(text, i, cx.reg.seq("discovery._SENTENCE_BREAKS"))
            };
            if place
                && word_bounded(text, i, e)
                && inside
                    .iter()
                    .all(|m| i <= m.start && m.end <= e && m.end - m.start < e - i)
            {
                dropped.extend(inside.iter().map(|m| m.uid));
                let m = cx.new_m(i, e, &n, &part.rule, part.confidence, part.specific);
                added.push(m);
            }
            s = pystr::find(text, &n, e, text.len());
        }
    }
}

/// `_elided_heads(text, kept)`
fn elided_heads(cx: &mut Cx, kept: &[M]) -> Vec<M> {
    let (reg, text) = (cx.reg, cx.text);
    let heads = words(reg, "lexicon.CONCEPT_HEADS");
    let stop = words(reg, "lexicon.STOP_MODIFIERS");
    let taken: HashSet<(usize, usize)> = kept.iter().map(|m| (m.start, m.end)).collect();
    let mut out = Vec::new();
    for m in kept {
        let Some((modifier, head)) = m.text.split_once(' ') else {
            continue;
        };
        if head.contains(' ') || !heads.contains(head) || !pystr::islower(&m.text) {
            continue;
        }
        let suffix = modifier
            .contains('-')
            .then(|| modifier.rsplit('-').next().unwrap_or(""));
        if m.concept.is_none() && m.rule != "seed_concept" && suffix.is_none() {
            continue;
        }
        let window = &text[m.start.saturating_sub(60)..m.start];
        if !window.contains(" or ") && !window.contains(" and ") {
            continue;
        }
        let Some(before) =
            reg.rx("discovery._ELIDED_MODS")
                .search(text, m.start.saturating_sub(60), m.start)
        else {
            continue;
        };
        let opener = reg.rx("discovery._LIST_OPENER");
        if opener
            .search(text, before.start().saturating_sub(12), before.start() + 1)
            .is_none()
        {
            continue;
        }
        let allowed = reg.map("lexicon.RESTRICTED_HEADS").get(head);
        let ws: Vec<&str> = before.str(text, 1).split(", ").collect();
        let same_form = suffix.is_some_and(|sfx| {
            ws.iter()
                .all(|w| w.contains('-') && w.rsplit('-').next() == Some(sfx))
        });
        let established = m.concept.is_some() || m.rule == "seed_concept";
        if !same_form && (!established || ws.iter().any(|w| w.as_bytes()[0].is_ascii_digit())) {
            continue;
        }
        let mut pos = before.get(1).expect("group 1").0;
        for w in ws {
            let (s, e) = (pos, pos + w.len());
            pos = e + 2;
            let phrase = format!("{w} {head}");
            if stop.contains(w)
                || reg.rx("discovery._ACTION_NOUN").is_search(w)
                || heads.contains(w)
                || reg.rx("discovery._FLUFF").is_search(w)
                || allowed.is_some_and(|a| !a.iter().any(|x| x == w))
                || taken.contains(&(s, e))
                || kept.iter().any(|k| k.start < e && s < k.end)
                || is_non_entity(reg, &phrase)
            {
                continue;
            }
            out.push(cx.new_m(s, e, &phrase, "elided_head", 0.55, false));
        }
    }
    out
}

/// `_after_a_name(text, m)`
fn after_a_name(cx: &Cx, m: &M) -> bool {
    match cx.reg.rx("discovery._NAME_BEFORE_STAGE").search(
        cx.text,
        m.start.saturating_sub(40),
        m.start,
    ) {
        Some(n) => {
            let g = n.str(cx.text, 1);
            pystr::isupper(g) && !is_non_entity(cx.reg, g)
        }
        None => false,
    }
}

/// `_drop_listed_stages(text, low, kept)`
fn drop_listed_stages(cx: &Cx, low: &str, kept: Vec<M>) -> Vec<M> {
    let reg = cx.reg;
    let stages_set = words(reg, "discovery._STAGES");
    let stages: Vec<&M> = kept
        .iter()
        .filter(|m| m.rule == "head_noun" && stages_set.contains(&m.text.to_ascii_lowercase()))
        .collect();
    if stages.is_empty() {
        return kept;
    }
    let listed: HashSet<usize> = stages
        .iter()
        .filter(|m| {
            reg.rx("discovery._STAGE_BEFORE")
                .search(low, m.start.saturating_sub(40), m.start)
                .is_some()
                || reg
                    .rx("discovery._STAGE_AFTER")
                    .match_at(low, m.end, low.len())
                    .is_some()
                || after_a_name(cx, m)
        })
        .map(|m| m.uid)
        .collect();
    if listed.is_empty() {
        return kept;
    }
    let named: HashSet<String> = stages
        .iter()
        .filter(|m| !listed.contains(&m.uid))
        .map(|m| entity_key(reg, &m.text))
        .collect();
    let drop: HashSet<usize> = stages
        .iter()
        .filter(|m| listed.contains(&m.uid) || !named.contains(&entity_key(reg, &m.text)))
        .map(|m| m.uid)
        .collect();
    kept.into_iter()
        .filter(|m| !drop.contains(&m.uid))
        .collect()
}

/// `_kind_modifier(text, m)`
fn kind_modifier(cx: &Cx, m: &M) -> Option<usize> {
    let (reg, text) = (cx.reg, cx.text);
    let b = text.as_bytes();
    if m.start < 2 || b[m.start - 1] != b' ' {
        return None;
    }
    if let Some(nxt) = reg
        .rx("discovery._NEXT_WORD")
        .match_at(text, m.end, text.len())
    {
        if reg
            .map("lexicon.TYPE_NOUNS")
            .contains_key(&nxt.str(text, 1).to_ascii_lowercase())
        {
            return None;
        }
    }
    let sp = pystr::rfind(text, " ", 0, m.start - 1);
    let nl = pystr::rfind(text, "\n", 0, m.start - 1);
    let s = match (sp, nl) {
        (None, None) => 0,
        (a, b) => a.max(b).map_or(0, |i| i + 1),
    };
    let w = &text[s..m.start - 1];
    let suffixes = reg.seq("discovery._KIND_SUFFIXES");
    if words(reg, "lexicon.CONCEPT_HEADS").contains(w)
        || words(reg, "discovery._MODE_ADJECTIVES").contains(w)
        || (w.contains('-') && suffixes.iter().any(|x| w.ends_with(x.as_str())))
    {
        return reg.rx("discovery._KIND_WORD").is_fullmatch(w).then_some(s);
    }
    None
}

/// `_same_kind_class(word, other)`
fn same_kind_class(reg: &Registry, word: &str, other: &str) -> bool {
    let modes = words(reg, "discovery._MODE_ADJECTIVES");
    if modes.contains(other) {
        return modes.contains(word);
    }
    let Some(i) = other.rfind('-') else {
        return false;
    };
    let suffix = &other[i..];
    reg.seq("discovery._KIND_SUFFIXES")
        .iter()
        .any(|x| x == suffix)
        && word.ends_with(suffix)
        && word.contains('-')
}

/// `_only_kinds(text, kept)`
fn only_kinds(cx: &mut Cx, kept: Vec<M>) -> Vec<M> {
    let text = cx.text;
    let mut starts: HashMap<usize, usize> = HashMap::default();
    for m in &kept {
        if !m.specific && m.text.contains(' ') {
            if let Some(s) = kind_modifier(cx, m) {
                if !kept.iter().any(|o| o.start + 1 < m.start && s < o.end) {
                    starts.insert(m.uid, s);
                }
            }
        }
    }
    if starts.is_empty() {
        return kept;
    }
    let bare: HashSet<String> = kept
        .iter()
        .filter(|m| !starts.contains_key(&m.uid))
        .map(|m| cx.concept_key(m))
        .collect();
    // what each mention with a kind before it becomes; the others stay as they are
    let mut made: Vec<Option<Vec<M>>> = Vec::with_capacity(kept.len());
    for m in &kept {
        let Some(&s) = starts.get(&m.uid) else {
            made.push(None);
            continue;
        };
        if bare.contains(&cx.concept_key(m)) {
            made.push(None);
            continue;
        }
        let mut out = Vec::new();
        let sib = cx
            .reg
            .rx("discovery._SIBLING_KIND")
            .search(text, s.saturating_sub(40), s);
        if let Some(sib) = sib {
            let (ss, se) = sib.get(1).expect("group 1");
            if same_kind_class(cx.reg, &text[ss..se], &text[s..m.start - 1])
                && !kept.iter().any(|o| o.start < se && ss < o.end)
            {
                let name = format!("{} {}", &text[ss..se], m.text);
                let mut e = cx.new_m(ss, se, &name, "elided_head", 0.55, false);
                e.type_ = m.type_.clone();
                out.push(e);
            }
        }
        let mut c = cx.new_m(
            s,
            m.end,
            &text[s..m.end],
            "head_noun_compound",
            m.confidence,
            false,
        );
        c.type_ = m.type_.clone();
        out.push(c);
        made.push(Some(out));
    }
    let mut out = Vec::with_capacity(kept.len() + 4);
    for (m, made) in kept.into_iter().zip(made) {
        match made {
            Some(v) => out.extend(v),
            None => out.push(m),
        }
    }
    out
}

/// `_drop_negated(text, kept)`
fn drop_negated(cx: &Cx, kept: Vec<M>) -> Vec<M> {
    let text = cx.text;
    let mut negated: HashMap<String, bool> = HashMap::default();
    for m in &kept {
        if m.specific {
            continue;
        }
        let key = cx.concept_key(m);
        if *negated.get(&key).unwrap_or(&true) {
            let w = &text[m.start.saturating_sub(30)..m.start];
            let neg = (w.contains("no ")
                || w.contains("out ")
                || w.contains("avoid")
                || w.contains("minimal "))
                && cx.reg.rx("discovery._NEGATED_BEFORE").is_search(w);
            negated.insert(key, neg);
        }
    }
    if !negated.values().any(|&v| v) {
        return kept;
    }
    kept.into_iter()
        .filter(|m| m.specific || !*negated.get(&cx.concept_key(m)).unwrap_or(&false))
        .collect()
}

/// `_inherit_variant_types(text, vocab, kept)`
fn inherit_variant_types(cx: &Cx, vocab: &[Vocab], kept: &mut [M]) {
    let (reg, text) = (cx.reg, cx.text);
    let variant = words(reg, "discovery._VARIANT_TYPES");
    let b = text.as_bytes();
    let mut heads: HashMap<usize, &crate::state::Mention> = HashMap::default();
    for v in vocab {
        let m = &cx.state.mentions[v.input]; // its place and type are the vocab mention's
        if m.type_.as_ref().is_some_and(|t| variant.contains(t))
            && m.end < b.len()
            && (b[m.end] == b' ' || b[m.end] == b'-')
        {
            heads.insert(m.start, m);
        }
    }
    if heads.is_empty() {
        return;
    }
    let type_nouns = reg.map("lexicon.TYPE_NOUNS");
    let concept_heads = words(reg, "lexicon.CONCEPT_HEADS");
    let around = words(reg, "discovery._BUILT_AROUND");
    for m in kept.iter_mut() {
        let Some(head) = heads.get(&m.start) else {
            continue;
        };
        if m.concept.is_none() && head.end < m.end {
            let tail = slice(text, (head.end + 1) as i64, m.end as i64)
                .split(' ')
                .next()
                .unwrap_or("");
            let low = tail.to_ascii_lowercase();
            let first = tail.as_bytes().first();
            if reg.rx("discovery._SHAPE_CHECK").is_search(tail)
                || first.is_some_and(u8::is_ascii_digit)
                || (first.is_some_and(u8::is_ascii_alphabetic)
                    && !type_nouns.contains_key(&low)
                    && !concept_heads.contains(&low)
                    && !around.contains(&low))
            {
                m.type_ = head.type_.clone();
            }
        }
    }
}

/// `_cost_unit(text, m)`
fn cost_unit(cx: &Cx, m: &M) -> bool {
    (m.type_.as_deref() == Some("Hardware")
        || words(cx.reg, "lexicon.HARDWARE_WORDS").contains(&m.text.to_ascii_lowercase()))
        && cx
            .reg
            .rx("discovery._COST_UNIT")
            .match_at(cx.text, m.end, cx.text.len())
            .is_some()
}

/// `_parenthesised_short_forms(text, mentions)`
fn parenthesised_short_forms(cx: &Cx, mentions: &[M]) -> Vec<(String, String)> {
    let text = cx.text;
    let b = text.as_bytes();
    let headed: HashSet<&str> = mentions
        .iter()
        .filter(|m| {
            (m.rule == "head_noun" || m.rule == "head_noun_compound") && m.text.contains(' ')
        })
        .map(|m| m.text.as_str())
        .collect();
    let mut out = Vec::new();
    if headed.is_empty() {
        return out;
    }
    for m in mentions {
        if m.start > 0 && b[m.start - 1] == b'(' && text[m.end..].starts_with(") ") {
            let e = pystr::find(text, " ", m.end + 2, text.len())
                .filter(|&e| e > 0)
                .unwrap_or(text.len());
            let word =
                slice(text, (m.end + 2) as i64, e as i64).trim_end_matches(['.', ',', ';', ':']);
            let long = format!("{} {}", m.text, word);
            if headed.contains(long.as_str()) {
                out.push((m.text.clone(), long));
            }
        }
    }
    out
}

/// Union-find over entity keys (`group_mentions`), each key numbered once: the
/// groups are a partition of the keys, whichever root a union leaves
#[derive(Default)]
struct Groups {
    ids: HashMap<String, usize, rustc_hash::FxBuildHasher>,
    parent: Vec<usize>,
}

impl Groups {
    fn id(&mut self, k: &str) -> usize {
        if let Some(&i) = self.ids.get(k) {
            return i;
        }
        let i = self.parent.len();
        self.ids.insert(k.to_string(), i);
        self.parent.push(i);
        i
    }

    /// A key no other is: a group of its own
    fn fresh(&mut self) -> usize {
        let i = self.parent.len();
        self.parent.push(i);
        i
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            let p = self.parent[i];
            self.parent[i] = self.parent[p];
            i = p;
        }
        i
    }

    fn union_ids(&mut self, a: usize, b: usize) {
        let ra = self.root(a);
        let rb = self.root(b);
        self.parent[ra] = rb;
    }

    fn union(&mut self, a: &str, b: &str) {
        let (a, b) = (self.id(a), self.id(b));
        self.union_ids(a, b);
    }
}

/// `group_mentions(mentions, abbreviations, tied)`
fn group_mentions(
    cx: &Cx,
    mentions: &mut [M],
    abbreviations: &[&crate::state::Abbreviation],
    tied: &[(String, String)],
) {
    let reg = cx.reg;
    let plural = cx.plural; // looked up once, not once per key
    let ekey = |name: &str| crate::normalize::entity_key_with(plural, name);
    let n = mentions.len();
    let mut g = Groups {
        ids: HashMap::with_capacity_and_hasher(2 * n, Default::default()),
        parent: Vec::with_capacity(2 * n),
    };
    // each mention's key, computed once per text; a concept's key once per concept
    let mut by_text: HashMap<&str, usize, rustc_hash::FxBuildHasher> =
        HashMap::with_capacity_and_hasher(n, Default::default());
    let mut keys: Vec<String> = Vec::new(); // the distinct texts' keys, for generic_tailed
    let mut ids: Vec<usize> = Vec::with_capacity(mentions.len());
    for m in mentions.iter() {
        let id = match by_text.get(m.text.as_str()) {
            Some(&id) => id,
            None => {
                let key = ekey(&m.text);
                let id = g.id(&key);
                if key.ends_with("parallel") {
                    let p = g.id(&format!("{key}ism"));
                    g.union_ids(id, p);
                }
                keys.push(key);
                by_text.insert(m.text.as_str(), id);
                id
            }
        };
        ids.push(id);
    }
    // a concept's key "concept:<id>" is no entity key (those are letters and digits
    // only): concepts are numbered by their ids, without their keys
    let mut concepts: HashMap<&str, usize, rustc_hash::FxBuildHasher> = HashMap::default();
    let (mut own, mut dashed) = (false, false);
    for (k, m) in mentions.iter().enumerate() {
        if let Some(c) = m
            .concept
            .and_then(|i| cx.state.mentions[i].concept.as_ref())
        {
            let c = *concepts.entry(c.id.as_str()).or_insert_with(|| g.fresh());
            g.union_ids(ids[k], c);
        }
        own = own || OWN_NAME_RULES.contains(&m.rule.as_str());
        dashed = dashed || m.text.contains('-');
    }
    for a in abbreviations {
        g.union(&ekey(&a.short), &ekey(&a.long));
    }
    for (one, other) in tied {
        g.union(&ekey(one), &ekey(other));
    }
    if own {
        for (short, long) in name_with_head(reg, mentions) {
            g.union(&ekey(&short), &ekey(&long));
        }
        for (variant, name) in misspelt_own_names(mentions) {
            g.union(&ekey(&variant), &ekey(&name));
        }
    }
    for (short, long) in generic_tailed(reg, mentions, &keys) {
        g.union(&short, &long);
    }
    if dashed {
        for (short, long) in prefixed_names(reg, mentions, abbreviations) {
            g.union(&ekey(&short), &ekey(&long));
        }
    }
    let mut roots: HashMap<usize, i64, rustc_hash::FxBuildHasher> =
        HashMap::with_capacity_and_hasher(n, Default::default());
    for (k, m) in mentions.iter_mut().enumerate() {
        let root = g.root(ids[k]);
        let n = roots.len() as i64;
        m.group = *roots.entry(root).or_insert(n);
    }
}

/// `_name_with_head(mentions)`
fn name_with_head(reg: &Registry, mentions: &[M]) -> Vec<(String, String)> {
    let names: HashSet<&str> = mentions
        .iter()
        .filter(|m| m.specific && m.concept.is_none())
        .map(|m| m.text.as_str())
        .collect();
    let heads = words(reg, "lexicon.CONCEPT_HEADS");
    let mut out = Vec::new();
    for m in mentions {
        if !OWN_NAME_RULES.contains(&m.rule.as_str()) {
            continue;
        }
        let Some((first, last)) = m.text.rsplit_once(' ') else {
            continue;
        };
        if heads.contains(&last.to_ascii_lowercase()) && names.contains(first) && first != m.text {
            out.push((first.to_string(), m.text.clone()));
        }
    }
    out
}

/// `short in _inner_deletions(long)`: `short` is `long` less one inner letter (not
/// its first or last character), checked without making the deletions
fn inner_deletion_of(long: &str, short: &str) -> bool {
    let (l, s) = (long.as_bytes(), short.as_bytes());
    if l.len() != s.len() + 1 || l.len() < 3 {
        return false;
    }
    // l[..i] == s[..i] for i <= prefix; l[i + 1..] == s[i..] for i >= s.len() - suffix
    let prefix = l.iter().zip(s).take_while(|(a, b)| a == b).count();
    let suffix = l
        .iter()
        .rev()
        .zip(s.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let lo = 1.max(s.len().saturating_sub(suffix));
    let hi = prefix.min(l.len() - 2);
    (lo..=hi).any(|i| l[i].is_ascii_alphabetic())
}

/// `_misspelt_own_names(mentions)` (where two own names could pair with one variant,
/// Python's pick follows string hashing; the first in sorted order is taken here)
fn misspelt_own_names(mentions: &[M]) -> Vec<(String, String)> {
    let mut own: Vec<&str> = mentions
        .iter()
        .filter(|m| OWN_NAME_RULES.contains(&m.rule.as_str()) && m.text.len() >= 6)
        .map(|m| m.text.as_str())
        .collect();
    own.sort_unstable();
    own.dedup();
    let mut out = Vec::new();
    if own.is_empty() {
        return out;
    }
    let lengths: HashSet<usize> = own.iter().map(|n| n.len()).collect();
    let near = mentions.iter().filter(|m| {
        (lengths.contains(&(m.text.len() + 1))
            || (!m.text.is_empty() && lengths.contains(&(m.text.len() - 1))))
            && m.specific
    });
    for m in near {
        let t = m.text.as_str();
        // an own name one letter longer first (`shorter`), then one shorter
        let hit = own
            .iter()
            .find(|n| inner_deletion_of(n, t))
            .or_else(|| own.iter().find(|n| inner_deletion_of(t, n)));
        if let Some(n) = hit {
            out.push((t.to_string(), n.to_string()));
        }
    }
    out
}

/// `_prefixed_names(mentions, abbreviations)`
fn prefixed_names(
    reg: &Registry,
    mentions: &[M],
    abbreviations: &[&crate::state::Abbreviation],
) -> Vec<(String, String)> {
    let defined: HashSet<&str> = abbreviations.iter().map(|a| a.short.as_str()).collect();
    let alone: HashSet<&str> = mentions
        .iter()
        .filter(|m| {
            m.specific
                && m.concept.is_none()
                && m.text
                    .as_bytes()
                    .first()
                    .is_some_and(u8::is_ascii_uppercase)
                && !defined.contains(m.text.as_str())
        })
        .map(|m| m.text.as_str())
        .collect();
    let marks = words(reg, "discovery._SIZE_MARKS");
    let mut out = Vec::new();
    for m in mentions.iter().filter(|m| m.text.contains('-')) {
        let (prefix, name) = m.text.split_once('-').expect("a dash");
        if alone.contains(name)
            && !marks.contains(name)
            && name.len() >= 2
            && prefix.bytes().any(|c| c.is_ascii_uppercase())
        {
            out.push((name.to_string(), m.text.clone()));
        }
    }
    out
}

/// `_generic_tailed(mentions)`: pairs of keys (`keys`: the mentions' keys)
fn generic_tailed(reg: &Registry, mentions: &[M], keys: &[String]) -> Vec<(String, String)> {
    let tails = words(reg, "discovery._GENERIC_TAILS");
    let tailed: Vec<(&str, &str)> = mentions
        .iter()
        .filter_map(|m| {
            let (head, tail) = m.text.rsplit_once(' ')?;
            tails
                .contains(&tail.to_ascii_lowercase())
                .then_some((head, m.text.as_str()))
        })
        .collect();
    if tailed.is_empty() {
        return Vec::new();
    }
    let keys: HashSet<&str> = keys.iter().map(String::as_str).collect();
    tailed
        .into_iter()
        .filter_map(|(head, name)| {
            let short = entity_key(reg, head);
            keys.contains(short.as_str())
                .then(|| (short, entity_key(reg, name)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `_inner_deletions(name)` as the port first wrote it
    fn inner_deletions(name: &str) -> HashSet<String> {
        let b = name.as_bytes();
        (1..b.len().saturating_sub(1))
            .filter(|&i| b[i].is_ascii_alphabetic())
            .map(|i| format!("{}{}", &name[..i], &name[i + 1..]))
            .collect()
    }

    #[test]
    fn inner_deletions_checked_in_place() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "ac",
            "aab",
            "ab",
            "PatrickStar",
            "PatricStar",
            "atrickStar",
            "PatrickSta",
            "aaaa",
            "aaa",
            "a1b",
            "ab",
            "a-b",
            "aXb",
            "Foo2",
            "Fo2",
            "xyyz",
            "xyz",
        ];
        for l in words {
            for s in words {
                assert_eq!(
                    inner_deletion_of(l, s),
                    inner_deletions(l).contains(s),
                    "{l} {s}"
                );
            }
        }
    }
}
