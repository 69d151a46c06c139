import Foundation
import Vapor

/// The eBay stand-in: Inventory, Account, Taxonomy, Fulfillment and Notification
/// operations with eBay's shapes, validation and error ids, an OAuth token endpoint, and
/// signed notifications. Registered in `SandboxServices.standard`.
public struct EbaySandbox: RouteCollection, Sendable {
    public let context: SandboxContext
    public let state: EbaySandboxState
    let notifier: EbayNotifier
    let contract = EbayContract.shared

    /// Where notifications go below `callbackBaseURL`: the app's intake route.
    public static let notificationPath = "/webhooks/ebay/notifications"

    public init(context: SandboxContext) {
        self.context = context
        self.state = Self.state(of: context)
        self.notifier = Self.notifier(of: context)
    }

    /// The state of the stand-in mounted for `context` (one per host).
    public static func state(of context: SandboxContext) -> EbaySandboxState {
        registry.withLock { entries in
            let key = context.instanceID
            if let existing = entries[key] { return existing.state }
            let entry = Entry(state: EbaySandboxState(store: context.store), notifier: EbayNotifier(seed: context.configuration.seed))
            if context.configuration.demoSeller { entry.state.setUpDemoSeller() }
            entries[key] = entry
            return entry.state
        }
    }

    /// Signs and delivers notifications for the stand-in mounted for `context`.
    public static func notifier(of context: SandboxContext) -> EbayNotifier {
        _ = state(of: context)
        return registry.withLock { $0[context.instanceID]!.notifier }
    }

    struct Entry: Sendable {
        let state: EbaySandboxState
        let notifier: EbayNotifier
    }

    /// Keyed by the host's instance id, never by object identity: a new context can land at a
    /// freed one's address and would inherit its state (seen: a test met another's 450 orders).
    private static let registry = LockedBox<[String: Entry]>([:])

    /// eBay's envelope for injected 429/500/503 faults.
    public static let faultResponse: FaultResponse = { kind, plan, request in
        EbaySandboxErrors.fault(kind, plan: plan, request: request)
    }

    public func boot(routes: any RoutesBuilder) throws {
        bootOAuth(routes)
        bootInventory(routes)
        bootOffers(routes)
        bootLocations(routes)
        bootAccount(routes)
        bootTaxonomy(routes)
        bootFulfillment(routes)
        bootNotification(routes)
        bootBuyer(routes)
    }

    // MARK: The guard every API call passes

    /// What a handler gets: the operation, the parsed body (validated against the contract).
    struct Call: Sendable {
        let request: Request
        let operation: EbayContract.Operation?
        let body: EbayJSON?
    }

    /// Authenticates, applies the per-second rate and daily quota, checks required headers and
    /// validates the body against the operation's schema, then runs `handler`.
    func guarded(_ handler: @escaping @Sendable (Call) async throws -> Response) -> @Sendable (Request) async throws -> Response {
        let inner = guardedCall(handler)
        return { request in
            let response = try await inner(request)
            // eBay names every answer with a request id; support asks for it.
            response.headers.replaceOrAdd(name: "X-EBAY-C-REQUEST-ID", value: UUID().uuidString.lowercased())
            return response
        }
    }

    private func guardedCall(_ handler: @escaping @Sendable (Call) async throws -> Response) -> @Sendable (Request) async throws -> Response {
        { [contract, state] request in
            let op = contract.operation(method: request.method.rawValue, path: request.url.path)
            guard let bearer = request.headers.bearerAuthorization?.token, state.isValidToken(bearer) else {
                return EbaySandboxErrors.invalidToken()
            }
            let admission = state.admit(api: op?.api ?? "", operation: op?.operationID ?? request.url.path)
            if admission.refused {
                return EbaySandboxErrors.tooManyRequests(retryAfter: admission.retryAfter)
            }
            var body: EbayJSON?
            if let buffer = request.body.data, buffer.readableBytes > 0 {
                let data = Data(buffer.readableBytesView)
                guard let parsed = try? EbayJSON.parse(data) else {
                    return EbaySandboxErrors.response(.badRequest, [Self.inputError(op, "request body is not valid JSON")])
                }
                let problems = contract.validateRequest(method: request.method.rawValue, path: request.url.path, body: data)
                if !problems.isEmpty {
                    return EbaySandboxErrors.response(.badRequest, problems.prefix(5).map { Self.inputError(op, $0) })
                }
                body = parsed
            }
            if let op, Self.needsContentLanguage.contains(op.operationID), request.headers.first(name: "Content-Language") == nil {
                return EbaySandboxErrors.response(.badRequest, [Self.inputError(op, "Content-Language header is required")])
            }
            return try await handler(Call(request: request, operation: op, body: body))
        }
    }

    /// Operations whose contract marks the `Content-Language` header required.
    static let needsContentLanguage: Set<String> = [
        "bulkCreateOrReplaceInventoryItem", "createOrReplaceInventoryItem", "createOrReplaceInventoryItemGroup",
        "bulkCreateOffer", "createOffer", "updateOffer",
    ]

    /// The operation's own "invalid input" error: Inventory 25709, Account 20400,
    /// Fulfillment 32600 / 30800, Taxonomy and Notification their 400 ids.
    static func inputError(_ op: EbayContract.Operation?, _ detail: String) -> EbayJSON {
        let preferred = [25709, 20400, 32600, 30800, 62007]
        let ids = op?.errorIDs["400"].map { Set($0.keys) } ?? []
        let id = preferred.first { ids.contains($0) } ?? ids.min() ?? 25709
        return EbaySandboxErrors.detail(op, status: 400, id: id, ["additionalInfo": detail, "fieldName": detail])
    }
}
