"""scale-mock: a stateful mock of the Scale AI v1 REST API, driven by openapi/scale.yaml."""
