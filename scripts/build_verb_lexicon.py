"""Build src/newsevents/data/lexicon/verbs.json from the PETRARCH 2 CAMEO verb dictionary.

    python scripts/build_verb_lexicon.py [--shared ../shared] [--out src/newsevents/data/lexicon]

Run scripts/build_ontology.py first: every code is checked against data/ontology/cameo.json.

The source (`kb/phoenix/CAMEO.2.0.txt`, MIT, Open Event Data Alliance) has synonym sets
(`&NAME` + `+member` lines), then verb blocks: `---  NAME  [code]  ---`, member verbs (with
their own `[code]`, irregular forms in `{...}`, phrasal verbs as `+ASK_FOR`), and patterns
`- <pre> * <post> [code] # verb` in which `*` is the verb, bare words are object nouns,
`{A B}` a multi-word noun, `(PREP NOUN)` a prepositional phrase, `&SET` a synonym set and
`$`/`+`/`^`/`%` slot markers. PETRARCH applies a block's patterns to every member verb.

Our schema keys verbs by lowercase lemma ("ask") or lemma and particle ("ask for"); a pattern
is one object (a list of alternative lemma phrases), one preposition and its object, and a
code. Patterns that do not fit are dropped and counted by reason:

- a noun before the verb (a constraint on the subject, which our matcher does not take),
- more than one object noun or more than one prepositional phrase,
- a reverse-only code such as `[:173]` (the recipient acts, not the subject),
- a code that is not CAMEO, or no lexical constraint at all (only slot markers).

A pattern that constrains only a preposition ("- * (ON) [020] # CALL") is an idiom of the
verb its comment names ("call on", "press on", "sue for"): it goes to that verb alone when the
verb is a member of the block. PETRARCH gave it to every member, so that "demanded on Thursday"
was a military attack (PRESS) and "telephoned him on Tuesday" an appeal (CALL).

The team's curated patterns (`scripts/data/verb_patterns_curated.json`, written from the CAMEO
codebook) are added last: they go before PETRARCH's patterns of the same verb, so that they win
ties of equal specificity, and replace a PETRARCH pattern with the same words; a verb they name
that the dictionary lacks ("hand over") is created (its default code, if any, is set in
`verbs_team.json`).

A first post-verb word that is a particle ("- * DOWN RIOT" under PUT) moves the pattern to the
phrasal verb ("put down": object "riot"). On a phrasal member whose particle is the
preposition of a pattern ("ask for" and "(FOR {FINANCIAL AID})"), the prepositional object
becomes the object. A verb listed in several blocks keeps its first non-null code and gets the
patterns of every block (PETRARCH used its first block only); of two patterns with the same
words in one block the later wins, as in PETRARCH.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from build_ontology import dump_json, input_hash
from newsevents.events.lexicon import norm  # the loader's own normal form
from newsevents.nlp.model import load_model, model_version

REPO = Path(__file__).resolve().parents[1]
# The notice of the dictionary's header (the repository's LICENSE has the same terms,
# "Copyright (c) 2014 Open Event Data"); MIT asks for it in every copy.
MIT_NOTICE = """Copyright (c) 2015 Open Event Data Alliance

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
(Repository LICENSE of openeventdata/petrarch2: same terms, Copyright (c) 2014 Open Event
Data.) Dictionary development was funded by the U.S. National Science Foundation (grants
SES89-10738, SES90-25130, SBR-9410023, SBE-0455158, SBE-0527564, SES-1004414, SES-1259190)."""
PARTICLES = {"up", "down", "out", "off", "back", "away", "forward", "over", "aside", "together"}
# Words that the file brackets as prepositions but that are particles: "CALL (UP &MILITARY)",
# "SHRUG (OFF SANCTIONS)", "SET (ASIDE RIFT)", "PULL (OUT)". "(OVER ...)" is a preposition.
PAREN_PARTICLES = {"up", "off", "down", "aside", "out"}
# Bare (unbracketed) prepositions of the older TABARI syntax: "- * CLAIM AGAINST +".
BARE_PREPS = {
    "to", "with", "for", "in", "on", "of", "against", "from", "by", "at", "into", "toward",
    "towards", "about", "after", "as", "between", "under", "through", "upon", "onto", "within",
}  # fmt: skip
ARTICLES = {"a", "an", "the"}
MARKERS = {"$", "+", "^", "%"}
_TOKEN = re.compile(r"\([^)]*\)|\{[^}]*\}|[^\s(){}]+")
_MEMBER = re.compile(r"^([^\s\[{]+)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?")


class Lemmatizer:
    """Lowercase lemmas from the product's own spaCy model, so they match what the coder sees."""

    def __init__(self) -> None:
        self.nlp = load_model()
        self.cache: dict[tuple[str, str], str] = {}

    def verb(self, word: str, base: bool = True) -> str:
        """Lemma of a member verb (`base`: listed in its base form) or of any verb form."""
        key = ("v" if base else "any", word)
        if key not in self.cache and not base:
            self.cache[key] = self.nlp(f"They {word.lower()} it.")[1].lemma_.lower()
        if key not in self.cache:
            # The file lists base forms, except in a few phrases ("+ANGERED_BY", "+IS_DETERMINED");
            # spaCy would also turn the base forms "better", "found" or "embed" into "well",
            # "find", "embe". So only visibly inflected words are lemmatised.
            prefix, _, last = word.lower().rpartition("-")
            lemma = last
            if last == "is" or (len(last) > 5 and last.endswith(("ed", "ing", "en"))):
                lemma = self.nlp(f"They {last} it.")[1].lemma_.lower()
            # spaCy splits "re-establish" into three tokens: the prefix stays as written.
            self.cache[key] = prefix + "-" * bool(prefix) + lemma
        return self.cache[key]

    def nouns(self, phrases: set[str]) -> None:
        todo = sorted(p for p in phrases if ("n", p) not in self.cache)
        # "the ..." makes the tagger read the phrase as a noun phrase, as in running text.
        for phrase, doc in zip(todo, self.nlp.pipe(f"the {p.lower()}" for p in todo), strict=True):
            self.cache[("n", phrase)] = norm(" ".join(t.lemma_ for t in doc[1:] if t.pos_ != "DET"))

    def noun(self, phrase: str) -> str:
        return self.cache[("n", phrase)]


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    name = ""
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("&"):
            name = line
            sets[name] = []
        elif line.startswith("+") and name:
            # A trailing "_" only stops PETRARCH's plural generation; lemmas make that moot.
            sets[name].append(line[1:].rstrip("_").replace("_", " ").strip())
    return sets


