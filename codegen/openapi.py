"""The domain model → an OpenAPI 3.1 document, rendered deterministically."""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from adapters.envelope_shapes import EnvelopeShape

from .jsonschema import ref
from .model import DomainModel, JsonSchema, ParamModel, RestConfig, RouteModel

SECURITY_SCHEME = "bearerAuth"
# Every domain refuses a request body over its size limit.
TOO_LARGE_STATUS = 413


def render_openapi(domain: DomainModel, config: RestConfig, envelope: EnvelopeShape) -> str:
    document = openapi(domain, config, envelope)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def openapi(domain: DomainModel, config: RestConfig, envelope: EnvelopeShape) -> dict[str, Any]:
    info: dict[str, Any] = {"title": config.title, "version": config.version}
    if config.description:
        info["description"] = config.description
    paths: dict[str, dict[str, Any]] = {}
    for route in domain.routes:
        # OpenAPI knows no catch-all: `{name:path}` is documented as `{name}`.
        path = route.path.replace(":path}", "}")
        paths.setdefault(path, {})[route.method.lower()] = _operation(
            route, envelope, config.secured, domain.components
        )
    schemas = {**domain.components, "Error": envelope.ERROR_SCHEMA}
    components: dict[str, Any] = {"schemas": dict(sorted(schemas.items()))}
    if config.secured:
        scheme: dict[str, Any] = {"type": "http", "scheme": "bearer"}
        if config.security_description:
            scheme["description"] = config.security_description
        components["securitySchemes"] = {SECURITY_SCHEME: scheme}
    return {"openapi": "3.1.0", "info": info, "paths": paths, "components": components}


def _operation(
    route: RouteModel, envelope: EnvelopeShape, secured: bool, components: dict[str, JsonSchema]
) -> dict[str, Any]:
    operation: dict[str, Any] = {"operationId": route.operation}
    if route.tag:
        operation["tags"] = [route.tag]
    if route.summary:
        operation["summary"] = route.summary
    if route.description:
        operation["description"] = route.description
    if secured and not route.public:
        operation["security"] = [{SECURITY_SCHEME: []}]
    if route.params:
        operation["parameters"] = [_parameter(param) for param in route.params]
    if route.body_type is not None:
        media = "multipart/form-data" if _has_file(components.get(route.body_type)) else None
        content = {media or "application/json": {"schema": ref(route.body_type)}}
        operation["requestBody"] = {"required": route.body_required, "content": content}
    elif route.raw_body is not None:
        content = {"application/json": {"schema": {"type": "object", "additionalProperties": {}}}}
        operation["requestBody"] = {"required": True, "content": content}
    operation["responses"] = _responses(route, envelope, secured)
    return operation


def _has_file(schema: JsonSchema | None) -> bool:
    """Whether a body takes a file (an `Upload`): it is then sent as a multipart form."""
    properties = (schema or {}).get("properties", {}).values()
    return any(_is_file(value) for value in properties)


def _is_file(schema: JsonSchema) -> bool:
    options = schema.get("anyOf", [schema])
    return any(option.get("format") == "binary" for option in options)


def _parameter(param: ParamModel) -> dict[str, Any]:
    parameter: dict[str, Any] = {
        "name": param.wire,
        "in": param.location,
        "required": param.required,
    }
    if param.description:
        parameter["description"] = param.description
    parameter["schema"] = param.schema
    return parameter


def _responses(route: RouteModel, envelope: EnvelopeShape, secured: bool) -> dict[str, Any]:
    success: dict[str, Any] = {"description": _phrase(route.status)}
    body: JsonSchema | None = envelope.describe(route.kind, route.payload)
    if body is not None:
        success["content"] = {envelope.media_type(route.kind): {"schema": body}}
    errors = set(route.errors)
    if secured and not route.public:
        errors.add(401)
    if route.has_variables:
        errors.add(envelope.VALIDATION_STATUS)
    if route.body is not None or route.raw_body is not None:
        errors |= {envelope.MALFORMED_BODY_STATUS, TOO_LARGE_STATUS}
    responses = {str(route.status): success}
    for status in envelope.empty_statuses(route.kind):
        responses[str(status)] = {"description": _phrase(status)}
    for status in sorted(errors - {route.status}):
        responses[str(status)] = {
            "description": _phrase(status),
            "content": {"application/json": {"schema": ref("Error")}},
        }
    return responses


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error" if status >= 400 else "Success"
