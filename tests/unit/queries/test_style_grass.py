"""cypher/style.grass gives every label a colour and caption, every relationship a colour.

The parser below follows Neo4j Browser's own GRASS reader (a character scanner: quotes
toggle strings and are dropped, ``{``/``}`` delimit rules, no comments), so a file it
reads the same way is a file Browser reads.
"""

from __future__ import annotations

from kg.ontology import PAPER, EntityType, Relation, Role
from kg.resources import cypher_dir


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    rules: dict[str, str] = {}
    keyword = props = ""
    in_string = in_props = in_binding = False
    for c in text:
        if c in "'\"":
            in_string = not in_string
            continue
        if c == "{" and not in_string:
            in_binding, in_props = (True, True) if in_props else (False, True)
            continue
        if c == "}" and not in_string:
            if in_binding:
                in_binding = False
            else:
                in_props = False
                rules[keyword] = props
                keyword = props = ""
            continue
        if in_props:
            props += c
        elif not c.isspace():
            keyword += c
    parsed = {}
    for selector, body in rules.items():
        pairs = [p.split(":") for p in body.split(";")]
        parsed[selector] = {k.strip(): v.strip() for k, v in (p for p in pairs if len(p) == 2)}
    return parsed


def test_every_label_and_relationship_type_is_styled() -> None:
    style = parse_grass((cypher_dir() / "style.grass").read_text(encoding="utf-8"))
    labels = [PAPER, "Entity", *(t.value for t in EntityType)]
    for label in labels:
        rule = style[f"node.{label}"]
        assert rule["color"].startswith("#"), label
        assert rule["caption"] in ("{name}", "{id}"), label
    colours = {style[f"node.{t.value}"]["color"] for t in EntityType}
    assert len(colours) == len(EntityType), "each entity class has its own colour"
    for rel in [*Role, *Relation]:
        rule = style[f"relationship.{rel.value.upper()}"]
        assert rule["color"].startswith("#"), rel
    assert style["relationship.RUNS_ON"]["caption"] == "RUNS_ON {count}"
    # class rules come after node.Entity, so Browser lets them win on :Entity:Method nodes
    order = list(style)
    assert all(order.index(f"node.{t.value}") > order.index("node.Entity") for t in EntityType)
