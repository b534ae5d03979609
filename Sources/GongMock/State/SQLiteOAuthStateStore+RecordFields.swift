import Essentials
import OAuth

extension SQLiteOAuthStateStore {
    /// The format version written into every record (`"format": 1`). A record with another
    /// version is refused rather than guessed at, like the database's schema version.
    public static let recordFormat = 1

    /// One stored record parsed and checked: typed field access whose failures name the
    /// namespace, the key and the field, so a bad row can be found and fixed by hand.
    struct RecordFields {
        let namespace: String
        let key: String
        let object: JSONObject

        init(namespace: String, key: String, text: String) throws(OAuthStoreError) {
            self.namespace = namespace
            self.key = key
            let value: JSONValue
            do { value = try JSONParser.parse(text) } catch {
                throw OAuthStoreError("stored record \(namespace)/\(key) is not valid JSON (\(error))")
            }
            guard let object = value.objectValue else {
                throw OAuthStoreError("stored record \(namespace)/\(key) is \(Self.described(value)) rather than a JSON object")
            }
            self.object = object
            guard let format = object["format"] else { throw failure("has no \"format\" version field") }
            guard let version = format.intValue else { throw failure("field \"format\" is \(Self.described(format)), expected an integer version") }
            guard version == SQLiteOAuthStateStore.recordFormat else {
                throw failure("has format version \(version); this build reads version \(SQLiteOAuthStateStore.recordFormat)")
            }
        }

        /// "an array", "a number", "null": for messages that read as sentences.
        static func described(_ value: JSONValue) -> String {
            switch value {
            case .null: return "null"
            case .array, .object: return "an \(value.kindName)"
            case .bool, .number, .string: return "a \(value.kindName)"
            }
        }

        func failure(_ what: String) -> OAuthStoreError {
            OAuthStoreError("stored record \(namespace)/\(key) \(what)")
        }

        func string(_ name: String) throws(OAuthStoreError) -> String {
            guard let value = object[name] else { throw failure("has no \"\(name)\" field") }
            guard let text = value.stringValue else { throw failure("field \"\(name)\" is \(Self.described(value)), expected a string") }
            return text
        }

        /// Absent and null both mean nil.
        func optionalString(_ name: String) throws(OAuthStoreError) -> String? {
            guard let value = object[name], !value.isNull else { return nil }
            guard let text = value.stringValue else { throw failure("field \"\(name)\" is \(Self.described(value)), expected a string or null") }
            return text
        }

        func number(_ name: String) throws(OAuthStoreError) -> Double {
            guard let value = object[name] else { throw failure("has no \"\(name)\" field") }
            guard let number = value.doubleValue else { throw failure("field \"\(name)\" is \(Self.described(value)), expected a number") }
            return number
        }

        func optionalNumber(_ name: String) throws(OAuthStoreError) -> Double? {
            guard let value = object[name], !value.isNull else { return nil }
            guard let number = value.doubleValue else { throw failure("field \"\(name)\" is \(Self.described(value)), expected a number or null") }
            return number
        }

        func strings(_ name: String) throws(OAuthStoreError) -> [String] {
            guard let value = object[name] else { throw failure("has no \"\(name)\" field") }
            guard let elements = value.arrayValue else { throw failure("field \"\(name)\" is \(Self.described(value)), expected an array of strings") }
            var texts: [String] = []
            for (index, element) in elements.enumerated() {
                guard let text = element.stringValue else { throw failure("field \"\(name)\"[\(index)] is \(Self.described(element)), expected a string") }
                texts.append(text)
            }
            return texts
        }

        func object(_ name: String) throws(OAuthStoreError) -> JSONObject {
            guard let value = object[name] else { throw failure("has no \"\(name)\" field") }
            guard let members = value.objectValue else { throw failure("field \"\(name)\" is \(Self.described(value)), expected an object") }
            return members
        }

        /// The record's own identifier must be the key it is stored under; otherwise a lookup by
        /// one hash would answer with another token's record.
        func requireIdentity(_ name: String) throws(OAuthStoreError) -> String {
            let identity = try string(name)
            guard identity == key else { throw failure("has \"\(name)\" \"\(identity)\", which is not the key it is stored under") }
            return identity
        }
    }
}
