import Foundation

extension AppConfig {
    /// Decodes and validates everything, collecting every problem instead of stopping at the first.
    public static func decode(_ source: ConfigSource, environment: String, directory: String) -> Result<AppConfig, ConfigReport> {
        var reader = Reader(source: source)
        var config = reader.read(environment: environment)
        config?.masterKeyFile = source[.masterKeyFile]?.value ?? "master.key"
        switch source.masterKey(directory: directory) {
        case .success(let key):
            config?.masterKey = key
            if key == nil, environment == "production" {
                reader.problems.append(ConfigProblem(
                    key: ConfigKey.masterKey.rawValue, message: "no master key in production; tokens stored in the database must be encrypted",
                    fix: "set SHOPPYSHOP_MASTER_KEY, or create master.key with `shoppyshop secrets keygen`"))
            }
        case .failure(let problem):
            // The loader already reported it when it needed the key for an encrypted file.
            if !source.problems.contains(problem) { reader.problems.append(problem) }
        }
        let warnings = source.allWarnings
        let problems = source.problems + reader.problems
        guard problems.isEmpty, let config else {
            return .failure(ConfigReport(problems: problems, warnings: warnings))
        }
        return .success(config)
    }
}

/// Reads typed values out of a `ConfigSource`, recording a problem for each bad one.
struct Reader {
    let source: ConfigSource
    var problems: [ConfigProblem] = []

    init(source: ConfigSource) { self.source = source }

    mutating func read(environment: String) -> AppConfig? {
        let host = string(.host) ?? "127.0.0.1"
        let port = int(.port, default: 8080, range: 1...65535)
        let logLevel = oneOf(.logLevel, ["trace", "debug", "info", "notice", "warning", "error", "critical"], default: "info")
        let publicURL = httpURL(.publicURL)
        let database = databaseTarget()
        let shopify = readShopify()
        let ebay = readEbay()
        let meta = readMeta()
        let admin = readAdmin()
        let live = shopify != nil || ebay != nil || meta != nil
        let rules = AppConfig.Rules(
            stockBuffer: int(.stockBuffer, default: 0, range: 0...1_000_000),
            maxListedQuantity: optionalInt(.maxListedQuantity, range: 1...1_000_000),
            locationIDs: locationIDs(),
            webhooks: flag(.shopifyWebhooks, default: true),
            listingMode: AppConfig.ListingMode(rawValue: oneOf(.listingMode, AppConfig.ListingMode.allCases.map(\.rawValue), default: live ? "manual" : "auto")) ?? .manual,
            skipExistingOrders: flag(.ordersSkipExisting, default: false))
        let expiries = AppConfig.TokenExpiries(ebay: date(.ebayTokenExpiresAt), meta: date(.metaTokenExpiresAt))
        let schedule = AppConfig.Schedule(
            // The sandbox's buyers buy every 30 s: a demo shows their orders in Shopify within seconds.
            orderPoll: int(.orderPollInterval, default: shopify != nil || ebay != nil || meta != nil ? 60 : 10, range: 5...86_400),
            stockReconcile: int(.stockReconcileInterval, default: 3_600, range: 60...604_800),
            catalogSync: int(.catalogSyncInterval, default: 900, range: 60...604_800),
            insightsSync: int(.insightsSyncInterval, default: 86_400, range: 300...604_800),
            stockPoll: int(.stockPollInterval, default: 30, range: 5...86_400))
        let jobs = AppConfig.Jobs(
            concurrency: int(.workerConcurrency, default: 2, range: 1...64),
            leaseSeconds: int(.jobLeaseSeconds, default: 300, range: 5...86_400),
            maxAttempts: int(.jobMaxAttempts, default: 8, range: 1...100))
        let sandbox = AppConfig.SandboxSettings(
            products: int(.sandboxProducts, default: 50, range: 1...100_000),
            seed: UInt64(int(.sandboxSeed, default: 1, range: 0...Int.max)),
            recordPath: string(.sandboxRecord),
            simulate: flag(.sandboxSimulate, default: true),
            url: httpURL(.sandboxURL),
            environment: Dictionary(uniqueKeysWithValues: ConfigKey.sandboxKeys.compactMap { key in
                source[key].map { (key.rawValue, $0.value) }
            }))
        guard problems.isEmpty else { return nil }
        var config = AppConfig(
            environment: environment, host: host, port: port, publicURL: publicURL, logLevel: logLevel,
            database: database, shopify: shopify, ebay: ebay, meta: meta, admin: admin, rules: rules,
            schedule: schedule, jobs: jobs, sandbox: sandbox)
        config.tokenExpiries = expiries
        return config
    }

