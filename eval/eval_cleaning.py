"""Evaluate the scraped-noise cleaner on noise injected into real article texts.

The evaluation set is built in memory, deterministically (`random.Random(seed)`): the article
texts of `shared/corpus/news_articles.jsonl` get, between paragraphs, 1-4 photo units
(optional name line + caption + credit, or a caption with its credit on the same line; the
seed article has three in 3 KB), a standalone credit in 40% of articles, 0-2 share / ad /
related lines, a byline on top in 15% and a wire / "Source link" / "Comments are closed." tail
in 60%. A unit gets a blank line above and below with probability 0.75 each, so it is often
glued to a paragraph; the tail uses 1-3 blank lines and often has no final newline. About one
article in seven is left unmodified. Names, captions and credits come from the lists below.

Metric (characters, micro-averaged over the whole set). The *target* is every injected noise
line including its line terminator; blank lines added for spacing are not targets. The
*removed* characters are the union of the cleaner's `Removal` spans.

    precision = |removed ∩ target| / |removed|      recall = |removed ∩ target| / |target|

`false_positive_chars` counts article-original characters removed. The corpus contains real
noise lines of its own (photo credits, "Follow X on Twitter" lines, ...): removing them counts
against precision here; `--verbose` lists the most common false-positive lines to inspect.

Usage: python eval/eval_cleaning.py [--shared ../shared] [--seed 13] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from itertools import accumulate
from pathlib import Path
from typing import Any

from newsevents.ingest.clean import clean_text

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ORIGINAL, SPACE = "original", "space"  # piece labels; any other label is a noise kind


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words("""
Anna Maria Elena Sofia Laura Nadia Irina Fatima Leila Yasmin Olga Hannah Claire Aisha Mei
Priya Ingrid Carmen Lucia Daniel Ivan Sergei Omar Ahmed Mehmet Hasan Pierre Lukas Jonas Pavel
Tomas Diego Carlos Kenji Wei Rahul Samuel Peter Michael David Javier Yusuf Dmitri Andrei Ali Reza
Emre Marco Stefan Grace""")
LAST = [
    *_words("""
Petrova Novak Kowalski Haddad Rahimi Yilmaz Demir Kaya Moreau Dubois Schmidt Weber Fischer
Ivanov Sokolov Kuznetsov Hassan Nasser Karimi Tanaka Sato Chen Wang Li Kumar Sharma Garcia Lopez
Martinez Rossi Bianchi Jensen Larsen Nowak Horvat Popescu Georgiou Okafor Mensah Brennan Walsh
Fletcher Harrington Lindqvist O'Neill Castillo Romero"""),
    "Van der Berg",
    "al-Hashimi",
]
TITLES = [
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Defense Minister",
    "Interior Minister",
    "Finance Minister",
    "Chancellor",
    "Senator",
    "Governor",
    "Mayor",
    "Ambassador",
    "General",
    "Opposition leader",
    "government spokeswoman",
    "Energy Minister",
    "Parliament Speaker",
]
COUNTRIES = [
    ("Russia", "Russian"),
    ("Turkey", "Turkish"),
    ("Iran", "Iranian"),
    ("Ukraine", "Ukrainian"),
    ("France", "French"),
    ("Germany", "German"),
    ("China", "Chinese"),
    ("Israel", "Israeli"),
    ("Egypt", "Egyptian"),
    ("India", "Indian"),
    ("Brazil", "Brazilian"),
    ("Poland", "Polish"),
    ("Japan", "Japanese"),
    ("Syria", "Syrian"),
    ("Italy", "Italian"),
    ("Kenya", "Kenyan"),
    ("Mexico", "Mexican"),
    ("Canada", "Canadian"),
    ("Qatar", "Qatari"),
    ("Hungary", "Hungarian"),
]
CITIES = _words("""
Ankara Istanbul Tehran Moscow Kyiv Paris Berlin Beijing Cairo Warsaw Tokyo Damascus Rome
Nairobi Ottawa Geneva Vienna Brussels Doha Washington London Budapest Madrid Lisbon""")
PLACES = [
    "parliament building",
    "presidential palace",
    "foreign ministry",
    "city hall",
    "central bank",
    "embassy",
    "supreme court",
    "national stadium",
]
TOPICS = [
    "grain exports",
    "the nuclear deal",
    "energy prices",
    "the border dispute",
    "a ceasefire",
    "refugee flows",
    "sanctions relief",
    "the peace plan",
]
ORGS = ["NATO", "G20", "United Nations", "European Union", "Red Cross", "World Bank"]
MONTHS = [
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Jul.",
    "Jun.",
]

