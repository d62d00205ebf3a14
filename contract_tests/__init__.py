"""The Scale API contract suite: point it at any server, learn which documented rule it breaks."""
