"""Word lists the rules share: head nouns of generic concepts, modifiers that are not
part of a name, and capitalised words that are not names. General English and domain
knowledge only; no paper-specific names.
"""

from __future__ import annotations

from kg.ontology import EntityType

__all__ = [
    "CONCEPT_HEADS",
    "STANDALONE_HEADS",
    "RESTRICTED_HEADS",
    "STOP_MODIFIERS",
    "TITLE_VERBS",
    "ATTENTION_IDIOM",
    "NOT_NAMES",
    "SEED_CONCEPTS",
    "TYPE_NOUNS",
    "HARDWARE_WORDS",
    "VENDORS",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Head nouns of established technical concepts ("pipeline parallelism").
CONCEPT_HEADS = _words(
    """
    accumulation adaptation attention averaging backpropagation balancing batching cache
    caching checkpointing clipping connection connections convolution convolutions decoding
    decomposition descent distillation dropout embedding embeddings encoding encodings
    factorization feedback fine-tuning finetuning gating inference iteration learning
    mechanism merging meta-learning momentum normalization offloading optimizer optimizers
    parallelism partitioning penalty programming pruning quantization recomputation
    reduction regularization rematerialization routing sampling search sharding sharing
    sparsification transformer transformers tuning
    """
)

#: Heads that are an entity on their own, without a modifier.
STANDALONE_HEADS = _words(
    """
    attention backpropagation compression distillation dropout fine-tuning finetuning meta-learning
    offloading pruning quantization recomputation rematerialization self-attention
    sparsification sparsity transformer transformers
    """
)

_NETWORK_MODIFIERS = _words(
    "adversarial convolutional feed-forward feedforward graph kolmogorov-arnold recurrent "
    "residual siamese spiking equilibrium"
)

#: Heads that need a modifier from the given list (too generic otherwise).
RESTRICTED_HEADS: dict[str, frozenset[str]] = {
    "balancing": _words("load"),
    "cache": _words("key-value kv"),
    "clipping": _words("gradient momentum norm"),
    "connection": _words("residual shortcut skip"),
    "connections": _words("residual shortcut skip"),
    "decomposition": _words("low-rank singular tensor tucker"),
    "encoding": _words("position positional"),
    "encodings": _words("position positional"),
    "factorization": _words("low-rank matrix tensor"),
    "feedback": _words("error human"),
    "inference": _words("bayesian speculative variational"),
    "iteration": _words("fixed-point policy power value"),
    "learning": _words(
        "active continual contrastive curriculum deep-q federated few-shot imitation "
        "in-context meta multi-agent multi-task offline online q- reinforcement "
        "self-supervised semi-supervised supervised transfer zero-shot"
    ),
    "mechanism": _words("attention gating"),
    "merging": _words("expert model token"),
    "model": _words("diffusion energy-based mixture-of-experts space state-space"),
    "models": _words("diffusion energy-based mixture-of-experts space state-space"),
    "momentum": _words("nesterov"),
    "network": _NETWORK_MODIFIERS,
    "networks": _NETWORK_MODIFIERS,
    "partitioning": _words("graph tensor"),
    "penalty": _words("coverage length"),
    "programming": _words("convex dynamic integer linear quadratic"),
    "reduction": _words("dimensionality variance"),
    "search": _words("architecture beam carlo evolutionary grid monte-carlo neural random tree"),
    "sharing": _words("kv parameter weight"),
    "transformer": _words("diffusion graph swin video vision"),
    "transformers": _words("diffusion graph swin video vision"),
    "tuning": _words("fine hyperparameter instruction prefix prompt"),
}

#: Words that do not belong at the start of a concept name ("efficient attention").
STOP_MODIFIERS = _words(
    """
    little default avoid few sufficient insufficient simple-yet-effective
    a achieve across additional advanced all also among an and another any are as associated
    at based basic be been best better between both by can certain classic classical common
    communication-efficient comparable compute-efficient conventional corresponding cost-effective
    costly critical crucial current custom customized dedicated different
    distributed each effective efficiency efficient enable enables enabling entire existing
    expensive extensive extreme fast faster first five flexible for four from full fully
    general given good great hence her high high-quality higher highly his how however
    important improve improved improves in inefficient inference into is it its key large
    larger less lightweight like low lower main many massive may memory-efficient modern
    more most much multiple naive namely native new no not novel of on one only optimal or
    original other our over overall parallel partial performance popular possible powerful
    practical previous prior prompt proposed recent reduce reduces respective resulting
    robust same scalable second several significant simple single six small smaller so some
    specialized specific standard standard-of-the-art state-of-art state-of-the-art static
    step straightforward strong such superior support supports tailored than that the their
    them then these they this those three through thus to token tokens traditional training
    two typical under underlying unified using vanilla various very via was we well well-known
    were what when where which while whole whose widely-used will with within without
    about above after again against already although always because before being below
    beyond called commonly despite did do does down dubbed during either even ever except
    further generally had has have he here i if inside known mainly mostly my named neither
    never nor now often onto ones out outside per she since still termed there though toward
    towards until unless up upon us used usually versus vs whether who whom widely yet your
    use uses apply applies adopt adopts employ employs leverage leverages combine combines
    integrate integrates exploit exploits replace replaces require requires perform performs
    propose proposes introduce introduces present presents study studies analyze analyzes
    explore explores investigate investigates evaluate evaluates compare compares utilize
    utilizes incorporate incorporates allow allows make makes show shows demonstrate
    demonstrates adjust adjusts bypass bypasses avoids eliminate eliminates accelerate
    accelerates speed speeds boost boosts general-purpose peak
    """
)

#: Words before "attention" in its everyday sense ("has gained significant attention",
#: "little attention has been paid"): there it names no technique.
ATTENTION_IDIOM = _words(
    """
    pay pays paid paying draw draws drew drawn drawing gain gains gained gaining garner
    garners garnered garnering receive receives received receiving attract attracts
    attracted attracting deserve deserves deserved renewed little much increasing growing
    considerable significant special particular careful widespread great substantial
    tremendous broad extensive enormous wide close undivided
    """
)

#: Verbs of title idioms ("Adam Revisited:", "X Meets Y:", "Scale Is All You Need:"): a
#: title prefix holding one names no new entity.
TITLE_VERBS = _words(
    """
    Are Beats Can Demystified Do Does Explained Help Helps Is Make Makes Matter Matters Meet
    Meets Reconsidered Reexamined Re-examined Rethought Revisited Should Strikes Unleashed
    Unlocked Unpacked Unraveled Unveiled Wins Work Works
    """
)

#: Capitalised words that start sentences or headings but are not names.
NOT_NAMES = _words(
    """
    A Additionally All Also Although Among An And Any Appendix Approach As At Available
    Based Bayesian Because Benchmark Besides Boolean Both Building But By Carlo Chapter
    Chinese Code Compared Consequently Data Dataset Deep Despite Each Efficient Eight
    Empirical English Eq Equation Euclidean Existing Experimental Experiments Extensive Fast
    Fig Figure Finally First Fisher Five For Four Fourier Framework From Further Furthermore
    Gaussian Github Given Hamiltonian Hence Here Hessian How However If Importantly In
    Inference Inspired Instead It Its Jacobian Kronecker Language Languages Laplacian Large
    Lastly Layer Learning Level Leveraging Like Lipschitz Many Markov Meanwhile Method Model
    Models Monte More Moreover Most Motivated Network Networks Neural Nevertheless New
    Newton Nine Notably Novel Of On One Online Open Or Our Ours Over Overall Paper Pareto
    Part Phase Previous Prior Project Recent Results Riemannian Round Scalable Sec Second
    Section Seven Several Since Six Small Some Specifically Stage Step Such System Table Ten
    Than That The Then Theoretical There Therefore These Third This Those Though Three Thus
    To Together Top Toward Towards Training Transformer-based Two Unlike Up Us Using Version
    Via We Website What When Where Which While Why With Work
    """
)

#: Established generic concepts the guideline names: matched even without a vocabulary.
SEED_CONCEPTS: dict[str, EntityType] = {
    "mixture of experts": EntityType.METHOD,
    "mixture-of-experts": EntityType.METHOD,
    "speculative decoding": EntityType.METHOD,
    "knowledge distillation": EntityType.METHOD,
    "gradient compression": EntityType.METHOD,
    "activation checkpointing": EntityType.METHOD,
    "gradient checkpointing": EntityType.METHOD,
    "reinforcement learning": EntityType.METHOD,
    "diffusion model": EntityType.METHOD,
    "state space model": EntityType.METHOD,
    "self-attention": EntityType.METHOD,
    "attention mechanism": EntityType.METHOD,
    "model parallelism": EntityType.METHOD,
    "gradient descent": EntityType.METHOD,
    "stochastic gradient descent": EntityType.METHOD,
}

#: Nouns that say what kind of thing a name is ("X, a library", "the X benchmark").
TYPE_NOUNS: dict[str, EntityType] = {}
for _t, _nouns in (
    (
        EntityType.SYSTEM,
        "system systems library libraries framework frameworks engine engines "
        "compiler compilers runtime runtimes platform platforms simulator simulators tool tools "
        "toolkit toolkits service services package packages software implementation server "
        "serving infrastructure "
        "stack gymnasium configurator scheduler interface api suite-of-tools",
    ),
    (
        EntityType.DATASET,
        "dataset datasets benchmark benchmarks corpus corpora suite collection "
        "leaderboard arena testbed data-set",
    ),
    (EntityType.MODEL, "llm llms checkpoint checkpoints weights family series"),
    (
        EntityType.HARDWARE,
        "gpu gpus tpu tpus cpu cpus npu npus chip chips accelerator "
        "accelerators processor processors cluster clusters supercomputer supercomputers device "
        "devices machine machines node nodes card cards instance instances fpga fpgas asic asics",
    ),
    (
        EntityType.METHOD,
        "method methods approach approaches technique techniques algorithm "
        "algorithms optimizer optimizers architecture architectures mechanism mechanisms strategy "
        "strategies scheme schemes paradigm protocol recipe layer layers attention parallelism "
        "decoding network networks objective loss regularizer estimator operator kernel",
    ),
):
    for _w in _nouns.split():
        TYPE_NOUNS[_w] = _t

#: Words that mark hardware in a name ("Ascend 910", "NVIDIA A100").
HARDWARE_WORDS = _words(
    """
    ascend asic asics cpu cpus dpu dram fpga fpgas gpu gpus hbm infiniband ipu ipus npu npus
    nvlink nvme pcie sram ssd ssds tpu tpus
    """
)

VENDORS = _words(
    """
    amd apple arm aws azure cerebras google graphcore huawei intel nvidia qualcomm sambanova
    """
)

# Communication patterns of distributed training are established techniques, but only
# under their own names: "P2P communication", "point-to-point communication" (not
# "efficient communication", "inter-node communication")
RESTRICTED_HEADS["communication"] = _words(
    "p2p point-to-point peer-to-peer collective all-to-all all-gather"
)

# An operating system is software one runs: "the Windows operating system", "Linux
# operating systems" name it like "the X framework" does
TYPE_NOUNS.update({"operating system": EntityType.SYSTEM, "operating systems": EntityType.SYSTEM})

# The learning regimes "learning" takes ("online learning", "continual learning") name
# the regime of a training run too: "online training", "continual pretraining". Not
# "offline": training ahead of deployment is the default, no regime of its own
_REGIMES = _words("continual online federated")
RESTRICTED_HEADS.update({"training": _REGIMES, "pretraining": _REGIMES, "pre-training": _REGIMES})
