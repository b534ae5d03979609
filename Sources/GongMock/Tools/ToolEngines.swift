/// The parts of the tool catalog built from the company's search indexes: tracker vocabulary and
/// the answer composer (with its per-conversation facts). Built on first use or by
/// `GongToolCatalog.prepare()`, not while the server starts (see `DeferredValue`).
final class ToolEngines: Sendable {
    let vocabulary: SearchVocabulary
    let composer: AnswerComposer

    init(data: CompanyData) {
        vocabulary = SearchVocabulary(data: data)
        composer = AnswerComposer(data: data, vocabulary: vocabulary, renderer: FindingsRenderer(data: data))
    }
}
