import Foundation
import NashraModel
import Testing

@testable import NashraRelated

/// The list rules on small pools built for each rule.
@Suite struct RelatedIndexTests {
    static let day = 86_400.0
    static let start = Date(timeIntervalSince1970: 1_739_448_720)

    static func article(
        _ id: String, _ title: String, _ body: String, daysLater: Double = 0, language: String = "ar", section: String? = nil,
        tags: [String] = [], dateline: String? = nil
    ) -> Article {
        Article(
            id: id, url: URL(string: "https://example.ma/\(id)")!, title: title, contentHTML: "<p>\(body)</p>",
            published: Timestamp(date: start.addingTimeInterval(daysLater * day), utcOffsetSeconds: 3600), language: language,
            section: section, tags: tags, dateline: dateline)
    }

    /// The evaluation set's articles, so that term weights are those of a real pool, not of three articles.
    static let background: [RelatedDocument] = ((try? RelatedEvaluationTests.load()) ?? []).map {
        ArticleAnalyzer.analyze($0.article)
    }

    /// A pool of `articles` over the background, which no test article is dated near (their dates are in 2025-02).
    static func index(_ articles: [Article]) -> RelatedIndex {
        var index = RelatedIndex()
        for document in background { index.upsert(document) }
        for article in articles { index.upsert(ArticleAnalyzer.analyze(article)) }
        index.optimize()
        return index
    }

    /// `index.list(for:)` without the background articles.
    static func list(_ index: RelatedIndex, _ key: String, options: RelatedOptions = RelatedOptions()) throws -> [RelatedPick] {
        let background = Set(Self.background.map(\.key))
        return try #require(index.list(for: key, options: options)).filter { !background.contains($0.article.id) }
    }

    static let water = """
        أعلنت وزارة التجهيز والماء عن برنامج جديد لبناء السدود ومحطات تحلية مياه البحر لمواجهة الجفاف الذي تعرفه المملكة. \
        ويشمل البرنامج إنجاز خمسة سدود كبرى وثلاث محطات للتحلية على الساحل الأطلسي، بكلفة إجمالية تناهز عشرين مليار درهم. \
        وأوضح بلاغ للوزارة أن المحطات الجديدة ستزود المدن الساحلية بالماء الصالح للشرب، فيما توجه مياه السدود إلى السقي \
        ودعم الفلاحين المتضررين من توالي سنوات الجفاف وتراجع حقينة السدود إلى مستويات غير مسبوقة.
        """
    static let football = "فاز فريق الرجاء الرياضي على الوداد الرياضي في مباراة الديربي ضمن منافسات البطولة الوطنية لكرة القدم"
    static let theatre = "افتتحت فعاليات المهرجان الوطني للمسرح بمشاركة فرق مسرحية من مختلف الجهات وعروض للشباب"

    @Test func anArticleNeverListsItselfAndFindsItsStory() throws {
        let index = Self.index([
            Self.article("a", "برنامج لبناء السدود وتحلية مياه البحر", Self.water),
            Self.article("b", "وزارة الماء تطلق محطات جديدة لتحلية المياه", "محطات تحلية مياه البحر الجديدة لمواجهة الجفاف وبناء السدود"),
            Self.article("c", "الرجاء يفوز بالديربي", Self.football),
            Self.article("d", "افتتاح المهرجان الوطني للمسرح", Self.theatre),
        ])
        let list = try Self.list(index, "a").map(\.article.id)
        #expect(list.first == "b")
        #expect(!list.contains("a"))
        #expect(!list.contains("c") && !list.contains("d"), "unrelated stories share no weighed terms: \(list)")
    }

    @Test func aPartnerCopyOfTheSameWireIsNotRelated() throws {
        let index = Self.index([
            Self.article("own", "برنامج لبناء السدود وتحلية مياه البحر", Self.water),
            Self.article("copy", "الحكومة تعلن برنامجا للسدود", Self.water + " وفق بلاغ للوزارة"),
            Self.article("follow", "انطلاق أشغال محطة تحلية مياه البحر", "انطلقت أشغال بناء محطة تحلية مياه البحر ضمن برنامج السدود لمواجهة الجفاف"),
        ])
        let list = try Self.list(index, "own").map(\.article.id)
        #expect(list == ["follow"])
    }

    @Test func oneStoryToldFiveTimesCannotFillTheList() throws {
        let followUp = "انطلقت أشغال بناء محطة تحلية مياه البحر الأولى ضمن برنامج السدود والتحلية لمواجهة الجفاف بكلفة مليار درهم"
        var articles = [Self.article("q", "انطلاق أشغال أول محطة لتحلية مياه البحر", followUp)]
        // Five partners run the same wire under their own headlines.
        for n in 0..<5 { articles.append(Self.article("wire-\(n)", "برنامج السدود وتحلية مياه البحر \(n)", Self.water)) }
        articles.append(Self.article("dams", "حقينة السدود تتراجع والجفاف يشتد", "تراجعت حقينة السدود إلى مستويات غير مسبوقة بسبب الجفاف ودعا الفلاحون إلى تسريع برنامج التحلية"))
        let index = Self.index(articles)
        let list = try #require(index.list(for: "q", options: RelatedOptions(limit: 5))).map(\.article.id)
        #expect(list.filter { $0.hasPrefix("wire-") }.count == 1, "\(list)")
        #expect(list.contains("dams"), "\(list)")
    }

