import Essentials

/// Input and output JSON Schemas (draft 2020-12 subset, as MCP `tools/list` carries) of the three
/// tools. Gong does not publish mcp.gong.io's schemas (gong.md §2.3); the argument names are the
/// mock's choice, following the ask-entity / get-brief REST parameters (§2.1):
/// `accountId` / `dealId` / `entityId` (= `crmEntityId`), `entityType` (= `crmEntityType`),
/// `question`, `briefName`, `timePeriod`, `fromDateTime`, `toDateTime`, `workspaceId`.
enum GongToolSchemas {
    static let askArguments = ["question", "timePeriod", "fromDateTime", "toDateTime", "workspaceId"]

    static func askInput(idName: String, entity: String, example: String) -> JSONValue {
        let identity: [(String, JSONValue)] = [
            (idName, ["type": "string",
                      "description": .string("The CRM id of the \(entity) (as synced from the CRM, e.g. \(example)).")]),
            ("question", ["type": "string",
                          "description": .string("A natural-language question about the \(entity), e.g. \"What objections did they raise about pricing?\"")]),
        ]
        return object(properties: identity + periodProperties, required: [idName, "question", "timePeriod"])
    }

    static let briefIdentity: [(String, JSONValue)] = [
        ("briefName", ["type": "string",
                       "description": "The name of a published brief configured in Gong (Agent Studio > AI Briefer), e.g. \"Account overview\"."]),
        ("entityType", ["type": "string", "enum": ["ACCOUNT", "DEAL", "CONTACT"],
                        "description": "The kind of CRM entity the brief is about."]),
        ("entityId", ["type": "string",
                      "description": "The CRM id of the account (001…), deal (006…) or contact (003…)."]),
    ]

    static let briefInput: JSONValue = object(properties: briefIdentity + periodProperties,
                                              required: ["briefName", "entityType", "entityId", "timePeriod"])

    static var periodProperties: [(String, JSONValue)] {
        [
            ("timePeriod", ["type": "string", "enum": .array(TimePeriod.allCases.map { .string($0.rawValue) }),
                            "description": "The time range of calls and emails to analyse. Shorter ranges analyse less data and consume fewer Gong credits. CUSTOM_RANGE needs fromDateTime."]),
            ("fromDateTime", ["type": "string",
                              "description": "Start of the range, ISO-8601 (e.g. 2026-04-01T00:00:00Z). Required when timePeriod is CUSTOM_RANGE; ignored otherwise."]),
            ("toDateTime", ["type": "string",
                            "description": "End of the range, ISO-8601; defaults to now. Used only with CUSTOM_RANGE."]),
            ("workspaceId", ["type": "string",
                             "description": "The Gong workspace id; defaults to the company's workspace."]),
        ]
    }

    static func object(properties: [(String, JSONValue)], required: [String]) -> JSONValue {
        [
            "type": "object",
            "properties": .object(JSONObject(properties)),
            "required": .array(required.map { .string($0) }),
            "additionalProperties": false,
        ]
    }

    static let callFinding: JSONValue = [
        "type": "object",
        "properties": [
            "callId": ["type": "string"], "title": ["type": "string"], "url": ["type": "string"],
            "startTime": ["type": "string", "description": "ISO-8601 start of the call"],
            "durationSeconds": ["type": "integer"],
            "speakerName": ["type": "string"], "speakerTitle": ["type": "string"],
            "speakerAffiliation": ["type": "string", "enum": ["Internal", "External"]],
            "quote": ["type": "string"],
            "timestamp": ["type": "string", "description": "Position in the call, m:ss or h:mm:ss"],
            "timestampSeconds": ["type": "integer"],
        ],
        "required": ["callId", "title", "startTime", "speakerName", "quote", "timestamp"],
    ]

    static let emailFinding: JSONValue = [
        "type": "object",
        "properties": [
            "emailId": ["type": "string"], "subject": ["type": "string"],
            "sentTime": ["type": "string", "description": "ISO-8601 time the email was sent"],
            "from": ["type": "string"], "fromName": ["type": "string"], "snippet": ["type": "string"],
        ],
        "required": ["emailId", "subject", "sentTime", "from", "snippet"],
    ]

    static let findingLists: [(String, JSONValue)] = [
        ("callFindings", ["type": "array", "items": callFinding]),
        ("emailFindings", ["type": "array", "items": emailFinding]),
    ]

    static let askOutput: JSONValue = [
        "type": "object",
        "properties": [
            "requestId": ["type": "string"],
            "numOfCallsSearched": ["type": "integer"],
            "numOfEmailsSearched": ["type": "integer"],
            "answer": ["type": "array", "items": [
                "type": "object",
                "properties": .object(JSONObject([("answerItems", ["type": "array", "items": ["type": "string"]])]
                                                 + findingLists)),
                "required": ["answerItems", "callFindings", "emailFindings"],
            ]],
        ],
        "required": ["requestId", "numOfCallsSearched", "numOfEmailsSearched", "answer"],
    ]

    static let briefOutput: JSONValue = [
        "type": "object",
        "properties": [
            "requestId": ["type": "string"],
            "briefName": ["type": "string"],
            "numOfCallsSearched": ["type": "integer"],
            "numOfEmailsSearched": ["type": "integer"],
            "briefSections": ["type": "array", "items": [
                "type": "object",
                "properties": [
                    "title": ["type": "string"],
                    "sectionSummary": ["type": "array", "items": ["type": "string"]],
                    "briefSectionType": ["type": "string", "description": "Where the findings come from (\"Conversations\")"],
                    "sectionType": ["type": "string", "enum": ["OPEN_ENDED", "SMART_TRACKER"]],
                    "conversationFindings": ["type": "object",
                                             "properties": .object(JSONObject(findingLists))],
                ],
                "required": ["title", "sectionSummary", "briefSectionType", "conversationFindings"],
            ]],
        ],
        "required": ["requestId", "numOfCallsSearched", "numOfEmailsSearched", "briefSections"],
    ]
}
