"""One parametrized ``engine_url`` for the reliability tests: the embedded engine,
and a real OpenSearch node once ``tests/opensearch_node.py`` (issue 16) is there.

Import ``engine_url`` and ``opensearch_node`` into a test module to use them
(pytest finds fixtures in the test module's own namespace).
"""
from __future__ import annotations

import importlib.util

import pytest

HAS_OPENSEARCH_NODE = importlib.util.find_spec("opensearch_node") is not None
ENGINES = ("embedded", "opensearch") if HAS_OPENSEARCH_NODE else ("embedded",)

if HAS_OPENSEARCH_NODE:
    from opensearch_node import opensearch_node  # noqa: F401 (the session fixture, re-exported)
else:
    opensearch_node = None  # nothing to register until tests/opensearch_node.py exists


@pytest.fixture(scope="module", params=ENGINES)
def engine_url(request: pytest.FixtureRequest) -> str:
    """``embedded``, or ``opensearch+http://127.0.0.1:PORT`` of the session's node."""
    if request.param == "embedded":
        return "embedded"
    return "opensearch+" + request.getfixturevalue("opensearch_node")
