/// Pages through one VERA list endpoint, whatever paging the server does: a state machine that
/// is given each answer and says whether to keep its page and what to ask next.
///
/// The spec gives paging headers (`X-Parameters-Cursor`, `-Pagina`, `-Aantal`,
/// `-AantalPerPagina`) but fixes neither the first page number nor that a server sends them,
/// and a server may cap the page size below what was asked. So:
/// - the first request names no page; a `Pagina` header in the answer tells the numbering;
///   without one the next request asks `pagina=1`, and an answer equal to the first page means
///   the numbering starts at 1 (that page is not kept twice), another answer that it starts at 0;
/// - a short page never ends the walk (it may be a capped one): an empty page does, the
///   announced total (`Aantal`) reached, or a page reached by cursor that gives no next cursor;
/// - what cannot end is refused: a cursor or a page given twice, an answer for another page
///   than asked, more items than announced, page numbers that overflow.
public struct PageWalk: Sendable {
    /// What to ask for.
    public enum Request: Sendable, Equatable {
        case first
        case page(Int)
        case cursor(String)
    }

    /// What follows an answer.
    public enum Step: Sendable, Equatable {
        case next(Request)
        case done
        /// The server's paging cannot be followed (a `BAD_RESPONSE`).
        case refuse(String)
    }

    /// What the walk needs of an answer.
    public struct Answer: Sendable {
        public var items: Int
        /// A digest of the body, to recognise a page given again (16 bytes do: it is kept per page).
        public var digest: [UInt8]
        /// The answer's header by name (any case), or nil.
        public var header: @Sendable (String) -> String?

        public init(items: Int, digest: [UInt8], header: @escaping @Sendable (String) -> String?) {
            self.items = items
            self.digest = digest
            self.header = header
        }
    }

    /// Items asked per page.
    public let asked: Int
    /// The request the next answer answers.
    public private(set) var request = Request.first
    /// Items kept so far.
    public private(set) var items = 0
    /// The total the server announced, once it has.
    public private(set) var total: Int?
    private var digests = Set<[UInt8]>()
    private var firstDigest: [UInt8]?
    /// Cursors seen, by hash: a hostile server's cursors may be long and many.
    private var cursors = Set<Int>()

    public init(asked: Int) { self.asked = asked }

    /// Takes the answer to ``request``: whether its page is kept, and the next step.
    public mutating func take(_ answer: Answer) -> (keep: Bool, step: Step) {
        let asking = request
        func refuse(_ why: String) -> (keep: Bool, step: Step) { (false, .refuse(why)) }
        guard answer.items <= asked else { return refuse("\(answer.items) items on a page, more than the \(asked) asked for") }
        var announced: Int?
        if let text = answer.header("X-Parameters-Aantal") {
            guard let n = Int(PageWalk.trimmed(text)), n >= 0 else {
                return refuse("X-Parameters-Aantal '\(text.prefix(40))' is not a count")
            }
            if let total, total != n { return refuse("X-Parameters-Aantal changed from \(total) to \(n) while paging") }
            announced = n
        }
        var pageNumber: Int?
        if let text = answer.header("X-Parameters-Pagina") {
            guard let n = Int(PageWalk.trimmed(text)), n >= 0 else {
                return refuse("X-Parameters-Pagina '\(text.prefix(40))' is not a page number")
            }
            if case .page(let p) = asking, p != n { return refuse("asked for page \(p), answered page \(n)") }
            pageNumber = n
        }
        let cursor = answer.header("X-Parameters-Cursor").flatMap { $0.isEmpty ? nil : $0 }
        var keep = true
        if answer.items > 0 {
            if !digests.insert(answer.digest).inserted {
                // The probe for the numbering: page 1 equal to the unnumbered first page.
                guard asking == .page(1), answer.digest == firstDigest, pageNumber == nil, cursor == nil else {
                    return refuse("the same page was answered twice; paging would never end")
                }
                keep = false
            }
            if asking == .first { firstDigest = answer.digest }
        }
        if keep { items += answer.items }
        total = announced ?? total
        if answer.items == 0 {
            if let total, items < total { return refuse("the list ended after \(items) items where X-Parameters-Aantal announced \(total)") }
            return (keep, .done)
        }
        if let total {
            if items > total { return refuse("\(items) items where X-Parameters-Aantal announced \(total)") }
            if items == total { return (keep, .done) }
        }
        if let cursor {
            guard cursors.insert(cursor.hashValue).inserted else { return refuse("the cursor \(cursor.prefix(80)) was given twice; paging would never end") }
            request = .cursor(cursor)
            return (keep, .next(request))
        }
        let current: Int
        switch (pageNumber, asking) {
        case (let n?, _): current = n
        case (nil, .page(let p)): current = p
        case (nil, .first): current = 0        // asks pagina=1 next: the probe
        // The spec's cursor is sent "when there are more results than a page": none, the end.
        case (nil, .cursor): return (keep, .done)
        }
        let (next, overflow) = current.addingReportingOverflow(1)
        guard !overflow else { return refuse("the page number \(current) has no next") }
        request = .page(next)
        return (keep, .next(request))
    }

    private static func trimmed(_ text: String) -> Substring {
        let s = text.drop { $0 == " " || $0 == "\t" }
        return s.prefix(s.count - s.reversed().prefix { $0 == " " || $0 == "\t" }.count)
    }
}
