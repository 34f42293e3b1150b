import pytest

from kg.extract.relations import (
    _EXTENDS_BEFORE,
    _branded,
    _joins_names,
    _prefixed_by_system,
    _types_fit,
    derived_suffix,
    name_relation,
)
from kg.models import Paper
from kg.ontology import EntityType, Relation


def test_derived_suffix():
    assert derived_suffix("Zorb-Infinity", "Zorb")
    assert derived_suffix("ZorbX", "Zorb")
    assert derived_suffix("Zorb++", "Zorb")
    assert derived_suffix("Zorbv2", "Zorb")
    assert derived_suffix("Zorb 2", "Zorb")
    assert not derived_suffix("Zorb 7B", "Zorb")
    assert not derived_suffix("Zorb", "Zorb")
    assert derived_suffix("ZorbBench Verified", "ZorbBench")
    assert derived_suffix("Zorb Lite", "Zorb")


def test_name_relation():
    assert name_relation("MegaZorb", True, "Zorb", True) is Relation.EXTENDS
    assert name_relation("sparse attention", False, "attention", False) is Relation.IS_A
    assert name_relation("XNMT", True, "NMT", True) is Relation.IS_A
    # more letters before an acronym make another acronym, not a kind of it
    assert name_relation("QVZORB", True, "ZORB", True) is None
    assert name_relation("Zorb", True, "Quux", True) is None
    assert name_relation("Quux-MoE", True, "MoE", True) is Relation.IS_A  # mixed-case acronym
    assert name_relation("Quux-Zorb", True, "Zorb", True) is Relation.EXTENDS
    assert name_relation("C-Zorb", True, "Zorb", True) is Relation.EXTENDS  # one-letter prefix
    assert name_relation("c-Zorb", True, "Zorb", True) is None
    # a named variant of a generic concept is a kind of it; of a named one, a version
    assert name_relation("MoE-Z", True, "MoE", False) is Relation.IS_A
    assert name_relation("Zorb-Lite", True, "Zorb", True) is Relation.EXTENDS
    # a family member named by its size is no new version of the family
    assert name_relation("Zorb-Large", True, "Zorb", True) is None
    assert name_relation("Zorb-Base", True, "Zorb", True) is None
    assert name_relation("Zorb-S", True, "Zorb", True) is None
    assert name_relation("Zorb-SX", True, "Zorb", True) is Relation.EXTENDS
    assert name_relation("sparse MoE", False, "MoE", False) is Relation.IS_A
    # a compound adjective states the concept's scope or property, not a kind of it
    assert name_relation("layer-specific pruning", False, "pruning", False) is None
    assert name_relation("graph-level batching", False, "batching", False) is None
    assert name_relation("cache-aware batching", False, "batching", False) is None
    assert name_relation("dynamic batching", False, "batching", False) is Relation.IS_A


def test_prefixed_by_system():
    assert _prefixed_by_system("PyTorch Zorbler", "PyTorch")
    assert not _prefixed_by_system("PyTorch 2", "PyTorch")  # a version
    assert not _prefixed_by_system("PyTorch users", "PyTorch")  # no name follows
    assert not _prefixed_by_system("PyTorchZorbler", "PyTorch")


def test_joins_names():
    names = {"ZorbNet", "QuuxNet", "ZorbNet-QuuxNet", "ZorbNet-Lite"}
    assert _joins_names("ZorbNet-QuuxNet", "ZorbNet", names)
    assert _joins_names("ZorbNet-QuuxNet", "QuuxNet", names)
    assert not _joins_names("ZorbNet-Lite", "ZorbNet", names)
    assert not _joins_names("ZorbNetX", "ZorbNet", names | {"X"})  # no separator


def test_branded():
    names = {"Acme-Zorb", "Acme-Quux", "Zorb", "C-Zorb", "C-Quux"}
    assert _branded("Acme-Zorb", "Zorb", names)  # "Acme-" names a family of products
    assert not _branded("Acme-Zorb", "Zorb", {"Acme-Zorb", "Zorb"})  # no family
    assert not _branded("C-Zorb", "Zorb", names)  # a one-letter prefix marks a variant


