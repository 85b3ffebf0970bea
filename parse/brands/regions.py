"""NSI location codes -> ISO 3166-1 alpha-2 countries, resolved with country-coder's borders (build time only).

NSI's ``locationSet`` entries are country-coder identifiers (``de``, ``fx``, ``150`` for Europe,
``q35``, ``gb-eng``), NSI's own GeoJSON areas (``us-ca.geojson``, ``aldi-sued.geojson``) or
``[lon, lat, radius_km]`` circles. Each becomes the set of countries it lies in; ``001`` stays
``001`` (worldwide).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

WORLD = "001"
_ID_NOISE = re.compile(r"[-_ .,'()&\[\]/]")
_ID_KEYS = ("iso1A2", "iso1A3", "iso1N3", "m49", "wikidata", "nameEn")

Ring = Sequence[Sequence[float]]


def _canonical(code: str) -> str:
    return _ID_NOISE.sub("", code).upper()


def _polygons(geometry: dict | None) -> list[list[Ring]]:
    if not geometry:
        return []
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return list(geometry["coordinates"]) if geometry["type"] == "MultiPolygon" else []


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _contains(polygons: list[list[Ring]], lon: float, lat: float) -> bool:
    return any(_in_ring(lon, lat, rings[0]) and not any(_in_ring(lon, lat, hole) for hole in rings[1:])
               for rings in polygons)


def centroid(geometry: dict) -> tuple[float, float]:
    """Mean of the outer rings' vertices: inside any roughly convex area (NSI's custom areas are)."""
    points = [point for rings in _polygons(geometry) for point in rings[0]]
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


class Resolver:
    """Country-coder's identifiers and borders, plus NSI's own GeoJSON areas."""

    def __init__(self, borders: dict, nsi_areas: dict):
        self._features = [feature["properties"] for feature in borders["features"]]
        self._by_id: dict[str, dict] = {}
        for props in self._features:
            for ident in [*(props.get(key) for key in _ID_KEYS), *props.get("aliases", ())]:
                if ident:
                    self._by_id.setdefault(_canonical(ident), props)
        self._shapes = [(props, _polygons(feature.get("geometry")))
                        for feature, props in zip(borders["features"], self._features) if feature.get("geometry")]
        self._areas = {feature["id"]: feature["geometry"] for feature in nsi_areas["features"]}
        self._member_of: dict[str, set[str]] | None = None

    def countries(self, location: str | list) -> frozenset[str]:
        """The countries of one ``locationSet`` entry; empty when it cannot be resolved."""
        if isinstance(location, list):
            return self._at(location[0], location[1])
        if location == WORLD:
            return frozenset({WORLD})
        props = self._by_id.get(_canonical(location.removesuffix(".geojson")))
        if props is not None:
            return self._expand(props)
        if location.endswith(".geojson") and location in self._areas:
            prefix = self._by_id.get(_canonical(location.split("-")[0]))
            return self._expand(prefix) if prefix and self._code(prefix) else self._at(*centroid(self._areas[location]))
        prefix = self._by_id.get(_canonical(location.split("-")[0]))
        return self._expand(prefix) if prefix and self._code(prefix) else frozenset()

    def is_whole_country(self, location: str | list) -> bool:
        """True when the entry names whole countries or regions (an exclusion of it is a country's)."""
        if not isinstance(location, str) or location.endswith(".geojson"):
            return False
        props = self._by_id.get(_canonical(location))
        return props is not None and (self._code(props) is None or props.get("iso1A2") == self._code(props))

    @staticmethod
    def _code(props: dict) -> str | None:
        if props.get("iso1A2") and props.get("isoStatus", "official") == "official":
            return props["iso1A2"]
        return props.get("country")

    def _expand(self, props: dict) -> frozenset[str]:
        if props.get("m49") == WORLD:
            return frozenset({WORLD})
        code = self._code(props)
        if code:
            return frozenset({code})
        target = self._ident(props)
        return frozenset(code for code, groups in self._country_groups().items() if target in groups)

    @staticmethod
    def _ident(props: dict) -> str | None:
        return props.get("m49") or props.get("iso1A2") or props.get("wikidata")

    def _country_groups(self) -> dict[str, set[str]]:
        """Each officially coded country's regions: its own and those of its main parts (England,
        Metropolitan France, Asian Russia), not those of outlying parts with a code of their own."""
        if self._member_of is None:
            self._member_of = {props["iso1A2"]: self._groups(props) for props in self._features
                               if props.get("iso1A2") and props.get("isoStatus", "official") == "official"}
            for props in self._features:
                if props.get("country") in self._member_of and self._is_main_part(props):
                    self._member_of[props["country"]] |= self._groups(props)
        return self._member_of

    def _is_main_part(self, props: dict) -> bool:
        if props.get("isoStatus", "official") == "official" and props.get("iso1A2") or props.get("level"):
            return False
        return not any(self._code(self._by_id.get(_canonical(group), {})) == group
                       for group in props.get("groups", ()))

    def _groups(self, props: dict) -> set[str]:
        seen: set[str] = set()
        todo = list(props.get("groups", ()))
        while todo:
            group = self._by_id.get(_canonical(todo.pop()))
            if group is None:
                continue
            ident = self._ident(group)
            if ident not in seen:
                seen.add(ident)
                todo.extend(group.get("groups", ()))
        return seen

    def _at(self, lon: float, lat: float) -> frozenset[str]:
        return frozenset(code for props, polygons in self._shapes
                         if (code := self._code(props)) and _contains(polygons, lon, lat))


def resolve_all(resolver: Resolver, locations: Iterable[str | list]) -> frozenset[str]:
    return frozenset().union(*(resolver.countries(location) for location in locations))
