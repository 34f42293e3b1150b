"""Paper roles: what the paper does with each entity, from cues around its mentions.

- ``proposes``: the title's name, "we propose/introduce/present X", "our X";
- ``compares_with``: after "outperforms", "compared to", "faster than", "vs.", "matches",
  "the same accuracy as"; also the examples of a class ("systems such as X") that the
  own work is later compared with as a whole ("faster than existing systems");
- ``runs_on``: hardware in the paper's own runs ("on 2048 Ascend 910", "a single GPU");
- ``evaluates_on``: datasets the paper reports results on ("on ImageNet", "evaluated on"),
  or named in a sentence on its own work;
- ``uses``: in a sentence about the paper's own work ("we", "our", the proposed name)
  or after it without a background word (not a trained model named in passing), or
  there after "based on", "using", "built on", "implemented in", "we adopt";
- ``mentions``: everything else (background, motivation).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import held, native
from kg.extract.batching import BatchedComponent
from kg.extract.relations import derived_suffix
from kg.extract.state import (
    DocState,
    Mention,
    RoleCue,
    ensure_extension,
    group_by_sentence,
    state_of,
)
from kg.ontology import EntityType, Role

__all__ = [
    "proposed_groups",
    "is_own_work",
    "mention_role",
    "assign_roles",
    "cue_starts",
    "first_own_work",
    "Cues",
    "PaperRoles",
    "OWN_WORK_PRIOR",
]

_PROPOSE_RULES = frozenset({"title_name", "proposed_name"})
_NUMBERED = re.compile(r"[-\s]?\d")  # the paper's "X-1", "X-2": numbered variants of its X
_OUR = re.compile(r"\bour\s(?:\w+\s){0,2}$", re.IGNORECASE)
# the verbs that put the writers' own work forward: one list for the cue regexes below and
# the cue-word index (``_CUE_WORDS["verb"]``), which must hold each match's first word
_PROPOSE_VERBS = (
    "propose",
    "introduce",
    "present",
    "develop",
    "design",
    "build",
    "release",
    "unveil",
    "provide",
    "offer",
    "devise",
    "create",
    "construct",
    "craft",
    "invent",
    "formulate",
    "curate",
)
_PROPOSE_VERBS_RX = "(?:" + "|".join(_PROPOSE_VERBS) + ")"
_PROPOSE_BEFORE = re.compile(
    # the subject: the writers, their paper, or (group 1) their work as "it", "our system"
    r"\b(?:we|paper|work|study|article|report|letter|and|"
    r"(it|framework|system|design|architecture))\s"
    r"(?:\w+ly\s|also\s|further\s|then\s|thus\s|hence\s|therefore\s|here\s|first\s)?"
    rf"{_PROPOSE_VERBS_RX}(?:s|d|ed)?\s"
    # a second verb joined to the first: "we propose and evaluate X"
    r"(?:and\s[a-z]+\s)?"
    r"(?:[^.;]{0,60}?(?:called|named|dubbed|termed)\s|"
    r"(?:a|an)\s[^.;:()]{0,60}?,\s(?:namely\s)?|(?:a|an|the)\s(?:new|novel)\s|"
    r"(?:a|an)\s(?:[\w-]+\s){0,3}(?:framework|system|method|approach|technique|algorithm|"
    r"architecture|library|tool|scheme|engine|compiler)\s|"
    r"(?:a|an|the)\s(?:new\s|novel\s)?(?:concept|notion|idea|mechanism)\sof\s"
    r"(?:the\s)?|"
    # "we introduce two techniques: X and Y" (or ", X and Y"): the list of the new things
    r"(?:two|three|four|several|multiple|\d)\s(?:[\w-]+\s){0,3}?[\w-]+[:,]\s"
    r"(?:[^.;:()]{0,60}?(?:,\s(?:and\s)?|\sand\s))?|"
    # "we present the design and implementation of X"
    r"the\s(?:design|implementation|development)(?:\sand\s(?:the\s)?(?:[\w-]+\s)?"
    r"(?:implementation|evaluation|deployment|analysis))?\sof\s|"
    # "we propose a novel sharding method (X)": the name given in parentheses
    r"(?:a|an|the)\s(?:(?!(?:on|of|with|using|for|in|to|by|via|from|and|or)\s)[\w-]+\s){1,5}\("
    r")?(?:\w+\s|[\w-]+\sand\s)?$",
    re.IGNORECASE,
)
# "we propose (1) X, which ..., and (2) Y": an enumeration of the new things
_ENUMERATED = re.compile(
    r"\b(?:we|paper|work|study|article)\s(?:\w+ly\s|also\s|further\s|then\s|here\s)?"
    rf"{_PROPOSE_VERBS_RX}(?:s|d|ed)?\s[^.;]{{0,80}}?\((?:\d|i{{1,3}}|iv|[a-d])\)\s$",
    re.IGNORECASE,
)
# "our X", "our new X", "our system, X", "the proposed X": the writers' own
_OUR_NAME = re.compile(
    r"\b(?:[Oo]ur\s(?:(?:new|proposed|novel)\s|[\w\s-]{0,40},\s)?|[Tt]he\sproposed\s)$"
)
# "In this paper, X ...", "In this work, X ...": the paper's own work as the subject
_IN_THIS_PAPER = re.compile(
    r"(?:[Ii]n\sthis\s(?:paper|work|study|article|report|letter)|[Hh]ere),\s$"
)
# "In our experiments, X ...", "With our method, X ...": a fronted phrase, no apposition
_FRONTED_OUR = re.compile(
    r"\b(?:[Ii]n|[Ww]ith|[Oo]n|[Ff]or|[Aa]cross|[Tt]hrough|[Dd]uring|[Uu]nder|[Ff]rom|[Bb]y|"
    r"[Aa]fter|[Ii]nto|[Oo]ver|[Aa]t)\s[Oo]ur\s[\w\s-]{0,40},\s$"
)
# after the name: "X, our new scheduler, ...", "X is proposed to ...", "X (ours)": the
# writers call it their own, or (present tense, no agent) say the paper puts it forward;
# "X was proposed by ..." is prior work. The apposition closes with a comma: in "With X,
# our approach reaches ..." "our approach" is the subject after a fronted phrase
# the ways these start: a name is followed by none of them, mostly, and skips the regex
# (a short form in parentheses after a long one, "X (ZN), our ...", is checked at "ZN")
_OWN_AFTER_STARTS = (
    ", our ",
    ", the proposed ",
    "), our ",
    "), the proposed ",
    " is ",
    " are ",
    " (our",
    " addresses ",
    " tackles ",
    " overcomes ",
    " solves ",
    " mitigates ",
    " alleviates ",
    " bridges ",
    " resolves ",
)
# the kinds of work a paper puts forward, singular or plural
_OWN_KIND_NOUNS = (
    r"(?:method|framework|system|approach|technique|algorithm|architecture|library|tool|"
    r"toolkit|scheme|engine|compiler|model|optimizer|benchmark|dataset|platform|runtime|"
    r"simulator|pipeline|protocol|strategy|mechanism|paradigm|family|suite|recipe)s?"
)
_OWN_AFTER = re.compile(
    r"\)?(?:,\s(?:our|the\sproposed)\s(?:new\s|novel\s|proposed\s)?(?:[\w-]+\s)?[\w-]+[,.]"
    r"|\s(?:is|are)\s(?:also\s|further\s|then\s|thus\s|hence\s|therefore\s|first\s)?"
    r"(?:proposed|introduced|presented|developed|designed)\b(?!\sby\b|\sin\s(?:\[|\())"
    r"|\s\((?:ours|our\s[\w\s-]{1,20})\)"
    # "X is a simple method that ...", "X is the first system to ...": a new name defined
    # as a kind of work, with what it does, is how an abstract introduces its own
    r"|\sis\s(?:a|an|the\sfirst)\s(?:[\w-]+\s){0,4}?" + _OWN_KIND_NOUNS + r"\s"
    r"(?:that|which|for|to|designed|built|tailored|enabling|allowing|capable)\b"
    # "X addresses this problem by ...": the answer to the problem just posed
    r"|\s(?:addresses|tackles|overcomes|solves|mitigates|alleviates|bridges|resolves)\s"
    r"(?:this|these|both|such|the(?:se)?\s(?:[\w-]+\s){0,2}?(?:challenges?|problems?|issues?|"
    r"gaps?|limitations?|bottlenecks?|inefficienc(?:y|ies)|shortcomings?|drawbacks?)\b))"
)
_MEANS_BEFORE = re.compile(r"\b(?:via|[Uu]sing|[Ww]ith|[Tt]hrough)\s$")
_REPO = re.compile(r"github\.com/[\w.-]+/([\w.-]+)(?![\w.-]|/\w)")  # not a subfolder
_THIS_NAMED = re.compile(
    r"\b(?:[Tt]his|[Oo]ur)\s(?:(?:new|novel|proposed)\s)?(?:method|approach|technique|framework|"
    r"system|algorithm|architecture|model|design|scheme)s?,?\s(?:namely|called|named|dubbed|"
    r"termed)\s(?:the\s)?(?:(?:[\w-]+\s){1,4}\()?$"
)
# "a technique we refer to as X", "which we call X", "we term this scheme X"
_WE_NAME_IT = re.compile(
    r"\b[Ww]e\s(?:(?:refer\sto|denote)\s(?:it\s|them\s|th(?:is|ese)\s(?:[\w-]+\s)?)?as|call|term|"
    r"dub|coin)\s(?:it\s|them\s|th(?:is|ese)\s(?:[\w-]+\s)?)?(?:the\s)?$"
)
# "... consists of two novel components: X, Y and Z": the parts of the own work, listed
_OWN_PARTS = re.compile(
    r"\b(?:consists?\sof|compris(?:es|e|ing)|features?|includes?|contains?|introduces?|"
    r"incorporates?|has|have|with)\s(?:two|three|four|five|several|\d)\s(?:[\w-]+\s){0,3}?[\w-]+:\s"
    r"(?:[^.;:()]{0,60}?(?:,\s(?:and\s)?|\sand\s))?$"
)
# what can follow the last word of a noun phrase: punctuation, a relative or a preposition
_NP_ENDS = re.compile(
    r"[,.;:)]|\s(?:that|which|inspired|based|built|designed|for|to|with|in|on|of|from|by)\b"
)
_NOVEL_APPOSITIVE = re.compile(r"^\)?,\s(?:a|an)\s(?:novel|new)\b")
_PROPOSE_VERB = re.compile(rf"\b{_PROPOSE_VERBS_RX}")
_OWN = re.compile(
    r"\b(?:we|our|us|this\s(?:paper|work|study|report|article|letter)|the\sproposed|in\sthis)\b",
    re.IGNORECASE,
)
# words that mark prior work ("existing systems", "has been shown") ...
_PRIOR_WORK_WORDS = (
    r"existing|prior|previous|traditional|conventional|popular|"
    r"has\sbeen|have\sbeen|has\sshown|have\sshown|widely"
)
# ... and, with "recent" and "state-of-the-art", background in general
_BACKGROUND = re.compile(
    rf"\b(?:{_PRIOR_WORK_WORDS}|recent(?:ly)?|state-of-the-art)\b", re.IGNORECASE
)
# the words that still mark prior work once the abstract is on its own work ("it shards
# recent optimizers" is the own work)
_PRIOR_WORK = re.compile(rf"\b(?:{_PRIOR_WORK_WORDS})\b", re.IGNORECASE)
# words of a claim about the field at large, not the paper's own work: what is
# "typically" done, what "often" happens, what others "suffer from" or "lack"
_GENERAL_CLAIM = re.compile(
    r"\b(?:typically|commonly|usually|often|suffer\w*|struggl\w*|lack\w*|"
    r"however)\b",
    re.IGNORECASE,
)
_COMPARE = re.compile(
    r"\b(?:outperform\w*|compared\s(?:to|with|against)|comparison\s(?:to|with)|than|versus|"
    r"compar(?:e|es|ing)\s(?:(?:it|them|this|these|our\s\w+|\w+)\s)?(?:to|with|against)|"
    r"vs\.?|against|surpass\w*|beat\w*|match(?:es|ing)?|relative\sto|over|competitive\swith|"
    r"on[\s-]par\swith|baselines?|rival(?:s|l?ed|l?ing)?|exceed\w*|improv(?:e[sd]?|ing)\s(?:up)?on|"
    r"(?:comparable|competitive|similar|superior|inferior)\s(?:to|with)|"
    r"(?:comparable|superior)\s(?:performance|accuracy)\s(?:to|with)|"
    r"times\s(?:that\s|those\s)?of|same\s(?:[\w-]+\s){1,2}as|respect\sto|gap\s(?:with|to)|"
    r"(?:reach|attain)\w*\s(?:the\s)?(?:\w+\s)?(?:accuracy|performance|quality|perplexity)\sof)\b",
    re.IGNORECASE,
)
_COMPARE_LOW = re.compile(_COMPARE.pattern)
_OVER_QUANTITY = re.compile(r"-|\s\d")  # "over-fitting", "over 100 GPUs"
# "more than 90%", "fewer than 8 GPUs", "than 1.5B": a number after "than", not "than 3D ..."
_THAN_QUANTITY = re.compile(r"\s(?:a\s|an\s)?\d[\d,.]*(?:[KMBkmb]|x)?(?!\w)")
_THAN_NOT_COMPARED = ("rather than", "Rather than", "other than", "Other than")
# "over" after a verb of carrying data: the link or network it travels over, no rival
_OVER_MEDIUM = tuple(
    f"{verb} over"
    for verb in [
        "connected",
        "interconnected",
        "linked",
        "communicate",
        "communicates",
        "communicating",
        "communicated",
        "transfer",
        "transfers",
        "transferred",
        "transferring",
        "sent",
        "send",
        "sends",
        "transmitted",
        "transmit",
        "streamed",
        "exchanged",
        "exchange",
        "synchronized",
        "synchronize",
    ]
)
_OVER_AFTER = re.compile(
    r"(?:\d\S*|speed-?ups?|improv\w*|gains?|advantages?|superior\w*|benefits?|boosts?|"
    r"\w+er|more|less|fewer|reduc\w+|wins?|prefer\w*|edge|margin|lead)\s(?:[^\s.;,]+\s){0,5}$",
    re.IGNORECASE,
)
_USE_STRONG = re.compile(
    r"\b(?:based\son|using|built\s(?:on|upon|with|atop)|implemented\s(?:in|on|with)|adopt\w*|"
    r"employ\w*|leverag\w*|on\stop\sof)\s(?:the\s)?(?:\S+\s)?$",
    re.IGNORECASE,
)
# a clause that says the work builds on what follows, however far: "Building on recent
# advances in X, we ...", "Leveraging the popular X, we ..."
_BUILDS_ON_CLAUSE = re.compile(
    r"\b(?:[Bb]uild(?:ing|s)?\s(?:on|upon)|[Bb]ased\son|[Ll]everag\w+|[Ee]xtend\w*|"
    r"[Aa]dopt\w*|[Ee]mploy\w*|[Uu]sing)\b"
)
_BUILT_ON = re.compile(r"\b(?:based\son|built\s(?:on|upon|with|atop))\s(?:the\s)?(?:\S+\s)?$")
_RUN_BEFORE = re.compile(
    r"\b(?:on|using|with|across|to|in|per|over|onto)\s(?:up\sto\s|more\sthan\s|over\s)?"
    r"(?:[\w,.\-]+\s){0,3}$",
    re.IGNORECASE,
)


_NOT_USED = re.compile(
    r"\b(?:without|instead\sof|replac\w+|rather\sthan|unlike|inspired\sby|success\sof|"
    r"contrast\s(?:to|with)|opposed\sto|contrary\sto|motivated\sby|"
    r"popularity\sof|beyond|not\s(?:\w+ly\s)?(?:requir|need|rel[yi]|depend)\w*\s(?:on\s)?(?:any\s)?)"
    r"\b[^.;:]*$",
    re.IGNORECASE,
)
# "GPU memory", "GPU hours": a measure of the hardware, not the hardware as a competitor
_RESOURCE_AFTER = re.compile(
    r"s?\s(?:hardware\s)?(?:memory|utili[sz]ation|usage|hours?|time|footprint|resources?|budget|capacity|"
    r"bandwidth|cores?|costs?)\b",
    re.IGNORECASE,
)
_UNLIKE_WHICH = re.compile(
    r"\b[Uu]nlike\s(?:[^.;:,]{0,80},\s(?:which|that|who|where|whose)\s[^.;:,]*|[^.;:,]*)$"
)
_HARDWARE_RESOURCE = re.compile(r"s?\shardware\s(?:resources?|budgets?|capacity|constraints?)\b")
# "3072 H100 GPUs", "(768 A100 GPUs)", "8 x A100", "a 1024-GPU cluster": a device count
_DEVICE_COUNT = re.compile(r"\d(?:\s?[x\u00d7])?\s(?:[A-Z][\w-]*\s){0,2}$|\d-$")
# "bypass X", "eliminates the need for X", "avoids costly X": what the work does without
_DOES_AWAY = re.compile(
    r"\b(?:bypass\w*|circumvent\w*|sidestep\w*|obviat\w*|eliminat\w*|dispens\w*\swith|avoid\w*|"
    r"no\sneed\sfor|free\sof|rid\sof)\s(?:the\s|any\s)?"
    r"(?:need\s(?:for|of)\s|use\sof\s|reliance\son\s)?(?:[\w-]+\s)?$",
    re.IGNORECASE,
)
_LIMITS_OF = re.compile(
    r"\b(?:limitations?|drawbacks?|shortcomings?|weakness(?:es)?)\s(?:of|in)\s(?:the\s)?"
    r"(?:[\w-]+\s)?$"
)
_FUTURE = re.compile(
    r"\b(?:future|promot\w*|facilitat\w*|inspir\w*)\s(?:the\s)?(?:\w+\s)?(?:work|research|"
    r"developments?|directions?|exploration|studies|investigations?)\b[^.;]*$|"
    r"\brelated\s(?:work|efforts?|approaches|systems|methods|frameworks)\b[^.;]*$"
)
_TRAINED_ON = re.compile(
    r"\b(?:(?:pre-?)?train\w*|fine-?tun\w*)\s(?:(?:[^.;,]{0,40}?\s)?(?:on|with|using)\s"
    r"(?:the\s)?(?:\S+\s)?|(?:the\s)?)$",
    re.IGNORECASE,
)
# after a tool's name: what is built in it ("our PyTorch implementation", "we release
# CUDA kernels", "we present DeepSpeed integration", "MPI-based collectives")
_IMPLEMENTED_AFTER = (
    " implementation",
    "-based",
    " based",
    " code",
    " prototype",
    " port",
    " backend",
    " version",
    " library",
    " kernel",
    " integration",
    " extension",
    " binding",
    " plugin",
    " plug-in",
    " wrapper",
    " interface",
    " API",
    " operator",
    "-style",
    "-like",
    "-compatible",
    "-native",
)
# classes of prior work, named as a whole: "existing systems", "these methods"
_CLASS_NOUNS = (
    r"(system|method|approach|framework|technique|algorithm|model|solution|engine|"
    r"librar(?:y|ie)|optimizer|scheduler|compiler|work)s?\b"
)
# right after a comparison cue: "than existing serving systems", "over these methods"
_CLASS_AFTER_COMPARE = re.compile(
    r"\s(?:the\s|all\s)?(?:these|such|those|existing|prior|previous|state-of-the-art|sota|"
    r"current|conventional|traditional|other|leading|popular|mainstream)\s(?:[\w-]+\s){0,3}?"
    + _CLASS_NOUNS
)
# before a name: "serving systems such as X", "methods (e.g., X and", "systems like X, Y"
_EXAMPLE_OF = re.compile(
    r"\s" + _CLASS_NOUNS + r",?\s\(?(?:such\sas|like|e\.g\.,?|including)\s[^.;:]{0,60}$",
    re.IGNORECASE,
)
# "evaluated", "tested", "validated", "benchmarked": a test verb after a training one
_TEST_VERBS = ("evaluat", "test", "validat", "benchmark", "assess")
_NAME_SPLIT = re.compile(r"[-\s]+")
# a new clause between a comparison cue and a mention: "more than A, and further, that B"
_CLAUSE_BREAK = re.compile(r",\s(?:but|while|whereas|yet|and\s(?:\w+,\s)?that)\b")
_WE = re.compile(r"\b(?:we|our|We|Our)\b")
# "on several datasets including X, Y and Z", "benchmarks such as X": a list of test sets
_DATASET_LIST = re.compile(
    r"\b(?:datasets?|benchmarks?|corpora)\s(?:(?:including|such\sas|like|e\.g\.,?)\s|\()"
    r"[^.;()]{0,60}$",
    re.IGNORECASE,
)
_COMPARED_WITH = re.compile(
    r"\bcompar(?:ed|ison|isons|e|ing)\s(?:with|to|against)\s(?:the\s|an?\s)?(?:[\w-]+\s){0,2}$",
    re.IGNORECASE,
)
_PRIOR_WORDS = ("opular", "idely", "xisting", "onventional", "raditional", "ainstream")
_PRIOR_BEFORE = re.compile(
    r"\b(?:[Pp]opular|[Ww]idely[\s-](?:used|adopted)|[Ee]xisting|[Cc]onventional|[Tt]raditional|"
    r"[Mm]ainstream)\b[^.;:()]{0,50}$"
)
# the rule of a ``uses`` cue from an own-work sentence that names the entity as the
# established one: ``assemble`` drops it where the entity is also compared with
OWN_WORK_PRIOR = "own_work_prior"
# sentence openers that liken the work to something else: "Similar to X, ...", "Like X, ..."
# a parenthesis that likens the work to something: "(like X)", "(similar to X)"
_LIKENED = ("(like ", "(just like ", "(much like ", "(similar to ", "(akin to ")
# a product or service the paper's system is shipped in: "landed in the X product"
_PRODUCT_AFTER = (" product ", " product.", " product,", " products", " service ", " service.")
_ANALOGY_OPENERS = ("Similar to ", "Analogous to ", "Akin to ", "Like ", "Much like ", "Just like ")
_BUILT_FROM_WORDS = ("dapt", "dopt", "xtend", "uil", "based", "derived", "repurpos", "reus")
_BUILT_FROM = re.compile(
    r"\b(?:adapt|adopt|extend|repurpos|reus)\w*\s(?:the\s|an?\s)?(?:\S+\s)?$|"
    r"\b(?:buil[dt]\w*\s(?:on|upon)|based\son|derived\sfrom)\s(?:the\s|an?\s)?(?:\S+\s)?$",
    re.IGNORECASE,
)
_WORKLOAD_BEFORE = re.compile(
    r"\s(?:on|when|while|for|in)\s(?:(?:pre-?)?(?:training|fine-?tuning|serving|running|"
    r"deploying|inferring)\s)?(?:the\s|an?\s)?(?:[\w.-]+(?:\s[\w.-]+)?(?:,\s(?:and\s)?|\sand\s)){0,4}$"
)
# "... on 38 datasets across four settings" before a colon that opens a list
_SETTINGS_BEFORE_COLON = re.compile(r"\s(?:on|across)\s[^.;:,]*$")
_ON_BEFORE = re.compile(r"\b(?:on|across|using|with)\s(?:the\s|an?\s)?(?:[\d,]+\s)?(?:\S+\s)?$")


# the words every match of the windowed regexes below holds (``_cued``)
_THIS_NAMED_WORDS = ("namely", "called", "named", "dubbed", "termed")
_WE_NAME_IT_WORDS = ("refer", "denote", "call", "term", "dub", "coin")
_TRAINED_WORDS = ("train", "tun")
_DATASET_LIST_WORDS = ("dataset", "benchmark", "corpora")
_LIMITS_WORDS = ("limitation", "drawback", "shortcoming", "weakness")
_UNLIKE_WORDS = ("nlike",)
_COMPARED_WORDS = ("compar",)
_BUILT_ON_WORDS = ("based", "built")
_FUTURE_WORDS = ("futur", "promot", "facilitat", "inspir", "related")
_NO_PREFIXES = ("No-", "no-")  # "No-all-reduce training"
_APPOSITION_STARTS = (",", "),")
# "on the X", "across X": a dataset results are reported on
_ON_ACROSS_BEFORE = re.compile(r"\b(?:on|across)\s(?:the\s)?\S*\s?$")


def _alternation(words: list[str]) -> str:
    """A regex alternation of ``words`` with shared prefixes factored out, so the regex
    engine tries each first letter once: ["beat", "build"] -> "b(?:eat|uild)"."""
    heads: dict[str, list[str]] = {}
    for w in sorted(words):
        heads.setdefault(w[:1], []).append(w[1:])
    alts = []
    for head, rests in heads.items():
        if not head:
            continue
        rest = _alternation(rests) if any(rests) else ""
        alts.append(re.escape(head) + (f"(?:{rest})?" if rest and "" in rests else rest))
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


# Where the cues above can start. Each match of ``_COMPARE_LOW`` or ``_PROPOSE_VERB`` (in
# ``low``) and each one of ``_NOT_USED``, ``_USE_STRONG`` or ``_DOES_AWAY`` (in ``text``,
# ignoring case) begins with one of these words, at the start of a word.
_CUE_WORDS = {
    "compare": "outperform compar than versus vs against surpass beat match relative over "
    "competitive baseline rival exceed improv similar superior inferior times same respect gap "
    "reach attain",
    "verb": " ".join(_PROPOSE_VERBS),
    "not_used": "without instead replac rather unlike inspired success popularity beyond not "
    "contrast opposed contrary motivated",
    "use": "based using built implemented adopt employ leverag",
    "own": "we our us this",
    "away": "bypass circumvent sidestep obviat eliminat dispens avoid",
    "claim": "typically commonly usually often suffer struggl lack however",
}
_CUE_GROUP = {w: g for g, words in _CUE_WORDS.items() for w in words.split()}
# "on[\s-]par", "on\stop", "the\sproposed", "in\sthis" (with a space for the \s or "-")
_CUE_GROUP |= {"on par": "compare", "on top": "use", "the proposed": "own", "in this": "own"}
_CUE_GROUP |= {"no need": "away", "free of": "away", "rid of": "away"}
# First words only: a cue at the start of a slice ("on\ttop") is checked with these.
_CUE_PREFIXES = {
    g: tuple({w.split()[0] for w, k in _CUE_GROUP.items() if k == g}) for g in _CUE_WORDS
}
# One pass finds them all: ASCII non-word characters become spaces, so "a word start" is
# "after a space" (the text gets a leading space), and a literal space is quick to scan for.
# The lookahead keeps words inside a hit ("propose" in "the proposed") findable; at one
# place the alternation takes the longest word ("using", not "us").
_CUE_SCAN = re.compile(" (?=(" + _alternation(list(_CUE_GROUP)) + "))")
_NON_WORD_TO_SPACE = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}
)


class Cues(NamedTuple):
    """Where cue words start in one ASCII text (``cue_starts``): sorted offsets per kind."""

    low: str  # the text, lower-cased
    compare: list[int]
    verb: list[int]
    not_used: list[int]
    use: list[int]
    own: list[int]
    away: list[int]
    claim: list[int]

    def starts(self, at: int, kind: str) -> bool:
        """True if a cue word of ``kind`` starts at ``at``: a regex run on a slice that
        starts there sees a word start even where the text runs on a word into it."""
        return self.low.startswith(_CUE_PREFIXES[kind], at)


def cue_starts(low: str) -> Cues | None:
    """The ``Cues`` of ``low`` (``text.lower()``), or None if it is not ASCII (word
    boundaries are then left to the regexes)."""
    if not low.isascii():
        return None
    at: dict[str, list[int]] = {kind: [] for kind in _CUE_WORDS}
    group = _CUE_GROUP
    for h in _CUE_SCAN.finditer(" " + low.translate(_NON_WORD_TO_SPACE)):
        at[group[h[1]]].append(h.start())
    return Cues(low, **at)


class RareCues(NamedTuple):
    """Cues few abstracts have, found once per text so that most skip their checks."""

    unlike: list[int]  # where "unlike" starts
    free: bool  # "-free" or "no-" occurs
    hardware: bool  # "hardware" occurs


def rare_cues(low: str, cues: Cues | None) -> RareCues | None:
    """The ``RareCues`` of ``low`` (``text.lower()``), None without ``cues``."""
    if cues is None:
        return None
    return RareCues(
        [p for p in cues.not_used if low.startswith("unlike", p)],
        "-free" in low or "no-" in low,
        "hardware" in low,
    )


def any_between(offsets: list[int], lo: int, hi: int) -> bool:
    """True if sorted ``offsets`` hold one in ``[lo, hi)``."""
    i = bisect_left(offsets, lo)
    return i < len(offsets) and offsets[i] < hi


def proposed_groups(
    state: DocState,
    text: str,
    sents: list[tuple[int, int]] | None = None,
    cues: Cues | None = None,
) -> set[int]:
    """Groups of the entities the paper proposes (title name, "we propose X", "our X").

    ``sents``: the sentence of each mention (``DocState.mention_sentences``); ``cues``: the
    ``cue_starts`` of the text (None: the regexes search everywhere).
    """
    ms = state.mentions
    if sents is None:
        sents = state.mention_sentences()
    spans = state.proposed
    out = {
        m.group
        for m in ms
        if m.rule in _PROPOSE_RULES
        or _title_proposal(text, m, state.title_end)
        or _title_means(text, m, state.title_end)
    }
    long_forms = {(a.long_start, a.long_end) for a in state.abbreviations}
    low = state.lowered()
    title_end = state.title_end
    if cues is None:
        verbs = own = None
        cue_at = [c.start() for c in _PROPOSE_VERB.finditer(low, title_end)]
    else:
        own = cues.own  # holds every "our"
        # a "we propose" cue has one of the verbs after a space, so in ``verbs``
        verbs = [p for p in cues.verb if _PROPOSE_VERB.match(low, p)]
        cue_at = [p for p in verbs if p >= title_end]
    cue_sents = {state.sentence_of(p) for p in cue_at}
    novel = "novel " in low
    for m, sent in zip(ms, sents, strict=True):
        start = m.start
        end = m.end
        hit = False
        for s, e in spans:
            if s < end and start < e:
                hit = True
                break
        if hit and not _built_in_known(text, m):
            out.add(m.group)
            continue
        if m.specific:
            lo = max(sent[0], start - 50)
            if (
                (own is None or any_between(own, lo, start))
                and _OUR_NAME.search(text, lo, start)
                and not (text.startswith(", ", start - 2) and _FRONTED_OUR.search(text, lo, start))
                and not _bought_device(m)
                and not _built_in_known(text, m)
            ) or (
                text.startswith(_APPOSITION_STARTS, end)
                and _NOVEL_APPOSITIVE.match(text[end : end + 20])
            ):
                out.add(m.group)
                continue
            if (
                text.startswith(", ", start - 2)
                and m.concept is None
                and m.type is not EntityType.HARDWARE
                and start - sent[0] < 30
                and _IN_THIS_PAPER.match(text, sent[0], start)
            ):
                # "In this paper, X shards ...": a new name as the subject the paper opens with
                out.add(m.group)
                continue
            if (
                text.startswith(_OWN_AFTER_STARTS, end)
                and m.concept is None
                and m.type is not EntityType.HARDWARE
                and _own_after(text, end)
                and not _BACKGROUND.search(text, sent[0], start)
            ):
                # a name the vocabulary knows, or one after "recently", "existing", ...
                # ("Recently, X is proposed to ..."), is prior work
                out.add(m.group)
                continue
        if (m.specific or (start, end) in long_forms) and (
            _this_named(text, sent[0], start)
            or (
                m.concept is None
                and (own is None or any_between(own, max(sent[0], start - 50), start))
                and _we_name_it(text, sent[0], start)
            )
        ):
            out.add(m.group)
            continue
        if (
            m.specific
            and m.concept is None
            and m.type is not EntityType.HARDWARE
            and text.rfind(":", max(sent[0], start - 90), start) != -1
            and _own_parts_list(text, sent[0], start)
            and (
                sent in cue_sents
                or _OWN.search(text, sent[0], start) is not None
                or any(n.group in out for n in ms if sent[0] <= n.start < start)
            )
        ):
            out.add(m.group)
            continue
        if sent not in cue_sents:
            continue
        if (
            novel
            and text.startswith("novel ", start - 6)
            and (m.concept is None or _NP_ENDS.match(text, end) is not None)
            and m.type is not EntityType.HARDWARE
            and not text.startswith("-", end)
        ):
            # "FlexLLM introduces a novel token-level scheduler": a propose verb's
            # sentence calls it novel, so it is the paper's own; a known technique there
            # ("a novel MoE router") is what the novel thing builds on, unless its name
            # ends the phrase ("with novel adapter layers inspired by X"): then the
            # known kind is the new thing itself
            out.add(m.group)
            continue
        lo = max(sent[0], start - 90)
        if verbs is not None and not any_between(verbs, lo, start):
            continue
        if (
            (m.specific or (start, end) in long_forms)
            and m.type is not EntityType.HARDWARE
            and _proposed_here(text, lo, start, sent[0], title_end)
            and not _built_in_known(text, m)
        ):
            out.add(m.group)
    if "github.com/" in low:
        out |= _repository_names(ms, low)
    # variants the paper derives from its own names (X-ID, X-OOD, X++) are its own too
    own_names = tuple({m.text for m in ms if m.group in out and m.specific})
    if own_names:
        for m in ms:
            if (
                m.specific
                and m.text.startswith(own_names)
                and m.group not in out
                and any(
                    derived_suffix(m.text, n) or _NUMBERED.fullmatch(m.text, len(n))
                    for n in own_names
                )
            ):
                out.add(m.group)
    return out


def _proposed_here(text: str, lo: int, start: int, s0: int, title_end: int) -> bool:
    """True if a proposal cue in ``text[lo:start]`` puts the name at ``start`` forward.
    So does an enumeration after one ("we propose (1) X, ..., and (2) Y"). Where the
    cue's subject is "it" or "(our) system", not the writers or their paper, the
    abstract must have turned to its own work before ("we", "our", ...) and the sentence
    must not be on prior work ("Existing systems introduce X")."""
    window = text[lo:start]
    hit = _PROPOSE_BEFORE.search(window)
    if hit is None:
        # an item of "(1) ..., (2) ...": the name follows ") "
        return text.startswith(") ", start - 2) and _ENUMERATED.search(window) is not None
    if hit.group(1) is None:
        return True
    return (
        _OWN.search(text, title_end, lo + hit.start()) is not None
        and _BACKGROUND.search(text, s0, start) is None
    )


def _bought_device(m: Mention) -> bool:
    """True for hardware the vocabulary knows (a GPU, an H100, an FPGA): "our H100
    cluster", "our FPGA prototype" name the writers' testbed, which they run on; a
    paper can only propose a device of its own, a name no vocabulary holds yet."""
    return m.type is EntityType.HARDWARE and m.concept is not None


def _built_in_known(text: str, m: Mention) -> bool:
    """True for a known name that only says what the writers' own thing is built in or
    with: "our PyTorch implementation", "our JAX-based prototype", "we release CUDA
    kernels" name their code, written in the tool, not the tool as their contribution."""
    return m.concept is not None and text.startswith(_IMPLEMENTED_AFTER, m.end)