    /// The score `candidate` gets in the list of `query`, alone with it in a pool.
    static func score(of candidate: Article, for query: Article) throws -> Double {
        let index = Self.index([query, candidate])
        let list = try Self.list(index, query.id, options: RelatedOptions(duplicateTextScore: 1.01))
        return try #require(list.first { $0.article.id == candidate.id }).score
    }

    static let tourism = "ارتفع عدد السياح الوافدين على مدينة مراكش خلال الموسم بنسبة كبيرة حسب المرصد الجهوي للسياحة"
    static let tourismFollowUp = "المرصد الجهوي للسياحة يؤكد ارتفاع عدد السياح الوافدين على مراكش والفنادق تسجل نسب ملء قياسية"

    @Test func theNearerDateScoresHigher() throws {
        let query = Self.article("q", "ارتفاع عدد السياح بمراكش", Self.tourism)
        let near = try Self.score(of: Self.article("c", "فنادق مراكش ممتلئة", Self.tourismFollowUp, daysLater: -1), for: query)
        let old = try Self.score(of: Self.article("c", "فنادق مراكش ممتلئة", Self.tourismFollowUp, daysLater: -30), for: query)
        let later = try Self.score(of: Self.article("c", "فنادق مراكش ممتلئة", Self.tourismFollowUp, daysLater: 1), for: query)
        #expect(near > old)
        #expect(near == later, "recency counts both ways from the article's own date")
    }

    @Test func sectionTagsAndPlaceRaiseTheScoreAndShowInTheReason() throws {
        let query = Self.article("q", "ارتفاع عدد السياح بمراكش", Self.tourism, section: "سياحة", tags: ["السياحة"], dateline: "مراكش")
        let sharing = Self.article("c", "فنادق المدينة ممتلئة", Self.tourismFollowUp, section: "سياحة", tags: ["السياحة"], dateline: "مراكش")
        let bare = Self.article("c", "فنادق المدينة ممتلئة", Self.tourismFollowUp, section: "اقتصاد", dateline: "فاس")
        #expect(try Self.score(of: sharing, for: query) > Self.score(of: bare, for: query))
        let list = try Self.list(Self.index([query, sharing]), "q", options: RelatedOptions(duplicateTextScore: 1.01))
        let reason = try #require(list.first?.reason)
        #expect(reason.contains("section: سياحه"))
        #expect(reason.contains("tags: السياحه"))
        #expect(reason.contains("place: marrakech"))
        #expect(reason.hasPrefix("terms: "))
    }

    @Test func theSameLanguageIsPreferred() throws {
        let body = "Le programme de dessalement et de barrages contre la sécheresse avance selon le ministère"
        let query = Self.article("q", "Le Maroc lance un programme de dessalement", body + " au Maroc", language: "fr")
        let french = try Self.score(of: Self.article("c", "Dessalement et barrages", body, language: "fr"), for: query)
        let tagged = try Self.score(of: Self.article("c", "Dessalement et barrages", body, language: "en"), for: query)
        #expect(french > tagged)
    }

    @Test func updatesAndRemovalsChangeTheLists() throws {
        var index = Self.index([
            Self.article("a", "برنامج لبناء السدود وتحلية مياه البحر", Self.water),
            Self.article("b", "محطات جديدة لتحلية المياه", "محطات تحلية مياه البحر الجديدة لمواجهة الجفاف وبناء السدود"),
            Self.article("c", "الرجاء يفوز بالديربي", Self.football),
        ])
        #expect(try Self.list(index, "a").map(\.article.id) == ["b"])
        // b is rewritten as a football story: it leaves a's list and joins c's.
        index.upsert(ArticleAnalyzer.analyze(Self.article("b", "الوداد يخسر الديربي أمام الرجاء", "خسر الوداد الرياضي مباراة الديربي أمام الرجاء الرياضي في البطولة الوطنية")))
        #expect(try Self.list(index, "a").isEmpty)
        #expect(try Self.list(index, "c").map(\.article.id) == ["b"])
        index.remove(key: "b")
        #expect(try Self.list(index, "c").isEmpty)
        #expect(index.list(for: "b") == nil)
        #expect(index.count == Self.background.count + 2)
    }

    @Test func neighborsAreTheArticlesWhoseListsAChangeCanAlter() throws {
        let index = Self.index([
            Self.article("a", "برنامج لبناء السدود وتحلية مياه البحر", Self.water),
            Self.article("b", "محطات جديدة لتحلية المياه", "محطات تحلية مياه البحر الجديدة لمواجهة الجفاف وبناء السدود"),
            Self.article("c", "الرجاء يفوز بالديربي", Self.football),
        ])
        #expect(index.neighbors(of: "a", count: 10).first == "b")
        #expect(!index.neighbors(of: "a", count: 10).contains("c"))
    }
}