    // MARK: Services

    mutating func readShopify() -> AppConfig.Shopify? {
        let token = string(.shopifyAccessToken)
        let store = string(.shopifyStoreURL)
        let secret = string(.shopifyWebhookSecret)
        guard token != nil || store != nil else {
            if secret != nil { needs(.shopifyWebhookSecret, [.shopifyAccessToken, .shopifyStoreURL], "Shopify") }
            return nil
        }
        guard let token else {
            needs(.shopifyStoreURL, [.shopifyAccessToken], "Shopify")
            _ = storeDomain(store)
            return nil
        }
        guard let store else {
            needs(.shopifyAccessToken, [.shopifyStoreURL], "Shopify")
            return nil
        }
        guard let domain = storeDomain(store) else { return nil }
        return AppConfig.Shopify(storeDomain: domain, accessToken: token, webhookSecret: secret)
    }

    mutating func storeDomain(_ raw: String?) -> String? {
        guard let raw, let value = source[.shopifyStoreURL] else { return nil }
        var text = raw.lowercased()
        for prefix in ["https://", "http://"] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        while text.hasSuffix("/") { text.removeLast() }
        if text.range(of: #"^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)+$"#, options: .regularExpression) == nil {
            problems.append(ConfigProblem(
                key: ConfigKey.shopifyStoreURL.rawValue, source: value.origin,
                message: "\"\(raw)\" is not a store domain",
                fix: "use your store's domain, e.g. my-store.myshopify.com"))
            return nil
        }
        return text
    }

