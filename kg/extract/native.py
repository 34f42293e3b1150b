"""The optional compiled core: ``kg_native``, built from ``native/`` (Rust).

The extraction rules are written in Python, and they stay the reference. Some of
their pure functions have a compiled twin in ``kg_native`` that gives the same output
several times faster; a Python function calls its twin (``twin()``) when the module
is installed and the text is *plain* (ASCII, none of the separators ``\\x1c``-``\\x1f``):
there Python's Unicode regex classes and the Rust regex crate's agree, and character
offsets are byte offsets. Other texts take the Python path.

The twins read the Python modules' own patterns and word lists, handed over once
here (``configure``): a rule's pattern or word list is edited in one place only.

``KG_NATIVE=0`` turns the twins off (the pure-Python path, as on a machine without a
Rust toolchain); ``KG_NATIVE=1`` makes a missing or stale build an error instead of a
silent fallback (CI sets it).
"""

from __future__ import annotations

import importlib
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from types import ModuleType
from typing import Any

from kg.errors import ExtractionError

__all__ = [
    "ABI",
    "plain",
    "twin",
    "doc_twin",
    "DocChain",
    "core",
    "python_only",
    "is_off",
    "registry_entries",
]

log = logging.getLogger(__name__)

#: the ``kg_native.ABI`` this Python code was written against
ABI = 3

# The modules whose module-level patterns and word lists the twins may read.
_MODULES = (
    "kg.extract.lexicon",
    "kg.extract.normalize",
    "kg.extract.sentences",
    "kg.extract.abbreviations",
    "kg.extract.components",
    "kg.extract.discovery",
    "kg.extract.entity_typing",
    "kg.extract.roles",
    "kg.extract.relations",
    "kg.extract.counts",
    "kg.extract.assemble",
    "kg.extract.vocab_matcher",
)

_SEPARATORS = ("\x1c", "\x1d", "\x1e", "\x1f")

_core: ModuleType | None = None
_loaded = False


def plain(text: str) -> bool:
    """Whether the twins may read ``text``: ASCII without ``\\x1c``-``\\x1f``."""
    return text.isascii() and not any(c in text for c in _SEPARATORS)


Words = list[tuple[str, list[str]]]
Maps = list[tuple[str, list[tuple[str, list[str]]]]]
Entries = tuple[list[tuple[str, str, int]], Words, Words, Maps]


