import Foundation
import IntegrationKit
import Testing

@testable import MetaAPI

/// Every field, edge, parameter and enum value the client sends exists in Meta's v25.0 specs
/// (Fixtures/meta_<NodeType>.json, copies of contracts/meta/api_specs/specs; see PROVENANCE.md).
@Suite struct MetaRequestedFieldsTests {
    struct Spec: Decodable {
        struct Field: Decodable { var name: String }
        struct Param: Decodable { var name: String }
        struct API: Decodable { var method: String?; var endpoint: String?; var `return`: String?; var params: [Param]? }
        var fields: [Field]
        var apis: [API]
    }

    struct EnumType: Decodable { var name: String; var values: [String] }

    static func spec(_ type: String) throws -> Spec {
        try JSONDecoder().decode(Spec.self, from: Fixtures.data("meta_\(type).json"))
    }

    @Test(arguments: MetaRequestedFields.all)
    func read_existsInSpecs(_ read: MetaRequestedFields.Read) throws {
        let node = try Self.spec(read.node)
        if let edge = read.edge {
            let api = node.apis.first { $0.method == "GET" && $0.endpoint == edge }
            #expect(api != nil, "\(read.node) has no GET edge \(edge)")
            #expect(api?.return == read.returns, "\(read.node)/\(edge) returns \(api?.return ?? "?"), not \(read.returns)")
            let params = Set(api?.params?.map(\.name) ?? [])
            for parameter in read.parameters {
                #expect(params.contains(parameter), "\(read.node)/\(edge) takes no parameter \(parameter)")
            }
        }
        let fields = Set(try Self.spec(read.returns).fields.map(\.name))
        for field in read.fields {
            #expect(fields.contains(field), "\(read.returns) has no field \(field)")
        }
    }

    @Test func enumValues_existInSpecs() throws {
        let enums = try JSONDecoder().decode([EnumType].self, from: Fixtures.data("meta_enum_types.json"))
        let byName = Dictionary(enums.map { ($0.name, Set($0.values)) }) { a, _ in a }
        for (name, values) in MetaRequestedFields.enumValues {
            for value in values {
                #expect(byName[name]?.contains(value) == true, "\(name) has no value \(value)")
            }
        }
    }

    /// The test can fail: a made-up field is not in the spec.
    @Test func madeUpField_isAbsent() throws {
        let fields = Set(try Self.spec("AdsInsights").fields.map(\.name))
        #expect(!fields.contains("conversion_value"))
        #expect(!fields.contains("product_id"), "product_id is a breakdown, not a field")
    }
}

@Suite struct MetaUnitTests {
    @Test func errorEnvelope_decodesAndClassifies() throws {
        let body = Data(#"{"error":{"message":"Error validating access token","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"AbC"}}"#.utf8)
        let error = try #require(MetaGraphError.decode(from: body))
        #expect(error.code == 190 && error.subcode == 463 && error.fbtraceID == "AbC")
        #expect(error.isInvalidToken && !error.isThrottling)
        for code in [4, 17, 32, 613, 80_000, 80_004, 80_014] {
            #expect(MetaGraphError(message: "", code: code).isThrottling, "code \(code)")
        }
        #expect(!MetaGraphError(message: "", code: 100).isThrottling)
        #expect(!MetaGraphError(message: "", code: 80_015).isThrottling)
        #expect(MetaGraphError.decode(from: Data("<html>".utf8)) == nil)
    }

    @Test func money_parsedExactly() {
        #expect(MetaNumber.decimal("0.1")! + MetaNumber.decimal("0.2")! == Decimal(string: "0.3")!)
        #expect(MetaNumber.decimal("1234.56") == Decimal(string: "1234.56"))
        #expect(MetaNumber.decimal("12abc") == nil)
        #expect(MetaNumber.decimal("1e3") == nil)
        #expect(MetaNumber.count("1043") == 1043)
    }

    @Test func dayRange_splitsIntoWindows() throws {
        let range = MetaDayRange(since: try #require(MetaDay("2025-01-01")), until: try #require(MetaDay("2025-03-01")))
        #expect(range.dayCount == 60)
        let windows = range.windows(maxDays: 25)
        #expect(windows.map(\.description) == ["2025-01-01…2025-01-25", "2025-01-26…2025-02-19", "2025-02-20…2025-03-01"])
        #expect(range.timeRangeParameter == #"{"since":"2025-01-01","until":"2025-03-01"}"#)
        #expect(MetaDay("2025-02-30") == nil)
        #expect(MetaDayRange(last: 30, until: try #require(MetaDay("2025-05-30"))).since.description == "2025-05-01")
    }

    @Test func purchases_takeOneOverlappingType() throws {
        let row = MetaInsightsRow(
            campaignID: "1", campaignName: "c", accountCurrency: "USD", spend: "10.10", impressions: "100", clicks: "5",
            actions: [.init(actionType: "link_click", value: "5"), .init(actionType: "offsite_conversion.fb_pixel_purchase", value: "2"),
                      .init(actionType: "omni_purchase", value: "2")],
            actionValues: [.init(actionType: "offsite_conversion.fb_pixel_purchase", value: "40.00"), .init(actionType: "omni_purchase", value: "40.00")],
            dateStart: "2025-05-01", dateStop: "2025-05-01", productID: nil)
        let day = try MetaCampaignDay(row: row)
        #expect(day.purchases == 2)
        #expect(day.purchaseValue == Decimal(string: "40.00"))
        #expect(day.spend == Decimal(string: "10.10"))
    }

    @Test func limiter_pausesOnThrottlingError_forRegainTime() async {
        let limiter = MetaUsageLimiter(settings: .init(regainUnit: .seconds(2)))
        let headers: IntegrationKit.HTTPHeaderFields = ["X-Business-Use-Case-Usage": #"{"1":[{"type":"ads_insights","call_count":100,"total_cputime":10,"total_time":10,"estimated_time_to_regain_access":3}]}"#]
        let body = Data(#"{"error":{"message":"too many","type":"OAuthException","code":80000}}"#.utf8)
        await limiter.record(.response(.init(status: 400, headers: headers, body: body)))
        let pause = await limiter.remainingPause
        #expect(pause != nil && pause! > .seconds(5) && pause! <= .seconds(6))
        #expect(await limiter.snapshot.throttlingErrors == 1)
        #expect(await limiter.snapshot.highestUsagePercent == 100)
    }

    @Test func limiter_spacesCallsNearTheLimit() async {
        let limiter = MetaUsageLimiter(settings: .init(slowdownFromPercent: 80, spacingAtLimit: .seconds(10)))
        await limiter.record(.response(.init(status: 200, headers: ["X-App-Usage": #"{"call_count":90,"total_cputime":1,"total_time":1}"#])))
        #expect(await limiter.spacing() == .seconds(5))
        await limiter.record(.response(.init(status: 200, headers: ["X-App-Usage": #"{"call_count":50,"total_cputime":1,"total_time":1}"#])))
        #expect(await limiter.spacing() == nil)
    }
}
