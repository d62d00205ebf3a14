"""scale-mock: a stateful mock of the Scale AI v1 REST API, driven by openapi/scale.yaml."""

import scale_spec  # noqa: F401  (first: it keeps jsonschema's IRI grammar off start-up)
