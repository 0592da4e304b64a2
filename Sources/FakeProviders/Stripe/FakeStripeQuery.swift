import Hummingbird

/// A Stripe query string parsed the way Stripe's (Rack-style) form parser reads it.
///
/// Accepts brackets literal or percent-encoded (`types[]`, `types%5B%5D`), empty or indexed array keys
/// (`types[]`, `types[0]`), and hash keys (`created[gte]`).
struct FakeStripeQuery: Sendable {
    /// `name=value`
    var scalars: [String: String] = [:]
    /// `name[]=value` / `name[N]=value`, in wire order.
    var arrays: [String: [String]] = [:]
    /// `name[key]=value`
    var hashes: [String: [String: String]] = [:]
    /// Every top-level name, in wire order, with the full key as sent (for error messages).
    var keys: [(name: String, fullKey: String)] = []

    init(_ rawQuery: String?) {
        guard let rawQuery, !rawQuery.isEmpty else { return }
        for (key, value) in FormURLEncoded.decode(Array(rawQuery.utf8)) {
            guard let open = key.firstIndex(of: "["), key.hasSuffix("]") else {
                scalars[key] = value
                keys.append((key, key))
                continue
            }
            let name = String(key[..<open])
            let subkey = String(key[key.index(after: open)..<key.index(before: key.endIndex)])
            keys.append((name, key))
            if subkey.isEmpty || subkey.allSatisfy(\.isNumber) {
                arrays[name, default: []].append(value)
            } else {
                hashes[name, default: [:]][subkey] = value
            }
        }
    }

    /// The first parameter whose name is not in `allowed`, as Stripe names it in `Received unknown parameter`.
    func unknownParameter(allowed: Set<String>) -> String? {
        keys.first { !allowed.contains($0.name) }?.fullKey
    }
}

/// The parameters every list endpoint shares, validated like Stripe validates them.
struct FakeStripeListParameters: Sendable {
    var limit = 10
    var startingAfter: String?
    var endingBefore: String?
    var created = CreatedFilter()

    /// `created=` / `created[gt|gte|lt|lte]=`
    struct CreatedFilter: Sendable {
        var equal: Int64?
        var greaterThan: Int64?
        var greaterOrEqual: Int64?
        var lessThan: Int64?
        var lessOrEqual: Int64?

        func matches(_ created: Int64) -> Bool {
            if let equal, created != equal { return false }
            if let greaterThan, created <= greaterThan { return false }
            if let greaterOrEqual, created < greaterOrEqual { return false }
            if let lessThan, created >= lessThan { return false }
            if let lessOrEqual, created > lessOrEqual { return false }
            return true
        }
    }

    /// Validates `limit`, the cursors and `created`; returns Stripe's 400 response when one is invalid.
    static func parse(_ query: FakeStripeQuery) -> Result<FakeStripeListParameters, FakeStripeRejection> {
        var parameters = FakeStripeListParameters()
        if let raw = query.scalars["limit"] {
            guard let limit = Int(raw) else {
                return .failure(.init(message: "Invalid integer: \(raw)", code: "parameter_invalid_integer", param: "limit"))
            }
            guard limit >= 1 else {
                return .failure(.init(message: "This value must be greater than or equal to 1.", code: "parameter_invalid_integer", param: "limit"))
            }
            guard limit <= 100 else {
                return .failure(.init(message: "This value must be less than or equal to 100 (it currently is '\(limit)').", code: "parameter_invalid_integer", param: "limit"))
            }
            parameters.limit = limit
        }
        parameters.startingAfter = query.scalars["starting_after"].flatMap { $0.isEmpty ? nil : $0 }
        parameters.endingBefore = query.scalars["ending_before"].flatMap { $0.isEmpty ? nil : $0 }
        if parameters.startingAfter != nil, parameters.endingBefore != nil {
            return .failure(.init(message: "You may only specify one of these parameters: ending_before, starting_after.", param: "ending_before"))
        }
        if let raw = query.scalars["created"] {
            guard let value = Int64(raw) else {
                return .failure(.init(message: "Invalid integer: \(raw)", code: "parameter_invalid_integer", param: "created"))
            }
            parameters.created.equal = value
        }
        for (key, raw) in (query.hashes["created"] ?? [:]).sorted(by: { $0.key < $1.key }) {
            let param = "created[\(key)]"
            guard ["gt", "gte", "lt", "lte"].contains(key) else {
                return .failure(.init(message: "Received unknown parameter: \(param)", code: "parameter_unknown", param: param))
            }
            guard let value = Int64(raw) else {
                return .failure(.init(message: "Invalid integer: \(raw)", code: "parameter_invalid_integer", param: param))
            }
            switch key {
            case "gt": parameters.created.greaterThan = value
            case "gte": parameters.created.greaterOrEqual = value
            case "lt": parameters.created.lessThan = value
            default: parameters.created.lessOrEqual = value
            }
        }
        return .success(parameters)
    }
}

/// A 400 `invalid_request_error` the fake answers with.
struct FakeStripeRejection: Error, Sendable {
    var message: String
    var code: String?
    var param: String?

    var response: Response {
        FakeStripeErrorResponse.invalidRequest(message, code: code, param: param)
    }
}
