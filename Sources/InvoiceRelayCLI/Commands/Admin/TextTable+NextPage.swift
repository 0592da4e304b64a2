import RelayAdmin
extension TextTable {
    /// Prints one page of a list and, when another follows, the `--cursor` that fetches it.
    func print(nextCursor: String?) {
        print()
        if let nextCursor { Swift.print("\nmore: --cursor \(nextCursor)") }
    }
}
