"""What the services and the workflows share, and nothing else: each workflow's type name, task
queue and ID function; the names of its signals and queries with their dataclasses; its
search-attribute keys; the calendar types they use. It imports no module of the services, the
workflows or shared/ (the layer check in pyproject.toml, `lint-imports`, enforces it)."""
