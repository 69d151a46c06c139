@testable import App
import Fluent
import Foundation
import ShoppyShopCore
import Testing
import TestSupport
import Vapor
import VaporTesting

/// The JSON API: tokens, the error envelope, each endpoint against the mirror, and every
/// answer against the schemas of the OpenAPI document the API itself serves.
@Suite("APIv1")
struct APIv1Tests {
    struct Answer {
        var status: HTTPResponseStatus
        var json: JSON
        var headers: HTTPHeaders
    }

    static func call(_ app: Application, _ path: String, token: String?, accept: String? = nil) async throws -> Answer {
        try await call(app, .GET, path, token: token, accept: accept)
    }

    static func call(_ app: Application, _ method: HTTPMethod, _ path: String, token: String?, accept: String? = nil) async throws -> Answer {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = .init(token: token) }
        if let accept { headers.replaceOrAdd(name: .accept, value: accept) }
        let res = try await app.testing().sendRequest(method, path, headers: headers)
        let json = (try? JSON.parse(Data(buffer: res.body))) ?? .string(res.body.string)
        return Answer(status: res.status, json: json, headers: res.headers)
    }

    static func token(_ app: Application, _ name: String = "test") async throws -> String {
        try await APITokens(database: app.db).create(name: name).token
    }

    static func expectEnvelope(_ answer: Answer, _ status: HTTPResponseStatus, _ code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(answer.status == status, sourceLocation: sourceLocation)
        #expect(answer.headers.contentType == .json, sourceLocation: sourceLocation)
        #expect(answer.json["error"]?["code"]?.string == code, "\(answer.json)", sourceLocation: sourceLocation)
        let message = answer.json["error"]?["message"]?.string ?? ""
        #expect(!message.isEmpty, sourceLocation: sourceLocation)
    }

    // MARK: Tokens

    @Test func noToken_is401_inTheJSONEnvelope_evenForABrowser() async throws {
        try await withConfiguredApp { app in
            let answer = try await Self.call(app, "/api/v1/products", token: nil, accept: "text/html")

            Self.expectEnvelope(answer, .unauthorized, "unauthorized")
            #expect(answer.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer") == true)
        }
    }

    @Test func wrongOrMalformedToken_is401() async throws {
        try await withConfiguredApp { app in
            _ = try await Self.token(app)
            let wrong = try await Self.call(app, "/api/v1/products", token: APITokens.generate())
            let notOurs = try await Self.call(app, "/api/v1/products", token: "not-a-token")
            var basic = HTTPHeaders()
            basic.basicAuthorization = .init(username: "a", password: "b")
            let basicAnswer = try await app.testing().sendRequest(.GET, "/api/v1/products", headers: basic)

            Self.expectEnvelope(wrong, .unauthorized, "unauthorized")
            Self.expectEnvelope(notOurs, .unauthorized, "unauthorized")
            #expect(basicAnswer.status == .unauthorized)
        }
    }

    @Test func revokedToken_is401_fromTheNextRequest() async throws {
        try await withConfiguredApp { app in
            let token = try await Self.token(app, "reporting")
            let before = try await Self.call(app, "/api/v1/products", token: token)
            try await APITokens(database: app.db).revoke(name: "reporting")
            let after = try await Self.call(app, "/api/v1/products", token: token)

            #expect(before.status == .ok)
            Self.expectEnvelope(after, .unauthorized, "unauthorized")
        }
    }

    @Test func tokens_storeOnlyTheirHash_andMarkUseAtMostOnceAMinute() async throws {
        try await TestDatabase.withDatabase { db in
            let clock = TestClock()
            let tokens = APITokens(database: db, now: clock.function)
            let (_, token) = try await tokens.create(name: "ci")
            #expect(token.range(of: #"^ssk_[A-Za-z0-9_-]{43}$"#, options: .regularExpression) != nil)
            await #expect(throws: APITokens.TokenError.nameTaken("ci")) { try await tokens.create(name: "ci") }
            let row = try #require(try await APIToken.query(on: db).first())
            #expect(row.tokenHash.count == 64 && row.tokenHash != token && !row.tokenHash.contains(token.dropFirst(4)))
            #expect(row.lastUsedAt == nil)

            clock.advance(5)
            let first = try #require(try await tokens.authenticate(token)).lastUsedAt
            clock.advance(30)
            _ = try await tokens.authenticate(token)
            let stored = try await APIToken.query(on: db).first()?.lastUsedAt
            clock.advance(31)
            _ = try await tokens.authenticate(token)
            let later = try await APIToken.query(on: db).first()?.lastUsedAt

            #expect(stored == first)
            #expect(later == clock.now)
            #expect(try await tokens.authenticate(token + "x") == nil)
        }
    }

    // MARK: Endpoints

    @Test func products_afterACatalogImport_matchTheMirrorRows() async throws {
        try await EngineHarness.run(products: 12) { h in
            try await h.listEverything()
            let token = try await Self.token(h.app)
            let answer = try await Self.call(h.app, "/api/v1/products?per_page=200", token: token)

            let rows = try await ShopifyProduct.query(on: h.app.db).sort(\.$shopifyID).all()
            let variants = Dictionary(grouping: try await ShopifyVariant.query(on: h.app.db).all(), by: { $0.$product.id })
            let levels = Dictionary(grouping: try await ShopifyInventoryLevel.query(on: h.app.db).all(), by: \.inventoryItemID)
            let items = Dictionary(try await EbayItem.query(on: h.app.db).all().map { ($0.sku, $0) }) { a, _ in a }
            let locations = h.environment.locations
            #expect(answer.status == .ok)
            #expect(!rows.isEmpty)
            #expect(answer.json["metadata"]?["total"]?.number == Double(rows.count))
            let products = try #require(answer.json["items"]?.array)
            try #require(products.count == rows.count)
            var listed = 0
            for (product, row) in zip(products, rows) {
                #expect(product["id"]?.number == Double(row.shopifyID))
                #expect(product["title"]?.string == row.title)
                #expect(product["status"]?.string == row.status)
                let own = (variants[row.id!] ?? []).sorted { $0.position < $1.position }
                let shown = try #require(product["variants"]?.array)
                try #require(shown.count == own.count)
                for (json, variant) in zip(shown, own) {
                    #expect(json["id"]?.number == Double(variant.shopifyID))
                    #expect(json["sku"]?.string == variant.sku)
                    // Money is a string on the wire, equal to the stored decimal.
                    let amount = try #require(json["price"]?["amount"]?.string)
                    #expect(Decimal(string: amount) == variant.price.value)
                    #expect(json["price"]?["currency"]?.string == row.currency)
                    let own = (variant.inventoryItemID.flatMap { levels[$0] } ?? []).filter { locations?.contains($0.locationID) ?? true }
                    let stock = own.isEmpty ? variant.inventoryQuantity : own.reduce(0) { $0 + max(0, $1.available) }
                    #expect(json["stock"]?.number == Double(stock), "\(variant.sku ?? "")")
                    let item = variant.sku.flatMap { items[$0] }
                    #expect(json["ebay"]?["status"]?.string == item?.status.rawValue)
                    #expect(json["ebay"]?["listingId"]?.string == item?.listingID)
                    if item?.status == .live { listed += 1 }
                }
            }
            #expect(listed > 0)

            let archived = try await Self.call(h.app, "/api/v1/products?state=archived", token: token)
            #expect(archived.json["metadata"]?["total"]?.number == Double(rows.filter { $0.status == "ARCHIVED" }.count))
            let found = try await Self.call(h.app, "/api/v1/products?query=\(rows[0].title.prefix(12).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")", token: token)
            #expect(found.json["items"]?.array?.contains { $0["id"]?.number == Double(rows[0].shopifyID) } == true)
            let one = try await Self.call(h.app, "/api/v1/products/\(rows[0].shopifyID)", token: token)
            #expect(one.json == products[0])
        }
    }

    @Test func pagination_pagesAndRefusesOutOfBounds() async throws {
        try await withConfiguredApp { app in
            for id in 1...5 {
                try await ShopifyProduct(shopifyID: Int64(id), title: "Product \(id)", price: 10, currency: "EUR", inventoryQuantity: 1).create(on: app.db)
            }
            let token = try await Self.token(app)

            let last = try await Self.call(app, "/api/v1/products?per_page=2&page=3", token: token)
            let beyond = try await Self.call(app, "/api/v1/products?per_page=2&page=4", token: token)
            let most = try await Self.call(app, "/api/v1/products?per_page=200", token: token)

            #expect(last.json["items"]?.array?.map { $0["id"]?.number } == [5])
            #expect(last.json["metadata"] == .object(["page": .number(3), "perPage": .number(2), "total": .number(5)]))
            #expect(beyond.status == .ok)
            #expect(beyond.json["items"]?.array?.isEmpty == true)
            #expect(most.json["items"]?.array?.count == 5)
            for bad in ["per_page=201", "per_page=0", "page=0", "page=-1", "page=two"] {
                Self.expectEnvelope(try await Self.call(app, "/api/v1/products?\(bad)", token: token), .badRequest, "invalid_request")
                Self.expectEnvelope(try await Self.call(app, "/api/v1/jobs?\(bad)", token: token), .badRequest, "invalid_request")
            }
            Self.expectEnvelope(try await Self.call(app, "/api/v1/products?state=gone", token: token), .badRequest, "invalid_request")
            Self.expectEnvelope(try await Self.call(app, "/api/v1/jobs?state=gone", token: token), .badRequest, "invalid_request")
        }
    }

    @Test func unknownProductOrderOrPath_is404_inTheEnvelope() async throws {
        try await withConfiguredApp { app in
            let token = try await Self.token(app)

            Self.expectEnvelope(try await Self.call(app, "/api/v1/products/999", token: token), .notFound, "not_found")
            Self.expectEnvelope(try await Self.call(app, "/api/v1/products/abc", token: token), .badRequest, "invalid_request")
            Self.expectEnvelope(try await Self.call(app, "/api/v1/orders/nope", token: token), .notFound, "not_found")
            Self.expectEnvelope(try await Self.call(app, "/api/v1/nothing/here", token: token, accept: "text/html"), .notFound, "not_found")
        }
    }

    @Test func syncOrders_is202_withAJobRow_andUnknownFlowIs404() async throws {
        try await withConfiguredApp { app in
            let token = try await Self.token(app)

            let answer = try await Self.call(app, .POST, "/api/v1/sync/orders", token: token)
            let again = try await Self.call(app, .POST, "/api/v1/sync/orders", token: token)
            let unknown = try await Self.call(app, .POST, "/api/v1/sync/everything", token: token)
            let unauthorized = try await Self.call(app, .POST, "/api/v1/sync/orders", token: nil)

            #expect(answer.status == .accepted)
            let id = try #require(answer.json["jobId"]?.string.flatMap(UUID.init(uuidString:)))
            let row = try #require(try await JobRecord.find(id, on: app.db))
            #expect(row.kind == OrdersPollJob.kind)
            #expect(row.state == .pending)
            #expect(row.payload.contains(#""trigger":"api""#))
            #expect(again.json["jobId"]?.string == id.uuidString)
            #expect(again.json["duplicate"] == .bool(true))
            #expect(try await JobRecord.query(on: app.db).count() == 1)
            Self.expectEnvelope(unknown, .notFound, "not_found")
            Self.expectEnvelope(unauthorized, .unauthorized, "unauthorized")
            let jobs = try await Self.call(app, "/api/v1/jobs?state=pending", token: token)
            #expect(jobs.json["items"]?.array?.map { $0["id"]?.string } == [id.uuidString])
        }
    }

    @Test func everyFlow_enqueuesAJobThisBuildCanRun() async throws {
        try await withConfiguredApp { app in
            let token = try await Self.token(app)
            let runnable = Set(BackgroundServices.handlers(app).map(\.kind))

            for flow in JobsAPI.Flow.allCases {
                let answer = try await Self.call(app, .POST, "/api/v1/sync/\(flow.rawValue)", token: token)
                #expect(answer.status == .accepted, "\(flow)")
                let id = try #require(answer.json["jobId"]?.string.flatMap(UUID.init(uuidString:)))
                let kind = try #require(try await JobRecord.find(id, on: app.db)?.kind)
                #expect(runnable.contains(kind), "\(flow) → \(kind)")
            }
        }
    }

    // MARK: The OpenAPI document

    @Test func openAPI_isPublic_andDocumentsExactlyTheRoutes() async throws {
        try await withConfiguredApp { app in
            let answer = try await Self.call(app, "/api/v1/openapi.json", token: nil)
            #expect(answer.status == .ok)
            #expect(answer.json["openapi"]?.string == "3.0.3")
            #expect(answer.json["components"]?["securitySchemes"]?["bearer"]?["scheme"]?.string == "bearer")

            var routes = Set<String>()
            for route in app.routes.all where route.path.starts(with: APIRoutes.base) && !route.path.contains(.catchall) {
                let path = route.path.dropFirst(2).map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }
                routes.insert("\(route.method.rawValue.lowercased()) /\(path.joined(separator: "/"))")
            }
            var documented = Set<String>()
            for (path, item) in answer.json["paths"]?.object ?? [:] {
                for method in item.object?.keys ?? [:].keys { documented.insert("\(method) \(path)") }
            }
            #expect(routes == documented)
            // Every $ref in the document resolves.
            let checker = JSONSchemaChecker(document: answer.json)
            for ref in Self.refs(in: answer.json) {
                #expect(checker.resolve(.object(["$ref": .string(ref)]))["unresolvable"] == nil, "\(ref)")
            }
        }
    }

    static func refs(in json: JSON) -> [String] {
        switch json {
        case .object(let members): return (members["$ref"]?.string.map { [$0] } ?? []) + members.values.flatMap(refs)
        case .array(let elements): return elements.flatMap(refs)
        default: return []
        }
    }

    @Test func everyEndpointsAnswer_matchesItsSchema_inTheServedDocument() async throws {
        try await EngineHarness.run(products: 12) { h in
            try await h.listEverything()
            let live = Set(h.ebay.liveListings.map(\.sku))
            let sku = try #require(h.store.products.flatMap(\.variants).first { live.contains($0.sku) && $0.inventoryQuantity >= 2 }?.sku)
            _ = try h.ebay.placeOrder(sku: sku, quantity: 1)
            _ = try await h.engine.processOrders(trigger: "test")
            try await Self.seedInsights(h.app.db)
            let token = try await Self.token(h.app)
            let document = try await Self.call(h.app, "/api/v1/openapi.json", token: nil).json
            let checker = JSONSchemaChecker(document: document)
            let product = try #require(try await ShopifyProduct.query(on: h.app.db).sort(\.$shopifyID).first()).shopifyID
            let order = try #require(try await EbayOrder.query(on: h.app.db).first()).ebayID

            let calls: [(HTTPMethod, String, String, HTTPResponseStatus)] = [
                (.POST, "/api/v1/sync/orders", "/sync/{flow}", .accepted),
                (.GET, "/api/v1/products?per_page=5", "/products", .ok),
                (.GET, "/api/v1/products/\(product)", "/products/{id}", .ok),
                (.GET, "/api/v1/listings/plan", "/listings/plan", .ok),
                (.GET, "/api/v1/orders", "/orders", .ok),
                (.GET, "/api/v1/orders/\(order)", "/orders/{ebayOrderId}", .ok),
                (.GET, "/api/v1/insights?days=30", "/insights", .ok),
                (.GET, "/api/v1/jobs", "/jobs", .ok),
                (.GET, "/api/v1/products", "/products", .unauthorized),
                (.GET, "/api/v1/products/1", "/products/{id}", .notFound),
                (.GET, "/api/v1/products?per_page=500", "/products", .badRequest),
                (.POST, "/api/v1/sync/nothing", "/sync/{flow}", .notFound),
            ]
            for (method, url, path, status) in calls {
                let answer = try await Self.call(h.app, method, url, token: status == .unauthorized ? nil : token)
                #expect(answer.status == status, "\(url): \(answer.json)")
                let schema = try #require(checker.responseSchema(method.rawValue, path, status: Int(status.code)), "\(method) \(path) \(status.code) is not documented")
                let errors = checker.errors(answer.json, schema)
                #expect(errors.isEmpty, "\(url): \(errors)")
            }

            // The answers hold what the mirror holds, so the schemas were checked on real content.
            let orders = try await Self.call(h.app, "/api/v1/orders", token: token).json
            let row = try #require(try await EbayOrder.query(on: h.app.db).first())
            let link = try await OrderLink.query(on: h.app.db).filter(\.$ebayOrderID == row.ebayID).first()
            let shown = try #require(orders["items"]?.array?.first)
            #expect(shown["ebayOrderId"]?.string == row.ebayID)
            #expect(shown["total"]?["amount"]?.string.flatMap { Decimal(string: $0) } == row.orderTotal.value)
            #expect(shown["state"]?.string == (link?.state.rawValue ?? "new"))
            #expect(shown["shopifyOrder"]?["id"]?.number == link?.shopifyOrderID.map(Double.init))
            let plan = try await Self.call(h.app, "/api/v1/listings/plan", token: token).json
            #expect(plan["dryRun"] == .bool(true))
            let insights = try await Self.call(h.app, "/api/v1/insights?days=30", token: token).json
            #expect(insights["campaigns"]?.array?.map { $0["campaignId"]?.string } == ["c-1"])
            #expect(insights["campaigns"]?.array?.first?["spend"] == .object(["amount": .string("15.5"), "currency": .string("USD")]))
        }
    }

    /// Two days of one campaign in the window and one day long before it.
    static func seedInsights(_ db: any Database) async throws {
        let now = Date()
        try await MetaCampaignInsight(campaignID: "c-1", name: "Spring", spend: 0, currency: "USD", impressions: 0, clicks: 0, conversions: 0).create(on: db)
        for (offset, spend) in [(0, Decimal(string: "10.25")!), (1, Decimal(string: "5.25")!)] {
            try await MetaInsightDay(campaignID: "c-1", date: SpendVersusRevenue.dayString(now.addingTimeInterval(-Double(offset) * 86_400)), spend: spend, currency: "USD",
                                     impressions: 100, clicks: 10, conversions: 1, conversionValue: 20, lastSynced: now).create(on: db)
        }
        try await MetaInsightDay(campaignID: "c-old", date: SpendVersusRevenue.dayString(now.addingTimeInterval(-90 * 86_400)), spend: 99, currency: "USD",
                                 impressions: 1, clicks: 1, conversions: 0, conversionValue: 0, lastSynced: now).create(on: db)
    }

    @Test func schemaChecker_rejectsExtraMissingAndMistypedFields() async throws {
        try await withConfiguredApp { app in
            try await ShopifyProduct(shopifyID: 7, title: "Mug", price: 10, currency: "EUR", inventoryQuantity: 1).create(on: app.db)
            let token = try await Self.token(app)
            let checker = JSONSchemaChecker(document: try await Self.call(app, "/api/v1/openapi.json", token: nil).json)
            let schema = try #require(checker.responseSchema("GET", "/products/{id}", status: 200))
            let good = try await Self.call(app, "/api/v1/products/7", token: token).json
            let variant = JSON.object(["id": .number(1), "title": .string("Default"), "stock": .number(1),
                                       "price": .object(["amount": .string("10.00"), "currency": .string("EUR")])])

            #expect(checker.errors(good, schema).isEmpty)
            #expect(!checker.errors(good.setting(["surprise"], to: .string("x")), schema).isEmpty)
            #expect(!checker.errors(good.setting(["title"], to: nil), schema).isEmpty)
            #expect(!checker.errors(good.setting(["id"], to: .string("7")), schema).isEmpty)
            #expect(!checker.errors(good.setting(["status"], to: .string("GONE")), schema).isEmpty)
            #expect(!checker.errors(good.setting(["lastSynced"], to: .string("yesterday")), schema).isEmpty)
            #expect(checker.errors(good.setting(["variants"], to: .array([variant])), schema).isEmpty)
            #expect(!checker.errors(good.setting(["variants"], to: .array([variant.setting(["price", "amount"], to: .number(10))])), schema).isEmpty)
            #expect(!checker.errors(good.setting(["variants"], to: .array([variant.setting(["price", "amount"], to: .string("ten"))])), schema).isEmpty)
            #expect(!checker.errors(good.setting(["variants"], to: .array([.number(1)])), schema).isEmpty)
            #expect(!checker.errors(good.setting(["variants"], to: .null), schema).isEmpty)
        }
    }
}

