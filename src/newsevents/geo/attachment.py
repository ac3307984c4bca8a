"""The place syntactically attached to an event's trigger, by rules; `location` weighs this
choice with the other places of the sentence.

A place counts when it sits in a locative prepositional phrase ("in northern Syria", "at the
airport in Kabul", "to Iran" for a visit) attached to the trigger, to a verb the trigger is
chained with ("shot and killed in X", "will try to meet in X", "exploded, killing 14"), to a
verb it governs ("began attacking positions in X", "began the assault by storming X"), to the
verb a nominal trigger depends on ("carried out an attack in X"), to the root of the
trigger's clause ("In Kano, the lounge was destroyed"), or to a clause of its circumstances
("killed when a bomb exploded in X", also on a conjunct: "one was killed and two wounded when
..."); or on the event's subject or object and their conjuncts ("students in Mosul
demonstrated", "destroyed offices in Bombay", "continued the assault on X"), or on an event
noun in a phrase of the event's circumstances ("killed during clashes in X", "captured after a
shootout in X"). A compass adverb counts as a locative ("ambushed north of X"). A verb that
acts on a place takes its object, before any adjunct ("In the province of X, they shelled
the town of Y"). Nearer attachments win, unless a further one is a finer place of the same
country ("In Dagestan, police shot two gunmen in the town of Buinaksk"). With nothing
attached, the clause the trigger's clause depends on is asked ("attacked a post in X,
killing a soldier who was guarding it").

A relative clause on a place happens there ("in the village of Shura, where bombers were
shot"). A verb that acts on people as often as on places ("captured", "attacked") yields its
object to the known place where it happened when that object is a bare name the gazetteer
does not know ("Ocalan was captured in Kenya").

Inside a phrase the most specific place wins: "in the West Bank city of Nablus" is Nablus,
"in Baghdad's Doura district" Doura; of a place noun qualified by one place and named by
another, the larger is the container ("the Baghdad neighbourhood of Zafaraniya" is
Zafaraniya, "the Shaab neighbourhood of Baghdad" Shaab); a name that only qualifies a thing
yields to a place the phrase names outright ("the Sadriya market in central Baghdad", "a
U.S. patrol near X"); a named site (`facilities`) yields to any other place ("the Danish
Embassy in Islamabad"). The phrase ends at a clause of its own and at a preposition that
names a participant or a time rather than a place ("in a raid by rebels from X", "since the
war in X"). A place attached elsewhere (the object of an accusation, a subordinate clause
opened by "since" or "after", an adjective such as "Iranian") is not attached.
"""

from __future__ import annotations

from typing import Any

from newsevents.geo.facilities import SITE_CLASS
from newsevents.geo.recognise import PLACE_OBJECT_VERBS, is_place_noun

LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout",
                      "within", "around", "on", "off", "along", "over", "between", "among",
                      "beyond", "through"})
# "to Iran" is where a visit or a journey happens, not where a transfer or a threat does
DESTINATION = frozenset({"to", "into", "toward", "towards", "onto"})
MOTION_VERBS = frozenset({"visit", "travel", "go", "come", "arrive", "fly", "return", "head",
                          "trip", "tour", "journey", "march", "move", "deploy",
                          "enter", "advance", "push", "infiltrate", "cross"})
# "north of Baghdad", "next to the school": an adverb that locates through its "of"/"to"
COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                     "southwest", "next"})
# the event's own arguments, whose locative phrases say where it happened
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "pobj", "attr", "npadvmod",
                          "compound"})
OBJECT_DEPS = SUBJECT_DEPS | {"dobj", "dative", "oprd"}
# verbs that act on people as often as on places: "captured Ocalan in Kenya"
PERSON_OBJECT_VERBS = frozenset({"capture", "seize", "take", "target", "ambush", "hit",
                                 "strike", "attack", "surround", "encircle", "assault"})
# "an attack on Aleppo" is there; "an embargo on Libya" or "pressure on Iran" is not
ON_NOUNS = frozenset({"attack", "assault", "offensive", "raid", "strike", "airstrike",
                      "bombardment", "bombing", "shelling", "operation", "push", "advance"})
# "killed during clashes in X", "captured after a shootout in X": an event of the
# circumstances, whose place is the event's
CIRCUMSTANCE_PREPS = frozenset({"during", "after", "in", "by", "following", "from", "amid",
                                "with", "before", "at", "on"})
