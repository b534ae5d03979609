"""pytest plugin for gong-mock: the ``gong_mock`` and ``gong_mock_launcher`` fixtures, the
:class:`GongMock` server handle and its :class:`AdminClient`."""
from .admin import AdminClient, GongMockError
from .server import BinaryNotFound, GongMock, GongMockExited, find_binary

__all__ = ["AdminClient", "BinaryNotFound", "GongMock", "GongMockError", "GongMockExited", "find_binary"]
