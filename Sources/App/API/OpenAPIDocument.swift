import Vapor

/// The OpenAPI 3.0.3 description of `/api/v1`, served at `/api/v1/openapi.json`. A string in
/// the binary rather than a resource file: the app target carries no bundle. The API tests
/// check every endpoint's real answers against these schemas, so the two cannot drift apart.
enum OpenAPIDocument {
    @Sendable
    static func serve(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(string: json))
    }

    static let json = #"""
    {
      "openapi": "3.0.3",
      "info": {
        "title": "ShoppyShop API",
        "version": "1.0.0",
        "description": "Read the catalog mirror, listing plan, eBay orders, Meta insights and the job queue; start sync flows. Authenticate with a token from `shoppyshop tokens create --name NAME` as `Authorization: Bearer <token>`. Money is always a decimal string with its currency."
      },
      "servers": [{ "url": "/api/v1" }],
      "security": [{ "bearer": [] }],
      "paths": {
        "/openapi.json": {
          "get": {
            "summary": "This document",
            "operationId": "openapi",
            "security": [],
            "responses": { "200": { "description": "The OpenAPI document", "content": { "application/json": { "schema": { "type": "object" } } } } }
          }
        },
        "/products": {
          "get": {
            "summary": "Products of the catalog mirror, by Shopify id",
            "operationId": "listProducts",
            "parameters": [
              { "name": "query", "in": "query", "description": "Substring of the title, handle or vendor", "schema": { "type": "string" } },
              { "name": "state", "in": "query", "description": "Shopify product status", "schema": { "type": "string", "enum": ["active", "draft", "archived", "deleted"] } },
              { "$ref": "#/components/parameters/page" },
              { "$ref": "#/components/parameters/perPage" }
            ],
            "responses": {
              "200": { "description": "One page of products", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ProductPage" } } } },
              "400": { "$ref": "#/components/responses/InvalidRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" }
            }
          }
        },
        "/products/{id}": {
          "get": {
            "summary": "One product by its Shopify id",
            "operationId": "getProduct",
            "parameters": [{ "name": "id", "in": "path", "required": true, "description": "Shopify product id (numeric or gid://shopify/Product/…)", "schema": { "type": "string" } }],
            "responses": {
              "200": { "description": "The product", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Product" } } } },
              "400": { "$ref": "#/components/responses/InvalidRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "404": { "$ref": "#/components/responses/NotFound" }
            }
          }
        },
        "/listings/plan": {
          "get": {
            "summary": "The dry-run listing plan (as `shoppyshop sync listings --dry-run --json`); nothing is sent to eBay",
            "operationId": "getListingPlan",
            "responses": {
              "200": { "description": "The plan", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ListingPlan" } } } },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "503": { "$ref": "#/components/responses/Unavailable" }
            }
          }
        },
        "/orders": {
          "get": {
            "summary": "eBay orders, newest first, with their Shopify order, state and tracking",
            "operationId": "listOrders",
            "parameters": [{ "$ref": "#/components/parameters/page" }, { "$ref": "#/components/parameters/perPage" }],
            "responses": {
              "200": { "description": "One page of orders", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/OrderPage" } } } },
              "400": { "$ref": "#/components/responses/InvalidRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" }
            }
          }
        },
        "/orders/{ebayOrderId}": {
          "get": {
            "summary": "One eBay order",
            "operationId": "getOrder",
            "parameters": [{ "name": "ebayOrderId", "in": "path", "required": true, "schema": { "type": "string" } }],
            "responses": {
              "200": { "description": "The order", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Order" } } } },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "404": { "$ref": "#/components/responses/NotFound" }
            }
          }
        },
        "/insights": {
          "get": {
            "summary": "Meta campaign figures over the last N days",
            "operationId": "getInsights",
            "parameters": [{ "name": "days", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 1095, "default": 30 } }],
            "responses": {
              "200": { "description": "Campaign totals", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Insights" } } } },
              "400": { "$ref": "#/components/responses/InvalidRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" }
            }
          }
        },
        "/jobs": {
          "get": {
            "summary": "Background jobs, most recently changed first",
            "operationId": "listJobs",
            "parameters": [
              { "name": "state", "in": "query", "schema": { "$ref": "#/components/schemas/JobState" } },
              { "$ref": "#/components/parameters/page" },
              { "$ref": "#/components/parameters/perPage" }
            ],
            "responses": {
              "200": { "description": "One page of jobs", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/JobPage" } } } },
              "400": { "$ref": "#/components/responses/InvalidRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" }
            }
          }
        },
        "/sync/{flow}": {
          "post": {
            "summary": "Start a flow now: enqueues the job the scheduler runs",
            "operationId": "startSync",
            "parameters": [{ "name": "flow", "in": "path", "required": true, "schema": { "type": "string", "enum": ["catalog", "listings", "stock", "orders", "reconcile", "insights"] } }],
            "responses": {
              "202": { "description": "Enqueued (or already waiting)", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Enqueued" } } } },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "404": { "$ref": "#/components/responses/NotFound" }
            }
          }
        }
      },
      "components": {
        "securitySchemes": {
          "bearer": { "type": "http", "scheme": "bearer", "description": "A token from `shoppyshop tokens create --name NAME` (ssk_…)" }
        },
        "parameters": {
          "page": { "name": "page", "in": "query", "description": "Page number, from 1", "schema": { "type": "integer", "minimum": 1, "default": 1 } },
          "perPage": { "name": "per_page", "in": "query", "description": "Items per page", "schema": { "type": "integer", "minimum": 1, "maximum": 200, "default": 50 } }
        },
        "responses": {
          "Unauthorized": { "description": "No token, or an unknown or revoked one", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
          "NotFound": { "description": "No such resource", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
          "InvalidRequest": { "description": "A parameter is out of range or malformed", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
          "Unavailable": { "description": "A vendor is not configured or refused our credentials", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
        },
        "schemas": {
          "Error": {
            "type": "object", "additionalProperties": false, "required": ["error"],
            "properties": {
              "error": {
                "type": "object", "additionalProperties": false, "required": ["code", "message"],
                "properties": {
                  "code": { "type": "string", "enum": ["unauthorized", "not_found", "invalid_request", "conflict", "unavailable", "internal"] },
                  "message": { "type": "string" }
                }
              }
            }
          },
          "Money": {
            "type": "object", "additionalProperties": false, "required": ["amount", "currency"],
            "properties": {
              "amount": { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$", "example": "19.99" },
              "currency": { "type": "string", "example": "USD" }
            }
          },
          "PageMetadata": {
            "type": "object", "additionalProperties": false, "required": ["page", "perPage", "total"],
            "properties": { "page": { "type": "integer" }, "perPage": { "type": "integer" }, "total": { "type": "integer" } }
          },
          "Product": {
            "type": "object", "additionalProperties": false, "required": ["id", "title", "status", "variants"],
            "properties": {
              "id": { "type": "integer", "format": "int64", "description": "Shopify product id" },
              "title": { "type": "string" },
              "status": { "type": "string", "enum": ["ACTIVE", "DRAFT", "ARCHIVED", "DELETED"] },
              "handle": { "type": "string" },
              "vendor": { "type": "string" },
              "productType": { "type": "string" },
              "lastSynced": { "type": "string", "format": "date-time" },
              "variants": { "type": "array", "items": { "$ref": "#/components/schemas/Variant" } }
            }
          },
          "Variant": {
            "type": "object", "additionalProperties": false, "required": ["id", "title", "price", "stock"],
            "properties": {
              "id": { "type": "integer", "format": "int64", "description": "Shopify variant id" },
              "sku": { "type": "string" },
              "title": { "type": "string" },
              "price": { "$ref": "#/components/schemas/Money" },
              "stock": { "type": "integer", "description": "Available at the Shopify locations that count for eBay" },
              "ebay": { "$ref": "#/components/schemas/EbayState" }
            }
          },
          "EbayState": {
            "type": "object", "additionalProperties": false, "required": ["status"],
            "properties": {
              "status": { "type": "string", "enum": ["draft", "live", "withdrawn"] },
              "listingId": { "type": "string" },
              "offerId": { "type": "string" },
              "price": { "$ref": "#/components/schemas/Money" },
              "quantity": { "type": "integer" },
              "lastError": { "type": "string" }
            }
          },
          "ProductPage": {
            "type": "object", "additionalProperties": false, "required": ["items", "metadata"],
            "properties": { "items": { "type": "array", "items": { "$ref": "#/components/schemas/Product" } }, "metadata": { "$ref": "#/components/schemas/PageMetadata" } }
          },
          "Order": {
            "type": "object", "additionalProperties": false, "required": ["ebayOrderId", "ebayStatus", "total", "createdAt", "items", "state", "shipments"],
            "properties": {
              "ebayOrderId": { "type": "string" },
              "ebayStatus": { "type": "string" },
              "total": { "$ref": "#/components/schemas/Money" },
              "createdAt": { "type": "string", "format": "date-time" },
              "lastModified": { "type": "string", "format": "date-time" },
              "items": { "type": "array", "items": { "$ref": "#/components/schemas/OrderItem" } },
              "state": { "type": "string", "enum": ["new", "pending", "created", "fulfilled", "cancelled", "failed", "held", "found_existing"] },
              "holdReason": { "type": "string" },
              "lastError": { "type": "string" },
              "shopifyOrder": {
                "type": "object", "additionalProperties": false, "required": ["id"],
                "properties": { "id": { "type": "integer", "format": "int64" }, "name": { "type": "string" } }
              },
              "shipments": { "type": "array", "items": { "$ref": "#/components/schemas/Shipment" } }
            }
          },
          "OrderItem": {
            "type": "object", "additionalProperties": false, "required": ["title", "quantity", "unitPrice"],
            "properties": { "sku": { "type": "string" }, "title": { "type": "string" }, "quantity": { "type": "integer" }, "unitPrice": { "$ref": "#/components/schemas/Money" } }
          },
          "Shipment": {
            "type": "object", "additionalProperties": false, "required": ["state"],
            "properties": {
              "state": { "type": "string", "enum": ["pending", "pushed", "held", "failed"] },
              "trackingNumber": { "type": "string" },
              "carrier": { "type": "string" },
              "shippedAt": { "type": "string", "format": "date-time" }
            }
          },
          "OrderPage": {
            "type": "object", "additionalProperties": false, "required": ["items", "metadata"],
            "properties": { "items": { "type": "array", "items": { "$ref": "#/components/schemas/Order" } }, "metadata": { "$ref": "#/components/schemas/PageMetadata" } }
          },
          "Insights": {
            "type": "object", "additionalProperties": false, "required": ["days", "since", "campaigns", "revenue"],
            "properties": {
              "days": { "type": "integer" },
              "since": { "type": "string", "format": "date" },
              "lastSyncedDay": { "type": "string", "format": "date" },
              "campaigns": { "type": "array", "items": { "$ref": "#/components/schemas/Campaign" } },
              "revenue": { "$ref": "#/components/schemas/Revenue" }
            }
          },
          "Revenue": {
            "description": "Paid orders over the window per channel, in the shop's currency, next to Meta ad spend in it (Shopify orders created for eBay orders count as eBay).",
            "type": "object", "additionalProperties": false, "required": ["ebay", "shopify", "metaSpend", "otherCurrencyRows"],
            "properties": {
              "ebay": { "$ref": "#/components/schemas/Money" },
              "shopify": { "$ref": "#/components/schemas/Money" },
              "metaSpend": { "$ref": "#/components/schemas/Money" },
              "otherCurrencyRows": { "type": "integer" }
            }
          },
          "Campaign": {
            "type": "object", "additionalProperties": false, "required": ["campaignId", "name", "spend", "impressions", "clicks", "conversions", "conversionValue"],
            "properties": {
              "campaignId": { "type": "string" },
              "name": { "type": "string" },
              "spend": { "$ref": "#/components/schemas/Money" },
              "impressions": { "type": "integer", "format": "int64" },
              "clicks": { "type": "integer", "format": "int64" },
              "conversions": { "type": "integer", "format": "int64" },
              "conversionValue": { "$ref": "#/components/schemas/Money" }
            }
          },
          "JobState": { "type": "string", "enum": ["pending", "running", "retrying", "succeeded", "dead", "cancelled"] },
          "Job": {
            "type": "object", "additionalProperties": false, "required": ["id", "kind", "state", "attempts", "maxAttempts", "runAfter", "createdAt", "updatedAt"],
            "properties": {
              "id": { "type": "string", "format": "uuid" },
              "kind": { "type": "string" },
              "state": { "$ref": "#/components/schemas/JobState" },
              "attempts": { "type": "integer" },
              "maxAttempts": { "type": "integer" },
              "runAfter": { "type": "string", "format": "date-time" },
              "createdAt": { "type": "string", "format": "date-time" },
              "updatedAt": { "type": "string", "format": "date-time" },
              "finishedAt": { "type": "string", "format": "date-time" },
              "lastError": { "type": "string" }
            }
          },
          "JobPage": {
            "type": "object", "additionalProperties": false, "required": ["items", "metadata"],
            "properties": { "items": { "type": "array", "items": { "$ref": "#/components/schemas/Job" } }, "metadata": { "$ref": "#/components/schemas/PageMetadata" } }
          },
          "Enqueued": {
            "type": "object", "additionalProperties": false, "required": ["jobId", "flow", "kind", "duplicate"],
            "properties": {
              "jobId": { "type": "string", "format": "uuid" },
              "flow": { "type": "string" },
              "kind": { "type": "string" },
              "duplicate": { "type": "boolean", "description": "A job already waiting or running covers this request" }
            }
          },
          "ListingPlan": {
            "type": "object", "additionalProperties": false, "required": ["dryRun", "summary", "products", "calls", "failed", "minimumCalls", "seconds"],
            "properties": {
              "dryRun": { "type": "boolean" },
              "summary": { "$ref": "#/components/schemas/PlanSummary" },
              "products": { "type": "array", "description": "Products with something to do or say (not unchanged)", "items": { "$ref": "#/components/schemas/PlanProduct" } },
              "calls": { "type": "integer" },
              "failed": { "type": "integer" },
              "minimumCalls": { "type": "integer" },
              "seconds": { "type": "number" }
            }
          },
          "PlanSummary": {
            "type": "object", "additionalProperties": false, "required": ["create", "update", "unchanged", "blocked", "end", "skipped"],
            "properties": {
              "create": { "type": "integer" }, "update": { "type": "integer" }, "unchanged": { "type": "integer" },
              "blocked": { "type": "integer" }, "end": { "type": "integer" }, "skipped": { "type": "integer" }
            }
          },
          "PlanProduct": {
            "type": "object", "additionalProperties": false, "required": ["shopifyID", "title", "action", "outcome", "values", "skus"],
            "properties": {
              "shopifyID": { "type": "integer", "format": "int64" },
              "title": { "type": "string" },
              "action": { "type": "string", "enum": ["create", "update", "unchanged", "blocked", "end", "skip"] },
              "outcome": { "type": "string" },
              "problems": { "type": "array", "items": { "$ref": "#/components/schemas/PlanProblem" } },
              "notes": { "type": "array", "items": { "type": "string" } },
              "values": { "type": "object", "additionalProperties": { "$ref": "#/components/schemas/Sourced" } },
              "skus": { "type": "array", "items": { "$ref": "#/components/schemas/PlanSKU" } },
              "group": {
                "type": "object", "additionalProperties": false, "required": ["key", "steps"],
                "properties": { "key": { "type": "string" }, "steps": { "type": "string", "description": "Comma-separated steps" } }
              },
              "failures": { "type": "object", "description": "eBay's refusals by SKU or group key (apply only)", "additionalProperties": { "type": "object" } }
            }
          },
          "PlanProblem": {
            "type": "object", "additionalProperties": false, "required": ["field", "message", "fix"],
            "properties": { "field": { "type": "string" }, "message": { "type": "string" }, "fix": { "type": "string" } }
          },
          "Sourced": {
            "type": "object", "additionalProperties": false, "required": ["value", "source"],
            "properties": { "value": { "type": "string" }, "source": { "type": "string", "description": "The rule or default that gave the value" } }
          },
          "PlanSKU": {
            "type": "object", "additionalProperties": false, "required": ["sku", "price", "priceSource", "quantity", "quantitySource", "steps"],
            "properties": {
              "sku": { "type": "string" },
              "price": { "type": "string", "description": "Amount and currency, e.g. \"19.99 USD\"" },
              "priceSource": { "type": "string" },
              "quantity": { "type": "integer" },
              "quantitySource": { "type": "string" },
              "steps": { "type": "array", "items": { "type": "string", "enum": ["inventoryItem", "group", "createOffer", "updateOffer", "price", "quantity", "publish", "publishGroup", "withdraw", "withdrawGroup"] } }
            }
          }
        }
      }
    }
    """#
}
