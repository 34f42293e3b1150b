import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import abbreviations
from kg.extract.abbreviations import best_long_form, find_abbreviations


def _pairs(text):
    return [
        (a.short, a.long, text[a.short_start : a.short_end], text[a.long_start : a.long_end])
        for a in find_abbreviations(text)
    ]


def test_schwartz_hearst_core():
    assert best_long_form("DeMo", "we propose Decoupled Momentum") == "Decoupled Momentum"
    assert (
        best_long_form("FSDP", "with Fully Sharded Data Parallel") == "Fully Sharded Data Parallel"
    )
    assert best_long_form("XYZ", "nothing matches here") is None


def test_pairs_and_offsets():
    text = "We propose Decoupled Momentum (DeMo) and use Low-Rank Adaptation (LoRA; see below)."
    assert _pairs(text) == [
        ("DeMo", "Decoupled Momentum", "DeMo", "Decoupled Momentum"),
        ("LoRA", "Low-Rank Adaptation", "LoRA", "Low-Rank Adaptation"),
    ]


def test_rejects_non_abbreviations():
    text = "Training takes long (80GB) and (see Section 3) and accuracy rate (AR) drops."
    assert _pairs(text) == []


def test_long_form_stays_in_its_clause():
    text = "For our analysis, we introduce universal random features (URFs)."
    assert _pairs(text)[0][1] == "universal random features"


# --- the fast paths agree with straightforward references ---------------------------------


def _reference_long_form(short: str, candidate: str) -> str | None:
    s, i = len(short) - 1, len(candidate) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while i >= 0 and (
            candidate[i].lower() != c or (s == 0 and i > 0 and candidate[i - 1].isalnum())
        ):
            i -= 1
        if i < 0:
            return None
        i, s = i - 1, s - 1
    long = candidate[candidate.rfind(" ", 0, i + 1) + 1 :].strip()
    if not long or len(long) <= len(short) or short in long.split():
        return None
    return None if len(long.split()) > min(len(short) + 5, 2 * len(short)) else long


@settings(max_examples=500)
@given(
    st.text("AbCdeÉİΣσς-1.x ", min_size=1, max_size=6), st.text("abcdeAB ÉéİiΣσς-1.x", max_size=30)
)
def test_best_long_form_agrees_with_char_by_char_reference(short, candidate):
    assert best_long_form(short, candidate) == _reference_long_form(short, candidate)


@settings(max_examples=300)
@given(st.text(" \n\tab(", max_size=8))
def test_paren_start_is_the_original_lookbehind(prefix):
    text = prefix + "(XY)"
    m = re.compile(r"(?<=\S) ?\(([^()]{1,16})\)").search(text, len(prefix) - 1 if prefix else 0)
    expected = m.start() if m and m.start(1) == len(prefix) + 1 else -1
    assert abbreviations._paren_start(text, len(prefix)) == expected


@settings(max_examples=300)
@given(st.text("ab .;:!?()\n\t", max_size=40))
def test_last_sent_stop_ends_where_the_last_stop_does(window):
    stops = list(re.finditer(r"[.;:!?]\s|\(|\)|\n", window))
    m = abbreviations._LAST_SENT_STOP.match(window)
    assert (m.end() if m else None) == (stops[-1].end() if stops else None)


def test_reverse_pairs_short_form_then_long_form_in_parentheses():
    from kg.extract.abbreviations import find_reverse_abbreviations

    text = (
        "We introduce ZorbVL (ZOrbic Reasoning Bench for Vision-Language), and use "
        "Quux (a big model), GPT-4 (OpenAI, 2023) and Zeta (Evo\\textbf{Z}eta Tuning)."
    )
    pairs = [(a.short, a.long) for a in find_reverse_abbreviations(text)]
    assert pairs == [("ZorbVL", "ZOrbic Reasoning Bench for Vision-Language")]
    (a,) = find_reverse_abbreviations(text)
    assert text[a.short_start : a.short_end] == "ZorbVL"
    assert text[a.long_start : a.long_end] == a.long


def test_a_reverse_long_form_hides_its_oddly_cased_words(extractor):
    from kg.models import Paper

    out = extractor.extract_one(
        Paper(
            id="x",
            title="A Study",
            abstract="We introduce ZorbVL (ZOrbic Reasoning Bench for Vision-Language).",
        )
    )
    names = {e.name: e.aliases for e in out.entities}
    assert "ZOrbic" not in names
    assert names["ZorbVL"] == ["ZOrbic Reasoning Bench for Vision-Language"]


