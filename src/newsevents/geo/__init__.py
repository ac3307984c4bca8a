"""Places: an offline GeoNames gazetteer, toponym recognition and resolution, event locations.

`tag_places(doc)` lists the places of a parsed document in the output contract's shape;
`event_location(doc, trigger_index, places)` gives the place where an event happened, or None
(the place syntactically attached to the trigger);
`default_gazetteer()` is the packaged gazetteer, loaded once per process.
"""

from newsevents.geo.gazetteer import default_gazetteer, load_gazetteer
from newsevents.geo.location import event_location, locate_events
from newsevents.geo.step import TagPlaces, tag_places

__all__ = ["TagPlaces", "default_gazetteer", "event_location", "load_gazetteer",
           "locate_events", "tag_places"]