EVENT_NOUNS = ON_NOUNS | {
    "clash", "fighting", "fight", "war", "battle", "ambush", "explosion", "blast",
    "shootout", "gunfight", "firefight", "skirmish", "crackdown", "violence", "protest",
    "rally", "demonstration", "incident", "mission", "campaign", "standoff", "robbery",
    "siege", "riot", "unrest", "invasion", "occupation", "incursion", "uprising", "conflict",
    "hostilities", "bomb", "fire", "gunfire", "shooting", "attempt", "visit", "trip", "tour",
    "meeting", "talks", "summit", "conference", "ceremony", "march", "counteroffensive",
    "counterattack"}
# prepositions that end a phrase's search for its place: a participant, a source, a time
NOT_PLACE_PREPS = frozenset({"with", "between", "from", "to", "for", "against", "by",
                             "since", "according"})
# a clause inside a phrase is an event of its own ("the village where rebels hid")
OWN_CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp"})
# verbs the trigger may be chained with, and how a nominal trigger reaches its verb; a
# subordinate clause ("since the two governments restored ties") is an event of its own
CHAIN_DEPS = frozenset({"xcomp", "conj", "pcomp"})
CIRCUMSTANCE = frozenset({"when", "as", "while"})
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "acl", "csubj", "parataxis"})
# the clauses through which a trigger with no place of its own asks the one above it
ENCLOSING_DEPS = CHAIN_DEPS | {"advcl", "relcl", "acl"}
NOMINAL_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "attr", "appos"})
# a populated place before a division before a country: the most specific wins
# a named site ("the Danish Embassy in Islamabad") only when no other place is there
SPECIFICITY = {"P": 3, "A": 2, "L": 0, SITE_CLASS: -1}
# "the West Bank town of Jenin": a populated place's noun is named by its "of"
NAMED_BY_OF = frozenset({"town", "city", "village", "hamlet", "township", "municipality",
                         "commune", "settlement"})
# of two places, the larger: a country, a division or capital, a county, a town, unknown
PROMINENCE = {"PCLI": 5, "CONT": 5, "ADM1": 4, "PPLC": 4, "ADM2": 3, "PPL": 2}


def attached_place(trigger: Any, place_of_token: dict[int, dict[str, Any]]
                   ) -> dict[str, Any] | None:
    """The place the rules above attach to the event of `trigger` (a spaCy token), among
    the places of `place_of_token` (token index -> place), or None."""
    if not place_of_token:
        return None
    heads = attachment_heads(trigger)
    found = [place for head in heads for place in _places_on(head, place_of_token)]
    if not found:
        asked = {head.i for head in heads}
        for clause, head in _enclosing_clauses(trigger):
            if head.i not in asked:
                found = _places_on(head, place_of_token)
                if not found and _relative_of_place(clause, head):
                    antecedent = _most_specific(head, place_of_token)
                    found = [antecedent] if antecedent is not None else []
                if found:
                    break
    if not found:
        return None
    chosen = found[0]
    # "In Dagestan, police killed two gunmen in the town of Buinaksk": a place inside the
    # nearest one, further away, is more precise
    for place in found[1:]:
        if specificity(place) > specificity(chosen) and _inside(place, chosen):
            chosen = place
    return chosen


