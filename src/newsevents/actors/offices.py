"""Office holders: "the Russian leader", "the U.S. president" -> the person in office then.

The role words and the titles they stand for are data (`data/actors/offices.json`); the
holders come from the dated roles of the people table, indexed once by country.
"""

from __future__ import annotations

from functools import lru_cache

from newsevents.actors.kb import Entity, KnowledgeBase, Role, name_key
from newsevents.datafiles import non_empty_object, read_table


@lru_cache(maxsize=1)
def load_offices() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """role word -> title beginnings in order of preference; countries whose PM leads."""
    data = read_table("actors", "offices.json")
    offices = non_empty_object(data, "offices", "offices.json")
    table = {}
    for word, titles in offices.items():
        if (
            not isinstance(titles, list)
            or not titles
            or not all(isinstance(t, str) for t in titles)
        ):
            raise ValueError(f"offices.json: office {word!r} needs a list of title beginnings")
        table[word.lower()] = tuple(titles)
    leads = data.get("head_of_government_leads")
    if not isinstance(leads, list):
        raise ValueError("offices.json: 'head_of_government_leads' must be a list of ISO3 codes")
    return table, frozenset(leads)


@lru_cache(maxsize=1)
def office_words() -> dict[str, str]:
    """Role words keyed without "of"/"the": 'secretary state' -> 'secretary of state'."""
    return {" ".join(w for w in k.split() if w not in ("of", "the")): k for k in load_offices()[0]}


class OfficeHolders:
    """Who held which titled office in which country, looked up by date."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.by_country: dict[str, list[tuple[Role, Entity]]] = {}
        seen: set[int] = set()
        for entries in kb.index.values():
            for entry in entries:
                entity = entry.entity
                if entity is None or entry.kind != "person" or id(entity) in seen:
                    continue
                seen.add(id(entity))
                for role in entity.roles:
                    if role.title and role.country and role.start:
                        self.by_country.setdefault(role.country, []).append((role, entity))

    def holder(self, role_word: str, country: str, day: str) -> tuple[Entity, Role] | None:
        """The person holding the office `role_word` names in `country` on `day`."""
        offices, pm_leads = load_offices()
        titles = offices.get(role_word.lower())
        if titles is None:
            return None
        if role_word.lower() == "leader" and country in pm_leads:
            titles = ("Prime Minister of", "Chancellor of", *titles)
        active = [(r, e) for r, e in self.by_country.get(country, []) if r.active(day)]
        for title in titles:
            found = {  # one person may come from two tables: same QID or same name
                e.wikidata or name_key(e.name): (e, r)
                for r, e in active
                if r.title and self._is_office(r.title, title, country)
            }
            if len(found) == 1:
                return next(iter(found.values()))
        return None

    def _is_office(self, title: str, beginning: str, country: str) -> bool:
        """Whether `title` is the office `beginning` names. A beginning that ends in "of"
        ("President of") must be followed by the country: "President of Russia" or "President
        of the Transitional Presidential Council of Haiti", not "President of the
        Constitutional Court"."""
        if not title.startswith(beginning):
            return False
        if not beginning.endswith(" of"):
            return True
        rest = title[len(beginning) :]
        return self._names(rest, country) or self._names(rest.rpartition(" of ")[2], country)

    def _names(self, text: str, country: str) -> bool:
        entries = self.kb.index.get(name_key(text), ())
        return any(e.kind in ("country", "demonym") and e.country == country for e in entries)
