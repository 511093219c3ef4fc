"""Static files: linked by a hash of their bytes and cached a year; unversioned ones revalidate."""

from __future__ import annotations

import hashlib
import re

import pytest
from flask.testing import FlaskClient

# About what the pages say and how they are built, not what the store keeps.
pytestmark = pytest.mark.one_database


def test_pages_link_static_files_by_content_version(client: FlaskClient) -> None:
    page = client.get("/demo/").get_data(as_text=True)
    links = re.findall(r'="(/static/[^"?]+)\?v=([0-9a-f]{12})"', page)
    assert {path for path, _ in links} >= {"/static/app.js", "/static/app.css"}
    for path, version in links:
        response = client.get(f"{path}?v={version}")
        assert response.status_code == 200
        # A year, immutable: the version changes with the bytes, so it can never go stale.
        assert response.cache_control.max_age == 365 * 24 * 3600
        assert response.cache_control.immutable
        expected = hashlib.sha256(response.get_data()).hexdigest()[:12]
        assert version == expected


@pytest.mark.parametrize("query", ["", "?v=0123456789ab"])
def test_a_static_file_without_its_current_version_is_revalidated(
    client: FlaskClient, query: str
) -> None:
    response = client.get(f"/static/app.js{query}")
    assert response.status_code == 200
    assert response.cache_control.max_age in (None, 0)
    assert not response.cache_control.immutable