def test_a_long_form_spelled_by_initials_is_not_cut_short():
    # Schwartz-Hearst alone reads the second S inside "Supervised" and drops "Set"
    text = "Our method, Set Supervised Fine-Tuning (SSFT), keeps the modes."
    assert [(a.short, a.long) for a in find_abbreviations(text)] == [
        ("SSFT", "Set Supervised Fine-Tuning")
    ]


def test_initials_never_shorten_a_schwartz_hearst_long_form():
    text = "We train with Zero Redundancy Optimizer (ZeRO) and Mixture of Experts (MoE)."
    assert [(a.short, a.long) for a in find_abbreviations(text)] == [
        ("ZeRO", "Zero Redundancy Optimizer"),
        ("MoE", "Mixture of Experts"),
    ]


def test_a_short_form_may_be_followed_by_a_citation_or_examples():
    text = (
        "We extend Zorbic Pipeline Sharding (ZPS; Doe et al., 2022) and serve "
        "Quux Language Models (QLMs, e.g. Foo-1 and Bar-2)."
    )
    assert [(a.short, a.long) for a in find_abbreviations(text)] == [
        ("ZPS", "Zorbic Pipeline Sharding"),
        ("QLMs", "Quux Language Models"),
    ]


def test_a_parenthesis_listing_names_gives_no_short_form():
    # "Zorbic optimizers" is spelled by "Zorb" letter by letter, but the parenthesis
    # lists examples of the optimizers, it does not abbreviate them
    text = (
        "Zorbic optimizers (Zorb, QuuxGrad) are common. Blarg sharding methods "
        "(BSM, FooShard and BarShard) also."
    )
    assert [(a.short, a.long) for a in find_abbreviations(text)] == []


def test_latex_non_breaking_space_before_the_short_form():
    text = "We study zorbic language models~(ZLMs) here."
    (a,) = find_abbreviations(text)
    assert (a.short, a.long) == ("ZLMs", "zorbic language models")
    assert text[a.long_start : a.long_end] == a.long


def test_a_model_size_in_brackets_is_no_short_form():
    text = "We test sizes of 1.3 and 13 billion parameters (1.3B and 13B) here."
    assert list(find_abbreviations(text)) == []


def test_a_blend_of_word_openings_is_a_short_form():
    text = "We study widget folding (WidFold) and sparse scaling (SpaScale) here."
    assert [p[:2] for p in _pairs(text)] == [
        ("WidFold", "widget folding"),
        ("SpaScale", "sparse scaling"),
    ]
    assert _pairs("We study widget training (WidFold) here.") == []


def test_a_short_form_after_or_in_the_parenthesis():
    text = "We use tiny widget kernels (or TWKs) for speed."
    assert [p[:2] for p in _pairs(text)] == [("TWKs", "tiny widget kernels")]


def test_a_coined_name_before_its_title_case_expansion():
    from kg.extract.abbreviations import find_reverse_abbreviations

    text = "We build Quorvex (Quick Online Routing of Vector Expressions), a router."
    assert [(a.short, a.long) for a in find_reverse_abbreviations(text)] == [
        ("Quorvex", "Quick Online Routing of Vector Expressions")
    ]
    for other in (
        "We build Quorvex (Smith and Jones, 2020) here.",  # a citation
        "We build Quorvex (quick online routing) here.",  # lower case: a gloss
        "We build Quorvex (Vector Routing Expressions) here.",  # capitals out of order
    ):
        assert list(find_reverse_abbreviations(other)) == [], other


def test_a_short_form_used_without_a_parenthesis():
    from kg.extract.abbreviations import find_initialisms

    text = "We design the Folded Widget Router tool. In tests, FWR halves latency."
    assert [(a.short, a.long) for a in find_initialisms(text, set())] == [
        ("FWR", "Folded Widget Router")
    ]
    # already defined by a parenthesis, or no run of capitalised words spelling it
    assert list(find_initialisms(text, {"FWR"})) == []
    assert list(find_initialisms("We design a folded widget router. FWR is fast.", set())) == []
