/// The Porter (1980) stemmer for English: steps 1a, 1b, 1c, 2, 3, 4, 5a and 5b,
/// so that `elections`, `elected` and `election` all meet at `elect`.
///
/// It follows Martin Porter's own reference implementation, which departs from
/// the paper in two rules of step 2: `bli → ble` (the paper has `abli → able`)
/// and the extra `logi → log`. Input must be lowercased ASCII letters; a word
/// of two letters or fewer, or one with any other character (digits, accents,
/// Arabic), is returned unchanged.
enum EnglishStemmer {
    /// The Porter stem of a lowercased word.
    static func stem(_ word: String) -> String {
        String(decoding: stem(Array(word.utf8)), as: UTF8.self)
    }

    /// The Porter stem of a lowercased word given as UTF-8 bytes.
    static func stem(_ word: [UInt8]) -> [UInt8] {
        guard word.count > 2, word.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return word }
        var porter = PorterWord(word)
        porter.run()
        return porter.letters
    }
}

/// A suffix rule: `suffix` becomes `replacement` when the stem before it passes the step's condition.
private struct SuffixRule: Sendable {
    let suffix: [UInt8]
    let replacement: [UInt8]

    init(_ suffix: String, _ replacement: String) {
        self.suffix = Array(suffix.utf8)
        self.replacement = Array(replacement.utf8)
    }
}

/// A rule list sorted longest suffix first, so the first suffix that matches
/// is the longest one, as the algorithm requires.
private func rules(_ pairs: KeyValuePairs<String, String>) -> [SuffixRule] {
    pairs.map { SuffixRule($0.key, $0.value) }.sorted { $0.suffix.count > $1.suffix.count }
}

/// Step 2: double suffixes to single ones, when the stem has m > 0.
private let step2Rules = rules([
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble", "alli": "al",
    "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate", "ator": "ate", "alism": "al",
    "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log",
])

/// Step 3: -ic-, -ful, -ness and the like, when the stem has m > 0.
private let step3Rules = rules([
    "icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": "",
])

/// Step 4: suffixes removed when the stem has m > 1 (`ion` also needs a stem ending in s or t).
private let step4Rules = rules([
    "al": "", "ance": "", "ence": "", "er": "", "ic": "", "able": "", "ible": "", "ant": "", "ement": "", "ment": "",
    "ent": "", "ion": "", "ou": "", "ism": "", "ate": "", "iti": "", "ous": "", "ive": "", "ize": "",
])

/// A word being stemmed, as ASCII bytes, with the measures the rules test.
private struct PorterWord {
    var letters: [UInt8]

    init(_ letters: [UInt8]) {
        self.letters = letters
    }

    mutating func run() {
        step1a()
        step1b()
        step1c()
        step2And3(step2Rules)
        step2And3(step3Rules)
        step4()
        step5()
    }

    // MARK: Definitions of the paper

