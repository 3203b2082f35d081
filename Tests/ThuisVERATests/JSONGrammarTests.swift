import Foundation
import Testing
import ThuisVERA

/// The JSON scanner accepts exactly RFC 8259's grammar: cases in the manner of JSONTestSuite
/// (`y_` must parse, `n_` must not), each as the one item of a page, and the accepted ones
/// checked against Foundation's parser.
@Suite struct JSONGrammarTests {
    /// Values that are JSON.
    static let accepted = [
        #"{}"#, #"{"a":[]}"#, #"{"a":{"b":{"c":[1,2,3]}}}"#, #"{"a":-0}"#, #"{"a":-0.5e+3}"#, #"{"a":1E-2}"#,
        #"{"a":0.25}"#, #"{"a":123456789}"#, #"{"a":true,"b":false,"c":null}"#, #"{"a":"\u00e9\ud83d\ude00"}"#,
        #"{"a":"\"\\\/\b\f\n\r\t"}"#, #"{"a":"é ü 😀"}"#, "{ \"a\" :\t[ 1 , 2 ]\r\n}", #"{"":""}"#, #"{"a":[[],[{}]]}"#,
    ]

    /// Texts that are not JSON.
    static let refused = [
        #"{"a":01}"#, #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":+1}"#, #"{"a":1e}"#, #"{"a":-}"#, #"{"a":0x10}"#,
        #"{"a":[1,]}"#, #"{"a":1,}"#, #"{a:1}"#, #"{'a':1}"#, #"{"a" 1}"#, #"{"a":tru}"#, #"{"a":nul}"#,
        #"{"a":True}"#, #"{"a":"\x"}"#, #"{"a":"\u12"}"#, #"{"a":"\ud800"}"#, #"{"a":"\udc00"}"#,
        "{\"a\":\"tab\there\"}", #"{"a":NaN}"#, #"{"a":Infinity}"#, #"{"a":[1 2]}"#, #"{"a":1}}"#, #"{"a":"x"#,
        "{\"a\":\"\u{7F}\"", #"["x"]"#, #"1"#,
    ]

    static func page(_ item: String) -> [UInt8] { Array("[\(item)]".utf8) }

    @Test("values RFC 8259 allows are read, as Foundation reads them", arguments: accepted)
    func accepts(_ value: String) throws {
        let items = try VERAPages.items(ofPage: Self.page(value))
        #expect(items.count == 1)
        #expect((try? JSONSerialization.jsonObject(with: Data(value.utf8))) != nil, "Foundation refuses \(value)")
    }

    @Test("texts RFC 8259 does not allow (or that are no object) are refused", arguments: refused)
    func refuses(_ text: String) {
        #expect(throws: VERAPages.PageProblem.self) { try VERAPages.items(ofPage: Self.page(text)) }
    }

    @Test("bytes that are not UTF-8 inside a string are refused")
    func invalidUTF8() {
        for bad: [UInt8] in [[0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF]] {
            let page = Array(#"[{"a":""#.utf8) + bad + Array(#""}]"#.utf8)
            #expect(throws: VERAPages.PageProblem.self) { try VERAPages.items(ofPage: page) }
        }
    }
}
