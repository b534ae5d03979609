import Essentials
import HTTPServer

/// A 2026-07-28 request (`server/discover`, per-request `_meta`, `Mcp-Method` without a session)
/// that reached an endpoint serving legacy revisions only: what the refusal policy gets to see.
///
/// Streamable HTTP 2026-07-28 §Backward Compatibility: a dual-era client that meets a 400 whose
/// body is empty or not a recognised modern error (-32020, -32021, -32022) falls back to
/// `initialize`, so whatever the policy answers must not be one of those.
public struct MCPModernRequest: Sendable {
    /// The JSON-RPC id, nil for a notification.
    public let id: JSONRPCID?
    public let method: String
    /// `_meta["io.modelcontextprotocol/protocolVersion"]`, else the `MCP-Protocol-Version` header.
    public let requestedVersion: String?
    /// What the endpoint serves, newest first.
    public let supportedVersions: [MCPProtocolVersion]

    public init(id: JSONRPCID?, method: String, requestedVersion: String?, supportedVersions: [MCPProtocolVersion]) {
        self.id = id
        self.method = method
        self.requestedVersion = requestedVersion
        self.supportedVersions = supportedVersions
    }

    /// 400 with JSON-RPC -32601 and the request's id: a handshake-era server that does not know
    /// the method. The MCP Python SDK 2.x (`negotiate_auto`), the Go and the TypeScript clients
    /// treat every JSON-RPC error other than -32022 as the sign of a legacy server.
    public static let methodNotFound: MCPModernRequestRefusal = { request in
        let versions = request.supportedVersions.map(\.rawValue).joined(separator: ", ")
        let error = JSONRPCErrorObject.methodNotFound(
            "Method not found: \(request.method) (this server speaks MCP \(versions) and opens sessions with initialize)")
        return .json(JSONRPCEncoding.error(id: request.id, error: error), status: .badRequest)
    }
}

/// The answer of a legacy-only endpoint to a modern request.
public typealias MCPModernRequestRefusal = @Sendable (MCPModernRequest) -> HTTPResponse
