/// Words too common to say what an article is about: function words, the
/// verbs that report speech, and the dates and fillers of news copy. Entries
/// are in the form the tokenizer produces, so a token is looked up before it
/// is stemmed: Arabic normalized (`ArabicNormalizer`: no tashkeel or tatweel,
/// `ا` for `أ إ آ ٱ`, `ي` for `ى`, `ه` for `ة`), French and English lowercased
/// and accent-folded (`LatinFolding`), with French elisions on their own.
enum StopWords {
    /// Arabic particles, prepositions, pronouns, demonstratives and relatives,
    /// auxiliaries, reporting verbs, news fillers, weekdays and months (Maghrebi,
    /// Egyptian, Algerian and Levantine names), and frequent forms with a
    /// leading `و` or `ف`, which the stemmer keeps on function words.
    static let arabic: Set<String> = [
        // Single-letter clitics, when the tokenizer leaves them alone.
        "و", "ف", "ب", "ل", "ك",
        // Prepositions and prepositional phrases.
        "من", "الي", "عن", "علي", "في", "مع", "منذ", "مذ", "حتي", "عند", "لدي", "لدن", "بين", "نحو", "حول", "دون",
        "بدون", "ضد", "عبر", "خلال", "قبل", "بعد", "فوق", "تحت", "امام", "وراء", "خلف", "اثناء", "ازاء", "تجاه",
        "حسب", "بحسب", "وفق", "وفقا", "طبقا", "ضمن", "سوي", "غير", "مثل", "عدا", "رغم", "بالرغم", "برغم", "بسبب",
        "اجل", "لاجل", "بشان", "حيال", "عقب", "جراء", "حوالي", "قرابه",
        // Conjunctions and particles.
        "او", "ام", "ثم", "بل", "لكن", "لكنه", "لكنها", "ولكن", "حيث", "اذ", "اذا", "اذن", "لو", "لولا", "كي", "لكي",
        "ان", "انه", "انها", "انهم", "انما", "لان", "لانه", "لانها", "بان", "بانه", "بانها", "لم", "لن", "لا", "ما",
        "ماذا", "لماذا", "متي", "اين", "كيف", "كم", "هل", "قد", "لقد", "سوف", "الا", "اما", "لما", "مما", "بما", "عما",
        "فيما", "كما", "ربما", "طالما", "كلما", "عندما", "بينما", "حينما", "بعدما", "حين", "سواء",
        // Pronouns.
        "انا", "نحن", "انت", "انتم", "انتما", "انتن", "هو", "هي", "هم", "هما", "هن",
        // Demonstratives and relative pronouns.
        "هذا", "هذه", "ذلك", "تلك", "ذاك", "هؤلاء", "اولئك", "هذان", "هاتان", "هذين", "هاتين", "هنا", "هناك", "هنالك",
        "الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "اللواتي", "اللاتي", "اللائي",
        // Prepositions with attached pronouns.
        "منه", "منها", "منهم", "فيه", "فيها", "فيهم", "عليه", "عليها", "عليهم", "اليه", "اليها", "اليهم", "عنه", "عنها",
        "عنهم", "له", "لها", "لهم", "لهما", "لهن", "به", "بها", "بهم", "معه", "معها", "معهم", "لديه", "لديها", "لديهم",
        "عنده", "عندها", "بينهم", "بينها", "بذلك", "بهذا", "بهذه", "لهذا", "لهذه", "لذلك", "لذا", "كذلك", "بالتالي",
        // Quantifiers and adverbs.
        "كل", "كلها", "بعض", "جميع", "جميعا", "كافه", "عده", "اي", "ايضا", "فقط", "جدا", "اكثر", "اقل", "معظم", "اغلب",
        "كلا", "كلتا", "نفس", "ذات", "غيرها", "مثلا", "هكذا", "شيء", "الان", "حاليا", "سابقا", "لاحقا", "دائما", "ابدا",
        // Auxiliaries and modal verbs.
        "كان", "كانت", "كانوا", "يكون", "تكون", "ليس", "ليست", "ليسوا", "اصبح", "اصبحت", "صار", "ظل", "بات", "باتت",
        "مازال", "لازال", "زال", "يزال", "تزال", "تم", "يتم", "يمكن", "يجب",
        // Verbs that report speech.
        "قال", "قالت", "يقول", "تقول", "اكد", "اكدت", "يؤكد", "تؤكد", "اضاف", "اضافت", "يضيف", "تضيف", "اوضح", "اوضحت",
        "يوضح", "توضح", "اشار", "اشارت", "يشير", "تشير", "ذكر", "ذكرت", "يذكر", "افاد", "افادت", "يفيد", "صرح", "صرحت",
        "لفت", "لفتت", "تابع", "تابعت", "شدد", "شددت",
        // News fillers.
        "السيد", "السيده", "يشار", "تجدر", "الاشاره", "اضافه", "بالاضافه", "اطار", "صعيد", "اليوم", "امس", "غدا", "يوم",
        "شهر", "الشهر", "الجاري", "الماضي", "المقبل", "واحد", "اثنان", "اول", "الاول", "الاولي", "الثاني",
        // Weekdays.
        "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد", "اثنين", "ثلاثاء", "اربعاء", "خميس",
        "جمعه", "سبت", "احد",
        // Months: Moroccan, Egyptian and Gulf, Algerian and Tunisian, Levantine.
        "يناير", "فبراير", "مارس", "ابريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "اكتوبر", "نونبر", "دجنبر", "مايو",
        "يوليو", "اغسطس", "سبتمبر", "نوفمبر", "ديسمبر", "جانفي", "فيفري", "افريل", "جوان", "جويليه", "اوت", "كانون",
        "شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز", "اب", "ايلول", "تشرين",
        // With a leading و or ف.
        "وقد", "وفي", "والتي", "والذي", "والذين", "وكان", "وكانت", "وهو", "وهي", "وهم", "وهذا", "وهذه", "وذلك", "وتلك",
        "ومن", "وما", "ولا", "ولم", "ولن", "وان", "وانه", "واذا", "وعلي", "والي", "وعن", "ومع", "وبين", "وبعد", "وقبل",
        "وخلال", "وحيث", "وكل", "وغير", "وهناك", "وكذلك", "وايضا", "وكما", "وعند", "ومنذ", "وحتي", "وتم", "وغيرها",
        "وقال", "وقالت", "واكد", "واضاف", "واضافت", "واوضح", "واشار", "وتابع", "ويذكر", "فقد", "فان", "فانه", "فهو",
        "فهي", "فلا", "فما",
    ]

