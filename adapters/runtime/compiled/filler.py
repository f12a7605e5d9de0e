"""Generated fillers: for each object plan, a Python function that fills one object's result,
its fields unrolled. A leaf attribute whose value has the expected shape is stored inline (a
string, a 32-bit int, an enum's value, a custom scalar's serialized value); any other value
goes to `Filling.complete_field`, a resolver's field to `Filling.resolve`, and any other field
to `Filling.fill_field`, which give graphql-core's answer, errors included. An exception while
reading or serializing a value is that field's error, and the remaining fields are then filled
generically (`resume_fill`).

Generating the function is what removes the per-field interpretation (which kind of field,
which converter) that a loop over the plan pays for every object it fills."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from graphql.pyutils import Undefined

if TYPE_CHECKING:
    from .plan import FieldPlan

Filler = Callable[[Any, Any], None]
INT_MIN, INT_MAX = -(2**31), 2**31 - 1


def build_filler(type_name: str, fields: list[FieldPlan]) -> Filler:
    source, names = filler_source(fields)
    scope: dict[str, Any] = {}
    exec(compile(source, f"<filler {type_name}>", "exec"), names, scope)
    filler: Filler = scope["fill"]
    return filler


def filler_source(fields: list[FieldPlan]) -> tuple[str, dict[str, Any]]:
    """The filler's source, and the names it reads (the field plans, converters, enum tables)."""
    names: dict[str, Any] = {"Undefined": Undefined, "fields": fields}
    lines = [
        "def fill(filling, record):",
        "    source = record.source",
        "    result = record.result",
        "    index = 0",
        "    try:",
    ]
    for index, field in enumerate(fields):
        lines.append(f"        index = {index}")
        lines += [f"        {line}" for line in _field_lines(index, field, names)]
    lines += [
        "    except Exception as error:",
        "        filling.resume_fill(record, index, error)",
    ]
    return "\n".join(lines) + "\n", names


def _field_lines(index: int, field: FieldPlan, names: dict[str, Any]) -> list[str]:
    key = repr(field.key)
    if field.typename is not None:
        return [f"result[{key}] = {field.typename!r}"]
    if field.batched is not None:  # `Filling.load`, inlined
        return [f"result[{key}] = None", f"filling.wanted.append((fields[{index}], record))"]
    if field.attribute is None:
        return [f"filling.resolve(record, fields[{index}])"]
    if not field.attribute.isidentifier():
        return [f"filling.fill_field(record, fields[{index}])"]
    if field.item_kind is not None:
        names[f"kind_{index}"] = field.item_kind
        test = f"type(value) is list and all(type(item) is kind_{index} for item in value)"
        return _stored(field, key, test, "value[:]", index)
    leaf = field.leaf
    if leaf is None:
        if field.non_null:
            return [f"filling.fill_field(record, fields[{index}])"]
        return [
            f"value = source.{field.attribute}",
            "if value is None:",
            f"    result[{key}] = None",
            "else:",
            f"    filling.complete_field(record, fields[{index}], None, value)",
        ]
    if leaf.passthrough is not None:
        names[f"kind_{index}"] = leaf.passthrough
        test = f"type(value) is kind_{index}"
        stored = "value"
    elif leaf.int32:
        test = f"type(value) is int and {INT_MIN} <= value <= {INT_MAX}"
        stored = "value"
    elif leaf.enum_names is not None:
        names[f"names_{index}"] = leaf.enum_names
        test = f"type(value) is str and (out := names_{index}.get(value)) is not None"
        stored = "out"
    else:
        names[f"serialize_{index}"] = leaf.type.coerce_output_value
        test = (
            "value is not None and not isinstance(value, Exception)"
            f" and (out := serialize_{index}(value)) is not None and out is not Undefined"
        )
        stored = "out"
    return _stored(field, key, test, stored, index)


def _stored(field: FieldPlan, key: str, test: str, stored: str, index: int) -> list[str]:
    """Store `stored` when the attribute's value passes `test`; else complete it generically."""
    lines = [f"value = source.{field.attribute}", f"if {test}:", f"    result[{key}] = {stored}"]
    if not field.non_null:
        lines += ["elif value is None:", f"    result[{key}] = None"]
    return [*lines, "else:", f"    filling.complete_field(record, fields[{index}], None, value)"]
