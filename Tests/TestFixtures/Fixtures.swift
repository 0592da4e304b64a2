package import Foundation

/// Files the tests read, shipped with the repository as resources of this target.
///
/// `Vectors/` holds the signature vectors made with the providers' own SDKs (Stripe, Standard Webhooks,
/// GitHub, Twilio, SendGrid), copied byte for byte from the project's shared folder: a fresh clone needs
/// nothing outside the repository to run `swift test`. Keep them byte-identical (the stripe-dotnet payload's
/// trailing newline is part of its signature).
package enum Fixtures {
    /// The folder of the signature vectors.
    package static var vectors: URL {
        get throws {
            guard let folder = Bundle.module.url(forResource: "Vectors", withExtension: nil) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "TestFixtures/Vectors"])
            }
            return folder
        }
    }

    /// The exact bytes of one vector file, e.g. `webhook-signatures.json`.
    package static func vectorBytes(_ name: String) throws -> Data {
        try Data(contentsOf: vectors.appendingPathComponent(name))
    }
}
