/// Request parameters in order, with RFC 6749 §3.1/§3.2's rule that a parameter must not be
/// sent more than once ("Request and response parameters MUST NOT be included more than once").
struct ParameterList: Sendable {
    var items: [(name: String, value: String)]

    init(_ items: [(name: String, value: String)]) { self.items = items }

    /// The single value of `name`, nil when absent; `.duplicate` when sent more than once with
    /// different values (identical repeats, e.g. once in the query and once in the body, pass).
    func single(_ name: String) -> Lookup {
        // One pass, no intermediate arrays: the token endpoint asks this a dozen times a request.
        var first: String?
        for item in items where item.name == name {
            guard let seen = first else {
                first = item.value
                continue
            }
            if item.value != seen { return .duplicate }
        }
        return first.map(Lookup.value) ?? .absent
    }

    /// The value, treating an empty one as absent.
    func value(_ name: String) -> String? {
        if case .value(let value) = single(name), !value.isEmpty { return value }
        return nil
    }

    func all(_ name: String) -> [String] { items.filter { $0.name == name }.map(\.value) }

    /// The first parameter among `names` that is sent twice with different values.
    func firstDuplicate(among names: [String]) -> String? {
        names.first { if case .duplicate = single($0) { return true } else { return false } }
    }

    enum Lookup: Equatable {
        case absent
        case value(String)
        case duplicate
    }
}