def _relations(extractor, title, abstract):
    out = extractor.extract_one(Paper(id="x", title=title, abstract=abstract))
    return {(r.head, r.type, r.tail) for r in out.relations}


def test_implemented_in_and_extends(extractor):
    rels = _relations(
        extractor,
        "ZorbX: Faster Zorb Training",
        "We propose ZorbX, which extends Zorb. ZorbX is implemented in PyTorch.",
    )
    assert ("ZorbX", "extends", "Zorb") in rels
    assert ("ZorbX", "implemented_in", "PyTorch") in rels


def test_is_a_from_such_as(extractor):
    rels = _relations(
        extractor,
        "A Study",
        "Model compression methods such as quantization and pruning are studied.",
    )
    assert ("quantization", "is_a", "compression") not in rels  # "compression" is no entity here
    rels = _relations(
        extractor,
        "Quux: Better Optimizers",
        "We study Mixture-of-Experts (MoE) variants such as Quux and ZorbMoE.",
    )
    assert ("Quux", "is_a", "MoE") in rels


_ZORBLAX = "Zorblax: A New Optimizer"
_STATED = [
    pytest.param(
        _ZORBLAX,
        "We propose Zorblax, a new optimizer. We implement Zorblax in PyTorch, and "
        "QuuxNet-2 is implemented using JAX.",
        [("Zorblax", "implemented_in", "PyTorch"), ("QuuxNet-2", "implemented_in", "JAX")],
        [],
        id="implement-X-in-S",
    ),
    pytest.param(
        _ZORBLAX,
        "We propose Zorblax, a new optimizer, with an implementation in JAX. QuuxNet-2 has "
        "been merged into PyTorch.",
        [("Zorblax", "implemented_in", "JAX"), ("QuuxNet-2", "implemented_in", "PyTorch")],
        [],
        id="implementation-in-and-merged-into",
    ),
    pytest.param(
        "A Fast PyTorch Implementation of the Zorblax Optimizer",
        "QuuxNet-2 is developed under the JAX framework. We release a JAX implementation "
        "of BlorpNet.",
        [
            ("Zorblax Optimizer", "implemented_in", "PyTorch"),
            ("QuuxNet-2", "implemented_in", "JAX"),
            ("BlorpNet", "implemented_in", "JAX"),
        ],
        [],
        id="title-case-implementation-of-and-developed-under",
    ),
    pytest.param(
        "A Study of Training",
        "We compare against DeepSpeed's ZeRO and Megatron-LM's sequence parallelism.",
        [
            ("ZeRO", "implemented_in", "DeepSpeed"),
            ("sequence parallelism", "implemented_in", "Megatron-LM"),
        ],
        [],
        id="possessive-system",
    ),
    pytest.param(
        _ZORBLAX,
        "We propose Zorblax. BlorpNet, a variant of QuuxNet, is also studied. "
        "Zorblax is an improved version of Adam.",
        [("BlorpNet", "extends", "QuuxNet"), ("Zorblax", "extends", "Adam")],
        [("Zorblax", "extends", "QuuxNet")],
        id="extends-subject-next-to-the-cue",
    ),
    pytest.param(
        _ZORBLAX,
        "We propose Zorblax. BlorpNet, the successor to QuuxNet, is fast. ZorbNet is a new "
        "version of Adam.",
        [("BlorpNet", "extends", "QuuxNet"), ("ZorbNet", "extends", "Adam")],
        [],
        id="successor-and-new-version",
    ),
    pytest.param(
        _ZORBLAX,
        "We propose Zorblax, a simple modification of Adam. It upgrades QuuxNet.",
        [("Zorblax", "extends", "Adam"), ("Zorblax", "extends", "QuuxNet")],
        [],
        id="extends-adjective-before-the-cue-noun",
    ),
    pytest.param(
        "A Study of Optimizers",
        "Adam and other adaptive optimizers are popular. We also try adaptive optimizers, "
        "in particular QuuxAdam. ZorbOpt (a momentum optimizer) is slow.",
        [
            ("Adam", "is_a", "adaptive optimizers"),
            ("QuuxAdam", "is_a", "adaptive optimizers"),
            ("ZorbOpt", "is_a", "momentum optimizer"),
        ],
        [],
        id="is-a-hearst-patterns",
    ),
    pytest.param(
        "A Study of Optimizers",
        "QuuxOpt is a stochastic first-order method belonging to the Adam family. "
        "Pipeline parallelism can be viewed as a special case of model parallelism. "
        "ZorbOpt is used with Adam, which belongs to no family.",
        [
            ("QuuxOpt", "is_a", "Adam"),
            ("Pipeline parallelism", "is_a", "model parallelism"),
        ],
        [("ZorbOpt", "is_a", "Adam")],
        id="is-a-kind-of",
    ),
    pytest.param(
        "A Study of Optimizers",
        "We apply it to three adaptive optimizers: QuuxAdam, ZorbProp, and BlorpOpt. "
        "Then we run three ZOP methods: FooZ and BarZ. We like ZOP: FooQ is fun.",
        [
            ("QuuxAdam", "is_a", "adaptive optimizers"),
            ("ZorbProp", "is_a", "adaptive optimizers"),
            ("BlorpOpt", "is_a", "adaptive optimizers"),
            ("FooZ", "is_a", "ZOP"),
            ("BarZ", "is_a", "ZOP"),
        ],
        [("FooQ", "is_a", "ZOP")],  # a named Y needs its class noun before the colon
        id="is-a-colon-list",
    ),
    pytest.param(
        "A Study of Models",
        "We build on QuuxNet state space models, and we train it with BlorpNet Adam.",
        [("QuuxNet", "is_a", "state space models")],
        [("BlorpNet", "is_a", "Adam")],  # only a generic class
        id="method-name-before-its-class",
    ),
    pytest.param(
        "Zorblax: Faster Training",
        "We present Zorblax, a JAX-based training library. QuuxNet-2 was trained on "
        "PyTorch-based pipelines.",
        [("Zorblax", "implemented_in", "JAX")],
        [("Zorblax", "is_a", "JAX"), ("QuuxNet-2", "implemented_in", "PyTorch")],
        id="appositive-S-based-library",
    ),
    pytest.param(
        "PyTorch Zorbler: Sharded Training at Scale",
        "We present PyTorch Zorbler (PZB), a library for sharded training. PyTorch users "
        "can adopt PZB easily.",
        [("PZB", "implemented_in", "PyTorch")],
        [("PZB", "is_a", "PyTorch"), ("PZB", "extends", "PyTorch")],
        id="name-led-by-a-system-name",
    ),
    pytest.param(
        "A Study of Optimizers",
        "ZorbOpt, a momentum optimizer specifically tuned for sparse inputs, is fast.",
        [("ZorbOpt", "is_a", "momentum optimizer")],
        [],
        id="appositive-class-before-an-adverb",
    ),
    pytest.param(
        "A Study of Optimizers",
        "QuuxOpt can be seen as a special momentum optimizer with decay.",
        [("QuuxOpt", "is_a", "momentum optimizer")],
        [],
        id="is-a-viewed-as-a-special-Y",
    ),
    pytest.param(
        _ZORBLAX,
        "We propose Zorblax, a new optimizer. To build it, we adapt the QuuxNet framework to "
        "sparse inputs.",
        [("Zorblax", "extends", "QuuxNet")],
        [],
        id="extends-we-adapt-X",
    ),
    pytest.param(
        _ZORBLAX,
        "We propose Zorblax, a new optimizer. BlorpNet builds on QuuxNet-2. ZorbNet is "
        "built on the basis of QuuxNet.",
        [("BlorpNet", "extends", "QuuxNet-2")],
        [("ZorbNet", "extends", "QuuxNet")],
        id="extends-builds-on-X",
    ),
    pytest.param(
        "ZorbNet-QuuxNet: Joining Two Models",
        "We present ZorbNet-QuuxNet, which runs ZorbNet layers inside QuuxNet. We compare "
        "with ZorbNet-Lite.",
        [("ZorbNet-Lite", "extends", "ZorbNet")],
        [
            ("ZorbNet-QuuxNet", "extends", "ZorbNet"),
            ("ZorbNet-QuuxNet", "extends", "QuuxNet"),
        ],
        id="a-name-joining-two-names-extends-neither",
    ),
    pytest.param(
        _ZORBLAX,
        "We propose Zorblax, a new optimizer. We integrate our approach with DeepSpeed, "
        "and QuuxNet-2 incorporates BlorpNet into JAX.",
        [("Zorblax", "implemented_in", "DeepSpeed"), ("BlorpNet", "implemented_in", "JAX")],
        [],
        id="integrate-X-into-S",
    ),
    pytest.param(
        "A Study of Optimizers",
        "QuuxOpt is implemented within vLLM. We release ZorbOpt as a PyTorch plugin.",
        [("QuuxOpt", "implemented_in", "vLLM"), ("ZorbOpt", "implemented_in", "PyTorch")],
        [],
        id="implemented-within-and-shipped-as-a-plugin",
    ),
    pytest.param(
        "A Study of Optimizers",
        "BlorpNet is built on top of QuuxNet. Adam, one of the most popular adaptive "
        "optimizers, is slow.",
        [("BlorpNet", "extends", "QuuxNet"), ("Adam", "is_a", "adaptive optimizers")],
        [],
        id="built-on-top-of-and-one-of-the-Y",
    ),
    pytest.param(
        "A Study of Training",
        "We propose a new pipeline parallelism scheme called Zorblax. We also design a "
        "sparse attention variant, dubbed QuuxAttn. We build a novel quantization method, "
        "ZorbQ, which is fast. We use a data parallelism, ZeRO and Adam.",
        [
            ("Zorblax", "is_a", "pipeline parallelism"),
            ("QuuxAttn", "is_a", "sparse attention"),
            ("ZorbQ", "is_a", "quantization"),
        ],
        [("ZeRO", "is_a", "data parallelism")],  # a list after the comma, no name
        id="a-Y-called-X",
    ),
    pytest.param(
        "A Study of Training",
        "We study a sharded (QZP) pipeline parallelism for long inputs. We train BlorpNet "
        "(BN) with Adam.",
        [("QZP", "is_a", "pipeline parallelism")],
        [("BN", "is_a", "Adam")],  # only a generic class after the parentheses
        id="acronym-in-parentheses-before-its-class",
    ),
    pytest.param(
        "A Study of Optimizers",
        "ZorbOpt, which is a momentum optimizer, is fast. QuuxOpt is also an adaptive "
        "optimizer. BlorpOpt, the standard pipeline parallelism scheme, is slow.",
        [
            ("ZorbOpt", "is_a", "momentum optimizer"),
            ("QuuxOpt", "is_a", "adaptive optimizer"),
            ("BlorpOpt", "is_a", "pipeline parallelism"),
        ],
        [],
        id="appositive-which-is-also-and-the",
    ),
    pytest.param(
        _ZORBLAX,
        "We propose Zorblax, a new optimizer. Zorblax builds on PyTorch. We extend "
        "DeepSpeed with QuuxNet-2. BlorpNet extends QuuxNet.",
        [
            ("Zorblax", "implemented_in", "PyTorch"),
            ("QuuxNet-2", "implemented_in", "DeepSpeed"),
            ("BlorpNet", "extends", "QuuxNet"),
        ],
        [("Zorblax", "extends", "PyTorch"), ("Zorblax", "extends", "DeepSpeed")],
        id="a-method-built-on-software-is-implemented-in-it",
    ),
    pytest.param(
        "A Study of Optimizers",
        "Momentum optimizers (e.g., ZorbOpt, QuuxOpt) are fast. We compare with the "
        "pipeline parallelism method BlorpPipe.",
        [
            ("ZorbOpt", "is_a", "Momentum optimizers"),
            ("QuuxOpt", "is_a", "Momentum optimizers"),
            ("BlorpPipe", "is_a", "pipeline parallelism"),
        ],
        [],
        id="class-noun-before-parentheses-and-the-Y-method-X",
    ),
    pytest.param(
        "A Study of Training",
        "We study ZeRO in DeepSpeed. Megatron-LM, which implements sequence parallelism, "
        "is slow. JAX supports BlorpNet.",
        [
            ("ZeRO", "implemented_in", "DeepSpeed"),
            ("sequence parallelism", "implemented_in", "Megatron-LM"),
            ("BlorpNet", "implemented_in", "JAX"),
        ],
        [],
        id="M-in-S-and-S-implements-M",
    ),
    pytest.param(
        "A Study of Serving",
        "We serve GPT-3 in vLLM. JAX supports BERT.",
        [],
        [("GPT-3", "implemented_in", "vLLM"), ("BERT", "implemented_in", "JAX")],
        id="a-model-in-S-is-served-not-shipped",
    ),
    pytest.param(
        "Zorblax in PyTorch",
        "We propose Zorblax, a new optimizer. Both QuuxNet-2 and BlorpNet are implemented in JAX.",
        [
            ("Zorblax", "implemented_in", "PyTorch"),
            ("QuuxNet-2", "implemented_in", "JAX"),
            ("BlorpNet", "implemented_in", "JAX"),
        ],
        [],
        id="coordinated-subjects-implemented-in-S",
    ),
    pytest.param(
        "A Study of Optimizers",
        "ZorbOpt is an example of a momentum optimizer. QuuxOpt is classified as an "
        "adaptive optimizer.",
        [("ZorbOpt", "is_a", "momentum optimizer"), ("QuuxOpt", "is_a", "adaptive optimizer")],
        [],
        id="is-a-example-of-and-classified-as",
    ),
    pytest.param(
        "A Study of Optimizers",
        "ZorbOpt and QuuxOpt are momentum optimizers. BlorpNet and Adam are used with "
        "adaptive optimizers.",
        [("ZorbOpt", "is_a", "momentum optimizers"), ("QuuxOpt", "is_a", "momentum optimizers")],
        [("BlorpNet", "is_a", "adaptive optimizers"), ("Adam", "is_a", "adaptive optimizers")],
        id="X-and-Y-are-Ys",
    ),
]