def expand(words: list[str], sets: dict[str, list[str]]) -> list[str]:
    """Alternative phrases of a noun given as words, each word possibly a `&SET`."""
    options = []
    for word in words:
        if word.startswith("&"):
            if word not in sets:
                raise KeyError(word)
            options.append(sets[word])
        else:
            options.append([word.replace("_", " ")])
    return [" ".join(combo) for combo in itertools.product(*options)]


def _nouns(tokens: list[str]) -> list[list[str]]:
    """Nouns of a pattern segment: `{A B}` is one noun of several words, a bare word is one."""
    nouns = []
    for tok in tokens:
        words = [w for w in tok.strip("{}").split() if w not in MARKERS]
        if words and not (len(words) == 1 and words[0].lower() in ARTICLES):
            nouns.append(words)
    return nouns


def parse_pattern(line: str, sets: dict[str, list[str]], preps: set[str]) -> tuple[Any, str]:
    """([(particle, objects, prep, prep_objects)], code, source verb) or (None, why dropped)."""
    body, _, comment = line[1:].partition("#")
    source = comment.split()[0].upper() if comment.split() else ""
    codes = re.findall(r"\[([^\]]*)\]", body)
    if not codes or "*" not in body:
        return None, "unparsable"
    code = codes[-1].split(":")[0].strip()
    if not code:
        return None, "reverse-only code"
    pre, _, post = body[: body.rindex("[")].partition("*")
    if any(w not in MARKERS for w in pre.split()):
        return None, "subject constraint"
    particle = None
    nouns: list[list[str]] = []
    phrases: list[tuple[str, list[str]]] = []  # (preposition, the tokens it governs)
    for i, tok in enumerate(t for t in _TOKEN.findall(post) if t not in MARKERS):
        word = tok.lower()
        if tok.startswith("("):
            inner = _TOKEN.findall(tok[1:-1])
            head = inner[0].lower() if inner else ""
            if i == 0 and head in PAREN_PARTICLES:  # "(UP &MILITARY)": call up the military
                particle = head
                nouns.extend(_nouns(inner[1:]))
            elif all(p in preps for p in head.split("/")) and head:
                phrases.append((head, inner[1:]))
            else:
                return None, "unparsable prepositional phrase"
        elif i == 0 and word in PARTICLES:
            particle = word
        elif word in BARE_PREPS:  # TABARI style "CLAIM AGAINST +": the words after it are its
            phrases.append((word, []))
        elif phrases and not phrases[-1][1] and not tok.startswith("("):
            phrases[-1][1].append(tok)
        else:
            nouns.extend(_nouns([tok]))
    prep_nouns = [_nouns(toks) for _, toks in phrases]
    if len(nouns) > 1 or len(phrases) > 1 or any(len(n) > 1 for n in prep_nouns):
        return None, "several objects or prepositions"
    if not (particle or nouns or phrases):
        return None, "no lexical constraint"
    try:
        objects = expand(nouns[0], sets) if nouns else []
        prep_objects = expand(prep_nouns[0][0], sets) if phrases and prep_nouns[0] else None
    except KeyError:
        return None, "undefined synonym set"
    # "(BY/WITH PROTEST)": one pattern per preposition
    alternatives = phrases[0][0].split("/") if phrases else [None]
    pats = [(particle, objects, prep, prep_objects) for prep in alternatives]
    return (pats, None if code == "---" else code, source), ""


