import CShims

/// The process's heap as glibc's malloc sees it: what a long-running server hands back after
/// start-up, and what the journal's byte accounting is checked against (issue #16: idle RSS and
/// flat memory under load).
public enum ProcessMemory {
    /// Returns whole free pages of every malloc arena to the system (`malloc_trim(0)`): memory
    /// freed by start-up's worker threads otherwise stays resident in their arenas.
    public static func returnFreePages() { _ = CShims_malloc_trim() }

    /// Bytes currently allocated through malloc, in every arena (`mallinfo2`).
    public static var bytesInUse: Int { Int(CShims_malloc_in_use()) }
}