@pytest.mark.parametrize(("title", "abstract", "present", "absent"), _STATED)
def test_relations_stated_in_a_sentence(extractor, title, abstract, present, absent):
    rels = _relations(extractor, title, abstract)
    assert set(present) <= rels
    assert not set(absent) & rels


@pytest.mark.parametrize(
    ("title", "present"),
    [
        ("Zorblax: Practical Low-Rank Pipeline Parallelism", True),
        ("Zorblax: A Scalable Pipeline Parallelism Scheme for Training", True),
        ("Zorblax: Scaling Up Pipeline Parallelism", False),  # an activity, not a kind
        ("Zorblax: Faster Training with Pipeline Parallelism", False),  # not the head phrase
    ],
)
def test_title_description_names_the_kind(extractor, title, present):
    rels = _relations(extractor, title, "We propose Zorblax, and we test it.")
    lowered = {(h, r, t.lower()) for h, r, t in rels}
    assert (("Zorblax", "is_a", "pipeline parallelism") in lowered) is present


def test_hardware_and_datasets_are_kinds_only_of_their_own_type():
    from kg.extract.relations import _types_fit
    from kg.ontology import EntityType as T

    assert not _types_fit(Relation.IS_A, T.METHOD, T.HARDWARE)
    assert not _types_fit(Relation.EXTENDS, T.DATASET, T.METHOD)
    assert _types_fit(Relation.IS_A, T.HARDWARE, T.HARDWARE)
    assert _types_fit(Relation.EXTENDS, T.MODEL, T.METHOD)


