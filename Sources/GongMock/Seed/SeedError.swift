/// Why a seed file was refused: the file name, the key path inside it, and the problem, e.g.
/// `seed.json: integrations[0].authorizationContext: expected "PERSONAL" or "SHARED", got "TEAM"`.
public struct SeedError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// `integrations[0].authorizationContext`; empty for whole-file problems.
    public let keyPath: String
    public let problem: String

    public init(file: String, keyPath: String, problem: String) {
        self.file = file
        self.keyPath = keyPath
        self.problem = problem
    }

    public var description: String {
        keyPath.isEmpty ? "\(file): \(problem)" : "\(file): \(keyPath): \(problem)"
    }
}