/// `shoppyshop tokens …` as a merchant runs it.
@Suite("APIv1 tokens command", .serialized)
struct APIv1TokensCLITests {
    @Test func tokens_createListRevoke_showTheTokenOnce_andStoreNoPlaintext() async throws {
        let runner = try BinaryRunner()

        let created = try await runner.run(["tokens", "create", "--name", "reporting"])
        let duplicate = try await runner.run(["tokens", "create", "--name", "reporting"])
        let list = try await runner.run(["tokens", "list"])
        let token = try #require(created.stdout.split(separator: "\n").map(String.init).first { $0.hasPrefix("ssk_") })
        var stored = Data()
        for file in try FileManager.default.contentsOfDirectory(atPath: runner.directory) where !file.hasPrefix("run-") {
            stored += FileManager.default.contents(atPath: runner.directory + "/" + file) ?? Data()
        }
        let revoked = try await runner.run(["tokens", "revoke", "reporting"])
        let again = try await runner.run(["tokens", "revoke", "reporting"])
        let empty = try await runner.run(["tokens", "list"])

        #expect(created.status == 0, "\(created.output)")
        #expect(created.output.contains("cannot be shown again"))
        #expect(duplicate.status != 0)
        #expect(list.status == 0)
        #expect(list.output.contains("reporting"))
        #expect(list.output.contains("never"))
        #expect(!list.output.contains(token))
        #expect(!stored.isEmpty)
        #expect(stored.range(of: Data(token.utf8)) == nil)
        #expect(stored.range(of: Data(APITokens.hash(token).utf8)) != nil)
        #expect(revoked.status == 0)
        #expect(again.status != 0)
        #expect(empty.output.contains("No API tokens"))
    }
}
