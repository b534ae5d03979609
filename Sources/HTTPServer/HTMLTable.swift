/// A data table (HTML Living Standard §4.9) that reads at any width (WCAG 2.1 SC 1.4.10 Reflow):
/// on a wide screen an ordinary table inside its own labelled, focusable region that scrolls if
/// it must (never the page; keyboard users can scroll it too, SC 2.1.1); on a phone each row is
/// a card whose first cell is its title and whose every cell is captioned with its column's name.
///
/// The column list drives both the `<th>` row and each `<td>`'s `data-label` (which the shared
/// stylesheet shows under its narrow media query), so a caption always equals its header: a page
/// never writes `data-label` by hand. Every text here is escaped (`HTMLText`); a cell built with
/// `markup` is markup whose dynamic parts the caller escaped.
public struct HTMLTable: Sendable {
    /// One `<td>`: its content and an optional class (`mono`, `actions`, `nowrap`).
    public struct Cell: Sendable {
        let content: String
        let className: String?

        /// A cell showing `text`, escaped here.
        public static func text(_ text: String, class className: String? = nil) -> Cell {
            Cell(content: HTMLText.escape(text), className: className)
        }

        /// A cell showing `markup` as is: its dynamic parts are escaped by the caller.
        public static func markup(_ markup: String, class className: String? = nil) -> Cell {
            Cell(content: markup, className: className)
        }
    }

    /// The class every table built here carries: the stylesheet's hook for the stacked cards.
    public static let stackClass = "stack"

    let label: String
    let columns: [String]
    let className: String?
    private var rows = ""

    /// `label` names the table's region for assistive technology; `columns` are the header texts
    /// (escaped here); `className` is added to `stack` on the `<table>`.
    public init(label: String, columns: [String], class className: String? = nil) {
        self.label = label
        self.columns = columns
        self.className = className
    }

    /// Appends a row. A cell beyond the last column gets an empty caption; `id` and `className`
    /// go on the `<tr>` (escaped).
    public mutating func addRow(_ cells: [Cell], id: String? = nil, class className: String? = nil) {
        rows += "<tr" + Self.attribute("id", id) + Self.attribute("class", className) + ">"
        for (index, cell) in cells.enumerated() {
            let caption = index < columns.count ? columns[index] : ""
            rows += "<td" + Self.attribute("class", cell.className) + Self.attribute("data-label", caption) + ">" + cell.content + "</td>"
        }
        rows += "</tr>"
    }

    /// The region and the table.
    public var html: String {
        let tableClass = Self.stackClass + (className.map { " " + $0 } ?? "")
        let header = columns.map { "<th scope=\"col\">" + HTMLText.escape($0) + "</th>" }.joined()
        return "<div class=\"table-scroll\" role=\"region\" aria-label=\"\(HTMLText.escape(label))\" tabindex=\"0\">"
            + "<table class=\"\(HTMLText.escape(tableClass))\"><thead><tr>\(header)</tr></thead><tbody>\(rows)</tbody></table></div>"
    }

    private static func attribute(_ name: String, _ value: String?) -> String {
        value.map { " \(name)=\"\(HTMLText.escape($0))\"" } ?? ""
    }
}
