import Testing

@testable import NashraRelated

@Suite struct TokenizerTests {
    @Test func seedSentenceSplitsIntoNormalizedWords() {
        let tokens = Tokenizer.tokens("الرباط – انعقدت اليوم الخميس بالرباط، أشغال الدورة الـ49 للجمع السنوي")
        #expect(tokens.map(\.text) == ["الرباط", "انعقدت", "اليوم", "الخميس", "بالرباط", "اشغال", "الدوره", "ال49", "للجمع", "السنوي"])
        #expect(tokens.allSatisfy { $0.script == .arabic })
    }

    @Test func htmlTagsAndEntitiesSeparateWords() {
        let tokens = Tokenizer.tokens("<p><strong>خنيفرة</strong>&nbsp;-&nbsp;وأوضح <a href=\"https://x.ma/a\">الأستاذ</a></p>", html: true)
        #expect(tokens.map(\.text) == ["خنيفره", "واوضح", "الاستاذ"])
    }

    @Test func frenchElisionsAndAccentsAreFolded() {
        let tokens = Tokenizer.tokens("L'Office chérifien d’Économie qu'il a-t-il ÉCONOMIE")
        #expect(tokens.map(\.text) == ["office", "cherifien", "economie", "il", "a", "t", "il", "economie"])
    }

    @Test func numbersAndScripts() {
        let tokens = Tokenizer.tokens("G20 2022-2024 OCPالمغرب")
        #expect(tokens.map(\.text) == ["g20", "2022", "2024", "ocp", "المغرب"])
        #expect(tokens.map(\.script) == [.latin, .number, .number, .latin, .arabic])
    }
}
