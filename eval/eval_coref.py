"""Evaluate in-document coreference of people (`actors.coref`) on the GUM news documents.

Gold: `shared/gold/coref_el/gum/gum_conll/GUM_news_*.conll` (24 Wikinews articles, GUM's
entity and coreference annotation with Wikipedia identities; `wiki_map.tab` maps titles to
Wikidata ids). The brackets of the last column open and close mentions labelled
`type-id[-Wikipedia_title]`.

Setting: gold mentions. Every gold mention of type `person` is given, in document order, to
`DocumentActors.link` (with the document's date, inferred from its text); the system decides
which earlier person each one refers to. Scored are the chains that contain a named person:
a chain with a mention whose words, after a leading article, are all capitalised and not all
titles or pronouns ("Donald Trump", "President Trump", "the Taliban"; not "the President",
not "he"). Both the gold and the system clusters are restricted to the mentions of those
chains (a link to any other mention is neither rewarded nor punished).

Metrics (over all 24 documents; `--split dev|test|train` for the GUM split's documents):
- `muc_f1` (Vilain et al. 1995) and `b3_f1` (Bagga and Baldwin 1998), with precision and recall;
- `wiki_identity_accuracy`: of the scored chains with a gold Wikipedia identity, the share whose
  system person is the same person: the Wikidata id when the actor tables have one, else first
  and last name agree; `wiki_identity_precision`: the same count over the chains the system
  gave an identity at all.

Usage: python eval/eval_coref.py [--shared ../shared] [--split dev] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.actors import default_resolver
from newsevents.actors.coref import (
    OTHER_PRONOUNS,
    PERSON_PRONOUNS,
    TITLE_WORDS,
    DocumentActors,
    Link,
    Person,
)
from newsevents.actors.kb import name_parts, tokenize
from newsevents.ingest.docdate import infer_date

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GUM = ("gold", "coref_el", "gum")
_PIECES = re.compile(r"\(|\)|[^()]+")
_ARTICLES = frozenset({"the", "a", "an"})


@dataclass
class Mention:
    start: int  # token index in the document
    end: int  # exclusive
    entity: str
    kind: str
    wiki: str | None
    text: str = ""


@dataclass
class Document:
    name: str
    tokens: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def parse_label(label: str) -> tuple[str, str, str | None]:
    """'person-22-Donald_Trump' -> ('person', '22', 'Donald_Trump')."""
    kind, _, rest = label.partition("-")
    number, _, wiki = rest.partition("-")
    return kind, number, wiki or None


def read_conll(path: Path) -> Document:
    doc = Document(path.stem)
    open_mentions: list[tuple[str, int]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        _, token, brackets = line.split("\t")
        i = len(doc.tokens)
        doc.tokens.append(token)
        pieces = _PIECES.findall(brackets) if brackets != "_" else []
        k = 0
        while k < len(pieces):
            if pieces[k] == "(":
                label = pieces[k + 1]
                if k + 2 < len(pieces) and pieces[k + 2] == ")":
                    doc.mentions.append(Mention(i, i + 1, *_entity(label)))
                    k += 3
                    continue
                open_mentions.append((label, i))
                k += 2
                continue
            if pieces[k] != ")":  # "label)" closes the latest open mention of that label
                label = pieces[k]
                at = max(j for j, (lab, _) in enumerate(open_mentions) if lab == label)
                _, start = open_mentions.pop(at)
                doc.mentions.append(Mention(start, i + 1, *_entity(label)))
            k += 1
    doc.mentions.sort(key=lambda m: (m.start, -m.end))
    for mention in doc.mentions:
        mention.text = " ".join(doc.tokens[mention.start : mention.end]).replace(" 's", "'s")
    return doc


def _entity(label: str) -> tuple[str, str, str | None]:
    kind, number, wiki = parse_label(label)
    return number, kind, wiki


def detokenize(tokens: list[str]) -> str:
    """GUM's tokens as running text ("July 21 , 2017" -> "July 21, 2017"), for the date."""
    return re.sub(r" ([,.;:!?)'])", r"\1", " ".join(tokens))


def is_name(mention: Mention) -> bool:
    """All words capitalised (after a leading article), not all titles or pronouns."""
    words = [t for t in tokenize(mention.text) if t.key.isalpha()]
    while words and words[0].key in _ARTICLES:
        words = words[1:]
    if not words or not all(w.text[:1].isupper() for w in words):
        return False
    pronouns = PERSON_PRONOUNS | OTHER_PRONOUNS
    return any(w.key not in TITLE_WORDS and w.key not in pronouns for w in words)


# ---------------------------------------------------------------------------------------------
# Scores


def muc(key: list[set[int]], response: dict[int, int]) -> tuple[float, float]:
    """(numerator, denominator) of MUC recall of `key` chains against a mention -> cluster map
    (mentions without a cluster are singletons)."""
    num = den = 0
    for chain in key:
        parts = {response.get(m, -1 - m) for m in chain}
        num += len(chain) - len(parts)
        den += len(chain) - 1
    return num, den


def b3(key: dict[int, int], response: dict[int, int]) -> tuple[float, float]:
    """Summed B3 precision and recall over the mentions of `key` (mention -> chain)."""
    key_sets: dict[int, set[int]] = {}
    resp_sets: dict[int, set[int]] = {}
    for m in key:
        key_sets.setdefault(key[m], set()).add(m)
        resp_sets.setdefault(response.get(m, -1 - m), set()).add(m)
    precision = recall = 0.0
    for m in key:
        k, r = key_sets[key[m]], resp_sets[response.get(m, -1 - m)]
        both = len(k & r)
        precision += both / len(r)
        recall += both / len(k)
    return precision, recall


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# ---------------------------------------------------------------------------------------------