    mutating func readEbay() -> AppConfig.Ebay? {
        let app = string(.ebayAppID), cert = string(.ebayCertID), dev = string(.ebayDevID), token = string(.ebayAuthToken)
        let environment = oneOf(.ebayEnvironment, AppConfig.EbayEnvironment.allCases.map(\.rawValue), default: "production")
        let marketplace = string(.ebayMarketplaceID) ?? "EBAY_US"
        let verification = string(.ebayVerificationToken)
        let endpoint = httpURL(.ebayNotificationEndpoint)
        if let verification, !(32...80).contains(verification.count),
           let value = source[.ebayVerificationToken] {
            problems.append(ConfigProblem(
                key: ConfigKey.ebayVerificationToken.rawValue, source: value.origin,
                message: "is \(verification.count) characters; eBay requires 32 to 80",
                fix: "use 32–80 letters, digits, _ or -"))
        }
        if marketplace.range(of: #"^EBAY_[A-Z_]+$"#, options: .regularExpression) == nil,
           let value = source[.ebayMarketplaceID] {
            problems.append(ConfigProblem(
                key: ConfigKey.ebayMarketplaceID.rawValue, source: value.origin,
                message: "\"\(marketplace)\" is not an eBay marketplace id", fix: "use e.g. EBAY_US, EBAY_GB, EBAY_DE"))
        }
        let given: [(ConfigKey, String?)] = [(.ebayAppID, app), (.ebayCertID, cert), (.ebayAuthToken, token)]
        guard given.contains(where: { $0.1 != nil }) || dev != nil else { return nil }
        let missing = given.filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty, let app, let cert, let token else {
            let present = (given.filter { $0.1 != nil }.map(\.0) + (dev != nil ? [.ebayDevID] : []))
            needs(present.first ?? .ebayDevID, missing, "eBay")
            return nil
        }
        return AppConfig.Ebay(
            appID: app, certID: cert, devID: dev, authToken: token,
            environment: AppConfig.EbayEnvironment(rawValue: environment) ?? .production,
            marketplaceID: marketplace, verificationToken: verification, notificationEndpoint: endpoint)
    }

    mutating func readMeta() -> AppConfig.Meta? {
        let token = string(.metaAccessToken), account = string(.metaAccountID), catalog = string(.metaCatalogID)
        if let catalog, catalog.range(of: #"^\d+$"#, options: .regularExpression) == nil, let value = source[.metaCatalogID] {
            problems.append(ConfigProblem(
                key: ConfigKey.metaCatalogID.rawValue, source: value.origin,
                message: "\"\(catalog)\" is not a catalog id", fix: "use the numeric id from Commerce Manager"))
        }
        guard token != nil || account != nil else { return nil }
        guard let token else { needs(.metaAccountID, [.metaAccessToken], "Meta"); return nil }
        guard let account else { needs(.metaAccessToken, [.metaAccountID], "Meta"); return nil }
        let digits = account.hasPrefix("act_") ? String(account.dropFirst(4)) : account
        guard digits.range(of: #"^\d+$"#, options: .regularExpression) != nil else {
            problems.append(ConfigProblem(
                key: ConfigKey.metaAccountID.rawValue, source: source[.metaAccountID]?.origin,
                message: "\"\(account)\" is not an ad account id", fix: "use act_<digits> or the digits alone"))
            return nil
        }
        return AppConfig.Meta(accessToken: token, accountID: digits, catalogID: catalog)
    }

    /// The first dashboard user, created on a start that finds none; sign-in is always on.
    mutating func readAdmin() -> AppConfig.Admin? {
        let email = string(.adminEmail), password = string(.adminPassword)
        switch (email, password) {
        case let (email?, password?):
            if !email.contains("@") || email.hasPrefix("@") || email.hasSuffix("@"), let value = source[.adminEmail] {
                problems.append(ConfigProblem(
                    key: ConfigKey.adminEmail.rawValue, source: value.origin,
                    message: "\"\(email)\" is not an email address", fix: "use the address you sign in with, e.g. owner@example.com"))
            }
            if password.count < 12, let value = source[.adminPassword] {
                problems.append(ConfigProblem(
                    key: ConfigKey.adminPassword.rawValue, source: value.origin,
                    message: "is shorter than 12 characters", fix: "use a longer password (e.g. `openssl rand -base64 18`)"))
            }
            return AppConfig.Admin(email: email, password: password)
        case (nil, nil):
            return nil
        case (nil, _):
            needs(.adminPassword, [.adminEmail], "the first dashboard user"); return nil
        case (_, nil):
            needs(.adminEmail, [.adminPassword], "the first dashboard user"); return nil
        }
    }

    mutating func databaseTarget() -> AppConfig.DatabaseTarget {
        if let value = source[.databaseURL] {
            let url = URLComponents(string: value.value)
            guard let url, ["postgres", "postgresql"].contains(url.scheme ?? ""), url.host?.isEmpty == false,
                  url.path.count > 1
            else {
                problems.append(ConfigProblem(
                    key: ConfigKey.databaseURL.rawValue, source: value.origin,
                    message: "is not a PostgreSQL URL",
                    fix: "use postgres://user:password@host:5432/database?sslmode=disable, or unset it to use SQLite"))
                return .sqlite(path: "shoppyshop.sqlite")
            }
            return .postgres(url: value.value)
        }
        return .sqlite(path: string(.sqlitePath) ?? "shoppyshop.sqlite")
    }

    // MARK: Primitives

    mutating func flag(_ key: ConfigKey, default fallback: Bool) -> Bool {
        guard let value = source[key] else { return fallback }
        switch value.value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "on", "true", "yes", "1": return true
        case "off", "false", "no", "0": return false
        default:
            problems.append(ConfigProblem(key: key.rawValue, source: value.origin, message: "\"\(value.value)\" is not on or off", fix: "write on or off"))
            return fallback
        }
    }

    mutating func date(_ key: ConfigKey) -> Date? {
        guard let value = source[key], !value.value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        let text = value.value.trimmingCharacters(in: .whitespaces)
        if let date = ISO8601DateFormatter().date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let date = day.date(from: text) { return date }
        problems.append(ConfigProblem(key: key.rawValue, source: value.origin, message: "\"\(text)\" is not a date",
                                      fix: "write the expiry as a date, e.g. 2027-06-30 or 2027-06-30T12:00:00Z"))
        return nil
    }

