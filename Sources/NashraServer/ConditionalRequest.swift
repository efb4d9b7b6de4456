import HTTPTypes

/// The request fields a cached answer depends on, read in one pass over the
/// request's fields (each `HTTPFields` subscript is a pass of its own).
struct ConditionalRequest {
    var accept: String?
    var acceptEncoding: String?
    var ifNoneMatch: String?
    var ifModifiedSince: String?
    var connection: String?

    init(_ fields: HTTPFields) {
        for field in fields {
            switch field.name {
            case .ifNoneMatch: Self.add(field.value, to: &ifNoneMatch)
            case .acceptEncoding: Self.add(field.value, to: &acceptEncoding)
            case .accept: Self.add(field.value, to: &accept)
            case .ifModifiedSince: Self.add(field.value, to: &ifModifiedSince)
            case .connection: Self.add(field.value, to: &connection)
            default: continue
            }
        }
    }

    /// A field sent more than once is one list (RFC 9110 §5.3).
    private static func add(_ value: String, to field: inout String?) {
        field = field.map { $0 + ", " + value } ?? value
    }
}
