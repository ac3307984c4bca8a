"""Named sites where an event can happen that are no toponyms: "the Al-Quds Hospital",
"Kirikiri Maximum Prison", "the Tishreen Power Plant", "the Imam Ali hospital".

A gazetteer of towns does not list them, and a toponym tagger should not report them (a
geoparsing gold standard such as LGL does not count "Lancaster University" as a place), but
an event that happened at a hospital happened there. So event location, and only event
location, also considers the name of a site: a capitalised name (an organisation, a person-,
product- or work-looking entity, or a run of proper nouns) whose last word is a kind of site
("Hospital", "University", "Farms", "Gas Fields"), or that a lower-case site noun follows
("the Palmasola prison"). Such a site has no coordinates: it is named by its own text.
"""

from __future__ import annotations

from typing import Any

from newsevents.geo.recognise import LEADING, proper_noun_runs

# the labels of names the parser gives a site it does not call a facility
SITE_NAME_LABELS = frozenset({"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "EVENT"})
SITE_NOUNS = frozenset({
    "hospital", "clinic", "university", "prison", "jail", "penitentiary", "mosque", "church",
    "cathedral", "temple", "shrine", "stadium", "airport", "airbase", "base", "dam", "plant",
    "factory", "farms", "fields", "school", "academy", "college", "centre", "center", "hotel",
    "market", "bazaar", "square", "bridge", "camp", "palace", "station", "complex",
    "project", "tower", "barracks", "hill", "hills", "mountains", "park", "street", "road",
    "avenue", "highway", "checkpoint", "crossing", "port", "harbour", "harbor", "mall",
    "junction", "refinery", "mine", "field", "cemetery", "museum", "terminal", "zoo"})
SITE_CLASS = "S"  # GeoNames' class of spots, buildings and farms


def site_places(doc: Any, taken: set[int]) -> list[dict[str, Any]]:
    """The named sites of `doc` that cover no token of `taken` (the tokens of its
    toponyms), as places of the output contract's shape without coordinates."""
    found = []
    for start, end in _names(doc):
        while start < end and doc[start].text in LEADING:
            start += 1
        stop = _site_end(doc, start, end)
        if stop is None or any(i in taken for i in range(start, stop)):
            continue
        span = doc[start:stop]
        found.append({"text": span.text, "start": span.start_char, "end": span.end_char,
                      "name": span.text, "country": None, "lat": None, "lon": None,
                      "geonameid": None, "feature_class": SITE_CLASS, "feature_code": None})
    return found


def _names(doc: Any) -> list[tuple[int, int]]:
    """Entities the parser did not call places, and runs of proper nouns outside any entity."""
    names = [(ent.start, ent.end) for ent in doc.ents if ent.label_ in SITE_NAME_LABELS]
    return names + proper_noun_runs(doc)


def _site_end(doc: Any, start: int, end: int) -> int | None:
    """The end of the site's name when doc[start:end] names a site: its own last word is a
    site noun ("Al-Quds Hospital"), or a lower-case one follows it ("Palmasola prison")."""
    if start >= end or not doc[start].text[:1].isupper():
        return None
    if end - start > 1 and doc[end - 1].lower_ in SITE_NOUNS and doc[end - 1].text[:1].isupper():
        return end
    if end < len(doc) and doc[end].text.islower() and doc[end].lower_ in SITE_NOUNS:
        return end + 1
    return None
