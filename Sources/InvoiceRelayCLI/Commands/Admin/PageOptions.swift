import ArgumentParser
import RelayAdmin

/// `--limit` and `--cursor`, the paging options every `list` command takes.
struct PageOptions: ParsableArguments {
    @Option(help: "Page size, 1-500.")
    var limit: Int?
    @Option(help: "next_cursor of the previous page.")
    var cursor: String?

    /// Adds the given paging options to `list`, after the command's filters.
    func add(to list: inout ParameterList) {
        list.add("limit", limit)
        list.add("cursor", cursor)
    }
}