def parse_member(line: str) -> tuple[str, str | None, str | None] | None:
    """(verb word, particle words or None, code or "" for the block's code), None to skip."""
    m = _MEMBER.match(line.split("#", 1)[0].strip())
    if m is None:
        return None
    word, code = m.group(1), (m.group(3) or "")[1:-1]
    particle = None
    if "_" in word:
        parts = word.split("_")
        # Only "+VERB_REST" forms are phrasal verbs; "KILLED_AND" and the like are TABARI
        # leftovers that matched word sequences, not verbs.
        if not parts[0].startswith("+") or {p.upper() for p in parts[1:]} & {"AND", "OR"}:
            return None
        word, particle = parts[0][1:], " ".join(parts[1:]).lower()
    return word.lstrip("+"), particle, code


def add_curated(
    verbs: dict[str, dict[str, Any]],
    curated: dict[str, Any],
    lemmas: Lemmatizer,
    stats: Counter[str],
) -> None:
    """Put the team's patterns before PETRARCH's (they win ties), replacing equal ones."""
    specs = [(key, spec) for key, spec in curated.items()]
    lemmas.nouns({o for _, spec in specs for p in spec["patterns"] for o in _curated_nouns(p)})
    for key, spec in specs:
        particle = key.split(" ", 1)[1] if " " in key else None
        entry = verbs.setdefault(key, {"code": None, "particle": particle, "pats": {}})
        ours: dict[tuple[Any, ...], str | None] = {}
        for pat in spec["patterns"]:
            obj = tuple(sorted({lemmas.noun(o) for o in pat.get("object", [])}))
            pobj = pat.get("prep_object")
            pobj = tuple(sorted({lemmas.noun(o) for o in pobj})) if pobj else None
            ours[(obj, pat.get("prep"), pobj)] = pat["code"]
            stats["curated patterns added"] += 1
        rest = {k: c for k, c in entry["pats"].items() if k not in ours}
        stats["PETRARCH patterns replaced by curated ones"] += len(entry["pats"]) - len(rest)
        entry["pats"] = {**ours, **rest}


def _curated_nouns(pattern: dict[str, Any]) -> list[str]:
    return [*pattern.get("object", []), *(pattern.get("prep_object") or [])]


def _patterns_for(patterns: list[Any], lemma: str, lemmas: Any) -> list[Any]:
    """A block's patterns for one of its verbs. Of two with the same words the later wins,
    as in PETRARCH, unless the earlier was written for this verb (its comment names it): the
    block of ARREST and CAPTURE has "- * MEMBERS [173] # ARREST" and then "- * MEMBERS [181]
    # CAPTURE", so "arrested members" is an arrest and "captured members" an abduction."""

    def own(pattern: Any) -> bool:
        return bool(pattern[5]) and lemmas.verb(pattern[5], base=False) == lemma

    chosen: dict[Any, Any] = {}
    for pattern in patterns:
        key = (pattern[0], tuple(pattern[1]), pattern[2], tuple(pattern[3] or ()))
        held = chosen.get(key)
        if held is None or own(pattern) or not own(held):
            chosen[key] = pattern
    return list(chosen.values())