def _repository_names(ms: list[Mention], low: str) -> set[int]:
    """Groups of the specific, non-vocabulary names a code link in the abstract is named
    after ("Code: https://github.com/someone/QuuxNet"): authors release their own method
    under its name, not the baselines they compare with."""
    repos = {r.rstrip(".").removesuffix(".git") for r in _REPO.findall(low)}
    return {
        m.group
        for m in ms
        if m.specific
        and m.concept is None
        and m.type is not EntityType.HARDWARE
        and m.text.lower() in repos
    }


def _title_proposal(text: str, m: Mention, title_end: int) -> bool:
    """True if ``m`` is the name a title announces before its colon ("zorbNet: ..."),
    also where its spelling keeps it from the ``title_name`` rule."""
    return (
        m.start == 0
        and m.end < title_end
        and text.startswith(":", m.end)
        and m.type is not EntityType.HARDWARE
    )


def _own_after(text: str, end: int) -> bool:
    """True if the words right after a name at ``end`` make it the paper's own: "X, our
    new scheduler", "X is proposed to ...", "X (ours)" (the caller has checked that
    ``_OWN_AFTER_STARTS`` starts there)."""
    return _OWN_AFTER.match(text, end, end + 80) is not None


def _this_named(text: str, s0: int, start: int) -> bool:
    """True if the mention at ``start`` is named by "this method, namely", "our approach,
    called", ...: the paper naming its own method without a "we propose" verb."""
    window = text[max(s0, start - 60) : start]
    return _cued(window, _THIS_NAMED_WORDS, _THIS_NAMED)


