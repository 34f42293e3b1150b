import pytest

from kg.extract.counts import find_numbers, parse_count, parse_parameters
from kg.extract.state import DocState, Mention
from kg.ontology import EntityType


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("more than 12,000", 12000), ("a single", 1), ("2048", 2048), ("eight", 8), ("many", None)],
)
def test_parse_count(phrase, value):
    assert parse_count(phrase) == value


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("200 billion", 200_000_000_000),
        ("12.7B", 12_700_000_000),
        ("70B", 70_000_000_000),
        ("1.5 trillion", 1_500_000_000_000),
        ("no size", None),
    ],
)
def test_parse_parameters(phrase, value):
    assert parse_parameters(phrase) == value


def _state(text, names):
    state = DocState(title_end=1, sentences=[(0, 1), (2, len(text))])
    for name, etype in names:
        s = text.index(name)
        state.mentions.append(Mention(s, s + len(name), name, "x", 0.5, etype))
    return state


def test_counts_go_to_the_first_hardware_after_the_number():
    text = "T\nWe train on more than 1,024 Zeta A100 GPUs and a single CPU."
    state = _state(
        text,
        [
            ("A100", EntityType.HARDWARE),
            ("GPUs", EntityType.HARDWARE),
            ("CPU", EntityType.HARDWARE),
        ],
    )
    got = {(state.mentions[n.mention].text, n.value) for n in find_numbers(text, state)}
    assert got == {("A100", 1024), ("CPU", 1)}


def test_parameters_from_name_and_phrase():
    text = "T\nWe release Zorb-13B and Quux, a model with 200 billion parameters."
    state = _state(text, [("Zorb-13B", EntityType.MODEL), ("Quux", EntityType.MODEL)])
    got = {(state.mentions[n.mention].text, n.value) for n in find_numbers(text, state)}
    assert got == {("Zorb-13B", 13_000_000_000), ("Quux", 200_000_000_000)}


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("T\nIt is 2.77x faster than CPU inference.", None),  # not the ".77" of a speed-up
        ("T\nIt gives a 3x speedup over CPU baselines.", None),  # a ratio, not devices
        ("T\nWe train on 8x CPU nodes.", 8),
        ("T\nWe run on two hybrid Intel CPU sockets.", 2),
    ],
)
def test_speed_ups_are_no_device_counts(text, count):
    state = _state(text, [("CPU", EntityType.HARDWARE)])
    got = [n.value for n in find_numbers(text, state)]
    assert got == ([count] if count else [])


def test_count_joined_to_the_device_by_a_hyphen():
    text = "T\nWe profile two 4-CPU servers."
    state = _state(text, [("CPU", EntityType.HARDWARE)])
    assert [n.value for n in find_numbers(text, state)] == [4]


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("T\nWe fine-tune the 13B Zorb on our corpus.", "Zorb", 13_000_000_000),
        ("T\nA 2.7-billion-parameter Quux is used.", "Quux", 2_700_000_000),
        ("T\nWe build Zorb, a model with a trillion total parameters.", "Zorb", 10**12),
    ],
)
def test_parameters_before_the_name_and_in_words(text, name, value):
    state = _state(text, [(name, EntityType.MODEL)])
    assert [n.value for n in find_numbers(text, state)] == [value]


def test_compute_time_is_no_device_count():
    text = "T\nTraining took 5,000 NPU-days and 300 NPU hours."
    s = text.index("NPU")
    s2 = text.index("NPU", s + 1)
    state = DocState(title_end=1, sentences=[(0, 1), (2, len(text))])
    for start in (s, s2):
        state.mentions.append(Mention(start, start + 3, "NPU", "x", 0.5, EntityType.HARDWARE))
    assert find_numbers(text, state) == []


def _count_of(text, device):
    """The device counts read for the first mention of ``device`` in ``text``."""
    state = _state(text, [(device, EntityType.HARDWARE)])
    return [n.value for n in find_numbers(text, state)]


