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
