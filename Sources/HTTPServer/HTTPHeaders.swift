/// Header fields in wire order with case-insensitive lookup (RFC 9110 §5).
///
/// Not a dictionary: order and repeated fields matter (`Set-Cookie`, duplicate
/// `Content-Length` detection), so `add` appends and `replaceOrAdd` replaces all same-named fields.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral, Equatable {
    public private(set) var fields: [(name: String, value: String)]

    public init() { fields = [] }
    public init(_ fields: [(String, String)]) { self.fields = fields.map { (name: $0.0, value: $0.1) } }
    public init(dictionaryLiteral elements: (String, String)...) { self.init(elements) }

    public var count: Int { fields.count }
    public var isEmpty: Bool { fields.isEmpty }

    /// The first value of the named field.
    public subscript(name: String) -> String? {
        for field in fields where Self.equalsIgnoringCase(field.name, name) { return field.value }
        return nil
    }

    public func values(_ name: String) -> [String] {
        fields.filter { Self.equalsIgnoringCase($0.name, name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    public mutating func add(_ name: String, _ value: String) { fields.append((name, value)) }

    public mutating func replaceOrAdd(_ name: String, _ value: String) {
        if let index = fields.firstIndex(where: { Self.equalsIgnoringCase($0.name, name) }) {
            fields[index].value = value
            var seen = false
            fields.removeAll { field in
                guard Self.equalsIgnoringCase(field.name, name) else { return false }
                if !seen { seen = true; return false }
                return true
            }
        } else {
            fields.append((name, value))
        }
    }

    public mutating func remove(_ name: String) { fields.removeAll { Self.equalsIgnoringCase($0.name, name) } }

    /// Comma-separated list values of every same-named field, trimmed (RFC 9110 §5.6.1).
    public func listValues(_ name: String) -> [String] {
        values(name).flatMap { $0.split(separator: ",") }.map { $0.trimmingHTTPWhitespace() }.filter { !$0.isEmpty }
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.count == rhs.fields.count && zip(lhs.fields, rhs.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// ASCII case-insensitive comparison without allocating.
    public static func equalsIgnoringCase(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        // Over contiguous bytes: iterating the two UTF-8 views pairwise was most of a header
        // lookup, and a request makes a dozen.
        var lhs = lhs, rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                for index in 0..<left.count where left[index] != right[index] {
                    let a = left[index], b = right[index]
                    let lowerA = (a >= 0x41 && a <= 0x5A) ? a | 0x20 : a
                    let lowerB = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
                    if lowerA != lowerB { return false }
                }
                return true
            }
        }
    }
}

extension StringProtocol {
    /// Trims spaces and tabs (HTTP's OWS), not every Unicode whitespace.
    public func trimmingHTTPWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
