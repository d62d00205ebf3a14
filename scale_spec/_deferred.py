"""Keep a second (several on a loaded machine) off the start of every process that reads the
spec: scale-mock, the contract suite and each of its workers, the scripts.

jsonschema, which validates against the spec, checks the `iri` and `iri-reference` formats with
`rfc3987_syntax` when it is installed, and that package builds its Lark grammars as it is
imported, for formats the spec does not use. Until a value is checked against one of them,
jsonschema gets a stand-in whose `is_valid_syntax` imports the real package then (the same
checks, only later). Importing this module installs it; `scale_spec` imports it before
anything of its own imports jsonschema, and a package that imports jsonschema itself imports
`scale_spec` first.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

IRI_SYNTAX = "rfc3987_syntax"


def defer_iri_grammar() -> None:
    if IRI_SYNTAX in sys.modules or importlib.util.find_spec(IRI_SYNTAX) is None:
        return
    stand_in = types.ModuleType(IRI_SYNTAX)

    def is_valid_syntax(term: str, value: str) -> bool:
        if sys.modules.get(IRI_SYNTAX) is stand_in:
            del sys.modules[IRI_SYNTAX]
        return bool(importlib.import_module(IRI_SYNTAX).is_valid_syntax(term, value))

    stand_in.is_valid_syntax = is_valid_syntax  # type: ignore[attr-defined]
    sys.modules[IRI_SYNTAX] = stand_in


defer_iri_grammar()
