"""Checks across a domain's routes: unique names and routes, and no route hidden by another."""

from __future__ import annotations

import re

from .model import DomainModel, Problems, RouteModel
from .params import snake

# Module-level names of a generated router that operations must not take.
RESERVED = frozenset(
    {
        *("csv", "saturated", "run_route", "router"),
        *("ENVELOPE", "OPENAPI_PATHS", "ROUTES", "annotations"),
    }
)
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def function_name(route: RouteModel) -> str:
    return snake(route.operation)


def constant_name(route: RouteModel) -> str:
    return snake(route.operation).upper()


def check_domain(domain: DomainModel, problems: Problems) -> None:
    names: dict[str, str] = {}
    routes: dict[tuple[str, str], str] = {}
    for index, route in enumerate(domain.routes):
        where = f"{domain.source}: {route.operation}"
        function, constant = function_name(route), constant_name(route)
        if function in RESERVED or constant in RESERVED:
            problems.add(where, f"renders as `{function}`/`{constant}`, names the module uses")
        elif names.setdefault(function, route.operation) != route.operation:
            problems.add(where, f"renders as `{function}`, like operation `{names[function]}`")
        key = (route.method, _PLACEHOLDER.sub("{}", route.path))
        if key in routes:
            problems.add(where, f"{route.method} {route.path} is also served by `{routes[key]}`")
            continue
        routes[key] = route.operation
        for earlier in domain.routes[:index]:
            if earlier.method == route.method and _shadows(earlier.path, route.path):
                problems.add(
                    where,
                    f"{route.method} {route.path} would be served by `{earlier.operation}` "
                    f"({earlier.path}); declare it first",
                )


def _shadows(earlier: str, later: str) -> bool:
    """Whether requests for `later` would match the earlier path's pattern first."""
    first, second = earlier.split("/"), later.split("/")
    if len(first) != len(second) or earlier == later:
        return False
    pairs = zip(first, second, strict=True)
    return all(a == b or _PLACEHOLDER.fullmatch(a) is not None for a, b in pairs)
