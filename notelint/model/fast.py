"""The one place the model trades pydantic's generality for speed: building trusted objects.

The parser and the result cache build hundreds of thousands of model objects from data that is
valid by construction. :class:`FastModel` is the boundary: every model of the document and the
findings derives from it, and nothing outside this module knows how its objects are built.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Self, TypeVar, cast

from pydantic import BaseModel, ConfigDict

_object_setattr = object.__setattr__
_new_object = object.__new__
# The slots every pydantic model has besides ``__dict__``, set directly by the constructors
# below (``object.__setattr__`` by name would look each one up first).
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__
_IMMUTABLE_DEFAULTS = (type(None), bool, int, float, str, bytes, Enum, frozenset)
_M = TypeVar("_M", bound=BaseModel)


def bare_model(cls: type[_M], data: dict[str, Any], fields_set: set[str]) -> _M:
    """A ``cls`` object with ``data`` as its ``__dict__``: what ``model_construct`` ends with."""
    model = _new_object(cls)
    _object_setattr(model, "__dict__", data)
    _set_fields_set(model, fields_set)
    _set_extra(model, None)
    _set_private(model, None)
    return model


# Per model class: (field names in order, their set, static defaults, default factories, the
# fields-set shared by objects given every field), or None where ``model_construct`` must take
# pydantic's own path.
_Plan = tuple[tuple[str, ...], frozenset[str], dict[str, Any], dict[str, Any], set[str]]
_PLANS: dict[type, _Plan | None] = {}


def _construct_plan(cls: type[BaseModel]) -> _Plan | None:
    if (
        cls.model_config.get("extra") == "allow"
        or cls.__pydantic_root_model__
        or cls.__pydantic_post_init__
        or cls.__private_attributes__
        or cls.model_config.get("validate_assignment")
    ):
        return None
    defaults: dict[str, Any] = {}
    factories: dict[str, Any] = {}
    for name, info in cls.__pydantic_fields__.items():
        if info.alias not in (None, name) or info.validation_alias is not None:
            return None
        if info.default_factory is not None:
            if getattr(info, "default_factory_takes_validated_data", True):
                return None
            factories[name] = info.default_factory
        elif not info.is_required():
            if not isinstance(info.default, _IMMUTABLE_DEFAULTS):
                return None  # pydantic deep-copies such defaults; leave that to it
            defaults[name] = info.default
    names = tuple(cls.__pydantic_fields__)
    return names, frozenset(names), defaults, factories, set(names)


class FastModel(BaseModel):
    """A model whose ``model_construct`` skips pydantic's per-field loop.

    The parser builds some hundred thousand model objects for 10,000 entries, and pydantic's
    ``model_construct`` walks every field in Python (aliases, defaults) for each: a third of
    the parse time. This one does the same work once per class (a *plan*) and builds the object
    with four attribute stores. The result is the same object ``model_construct`` makes: same
    ``__dict__`` (in field order), same ``model_fields_set``, defaults filled, unknown names
    ignored; a class with aliases, private attributes, ``extra="allow"``, a post-init hook,
    ``validate_assignment`` or a mutable default goes through pydantic's own
    ``model_construct``.

    Objects given every field share one fields-set per class instead of a set each: it names
    every field already, so pydantic's only change to it (adding the name of an assigned
    field) leaves it as it is, and copies get their own. A hundred thousand fewer objects to
    allocate, free and show the garbage collector at 10,000 entries: about 4% of a run.
    """

    model_config = ConfigDict(defer_build=True)

    @classmethod
    def model_construct(  # type: ignore[override]  # (the pydantic plugin renames ``cls``)
        cls, _fields_set: set[str] | None = None, **values: Any
    ) -> Self:
        try:
            plan = _PLANS[cls]
        except KeyError:
            plan = _PLANS[cls] = _construct_plan(cls)
        if plan is None:
            return super().model_construct(_fields_set, **values)
        names, name_set, defaults, factories, every = plan
        if len(values) == len(names) and tuple(values) == names:
            data = values  # every field, in order: the usual case on hot paths
            fields_set = every if _fields_set is None else _fields_set
        else:
            data = {}
            for name in names:
                if name in values:
                    data[name] = values[name]
                elif name in defaults:
                    data[name] = defaults[name]
                elif name in factories:
                    data[name] = factories[name]()
            fields_set = (
                {name for name in values if name in name_set}
                if _fields_set is None
                else _fields_set
            )
        return bare_model(cls, data, fields_set)

    @classmethod
    def from_fields(cls, data: dict[str, Any]) -> Self:
        """Like ``model_construct(**data)`` where ``data`` (trusted) names every field, in field
        order, and becomes the object's ``__dict__``: decoding cached results makes many."""
        try:
            plan = _PLANS[cls]
        except KeyError:
            plan = _PLANS[cls] = _construct_plan(cls)
        if plan is None or tuple(data) != plan[0]:
            return cast(Self, cls.model_construct(**data))
        return bare_model(cls, data, plan[4])
