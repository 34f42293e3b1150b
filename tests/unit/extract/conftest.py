"""Shared fixtures: a tiny hand-made vocabulary, so tests do not depend on the shipped one."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.extract.vocab_loader import register_concepts
from kg.ontology import EntityType
from kg.vocab import VocabConcept

TINY = [
    VocabConcept("urn:x:pytorch", "pytorch", EntityType.SYSTEM.value, "PyTorch"),
    VocabConcept("urn:x:adam", "adam", EntityType.METHOD.value, "Adam"),
    VocabConcept(
        "urn:x:moe",
        "moe",
        EntityType.METHOD.value,
        "Mixture-of-Experts",
        ("MoE", "mixture of experts"),
        specific=False,
    ),
    VocabConcept("urn:x:gpu", "gpu", EntityType.HARDWARE.value, "GPU", specific=False),
    VocabConcept(
        "urn:x:pp",
        "pipeline-parallelism",
        EntityType.METHOD.value,
        "pipeline parallelism",
        specific=False,
    ),
    VocabConcept("urn:x:imagenet", "imagenet", EntityType.DATASET.value, "ImageNet"),
]


@pytest.fixture(scope="session")
def tiny_vocab() -> list[VocabConcept]:
    return TINY


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """An extractor with only the tiny vocabulary."""
    return Extractor(vocab_files=[register_concepts("tiny", TINY)])