@pytest.mark.parametrize(
    ("text", "device", "count"),
    [
        ("T\nThe planner scales to 10k GPU workers.", "GPU", 10_000),
        ("T\nThe planner scales to 12K GPU workers.", "GPU", 12_000),
        ("T\nOur jobs ran on 1.5k NPU cards.", "NPU", 1500),
        ("T\nBenchmarks use 4×H800 boards.", "H800", 4),
        ("T\nWe train on 16 80GB Zeta H800 boards.", "H800", 16),
        ("T\nWe train on a single 24 GB H800 card.", "H800", 1),
        ("T\nWe need seven TPU pods.", "TPU", 7),
        ("T\nIt is 1.5x faster on the H800.", "H800", None),  # a speed-up, not "1.5k"
    ],
)
def test_count_forms(text, device, count):
    assert _count_of(text, device) == ([count] if count else [])


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("T\nJobs span 32 nodes with 4 H800 cards each.", 128),
        ("T\nJobs span 32 nodes with 4 H800 boards per node.", 128),
        ("T\nThe testbed has 12 servers, each with 8 H800 cards.", 96),
        ("T\nThe testbed has six compute nodes of 4 H800 cards.", 24),
        ("T\nThe testbed has 4 nodes with 32 H800 cards.", 32),  # 32 may be the total
        ("T\nThe testbed has 2 racks with 32 H800 cards.", 32),  # racks are not nodes
    ],
)
def test_devices_per_node_times_nodes(text, count):
    assert _count_of(text, "H800") == [count]


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("T\nWe fine-tune Zorb-7b on the corpus.", "Zorb-7b", 7_000_000_000),
        ("T\nWe distil Quux-350m on the corpus.", "Quux-350m", 350_000_000),
        ("T\nWe compare with Zorbv5m on the corpus.", "Zorbv5m", None),  # a size class letter
        ("T\nWe fine-tune Zorb (13B) on the corpus.", "Zorb", 13_000_000_000),
        ("T\nWe fine-tune Zorb (2.7 billion parameters) here.", "Zorb", 2_700_000_000),
        ("T\nZorb, a 70B-param model, is used.", "Zorb", 70_000_000_000),
        ("T\nWe fine-tune Zorb (2023) on the corpus.", "Zorb", None),  # a year, not a size
    ],
)
def test_parameter_forms(text, name, value):
    state = _state(text, [(name, EntityType.MODEL)])
    assert [n.value for n in find_numbers(text, state)] == ([value] if value else [])


def test_a_count_in_the_title():
    title = "Training Zorb in an Hour on 4,096 Zeta NPUs"
    text = title + "\n\nWe train Zorb fast. 12 NPU cards suffice for tuning."
    state = DocState(title_end=len(title), sentences=[(0, len(title)), (len(title) + 2, len(text))])
    for start in (text.index("NPUs"), text.index("NPU card")):
        state.mentions.append(Mention(start, start + 3, "NPU", "x", 0.5, EntityType.HARDWARE))
    assert [n.value for n in find_numbers(text, state)] == [4096, 12]


def test_a_number_ending_the_title_is_no_count_in_the_abstract():
    title = "Zorb Scaling Laws for Rank 8"
    text = title + "\n\nNPU clusters are common."
    state = DocState(title_end=len(title), sentences=[(0, len(title)), (len(title) + 2, len(text))])
    start = text.index("NPU")
    state.mentions.append(Mention(start, start + 3, "NPU", "x", 0.5, EntityType.HARDWARE))
    assert find_numbers(text, state) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("T\nWe release Zorb, a 7B model for code.", 7_000_000_000),
        ("T\nWe release Zorb, an open 13B LLM.", 13_000_000_000),
        ("T\nZorb is a 540B model.", 540_000_000_000),
        ("T\nZorb is a 540-billion parameter model.", 540_000_000_000),
        ("T\nOur 7B model Zorb is small.", 7_000_000_000),
        ("T\nZorb, a 2T-token corpus model, is used.", None),  # a corpus size
        ("T\nZorb beats a 13B model.", None),  # another model's size
    ],
)
def test_size_in_an_apposition_or_copula(text, value):
    state = _state(text, [("Zorb", EntityType.MODEL)])
    assert [n.value for n in find_numbers(text, state)] == ([value] if value else [])
