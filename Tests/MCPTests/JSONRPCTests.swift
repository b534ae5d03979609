import Essentials
import HTTPServer
import Testing
@testable import MCP

/// JSON-RPC 2.0 decoding and error codes (JSON-RPC 2.0 §4–§5, checklist 39).
@Suite struct JSONRPCTests {
    @Test(arguments: [
        (#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#, "request"),
        (#"{"jsonrpc":"2.0","id":"x","method":"ping","params":{}}"#, "request"),
        (#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, "notification"),
        (#"{"jsonrpc":"2.0","id":1,"result":{}}"#, "response"),
        (#"{"jsonrpc":"2.0","id":null,"error":{"code":-1,"message":"x"}}"#, "response"),
    ])
    func decodesValidMessages(_ text: String, _ kind: String) throws {
        let message = try JSONRPCMessage.decode(try JSONParser.parse(text))
        switch message {
        case .request: #expect(kind == "request")
        case .notification: #expect(kind == "notification")
        case .response: #expect(kind == "response")
        }
    }

    @Test(arguments: [
        (#"[]"#, "JSON object"),
        (#"{"id":1,"method":"ping"}"#, "\"jsonrpc\" member is missing"),
        (#"{"jsonrpc":"2.0","id":1,"method":7}"#, "\"method\" must be a string"),
        (#"{"jsonrpc":"2.0","id":null,"method":"ping"}"#, "must not be null"),
        (#"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, "non-integer"),
        (#"{"jsonrpc":"2.0","id":{},"method":"ping"}"#, "string or an integer"),
        (#"{"jsonrpc":"2.0","id":1,"method":"ping","params":"x"}"#, "\"params\" must be"),
        (#"{"jsonrpc":"2.0","id":1}"#, "neither"),
        (#"{"jsonrpc":"2.0","id":1,"result":1,"error":{}}"#, "both"),
    ])
    func refusesInvalidMessages(_ text: String, _ explanation: String) throws {
        let value = try JSONParser.parse(text)
        do {
            _ = try JSONRPCMessage.decode(value)
            Issue.record("decoded \(text)")
        } catch {
            #expect(error.error.code == -32600)
            #expect(error.error.message.contains(explanation), "\(error.error.message)")
        }
    }

    @Test(arguments: [#""abc""#, "7", "0", "-3", "9007199254740991", #""""#])
    func responseEchoesTheIdExactly(_ idText: String) throws {
        var client = TestClient(try makeEndpoint())
        client.initialize()
        let response = client.post(#"{"jsonrpc":"2.0","id":\#(idText),"method":"ping"}"#)
        #expect(response.bodyText == #"{"jsonrpc":"2.0","id":\#(idText),"result":{}}"#)
    }

    @Test func invalidRequestKeepsTheReadableId() throws {
        var client = TestClient(try makeEndpoint())
        client.initialize()
        let response = client.post(#"{"jsonrpc":"1.0","id":"k","method":"ping"}"#)
        #expect(response.status.code == 400)
        #expect(response.json?["id"] == "k")
        #expect(response.json?["error"]?["code"] == -32600)
    }

    @Test(arguments: [
        ("resources/list", nil as JSONValue?, -32601),
        ("prompts/list", nil, -32601),
        ("completion/complete", nil, -32601),
        ("no/such/method", nil, -32601),
        ("notifications/initialized", nil, -32601),
        ("tools/list", ["cursor": 5] as JSONValue, -32602),
        ("tools/list", [1, 2] as JSONValue, -32602),
        ("tools/call", ["arguments": [:]] as JSONValue, -32602),
        ("tools/call", ["name": "echo", "arguments": "x"] as JSONValue, -32602),
        ("logging/setLevel", ["level": "loud"] as JSONValue, -32602),
        ("logging/setLevel", [:] as JSONValue, -32602),
    ])
    func methodErrors(_ method: String, _ params: JSONValue?, _ code: Int) throws {
        var client = TestClient(try makeEndpoint())
        client.initialize()
        let reply = client.call(method, params)
        let response = try #require(reply)
        #expect(response["error"]?["code"]?.intValue == code, "\(response)")
        #expect(response["result"] == nil)
        #expect(response["id"] != nil)
    }

    @Test func unknownToolIsInvalidParamsWithSpecMessage() throws {
        var client = TestClient(try makeEndpoint())
        client.initialize()
        let response = client.call("tools/call", ["name": "invalid_tool_name", "arguments": [:]])
        #expect(response?["error"]?["code"] == -32602)
        #expect(response?["error"]?["message"] == "Unknown tool: invalid_tool_name")
    }

    @Test func batchesAreAnsweredIn2025_03_26() throws {
        var client = TestClient(try makeEndpoint())
        client.initialize(version: "2025-03-26")
        let response = client.post(#"[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"notifications/x"},{"jsonrpc":"2.0","id":"b","method":"nope"},{"jsonrpc":"1.0","id":3,"method":"ping"}]"#)
        #expect(response.status.code == 200)
        let items = try #require(response.json?.arrayValue)
        #expect(items.count == 3)
        #expect(items[0]["id"] == 1)
        #expect(items[0]["result"] == .object(JSONObject()))
        #expect(items[1]["id"] == "b")
        #expect(items[1]["error"]?["code"] == -32601)
        #expect(items[2]["error"]?["code"] == -32600)
        let onlyNotifications = client.post(#"[{"jsonrpc":"2.0","method":"notifications/x"}]"#)
        #expect(onlyNotifications.status.code == 202)
        #expect(client.post("[]").status.code == 400)
    }

    @Test func batchedInitializeIsRefused() throws {
        let client = TestClient(try makeEndpoint())
        let response = client.post(#"[{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-03-26"}}]"#)
        #expect(response.status.code == 400)
        #expect(response.json?["error"]?["code"] == -32600)
    }

    @Test func batchRefusalNamesTheRevision() throws {
        var client = TestClient(try makeEndpoint())
        client.initialize(version: "2025-06-18")
        let response = client.post(#"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#)
        #expect(response.status.code == 400)
        #expect(response.json?["error"]?["message"]?.stringValue?.contains("batches are not supported in 2025-06-18+") == true)
    }

    @Test func statelessBatchFollowsTheVersionHeader() throws {
        let endpoint = try makeEndpoint { $0.statefulSessions = false }
        var client = TestClient(endpoint)
        #expect(client.post(#"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#).status.code == 200, "absent header means 2025-03-26")
        client.version = "2025-11-25"
        #expect(client.post(#"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#).status.code == 400)
    }
}
