import Testing

@testable import NashraRelated

@Suite struct RelatedDocumentStoredTests {
    @Test func storedFormReadsBackExactly() {
        let document = RelatedDocument(
            key: "a\tb", url: "https://example.ma/a", title: "عنوان\nمع سطر \\ جديد", published: 1_739_448_720.5,
            publishedOffsetSeconds: 3600, language: .arabic, section: "وطني", tags: ["المقاومة", "ذاكرة"], places: ["rabat"],
            simhash: 0xDEAD_BEEF_0000_0001,
            terms: [
                WeightedTerm(stem: "مقاوم", display: "المقاومين", weight: 4.5), WeightedTerm(stem: "رباط", display: "رباط", weight: 1),
            ])
        #expect(RelatedDocument(stored: document.stored) == document)
    }

    @Test func emptyListsAndMissingValuesReadBack() {
        let document = RelatedDocument(
            key: "k", url: "https://example.ma/k", title: "t", published: 0, language: .other, section: nil, tags: [], places: [],
            simhash: nil, terms: [])
        #expect(RelatedDocument(stored: document.stored) == document)
    }

    @Test(arguments: ["", "2\n\n\n\n", "1\nonly-one-field\n\n\n", "1\nk\tu\tt\tnot-a-date\t0\tar\t\t\n\n\nx\tx\t1"])
    func otherTextIsRefused(text: String) {
        #expect(RelatedDocument(stored: text) == nil)
    }
}
