/// Splits text into normalised search terms, identically for indexed transcripts/e-mails and
/// for questions, so that a question word and a transcript word meet on the same term.
///
/// Normalisation: lower-case; letters and digits only (apostrophes dropped, so "don't" → "dont");
/// a light plural fold ("risks" → "risk", "companies" → "company", not "business"). No real
/// stemming: the mock must stay predictable for people writing tests against it.
enum TextTokenizer {
    static func terms(_ text: String) -> [String] {
        var result: [String] = []
        var current: [UInt8] = []
        current.reserveCapacity(16)
        func flush() {
            guard !current.isEmpty else { return }
            result.append(fold(String(decoding: current, as: UTF8.self)))
            current.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte + 32)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(byte)
            case UInt8(ascii: "'"): continue
            case 0x80...: current.append(byte) // part of a non-ASCII letter: keep it inside the word
            default: flush()
            }
        }
        flush()
        return result
    }

    static func fold(_ word: String) -> String {
        let bytes = Array(word.utf8)
        let count = bytes.count
        if count > 4, word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if count > 3, bytes[count - 1] == UInt8(ascii: "s"), bytes[count - 2] != UInt8(ascii: "s"),
           bytes[count - 2] != UInt8(ascii: "u"), bytes[count - 2] != UInt8(ascii: "i") {
            return String(word.dropLast())
        }
        return word
    }

    /// Words too common to mean anything in a question about an account or a deal.
    static let stopwords: Set<String> = [
        "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
        "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "doe", "does",
        "doing", "during", "each", "for", "from", "further", "had", "ha", "has", "have", "having", "he", "her",
        "here", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "more", "most", "my",
        "no", "nor", "not", "of", "off", "on", "once", "only", "or", "other", "our", "out", "over", "own", "same",
        "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these",
        "they", "thi", "this", "those", "through", "to", "too", "under", "until", "up", "very", "wa", "was", "we",
        "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
        "your", "yours", "yes", "ok", "okay", "so", "well", "really", "yeah", "sure", "thank", "thanks", "great",
        "let", "lets", "get", "got", "going", "go", "want", "think", "know", "like", "need", "one", "make", "see",
    ]

    /// Question words that name the data rather than a topic ("what did the customer say on
    /// calls about pricing": only "pricing" is a topic).
    static let questionNoise: Set<String> = [
        "account", "deal", "opportunity", "customer", "client", "prospect", "call", "email", "mail", "meeting",
        "conversation", "say", "said", "mention", "mentioned", "mentioning", "discuss", "discussed", "discussion",
        "talk", "talked", "tell", "summarize", "summarise", "summary", "any", "recent", "recently", "last", "latest",
        "period", "time", "day", "week", "month", "quarter", "year", "gong", "brief", "there", "give", "list",
        "anything", "something", "status", "happen", "happened", "update", "raised", "bring", "brought", "came",
        "come", "key", "main", "top", "current",
    ]

    /// Content terms of a question: its terms minus stopwords and data-naming noise.
    static func questionTerms(_ question: String) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for term in terms(question) where !stopwords.contains(term) && !questionNoise.contains(term) {
            if term.count < 3 { continue }
            if seen.insert(term).inserted { result.append(term) }
        }
        return result
    }
}
