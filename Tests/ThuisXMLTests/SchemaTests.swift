import Foundation
import Testing
import ThuisTestSupport

/// The XSD describes what the reader accepts: the fixtures Thuis reads validate against it.
@Suite(.timeLimit(.minutes(3))) struct SchemaTests {
    @Test("valid exports validate against the XSD (xmllint)", arguments: [
        "exports/demo-region.xml", "exports/encodings/iso-8859-1.xml", "exports/encodings/windows-1252.xml",
    ])
    func validates(_ file: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--noout", "--nonet", "--schema", Fixtures.path("schema/thuis-export-1.0.xsd"), Fixtures.path(file)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("an invalid code fails the XSD too")
    func refuses() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--noout", "--nonet", "--schema", Fixtures.path("schema/thuis-export-1.0.xsd"), Fixtures.path("invalid/invalid-code.xml")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
    }
}
