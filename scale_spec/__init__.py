"""The Scale API spec, read once.

`scale_spec.load()` parses `openapi/scale.yaml` (shipped in this package) and answers what the
rest of the kit needs: operations, resolved parameters and bodies, merged schemas, validators,
`x-scale-rules`, provenance tiers and the documented-behaviour matrix. Nothing else in the kit
parses the spec's YAML.
"""

# First, before anything below imports jsonschema: keeps its IRI grammar off start-up.
from scale_spec import _deferred  # noqa: F401
from scale_spec.operations import FORM, JSON, MULTIPART, Body, Operation, Parameter
from scale_spec.provenance import RULE_KEYWORDS, TIER_ORDER, strongest
from scale_spec.rules import RuleViolation
from scale_spec.schemas import MergedSchema
from scale_spec.spec import PACKAGED, SPEC_URI, Spec, load

__all__ = [
    "FORM",
    "JSON",
    "MULTIPART",
    "PACKAGED",
    "RULE_KEYWORDS",
    "SPEC_URI",
    "TIER_ORDER",
    "Body",
    "MergedSchema",
    "Operation",
    "Parameter",
    "RuleViolation",
    "Spec",
    "load",
    "strongest",
]