def _we_name_it(text: str, s0: int, start: int) -> bool:
    """True if the writers give the name at ``start`` themselves: "a technique we refer to
    as X", "which we call X", "we term this X": only a new thing needs naming."""
    window = text[max(s0, start - 50) : start]
    return _cued(window, _WE_NAME_IT_WORDS, _WE_NAME_IT)


def _own_parts_list(text: str, s0: int, start: int) -> bool:
    """True if the name at ``start`` is listed after a colon that counts the parts of the
    writers' work ("X consists of two novel components: Y and Z", "our design has
    three techniques: ..."): the caller checks that the sentence is on the own work."""
    return _OWN_PARTS.search(text, max(s0, start - 90), start) is not None


def _title_means(text: str, m: Mention, title_end: int) -> bool:
    """True if ``m`` is a generic-looking method, unknown to the vocabulary, that ends the
    title after "via", "using", "with" or "through" ("Faster Decoding via Staggered
    Attention"): titles name the paper's own means there; a known technique there
    ("... with Pipeline Parallelism") is one it uses."""
    return (
        m.end <= title_end
        and not m.specific
        and m.concept is None
        and m.type is EntityType.METHOD
        and m.text[:1].isupper()
        and " " in m.text
        and not text[m.end : title_end].strip(" .")
        and bool(_MEANS_BEFORE.search(text, max(0, m.start - 9), m.start))
    )