CAPTIONS = [
    "{full} speaks during a news conference in {city} on {date}.",
    "{last} greets supporters at a rally in {city}, {country}, on {date}.",
    "{adj} {title} {full} arrives for a summit in {city} on {date}.",
    "{last} will travel to {city} for talks with his counterpart.",
    "This will be the first visit by {last} to {country} since {year}.",
    "{full} (left) shakes hands with {other} during a meeting in {city}.",
    "{last} attends a ceremony marking the anniversary of the founding of the republic in {city} "
    "on {date}",
    "{full} looks on during a session of parliament in {city}, {date}.",
    "Protesters hold placards during a demonstration outside the {place} in {city} on {date}.",
    "A view shows buildings damaged by shelling in {city} on {date}.",
    "Supporters of {full} wave flags as they gather in central {city}.",
    "{last} is expected to discuss {topic} with {other} during the visit.",
    "Members of the security forces stand guard near the {place} in {city}.",
    "{full}, center, poses for a family photo with leaders at the {org} summit in {city} on "
    "{date}.",
    'Demonstrators hold a banner reading "No to war" in {city} on {date}.',
    "{title} {last} has faced mounting criticism over {topic}.",
    "The two leaders are scheduled to meet later this week in {city}.",
    "Rescue workers search the rubble of a collapsed building in {city}, {country}, {date}.",
    "{full} delivers a speech at the {org} headquarters in {city}",
    "He visited {country} late last month for the first time in {n} years.",
    "{full} and {other} review an honor guard in {city}. The two sides signed {n} agreements.",
]
CREDITS = [
    "Reuters/{pf} {pl}",
    "REUTERS/{pf} {pl}",
    "AP/{pf} {pl}",
    "AP Photo/{pf} {pl}",
    "(AP Photo/{pf} {pl})",
    "AP Photo/{pf} {pl}, File",
    "AFP via Getty Images/ {pf} {pl}",
    "{PF} {PL}/AFP via Getty Images",
    "Getty Images",
    "{pf} {pl}/Getty Images",
    "(Photo by {pf} {pl}/Getty Images)",
    "Photo: {pf} {pl}/AP",
    "Credit: {pf} {pl}/Reuters",
    "EPA-EFE/{PF} {PL}",
    "{pf} {pl}/EPA-EFE/Shutterstock",
    "Anadolu Agency via Getty Images",
    "SOPA Images/LightRocket via Getty Images",
    "Bloomberg via Getty Images",
    "Xinhua/{pf} {pl}",
    "TASS/{pf} {pl}",
    "Sputnik/{pf} {pl}/Kremlin via Reuters",
    "NurPhoto via Getty Images",
    "Courtesy of {pf} {pl}",
    "Courtesy of the {org}",
    "Shutterstock",
    "@{handle}/Twitter",
    "{pf} {pl} for The Washington Post",
    "Getty Images for {org}",
    "Pool/AFP via Getty Images",
    "Handout/Reuters",
    "{pf} {pl}/ZUMA Press Wire",
    "Imago/{pf} {pl}",
    "AFP",
    "Reuters",
    "dpa/picture alliance via Getty Images",
    "{pf} {pl} | AP",
    "{pf} {pl}/NurPhoto via Getty Images",
    "Kremlin Press Service/Handout via Reuters",
    "{PF} {PL}/POOL/AFP via Getty Images",
    "Photograph: {pf} {pl}/EPA",
    "Image source, Getty Images",
    "Photo illustration by {pf} {pl}",
    "{pf} {pl}/Sipa USA",
    "{pf} {pl}/Bloomberg",
    "Photo credit: {pf} {pl}",
    "{pf} {pl}/The New York Times",
    "{pf} {pl}\\TASS via Getty Images",
    "(REUTERS/{pf} {pl}/File Photo)",
    "Handout via REUTERS",
    "{pf} {pl} / AFP",
    "{pf} {pl}/Anadolu Agency/Getty Images",
    "[Photo: {pf} {pl}/AFP]",
]
INLINE_CREDITS = [
    "REUTERS/{pf} {pl}",
    "(AP Photo/{pf} {pl})",
    "(Photo by {pf} {pl}/Getty Images)",
    "Photo: {pf} {pl}/AFP",
]
HEADLINES = [
    "{country} and {other_country} agree to resume talks",
    "{title} {last} visits {city}",
    "What {topic} means for {country}",
    "Inside the race to lead {country}",
]
MIDDLE = {
    "share": [
        "Share this article",
        "Share on Facebook",
        "Share on Twitter",
        "Tweet",
        "Email",
        "Copy link",
        "Print",
        "Facebook Twitter Email",
        "Share",
        "Share this:",
    ],
    "advertisement": [
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Continue reading the main story",
        "Article continues below",
    ],
    "related": [
        "RELATED: {headline}",
        "Related Articles",
        "READ MORE: {headline}",
        "SEE ALSO: {headline}",
        "Click here to read more about {topic}.",
        "Sign up for our Morning Briefing newsletter",
        "Follow us on Twitter and Facebook",
        "Related: {headline}",
        "Read more: {headline}",
    ],
}
END = {
    "wires": [
        "With Post wires",
        "— With Post wires",
        "With wire services",
        "Additional reporting by {pf} {pl} in {city}",
    ],
    "tail": [
        "Source link",
        "Comments are closed.",
        "Filed under {topic}",
        "Additional reporting by {pf} {pl}; Editing by {f} {last}",
    ],
}
BYLINES = ["By {pf} {pl}", "By {PF} {PL}, Associated Press", "By {pf} {pl} and {f} {last}"]


