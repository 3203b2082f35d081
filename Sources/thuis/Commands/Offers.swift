import ArgumentParser
import Foundation
import ThuisCommands
import ThuisCore

/// `thuis offers [expire]`: the open offers waiting for an answer, and withdrawing late ones.
struct Offers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the open offers that wait for an answer (advert, household, batch, offered on, deadline, age, place, reserve).",
        discussion: "With 'expire', withdraw the offers past their deadline (ING, detail status REA) so that the next batch offers their adverts again.",
        subcommands: [OffersList.self, OffersExpire.self], defaultSubcommand: OffersList.self)
}

/// What both `offers` subcommands take.
struct OffersOptions: ParsableArguments {
    @OptionGroup var ledger: LedgerOptions

    @Option(help: "The day, YYYY-MM-DD: ages are counted on it, and 'expire' withdraws offers whose deadline lies before it (default: today, UTC).")
    var on: String?

    @Option(name: .customLong("older-than"), help: "Only offers older than this many days.")
    var olderThan: Int?

    @Option(help: "Only offers of dwellings in this municipality (CBS code).")
    var municipality: String?

    @Option(help: "Only offers of this corporation's dwellings.")
    var corporation: String?

    @Option(help: "The policy whose [offers] answer_days gives offers without a deadline of their own one.")
    var policy: String?

    @Option(help: "table, csv or json.")
    var format = "table"

    func validate() throws {
        if let on, Day(iso: on) == nil { throw ValidationError("--on must be a date YYYY-MM-DD") }
        if let olderThan, olderThan < 0 { throw ValidationError("--older-than must be 0 or more days") }
        if OffersCommand.Format(rawValue: format) == nil { throw ValidationError("--format must be table, csv or json") }
    }

    func command(expire: Bool) -> OffersCommand {
        let today = Day(iso: String(ISO8601DateFormatter().string(from: Date()).prefix(10)))!
        var command = OffersCommand(ledgerPath: ledger.ledger, on: on.flatMap { Day(iso: $0) } ?? today)
        command.olderThan = olderThan
        command.municipality = municipality
        command.corporation = corporation
        command.policyPath = policy
        command.format = OffersCommand.Format(rawValue: format) ?? .table
        command.expire = expire
        return command
    }
}

struct OffersList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the open offers, oldest first.")

    @OptionGroup var options: OffersOptions

    func run() throws { try options.command(expire: false).runAndReport() }
}

struct OffersExpire: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expire", abstract: "Withdraw the open offers whose deadline lies before --on (ING, REA: reactietermijn verlopen).")

    @OptionGroup var options: OffersOptions

    func run() throws { try options.command(expire: true).runAndReport() }
}
