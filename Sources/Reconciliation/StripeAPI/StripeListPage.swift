import Foundation

/// A Stripe list response split into its envelope and the raw bytes of each `data` element.
///
/// The page as a whole must be valid JSON with `object: "list"`, a `data` array and `has_more`; each element is
/// then decoded on its own (``decode(_:as:)``) so one bad element cannot fail the rest.
struct StripeListPage: Sendable {
    var hasMore: Bool
    var url: String?
    /// Each element of `data`, byte for byte, in page order.
    var elements: [ArraySlice<UInt8>]

    /// The envelope fields; decoding it also checks the whole body is well-formed JSON.
    private struct Envelope: Decodable {
        var object: String
        var hasMore: Bool
        var url: String?

        enum CodingKeys: String, CodingKey {
            case object
            case hasMore = "has_more"
            case url
        }
    }

    /// Parses a list page.
    /// - Throws: A short reason when the body is not a Stripe list.
    static func parse(_ body: [UInt8]) throws(StripeListPageError) -> StripeListPage {
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: Data(body))
        } catch let error as DecodingError {
            throw StripeListPageError(reason: "list envelope: \(error.stripeConciseDescription)")
        } catch {
            throw StripeListPageError(reason: "list envelope: \(error)")
        }
        guard envelope.object == "list" else {
            throw StripeListPageError(reason: "expected object \"list\", got \"\(envelope.object)\"")
        }
        var scanner = JSONByteScanner(bytes: body)
        guard let elements = try scanner.topLevelArray(named: "data") else {
            throw StripeListPageError(reason: "list has no \"data\" array")
        }
        return StripeListPage(hasMore: envelope.hasMore, url: envelope.url, elements: elements)
    }

    /// Decodes every element, setting aside those that fail (with their id when one can be read).
    static func decode<Header: Decodable, Item>(
        _ elements: [ArraySlice<UInt8>],
        as header: Header.Type,
        make: (Header, [UInt8]) -> Result<Item, ElementRejection>
    ) -> (items: [Item], undecodable: [StripeUndecodableItem], lastId: String?) {
        var items: [Item] = []
        var undecodable: [StripeUndecodableItem] = []
        var lastId: String?
        let decoder = JSONDecoder()
        for element in elements {
            let raw = Array(element)
            let id = (try? decoder.decode(IdentifierOnly.self, from: Data(raw)))?.id
            lastId = id ?? lastId
            do {
                let decoded = try decoder.decode(Header.self, from: Data(raw))
                switch make(decoded, raw) {
                case .success(let item): items.append(item)
                case .failure(let rejection): undecodable.append(.init(id: id, reason: rejection.reason, raw: raw))
                }
            } catch let error as DecodingError {
                undecodable.append(.init(id: id, reason: error.stripeConciseDescription, raw: raw))
            } catch {
                undecodable.append(.init(id: id, reason: "\(error)", raw: raw))
            }
        }
        return (items, undecodable, lastId)
    }

    /// Best-effort `id` of an element that may not decode otherwise.
    private struct IdentifierOnly: Decodable {
        var id: String?
    }
}

/// Why a page's envelope could not be read.
struct StripeListPageError: Error, Sendable {
    var reason: String
}

/// Why a well-formed element was still rejected (e.g. the wrong `object`).
struct ElementRejection: Error, Sendable {
    var reason: String
}

extension DecodingError {
    /// One line naming the failing key path, without echoing any values.
    var stripeConciseDescription: String {
        func path(_ context: Context, appending key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            let rendered = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return rendered.isEmpty ? "<root>" : rendered
        }
        switch self {
        case .keyNotFound(let key, let context):
            return "missing key \"\(path(context, appending: key))\""
        case .typeMismatch(let type, let context):
            return "wrong type at \"\(path(context))\" (expected \(type))"
        case .valueNotFound(let type, let context):
            return "null at \"\(path(context))\" (expected \(type))"
        case .dataCorrupted(let context):
            return "malformed JSON at \"\(path(context))\""
        @unknown default:
            return "undecodable"
        }
    }
}
