import os

import pytest

pytest_plugins = ["pytester"]


@pytest.fixture
def binary():
    """The built gong-mock the inner test suites run (scripts/test sets GONG_MOCK_BIN)."""
    path = os.environ.get("GONG_MOCK_BIN")
    if not path:
        pytest.skip("GONG_MOCK_BIN is not set (scripts/test sets it to the built binary)")
    return path