def is_own_work(sentence: str, has_proposed: bool) -> bool:
    """True if a sentence is about the paper's own work, not background."""
    return has_proposed or bool(_OWN.search(sentence))


def _own_sentence(sentence: str, s0: int, cues: Cues | None) -> bool:
    """``is_own_work(sentence, False)`` for the sentence at ``s0``, trying ``_OWN`` only
    where ``cues`` has an own-work word (and at the sentence's start)."""
    if cues is None:
        return bool(_OWN.search(sentence))
    if cues.starts(s0, "own") and _OWN.match(sentence):
        return True
    own_at = cues.own
    i = bisect_left(own_at, s0)
    s1 = s0 + len(sentence)
    match = _OWN.match
    while i < len(own_at) and own_at[i] < s1:
        if match(sentence, own_at[i] - s0):
            return True
        i += 1
    return False


def _cue_ends(rx: re.Pattern[str], s: str, starts: list[int], s0: int, s1: int) -> list[int]:
    """``[c.end() for c in rx.finditer(s, s0, s1)]``, trying ``rx`` only at sorted
    ``starts`` (every offset where one of its matches can start)."""
    ends: list[int] = []
    last = s0
    for k in range(bisect_left(starts, s0), len(starts)):
        p = starts[k]
        if p >= s1:
            break
        if p < last:
            continue
        c = rx.match(s, p, s1)
        if c:
            last = c.end()
            ends.append(last)
    return ends