    /// French function words (articles, pronouns, prepositions, conjunctions,
    /// every form of `etre` and `avoir`), the elided `l d qu j s n c m t` the
    /// tokenizer splits off, reporting verbs, and news fillers (days, months).
    static let french: Set<String> = [
        // Elisions.
        "l", "d", "qu", "j", "s", "n", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu",
        // Articles and determiners.
        "le", "la", "les", "un", "une", "des", "du", "de", "au", "aux", "ce", "cet", "cette", "ces", "mon", "ma", "mes",
        "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs", "quel", "quelle",
        "quels", "quelles", "chaque", "plusieurs", "quelque", "quelques", "certain", "certains", "certaine", "certaines",
        "aucun", "aucune", "tout", "tous", "toute", "toutes", "autre", "autres", "meme", "memes", "tel", "telle", "tels",
        "telles",
        // Pronouns.
        "je", "me", "moi", "tu", "te", "toi", "il", "ils", "elle", "elles", "on", "nous", "vous", "se", "soi", "lui",
        "eux", "y", "en", "qui", "que", "quoi", "dont", "lequel", "laquelle", "lesquels", "lesquelles", "auquel",
        "auxquels", "auxquelles", "duquel", "desquels", "desquelles", "celui", "celle", "ceux", "celles", "ceci", "cela",
        "ca", "rien",
        // Prepositions.
        "a", "dans", "par", "pour", "sur", "sous", "avec", "sans", "chez", "vers", "contre", "entre", "depuis",
        "pendant", "avant", "apres", "devant", "derriere", "selon", "parmi", "durant", "envers", "malgre", "hors",
        "sauf", "outre", "pres", "jusque", "via",
        // Conjunctions.
        "et", "ou", "mais", "donc", "ni", "car", "si", "comme", "quand", "lorsque", "puisque", "parce", "afin", "ainsi",
        "alors", "aussi", "cependant", "pourtant", "toutefois", "neanmoins", "tandis",
        // Adverbs.
        "ne", "pas", "plus", "moins", "tres", "trop", "peu", "beaucoup", "bien", "deja", "encore", "toujours", "jamais",
        "souvent", "ici", "oui", "non", "tant", "assez", "puis", "ensuite", "enfin", "desormais", "notamment",
        "egalement", "surtout", "seulement", "environ", "presque",
        // Etre.
        "etre", "ete", "etant", "suis", "es", "est", "sommes", "etes", "sont", "serai", "seras", "sera", "serons",
        "serez", "seront", "serais", "serait", "serions", "seriez", "seraient", "etais", "etait", "etions", "etiez",
        "etaient", "fus", "fut", "fumes", "futes", "furent", "sois", "soit", "soyons", "soyez", "soient", "fusse",
        "fusses", "fussions", "fussiez", "fussent",
        // Avoir.
        "avoir", "ayant", "ai", "as", "avons", "avez", "ont", "aurai", "auras", "aura", "aurons", "aurez", "auront",
        "aurais", "aurait", "aurions", "auriez", "auraient", "avais", "avait", "avions", "aviez", "avaient", "eu", "eue",
        "eues", "eus", "eut", "eumes", "eutes", "eurent", "aie", "aies", "ait", "ayons", "ayez", "aient", "eusse",
        "eusses", "eussions", "eussiez", "eussent",
        // Modal verbs and verbs that report speech.
        "peut", "peuvent", "pourrait", "pourraient", "doit", "doivent", "devrait", "dit", "declare", "ajoute", "precise",
        "indique", "souligne", "affirme", "explique",
        // News fillers, weekdays and months.
        "annee", "annees", "an", "ans", "mois", "jour", "jours", "semaine", "semaines", "hier", "aujourd", "hui",
        "aujourdhui", "demain", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier",
        "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
    ]

