from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.batch import Batch


T = TypeVar("T", bound="BatchListPage")


@_attrs_define
class BatchListPage:
    """One page of `GET /batches`. The count key is `totalDocs`.
    The official SDK reads these keys.

        Attributes:
            docs (list[Batch]):
            total_docs (int): The number of batches matching the filters. A count: 0 or more (assumed).
            limit (int): The page size; the official SDK's `get_batches` documents 1-100.
            offset (int): 0 or more (assumed).
            has_more (bool):
    """

    docs: list[Batch]
    total_docs: int
    limit: int
    offset: int
    has_more: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        docs = []
        for docs_item_data in self.docs:
            docs_item = docs_item_data.to_dict()
            docs.append(docs_item)

        total_docs = self.total_docs

        limit = self.limit

        offset = self.offset

        has_more = self.has_more

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "docs": docs,
                "totalDocs": total_docs,
                "limit": limit,
                "offset": offset,
                "has_more": has_more,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch import Batch  # noqa: PLC0415

        d = dict(src_dict)
        docs = []
        _docs = d.pop("docs")
        for docs_item_data in _docs:
            docs_item = Batch.from_dict(docs_item_data)

            docs.append(docs_item)

        total_docs = d.pop("totalDocs")

        limit = d.pop("limit")

        offset = d.pop("offset")

        has_more = d.pop("has_more")

        batch_list_page = cls(
            docs=docs,
            total_docs=total_docs,
            limit=limit,
            offset=offset,
            has_more=has_more,
        )

        batch_list_page.additional_properties = d
        return batch_list_page

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