def test_extends_cue_modifiers():
    # words between the cue and a generic mention narrow the object to a kind of it
    cue = _EXTENDS_BEFORE.search("Our method generalizes few-shot ")
    assert cue is not None and cue.group("mods") == "few-shot "
    cue = _EXTENDS_BEFORE.search("Our method extends the ")
    assert cue is not None and cue.group("mods") == ""


def test_no_extends_to_a_modified_generic(extractor):
    rels = _relations(
        extractor,
        "ZorbPipe: Faster Training on Many Devices",
        "We propose ZorbPipe, which generalizes asynchronous pipeline parallelism to many"
        " devices. ZorbPipe extends Adam to many devices.",
    )
    assert ("ZorbPipe", "extends", "Adam") in rels
    assert not any(r[1] == "extends" and r[2] == "pipeline parallelism" for r in rels)


def test_system_features(extractor):
    rels = _relations(
        extractor,
        "ZorbServe: Serving Sparse Models at Scale",
        "We present ZorbServe, a serving system. ZorbServe introduces a novel pipeline"
        " parallelism scheme for sparse models.",
    )
    assert ("pipeline parallelism", "implemented_in", "ZorbServe") in rels


def test_appositive_class_then_framework(extractor):
    rels = _relations(
        extractor,
        "ZorbFlow: Faster Training of Large Models",
        "We introduce ZorbFlow, an asynchronous pipeline parallelism framework that"
        " overlaps stages across many GPUs.",
    )
    assert ("ZorbFlow", "is_a", "pipeline parallelism") in rels


