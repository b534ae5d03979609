import Essentials
import HTTPServer
import MCP

/// Which MCP eras the mock speaks (`--protocol`) and how, in legacy mode, it answers a
/// 2026-07-28 request. Whether mcp.gong.io speaks 2026-07-28 is not documented (gong.md §MCP),
/// so legacy stays the default; the refusal is the mock's assumption of a handshake-era server:
/// the method is unknown (400, JSON-RPC -32601, the request's id), which every dual-era client
/// (MCP Python SDK 2.x `negotiate_auto`, Go and TypeScript SDKs) treats as "fall back to
/// initialize" (2026-07-28 Streamable HTTP §Backward Compatibility).
public enum GongProtocolPolicy {
    public static func refuseModernRequest(_ request: MCPModernRequest) -> HTTPResponse {
        let versions = request.supportedVersions.map(\.rawValue).joined(separator: ", ")
        let error = JSONRPCErrorObject.methodNotFound(
            "Method not found: \(request.method). This Gong MCP server speaks MCP \(versions) and starts with initialize; "
                + "run gong-mock with --protocol dual or modern to serve 2026-07-28 clients.")
        return .json(JSONRPCEncoding.error(id: request.id, error: error), status: .badRequest)
    }
}
