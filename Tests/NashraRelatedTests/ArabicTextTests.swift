import Testing

@testable import NashraRelated

/// Arabic normalization and light stemming, with words from the seed article
/// (`shared/seed/article-page.txt`).
@Suite struct ArabicTextTests {
    @Test(arguments: [
        ("أعضاء", "اعضاء"),  // hamza on alef
        ("إلى", "الي"),  // hamza below, alef maqsura
        ("آفاق", "افاق"),  // madda
        ("ٱلتحرير", "التحرير"),  // wasla
        ("مصطفى", "مصطفي"),  // alef maqsura → ya
        ("الدورة", "الدوره"),  // ta marbuta → ha
        ("المُقَاوِمَة", "المقاومه"),  // tashkeel removed
        ("المـنـدوبـيـة", "المندوبيه"),  // tatweel removed
        ("سنة ٢٠٢٤", "سنه 2024"),  // Arabic-Indic digits
        ("۲۰۲۵", "2025"),  // Eastern Arabic-Indic digits
    ])
    func normalization(input: String, expected: String) {
        #expect(ArabicNormalizer.normalize(input) == expected)
    }

    @Test(arguments: [
        ("المقاومين", "مقاوم"),  // article + plural ين
        ("المقاومة", "مقاوم"),  // article + ة
        ("للمندوبية", "مندوب"),  // لل + يه (ية)
        ("المندوب", "مندوب"),
        ("والإقليميين", "اقليم"),  // وال + ين + ي
        ("الإقليمية", "اقليم"),
        ("بالرباط", "رباط"),  // بال
        ("الرباط", "رباط"),
        ("الجهويين", "جهو"),
        ("الجهوية", "جهو"),
        ("التاريخية", "تاريخ"),
        ("والاجتماعية", "اجتماع"),
        ("كالمقاومة", "مقاوم"),  // كال
        ("فالمندوبية", "مندوب"),  // فال
        ("المبادرات", "مبادر"),  // ات
        ("الانتخابات", "انتخاب"),
        ("منجزاتها", "منجز"),  // ها, then ات
    ])
    func lightStemming(word: String, stem: String) {
        #expect(ArabicStemmer.stem(ArabicNormalizer.normalize(word)) == stem)
    }

    @Test func rootLettersAreNotMistakenForClitics() {
        // A leading و is a root letter here: the minister is the same word with and without the article.
        #expect(ArabicStemmer.stem("وزير") == ArabicStemmer.stem(ArabicNormalizer.normalize("الوزير")))
        // The article comes off only when two letters remain.
        #expect(ArabicStemmer.stem("الي") == "الي")
        // Suffixes come off only while three letters remain.
        #expect(ArabicStemmer.stem("بين") == "بين")
    }

    @Test func variantsOfOneWordMeet() {
        let spellings = ["المقاومة", "المقاومه", "للمقاومة", "والمقاومين", "بالمقاومة", "المُقاوِمَة"]
        let stems = Set(spellings.map { ArabicStemmer.stem(ArabicNormalizer.normalize($0)) })
        #expect(stems == ["مقاوم"])
    }
}
