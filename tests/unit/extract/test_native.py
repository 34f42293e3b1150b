"""The compiled core: its loading, its regex layer, and the normalize twins."""

from __future__ import annotations

import importlib
import re

import pytest

from kg.errors import ExtractionError
from kg.extract import discovery, lexicon, native, normalize
from tests.unit.extract.native_cases import assert_same, core, texts


def test_plain_texts_are_ascii_without_separators() -> None:
    assert native.plain("GPT-3 (175B)\n\tok")
    assert not native.plain("ε-greedy")
    assert not native.plain("a\x1cb")  # Python's \s holds it, PCRE2's does not


def test_registry_names_every_pattern_word_set_and_tuple_by_module() -> None:
    patterns, words, seqs, maps = native.registry_entries()
    names = {n for n, _, _ in patterns}
    assert "discovery._PROPOSE" in names and "normalize._ACRONYM_PLURAL" in names
    assert dict(words)["normalize.NON_ENTITY_KEYS"] == sorted(normalize.NON_ENTITY_KEYS)
    assert dict(seqs)["discovery._URL_LITERALS"][0] == "://"
    heads = dict(dict(maps)["lexicon.RESTRICTED_HEADS"])
    assert heads["cache"] == sorted(lexicon.RESTRICTED_HEADS["cache"])
    assert dict(dict(maps)["lexicon.TYPE_NOUNS"])["library"] == ["System"]


def test_every_pattern_compiles_and_finds_what_python_finds() -> None:
    kg_native = core()
    patterns, *_ = native.registry_entries()
    sample = texts()[::7]
    for name, _, _ in patterns:
        module, var = name.split(".")
        rx: re.Pattern[str] = getattr(importlib.import_module(f"kg.extract.{module}"), var)
        for text in sample:
            want = [
                [m.span(g) if m.start(g) >= 0 else None for g in range(rx.groups + 1)]
                for m in rx.finditer(text)
            ]
            assert kg_native.finditer_spans(name, text) == want, (name, text[:80])


def test_search_and_match_keep_the_text_before_pos_and_stop_at_endpos() -> None:
    kg_native = core()
    text = "the EPD-2 and EPD"
    # a lookbehind at pos sees the character before it; endpos ends the text there
    for pos, endpos in [(0, None), (5, None), (4, 9), (14, 16), (10, 17), (8, 9)]:
        for anchored in (False, True):
            rx = discovery._WORD_START
            py = (rx.match if anchored else rx.search)(text, pos, endpos or len(text))
            got = kg_native.search_span(
                "discovery._WORD_START", text, pos, endpos, anchored=anchored
            )
            assert (got[0] if got else None) == (py.span() if py else None)


def test_python_dollar_and_backslash_z_keep_their_meaning() -> None:
    kg_native = core()
    rules = [("t.D", r"ab$", 0), ("t.Z", r"ab\Z", 0), ("t.U", r"\u00d7", 0)]
    kg_native.configure(rules, [], [], [])
    try:
        assert kg_native.search_span("t.D", "xab\n") == [(1, 3)]  # "$" before a final \n
        assert kg_native.search_span("t.Z", "xab\n") is None
        assert kg_native.search_span("t.Z", "xab") == [(1, 3)]
    finally:
        native._loaded = False  # the next core() configures the real registry again
        native.core()


def test_off_and_stale_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    core()
    monkeypatch.setattr(native, "_loaded", False)
    monkeypatch.setenv("KG_NATIVE", "0")
    assert native.core() is None and native.twin("normalize_singular") is None
    monkeypatch.setattr(native, "_loaded", False)
    monkeypatch.setenv("KG_NATIVE", "1")
    monkeypatch.setattr(native, "ABI", native.ABI + 1)
    with pytest.raises(ExtractionError, match="stale"):
        native.core()
    monkeypatch.setattr(native, "_loaded", False)
    monkeypatch.setattr(native, "ABI", native.ABI - 1)
    monkeypatch.delenv("KG_NATIVE")
    assert native.core() is not None


