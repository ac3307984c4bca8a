"""Actors: resolve a mention ("Turkish President Recep Tayyip Erdogan") to a coded actor.

`default_resolver()` loads the packaged knowledge base (`data/actors/`) once per process, plus
the user's tables named in `NEWSEVENTS_ACTORS`; `ActorResolver.load(extra_files=...)` builds a
resolver with more tables (`NEWSEVENTS_ACTORS` is read once, at the first call of
`default_resolver`). See `kb` for the table schema and `resolve` for the rules.
"""

from __future__ import annotations

from functools import lru_cache

from newsevents.actors.kb import KnowledgeBase, load_kb
from newsevents.actors.resolve import ActorResolver, ResolvedActor, normalise_date


@lru_cache(maxsize=1)
def default_resolver() -> ActorResolver:
    """The resolver over the packaged knowledge base and the `NEWSEVENTS_ACTORS` tables."""
    return ActorResolver(load_kb())


__all__ = [
    "ActorResolver",
    "KnowledgeBase",
    "ResolvedActor",
    "default_resolver",
    "load_kb",
    "normalise_date",
]
