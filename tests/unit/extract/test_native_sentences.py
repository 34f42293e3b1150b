"""The sentence twin gives the Python rule's spans (``kg/extract/sentences.py``)."""

from __future__ import annotations

import random

from kg.extract import sentences
from kg.extract.sentences import title_end_of
from tests.unit.extract.native_cases import assert_same, core, python_rule, texts

# written to reach the rule's branches: listed abbreviations, initials and dotted
# abbreviations after what may or may not precede them, closing quotes and brackets,
# "!" and "?", digits, "$" and "\\" after the space, titles without an abstract
EDGES = [
    "T\n\nOptimizers (e.g. Adam) and others, i.e. Many, work as in Smith et al. 2020 vs. B.",
    "T\n\nFig. 2 shows a 3.5x gain, see https://example.org/a.b for code. Done.",
    "T\n\nIt runs fast. 128 GPUs are used! (We also test CPUs.) Why? [Because] \"So.\" 'Yes.'",
    "T\n\nWe tune Zorb-13B. Then we serve 900 tokens/s. Quux-L. It costs $2.5M. $x$ is. \\alpha.",
    "T\n\nAs J. Doe and K. Roe (A. Poe, 2021) showed, (U.S. Army) [U.S. Navy] ~U.S. Air. X.",
    "T\n\nIt serves chat, code, search, etc. Moreover, it is cheap (see logs, etc.). Then.",
    "T\n\nAs Sect. 4 and Alg. 2 show, the bound (Thm. 1) holds; see App. C for more. Done.",
    "T\n\nVery.Long.Dotted.Word. Next, a.b. C and ab.cd. E and abc.de. F and x.y.z. G.",
    'T\n\nEnd.) Next. End.]) Next. End." Next. End.\' Next. End.\t\n Next. End.  "(Next.',
    "T\n\nAbcdefghijklmnopqrs. Next and Fig.Eq. Next and ref. 3 and nos. 4 and v. 2.",
    "J. Smith\n\nJ. Smith. A. B. C. D. and I. And e.g. Then i.e. So cf. Thus Dr. Who.",
    "Only a title",
    "Only a title.",
    "Title\n\n",
    "Title\n\n   \n",
    "\n\nNo title. At all.",
    "A. B. C.",
    ".",
    ". A",
    "a. A",
    "",
]


def _mixed(n: int, seed: int = 5) -> list[str]:
    """Texts of ``EDGES`` and corpus pieces, cut and joined at random."""
    rng = random.Random(seed)
    pool = EDGES + list(texts()[:200])
    out = []
    for _ in range(n):
        text = rng.choice(["", " ", "\n\n"]).join(rng.choice(pool) for _ in range(2))
        if text and rng.random() < 0.6:
            a = rng.randrange(len(text))
            text = text[a : a + rng.randint(1, 400)]
        out.append(text)
    return out


def test_split_sentences_twin() -> None:
    kg_native = core()
    cases = [(t, title_end_of(t)) for t in list(texts()) + EDGES + _mixed(1500)]
    # any title end: none, inside a word, on a space, at and past the end
    cases += [(t, e) for t in EDGES for e in (0, 1, 2, 3, 5, len(t), len(t) + 4)]
    rule = python_rule(sentences.split_sentences)
    assert assert_same(rule, kg_native.sentences_split_sentences, cases) > 2000


def test_split_sentences_uses_its_twin() -> None:
    kg_native = core()
    text = "DeMo: Momentum\n\nWe use e.g. Adam et al. We run on 2.5 GPUs. Done."
    want = [(0, 14), (16, 59), (60, 65)]
    assert python_rule(sentences.split_sentences)(text, 14) == want
    assert sentences.split_sentences(text, 14) == want
    assert kg_native.sentences_split_sentences(text, 14) == want


def test_sentence_twin_refuses_text_that_is_not_plain() -> None:
    kg_native = core()
    assert kg_native.sentences_split_sentences("Title\n\nÉtude. Done.", 5) is None
    assert kg_native.sentences_split_sentences("Title\n\nOne.\x1c Two.", 5) is None
    assert kg_native.sentences_split_sentences("Title\n\nOne. Two.", -1) is None
    assert sentences.split_sentences("Title\n\nÉtude. Done.", 5) == [(0, 5), (7, 13), (14, 19)]
