/// Collects problems while one fixture is decoded and checked; local to a single load.
final class FixtureProblemLog {
    private(set) var problems: [FixtureProblem] = []

    func report(_ file: String, _ path: String, _ message: String) {
        problems.append(FixtureProblem(file: file, path: path, message: message))
    }
}
