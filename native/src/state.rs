//! The per-document state the components share (`kg/extract/state.py`), read from
//! the Python `DocState` for the twins of whole components.
//!
//! Enums (`EntityType`, `Role`, `Relation`) are `StrEnum`s: they cross as their
//! string values, and the Python side turns returned values back into members.

use pyo3::prelude::*;

/// `kg.vocab.VocabConcept`: the vocabulary concept a mention matched (the fields the
/// rules read; labels and broader concepts stay in Python)
#[derive(Clone, Debug, FromPyObject)]
pub struct Concept {
    #[pyo3(attribute)]
    pub id: String,
    #[pyo3(attribute("type"))]
    pub type_: String,
    #[pyo3(attribute)]
    pub specific: bool,
}

/// `state.Mention`
#[derive(Clone, Debug, FromPyObject)]
pub struct Mention {
    #[pyo3(attribute)]
    pub start: usize,
    #[pyo3(attribute)]
    pub end: usize,
    #[pyo3(attribute)]
    pub text: String,
    #[pyo3(attribute)]
    pub rule: String,
    #[pyo3(attribute)]
    pub confidence: f64,
    /// the `EntityType` value, if typed
    #[pyo3(attribute("type"))]
    pub type_: Option<String>,
    #[pyo3(attribute)]
    pub specific: bool,
    #[pyo3(attribute)]
    pub concept: Option<Concept>,
    #[pyo3(attribute)]
    pub group: i64,
    #[pyo3(attribute)]
    pub type_rule: String,
}

/// `state.Abbreviation`
#[derive(Clone, Debug, FromPyObject)]
pub struct Abbreviation {
    #[pyo3(attribute)]
    pub short_start: usize,
    #[pyo3(attribute)]
    pub short_end: usize,
    #[pyo3(attribute)]
    pub long_start: usize,
    #[pyo3(attribute)]
    pub long_end: usize,
    #[pyo3(attribute)]
    pub short: String,
    #[pyo3(attribute)]
    pub long: String,
}

/// `state.DocState`, without the cues the later components add
#[derive(Clone, Debug, FromPyObject)]
pub struct DocState {
    #[pyo3(attribute)]
    pub text: String,
    #[pyo3(attribute)]
    pub title_end: usize,
    #[pyo3(attribute)]
    pub sentences: Vec<(usize, usize)>,
    #[pyo3(attribute)]
    pub mentions: Vec<Mention>,
    #[pyo3(attribute)]
    pub abbreviations: Vec<Abbreviation>,
    #[pyo3(attribute)]
    pub proposed: Vec<(usize, usize)>,
}

/// `DocState.sentence_of(offset)` over `sentences` (spans in order) and `title_end`:
/// the sentence starting at or before `offset`, else the first; the title when there
/// are no sentences
pub fn sentence_of(
    sentences: &[(usize, usize)],
    title_end: usize,
    offset: usize,
) -> (usize, usize) {
    if sentences.is_empty() {
        return (0, title_end);
    }
    let i = sentences.partition_point(|&(s, _)| s <= offset);
    sentences[i.saturating_sub(1)]
}

impl DocState {
    /// `sentence_of(offset)`
    pub fn sentence_of(&self, offset: usize) -> (usize, usize) {
        sentence_of(&self.sentences, self.title_end, offset)
    }

    /// `mention_sentences()`
    pub fn mention_sentences(&self) -> Vec<(usize, usize)> {
        self.mentions
            .iter()
            .map(|m| self.sentence_of(m.start))
            .collect()
    }

    /// `lowered()` (plain text: `text.lower()`)
    pub fn lowered(&self) -> String {
        self.text.to_ascii_lowercase()
    }
}

/// `group_by_sentence(sents)`: mention indices by sentence, sentences in order of
/// first use
pub fn group_by_sentence(sents: &[(usize, usize)]) -> Vec<((usize, usize), Vec<usize>)> {
    let mut out: Vec<((usize, usize), Vec<usize>)> = Vec::new();
    for (i, sent) in sents.iter().enumerate() {
        match out.iter_mut().find(|(s, _)| s == sent) {
            Some((_, idxs)) => idxs.push(i),
            None => out.push((*sent, vec![i])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::sentence_of;

    #[test]
    fn sentence_of_follows_python() {
        let s = [(0, 5), (7, 20)];
        assert_eq!(sentence_of(&s, 5, 0), (0, 5));
        assert_eq!(sentence_of(&s, 5, 6), (0, 5));
        assert_eq!(sentence_of(&s, 5, 7), (7, 20));
        assert_eq!(sentence_of(&[(3, 5)], 5, 1), (3, 5));
        assert_eq!(sentence_of(&[], 9, 1), (0, 9));
    }
}
