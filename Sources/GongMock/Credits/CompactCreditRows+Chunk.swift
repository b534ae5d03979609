extension CompactCreditRows {
    /// Up to `chunkCapacity` rows in 6 bytes each, every value recoverable bit for bit:
    /// - time: the offset of the row's `Double` bit pattern from the chunk's first row's. Times
    ///   within one binade are evenly spaced bit patterns (around 2026 the step is 2^-22 s), so
    ///   2^32 steps cover about 17 minutes after the base; a time outside that (a clock moved
    ///   back, or far ahead) is kept whole in `wideTimes`.
    /// - kind: a chunk-local number (a chunk of 8,192 rows never has more kinds than UInt16
    ///   holds) into `localKinds`, the ledger's kind numbers.
    /// - balance: not stored when it is the previous row's less this row's cost, as every
    ///   charge leaves it; the first row's is kept, and any after a pool set in `balanceBreaks`.
    /// Storage is reserved on the first row, so an empty ledger costs nothing.
    struct Chunk: Sendable {
        private static let wideTime = UInt32.max

        private var baseTimeBits: UInt64 = 0
        private var timeOffsets: [UInt32] = []
        private var wideTimes: [Int: Double] = [:]
        private var kindIndexes: [UInt16] = []
        private var localKinds: [UInt32] = []
        private var localNumbers: [UInt32: UInt16] = [:]
        private var firstBalance: Int64 = 0
        private var balanceBreaks: [Int: Int64] = [:]
        private var lastBalance: Int64 = 0

        var count: Int { timeOffsets.count }

        mutating func append(time: Double, kindNumber: UInt32, cost: Int64, balanceAfter: Int64) {
            let index = count
            if index == 0 {
                timeOffsets.reserveCapacity(CompactCreditRows.chunkCapacity)
                kindIndexes.reserveCapacity(CompactCreditRows.chunkCapacity)
                baseTimeBits = time.bitPattern
            }
            let bits = time.bitPattern
            if bits >= baseTimeBits, bits - baseTimeBits < UInt64(Self.wideTime) {
                timeOffsets.append(UInt32(bits - baseTimeBits))
            } else {
                timeOffsets.append(Self.wideTime)
                wideTimes[index] = time
            }
            kindIndexes.append(localNumber(of: kindNumber))
            if index == 0 {
                firstBalance = balanceAfter
            } else if lastBalance - cost != balanceAfter {
                balanceBreaks[index] = balanceAfter
            }
            lastBalance = balanceAfter
        }

        private mutating func localNumber(of kindNumber: UInt32) -> UInt16 {
            if let last = kindIndexes.last, localKinds[Int(last)] == kindNumber { return last }
            if let known = localNumbers[kindNumber] { return known }
            let local = UInt16(localKinds.count)
            localKinds.append(kindNumber)
            localNumbers[kindNumber] = local
            return local
        }

        func time(at index: Int) -> Double {
            let offset = timeOffsets[index]
            if offset == Self.wideTime, let wide = wideTimes[index] { return wide }
            return Double(bitPattern: baseTimeBits + UInt64(offset))
        }

        func kindNumber(at index: Int) -> UInt32 { localKinds[Int(kindIndexes[index])] }

        /// The stored balance of a row whose balance does not follow from the previous row's.
        func balanceBreak(at index: Int) -> Int64? {
            if index == 0 { return firstBalance }
            return balanceBreaks.isEmpty ? nil : balanceBreaks[index]
        }
    }
}
