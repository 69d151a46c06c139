/// Shopify Admin GraphQL API: the pinned version and the names shared by the client.
public enum ShopifyAPI {
    /// The Admin API version every request uses. It is the newest stable schema vendored in
    /// `contracts/shopify/admin-graphql` (`admin_schema_2025-01`), so every document we send can
    /// be validated against the schema of the version we call. Change both together.
    public static let version = "2025-01"
}
