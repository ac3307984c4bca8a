"""The dashboard: a page of plain JavaScript and SVG, served from memory, working offline.

The files under `api/static/` are read once when the app is built and served by name from
that table, so no part of a request's path ever reaches the file system. The world map is
drawn from the packaged GeoNames gazetteer: the populated places, binned on a grid of
`MAP_CELL_DEGREES`, outline the land without any map tiles.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from fastapi import APIRouter, Depends
from starlette.responses import JSONResponse, Response

from newsevents.api.errors import ApiError
from newsevents.api.params import only

MAP_CELL_DEGREES = 2.0
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}


def load_assets() -> dict[str, tuple[bytes, str]]:
    """File name -> (content, media type) of every file in api/static/."""
    folder = resources.files("newsevents.api").joinpath("static")
    assets = {}
    for entry in folder.iterdir():
        suffix = "." + entry.name.rsplit(".", 1)[-1]
        if entry.is_file() and suffix in _TYPES:
            assets[entry.name] = (entry.read_bytes(), _TYPES[suffix])
    if "index.html" not in assets:
        raise ValueError("the dashboard's static files are missing (api/static/index.html)")
    return assets


@lru_cache(maxsize=1)
def basemap() -> dict[str, Any]:
    """Grid cells that hold a populated place, as [lon, lat] centres, with the data's licence."""
    from newsevents.datafiles import read_table
    from newsevents.geo.gazetteer import load_gazetteer

    meta = read_table("geo", "gazetteer.json")
    gazetteer = load_gazetteer()  # not the cached one: this table is needed once
    cell = MAP_CELL_DEGREES
    cells = set()
    for row in range(len(gazetteer)):
        place = gazetteer.place(row)
        if place.feature_class == "P":
            cells.add((int((place.lon + 180) // cell), int((place.lat + 90) // cell)))
    points = [
        [round(x * cell - 180 + cell / 2, 2), round(y * cell - 90 + cell / 2, 2)]
        for x, y in sorted(cells)
    ]
    return {
        "cell": cell,
        "points": points,
        "source": meta["source"],
        "licence": meta["licence"],
        "attribution": meta.get("attribution", meta["source"]),
    }


def dashboard_router(assets: dict[str, tuple[bytes, str]]) -> APIRouter:
    """Routes of the page, its files, and its base map (left out of the OpenAPI schema)."""
    router = APIRouter(include_in_schema=False, dependencies=[Depends(only())])

    def asset(name: str) -> Response:
        found = assets.get(name)
        if found is None:
            raise ApiError(404, "no such dashboard file")
        content, media_type = found
        return Response(content, media_type=media_type, headers={"cache-control": "no-cache"})

    @router.get("/")
    def page() -> Response:
        return asset("index.html")

    @router.get("/static/{name}")
    def static(name: str) -> Response:
        return asset(name)

    @router.get("/dashboard/basemap.json")
    def world() -> JSONResponse:
        return JSONResponse(basemap(), headers={"cache-control": "max-age=86400"})

    return router
