"""pytest plugin for gong-mock: the ``gong_mock`` fixture and its admin client."""
from .server import AdminClient, BinaryNotFound, GongMock, GongMockError, find_binary

__all__ = ["AdminClient", "BinaryNotFound", "GongMock", "GongMockError", "find_binary"]
