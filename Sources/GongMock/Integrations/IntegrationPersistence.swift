/// Where the integration store writes through before a mutation is acknowledged. `StateDatabase`
/// implements it for `--state-dir`; without one, state lives in memory only.
///
/// Each call must be durable when it returns (committed transaction), and must throw rather than
/// half-apply: the store changes its in-memory model only after the write succeeded.
public protocol IntegrationPersistence: Sendable {
    func saveIntegration(_ integration: MCPIntegration) throws(IntegrationError)
    /// Deletes the integration and every client registered under it, in one transaction.
    func deleteIntegration(id: String) throws(IntegrationError)
    func saveRegisteredClient(_ client: RegisteredClient) throws(IntegrationError)
    func deleteRegisteredClient(clientId: String) throws(IntegrationError)
}
