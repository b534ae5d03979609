import Essentials

/// Schemas of the two tools of `--tools 2026-11`. Gong names the tools (credit page of
/// 2026-11-17) but publishes no schema: every argument name here is the mock's assumption,
/// chosen to match the launch tools (`question`, `timePeriod`, CRM ids) and Gong's conversation
/// search filters (account, words or phrases, participants).
extension GongToolSchemas {
    static let researchArguments = ["question", "accountIds", "dealIds"] + askArguments.filter { $0 != "question" }
    static let searchArguments = ["query", "accountId", "dealId", "participantEmail", "conversationType", "limit", "cursor",
                                  "timePeriod", "fromDateTime", "toDateTime", "workspaceId"]

    static func idList(_ entity: String) -> JSONValue {
        ["type": "array", "items": ["type": "string"], "maxItems": 20,
         "description": .string("Limit the research to the conversations of these \(entity) (CRM ids); all visible conversations when absent.")]
    }

    static let researchInput: JSONValue = object(properties: [
        ("question", ["type": "string",
                      "description": "A natural-language research question across conversations, e.g. \"Which competitors came up in pricing discussions?\""]),
        ("accountIds", idList("accounts")),
        ("dealIds", idList("deals")),
    ] + periodProperties, required: ["question", "timePeriod"])

    static let searchInput: JSONValue = object(properties: [
        ("query", ["type": "string", "description": "Words or phrases every matching conversation contains (transcript, title, email subject or body)."]),
        ("accountId", ["type": "string", "description": "Only conversations of this CRM account."]),
        ("dealId", ["type": "string", "description": "Only conversations of this CRM deal."]),
        ("participantEmail", ["type": "string", "description": "Only conversations this person (team member or contact) took part in."]),
        ("conversationType", ["type": "string", "enum": ["CALL", "EMAIL", "ALL"], "description": "Default ALL."]),
        ("limit", ["type": "integer", "minimum": 1, "maximum": 100, "description": "Conversations per page (default 20)."]),
        ("cursor", ["type": "string", "description": "nextCursor of the previous page."]),
    ] + periodProperties, required: ["timePeriod"])

    static let researchOutput: JSONValue = askOutput

    static let searchOutput: JSONValue = [
        "type": "object",
        "properties": [
            "requestId": ["type": "string"],
            "totalRecords": ["type": "integer"],
            "conversations": ["type": "array", "items": [
                "type": "object",
                "properties": [
                    "conversationType": ["type": "string", "enum": ["CALL", "EMAIL"]],
                    "id": ["type": "string"], "title": ["type": "string"], "url": ["type": "string"],
                    "time": ["type": "string", "description": "ISO-8601 start of the call or time the email was sent"],
                    "durationSeconds": ["type": "integer"],
                    "accountId": ["type": "string"], "accountName": ["type": "string"], "dealId": ["type": "string"],
                ],
                "required": ["conversationType", "id", "title", "time", "accountId"],
            ]],
            "nextCursor": ["type": "string"],
        ],
        "required": ["requestId", "totalRecords", "conversations"],
    ]
}