def test_python_only_turns_every_twin_off() -> None:
    core()
    with native.python_only():
        assert native.twin("normalize_singular") is None
    assert native.twin("normalize_singular") is not None


def test_twins_refuse_text_that_is_not_plain() -> None:
    kg_native = core()
    assert kg_native.normalize_entity_key("ε-greedy") is None
    assert kg_native.normalize_find_word("α EPD", "EPD") is None


def _words_and_phrases() -> list[tuple[str]]:
    seen: set[str] = set()
    for text in texts()[::3]:
        words = text.split()
        seen.update(words)
        seen.update(" ".join(words[i : i + 3]) for i in range(len(words)))
    return [(w,) for w in sorted(seen)]


def test_normalize_twins_fold_names_as_python_does() -> None:
    kg_native = core()
    cases = _words_and_phrases() + [("GPUs",), ("ZeRO++",), ("QuIP#",), ("OPT-1.3B",), ("",)]
    cases += [("LLMs\n",), ("$\\alpha$",), ("classes",), ("boxes",), ("bias",)]
    assert assert_same(normalize.entity_key, kg_native.normalize_entity_key, cases) > 1000
    assert_same(normalize.is_non_entity, kg_native.normalize_is_non_entity, cases)
    assert_same(normalize.singular, kg_native.normalize_singular, cases)


def test_find_word_twin() -> None:
    kg_native = core()
    cases = [(t, w, s) for t in texts()[:40] for w in ("EPD", "GPU", "the", "a") for s in (0, 5)]
    cases += [("EPD-2 and EPD", "EPD", 0), ("xEPD", "EPD", 0), ("", "EPD", 0)]
    assert_same(normalize.find_word, kg_native.normalize_find_word, cases)


def test_doc_state_crosses_to_the_twins_whole() -> None:
    from tests.unit.extract.native_cases import states_before

    kg_native = core()
    states = states_before("kg_typing", step=5)
    assert len(states) > 100
    for st in states:
        n, concepts, abbreviations, sents = kg_native.state_summary(st)
        assert n == len(st.mentions) and abbreviations == len(st.abbreviations)
        assert concepts == sum(m.concept is not None for m in st.mentions)
        assert sents == st.mention_sentences()


def test_extraction_with_the_twins_equals_the_python_rules() -> None:
    """End to end: every paper's extraction (entities, roles, relations, attributes,
    evidence) is the same with the twins on and off."""
    from kg.models import Paper
    from tests.unit.extract.native_cases import _extractor

    core()
    ex = _extractor()
    papers = []
    for k, text in enumerate(texts()):
        title, _, abstract = text.partition("\n\n")
        papers.append(Paper(id=f"p{k}", title=title, abstract=abstract))
    with_twins = [e.to_dict() for e in ex.extract(papers)]
    with native.python_only():
        python = [e.to_dict() for e in ex.extract(papers)]
    assert len(python) == len(papers) > 500
    for got, want in zip(with_twins, python, strict=True):
        assert got == want, want["id"]


def test_texts_that_are_not_plain_take_the_python_rules_whole() -> None:
    """A non-ASCII character anywhere sends the document down the Python path in every
    component, so mixing twins and rules never happens within one document."""
    from kg.models import Paper
    from tests.unit.extract.native_cases import _extractor

    core()
    ex = _extractor()
    papers = []
    for k, text in enumerate(texts()[::4]):
        title, _, abstract = text.partition("\n\n")
        # a Greek letter in the title, or an accent at the very end of the abstract
        if k % 2:
            title = f"ε-{title}"
        else:
            abstract = f"{abstract} (café)"
        papers.append(Paper(id=f"u{k}", title=title, abstract=abstract))
    with_twins = [e.to_dict() for e in ex.extract(papers)]
    with native.python_only():
        python = [e.to_dict() for e in ex.extract(papers)]
    assert len(papers) > 100
    assert with_twins == python
