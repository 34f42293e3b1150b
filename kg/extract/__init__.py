"""Per-paper extraction: a spaCy pipeline that turns a ``Paper`` into a ``PaperExtraction``.

Components (one module each, registered as ``kg_*`` spaCy factories): sentence
segmentation, vocabulary matching, Schwartz–Hearst abbreviations, discovery of new
entities, typing, paper roles, entity relations, and device/parameter counts.
"""

from kg.extract.pipeline import COMPONENTS, Extractor, build_nlp

__all__ = ["Extractor", "build_nlp", "COMPONENTS"]
