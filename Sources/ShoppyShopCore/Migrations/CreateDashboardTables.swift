import FluentKit
import SQLKit

// The dashboard's sign-in (issue 14).

struct CreateAdminUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AdminUser.schema)
            .id()
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("created_at", .datetime)
            .field("last_sign_in_at", .datetime)
            .unique(on: "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AdminUser.schema).delete()
    }
}

struct CreateAdminSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AdminSession.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references(AdminUser.schema, "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AdminSession.schema).delete()
    }
}

/// The products page sorts by title and pages with an offset; at 100,000 products a sort
/// without an index took seconds per page.
struct CreateProductTitleIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "shopify_products_title").on(ShopifyProduct.schema).column("title").column("shopify_id").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "shopify_products_title").run()
    }
}
