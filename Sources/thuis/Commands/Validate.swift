import ArgumentParser
import ThuisCommands

extension ValidateCommand.Format: ExpressibleByArgument {}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a batch export (one or more XML files, .xml.gz too, or a VERA batch folder) and summarise it.",
        discussion: "Exits 0 when the batch is valid, 65 when it has errors (each printed as FILE:LINE:COL: error: CODE: message), 66 when a file is missing, 74 when one cannot be read.")

    @Argument(help: "Export files of one batch; several files merge into one market.")
    var files: [String] = []

    @Option(help: "Folder of a VERA batch (batch.json and the JSON pages), instead of export files (repeat for several).")
    var vera: [String] = []

    @Option(help: "Output format: text or json.")
    var format: ValidateCommand.Format = .text

    @Flag(help: "Leave invalid records (and what depends on them) out, listing them in the rejects file, instead of failing.")
    var skipInvalid = false

    @Option(help: "Where --skip-invalid writes the rejected records (CSV).")
    var rejects = "rejects.csv"

    @Option(help: "Stop after this many errors.")
    var maxErrors = 100

    func validate() throws {
        if files.isEmpty && vera.isEmpty { throw ValidationError("give export files, or a VERA batch folder with --vera DIR") }
        if !files.isEmpty && !vera.isEmpty { throw ValidationError("a batch comes from export files or from --vera folders, not both") }
    }

    func run() throws {
        var command = ValidateCommand(files: files)
        command.veraFolders = vera
        command.format = format
        command.skipInvalid = skipInvalid
        command.rejectsPath = rejects
        command.errorLimit = maxErrors
        try command.runAndReport()
    }
}
