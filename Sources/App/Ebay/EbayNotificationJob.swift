import EbayAPI
import Fluent
import Foundation
import ShoppyShopCore

/// Processes a stored eBay notification once. `MARKETPLACE_ACCOUNT_DELETION`: eBay requires
/// that the user's data be deleted, so the username and shipping details on imported eBay
/// orders are erased, and so is the stored notification's payload.
/// Any other topic (order and item events) makes the order poll run now, so a sale on eBay
/// reaches ShoppyShop in seconds rather than at the next poll.
enum EbayNotificationJob {
    static let kind = "ebay.notification"
    static let accountDeletion = "MARKETPLACE_ACCOUNT_DELETION"
    static let erasedUsername = EbayOrderIntake.erased

    static let handler = ClosureJobHandler(kind: kind) { job, context in
        guard let delivery = try await WebhookIntake.pendingDelivery(for: job, on: context.database) else { return }
        if delivery.topic == accountDeletion {
            let username = try accountDeletionUsername(delivery.payload)
            try await context.database.writeTransaction { database in
                // All of the user's personal data: the username and the shipping address
                // (name, address, phone) of every order they placed.
                try await EbayOrder.query(on: database)
                    .filter(\.$buyerUsername == username)
                    .set(\.$buyerUsername, to: erasedUsername)
                    .set(\.$shippingDetails, to: nil)
                    .set(\.$detail, to: nil)
                    .update()
                // The notification itself names the user (username, userId, eiasToken).
                delivery.payload = ""
                try await delivery.markProcessed(on: database)
            }
            return
        }
        try await delivery.markProcessed(on: context.database)
        try await context.queue.enqueue(OrdersPollJob.spec(trigger: "notification"))
    }

    struct AccountDeletion: Decodable {
        struct Notification: Decodable {
            struct DataBody: Decodable { var username: String }
            var data: DataBody
        }
        var notification: Notification
    }

    static func accountDeletionUsername(_ payload: String) throws -> String {
        try JSONDecoder().decode(AccountDeletion.self, from: Data(payload.utf8)).notification.data.username
    }
}
