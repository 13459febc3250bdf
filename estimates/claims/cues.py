"""Attribution cues inside one sentence: who said, estimated or put a figure, and where.

A cue is a reporting word with the phrase that names its claimant:
  subject     "Police estimated 22,800", "The U.S. has estimated there are ..."
  figure      "police put the peak figure at 5,200"
  possessive  "by the ministry's count, 300 ...", "in Seoul's assessment"
  according   "according to the UN", "as reported by Reuters"
  closing     "..., the official said", "..., said Deputy Press Secretary Sabrina Singh"
  relative    "the estimated 510,000 that organisers claimed"
Offsets are document offsets. Word lists come from the `reporting_verbs` lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from itertools import islice

from estimates.claims.sentences import SentenceIndex
from estimates.lexicon import Lexicon

MAX_SUBJECT_WORDS = 10
"""A claimant named in more words than this is a clause, not a name: no cue."""

REACH = 240
"""Characters a claimant's name, or a closing attribution, may lie from its verb or claim: it
keeps per-claim work bounded on text without sentence ends."""

APPOSITION_WORDS = 5
"""A name set off by commas before its verb ("Derna's mayor, Abdulmenam al-Ghaithi, said")."""

MAX_TRAILER_WORDS = 6
"""A closing attribution may be followed by this many words of time or manner ("on Monday")."""

_BOUNDARY = re.compile(
    # inside a name, not boundaries: an acronym in brackets ("the Agency (NPA) said"), a
    # citation mark ("the UN[4] said"), an en dash joining two words ("the Saffir–Simpson scale")
    r"(?P<inside>\s?\([A-Z][\w.&/-]{0,11}\)|\[\d{1,3}\]|(?<=\w)–(?=\w))"
    r"|(?<!\d),|,(?!\d)|[;:()\[\]\"“”—–]|\s-\s"
)


def _boundaries(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Clause boundaries in text[start:end], left to right."""
    return (m for m in _BOUNDARY.finditer(text, start, end) if not m.group("inside"))


_WORD = re.compile(r"[\w][\w.'’-]*")


@dataclass(frozen=True)
class Cue:
    """A reporting word and the claimant it names, with document offsets."""

    kind: str  # subject, figure, possessive, according, closing, relative
    start: int  # where the cue's words begin
    end: int  # where they end
    source: str  # the claimant as the text names it
    verb: str  # the reporting word(s), lower case
    hedge: str  # the verb's hedge, "" when neutral
    via: str | None = None


@dataclass(frozen=True)
class CueGrammar:
    verbs: dict[str, str]
    verb: re.Pattern[str]
    verb_words: frozenset[str]  # the verbs, "quoted" and "cited": words a closing clause needs
    figure: re.Pattern[str]
    possessive: re.Pattern[str]
    according: re.Pattern[str]
    relay: re.Pattern[str]
    relay_word: re.Pattern[str]
    relay_any: re.Pattern[str]
    auxiliary: frozenset[str]
    openers: frozenset[str]
    determiners: frozenset[str]
    pronouns: dict[str, str]
    inverted: frozenset[str]
    subordinators: frozenset[str]
    participles: frozenset[str]
    object_verbs: frozenset[str]
    noun_forms: frozenset[str]
    time_words: frozenset[str]
    np_words: frozenset[str]  # lower-case words a claimant's name may hold (titles, "agency")
    trailer: re.Pattern[str]  # time or manner words that may follow a closing verb
    verb_object: re.Pattern[str]  # what makes "the UN estimates" a verb: "that", a number
    statement_by: re.Pattern[str]  # "statement by <speaker>" in a title
    statement_intro: re.Pattern[str]  # "... the following statement:" ending a line
    passive: frozenset[str]
    possessives: dict[str, str]  # "our" -> "we"
    pronoun_possessive: re.Pattern[str]  # "by their count", "in our assessment"
    apposition_clauses: frozenset[str]
    prepositions: frozenset[str]
    agents: frozenset[str]  # head nouns of a description naming who speaks (singular)
    bodies: frozenset[str]  # head nouns of organisations and groups ("ministry", "hospital")
    agent_endings: tuple[str, ...]
    data_nouns: frozenset[str]
    givers: frozenset[str]  # prepositions after a figure noun naming its giver ("data from")
    adjectival: re.Pattern[str]  # a figure noun right after a verb form ("reported figure")
    calendar: frozenset[str]  # month and weekday names, lower case
    function_words: frozenset[str]  # words that never end a name ("in", "and", "the", "has")


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