def _compares(text: str, end: int, s0: int) -> bool:
    """False for an "over" cue ending at ``end`` that compares nothing: "over time",
    "over-parameterization", "over 100 GPUs", "selecting over a set"; it compares after a
    gain, a multiple or a comparative ("a 2x speedup over X", "gains over X"). Likewise
    a "than" that bounds a quantity ("more than 90% of the time", "models with more than
    100B parameters") or sets an alternative aside ("rather than X", "other than X")."""
    if text[end - 4 : end].lower() == "than":
        return not (_THAN_QUANTITY.match(text, end) or text.endswith(_THAN_NOT_COMPARED, s0, end))
    if text[end - 4 : end].lower() != "over":
        return True
    if text.endswith(_OVER_MEDIUM, s0, end):
        # "GPUs connected over NVLink", "gradients sent over the network": a medium
        return False
    return not _OVER_QUANTITY.match(text, end) and bool(
        _OVER_AFTER.search(text, max(s0, end - 60), end - 4)
    )


def _cued(window: str, literals: tuple[str, ...], rx: re.Pattern[str]) -> bool:
    """``rx.search(window)``, run only if ``window`` holds one of ``literals``, a word
    every match of ``rx`` contains: a substring test turns most windows away far faster
    than re."""
    for literal in literals:
        if literal in window:
            return rx.search(window) is not None
    return False


