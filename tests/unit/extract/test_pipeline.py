import json

from kg.extract import COMPONENTS, Extractor
from kg.models import Paper, PaperExtraction


def test_components_in_order(extractor):
    assert tuple(extractor.nlp.pipe_names) == COMPONENTS


def test_extract_streams_and_matches_extract_one(extractor):
    papers = [
        Paper(id=str(i), title=f"Zorb{i}: A Thing", abstract="We use PyTorch on a single GPU.")
        for i in range(5)
    ]
    streamed = list(extractor.extract(iter(papers), batch_size=2))
    assert [x.paper.id for x in streamed] == [p.id for p in papers]
    assert streamed[3].to_dict() == extractor.extract_one(papers[3]).to_dict()


def test_abbreviation_ties_short_and_long_forms(extractor):
    out = extractor.extract_one(
        Paper(
            id="d",
            title="Zorb: Decoupled Widgets",
            abstract="We propose Decoupled Momentum (DeMo). DeMo is fast.",
        )
    )
    demo = next(e for e in out.entities if e.name == "DeMo")
    assert "Decoupled Momentum" in demo.aliases
    assert demo.roles == ["proposes"]


def test_output_format_and_evidence_offsets(extractor):
    paper = Paper(id="p", title="Zorb: Fast", abstract="We run Zorb with PyTorch on 8 GPUs.")
    out = extractor.extract_one(paper)
    d = json.loads(json.dumps(out.to_dict()))
    assert set(d) == {"id", "title", "entities", "relations", "paper"}
    for e in d["entities"]:
        assert {
            "name",
            "aliases",
            "type",
            "alt_types",
            "specific",
            "roles",
            "count",
            "parameters",
            "evidence",
        } <= set(e)
        for ev in e["evidence"]:
            assert paper.text[ev["start"] : ev["end"]] == ev["sentence"]
            assert ev["role"] in e["roles"] and ev["rule"] and 0 < ev["confidence"] <= 1
    assert PaperExtraction.from_dict(d).to_dict() == out.to_dict()


def test_non_entities_are_dropped(extractor):
    out = extractor.extract_one(
        Paper(
            id="n",
            title="On LLMs",
            abstract="Large language models (LLMs) in deep learning "
            "reach high accuracy and throughput at NVIDIA.",
        )
    )
    assert out.entities == []


def test_default_extractor_builds():
    assert Extractor().nlp.pipe_names[0] == "kg_sentences"


def test_vocabulary_pref_label_becomes_an_alias(extractor):
    out = extractor.extract_one(Paper(id="m", title="Zorb: X", abstract="Zorb routes MoE layers."))
    moe = next(e for e in out.entities if e.name == "MoE")
    assert moe.aliases == ["Mixture-of-Experts"] and moe.vocab_id == "urn:x:moe"


_called: list[str] = []


def test_extract_runs_a_foreign_component_through_nlp_pipe():
    """A pipeline with a component that is not kg's goes through ``nlp.pipe`` (it may
    batch); the kg components alone are called in order by the extractor itself. Both
    give the same extractions."""
    from spacy.language import Language

    @Language.component("test_pipeline_foreign")
    def foreign(doc):
        _called.append(doc.text[:4])
        return doc

    papers = [
        Paper(id=str(i), title=f"Zorb{i}: A Thing", abstract="We run Zorb on 8 GPUs with vLLM.")
        for i in range(4)
    ]
    ex = Extractor()
    direct = [x.to_dict() for x in ex.extract(papers)]
    ex.nlp.add_pipe("test_pipeline_foreign", first=True)
    _called.clear()
    piped = [x.to_dict() for x in ex.extract(papers)]
    assert _called == ["Zorb"] * 4
    assert piped == direct
