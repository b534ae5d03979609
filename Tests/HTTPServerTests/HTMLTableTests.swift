import HTTPServer
import Testing

/// `HTMLTable`: the header list drives both the `<th>` row and each cell's `data-label`, all
/// escaped, inside a labelled, focusable region.
@Suite struct HTMLTableTests {
    @Test func headersDriveTheCaptionsAndEverythingIsEscaped() {
        var table = HTMLTable(label: "Rows <\"x\">", columns: ["Name & co", "Value"], class: "wide")
        table.addRow([.text("<b>bold</b>"), .markup("<code>ok</code>", class: "mono")], id: "row-\"1\"", class: "bad")
        table.addRow([.text("only one")])
        let html = table.html
        #expect(html.hasPrefix(#"<div class="table-scroll" role="region" aria-label="Rows &lt;&quot;x&quot;&gt;" tabindex="0"><table class="stack wide">"#))
        #expect(html.contains(#"<thead><tr><th scope="col">Name &amp; co</th><th scope="col">Value</th></tr></thead>"#))
        #expect(html.contains(#"<tr id="row-&quot;1&quot;" class="bad"><td data-label="Name &amp; co">&lt;b&gt;bold&lt;/b&gt;</td><td class="mono" data-label="Value"><code>ok</code></td></tr>"#))
        #expect(html.contains(#"<tr><td data-label="Name &amp; co">only one</td></tr>"#))
        #expect(html.hasSuffix("</tbody></table></div>"))
    }

    @Test func aCellBeyondTheColumnsGetsAnEmptyCaption() {
        var table = HTMLTable(label: "T", columns: ["A"])
        table.addRow([.text("1"), .text("2")])
        #expect(table.html.contains(#"<td data-label="A">1</td><td data-label="">2</td>"#))
        #expect(table.html.contains(#"<table class="stack">"#))
    }

    @Test func theStylesheetCaptionsCellsOnlyOnANarrowScreen() throws {
        let css = HTMLStylesheet.css
        let narrow = try #require(css.range(of: "@media (max-width:760px){"))
        let caption = try #require(css.range(of: "table.stack td::before{content:attr(data-label)"))
        #expect(narrow.upperBound <= caption.lowerBound)
        #expect(css[narrow.upperBound...].contains("overflow-wrap:anywhere"), "long values wrap instead of widening the page")
    }
}