    /// English function words (the classic NLTK list, with the pieces the
    /// tokenizer makes of contractions: `don`, `t`, `ll`), and news fillers:
    /// reporting verbs, numbers, weekdays and months.
    static let english: Set<String> = [
        // Pronouns and determiners.
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves",
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their",
        "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these", "those", "a", "an", "the",
        "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own",
        "same", "another", "many", "much", "several",
        // Verbs.
        "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did",
        "doing", "can", "will", "would", "could", "should", "may", "might", "must", "shall",
        // Conjunctions, prepositions and adverbs.
        "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with", "about", "against",
        "between", "into", "through", "during", "before", "after", "above", "below", "to", "from", "up", "down", "in",
        "out", "on", "off", "over", "under", "again", "further", "then", "once", "here", "there", "when", "where", "why",
        "how", "so", "than", "too", "very", "just", "now", "also", "per", "via", "among", "within", "without", "since",
        "upon", "yet", "however", "although", "though", "whether", "even", "still", "already", "ago",
        // Pieces of contractions (`don't` is `don` and `t`).
        "s", "t", "d", "ll", "m", "o", "re", "ve", "y", "don", "ain", "aren", "couldn", "didn", "doesn", "hadn", "hasn",
        "haven", "isn", "ma", "mightn", "mustn", "needn", "shan", "shouldn", "wasn", "weren", "won", "wouldn",
        // News fillers.
        "said", "says", "say", "told", "according", "added", "mr", "mrs", "ms", "year", "years", "new", "one", "two",
        "three", "first", "last", "week", "weeks", "month", "months", "day", "days", "today", "yesterday", "tomorrow",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "june", "july", "august", "september", "october", "november", "december",
    ]
}

extension StopWords {
    /// The lists as UTF-8 bytes, the form tokens are looked up in: hashing
    /// bytes skips the Unicode normalization that hashing a `String` does.
    static let arabicBytes: Set<[UInt8]> = Set(arabic.map { Array($0.utf8) })
    static let frenchBytes: Set<[UInt8]> = Set(french.map { Array($0.utf8) })
    static let englishBytes: Set<[UInt8]> = Set(english.map { Array($0.utf8) })
}