def _places_on(head: Any, place_of_token: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """The places attached to `head`: the place it acts on first, then its locative one."""
    acted_on, located = _object_place(head, place_of_token), _locative_place(head, place_of_token)
    if (acted_on is not None and located is not None and located.get("geonameid") is not None
            and _maybe_a_person(head, acted_on, place_of_token)):
        acted_on, located = located, acted_on
    return [place for place in (acted_on, located) if place is not None]


def _maybe_a_person(verb: Any, place: dict[str, Any], place_of_token: dict[int, dict[str, Any]]
                    ) -> bool:
    """"Ocalan was captured in Kenya": a bare name the gazetteer does not know, object of a
    verb that takes people too, may be a person; the known place where it happened wins."""
    if place.get("geonameid") is not None or verb.lemma_.lower() not in PERSON_OBJECT_VERBS:
        return False
    return any(obj.dep_ in {"dobj", "nsubjpass"} and place_of_token.get(obj.i) is place
               and not any(c.dep_ == "det" for c in obj.children) for obj in verb.children)


def _enclosing_clauses(trigger: Any) -> list[tuple[Any, Any]]:
    """The clauses above the trigger's own, nearest first: each clause's top and the head it
    hangs on."""
    heads = []
    token = trigger
    while token.dep_ in ENCLOSING_DEPS and token.head.i != token.i:
        heads.append((token, token.head))
        token = token.head
    return heads


def _relative_of_place(clause: Any, antecedent: Any) -> bool:
    """"the village of Shura, where bombers were shot", "Pando province, where ...": a
    relative clause on a place happens there."""
    if clause.dep_ != "relcl":
        return False
    # "Turdi, who later stabbed", "the Dark Circle, when one of them defected": a person, a
    # time
    words = {c.lower_ for c in clause.subtree if c.i < clause.i and c.tag_ in RELATIVE_TAGS}
    if "where" in words:
        return True
    return not words & {"who", "whom", "when"} and (
        is_place_noun(antecedent) or antecedent.ent_type_ in {"GPE", "LOC", "FAC"})


def _inside(place: dict[str, Any], area: dict[str, Any]) -> bool:
    return place.get("country") is not None and place.get("country") == area.get("country")


def _object_place(head: Any, place_of_token: dict[int, dict[str, Any]]
                  ) -> dict[str, Any] | None:
    """The place a verb acts on is where it happens: "entered Zabdeen", "attacked Bemal
    village", "shelled the town of Sirmeen"."""
    if head.lemma_.lower() not in PLACE_OBJECT_VERBS:
        return None
    for obj in head.children:
        if obj.dep_ in {"dobj", "nsubjpass"}:
            found = _most_specific(obj, place_of_token)
            if found is not None:
                return found
    return None


def attachment_heads(trigger: Any) -> list[Any]:
    """The tokens a locative phrase of the event may hang on, nearest first."""
    heads = [trigger]
    heads += [c for c in trigger.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}]
    # "began attacking X", "began the offensive by storming X": the verb that carries it out
    heads += [c for c in trigger.children if c.dep_ == "xcomp"]
    heads += [g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "by"
              for g in c.children if g.dep_ == "pcomp"]
    token = trigger
    while _chained(token) and token.head.i != token.i:
        token = token.head
        heads.append(token)
    if trigger.pos_ in {"NOUN", "PROPN"} and trigger.dep_ in NOMINAL_DEPS:
        verb = trigger.head
        while verb.dep_ == "prep" and verb.head.i != verb.i:  # "an attack on" -> its verb
            verb = verb.head
        heads.append(verb)
    if not any(t.dep_ in CLAUSE_DEPS and not _chained(t) for t in [trigger, *trigger.ancestors]):
        heads.append(trigger.sent.root)
    # "killed when rebels detonated a bomb in X": a clause of the event's circumstances, on
    # the trigger or on a verb it is chained with
    heads += [c for head in list(heads) for c in head.children if c.dep_ == "advcl" and any(
        m.dep_ in {"mark", "advmod"} and m.lower_ in CIRCUMSTANCE for m in c.children)]
    unique: dict[int, Any] = {}
    for head in heads:
        unique.setdefault(head.i, head)
    return list(unique.values())


def _chained(token: Any) -> bool:
    """Whether `token` continues its head's event: a conjunct, a complement, or a participle
    clause ("exploded, killing 14") rather than one opened by "since", "when", "after"."""
    if token.dep_ in CHAIN_DEPS:
        return True
    return token.dep_ == "advcl" and not any(c.dep_ == "mark" for c in token.children)


def _locative_place(head: Any, place_of_token: dict[int, dict[str, Any]]
                    ) -> dict[str, Any] | None:
    """The place of the nearest locative phrase on `head`: its own first, then those of its
    arguments ("students in Mosul demonstrated", "destroyed offices in Bombay", "captured by
    the Northern Alliance in Afghanistan") and of the events of its circumstances ("killed
    during clashes in X"). Never one inside a clause of its own or under another preposition
    ("protested against the war on Yugoslavia")."""
    level = [head]
    while level:
        for node in level:
            for phrase in _locative_phrases(node):
                found = _most_specific(phrase, place_of_token)
                if found is not None:
                    return found
        level = [c for node in level for c in _arguments(node)]
    return None


def _locative_phrases(node: Any) -> list[Any]:
    """The prepositions of `node` that locate it, and the "of"/"to" of a compass adverb."""
    phrases = []
    for child in node.children:
        if child.dep_ == "prep" and child.lower_ in _locatives(node):
            phrases.append(child)
        elif child.dep_ == "advmod" and child.lower_ in COMPASS:
            phrases += [p for p in child.children if p.dep_ == "prep" and p.lower_ in {"of", "to"}]
    return phrases