    mutating func locationIDs() -> Set<Int64>? {
        guard let value = source[.shopifyLocationIDs], !value.value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        var ids = Set<Int64>()
        for part in value.value.split(separator: ",") {
            let text = part.trimmingCharacters(in: .whitespaces)
            let digits = text.hasPrefix("gid://shopify/Location/") ? String(text.dropFirst("gid://shopify/Location/".count)) : text
            guard let id = Int64(digits), id > 0 else {
                problems.append(ConfigProblem(key: ConfigKey.shopifyLocationIDs.rawValue, source: value.origin,
                                              message: "\"\(text)\" is not a Shopify location id",
                                              fix: "list location ids separated by commas, e.g. 70000000001,70000000002 (Shopify admin › Settings › Locations)"))
                continue
            }
            ids.insert(id)
        }
        return ids
    }

    func string(_ key: ConfigKey) -> String? {
        source[key]?.value.trimmingCharacters(in: .whitespaces)
    }

    mutating func int(_ key: ConfigKey, default fallback: Int, range: ClosedRange<Int>) -> Int {
        optionalInt(key, range: range) ?? fallback
    }

    mutating func optionalInt(_ key: ConfigKey, range: ClosedRange<Int>) -> Int? {
        guard let value = source[key] else { return nil }
        guard let number = Int(value.value.trimmingCharacters(in: .whitespaces)), range.contains(number) else {
            let upper = range.upperBound == Int.max ? "" : " and \(range.upperBound)"
            problems.append(ConfigProblem(
                key: key.rawValue, source: value.origin, message: "\"\(value.value)\" is not a whole number between \(range.lowerBound)\(upper)",
                fix: "write a whole number such as \(range.lowerBound)"))
            return nil
        }
        return number
    }

    mutating func oneOf(_ key: ConfigKey, _ allowed: [String], default fallback: String) -> String {
        guard let value = source[key] else { return fallback }
        let text = value.value.lowercased()
        guard allowed.contains(text) else {
            problems.append(ConfigProblem(
                key: key.rawValue, source: value.origin, message: "\"\(value.value)\" is not one of \(allowed.joined(separator: ", "))",
                fix: "use one of \(allowed.joined(separator: ", "))"))
            return fallback
        }
        return text
    }

    mutating func httpURL(_ key: ConfigKey) -> String? {
        guard let value = source[key] else { return nil }
        guard let url = URLComponents(string: value.value), ["http", "https"].contains(url.scheme ?? ""),
              url.host?.isEmpty == false
        else {
            problems.append(ConfigProblem(
                key: key.rawValue, source: value.origin, message: "\"\(value.value)\" is not an http(s) URL",
                fix: "write a full URL such as https://shop.example.com"))
            return nil
        }
        return value.value
    }

    mutating func needs(_ present: ConfigKey, _ missing: [ConfigKey], _ service: String) {
        guard !missing.isEmpty else { return }
        problems.append(ConfigProblem(
            key: missing.map(\.rawValue).joined(separator: ", "), source: source[present]?.origin,
            message: "\(service) is half-configured: \(present.rawValue) is set but \(missing.map(\.rawValue).joined(separator: " and ")) \(missing.count == 1 ? "is" : "are") missing",
            fix: "set \(missing.map(\.rawValue).joined(separator: " and ")), or remove the \(service) keys to run without \(service)"))
    }
}

extension ConfigSource {
    /// Warnings plus one per unknown key read from a file (with a "did you mean" hint).
    public var allWarnings: [ConfigProblem] {
        warnings + unknownFileKeys.map { unknown in
            let hint = ConfigKey.closest(to: unknown.key).map { "did you mean \($0.rawValue)?" }
                ?? "remove it or check the spelling against .env.example"
            return ConfigProblem(key: unknown.key, source: unknown.origin, message: "unknown key", fix: hint)
        }
    }
}

extension ConfigKey {
    /// The known key nearest to a misspelt one, when it is close enough to be a typo.
    static func closest(to key: String) -> ConfigKey? {
        let upper = key.uppercased()
        let scored = allCases.map { ($0, editDistance(upper, $0.rawValue)) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, best.rawValue.count / 6) else { return nil }
        return best
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
