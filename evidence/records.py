"""Records <-> plain JSON values, for the store's parsed column and ``--json`` output.

The conversion follows the dataclasses' type hints, so adding a field to a model needs no
change here. Keys are sorted on output (see :func:`dumps`) so the same record always gives the
same bytes.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from evidence.errors import ParseError

T = TypeVar("T")


def to_jsonable(value: Any) -> Any:
    """A dataclass (or tuple, enum, scalar) as JSON-ready dicts, lists and scalars."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)  # numbers keep every printed digit: never a float
    if isinstance(value, tuple | list):
        return [to_jsonable(item) for item in value]
    return value


def from_jsonable(cls: type[T], data: Any) -> T:
    """Rebuild a dataclass of type ``cls`` from :func:`to_jsonable` output."""
    try:
        return typing.cast(T, _build(cls, data))
    except (TypeError, ValueError, KeyError) as exc:
        raise ParseError(f"stored {cls.__name__} does not match its model ({exc})") from exc


def dumps(value: Any) -> str:
    """Deterministic JSON: sorted keys, UTF-8 kept, no trailing spaces."""
    return json.dumps(to_jsonable(value), ensure_ascii=False, sort_keys=True)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return _build(options[0], data)
    if origin is tuple:
        (item_type, *_rest) = typing.get_args(tp)
        return tuple(_build(item_type, item) for item in data)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        names = {f.name for f in dataclasses.fields(tp) if f.init}
        return tp(**{k: _build(hints[k], v) for k, v in data.items() if k in names})
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(data)
    if tp is Decimal:
        if isinstance(data, float):
            raise TypeError(f"number {data!r} must be a string, not a float, to keep its digits")
        return Decimal(str(data))
    return data
