import pytest

from kg.extract.entity_typing import context_signals, head_noun_type, shape_type
from kg.extract.state import Mention
from kg.ontology import EntityType as T


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("A100", T.HARDWARE),
        ("TPU v4", T.HARDWARE),
        ("Ascend 910", T.HARDWARE),
        ("Zorb-7B", T.MODEL),
        ("FooBench", T.DATASET),
        ("PyFoo", T.SYSTEM),
    ],
)
def test_shape_type(name, expected):
    assert shape_type(name)[0] is expected


def test_shape_type_none_for_plain_names():
    assert shape_type("Zorblax") is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("lightweight library for distributed training", T.SYSTEM),
        ("large-scale benchmark of coding tasks", T.DATASET),
        ("novel optimizer that", T.METHOD),
        ("family of open language models", T.MODEL),
        ("nothing", None),
    ],
)
def test_head_noun_type(phrase, expected):
    assert head_noun_type(phrase) is expected


def _signals(text, name):
    s = text.index(name)
    return {t for t, _, _ in context_signals(text, Mention(s, s + len(name), name, "x", 0.5))}


def test_context_signals():
    assert T.SYSTEM in _signals("We present Zorb, a library for graphs.", "Zorb")
    assert T.DATASET in _signals("Results on the Quux dataset improve.", "Quux")
    assert T.SYSTEM in _signals("The method is implemented in Blorp.", "Blorp")
    assert T.HARDWARE in _signals("We train on 64 Zeta chips.", "Zeta")


@pytest.mark.parametrize("name", ["SNAS", "MINDS", "MicroZorb", "SNOW"])
def test_product_prefixes_need_a_number(name):
    assert shape_type(name) is None or shape_type(name)[0] is not T.HARDWARE


@pytest.mark.parametrize("name", ["MI250X", "SN40L", "x86", "RISC-V", "Xeon Max"])
def test_hardware_product_lines(name):
    assert shape_type(name)[0] is T.HARDWARE
