/// An invalid tool argument, always naming the argument and what it accepts.
public struct ToolArgumentError: Error, Sendable, Hashable, CustomStringConvertible {
    public let argument: String
    public let message: String

    public init(argument: String, message: String) {
        self.argument = argument
        self.message = message
    }

    public var description: String { "Invalid argument \(argument): \(message)" }
}