@cache
def cue_grammar(lexicon: Lexicon) -> CueGrammar:
    """Compile the `reporting_verbs` lexicon once per lexicon."""
    f = lexicon.file("reporting_verbs")
    verbs = {k.lower(): str(v) for k, v in f.get("verbs", {}).items()}
    fig = f.get("figure", {})
    relay = _alt(f.get("relay", {}).get("phrases", []))
    words = lambda sec: frozenset(w.lower() for w in f.get(sec, {}).get("words", []))  # noqa: E731
    trailers = _alt(f.get("trailers", {}).get("phrases", []))
    return CueGrammar(
        verbs=verbs,
        verb=re.compile(rf"(?<![\w-])(?:{_alt(list(verbs))})(?![\w-])"),
        verb_words=frozenset([*verbs, "quoted", "cited"]),
        figure=re.compile(
            rf"(?<![\w-])(?P<v>{_alt(fig.get('verbs', []))})\s+(?:(?:the|its|their|his|her|a)\s+"
            rf"(?:[\w-]+\s+){{0,2}}?(?:{_alt(fig.get('nouns', []))})"
            rf"(?:\s+(?:to|for|of|in|on|from|among)(?:\s+[\w'’-]+){{1,6}}?)?|it|them)"
            rf"(?:\s+(?:much\s+|far\s+|even\s+)?(?:{_alt(fig.get('comparatives', []))}),?)?"
            r"\s+(?:at|(?:closer|nearer)\s+to)\s*$",
            re.I,
        ),
        possessive=re.compile(
            rf"['’]s\s+(?:[\w-]+\s+){{0,2}}?(?P<n>{_alt(f.get('possessive', {}).get('nouns', []))})"
            r"(?![\w-])",
            re.I,
        ),
        according=re.compile(
            rf"(?<![\w-])(?P<a>{_alt(f.get('according', {}).get('phrases', []))})\s+", re.I
        ),
        relay=re.compile(rf"\s*,\s*(?:{relay})\s+", re.I),
        relay_word=re.compile(rf"^\s*(?:{relay})\s+", re.I),
        relay_any=re.compile(rf",\s*(?:{relay})\s+", re.I),
        auxiliary=words("auxiliary"),
        openers=words("openers"),
        determiners=words("determiners"),
        pronouns={k.lower(): str(v) for k, v in f.get("pronouns", {}).items()},
        inverted=words("inverted"),
        subordinators=words("subordinators"),
        participles=words("participles"),
        object_verbs=words("object_verbs"),
        noun_forms=words("noun_forms"),
        time_words=words("time_words"),
        np_words=words("determiners") | _source_words(lexicon),
        trailer=re.compile(rf"^(?:{trailers})\b", re.I),
        statement_by=re.compile(  # at the head of the title or of one of its parts
            rf"(?:^|[—–:|(-])\s*(?:{_alt(f.get('statements', {}).get('nouns', []))})\s+"
            rf"(?:{_alt(f.get('statements', {}).get('by', []))})\s+",
            re.I,
        ),
        statement_intro=re.compile(
            rf"\b(?:{_alt(f.get('statements', {}).get('nouns', []))})\s*:[ \t]*$", re.I | re.M
        ),
        verb_object=re.compile(
            rf"\s+(?:that\b|\W?\d|(?:{_alt(list(lexicon.section('qualifiers', 'before')))})\b)",
            re.I,
        ),
        passive=words("passive"),
        possessives={k.lower(): str(v) for k, v in f.get("possessive_pronouns", {}).items()},
        pronoun_possessive=re.compile(
            rf"(?<![\w-])(?P<p>{_alt(list(f.get('possessive_pronouns', {})))})\s+"
            rf"(?:[\w-]+\s+){{0,2}}?(?P<n>{_alt(f.get('possessive', {}).get('nouns', []))})"
            r"(?![\w-])",
            re.I,
        ),
        apposition_clauses=words("apposition_clauses"),
        prepositions=words("prepositions"),
        agents=_source_words(lexicon) | _list(lexicon, "agents"),
        agent_endings=tuple(_list(lexicon, "agents", "endings")),
        bodies=_list(lexicon, "org_heads") | _list(lexicon, "agents"),
        data_nouns=_list(lexicon, "data_nouns"),
        givers=_list(lexicon, "data_nouns", "givers"),
        adjectival=re.compile(rf"[ \t]+(?:{_alt(list(_list(lexicon, 'data_nouns')))})\b", re.I),
        calendar=frozenset(k.lower() for sec in lexicon.file("calendar").values() for k in sec),
        function_words=frozenset().union(
            *(words(sec) for sec in _FUNCTION_SECTIONS), frozenset(f.get("pronouns", {}))
        )
        - frozenset(("it", "they", "he", "she", "we", "i", "you")),
    )


_FUNCTION_SECTIONS = (
    "openers", "determiners", "auxiliary", "passive", "prepositions", "subordinators",
)  # fmt: skip


def _list(lexicon: Lexicon, section: str, key: str = "words") -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon.words("sources", section, key))


def _source_words(lexicon: Lexicon) -> frozenset[str]:
    f = lexicon.file("sources")
    return frozenset(
        w.lower() for sec in ("titles", "org_heads") for w in f.get(sec, {}).get("words", [])
    )