def _in_dataset_list(text: str, lo: int, start: int) -> bool:
    """True if the mention at ``start`` is listed after "datasets including" (or "such
    as", "like") in ``text[lo:start]``: the sets a paper reports results on, also where
    the sentence names no "we" ("X outperforms Y across datasets including Z")."""
    return _cued(text[lo:start], _DATASET_LIST_WORDS, _DATASET_LIST)


def _overcomes(text: str, lo: int, start: int) -> bool:
    """True if ``text[lo:start]`` ends in "the limitations of" (drawbacks, shortcomings):
    in a sentence on the paper's own work, what it overcomes is its point of comparison
    ("By addressing the limitations of X, our Y ...")."""
    return _cued(text[lo:start], _LIMITS_WORDS, _LIMITS_OF)


def _unlike_clause(text: str, far: int, w: int, start: int) -> bool:
    """True if the mention at ``start`` is in a relative clause on what an "Unlike X"
    opening in ``text[far:start]`` sets aside ("Unlike X-based models, which rely on Y,
    ..."), or still in the "unlike" phrase itself, no comma between ("unlike methods
    that need test-time sampling such as Y"): the contrast reaches past the
    ``_NOT_USED`` window (from ``w``), and Y belongs to the alternative, not the
    paper's work."""
    if far >= w:
        return False
    return _cued(text[far:start], _UNLIKE_WORDS, _UNLIKE_WHICH)


def _compared_with(text: str, lo: int, start: int) -> bool:
    """True if the "with" before the hardware at ``start`` closes "compared with", "a
    comparison with" in ``text[lo:start]``: the device named there is what the paper's
    own runs are set against ("we present a comparison with the X9 CPU"), not where it
    runs them."""
    return _cued(text[max(lo, start - 40) : start], _COMPARED_WORDS, _COMPARED_WITH)


def _built_on(text: str, end: int, start: int) -> bool:
    """True if "based on" or "built on" comes between a comparison cue ending at ``end``
    and the mention at ``start``: in "gains over baselines built on X" the competitor is
    the baselines, and X what they (and usually the paper) build on."""
    return _cued(text[max(end, start - 40) : start], _BUILT_ON_WORDS, _BUILT_ON)


def _known_alternative(text: str, lo: int, start: int) -> bool:
    """True if the mention at ``start`` is introduced as the established thing just before
    it ("popular models such as X", "even the widely used method, X"): in a sentence on
    the paper's own work, that is what it sets itself against or analyses, and it is only
    used if another sentence says so (``assemble`` drops the ``uses`` of such a mention
    when it is also compared with)."""
    window = text[max(lo, start - 60) : start]
    for literal in _PRIOR_WORDS:
        if literal in window:
            hit = _PRIOR_BEFORE.search(window)
            return hit is not None and not _WE.search(window, hit.start())
    return False


def _built_from(text: str, lo: int, start: int) -> bool:
    """True if the dataset at ``start`` comes right after "adapt", "extend", "build on",
    "derived from", "reuse", ... in ``text[lo:start]``: what the paper builds its own
    data or environment from, not what it reports results on."""
    window = text[max(lo, start - 40) : start]
    return _cued(window, _BUILT_FROM_WORDS, _BUILT_FROM)


def _workload(text: str, end: int, start: int) -> bool:
    """True if the mention at ``start`` follows "on", "when training", "for serving", ...
    after a comparison cue ending at ``end`` ("1.3x faster than X when training Y", "2x
    over X on Y"): Y is the workload both are run on, not a competitor. So is an item of a
    list that a colon opens after "on" or "across" ("comparable to X on four settings: Y,
    Z"): it lists the settings, while "outperforms three baselines: Y, Z" lists rivals."""
    if end >= start:
        return False
    colon = text.rfind(":", end, start)
    if colon > 0 and _SETTINGS_BEFORE_COLON.search(text, end, colon):
        return True
    return bool(_WORKLOAD_BEFORE.search(text, max(end, start - 40), start))


def _device_count(text: str, lo: int, start: int) -> bool:
    """True if a device count ends just before ``start`` ("3072 H100", "a 1024-GPU"):
    abstracts count the devices of their own runs, rarely those of others'."""
    window = text[max(lo, start - 30) : start]
    return any(c.isdigit() for c in window) and bool(_DEVICE_COUNT.search(window))


def _does_away_with(text: str, lo: int, start: int) -> bool:
    """True if the mention at ``start`` is the object of "bypass", "eliminate the need
    for", "avoid", "obviate", ... in ``text[lo:start]``: what the own work does without,
    not what it uses. Searched in place, not in a slice, so a cue word must start a word
    of the text (the cue index holds those)."""
    return _DOES_AWAY.search(text, lo, start) is not None


def _future_work(text: str, lo: int, start: int) -> bool:
    """True if the mention at ``start`` comes after "future research (on)", "to promote
    the exploration of", "related efforts (...)" in ``text[lo:start]``: what a paper hopes
    others will study next, or places itself among, not what it uses itself."""
    window = text[lo:start].lower()
    return _cued(window, _FUTURE_WORDS, _FUTURE)


def _cue_in(rx: re.Pattern[str], text: str, at: list[int] | None, lo: int, hi: int) -> bool:
    """True if ``rx`` matches in ``text[lo:hi]``, tried only at the sorted cue offsets
    ``at`` (None: searched everywhere)."""
    if at is None:
        return rx.search(text, lo, hi) is not None
    match = rx.match
    for k in range(bisect_left(at, lo), len(at)):
        p = at[k]
        if p >= hi:
            break
        if match(text, p, hi):
            return True
    return False


def _background_clause(
    text: str, sent: tuple[int, int], start: int, end: int, cues: Cues | None
) -> bool:
    """True if the mention at ``start`` sits in a clause on prior work that opens a
    sentence whose own-work words come only after it ("Recent systems rely on X, but we
    ...", "While existing methods use X, we ..."): the sentence sets the paper against
    X rather than saying it uses X. "Based on the popular X, we ..." and "Building on
    recent advances in X, we ..." still use it."""
    s0 = sent[0]
    own = None if cues is None else cues.own
    return (
        not _cue_in(_OWN, text, own, s0, start)
        and _cue_in(_OWN, text, own, end, sent[1])
        and _BACKGROUND.search(text, s0, start) is not None
        and _USE_STRONG.search(text[max(s0, start - 40) : start]) is None
        and _BUILDS_ON_CLAUSE.search(text, s0, start) is None
    )


