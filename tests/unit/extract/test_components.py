from kg.extract.components import component_spans, lower_phrase
from kg.extract.sentences import split_sentences
from kg.models import Paper


def _parts(title, abstract):
    text = f"{title}\n\n{abstract}"
    title_end = len(title)
    sents = split_sentences(text, title_end)
    return [text[s:e] for s, e in component_spans(text, title_end, sents)]


def test_counted_lists_after_a_proposal_verb():
    got = _parts(
        "Widgets",
        "We present Quillo, integrating three cheap folding strategies, namely crease "
        "sharing, layer pinning and edge rotation. It runs fast.",
    )
    assert got == ["crease sharing", "layer pinning", "edge rotation"]
    got = _parts(
        "Widgets", "We introduce two new methods, stacked crease hashing and lazy fold caching."
    )
    assert got == ["stacked crease hashing", "lazy fold caching"]


def test_enumerated_parts_title_case_or_new():
    got = _parts(
        "Widgets",
        "We introduce two key techniques: (1) Sparse Fold Routing, a novel design that "
        "splits widgets. (2) Crease Aware Ordering, a novel schedule. We also add two "
        "changes: (i) paper folding, and (ii) a stable crease layer to help.",
    )
    assert got == ["Sparse Fold Routing", "Crease Aware Ordering", "stable crease layer"]


def test_stages_own_lists_and_renamed_instances():
    got = _parts(
        "Widgets",
        "We propose Quillo. It combines Pipeline Parallelism with Dual Fold Policy, "
        "Overlap of Creasing and Local Folding, and an Adaptive Crease Scheme. The first "
        "stage, Partial Crease Rollout, splits paper. We add a plain tweak, which we "
        "rename Careful Folder, e.g. C-Fold and C-Crease.",
    )
    assert got == [
        "Pipeline Parallelism",
        "Dual Fold Policy",
        "Overlap of Creasing and Local Folding",
        "Adaptive Crease Scheme",
        "Partial Crease Rollout",
        "C-Fold",
        "C-Crease",
    ]


def test_a_phrase_the_paper_says_it_presents():
    got = _parts(
        "Widgets",
        "Search is slow. We speed it up, mainly through the shared crease caching "
        "technique, which we also present.",
    )
    assert got == ["shared crease caching"]


def test_background_lists_and_lower_case_combinations_are_no_parts():
    got = _parts(
        "Widgets",
        "Existing folders integrate two techniques, namely crease sharing and edge "
        "rotation. It combines paper folding with crease sharing.",
    )
    assert got == []


def test_lower_phrase_needs_a_technical_head():
    t = "a novel parallel crease search scheme that folds"
    s, e = lower_phrase(t, 0, len(t))
    assert t[s:e] == "parallel crease search"
    assert lower_phrase("a new folding method for it", 0, 27) is not None
    assert lower_phrase("a new method for it", 0, 19) is None
    assert lower_phrase("two fine widgets here", 0, 21) is None


def test_parts_are_proposed_and_part_of_the_proposed_system(extractor):
    out = extractor.extract_one(
        Paper(
            id="x",
            title="Quillo: A System for Folding Widgets",
            abstract="We present Quillo, a serving system. It combines pipeline "
            "parallelism with Dual Fold Policy and Crease Aware Ordering. Quillo is fast.",
        )
    )
    roles = {e.name: tuple(e.roles) for e in out.entities}
    assert roles["Dual Fold Policy"] == ("proposes",)
    assert roles["Crease Aware Ordering"] == ("proposes",)
    assert roles["pipeline parallelism"] == ("uses",)
    rels = {(r.head, r.type, r.tail) for r in out.relations}
    assert ("Dual Fold Policy", "implemented_in", "Quillo") in rels
    assert ("Crease Aware Ordering", "implemented_in", "Quillo") in rels


def test_a_lower_case_name_after_a_method_called():
    got = _parts(
        "Widgets",
        "We fold paper with a method called co-creasing, and a tool called a folder.",
    )
    assert got == ["co-creasing"]
