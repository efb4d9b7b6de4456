public import Foundation
private import CLibXML2

/// A streaming XML writer on libxml2's `xmlTextWriter`.
///
/// Output is produced element by element into a small libxml2 buffer that is
/// handed to `sink` whenever it grows past `flushThreshold`, so memory stays
/// flat however many items a feed has. Text and attribute values are escaped
/// by libxml2; characters that XML 1.0 forbids are dropped before they reach
/// it (libxml2 would write them as `&#1;`, which no parser accepts).
///
/// Not `Sendable`: one writer belongs to one document on one task.
public final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private let sink: (Data) throws -> Void
    private let flushThreshold: Int

    /// Creates a writer.
    /// - Parameters:
    ///   - indent: pretty-print with two spaces per level (golden files stay readable).
    ///   - flushThreshold: bytes collected before `sink` is called.
    ///   - sink: receives the document in order, in chunks.
    /// - Throws: `XMLWriterError` when libxml2 cannot allocate the writer.
    public init(indent: Bool = true, flushThreshold: Int = 64 * 1024, sink: @escaping (Data) throws -> Void) throws {
        guard let buffer = xmlBufferCreate() else { throw XMLWriterError(operation: "xmlBufferCreate") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw XMLWriterError(operation: "xmlNewTextWriterMemory")
        }
        self.buffer = buffer
        self.writer = writer
        self.sink = sink
        self.flushThreshold = flushThreshold
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            _ = "  ".withCString { xmlTextWriterSetIndentString(writer, $0.xml) }
        }
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    /// Writes `<?xml version="1.0" encoding="UTF-8"?>`.
    public func startDocument() throws {
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "startDocument")
    }

    /// Writes a processing instruction such as `xml-stylesheet`.
    public func processingInstruction(_ target: String, _ content: String) throws {
        try check(
            target.withCString { t in XMLText.legal(content).withCString { c in xmlTextWriterWritePI(writer, t.xml, c.xml) } },
            "processingInstruction")
    }

    /// Opens an element; `name` may carry a prefix (`atom:link`).
    public func startElement(_ name: String) throws {
        try check(name.withCString { xmlTextWriterStartElement(writer, $0.xml) }, "startElement \(name)")
    }

    /// Writes an attribute of the element just opened. `nil` writes nothing.
    public func attribute(_ name: String, _ value: String?) throws {
        guard let value else { return }
        try check(
            name.withCString { n in XMLText.legal(value).withCString { v in xmlTextWriterWriteAttribute(writer, n.xml, v.xml) } },
            "attribute \(name)")
    }

    /// Writes escaped character data.
    public func text(_ value: String) throws {
        try check(XMLText.legal(value).withCString { xmlTextWriterWriteString(writer, $0.xml) }, "text")
    }

    /// Closes the innermost open element (as `<x/>` when it is empty).
    public func endElement() throws {
        try check(xmlTextWriterEndElement(writer), "endElement")
        if Int(xmlBufferLength(buffer)) >= flushThreshold { try flush() }
    }

    /// `<name attr…>text</name>`; writes nothing when `value` is `nil`.
    public func element(_ name: String, _ value: String?, attributes: KeyValuePairs<String, String?> = [:]) throws {
        guard let value else { return }
        try startElement(name)
        for (key, attributeValue) in attributes { try attribute(key, attributeValue) }
        try text(value)
        try endElement()
    }

    /// An element with attributes only, written `<name …/>`.
    public func emptyElement(_ name: String, attributes: KeyValuePairs<String, String?>) throws {
        try startElement(name)
        for (key, value) in attributes { try attribute(key, value) }
        try endElement()
    }

    /// Closes every open element, ends the document and hands the rest to the sink.
    public func endDocument() throws {
        try check(xmlTextWriterEndDocument(writer), "endDocument")
        try flush()
    }

    /// Hands what libxml2 has buffered to the sink.
    public func flush() throws {
        try check(xmlTextWriterFlush(writer), "flush")
        let length = Int(xmlBufferLength(buffer))
        guard length > 0, let content = xmlBufferContent(buffer) else { return }
        let chunk = Data(bytes: content, count: length)
        xmlBufferEmpty(buffer)
        try sink(chunk)
    }

    private func check(_ status: Int32, _ operation: @autoclosure () -> String) throws {
        if status < 0 { throw XMLWriterError(operation: operation()) }
    }
}

/// libxml2 refused a write (out of memory, or a call out of order).
public struct XMLWriterError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var description: String { "libxml2 xmlTextWriter failed in \(operation)" }
}

extension UnsafePointer where Pointee == CChar {
    /// libxml2 spells `char` as `xmlChar` (unsigned).
    fileprivate var xml: UnsafePointer<xmlChar> { UnsafeRawPointer(self).assumingMemoryBound(to: xmlChar.self) }
}