def mention_role(
    text: str,
    m: Mention,
    sent: tuple[int, int],
    own: bool,
    is_title: bool,
    compare_ends: list[int] | None = None,
    cues: Cues | None = None,
    after_own: bool = False,
    rare: RareCues | None = None,
) -> tuple[Role, str, float]:
    """The role cue of one mention that is not of a proposed entity.

    ``compare_ends``: where comparison cues end in ``text`` (found once per sentence);
    ``cues``: the ``cue_starts`` of ``text`` (None: the regexes search everywhere);
    ``after_own``: the sentence comes after the abstract first turns to the paper's own
    work ("We propose ...", ``first_own_work``); ``rare``: which rare cues the text has
    (None: look for all).
    """
    if compare_ends is None:
        compare_ends = [c.end() for c in _COMPARE.finditer(text, sent[0], sent[1])]
    start = m.start
    lo = max(sent[0], start - 90)
    t = m.type
    if text.startswith(_ANALOGY_OPENERS, sent[0]) and "," not in text[sent[0] : start]:
        # "Similar to paging on CPUs, X moves ...": the opener names the analogy, not the
        # paper's tool, testbed or competitor
        return Role.MENTIONS, "analogy", 0.55
    if text.find("(", max(lo, start - 13), start) != -1 and text.endswith(_LIKENED, lo, start):
        # "can be trained in parallel (like X)": a parenthesis likens the work to X, it
        # does not build on it
        return Role.MENTIONS, "analogy", 0.55
    if t is EntityType.SYSTEM and text.startswith(_PRODUCT_AFTER, m.end):
        # "X has landed in the Y product": the paper's work serves Y, not Y the work
        return Role.MENTIONS, "deployed_in", 0.55
    if t is EntityType.DATASET and own and _built_from(text, lo, start):
        # "we adapt the X framework to create ...": material for the paper's own data
        return Role.USES, "dataset_built_from", 0.7
    if t is EntityType.DATASET and (
        own or _ON_BEFORE.search(text[lo:start]) or _in_dataset_list(text, lo, start)
    ):
        # a dataset in a sentence on the paper's own work is where it reports results,
        # also after "outperforms ... on datasets including X"
        return Role.EVALUATES_ON, "dataset_on", 0.75
    if (
        t is EntityType.HARDWARE
        and own
        and _ON_BEFORE.search(text[lo:start])
        and not _compared_with(text, lo, start)
    ):
        return Role.RUNS_ON, "hardware_on", 0.75
    if (
        t is EntityType.HARDWARE
        and (rare is None or rare.hardware)
        and _HARDWARE_RESOURCE.match(text, m.end)
    ):
        # "when GPU hardware resources are limited, we ...": the resources' owner is named
        # as a constraint, also in a sentence on the own work, not as what it runs on
        return Role.MENTIONS, "hardware_resource", 0.5
    if (
        compare_ends
        and (own or after_own or is_title)
        and not (t is EntityType.HARDWARE and _RESOURCE_AFTER.match(text, m.end))
    ):
        # compare_ends ascend: those at or after ``lo``, up to the mention
        k = bisect_left(compare_ends, lo)
        while k < len(compare_ends) and compare_ends[k] <= start:
            end = compare_ends[k]
            k += 1
            if (
                _WE.search(text, end, start)
                or not _compares(text, end, sent[0])
                or ("," in text[end:start] and _CLAUSE_BREAK.search(text, end, start))
                or _built_on(text, end, start)
                or _workload(text, end, start)
            ):
                continue
            return Role.COMPARES_WITH, "compare_cue", 0.7
    if own and t is not EntityType.HARDWARE and _overcomes(text, max(lo, start - 40), start):
        return Role.COMPARES_WITH, "overcome_cue", 0.65
    if t is EntityType.HARDWARE:
        if not (own or is_title) and _RESOURCE_AFTER.match(text, m.end):
            # "the explosive GPU memory overhead" in background: a cost, not the testbed
            return Role.MENTIONS, "background", 0.5
        if own or is_title or _RUN_BEFORE.search(text[max(lo, start - 40) : start]):
            return Role.RUNS_ON, "hardware_on", 0.7
        if after_own and _device_count(text, lo, start):
            # "Pretraining used 3072 H100 GPUs": once the own work has begun, the devices
            # an abstract counts are its own runs
            return Role.RUNS_ON, "device_count", 0.65
        return Role.MENTIONS, "background", 0.5
    if t is EntityType.DATASET:
        if own or is_title or _ON_ACROSS_BEFORE.search(text[lo:start]):
            return Role.EVALUATES_ON, "dataset_on", 0.7
        return Role.MENTIONS, "background", 0.5
    w = max(lo, start - 50)
    if (
        cues is None
        or (cues.not_used and any_between(cues.not_used, w, start))
        or cues.starts(w, "not_used")
    ) and _NOT_USED.search(text[w:start]):
        return Role.MENTIONS, "not_used_cue", 0.6
    if (cues is None or (cues.away and any_between(cues.away, w, start))) and _does_away_with(
        text, w, start
    ):
        return Role.MENTIONS, "not_used_cue", 0.6
    if rare is None or rare.unlike:
        far = max(sent[0], start - 160)  # where an "Unlike X, which ..." opening can start
        if (rare is None or any_between(rare.unlike, far, w)) and _unlike_clause(
            text, far, w, start
        ):
            return Role.MENTIONS, "not_used_cue", 0.6
    if (rare is None or rare.free) and (
        text.startswith("-free", m.end) or text.endswith(_NO_PREFIXES, lo, start)
    ):
        # "a transformer-free alternative", "No-all-reduce training": what it does without
        return Role.MENTIONS, "not_used_cue", 0.6
    if is_title:
        return Role.USES, "title_use", 0.6
    if own and _future_work(text, lo, start):
        return Role.MENTIONS, "future_work", 0.55
    if own:
        if _background_clause(text, sent, start, m.end, cues):
            return Role.MENTIONS, "background", 0.5
        if _known_alternative(text, lo, start):
            return Role.USES, OWN_WORK_PRIOR, 0.55
        return Role.USES, "own_work_use", 0.6
    w = max(lo, start - 40)
    if (
        after_own
        and (cues is None or any_between(cues.use, w, start) or cues.starts(w, "use"))
        and _USE_STRONG.search(text[w:start])
        and not _BACKGROUND.search(text, sent[0], start)
    ):
        return Role.USES, "use_cue", 0.55
    if (
        after_own
        and t is not EntityType.MODEL
        and not _PRIOR_WORK.search(text, sent[0], sent[1])
        and not _cue_in(_GENERAL_CLAIM, text, None if cues is None else cues.claim, *sent)
    ):
        # abstracts give background first, then their own work: once "we propose X" has
        # come, a sentence with no background word ("It combines X with ...") goes on
        # describing it, unless it is a claim about the field ("X typically needs ...",
        # "However, X lacks ...") or on prior work ("existing", "has been"); "recent"
        # and "state-of-the-art" there say how current the things it works with are
        # ("we apply X to recent models such as Y"). Not so a trained model named there
        # without a cue: the work says which models it trains or runs ("we fine-tune
        # X"), while one named in passing ("models such as X now write code") stands
        # for the field
        return Role.USES, "after_own_use", 0.55
    return Role.MENTIONS, "background", 0.5


def first_own_work(text: str, state: DocState, proposed: set[int], cues: Cues | None = None) -> int:
    """Where the abstract first speaks of the paper's own work: its first "we", "our",
    "this paper", ... or its first mention of a proposed entity (``len(text)``: nowhere)."""
    at = len(text)
    title_end = state.title_end
    if cues is None:
        hit = _OWN.search(text, title_end)
        if hit:
            at = hit.start()
    else:
        for p in cues.own[bisect_left(cues.own, title_end) :]:
            if _OWN.match(text, p):
                at = p
                break
    for m in state.mentions:
        if m.start >= title_end and m.group in proposed and m.start < at:
            at = m.start
    return at


def _trained_on(text: str, s0: int, start: int) -> bool:
    """True if the dataset at ``start`` follows "train(ed) ... on", "fine-tuned on", ...,
    or comes right after "training" ("by training ImageNet classifiers"): data the paper
    trains on, which it uses, not only reports results on. A test verb after the training
    one ("trained on X and evaluated on Y") moves on to the data it is tested on."""
    window = text[max(s0, start - 60) : start]
    if not _cued(window, _TRAINED_WORDS, _TRAINED_ON):
        return False
    last = max(window.rfind("train"), window.rfind("tun"))
    return not any(w in window[last:] for w in _TEST_VERBS)


