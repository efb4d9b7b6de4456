import NashraModel
import NashraXML

/// Atom 1.0 (RFC 4287) and Atom 0.3 elements, also when they appear inside RSS.
extension FeedDocumentHandler {
    func atomElement(_ frame: Frame, text: String, owner: Scope) {
        let a = frame.attributes
        let local = frame.name.local
        if case .person = scope {
            switch local {
            case "name": person.name = text
            case "email": person.email = text
            case "uri", "url": person.uri = text.nilIfBlank.map { URLResolver.resolve($0, against: frame.base) }
            default: break
            }
            return
        }
        if scope == .source {
            switch local {
            case "title": source.title = HTMLText.plainText(text).nilIfBlank
            case "id": source.id = text.nilIfBlank
            case "link" where (a.value("rel") ?? "alternate") == "alternate":
                if let href = a.value("href") { source.href = URLResolver.resolve(href, against: frame.base) }
            default: break
            }
            return
        }
        let inEntry = owner == .item || owner == .entry
        let textConstruct = RawText(
            value: text, type: Self.textType(a, atom03: frame.vocabulary == .atom03), base: frame.base, language: frame.language,
            declaredBase: frame.declaredBase, mode: a.value("mode"))
        switch (local, inEntry) {
        case ("title", true): entry?.title = textConstruct
        case ("title", false): feed.title = textConstruct
        case ("subtitle", false), ("tagline", false): feed.subtitle = textConstruct
        case ("summary", true): entry?.summary = textConstruct
        case ("content", true):
            var content = textConstruct
            if let src = a.value("src")?.nilIfBlank {
                // Out-of-line content: keep it as a link, not as text.
                entry?.atomLinks.append(RawLink(rel: "alternate", href: src, type: a.value("type"), base: frame.base))
                return
            }
            content.type = a.value("type")?.trimmed.lowercased() ?? "text"
            entry?.contents.append(content)
        case ("id", true): entry?.atomID = text.nilIfBlank
        case ("id", false): feed.id = text.nilIfBlank
        case ("link", _):
            guard let href = a.value("href")?.nilIfBlank else { return }
            let link = RawLink(
                rel: a.value("rel")?.nilIfBlank, href: href, type: a.value("type")?.nilIfBlank, title: a.value("title")?.nilIfBlank,
                length: a.value("length"), hreflang: a.value("hreflang")?.nilIfBlank, base: frame.base,
                nashraID: a.value("id", namespace: XMLNamespace.nashra), nashraPublished: a.value("published", namespace: XMLNamespace.nashra))
            if inEntry { entry?.atomLinks.append(link) } else { feed.atomLinks.append(link) }
        case ("published", true): entry?.published = RawDate(text: text)
        case ("updated", true): entry?.updated = RawDate(text: text)
        case ("updated", false): feed.updated = RawDate(text: text)
        case ("issued", true): entry?.issued = RawDate(text: text)
        case ("created", true): entry?.created = RawDate(text: text)
        case ("modified", true): entry?.modified = RawDate(text: text)
        case ("modified", false): feed.modified = RawDate(text: text)
        case ("category", _):
            guard let term = (a.value("term") ?? text).nilIfBlank else { return }
            let category = ParsedCategory(term: term, scheme: a.value("scheme")?.nilIfBlank, label: a.value("label")?.nilIfBlank)
            if inEntry { entry?.categories.append(category) } else { feed.categories.append(category) }
        case ("rights", true), ("copyright", true): entry?.rights = HTMLText.plainText(text).nilIfBlank
        case ("rights", false), ("copyright", false): feed.rights = HTMLText.plainText(text).nilIfBlank
        case ("generator", false):
            feed.generator = ParsedGenerator(
                name: text.nilIfBlank, uri: (a.value("uri") ?? a.value("url")).map { URLResolver.resolve($0, against: frame.base) },
                version: a.value("version")?.nilIfBlank)
        case ("icon", false): feed.icon = text.nilIfBlank.map { URLResolver.resolve($0, against: frame.base) }
        case ("logo", false): feed.logo = text.nilIfBlank.map { URLResolver.resolve($0, against: frame.base) }
        default: break
        }
    }

    /// `text`, `html` or `xhtml`, from Atom 1.0 `type` or Atom 0.3 `type` + `mode`.
    static func textType(_ attributes: [XMLAttribute], atom03: Bool) -> String {
        let type = attributes.value("type")?.trimmed.lowercased()
        if atom03 {
            if attributes.value("mode") == "xml" { return "xhtml" }
            if type == "text/html" || type == "html" || attributes.value("mode") == "escaped" && type != "text/plain" { return "html" }
            return type == "application/xhtml+xml" ? "xhtml" : "text"
        }
        switch type {
        case "html", "text/html": return "html"
        case "xhtml", "application/xhtml+xml": return "xhtml"
        default: return "text"
        }
    }
}
