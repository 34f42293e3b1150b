from kg.extract import lexicon


def test_no_word_is_cut_at_a_hyphen():
    sets = [
        lexicon.CONCEPT_HEADS,
        lexicon.STANDALONE_HEADS,
        lexicon.STOP_MODIFIERS,
        lexicon.NOT_NAMES,
        *lexicon.RESTRICTED_HEADS.values(),
    ]
    cut = {w for s in sets for w in s if w.endswith("-") and w != "q-"}
    assert cut == set()


def test_hyphenated_concepts_are_whole():
    assert "meta-learning" in lexicon.STANDALONE_HEADS
    assert "well-known" in lexicon.STOP_MODIFIERS