def _own_name_parts(ms: list[Mention], proposed: set[int]) -> set[str]:
    """The hyphen- or space-separated parts of the paper's own specific names ("Turbo-Muon"
    -> "Turbo", "Muon"), leaving out the names themselves."""
    parts: set[str] = set()
    for m in ms:
        if m.group in proposed and m.specific and ("-" in m.text or " " in m.text):
            parts.update(p for p in _NAME_SPLIT.split(m.text) if len(p) > 2)
    return parts


def _use_the_recurring_topic(
    text: str, state: DocState, background: dict[int, tuple[int, set[tuple[int, int]]]]
) -> None:
    """Add ``uses`` for a method, system or model that only got background cues
    but recurs in two or more sentences none of which has a background word ("CNNs are
    deployed on ... This calls for CNN designs that ..."): an abstract keeps naming the
    kind of thing, or the named tool, it works on itself ("X shards layers ... X needs
    fast links. We cut its traffic ..."), while prior work it sets aside comes with
    "existing", "previous", "has been". An abbreviation the abstract defines counts if
    one of those sentences has no background word.

    ``background``: per group with only background cues, its first mention and the
    sentences of its mentions."""
    ms = state.mentions
    shorts = {a.short for a in state.abbreviations}
    for i, ss in background.values():
        m = ms[i]
        if len(ss) < 2 or m.type in (EntityType.HARDWARE, EntityType.DATASET):
            continue
        plain = [not _BACKGROUND.search(text, a, b) for a, b in ss]
        if all(plain) or (
            any(plain) and shorts and any(n.group == m.group and n.text in shorts for n in ms)
        ):
            # an abbreviation the abstract defines and takes up again in a sentence of
            # its own ("sequence parallelism (SP) has been ... As SP grows, ...") is a
            # term it works with, even where it was first introduced as prior work
            state.roles.append(_role_cue(i, Role.USES, "recurring_topic", 0.5))


def _compared_classes(low: str, cues: Cues, own_from: int) -> list[tuple[int, str]]:
    """Where the own work is compared with a class of prior work it named before
    ("2x faster than existing serving systems", "outperforms these methods"), with the
    class noun, singular: [(offset, "system"), ...]."""
    out: list[tuple[int, str]] = []
    for p in cues.compare:
        if p < own_from:
            continue
        c = _COMPARE_LOW.match(low, p)
        if c is None or not _compares(low, c.end(), max(0, p - 60)):
            continue
        k = _CLASS_AFTER_COMPARE.match(low, c.end())
        if k is not None:
            out.append((p, k[1]))
    return out


def _compared_as_a_class(
    text: str,
    state: DocState,
    cues: Cues,
    own_from: int,
    background: dict[int, tuple[int, set[tuple[int, int]]]],
) -> None:
    """Add ``compares_with`` for a name that only got background cues but was given as
    an example of a class ("Existing serving systems such as X and Y batch ...") that
    the own work is later compared with as a whole ("... than existing serving
    systems", "outperforms these methods"): the examples are the baselines meant.
    Those groups leave ``background``."""
    classes = _compared_classes(state.lowered(), cues, own_from)
    if not classes:
        return
    ms = state.mentions
    for i, m in enumerate(ms):
        if m.group not in background:
            continue
        s0 = state.sentence_of(m.start)[0]
        hit = _EXAMPLE_OF.search(text, max(s0, m.start - 80), m.start)
        if hit is None:
            continue
        noun = hit[1].lower()
        if any(p > m.start and noun == kind for p, kind in classes):
            state.roles.append(_role_cue(i, Role.COMPARES_WITH, "class_compared", 0.6))
            del background[m.group]


@lru_cache(maxsize=4096)
def _role_cue(mention: int, role: Role, rule: str, confidence: float) -> RoleCue:
    """A ``RoleCue``, shared: they are frozen and the same few recur in every paper."""
    return RoleCue(mention, role, rule, confidence)


@lru_cache(maxsize=4096)
def _native_cue(cue: tuple[int, str, str, float]) -> RoleCue:
    """The ``RoleCue`` of a twin's (mention, role value, rule, confidence), shared."""
    return _role_cue(cue[0], Role(cue[1]), cue[2], cue[3])


def assign_roles(text: str, state: DocState) -> None:
    """Fill ``state.roles`` with one cue per mention (a dataset trained on also gets a
    ``uses`` one)."""
    fast = native.twin("roles_assign_roles") if text == state.text else None
    if fast is not None:
        made = native.doc_twin("roles_assign_roles_doc", state, _native_cue)
        if made is not None:  # the same cues, from the compiled core's copy of the state
            state.roles.extend(made)
            return
    if fast is not None and (out := fast(state)) is not None:
        # the same cues, compiled (kg/extract/native.py)
        state.roles.extend(map(_native_cue, out))
        return
    state.native = None
    ms = state.mentions
    sents = state.mention_sentences()
    low = state.lowered()
    cues = cue_starts(low)
    proposed = proposed_groups(state, text, sents, cues)
    roles = state.roles
    title_end = state.title_end
    own_from = first_own_work(text, state, proposed, cues)
    own_parts = _own_name_parts(ms, proposed)
    rare = rare_cues(low, cues)
    # group -> its first mention with a background cue, and their sentences
    background: dict[int, tuple[int, set[tuple[int, int]]]] = {}
    other: set[int] = set()  # groups with another cue (proposed ones are never candidates)
    for sent, idxs in group_by_sentence(sents).items():
        s0, s1 = sent
        has_proposed = False
        for i in idxs:
            if ms[i].group in proposed:
                has_proposed = True
                break
        own = has_proposed or _own_sentence(text[s0:s1], s0, cues)
        is_title = s0 == 0 and s1 <= title_end
        if cues is None:
            compare_ends = [c.end() for c in _COMPARE_LOW.finditer(low, s0, s1)]
        elif any_between(cues.compare, s0, s1):
            compare_ends = _cue_ends(_COMPARE_LOW, low, cues.compare, s0, s1)
        else:
            compare_ends = []
        for i in idxs:
            m = ms[i]
            if m.group in proposed:
                a = max(0, m.start - 30)
                if m.rule in _PROPOSE_RULES or (
                    (cues is None or any_between(cues.own, a, m.start) or cues.starts(a, "own"))
                    and _OUR.search(text[a : m.start])
                ):
                    roles.append(_role_cue(i, Role.PROPOSES, m.rule, 0.9))
                else:
                    roles.append(_role_cue(i, Role.PROPOSES, "proposed_entity", 0.8))
                continue
            role, rule, conf = mention_role(
                text, m, sent, own, is_title, compare_ends, cues, own_from < s0, rare
            )
            if role is Role.EVALUATES_ON and _trained_on(text, sent[0], m.start):
                # "we train X on ImageNet": the data it trains on is used as well
                roles.append(_role_cue(i, Role.USES, "trained_on", 0.6))
            if role is Role.MENTIONS and rule == "background" and m.text in own_parts:
                # "Muon" in a "Turbo-Muon" paper: what the paper's name builds on is used
                role, rule, conf = Role.USES, "own_name_part", 0.55
            roles.append(_role_cue(i, role, rule, conf))
            if rule == "background":
                bg = background.get(m.group)
                if bg is None:
                    background[m.group] = (i, {sent})
                else:
                    bg[1].add(sent)
            else:
                other.add(m.group)
    if background:
        for g in other.intersection(background):
            del background[g]
        if background and cues is not None and cues.compare:
            _compared_as_a_class(text, state, cues, own_from, background)
        _use_the_recurring_topic(text, state, background)


@Language.factory("kg_roles")
class PaperRoles(BatchedComponent):
    """Fills ``doc._.kg.roles``."""

    kg_stage = 3  # its place among the kg components (``native.DocChain``)

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extension()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        if state.native is not None and held.advance(state, "roles"):
            return doc
        assign_roles(state.text, state)
        return doc
