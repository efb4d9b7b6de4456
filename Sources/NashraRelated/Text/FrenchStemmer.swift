/// A light French stemmer in the spirit of Savoy's (2005): it removes
/// inflections and a few frequent derivations, never a prefix, so that
/// `gouvernement`, `gouvernements` and `gouvernementale` meet at `gouvern`.
///
/// Input is lowercased and accent-folded (`é` → `e`, `œ` → `oe`) with elisions
/// already removed. A word of three letters or fewer, or one with anything
/// but `a`–`z`, is returned unchanged. Four steps run in order; within a step
/// the first rule whose ending matches and whose result keeps its minimum
/// length applies, and at most one rule applies per step:
///
/// 1. Plural: `-eaux`, `-eux`, `-oux` lose the `x`; `-aux` → `-al` (5+ letters,
///    so `taux` stays); `-s` goes unless after `s` (`stress`), `ai` or `oi`
///    (`francais` is singular too, and must meet `francaise`).
/// 2. Adjective: `-ique`, `-ale`, `-al` go, keeping 4 letters
///    (`economique` → `econom`, `nationale` → `nation`).
/// 3. Noun: `-ement` goes keeping 4 letters; `-tion` → `-t`, `-sion` → `-s`,
///    `-torat` and `-tor` → `-t` (`electoral` → `elector` → `elect`),
///    `-euse` → `-eu`, `-ie` goes, keeping 3 letters; `-ive` → `-if` keeping 4.
/// 4. Ending: `-ee` or else `-e` goes keeping 3 letters (`annoncee`, `annonce` →
///    `annonc`), and a doubled `ll`, `nn`, `tt` left behind is halved
///    (`europeenne` → `europeen`); then `-er` goes keeping 4 (`premiere`,
///    `premier`, `annoncer` → `premi`, `annonc`).
enum FrenchStemmer {
    /// The light stem of a lowercased, accent-folded French word.
    static func stem(_ word: String) -> String {
        String(decoding: stem(Array(word.utf8)), as: UTF8.self)
    }

    /// The light stem of a lowercased, accent-folded French word given as UTF-8 bytes.
    static func stem(_ word: [UInt8]) -> [UInt8] {
        guard word.count > 3, word.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return word }
        var french = FrenchWord(letters: word)
        french.removePlural()
        french.applyFirst(of: adjectiveRules)
        french.applyFirst(of: nounRules)
        french.removeFinalVowel()
        return french.letters
    }

    /// Step 2, adjective endings.
    private static let adjectiveRules: [FrenchRule] = [
        FrenchRule("ique", "", keeping: 4), FrenchRule("ale", "", keeping: 4), FrenchRule("al", "", keeping: 4),
    ]

    /// Step 3, noun endings.
    private static let nounRules: [FrenchRule] = [
        FrenchRule("ement", "", keeping: 4), FrenchRule("torat", "t", keeping: 3), FrenchRule("tion", "t", keeping: 3),
        FrenchRule("sion", "s", keeping: 3), FrenchRule("tor", "t", keeping: 3), FrenchRule("euse", "eu", keeping: 3),
        FrenchRule("ive", "if", keeping: 4), FrenchRule("ie", "", keeping: 3),
    ]
}

/// `ending` becomes `replacement` when the word ends with it and the result has at least `minimum` letters.
private struct FrenchRule: Sendable {
    let ending: [UInt8]
    let replacement: [UInt8]
    let minimum: Int

    init(_ ending: String, _ replacement: String, keeping minimum: Int) {
        self.ending = Array(ending.utf8)
        self.replacement = Array(replacement.utf8)
        self.minimum = minimum
    }
}

/// A French word being stemmed, as ASCII bytes.
private struct FrenchWord {
    var letters: [UInt8]

    func ends(with ending: [UInt8]) -> Bool {
        letters.count >= ending.count && letters[(letters.count - ending.count)...].elementsEqual(ending)
    }

    func ends(with ending: StaticString) -> Bool {
        ending.withUTF8Buffer { buffer in
            letters.count >= buffer.count && letters[(letters.count - buffer.count)...].elementsEqual(buffer)
        }
    }

    /// Applies `rule` if it matches; returns whether it did.
    mutating func apply(_ rule: FrenchRule) -> Bool {
        guard ends(with: rule.ending), letters.count - rule.ending.count + rule.replacement.count >= rule.minimum else {
            return false
        }
        letters.removeLast(rule.ending.count)
        letters.append(contentsOf: rule.replacement)
        return true
    }

    /// Applies the first rule of `rules` that matches.
    mutating func applyFirst(of rules: [FrenchRule]) {
        for rule in rules where apply(rule) { return }
    }

    /// Step 1, plurals.
    mutating func removePlural() {
        if ends(with: "eaux") || ends(with: "eux") || ends(with: "oux") {
            letters.removeLast()
        } else if ends(with: "aux") {
            if letters.count >= 5 {
                letters.removeLast()
                letters[letters.count - 1] = UInt8(ascii: "l")
            }
        } else if ends(with: "s") && !ends(with: "ss") && !ends(with: "ais") && !ends(with: "ois") {
            letters.removeLast()
        }
    }

    /// Step 4, the final `e` (or `ee`) of feminines and participles, then an infinitive's `er`.
    mutating func removeFinalVowel() {
        if ends(with: "e") {
            let count = ends(with: "ee") && letters.count - 2 >= 3 ? 2 : 1
            if letters.count - count >= 3 {
                letters.removeLast(count)
                if letters.count > 3 && (ends(with: "ll") || ends(with: "nn") || ends(with: "tt")) { letters.removeLast() }
            }
        }
        if ends(with: "er") && letters.count - 2 >= 4 { letters.removeLast(2) }
    }
}