def _as_strings(value: object) -> list[str] | None:
    """A dict value as strings: a str, an enum (its value), an int, or a collection of
    str (sorted); None for anything else."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Enum):
        return [str(value.value)]
    if isinstance(value, int):
        return [str(value)]
    if isinstance(value, (set, frozenset, tuple, list)) and all(isinstance(v, str) for v in value):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    return None


def registry_entries() -> Entries:
    """What the twins may read, named ``module.NAME``: every module-level compiled
    pattern (name, pattern, flags), set of strings (name, sorted words) and tuple of
    strings (name, words in order) of the extraction modules, and every dict with str
    keys whose values read as strings (``_as_strings``): name, (key, values) pairs."""
    patterns: list[tuple[str, str, int]] = []
    words: Words = []
    seqs: Words = []
    maps: Maps = []
    for modname in _MODULES:
        mod = importlib.import_module(modname)
        short = modname.rsplit(".", 1)[1]
        for name, value in vars(mod).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                patterns.append((f"{short}.{name}", value.pattern, int(value.flags)))
            elif isinstance(value, (set, frozenset)) and all(isinstance(w, str) for w in value):
                words.append((f"{short}.{name}", sorted(value)))
            elif isinstance(value, tuple) and value and all(isinstance(w, str) for w in value):
                seqs.append((f"{short}.{name}", list(value)))
            elif isinstance(value, dict) and all(isinstance(k, str) for k in value):
                pairs = [(k, _as_strings(v)) for k, v in value.items()]
                if all(v is not None for _, v in pairs):
                    maps.append((f"{short}.{name}", pairs))  # type: ignore[arg-type]
    return patterns, words, seqs, maps


def _load() -> ModuleType | None:
    setting = os.environ.get("KG_NATIVE", "").strip()
    if setting == "0":
        return None
    try:
        mod = importlib.import_module("kg_native")
    except ImportError as exc:
        if setting == "1":
            raise ExtractionError(
                "KG_NATIVE=1 but the compiled core is not installed: "
                "run `pip install ./native` (needs a Rust toolchain)"
            ) from exc
        log.debug("kg_native not installed: the pure-Python rules run")
        return None
    if getattr(mod, "ABI", None) != ABI:
        msg = (
            f"kg_native is stale (ABI {getattr(mod, 'ABI', None)}, kg expects {ABI}): "
            "reinstall it with `pip install ./native`"
        )
        if setting == "1":
            raise ExtractionError(msg)
        log.warning("%s; the pure-Python rules run", msg)
        return None
    patterns, words, seqs, maps = registry_entries()
    failed = mod.configure(patterns, words, seqs, maps)
    if failed:
        names = ", ".join(f"{n} ({e.splitlines()[0]})" for n, e in failed)
        raise ExtractionError(f"kg_native could not compile these patterns: {names}")
    return mod


def core() -> ModuleType | None:
    """The configured ``kg_native`` module, or None (not installed, or ``KG_NATIVE=0``)."""
    global _core, _loaded
    if not _loaded:
        _core = _load()
        _loaded = True
    return _core


def twin(name: str) -> Any | None:
    """The compiled twin ``kg_native.<name>``, or None when the Python rule must run.

    A twin returns None for a text that is not plain; its Python caller then runs the
    Python rule.
    """
    if _off:
        return None
    mod = core()
    return getattr(mod, name, None) if mod is not None else None


def doc_twin(name: str, state: Any, *args: Any) -> Any | None:
    """The output of the compiled twin ``kg_native.<name>(doc, state, *args)`` read from
    ``state.native``, the compiled core's copy of ``state`` (a ``NativeDoc``), or None
    (also for a falsy output).

    The discovery twin makes the copy; each later component's twin reads it instead of
    the Python objects and adds what it computes. The twin answers only while the copy is
    valid: sealed after the component before (in pipeline order) ran through its twin,
    and ``state`` still holding the very text, lists (identity and length) and title end
    it mirrors (``native/src/nativedoc.rs``). When it does not answer, the copy is
    dropped (``state.native = None``) and the caller reads the Python state; every Python
    path of a twinned component drops it as well. Code that changes a state's mentions
    in place between the components must drop it too.
    """
    doc = state.native
    if doc is None:
        return None
    mod = None if _off else core()
    read = getattr(mod, name, None)
    out = None if read is None else read(doc, state, *args)
    if out is None or out is False:
        state.native = None
        return None
    return out


class DocChain:
    """Whether the kg components that read ``state.native`` run right after discovery,
    one after the other, in its pipeline (``kg_stage``: discovery 1, typing 2, roles 3,
    relations 4, numbers 5), so that no other component can change the state between
    two of them; else discovery drops ``state.native`` (``check``). Checked once per
    document, by discovery (the stages the ``NativeDoc`` is sealed at see to the order
    of the components that do run).

    The pipeline (``nlp._components`` and ``nlp._disabled``) is compared with the copy
    the answer was worked out for: a list of the same (name, component) pairs, compared
    by identity, costs a fraction of a microsecond; ``nlp.pipe_names`` several.

    ``stages`` and ``last`` make other chains: held mode (``kg/extract/held.py``) needs
    the kg components from the segmenter on, and nothing after them (``last``): a
    component after them would find the state held.
    """

    __slots__ = ("nlp", "stages", "last", "_components", "_disabled", "_whole")

    STAGES = [1, 2, 3, 4, 5]

    def __init__(self, nlp: Any, stages: list[int] | None = None, last: bool = False) -> None:
        self.nlp = nlp
        #: the ``kg_stage`` of the components that must follow one another
        self.stages = self.STAGES if stages is None else stages
        #: whether they must be the last enabled components
        self.last = last
        self._components: list[Any] | None = None
        self._disabled: set[str] | None = None
        self._whole = False

    def whole(self, component: object) -> bool:
        """True if the enabled pipeline holds, from ``component`` (discovery) on, the kg
        components of every stage in order, nothing between them."""
        components = getattr(self.nlp, "_components", None)
        disabled = getattr(self.nlp, "_disabled", None)
        if not isinstance(components, list) or not isinstance(disabled, set):
            return False
        if components != self._components or disabled != self._disabled:
            self._components, self._disabled = list(components), set(disabled)
            procs = [p for n, p in components if n not in disabled]
            k = next((k for k, p in enumerate(procs) if p is component), -1)
            n = len(self.stages)
            chain = [getattr(p, "kg_stage", None) for p in procs[k : k + n]] if k >= 0 else []
            self._whole = chain == self.stages and (not self.last or k + n == len(procs))
        return self._whole

    def check(self, component: object, state: Any) -> None:
        """Drop ``state.native`` unless the kg components run in one chain from
        ``component`` on."""
        if state.native is not None and not self.whole(component):
            state.native = None


_off = False


def is_off() -> bool:
    """Whether the twins are off for now (``python_only``)."""
    return _off


@contextmanager
def python_only() -> Iterator[None]:
    """Within the block every twin is off: the Python rules run (for comparing)."""
    global _off
    before, _off = _off, True
    try:
        yield
    finally:
        _off = before