def _fill(rng: random.Random, template: str) -> str:
    """Fill a template with a fresh random person, photographer, place and date."""
    country, adj = rng.choice(COUNTRIES)
    first, last, pf, pl = rng.choice(FIRST), rng.choice(LAST), rng.choice(FIRST), rng.choice(LAST)
    values = {
        "f": first,
        "last": last,
        "full": f"{first} {last}",
        "title": rng.choice(TITLES),
        "adj": adj,
        "country": country,
        "other_country": rng.choice(COUNTRIES)[0],
        "city": rng.choice(CITIES),
        "place": rng.choice(PLACES),
        "topic": rng.choice(TOPICS),
        "org": rng.choice(ORGS),
        "other": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "date": rng.choice(
            [
                f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2015, 2024)}",
                rng.choice(["Monday", "Tuesday", "Friday", "Sunday"]),
            ]
        ),
        "year": str(rng.randint(2005, 2021)),
        "n": str(rng.randint(2, 12)),
        "pf": pf,
        "pl": pl,
        "PF": pf.upper(),
        "PL": pl.upper(),
        "handle": f"{pf.lower()}{rng.randint(1, 99)}",
    }
    values["headline"] = rng.choice(HEADLINES).format(**values)
    return template.format(**values)


def _photo_unit(rng: random.Random) -> list[str]:
    country, adj = rng.choice(COUNTRIES)
    first, last, title = rng.choice(FIRST), rng.choice(LAST), rng.choice(TITLES)
    person = {"full": f"{first} {last}", "last": last, "title": title, "adj": adj}
    caption = _fill(
        rng,
        rng.choice(CAPTIONS)
        .replace("{full}", person["full"])
        .replace("{last}", last)
        .replace("{title}", title)
        .replace("{adj}", adj),
    )
    caption = caption[0].upper() + caption[1:]
    lines = []
    if rng.random() < 0.6:
        name = f"{first} {last}"
        lines.append(
            rng.choice(
                [
                    f"{adj} {title} {name}",
                    f"{country}'s {title} {name}",
                    name,
                    f"{title.capitalize()} {name}",
                ]
            )
        )
    if rng.random() < 0.12:
        return [*lines, f"{caption} {_fill(rng, rng.choice(INLINE_CREDITS))}"]
    return [*lines, caption, _fill(rng, rng.choice(CREDITS))]


