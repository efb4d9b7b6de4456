import Testing
@Test func placeholder$t() { #expect(Bool(true)) }
