#!/usr/bin/env python3
"""Generate ``ontology/vocab/*.ttl`` (SKOS concept schemes) from the compact tables.

The tables in ``scripts/vocab_tables/<scheme>.txt`` hold one concept per line::

    [~]Pref Label | alt label; other alt | broader-slug, other-slug | flags

* a leading ``~`` marks an established generic concept (``kg:specific false``);
* the slug (the concept IRI's local name) is derived from the prefLabel
  (``ZeRO-Infinity`` -> ``zero-infinity``, ``ZeRO++`` -> ``zero-plus-plus``) unless the
  flags give ``slug=...``;
* flags (space separated): ``s`` adds plural forms of every label, ``slug=X`` sets the slug,
  ``nohyphen`` turns off the automatic hyphen/space variants;
* every label with a hyphen between letters/digits also gets its space-separated variant
  and vice versa for ``Name-7B``-like suffixes (hyphen variants of the same name);
* ``#`` starts a comment line; blank lines are ignored.

The output is deterministic (concepts in table order, labels sorted), so re-running the
script on unchanged tables gives byte-identical files. The script fails (exit 1) on a
broader link to an unknown slug, a duplicate slug, or two concepts sharing a
normalised label (see ``normalise_label``).

Usage::

    python scripts/build_vocab.py            # write ontology/vocab/*.ttl
    python scripts/build_vocab.py --check    # fail if the .ttl files are out of date
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kg.vocab import normalise_label

ROOT = Path(__file__).resolve().parent.parent
TABLES = Path(__file__).resolve().parent / "vocab_tables"
OUT = ROOT / "ontology" / "vocab"

#: scheme slug -> (entity class local name, scheme title, description)
SCHEMES: dict[str, tuple[str, str, str]] = {
    "methods": (
        "Method",
        "Methods",
        "Algorithms, techniques, optimizers, parallelism schemes, architectures and "
        "training or inference strategies of ML and ML systems.",
    ),
    "systems": (
        "System",
        "Systems",
        "Named software of ML and ML systems: frameworks, libraries, engines, compilers, "
        "runtimes, serving systems and communication libraries.",
    ),
    "hardware": (
        "Hardware",
        "Hardware",
        "Processors, accelerators, interconnects, storage devices, machines, "
        "supercomputers and cloud instance types.",
    ),
    "datasets": (
        "Dataset",
        "Datasets",
        "Datasets, corpora, benchmarks and evaluation suites.",
    ),
    "models": (
        "Model",
        "Models",
        "Specific trained models and named model families, with versions and sizes.",
    ),
}

_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "μ": "mu", "π": "pi"}


def slugify(label: str) -> str:
    """Lowercase-hyphenated ASCII slug of a label (``GPT-3.5`` -> ``gpt-3-5``)."""
    text = label.replace("++", " plus plus ").replace("+", " plus ").replace("#", " sharp ")
    text = "".join(_GREEK.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text.lower())
    return text.strip("-")


@dataclass
class Row:
    scheme: str
    line: int
    slug: str
    pref: str
    alts: list[str]
    broader: list[str]
    specific: bool
    labels: list[str] = field(default_factory=list)


def _plural(label: str) -> str:
    if label.endswith(("s", "x", "sh", "ch")):
        return label + "es"
    if label.endswith("y") and not label.endswith(("ay", "ey", "oy", "uy")):
        return label[:-1] + "ies"
    return label + "s"


def _variants(label: str, hyphen: bool) -> set[str]:
    out = {label}
    if hyphen:
        if re.search(r"[A-Za-z0-9]-[A-Za-z0-9]", label):
            out.add(re.sub(r"(?<=[A-Za-z0-9])-(?=[A-Za-z0-9])", " ", label))
        if re.search(r"[A-Za-z] [0-9]", label) and "-" not in label:
            out.add(re.sub(r"(?<=[A-Za-z]) (?=[0-9])", "-", label))
    return out


def parse_table(scheme: str, path: Path) -> list[Row]:
    rows = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        parts += [""] * (4 - len(parts))
        if len(parts) > 4:
            sys.exit(f"{path}:{lineno}: more than 4 '|' fields")
        pref, alts, broader, flags = parts
        specific = not pref.startswith("~")
        pref = pref.lstrip("~").strip()
        flag_set = flags.split()
        slug = slugify(pref)
        for flag in flag_set:
            if flag.startswith("slug="):
                slug = flag[5:]
            elif flag not in ("s", "nohyphen"):
                sys.exit(f"{path}:{lineno}: unknown flag {flag!r}")
        alt_list = [a.strip() for a in alts.split(";") if a.strip()]
        labels: set[str] = set()
        for label in [pref, *alt_list]:
            labels |= _variants(label, "nohyphen" not in flag_set)
        if "s" in flag_set:
            labels |= {_plural(label) for label in labels}
        labels.discard(pref)
        row = Row(
            scheme=scheme,
            line=lineno,
            slug=slug,
            pref=pref,
            alts=sorted(labels),
            broader=[b.strip() for b in broader.split(",") if b.strip()],
            specific=specific,
        )
        rows.append(row)
    return rows


def check(rows: list[Row]) -> list[str]:
    errors = []
    by_slug: dict[str, Row] = {}
    for row in rows:
        if row.slug in by_slug or row.slug in SCHEMES:
            errors.append(f"{row.scheme}.txt:{row.line}: duplicate slug {row.slug!r}")
        by_slug[row.slug] = row
    owner: dict[str, Row] = {}
    for row in rows:
        for label in {row.pref, *row.alts}:
            key = normalise_label(label)
            other = owner.get(key)
            if other is not None and other is not row:
                errors.append(
                    f"{row.scheme}.txt:{row.line}: label {label!r} of {row.slug!r} is "
                    f"indistinguishable from a label of {other.slug!r} "
                    f"({other.scheme}.txt:{other.line})"
                )
            owner[key] = row
        for b in row.broader:
            if b not in by_slug and b not in {r.slug for r in rows}:
                errors.append(f"{row.scheme}.txt:{row.line}: unknown broader slug {b!r}")
            if b == row.slug:
                errors.append(f"{row.scheme}.txt:{row.line}: {row.slug!r} is its own broader")
    return errors


def _lit(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@en'


def render(scheme: str, rows: list[Row], all_slugs: dict[str, str]) -> str:
    cls, title, description = SCHEMES[scheme]
    out = [
        f"# kg vocabulary: {title}. GENERATED by scripts/build_vocab.py from",
        f"# scripts/vocab_tables/{scheme}.txt -- edit the table and re-run the script.",
        "",
        "@prefix kg:      <https://w3id.org/kg/ontology#> .",
        "@prefix kgv:     <https://w3id.org/kg/vocab/> .",
        "@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "",
        f"kgv:{scheme} a skos:ConceptScheme ;",
        f"    skos:prefLabel {_lit('kg ' + title.lower())} ;",
        f"    dcterms:description {_lit(description)} ;",
        f"    kg:entityType kg:{cls} .",
        "",
    ]
    for row in rows:
        lines = [
            f"kgv:{row.slug} a skos:Concept",
            f"skos:inScheme kgv:{scheme}",
            f"kg:entityType kg:{cls}",
            f"kg:specific {'true' if row.specific else 'false'}",
            f"skos:prefLabel {_lit(row.pref)}",
        ]
        if row.alts:
            lines.append("skos:altLabel " + " ,\n        ".join(_lit(a) for a in row.alts))
        in_scheme = [b for b in row.broader if all_slugs[b] == scheme]
        if row.broader:
            lines.append("skos:broader " + " , ".join(f"kgv:{b}" for b in row.broader))
        if not in_scheme:
            lines.append(f"skos:topConceptOf kgv:{scheme}")
        out.append(" ;\n    ".join(lines) + " .\n")
    return "\n".join(out)


def build() -> dict[Path, str]:
    rows_by_scheme = {s: parse_table(s, TABLES / f"{s}.txt") for s in SCHEMES}
    all_rows = [r for rows in rows_by_scheme.values() for r in rows]
    errors = check(all_rows)
    if errors:
        sys.exit("\n".join(errors))
    all_slugs = {r.slug: r.scheme for r in all_rows}
    return {OUT / f"{s}.ttl": render(s, rows, all_slugs) for s, rows in rows_by_scheme.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the files are stale")
    args = parser.parse_args()
    files = build()
    stale = [p for p, text in files.items() if not p.exists() or p.read_text() != text]
    if args.check:
        for p in stale:
            print(f"stale: {p}", file=sys.stderr)
        return 1 if stale else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    counts = {
        s: sum(1 for line in t.splitlines() if line.endswith(" a skos:Concept ;"))
        for s, t in ((p.stem, t) for p, t in files.items())
    }
    print(
        " ".join(f"{s}={n}" for s, n in counts.items()),
        f"total={sum(counts.values())}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