def inject(text: str, rng: random.Random) -> list[tuple[str, str]]:
    """The noisy document as (piece, label) pairs, label ORIGINAL, SPACE or a noise category."""
    lines = text.splitlines(keepends=True)
    units: dict[int, list[tuple[str, list[str]]]] = {}
    # Positions between paragraphs: after a paragraph line or after the blank line below it.
    slots = [i for i in range(1, len(lines)) if lines[i - 1].strip() or lines[i].strip()]
    plan = ["photo"] * rng.randint(1, 4) + ["credit"] * (rng.random() < 0.4)
    plan += [rng.choice(list(MIDDLE)) for _ in range(rng.randint(0, 2))]
    for what in plan:
        if not slots:
            break
        unit = (
            _photo_unit(rng)
            if what == "photo"
            else [_fill(rng, rng.choice(CREDITS) if what == "credit" else rng.choice(MIDDLE[what]))]
        )
        units.setdefault(rng.choice(slots), []).append((what, unit))
    pieces: list[tuple[str, str]] = []
    if rng.random() < 0.15:
        pieces += [(_fill(rng, rng.choice(BYLINES)) + "\n", "byline"), ("\n", SPACE)]
    for i, line in enumerate(lines):
        for what, unit in units.get(i, []):
            if pieces and pieces[-1][0].strip() and rng.random() < 0.75:
                pieces.append(("\n", SPACE))
            pieces += [(u + "\n", what) for u in unit]
            if line.strip() and rng.random() < 0.75:
                pieces.append(("\n", SPACE))
        pieces.append((line, ORIGINAL))
    if rng.random() < 0.6:
        if pieces and not pieces[-1][0].endswith("\n"):
            pieces.append(("\n", SPACE))
        tail = [rng.choice(END["wires"])] * (rng.random() < 0.6) + rng.sample(
            END["tail"], rng.randint(1, 3)
        )
        for k, item in enumerate(tail):
            pieces += [("\n", SPACE)] * rng.randint(1, 3)
            last = k == len(tail) - 1 and rng.random() < 0.5  # often no final newline
            pieces.append((_fill(rng, item) + ("" if last else "\n"), "end"))
    return pieces


def evaluate(shared_dir: Path = DEFAULT_SHARED, seed: int = 13, top: int = 20) -> dict[str, Any]:
    """Build the injected set from `shared_dir` and score the cleaner on it (see module doc)."""
    rng = random.Random(seed)
    path = Path(shared_dir) / "corpus" / "news_articles.jsonl"
    counts = Counter[str]()
    by_kind = {"target": Counter[str](), "hit": Counter[str]()}
    fp_lines = Counter[str]()
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            text = json.loads(raw)["text"]
            pieces = inject(text, rng) if rng.random() >= 1 / 7 else [(text, ORIGINAL)]
            doc = "".join(p for p, _ in pieces)
            removed = clean_text(doc).removed
            spans = {(r.start, r.end) for r in removed}
            is_noise = [0]
            is_original = [0]
            pos = 0
            for piece, label in pieces:
                noise = label not in (ORIGINAL, SPACE)
                is_noise += [noise] * len(piece)
                is_original += [label == ORIGINAL] * len(piece)
                if noise:  # an injected noise piece is exactly one line
                    by_kind["target"][label] += len(piece)
                    by_kind["hit"][label] += len(piece) * ((pos, pos + len(piece)) in spans)
                pos += len(piece)
            noise_upto, original_upto = list(accumulate(is_noise)), list(accumulate(is_original))
            counts["documents"] += 1
            counts["target"] += noise_upto[-1]
            for r in removed:
                hit = noise_upto[r.end] - noise_upto[r.start]
                counts["removed"] += r.end - r.start
                counts["hit"] += hit
                if hit < r.end - r.start:
                    counts["fp_original"] += original_upto[r.end] - original_upto[r.start]
                    fp_lines[doc[r.start : r.end].strip()[:160]] += 1
    return {
        "documents": counts["documents"],
        "target_chars": counts["target"],
        "removed_chars": counts["removed"],
        "precision": _ratio(counts["hit"], counts["removed"]),
        "recall": _ratio(counts["hit"], counts["target"]),
        "recall_by_kind": {
            kind: _ratio(by_kind["hit"][kind], total)
            for kind, total in sorted(by_kind["target"].items())
        },
        "false_positive_chars": counts["fp_original"],
        "false_positive_lines": fp_lines.most_common(top),
    }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--verbose", action="store_true", help="list the top false-positive lines")
    args = parser.parse_args(argv)
    metrics = evaluate(args.shared, args.seed)
    fp_lines = metrics.pop("false_positive_lines")
    json.dump(metrics, sys.stdout, ensure_ascii=False, indent=2)
    print()
    if args.verbose:  # stdout stays one JSON dict; the inspection list goes to stderr
        print("most common false-positive lines (count, line):", file=sys.stderr)
        for line, count in fp_lines:
            print(f"{count:6d}  {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