def _clause_start(text: str, end: int, floor: int) -> int:
    """Offset just after the last clause boundary before `end` (not before `floor`)."""
    floor = max(floor, end - REACH)
    last = floor
    for m in _boundaries(text, floor, end):
        last = m.end()
    return last


_QUOTED = re.compile(
    r"(?P<via>[\w.'’ -]{2,80}?)\s+(?:quoted|cited)\s+(?P<src>[\w.'’ -]{2,80}?)\s+as\s+"
    r"(?:saying|telling|estimating|reporting)\b"
)


def quoted_as_saying(text: str, start: int, end: int, g: CueGrammar) -> Cue | None:
    """ "the lawmakers quoted the agency as saying": the agency speaks, the lawmakers relay."""
    chunk = text[start:end]
    if " as " not in chunk or ("quoted" not in chunk and "cited" not in chunk):
        return None
    m = _QUOTED.search(text, start, end)
    if not m:
        return None
    via = subject_before(text, m.start("via") + len(m.group("via").rstrip()), start, g)
    src = m.group("src").strip()
    if not via or not src or _word_in(src.split()[0], g.openers):
        return None
    return Cue("subject", m.end() - 1, m.end(), src, "saying", "", via=via)


def _name_like(phrase: str) -> bool:
    """A claimant's name holds no number ("the final toll could reach 18,000" is no name)."""
    return not any(ch.isdigit() for ch in phrase)


_ASIDE = re.compile(r"\s*\([A-Z][\w.&/-]{0,11}\)|\[\d{1,3}\]")  # "(NPA)", "[4]"
_DIGITS = re.compile(r"^[\d.,%]*\d[\d.,%]*$")


def claimant(phrase: str | None, g: CueGrammar) -> str | None:
    """`phrase` if it can name who makes a claim, else None (or the claimant inside it).

    A claimant is a pronoun, or a noun phrase naming a person, body, document or group: it
    holds a capitalised name, or its head is an agent noun ("officials", "the ministry", "a
    survey"). Clause fragments ("is the most severe in", "the ground motion", "compared to
    543,000 houses") are none; a figure noun names its giver by the words before it ("ministry
    figures" -> "ministry"), and alone names nobody ("Figures show")."""
    if not phrase:
        return None
    words = _ASIDE.sub("", phrase).replace(",", " , ").split()
    low = [w.lower().strip(".'’") for w in words]
    if len(low) == 1 and low[0] in g.pronouns:
        return phrase
    if any(_DIGITS.match(w) for w in low) or not low:
        return None
    if _word_in(words[-1].strip(".'’"), g.function_words) or low[0] in g.auxiliary:
        return None
    if low[0] in g.passive:
        return None
    cut = next((i for i, w in enumerate(low) if i and (w in g.prepositions or w == ",")), len(low))
    by = next((i for i, w in enumerate(low[:cut]) if i and w in g.givers), cut)
    if _strip_possessive(low[by - 1]) in g.data_nouns:
        cut = by  # "a preliminary estimate by the public works department"
    head = _strip_possessive(low[cut - 1])
    if head in g.data_nouns:
        if cut < len(low) - 1 and low[cut] in g.givers:  # "figures from the UN"
            return claimant(_span_of(phrase, 0, len(phrase), words[cut + 1], words[-1]), g)
        lead = [w for w in words[: cut - 1] if w.lower() not in g.determiners]
        if not lead or cut < len(low):
            return None
        giver = _span_of(phrase, 0, len(phrase), lead[0], lead[-1])
        body = _strip_possessive(lead[-1].lower()) in g.bodies
        # a capital that only opens the sentence ("Statistical data") names nobody
        named = any(w.isupper() or (w[:1].isupper() and w is not words[0]) for w in lead)
        if not (body or named):
            return None  # "official figures", "new data": an adjective, nobody's name
        return claimant(giver, g)
    # a name in the head part counts, not one in a modifier ("the largest wave on Maui"), nor
    # the capital that opens a sentence before a common noun ("Insured damage", not "Kenya")
    caps = [i for i, w in enumerate(words[:cut]) if w[:1].isupper()]
    positional = caps == [0] and (low[0] in g.determiners or (cut > 1 and not _acronym(words[0])))
    named = bool(caps) and not positional

    if named or _agent_noun(head, g):
        return phrase
    return None


def _acronym(word: str) -> bool:
    """ "UNICEF", "GoN", "McAllen": capitals beyond the first letter make a name."""
    return any(ch.isupper() for ch in word[1:])


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _agent_noun(word: str, g: CueGrammar) -> bool:
    """A head noun that names who speaks: an agent noun or title, in singular or plural."""
    one = word[:-3] + "y" if word.endswith("ies") else word
    one = one[:-1] if one.endswith("s") and not one.endswith("ss") else one
    if word.endswith(("sses", "ches", "shes")):  # "witnesses", "coaches"
        one = word[:-2]
    return word in g.agents or one in g.agents or (len(one) > 4 and one.endswith(g.agent_endings))