def test_appositive_class_based(extractor):
    rels = _relations(
        extractor,
        "ZorbNet: Cheaper Language Models",
        "We present ZorbNet, a MoE-based model that routes each token to two experts.",
    )
    assert ("ZorbNet", "is_a", "MoE") in rels


def test_such_as_with_elided_heads(extractor):
    # "tensor and pipeline parallelism": "pipeline parallelism" is listed all the same
    rels = _relations(
        extractor,
        "ZorbTrain: Training Large Models on Many GPUs",
        "Large models need model parallelism such as tensor and pipeline parallelism"
        " to fit in memory. We propose ZorbTrain.",
    )
    assert ("pipeline parallelism", "is_a", "model parallelism") in rels


def test_stated_class_over_name_form(extractor):
    # the title states the class; the name's form ("...MoE") is no second class
    rels = _relations(
        extractor,
        "ZorbMoE: Pipeline Parallelism for Sparse Models",
        "We propose ZorbMoE, which overlaps MoE layers across GPUs.",
    )
    assert ("ZorbMoE", "is_a", "Pipeline Parallelism") in rels
    assert ("ZorbMoE", "is_a", "MoE") not in rels


def test_paren_list_past_an_unknown_item(extractor):
    # "zorbium" is no entity; the list goes on past it (the list is all that is tested)
    rels = _relations(
        extractor,
        "ZorbPipe: Pipeline Parallelism Everywhere",
        "We run ZorbPipe on pipeline parallelism (Adam, zorbium, MoE) setups.",
    )
    assert ("Adam", "is_a", "Pipeline Parallelism") in rels
    assert ("MoE", "is_a", "Pipeline Parallelism") in rels