def load_wiki_map(folder: Path) -> dict[str, str]:
    out = {}
    for line in (folder / "wiki_map.tab").read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 3 and parts[2].startswith("Q"):
            out[parts[1]] = parts[2]
    return out


def split_documents(folder: Path, split: str) -> set[str]:
    text = (folder / "splits.md").read_text(encoding="utf-8")
    section = text.split(f"## {split}\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"\*\s+(\S+)", section))


def same_person(title: str, actor: Any, wiki_map: dict[str, str]) -> bool:
    qid = wiki_map.get(title)
    if qid and actor.wikidata:
        return bool(qid == actor.wikidata)
    gold = name_parts(tokenize(title.replace("_", " ")))
    mine = name_parts(tokenize(actor.name or ""))
    return bool(gold and mine and gold[0] == mine[0] and gold[-1] == mine[-1])


def evaluate(
    shared_dir: Path, *, split: str | None = None, verbose: bool = False
) -> dict[str, Any]:
    folder = shared_dir.joinpath(*GUM)
    wiki_map = load_wiki_map(folder)
    wanted = split_documents(folder, split) if split else None
    resolver = default_resolver()
    totals = Counter[str]()
    details = []
    for path in sorted((folder / "gum_conll").glob("GUM_news_*.conll")):
        doc = read_conll(path)
        if wanted is not None and doc.name not in wanted:
            continue
        scores, detail = score_document(doc, resolver, wiki_map)
        totals.update(scores)
        details.append(detail)
    muc_p = totals["muc_p_num"] / totals["muc_p_den"] if totals["muc_p_den"] else 0.0
    muc_r = totals["muc_r_num"] / totals["muc_r_den"] if totals["muc_r_den"] else 0.0
    b3_p = totals["b3_p"] / totals["mentions"] if totals["mentions"] else 0.0
    b3_r = totals["b3_r"] / totals["mentions"] if totals["mentions"] else 0.0
    metrics: dict[str, Any] = {
        "muc_precision": round(muc_p, 4), "muc_recall": round(muc_r, 4),
        "muc_f1": round(f1(muc_p, muc_r), 4),
        "b3_precision": round(b3_p, 4), "b3_recall": round(b3_r, 4),
        "b3_f1": round(f1(b3_p, b3_r), 4),
        "wiki_identity_accuracy": round(totals["wiki_right"] / totals["wiki_chains"], 4)
        if totals["wiki_chains"] else 0.0,
        "wiki_identity_precision": round(totals["wiki_right"] / totals["wiki_given"], 4)
        if totals["wiki_given"] else 0.0,
        "documents": len(details), "chains": totals["chains"], "mentions": totals["mentions"],
        "wiki_chains": totals["wiki_chains"],
    }  # fmt: skip
    if verbose:
        metrics["documents_detail"] = details
    return metrics


def score_document(
    doc: Document, resolver: Any, wiki_map: dict[str, str]
) -> tuple[Counter[str], dict[str, Any]]:
    people = [m for m in doc.mentions if m.kind == "person"]
    actors = DocumentActors(resolver, infer_date(detokenize(doc.tokens)))
    response: dict[int, int] = {}
    links = []
    for i, mention in enumerate(people):
        link = actors.link(mention.text, named=is_name(mention))
        links.append(link)
        if link.person is not None:
            response[i] = link.person.id
    chains: dict[str, list[int]] = {}
    for i, mention in enumerate(people):
        chains.setdefault(mention.entity, []).append(i)
    named = {e: ms for e, ms in chains.items() if any(is_name(people[i]) for i in ms)}
    key = {i: n for n, ms in enumerate(named.values()) for i in ms}
    kept = {i: c for i, c in response.items() if i in key}
    scores = Counter[str]()
    scores["muc_r_num"], scores["muc_r_den"] = muc([set(ms) for ms in named.values()], kept)
    system_chains: dict[int, set[int]] = {}
    for i, c in kept.items():
        system_chains.setdefault(c, set()).add(i)
    scores["muc_p_num"], scores["muc_p_den"] = muc(list(system_chains.values()), key)
    scores["b3_p"], scores["b3_r"] = b3(key, kept)
    scores["mentions"], scores["chains"] = len(key), len(named)
    wrong = []
    for ms in named.values():
        title = next((people[i].wiki for i in ms if people[i].wiki), None)
        if title is None:
            continue
        scores["wiki_chains"] += 1
        person = _chain_person([links[i] for i in ms])
        if person is None or person.actor is None:
            wrong.append(f"{title}: none")
            continue
        scores["wiki_given"] += 1
        if same_person(title, person.actor, wiki_map):
            scores["wiki_right"] += 1
        else:
            wrong.append(f"{title}: {person.actor.name}")
    detail = {"document": doc.name, "chains": len(named), "mentions": len(key),
              "identity_misses": wrong}  # fmt: skip
    return scores, detail


def _chain_person(links: list[Link]) -> Person | None:
    """The system's person for a gold chain: the one most of its mentions were linked to,
    among those the actor tables know."""
    known = [link.person for link in links if link.person and link.person.actor]
    if not known:
        return None
    votes = Counter(person.id for person in known)
    return next(p for p in known if p.id == votes.most_common(1)[0][0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--split", choices=("train", "dev", "test"), help="GUM split only")
    parser.add_argument("--verbose", action="store_true", help="per-document details")
    args = parser.parse_args(argv)
    if not args.shared.joinpath(*GUM, "gum_conll").is_dir():
        print(f"no evaluation data under {args.shared}", file=sys.stderr)
        return 2
    metrics = evaluate(args.shared, split=args.split, verbose=args.verbose)
    print(json.dumps(metrics, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
