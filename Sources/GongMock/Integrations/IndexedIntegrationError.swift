/// A refusal of one element of a list, for a JSON path such as `registeredClients[1].integrationId`.
struct IndexedIntegrationError: Error {
    let index: Int
    let member: String
    let message: String
}
