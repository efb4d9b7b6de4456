/// Place names, so that a story filed from `الرباط` and one about `Rabat`
/// share a place whatever the language. Each place has a canonical name and
/// the folded spellings that stand for it; a dateline that is not listed is
/// its own place. Morocco itself is left out: nearly every story names it.
public enum Places {
    /// The canonical place of a dateline (`الرباط`, `Rabat (MAP)`), or its folded text when unlisted.
    public static func place(ofDateline dateline: String) -> String? {
        let words = Tokenizer.tokens(dateline).filter { $0.script != .number }.map(\.bytes)
        guard !words.isEmpty else { return nil }
        if words.count >= 2, let place = variants[words[0] + [0x20] + words[1]] { return place }
        if let place = variants[words[0]] { return place }
        return words.prefix(3).map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
    }

    /// Places named in `tokens` (a title, a first paragraph), each once, in order.
    public static func places(in tokens: [Token]) -> [String] {
        var found: [String] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            guard token.script != .number else {
                index += 1
                continue
            }
            if index + 1 < tokens.count, let place = lookup(token.bytes + [0x20] + tokens[index + 1].bytes) {
                if !found.contains(place) { found.append(place) }
                index += 2
                continue
            }
            if let place = lookup(token.bytes), !found.contains(place) { found.append(place) }
            index += 1
        }
        return found
    }

    /// A word as written, or with a clitic (ب ل و ف ك) before it: `بالرباط`, `وطنجة`.
    static func lookup(_ word: [UInt8]) -> String? {
        if let place = variants[word] { return place }
        // Each clitic is one Arabic letter: two bytes.
        guard word.count > 2, clitics.contains(Array(word.prefix(2))) else { return nil }
        return variants[Array(word.dropFirst(2))]
    }

    static let clitics: Set<[UInt8]> = Set(["ب", "ل", "و", "ف", "ك"].map { Array($0.utf8) })

    /// Canonical name → spellings (Arabic, French, English), folded when the table is built.
    static let gazetteer: [String: [String]] = [
        "rabat": ["الرباط", "rabat"],
        "casablanca": ["الدار البيضاء", "البيضاء", "casablanca", "casa"],
        "tangier": ["طنجة", "tanger", "tangier", "tangiers"],
        "fes": ["فاس", "fes", "fez"],
        "marrakech": ["مراكش", "marrakech", "marrakesh"],
        "agadir": ["أكادير", "اكادير", "agadir"],
        "oujda": ["وجدة", "oujda"],
        "meknes": ["مكناس", "meknes"],
        "tetouan": ["تطوان", "tetouan"],
        "kenitra": ["القنيطرة", "kenitra"],
        "laayoune": ["العيون", "laayoune"],
        "dakhla": ["الداخلة", "dakhla"],
        "el-jadida": ["الجديدة", "el jadida"],
        "safi": ["آسفي", "اسفي", "safi"],
        "nador": ["الناظور", "nador"],
        "al-hoceima": ["الحسيمة", "al hoceima", "alhoceima"],
        "beni-mellal": ["بني ملال", "beni mellal"],
        "errachidia": ["الرشيدية", "errachidia"],
        "ouarzazate": ["ورزازات", "ouarzazate"],
        "khouribga": ["خريبكة", "khouribga"],
        "settat": ["سطات", "settat"],
        "taza": ["تازة", "taza"],
        "khenifra": ["خنيفرة", "khenifra"],
        "essaouira": ["الصويرة", "essaouira"],
        "ifrane": ["إفران", "افران", "ifrane"],
        "sale": ["سلا", "sale"],
        "mohammedia": ["المحمدية", "mohammedia"],
        "guelmim": ["كلميم", "guelmim"],
        "tiznit": ["تيزنيت", "tiznit"],
        "larache": ["العرائش", "larache"],
        "algeria": ["الجزائر", "algerie", "algeria", "alger", "algiers"],
        "tunisia": ["تونس", "tunisie", "tunisia", "tunis"],
        "mauritania": ["موريتانيا", "mauritanie", "mauritania", "نواكشوط", "nouakchott"],
        "libya": ["ليبيا", "libye", "libya", "طرابلس", "tripoli"],
        "egypt": ["مصر", "egypte", "egypt", "القاهرة", "le caire", "cairo"],
        "senegal": ["السنغال", "senegal", "داكار", "dakar"],
        "france": ["فرنسا", "france", "باريس", "paris"],
        "spain": ["إسبانيا", "اسبانيا", "espagne", "spain", "مدريد", "madrid"],
        "belgium": ["بلجيكا", "belgique", "belgium", "بروكسل", "bruxelles", "brussels"],
        "united-states": ["الولايات المتحدة", "واشنطن", "washington", "etats unis", "united states", "usa"],
        "united-kingdom": ["بريطانيا", "المملكة المتحدة", "لندن", "london", "londres", "royaume uni", "united kingdom"],
        "germany": ["ألمانيا", "المانيا", "allemagne", "germany", "برلين", "berlin"],
        "italy": ["إيطاليا", "ايطاليا", "italie", "italy", "روما", "rome"],
        "portugal": ["البرتغال", "portugal", "لشبونة", "lisbonne", "lisbon"],
        "china": ["الصين", "chine", "china", "بكين", "pekin", "beijing"],
        "russia": ["روسيا", "russie", "russia", "موسكو", "moscou", "moscow"],
        "palestine": ["فلسطين", "palestine", "غزة", "gaza", "القدس", "jerusalem"],
        "saudi-arabia": ["السعودية", "الرياض", "riyad", "riyadh", "arabie saoudite", "saudi arabia"],
        "qatar": ["قطر", "الدوحة", "doha", "qatar"],
        "uae": ["الإمارات", "الامارات", "أبوظبي", "ابوظبي", "دبي", "dubai", "abu dhabi", "emirats"],
        "geneva": ["جنيف", "geneve", "geneva"],
        "new-york": ["نيويورك", "new york"],
        "addis-ababa": ["أديس أبابا", "اديس ابابا", "addis abeba", "addis ababa"],
        "abidjan": ["أبيدجان", "ابيدجان", "abidjan"],
        "nigeria": ["نيجيريا", "nigeria", "abuja", "أبوجا"],
    ]

    /// Folded spelling (UTF-8, words joined by a space) → canonical name.
    static let variants: [[UInt8]: String] = {
        var table: [[UInt8]: String] = [:]
        for (canonical, spellings) in gazetteer {
            for spelling in spellings {
                let folded = Tokenizer.tokens(spelling).map(\.bytes).joined(separator: [0x20])
                table[Array(folded)] = canonical
            }
        }
        return table
    }()
}