def test_main_method_implemented_in_the_systems_the_work_uses(extractor):
    rels = _relations(
        extractor,
        "Zorblax: A New Optimizer",
        "We propose Zorblax, a new optimizer. Our experiments use JAX. We outperform "
        "DeepSpeed. PyTorch is popular.",
    )
    assert ("Zorblax", "implemented_in", "JAX") in rels
    assert ("Zorblax", "implemented_in", "DeepSpeed") not in rels  # a competitor
    assert ("Zorblax", "implemented_in", "PyTorch") not in rels  # only background


def test_property_modifier_of_a_named_system():
    # "X-aware S" is S with support for X: neither a new version nor a kind of S
    assert name_relation("CUDA-aware Zorb", True, "Zorb", True) is None
    assert name_relation("Zorb-friendly Quux", True, "Quux", True) is None


def test_generic_concept_never_named_apart_from_its_compound(extractor):
    # "pipeline parallelism" occurs only as the head noun of the proposed compound (split
    # off at the title's capital): no second entity for the compound to be a kind of
    rels = _relations(
        extractor,
        "Stacked pipeline parallelism and sparse training: faster large models",
        "We introduce two new methods, stacked pipeline parallelism and elastic sharding,"
        " which cut training time.",
    )
    assert not any(r[1] == "is_a" for r in rels)


