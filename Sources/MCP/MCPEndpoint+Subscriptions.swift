import Essentials
import HTTPServer

extension MCPEndpoint {
    /// `subscriptions/listen` (2026-07-28 "Subscriptions"): an SSE response that stays open. The
    /// first message is `notifications/subscriptions/acknowledged` with the subset of the filter
    /// this server honours (`toolsListChanged`); every message carries the request id as
    /// `io.modelcontextprotocol/subscriptionId`. Closing the stream ends the subscription.
    func listen(_ call: MCPCall) -> MCPDispatchOutput {
        var filter = JSONObject()
        if let value = call.params["notifications"], !value.isNull {
            guard case .object(let object) = value else {
                return .error(call.id, .invalidParams("Invalid params: notifications must be an object such as {\"toolsListChanged\": true}"))
            }
            filter = object
        }
        let tools = filter["toolsListChanged"] == .bool(true)
        var acknowledged = JSONObject()
        if tools { acknowledged["toolsListChanged"] = true }
        var params = JSONObject()
        params["_meta"] = .object(Self.subscriptionMeta(call.id))
        params["notifications"] = .object(acknowledged)
        let ack = SSEEvent.message(id: nil, data: JSONRPCEncoding.notification(method: "notifications/subscriptions/acknowledged",
                                                                                  params: .object(params)))
        let headers: HTTPHeaders = ["Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no"]
        let subscriptionID = call.id
        logger.info("subscriptions/listen opened", [("toolsListChanged", String(tools))])
        return .http(HTTPResponse(status: .ok, headers: headers, body: .stream(HTTPStreamProducer { [self] writer in
            guard writer.write(ack) else { return }
            let key = listeners.add(MCPListenerSet.Listener(writer: writer, subscriptionID: subscriptionID, toolsListChanged: tools))
            writer.onClose { [listeners] in listeners.remove(key) }
            scheduleListenKeepAlive(writer)
        })))
    }

    /// Sends `notifications/tools/list_changed` on every `subscriptions/listen` stream that asked
    /// for it; returns how many streams it reached.
    @discardableResult
    public func notifyToolsListChanged() -> Int {
        var reached = 0
        for listener in listeners.toolsListeners {
            var params = JSONObject()
            params["_meta"] = .object(Self.subscriptionMeta(listener.subscriptionID))
            let bytes = JSONRPCEncoding.notification(method: "notifications/tools/list_changed", params: .object(params))
            if listener.writer.write(SSEEvent.message(id: nil, data: bytes)) { reached += 1 }
        }
        return reached
    }

    /// Open `subscriptions/listen` streams.
    public var openSubscriptions: Int { listeners.count }

    private static func subscriptionMeta(_ id: JSONRPCID) -> JSONObject {
        var meta = JSONObject()
        meta[MCPModernMeta.subscriptionID] = id.jsonValue
        return meta
    }

    /// SSE comment lines keep intermediaries from closing a quiet listen stream (2026-07-28
    /// Streamable HTTP "Receiving Messages").
    private func scheduleListenKeepAlive(_ writer: any HTTPStreamWriter) {
        writer.schedule(after: configuration.keepAliveInterval) { [self] in
            guard writer.isOpen, writer.write(SSEEvent.keepAlive) else { return }
            scheduleListenKeepAlive(writer)
        }
    }
}
