"""The reference point for scripts/bench: the official MCP Python SDK's high-level server (FastMCP,
called MCPServer from mcp 2.x on) with one `echo` tool, in stateless JSON-response mode, so every
POST stands alone and is answered as application/json, as gong-mock's --stateless is.

Run under uvicorn with one worker on loopback:
    uvicorn --app-dir scripts/bench-support fastmcp_echo:app --host 127.0.0.1 --port PORT --workers 1
"""
from mcp.server.mcpserver import MCPServer

server = MCPServer(name="bench-echo", version="1.0.0", log_level="WARNING")


@server.tool(description="Returns the text it is given.")
def echo(text: str) -> str:
    return text


# The Starlette app runs the session manager in its own lifespan; host binds the SDK's
# DNS-rebinding guard to loopback (Host 127.0.0.1:* allowed), which is where the bench talks.
app = server.streamable_http_app(stateless_http=True, json_response=True, host="127.0.0.1")