def test_system_features_with_the_means(extractor):
    # "S implements <object> with an M": M, the means, is part of S
    rels = _relations(
        extractor,
        "ZorbServe: Serving Sparse Models at Scale",
        "We present ZorbServe, a serving system. ZorbServe implements the rescheduling"
        " with an efficient and scalable pipeline parallelism scheme. ZorbServe employs"
        " many tricks for pipeline parallelism.",
    )
    assert ("pipeline parallelism", "implemented_in", "ZorbServe") in rels
    rels = _relations(
        extractor,
        "ZorbServe: Serving Sparse Models at Scale",
        "We present ZorbServe, a serving system. ZorbServe employs many tricks for"
        " pipeline parallelism.",
    )
    assert ("pipeline parallelism", "implemented_in", "ZorbServe") not in rels


def test_named_variant_of_a_procedure_extends_it(tiny_vocab):
    # a generic procedure ("... Fine-Tuning", a gerund) has variants, not kinds; a class
    # of artefacts ("Mixture-of-Experts") has kinds
    from kg.extract import Extractor
    from kg.extract.vocab_loader import register_concepts
    from kg.ontology import EntityType
    from kg.vocab import VocabConcept

    zft = VocabConcept(
        "urn:x:zft",
        "zft",
        EntityType.METHOD.value,
        "Zorb Fine-Tuning",
        ("ZFT",),
        specific=False,
    )
    extractor = Extractor(vocab_files=[register_concepts("tiny-zft", [*tiny_vocab, zft])])
    rels = _relations(
        extractor,
        "Sparse Reasoning",
        "Models are trained with Zorb Fine-Tuning (ZFT). We propose Set Zorb Fine-Tuning"
        " (SZFT), which beats ZFT. We also propose MoE-Q, a faster MoE.",
    )
    assert ("SZFT", "extends", "ZFT") in rels
    assert ("SZFT", "is_a", "ZFT") not in rels
    assert ("MoE-Q", "is_a", "MoE") in rels


def test_own_method_combining_named_methods_extends_them(extractor):
    rels = _relations(
        extractor,
        "ZorbOpt: Faster Training",
        "We introduce ZorbOpt, a new optimizer that integrates the momentum trick of"
        " QuuxProp with Adam. QuuxProp is an optimizer.",
    )
    assert ("ZorbOpt", "extends", "QuuxProp") in rels
    assert ("ZorbOpt", "extends", "Adam") in rels
    # a background method combining two others is not the paper's own
    rels = _relations(
        extractor,
        "ZorbOpt: Faster Training",
        "We introduce ZorbOpt. Prior work, Blorp, combines QuuxProp with Adam. QuuxProp is"
        " an optimizer.",
    )
    assert not any(r[1] == "extends" and r[2] == "Adam" for r in rels)


@pytest.mark.parametrize(
    ("abstract", "present"),
    [
        ("We present ZorbNet, a simple yet effective pipeline parallelism scheme.", True),
        ("We present ZorbNet, a scalable and robust pipeline parallelism scheme.", True),
        # coordinated nouns: ZorbNet is the compiler, no kind of the second item
        ("We present ZorbNet, a compiler and pipeline parallelism runtime.", False),
    ],
)
def test_appositive_past_coordinated_adjectives(extractor, abstract, present):
    rels = _relations(extractor, "ZorbNet: Training at Scale", abstract)
    assert (("ZorbNet", "is_a", "pipeline parallelism") in rels) is present


def test_software_named_after_a_method_is_no_kind_of_it(extractor):
    # "a modular framework QuuxZorb", named after the method "Zorb", ships it
    rels = _relations(
        extractor,
        "Zorb: Faster Training",
        "We propose Zorb, a new optimizer. We provide a modular framework QuuxZorb that"
        " runs it on many GPUs.",
    )
    # it is no kind or version of the method; it ships the method, being typed as
    # software by the type noun right before it ("a modular framework QuuxZorb")
    assert ("QuuxZorb", "is_a", "Zorb") not in rels
    assert ("QuuxZorb", "extends", "Zorb") not in rels
    assert ("Zorb", "implemented_in", "QuuxZorb") in rels


