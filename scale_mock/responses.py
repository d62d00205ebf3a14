"""Synthetic test-mode responses, valid for each task type's response schema.

Test-mode tasks "are not completed by a human, and therefore have incorrect test responses":
the content is arbitrary, but its shape must be what a client of that task type parses.
"""

from __future__ import annotations

from typing import Any


def _labels(params: dict[str, Any]) -> list[str]:
    def leaves(choice: Any) -> list[str]:
        if isinstance(choice, str):
            return [choice]
        return [leaf for sub in choice.get("subchoices", []) for leaf in leaves(sub)]

    return [leaf for item in params.get("objects_to_annotate", []) for leaf in leaves(item)]


def synthetic_response(task: dict[str, Any]) -> dict[str, Any]:
    params = task["params"]
    kind = task["type"]
    labels = _labels(params)
    label = {"label": labels[0]} if labels and params.get("with_labels") else {}
    if kind == "annotation":
        return {"annotations": [{"left": 10, "top": 20, "width": 30, "height": 40, **label}]}
    if kind == "pointannotation":
        return {"annotations": [{"x": 10, "y": 20, **label}]}
    if kind in ("lineannotation", "polygonannotation"):
        # `min_vertices` is an integer, which JSON Schema lets be `3.0`; capped so an absurd
        # minimum cannot make the mock build an absurd response.
        least = 3 if kind == "polygonannotation" else 2
        count = min(max(int(params.get("min_vertices", 1)), least), 1000)
        vertices = [{"x": 10 * i, "y": 5 * i} for i in range(count)]
        return {"annotations": [{"vertices": vertices, **label}]}
    if kind == "cuboidannotation":
        return {"annotations": []}
    if kind == "segmentannotation":
        mapping = {
            name: {"color": f"#{index:06x}", "index": index}
            for index, name in enumerate(params.get("labels", []), start=1)
        }
        return {
            "annotations": {
                "unlabeled": None,
                "labeled": {name: f"https://mock.invalid/{name}.png" for name in mapping},
                "combined": {
                    "image": "https://mock.invalid/combined.png",
                    "indexedImage": "https://mock.invalid/indexed.png",
                },
            },
            "labelMapping": mapping,
            "instances": {},
        }
    if kind == "categorization":
        categories = params.get("categories", [])
        ids = {v: k for k, v in params.get("category_ids", {}).items()}
        if params.get("allow_multiple"):
            chosen: Any = categories[:1]
            result = {"category": chosen}
            if ids:
                result["category_id"] = [ids[c] for c in chosen if c in ids]
            return result
        result = {"category": categories[0]}
        if categories[0] in ids:
            result["category_id"] = ids[categories[0]]
        return result
    if kind == "comparison":
        if params.get("choices"):
            return {"choice": params["choices"][0]}
        return {"fields": {name: "test response" for name in params.get("fields", {})}}
    if kind == "transcription":
        response: dict[str, Any] = {}
        if params.get("fields"):
            response["fields"] = {name: "test response" for name in params["fields"]}
        if params.get("repeatable_fields"):
            response["repeatable_fields"] = [
                {name: "test response" for name in params["repeatable_fields"]}
            ]
        if params.get("row_fields"):  # docs-2016: "`rows` will be an array of such dictionaries"
            response["rows"] = [{name: "test response" for name in params["row_fields"]}]
        return response
    if kind == "phonecall":
        return {"outcome": "success"}
    if kind == "textcollection":
        return {"annotations": {}}
    return {}
