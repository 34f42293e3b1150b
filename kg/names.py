"""Names as keys: when two surface forms name the same thing, and which names derive from which.

Entity resolution (``kg.resolve``) merges mentions whose names share a *match key*;
lineage (``kg.lineage``) links a name to the one it is derived from. Keys ignore case,
hyphens, spaces, punctuation and a leading article, spell Greek letters out, and keep
every digit, decimal, version marker, ``++`` and size suffix.

>>> match_key("Mixture-of-Experts") == match_key("mixture of experts")
True
>>> match_key("GPT-3") == match_key("GPT-3.5"), match_key("TPU v3") == match_key("TPUv3")
(False, True)
>>> loose_key("GPUs") == loose_key("GPU")
True
>>> slugify("ZeRO++"), slugify("PanGu-α"), slugify("GPT-3.5")
('zero-plus-plus', 'pangu-alpha', 'gpt-3.5')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

__all__ = [
    "name_tokens",
    "join_tokens",
    "match_key",
    "loose_key",
    "slugify",
    "iri_slug",
    "derived_bases",
]

_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu",
    "ν": "nu", "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "υ": "upsilon",
    "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
}  # fmt: skip
_TOKEN = re.compile(r"\d+(?:\.\d+)*|[a-z]+|\+\+|\+")
_ARTICLES = {"the", "a", "an"}


def _clean(surface: str) -> str:
    text = unicodedata.normalize("NFKC", surface).casefold()
    text = "".join(_GREEK.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 18)
def name_tokens(surface: str) -> tuple[str, ...]:
    """Lower-case word, number (``3.5``) and ``+``/``++`` tokens; letters and digits split."""
    toks = tuple(_TOKEN.findall(_clean(surface)))
    if len(toks) > 1 and toks[0] in _ARTICLES:
        toks = toks[1:]
    return toks


def join_tokens(toks: Sequence[str]) -> str:
    """Tokens as one key; adjacent numbers keep a space between them."""
    # Adjacent numbers keep a space, so "LLaMA-2 7B" (2 7) differs from "LLaMA-27B" (27).
    out: list[str] = []
    for i, tok in enumerate(toks):
        if i and tok[0].isdigit() and toks[i - 1][0].isdigit():
            out.append(" ")
        out.append(tok)
    return "".join(out)


@lru_cache(maxsize=1 << 18)
def match_key(surface: str) -> str:
    """The key under which two surface forms are the same name.

    Case, hyphens, spaces, punctuation and a leading article are ignored; Greek letters
    are spelled out; digits, decimals, version markers and ``+`` are kept.
    """
    return join_tokens(name_tokens(surface))


@lru_cache(maxsize=1 << 18)
def loose_key(surface: str) -> str:
    """``match_key`` with a final plural ``s`` removed (``GPUs`` → ``gpu``)."""
    toks = name_tokens(surface)
    last_word = re.search(r"([^\W\d_]+)\W*$", surface)
    if toks and last_word and toks[-1].isalpha():
        word = last_word.group(1)
        acronym_plural = re.fullmatch(r"[A-Z]{2,}s", word) is not None
        word_plural = (
            word.endswith("s") and len(word) >= 4 and not word.lower().endswith(("ss", "us", "is"))
        )
        if acronym_plural or word_plural:
            toks = (*toks[:-1], toks[-1][:-1])
    return join_tokens(toks)


def slugify(text: str) -> str:
    """A readable id segment: lower case, ``-`` between words, ``+`` as ``plus``."""
    text = _clean(text).replace("+", " plus ")
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", "-", text)
    text = re.sub(r"[^a-z0-9.]+", "-", text).strip("-")
    return text or "entity"


def iri_slug(concept_id: str) -> str:
    """The slug of an IRI's local name (``.../vocab/zero`` → ``zero``)."""
    return slugify(re.split(r"[/#:]", concept_id.rstrip("/#"))[-1])


# -- derivation patterns ------------------------------------------------------------

#: Suffix words that name a size, not a new version: a sized member is not an extension.
_SIZE_WORDS = {"xl", "xxl", "large", "base", "small", "tiny", "mini", "medium", "nano", "huge"}
_DERIVATIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("plusplus", re.compile(r"^(?P<base>.+?)\s*\+\+$")),
    ("x_suffix", re.compile(r"^(?P<base>.*[a-z])-?X$")),
    ("version", re.compile(r"^(?P<base>.*[A-Za-z0-9])[-\s]?[vV]\d+(?:\.\d+)*$")),
    ("number", re.compile(r"^(?P<base>.*[A-Za-z])[-\s]\d+(?:\.\d+)*$")),
    ("number", re.compile(r"^(?P<base>.{2,}[a-z])\d+(?:\.\d+)*$")),
    ("word", re.compile(r"^(?P<base>.+)-(?P<word>[A-Z][A-Za-z0-9]*)$")),
    (
        "word",
        re.compile(
            r"^(?P<base>.+)\s(?P<word>Next|Infinity|Offload|Plus|Pro|Ultra|Turbo|Lite|Max|NG)$"
        ),
    ),
)


@lru_cache(maxsize=1 << 16)
def derived_bases(surface: str) -> tuple[tuple[str, str], ...]:
    """The names ``surface`` may be derived from, as (pattern, base) pairs.

    >>> derived_bases("ZeRO-Infinity"), derived_bases("DiLoCoX")
    ((('word', 'ZeRO'),), (('x_suffix', 'DiLoCo'),))
    >>> derived_bases("LLaMA-2 7B"), derived_bases("BERT-Large")
    ((), ())
    """
    surface = surface.strip()
    found: list[tuple[str, str]] = []
    for pattern, rx in _DERIVATIONS:
        m = rx.match(surface)
        if not m:
            continue
        word = m.groupdict().get("word")
        if word and word.casefold() in _SIZE_WORDS:
            continue
        base = m.group("base").strip(" -")
        if base and (pattern, base) not in found:
            found.append((pattern, base))
    return tuple(found)