def _clause_end(text: str, start: int, ceiling: int) -> int:
    ceiling = min(ceiling, start + REACH)
    m = next(_boundaries(text, start, ceiling), None)
    return m.start() if m else ceiling


def _word_in(word: str, words: frozenset[str]) -> bool:
    """`word` is one of the lower-case function words; an acronym in capitals never is
    ("WHO estimates", "AS reported" is no "who" or "as")."""
    return word.lower() in words and not (len(word) > 1 and word.isupper())


def subject_before(text: str, verb_start: int, floor: int, g: CueGrammar) -> str | None:
    """The claimant named right before a verb ("The U.S. has" estimated -> "The U.S.")."""
    start = _clause_start(text, verb_start, floor)
    words = _WORD.findall(_CITATION.sub(_blank, text[start:verb_start]))
    while words and (words[-1].lower() in g.auxiliary or _adverb(words[-1])):
        words.pop()
    if not words:
        return _apposition(text, start, floor, g)
    if words[-1].lower() in g.determiners or words[-1].lower() == "to":
        return None
    if _noun_use(words, text[verb_start : verb_start + REACH // 4], g):
        return None
    if _is_passive(text, start, verb_start, g):  # "It is estimated that ...": nobody
        return None
    if words[-1].lower() in g.pronouns:
        return words[-1]
    if words[0].lower() == "according":  # "According to a report released by X": no subject
        return None
    cut = [
        i
        for i, w in enumerate(words)
        if _word_in(w, g.subordinators) or (w in g.verbs and not _noun_at(words, i, g))
    ]
    who = [i for i in cut if words[i].lower() == "who"]
    # a participle and its phrase after a noun ("a study published in 2030 estimated")
    reduced = cut and _reduced_relative(words, cut, g)
    if who and who[-1] > 0:  # "An official who spoke on condition of anonymity said": the
        # relative clause describes the claimant, named before it
        words = words[max((i + 1 for i in cut if i < who[-1]), default=0) : who[-1]]
    elif reduced:
        words = words[max((i + 1 for i in cut if i < cut[-1]), default=0) : cut[-1]]
    else:
        words = words[cut[-1] + 1 :] if cut else words
    while words and (_time_word(words[0], g) or _word_in(words[0], g.openers)):
        words.pop(0)  # "On 3 May 2021 the council said": the date is no part of the name
    if not words or len(words) > MAX_SUBJECT_WORDS:
        return None
    return _span_of(text, start, verb_start, words[0], words[-1])


def _reduced_relative(words: list[str], cut: list[int], g: CueGrammar) -> bool:
    """The last cut is a participle after a noun, then a preposition ("a study published in
    2030"), that describes the claimant named before it: not a verb of its own."""
    i = cut[-1]
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    before = words[i - 1] if i > 0 else ""
    return (
        words[i].lower().endswith("ed")
        and nxt in g.prepositions | {"by"}
        and before.islower()
        and before not in g.determiners
        and not _word_in(before, g.subordinators)
        and before.lower() not in g.auxiliary
    )


def _noun_use(words: list[str], verb: str, g: CueGrammar) -> bool:
    """ "its public estimate": a determiner and an adjective make the verb form a noun; but
    "the UN estimates that ..." and "the GoN reports nearly 8,500" are verbs with an object."""
    form = _WORD.match(verb)
    if not form or form.group(0).lower() not in g.noun_forms or len(words) < 2:
        return False
    adj = words[-1]
    # "the UN estimates that ...", "the Ministry of Health reports 1,930": a name, then a verb
    name = words[-2].lower() == "the" or words[-2].lower() == "of" and adj[:1].isupper()
    if name and g.verb_object.match(verb, form.end()):
        return False
    # "its public estimate", "a UN estimate"; not "its allies estimate"
    return words[-2].lower() in g.determiners and not (adj.islower() and adj.endswith("s"))


def _noun_at(words: list[str], i: int, g: CueGrammar) -> bool:
    """ "the report", "a UN report": a verb form used as a noun inside a would-be name."""
    before = [w.lower() for w in words[max(0, i - 2) : i]]
    if before and before[-1] in g.determiners:
        return True
    return len(before) == 2 and before[0] in g.determiners and words[i].lower() in g.noun_forms


def _apposition(text: str, start: int, floor: int, g: CueGrammar) -> str | None:
    """ "Derna's mayor, Abdulmenam al-Ghaithi, said": the name set off by commas."""
    if start > floor and text[start - 1] in "—–":
        return _dashed(text, start, floor, g)
    if start <= floor or text[start - 1] != ",":
        return None
    name_start = _clause_start(text, start - 1, floor)
    name = text[name_start : start - 1].strip()
    if name and not name[0].isupper():
        return _described(text, name_start, name, floor, g)
    if not name or len(name.split()) > APPOSITION_WORDS:
        return None
    if name_start > floor and text[name_start - 1] == ",":
        lead_start = _clause_start(text, name_start - 1, floor)
        lead = text[lead_start : name_start - 1].strip()
        if (
            lead
            and len(lead.split()) <= APPOSITION_WORDS
            and not _word_in(lead.split()[0], g.openers)
        ):
            return f"{lead}, {name}"
    return name


def _dashed(text: str, start: int, floor: int, g: CueGrammar) -> str | None:
    """ "The Alert System (GDACS)—a joint venture of two bodies—estimates": the name before a
    description set off by dashes."""
    desc_start = _clause_start(text, start - 1, floor)
    if desc_start <= floor or text[desc_start - 1] != text[start - 1]:
        return None
    lead_start = _clause_start(text, desc_start - 1, floor)
    lead = text[lead_start : desc_start - 1].strip()
    words = lead.split()
    if not words or len(words) > MAX_SUBJECT_WORDS or not lead[0].isupper():
        return None
    return None if _word_in(words[0], g.openers) else lead


def _described(text: str, name_start: int, desc: str, floor: int, g: CueGrammar) -> str | None:
    """ "John Kirby, the White House spokesman, said" (name and description both kept);
    "The ministry, which keeps the count, said", "The agency, known as INGD, said" and
    "Researchers, using a model, put" (the name alone): a lower-case clause set off by commas
    after the claimant."""
    first = desc.split()[0].lower()
    keep = first in ("the", "a", "an") and len(desc.split()) <= 2 * APPOSITION_WORDS
    if not keep and first not in g.apposition_clauses and not _aside(desc, g):
        return None
    if name_start <= floor or text[name_start - 1] != ",":
        return None
    lead_start = _clause_start(text, name_start - 1, floor)
    lead = text[lead_start : name_start - 1].strip()
    words = lead.split()
    most = APPOSITION_WORDS if keep else MAX_SUBJECT_WORDS  # "The monitoring group X, which"
    if not words or len(words) > most or not lead[0].isupper():
        return None
    if _word_in(words[0], g.openers) or not _name_like(lead):
        return None
    return f"{lead}, {desc}" if keep else lead


def _aside(desc: str, g: CueGrammar) -> bool:
    """ "using a model that ...": a participle clause set off by commas after the claimant
    (not "citing the ministry", which relays another source)."""
    from estimates.claims.nouns import lemmas

    first = desc.split()[0].lower()
    return first.endswith("ing") and "VERB" in lemmas(first) and not g.relay_word.match(desc)


def lead_subject(text: str, floor: int, verb_start: int, g: CueGrammar) -> str | None:
    """The sentence's opening noun phrase, the subject of a later "..., saying 300 ..."."""
    words: list[str] = []
    for m in _WORD.finditer(text, floor, verb_start):
        w = m.group(0)
        if not (w[0].isupper() or w.lower() in g.np_words) or len(words) >= MAX_SUBJECT_WORDS:
            break
        words.append(w)
    while words and words[-1].lower() in g.determiners:
        words.pop()
    if len(words) < 2 and not (words and words[0].lower() in g.np_words):
        return None
    return _span_of(text, floor, verb_start, words[0], words[-1])


_COORDINATED = re.compile(r"[ \t](?:and|but)[ \t]+$")


def first_subject(text: str, floor: int, verb_start: int) -> str | None:
    """The clause's subject when a reporting verb is the second of two joined by "and" or
    "but" ("Police made 23 arrests and said ..." -> "Police"): the words before the clause's
    first word the dictionary knows only as a verb."""
    from estimates.claims.nouns import lemmas

    words = list(islice(_WORD.finditer(text, floor, verb_start), MAX_SUBJECT_WORDS + 1))
    for i, m in enumerate(words[1:], 1):
        w = m.group(0)
        if w.islower() and set(lemmas(w)) in ({"VERB"}, {"AUX", "VERB"}):
            return text[words[0].start() : words[i - 1].end()]
    return None


def relay_subject(text: str, verb_start: int, floor: int, g: CueGrammar) -> Cue | None:
    """Relayed subject: in "Reuters, citing the ministry, reported" the ministry is the source."""
    start = _clause_start(text, verb_start, floor)
    if text[start:verb_start].strip() or start <= floor:
        return None
    cited_start = _clause_start(text, start - 1, floor)
    m = g.relay_word.match(text[cited_start : start - 1])
    if not m or cited_start <= floor:
        return None
    cited = phrase_after(text, cited_start + m.end(), start - 1, g)
    messenger = subject_before(text, cited_start - 1, floor, g)
    if not cited or not messenger:
        return None
    return Cue("subject", verb_start, verb_start, cited, "", "", via=messenger)


def _adverb(word: str) -> bool:
    return word.islower() and word.endswith("ly") and len(word) > 4


def _is_passive(text: str, start: int, verb_start: int, g: CueGrammar) -> bool:
    """ "was estimated", "is provisionally estimated": an auxiliary of the passive before the
    verb (past adverbs)."""
    before = text[start:verb_start].lower().split()
    while before and _adverb(before[-1]):
        before.pop()
    return bool(before) and before[-1] in g.passive


def _span_of(text: str, start: int, end: int, first: str, last: str) -> str:
    """The original text from the first word to the last (keeps "U.S." and "Kim Yong-hyun")."""
    chunk = text[start:end]
    a = chunk.find(first)
    b = chunk.rfind(last) + len(last)
    if chunk[b : b + 1] == ")" and chunk.count("(", a, b) > chunk.count(")", a, b):
        b += 1  # "The Disaster Agency (NDA"  -> "... (NDA)"
    return chunk[a:b].strip()


def phrase_after(text: str, start: int, ceiling: int, g: CueGrammar) -> str | None:
    """The claimant named right after a word ("according to the UN's office, ..." -> ...)."""
    end = _clause_end(text, start, ceiling)
    words = _WORD.findall(_CITATION.sub(_blank, text[start:end]))
    if words and _word_in(words[0], g.openers):
        return None
    low = [w.lower() for w in words]
    for i in range(1, len(words) - 2):  # "a fact sheet released by the Pentagon"
        if _participle(words[i]) and low[i + 1] == "by":
            words, low = words[i + 2 :], low[i + 2 :]
            break
    cut = next(
        (
            i
            for i, w in enumerate(low)
            if i
            and ((w in g.openers and w != "of" and not _giver(low, i, g)) or _participle(words[i]))
        ),
        len(words),
    )
    words = words[:cut]
    if not words or len(words) > MAX_SUBJECT_WORDS:
        return None
    return _span_of(text, start, end, words[0], words[-1]).rstrip(".")


def _giver(low: list[str], i: int, g: CueGrammar) -> bool:
    """ "data from the USGS": the preposition after a figure noun leads to who gave it."""
    return low[i] in g.givers and low[i - 1] in g.data_nouns


def _participle(word: str) -> bool:
    """A lower-case past participle ("released", "published") ends a name."""
    return word.islower() and word.endswith("ed") and len(word) > 4


_QUOTING = re.compile(r"quoted|cited")


def sentence_cues(text: str, sentences: SentenceIndex, g: CueGrammar) -> dict[int, tuple[Cue, ...]]:
    """The cues of each sentence that holds any, by sentence index, in order.

    A cue needs a reporting verb, "according to", a possessive figure noun ("the ministry's
    count") or "quoted"/"cited" in its sentence: one pass over the text for each finds the
    sentences that hold one, and only those are read (reading each sentence of a text of a
    million short ones took minutes). A match found in the whole text that runs over several
    sentences marks each of them, so no sentence holding a match of its own is missed.
    """
    marked: set[int] = set()
    for pattern in (g.verb, g.according, g.possessive, g.pronoun_possessive, _QUOTING):
        for m in pattern.finditer(text):
            first = sentences.index_of(m.start())
            marked.update(range(first, sentences.index_of(max(m.start(), m.end() - 1)) + 1))
    out: dict[int, tuple[Cue, ...]] = {}
    for i in sorted(marked):
        if i < len(sentences.spans):
            found = tuple(find_cues(text, *sentences.spans[i], g))
            if found:
                out[i] = found
    return out


def find_cues(text: str, start: int, end: int, g: CueGrammar) -> list[Cue]:
    """Every attribution cue in the sentence text[start:end], left to right."""
    cues: list[Cue] = []
    for m in g.verb.finditer(text, start, end):
        if g.adjectival.match(text, m.end()) and _after_determiner(text, m.start(), g):
            continue  # "the operator's reported figure": an adjective, no verb of its own
        verb = m.group(0).lower()
        agent = _passive_agent(text, m, end, g)  # "estimated by the weather service"
        if agent:
            cues.append(agent)
            continue
        subj = claimant(subject_before(text, m.start(), start, g), g)
        hedge = g.verbs.get(verb, "")
        if subj:
            cues.append(Cue("subject", m.start(), m.end(), subj, verb, hedge))
        if not subj and _COORDINATED.search(text, max(start, m.start() - 6), m.start()):
            subj = claimant(first_subject(text, start, m.start()), g)  # "X did ... and said"
            if subj:
                cues.append(Cue("subject", m.start(), m.end(), subj, verb, hedge))
        after_as = text[max(start, m.start() - 4) : m.start()].lower() == " as "
        if not subj and verb in g.participles and not after_as:
            subj = claimant(lead_subject(text, start, m.start(), g), g)
            if subj:
                cues.append(Cue("subject", m.start(), m.end(), subj, verb, hedge))
        relayed = None if subj else relay_subject(text, m.start(), start, g)
        if relayed:
            via = relayed.via
            cues.append(Cue("subject", m.start(), m.end(), relayed.source, verb, hedge, via))
        inverted = _inverted(text, m, start, end, g)
        if inverted:
            cues.append(inverted)
    quoted = quoted_as_saying(text, start, end, g)
    if quoted:
        cues.append(quoted)
    for m in g.according.finditer(text, start, end):
        src = claimant(phrase_after(text, m.end(), end, g), g)
        if src:
            cues.append(Cue("according", m.start(), m.end() + len(src), src, m.group("a"), ""))
    for m in g.possessive.finditer(text, start, end):
        src = claimant(_owner(subject_before(text, m.start(), start, g), g), g)
        if src:
            noun = m.group("n").lower()
            hedge = "estimate" if noun.startswith(("estimate", "assessment")) else ""
            cues.append(Cue("possessive", m.start() - len(src), m.end(), src, noun, hedge))
    for m in g.pronoun_possessive.finditer(text, start, end):
        if _is_lead(text, start, m.start(), g):  # "By our count, ...", "In their estimate, ..."
            noun = m.group("n").lower()
            hedge = "estimate" if noun.startswith(("estimate", "assessment")) else ""
            pronoun = g.possessives[m.group("p").lower()]
            cues.append(Cue("possessive", m.start(), m.end(), pronoun, noun, hedge))
    return sorted((_relayed(text, c, end, g) for c in cues), key=lambda c: c.start)


_BY = re.compile(r"[ \t]+by[ \t]+")
_CITATION = re.compile(r"\[\d{1,3}\]")


def _blank(m: re.Match[str]) -> str:
    """A citation mark blanked out, so offsets stay and "guard[4]" reads as "guard"."""
    return " " * len(m.group(0))


def _after_determiner(text: str, at: int, g: CueGrammar) -> bool:
    """The word before `at` is a determiner or a possessive ("the", "its", "operator's")."""
    m = re.search(r"(\S+)\s+$", text[max(0, at - 40) : at])
    word = m.group(1).lower() if m else ""
    return word in g.determiners or word.endswith(("'s", "’s"))


def _passive_agent(text: str, m: re.Match[str], end: int, g: CueGrammar) -> Cue | None:
    """Passive with its agent: "rainfall, estimated by the weather service to be 10 inches"
    and "detected by the Geological Survey as magnitude 3.3" name who says so."""
    by = _BY.match(text, m.end(), end)
    if by is None:
        return None
    src = claimant(phrase_after(text, by.end(), end, g), g)
    if not src or _timely(src, g):
        return None
    verb = m.group(0).lower()
    at = text.find(src, by.end(), end)
    return Cue("according", m.start(), at + len(src), src, verb, g.verbs.get(verb, ""))


def _owner(phrase: str | None, g: CueGrammar) -> str | None:
    """The noun phrase a possessive closes, from its determiner on: "exceed the ministry's
    count" -> "the ministry" (a determiner after a verb opens a new phrase; one after a
    preposition does not: "the head of the agency's count"); else the name that ends it
    ("calling Kestor's figures" -> "Kestor")."""
    if not phrase:
        return phrase
    words = list(_WORD.finditer(phrase))
    for i in range(len(words) - 1, 0, -1):
        word, before = words[i].group(0).lower(), words[i - 1].group(0)
        opens = word in g.determiners and word not in g.prepositions
        if opens and before.islower() and before not in g.prepositions | g.openers:
            return phrase[words[i].start() :]
    run = len(words)
    while run > 0 and words[run - 1].group(0)[:1].isupper():
        run -= 1
    if 0 < run < len(words):  # "calling Kestor's figures": the name, not the verb before it
        before = words[run - 1].group(0).lower()
        if before not in g.determiners | g.prepositions | g.openers:
            return phrase[words[run].start() :]
    return phrase


def _time_word(word: str, g: CueGrammar) -> bool:
    """ "Monday", "May", "3", "2021": a word of a date, never of a name ("G7" is a name)."""
    low = word.lower().strip(".,")
    return low in g.time_words or low in g.calendar or low.isdigit()


def _timely(phrase: str, g: CueGrammar) -> bool:
    """ "Monday", "by mid-March", "2030", "3 May": a time, not an agent."""
    first = phrase.split()[0].lower().strip(".")
    return first in g.time_words or first in g.calendar or any(ch.isdigit() for ch in phrase)


def _is_lead(text: str, floor: int, at: int, g: CueGrammar) -> bool:
    """ "By their count", "in our assessment": the possessive opens its clause after at most
    one preposition, so it frames the figures (not "cut their count of stations")."""
    words = _WORD.findall(text[_clause_start(text, at, floor) : at])
    return len(words) <= 1 and all(w.lower() in g.prepositions or w.lower() == "by" for w in words)


def _inverted(text: str, m: re.Match[str], floor: int, end: int, g: CueGrammar) -> Cue | None:
    """Inverted order: in ", said the deputy spokesperson" the verb opens its clause."""
    before = text[_clause_start(text, m.start(), floor) : m.start()]
    if before.strip() or m.group(0).lower() not in g.inverted:
        return None
    src = claimant(phrase_after(text, m.end(), end, g), g)
    if (
        not src
        or not _name_like(src)
        or not (src[0].isupper() or src.split()[0].lower() in ("the", "a", "an"))
    ):
        return None
    verb = m.group(0).lower()
    return Cue("closing", m.start(), m.end() + len(src) + 1, src, verb, g.verbs.get(verb, ""))


def _relayed(text: str, cue: Cue, end: int, g: CueGrammar) -> Cue:
    """Relay after a cue: in "Reuters, citing the ministry" Reuters is only the messenger."""
    after = g.relay.match(text, cue.end, end)
    if not after:
        return cue
    cited = phrase_after(text, after.end(), end, g)
    if not cited or cited.split()[0].lower() in g.possessives:
        return cue
    return Cue(cue.kind, cue.start, cue.end, cited, cue.verb, cue.hedge, via=cue.source)


def figure_cue(text: str, claim_start: int, floor: int, g: CueGrammar) -> Cue | None:
    """Figure idiom: "police put the peak figure at 5,200" puts a figure at the claim's number."""
    left = text[max(floor, claim_start - 80) : claim_start]
    m = g.figure.search(left)
    if not m:
        return None
    vstart = claim_start - len(left) + m.start("v")
    subj = claimant(subject_before(text, vstart, floor, g), g)
    if not subj:
        return None
    return Cue("figure", vstart, claim_start, subj, m.group("v").lower(), "estimate")


_WORD_RUN = re.compile(r"[\w-]+")
"""A verb is a whole run of word characters and hyphens (the verb pattern's lookarounds)."""


def closing_cue(text: str, after: int, end: int, g: CueGrammar) -> Cue | None:
    """Closing attribution: "..., the official said[, without ...]" ends the sentence."""
    end = min(end, after + REACH)
    if g.verb_words.isdisjoint(_WORD_RUN.findall(text, after, end)):
        return None  # no clause here holds a verb: none can close the sentence
    # each clause runs from a boundary to the next one (what _clause_end would find again)
    found = list(_boundaries(text, after, end))
    for k, b in enumerate(found):
        seg_end = found[k + 1].start() if k + 1 < len(found) else end
        cue = _closing_segment(text, b.end(), seg_end, g, after)
        if cue:
            return cue
    return None


def _closing_segment(
    text: str, start: int, end: int, g: CueGrammar, floor: int | None = None
) -> Cue | None:
    """One clause of a closing attribution; `floor` is where the closing part began, so a
    verb opening the clause may take a subject set off by commas before it (", the port's
    director, Lina Sorel, told reporters")."""
    seg = text[start:end]
    quoted = quoted_as_saying(text, start, end, g)
    if quoted and not text[quoted.end : end].strip(" .!?"):
        return replace(quoted, kind="closing", start=start, end=end)
    for m in g.verb.finditer(seg):
        verb = m.group(0).lower()
        hedge = g.verbs.get(verb, "")
        if not seg[: m.start()].strip():  # ", said the ministry"
            src = phrase_after(text, start + m.end(), end, g) if verb in g.inverted else None
            src = claimant(src, g)
            if src and _name_like(src):
                return Cue("closing", start, end, src, verb, hedge)
            if floor is not None and floor < start:
                subj = claimant(subject_before(text, start + m.start(), floor, g), g)
                if subj:
                    return Cue("closing", floor, end, subj, verb, hedge)
            continue
        trailer = seg[m.end() :].strip(" .!?")
        told = verb in g.object_verbs and len(trailer.split()) <= MAX_TRAILER_WORDS
        if (
            trailer
            and not told
            and (len(trailer.split()) > MAX_TRAILER_WORDS or not g.trailer.match(trailer))
        ):
            continue
        subj = claimant(subject_before(text, start + m.start(), start, g), g)
        if subj:
            return Cue("closing", start, end, subj, verb, hedge)
    return None


_THAT = re.compile(r"\s*(?:that|which)\s+")


def relative_cue(text: str, claim_end: int, end: int, g: CueGrammar) -> Cue | None:
    """Relative clause right after the claim: "the 510,000 that organisers claimed"."""
    m = _THAT.match(text, claim_end, end)
    if not m:
        return None
    v = g.verb.search(text, m.end(), min(end, m.end() + 80))
    if not v:
        return None
    subj = claimant(subject_before(text, v.start(), m.end(), g), g)
    if not subj:
        return None
    verb = v.group(0).lower()
    return Cue("relative", claim_end, v.end(), subj, verb, g.verbs.get(verb, ""))