    /// Whether the letter at `index` is a consonant: not a, e, i, o, u, and not a y after a consonant.
    func isConsonant(_ index: Int) -> Bool {
        switch letters[index] {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): return false
        case UInt8(ascii: "y"): return index == 0 ? true : !isConsonant(index - 1)
        default: return true
        }
    }

    /// m, the number of vowel–consonant sequences in `letters[0..<end]` (the form is [C](VC){m}[V]).
    func measure(upTo end: Int) -> Int {
        var count = 0
        var index = 0
        while index < end && isConsonant(index) { index += 1 }
        while index < end {
            while index < end && !isConsonant(index) { index += 1 }
            guard index < end else { break }
            count += 1
            while index < end && isConsonant(index) { index += 1 }
        }
        return count
    }

    /// *v*: `letters[0..<end]` contains a vowel.
    func hasVowel(upTo end: Int) -> Bool {
        (0..<end).contains { !isConsonant($0) }
    }

    /// *d: `letters[0..<end]` ends with a double consonant.
    func endsWithDoubleConsonant(_ end: Int) -> Bool {
        end >= 2 && letters[end - 1] == letters[end - 2] && isConsonant(end - 1)
    }

    /// *o: `letters[0..<end]` ends consonant–vowel–consonant, the last not w, x or y (`hop`, `wil`).
    func endsCVC(_ end: Int) -> Bool {
        guard end >= 3, isConsonant(end - 3), !isConsonant(end - 2), isConsonant(end - 1) else { return false }
        let last = letters[end - 1]
        return last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != UInt8(ascii: "y")
    }

    func ends(with suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard letters.count >= count else { return false }
        return suffix.withUTF8Buffer { letters[(letters.count - count)...].elementsEqual($0) }
    }

    func ends(with suffix: [UInt8]) -> Bool {
        letters.count >= suffix.count && letters[(letters.count - suffix.count)...].elementsEqual(suffix)
    }

    /// Replaces the last `count` letters with `replacement`.
    mutating func replaceLast(_ count: Int, with replacement: StaticString = "") {
        letters.removeLast(count)
        replacement.withUTF8Buffer { letters.append(contentsOf: $0) }
    }

    /// The rule with the longest suffix the word ends with. Only that rule is
    /// considered: when its condition fails, no shorter suffix is tried.
    func longestMatch(in rules: [SuffixRule]) -> SuffixRule? {
        rules.first { ends(with: $0.suffix) }
    }

    mutating func replace(_ rule: SuffixRule) {
        letters.removeLast(rule.suffix.count)
        letters.append(contentsOf: rule.replacement)
    }

    // MARK: Steps

    /// Plurals: sses → ss, ies → i, ss → ss, s → (nothing).
    mutating func step1a() {
        if ends(with: "sses") || ends(with: "ies") {
            replaceLast(2)
        } else if ends(with: "s") && !ends(with: "ss") {
            replaceLast(1)
        }
    }

    /// Past tenses and participles: (m > 0) eed → ee; (*v*) ed, ing → (nothing), then tidy the stem.
    mutating func step1b() {
        if ends(with: "eed") {
            if measure(upTo: letters.count - 3) > 0 { replaceLast(1) }
            return
        }
        let suffixLength: Int
        if ends(with: "ed") {
            suffixLength = 2
        } else if ends(with: "ing") {
            suffixLength = 3
        } else {
            return
        }
        guard hasVowel(upTo: letters.count - suffixLength) else { return }
        letters.removeLast(suffixLength)
        if ends(with: "at") || ends(with: "bl") || ends(with: "iz") {
            letters.append(UInt8(ascii: "e"))  // conflat(ed) → conflate, troubl(ed) → trouble
        } else if endsWithDoubleConsonant(letters.count) {
            let last = letters[letters.count - 1]
            if last != UInt8(ascii: "l") && last != UInt8(ascii: "s") && last != UInt8(ascii: "z") {
                letters.removeLast()  // hopp(ing) → hop
            }
        } else if measure(upTo: letters.count) == 1 && endsCVC(letters.count) {
            letters.append(UInt8(ascii: "e"))  // fil(ing) → file
        }
    }

    /// (*v*) y → i.
    mutating func step1c() {
        if ends(with: "y") && hasVowel(upTo: letters.count - 1) {
            letters[letters.count - 1] = UInt8(ascii: "i")
        }
    }

    /// Steps 2 and 3: the longest matching rule applies when its stem has m > 0.
    mutating func step2And3(_ rules: [SuffixRule]) {
        guard let rule = longestMatch(in: rules), measure(upTo: letters.count - rule.suffix.count) > 0 else { return }
        replace(rule)
    }

    /// Step 4: the longest matching suffix goes when its stem has m > 1; `ion` also needs the stem to end in s or t.
    mutating func step4() {
        guard let rule = longestMatch(in: step4Rules) else { return }
        let stemEnd = letters.count - rule.suffix.count
        guard measure(upTo: stemEnd) > 1 else { return }
        if rule.suffix.elementsEqual("ion".utf8) {
            let before = stemEnd > 0 ? letters[stemEnd - 1] : 0
            guard before == UInt8(ascii: "s") || before == UInt8(ascii: "t") else { return }
        }
        replace(rule)
    }

    /// 5a: (m > 1) e → (nothing), (m = 1 and not *o) e → (nothing); 5b: (m > 1 and *d and *L) → single letter.
    mutating func step5() {
        if ends(with: "e") {
            let stemEnd = letters.count - 1
            let m = measure(upTo: stemEnd)
            if m > 1 || (m == 1 && !endsCVC(stemEnd)) { letters.removeLast() }
        }
        if ends(with: "ll") && measure(upTo: letters.count) > 1 { letters.removeLast() }
    }
}
