/// Splits text into normalised search terms, identically for indexed transcripts/e-mails and
/// for questions, so that a question word and a transcript word meet on the same term.
///
/// Normalisation: lower-case; letters and digits only (apostrophes dropped, so "don't" → "dont");
/// a light plural fold ("risks" → "risk", "companies" → "company", not "business"). No real
/// stemming: the mock must stay predictable for people writing tests against it.
enum TextTokenizer {
    static func terms(_ text: String) -> [String] {
        var result: [String] = []
        forEachTerm(text) { bytes in result.append(String(decoding: bytes, as: UTF8.self)) }
        return result
    }

    /// Calls `body` with the normalised bytes of each term of `text`, without allocating a String
    /// per word: the index builder interns terms straight from these bytes.
    static func forEachTerm(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            var count = 0
            var overflow: [UInt8] = []
            func flush() {
                guard count > 0 else { return }
                if count <= buffer.count {
                    count = folded(buffer, count)
                    body(UnsafeBufferPointer(rebasing: buffer[0..<count]))
                } else {
                    overflow.withUnsafeMutableBufferPointer { word in
                        let length = folded(word, word.count)
                        body(UnsafeBufferPointer(rebasing: word[0..<length]))
                    }
                    overflow.removeAll(keepingCapacity: true)
                }
                count = 0
            }
            func append(_ byte: UInt8) {
                if count < buffer.count {
                    buffer[count] = byte
                } else {
                    if count == buffer.count { overflow = Array(buffer) }
                    overflow.append(byte)
                }
                count += 1
            }
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): append(byte + 32)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): append(byte)
                case UInt8(ascii: "'"): continue
                case 0x80...: append(byte) // part of a non-ASCII letter: keep it inside the word
                default: flush()
                }
            }
            flush()
        }
    }

    /// Light plural fold in place; returns the new length.
    private static func folded(_ word: UnsafeMutableBufferPointer<UInt8>, _ count: Int) -> Int {
        let s = UInt8(ascii: "s")
        if count > 4, word[count - 3] == UInt8(ascii: "i"), word[count - 2] == UInt8(ascii: "e"), word[count - 1] == s {
            word[count - 3] = UInt8(ascii: "y")
            return count - 2
        }
        if count > 3, word[count - 1] == s, word[count - 2] != s, word[count - 2] != UInt8(ascii: "u"),
           word[count - 2] != UInt8(ascii: "i") {
            return count - 1
        }
        return count
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