def build(
    text: str,
    cameo: set[str],
    preps: set[str],
    lemmas: Lemmatizer,
    curated: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], dict[str, Any], Counter[str]]:
    lines = text.splitlines()
    start = next(i for i, s in enumerate(lines) if s.startswith("####### VERB PATTERNS"))
    end = next(i for i, s in enumerate(lines) if s.startswith("######## TRANSFORMATIONS"))
    sets = read_synsets(lines[:start])
    stats: Counter[str] = Counter()

    blocks: list[dict[str, Any]] = []
    for raw in lines[start + 1 : end]:
        line = raw.rstrip()
        if line.startswith("---"):
            code = re.search(r"\[([^\]]*)\]", line)
            blocks.append({"code": code.group(1) if code else "---", "members": [], "pats": []})
        elif line.startswith("-") and blocks:
            stats["patterns read"] += 1
            parsed, reason = parse_pattern(line, sets, preps)
            if parsed is not None and parsed[1] is not None and parsed[1] not in cameo:
                parsed, reason = None, "code not in CAMEO"
            if parsed is None:
                stats[f"patterns dropped: {reason}"] += 1
            else:
                pats, pcode, source = parsed
                blocks[-1]["pats"].extend((*pat, pcode, source) for pat in pats)
        elif line.strip() and not line.lstrip().startswith("#") and blocks:
            member = parse_member(line)
            if member is None:
                stats["verbs skipped: word sequences"] += 1
            else:
                blocks[-1]["members"].append(member)

    for block in blocks:
        unique = {(p[0], tuple(p[1]), p[2], tuple(p[3] or ())) for p in block["pats"]}
        stats["patterns dropped: repeated in the block"] += len(block["pats"]) - len(unique)
    lemmas.nouns({p for b in blocks for pat in b["pats"] for p in [*pat[1], *(pat[3] or [])]})
    verbs: dict[str, dict[str, Any]] = {}
    defined: set[str] = set()
    for block in blocks:
        members = {lemmas.verb(word) for word, _, _ in block["members"]}
        for word, member_particle, member_code in block["members"]:
            lemma = lemmas.verb(word)
            key = f"{lemma} {member_particle}" if member_particle else lemma
            code = (member_code or block["code"]).split(":")[0].strip() or "---"
            if code not in cameo and code != "---":
                stats["verb codes not in CAMEO (set to null)"] += 1
                code = "---"
            entry = verbs.setdefault(key, {"code": None, "particle": member_particle, "pats": {}})
            # A verb in several blocks (38 in the file) keeps the first code that is not null
            # and gets the patterns of all its blocks; PETRARCH used the first block only.
            if key in defined:
                stats["verbs listed in more than one block (merged)"] += 1
            if key not in defined or entry["code"] is None:
                entry["code"] = None if code == "---" else code
            defined.add(key)
            for particle, objects, prep, prep_objects, pcode, source in _patterns_for(
                block["pats"], lemma, lemmas
            ):
                target = entry
                own = lemmas.verb(source, base=False) if source else ""
                bare = prep and not (particle or objects or prep_objects)
                if bare and own in members and own != lemma:  # an idiom of its own verb
                    stats["bare-preposition patterns kept to their own verb"] += 1
                    continue
                if particle:
                    # "- * DOWN RIOT [175] # PUT" is "put down", not "arrange down": a particle
                    # goes with the verb the pattern was written for (the comment), if listed.
                    if member_particle or (own in members and own != lemma):
                        continue
                    target = verbs.setdefault(
                        f"{lemma} {particle}", {"code": None, "particle": particle, "pats": {}}
                    )
                elif member_particle and prep == member_particle:
                    objects, prep, prep_objects = prep_objects or [], None, None
                if not (objects or prep):
                    # "- * DOWN [175]": the phrasal verb's code, unless a member line gave one
                    if target is not entry and target["code"] is None:
                        target["code"] = pcode
                    continue
                obj = tuple(sorted({lemmas.noun(o) for o in objects}))
                pobj = (
                    tuple(sorted({lemmas.noun(o) for o in prep_objects})) if prep_objects else None
                )
                target["pats"].setdefault((obj, prep, pobj), pcode)  # earlier blocks win

    if curated:
        add_curated(verbs, curated, lemmas, stats)
    out: dict[str, Any] = {}
    sets: dict[str, str] = {}  # pattern list as JSON -> its id in "pattern_sets"
    pattern_sets: dict[str, Any] = {}
    for key in sorted(verbs):
        entry = verbs[key]
        patterns = [
            {"object": list(obj), "prep": prep, "prep_object": list(pobj) if pobj else None,
             "code": code}
            for (obj, prep, pobj), code in entry["pats"].items()
        ]  # fmt: skip
        if entry["code"] is None and all(p["code"] is None for p in patterns):
            stats["verbs skipped: no code at all"] += 1
            continue
        # PETRARCH gives every member of a block the block's patterns: store each distinct
        # list once and let the verbs name it, instead of repeating it per verb (12x smaller)
        ref: Any = patterns
        if patterns:
            listed = json.dumps(patterns, sort_keys=True)
            if listed not in sets:
                sets[listed] = f"p{len(sets) + 1}"
                pattern_sets[sets[listed]] = patterns
                stats["patterns written"] += len(patterns)
            ref = sets[listed]
        out[key] = {"code": entry["code"], "particle": entry["particle"], "patterns": ref}
    stats["verbs written"] = len(out)
    stats["pattern sets written"] = len(pattern_sets)
    return out, pattern_sets, stats


