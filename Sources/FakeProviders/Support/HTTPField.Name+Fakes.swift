import HTTPTypes

extension HTTPField.Name {
    /// SendGrid's message id header.
    static let xMessageId = Self("X-Message-Id")!
    static let xRateLimitLimit = Self("X-RateLimit-Limit")!
    static let xRateLimitRemaining = Self("X-RateLimit-Remaining")!
    static let xRateLimitReset = Self("X-RateLimit-Reset")!
}