def _arguments(node: Any) -> list[Any]:
    """The subject, object and conjoined nouns of `node`, and the event nouns of its
    circumstance phrases, whose locative phrases are the event's."""
    found = [c for c in node.children if c.dep_ in OBJECT_DEPS
             or (c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"})]
    found += [g for c in node.children if c.dep_ == "prep" and c.lower_ in CIRCUMSTANCE_PREPS
              for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in EVENT_NOUNS]
    return found


def _locatives(head: Any) -> frozenset[str]:
    lemma = head.lemma_.lower()
    if head.pos_ in {"NOUN", "PROPN"} and lemma not in ON_NOUNS:
        return LOCATIVE - {"on"}
    return LOCATIVE | DESTINATION if lemma in MOTION_VERBS else LOCATIVE


def _most_specific(prep: Any, place_of_token: dict[int, dict[str, Any]]
                   ) -> dict[str, Any] | None:
    """In one phrase, a town before a division before a country; among equals the one
    nearest the preposition in the tree ("in the Kadhimiya neighborhood of Baghdad")."""
    best: tuple[bool, int, int, int] | None = None
    chosen = None
    for token in _phrase(prep):
        place = place_of_token.get(token.i)
        if place is None or _demonym(token, place):
            continue
        # "Baghdad's Doura district": a possessor is the container
        depth, node, possessor = 0, token, False
        while node.i != prep.i and node.head.i != node.i:
            possessor = (possessor or node.dep_ == "poss"
                         or _names_container(node, place_of_token))
            node, depth = node.head, depth + 1
        rank = (_qualifies_a_thing(token, place, place_of_token), -specificity(place) + possessor,
                depth, token.i)
        if best is None or rank < best:
            best, chosen = rank, place
    return chosen


def _qualifies_a_thing(token: Any, place: dict[str, Any],
                       place_of_token: dict[int, dict[str, Any]]) -> bool:
    """"the Sadriya market in central Baghdad", "a U.S. patrol near X": a name that only
    qualifies a thing (a country, or a name the gazetteer does not know) yields to a place
    the phrase names outright."""
    node = token
    while place_of_token.get(node.head.i) is place and node.head.i != node.i:
        node = node.head
    head = node.head
    return (node.dep_ in {"compound", "amod", "nmod"} and head.pos_ == "NOUN"
            and not is_place_noun(head) and place.get("feature_code") in {None, "PCLI"})


def _names_container(node: Any, place_of_token: dict[int, dict[str, Any]]) -> bool:
    """Whether `node` qualifies a place noun that an "of" names, as the larger place: "the
    West Bank town of Jenin", "the Baghdad neighbourhood of Zafaraniya" (but "the Shaab
    neighbourhood of Baghdad" is Shaab's)."""
    head = node.head
    if node.dep_ not in {"compound", "amod", "nmod"} or not is_place_noun(head):
        return False
    named = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
             for g in c.children if g.dep_ == "pobj" and g.i in place_of_token]
    mine = place_of_token.get(node.i)
    if not named or mine is None or mine.get("feature_code") is None:  # unknown: small
        return False
    # "the Niger village of Abadam"; not "Bemal village of Hawul Local Government Area"
    town = head.lemma_.lower() in NAMED_BY_OF
    return _prominence(mine) + town > _prominence(place_of_token[named[0].i])


def _prominence(place: dict[str, Any]) -> int:
    return PROMINENCE.get(place.get("feature_code") or "", 1)


def _phrase(top: Any) -> list[Any]:
    """The tokens of the phrase under `top`, short of its own clauses and of phrases that
    name a participant, a source or a time ("an attack by gunmen from X")."""
    tokens = []
    stack = [top]
    while stack:
        node = stack.pop()
        tokens.append(node)
        stack += [c for c in node.children if c.dep_ not in OWN_CLAUSE_DEPS
                  and not (c.dep_ == "prep" and c.lower_ in NOT_PLACE_PREPS)]
    return tokens


def _demonym(token: Any, place: dict[str, Any]) -> bool:
    """"Iranian television" names a country only as an adjective: no event location."""
    country = place.get("feature_code") == "PCLI"
    # "the southern Aleppo districts": a name the tagger took for an adjective is no demonym
    named = not token.ent_type_ and token.text == place.get("name")
    return (token.pos_ == "ADJ" and not named) or (token.ent_type_ == "NORP" and country)


def specificity(place: dict[str, Any]) -> int:
    # a place the gazetteer does not know is a small one
    if place.get("feature_code") in ("PCLI", "CONT"):
        return 1
    return SPECIFICITY.get(place.get("feature_class") or "P", 1)
