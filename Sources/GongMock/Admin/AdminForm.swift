/// Submitted form fields, repeated names kept (scopes checkboxes).
struct AdminForm: Sendable {
    let fields: [(name: String, value: String)]
    init(_ fields: [(name: String, value: String)]) { self.fields = fields }
    func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }
    func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }
}
