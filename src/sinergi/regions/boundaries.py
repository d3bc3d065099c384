"""Region boundaries shipped with the app (data/boundaries/, MIT notice in NOTICE.md), reduced for
the web once per process: coordinates rounded to 4 decimals (≈ 11 m), repeated points dropped,
properties only `code` and `name`. Served as GeoJSON by `regions.views.boundaries`.

Only NTB's 10 kab/kota and 117 kecamatan have shapes; villages and other provinces have none, so
every map lists its regions in a table as well.
"""

import gzip
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "boundaries"
FILES = {"regency": "ntb-regencies.geojson", "district": "ntb-districts.geojson"}
LEVELS = tuple(FILES)
DECIMALS = 4


class BoundaryError(ValueError):
    pass


@dataclass(frozen=True)
class Layer:
    """One answer: the GeoJSON bytes, their gzip and an ETag."""

    body: bytes
    gzipped: bytes
    etag: str
    codes: tuple


def reduce_ring(ring: list) -> list:
    points = []
    for lng, lat, *_rest in ring:
        point = [round(lng, DECIMALS), round(lat, DECIMALS)]
        if not points or points[-1] != point:
            points.append(point)
    if len(points) > 1 and points[0] != points[-1]:
        points.append(points[0])
    return points


def reduce_geometry(geometry: dict) -> dict | None:
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        raise BoundaryError(f"unexpected geometry {geometry['type']}")
    reduced = []
    for polygon in polygons:
        rings = [reduce_ring(ring) for ring in polygon]
        rings = [ring for ring in rings if len(ring) >= 4]  # a ring rounded to a point is dropped
        if rings:
            reduced.append(rings)
    return {"type": "MultiPolygon", "coordinates": reduced} if reduced else None


@cache
def features(level: str) -> tuple:
    """The reduced features of a level, ordered by code (read once per process)."""
    if level not in FILES:
        raise BoundaryError(f"no boundaries for level {level!r}; use one of {', '.join(LEVELS)}")
    source = json.loads((DATA / FILES[level]).read_text(encoding="utf-8"))
    result = []
    for feature in source["features"]:
        geometry = reduce_geometry(feature["geometry"])
        if geometry is None:
            continue
        properties = {"code": feature["properties"]["code"], "name": feature["properties"]["name"]}
        result.append({"type": "Feature", "properties": properties, "geometry": geometry})
    return tuple(sorted(result, key=lambda f: f["properties"]["code"]))


def within(code: str, feature_code: str) -> bool:
    return not code or feature_code == code or feature_code.startswith(code + ".")


def encode(selected: list) -> Layer:
    body = json.dumps(
        {"type": "FeatureCollection", "features": selected},
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode("utf-8")
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    codes = tuple(f["properties"]["code"] for f in selected)
    return Layer(body, gzip.compress(body, compresslevel=9, mtime=0), etag, codes)


@cache
def layer(level: str, code: str = "") -> Layer:
    """The features of `level` at or below region `code` ("" = all), encoded once per process."""
    return encode([f for f in features(level) if within(code, f["properties"]["code"])])


def layer_for(level: str, code: str, allowed: set) -> Layer:
    """The same, limited to the region codes in `allowed` (not cached: depends on the user)."""
    return encode(
        [
            f
            for f in features(level)
            if within(code, f["properties"]["code"]) and f["properties"]["code"] in allowed
        ]
    )


def has_boundaries(level: str) -> bool:
    return level in FILES


def codes_with_boundaries(level: str) -> set:
    return {f["properties"]["code"] for f in features(level)} if level in FILES else set()
