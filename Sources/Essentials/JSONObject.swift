/// A JSON object that keeps insertion order and answers lookups by key.
///
/// Duplicate keys (which RFC 8259 §4 leaves undefined) resolve to the last one, as most parsers do.
/// Lookups scan the members: objects we read are small and read by a few known keys. The parser
/// does not insert through the subscript (that made an object with tens of thousands of keys cost
/// quadratic time, found by fuzzing); it de-duplicates with a hash set and uses `init(uniqueMembers:)`.
public struct JSONObject: Sendable, Hashable, Sequence {
    public private(set) var members: [(key: String, value: JSONValue)]

    public init() { members = [] }

    public init(_ members: [(String, JSONValue)]) {
        self.members = []
        for (key, value) in members { self[key] = value }
    }

    /// Members whose keys are known to be distinct, kept as they are.
    init(uniqueMembers: [(key: String, value: JSONValue)]) { members = uniqueMembers }

    /// Members whose keys are distinct by construction (literal keys written by the caller), kept
    /// as they are: `init(_:)` compares every key with every earlier one, which showed in the
    /// profile of objects built per tool call. Debug builds still check the keys.
    public init(distinctKeys members: [(key: String, value: JSONValue)]) {
        assert(Set(members.map(\.key)).count == members.count, "JSONObject(distinctKeys:) given a duplicate key")
        self.members = members
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    public subscript(key: String) -> JSONValue? {
        get { members.last(where: { $0.key == key })?.value }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append((key, newValue))
            }
        }
    }

    public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
        members.makeIterator()
    }

    /// Equal when both hold the same keys with equal values, in any order (RFC 8259 §4). Keys are
    /// unique, so large objects are compared through a hash table, in linear time.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        if lhs.members.count <= 16 {
            for (key, value) in lhs.members where rhs[key] != value { return false }
            return true
        }
        var values: [String: JSONValue] = [:]
        values.reserveCapacity(rhs.members.count)
        for (key, value) in rhs.members { values[key] = value }
        for (key, value) in lhs.members where values[key] != value { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            hasher.combine(key)
            hasher.combine(value)
        }
    }
}
