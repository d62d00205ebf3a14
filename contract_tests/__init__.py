"""The Scale API contract suite: point it at any server, learn which documented rule it breaks."""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

IRI_SYNTAX = "rfc3987_syntax"


def _defer_iri_grammar() -> None:
    """Keep a second off every start of the suite (and of each of its workers).

    jsonschema, which `scale_spec` imports, checks the `iri` and `iri-reference` formats with
    `rfc3987_syntax` when it is installed, and that package builds its Lark grammars as it is
    imported: about a second, for formats the spec does not use. Until a value is checked
    against one of them, jsonschema gets a stand-in whose `is_valid_syntax` imports the real
    package then (the same checks, only later)."""
    if IRI_SYNTAX in sys.modules or importlib.util.find_spec(IRI_SYNTAX) is None:
        return
    stand_in = types.ModuleType(IRI_SYNTAX)

    def is_valid_syntax(term: str, value: str) -> bool:
        if sys.modules.get(IRI_SYNTAX) is stand_in:
            del sys.modules[IRI_SYNTAX]
        return bool(importlib.import_module(IRI_SYNTAX).is_valid_syntax(term, value))

    stand_in.is_valid_syntax = is_valid_syntax  # type: ignore[attr-defined]
    sys.modules[IRI_SYNTAX] = stand_in


_defer_iri_grammar()
