extension OAuthServer {
    /// How long an ended grant is remembered (`OAuthConfiguration.endedGrantRetention`, at least
    /// the access-token lifetime).
    static func grantRetention(_ configuration: OAuthConfiguration) -> Int {
        max(configuration.endedGrantRetention, configuration.accessTokenTTL)
    }

    /// The refusal text's clause for a token whose grant the store has forgotten (issue #16).
    static func forgottenGrant(_ configuration: OAuthConfiguration) -> String {
        "ended (revoked, or its refresh token expired) more than \(grantRetention(configuration)) s ago and was forgotten"
    }
}
