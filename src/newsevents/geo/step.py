"""The places step: toponyms of the parsed, cleaned text, resolved against the gazetteer.

Cleaning has already removed captions and credits, so no place comes from them.
"""

from __future__ import annotations

from typing import Any

from newsevents.geo.gazetteer import Gazetteer, default_gazetteer
from newsevents.geo.recognise import find_mentions
from newsevents.geo.resolve import resolve
from newsevents.step import DocumentStep, Work


def tag_places(doc: Any, gazetteer: Gazetteer | None = None) -> list[dict[str, Any]]:
    """The places of a parsed document in the output contract's shape, in text order.

    A toponym the gazetteer does not know is named by its own text, with null country,
    coordinates and geonameid.
    """
    gazetteer = gazetteer or default_gazetteer()
    mentions = find_mentions(doc, gazetteer)
    places = []
    for mention, place in zip(mentions, resolve(mentions), strict=True):
        if place is not None:
            places.append(place.to_dict(mention.text, mention.start, mention.end))
        else:
            places.append({"text": mention.text, "start": mention.start, "end": mention.end,
                           "name": mention.text, "country": None, "lat": None, "lon": None,
                           "geonameid": None, "feature_class": None, "feature_code": None})
    return places


class TagPlaces(DocumentStep):
    name = "places"

    def process(self, work: Work) -> None:
        assert work.analysis is not None
        work.analysis.places = tag_places(work.doc)
