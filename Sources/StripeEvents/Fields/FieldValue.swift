/// What one read field of a body held, as its ``StripeFieldSpec/Kind`` sees it: the same for both decoding paths.
///
/// A value of the field's kind is kept; any other JSON type is kept as its name only, for the reason that
/// explains it.
enum FieldValue: Sendable, Equatable {
    /// The key is not there (or the object it belongs in is not).
    case absent
    case null
    case string(String)
    case integer(Int64)
    /// An object; its members are read as the fields whose parent is this one.
    case object
    /// An array; `first` is its first element when that is a string.
    case array(first: String?)
    /// A value of a type the field does not take, by the type's name (`"a boolean"`).
    case mismatched(String)

    /// The JSON type's name, for reasons ("must be a string, found a number").
    var typeName: String {
        switch self {
        case .absent: "nothing"
        case .null: "null"
        case .string: "a string"
        case .integer: "a number"
        case .object: "an object"
        case .array: "an array"
        case .mismatched(let name): name
        }
    }
}

/// Reads the fields of an event body: the only thing the two decoding paths do differently.
protocol StripeFieldSource {
    /// What `field` held; ``FieldValue/absent`` when it, or the object it belongs in, is not there.
    func value(_ field: StripeField) -> FieldValue
}
