import CLibXML2
import Foundation
import ThuisCore

/// Reads one large export with a libxml2 parser per part on two threads, replaying the parts'
/// events in file order on the calling thread: the market, its diagnostics and their
/// file:line:col are those of one parser reading the whole file.
///
/// Contract: ``run()`` either reads the whole file into the session (``Outcome/read``) or
/// reports nothing and leaves the session's builder to be thrown away (``Outcome/irregular``),
/// after which the caller reads the file with one parser. A part is irregular when anything in
/// it would give a diagnostic (libxml2's, or a byte scan's), when its cut turns out not to lie
/// between records of the root or a section, or when the builder reaches its error limit
/// (where it stops depends on how events are batched): so every file with a problem in its
/// syntax is reported by the one parser, exactly as before.
///
/// Each part after the first is parsed inside the elements the part before it ends in. That is
/// known only once the part before is parsed, so a part starts with a guess (what the last known
/// cut was inside) and is parsed again, on the replaying thread, when the guess was wrong (a
/// section began or ended in the part before: a few times per file). Memory: at most
/// ``lookahead`` parts' events wait to be replayed.
final class PartedRead: @unchecked Sendable {
    enum Outcome { case read, irregular }

    /// Parts parsed ahead of the one being replayed.
    static let lookahead = 2

    private let plan: PartPlan
    private let fd: Int32
    private let size: Int
    private let session: SAXSession
    private let shared: xmlDictPtr
    private let spares = BatchPool(limit: 64)
    private let progress: (@Sendable (Double) -> Void)?

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var parsed: [ParsedPart?]
    private var guesses: [[String]]
    /// What each parsed part ends inside, given its guess.
    private var ends: [[String]?]
    private var nextPart = 0
    private var replayed = 0
    private var abandoned = false
    private var parsersRunning = 0

    init(plan: PartPlan, fd: Int32, size: Int, session: SAXSession, progress: (@Sendable (Double) -> Void)?) {
        self.plan = plan
        self.fd = fd
        self.size = size
        self.session = session
        self.progress = progress
        shared = xmlDictCreate()
        session.internNames(in: shared)
        parsed = Array(repeating: nil, count: plan.count)
        guesses = Array(repeating: [], count: plan.count)
        ends = Array(repeating: nil, count: plan.count)
    }

    deinit {
        for part in parsed { if let dictionary = part?.dictionary { xmlDictFree(dictionary) } }
        xmlDictFree(shared)
    }

    /// Parses on two threads and replays on this one.
    func run() -> Outcome {
        session.builder.beginFile(session.path)
        condition.lock()
        parsersRunning = 2
        condition.unlock()
        for index in 0..<2 {
            let thread = Thread { [self] in parseParts() }
            thread.name = "thuis-parser-\(index + 1)"
            thread.stackSize = 1 << 23
            thread.start()
        }
        let outcome = replayParts()
        condition.lock()
        if outcome == .irregular { abandoned = true }
        condition.broadcast()
        while parsersRunning > 0 { condition.wait() }
        condition.unlock()
        return outcome
    }

    /// Replays the parts in order; parses a part again when it was parsed inside the wrong
    /// elements.
    private func replayParts() -> Outcome {
        var startLine: Int32 = 1
        var context: [String] = []
        for index in 0..<plan.count {
            condition.lock()
            while parsed[index] == nil { condition.wait() }
            var part = parsed[index]!
            parsed[index] = nil
            let guess = guesses[index]
            condition.unlock()
            if guess != context {
                // Parsed inside the wrong elements: whatever it found says nothing.
                release(&part)
                part = parse(index, inside: context)
            }
            if part.irregular {
                release(&part)
                return .irregular
            }
            session.lineOffset = index == 0 ? 0 : startLine - 2
            for i in part.batches.indices {
                var batch = EventBatch(reserve: false)
                swap(&batch, &part.batches[i])
                session.replay(&batch)
                spares.give(batch)
            }
            if index == 0 { session.declaredEncoding = part.declaredEncoding }
            startLine += Int32(part.lines)
            context = part.context ?? []
            release(&part)
            if session.builder.shouldStop && !session.fatal { return .irregular }
            progress?(Double(plan.bounds[index + 1]) / Double(max(size, 1)))
            condition.lock()
            replayed = index + 1
            if session.fatal { abandoned = true }
            condition.broadcast()
            condition.unlock()
            if session.fatal { break }
        }
        session.lineOffset = 0
        return .read
    }

    /// Takes the next part while it is within ``lookahead`` of the replay, and parses it.
    private func parseParts() {
        while true {
            condition.lock()
            while !abandoned && nextPart < plan.count && nextPart > replayed + PartedRead.lookahead { condition.wait() }
            guard !abandoned && nextPart < plan.count else {
                parsersRunning -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let index = nextPart
            nextPart += 1
            // Inside what the part before ends in if that is known, else what it started in.
            let guess = index == 0 ? [] : ends[index - 1] ?? (index == 1 ? [RecordType.root.element] : guesses[index - 1])
            guesses[index] = guess
            condition.unlock()
            let part = parse(index, inside: guess)
            condition.lock()
            parsed[index] = part
            ends[index] = part.context
            condition.broadcast()
            condition.unlock()
        }
    }

    private func parse(_ index: Int, inside context: [String]) -> ParsedPart {
        let recorder = SAXRecorder(session: session, part: PartRecording(opening: context.count, spares: spares))
        return recorder.parsePart(fd: fd, range: plan.range(index), fileSize: size, isLast: index == plan.count - 1,
                                  context: context, shared: shared, abandoned: { [self] in isAbandoned })
    }

    private var isAbandoned: Bool {
        condition.lock()
        defer { condition.unlock() }
        return abandoned
    }

    private func release(_ part: inout ParsedPart) {
        if let dictionary = part.dictionary { xmlDictFree(dictionary) }
        part.dictionary = nil
        for i in part.batches.indices {
            var batch = EventBatch(reserve: false)
            swap(&batch, &part.batches[i])
            spares.give(batch)
        }
        part.batches = []
    }
}
