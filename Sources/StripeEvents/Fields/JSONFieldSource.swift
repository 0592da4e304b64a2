/// The read fields of a body decoded whole into ``JSONValue``: the schema-less path's ``StripeFieldSource``.
///
/// Finds each field by walking the ``StripeField`` table's parents from the event down, and sees its value as the
/// field's kind says, exactly as ``StripeFieldValues`` does while scanning.
struct JSONFieldSource: StripeFieldSource {
    /// The event: the body's top-level object.
    var event: [String: JSONValue]

    func value(_ field: StripeField) -> FieldValue {
        let spec = field.spec
        guard let object = object(holding: spec), let value = object[spec.key.description] else { return .absent }
        return FieldValue(value, as: spec.kind)
    }

    /// The object `spec`'s field is a member of, when every object on the way to it is one.
    private func object(holding spec: StripeFieldSpec) -> [String: JSONValue]? {
        guard let parent = spec.parent else { return event }
        guard case .object(let object)? = self.object(holding: parent.spec)?[parent.spec.key.description] else { return nil }
        return object
    }
}

extension FieldValue {
    /// `value` as a field of `kind` sees it: itself when of that kind, else its type's name.
    init(_ value: JSONValue, as kind: StripeFieldSpec.Kind) {
        switch (value, kind) {
        case (.null, _): self = .null
        case (.string(let text), .string), (.string(let text), .tag), (.string(let text), .idOrObject): self = .string(text)
        case (.integer(let number), .integer): self = .integer(number)
        case (.object, .object), (.object, .idOrObject): self = .object
        case (.array(let elements), .strings):
            if case .string(let first)? = elements.first { self = .array(first: first) } else { self = .array(first: nil) }
        default: self = .mismatched(value.typeName)
        }
    }
}
