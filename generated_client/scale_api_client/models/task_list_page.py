from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task import Task


T = TypeVar("T", bound="TaskListPage")


@_attrs_define
class TaskListPage:
    """One page of `GET /tasks`. Page by cursor: pass `next_token` back until `has_more` is false.
    The official SDK reads `docs`, `total`, `limit`, `offset` and `has_more` by key.

        Attributes:
            docs (list[Task]): The tasks of this page, newest `created_at` first.
            total (int): The number of tasks matching the filters, over all pages.
                A count: 0 or more (assumed).
            limit (int): The page size used.
                "A number between 1 and 100, the maximum number of results to display per page"
                (docs-2018 L2932).
            offset (int): The number of tasks skipped (0 when paging by cursor).
                0 or more (assumed).
            has_more (bool): Whether more tasks follow this page.
            next_token (None | str | Unset): The cursor of the next page, to pass as the `next_token` query parameter;
                present when
                `has_more` is true.
    """

    docs: list[Task]
    total: int
    limit: int
    offset: int
    has_more: bool
    next_token: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        docs = []
        for docs_item_data in self.docs:
            docs_item = docs_item_data.to_dict()
            docs.append(docs_item)

        total = self.total

        limit = self.limit

        offset = self.offset

        has_more = self.has_more

        next_token: None | str | Unset
        if isinstance(self.next_token, Unset):
            next_token = UNSET
        else:
            next_token = self.next_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "docs": docs,
                "total": total,
                "limit": limit,
                "offset": offset,
                "has_more": has_more,
            }
        )
        if next_token is not UNSET:
            field_dict["next_token"] = next_token

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task import Task  # noqa: PLC0415

        d = dict(src_dict)
        docs = []
        _docs = d.pop("docs")
        for docs_item_data in _docs:
            docs_item = Task.from_dict(docs_item_data)

            docs.append(docs_item)

        total = d.pop("total")

        limit = d.pop("limit")

        offset = d.pop("offset")

        has_more = d.pop("has_more")

        def _parse_next_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_token = _parse_next_token(d.pop("next_token", UNSET))

        task_list_page = cls(
            docs=docs,
            total=total,
            limit=limit,
            offset=offset,
            has_more=has_more,
            next_token=next_token,
        )

        task_list_page.additional_properties = d
        return task_list_page

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