def read_curated(path: Path, cameo: set[str]) -> dict[str, Any]:
    """The team's verb patterns, checked: lowercase keys, CAMEO (or null) codes, a reason."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for field in ("source", "version", "licence"):
        if not data.get(field):
            raise ValueError(f"{path.name}: needs a {field!r}")
    verbs = data.get("verbs")
    if not isinstance(verbs, dict) or not verbs:
        raise ValueError(f"{path.name}: needs a non-empty 'verbs' object")
    for key, spec in verbs.items():
        pats = spec.get("patterns") if isinstance(spec, dict) else None
        if key != norm(key) or not isinstance(pats, list) or not pats:
            raise ValueError(f"{path.name}: {key!r} needs a lowercase key and patterns")
        for pat in pats:
            if pat.get("code") is not None and pat["code"] not in cameo:
                raise ValueError(f"{path.name}: {key!r}: {pat['code']!r} is not CAMEO")
            if not (pat.get("object") or pat.get("prep")) or not pat.get("why"):
                raise ValueError(f"{path.name}: {key!r}: a pattern needs words and a 'why'")
    return verbs


def curated_version(path: Path) -> str:
    return str(json.loads(path.read_text(encoding="utf-8"))["version"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=REPO / "src/newsevents/data/lexicon")
    args = ap.parse_args(argv)
    src = args.shared / "kb/phoenix/CAMEO.2.0.txt"
    cameo_table = REPO / "src/newsevents/data/ontology/cameo.json"
    cameo = set(json.loads(cameo_table.read_text(encoding="utf-8"))["codes"])
    text = src.read_text(encoding="utf-8")
    # The prepositions that PETRARCH itself knows (same repository and licence).
    prep_file = args.shared / "kb/phoenix/Phoenix.prepositions.txt"
    preps = {w.strip().lower() for w in prep_file.read_text(encoding="utf-8").split()}
    curated_file = REPO / "scripts/data/verb_patterns_curated.json"
    curated = read_curated(curated_file, cameo)
    inputs = (src, prep_file, curated_file, Path(__file__))
    verbs, pattern_sets, stats = build(text, cameo, preps, Lemmatizer(), curated)
    data = {
        "source": "PETRARCH 2 CAMEO verb pattern dictionary CAMEO.2.0.txt (openeventdata/"
        "petrarch2, commit 676801cd9cb2924bbbad09f86d15c9323e7097bf, last update 30 April "
        "2015) with its preposition list Phoenix.prepositions.txt, converted to lemmas, "
        "objects and prepositions by scripts/build_verb_lexicon.py; with the newsevents "
        "team's curated patterns (scripts/data/verb_patterns_curated.json, MIT, version "
        f"{curated_version(curated_file)}) from the CAMEO 1.1b3 codebook",
        # The output depends on the sources, this converter and the lemmatiser.
        "version": f"2015-04-30+{input_hash(*inputs)}+{model_version()}",
        "licence": "MIT. " + MIT_NOTICE,
        "verbs": verbs,
        "pattern_sets": pattern_sets,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    text_out = dump_json(data)
    json.loads(text_out)
    (args.out / "verbs.json").write_text(text_out, encoding="utf-8")
    for key, count in sorted(stats.items()):
        print(f"{key}: {count}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
