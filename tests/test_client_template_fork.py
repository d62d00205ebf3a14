"""The custom templates of scripts/client/templates/ against the installed generator's.

Each file there either overrides the upstream template of the same name (a full copy with a few
edits) or is a helper with a name upstream does not use that redefines a few upstream macros. The
pinned hashes are of the upstream text those copies were made from (openapi-python-client
0.29.1): when an upgrade changes it, port the change into the copy and update the hash (see
scripts/client/README.md).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import openapi_python_client
import pytest

ROOT = Path(__file__).resolve().parents[1]
CUSTOM = ROOT / "scripts" / "client" / "templates"
UPSTREAM = Path(openapi_python_client.__file__).parent / "templates"
README = ROOT / "scripts" / "client" / "README.md"

# Upstream templates overridden whole: sha256 of the upstream file the copy was made from.
OVERRIDES = {
    "README.md.jinja": "db57918c4d3b23d2a6f1904b124fdeb90fad0baf2a78bec7bfa0617d48fd623c",
    "endpoint_module.py.jinja": "c1b2628053eb4875ba59566baa5ae907666f9cbfafa308d93f970a4404b7cd52",
    "errors.py.jinja": "b6ba7ea79aa7d7f24b47119985d1ed20268d3da0ab70309ee138088a106b6af9",
    "package_init.py.jinja": "ac15907e32dc39bd9b83ea6f2002fb87514f2182b97f88231b5a9c47321f6210",
    "setup.py.jinja": "9135c7603886823136b114ea0862cbab0a4980dc2905041c9ac5b784347c44a6",
    "str_enum.py.jinja": "e4979a5e6b338351eda8bdac534017cfbeb51a809b494fd3c632db39414817fc",
}

# Helpers: the upstream template whose macros they redefine, and sha256 of each upstream macro.
HELPERS = {
    "scale_endpoint_macros.py.jinja": (
        "endpoint_macros.py.jinja",
        {
            "arguments": "35888b4ca52bf65f1b9d064cfdf4ff77f6940f6656126845e48ac2f32a72282b",
            "docstring_content": "8fe9794fe5a9fd8ecfabcc2ad5e08639658bc044730c7c5011960dfed6513037",
            "docstring": "c93dbf8ae4ea5551ba8c000005f09ee19a07c757aa5158ee405a388882b0f804",
        },
    ),
}

MACRO = re.compile(r"\{% macro (\w+)\((.*?)\) %\}.*?\{% endmacro %\}", re.S)


def macros(text: str) -> dict[str, tuple[str, str]]:
    """Each macro of a template: its parameters and its whole source."""
    return {m.group(1): (m.group(2), m.group(0)) for m in MACRO.finditer(text)}


def sha256(text: str | bytes) -> str:
    return hashlib.sha256(text.encode() if isinstance(text, str) else text).hexdigest()


def test_every_custom_template_is_a_known_override_or_helper() -> None:
    present = {path.name for path in CUSTOM.iterdir() if path.is_file()}
    assert present == set(OVERRIDES) | set(HELPERS)
    readme = README.read_text()
    for name in sorted(present):
        assert f"`{name}`" in readme, f"{name} is not documented in scripts/client/README.md"


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_each_override_replaces_an_unchanged_upstream_template(name: str) -> None:
    upstream = UPSTREAM / name
    assert upstream.is_file(), f"{name} is no longer an upstream template: the override is dead"
    assert sha256(upstream.read_bytes()) == OVERRIDES[name], (
        f"upstream {name} changed since scripts/client/templates/{name} was copied from it: "
        "diff them, port the change, and update the hash (scripts/client/README.md)"
    )


@pytest.mark.parametrize("name", sorted(HELPERS))
def test_each_helper_redefines_unchanged_upstream_macros(name: str) -> None:
    source, pinned = HELPERS[name]
    assert not (UPSTREAM / name).exists(), f"{name} now hides an upstream template of that name"
    ours = macros((CUSTOM / name).read_text())
    theirs = macros((UPSTREAM / source).read_text())
    assert set(ours) == set(pinned)
    for macro, digest in pinned.items():
        assert macro in theirs, f"upstream {source} no longer defines {macro}"
        assert ours[macro][0] == theirs[macro][0], f"{macro}: parameters differ from upstream"
        assert sha256(theirs[macro][1]) == digest, (
            f"upstream {source} changed {macro} since {name} copied it: port the change and "
            "update the hash (scripts/client/README.md)"
        )


def test_the_endpoint_module_takes_the_helper_macros_after_upstreams() -> None:
    """The helper's macros must be imported after upstream's, which they shadow."""
    text = (CUSTOM / "endpoint_module.py.jinja").read_text()
    upstream_import = text.index('{% from "endpoint_macros.py.jinja" import')
    helper_import = text.index(
        '{% from "scale_endpoint_macros.py.jinja" import arguments, docstring %}'
    )
    assert upstream_import < helper_import