def test_only_software_has_things_implemented_in_it():
    # the ontology's range of implemented_in is System, whatever cue fired
    assert _types_fit(Relation.IMPLEMENTED_IN, EntityType.METHOD, EntityType.SYSTEM)
    assert _types_fit(Relation.IMPLEMENTED_IN, EntityType.MODEL, EntityType.SYSTEM)
    assert not _types_fit(Relation.IMPLEMENTED_IN, EntityType.METHOD, EntityType.METHOD)
    assert not _types_fit(Relation.IMPLEMENTED_IN, EntityType.SYSTEM, EntityType.HARDWARE)
    # a benchmark or a chip implements no technique: built on software, it runs on it
    assert not _types_fit(Relation.IMPLEMENTED_IN, EntityType.DATASET, EntityType.SYSTEM)
    assert not _types_fit(Relation.IMPLEMENTED_IN, EntityType.HARDWARE, EntityType.SYSTEM)


@pytest.mark.parametrize(
    ("title", "present"),
    [
        ("Zorblax: Unleashing the Power of Adam with Low-Rank Updates", True),
        ("Zorblax: Accelerating Adam with Overlapped Communication", True),
        ("Zorblax: Scaling Up Adam to Thousands of GPUs", True),
        ("Zorblax: Adam with Low-Rank Updates", True),
        ("Zorblax: A Sparse Update Rule for Adam", False),  # what the work is for
        ("Zorblax: Faster Training of Transformers with Adam", False),  # not the next name
    ],
)
def test_title_naming_a_named_method_states_lineage(extractor, title, present):
    rels = _relations(extractor, title, "We propose Zorblax, and we test it.")
    assert (("Zorblax", "extends", "Adam") in rels) is present


def test_named_class_with_its_noun_lists_kinds(extractor):
    # "two Zorb frameworks, namely A and B": a named Y, its class noun, then "namely"
    rels = _relations(
        extractor,
        "Fast Sorting on Tiny Chips",
        "We study two Zorb frameworks, namely QuuxFlow and BlorbRT, on GPU.",
    )
    assert ("QuuxFlow", "is_a", "Zorb") in rels
    assert ("BlorbRT", "is_a", "Zorb") in rels
    # "including" after a named class often strays from it (fine-tuning under RL)
    rels = _relations(
        extractor,
        "A Study of Tuning",
        "We explore various RL algorithms, including Supervised Fine-Tuning and DPO.",
    )
    assert ("DPO", "is_a", "RL") not in rels
    # a comma after a generic Y's class noun: Y may be cut short ("model and data ...")
    rels = _relations(
        extractor,
        "A Study of Training",
        "We enable model and data parallel training techniques, such as tensor parallelism"
        " and pipeline parallelism, on GPU.",
    )
    assert ("pipeline parallelism", "is_a", "data parallel") not in rels


def test_stated_is_a_over_name_extends(extractor):
    # "ZorbLite" reads as a variant of "Zorb" by its name; the text says it is a kind
    rels = _relations(
        extractor,
        "Fast Sorting on Tiny Chips",
        "We compare two MoE-based Zorb methods, namely ZorbA and ZorbLite, on GPU.",
    )
    assert ("ZorbLite", "is_a", "Zorb") in rels
    assert ("ZorbLite", "extends", "Zorb") not in rels


def test_list_of_kinds_past_an_items_appositive(extractor):
    # "A, a toy library, and B": the appositive describes A; B is listed all the same
    rels = _relations(
        extractor,
        "Fast Sorting on Tiny Chips",
        "We study two Zorb frameworks, namely QuuxFlow, a toy library, and BlorbRT, on GPU.",
    )
    assert ("QuuxFlow", "is_a", "Zorb") in rels
    assert ("BlorbRT", "is_a", "Zorb") in rels
