"""The Scale API contract suite: point it at any server, learn which documented rule it breaks."""

import scale_spec  # noqa: F401  (first: it keeps jsonschema's IRI grammar off start-up)
