"""``FastModel.model_construct`` builds exactly the object pydantic's ``model_construct`` does."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, Field

from notelint.model import document as model
from notelint.model import fast, findings
from notelint.model.fast import FastModel
from notelint.parse.parser import parse
from notelint.parse.source import SourceText

SPAN = {
    "start_line": 1,
    "start_column": 2,
    "start_offset": 3,
    "end_line": 4,
    "end_column": 5,
    "end_offset": 6,
}
MODELS = [
    cls
    for module in (model, findings)
    for cls in vars(module).values()
    if isinstance(cls, type) and issubclass(cls, FastModel) and cls is not FastModel
]


def pydantic_construct(cls: type[BaseModel], fields_set: set[str] | None, **values: Any) -> Any:
    return BaseModel.model_construct.__func__(cls, fields_set, **values)  # type: ignore[attr-defined]


def same(a: BaseModel, b: BaseModel) -> None:
    assert type(a) is type(b)
    assert list(a.__dict__.items()) == list(b.__dict__.items())  # same values, same order
    assert a.model_fields_set == b.model_fields_set
    assert a.__pydantic_extra__ == b.__pydantic_extra__
    assert a.__pydantic_private__ == b.__pydantic_private__
    assert a == b
    assert repr(a) == repr(b)


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_defaults_only(cls: type[FastModel]) -> None:
    same(cls.model_construct(), pydantic_construct(cls, None))


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_every_field_in_any_order_plus_unknown_names(cls: type[FastModel]) -> None:
    values = {name: f"value of {name}" for name in cls.model_fields}
    same(cls.model_construct(**values), pydantic_construct(cls, None, **values))
    backwards = dict(reversed(list(values.items())))
    same(cls.model_construct(**backwards), pydantic_construct(cls, None, **backwards))
    extra = {**values, "not_a_field": 1}
    same(cls.model_construct(**extra), pydantic_construct(cls, None, **extra))
    some = dict(list(values.items())[:1])
    same(cls.model_construct(**some), pydantic_construct(cls, None, **some))
    same(cls.model_construct({"x"}, **some), pydantic_construct(cls, {"x"}, **some))


def test_factories_give_fresh_lists() -> None:
    a = model.Entry.model_construct(title="t")
    b = model.Entry.model_construct(title="t")
    assert a.tags == [] and a.tags is not b.tags


def test_models_that_need_pydantic_take_its_path() -> None:
    class MutableDefault(FastModel):
        value: int = 0
        other: list[int] = [1]  # noqa: RUF012 (a mutable default: pydantic copies it)

    made = MutableDefault.model_construct()
    assert made.other == [1] and made.other is not MutableDefault.model_construct().other
    assert fast._PLANS[MutableDefault] is None

    class Aliased(FastModel):
        value: int = Field(default=0, alias="the-value")

    assert Aliased.model_construct(**{"the-value": 3}).value == 3
    assert fast._PLANS[Aliased] is None


def test_span_and_finding_round_trip() -> None:
    span = model.Span.model_construct(**SPAN)
    assert span.model_dump() == SPAN
    assert model.Span.model_validate(SPAN) == span


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_from_fields_is_model_construct_with_every_field(cls: type[FastModel]) -> None:
    values = {name: f"value of {name}" for name in cls.model_fields}
    same(cls.from_fields(dict(values)), pydantic_construct(cls, None, **values))
    backwards = dict(reversed(list(values.items())))
    same(cls.from_fields(backwards), pydantic_construct(cls, None, **backwards))


def test_make_span_is_model_construct_with_every_field() -> None:
    span = model.make_span(*SPAN.values())
    same(span, pydantic_construct(model.Span, None, **SPAN))
    assert span.model_dump() == SPAN
    assert model.Span.model_validate(SPAN) == span


def test_make_tag_is_model_construct_with_every_field() -> None:
    span = model.make_span(*SPAN.values())
    ref = model.TagRef.model_construct(
        canonical="US", category="country", match=model.TagMatch.EXACT
    )
    for resolved in (ref, None):
        tag = model.make_tag("USA", span, resolved)
        every = {"text": "USA", "span": span, "resolved": resolved, "name": "USA", "year": None}
        same(tag, pydantic_construct(model.Tag, None, **every, syntax=model.TagSyntax.BACKTICK))
        assert model.Tag.model_validate(tag.model_dump()) == tag
    fused = model.make_tag("ECCV2018", span, None, model.TagSyntax.HASHTAG, "ECCV", 2018)
    expected = pydantic_construct(
        model.Tag,
        None,
        text="ECCV2018",
        span=span,
        resolved=None,
        syntax=model.TagSyntax.HASHTAG,
        name="ECCV",
        year=2018,
    )
    same(fused, expected)


def test_a_shared_fields_set_never_leaks_between_objects() -> None:
    # Objects given every field share one fields-set; nothing a user can do through pydantic
    # may make one object's change show on another.
    source = SourceText.from_bytes(b"# ICCV\n\n* A Title `ICCV`\n  > A summary.\n", "n.md")
    [entry] = parse(source).entries
    fields = dict(entry.__dict__)
    first = model.Entry.model_construct(**fields)
    second = model.Entry.model_construct(**fields)
    first.title = "changed"
    copied = first.model_copy(update={"title": "copied"})
    copied.model_fields_set.discard("title")
    deep = first.model_copy(deep=True)
    deep.model_fields_set.discard("bullet")
    every = set(model.Entry.model_fields)
    assert second.model_fields_set == every and second.title == "A Title"
    assert first.model_fields_set == every
    assert second.model_dump(exclude_unset=True) == entry.model_dump()
    spans = [model.make_span(*SPAN.values()) for _ in range(2)]
    spans[0].model_copy().model_fields_set.clear()
    assert spans[1].model_fields_set == set(SPAN)
    tag = model.make_tag("US", spans[0], None)
    tag.model_copy().model_fields_set.clear()
    assert model.make_tag("US", spans[1], None).model_fields_set == set(model.Tag.model_fields)
