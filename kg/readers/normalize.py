"""Text normalisation shared by every reader: titles, abstracts, ids and dedupe keys.

Titles are *cleaned*, never rewritten: LaTeX math delimiters go (their content stays),
Greek-letter commands become the letters, font commands lose their wrapper, and
whitespace collapses. Ids are the arXiv id when known, otherwise a slug of the
cleaned title (the convention of ``shared/eval/dev.jsonl``).

>>> clean_title("PanGu-$\\\\alpha$:  Large-scale\\n  Models")
'PanGu-α: Large-scale Models'
>>> title_slug("SWIFT:A Scalable lightWeight Infrastructure for Fine-Tuning")
'swift-a-scalable-lightweight-infrastructure-for-fine-tuning'
>>> title_key("PanGu-$α$") == title_key("PanGu-α")
True
>>> parse_arxiv_id("http://arxiv.org/abs/2104.12369v1")
'2104.12369'
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from email.utils import parsedate_to_datetime

__all__ = [
    "clean_title",
    "clean_text",
    "title_slug",
    "title_key",
    "parse_arxiv_id",
    "parse_date",
    "SLUG_LENGTH",
]

#: Length of a title slug id (``shared/eval/dev.jsonl`` uses 60).
SLUG_LENGTH = 60

_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε",
    "varepsilon": "ε", "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ",
    "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
    "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "tau": "τ",
    "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}  # fmt: skip
#: Greek letter -> its ASCII name, so ids and keys stay ASCII ("PanGu-α" -> "pangu-alpha").
_GREEK_NAMES = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ϑ": "theta", "ι": "iota", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "µ": "mu", "ν": "nu", "ξ": "xi", "π": "pi", "ϖ": "pi",
    "ρ": "rho", "ϱ": "rho", "σ": "sigma", "ς": "sigma", "τ": "tau", "υ": "upsilon",
    "φ": "phi", "ϕ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
}  # fmt: skip
_GREEK_TRANS = str.maketrans({**_GREEK_NAMES, **{k.upper(): v for k, v in _GREEK_NAMES.items()}})

_GREEK_CMD = re.compile(r"\\(" + "|".join(sorted(_GREEK, key=len, reverse=True)) + r")(?![A-Za-z])")
_FONT_CMD = re.compile(
    r"\\(?:mathrm|mathbf|mathit|mathcal|mathbb|mathsf|mathtt|boldsymbol|text|textbf|textit"
    r"|texttt|textsc|textrm|emph|operatorname)\s*\{([^{}]*)\}"
)
_ESCAPED = re.compile(r"\\([&%$#_{}])")
_MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$|\\\((.+?)\\\)", re.DOTALL)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NON_KEY = re.compile(r"[^a-z0-9+]+")

_ARXIV_NEW = re.compile(r"(?<![\w.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\w.])")
_ARXIV_OLD = re.compile(r"(?<![\w.])([a-z][a-z.-]*/\d{7})(?:v\d+)?(?![\w])", re.IGNORECASE)


def clean_text(text: str) -> str:
    """Collapse every run of whitespace (newlines, indents, tabs) to one space and strip."""
    return " ".join(text.split())


def _unmath(match: re.Match[str]) -> str:
    inner = next(g for g in match.groups() if g is not None)
    return inner.replace("{", "").replace("}", "") if "\\" not in inner else inner


def clean_title(title: str) -> str:
    """Clean a title: LaTeX math delimiters, Greek and font commands, whitespace.

    Args:
        title: the title as the input has it.

    Returns:
        The cleaned title; ``""`` for a blank one.
    """
    if "\\" in title or "$" in title:
        title = _GREEK_CMD.sub(lambda m: _GREEK[m.group(1)], title)
        title = _FONT_CMD.sub(r"\1", title)
        title = _MATH.sub(_unmath, title)
        title = _ESCAPED.sub(r"\1", title)
    return clean_text(title)


def _ascii_fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKC", text).translate(_GREEK_TRANS)
    text = unicodedata.normalize("NFKD", text)
    return text.encode("ascii", "ignore").decode("ascii").lower()


def title_slug(title: str) -> str:
    """The id of a paper without an arXiv id: lowercase ASCII, ``-`` between words.

    Non-alphanumeric runs become one ``-``; the result is cut to ``SLUG_LENGTH``
    characters after stripping ``-`` at both ends, so a truncated slug may end in ``-``.
    """
    return _NON_ALNUM.sub("-", _ascii_fold(clean_title(title))).strip("-")[:SLUG_LENGTH]


def title_key(title: str) -> str:
    """The dedupe key of a title: case, punctuation, spacing and LaTeX do not count.

    ``+`` counts: "ZeRO++: X" and "ZeRO: X" are different papers.
    """
    return _NON_KEY.sub("", _ascii_fold(clean_title(title)))


def parse_arxiv_id(text: str | None) -> str | None:
    """The arXiv id (without version suffix) in an id, URL or ``arXiv:`` reference."""
    if not text:
        return None
    text = text.strip()
    match = _ARXIV_NEW.search(text) or _ARXIV_OLD.search(text)
    return match.group(1) if match else None


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NUMBER = {m: i for i, m in enumerate(_MONTHS, start=1)}
#: RFC 2822 as the arXiv snapshot writes it: "Mon, 2 Apr 2007 19:18:42 GMT".
_RFC2822_DATE = re.compile(r"^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})\b")


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:
        return None


def parse_date(text: str | None) -> str | None:
    """An ISO ``YYYY-MM-DD`` date from ISO 8601 or RFC 2822 text, else ``None``."""
    if not text or not isinstance(text, str):
        return None
    text = text.strip()
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _iso(year, month, day)
    match = _RFC2822_DATE.match(text)
    if match and match.group(2).lower() in _MONTH_NUMBER:
        day_text, month_text, year_text = match.groups()
        return _iso(int(year_text), _MONTH_NUMBER[month_text.lower()], int(day_text))
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
